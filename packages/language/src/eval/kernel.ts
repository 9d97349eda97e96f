// A commission's record loop in integer units: the base, the rate (`match d.channel { … }` of
// literals), the multipliers and the gates (`d.margin >= 20%`, joined with `and` and `or`) read straight
// from the columns of the records' table (data/table.ts), so that no Decimal and no environment
// is made for a record the units can serve. A record they cannot (an unset or Decimal-kept cell,
// a quotient not held as units, a product past 2^53) is evaluated the general way, part by part
// and in the general order, so values and errors are the same; the results go to fixed.ts's loop.
// Used by components.ts when the fixed-point path applies. Pipeline: components ← **kernel** → units, fixed.
import type { IrCommission, IrExpr } from '../ir/ir';
import { QuotientColumn, ValueColumn, type RecordTable } from '../data/table';
import { MAX_SCALE, POW10 } from './decimal';
import { compileUnits, fieldOf, scaled, type UnitsExpr } from './units';

const SAFE = Number.MAX_SAFE_INTEGER;

/** A gate on a record's position: 1 when it holds, 0 when it fails, NaN when the units cannot tell. */
export type UnitsGate = (pos: number) => number;

/** The parts of a commission over the records of one table, in units; undefined parts go the general way. */
export interface CommissionKernel {
  readonly base: UnitsExpr;
  /** The rate × the multipliers, at the sum of their scales. */
  readonly perUnit: UnitsExpr;
  /** Per gate, in the plan's order. */
  readonly gates: readonly (UnitsGate | undefined)[];
}

/**
 * The kernel of commission `c` over `table`, or undefined when its base, rate or a multiplier is
 * not units arithmetic over the loop record's cells and literals (then the loop is the general one).
 */
export function commissionKernel(c: IrCommission, table: RecordTable): CommissionKernel | undefined {
  const variable = c.for.var;
  const base = compileUnits(c.base, table, variable);
  const parts = [c.rate, ...c.multipliers].map((e) => compileUnits(e, table, variable));
  if (!base || parts.some((p) => !p)) return undefined;
  const perUnit = parts.length === 1 ? parts[0]! : product(parts as UnitsExpr[]);
  if (!perUnit) return undefined;
  return { base, perUnit, gates: c.gates.map((g) => compileGate(g, table, variable)) };
}

/** What kernelColumns says of a position's gates: every one holds; one fails, every gate before it holding. */
export const GATES_HOLD = -1, GATE_FAILS = -2;

/**
 * A kernel's parts at every position of its table, worked out in one pass in position order:
 * the commission loop visits records in credit order, all over the columns, and then reads three
 * places per record instead of every column its parts read. NaN is a part the units cannot serve.
 * They take little memory (V8 answers every 64 MB of buffers outside its heap with a full
 * collection, which at millions of records costs more than the loop): a base that is a cell read
 * as it is is its column's own units, and the rate × multipliers, which take few values (an enum
 * `match` of literals), a byte per position that says which.
 */
export interface KernelColumns {
  /** The positions the parts are worked out for: 0 to size − 1. */
  readonly size: number;
  readonly base: Float64Array;
  /** Per position, which of `perUnits` is its rate × multipliers (-1: NaN); undefined when they take too many values, and then `wide` has them. */
  readonly perUnitCodes: Int8Array | undefined;
  readonly perUnits: readonly number[];
  readonly wide: Float64Array | undefined;
  /** GATES_HOLD, GATE_FAILS, or the first gate the units cannot decide (every gate before it holding): from there, the general way. */
  readonly gate: Int8Array | Int32Array;
}

/** The rate × multipliers at `pos` (NaN: the general way). */
export function perUnitAt(columns: KernelColumns, pos: number): number {
  if (columns.wide) return columns.wide[pos]!;
  const code = columns.perUnitCodes![pos]!;
  return code < 0 ? NaN : columns.perUnits[code]!;
}

/** The most values perUnitCodes tells apart. */
const MAX_CODES = 127;

/** The kernel's parts at positions 0 to `size` − 1 (the parts read cells only: no errors, nothing set). */
export function kernelColumns(kernel: CommissionKernel, size: number): KernelColumns {
  const direct = kernel.base.direct?.(size);
  const base = direct ?? new Float64Array(size);
  const gates = kernel.gates, gate = gates.length < 127 ? new Int8Array(size) : new Int32Array(size);
  let codes: Int8Array | undefined = new Int8Array(size), wide: Float64Array | undefined;
  const perUnits: number[] = [];
  for (let pos = 0; pos < size; pos++) {
    if (!direct) base[pos] = kernel.base.at(pos);
    let state = GATES_HOLD;
    for (let g = 0; g < gates.length; g++) {
      const fast = gates[g]?.(pos);
      if (fast === 1) continue;
      state = fast === 0 ? GATE_FAILS : g;
      break;
    }
    gate[pos] = state;
    const perUnit = kernel.perUnit.at(pos);
    if (wide) { wide[pos] = perUnit; continue; }
    if (perUnit !== perUnit) { codes![pos] = -1; continue; }
    let code = 0;
    while (code < perUnits.length && !Object.is(perUnits[code], perUnit)) code++;
    if (code === perUnits.length) {
      if (code === MAX_CODES) {
        // too many values for a byte: every position's own number from here
        wide = new Float64Array(size);
        for (let before = 0; before < pos; before++) wide[before] = codes![before]! < 0 ? NaN : perUnits[codes![before]!]!;
        wide[pos] = perUnit;
        codes = undefined;
        continue;
      }
      perUnits.push(perUnit);
    }
    codes![pos] = code;
  }
  return { size, base, perUnitCodes: codes, perUnits, wide, gate };
}

function product(parts: readonly UnitsExpr[]): UnitsExpr | undefined {
  const scale = parts.reduce((a, p) => a + p.scale, 0);
  if (scale > MAX_SCALE) return undefined;
  return {
    scale,
    at: (pos) => {
      let x = 1;
      for (const p of parts) {
        x *= p.at(pos);
        if (!(x <= SAFE && x >= -SAFE)) return NaN;
      }
      return x;
    },
  };
}

/** A comparable side of a gate: units at a scale, or a quotient held as its dividend and divisor. */
type Side = { readonly units: UnitsExpr } | { readonly quotient: QuotientColumn };

export function compileGate(e: IrExpr, table: RecordTable, variable: string): UnitsGate | undefined {
  if (e.k !== 'bin') return undefined;
  if (e.op === 'and' || e.op === 'or') {
    const l = compileGate(e.l, table, variable), r = compileGate(e.r, table, variable);
    if (!l || !r) return undefined;
    // as `and` and `or` do: the right is not read when the left decides
    const decides = e.op === 'and' ? 0 : 1;
    return (pos) => {
      const a = l(pos);
      return a === 1 - decides ? r(pos) : a;
    };
  }
  if (e.op === 'eq' || e.op === 'ne') {
    const text = enumComparison(e.l, e.r, table, variable) ?? enumComparison(e.r, e.l, table, variable);
    if (text) return e.op === 'eq' ? text : (pos) => 1 - text(pos);
  }
  const test = TESTS[e.op];
  if (!test) return undefined;
  const l = side(e.l, table, variable), r = side(e.r, table, variable);
  if (!l || !r) return undefined;
  const compare = comparison(l, r);
  if (!compare) return undefined;
  return (pos) => {
    const c = compare(pos);
    return c !== c ? NaN : test(c) ? 1 : 0;
  };
}

const TESTS: Partial<Record<string, (c: number) => boolean>> = {
  lt: (c) => c < 0, le: (c) => c <= 0, gt: (c) => c > 0, ge: (c) => c >= 0, eq: (c) => c === 0, ne: (c) => c !== 0,
};

/** `d.channel == partner`: an enum or text cell against an enum value (an unset cell equals nothing, as `==` has it). */
function enumComparison(cell: IrExpr, value: IrExpr, table: RecordTable, variable: string): UnitsGate | undefined {
  if (cell.k !== 'field' || !fieldOf(cell, variable) || value.k !== 'enum') return undefined;
  const column = table.column(cell.name);
  if (!(column instanceof ValueColumn)) return undefined;
  const v = value.v;
  return (pos) => (column.values[pos] === v ? 1 : 0);
}

function side(e: IrExpr, table: RecordTable, variable: string): Side | undefined {
  if (e.k === 'field' && fieldOf(e, variable)) {
    const column = table.column(e.name);
    if (column instanceof QuotientColumn) return { quotient: column };
  }
  const units = compileUnits(e, table, variable);
  return units && { units };
}

/**
 * The sign of l − r. Two units sides compare at one scale. A quotient is the 34-digit rounding
 * of x ÷ y, compared through x × 10^s against u × y with the other side u × 10^-s: when both
 * products are safe integers (|u × y| < 2^53), x ÷ y is either equal to the other side or further
 * from it than half a unit of the 34th digit, so the rounding cannot reach it and the exact sign
 * is the rounded quotient's. Two quotients are left to the general evaluation (both are rounded).
 */
function comparison(l: Side, r: Side): ((pos: number) => number) | undefined {
  if ('units' in l && 'units' in r) {
    const scale = Math.max(l.units.scale, r.units.scale);
    const lf = POW10[scale - l.units.scale]!, rf = POW10[scale - r.units.scale]!;
    return (pos) => {
      const a = scaled(l.units.at(pos), lf), b = scaled(r.units.at(pos), rf);
      return a !== a || b !== b ? NaN : a < b ? -1 : a > b ? 1 : 0;
    };
  }
  if ('quotient' in l && 'units' in r) return quotientAgainst(l.quotient, r.units, 1);
  if ('units' in l && 'quotient' in r) return quotientAgainst(r.quotient, l.units, -1);
  return undefined;
}

function quotientAgainst(q: QuotientColumn, u: UnitsExpr, sign: 1 | -1): (pos: number) => number {
  const factor = POW10[u.scale]!;
  return (pos) => {
    const y = q.divisors[pos] ?? 0;
    if (y === 0) return NaN; // not held as units: the general way
    const p = q.dividends[pos]! * factor, v = u.at(pos) * y;
    if (!(p <= SAFE && p >= -SAFE && v <= SAFE && v >= -SAFE)) return NaN;
    const c = p < v ? -1 : p > v ? 1 : 0;
    return y > 0 ? sign * c : -sign * c;
  };
}
