// Checks across rows, run by data/load.ts after every cell is converted: a repeated key is
// an error on the later record, and every Payee value must name a good row of the roster
// (spec §4 input, §6). Problems are added to the rows they concern.
import type { IrField, IrInput } from '../ir/ir';
import { formatIsoDate } from '../eval/dates';
import { formatPlain, isDecimal } from '../eval/decimal';
import type { RowProblem } from './raw';
import type { DataRecord, Value } from './records';
import { columnReader, fieldValue } from './table';

/**
 * One converted row: the very record it becomes when nothing is wrong with it (`seq` is set
 * when the good records are counted). What is wrong with a row is kept beside it, in its
 * table, as almost every row has nothing.
 */
export type Row = { -readonly [K in keyof DataRecord]: DataRecord[K] };

/** One input's rows, with the name of the file they came from. */
export interface Table {
  readonly input: IrInput;
  readonly file: string;
  readonly rows: readonly Row[];
  /** False when the file is absent or unreadable as a whole (no header, missing column, invalid JSON). */
  readonly usable: boolean;
  /** Reasons to reject every row that are not errors of its own (a missing column, reported once). */
  readonly reasons: readonly string[];
  /** The problems of the rows that have some; grows as the checks run. */
  readonly problems: Map<Row, RowProblem[]>;
  /** Rows whose key field has no good value: their `key` is the raw key cells, else `#line`. */
  readonly badKeys: ReadonlySet<Row>;
}

export function addProblem(table: Table, row: Row, problem: RowProblem): void {
  const problems = table.problems.get(row);
  if (problems) problems.push(problem);
  else table.problems.set(row, [problem]);
}

/** A row with no problem of its own and no reason to reject every row of its table. */
export function isGoodRow(table: Table, row: Row): boolean {
  return table.reasons.length === 0 && !table.problems.has(row);
}

/** A typed value as text: decimals plain, dates ISO. */
export function displayValue(value: Value, field: IrField): string {
  if (value === null) return '';
  if (isDecimal(value)) return formatPlain(value);
  if (typeof value === 'number' && field.type.base === 'Date') return formatIsoDate(value);
  return String(value);
}

/**
 * A key seen twice is an error on the later row, naming the earlier line. While every key is
 * greater than the one before (a file written in key order, as exports usually are), none can
 * repeat, and each is compared with the one before only; from the first that is not, a table of
 * every key seen (firstLines) finds the repeats.
 */
export function checkDuplicateKeys(tables: readonly Table[]): void {
  for (const table of tables) {
    const { input, rows, badKeys } = table;
    const keyFields = input.fields.filter((f) => f.key);
    if (keyFields.length === 0) continue;
    const identityOf = (row: Row): string => (keyFields.length === 1 ? row.key : JSON.stringify(keyFields.map((f) => displayValue(fieldValue(row, f.name), f))));
    let firstLineOf: ((text: string, line: number) => number | undefined) | undefined;
    let previous: string | undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (badKeys.has(row)) continue;
      const identity = identityOf(row);
      if (firstLineOf === undefined) {
        if (previous === undefined || identity > previous) { previous = identity; continue; }
        // out of key order: every key so far (all different) goes in the table
        firstLineOf = firstLines(rows.length);
        for (let j = 0; j < i; j++) if (!badKeys.has(rows[j]!)) firstLineOf(identityOf(rows[j]!), rows[j]!.line);
      }
      const earlier = firstLineOf(identity, row.line);
      if (earlier === undefined) continue;
      addProblem(table, row, { column: keyFields[0]!.name, value: row.key, message: `duplicate key \`${row.key}\`: line ${earlier} has the same key` });
    }
  }
}

/**
 * A table of texts with the line each was first added on, for up to `capacity` texts: open
 * addressing (linear probing) over a typed array of FNV-1a hashes, sized once, at most half
 * full. Over a million keys it is several times faster than a Map, whose entries lie all over
 * the heap. The function it returns adds `text` first seen on `line`, or gives the line it was
 * first added on when it was added before.
 */
export function firstLines(capacity: number): (text: string, line: number) => number | undefined {
  const size = 2 ** Math.max(4, Math.ceil(Math.log2(2 * capacity + 1)));
  // per slot, side by side: 1 + the index of its text (0 when empty), and the text's hash, so
  // that a probe reads one place and looks at another text only when the hashes are equal
  const slots = new Int32Array(2 * size);
  const mask = size - 1;
  // made to size (a long array grown by pushing is copied over and over); at most half the slots fill
  const texts = new Array<string>(capacity), lines = new Int32Array(size >> 1);
  let count = 0;
  return (text, line) => {
    if (count >= size >> 1) throw new RangeError('firstLines: more texts than its capacity');
    let hash = 0x811c9dc5 | 0; // an int32 from the start, as the slots keep it (the empty text is never imul-ed)
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot]!;
      if (entry === 0) {
        texts[count] = text;
        lines[count++] = line;
        slots[2 * slot] = count;
        slots[2 * slot + 1] = hash;
        return undefined;
      }
      if (slots[2 * slot + 1] === hash && texts[entry - 1] === text) return lines[entry - 1];
    }
  };
}

/**
 * Every set Payee value must name a good roster row. The roster's own Payee fields (a
 * `manager`) are checked first, against the roster rows good so far; the other inputs then
 * against the roster rows that remain good. Skipped when the roster file is missing or
 * unreadable: its own error says so, and every payee would otherwise be reported.
 */
export function checkPayees(tables: readonly Table[]): void {
  const roster = tables.find((t) => t.input.roster === true);
  const idField = roster?.input.fields.find((f) => f.key && f.type.base === 'Payee');
  if (roster === undefined || idField === undefined || !roster.usable) return;
  const ids = (table: Table): Set<string> => {
    const found = new Set<string>();
    for (const r of table.rows) {
      const id = fieldValue(r, idField.name);
      if (isGoodRow(table, r) && typeof id === 'string') found.add(id);
    }
    return found;
  };
  checkTablePayees(roster, ids(roster), roster, idField);
  const good = ids(roster);
  for (const table of tables) if (table !== roster) checkTablePayees(table, good, roster, idField);
}

function checkTablePayees(table: Table, good: ReadonlySet<string>, roster: Table, idField: IrField): void {
  const payeeFields = table.input.fields.filter((f) => f.type.base === 'Payee' && !(table === roster && f === idField));
  if (payeeFields.length === 0) return;
  const rejectedLine = new Map<string, number>();
  for (const row of roster.rows) {
    const id = fieldValue(row, idField.name);
    if (typeof id === 'string' && !good.has(id) && !rejectedLine.has(id)) rejectedLine.set(id, row.line);
  }
  const readers = payeeFields.map((f) => columnReader(f.name));
  for (const row of table.rows) {
    for (let f = 0; f < payeeFields.length; f++) {
      const field = payeeFields[f]!, value = readers[f]!(row);
      if (typeof value !== 'string' || good.has(value)) continue;
      const line = rejectedLine.get(value);
      const message = line === undefined
        ? `unknown payee \`${value}\`: not in ${roster.file}`
        : `payee \`${value}\` is on a rejected row of ${roster.file} (line ${line})`;
      addProblem(table, row, { column: field.name, value, message });
    }
  }
}
