// The fixed-point commission loop (eval/fixed.ts) against decimal.js: the unit conversions on
// random decimals, the loop itself on cases computed by hand and on values out of its range
// (where it must give up), and whole runs against the reference evaluation on plans whose
// tiers, caps and returns the loop must get exactly right.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, loadData, runPlan, type DataFile, type IrPlan } from '../../packages/language/src/index';
import DecimalJs from 'decimal.js';
import { compareDecimals, dec, Decimal, divide, parseDecimal, scaleOf as placesOf } from '../../packages/language/src/eval/decimal';
import { fixedCommission, fromUnits, OUT_OF_RANGE, scaleOf, toUnits } from '../../packages/language/src/eval/fixed';
import { check } from '../reliability/fuzz-config';

const decimalText = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: -12, max: 12 }))
  .map(([negative, digits, places, shift]) => {
    const x = new Decimal(`${negative ? '-' : ''}${digits}`).times(new Decimal(10).pow(shift - places));
    return x;
  });

describe('fixed-point units', () => {
  it('toUnits is x × 10^scale when that is a safe integer, and out of range otherwise', () => {
    check('toUnits against decimal.js', 2000, fc.property(decimalText, fc.integer({ min: 0, max: 8 }), (x, extra) => {
      const scale = scaleOf(x) + extra;
      const exact = x.times(new Decimal(10).pow(scale));
      const units = toUnits(x, scale);
      if (scale <= 22 && exact.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER)) {
        expect(units).not.toBe(OUT_OF_RANGE);
        expect(new Decimal(units as number).equals(exact)).toBe(true);
        expect(fromUnits(units as number, scale).equals(x)).toBe(true);
      } else {
        expect(units).toBe(OUT_OF_RANGE);
      }
    }));
  });

  it('scaleOf counts the places a value needs, not trailing zeros', () => {
    expect([dec('12345.670'), dec('20000'), dec('0.08'), dec('1e-20'), dec(0)].map(scaleOf)).toEqual([2, 0, 2, 20, 0]);
    expect(fromUnits(-5, 3).toString()).toBe('-0.005');
    expect(fromUnits(123456, 2).toString()).toBe('1234.56');
  });
});

const digitsOf = (x: Decimal) => { const { s, e, d } = x as unknown as { s: number; e: number; d: number[] }; return { s, e, d }; };

describe('reading decimal text', () => {
  const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
  const text = fc.tuple(
    fc.constantFrom('', '-', '+'), fc.stringMatching(/^0{0,3}[0-9]{0,18}$/), fc.constantFrom('', '.'), fc.stringMatching(/^[0-9]{0,18}0{0,3}$/),
    fc.constantFrom('', '', '', 'x', ' ', 'e5', '.1', '-'),
  ).map((parts) => parts.join(''));

  it("gives decimal.js's value and digit form for plain decimals, and nothing for the rest", () => {
    check('parseDecimal against decimal.js', 5000, fc.property(text, (t) => {
      const value = parseDecimal(t);
      if (!PLAIN.test(t)) expect(value).toBeUndefined();
      else expect(digitsOf(value!)).toEqual(digitsOf(new Decimal(t)));
    }));
    for (const t of ['0', '-0', '0.000', '.5', '5.', '+7', '-0.0000000000000000001', '12345678901234567890123456789012345678901234.5']) {
      expect(digitsOf(parseDecimal(t)!)).toEqual(digitsOf(new Decimal(t)));
    }
  });
});

describe('comparison and places read off the digit form', () => {
  const specials = ['0', '-0', '1', '-1', '0.2', '0.20', '1e-30', '-1e-30', '9999999', '10000000', '12345.67', '12345.670000001', '-12345.67', 'Infinity', '-Infinity', 'NaN'].map((t) => new Decimal(t));
  const sign = (n: number) => (Number.isNaN(n) ? NaN : Math.sign(n));

  it("compareDecimals is decimal.js's comparedTo, and scaleOf its decimalPlaces", () => {
    const value = fc.oneof(decimalText, fc.constantFrom(...specials));
    check('compareDecimals against comparedTo', 3000, fc.property(value, value, (a, b) => {
      expect(sign(compareDecimals(a, b))).toEqual(sign(a.comparedTo(b)));
      expect(sign(compareDecimals(b, a))).toEqual(sign(b.comparedTo(a)));
      expect(placesOf(a)).toEqual(a.decimalPlaces());
    }));
    for (const a of specials) for (const b of specials) expect(sign(compareDecimals(a, b)), `${a} vs ${b}`).toEqual(sign(a.comparedTo(b)));
    // values that share their leading limbs and differ only in length or in the last one
    expect(compareDecimals(dec('1.0000001'), dec('1.00000010000001'))).toBe(-1);
    expect(compareDecimals(dec('-1.0000001'), dec('-1.00000010000001'))).toBe(1);
    expect(compareDecimals(dec('123456789.5'), dec('123456789.5'))).toBe(0);
    expect(placesOf(dec('3477.32'))).toBe(2);
    expect(placesOf(dec('1200'))).toBe(0);
  });
});

describe('division', () => {
  // decimal.js's own quotient: 34 significant digits, half-even (spec §3)
  const Division = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN });
  const same = (a: Decimal, b: Decimal) => {
    const q = divide(a, b)!;
    const expected = new Decimal(Division.div(a, b));
    expect(q.equals(expected)).toBe(true);
    expect(digitsOf(q)).toEqual(digitsOf(expected)); // the same digit form, so every later step is the same
  };
  const money = fc.tuple(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), fc.integer({ min: 0, max: 6 }))
    .map(([units, places]) => new Decimal(units).div(10 ** places));

  it("gives decimal.js's quotient to the digit on amounts, margins and ratios", () => {
    check('division against decimal.js', 5000, fc.property(fc.oneof(money, decimalText), fc.oneof(money, decimalText), (a, b) => {
      if (!b.isZero()) same(a, b);
    }));
  });

  it('on exact ties, quotients that round up through nines, exact ones, and the edges of the safe range', () => {
    for (const [a, b] of [['2', '3'], ['1', '7'], ['-1', '3'], ['1', '-8'], ['0.08', '100'], ['1', '9999999'], ['899999999999999', '900719925474099'],
      // k ÷ 2^49 has 35 significant digits ending in 5: an exact tie at the 34th, rounded to even
      ['1', '562949953421312'], ['3', '562949953421312'], ['-5', '562949953421312'], ['7', '562949953421312'], ['9', '562949953421312'],
      // the same with divisors of a limb-at-a-time division (under 2^53 ÷ 10^7): n ÷ 2^29 ties at a limb's end, n ÷ 2^28 inside one
      ['100000000000001', '536870912'], ['100000000000003', '536870912'], ['-100000000000003', '536870912'],
      ['300000000000001', '268435456'], ['300000000000003', '268435456'], ['3000000000.00003', '-2684.35456'],
      ['1', '900719925'], ['1', '900719926'], ['900719924', '900719925'], ['4503599627370495', '900719925'], ['0.0000001', '7'], ['1', '30000000'],
      ['4503599627370495', '3'], ['4503599627370497', '3'], ['1', '900719925474100'], ['12345.67', '0.01'], ['1e-20', '3'], ['5', '0.000000000000000000003']]) {
      same(dec(a!), dec(b!));
    }
    expect(divide(dec(0), dec(-5))!.isNegative()).toBe(new Decimal(Division.div(0, -5)).isNegative());
  });
});

describe('the fixed-point commission loop', () => {
  const tiers = (quota: string) => [
    { lo: undefined, hi: dec(quota), factor: dec(1) },
    { lo: dec(quota), hi: dec(quota).times('1.5'), factor: dec('1.5') },
    { lo: dec(quota).times('1.5'), hi: undefined, factor: dec(2) },
  ];

  it('cuts marginal slices at the tier bounds and caps each deal (computed by hand)', () => {
    // quota 1,000: deal 1 800 → 800 × 1 × 8% = 64, capped at 55.5; deal 2 500 → 200 × 1 + 300 × 1.5 = 650 × 8% = 52;
    // deal 3 (gate failed) 100 counts only; deal 4 400 from 1,400: 100 × 1.5 + 300 × 2 = 750 × 8% = 60, capped at 55.5.
    // 55.5 + 52 + 55.5 = 163
    const r = fixedCommission({
      mode: 'marginal', tiers: tiers('1000'), start: dec(0),
      bases: ['800', '500', '100', '400'].map(dec), perUnits: [dec('0.08'), dec('0.08'), undefined, dec('0.08')], dealCap: dec('55.5'),
    });
    expect(r?.total.toString()).toBe('163');
    expect(r?.attained.toString()).toBe('1800');
  });

  it('walks a return down through the tiers, and gives retroactive tiers the factor of the end', () => {
    // from 1,600 a return of −700 falls through [1,500, 1,600) × 2 and [1,000, 1,500) × 1.5 and [900, 1,000) × 1:
    // −(100 × 2 + 500 × 1.5 + 100) = −1,050 × 10% = −105
    const marginal = fixedCommission({ mode: 'marginal', tiers: tiers('1000'), start: dec(1600), bases: [dec(-700)], perUnits: [dec('0.1')], dealCap: undefined });
    expect(marginal?.total.toString()).toBe('-105');
    // retroactive: attainment ends at 1,250 (tier 1.5): (1,000 + 250) × 4% × 1.5 = 75
    const retro = fixedCommission({ mode: 'retroactive', tiers: tiers('1000'), start: dec(0), bases: [dec(1000), dec(250)], perUnits: [dec('0.04'), dec('0.04')], dealCap: undefined });
    expect(retro?.total.toString()).toBe('75');
  });

  it('gives up when a value or an intermediate is out of the safe range', () => {
    const huge = { mode: 'flat' as const, tiers: [], start: dec(0), bases: [dec('90071992547409.93')], perUnits: [dec('0.5')], dealCap: undefined };
    expect(fixedCommission(huge)).toBeUndefined(); // 9007199254740993 × 5 is past 2^53
    expect(fixedCommission({ ...huge, bases: [dec('1.5')], perUnits: [dec('1e-30')] })).toBeUndefined(); // 31 places
    expect(fixedCommission({ ...huge, bases: [dec('90071992547409.91')], perUnits: [dec(1)] })?.total.toString()).toBe('90071992547409.91');
  });
});

function irOf(text: string): IrPlan {
  const compiled = compile(text);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.ir;
}

const plan = (accelerate: string, cap: string) => `plan "Fixed" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
  rounding half_even
}

enum Channel { direct, partner }

input reps {
  id: Payee key
  quota: Money
}

input deals {
  id: Text key
  owner: Payee
  amount: Money
  channel: Channel
  closed_on: Date
  credit owner on closed_on
}

commission c {
  for d in deals
  base d.amount
  rate match d.channel { direct -> 8.125%  partner -> 0.0000001% }
  gate d.amount != 13 USD
${accelerate}
${cap}
}
`;

describe('fixed-point runs equal the reference evaluation', () => {
  const accelerators = [
    '',
    '  accelerate marginal against payee.quota {\n    0% to 100% -> 1\n    100% to 150% -> 1.5\n    150% up -> 2.25\n  }',
    '  accelerate retroactive against payee.quota {\n    0% to 100% -> 1\n    100% up -> 1.75\n  }',
    '  accelerate marginal against payee.quota per year {\n    0% to 80% -> 0.5\n    80% up -> 1.333\n  }',
  ];
  const caps = ['', '  cap 40.5 USD per deal', '  cap 0.001 USD per deal'];
  // amounts from cents to past 2^53 units, returns among them, so both the fixed-point loop and its fallback run
  const amount = fc.oneof(
    fc.integer({ min: -50_000, max: 200_000 }).map((c) => (c / 100).toFixed(2)),
    fc.integer({ min: 1, max: 99 }).map((k) => `${k}.${'0'.repeat(6)}1`),
    fc.constantFrom('13', '90071992547409.93', '123456789012345678', '-0.5'),
  );
  const deals = fc.array(fc.record({ owner: fc.constantFrom('R1', 'R2'), amount, channel: fc.constantFrom('direct', 'partner'), month: fc.integer({ min: 1, max: 12 }) }), { maxLength: 25 });

  it('on tiers, returns, caps and amounts out of range', () => {
    check('fixed point equals reference', 300, fc.property(fc.constantFrom(...accelerators), fc.constantFrom(...caps), deals, (acc, cap, rows) => {
      const ir = irOf(plan(acc, cap));
      const files: DataFile[] = [
        { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id,quota\nR1,1000\nR2,2500.75\n' },
        { input: 'deals', file: 'deals.csv', format: 'csv', text: ['id,owner,amount,channel,closed_on', ...rows.map((d, i) => `D${i},${d.owner},${d.amount},${d.channel},2027-${String(d.month).padStart(2, '0')}-10`)].join('\n') },
      ];
      const fast = JSON.stringify(runPlan(ir, loadData(ir, files)));
      const reference = JSON.stringify(runPlan(ir, loadData(ir, files), { reference: true }));
      expect(fast).toEqual(reference);
    }));
  });
});
