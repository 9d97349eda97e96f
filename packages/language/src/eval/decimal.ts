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
  return DECIMAL_TEXT.test(text) ? compact(new Decimal(text)) : undefined;
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
  return new Decimal(Division.div(a, b));
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
