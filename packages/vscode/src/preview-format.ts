// Text helpers of the payout preview's HTML (preview-html.ts): HTML escaping, and decimal strings
// shown as amounts and percentages. Amounts stay strings throughout: sums and scaling are done on
// scaled BigInts, exactly, never through binary floats (the core's "decimal in one place" rule
// covers computing payouts; this only re-adds and re-scales the rounded strings it was given).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and for quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A decimal string as an unscaled integer and a scale: "-12.50" → { units: -1250n, scale: 2 }. */
interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function parse(value: string): Scaled | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function render({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** Is this a plain decimal string ("12", "-0.5")? */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** The exact sum of decimal strings, with as many fraction digits as the longest ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse).filter((v): v is Scaled => v !== undefined);
  const scale = Math.max(0, ...parsed.map((v) => v.scale));
  return render({ units: parsed.reduce((sum, v) => sum + rescale(v, scale), 0n), scale });
}

/** Rounds half away from zero to `places` fraction digits (for display only). */
export function roundDecimal(value: string, places: number): string {
  const v = parse(value);
  if (!v) return value;
  if (v.scale <= places) return render(v);
  const divisor = 10n ** BigInt(v.scale - places);
  const magnitude = v.units < 0n ? -v.units : v.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return render({ units: v.units < 0n ? -quotient : quotient, scale: places });
}

/** Drops trailing fraction zeros: "1.500" → "1.5", "2.00" → "2". */
export function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Groups the integer digits by thousands: "-1234567.5" → "-1,234,567.5". Leaves non-decimals as they are. */
export function groupDigits(value: string): string {
  if (!isDecimal(value)) return value;
  const [int = '', fraction] = value.trim().split('.');
  const sign = int.startsWith('-') || int.startsWith('+') ? int[0] : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A fraction as a percentage, exactly: "0.075" → "7.5%", "1.46096152" → "146.096152%"; `places` rounds. */
export function percent(fraction: string, places?: number): string {
  const v = parse(fraction);
  if (!v) return fraction;
  const scaled = v.scale >= 2 ? { units: v.units, scale: v.scale - 2 } : { units: v.units * 10n ** BigInt(2 - v.scale), scale: 0 };
  const text = render(scaled);
  return `${groupDigits(trimZeros(places === undefined ? text : roundDecimal(text, places)))}%`;
}

/** A number shown exactly, grouped, trailing zeros dropped: "6000.8472" → "6,000.8472", "1.50" → "1.5". */
export function plain(value: string): string {
  return groupDigits(trimZeros(value));
}

/** A rounded amount with its unit: "18500.00" USD → "18,500.00 USD"; points as "120 points". */
export function amountWithUnit(amount: string, unit: string): string {
  if (unit === 'award') return `${amount} award${amount === '1' ? '' : 's'}`;
  return `${groupDigits(amount)} ${unit}`;
}

/** Is the decimal string below zero? */
export function isNegative(value: string): boolean {
  const v = parse(value);
  return !!v && v.units < 0n;
}

/** Is the decimal string zero? */
export function isZero(value: string): boolean {
  const v = parse(value);
  return !!v && v.units === 0n;
}
