// Baseline: bench/plan.incent computed by hand with decimal.js, as a plain TypeScript program.
// `node bench/dist/decimal.js DIR > totals.csv` prints `payee,period,amount` for every payee and
// quarter with deals. Same semantics as LANGUAGE.md §4 and §5: records taken in credit order
// (closed_on, then id by code points), attainment counts every record gated or not, marginal tier
// slices cut at quota × bound, per-deal cap, the line rounded once, half-even, to cents.
// Bundled by bench/run.mjs with esbuild to bench/dist/decimal.js before it is timed.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import Decimal from 'decimal.js';

// Arithmetic: + − × exact (40 digits is far more than any value here needs); ÷ rounds half-even to
// 34 significant digits, as the spec says.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const DIV = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN });

const RATES: Record<string, Decimal> = { direct: new D('0.08'), partner: new D('0.05'), marketplace: new D('0.03') };
const MIN_MARGIN = new D('0.2');
const CAP_PER_DEAL = new D('20000');
const TIER2 = new D('1.5');
const FACTOR2 = new D('1.5');
const FACTOR3 = new D('2');
const ZERO = new D(0);
const EFFECTIVE_FROM = '2027-01-01';
const EFFECTIVE_TO = '2027-12-31';

interface Deal {
  id: string;
  closedOn: string;
  amount: Decimal;
  rate: Decimal;
  gated: boolean; // passes `gate d.margin >= 20%`
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/dist/decimal.js DATA_DIR\n');
  process.exit(64);
}

// The roster.
const quota = new Map<string, Decimal>();
for (const row of parseSync(readFileSync(join(dir, 'reps.csv')), { from_line: 2 }) as string[][]) {
  quota.set(row[0], new D(row[1]));
}

// Deals, grouped by payee and quarter ("R00001|2027-Q3").
const groups = new Map<string, Deal[]>();
const parser = createReadStream(join(dir, 'deals.csv')).pipe(parse({ from_line: 2 }));
for await (const row of parser as AsyncIterable<string[]>) {
  const [id, owner, amountText, costText, channel, closedOn] = row;
  if (closedOn < EFFECTIVE_FROM || closedOn > EFFECTIVE_TO) continue; // out of plan
  if (!quota.has(owner)) throw new Error(`deal ${id}: owner ${owner} is not in the roster`);
  const amount = new D(amountText);
  const cost = new D(costText);
  const margin = new DIV(amount.minus(cost)).div(amount); // `let margin = (amount - cost) / amount`
  const rate = RATES[channel];
  if (!rate) throw new Error(`deal ${id}: unknown channel ${channel}`);
  const key = `${owner}|${closedOn.slice(0, 4)}-Q${Math.floor((Number(closedOn.slice(5, 7)) - 1) / 3) + 1}`;
  let deals = groups.get(key);
  if (!deals) groups.set(key, (deals = []));
  deals.push({ id, closedOn, amount, rate, gated: margin.gte(MIN_MARGIN) });
}

// Text compares by code points (not UTF-16 units, not locale).
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

const out: string[] = ['payee,period,amount'];
const keys = [...groups.keys()].sort(compareCodePoints);
for (const key of keys) {
  const deals = groups.get(key)!;
  const [payee, period] = key.split('|');
  const target = quota.get(payee)!;
  if (target.lte(0)) throw new Error(`target of ${payee} in ${period} is zero or less`);
  const bound1 = target; // 100% of quota
  const bound2 = target.times(TIER2); // 150% of quota
  deals.sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : compareCodePoints(a.id, b.id)));

  let attained = ZERO; // cumulative base of every record so far, gated or not
  let total = ZERO;
  for (const d of deals) {
    const before = attained;
    const after = before.plus(d.amount);
    attained = after;
    if (!d.gated) continue;
    // Slices of [before, after) in each tier: [0, q) ×1, [q, 1.5q) ×1.5, [1.5q, ∞) ×2.
    const s1 = D.max(ZERO, D.min(after, bound1).minus(D.min(before, bound1)));
    const s2 = D.max(ZERO, D.min(after, bound2).minus(D.max(before, bound1)));
    const s3 = D.max(ZERO, after.minus(D.max(before, bound2)));
    let earning = s1.plus(s2.times(FACTOR2)).plus(s3.times(FACTOR3)).times(d.rate);
    if (earning.gt(CAP_PER_DEAL)) earning = CAP_PER_DEAL;
    total = total.plus(earning);
  }
  out.push(`${payee},${period},${total.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)}`);
}
process.stdout.write(`${out.join('\n')}\n`);
