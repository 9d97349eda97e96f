// More evaluation rules, worked by hand: JSON and JSONL data, clawbacks of capped records and
// clawbacks dated after the plan, accelerators on another amount, retroactive tiers over the
// year, credit splits, team measures, evaluation errors, and the reconciliation of records.
import { describe, expect, it } from 'vitest';
import { amounts, DEALS, HEADER, REPS, run } from './helpers';

const ROSTER = 'id,name,quota\nR1,Ada,100000\nR2,Bo,50000\n';

describe('data formats', () => {
  const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 7.5% }`;
  const csv = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,0.10,2027-01-05,\nD2,R1,0.20,2027-01-06,\nD3,R2,12345678901234567890.123456789,2027-04-01,\n';
  const expected = { 'R1 2027-Q1 c': '0.02', 'R2 2027-Q2 c': '925925917592592591.76' };
  it('CSV', () => {
    // 0.30 × 7.5% = 0.0225 → 0.02 (half even); 12345678901234567890.123456789 × 0.075 = 925925917592592591.759259259175 → .76
    expect(amounts(run(plan, { 'reps.csv': ROSTER, 'deals.csv': csv }))).toEqual(expected);
  });
  it('JSON, numbers read exactly from their text', () => {
    const json = JSON.stringify([
      { id: 'D1', owner: 'R1', amount: 0.1, closed_on: '2027-01-05' },
      { id: 'D2', owner: 'R1', amount: '0.20', closed_on: '2027-01-06', cancelled_on: null },
    ]).replace(']', ',{"id":"D3","owner":"R2","amount":12345678901234567890.123456789,"closed_on":"2027-04-01"}]');
    expect(amounts(run(plan, { 'reps.csv': ROSTER, 'deals.json': json }))).toEqual(expected);
  });
  it('JSONL', () => {
    const jsonl = '{"id":"D1","owner":"R1","amount":0.1,"closed_on":"2027-01-05"}\n{"id":"D2","owner":"R1","amount":0.2,"closed_on":"2027-01-06"}\n\n{"id":"D3","owner":"R2","amount":12345678901234567890.123456789,"closed_on":"2027-04-01"}\n';
    expect(amounts(run(plan, { 'reps.jsonl': '{"id":"R1","name":"Ada","quota":100000}\n{"id":"R2","name":"Bo","quota":"50000"}\n', 'deals.jsonl': jsonl }))).toEqual(expected);
  });
});

describe('clawbacks', () => {
  it('recover what a record earned after a period cap scaled the component down pro rata', () => {
    const plan = `${HEADER()}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10%  cap 1_500 USD per period }
clawback back { for d in deals where d.cancelled_on is set  recover 50% of c on cancelled_on }`;
    // Q1: D1 1000 + D2 1000 = 2000 → capped 1500: each earned 750; D2 cancelled in Q2: -375
    const r = amounts(run(plan, { 'reps.csv': ROSTER, 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,10000,2027-01-05,\nD2,R1,10000,2027-02-05,2027-04-10\n' }));
    expect(r).toEqual({ 'R1 2027-Q1 c': '1500.00', 'R1 2027-Q2 back': '-375.00' });
  });
  it('a clawback dated before the credit falls in the credit period; one after the effective range is pending', () => {
    const plan = `${HEADER()}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10% }
clawback back { for d in deals where d.cancelled_on is set  recover 100% of c on cancelled_on }`;
    const outcome = run(plan, { 'reps.csv': ROSTER, 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,1000,2027-05-05,2027-01-01\nD2,R1,2000,2027-12-05,2028-01-10\n' });
    expect(amounts(outcome)).toEqual({ 'R1 2027-Q2 c': '100.00', 'R1 2027-Q2 back': '-100.00', 'R1 2027-Q4 c': '200.00' });
    // D2 earned 10% of 2000 = 200 in Q4: all of it is to be recovered
    if (outcome.ok) expect(outcome.report.summary.pending).toEqual([{ payee: 'R1', component: 'back', record: 'D2', date: '2028-01-10', amount: '-200.00' }]);
  });
  it('a pending clawback recovers its share of what the record earned after caps; without its period evaluated, no amount', () => {
    const plan = `${HEADER()}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10%  cap 150 USD per period }
clawback back { for d in deals where d.cancelled_on is set  recover 30% of c on cancelled_on }`;
    const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,1000,2027-10-05,\nD2,R1,1000,2027-11-05,2028-02-01\n';
    // Q4: 100 + 100 = 200, capped at 150: D2 earned 75; 30% of 75 = 22.50
    const full = run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals });
    if (!full.ok) throw new Error('failed');
    expect(full.report.summary.pending).toEqual([{ payee: 'R1', component: 'back', record: 'D2', date: '2028-02-01', amount: '-22.50' }]);
    const early = run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals }, { period: '2027-Q2' });
    if (!early.ok) throw new Error('failed');
    expect(early.report.summary.pending).toEqual([{ payee: 'R1', component: 'back', record: 'D2', date: '2028-02-01' }]);
  });
});

describe('accelerators', () => {
  it('attainment can count another amount than the base (`on`)', () => {
    const plan = `${HEADER()}
input reps { id: Payee key  units_target: Number }
input deals { id: Text key  owner: Payee  amount: Money  units: Number  closed_on: Date  credit owner on closed_on }
commission c {
  for d in deals
  base d.amount
  rate 10%
  accelerate marginal against payee.units_target on d.units { 0% to 100% -> 1  100% up -> 2 }
}`;
    // target 10 units: D1 8 units (0–80%), base 1000 → 100; D2 4 units (80–120%): half the base at ×1, half at ×2 → 2000 × 10% × (0.5 + 1) = 300
    const r = amounts(run(plan, { 'reps.csv': 'id,units_target\nR1,10\n', 'deals.csv': 'id,owner,amount,units,closed_on\nD1,R1,1000,8,2027-01-05\nD2,R1,2000,4,2027-01-06\n' }));
    expect(r).toEqual({ 'R1 2027-Q1 c': '400.00' });
  });
  it('retroactive per year: the whole period earns the tier of the year-to-date attainment', () => {
    const plan = `${HEADER()}
input reps { id: Payee key  annual: Money }
${DEALS}
commission c { for d in deals  base d.amount  rate 10%  accelerate retroactive against payee.annual per year { 0% to 50% -> 1  50% up -> 2 } }`;
    // annual 100000: Q1 40000 (40% → ×1) 4000; Q2 20000 (60% YTD → ×2) 4000
    const r = amounts(run(plan, { 'reps.csv': 'id,annual\nR1,100000\n', 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,40000,2027-01-05,\nD2,R1,20000,2027-04-06,\n' }));
    expect(r).toEqual({ 'R1 2027-Q1 c': '4000.00', 'R1 2027-Q2 c': '4000.00' });
  });
  it('credit order is by date, then key by code points (D10 before D2)', () => {
    const plan = `${HEADER()}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 10%  accelerate marginal against payee.quota { 0% to 100% -> 1  100% up -> 2 }  cap 15_000 USD per deal }`;
    const outcome = run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,100000\n', 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD2,R1,90000,2027-01-05,\nD10,R1,90000,2027-01-05,\n' }, { explain: true });
    if (!outcome.ok) throw new Error('failed');
    expect(outcome.report.lines[0]!.trace!.records!.map((r) => r.record)).toEqual(['D10', 'D2']);
    // D10: 9000; D2: 10000 at ×1 (1000) + 80000 at ×2 (16000) = 17000 → capped 15000; total 24000
    expect(outcome.report.lines[0]!.amount).toBe('24000.00');
    expect(outcome.report.lines[0]!.trace!.records![1]!.capped).toEqual({ cap: '15000', before: '17000' });
  });
});

describe('credit splits and team measures', () => {
  it('one row per deal and payee, with the share in the base; a team measure over all deals', () => {
    const plan = `${HEADER()}${REPS}
input splits { deal: Text key  owner: Payee key  amount: Money  share: Percent  closed_on: Date  credit owner on closed_on }
measure team = sum(s.amount * s.share for s in all splits)
commission c { for s in splits  base s.amount * s.share  rate 10% }
bonus team_goal { when team >= 10_000 USD  pay 100 USD }`;
    const r = amounts(run(plan, { 'reps.csv': ROSTER, 'splits.csv': 'deal,owner,amount,share,closed_on\nD1,R1,10000,60%,2027-01-05\nD1,R2,10000,0.4,2027-01-05\nD2,R2,5000,100%,2027-04-01\n' }));
    expect(r).toEqual({ 'R1 2027-Q1 c': '600.00', 'R1 2027-Q1 team_goal': '100.00', 'R2 2027-Q1 c': '400.00', 'R2 2027-Q1 team_goal': '100.00', 'R2 2027-Q2 c': '500.00' });
  });
});

describe('evaluation errors', () => {
  it('division by zero in a measure names the payee, the period and the expression', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\nmeasure bookings = sum(d.amount for d in deals)\nmeasure att = bookings / payee.quota\nbonus b { when att > 100%  pay 1 USD }`;
    const outcome = run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,0\n', 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\n' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors[0]).toMatchObject({ kind: 'evaluation', payee: 'R1', period: '2027-Q1', line: 23, message: 'division by zero in bookings / payee.quota' });
  });
  it('a target of zero or less is an error naming payee and period', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals  base d.amount  rate 10%  accelerate marginal against payee.quota { 0% to 100% -> 1  100% up -> 2 } }`;
    const outcome = run(plan, { 'reps.csv': 'id,name,quota\nR1,Ada,0\n', 'deals.csv': 'id,owner,amount,closed_on,cancelled_on\nD1,R1,10,2027-05-01,\n' });
    if (outcome.ok) throw new Error('should fail');
    expect(outcome.errors[0]).toMatchObject({ payee: 'R1', period: '2027-Q2' });
    expect(outcome.errors[0]!.message).toMatch(/target of `c` is 0 for payee `R1` in 2027-Q2/);
  });
});

describe('reconciliation', () => {
  it('every record read is out of plan, or credited and then selected, excluded or in a later period', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals where d.amount > 100 USD  base d.amount  rate 10% }`;
    const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,1000,2027-01-05,\nD2,R1,50,2027-01-06,\nD3,R1,1000,2026-12-31,\nD4,R2,1000,2027-08-01,\nD5,R2,10,2028-01-01,\n';
    const outcome = run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals }, { period: '2027-Q2' });
    if (!outcome.ok) throw new Error('failed');
    const r = outcome.report.summary.reconciliation.deals!;
    expect(r).toEqual({ read: 5, rejected: 0, outOfPlan: 2, credited: 3, selected: 1, excluded: 1, notEvaluated: 1 });
    expect(r.read).toBe(r.rejected + r.outOfPlan + r.credited);
    expect(r.credited).toBe(r.selected + r.excluded + r.notEvaluated);
    expect(outcome.report.periods).toEqual(['2027-Q2']);
  });

  it('a `for` without `where` selects each of its records, beside one that selects some of them', () => {
    // `c` selects every record of each payee and period it is evaluated for (a small one too);
    // `big` only those over 100: D2 is selected by `c` alone, D5 is after the run's last period
    const plan = `${HEADER()}${REPS}${DEALS}
commission c { for d in deals  base d.amount  rate 1% }
commission big { for d in deals where d.amount > 100 USD  base d.amount  rate 10% }`;
    const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,1000,2027-01-05,\nD2,R1,50,2027-01-06,\nD3,R2,1000,2027-04-01,\nD4,R2,10,2026-12-31,\nD5,R2,500,2027-08-01,\n';
    const outcome = run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals }, { period: '2027-Q2' });
    if (!outcome.ok) throw new Error('failed');
    expect(outcome.report.summary.reconciliation.deals).toEqual({ read: 5, rejected: 0, outOfPlan: 1, credited: 4, selected: 3, excluded: 0, notEvaluated: 1 });
    expect(amounts(outcome)).toEqual({ 'R2 2027-Q2 c': '10.00', 'R2 2027-Q2 big': '100.00' }); // the lines of the period asked for
  });

  it('the records of a payee left out of the run (--payee) are not evaluated, not excluded', () => {
    const plan = `${HEADER()}${REPS}${DEALS}\ncommission c { for d in deals where d.amount > 100 USD  base d.amount  rate 10% }`;
    const deals = 'id,owner,amount,closed_on,cancelled_on\nD1,R1,1000,2027-01-05,\nD2,R1,50,2027-04-06,\nD3,R2,1000,2027-02-01,\nD4,R2,10,2027-08-01,\nD5,R2,500,2027-11-01,\n';
    const outcome = run(plan, { 'reps.csv': ROSTER, 'deals.csv': deals }, { payee: 'R1' });
    if (!outcome.ok) throw new Error('failed');
    expect(outcome.report.summary.reconciliation.deals).toEqual({ read: 5, rejected: 0, outOfPlan: 0, credited: 5, selected: 1, excluded: 1, notEvaluated: 3 });
  });
});

describe('payout curves', () => {
  it('marginal and retroactive curves from the tier table', async () => {
    const { compile, payoutCurves } = await import('../../packages/language/src/index');
    const plan = `${HEADER()}${REPS}${DEALS}
commission m { for d in deals  base d.amount  rate 10%  accelerate marginal against payee.quota { 0% to 100% -> 1  100% to 150% -> 1.5  150% up -> 2 } }
commission r { for d in deals  base d.amount  rate 10%  accelerate retroactive against payee.quota { 0% to 100% -> 1  100% up -> 2 } }`;
    const curves = payoutCurves(compile(plan).ir!, { max: 200, step: 50 });
    expect(curves.map((c) => [c.component, c.points.map((p) => `${p.attainment}:${p.payout}`)])).toEqual([
      ['m', ['0:0', '0.5:0.5', '1:1', '1.5:1.75', '2:2.75']],
      ['r', ['0:0', '0.5:0.5', '1:2', '1.5:3', '2:4']],
    ]);
  });
});
