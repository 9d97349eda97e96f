// CSV reader: file text → raw rows with physical line numbers (spec §6), for data/load.ts.
// csv-parse does the RFC 4180 cell parsing; a small scanner of our own finds where each
// record starts, because csv-parse's line counter counts a CRLF inside a quoted cell twice
// and its error recovery can swallow the rows after a broken quote. The whole text goes
// through csv-parse in one call; if that fails, each record is parsed on its own so a
// broken quote costs one row and the error names that row's line.
import { parse } from 'csv-parse/sync';
import type { IrInput } from '../ir/ir';
import type { DataError, DataFile, DataWarning } from './records';
import { clip, sameIgnoringCase, type RawCell, type RawCells, type RawRow, type ReadResult, type RowProblem } from './raw';

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;

const CSV_OPTIONS = { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true };

/** Reads a CSV file (BOM already removed from `text`) against the input's fields. */
export function readCsv(file: DataFile, text: string, input: IrInput): ReadResult {
  const errors: DataError[] = [];
  const warnings: DataWarning[] = [];
  const at: At = (line, column, value, message) => ({ file: file.file, line, column, value, message });
  const records = parseRecords(text);
  const first = records.next();
  if (first.done) {
    const columns = input.fields.map((f) => f.name).join(',');
    errors.push(at(1, '', '', `empty file: expected a header row naming the columns: ${columns}`));
    return { rows: [], errors, warnings };
  }
  const header = first.value;
  if ('problem' in header) {
    errors.push(at(header.line, '', header.problem.value, `cannot read the header: ${header.problem.message}`));
    return { rows: [], errors, warnings };
  }
  const names = header.cells.map((c) => c.trim());
  const { columnOf, missing, doubled } = matchHeader(names, input, header.line, at, errors, warnings);
  const rows = bodyRows(records, names, columnOf, input.fields.map((f) => columnOf.get(f.name) ?? -1));
  const rowReasons = [
    ...(missing.length === 0 ? [] : [`missing ${plural(missing.length, 'column')} ${missing.map((m) => `\`${m}\``).join(', ')}`]),
    ...doubled.map((name) => `column \`${name}\` appears twice`),
  ];
  return { rows, capacity: lineBreaks(text), errors, warnings, missingColumns: missing, rowReasons };
}

/** The raw rows after the header, made as the records are parsed. */
function* bodyRows(
  records: Iterator<CsvRecord>, names: readonly string[], columnOf: ReadonlyMap<string, number>, fieldColumns: readonly number[],
): Generator<RawRow> {
  for (let next = records.next(); !next.done; next = records.next()) {
    const record = next.value;
    if ('problem' in record) {
      const { index, value, message } = record.problem;
      yield { line: record.line, cells: new Map(), problems: [{ column: index !== undefined ? names[index] ?? '' : '', value, message }] };
      continue;
    }
    if (isBlank(record.cells)) continue; // a blank line, or one of only commas
    if (record.cells.length !== names.length) {
      const message = `this row has ${record.cells.length} ${plural(record.cells.length, 'cell')} but the header has ${names.length} ${plural(names.length, 'column')}`;
      yield { line: record.line, cells: new Map(), problems: [{ column: '', value: clip(record.source.slice(record.start, record.end)), message }] };
      continue;
    }
    yield { line: record.line, cells: new CsvCells(record.cells, columnOf, fieldColumns), problems: NO_PROBLEMS };
  }
}

/** The problems of a row that has none, shared (a million rows need not each make an empty list). */
const NO_PROBLEMS: readonly RowProblem[] = Object.freeze([]);

/** Whether every cell is empty or white space as trim() has it (a cell starting with a printable ASCII character is not). */
function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) {
    if (c.length === 0) continue;
    const k = c.charCodeAt(0);
    if ((k > 32 && k < 127) || c.trim() !== '') return false;
  }
  return true;
}

/** A CSV row's cells by field name: its cell array read through the header's column map. */
class CsvCells implements RawCells {
  constructor(
    private readonly cells: readonly string[], private readonly columnOf: ReadonlyMap<string, number>,
    /** Per field of the input, in declaration order: its column, or -1. */
    private readonly fieldColumns: readonly number[],
  ) {}

  get(field: string): RawCell | undefined {
    const index = this.columnOf.get(field);
    return index === undefined ? undefined : this.cells[index];
  }

  at(field: number): RawCell | undefined {
    const index = this.fieldColumns[field]!;
    return index < 0 ? undefined : this.cells[index];
  }
}

type At = (line: number, column: string, value: string, message: string) => DataError;

/** Maps each field to its column; reports missing and duplicated columns (errors) and extra ones (warnings). */
function matchHeader(
  names: readonly string[], input: IrInput, line: number,
  at: At, errors: DataError[], warnings: DataWarning[],
): { columnOf: Map<string, number>; missing: string[]; doubled: string[] } {
  const columnOf = new Map<string, number>();
  const missing: string[] = [];
  const doubled: string[] = [];
  const fieldNames = new Set(input.fields.map((f) => f.name));
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) {
      if (fieldNames.has(name) && !doubled.includes(name)) {
        doubled.push(name);
        errors.push(at(line, name, name, `column \`${name}\` appears twice in the header: keep one`));
      }
      return;
    }
    seen.add(name);
    if (fieldNames.has(name)) { columnOf.set(name, index); return; }
    const near = input.fields.find((f) => sameIgnoringCase(f.name, name));
    const hint = near ? ` (did you mean \`${near.name}\`? column names are case-sensitive)` : '';
    const message = name === ''
      ? `column ${index + 1} has no name and is ignored`
      : `extra column \`${name}\` is not a field of \`${input.name}\` and is ignored${hint}`;
    warnings.push(at(line, name, name, message));
  });
  const separator = names.length === 1 ? [';', '\t', '|'].find((s) => names[0]!.includes(s)) : undefined;
  if (separator !== undefined && columnOf.size < input.fields.length) {
    const shown = separator === '\t' ? 'tabs' : `\`${separator}\``;
    errors.push(at(line, '', clip(names[0]!), `the header is separated by ${shown}: separate columns with commas`));
    missing.push(...input.fields.filter((f) => !columnOf.has(f.name)).map((f) => f.name));
    return { columnOf, missing, doubled };
  }
  for (const field of input.fields) {
    if (columnOf.has(field.name)) continue;
    missing.push(field.name);
    const near = names.find((n) => sameIgnoringCase(field.name, n));
    const hint = near !== undefined ? `: the header has \`${near}\`, and column names are case-sensitive` : field.type.optional ? ': every field needs a column, even an optional one' : '';
    errors.push(at(line, field.name, '', `missing column \`${field.name}\`${hint}`));
  }
  return { columnOf, missing, doubled };
}

// ---------------------------------------------------------------- records

type CsvRecord =
  /** A parsed record; its text is `source` from `start` to `end`, sliced only for an error message. */
  | { readonly line: number; readonly cells: string[]; readonly source: string; readonly start: number; readonly end: number }
  | { readonly line: number; readonly raw: string; readonly problem: RowProblem & { readonly index?: number } };

interface Span { readonly start: number; readonly end: number; readonly line: number }

/** Records parsed by one call to csv-parse: enough to amortise the call, few enough that a large file's cells are never all in memory at once. */
const CHUNK = 8192;

/**
 * Every non-empty record of the file with the physical line it starts on, parsed a chunk of
 * records at a time (chunks end where records end, so no cell is cut). A chunk that csv-parse
 * cannot read as exactly its records (broken quoting) is parsed record by record instead.
 */
function* parseRecords(text: string): Generator<CsvRecord> {
  for (const chunk of splitRecords(text, CHUNK)) {
    const slice = text.slice(chunk[0]!.start, chunk.at(-1)!.end);
    let all: string[][] | undefined;
    if (!slice.includes('"')) {
      // Without a quote, RFC 4180 cells are exactly the text between commas: what csv-parse
      // would return, without its per-character state machine.
      all = chunk.map((s) => text.slice(s.start, s.end).split(','));
    } else {
      try {
        all = parse(slice, CSV_OPTIONS) as string[][];
      } catch {
        all = undefined; // broken quoting somewhere: parse record by record below
      }
    }
    if (all !== undefined && all.length === chunk.length) {
      for (let i = 0; i < chunk.length; i++) {
        const span = chunk[i]!;
        yield { line: span.line, cells: all[i]!, source: text, start: span.start, end: span.end };
      }
    } else {
      for (const s of chunk) yield parseOne(text.slice(s.start, s.end), s.line);
    }
  }
}

function parseOne(raw: string, line: number): CsvRecord {
  try {
    const parsed = parse(raw, CSV_OPTIONS) as string[][];
    if (parsed.length === 1) return { line, cells: parsed[0]!, source: raw, start: 0, end: raw.length };
    return { line, raw, problem: { column: '', value: clip(raw), message: 'broken quoting: cannot tell where this row ends' } };
  } catch (error) {
    const { code, index } = error as { code?: string; index?: number };
    return { line, raw, problem: { column: '', value: clip(raw), message: quotingMessage(code), index } };
  }
}

function quotingMessage(code: string | undefined): string {
  switch (code) {
    case 'INVALID_OPENING_QUOTE':
      return 'broken quoting: a cell with a quote in it must be quoted as a whole, the inner quote doubled ("12"" screen")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'broken quoting: text follows the closing quote of a cell';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'broken quoting: a quote is never closed, so the cell runs to the end of the file';
    default:
      return 'broken quoting: cannot read this row';
  }
}

/**
 * Splits the text into records the way RFC 4180 does: a line break ends a record unless it
 * is inside a quoted cell; a quote opens a quoted cell only at the start of a cell. Empty
 * lines are skipped, but counted. Yields the records `size` at a time, so that the spans of a
 * large file are never all in memory at once.
 */
function* splitRecords(text: string, size: number): Generator<Span[]> {
  let spans: Span[] = [];
  let i = 0, line = 1;
  const n = text.length;
  // where the next quote, line feed and carriage return are (n for none): a record without a
  // quote ends at the first line break, found by indexOf rather than character by character
  let quote = -1, lf = -1, cr = -1;
  while (i < n) {
    const start = i, startLine = line;
    if (quote < i) quote = next(text, '"', i);
    if (lf < i) lf = next(text, '\n', i);
    if (cr < i) cr = next(text, '\r', i);
    const lineEnd = lf < cr ? lf : cr;
    if (quote >= lineEnd) {
      i = lineEnd;
      if (i < n) {
        i += i === cr && lf === i + 1 ? 2 : 1;
        line++;
      }
      if (lineEnd > start) spans.push({ start, end: lineEnd, line: startLine });
      if (spans.length === size) { yield spans; spans = []; }
      continue;
    }
    let quoted = false, cellStart = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else quoted = false;
        } else if (c === LF || c === CR) {
          if (c === CR && text.charCodeAt(i + 1) === LF) i++;
          line++;
        }
        continue;
      }
      if (c === LF || c === CR) break;
      if (c === QUOTE && cellStart) quoted = true;
      cellStart = c === COMMA;
    }
    const end = i;
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    if (end > start) spans.push({ start, end, line: startLine });
    if (spans.length === size) { yield spans; spans = []; }
  }
  if (spans.length > 0) yield spans;
}

/** How many line feeds and carriage returns `text` has: at least its records after the header. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) count++;
  return count;
}

/** The index of the next `c` in `text` from `from`, or the text's length. */
function next(text: string, c: string, from: number): number {
  const at = text.indexOf(c, from);
  return at < 0 ? text.length : at;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
