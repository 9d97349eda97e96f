// Writes the example's data (data/partners.csv, deals.csv, coupons.csv, referrals.csv): two dozen
// channel partners over fiscal 2027 (February 2027 to January 2028), deterministic (mulberry32,
// a fixed seed), so the golden output stays put.
// Run: node examples/partner-program/generate.mjs [OUT_DIR]   (default: data/ beside this script)
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
const random = mulberry32(2027_02_01);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + random() * (hi - lo);
const poisson = (mean) => {
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = random();
  while (u > s) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
};
const DAY = 86_400_000;
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const money = (cents) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const roundTo = (value, step) => Math.round(value / step) * step;

// Fiscal 2027 runs from February 2027 to January 2028.
const QUARTERS = [
  ['2027-02-01', '2027-04-30'],
  ['2027-05-01', '2027-07-31'],
  ['2027-08-01', '2027-10-31'],
  ['2027-11-01', '2028-01-31'],
];

// id, name, kind, region, joined, certified, certified on, annual won bookings (USD), referral appetite
const partners = [
  ['P01', 'Northwind Systems', 'reseller', 'NA', '2019-04-01', true, '2024-03-12', 1_350_000, 1.2],
  ['P02', 'Contoso Cloud', 'msp', 'NA', '2020-09-15', true, '2025-06-30', 820_000, 0.8],
  ['P03', 'Fabrikam Integration', 'integrator', 'EMEA', '2021-01-10', true, '2027-05-20', 640_000, 1.5],
  ['P04', 'Tailspin Networks', 'reseller', 'EMEA', '2018-11-05', false, '2023-02-14', 560_000, 0.3],
  ['P05', 'Wide World Data', 'integrator', 'APAC', '2022-03-01', true, '2026-10-02', 430_000, 1.0],
  ['P06', 'Adventure Works IT', 'reseller', 'NA', '2021-07-19', true, '2025-01-22', 380_000, 0.6],
  ['P07', 'Blue Yonder Partners', 'msp', 'NA', '2023-02-01', false, '', 310_000, 0.0],
  ['P08', 'Coho Solutions', 'integrator', 'EMEA', '2022-08-08', true, '2027-09-03', 290_000, 1.1],
  ['P09', 'Litware Services', 'reseller', 'APAC', '2020-05-25', true, '2024-12-01', 240_000, 0.5],
  ['P10', 'Lucerne Consulting', 'integrator', 'EMEA', '2024-04-15', false, '', 210_000, 0.9],
  ['P11', 'Margie Travel Tech', 'msp', 'APAC', '2023-10-01', true, '2026-04-18', 180_000, 0.0],
  ['P12', 'Proseware Group', 'reseller', 'NA', '2019-01-07', false, '2022-09-09', 150_000, 0.4],
  ['P13', 'Trey Research', 'integrator', 'NA', '2025-02-03', true, '2027-12-08', 125_000, 1.3],
  ['P14', 'Woodgrove Digital', 'msp', 'EMEA', '2024-06-30', false, '', 95_000, 0.0],
  ['P15', 'Alpine Ski IT', 'reseller', 'EMEA', '2025-09-12', false, '', 80_000, 0.7],
  ['P16', 'City Power Tech', 'msp', 'NA', '2026-01-20', false, '', 70_000, 0.0],
  ['P17', 'Consolidated Messenger', 'reseller', 'APAC', '2022-11-11', true, '2025-08-05', 60_000, 0.5],
  ['P18', 'Fourth Coffee Labs', 'integrator', 'NA', '2027-03-01', false, '', 55_000, 0.8],
  ['P19', 'Graphic Design Institute', 'reseller', 'EMEA', '2026-05-05', false, '', 40_000, 0.0],
  ['P20', 'Humongous Insurance IT', 'msp', 'NA', '2027-06-14', true, '2027-10-22', 35_000, 0.6],
  ['P21', 'School of Fine Art IT', 'reseller', 'APAC', '2024-02-29', false, '', 25_000, 0.0],
  ['P22', 'VanArsdel Tech', 'integrator', 'EMEA', '2027-09-01', false, '', 20_000, 0.4],
];

const customers = ['Acme Foods', 'Bellows College', 'Best For You Organics', 'Datum Corp', 'Fincher Architects', 'Lamna Healthcare', 'Liberty Delightful', 'Munson Pickles', 'Nod Publishers', 'Northridge Bank', 'Relecloud', 'Southridge Video', 'Tasmanian Traders', 'Wingtip Toys', 'Woodgrove Bank', 'Baldwin Museum', 'Contoso Pharma', 'First Up Consultants', 'Mercer Logistics', 'Olympic Shipping'];

const deals = [];
const coupons = [];
const referrals = [];
for (const [id, , , , joined, , , annual, appetite] of partners) {
  for (let q = 0; q < 4; q++) {
    const [from, to] = QUARTERS[q];
    if (joined > to) continue;
    const first = joined > from ? joined : from;
    const window = daysBetween(first, to) + 1;
    const date = () => addDays(first, Math.floor(random() * window));
    // deals: the year's bookings spread over the quarters (Q4 a little heavier), about 65% of them won
    const quarterTarget = (annual / 4) * [0.85, 0.95, 1.0, 1.2][q] * (window / (daysBetween(from, to) + 1));
    const size = Math.min(60_000, Math.max(6_000, annual / 18));
    let won = 0;
    while (won < quarterTarget * between(0.75, 1.15)) {
      const amount = roundTo(size * between(0.4, 1.6), 50);
      const closed = date();
      const outcome = random() < 0.65 ? 'won' : 'lost';
      if (outcome === 'won') won += amount;
      // most partners register early; about one deal in twenty is registered on or after the close
      const registered = random() < 0.05 ? addDays(closed, Math.floor(random() * 6)) : addDays(closed, -(10 + Math.floor(random() * 110)));
      deals.push({ partner: id, customer: pick(customers), amount: amount * 100, outcome, registered, closed });
    }
    // coupons: a few a quarter, bigger partners hand out more
    const couponCount = poisson(2 + Math.min(6, annual / 150_000));
    for (let k = 0; k < couponCount; k++) {
      coupons.push({ partner: id, issued: date(), value: roundTo(between(250, 2_500), 50) * 100, redeemed: random() < 0.45 });
    }
    // referrals: only partners with an appetite for it
    const referralCount = appetite === 0 ? 0 : poisson(appetite);
    for (let k = 0; k < referralCount; k++) {
      const qualified = random() < 0.6;
      const wonValue = qualified && random() < 0.45 ? roundTo(between(8_000, 65_000), 100) * 100 : null;
      referrals.push({ partner: id, prospect: pick(customers), referred: date(), qualified, wonValue });
    }
  }
}

// P01 closes a large platform deal in Q3: the rebate is cut by the per-deal cap.
deals.push({ partner: 'P01', customer: 'Northridge Bank', amount: 185_000_00, outcome: 'won', registered: '2027-06-02', closed: '2027-09-28' });
// Deals outside fiscal 2027: closed in January 2027 (fiscal 2026) and in February 2028 (fiscal 2028).
deals.push({ partner: 'P02', customer: 'Datum Corp', amount: 24_000_00, outcome: 'won', registered: '2026-11-20', closed: '2027-01-18' });
deals.push({ partner: 'P05', customer: 'Relecloud', amount: 12_500_00, outcome: 'won', registered: '2026-12-01', closed: '2027-01-29' });
deals.push({ partner: 'P03', customer: 'Wingtip Toys', amount: 31_000_00, outcome: 'won', registered: '2027-12-15', closed: '2028-02-03' });

const byDate = (field) => (a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0);
deals.sort(byDate('closed'));
coupons.sort(byDate('issued'));
referrals.sort(byDate('referred'));

const csv = (header, rows) => `${[header, ...rows.map((row) => row.join(','))].join('\n')}\n`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'partners.csv'), csv('id,name,kind,region,joined_on,certified,certified_on', partners.map(([id, name, kind, region, joined, certified, on]) => [id, name, kind, region, joined, certified, on])));
writeFileSync(join(out, 'deals.csv'), csv('id,partner,customer,amount,outcome,registered_on,closed_on', deals.map((d, i) => [`RD${String(i + 1).padStart(4, '0')}`, d.partner, d.customer, money(d.amount), d.outcome, d.registered, d.closed])));
writeFileSync(join(out, 'coupons.csv'), csv('code,partner,issued_on,value,redeemed', coupons.map((c, i) => [`CPN-${String(i + 1).padStart(4, '0')}`, c.partner, c.issued, money(c.value), c.redeemed])));
writeFileSync(join(out, 'referrals.csv'), csv('id,partner,prospect,referred_on,qualified,won_value', referrals.map((r, i) => [`REF${String(i + 1).padStart(3, '0')}`, r.partner, r.prospect, r.referred, r.qualified, r.wonValue === null ? '' : money(r.wonValue)])));
process.stdout.write(`wrote ${partners.length} partners, ${deals.length} deals, ${coupons.length} coupons and ${referrals.length} referrals\n`);
