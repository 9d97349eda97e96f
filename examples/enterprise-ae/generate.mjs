// Writes the example's data (data/reps.csv, data/deals.csv): twelve account executives and a
// year of CRM deals, deterministic (mulberry32, a fixed seed), so the golden output stays put.
// A few stories are planted on top of the random deals: a star's Q4 that hits the period cap, a
// whale deal that hits the per-deal cap, a cancellation after year end, deals out of the plan year.
// Run: node examples/enterprise-ae/generate.mjs [OUT_DIR]   (default: data/ beside this script)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The data folder: data/ beside this script, or the folder given as the first argument.
const out = process.argv[2] ?? join(here, 'data');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20270101);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + random() * (hi - lo);
const DAY = 86_400_000;
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const money = (cents) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

// id, name, region, quarterly quota, start date, strength (won bookings per quarter / quota)
const reps = [
  ['R01', 'Ada Lovelace', 'West', 250_000, '2025-03-01', 1.3],
  ['R02', 'Grace Hopper', 'West', 250_000, '2024-06-15', 1.05],
  ['R03', 'Alan Turing', 'East', 220_000, '2023-01-09', 0.9],
  ['R04', 'Katherine Johnson', 'East', 220_000, '2026-11-02', 1.15],
  ['R05', 'Edsger Dijkstra', 'Central', 200_000, '2022-04-01', 0.7],
  ['R06', 'Barbara Liskov', 'Central', 200_000, '2025-09-01', 1.0],
  ['R07', 'Donald Knuth', 'West', 240_000, '2021-02-01', 0.8],
  ['R08', 'Frances Allen', 'East', 230_000, '2024-01-15', 1.1],
  ['R09', 'John Backus', 'Central', 180_000, '2027-02-15', 0.85],
  ['R10', 'Margaret Hamilton', 'West', 260_000, '2027-01-04', 0.8],
  ['R11', 'Dennis Ritchie', 'East', 210_000, '2020-05-01', 0.95],
  ['R12', 'Radia Perlman', 'Central', 190_000, '2027-07-12', 0.9],
];
const QUARTERS = [
  ['2027-01-01', '2027-03-31'],
  ['2027-04-01', '2027-06-30'],
  ['2027-07-01', '2027-09-30'],
  ['2027-10-01', '2027-12-31'],
];

// Annual quota: the quarterly quota for each quarter in the role, prorated by days for the
// quarter a new hire joins (what sales ops would load into the roster).
const annualQuota = (quota, start) => {
  let total = 0;
  for (const [from, to] of QUARTERS) {
    if (start > to) continue;
    const days = daysBetween(from, to) + 1;
    const inRole = start > from ? daysBetween(start, to) + 1 : days;
    total += (quota * inRole) / days;
  }
  return Math.round(total / 1000) * 1000;
};

const deals = [];
const deal = (owner, amountCents, margin, channel, stage, product, closed, cancelled = '') => {
  const cost = Math.round(amountCents * (1 - margin));
  deals.push({ owner, amount: amountCents, cost, channel, stage, product, closed, cancelled });
};

for (const [id, , , quota, start, strength] of reps) {
  for (let q = 0; q < 4; q++) {
    const [from, to] = QUARTERS[q];
    if (start > to) continue;
    const first = start > from ? start : from;
    const window = daysBetween(first, to) + 1;
    // a new hire ramps: a third of the pace in the first quarter in the role, two thirds in the second
    const quartersIn = QUARTERS.slice(0, q + 1).filter(([, end]) => start <= end).length;
    const tenureDays = daysBetween(start, from);
    const ramp = tenureDays >= 180 ? 1 : quartersIn === 1 ? 0.3 : quartersIn === 2 ? 0.65 : 1;
    const pace = strength * ramp * between(0.8, 1.2);
    const count = Math.max(3, Math.round((7 + Math.floor(random() * 4)) * Math.min(1, ramp + 0.2)));
    // won bookings of the quarter should come to about quota × pace; about 78% of deals are won
    const average = (quota * pace) / (count * 0.78);
    for (let k = 0; k < count; k++) {
      const closed = addDays(first, Math.floor(random() * window));
      const amount = Math.round(average * between(0.35, 1.65) * 100);
      const margin = random() < 0.1 ? between(0.06, 0.19) : between(0.21, 0.62);
      const roll = random();
      const stage = roll < 0.78 ? 'won' : roll < 0.89 ? 'open' : 'lost';
      let cancelled = '';
      if (stage === 'won' && random() < 0.06) cancelled = addDays(closed, 15 + Math.floor(random() * 150));
      if (cancelled > '2027-12-31') cancelled = '';
      const channel = pick(['direct', 'direct', 'direct', 'partner', 'partner', 'marketplace']);
      const product = random() < 0.22 ? 'Bundle' : pick(['Core', 'Analytics', 'Platform', 'Security']);
      deal(id, amount, margin, channel, stage, product, closed, cancelled);
    }
  }
}

// R01 closes the year with a run of large direct deals: past 150% of quota, into the period cap.
for (const [day, amount] of [['2027-11-09', 118_000], ['2027-11-30', 96_500], ['2027-12-14', 131_250], ['2027-12-21', 88_900]]) {
  deal('R01', amount * 100, 0.48, 'direct', 'won', 'Platform', day);
}
// R08 lands a whale in Q3: one deal worth almost two quarters of quota, cut by the per-deal cap.
deal('R08', 412_000_00, 0.44, 'direct', 'won', 'Platform', '2027-08-18');
// R05 closes a deal in November that the customer cancels in January: the clawback is pending.
deal('R05', 64_000_00, 0.35, 'direct', 'won', 'Security', '2027-11-22', '2028-01-12');
// R03 closes a thin-margin partner deal: gated out.
deal('R03', 75_000_00, 0.12, 'partner', 'won', 'Core', '2027-05-19');
// Deals dated outside the plan year: counted in the summary as out of plan.
deal('R01', 42_000_00, 0.5, 'direct', 'won', 'Core', '2026-12-28');
deal('R03', 18_000_00, 0.5, 'partner', 'won', 'Core', '2026-12-30');
deal('R07', 25_000_00, 0.6, 'direct', 'won', 'Bundle', '2026-12-31');
deal('R02', 30_000_00, 0.6, 'direct', 'won', 'Core', '2028-01-03');

deals.sort((a, b) => (a.closed < b.closed ? -1 : a.closed > b.closed ? 1 : a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
const dealLines = ['id,owner,amount,cost,channel,stage,product,closed_on,cancelled_on'];
deals.forEach((d, i) => {
  dealLines.push([`D${String(i + 1).padStart(4, '0')}`, d.owner, money(d.amount), money(d.cost), d.channel, d.stage, d.product, d.closed, d.cancelled].join(','));
});
const repLines = ['id,name,region,quota,annual_quota,start'];
for (const [id, name, region, quota, start] of reps) {
  repLines.push([id, name, region, money(quota * 100), money(annualQuota(quota, start) * 100), start].join(','));
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'reps.csv'), `${repLines.join('\n')}\n`);
writeFileSync(join(out, 'deals.csv'), `${dealLines.join('\n')}\n`);
process.stdout.write(`wrote ${reps.length} reps and ${deals.length} deals\n`);
