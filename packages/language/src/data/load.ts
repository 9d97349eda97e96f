// The data loader: file TEXT → typed records, data errors and warnings (spec §6, §7). It sits
// between the CLI (which finds NAME.csv / NAME.json / NAME.jsonl and reads the bytes) and the
// evaluator. Steps: read each file into raw rows (read-csv.ts, read-json.ts), convert every
// cell by its field's type (convert.ts) into the input's table (table.ts), check keys and payees (checks.ts), then split the
// rows into good records and rejected ones. It never throws: bad data is reported, all of it
// in one pass, sorted by file and line.
import type { IrField, IrInput, IrPlan } from '../ir/ir';
import { checkDuplicateKeys, checkPayees, displayValue, isGoodRow, type Table, type Row } from './checks';
import { lastUnits, MAX_SCALE, readUnits } from '../eval/decimal';
import { parseIsoDate } from '../eval/dates';
import { NumericColumn, RecordTable, TableRecord, type Column } from './table';
import { convertCell, displayCell } from './convert';
import { lineAt, lineStarts, stripBom, type RawRow, type ReadResult, type RowProblem } from './raw';
import { readCsv } from './read-csv';
import { readJson, readJsonl } from './read-json';
import { byName, type DataError, type DataFile, type DataRecord, type DataWarning, type LoadedData, type Value } from './records';

export interface LoadOptions {
  /** Inputs whose file the caller could not read and has reported already (a folder, a broken link): no second "no data file" error. */
  readonly reported?: ReadonlySet<string>;
}

/** Loads every input of the plan from its data file. Never throws. */
export function loadData(plan: IrPlan, files: readonly DataFile[], options: LoadOptions = {}): LoadedData {
  const enums = new Map(plan.enums.map((e) => [e.name, e.values] as const));
  const errors: DataError[] = [];
  const warnings: DataWarning[] = [];
  const inputNames = new Set(plan.inputs.map((i) => i.name));
  for (const file of files) {
    if (!inputNames.has(file.input)) {
      warnings.push({ file: file.file, line: 0, column: '', value: '', message: `\`${file.input}\` is not an input of the plan: ${file.file} is ignored` });
    }
  }
  const payees = new Map<string, string>();
  const tables = plan.inputs.map((input) => loadTable(input, files, enums, payees, options.reported?.has(input.name) ? [] : errors, warnings));
  checkDuplicateKeys(tables);
  checkPayees(tables);
  return assemble(tables, errors, warnings);
}

/** Reads and converts one input's file; file-level errors and warnings go straight to the lists. */
function loadTable(
  input: IrInput, files: readonly DataFile[], enums: ReadonlyMap<string, readonly string[]>, payees: Map<string, string>,
  errors: DataError[], warnings: DataWarning[],
): Table {
  const [file, ...extra] = files.filter((f) => f.input === input.name);
  if (file === undefined) {
    const message = `no data file for input \`${input.name}\`: add ${input.name}.csv, ${input.name}.json or ${input.name}.jsonl`;
    errors.push({ file: `${input.name}.csv`, line: 0, column: '', value: '', message });
    return { input, file: `${input.name}.csv`, rows: [], usable: false, reasons: [], problems: new Map(), badKeys: new Set() };
  }
  for (const other of extra) {
    const message = `two data files for input \`${input.name}\`: ${file.file} and ${other.file}; keep one`;
    errors.push({ file: other.file, line: 0, column: '', value: '', message });
  }
  const text = stripBom(file.text);
  const read: ReadResult = file.format === 'csv' ? readCsv(file, text, input) : file.format === 'json' ? readJson(file, text, input) : readJsonl(file, text, input);
  errors.push(...read.errors);
  warnings.push(...read.warnings);
  const unreadable = text.indexOf('\uFFFD');
  if (unreadable >= 0) {
    const message = 'the file is not valid UTF-8: unreadable bytes are shown as `\uFFFD`; save it as UTF-8';
    warnings.push({ file: file.file, line: lineAt(lineStarts(text), unreadable), column: '', value: '', message });
  }
  const missing = new Set(read.missingColumns ?? []);
  const problems = new Map<Row, RowProblem[]>(), badKeys = new Set<Row>();
  const capacity = read.capacity ?? (Array.isArray(read.rows) ? read.rows.length : undefined);
  const table = new RecordTable(input.fields, capacity, input.name, file.file);
  const columns = input.fields.map((f) => table.column(f.name)!);
  const schema: Schema = { input, file: file.file, enums, payees, missing: input.fields.map((f) => missing.has(f.name)), keyFields: input.fields.filter((f) => f.key), problems, badKeys, table, columns };
  // made to size, then cut to the rows read: a long array grown by pushing is copied over and over
  const rows: Row[] = capacity === undefined ? [] : new Array<Row>(capacity);
  let count = 0;
  for (const raw of read.rows) {
    rows[count] = convertRow(raw, schema, count);
    count++;
  }
  rows.length = count;
  return { input, file: file.file, rows, usable: read.errors.length === 0, reasons: read.rowReasons ?? [], problems, badKeys };
}

interface Schema {
  readonly input: IrInput;
  readonly file: string;
  readonly enums: ReadonlyMap<string, readonly string[]>;
  /** Every Payee value read so far, each kept once: a million deals name a thousand payees. */
  readonly payees: Map<string, string>;
  /** Per field, in declaration order: whether it has no column (then it is left unset and not checked). */
  readonly missing: readonly boolean[];
  readonly keyFields: readonly IrField[];
  /** Where the rows' problems and bad keys go (the table's, once every row is read). */
  readonly problems: Map<Row, RowProblem[]>;
  readonly badKeys: Set<Row>;
  /** Where the cells go, and its columns in field order. */
  readonly table: RecordTable;
  readonly columns: readonly Column[];
}

/** Converts every cell of a row into its table; a row with structural problems is not converted. */
function convertRow(raw: RawRow, schema: Schema, pos: number): Row {
  const { input, file, enums, payees, missing, keyFields, table, columns } = schema;
  let problems: RowProblem[] | undefined = raw.problems.length === 0 ? undefined : [...raw.problems];
  let key: string | undefined;
  if (raw.problems.length === 0) {
    table.markConverted(pos);
    const keyParts: Value[] | undefined = keyFields.length > 1 ? [] : undefined;
    let keyMissing = false;
    const fields = input.fields;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!, column = columns[f]!;
      if (missing[f]) {
        column.set(pos, null);
        if (field.key) keyMissing = true;
        continue;
      }
      const cell = raw.cells.at ? raw.cells.at(f) : raw.cells.get(field.name);
      let value: Value | undefined;
      // a plain number, read straight into units: the Decimal parseDecimal would give, without making it
      const fast = typeof cell === 'string' && column instanceof NumericColumn ? readCell(cell, field) : -1;
      if (fast >= 0) {
        (column as NumericColumn).setUnits(pos, lastUnits(), fast);
        if (!field.key) continue;
        value = column.get(pos);
      } else if (typeof cell === 'string' && (value = plainCell(cell, field, enums, payees)) !== undefined) {
        column.set(pos, value);
      } else {
        const result = convertCell(cell, field, enums);
        if (!result.ok) {
          (problems ??= []).push({ column: field.name, value: displayCell(cell), message: result.message });
          column.set(pos, null);
          if (field.key) keyMissing = true;
          continue;
        }
        value = field.type.base === 'Payee' && typeof result.value === 'string' ? intern(payees, result.value) : result.value;
        column.set(pos, value);
        if (value === null && field.key) {
          (problems ??= []).push({ column: field.name, value: '', message: `missing value for key field \`${field.name}\`` });
          keyMissing = true;
          continue;
        }
      }
      if (!field.key) continue;
      if (keyParts) keyParts.push(displayValue(value, field));
      else key = displayValue(value, field);
    }
    if (keyFields.length === 0) key = `#${raw.line}`;
    else if (keyMissing) key = undefined;
    else if (keyParts) key = keyParts.join('/');
  }
  table.setLine(pos, raw.line);
  table.setKey(pos, key ?? rawKey(raw, keyFields));
  const row: Row = new TableRecord(table, pos);
  if (problems) schema.problems.set(row, problems);
  if (key === undefined) schema.badKeys.add(row);
  return row;
}

/**
 * The value of a CSV cell of a Date, enum, Payee or Text field written plainly (no space around
 * it, nothing to report): what convertCell gives, without its result object; undefined for any
 * other cell, which convertCell then converts or reports.
 */
function plainCell(cell: string, field: IrField, enums: ReadonlyMap<string, readonly string[]>, payees: Map<string, string>): Value | undefined {
  const n = cell.length;
  if (n === 0 || cell.charCodeAt(0) <= 32 || cell.charCodeAt(n - 1) <= 32) return undefined;
  switch (field.type.base) {
    case 'Date':
      return parseIsoDate(cell);
    case 'Enum': {
      const values = enums.get(field.type.enum ?? '');
      const index = values ? values.indexOf(cell) : -1;
      return index >= 0 ? values![index] : undefined; // the plan's own string, shared by every record
    }
    case 'Payee':
      return cell.charCodeAt(0) < 128 && cell.charCodeAt(n - 1) < 128 ? intern(payees, cell) : undefined;
    case 'Text':
      return cell;
    default:
      return undefined;
  }
}

/** The scale of a numeric CSV cell read by readUnits (a Percent's `20%` as 0.20, an Int only when whole), or -1 to convert it the long way. */
function readCell(cell: string, field: IrField): number {
  const base = field.type.base;
  if (base === 'Percent') {
    if (cell.charCodeAt(cell.length - 1) !== 37 /* % */) return readUnits(cell);
    const scale = readUnits(cell.slice(0, -1));
    return scale >= 0 && scale + 2 <= MAX_SCALE ? scale + 2 : -1;
  }
  const scale = readUnits(cell);
  if (scale > 0 && base === 'Int' && lastUnits() % 10 ** scale !== 0) return -1; // not whole: convertCell says so
  return scale;
}

/** The name of a row without a good key (rejected already): its raw key cells, else its line. */
function rawKey(raw: RawRow, keyFields: readonly IrField[]): string {
  const parts = keyFields.map((f) => displayCell(raw.cells.get(f.name)).trim());
  return parts.length > 0 && parts.every((k) => k !== '') ? parts.join('/') : `#${raw.line}`;
}

/** Splits rows into records and rejected rows; turns row problems into sorted data errors. */
function assemble(tables: readonly Table[], errors: DataError[], warnings: DataWarning[]): LoadedData {
  const records = byName<DataRecord[]>();
  const read = byName<number>();
  const rejected: LoadedData['rejected'][number][] = [];
  for (const table of tables) {
    const { input, file, rows } = table;
    const good = new Array<DataRecord>(rows.length);
    let count = 0;
    for (const row of rows) {
      if (isGoodRow(table, row)) {
        row.seq = count;
        good[count++] = row;
        continue;
      }
      const problems = table.problems.get(row) ?? [];
      for (const p of problems) errors.push({ file, line: row.line, column: p.column, value: p.value, message: p.message });
      const reasons = [...table.reasons, ...problems.map((p) => (p.column === '' ? p.message : `${p.column}: ${p.message}`))];
      rejected.push({ input: input.name, file, line: row.line, key: row.key, reasons });
    }
    good.length = count;
    records[input.name] = good;
    read[input.name] = rows.length;
  }
  return { records, errors: byFileAndLine(errors), warnings: byFileAndLine(warnings), rejected: byFileAndLine(rejected), read };
}

function intern(seen: Map<string, string>, text: string): string {
  const known = seen.get(text);
  if (known !== undefined) return known;
  seen.set(text, text);
  return text;
}

function byFileAndLine<T extends { readonly file: string; readonly line: number }>(items: T[]): T[] {
  return items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
