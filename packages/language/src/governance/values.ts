// Values in plain words for governance output (plan diffs, plan documents, statements, plan
// tests): money with thousands separators ("25,000 USD"), percents from fractions ("6.67%"),
// tier ranges ("100%–150%", "150% and up"), IR literals as a designer wrote them. Exact
// decimal strings come in; text for people comes out. Arithmetic goes through eval/decimal.ts.
import type { IrExpr, IrPlan, IrTier, IrType } from '../ir/ir';
import { printExpr } from '../ir/print';
import { dec, formatPlain, isDecimal, parseDecimalWithExponent, type Decimal } from '../eval/decimal';

/** 1234567.5 → "1,234,567.5" (the sign kept, no rounding). */
export function groupThousands(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [int, frac] = body.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

function toDecimal(value: string | Decimal): Decimal | undefined {
  if (isDecimal(value)) return value;
  return parseDecimalWithExponent(value.trim());
}

/**
 * A money amount for people: exactly `minor` decimals when it has no more ("6,000.00"), up to
 * two more when it needs them ("1,234.5678"), and rounded with "≈" beyond that.
 */
export function formatMoney(value: string | Decimal, minor = 2, currency = ''): string {
  const d = toDecimal(value);
  if (!d) return String(value);
  const places = d.decimalPlaces();
  const approx = places > minor + 2;
  let text = d.toFixed(places <= minor ? minor : approx ? minor + 2 : places);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return `${approx ? '≈' : ''}${groupThousands(text)}${currency ? ` ${currency}` : ''}`;
}

/** A signed change: "+1,200.00", "-350.00", "0.00". */
export function formatDelta(value: string | Decimal, minor = 2): string {
  const d = toDecimal(value)!;
  const text = formatMoney(d, minor);
  return d.greaterThan(0) ? `+${text}` : text;
}

/** A fraction as a percent: "0.075" → "7.5%", "0.0666…" → "≈6.67%". */
export function formatPercent(fraction: string | Decimal, places = 2): string {
  const d = toDecimal(fraction);
  if (!d) return String(fraction);
  const p = d.times(100);
  const exact = p.decimalPlaces() <= places;
  const text = exact ? formatPlain(p) : p.toFixed(places).replace(/\.?0+$/, '');
  return `${exact ? '' : '≈'}${groupThousands(text)}%`;
}

/** A plain number for people: up to four decimals, "≈" when rounded. */
export function formatNumber(value: string | Decimal, places = 4): string {
  const d = toDecimal(value);
  if (!d) return String(value);
  if (d.decimalPlaces() <= places) return groupThousands(formatPlain(d));
  return `≈${groupThousands(d.toFixed(places).replace(/\.?0+$/, ''))}`;
}

/** A runtime value (as the traces print it) by its IR type. */
export function formatTyped(value: string, type: IrType | undefined, ir: IrPlan): string {
  if (value === 'unset') return 'unset';
  switch (type?.base) {
    case 'Money': return formatMoney(value, ir.plan.minorUnits, ir.plan.currency);
    case 'Percent': return formatPercent(value);
    case 'Number': case 'Int': return formatNumber(value);
    default: return value;
  }
}

/** A constant IR expression in plain words ("25,000 USD", "5%", "1.5", "partner"); undefined when it is not a literal. */
export function literalWords(e: IrExpr, ir: IrPlan): string | undefined {
  if (e.k === 'neg') {
    const inner = literalWords(e.e, ir);
    return inner === undefined ? undefined : `-${inner}`;
  }
  if (e.k === 'enum') return e.v;
  if (e.k !== 'lit') return undefined;
  const v = e.v;
  if (typeof v === 'boolean') return String(v);
  switch (e.t.base) {
    case 'Money': return `${groupThousands(v)} ${ir.plan.currency}`;
    case 'Percent': return `${formatPlain(dec(v).times(100))}%`;
    case 'Text': return JSON.stringify(v);
    case 'Date': return v;
    default: return groupThousands(v);
  }
}

/** An expression as a reader sees it: a literal in words, anything else as backticked source. */
export function valueWords(e: IrExpr, ir: IrPlan): string {
  return literalWords(e, ir) ?? `\`${printExpr(e, ir.plan.currency)}\``;
}

/** A tier or band range in words: "100%–150%", "150% and up", "below 10%", "anything else". */
export function rangeWords(tier: Pick<IrTier, 'from' | 'to'>, ir: IrPlan): string {
  const w = (e: IrExpr) => literalWords(e, ir) ?? printExpr(e, ir.plan.currency);
  if (tier.from && tier.to) return `${w(tier.from)}–${w(tier.to)}`;
  if (tier.from) return `${w(tier.from)} and up`;
  if (tier.to) return `below ${w(tier.to)}`;
  return 'anything else';
}

/** "quarter" → "quarter", for sentences like "per quarter". */
export function periodNoun(ir: IrPlan): string {
  return ir.plan.period === 'half' ? 'half-year' : ir.plan.period;
}

/** "deals" → "deal", "opportunities" → "opportunity": a record of an input, for sentences. */
export function singular(inputName: string): string {
  const words = inputName.replace(/_/g, ' ');
  if (/ies$/.test(words)) return words.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(words)) return words;
  if (/(x|ch|sh|ss)es$/.test(words)) return words.replace(/es$/, '');
  if (/s$/.test(words)) return words.slice(0, -1);
  return `${words} record`;
}

/** Month name of a fiscal-year start (1 = January). */
export function monthName(month: number): string {
  return ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][month - 1] ?? String(month);
}
