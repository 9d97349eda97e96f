// Fiscal calendars: months, quarters, halves and years; fiscal years that start in another
// month than January are labelled by their start year (spec §4 `plan`).
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../packages/language/src/index';
import { amounts, DEALS, HEADER, REPS, run } from './helpers';

describe('calendar', () => {
  it('fiscal February: January 2028 is 2027-M12', () => {
    const c = buildCalendar('month', 2, '2027-02-01', '2028-01-31');
    expect(c.periods.map((p) => p.label)).toEqual(['2027-M01', '2027-M02', '2027-M03', '2027-M04', '2027-M05', '2027-M06', '2027-M07', '2027-M08', '2027-M09', '2027-M10', '2027-M11', '2027-M12']);
    expect(c.periods[11]!.days).toBe(31);
    expect(c.periods[0]!.days).toBe(28);
  });

  it('halves with a July fiscal year; only periods overlapping the effective range', () => {
    const c = buildCalendar('half', 7, '2027-03-15', '2028-07-01');
    expect(c.periods.map((p) => p.label)).toEqual(['2026-H2', '2027-H1', '2027-H2', '2028-H1']);
    expect(c.periods.map((p) => p.fiscalYearFirstIndex)).toEqual([0, 1, 1, 3]);
  });

  it('quarters and years', () => {
    expect(buildCalendar('quarter', 1, '2027-01-01', '2027-12-31').periods.map((p) => `${p.label}:${p.days}`)).toEqual(['2027-Q1:90', '2027-Q2:91', '2027-Q3:92', '2027-Q4:92']);
    expect(buildCalendar('year', 4, '2027-01-01', '2028-12-31').periods.map((p) => p.label)).toEqual(['2026', '2027', '2028']);
  });

  it('records are credited to the fiscal period of their credit date', () => {
    const plan = `${HEADER('fiscal_year_start february', 'month', '2027-02-01 to 2028-01-31')}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10% }`;
    const outcome = run(plan, {
      'reps.csv': 'id,name,quota\nR1,Ada,100\n',
      'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,100,2027-02-01,\nD2,R1,200,2028-01-31,\nD3,R1,400,2027-01-31,\nD4,R1,800,2028-02-01,\n',
    });
    expect(amounts(outcome)).toEqual({ 'R1 2027-M01 c': '10.00', 'R1 2027-M12 c': '20.00' });
    if (!outcome.ok) return;
    expect(outcome.report.summary.outOfPlan).toEqual({ deals: 2 });
  });

  it('half-year periods', () => {
    const plan = `${HEADER('fiscal_year_start july', 'half', '2027-07-01 to 2028-06-30')}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10% }`;
    const outcome = run(plan, {
      'reps.csv': 'id,name,quota\nR1,Ada,100\n',
      'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,100,2027-12-31,\nD2,R1,200,2028-01-01,\n',
    });
    expect(amounts(outcome)).toEqual({ 'R1 2027-H1 c': '10.00', 'R1 2027-H2 c': '20.00' });
  });
});
