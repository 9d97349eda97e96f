// The shapes of loaded data: typed records, data errors and warnings. Produced by
// data/load.ts from file text (the core never touches the file system), consumed by the
// evaluator; and byName, the prototype-free objects both keep tables keyed by plan names in.
// Values: Money, Percent, Number and Int are Decimals; Date is a day number (eval/dates.ts);
// Text, Payee and enum values are strings; Bool is a boolean; unset is null.
import type { Decimal } from '../eval/decimal';

export type Value = Decimal | number | string | boolean | null;

export interface DataRecord {
  /** The input (data set) this record belongs to. */
  readonly input: string;
  /** 1-based physical line where the record starts (the CSV header is line 1). */
  readonly line: number;
  /** The file it came from, as named inside the data folder ("deals.csv"). */
  readonly file: string;
  /** Declared fields by name (derived fields are added by the evaluator). */
  readonly values: Record<string, Value>;
  /** The key as display text: key field values joined with '/' ("D1"; "D1/R2" for composite keys). */
  readonly key: string;
  /** Position among its input's records in LoadedData.records (0-based): the evaluator keeps per-record state in arrays indexed by it. */
  readonly seq: number;
}

/** A data error: names file, line, column and the bad value (spec §6, §7). */
export interface DataError {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly message: string;
}

export type DataWarning = DataError;

/** One file to load: its text, its name in the data folder and its format. */
export interface DataFile {
  readonly input: string;
  readonly file: string;
  readonly format: 'csv' | 'json' | 'jsonl';
  readonly text: string;
}

export interface LoadedData {
  /** Good records per input name, in file order. */
  readonly records: Record<string, DataRecord[]>;
  /** Every error found, in file and line order. */
  readonly errors: DataError[];
  readonly warnings: DataWarning[];
  /** Rows rejected because of errors (with --skip-bad-rows these are left out and listed). */
  readonly rejected: { readonly input: string; readonly file: string; readonly line: number; readonly key: string; readonly reasons: string[] }[];
  /** Rows read per input, good or bad. */
  readonly read: Record<string, number>;
}

/**
 * An object keyed by names from the plan (inputs, fields, metrics) with no prototype: a name
 * such as `__proto__`, `constructor` or `toString` is an own property like any other, not
 * Object.prototype's (with `{}`, `values.__proto__ = true` would be dropped).
 */
export function byName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
