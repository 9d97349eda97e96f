// The record store: one input's rows kept by column, and the records that read them. A
// numeric cell is an integer count of units and a scale (two typed arrays), made a Decimal only
// when something reads it; a record is one small object (its table and position: its line,
// key and seq are the table's too), whose `values` object is made the first time something asks
// for it. A million deals are then a few arrays and a million small objects, not ten million (a
// values object and three Decimals of two objects each per deal), which the garbage collector
// would copy and mark over and over.
// Written by data/load.ts; read by the evaluator through fieldValue and columnReader, and by
// everything else through `values`. Pipeline: load → **table** → eval/runtime.ts.
import type { IrField } from '../ir/ir';
import { decimalFromUnits, divideUnits, isDecimal, MAX_SCALE, scaleOf, toUnits, type Decimal } from '../eval/decimal';
import type { DataRecord, Value } from './records';

/** A column's cells by position; `undefined` where a row set no value (a row that was not converted). */
export interface Column {
  get(pos: number): Value;
  set(pos: number, value: Value): void;
}

/** The rows a table is made for when its reader cannot tell (columns grow past it). */
const DEFAULT_CAPACITY = 1024;

/** Scale markers: the cell is unset, or a Decimal kept as it is (too many digits, a negative zero). */
const UNSET = -1, AS_DECIMAL = -2;

/** Money, Percent, Number and Int cells: units × 10^-scale in two typed arrays, with the rare other Decimal kept beside them. */
export class NumericColumn implements Column {
  units: Float64Array;
  scales: Int8Array;
  /** The largest scale of any cell held as units. */
  maxScale = 0;
  /** Cells held as Decimals, by position. */
  readonly decimals = new Map<number, Decimal>();

  /** `capacity`: the rows expected (the arrays grow past it, by copying). */
  constructor(capacity = DEFAULT_CAPACITY) {
    this.units = new Float64Array(capacity);
    this.scales = new Int8Array(capacity).fill(UNSET);
  }

  get(pos: number): Value {
    const scale = this.scales[pos]!;
    if (scale >= 0) return decimalFromUnits(this.units[pos]!, scale);
    return scale === AS_DECIMAL ? this.decimals.get(pos)! : null;
  }

  set(pos: number, value: Value): void {
    this.reserve(pos);
    if (value === null || !isDecimal(value)) { this.scales[pos] = UNSET; return; }
    const scale = scaleOf(value);
    const units = scale <= MAX_SCALE && !(value.isZero() && value.isNegative()) ? toUnits(value, scale) : undefined;
    if (units === undefined) {
      this.scales[pos] = AS_DECIMAL;
      this.decimals.set(pos, value);
    } else this.setUnits(pos, units, scale);
  }

  /** Sets the cell to units × 10^-scale (units a safe integer, 0 ≤ scale ≤ 22). */
  setUnits(pos: number, units: number, scale: number): void {
    this.reserve(pos);
    this.units[pos] = units;
    this.scales[pos] = scale;
    if (scale > this.maxScale) this.maxScale = scale;
  }

  private reserve(pos: number): void {
    if (pos < this.units.length) return;
    let size = Math.max(this.units.length, 1);
    while (size <= pos) size *= 2;
    const units = new Float64Array(size), scales = new Int8Array(size).fill(UNSET);
    units.set(this.units);
    scales.set(this.scales);
    this.units = units;
    this.scales = scales;
  }
}

/** Text, Payee, enum, Date and Bool cells (strings, day numbers, booleans), and derived values: as they are. */
export class ValueColumn implements Column {
  /** Made to its full expected length at once: a long array grown by pushing is copied over and over. */
  readonly values: Value[];

  constructor(capacity = 0) {
    this.values = capacity > 0 ? new Array<Value>(capacity).fill(null) : [];
  }

  get(pos: number): Value {
    return this.values[pos] ?? null;
  }

  set(pos: number, value: Value): void {
    while (this.values.length < pos) this.values.push(null);
    this.values[pos] = value;
  }
}

/**
 * A derived field that is a quotient of units (`(amount - cost) / amount`, eval/units.ts): the
 * dividend and divisor, units of one scale, kept in two typed arrays, and the quotient made a
 * Decimal (divideUnits, 34 digits) only when read; a comparison reads the two units instead
 * (eval/kernel.ts). A record the units did not serve keeps the general evaluation's value.
 */
export class QuotientColumn implements Column {
  dividends: Float64Array;
  /** Zero where the cell is not a quotient of units (then `others` holds its value). */
  divisors: Float64Array;
  readonly others = new Map<number, Value>();

  constructor(capacity = DEFAULT_CAPACITY) {
    this.dividends = new Float64Array(capacity);
    this.divisors = new Float64Array(capacity);
  }

  get(pos: number): Value {
    const y = pos < this.divisors.length ? this.divisors[pos]! : 0;
    if (y !== 0) return divideUnits(this.dividends[pos]!, y)!;
    return this.others.get(pos) ?? null;
  }

  set(pos: number, value: Value): void {
    if (pos < this.divisors.length) this.divisors[pos] = 0;
    this.others.set(pos, value);
  }

  /** Sets the cell to x ÷ y, units of one scale for which divideUnits gives a quotient. */
  setQuotient(pos: number, x: number, y: number): void {
    if (pos >= this.divisors.length) {
      let size = Math.max(this.divisors.length, 1);
      while (size <= pos) size *= 2;
      const dividends = new Float64Array(size), divisors = new Float64Array(size);
      dividends.set(this.dividends);
      divisors.set(this.divisors);
      this.dividends = dividends;
      this.divisors = divisors;
    }
    this.dividends[pos] = x;
    this.divisors[pos] = y;
    this.others.delete(pos);
  }
}

/** The prototype of every values object: no properties and no prototype (see recordValues). */
const RECORD_VALUES: object = Object.freeze(Object.create(null));

/**
 * A values object: like byName's, free of Object.prototype (`__proto__`, `constructor` and
 * `toString` are own fields like any other), but a fast object with a shape every record of an
 * input shares, where `Object.create(null)` makes a hash table per record.
 */
export function recordValues(): Record<string, Value> {
  return Object.create(RECORD_VALUES) as Record<string, Value>;
}

/** One input's cells by column: the declared fields', then derived fields' as the evaluator sets them. */
export class RecordTable {
  private readonly columns = new Map<string, Column>();
  /** Declared fields first, in declaration order, then derived fields in the order first set. */
  private readonly names: string[] = [];
  /** Positions whose cells were converted (a row with broken structure has none). */
  private converted: Uint8Array;

  /** Per position: the physical line the row starts on. */
  private lines: Int32Array;
  /** Per position: the record's seq (its place among its input's good records), -1 until the loader counts it. */
  private seqs: Int32Array;
  private count = 0;
  /**
   * Where a record's key is, when it is not kept by position: the key field's cell (one key
   * field of text, payee or enum), or none (no key field: the key is `#line`).
   */
  private readonly keyColumn: ValueColumn | undefined;
  private readonly keyless: boolean;
  /** The keys that are not where keyColumn and keyless say (several key fields, a key of another type, a row without a good key), by position. */
  private readonly otherKeys = new Map<number, string>();
  /** The values objects made so far (explanations, previews, governance), by position. */
  private readonly made = new Map<number, Record<string, Value>>();

  /**
   * `input` and `file`: what its records say they come from (kept here, not in each of a million
   * records). `capacity`: how many rows the file can hold at most (its line count), or a guess.
   */
  constructor(fields: readonly IrField[], private readonly capacity = DEFAULT_CAPACITY, readonly input = '', readonly file = '') {
    this.converted = new Uint8Array(capacity);
    this.lines = new Int32Array(capacity);
    this.seqs = new Int32Array(capacity).fill(-1);
    for (const f of fields) this.add(f.name, isNumeric(f) ? new NumericColumn(capacity) : new ValueColumn(capacity));
    const keys = fields.filter((f) => f.key);
    this.keyless = keys.length === 0;
    const base = keys.length === 1 ? keys[0]!.type.base : undefined;
    this.keyColumn = base === 'Text' || base === 'Payee' || base === 'Enum' ? (this.columns.get(keys[0]!.name) as ValueColumn) : undefined;
  }

  column(name: string): Column | undefined {
    return this.columns.get(name);
  }

  /** The column a derived field's values go in, made the first time. */
  derivedColumn(name: string): Column {
    return this.columns.get(name) ?? this.add(name, new ValueColumn(this.capacity));
  }

  /**
   * The column a derived field computed in units keeps its values in (eval/units.ts), made the
   * first time; undefined when the field already has a column of another kind (set by a run that
   * did not use units), whose values then go in as they are.
   */
  unitsColumn<T extends NumericColumn | QuotientColumn>(name: string, kind: new (capacity: number) => T): T | undefined {
    const column = this.columns.get(name) ?? this.add(name, new kind(this.capacity));
    return column instanceof kind ? column : undefined;
  }

  /** One more than the highest position a row was read into: the positions the table holds. */
  get size(): number {
    return this.count;
  }

  lineAt(pos: number): number {
    return this.lines[pos]!;
  }

  setLine(pos: number, line: number): void {
    if (pos >= this.lines.length) {
      const size = Math.max(2 * this.lines.length, pos + 1);
      const lines = new Int32Array(size), seqs = new Int32Array(size).fill(-1);
      lines.set(this.lines);
      seqs.set(this.seqs);
      this.lines = lines;
      this.seqs = seqs;
    }
    this.lines[pos] = line;
    if (pos >= this.count) this.count = pos + 1;
  }

  seqAt(pos: number): number {
    return this.seqs[pos]!;
  }

  setSeq(pos: number, seq: number): void {
    this.seqs[pos] = seq;
  }

  /** The key of the row at `pos` as display text (DataRecord.key). */
  keyAt(pos: number): string {
    const other = this.otherKeys.get(pos);
    if (other !== undefined) return other;
    if (this.keyColumn) return this.keyColumn.values[pos] as string;
    return `#${this.lines[pos]!}`;
  }

  /** Sets the key of the row at `pos` (its line set first), kept only when it is not the key cell or `#line` already. */
  setKey(pos: number, key: string): void {
    if (this.keyless ? key === `#${this.lines[pos]!}` : this.keyColumn?.values[pos] === key) this.otherKeys.delete(pos);
    else this.otherKeys.set(pos, key);
  }

  markConverted(pos: number): void {
    if (pos >= this.converted.length) {
      const converted = new Uint8Array(Math.max(2 * this.converted.length, pos + 1));
      converted.set(this.converted);
      this.converted = converted;
    }
    this.converted[pos] = 1;
  }

  /** The values object of the row at `pos`, as the loader's records had it: made the first time, then kept. */
  valuesAt(pos: number): Record<string, Value> {
    let values = this.made.get(pos);
    if (values) return values;
    values = recordValues();
    if (this.converted[pos] === 1) for (const name of this.names) values[name] = this.columns.get(name)!.get(pos);
    this.made.set(pos, values);
    return values;
  }

  /** Whether the values object of the row at `pos` was made. */
  madeValues(pos: number): boolean {
    return this.made.has(pos);
  }

  /** Brings the values object of the row at `pos`, if made, up to date with field `name`'s cell. */
  refresh(pos: number, name: string): void {
    const values = this.made.get(pos);
    if (values) values[name] = this.columns.get(name)!.get(pos);
  }

  private add(name: string, column: Column): Column {
    this.columns.set(name, column);
    this.names.push(name);
    return column;
  }
}

/**
 * A record read from its table: its table and position, and nothing else. Its input, file, line,
 * key, seq and values are its table's (a million records are then a million objects of two
 * fields for the collector to copy and mark, not of six: it was they, more than anything, that
 * the collector spent its time on).
 */
export class TableRecord implements DataRecord {
  constructor(readonly table: RecordTable, readonly pos: number) {}

  get input(): string {
    return this.table.input;
  }

  get file(): string {
    return this.table.file;
  }

  get line(): number {
    return this.table.lineAt(this.pos);
  }

  get key(): string {
    return this.table.keyAt(this.pos);
  }

  get seq(): number {
    return this.table.seqAt(this.pos);
  }

  set seq(seq: number) {
    this.table.setSeq(this.pos, seq);
  }

  /** The same record said to come from another file and line (a plan test's data, written inline). */
  movedTo(file: string, line: number): TableRecord {
    return new MovedRecord(this.table, this.pos, file, line);
  }

  /** Made when first asked for, and kept (by the table). */
  get values(): Record<string, Value> {
    return this.table.valuesAt(this.pos);
  }

  /** Brings a values object already made up to date with a derived field set in its column. */
  refresh(name: string): void {
    this.table.refresh(this.pos, name);
  }

  /** Sets a derived field (the evaluator's). */
  setDerived(name: string, value: Value): void {
    this.table.derivedColumn(name).set(this.pos, value);
    this.table.refresh(this.pos, name);
  }
}

/** A table's record said to come from elsewhere (movedTo). */
class MovedRecord extends TableRecord {
  constructor(table: RecordTable, pos: number, private readonly movedFile: string, private readonly movedLine: number) {
    super(table, pos);
  }

  override get file(): string {
    return this.movedFile;
  }

  override get line(): number {
    return this.movedLine;
  }
}

/** The value of a record's field, without making its values object. */
export function fieldValue(record: DataRecord, name: string): Value {
  if (record instanceof TableRecord) {
    return record.table.column(name)?.get(record.pos) ?? null;
  }
  return record.values[name] ?? null;
}

/**
 * A reader of one field for records of any table: the column is looked up once per table, not
 * for every record (a loop reads records of one table, the roster's or the input's).
 */
export function columnReader(name: string): (record: DataRecord) => Value {
  let table: RecordTable | undefined, column: Column | undefined;
  return (record) => {
    if (!(record instanceof TableRecord)) return record.values[name] ?? null;
    if (record.table !== table) {
      table = record.table;
      column = table.column(name);
    }
    if (column === undefined) {
      // a derived field not set yet on this table
      column = table!.column(name);
      if (column === undefined) return null;
    }
    return column.get(record.pos) ?? null;
  };
}

/** The record said to come from another file and line, keeping everything else (its cells included). */
export function movedRecord(record: DataRecord, file: string, line: number): DataRecord {
  return record instanceof TableRecord ? record.movedTo(file, line) : { ...record, file, line };
}

/** Sets a derived field on a record, of a table or not. */
export function setDerived(record: DataRecord, name: string, value: Value): void {
  if (record instanceof TableRecord) record.setDerived(name, value);
  else (record.values as Record<string, Value>)[name] = value;
}

function isNumeric(field: IrField): boolean {
  const b = field.type.base;
  return b === 'Money' || b === 'Number' || b === 'Int' || b === 'Percent';
}
