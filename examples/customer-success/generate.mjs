// Writes the example's data (data/csms.csv, data/contracts.csv): ten customer success managers
// and a year of renewal and expansion contracts on their accounts, deterministic (mulberry32, a
// fixed seed), so the golden output stays put.
// Run: node examples/customer-success/generate.mjs [OUT_DIR]   (default: data/ beside this script)
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
const random = mulberry32(2027_0315);
const between = (lo, hi) => lo + random() * (hi - lo);
const DAY = 86_400_000;
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const money = (cents) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const roundTo = (value, step) => Math.round(value / step) * step;

const QUARTERS = [
  ['2027-01-01', '2027-03-31'],
  ['2027-04-01', '2027-06-30'],
  ['2027-07-01', '2027-09-30'],
  ['2027-10-01', '2027-12-31'],
];
// renewals bunch at the end of the year, when most annual contracts come up
const SEASON = [0.85, 0.95, 0.95, 1.25];
// the CRM export the plan is run on was taken a month after year end
const EXPORTED_ON = '2028-01-31';

// id, name, segment, quarterly target, start, book health (bookings per quarter / target)
const csms = [
  ['C01', 'Mae Jemison', 'Enterprise', 600_000, '2023-03-06', 1.1],
  ['C02', 'Sally Ride', 'Enterprise', 600_000, '2024-08-19', 1.0],
  ['C03', 'Chiaki Mukai', 'Enterprise', 550_000, '2022-01-10', 0.9],
  ['C04', 'Yuri Gagarin', 'Mid-Market', 400_000, '2025-05-05', 1.1],
  ['C05', 'Valentina Tereshkova', 'Mid-Market', 400_000, '2021-09-13', 0.75],
  ['C06', 'Guion Bluford', 'Mid-Market', 380_000, '2024-02-26', 1.0],
  ['C07', 'Ellen Ochoa', 'Mid-Market', 380_000, '2026-06-01', 0.95],
  ['C08', 'Kalpana Chawla', 'Growth', 250_000, '2025-11-03', 1.05],
  ['C09', 'Franklin Chang-Diaz', 'Growth', 250_000, '2023-07-17', 0.85],
  ['C10', 'Peggy Whitson', 'Growth', 250_000, '2027-04-19', 0.8],
];
const accounts = ['Alpine', 'Bluebird', 'Cobalt', 'Driftwood', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Ironwood', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orchard', 'Pinnacle', 'Quartz', 'Redwood', 'Summit', 'Tidewater'];

const contracts = [];
for (const [id, , segment, target, start, health] of csms) {
  // account names per CSM: a book of a dozen accounts
  const book = Array.from({ length: 12 }, (_, k) => `${accounts[(k * 7 + id.charCodeAt(2)) % accounts.length]} ${segment === 'Enterprise' ? 'Holdings' : segment === 'Growth' ? 'Labs' : 'Group'} ${id.slice(1)}${k}`);
  for (let q = 0; q < 4; q++) {
    const [from, to] = QUARTERS[q];
    if (start > to) continue;
    const first = start > from ? start : from;
    const window = daysBetween(first, to) + 1;
    const share = window / (daysBetween(from, to) + 1);
    const goal = target * health * SEASON[q] * share * between(0.8, 1.2);
    let booked = 0;
    while (booked < goal) {
      const kind = random() < 0.62 ? 'renewal' : 'expansion';
      const typical = segment === 'Enterprise' ? 110_000 : segment === 'Mid-Market' ? 60_000 : 30_000;
      const amount = roundTo(typical * (kind === 'renewal' ? between(0.6, 1.8) : between(0.15, 0.7)), 100);
      booked += amount;
      const closed = addDays(first, Math.floor(random() * window));
      const onboarded = random() < 0.88;
      let churned = '';
      if (random() < (onboarded ? 0.06 : 0.2)) churned = addDays(closed, 30 + Math.floor(random() * 220));
      if (churned > EXPORTED_ON) churned = ''; // not known yet when the data was exported
      contracts.push({ owner: id, account: book[Math.floor(random() * book.length)], kind, amount: amount * 100, closed, onboarded, churned });
    }
  }
}
// C01 books an expansion in October after reaching the year's cap; the customer goes under in
// December, so the clawback takes back half of what the capped contract really earned.
contracts.push({ owner: 'C01', account: 'Meridian Holdings 0112', kind: 'expansion', amount: 42_000_00, closed: '2027-10-12', onboarded: true, churned: '2027-12-20' });
// Contracts outside the plan year: a renewal booked in December 2026, an expansion in January 2028.
contracts.push({ owner: 'C02', account: 'Harbor Holdings 021', kind: 'renewal', amount: 140_000_00, closed: '2026-12-22', onboarded: true, churned: '' });
contracts.push({ owner: 'C06', account: 'Lumen Group 064', kind: 'expansion', amount: 18_000_00, closed: '2028-01-05', onboarded: true, churned: '' });

contracts.sort((a, b) => (a.closed < b.closed ? -1 : a.closed > b.closed ? 1 : a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
const csv = (header, rows) => `${[header, ...rows.map((row) => row.join(','))].join('\n')}\n`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'csms.csv'), csv('id,name,segment,quota,start', csms.map(([id, name, segment, target, start]) => [id, name, segment, money(target * 100), start])));
writeFileSync(join(out, 'contracts.csv'), csv('id,account,owner,kind,amount,closed_on,onboarding_completed,churned_on', contracts.map((c, i) => [`K${String(i + 1).padStart(4, '0')}`, c.account, c.owner, c.kind, money(c.amount), c.closed, c.onboarded, c.churned])));
process.stdout.write(`wrote ${csms.length} CSMs and ${contracts.length} contracts\n`);
