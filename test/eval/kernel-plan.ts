// A plan whose commissions the units kernel (eval/kernel.ts) serves in all its forms — quotient
// gates, enum matches, multipliers, derived bases, marginal, retroactive and flat — and random
// deals for it: shared by kernel.test.ts (part by part) and differential.test.ts (whole runs).
import fc from 'fast-check';
import type { DataFile } from '../../packages/language/src/index';
import { HEADER } from './helpers';

export const KERNEL_PLAN = `${HEADER()}
enum Channel { direct, partner, marketplace }
input reps {
  id: Payee key
  quota: Money
}
input deals {
  id: Text key
  owner: Payee
  amount: Money
  cost: Money
  share: Number
  extra: Money?
  channel: Channel
  closed_on: Date
  let margin = (amount - cost) / amount
  let loose = (amount - (extra ?? cost)) / amount
  let weighted = amount * 2 - cost
  let tier_rate = match channel { direct -> 8%  partner -> 5.5%  marketplace -> 0% }
  credit owner on closed_on
}
commission marginal {
  for d in deals
  base d.amount
  rate match d.channel { direct -> 8%  partner -> 5.5%  marketplace -> 0% }
  multiplier d.share
  gate d.margin >= 20%
  gate 90% > d.margin and d.channel != marketplace
  gate d.weighted <= d.amount * 3 or d.amount < 0 USD
  accelerate marginal against payee.quota {
    0% to 100% -> 1
    100% to 150% -> 1.5
    150% up -> 2
  }
  cap 20_000 USD per deal
}
commission retro {
  for d in deals
  base d.weighted
  rate d.tier_rate
  gate d.margin == 25% and d.channel == direct
  gate d.margin < d.loose
  accelerate retroactive against payee.quota {
    0% to 100% -> 1
    100% up -> 1.25
  }
}
commission filtered {
  for d in deals where d.channel != marketplace and d.amount > 100 USD
  base d.amount
  rate 3%
  gate d.margin >= 10%
  accelerate marginal against payee.quota {
    0% to 100% -> 1
    100% up -> 2
  }
}
commission flat {
  for d in deals
  base d.amount - d.cost
  rate 7%
  gate d.margin != 50%
  gate d.margin > -100%
  gate d.loose > d.margin or d.amount > 0 USD
}
`;

const places = fc.integer({ min: 0, max: 4 });
export const money = fc.tuple(
  fc.boolean(),
  fc.oneof({ weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 7n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 17n }) }),
  places,
).map(([negative, digits, p]) => {
  const text = digits.toString().padStart(p + 1, '0');
  return `${negative && digits > 0n ? '-' : ''}${p ? `${text.slice(0, -p)}.${text.slice(-p)}` : text}`;
});

export const dealRow = fc.record({
  owner: fc.constantFrom('R1', 'R2'),
  amount: fc.oneof({ weight: 5, arbitrary: money }, { weight: 1, arbitrary: fc.constantFrom('400', '-400', '100.5', '0.04', '1000') }),
  cost: fc.oneof({ weight: 5, arbitrary: money }, { weight: 1, arbitrary: fc.constantFrom('300', '-300', '75.375', '0.03', '500', 'minus amount') }),
  extra: fc.constantFrom('', '1', '-2.5'),
  share: fc.constantFrom('1', '0.5', '1.25', '0.125', '0'),
  channel: fc.constantFrom('direct', 'partner', 'marketplace'),
  month: fc.integer({ min: 1, max: 12 }),
});

/** `-x` for a decimal text: a cost of minus the amount makes `weighted` (2a - c) equal `amount * 3`. */
function negate(x: string): string {
  return x.startsWith('-') ? x.slice(1) : x === '0' ? '0' : `-${x}`;
}

export type DealRow = typeof dealRow extends fc.Arbitrary<infer T> ? T : never;

/** The files for `rows`; with `badFirst`, a row that does not load comes first (its table position is taken, so every record's position is one past its place). */
export function dealFiles(rows: readonly DealRow[], quotas: readonly string[] = ['120000', '0.5'], badFirst = false): DataFile[] {
  return [
    { input: 'reps', file: 'reps.csv', format: 'csv', text: `id,quota\nR1,${quotas[0]}\nR2,${quotas[1]}\n` },
    {
      input: 'deals', file: 'deals.csv', format: 'csv',
      text: ['id,owner,amount,cost,share,extra,channel,closed_on', ...(badFirst ? ['DX,R1,lots,1,1,,direct,2027-01-10'] : []), ...rows.map((r, i) => {
        const amount = r.amount === '0' ? '1' : r.amount;
        return `D${i},${r.owner},${amount},${r.cost === 'minus amount' ? negate(amount) : r.cost},${r.share},${r.extra},${r.channel},2027-${String(r.month).padStart(2, '0')}-10`;
      })].join('\n'),
    },
  ];
}

