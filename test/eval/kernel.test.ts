// The commission loop in units (eval/kernel.ts) against the general evaluation: on random cells
// (negative, huge, unset, many places) every part the kernel serves — base, rate × multipliers,
// each gate — has the general evaluation's value, and a part it cannot serve says so (NaN);
// quotients held as units compare exactly as their 34-digit Decimals do, at the boundary too.
// Whole runs through the kernel are compared with the reference in differential.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, loadData, type IrCommission } from '../../packages/language/src/index';
import { isDecimal, toUnits } from '../../packages/language/src/eval/decimal';
import { bind, evaluate } from '../../packages/language/src/eval/expr';
import { commissionKernel, GATE_FAILS, GATES_HOLD, kernelColumns, perUnitAt } from '../../packages/language/src/eval/kernel';
import { Runtime } from '../../packages/language/src/eval/runtime';
import { NumericColumn, QuotientColumn, type TableRecord } from '../../packages/language/src/data/table';
import { check } from '../reliability/fuzz-config';
import { HEADER } from './helpers';
import { dealFiles, dealRow, KERNEL_PLAN } from './kernel-plan';

const compiled = compile(KERNEL_PLAN, 'plan.incent');
if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
const ir = compiled.ir;
const commissions = ir.components.filter((c): c is IrCommission => c.kind === 'commission');

describe('the commission loop in units', () => {
  it('serves each part with the general evaluation\'s value, or says it cannot', () => {
    const counts = { served: 0, general: 0 };
    check('kernel parts against the general evaluation', 200, fc.property(fc.array(dealRow, { minLength: 1, maxLength: 15 }), (rows) => {
      const data = loadData(ir, dealFiles(rows));
      expect(data.errors).toEqual([]);
      const rt = new Runtime(ir, data.records);
      const records = data.records.deals as TableRecord[];
      for (const c of commissions) {
        const kernel = commissionKernel(c, records[0]!.table);
        expect(kernel).toBeDefined();
        for (const record of records) {
          const env = { payee: 'R1', ytd: false, vars: bind(undefined, c.for.var, record) };
          const general = (e: typeof c.base) => evaluate(rt, e, env);
          const parts: [number, number, unknown][] = [[kernel!.base.at(record.pos), kernel!.base.scale, general(c.base)]];
          const rate = general(c.rate);
          const perUnit = c.multipliers.reduce((a, m) => {
            const v = general(m);
            return isDecimal(a) && isDecimal(v) ? a.times(v) : null;
          }, rate);
          parts.push([kernel!.perUnit.at(record.pos), kernel!.perUnit.scale, perUnit]);
          for (const [units, scale, want] of parts) {
            if (units !== units) { counts.general++; continue; }
            counts.served++;
            expect(isDecimal(want)).toBe(true);
            expect(units).toBe(toUnits(want as never, scale));
          }
          c.gates.forEach((g, i) => {
            const holds = kernel!.gates[i]?.(record.pos);
            if (holds === undefined || holds !== holds) { counts.general++; return; }
            counts.served++;
            expect(holds === 1).toBe(general(g) === true);
          });
        }
      }
    }));
    expect(counts.served).toBeGreaterThan(5000);
    expect(counts.general).toBeGreaterThan(100); // zero margins, huge products, a quotient against a quotient
  });

  it('lays each part out by position as reading it there gives, and each record\'s gates as where the units stop deciding', () => {
    const states = new Set<number>();
    check('kernel columns against the parts', 100, fc.property(fc.array(dealRow, { minLength: 1, maxLength: 15 }), (rows) => {
      const data = loadData(ir, dealFiles(rows));
      const records = data.records.deals as TableRecord[];
      const table = records[0]!.table;
      expect(table.size).toBe(rows.length);
      new Runtime(ir, data.records); // sets the derived fields the gates read
      for (const c of commissions) {
        const kernel = commissionKernel(c, table)!;
        const columns = kernelColumns(kernel, table.size);
        for (const { pos } of records) {
          expect(columns.base[pos]).toBe(kernel.base.at(pos));
          expect(perUnitAt(columns, pos)).toBe(kernel.perUnit.at(pos));
          const decided = kernel.gates.map((g) => g?.(pos));
          const open = decided.findIndex((x) => x !== 1);
          const want = open < 0 ? GATES_HOLD : decided[open] === 0 ? GATE_FAILS : open;
          expect(columns.gate[pos]).toBe(want);
          states.add(Math.min(want, 1));
        }
      }
    }));
    expect([...states].sort((a, b) => a - b)).toEqual([GATE_FAILS, GATES_HOLD, 0, 1]); // each kind of state is met, a later gate left open too
  });

  it('compares a quotient held as units as its 34-digit Decimal compares, at and beside the boundary', () => {
    // margin = (amount - cost) / amount: exactly 25% for 400/300, just below and above it beside
    const rows = [['400', '300'], ['400.0001', '300'], ['399.9999', '300'], ['-400', '-300'], ['3', '2'], ['90071992547409.91', '1']];
    const data = loadData(ir, dealFiles(rows.map(([amount, cost]) => ({ owner: 'R1', amount: amount!, cost: cost!, share: '1', extra: '', channel: 'direct', month: 1 }))));
    const rt = new Runtime(ir, data.records);
    const records = data.records.deals as TableRecord[];
    const retro = commissions.find((c) => c.name === 'retro')!;
    const kernel = commissionKernel(retro, records[0]!.table)!;
    const column = records[0]!.table.column('margin');
    expect(column).toBeInstanceOf(QuotientColumn); // the quotients are held as units, not Decimals
    const equalsQuarter = records.map((r) => kernel.gates[0]!(r.pos));
    expect(equalsQuarter).toEqual([1, 0, 0, 1, 0, NaN]); // the last: 0.25 × the divisor is past 2^53 units, so the general way
    for (const r of records) {
      const want = evaluate(rt, retro.gates[0]!, { ytd: false, vars: bind(undefined, 'd', r) }) === true;
      const got = kernel.gates[0]!(r.pos);
      if (got === got) expect(got === 1).toBe(want);
    }
    expect(String(column!.get(records[4]!.pos))).toBe('0.3333333333333333333333333333333333');
  });

  it('keeps a base read as it is in its own column, and rates as a byte each until they take too many values', () => {
    const plan = compile(`${HEADER()}
input reps {
  id: Payee key
  quota: Money
}
input deals {
  id: Text key
  owner: Payee
  amount: Money
  pct: Percent
  closed_on: Date
  credit owner on closed_on
}
commission c { for d in deals  base d.amount  rate d.pct }
`, 'plan.incent').ir!;
    const c = plan.components[0] as IrCommission;
    const columnsOf = (amounts: readonly string[], pcts: readonly string[]) => {
      const lines = amounts.map((a, i) => `D${i},R1,${a},${pcts[i]},2027-01-05`);
      const data = loadData(plan, [
        { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id,quota\nR1,100\n' },
        { input: 'deals', file: 'deals.csv', format: 'csv', text: ['id,owner,amount,pct,closed_on', ...lines].join('\n') },
      ]);
      const table = (data.records.deals![0] as TableRecord).table;
      const kernel = commissionKernel(c, table)!;
      const columns = kernelColumns(kernel, table.size);
      for (let pos = 0; pos < table.size; pos++) {
        expect(columns.base[pos]).toBe(kernel.base.at(pos));
        expect(perUnitAt(columns, pos)).toBe(kernel.perUnit.at(pos));
      }
      return { columns, units: (table.column('amount') as NumericColumn).units };
    };
    // every amount at two places: the column's own units; two rates, and one of more digits than units hold (NaN)
    const LONG = '0.12345678901234567890123';
    const same = columnsOf(['10.00', '2.50', '-7.25', '0.00'], ['5%', LONG, '5%', '12.5%']);
    expect(same.columns.base).toBe(same.units);
    expect([same.columns.wide, same.columns.perUnits.length]).toEqual([undefined, 2]);
    // one amount at another scale: worked out; 200 different rates: a number each, made when the 128th comes
    const rates = Array.from({ length: 200 }, (_, i) => (i === 50 || i === 150 ? LONG : `${i + 1}.5%`));
    const mixed = columnsOf(Array.from({ length: 200 }, (_, i) => (i === 3 ? '1.5' : '1.25')), rates);
    expect(mixed.columns.base).not.toBe(mixed.units);
    expect(mixed.columns.wide).toBeDefined();
    expect([perUnitAt(mixed.columns, 50), perUnitAt(mixed.columns, 150)]).toEqual([NaN, NaN]);
  });

  it('is not made for a base or rate that is not units arithmetic of the loop record', () => {
    const plan = compile(`${HEADER()}
input reps {
  id: Payee key
  quota: Money
}
input deals {
  id: Text key
  owner: Payee
  amount: Money
  closed_on: Date
  credit owner on closed_on
}
commission by_quota { for d in deals  base d.amount  rate payee.quota / 1_000_000 USD * 1% }
commission clamped { for d in deals  base max(d.amount, 0 USD)  rate 5% }
`, 'plan.incent').ir!;
    const data = loadData(plan, [
      { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id,quota\nR1,100\n' },
      { input: 'deals', file: 'deals.csv', format: 'csv', text: 'id,owner,amount,closed_on\nD1,R1,5,2027-01-05\n' },
    ]);
    const table = (data.records.deals![0] as TableRecord).table;
    for (const c of plan.components) expect(commissionKernel(c as IrCommission, table)).toBeUndefined();
  });
});
