// Dates as day numbers (eval/dates.ts): the arithmetic parser against the JavaScript Date
// clock over every day of years 0000–9999, and the texts it must refuse.
import { describe, expect, it } from 'vitest';
import { dayNumber, formatIsoDate, parseIsoDate } from '../../packages/language/src/eval/dates';

/** The day number JavaScript's own clock gives (setUTCFullYear: years 0–99 are not read as 19xx). */
function clockDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / 86_400_000);
}

describe('dates', () => {
  it('every day of 0000–9999 parses to the clock\'s day number and prints back to its text', () => {
    const first = clockDay(0, 1, 1), last = clockDay(9999, 12, 31);
    expect(parseIsoDate('0000-01-01')).toBe(first);
    expect(parseIsoDate('9999-12-31')).toBe(last);
    let checked = 0;
    for (let day = first; day <= last; day++) {
      const text = formatIsoDate(day);
      if (parseIsoDate(text) !== day) throw new Error(`${text}: ${parseIsoDate(text)} ≠ ${day}`);
      checked++;
    }
    expect(checked).toBe(3_652_425);
  });

  it('day numbers of known dates', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(1969, 12, 31)).toBe(-1);
    expect(dayNumber(2000, 2, 29)).toBe(11_016);
    expect(dayNumber(2027, 1, 1)).toBe(clockDay(2027, 1, 1));
    expect(dayNumber(1600, 3, 1)).toBe(clockDay(1600, 3, 1));
    expect(dayNumber(99, 12, 31)).toBe(clockDay(99, 12, 31));
  });

  it('refuses impossible dates and other texts', () => {
    for (const text of ['2027-02-29', '2100-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '2027-1-01', '2027-01-1',
      '27-01-01', '2027/01/01', '2027-01-01 ', ' 2027-01-01', '2027-01-01T00:00', '２０２７-01-01', '2027-0a-01', '+027-01-01', '-027-01-01', '']) {
      expect(parseIsoDate(text), text).toBeUndefined();
    }
    expect(parseIsoDate('2000-02-29')).toBe(dayNumber(2000, 2, 29));
    expect(parseIsoDate('2024-02-29')).toBe(dayNumber(2024, 2, 29));
    expect(parseIsoDate('0050-06-15')).toBe(clockDay(50, 6, 15));
  });
});
