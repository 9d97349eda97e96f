// The fiscal calendar (spec §4 `plan`): periods of a month, quarter, half or year, numbered
// from the fiscal year's first month and labelled by the fiscal year's start year
// (`2027-Q1`, `2027-M01`, `2027-H1`, `2027`). Only periods that overlap the effective
// range are evaluated.
import type { PeriodKind } from '../ir/ir';
import { dateParts, dayNumber, parseIsoDate } from './dates';

export interface Period {
  /** Position among the evaluated periods, from 0. */
  readonly index: number;
  readonly label: string;
  /** First and last day (day numbers, both included) of the whole period. */
  readonly start: number;
  readonly end: number;
  readonly days: number;
  /** The fiscal year (its start year) the period belongs to. */
  readonly fiscalYear: number;
  /** Index of the first evaluated period of the same fiscal year. */
  readonly fiscalYearFirstIndex: number;
  /** The period is the fiscal year's last (whether or not the effective range reaches its end). */
  readonly endsFiscalYear: boolean;
}

const MONTHS_PER_PERIOD: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export interface Calendar {
  readonly periods: readonly Period[];
  /** The evaluated period containing a day, or undefined outside them. */
  periodOf(day: number): Period | undefined;
  byLabel(label: string): Period | undefined;
}

/** The evaluated periods for a plan header's period kind, fiscal year start and effective range. */
export function buildCalendar(kind: PeriodKind, fiscalYearStart: number, effectiveFrom: string, effectiveTo: string): Calendar {
  const from = parseIsoDate(effectiveFrom)!, to = parseIsoDate(effectiveTo)!;
  const step = MONTHS_PER_PERIOD[kind];
  const first = periodSlot(from, kind, fiscalYearStart);
  const periods: Period[] = [];
  let { fiscalYear, slot } = first;
  for (;;) {
    const startMonthOffset = fiscalYearStart - 1 + slot * step; // months after January of fiscalYear
    const start = dayNumber(fiscalYear + Math.floor(startMonthOffset / 12), (startMonthOffset % 12) + 1, 1);
    if (start > to) break;
    const nextOffset = startMonthOffset + step;
    const end = dayNumber(fiscalYear + Math.floor(nextOffset / 12), (nextOffset % 12) + 1, 1) - 1;
    const previous = periods[periods.length - 1];
    const fiscalYearFirstIndex = previous && previous.fiscalYear === fiscalYear ? previous.fiscalYearFirstIndex : periods.length;
    periods.push({ index: periods.length, label: label(kind, fiscalYear, slot), start, end, days: end - start + 1, fiscalYear, fiscalYearFirstIndex, endsFiscalYear: (slot + 1) * step >= 12 });
    slot++;
    if (slot * step >= 12) { slot = 0; fiscalYear++; }
  }
  const byLabel = new Map(periods.map((p) => [p.label, p]));
  return {
    periods,
    periodOf(day: number) {
      if (periods.length === 0 || day < periods[0]!.start || day > periods[periods.length - 1]!.end) return undefined;
      let lo = 0, hi = periods.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (periods[mid]!.start <= day) lo = mid;
        else hi = mid - 1;
      }
      return periods[lo];
    },
    byLabel: (l: string) => byLabel.get(l),
  };
}

/** The fiscal year and the period's position within it for a day. */
function periodSlot(day: number, kind: PeriodKind, fiscalYearStart: number): { fiscalYear: number; slot: number } {
  const { year, month } = dateParts(day);
  const monthsIntoYear = (month - fiscalYearStart + 12) % 12;
  const fiscalYear = month >= fiscalYearStart ? year : year - 1;
  return { fiscalYear, slot: Math.floor(monthsIntoYear / MONTHS_PER_PERIOD[kind]) };
}

function label(kind: PeriodKind, fiscalYear: number, slot: number): string {
  switch (kind) {
    case 'month': return `${fiscalYear}-M${String(slot + 1).padStart(2, '0')}`;
    case 'quarter': return `${fiscalYear}-Q${slot + 1}`;
    case 'half': return `${fiscalYear}-H${slot + 1}`;
    case 'year': return `${fiscalYear}`;
  }
}
