// Checks across rows, run by data/load.ts after every cell is converted: a repeated key is
// an error on the later record, and every Payee value must name a good row of the roster
// (spec §4 input, §6). Problems are added to the rows they concern.
import type { IrField, IrInput } from '../ir/ir';
import { formatIsoDate } from '../eval/dates';
import { formatPlain, isDecimal } from '../eval/decimal';
import type { RowProblem } from './raw';
import type { Value } from './records';

/** One converted row; `problems` grows as the checks run. */
export interface Row {
  readonly line: number;
  readonly values: Record<string, Value>;
  readonly problems: RowProblem[];
  /** Reasons to reject the row that are not errors of its own (a missing column, reported once). */
  readonly reasons: readonly string[];
  /** The key as display text ("D1", "D1/R2", `#line` without key fields). */
  readonly key: string;
  /** False when a key field has no good value: `key` is then the raw key cells, else `#line`. */
  readonly goodKey: boolean;
}

/** One input's rows, with the name of the file they came from. */
export interface Table {
  readonly input: IrInput;
  readonly file: string;
  readonly rows: readonly Row[];
  /** False when the file is absent or unreadable as a whole (no header, missing column, invalid JSON). */
  readonly usable: boolean;
}

/** Key field values joined with '/' ("D1", "D1/R2"); undefined if one is unset. */
export function keyText(keyFields: readonly IrField[], values: Record<string, Value>): string | undefined {
  if (keyFields.length === 1) {
    // one key field: its text itself (for a Text key, the very string the record holds, not a copy)
    const value = values[keyFields[0]!.name];
    return value === null || value === undefined ? undefined : displayValue(value, keyFields[0]!);
  }
  const parts: string[] = [];
  for (const field of keyFields) {
    const value = values[field.name];
    if (value === null || value === undefined) return undefined;
    parts.push(displayValue(value, field));
  }
  return parts.join('/');
}

/** A typed value as text: decimals plain, dates ISO. */
export function displayValue(value: Value, field: IrField): string {
  if (value === null) return '';
  if (isDecimal(value)) return formatPlain(value);
  if (typeof value === 'number' && field.type.base === 'Date') return formatIsoDate(value);
  return String(value);
}

/** A key seen twice is an error on the later row, naming the earlier line. */
export function checkDuplicateKeys(tables: readonly Table[]): void {
  for (const { input, rows } of tables) {
    const keyFields = input.fields.filter((f) => f.key);
    if (keyFields.length === 0) continue;
    const firstLine = new Map<string, number>();
    for (const row of rows) {
      if (!row.goodKey) continue;
      const identity = keyFields.length === 1 ? row.key : JSON.stringify(keyFields.map((f) => displayValue(row.values[f.name] ?? null, f)));
      const earlier = firstLine.get(identity);
      if (earlier === undefined) { firstLine.set(identity, row.line); continue; }
      row.problems.push({ column: keyFields[0]!.name, value: row.key, message: `duplicate key \`${row.key}\`: line ${earlier} has the same key` });
    }
  }
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
  const ids = (rows: readonly Row[]): Set<string> => {
    const found = new Set<string>();
    for (const r of rows) {
      const id = r.values[idField.name];
      if (r.problems.length === 0 && r.reasons.length === 0 && typeof id === 'string') found.add(id);
    }
    return found;
  };
  checkTablePayees(roster, ids(roster.rows), roster, idField);
  const good = ids(roster.rows);
  for (const table of tables) if (table !== roster) checkTablePayees(table, good, roster, idField);
}

function checkTablePayees(table: Table, good: ReadonlySet<string>, roster: Table, idField: IrField): void {
  const payeeFields = table.input.fields.filter((f) => f.type.base === 'Payee' && !(table === roster && f === idField));
  if (payeeFields.length === 0) return;
  const rejectedLine = new Map<string, number>();
  for (const row of roster.rows) {
    const id = row.values[idField.name];
    if (typeof id === 'string' && !good.has(id) && !rejectedLine.has(id)) rejectedLine.set(id, row.line);
  }
  for (const row of table.rows) {
    for (const field of payeeFields) {
      const value = row.values[field.name];
      if (typeof value !== 'string' || good.has(value)) continue;
      const line = rejectedLine.get(value);
      const message = line === undefined
        ? `unknown payee \`${value}\`: not in ${roster.file}`
        : `payee \`${value}\` is on a rejected row of ${roster.file} (line ${line})`;
      row.problems.push({ column: field.name, value, message });
    }
  }
}
