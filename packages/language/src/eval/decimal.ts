// Decimal arithmetic for money, percents and numbers: the one module that imports decimal.js.
// `+ - ×` are exact (the working precision is far beyond any real amount); `÷` rounds
// half-even to exactly 34 significant digits (spec §3). Rounding to a line's minor unit
// uses the plan's rounding mode (spec §5).
import DecimalJs from 'decimal.js';
import type { RoundingMode } from '../ir/ir';

/** Exact for + - ×: 1e9 significant digits is decimal.js's ceiling; no real amount comes near. */
export const Decimal = DecimalJs.clone({ precision: 1_000_000_000, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -1_000_000, toExpPos: 1_000_000 });
export type Decimal = DecimalJs;

const Division = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -1_000_000, toExpPos: 1_000_000 });

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses a plain decimal (`1234.56`, `-0.5`); undefined for anything else (no exponents, separators or symbols). */
export function parseDecimal(text: string): Decimal | undefined {
  return decimalFromText(text) ?? (DECIMAL_TEXT.test(text) ? compact(new Decimal(text)) : undefined);
}

/** Like parseDecimal, but also accepts exponent notation (`1.5e3`), as JSON numbers may use it. */
export function parseDecimalWithExponent(text: string): Decimal | undefined {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? compact(new Decimal(text)) : undefined;
}

/**
 * The same value with its digit array copied to its exact length. decimal.js parses text into
 * an array that keeps room to grow (248 bytes for 12345.67, 128 once copied); data cells are
 * kept for the whole run, a million of them or more.
 */
function compact(value: Decimal): Decimal {
  return new Decimal(value);
}

export function dec(value: string | number): Decimal {
  return new Decimal(value);
}

/** a ÷ b rounded half-even to 34 significant digits; undefined when b is zero. */
export function divide(a: Decimal, b: Decimal): Decimal | undefined {
  if (b.isZero()) return undefined;
  return divideSmall(a, b) ?? new Decimal(Division.div(a, b));
}

// ---------------------------------------------------------------- decimal.js's digits
// A Decimal holds a sign `s`, the exponent `e` of its leading digit, and its digits `d` in limbs
// of 7 (base 10^7), aligned so that x = s × Σ d[i] × 10^(7(k − i)), k = ⌊e ÷ 7⌋; the first limb
// is not zero and no limb after it is an all-zero tail. The fast paths below read and write that
// form (decimal.js 10); test/eval/fixed-point.test.ts checks them against decimal.js's own results.

interface Digits { s: number; e: number; d: number[] | null }

const SAFE = Number.MAX_SAFE_INTEGER;
/** A limb is base 10^7: seven decimal digits. */
const LIMB = 1e7, LIMB_DIGITS = 7;
/** The most decimal places a value held in units may have: 10^k is an exact double up to k = 22. */
export const MAX_SCALE = 22;
/** 10^k for k ≤ MAX_SCALE. */
export const POW10: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);

/** The number of decimal places `x` needs (trailing zeros do not count), as decimal.js's decimalPlaces gives it. */
export function scaleOf(x: Decimal): number {
  const { d: limbs, e } = x as unknown as Digits;
  if (!limbs) return x.decimalPlaces(); // NaN or ±Infinity
  const last = limbs.length - 1;
  let places = (last - Math.floor(e / LIMB_DIGITS)) * LIMB_DIGITS;
  let limb = limbs[last]!;
  if (limb !== 0) for (; limb % 10 === 0; limb = limb / 10) places--;
  return places < 0 ? 0 : places;
}

/**
 * −1, 0 or 1 as a is less than, equal to or greater than b: decimal.js's comparedTo read off
 * the digit form, without the copy of `b` that comparedTo makes on every call.
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const x = a as unknown as Digits, y = b as unknown as Digits;
  const xd = x.d, yd = y.d;
  if (!xd || !yd) return a.comparedTo(b); // NaN or ±Infinity
  const xZero = xd[0] === 0, yZero = yd[0] === 0;
  if (xZero || yZero) return xZero ? (yZero ? 0 : -y.s) : x.s;
  if (x.s !== y.s) return x.s;
  const sign = x.s; // both the same sign: compare magnitudes, then turn for negatives
  if (x.e !== y.e) return x.e > y.e ? sign : -sign;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return xd[i]! > yd[i]! ? sign : -sign;
  return xd.length === yd.length ? 0 : xd.length > yd.length ? sign : -sign;
}

/** `x × 10^scale` as a safe integer; undefined when that is not one or scale < scaleOf(x). */
export function toUnits(x: Decimal, scale: number): number | undefined {
  const { d: limbs, e } = x as unknown as Digits;
  if (!limbs || scale > MAX_SCALE) return undefined;
  const k = Math.floor(e / 7);
  let units = 0;
  for (let i = 0; i < limbs.length; i++) {
    const limb = limbs[i]!;
    if (limb === 0) continue;
    const p = 7 * (k - i) + scale;
    let term: number;
    if (p >= 0) {
      if (p > MAX_SCALE) return undefined;
      term = limb * POW10[p]!;
    } else {
      if (p < -7) return undefined;
      term = limb / POW10[-p]!;
      if (!Number.isInteger(term)) return undefined;
    }
    units += term;
    if (units > SAFE) return undefined;
  }
  return x.isNegative() ? -units : units;
}

/**
 * Limbs of exactly `count` entries (decimal.js keeps those it makes at their length): amounts
 * have one to three, a quotient of 34 digits five or six.
 */
function limbArray(count: number): number[] {
  switch (count) {
    case 1: return [0];
    case 2: return [0, 0];
    case 3: return [0, 0, 0];
    case 4: return [0, 0, 0, 0];
    case 5: return [0, 0, 0, 0, 0];
    case 6: return [0, 0, 0, 0, 0, 0];
    default: break;
  }
  const limbs: number[] = [];
  for (let i = 0; i < count; i++) limbs.push(0);
  return limbs.slice();
}

/** A Decimal from its sign, the exponent of its leading digit and its limbs. */
function fromDigits(sign: number, e: number, limbs: number[]): Decimal {
  const result = new Decimal(0) as unknown as Digits;
  result.s = sign;
  result.e = e;
  result.d = limbs;
  return result as unknown as Decimal;
}

/**
 * A plain decimal text (`-1234.50`, `.5`, `7.`) read straight into decimal.js's digit form;
 * undefined for anything else, for zero (whose sign decimal.js keeps) and for long texts, which
 * parseDecimal leaves to decimal.js.
 */
function decimalFromText(text: string): Decimal | undefined {
  const length = text.length;
  if (length === 0 || length > 40) return undefined;
  let i = 0, sign = 1;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 /* - */) { sign = -1; i = 1; } else if (c0 === 43 /* + */) i = 1;
  // one pass: where the point is, the first and last digits that are not zero
  let point = -1, first = -1, last = -1, digits = 0;
  for (let j = i; j < length; j++) {
    const c = text.charCodeAt(j);
    if (c === 46 /* . */) {
      if (point >= 0) return undefined;
      point = j;
    } else if (c >= 48 && c <= 57) {
      digits++;
      if (c !== 48) { if (first < 0) first = j; last = j; }
    } else return undefined;
  }
  if (digits === 0 || first < 0) return undefined;
  if (point < 0) point = length;
  // the power of ten of the digit at position j
  const power = (j: number) => (j < point ? point - j - 1 : point - j);
  const e = power(first), k = Math.floor(e / 7), lastPower = power(last);
  const limbs = limbArray(k - Math.floor(lastPower / 7) + 1);
  for (let j = first; j <= last; j++) {
    if (j === point) continue;
    const digit = text.charCodeAt(j) - 48;
    if (digit === 0) continue;
    const p = power(j), q = Math.floor(p / 7);
    limbs[k - q]! += digit * POW10[p - 7 * q]!;
  }
  return fromDigits(sign, e, limbs);
}

// ---------------------------------------------------------------- fixed-point cells
// Data cells are kept as integer units and a scale (data/table.ts) and made Decimals only when
// read: a million records hold three million numbers, not three million Decimals.

/** What the last successful readUnits read: the cell's integer units. */
let unitsRead = 0;

/**
 * Reads a plain decimal text of at most 15 digits (`-1234.50`, `.5`, `7.`, `+3`) as integer units
 * of 10^-scale, the scale being its count of digits after the point; gives that scale, or -1 for
 * anything else (other texts, more digits, a negative zero), which parseDecimal handles. The
 * units are then lastUnits(). The value is exactly the Decimal parseDecimal gives.
 */
export function readUnits(text: string): number {
  const length = text.length;
  if (length === 0 || length > 24) return -1;
  let i = 0, negative = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 /* - */) { negative = true; i = 1; } else if (c0 === 43 /* + */) i = 1;
  let units = 0, digits = 0, significant = 0, point = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (point >= 0) return -1;
      point = i;
    } else if (c >= 48 && c <= 57) {
      digits++;
      if (significant > 0 || c !== 48) significant++;
      units = units * 10 + (c - 48);
    } else return -1;
  }
  if (digits === 0 || significant > 15) return -1;
  const scale = point < 0 ? 0 : length - point - 1;
  if (scale > MAX_SCALE) return -1;
  if (negative) {
    if (units === 0) return -1; // decimal.js keeps the sign of -0
    units = -units;
  }
  unitsRead = units;
  return scale;
}

/** The units of the last text readUnits read. */
export function lastUnits(): number {
  return unitsRead;
}

/** The Decimal `units × 10^-scale` (units a safe integer, 0 ≤ scale ≤ 22), made straight into decimal.js's digit form. */
export function decimalFromUnits(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  const sign = units < 0 ? -1 : 1;
  let n = units < 0 ? -units : units;
  let low = -scale; // the power of ten of n's last digit
  while (n % 10 === 0) { n /= 10; low++; }
  // the exponent of the leading digit
  let length = 1;
  while (length < 16 && n >= POW10[length]!) length++;
  const e = low + length - 1;
  // limbs from the last: the first (lowest) holds the digits from 10^low up to the next multiple of 7
  const r = ((low % LIMB_DIGITS) + LIMB_DIGITS) % LIMB_DIGITS;
  const firstWidth = POW10[LIMB_DIGITS - r]!;
  const count = Math.floor(e / LIMB_DIGITS) - Math.floor(low / LIMB_DIGITS) + 1;
  const limbs = limbArray(count);
  limbs[count - 1] = (n % firstWidth) * POW10[r]!;
  n = (n - (n % firstWidth)) / firstWidth;
  for (let i = count - 2; i >= 0; i--) {
    limbs[i] = n % LIMB;
    n = (n - (n % LIMB)) / LIMB;
  }
  return fromDigits(sign, e, limbs);
}

/** Significant digits of a quotient (spec §3). */
const QUOTIENT_DIGITS = 34;
const digitBuffer: number[] = [];

/**
 * a ÷ b by long division in safe integers, when both are at most 22 places and the divisor under
 * 2^53 ÷ 10 units (so that ten times a remainder is still exact): the same 34 significant digits,
 * rounded half-even, that decimal.js gives, made straight into its digit form. Undefined for the
 * rest (and for a zero dividend, whose sign decimal.js keeps), which go to decimal.js.
 */
function divideSmall(a: Decimal, b: Decimal): Decimal | undefined {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = toUnits(a, scale), y = toUnits(b, scale);
  if (x === undefined || y === undefined) return undefined;
  return divideUnits(x, y);
}

/** Whether divideUnits gives x ÷ y (x and y safe integers): neither is zero nor too large. */
export function dividesInUnits(x: number, y: number): boolean {
  return x !== 0 && y !== 0 && Math.abs(y) <= SAFE / 10 && Math.abs(x) <= SAFE / 2;
}

/**
 * x ÷ y for x and y units of one scale (safe integers): divide()'s 34 significant digits, or
 * undefined when x is zero, y is zero or either is too large for the long division in safe
 * integers (divide() then gives the quotient through decimal.js).
 */
export function divideUnits(x: number, y: number): Decimal | undefined {
  if (!dividesInUnits(x, y)) return undefined;
  const n = Math.abs(x), m = Math.abs(y);
  if (m <= LIMB_DIVISOR_MAX) return divideByLimbs(n, m, (x < 0) !== (y < 0) ? -1 : 1);
  // integer part, corrected for the rounding of n / m
  let q = Math.floor(n / m);
  let r = n - q * m;
  if (r < 0) { q--; r += m; } else if (r >= m) { q++; r -= m; }
  const digits = digitBuffer;
  digits.length = 0;
  let e: number;
  if (q > 0) {
    const text = String(q);
    for (let i = 0; i < text.length; i++) digits.push(text.charCodeAt(i) - 48);
    e = text.length - 1;
  } else {
    e = -1;
    for (;;) { // leading zeros after the point (r > 0 here, as n > 0)
      r *= 10;
      const digit = Math.floor(r / m);
      if (digit > 0) break;
      e--;
    }
    r /= 10;
  }
  while (digits.length < QUOTIENT_DIGITS && r !== 0) {
    r *= 10;
    let digit = Math.floor(r / m);
    r -= digit * m;
    if (r < 0) { digit--; r += m; } else if (r >= m) { digit++; r -= m; }
    digits.push(digit);
  }
  if (r !== 0) {
    // half-even on what is left: r ÷ m against one half
    const twice = 2 * r;
    if (twice > m || (twice === m && digits[digits.length - 1]! % 2 === 1)) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === 9) digits[i--] = 0;
      if (i >= 0) digits[i]!++;
      else { digits.unshift(1); digits.pop(); e++; }
    }
  }
  // digits (the leading one at 10^e) into limbs of 7, up to the last that is not zero
  let end = digits.length - 1;
  while (end > 0 && digits[end] === 0) end--;
  const k = Math.floor(e / 7);
  const limbs = limbArray(k - Math.floor((e - end) / 7) + 1);
  for (let j = 0; j <= end; j++) {
    const p = e - j, q = Math.floor(p / 7);
    limbs[k - q]! += digits[j]! * POW10[p - 7 * q]!;
  }
  return fromDigits((x < 0) !== (y < 0) ? -1 : 1, e, limbs);
}

/** The largest divisor whose remainders, times 10^7, are still exact: a whole limb of quotient digits per step. */
const LIMB_DIVISOR_MAX = Math.floor(SAFE / LIMB);

/**
 * n ÷ m (0 < n ≤ 2^53 ÷ 2, 0 < m ≤ LIMB_DIVISOR_MAX) to 34 significant digits, half-even: the
 * long division of divideSmall, a limb (seven digits) at a time. The integer part gives the first
 * limbs; after the point each step gives the next limb, as limbs after the point line up with it.
 */
function divideByLimbs(n: number, m: number, sign: number): Decimal {
  let q = Math.floor(n / m);
  let r = n - q * m;
  if (r < 0) { q--; r += m; } else if (r >= m) { q++; r -= m; }
  const limbs = limbBuffer;
  limbs.length = 0;
  let point: number; // limbs before the point
  if (q > 0) {
    for (; q > 0; q = (q - (q % LIMB)) / LIMB) limbs.push(q % LIMB);
    limbs.reverse();
    point = limbs.length;
  } else {
    point = 0;
    for (;;) { // limbs of zeros after the point (r > 0 here, as n > 0)
      const limb = limbOf(r, m);
      r = r * LIMB - limb * m;
      if (limb > 0) { limbs.push(limb); break; }
      point--;
    }
  }
  let digits = digitCount(limbs[0]!) + LIMB_DIGITS * (limbs.length - 1);
  while (digits < QUOTIENT_DIGITS && r !== 0) {
    const limb = limbOf(r, m);
    r = r * LIMB - limb * m;
    limbs.push(limb);
    digits += LIMB_DIGITS;
  }
  if (digits >= QUOTIENT_DIGITS) {
    // half-even on what lies past the 34th digit: the last limb's `cut` lowest digits, then r ÷ m
    const cut = digits - QUOTIENT_DIGITS, unit = POW10[cut]!, last = limbs.length - 1;
    const dropped = limbs[last]! % unit;
    let up: boolean;
    if (cut > 0) {
      const half = unit / 2;
      up = dropped > half || (dropped === half && r > 0) || (dropped === half && ((limbs[last]! - dropped) / unit) % 2 === 1);
    } else {
      up = 2 * r > m || (2 * r === m && limbs[last]! % 2 === 1);
    }
    limbs[last] = limbs[last]! - dropped + (up ? unit : 0);
    for (let i = last; i > 0 && limbs[i]! >= LIMB; i--) { limbs[i] = limbs[i]! - LIMB; limbs[i - 1]!++; }
    if (limbs[0]! >= LIMB) { limbs[0] = limbs[0]! - LIMB; limbs.unshift(1); point++; }
  }
  let end = limbs.length;
  while (end > 1 && limbs[end - 1] === 0) end--;
  const exact = limbArray(end);
  for (let i = 0; i < end; i++) exact[i] = limbs[i]!;
  return fromDigits(sign, LIMB_DIGITS * (point - 1) + digitCount(exact[0]!) - 1, exact);
}

const limbBuffer: number[] = [];

/** ⌊r × 10^7 ÷ m⌋ for 0 ≤ r < m ≤ LIMB_DIVISOR_MAX, corrected for the rounding of the division. */
function limbOf(r: number, m: number): number {
  const scaled = r * LIMB;
  const limb = Math.floor(scaled / m), rest = scaled - limb * m;
  return rest < 0 ? limb - 1 : rest >= m ? limb + 1 : limb;
}

/** Digits of 0 < x < 10^7. */
function digitCount(x: number): number {
  return x < 1e3 ? (x < 10 ? 1 : x < 100 ? 2 : 3) : x < 1e5 ? (x < 1e4 ? 4 : 5) : x < 1e6 ? 6 : 7;
}

const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  half_even: DecimalJs.ROUND_HALF_EVEN,
  half_up: DecimalJs.ROUND_HALF_UP, // ties away from zero
  down: DecimalJs.ROUND_DOWN, // toward zero
  up: DecimalJs.ROUND_UP, // away from zero
};

/** Rounds to `places` decimal places with the plan's rounding mode. */
export function roundToPlaces(value: Decimal, places: number, mode: RoundingMode): Decimal {
  return value.toDecimalPlaces(places, MODES[mode]);
}

/** Rounds to a multiple of `step` (`round(x, 0.05)`); undefined when step is zero. */
export function roundToStep(value: Decimal, step: Decimal, mode: RoundingMode): Decimal | undefined {
  if (step.isZero()) return undefined;
  const units = new Decimal(Division.div(value, step));
  return units.toDecimalPlaces(0, MODES[mode]).times(step);
}

/** Fixed-point text with exactly `places` digits after the point ("1234.50", "-3.00", "12"). */
export function formatFixed(value: Decimal, places: number): string {
  const s = value.toFixed(places);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/** Plain text without exponent, trailing zeros removed ("0.075", "1200"). */
export function formatPlain(value: Decimal): string {
  return value.toFixed();
}

/**
 * Every value made here has Decimal as its constructor (decimal.js makes results with the
 * operands' constructor, and divide() converts from Division), which is the quick test; every
 * clone of decimal.js shares one prototype, so `instanceof` catches any other.
 */
export function isDecimal(value: unknown): value is Decimal {
  return typeof value === 'object' && value !== null && ((value as { constructor?: unknown }).constructor === Decimal || value instanceof Decimal);
}

export function sumDecimals(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lessThanOrEqualTo(b) ? a : b;
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.greaterThanOrEqualTo(b) ? a : b;
}
