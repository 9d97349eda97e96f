// Generates benchmark data: `node bench/generate-data.mjs DEALS DIR [PAYEES]` writes
// DIR/reps.csv and DIR/deals.csv for bench/plan.incent (deterministic: a seeded PRNG).
import { mkdirSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';

const deals = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3] ?? `/tmp/incent-bench-${deals}`;
const payees = Number(process.argv[4] ?? 1000);
mkdirSync(dir, { recursive: true });

let seed = 0x9e3779b9;
function random() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const pad = (n, w) => String(n).padStart(w, '0');
const reps = ['id,quota'];
// quarterly quotas around what each rep books in a quarter, so the tiers are all reached
const perRepQuarter = (deals / payees / 4) * 25_000;
for (let i = 0; i < payees; i++) reps.push(`R${pad(i, 5)},${Math.round(perRepQuarter * (0.6 + random() * 0.8))}.00`);
const repsOut = createWriteStream(join(dir, 'reps.csv'));
repsOut.end(`${reps.join('\n')}\n`);

const out = createWriteStream(join(dir, 'deals.csv'));
const channels = ['direct', 'partner', 'marketplace'];
const start = Date.UTC(2027, 0, 1);
let buffer = 'id,owner,amount,cost,channel,closed_on\n';
for (let i = 0; i < deals; i++) {
  const amount = (500 + Math.floor(random() * 4_950_000) / 100).toFixed(2);
  const cost = (Number(amount) * (0.4 + random() * 0.5)).toFixed(2);
  const day = new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10);
  buffer += `D${pad(i, 8)},R${pad(Math.floor(random() * payees), 5)},${amount},${cost},${channels[Math.floor(random() * 3)]},${day}\n`;
  if (buffer.length > 1 << 20) {
    out.write(buffer);
    buffer = '';
  }
}
out.end(buffer);
out.on('finish', () => process.stdout.write(`${dir}\n`));
