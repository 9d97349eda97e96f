// Raw rows: what the format readers (read-csv.ts, read-json.ts) hand to data/load.ts before
// any type conversion. A cell keeps its source form (CSV text, JSON string, JSON number
// text, ...) so convert.ts can apply the rules of spec §6; plus small text helpers (physical
// line numbers, clipping long values for error messages) the readers share.
import type { DataError, DataWarning } from './records';

/**
 * One cell as it appears in the file. A CSV cell is its text, as a plain string (a million rows
 * of six cells would otherwise be six million small objects); a JSON number keeps its source
 * text, never a float.
 */
export type RawCell =
  | string
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'nested'; readonly text: string; readonly what: 'an object' | 'an array' };

/** A problem found in one row; load.ts adds the file name. */
export interface RowProblem {
  readonly column: string;
  readonly value: string;
  readonly message: string;
}

/** A row's cells by field name (a Map, or a CSV row's view of its cell array). */
export interface RawCells {
  get(field: string): RawCell | undefined;
  /** The cell of the input's field number `field` (in declaration order), where the reader can tell it without the name. */
  at?(field: number): RawCell | undefined;
}

export interface RawRow {
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Cells of the input's declared fields, by field name; an absent field has none. */
  readonly cells: RawCells;
  /** Structural problems (broken quoting, wrong cell count, not an object): the row is not converted. */
  readonly problems: readonly RowProblem[];
}

export interface ReadResult {
  /** The rows in file order; the CSV reader yields them one by one, so a large file never holds every raw row at once. */
  readonly rows: Iterable<RawRow>;
  /** At most how many rows there are (a CSV's line count), so that the table is made to size once. */
  readonly capacity?: number;
  /** File-level errors (no header, missing column, invalid JSON). */
  readonly errors: readonly DataError[];
  readonly warnings: readonly DataWarning[];
  /** Fields with no column in the CSV header: left unset and not checked. */
  readonly missingColumns?: readonly string[];
  /** Why every row is rejected (a missing or doubled column), after its own cells are checked. */
  readonly rowReasons?: readonly string[];
}

/** Offsets where each physical line starts; `\r\n`, `\n` and a lone `\r` end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line holding `offset`, given lineStarts(text). */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}

/** A value short enough to quote in an error: its first line, at most `max` characters. */
export function clip(text: string, max = 80): string {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0]!;
  const cut = firstLine.length > max ? firstLine.slice(0, max) : firstLine;
  return cut.length < text.length ? `${cut}…` : cut;
}

/** Drops a leading byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Names that differ only in case: the header has `Amount` where the field is `amount`. */
export function sameIgnoringCase(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}
