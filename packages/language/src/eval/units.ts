// Record expressions in integer units: a numeric expression over a record's own cells (`amount -
// cost`, `amount * share`, `(amount - cost) / amount`) compiled, once per input, into arithmetic
// on the units its table keeps (data/table.ts), at scales known before any record is read. No
// Decimal is made for a cell or an intermediate; a quotient is made straight from the units, to
// the same 34 digits divide() gives. Any record the units cannot serve (an unset cell, a cell
// kept as a Decimal, an intermediate beyond 2^53, a zero in a division) is handed back, and the
// caller evaluates it the general way: the values, and the errors, are the same.
// Used by runtime.ts for derived fields. Pipeline: compile.ts's closures ← **units** → decimal.ts.
import type { IrExpr } from '../ir/ir';
import { NumericColumn, QuotientColumn, TableRecord, ValueColumn, type RecordTable } from '../data/table';
import type { Value } from '../data/records';
import { decimalFromUnits, dividesInUnits, divideUnits, isDecimal, MAX_SCALE, POW10, scaleOf, toUnits, type Decimal } from './decimal';
import { literal } from './expr';

const SAFE = Number.MAX_SAFE_INTEGER;

/** Units of a record's expression at `scale`, or NaN where the units cannot serve it. */
export interface UnitsExpr {
  readonly scale: number;
  readonly at: (pos: number) => number;
  /** For a cell read as it is: its column's units, when they are what `at` gives at positions 0 to `size` − 1 (every cell held at the one scale); else undefined. */
  readonly direct?: (size: number) => Float64Array | undefined;
}

/** A quotient of two record expressions, as its dividend and divisor in units of one scale (NaN where they cannot serve it). */
interface UnitsQuotient {
  readonly x: (pos: number) => number;
  readonly y: (pos: number) => number;
}

/** A record's expression as a Decimal, or undefined where it must be evaluated the general way. */
export type UnitsKernel = (record: TableRecord) => Decimal | undefined;

/**
 * A derived field's kernel: sets the field on a record of `table` and says true, or says false
 * for a record it cannot serve (which the caller evaluates the general way and sets).
 */
export type DerivedKernel = (record: TableRecord) => boolean;

/**
 * The kernel of `e` over the records of `table` (`e` reads the record's own fields, as a derived
 * field does), or undefined when `e` is not such arithmetic: then every record goes the general way.
 */
export function unitsKernel(e: IrExpr, table: RecordTable): UnitsKernel | undefined {
  const shape = shapeOf(e, table);
  return shape && valueKernel(shape, table);
}

/**
 * The kernel that computes the derived field `name` = `e` on the records of `table` and keeps
 * it in units: a quotient as its dividend and divisor (QuotientColumn, the Decimal made when
 * read), other arithmetic as units and a scale (NumericColumn). Where the field already has a
 * column of another kind, the values go in as Decimals. Undefined when `e` is not such arithmetic.
 */
export function derivedKernel(e: IrExpr, table: RecordTable, name: string): DerivedKernel | undefined {
  const shape = shapeOf(e, table);
  if (!shape) return undefined;
  const quotients = 'quotient' in shape ? table.unitsColumn(name, QuotientColumn) : undefined;
  if ('quotient' in shape && quotients) {
    const q = shape.quotient;
    return (record) => {
      if (record.table !== table) return false;
      const x = q.x(record.pos), y = q.y(record.pos);
      if (x !== x || y !== y || !dividesInUnits(x, y)) return false;
      quotients.setQuotient(record.pos, x, y);
      record.refresh(name);
      return true;
    };
  }
  const numbers = 'whole' in shape ? table.unitsColumn(name, NumericColumn) : undefined;
  if ('whole' in shape && numbers) {
    const whole = shape.whole;
    return (record) => {
      if (record.table !== table) return false;
      const x = whole.at(record.pos);
      if (x !== x || x === 0) return false; // a zero's sign is decimal.js's
      numbers.setUnits(record.pos, x, whole.scale);
      record.refresh(name);
      return true;
    };
  }
  const value = valueKernel(shape, table);
  return (record) => {
    const v = value(record);
    if (v === undefined) return false;
    record.setDerived(name, v);
    return true;
  };
}

/** A record expression in units: a quotient of two, or one whole. */
type Shape = { readonly quotient: UnitsQuotient } | { readonly whole: UnitsExpr };

function shapeOf(e: IrExpr, table: RecordTable): Shape | undefined {
  if (e.k === 'bin' && e.op === 'div') {
    const quotient = quotientOf(e, table);
    return quotient && { quotient };
  }
  const whole = compileUnits(e, table);
  return whole && { whole };
}

/** The kernel giving the expression's Decimal (undefined for a record it cannot serve). */
function valueKernel(shape: Shape, table: RecordTable): UnitsKernel {
  if ('quotient' in shape) {
    const q = shape.quotient;
    return (record) => {
      if (record.table !== table) return undefined;
      const x = q.x(record.pos), y = q.y(record.pos);
      return x !== x || y !== y ? undefined : divideUnits(x, y); // undefined for a zero, whose sign is decimal.js's
    };
  }
  const whole = shape.whole;
  return (record) => {
    if (record.table !== table) return undefined;
    const x = whole.at(record.pos);
    // a zero goes the general way: decimal.js gives it a sign (0 × -5 is -0)
    return x !== x || x === 0 ? undefined : decimalFromUnits(x, whole.scale);
  };
}

/** `l ÷ r` as units of one scale, when `e` is a division of units arithmetic. */
function quotientOf(e: IrExpr, table: RecordTable, variable?: string): UnitsQuotient | undefined {
  if (e.k !== 'bin' || e.op !== 'div') return undefined;
  const l = compileUnits(e.l, table, variable), r = compileUnits(e.r, table, variable);
  if (!l || !r) return undefined;
  const scale = Math.max(l.scale, r.scale);
  const lf = POW10[scale - l.scale]!, rf = POW10[scale - r.scale]!;
  return { x: (pos) => scaled(l.at(pos), lf), y: (pos) => scaled(r.at(pos), rf) };
}

export function scaled(units: number, factor: number): number {
  if (factor === 1) return units;
  const x = units * factor;
  return x <= SAFE && x >= -SAFE ? x : NaN;
}

/**
 * `e` in units, when it is `+ − ×` over numeric cells of a record of `table` and literals: the
 * record's own fields (`amount`), or with `variable`, the fields of the record it names (`d.amount`).
 */
export function compileUnits(e: IrExpr, table: RecordTable, variable?: string): UnitsExpr | undefined {
  const compile = (x: IrExpr) => compileUnits(x, table, variable);
  switch (e.k) {
    case 'field': {
      if (!fieldOf(e, variable)) return undefined;
      const column = table.column(e.name);
      if (!(column instanceof NumericColumn)) return undefined;
      // the scale now: a cell set later at a larger scale (a derived field's) is not served
      const scale = column.maxScale;
      return {
        scale,
        at: (pos) => {
          const s = column.scales[pos]!;
          if (s === scale) return column.units[pos]!;
          return s < 0 || s > scale ? NaN : scaled(column.units[pos]!, POW10[scale - s]!);
        },
        direct: (size) => {
          if (column.scales.length < size) return undefined;
          for (let pos = 0; pos < size; pos++) if (column.scales[pos] !== scale) return undefined;
          return column.units;
        },
      };
    }
    case 'match': {
      // `match d.channel { direct -> 8%  partner -> 5% … }`: a table from the enum value to its arm
      const column = e.e.k === 'field' && fieldOf(e.e, variable) ? table.column(e.e.name) : undefined;
      if (!(column instanceof ValueColumn) || !e.arms.every((arm) => arm.values.every((v) => v.k === 'enum'))) return undefined;
      const arms = e.arms.map((arm) => compile(arm.e)), otherwise = e.else ? compile(e.else) : undefined;
      if (arms.some((arm) => !arm) || (e.else && !otherwise)) return undefined;
      const scale = Math.max(otherwise?.scale ?? 0, ...arms.map((arm) => arm!.scale));
      const byValue = new Map<Value, UnitsExpr>();
      e.arms.forEach((arm, i) => {
        for (const v of arm.values) if (v.k === 'enum' && !byValue.has(v.v)) byValue.set(v.v, arms[i]!);
      });
      const factors = new Map([...byValue.values(), ...(otherwise ? [otherwise] : [])].map((arm) => [arm, POW10[scale - arm.scale]!]));
      return {
        scale,
        at: (pos) => {
          const arm = byValue.get(column.values[pos] ?? null) ?? otherwise; // no arm and no else: unset
          return arm ? scaled(arm.at(pos), factors.get(arm)!) : NaN;
        },
      };
    }
    case 'lit': {
      const v = literal(e);
      if (!isDecimal(v) || (v.isZero() && v.isNegative())) return undefined;
      const scale = scaleOf(v), units = scale <= MAX_SCALE ? toUnits(v, scale) : undefined;
      return units === undefined ? undefined : { scale, at: () => units };
    }
    case 'neg': {
      const inner = compile(e.e);
      return inner && { scale: inner.scale, at: (pos) => -inner.at(pos) };
    }
    case 'bin': {
      if (e.op !== 'add' && e.op !== 'sub' && e.op !== 'mul') return undefined;
      const l = compile(e.l), r = compile(e.r);
      if (!l || !r) return undefined;
      if (e.op === 'mul') {
        const scale = l.scale + r.scale;
        if (scale > MAX_SCALE) return undefined;
        return { scale, at: (pos) => safe(l.at(pos) * r.at(pos)) };
      }
      const scale = Math.max(l.scale, r.scale);
      const lf = POW10[scale - l.scale]!, rf = POW10[scale - r.scale]!, sign = e.op === 'add' ? 1 : -1;
      return { scale, at: (pos) => safe(scaled(l.at(pos), lf) + sign * scaled(r.at(pos), rf)) };
    }
    default:
      return undefined;
  }
}

/** Whether `e` reads a field of the record in hand: its own (no variable), or the one `variable` names. */
export function fieldOf(e: Extract<IrExpr, { k: 'field' }>, variable: string | undefined): boolean {
  return variable === undefined ? !e.of : e.of?.k === 'var' && e.of.name === variable;
}

/** x when it is a safe integer's exact value; NaN otherwise (NaN stays NaN). */
function safe(x: number): number {
  return x <= SAFE && x >= -SAFE ? x : NaN;
}
