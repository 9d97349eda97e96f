// Writes the example's data (data/reps.csv, data/deals.csv): twelve account executives and a
// year of CRM deals, deterministic (a seeded PRNG), so the golden output stays put.
// Run: node examples/enterprise-ae/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let seed = 20270101;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const reps = [
  ['R01', 'Ada Lovelace', 'West', 250000, '2025-03-01', false, 1.5],
  ['R02', 'Grace Hopper', 'West', 250000, '2024-06-15', false, 1.1],
  ['R03', 'Alan Turing', 'East', 220000, '2023-01-09', false, 0.9],
  ['R04', 'Katherine Johnson', 'East', 220000, '2026-11-02', false, 1.3],
  ['R05', 'Edsger Dijkstra', 'Central', 200000, '2022-04-01', false, 0.7],
  ['R06', 'Barbara Liskov', 'Central', 200000, '2025-09-01', false, 1.0],
  ['R07', 'Donald Knuth', 'West', 240000, '2021-02-01', false, 0.8],
  ['R08', 'Frances Allen', 'East', 230000, '2024-01-15', false, 1.2],
  ['R09', 'John Backus', 'Central', 180000, '2027-02-15', true, 0.45],
  ['R10', 'Margaret Hamilton', 'West', 260000, '2027-01-04', true, 0.6],
  ['R11', 'Dennis Ritchie', 'East', 210000, '2020-05-01', false, 0.95],
  ['R12', 'Radia Perlman', 'Central', 190000, '2027-05-03', true, 0.5],
];

const day = (iso, offset) => new Date(Date.parse(iso) + offset * 86_400_000).toISOString().slice(0, 10);
const lines = ['id,owner,amount,cost,channel,stage,product,closed_on,cancelled_on'];
let n = 0;
for (const [id, , , quota, start, , strength] of reps) {
  const first = start > '2027-01-01' ? start : '2026-12-20';
  for (let q = 0; q < 4; q++) {
    const deals = 6 + Math.floor(random() * 5);
    for (let k = 0; k < deals; k++) {
      const closed = day(['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01'][q], Math.floor(random() * 91));
      if (closed < first) continue;
      const amount = Math.round(((quota * strength) / 7) * (0.3 + random() * 1.4) * 100) / 100;
      const margin = random() < 0.12 ? 0.05 + random() * 0.14 : 0.2 + random() * 0.5;
      const cost = Math.round(amount * (1 - margin) * 100) / 100;
      const stage = random() < 0.8 ? 'won' : pick(['open', 'lost']);
      const cancelled = stage === 'won' && random() < 0.06 ? day(closed, 20 + Math.floor(random() * 140)) : '';
      n++;
      lines.push([`D${String(n).padStart(4, '0')}`, id, amount.toFixed(2), cost.toFixed(2), pick(['direct', 'direct', 'partner', 'marketplace']), stage, random() < 0.25 ? 'Bundle' : pick(['Core', 'Analytics', 'Platform']), closed, cancelled].join(','));
    }
  }
}
// three deals closed before the plan year (counted as out of plan) and one after
lines.push('D9001,R01,42000.00,21000.00,direct,won,Core,2026-12-28,', 'D9002,R03,18000.00,9000.00,partner,won,Core,2026-12-30,', 'D9003,R07,25000.00,10000.00,direct,won,Bundle,2026-12-31,', 'D9004,R02,30000.00,12000.00,direct,won,Core,2028-01-03,');

mkdirSync(join(here, 'data'), { recursive: true });
writeFileSync(join(here, 'data', 'reps.csv'), `id,name,region,quota,start,new_hire\n${reps.map(([id, name, region, quota, start, hire]) => `${id},${name},${region},${quota}.00,${start},${hire}`).join('\n')}\n`);
writeFileSync(join(here, 'data', 'deals.csv'), `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${reps.length} reps and ${lines.length - 1} deals\n`);
