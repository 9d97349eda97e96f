// Fixed-point arithmetic for the commission loop: amounts as integer units of 10^-scale held in
// JS numbers, exact while every intermediate stays a safe integer (|x| ≤ 2^53 − 1). The scales are
// known before the loop starts (the largest count of decimal places among the values it reads),
// so no value carries its own. Any step that would leave the safe range gives up, and the caller
// computes the same commission with decimal.js instead. Pipeline: components.ts → **fixed**.
import { Decimal, MAX_SCALE, POW10, scaleOf, toUnits as unitsOf } from './decimal';

const SAFE = Number.MAX_SAFE_INTEGER;

/** The fixed-point path gave up: a value or an intermediate is out of the safe range. */
export const OUT_OF_RANGE = Symbol('out of range');

/** `x × 10^scale` as a safe integer (decimal.ts reads decimal.js's digits); scale ≥ scaleOf(x). */
export function toUnits(x: Decimal, scale: number): number | typeof OUT_OF_RANGE {
  return unitsOf(x, scale) ?? OUT_OF_RANGE;
}

export { scaleOf };

/** The Decimal that `units × 10^-scale` stands for (units a safe integer). */
export function fromUnits(units: number, scale: number): Decimal {
  if (units === 0) return new Decimal(0);
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return new Decimal(negative ? `-${digits}` : digits);
}

/** a × b when the product is a safe integer (a double product above 2^53 is inexact, and shows as one). */
export function mulUnits(a: number, b: number): number | typeof OUT_OF_RANGE {
  const p = a * b;
  return p <= SAFE && p >= -SAFE ? p : OUT_OF_RANGE;
}

/** a + b when the sum is a safe integer. */
export function addUnits(a: number, b: number): number | typeof OUT_OF_RANGE {
  const s = a + b;
  return s <= SAFE && s >= -SAFE ? s : OUT_OF_RANGE;
}

/** units at scale `from` raised to scale `to` (to ≥ from). */
export function rescale(units: number, from: number, to: number): number | typeof OUT_OF_RANGE {
  if (to === from) return units;
  if (to - from > MAX_SCALE) return OUT_OF_RANGE;
  return mulUnits(units, POW10[to - from]!);
}

// ---------------------------------------------------------------- the commission loop

/** A tier as attainment amounts: [lo, hi) (open at the ends when undefined) pays `factor`. */
export interface FixedTier {
  readonly lo: Decimal | undefined;
  readonly hi: Decimal | undefined;
  readonly factor: Decimal;
}

/** What a commission's earnings depend on once its records are evaluated (spec §4 steps 2–6). */
export interface FixedCommission {
  /** No accelerator, marginal tiers on the base, or retroactive tiers on the base. */
  readonly mode: 'flat' | 'marginal' | 'retroactive';
  readonly tiers: readonly FixedTier[];
  /** Attainment counted before the first record (earlier periods of the year with `per year`). */
  readonly start: Decimal;
  /** Per record in credit order: the base, and the rate × multipliers; undefined where a gate failed. */
  readonly bases: readonly Decimal[];
  readonly perUnits: readonly (Decimal | undefined)[];
  readonly dealCap: Decimal | undefined;
}

/** A commission whose records' bases and per-unit rates are already units (eval/kernel.ts reads them from the columns). */
export interface UnitsCommission {
  readonly mode: FixedCommission['mode'];
  readonly tiers: readonly FixedTier[];
  readonly start: Decimal;
  readonly dealCap: Decimal | undefined;
  /** Per record in credit order: the base in units of 10^-baseScale. */
  readonly bases: ArrayLike<number>;
  readonly baseScale: number;
  /** Per record: the rate × multipliers in units of 10^-perUnitScale; NaN where a gate failed. */
  readonly perUnits: ArrayLike<number>;
  readonly perUnitScale: number;
}

/** What the fixed-point loop gives: the sum of the per-deal-capped earnings and the attainment after the last record. */
export interface FixedResult {
  readonly total: Decimal;
  readonly attained: Decimal;
}

/**
 * The sum of the records' per-deal-capped earnings and the attainment after the last record,
 * computed exactly in fixed point; undefined when some value or intermediate is out of the safe
 * range (the caller then computes them with decimal.js, which gives the same values).
 */
export function fixedCommission(c: FixedCommission): FixedResult | undefined {
  let baseScale = 0, perUnitScale = 0;
  for (const base of c.bases) baseScale = Math.max(baseScale, scaleOf(base));
  for (const u of c.perUnits) if (u) perUnitScale = Math.max(perUnitScale, scaleOf(u));
  if (baseScale > MAX_SCALE || perUnitScale > MAX_SCALE) return undefined;
  const bases = new Float64Array(c.bases.length), perUnits = new Float64Array(c.bases.length);
  for (let r = 0; r < c.bases.length; r++) {
    const base = toUnits(c.bases[r]!, baseScale), perUnit = c.perUnits[r];
    const units = perUnit ? toUnits(perUnit, perUnitScale) : NaN;
    if (base === OUT_OF_RANGE || units === OUT_OF_RANGE) return undefined;
    bases[r] = base;
    perUnits[r] = units;
  }
  return unitsCommission({ mode: c.mode, tiers: c.tiers, start: c.start, dealCap: c.dealCap, bases, baseScale, perUnits, perUnitScale });
}

/** fixedCommission's loop on bases and rates already in units; undefined when out of the safe range. */
export function unitsCommission(c: UnitsCommission): FixedResult | undefined {
  const result = run(c);
  return result === OUT_OF_RANGE ? undefined : result;
}

function run(c: UnitsCommission): FixedResult | typeof OUT_OF_RANGE {
  // scales: A for attainment amounts (bases, tier bounds), F for factors, P for per-unit rates
  let a = Math.max(scaleOf(c.start), c.baseScale), f = 0;
  const p = c.perUnitScale;
  for (const t of c.tiers) {
    if (t.lo) a = Math.max(a, scaleOf(t.lo));
    if (t.hi) a = Math.max(a, scaleOf(t.hi));
    f = Math.max(f, scaleOf(t.factor));
  }
  const earningScale = c.mode === 'flat' ? a + p : a + f + p;
  const scale = c.dealCap ? Math.max(earningScale, scaleOf(c.dealCap)) : earningScale;
  if (scale > MAX_SCALE || a - c.baseScale > MAX_SCALE) return OUT_OF_RANGE;
  const baseFactor = POW10[a - c.baseScale]!;

  const n = c.tiers.length;
  const lo: (number | undefined)[] = [], hi: (number | undefined)[] = [], factor: number[] = [];
  for (const t of c.tiers) {
    const l = t.lo ? toUnits(t.lo, a) : undefined, h = t.hi ? toUnits(t.hi, a) : undefined, x = toUnits(t.factor, f);
    if (l === OUT_OF_RANGE || h === OUT_OF_RANGE || x === OUT_OF_RANGE) return OUT_OF_RANGE;
    lo.push(l); hi.push(h); factor.push(x);
  }
  const cap = c.dealCap ? toUnits(c.dealCap, scale) : undefined;
  if (cap === OUT_OF_RANGE) return OUT_OF_RANGE;
  const start = toUnits(c.start, a);
  if (start === OUT_OF_RANGE) return OUT_OF_RANGE;

  // retroactive tiers: one factor for every record, the tier of the attainment at the end
  let retro = 0;
  let attained = start;
  if (c.mode === 'retroactive') {
    for (let r = 0; r < c.bases.length; r++) {
      const b = mulUnits(c.bases[r]!, baseFactor);
      if (b === OUT_OF_RANGE) return OUT_OF_RANGE;
      const next = addUnits(attained, b);
      if (next === OUT_OF_RANGE) return OUT_OF_RANGE;
      attained = next;
    }
    let t = n - 1;
    for (let i = 0; i < n; i++) {
      if ((lo[i] === undefined || attained >= lo[i]!) && (hi[i] === undefined || attained < hi[i]!)) { t = i; break; }
    }
    retro = factor[t]!;
    attained = start;
  }

  let total = 0;
  for (let r = 0; r < c.bases.length; r++) {
    const base = mulUnits(c.bases[r]!, baseFactor);
    if (base === OUT_OF_RANGE) return OUT_OF_RANGE;
    const before = attained;
    const after = addUnits(before, base);
    if (after === OUT_OF_RANGE) return OUT_OF_RANGE;
    attained = after;
    const perUnit = c.perUnits[r]!;
    if (perUnit !== perUnit) continue; // a gate failed: counted, earns nothing
    let earning: number | typeof OUT_OF_RANGE;
    if (c.mode === 'flat') earning = mulUnits(base, perUnit);
    else if (c.mode === 'retroactive') {
      const x = mulUnits(base, perUnit);
      earning = x === OUT_OF_RANGE ? x : mulUnits(x, retro);
    } else {
      // marginal: each slice of [before, after) in a tier × the tier's factor, then × the rate
      let weighted = 0;
      if (base !== 0) {
        const low = Math.min(before, after), high = Math.max(before, after), up = base > 0;
        for (let j = 0; j < n; j++) {
          const i = up ? j : n - 1 - j;
          const l = lo[i] !== undefined && lo[i]! > low ? lo[i]! : low;
          const h = hi[i] !== undefined && hi[i]! < high ? hi[i]! : high;
          if (!(h > l)) continue;
          const width = addUnits(h, -l);
          if (width === OUT_OF_RANGE) return OUT_OF_RANGE;
          const part = mulUnits(up ? width : -width, factor[i]!);
          if (part === OUT_OF_RANGE) return OUT_OF_RANGE;
          const sum = addUnits(weighted, part);
          if (sum === OUT_OF_RANGE) return OUT_OF_RANGE;
          weighted = sum;
        }
      }
      earning = mulUnits(weighted, perUnit);
    }
    if (earning === OUT_OF_RANGE) return OUT_OF_RANGE;
    earning = rescale(earning, earningScale, scale);
    if (earning === OUT_OF_RANGE) return OUT_OF_RANGE;
    if (cap !== undefined && earning > cap) earning = cap;
    const sum = addUnits(total, earning);
    if (sum === OUT_OF_RANGE) return OUT_OF_RANGE;
    total = sum;
  }
  return { total: fromUnits(total, scale), attained: fromUnits(attained, a) };
}
