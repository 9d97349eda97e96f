// Derived fields in integer units (eval/units.ts) against decimal.js: on random cells of every
// scale and size the kernel either gives the very Decimal (value and digit form) that the
// general evaluation gives, or hands the record back — for an unset cell, a zero, a zero
// divisor, a value past 2^53 units — never a different value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, loadData, type DataFile } from '../../packages/language/src/index';
import { Decimal, divide } from '../../packages/language/src/eval/decimal';
import { unitsKernel } from '../../packages/language/src/eval/units';
import type { TableRecord } from '../../packages/language/src/data/table';
import { check } from '../reliability/fuzz-config';
import { HEADER } from './helpers';

const PLAN = `${HEADER()}
input reps {
  id: Payee key
}
input deals {
  id: Text key
  owner: Payee
  a: Money
  b: Money
  c: Money?
  share: Percent
  closed_on: Date
  let sum = a + b
  let diff = a - b * share
  let product = a * share
  let ratio = (a - b) / a
  let fee = -a + 0.05 USD
  let over = a / (b - 1.5 USD)
  let coalesced = a + (c ?? 0 USD)
  credit owner on closed_on
}
commission c { for d in deals  base d.a  rate 10% }
`;

const compiled = compile(PLAN, 'plan.incent');
if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
const ir = compiled.ir;
const deals = ir.inputs.find((i) => i.name === 'deals')!;

/** What each derived field is in decimal.js, from the cells' texts (undefined for unset or a division by zero). */
function expected(name: string, a: Decimal, b: Decimal | undefined, share: Decimal): Decimal | undefined {
  switch (name) {
    case 'sum': return b && a.plus(b);
    case 'diff': return b && a.minus(b.times(share));
    case 'product': return a.times(share);
    case 'ratio': return b && divide(a.minus(b), a);
    case 'fee': return a.neg().plus('0.05');
    case 'over': return b && divide(a, b.minus('1.5'));
    default: return undefined;
  }
}

const digits = fc.oneof({ weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 9n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 18n }) });
const amount = fc.tuple(fc.boolean(), digits, fc.integer({ min: 0, max: 4 }))
  .map(([negative, digits, places]) => {
    const text = digits.toString().padStart(places + 1, '0');
    return `${negative ? '-' : ''}${places ? `${text.slice(0, -places)}.${text.slice(-places)}` : text}`;
  });

function form(x: Decimal): unknown {
  const { s, e, d } = x as unknown as { s: number; e: number; d: number[] };
  return { s, e, d: [...d] };
}

describe('derived fields in units', () => {
  it('give decimal.js\'s value and digit form, or hand the record back', () => {
    const rows = fc.array(fc.record({ a: amount, b: amount, share: fc.constantFrom('20%', '0.125', '1', '7.5%', '0') }), { minLength: 1, maxLength: 12 });
    let served = 0, handedBack = 0;
    check('units kernel against decimal.js', 300, fc.property(rows, (cells) => {
      const files: DataFile[] = [
        { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id\nR1\n' },
        { input: 'deals', file: 'deals.csv', format: 'csv', text: ['id,owner,a,b,c,share,closed_on', ...cells.map((c, i) => `D${i},R1,${c.a},${c.b},,${c.share},2027-01-05`)].join('\n') },
      ];
      const data = loadData(ir, files);
      expect(data.errors).toEqual([]);
      const records = data.records.deals as TableRecord[];
      for (const d of deals.derived) {
        const kernel = unitsKernel(d.expr, records[0]!.table);
        if (d.name === 'coalesced') { expect(kernel).toBeUndefined(); continue; } // `??` is not units arithmetic
        expect(kernel).toBeDefined();
        records.forEach((record, i) => {
          const c = cells[i]!;
          const share = new Decimal(c.share.endsWith('%') ? c.share.slice(0, -1) : c.share).div(c.share.endsWith('%') ? 100 : 1);
          const want = expected(d.name, new Decimal(c.a), new Decimal(c.b), share);
          const got = kernel!(record);
          if (got === undefined) { handedBack++; return; }
          served++;
          expect(want).toBeDefined();
          expect(got.equals(want!)).toBe(true);
          expect(form(got)).toEqual(form(want!));
        });
      }
    }));
    expect(served).toBeGreaterThan(1000); // the kernel does serve most records
    expect(handedBack).toBeGreaterThan(0); // and hands some back (huge products, zeros, more digits than units hold)
  });

  it('hands back a zero (decimal.js gives it a sign) and a zero divisor (the general way reports it)', () => {
    const files: DataFile[] = [
      { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id\nR1\n' },
      { input: 'deals', file: 'deals.csv', format: 'csv', text: 'id,owner,a,b,c,share,closed_on\nD1,R1,0.05,1.5,,0,2027-01-05\nD2,R1,3,2,,20%,2027-01-05\n' },
    ];
    const [d1, d2] = loadData(ir, files).records.deals as TableRecord[];
    const kernel = (name: string) => unitsKernel(deals.derived.find((d) => d.name === name)!.expr, d1!.table)!;
    expect(kernel('fee')(d1!)).toBeUndefined(); // -0.05 + 0.05
    expect(kernel('product')(d1!)).toBeUndefined(); // 0.05 × 0
    expect(kernel('over')(d1!)).toBeUndefined(); // ÷ (1.5 - 1.5)
    expect(String(kernel('over')(d2!))).toBe('6');
    expect(String(kernel('ratio')(d2!))).toBe('0.3333333333333333333333333333333333');
  });
});
