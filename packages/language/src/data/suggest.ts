// Guesses for bad cells: what the user probably meant, so a data error can say "write
// 8000.50" (spec §7). Used by data/convert.ts only. A guess is offered only when it is
// unambiguous: `1,234` could be 1234 or 1.234, so it gets none.
import { daysInMonth, parseIsoDate } from '../eval/dates';
import { formatPlain, parseDecimal, parseDecimalWithExponent } from '../eval/decimal';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The plain decimal a malformed number most likely means (`8.000,50` → `8000.50`), if any. */
export function suggestDecimal(text: string): string | undefined {
  let body = text.trim()
    .replace(/^[A-Z]{3}(?=[\s\d\-−(+.])|(?<=[\d\s)])[A-Z]{3}$/, '') // ISO currency codes: USD 12, 12 EUR
    .replace(/[$€£¥₹\s\u00a0\u2009\u202f'’_]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(body)) { negative = true; body = body.slice(1, -1); } // accounting: (12.50)
  if (/^[-−]/.test(body)) { negative = !negative; body = body.slice(1); }
  else if (/-$/.test(body)) { negative = !negative; body = body.slice(0, -1); }
  else if (body.startsWith('+')) body = body.slice(1);
  const plain = plainDigits(body);
  if (plain === undefined) return undefined;
  const result = (negative ? '-' : '') + plain;
  return result !== text && parseDecimal(result) !== undefined ? result : undefined;
}

function plainDigits(body: string): string | undefined {
  if (/^\d+(\.\d+)?$/.test(body)) return body;
  if (/^\d+(\.\d+)?[eE][+-]?\d{1,3}$/.test(body)) return formatPlain(parseDecimalWithExponent(body)!);
  const lastComma = body.lastIndexOf(','), lastDot = body.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) { // both: the last one is the decimal point
    const [group, point] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const [whole, fraction] = [body.slice(0, Math.max(lastComma, lastDot)), body.slice(Math.max(lastComma, lastDot) + 1)];
    if (point === ',' ? whole.includes(',') : whole.includes('.')) return undefined;
    return grouped(whole, group) !== undefined && /^\d+$/.test(fraction) ? `${grouped(whole, group)}.${fraction}` : undefined;
  }
  const separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : undefined;
  if (separator === undefined) return undefined;
  const parts = body.split(separator);
  if (parts.length > 2) return grouped(body, separator); // 1,234,567 or 1.234.567
  if (separator === '.') return undefined;
  // One comma: a decimal comma (12,5), unless it could as well group thousands (1,234).
  const [whole, fraction] = parts as [string, string];
  if (!/^\d+$/.test(whole) || !/^\d+$/.test(fraction)) return undefined;
  if (fraction.length === 3 && whole.length <= 3 && !/^0+$/.test(whole)) return undefined;
  return `${whole}.${fraction}`;
}

/** `1.234.567` with `.` grouping → `1234567`, when the groups are three digits each. */
function grouped(whole: string, group: string): string | undefined {
  const parts = whole.split(group);
  if (!/^\d{1,3}$/.test(parts[0]!) || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) return undefined;
  return parts.join('');
}

/** Advice for a cell that is not an ISO date: `write 2027-01-05`, `2027-02 has 28 days`, … */
export function adviseDate(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const [year, month] = [Number(iso[1]), Number(iso[2])];
    if (month < 1 || month > 12) return `there is no month ${month}`;
    return `${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  }
  const withTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(text);
  if (withTime && parseIsoDate(withTime[1]!) !== undefined) return `write ${withTime[1]} (a date has no time of day)`;
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (yearFirst) return writeIfValid(yearFirst[1]!, yearFirst[2]!, yearFirst[3]!);
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (yearLast) {
    const [a, b, year] = [Number(yearLast[1]), Number(yearLast[2]), yearLast[3]!];
    if (a > 12 && b <= 12) return writeIfValid(year, String(b), String(a));
    if (b > 12 && a <= 12) return writeIfValid(year, String(a), String(b));
    return 'expected YYYY-MM-DD (is this day/month or month/day?)';
  }
  return 'expected YYYY-MM-DD';
}

function writeIfValid(year: string, month: string, day: string): string {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return parseIsoDate(iso) !== undefined ? `write ${iso}` : 'expected YYYY-MM-DD';
}
