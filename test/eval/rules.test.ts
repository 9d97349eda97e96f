// Evaluation rules the conformance cases do not cover, each with figures worked by hand:
// rounding modes, once-per-year bonuses, draws, rewards, metrics, ytd and prior, JSON input,
// clawbacks of capped and pending records, accelerators on another amount, errors.
import { describe, expect, it } from 'vitest';
import { amounts, DEALS, HEADER, REPS, run, totals } from './helpers';

const ROSTER = 'id,name,quota\nR1,Ada,100000\nR2,Bo,50000\n';

describe('rounding modes (§5): each line rounded once', () => {
  // R1 Q2: 1% of 1000.10 + 1000.20 + 1000.20 = 30.005; R2 Q2: a credit note of -120000.50 → -1200.005
  const deals = 'id,owner,amount,closed_on,cancelled_on\nD3,R1,1000.10,2027-04-05,\nD4,R1,1000.20,2027-04-06,\nD5,R1,1000.20,2027-04-07,\nD6,R2,-120000.50,2027-04-07,\n';
  const cases: [string, string, string][] = [
    ['half_even', '30.00', '-1200.00'],
    ['half_up', '30.01', '-1200.01'],
    ['down', '30.00', '-1200.00'],
    ['up', '30.01', '-1200.01'],
  ];
  for (const [mode, r1, r2] of cases) {
    it(mode, () => {
      const plan = `${HEADER(`rounding ${mode}`)}${REPS}${DEALS}\ncommission one { for d in deals  base d.amount  rate 1% }`;
      expect(amounts(run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals }))).toEqual({ 'R1 2027-Q2 one': r1, 'R2 2027-Q2 one': r2 });
    });
  }
  it('round(x, step) uses the plan mode', () => {
    const plan = `${HEADER('rounding half_up')}${REPS}${DEALS}\nbonus b { when true  pay round(payee.quota * 0.0125%, 5) }`;
    // 100000 × 0.0125% = 12.5 → 10 or 15: half_up takes 15; 50000 × 0.0125% = 6.25 → 5
    const r = amounts(run(plan, { 'reps.csv': ROSTER, 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\n' }));
    expect(r['R1 2027-Q1 b']).toBe('15.00');
    expect(r['R2 2027-Q1 b']).toBe('5.00');
  });
});

describe('bonuses', () => {
  const plan = (once: string) => `${HEADER('', 'quarter', '2027-01-01 to 2028-12-31')}${REPS}${DEALS}
measure bookings = sum(d.amount for d in deals)
bonus club { when bookings >= payee.quota  pay 1_000 USD  ${once} }`;
  const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,100000,2027-02-01,\nD2,R1,100000,2027-05-01,\nD3,R1,100000,2028-05-01,\n';
  it('pays in every period whose condition holds', () => {
    expect(Object.keys(amounts(run(plan(''), { 'reps.csv': ROSTER, 'deals.csv': deals })))).toEqual(['R1 2027-Q1 club', 'R1 2027-Q2 club', 'R1 2028-Q2 club']);
  });
  it('once per year: the first period of each fiscal year whose condition holds', () => {
    expect(Object.keys(amounts(run(plan('once per year'), { 'reps.csv': ROSTER, 'deals.csv': deals })))).toEqual(['R1 2027-Q1 club', 'R1 2028-Q2 club']);
  });
});

describe('draws', () => {
  const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,10000,2027-02-01,\nD2,R1,40000,2027-05-01,\nD4,R1,50000,2027-11-01,\n';
  // commission 10%: Q1 1000, Q2 4000, Q3 0, Q4 5000
  it('a non-recoverable draw tops each period up to the guarantee', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 10% }\ndraw floor { pay 3_000 USD per period }`;
    const r = amounts(run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,1\n', 'deals.csv': deals }));
    expect(r).toEqual({
      'R1 2027-Q1 c': '1000.00', 'R1 2027-Q1 floor': '2000.00',
      'R1 2027-Q2 c': '4000.00',
      'R1 2027-Q3 floor': '3000.00',
      'R1 2027-Q4 c': '5000.00',
    });
  });
  it('a recoverable draw is taken back from later excess; what is left at year end is forgiven', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 10% }\ndraw ramp { pay 3_000 USD per period  recoverable }`;
    const outcome = run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,1\n', 'deals.csv': deals });
    // Q1: +2000 (owed 2000); Q2: excess 1000 → -1000 (owed 1000); Q3: +3000 (owed 4000); Q4: excess 2000 → -2000 (owed 2000, forgiven)
    expect(amounts(outcome)).toEqual({
      'R1 2027-Q1 c': '1000.00', 'R1 2027-Q1 ramp': '2000.00',
      'R1 2027-Q2 c': '4000.00', 'R1 2027-Q2 ramp': '-1000.00',
      'R1 2027-Q3 ramp': '3000.00',
      'R1 2027-Q4 c': '5000.00', 'R1 2027-Q4 ramp': '-2000.00',
    });
    expect(totals(outcome)).toEqual({ 'R1 2027-Q1': '3000.00', 'R1 2027-Q2': '3000.00', 'R1 2027-Q3': '3000.00', 'R1 2027-Q4': '3000.00' });
    if (outcome.ok) expect(outcome.report.summary.forgiven).toEqual([{ payee: 'R1', component: 'ramp', fiscalYear: 2027, amount: '2000.00' }]);
    if (outcome.ok) expect(outcome.report.summary.outstanding).toEqual([]);
  });
  it('a draw still owed when the plan ends before its fiscal year is outstanding, not forgiven', () => {
    const plan = `${HEADER('', 'quarter', '2027-01-01 to 2027-06-30')}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 10% }\ndraw ramp { pay 3_000 USD per period  recoverable }`;
    const outcome = run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,1\n', 'deals.csv': deals });
    // Q1: +2000 (owed 2000); Q2: excess 1000 → -1000 (owed 1000 when the plan ends on 2027-06-30; fiscal 2027 runs to December)
    expect(amounts(outcome)).toEqual({ 'R1 2027-Q1 c': '1000.00', 'R1 2027-Q1 ramp': '2000.00', 'R1 2027-Q2 c': '4000.00', 'R1 2027-Q2 ramp': '-1000.00' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.report.summary.forgiven).toEqual([]);
    expect(outcome.report.summary.outstanding).toEqual([{ payee: 'R1', component: 'ramp', fiscalYear: 2027, amount: '1000.00' }]);
  });
  it('clawbacks count in what a draw tops up', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 10% }
clawback back { for d in deals where d.cancelled_on is set  recover 100% of c on cancelled_on }
draw floor { pay 500 USD per period }`;
    const r = amounts(run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,1\n', 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,10000,2027-02-01,2027-05-01\nD2,R1,3000,2027-05-02,\n' }));
    // Q1: 1000 ≥ 500; Q2: 300 − 1000 = −700 → draw 1200; Q3 and Q4 earn nothing → 500 each
    expect(r).toEqual({
      'R1 2027-Q1 c': '1000.00', 'R1 2027-Q2 c': '300.00', 'R1 2027-Q2 back': '-1000.00', 'R1 2027-Q2 floor': '1200.00',
      'R1 2027-Q3 floor': '500.00', 'R1 2027-Q4 floor': '500.00',
    });
  });
});

describe('rewards and metrics', () => {
  const plan = `${HEADER()}${REPS}${DEALS}
input coupons {
  id: Text key
  partner: Payee
  issued_on: Date
  redeemed: Bool
  credit partner on issued_on
}
measure bookings = sum(d.amount for d in deals)
commission c { for d in deals  base d.amount  rate 10% }
reward big { when bookings >= payee.quota  grant 500 points }
reward trip { when bookings >= payee.quota  grant "Summit invitation" }
reward per_coupon { for x in coupons where x.redeemed  grant 2.5 points }
metric redemption_rate = count(x in all coupons where x.redeemed) / count(x in all coupons)
metric won = sum(d.amount for d in all deals)`;
  const files = {
    'reps.csv': ROSTER,
    'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,100000,2027-02-01,\nD2,R2,1000,2027-05-01,\n',
    'coupons.csv': 'id,partner,issued_on,redeemed\nC1,R1,2027-01-05,true\nC2,R1,2027-01-06,false\nC3,R2,2027-04-01,true\nC4,R2,2027-04-02,true\n',
  };
  it('points and awards are lines beside money, never added to totals', () => {
    const outcome = run(plan, files);
    expect(amounts(outcome)).toEqual({
      'R1 2027-Q1 c': '10000.00', 'R1 2027-Q1 big points': '500.00', 'R1 2027-Q1 trip award': '1.00', 'R1 2027-Q1 per_coupon points': '2.50',
      'R2 2027-Q2 c': '100.00', 'R2 2027-Q2 per_coupon points': '5.00',
    });
    expect(totals(outcome)['R1 2027-Q1']).toBe('10000.00');
    if (outcome.ok) expect(outcome.report.lines.find((l) => l.component === 'trip')!.award).toBe('Summit invitation');
  });
  it('metrics over the whole range and per period', () => {
    const outcome = run(plan, files);
    if (!outcome.ok) throw new Error('run failed');
    expect(outcome.report.metrics).toEqual({ redemption_rate: '0.75', won: '101000' });
    expect(outcome.report.metricsByPeriod['2027-Q1']).toEqual({ redemption_rate: '0.5', won: '100000' });
    expect(outcome.report.metricsByPeriod['2027-Q3']).toEqual({ redemption_rate: null, won: '0' });
    expect(outcome.report.summary.notes).toContain('metric `redemption_rate` is undefined in 2027-Q3: division by zero in count(x in all coupons where x.redeemed) / count(x in all coupons)');
  });
});

describe('ytd, prior and period', () => {
  it('status from year-to-date bookings, growth against the prior period, proration by period days', () => {
    const plan = `${HEADER()}
input reps {
  id: Payee key
  quota: Money
  start: Date
}
${DEALS}
enum Tier { registered, silver, gold }
measure bookings = sum(d.amount for d in deals)
measure level = bands ytd(bookings) { below 100_000 USD -> registered  100_000 USD to 200_000 USD -> silver  200_000 USD up -> gold }
measure before = prior(bookings) ?? 0 USD
measure prorated = payee.quota * (period.end - max(payee.start, period.start) + 1) / period.days
commission c { for d in deals  base d.amount  rate match level { registered -> 1%  silver -> 2%  gold -> 3% } }
bonus growth { when bookings > before  pay 100 USD }
bonus ramp { when true  pay prorated }`;
    const r = amounts(run(plan, {
      'reps.csv': 'id,quota,start\nR1,9000,2027-03-02\n',
      'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,60000,2027-02-01,\nD2,R1,60000,2027-05-01,\nD3,R1,100000,2027-08-01,\nD4,R1,10000,2027-11-01,\n',
    }));
    // ytd: Q1 60000 (registered 1%: 600), Q2 120000 (silver 2%: 1200), Q3 220000 (gold 3%: 3000), Q4 230000 (gold: 300)
    // growth: Q1 60000 > 0, Q2 60000 = 60000 no, Q3 100000 > 60000, Q4 no
    // ramp: Q1 9000 × (90 − 60 + 1) / 90 = 9000 × 30/90 = 3000 (start 2027-03-02 is day 61 of 90); later quarters 9000
    expect(r).toEqual({
      'R1 2027-Q1 c': '600.00', 'R1 2027-Q1 growth': '100.00', 'R1 2027-Q1 ramp': '3000.00',
      'R1 2027-Q2 c': '1200.00', 'R1 2027-Q2 ramp': '9000.00',
      'R1 2027-Q3 c': '3000.00', 'R1 2027-Q3 growth': '100.00', 'R1 2027-Q3 ramp': '9000.00',
      'R1 2027-Q4 c': '300.00', 'R1 2027-Q4 ramp': '9000.00',
    });
  });
});

describe('draws with a zero guarantee', () => {
  it('do not top a negative period up to zero, but still recover earlier advances', () => {
    const plan = `${HEADER()}
input reps { id: Payee key  ramp_until: Date }
${DEALS}
commission c { for d in deals  base d.amount  rate 10% }
clawback back { for d in deals where d.cancelled_on is set  recover 100% of c on cancelled_on }
draw ramp { pay if period.end <= payee.ramp_until then 3_000 USD else 0 USD per period  recoverable }`;
    const r = amounts(run(plan, {
      'reps.csv': 'id,ramp_until\nR1,2027-03-31\n',
      'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,10000,2027-02-01,2027-05-01\nD2,R1,50000,2027-07-01,\n',
    }));
    // Q1: 1000 earned, guarantee 3000 → +2000 (owed 2000); Q2: clawback -1000, guarantee 0 → no top-up;
    // Q3: 5000 earned, guarantee 0 → recovers min(2000, 5000) = 2000
    expect(r).toEqual({
      'R1 2027-Q1 c': '1000.00', 'R1 2027-Q1 ramp': '2000.00',
      'R1 2027-Q2 back': '-1000.00',
      'R1 2027-Q3 c': '5000.00', 'R1 2027-Q3 ramp': '-2000.00',
    });
  });
});
