// The benchmark suite: `npm run bench`. Measures, in one run on one machine, each figure beside a
// baseline measured in the same run:
//   1. evaluation end to end (`incent run bench/plan.incent --format json`) as a process: wall time,
//      CPU time and peak RSS, against a hand-written decimal.js program and DuckDB SQL computing the
//      same payouts, whose per-payee-per-period totals are checked line by line against incent's;
//   2. the compiler (`incent check`) on generated plans, minus process start-up;
//   3. the language server (bench/lsp.mjs, when it exists).
// Prints a table, writes bench/results.json. Environment:
//   BENCH_SIZES=100000,1000000   deal counts (default 100k and 1M; BENCH_FULL=1 adds 5M)
//   BENCH_RUNS=3                 runs per program and size (default 3; above 1M deals, 3 of incent
//                                and 1 of each baseline: the growth target rests on incent's alone)
//   BENCH_CHECK_RUNS=5           runs per plan for `incent check`
//   BENCH_SKIP_BUILD=1           time the CLI bundle as it is, without `npm run build`
//   BENCH_SKIP_COMPILER=1, BENCH_SKIP_LSP=1, BENCH_SKIP_EVAL=1   leave a part out
// Data is generated once into /tmp/incent-bench-N (by bench/generate-data.mjs) and reused.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release, platform, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, 'bench');
const cli = join(root, 'packages/cli/dist/incent.js');
const plan = join(bench, 'plan.incent');
const work = join(tmpdir(), `incent-bench-run-${process.pid}`);
mkdirSync(work, { recursive: true });

const env = process.env;
const on = (name) => env[name] === '1' || env[name] === 'true';
const sizes = (env.BENCH_SIZES ? env.BENCH_SIZES.split(',').map((s) => Number(s.replace(/_/g, '').trim())) : [100_000, 1_000_000, ...(on('BENCH_FULL') ? [5_000_000] : [])])
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const runsFor = (n, program) => (env.BENCH_RUNS ? Number(env.BENCH_RUNS) : n <= 1_000_000 || program === 'incent' ? 3 : 1);
const checkRuns = Number(env.BENCH_CHECK_RUNS ?? 5);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

// ---------------------------------------------------------------------------------------------
// Formatting

const int = (n) => n.toLocaleString('en-US');
const secs = (s) => (s == null ? '—' : s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const ms = (s) => (s == null ? '—' : `${(s * 1000).toFixed(1)} ms`);
const mem = (b) => (b == null ? '—' : b >= GiB ? `${(b / GiB).toFixed(2)} GiB` : `${(b / MiB).toFixed(0)} MiB`);
const ratio = (r) => (r == null || !Number.isFinite(r) || r === 0 ? '—' : `${r.toFixed(2)}×`);
const div = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** A plain-text table; `align` has one letter per column, `l` or `r`. */
function table(header, rows, align) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const pad = (c, i) => ' '.repeat(widths[i] - [...c].length);
  const line = (r) => r.map((c, i) => (align[i] === 'r' ? pad(c, i) + c : c + pad(c, i))).join('   ').trimEnd();
  return [line(all[0]), widths.map((w) => '─'.repeat(w)).join('   '), ...all.slice(1).map(line)].join('\n');
}
const out = [];
const say = (text = '') => {
  out.push(text);
  process.stdout.write(`${text}\n`);
};
const note = (text) => process.stderr.write(`  · ${text}\n`);

// ---------------------------------------------------------------------------------------------
// Running a process: wall time from here, CPU time and peak RSS from GNU time (`%M` is the
// maximum resident set size of the child in KiB, which process.resourceUsage() cannot see).

function measure(command, args, { stdoutFile, timeoutMs = 60 * 60 * 1000 } = {}) {
  return new Promise((done) => {
    const timeFile = join(work, `time-${Math.random().toString(36).slice(2)}.txt`);
    const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
      cwd: root,
      stdio: ['ignore', stdout, 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (typeof stdout === 'number') closeSync(stdout);
      let cpu = null;
      let rss = null;
      try {
        // GNU time writes "Command exited with non-zero status N" before the figures on failure.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        cpu = last[1] + last[2];
        rss = last[3] * 1024;
        rmSync(timeFile);
      } catch {}
      done({ ok: code === 0, code, signal, wall, cpu, rss, stderr: stderr.trim() });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The machine

function machine() {
  const cpu = cpus();
  let duckdb = null;
  try {
    duckdb = JSON.parse(readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8')).version;
  } catch {}
  let commit = null;
  let dirty = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: root, encoding: 'utf8' }).trim() !== '';
  } catch {}
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()}`,
    duckdbNodeApi: duckdb,
    commit,
    packagesDirty: dirty,
  };
}

// ---------------------------------------------------------------------------------------------
// Build: the CLI bundle and the decimal.js baseline.

function build() {
  if (!on('BENCH_SKIP_BUILD')) {
    note('npm run build');
    const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  note('esbuild bench/baselines/decimal.ts → bench/dist/decimal.js');
  const r = spawnSync(
    join(root, 'node_modules/.bin/esbuild'),
    ['bench/baselines/decimal.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--outfile=bench/dist/decimal.js', '--log-level=warning'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error('esbuild of bench/baselines/decimal.ts failed');
}

// ---------------------------------------------------------------------------------------------
// 1. Evaluation

async function dataFor(n) {
  const dir = `/tmp/incent-bench-${n}`;
  if (existsSync(join(dir, 'deals.csv')) && existsSync(join(dir, 'reps.csv'))) return dir;
  // Generate beside and rename, so that an interrupted run never leaves half a data set to reuse.
  const partial = `${dir}.partial-${process.pid}`;
  note(`generating ${int(n)} deals into ${dir}`);
  const r = spawnSync(process.execPath, [join(bench, 'generate-data.mjs'), String(n), partial], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/generate-data.mjs ${n} failed`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

const programs = [
  { id: 'incent', label: 'incent', command: process.execPath, args: (dir) => [cli, 'run', plan, '--data', dir, '--format', 'json'] },
  { id: 'decimal', label: 'decimal.js', command: process.execPath, args: (dir) => [join(bench, 'dist/decimal.js'), dir] },
  { id: 'duckdb', label: 'DuckDB SQL', command: process.execPath, args: (dir) => [join(bench, 'baselines/duckdb.mjs'), dir] },
];

/** Totals as a Map "payee\tperiod" → amount text, from incent's JSON or a baseline's CSV. */
function readTotals(id, file) {
  const text = readFileSync(file, 'utf8');
  const totals = new Map();
  if (id === 'incent') {
    for (const t of JSON.parse(text).totals) totals.set(`${t.payee}\t${t.period}`, t.amount);
  } else {
    for (const line of text.trim().split('\n').slice(1)) {
      const [payee, period, amount] = line.split(',');
      totals.set(`${payee}\t${period}`, amount);
    }
  }
  return totals;
}

/** Every line of both, in payee and period order; a line that one side omits counts as 0.00. */
function compareTotals(incent, other) {
  const zero = (a) => (a === undefined || /^-?0+(\.0+)?$/.test(a) ? '0.00' : a);
  const keys = [...new Set([...incent.keys(), ...other.keys()])].sort();
  for (const key of keys) {
    const a = zero(incent.get(key));
    const b = zero(other.get(key));
    if (a !== b) {
      const [payee, period] = key.split('\t');
      return { ok: false, lines: keys.length, first: { payee, period, incent: incent.get(key) ?? '(no line)', baseline: other.get(key) ?? '(no line)' } };
    }
  }
  return { ok: true, lines: keys.length };
}

/**
 * bench/baselines/hand-check: seven deals whose totals were worked out by hand (see bench/README.md):
 * same-day ties broken by code points (D10 before D2), a gated deal that still counts toward
 * attainment, slices across both tier bounds, the per-deal cap, a margin of exactly 20%, and a
 * half-even tie (0.045 → 0.04). Every program must print expected.csv before it is timed.
 */
async function handCheck() {
  const dir = join(bench, 'baselines/hand-check');
  const expected = readTotals('csv', join(dir, 'expected.csv'));
  const checks = {};
  for (const p of programs) {
    const file = join(work, `${p.id}-hand.out`);
    const r = await measure(p.command, p.args(dir), { stdoutFile: file });
    checks[p.id] = r.ok ? compareTotals(readTotals(p.id, file), expected) : { ok: false, error: `exit ${r.code ?? r.signal}: ${r.stderr.split('\n').slice(-2).join(' | ')}` };
  }
  return checks;
}

async function evaluation() {
  const entries = [];
  for (const n of sizes) {
    const dir = await dataFor(n);
    const entry = { deals: n, dataDir: dir, runs: Object.fromEntries(programs.map((p) => [p.id, runsFor(n, p.id)])), programs: {}, checks: {} };
    for (const p of programs) entry.programs[p.id] = { label: p.label, wall: [], cpu: [], rss: [], failures: [] };
    entries.push(entry);
  }
  // Every data file read once before any run is timed, so that no run (the first of each size,
  // before) pays for reading it from disk instead of the page cache.
  for (const entry of entries) for (const name of readdirSync(entry.dataDir)) readFileSync(join(entry.dataDir, name));
  // Interleaved, round by round: in each round every size, and at each size incent, decimal.js
  // and DuckDB, so that drifts in the machine hit every program and every size alike (the growth
  // target compares incent at one size with incent at another).
  const rounds = Math.max(...entries.flatMap((entry) => Object.values(entry.runs)));
  for (let run = 0; run < rounds; run++) {
    for (const entry of entries) {
      const n = entry.deals;
      for (const p of programs) {
        if (run >= entry.runs[p.id]) continue;
        const file = join(work, `${p.id}-${n}-${run}.out`);
        note(`${int(n)} deals, ${p.label}, run ${run + 1}/${entry.runs[p.id]}`);
        const r = await measure(p.command, p.args(entry.dataDir), { stdoutFile: file });
        const e = entry.programs[p.id];
        if (!r.ok) {
          const oom = /heap out of memory|Allocation failed/i.test(r.stderr);
          e.failures.push({ code: r.code, signal: r.signal, outOfMemory: oom, wall: r.wall, rss: r.rss, stderr: r.stderr.slice(-2000) });
          note(`${p.label} failed (exit ${r.code ?? r.signal}): ${r.stderr.split('\n').slice(-3).join(' | ')}`);
          continue;
        }
        e.wall.push(r.wall);
        e.cpu.push(r.cpu);
        e.rss.push(r.rss);
        e.output ??= file;
      }
    }
  }
  for (const entry of entries) {
    for (const p of programs) {
      const e = entry.programs[p.id];
      e.medianWall = median(e.wall);
      e.medianCpu = median(e.cpu);
      e.peakRss = e.rss.length ? Math.max(...e.rss) : null;
      e.perDealMicros = e.medianWall == null ? null : (e.medianWall / entry.deals) * 1e6;
    }
    const incentOut = entry.programs.incent.output;
    for (const p of programs.slice(1)) {
      const o = entry.programs[p.id].output;
      entry.checks[p.id] = incentOut && o ? compareTotals(readTotals('incent', incentOut), readTotals(p.id, o)) : { ok: false, error: incentOut ? `${p.label} failed` : 'incent failed' };
    }
    // The two baselines against each other too: a third opinion when one of them disagrees with
    // incent, and the only check left when incent fails.
    const d = entry.programs.decimal.output;
    const k = entry.programs.duckdb.output;
    entry.baselinesAgree = d && k ? compareTotals(readTotals('decimal', d), readTotals('duckdb', k)) : null;
    for (const p of programs) delete entry.programs[p.id].output;
  }
  return entries;
}

function growth(results) {
  const rows = [];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    const nlogn = (b.deals * Math.log(b.deals)) / (a.deals * Math.log(a.deals));
    const row = { from: a.deals, to: b.deals, nlognGrowth: nlogn, programs: {} };
    for (const p of programs) {
      const grow = (k) => {
        const ta = a.programs[p.id][k];
        const tb = b.programs[p.id][k];
        return ta && tb ? tb / ta : null;
      };
      const timeGrowth = grow('medianWall');
      const cpuGrowth = grow('medianCpu');
      row.programs[p.id] = {
        timeGrowth,
        vsNlogn: timeGrowth == null ? null : timeGrowth / nlogn,
        cpuGrowth,
        cpuVsNlogn: cpuGrowth == null ? null : cpuGrowth / nlogn,
      };
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. Compiler

const TINY = `plan "Tiny" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
}
input reps {
  id: Payee key
  quota: Money
}
`;

async function compiler() {
  const dir = join(work, 'plans');
  mkdirSync(dir, { recursive: true });
  const plans = [{ target: 10, file: join(dir, 'tiny.incent') }];
  writeFileSync(plans[0].file, TINY);
  for (const target of [500, 5000, 20000]) {
    const file = join(dir, `generated-${target}.incent`);
    writeFileSync(file, execFileSync(process.execPath, [join(bench, 'generate-plan.mjs'), String(target)], { maxBuffer: 64 * MiB }));
    plans.push({ target, file });
  }
  for (const p of plans) {
    p.lines = readFileSync(p.file, 'utf8').trimEnd().split('\n').length;
    p.wall = [];
    p.cpu = [];
    p.rss = [];
    p.failures = [];
  }
  for (let run = 0; run < checkRuns; run++) {
    for (const p of plans) {
      note(`incent check, ${int(p.lines)} lines, run ${run + 1}/${checkRuns}`);
      const r = await measure(process.execPath, [cli, 'check', p.file]);
      if (!r.ok) {
        p.failures.push({ code: r.code, stderr: r.stderr.slice(-2000) });
        continue;
      }
      p.wall.push(r.wall);
      p.cpu.push(r.cpu);
      p.rss.push(r.rss);
    }
  }
  const startup = median(plans[0].wall);
  const startupCpu = median(plans[0].cpu);
  return plans.map((p, i) => {
    const m = median(p.wall);
    const net = i === 0 || m == null || startup == null ? null : m - startup;
    const c = median(p.cpu);
    return {
      cpu: p.cpu,
      medianCpu: c,
      cpuMinusStartup: i === 0 || c == null || startupCpu == null ? null : c - startupCpu,
      target: p.target,
      lines: p.lines,
      startupBaseline: i === 0,
      wall: p.wall,
      medianWall: m,
      minusStartup: net,
      perLineMicros: net == null ? null : (net / p.lines) * 1e6,
      peakRss: p.rss.length ? Math.max(...p.rss) : null,
      failures: p.failures,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Language server — HOOK: bench/lsp.mjs is written separately. When it exists it is run as
// `node bench/lsp.mjs` with BENCH_LSP_JSON=<file> in its environment; if it writes JSON there (or
// prints one JSON object as the last line of its standard output) that goes into results.json as
// `lsp`, and its standard output is shown in the table either way.

async function lsp() {
  const script = join(bench, 'lsp.mjs');
  if (!existsSync(script)) return { status: 'missing', note: 'bench/lsp.mjs does not exist yet: hook left in bench/run.mjs (section 3)' };
  const jsonFile = join(work, 'lsp.json');
  const stdoutFile = join(work, 'lsp.out');
  note('node bench/lsp.mjs');
  const child = spawnSync(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, BENCH_LSP_JSON: jsonFile },
    stdio: ['ignore', openSync(stdoutFile, 'w'), 'pipe'],
    timeout: 10 * 60 * 1000,
    maxBuffer: 16 * MiB,
  });
  const stdout = readFileSync(stdoutFile, 'utf8');
  let figures = null;
  try {
    figures = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch {
    const last = stdout.trim().split('\n').pop() ?? '';
    try {
      figures = JSON.parse(last);
    } catch {}
  }
  return {
    status: child.status === 0 ? 'ok' : 'failed',
    exitCode: child.status,
    figures,
    stdout: stdout.trimEnd(),
    stderr: child.status === 0 ? undefined : String(child.stderr ?? '').slice(-2000),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const started = new Date();
const m = machine();
const results0 = {};
say(`Incent benchmarks — ${started.toISOString()}`);
say(`Machine: ${m.cpu}, ${m.cores} cores, ${mem(m.memoryBytes)} memory, Node ${m.node}, ${m.os}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
results0.loadAtStart = load();
say(`Load average at start: ${results0.loadAtStart}${loadavg()[0] >= 0.5 ? ' — WARNING: the machine is busy; wall times will be inflated (compare CPU times)' : ''}`);
say(`Code: ${m.commit ?? 'unknown commit'}${m.packagesDirty ? ' with uncommitted changes in packages/' : ''}; DuckDB (@duckdb/node-api) ${m.duckdbNodeApi ?? '?'}`);
say();

build();

const results = { ...results0, startedAt: started.toISOString(), machine: m, config: { sizes, runs: Object.fromEntries(sizes.map((n) => [n, Object.fromEntries(programs.map((p) => [p.id, runsFor(n, p.id)]))])), checkRuns }, targets: [] };
const target = (name, value, pass, detail) => results.targets.push({ name, value, pass, detail });

if (!on('BENCH_SKIP_EVAL') && sizes.length) {
  const hand = await handCheck();
  results.handCheck = hand;
  const handText = (c) => (c.ok ? 'OK' : c.first ? `MISMATCH at ${c.first.payee} ${c.first.period}: got ${c.first.incent}, expected ${c.first.baseline}` : `FAILED ${c.error}`);
  say(`0. Hand-checked data (bench/baselines/hand-check, 7 deals): ${programs.map((p) => `${p.label} ${handText(hand[p.id])}`).join(', ')}`);
  say();
  for (const p of programs) target(`hand-checked totals: ${p.label}`, hand[p.id].ok, hand[p.id].ok, handText(hand[p.id]));
  const ev = await evaluation();
  results.evaluation = ev;
  results.growth = growth(ev);
  say(`1. Evaluation end to end: incent run bench/plan.incent --format json, 1,000 payees, 4 quarters`);
  say(`   (wall = median wall time of the runs; CPU = median user + system time; peak RSS = largest over the runs;`);
  say(`    ratios = incent ÷ baseline, > 1 means incent is slower or bigger)`);
  say();
  const rows = [];
  for (const e of ev) {
    const inc = e.programs.incent;
    for (const p of programs) {
      const r = e.programs[p.id];
      const check = e.checks[p.id];
      rows.push([
        p.id === 'incent' ? `${int(e.deals)}` : '',
        p.label,
        String(e.runs[p.id]),
        r.failures.length && r.medianWall == null ? `FAILED after ${secs(r.failures[0].wall)}` : secs(r.medianWall),
        secs(r.medianCpu),
        r.peakRss == null && r.failures.length ? `${mem(Math.max(...r.failures.map((f) => f.rss ?? 0)))} at exit` : mem(r.peakRss),
        r.perDealMicros == null ? '—' : r.perDealMicros.toFixed(2),
        p.id === 'incent' ? '' : ratio(div(inc.medianWall, r.medianWall)),
        p.id === 'incent' ? '' : ratio(div(inc.medianCpu, r.medianCpu)),
        p.id === 'incent' ? '' : ratio(div(inc.peakRss, r.peakRss)),
        p.id === 'incent' ? '' : check.ok ? `OK (${int(check.lines)} lines)` : check.first ? 'MISMATCH' : `— ${check.error ?? ''}`,
      ]);
    }
  }
  say(table(['deals', 'program', 'runs', 'wall', 'CPU', 'peak RSS', 'µs/deal', 'time ratio', 'CPU ratio', 'RSS ratio', 'totals vs incent'], rows, 'rlrrrrrrrrl'));
  for (const e of ev) {
    const agree = e.baselinesAgree;
    if (agree && (!agree.ok || Object.values(e.checks).some((c) => !c.ok))) {
      say(`   ${int(e.deals)} deals, decimal.js vs DuckDB SQL: ${agree.ok ? `OK (${int(agree.lines)} lines)` : `first differing line ${agree.first.payee} ${agree.first.period}: decimal.js ${agree.first.incent}, DuckDB ${agree.first.baseline}`}`);
    }
    for (const [id, c] of Object.entries(e.checks)) {
      if (c.first) say(`   MISMATCH at ${int(e.deals)} deals, ${programs.find((p) => p.id === id).label}: first differing line ${c.first.payee} ${c.first.period}: incent ${c.first.incent}, baseline ${c.first.baseline}`);
    }
    for (const p of programs) {
      for (const f of e.programs[p.id].failures) {
        const why = f.outOfMemory ? (f.stderr.split('\n').find((l) => /heap out of memory|Allocation failed/i.test(l)) ?? 'out of memory').trim() : f.stderr.split('\n').slice(-2).join(' | ');
        say(`   ${p.label} FAILED at ${int(e.deals)} deals after ${secs(f.wall)} (exit ${f.code ?? f.signal}, peak RSS ${mem(f.rss)}): ${why}`);
      }
    }
  }
  if (results.growth.length) {
    say();
    say('   Growth against n log n (vs n log n = time growth ÷ n log n growth; ≤ 1.00 is no worse than n log n)');
    say();
    const fixed = (x) => (x == null ? '—' : x.toFixed(2));
    say(
      table(
        ['deals', 'n log n', 'program', 'wall time', 'vs n log n', 'CPU time', 'vs n log n'],
        results.growth.flatMap((g) =>
          programs.map((p, i) => {
            const r = g.programs[p.id];
            return [i === 0 ? `${int(g.from)} → ${int(g.to)}` : '', i === 0 ? ratio(g.nlognGrowth) : '', p.label, ratio(r.timeGrowth), fixed(r.vsNlogn), ratio(r.cpuGrowth), fixed(r.cpuVsNlogn)];
          }),
        ),
        'rrlrrrr',
      ),
    );
  }
  // Targets
  const at = (n) => ev.find((e) => e.deals === n);
  const m1 = at(1_000_000);
  if (m1) {
    const i = m1.programs.incent.medianWall;
    const d = m1.programs.decimal.medianWall;
    const k = m1.programs.duckdb.medianWall;
    const cpu = (id) => m1.programs[id].medianCpu;
    target('1M deals: incent time ≤ 1.0× the decimal.js program', div(i, d), i != null && d != null && i / d <= 1.0, `${secs(i)} vs ${secs(d)} = ${ratio(div(i, d))} (CPU ${ratio(div(cpu('incent'), cpu('decimal')))})`);
    target('1M deals: incent time ≤ 2× DuckDB', div(i, k), i != null && k != null && i / k <= 2.0, `${secs(i)} vs ${secs(k)} = ${ratio(div(i, k))} (CPU ${ratio(div(cpu('incent'), cpu('duckdb')))})`);
  } else {
    target('1M deals: incent time ≤ 1.0× the decimal.js program', null, null, 'not run (1,000,000 not in BENCH_SIZES)');
    target('1M deals: incent time ≤ 2× DuckDB', null, null, 'not run (1,000,000 not in BENCH_SIZES)');
  }
  const m5 = at(5_000_000);
  if (m5) {
    const i5 = m5.programs.incent;
    const r = i5.peakRss ?? (i5.failures.length ? Math.max(...i5.failures.map((f) => f.rss ?? 0)) : null);
    const failed = i5.failures.length > 0;
    target('5M deals: incent peak memory < 4 GiB', r, r != null && !failed && r < 4 * GiB, failed ? `${mem(r)}, then FAILED (exit ${i5.failures[0].code ?? i5.failures[0].signal}${i5.failures[0].outOfMemory ? ', out of memory' : ''})` : mem(r));
  } else target('5M deals: incent peak memory < 4 GiB', null, null, 'not run (BENCH_FULL=1 or BENCH_SIZES=…,5000000)');
  if (results.growth.length) {
    // Both wall and CPU time must pass: on a busy machine either can be inflated at one size.
    const worst = Math.max(...results.growth.map((g) => g.programs.incent.vsNlogn ?? Infinity));
    const worstCpu = Math.max(...results.growth.map((g) => g.programs.incent.cpuVsNlogn ?? Infinity));
    target(
      'incent time grows no worse than n log n (wall and CPU)',
      Number.isFinite(worst) ? Math.max(worst, worstCpu) : null,
      worst <= 1.0 && worstCpu <= 1.0,
      Number.isFinite(worst) ? `worst step: wall ${worst.toFixed(2)}, CPU ${worstCpu.toFixed(2)} × n log n growth` : 'incent failed at a size',
    );
  } else target('incent time grows no worse than n log n', null, null, 'needs two sizes or more');
  for (const e of ev) {
    for (const [id, c] of Object.entries(e.checks)) {
      target(`${int(e.deals)} deals: ${programs.find((p) => p.id === id).label} totals equal incent's`, c.ok, c.ok, c.ok ? `${int(c.lines)} lines` : c.first ? `first difference ${c.first.payee} ${c.first.period}: incent ${c.first.incent}, baseline ${c.first.baseline}` : c.error);
    }
  }
  say();
}

if (!on('BENCH_SKIP_COMPILER')) {
  const plans = await compiler();
  results.compiler = plans;
  const base = plans[0];
  say(`2. Compiler: incent check on generated plans (bench/generate-plan.mjs), median of ${checkRuns} runs, minus process start-up`);
  say(`   (start-up = incent check on a ${base.lines}-line plan, measured in the same run: ${ms(base.medianWall)})`);
  say();
  say(
    table(
      ['lines', 'median', 'minus start-up', 'µs/line', 'CPU', 'CPU minus start-up', 'peak RSS'],
      plans.map((p) => [
        int(p.lines),
        p.medianWall == null ? 'FAILED' : ms(p.medianWall),
        p.startupBaseline ? '(baseline)' : ms(p.minusStartup),
        p.perLineMicros?.toFixed(1) ?? '—',
        ms(p.medianCpu),
        p.startupBaseline ? '(baseline)' : ms(p.cpuMinusStartup),
        mem(p.peakRss),
      ]),
      'rrrrrrr',
    ),
  );
  const big = plans.slice(1);
  const steps = [];
  for (let i = 1; i < big.length; i++) {
    const a = big[i - 1];
    const b = big[i];
    if (a.minusStartup > 0 && b.minusStartup > 0) steps.push({ from: a.lines, to: b.lines, lineGrowth: b.lines / a.lines, timeGrowth: b.minusStartup / a.minusStartup, perLineGrowth: b.perLineMicros / a.perLineMicros });
  }
  results.compilerGrowth = steps;
  if (steps.length) {
    say();
    for (const s of steps) say(`   ${int(s.from)} → ${int(s.to)} lines: lines ×${s.lineGrowth.toFixed(1)}, time ×${s.timeGrowth.toFixed(1)}, per-line cost ×${s.perLineGrowth.toFixed(2)} (1.00 = linear)`);
  }
  const five = plans.find((p) => p.target === 5000);
  target('incent check on 5,000 lines < 200 ms (minus start-up)', five?.minusStartup ?? null, five?.minusStartup != null && five.minusStartup < 0.2, `${ms(five?.minusStartup)} (CPU ${ms(five?.cpuMinusStartup)})`);
  // Linear? Judged on the largest step, where start-up noise weighs least: the per-line cost may
  // not grow by more than a quarter. Printed as a verdict, not as one of the targets.
  const last = steps.at(-1);
  if (last) {
    results.compilerLinear = last.perLineGrowth <= 1.25;
    say(`   Linear? ${results.compilerLinear ? 'yes' : 'no'}: per-line cost ×${last.perLineGrowth.toFixed(2)} from ${int(last.from)} to ${int(last.to)} lines (yes when ≤ 1.25)`);
  }
  say();
}

if (!on('BENCH_SKIP_LSP')) {
  const l = await lsp();
  results.lsp = l;
  say('3. Language server: bench/lsp.mjs (p50/p95 of diagnostics after an edit, hover, completion on a 2,000-line plan)');
  say();
  if (l.status === 'missing') say(`   HOOK: ${l.note}`);
  else {
    if (l.stdout) say(l.stdout.split('\n').map((s) => `   ${s}`).join('\n'));
    // bench/lsp.mjs exits 1 when its own target is missed but still prints its figures.
    if (l.status !== 'ok' && !l.figures) say(`   bench/lsp.mjs FAILED (exit ${l.exitCode}): ${l.stderr?.split('\n').slice(-3).join(' | ')}`);
  }
  if (l.figures && typeof l.figures.ok === 'boolean') {
    const p95 = (k) => (l.figures[k]?.p95 == null ? '?' : l.figures[k].p95.toFixed(1));
    target(
      `language server: p95 under ${l.figures.targetMs ?? 50} ms for diagnostics, hover, completion`,
      l.figures.ok,
      l.figures.ok,
      `p95 ${p95('diagnosticsAfterEdit')} / ${p95('hover')} / ${p95('completionAfterEdit')} ms on ${l.figures.lines ?? '?'} lines`,
    );
  }
  say();
}

say('Targets');
say();
say(
  table(
    ['', 'target', 'figure'],
    results.targets.map((t) => [t.pass == null ? 'SKIP' : t.pass ? 'PASS' : 'FAIL', t.name, t.detail ?? '']),
    'lll',
  ),
);
results.loadAtEnd = load();
results.finishedAt = new Date().toISOString();
results.seconds = (Date.parse(results.finishedAt) - started.getTime()) / 1000;
results.printed = out.join('\n');
writeFileSync(join(bench, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
say();
say(`Load average at end: ${results.loadAtEnd}. Written to bench/results.json in ${results.seconds.toFixed(0)} s.`);
rmSync(work, { recursive: true, force: true });
