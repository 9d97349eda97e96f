// Shares that are not exact decimals must not cost or gain a cent: a record's share of a capped
// component (clawbacks, spec §4 "scaled down pro rata") and a record's share of the base in each
// tier slice of a marginal accelerator `on` another amount. Both divide once, after multiplying;
// dividing first rounds to 34 digits, which `down` and `up` then turn into a cent (found by a
// hand-computed audit of the evaluator; the expected amounts are worked out below).
import { describe, expect, it } from 'vitest';
import { amounts, DEALS, HEADER, run } from './helpers';

const REPS_QUOTA = `input reps {
  id: Payee key
  quota: Money
}
`;

const CAPPED = (mode: string, cap: string) => `${HEADER(`rounding ${mode}`)}${REPS_QUOTA}${DEALS}
commission core {
  for d in deals
  base d.amount
  rate 10%
  cap ${cap}
}
clawback churn {
  for d in deals where d.cancelled_on is set
  recover 100% of core on cancelled_on
}
`;

const REPS = 'id,quota\nR1,1000\n';

describe('a clawback recovers exactly what a capped record earned', () => {
  // 120,000 × 10% = 12,000, capped to 10,000: the record earned 12,000 × 10,000 ÷ 12,000 = 10,000.
  const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,120000,2027-02-01,2027-05-01\n';

  it.each(['down', 'up', 'half_up', 'half_even'])('under a period cap, rounding %s: all of the 10,000.00 paid, no cent more or less', (mode) => {
    expect(amounts(run(CAPPED(mode, '10_000 USD per period'), { 'reps.csv': REPS, 'deals.csv': deals }))).toEqual({
      'R1 2027-Q1 core': '10000.00',
      'R1 2027-Q2 churn': '-10000.00',
    });
  });

  it('under a year cap, rounding down', () => {
    expect(amounts(run(CAPPED('down', '10_000 USD per year'), { 'reps.csv': REPS, 'deals.csv': deals }))).toEqual({
      'R1 2027-Q1 core': '10000.00',
      'R1 2027-Q2 churn': '-10000.00',
    });
  });

  it('a share that is an exact tie rounds as a tie (half_up: -1,000.005 → -1,000.01)', () => {
    // earnings 3,000.015 + 5,999.985 = 9,000, capped to 3,000; D1 earned 3,000.015 × 3,000 ÷ 9,000 = 1,000.005
    const data = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,30000.15,2027-02-01,2027-05-01\nD2,R1,59999.85,2027-02-02,\n';
    expect(amounts(run(CAPPED('half_up', '3_000 USD per period'), { 'reps.csv': REPS, 'deals.csv': data }))).toEqual({
      'R1 2027-Q1 core': '3000.00',
      'R1 2027-Q2 churn': '-1000.01',
    });
  });
});

describe('marginal tiers on another amount split the base without losing a cent', () => {
  const plan = (mode: string) => `${HEADER(`rounding ${mode}`)}${REPS_QUOTA}input deals {
  id: Text key
  owner: Payee
  amount: Money
  acv: Money
  closed_on: Date
  credit owner on closed_on
}
commission marg {
  for d in deals
  base d.amount
  rate 10%
  accelerate marginal against payee.quota on d.acv {
    0%   to 50%  -> 1
    50%  to 100% -> 1.5
    100% up      -> 2
  }
}
`;
  // quota 10,000; acv 15,000 crosses 5,000 and 10,000: a third of the base in each tier.
  it.each([
    ['down', '1000', '150.00'], // 1,000 × 10% × (1 + 1.5 + 2) ÷ 3 = 150
    ['up', '2000', '300.00'], // 2,000 × 10% × 4.5 ÷ 3 = 300
    ['half_even', '1000.01', '150.00'], // 1,000.01 × 0.1 × 1.5 = 150.0015
  ])('rounding %s, base %s: %s', (mode, amount, expected) => {
    const deals = `id,owner,amount,acv,closed_on\nD1,R1,${amount},15000,2027-01-05\n`;
    expect(amounts(run(plan(mode), { 'reps.csv': 'id,quota\nR1,10000\n', 'deals.csv': deals }))).toEqual({ 'R1 2027-Q1 marg': expected });
  });
});
