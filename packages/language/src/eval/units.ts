// Record expressions in integer units: a numeric expression over a record's own cells (`amount -
// cost`, `amount * share`, `(amount - cost) / amount`) compiled, once per input, into arithmetic
// on the units its table keeps (data/table.ts), at scales known before any record is read. No
// Decimal is made for a cell or an intermediate; a quotient is made straight from the units, to
// the same 34 digits divide() gives. Any record the units cannot serve (an unset cell, a cell
// kept as a Decimal, an intermediate beyond 2^53, a zero in a division) is handed back, and the
// caller evaluates it the general way: the values, and the errors, are the same.
// Used by runtime.ts for derived fields. Pipeline: compile.ts's closures ← **units** → decimal.ts.
import type { IrExpr } from '../ir/ir';
import { NumericColumn, TableRecord, type RecordTable } from '../data/table';
import { decimalFromUnits, divideUnits, isDecimal, MAX_SCALE, POW10, scaleOf, toUnits, type Decimal } from './decimal';
import { literal } from './expr';

const SAFE = Number.MAX_SAFE_INTEGER;

/** Units of a record's expression at `scale`, or NaN where the units cannot serve it. */
interface UnitsExpr {
  readonly scale: number;
  readonly at: (pos: number) => number;
}

/** A record's expression as a Decimal, or undefined where it must be evaluated the general way. */
export type UnitsKernel = (record: TableRecord) => Decimal | undefined;

/**
 * The kernel of `e` over the records of `table` (`e` reads the record's own fields, as a derived
 * field does), or undefined when `e` is not such arithmetic: then every record goes the general way.
 */
export function unitsKernel(e: IrExpr, table: RecordTable): UnitsKernel | undefined {
  if (e.k === 'bin' && e.op === 'div') {
    const l = compile(e.l, table), r = compile(e.r, table);
    if (!l || !r) return undefined;
    const scale = Math.max(l.scale, r.scale);
    const lf = POW10[scale - l.scale]!, rf = POW10[scale - r.scale]!;
    return (record) => {
      if (record.table !== table) return undefined;
      const x = scaled(l.at(record.pos), lf), y = scaled(r.at(record.pos), rf);
      return x !== x || y !== y ? undefined : divideUnits(x, y); // undefined for a zero, whose sign is decimal.js's
    };
  }
  const whole = compile(e, table);
  if (!whole) return undefined;
  return (record) => {
    if (record.table !== table) return undefined;
    const x = whole.at(record.pos);
    // a zero goes the general way: decimal.js gives it a sign (0 × -5 is -0)
    return x !== x || x === 0 ? undefined : decimalFromUnits(x, whole.scale);
  };
}

function scaled(units: number, factor: number): number {
  if (factor === 1) return units;
  const x = units * factor;
  return x <= SAFE && x >= -SAFE ? x : NaN;
}

function compile(e: IrExpr, table: RecordTable): UnitsExpr | undefined {
  switch (e.k) {
    case 'field': {
      if (e.of) return undefined;
      const column = table.column(e.name);
      if (!(column instanceof NumericColumn)) return undefined;
      const scale = column.maxScale;
      return {
        scale,
        at: (pos) => {
          const s = column.scales[pos]!;
          if (s === scale) return column.units[pos]!;
          return s < 0 ? NaN : scaled(column.units[pos]!, POW10[scale - s]!);
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
      const inner = compile(e.e, table);
      return inner && { scale: inner.scale, at: (pos) => -inner.at(pos) };
    }
    case 'bin': {
      if (e.op !== 'add' && e.op !== 'sub' && e.op !== 'mul') return undefined;
      const l = compile(e.l, table), r = compile(e.r, table);
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

/** x when it is a safe integer's exact value; NaN otherwise (NaN stays NaN). */
function safe(x: number): number {
  return x <= SAFE && x >= -SAFE ? x : NaN;
}
