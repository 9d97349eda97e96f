// `npm run fuzz`: the reliability properties of test/reliability from random seeds, each for its
// share of a time budget (FUZZ_SECONDS, default 60), instead of the fixed seeds and case counts
// of `npm test`. Builds the CLI first (some properties run it). A failure prints its seed and the
// command that replays it (FUZZ_SEED, FUZZ_PATH); at the end, the cases run per property.
//
//   FUZZ_SECONDS=600 npm run fuzz
//   FUZZ_SECONDS=120 npm run fuzz -- frontend     (only the files whose name contains "frontend")
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
if (!(seconds > 0)) {
  console.error(`FUZZ_SECONDS must be a number of seconds above zero, not ${JSON.stringify(process.env.FUZZ_SECONDS)}`);
  process.exit(64);
}
const only = process.argv[2];

const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts') && (!only || f.includes(only)))
  .map((f) => join(here, f));
if (files.length === 0) {
  console.error(`no test file in ${relative(root, here)} matches ${JSON.stringify(only)}`);
  process.exit(64);
}
const properties = files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/\bcheck\('/g) ?? []).length, 0);
const propertyMs = Math.max(1_000, Math.floor((seconds * 1_000) / Math.max(1, properties)));

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const statsDir = mkdtempSync(join(tmpdir(), 'incent-fuzz-'));
const stats = join(statsDir, 'stats.jsonl');
console.log(`fuzzing ${properties} properties in ${files.length} files for about ${seconds} s (${(propertyMs / 1_000).toFixed(1)} s each), random seeds`);
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...files.map((f) => relative(root, f)), '--no-file-parallelism', `--testTimeout=${propertyMs * 4 + 600_000}`],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_SECONDS: String(seconds), FUZZ_PROPERTY_MS: String(propertyMs), FUZZ_STATS: stats } },
);

let lines = [];
try {
  lines = readFileSync(stats, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
} catch {
  lines = [];
}
rmSync(statsDir, { recursive: true, force: true });
if (lines.length) {
  const width = Math.max(...lines.map((l) => l.name.length));
  console.log('\ncases run');
  for (const l of lines) console.log(`  ${l.name.padEnd(width)}  ${String(l.cases).padStart(9)}${l.failedSeed !== undefined ? `  FAILED, seed ${l.failedSeed}` : ''}`);
  console.log(`  ${'total'.padEnd(width)}  ${String(lines.reduce((n, l) => n + l.cases, 0)).padStart(9)}`);
}
process.exit(run.status ?? 1);
