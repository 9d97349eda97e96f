// Differential test of the compiled evaluation (eval/compile.ts: expressions compiled once into
// closures, loops that rebind one environment) against the reference (`reference: true`: the IR
// evaluated node by node, as expr.ts does). Every report must be the same to the byte — lines,
// traces, totals, metrics, summary — and so must every evaluation error: on random plans and data
// (the reliability generator), on the shipped examples, and on a plan that uses every expression
// form the compiler specialises.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, loadData, runPlan, type DataFile, type IrPlan, type RunOptions } from '../../packages/language/src/index';
import { check } from '../reliability/fuzz-config';
import { dataArb, planArb, renderData, renderPlan } from '../reliability/plan-generator';
import { dealFiles, dealRow, KERNEL_PLAN } from './kernel-plan';

function both(ir: IrPlan, files: readonly DataFile[], options: RunOptions = {}) {
  // each side loads its own records: the runtime adds derived fields to them
  const fast = runPlan(ir, loadData(ir, files), options);
  const reference = runPlan(ir, loadData(ir, files), { ...options, reference: true });
  return { fast: JSON.stringify(fast), reference: JSON.stringify(reference), ok: fast.ok };
}

function irOf(text: string): IrPlan {
  const compiled = compile(text);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.ir;
}

describe('compiled evaluation equals the reference evaluation', () => {
  it('on random plans and data, with and without --explain, errors included', () => {
    const cases = planArb().chain((plan) => fc.tuple(fc.constant(plan), dataArb(plan, { zeroQuotas: true }), fc.boolean()));
    check('compiled equals reference', 150, fc.property(cases, ([plan, data, explain]) => {
      const r = both(irOf(renderPlan(plan)), renderData(data, 'csv'), { explain });
      expect(r.fast).toEqual(r.reference);
    }));
  });

  for (const example of readdirSync(join(import.meta.dirname, '../../examples'))) {
    it(`on the example ${example}`, () => {
      const folder = join(import.meta.dirname, '../../examples', example);
      const ir = irOf(readFileSync(join(folder, 'plan.incent'), 'utf8'));
      const files: DataFile[] = readdirSync(join(folder, 'data')).filter((f) => f.endsWith('.csv')).map((f) => ({
        input: f.replace(/\.csv$/, ''), file: f, format: 'csv', text: readFileSync(join(folder, 'data', f), 'utf8'),
      }));
      for (const explain of [false, true]) {
        const r = both(ir, files, { explain });
        expect(r.ok).toBe(true);
        expect(r.fast).toEqual(r.reference);
      }
    });
  }

  const PLAN = `plan "Every form" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
  rounding half_up
}

enum Channel { direct, partner, marketplace }

let floor = 1_000 USD

input reps {
  id: Payee key
  quota: Money
  region: Text?
}

input deals {
  id: Text key
  owner: Payee
  amount: Money
  cost: Money?
  channel: Channel
  units: Int
  note: Text?
  closed_on: Date

  let net = (amount - 1 USD) / amount
  let doubled = amount * 2 - amount + 0.005 USD
  let margin = (amount - (cost ?? 0 USD)) / amount
  let big = amount >= 50_000 USD and not (channel == marketplace)
  credit owner on closed_on
}

commission forms {
  for d in deals where d.note is not set or d.note != "skip"
  base max(d.amount - floor, 0 USD)
  rate if d.big then 7% else match d.channel {
    direct -> 6%
    partner, marketplace -> 4%
  }
  multiplier match d.units { 1 -> 1  2 -> 1.1  else -> 1.2 }
  multiplier bands d.margin { below 10% -> 0.5  10% to 30% -> 1  else -> 1.25 }
  gate abs(-d.amount) > 0 USD
  gate d.net < 200% and d.doubled > d.amount
  gate d.closed_on >= 2027-01-15 or (payee.region ?? "") == "EMEA"
  accelerate marginal against payee.quota {
    0% to 100% -> 1
    100% up -> 1.5
  }
  cap round(payee.quota / 7, 0.05 USD) per deal
}

measure booked = sum(d.amount for d in deals where d.channel != marketplace)
measure deal_count = count(d in deals where d.units > 0)
measure typical = avg(d.amount for d in deals)
measure smallest = min(d.amount for d in deals where d.cost is set)
measure largest = max(d.amount for d in deals)

bonus steady {
  when deal_count >= 2 and (typical ?? 0 USD) > 1_000 USD and (smallest ?? 0 USD) < (largest ?? 0 USD)
  pay booked * 1% + (largest ?? 0 USD) * 0.5%
}

metric partner_share = count(d in all deals where d.channel == partner and count(e in all deals where e.owner == d.owner) > 1) / count(d in all deals)
`;
  it('on commissions the units kernel serves (eval/kernel.ts), with quotas that reach every tier', () => {
    const ir = irOf(KERNEL_PLAN);
    const quotas = fc.constantFrom(['120000', '0.5'], ['1000', '250.25'], ['90071992547409.91', '3']);
    // a bad first row, left out of the records, puts every record one past its place in the table
    check('units kernel runs', 150, fc.property(fc.array(dealRow, { maxLength: 25 }), quotas, fc.boolean(), fc.boolean(), (rows, q, explain, badFirst) => {
      const r = both(ir, dealFiles(rows, q, badFirst), { explain });
      expect(r.fast).toEqual(r.reference);
    }));
  });

  it('on a plan with every expression form the compiler specialises, and on a division by zero', () => {
    const ir = irOf(PLAN);
    const reps = 'id,quota,region\nR1,120000,EMEA\nR2,80000.50,\nR3,1,AMER\n';
    const rows = fc.array(fc.record({
      owner: fc.constantFrom('R1', 'R2', 'R3'), amount: fc.integer({ min: 1, max: 9_000_000 }), cost: fc.option(fc.integer({ min: 0, max: 9_000_000 })),
      channel: fc.constantFrom('direct', 'partner', 'marketplace'), units: fc.integer({ min: 0, max: 3 }), note: fc.constantFrom('', 'skip', 'x'),
      day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 12 }),
    }), { maxLength: 30 });
    check('every compiled form', 150, fc.property(rows, fc.boolean(), fc.boolean(), (deals, zero, explain) => {
      const lines = deals.map((d, i) => `D${i},${d.owner},${(d.amount / 100).toFixed(2)},${d.cost === null ? '' : (d.cost / 100).toFixed(2)},${d.channel},${d.units},${d.note},2027-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`);
      if (zero) lines.push('DZ,R1,0,0,direct,1,,2027-05-05'); // net (in units) and margin divide by zero: an evaluation error on both sides
      const files: DataFile[] = [
        { input: 'reps', file: 'reps.csv', format: 'csv', text: reps },
        { input: 'deals', file: 'deals.csv', format: 'csv', text: ['id,owner,amount,cost,channel,units,note,closed_on', ...lines].join('\n') },
      ];
      const r = both(ir, files, { explain });
      expect(r.ok).toBe(!zero);
      expect(r.fast).toEqual(r.reference);
    }));
  });
});
