// `incent test [PATH] [--coverage] [--coverage-threshold N] [--run TEXT] [--format text|json]`:
// runs plan tests (`*.incent-test`, docs/plan-tests.md) in the spirit of `opa test`. PATH is a
// test file, a plan (its tests beside it and in tests/), or a folder searched recursively
// (default: the current folder). Failures show expected against actual with the statement
// line that explains the actual amount. `--coverage` lists what no test exercised; a
// threshold fails the run below it. Exit 0 when every test passes, 1 otherwise.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compile, CoverageModel, loadIr, parseTestFile, runPlanTest, summariseCoverage,
  type CoverageSummary, type IrPlan, type PlanTestResult, type TestFile,
} from '@incent/language';
import { formatDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { EXIT, UsageError, type Io } from '../io';
import { statementLineText } from './explain';

export interface TestCommandOptions {
  readonly coverage?: boolean;
  readonly coverageThreshold?: string;
  readonly run?: string;
  readonly format: 'text' | 'json';
}

interface FileOutcome {
  readonly file: string;
  readonly plan?: string;
  readonly ir?: IrPlan;
  readonly problems: string[];
  readonly results: PlanTestResult[];
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'test-artifacts']);

export function testCommand(path: string | undefined, options: TestCommandOptions, io: Io): number {
  const threshold = options.coverageThreshold === undefined ? undefined : Number(options.coverageThreshold.replace(/%$/, ''));
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 100)) throw new UsageError(`--coverage-threshold takes a percentage from 0 to 100: got \`${options.coverageThreshold}\``);
  const coverage = options.coverage || threshold !== undefined;
  const target = path ?? '.';
  if (!existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const files = findTestFiles(target);
  const paint = paintFor(process.stdout);
  if (files.length === 0) {
    io.err(`no plan tests (*.incent-test) found in ${target}`);
    return EXIT.plan;
  }

  const plans = new Map<string, { ir?: IrPlan; error?: string }>();
  const models = new Map<string, { model: CoverageModel; hits: Set<string> }>();
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const shown = display(file);
    const parsed = parseTestFile(readFileSync(file, 'utf8'));
    const problems = parsed.problems.map((p) => `${shown}:${p.line}: ${p.message}`);
    const planPath = findPlan(file, parsed.file);
    if (!planPath) {
      problems.push(`${shown}: no plan: add \`plan "PATH"\` or put the tests beside plan.incent (or in its tests/ folder)`);
      outcomes.push({ file: shown, problems, results: [] });
      continue;
    }
    if (!plans.has(planPath)) plans.set(planPath, readPlanFile(planPath, io));
    const plan = plans.get(planPath)!;
    if (!plan.ir) {
      problems.push(`${shown}: the plan ${display(planPath)} does not compile${plan.error ? `: ${plan.error}` : ''}`);
      outcomes.push({ file: shown, plan: display(planPath), problems, results: [] });
      continue;
    }
    if (parsed.problems.length) {
      outcomes.push({ file: shown, plan: display(planPath), problems, results: [] });
      continue;
    }
    const texts = new Map<string, string>();
    for (const b of [...parsed.file.data, ...parsed.file.tests.flatMap((t) => t.data)]) {
      if (b.from === undefined) continue;
      const p = resolve(dirname(file), b.from);
      if (existsSync(p) && statSync(p).isFile()) texts.set(b.from, readFileSync(p, 'utf8'));
    }
    const results: PlanTestResult[] = [];
    let entry = models.get(planPath);
    if (coverage && !entry) models.set(planPath, (entry = { model: new CoverageModel(plan.ir), hits: new Set() }));
    for (const test of parsed.file.tests) {
      if (options.run && !test.name.includes(options.run)) continue;
      const result = runPlanTest(plan.ir, parsed.file, test, { file: shown, files: texts });
      results.push(result);
      if (entry && result.run) for (const id of entry.model.hits(result.run.report, result.run.data)) entry.hits.add(id);
    }
    outcomes.push({ file: shown, plan: display(planPath), ir: plan.ir, problems, results });
  }

  const all = outcomes.flatMap((o) => o.results);
  const passed = all.filter((r) => r.passed).length;
  const failed = all.length - passed;
  const problems = outcomes.flatMap((o) => o.problems);
  const summaries = [...models].map(([plan, { model, hits }]) => ({ plan: display(plan), summary: summariseCoverage(model, hits) }));
  const below = threshold === undefined ? [] : summaries.filter((s) => s.summary.percent < threshold);

  if (options.format === 'json') {
    io.out(JSON.stringify({
      files: outcomes.map((o) => ({ file: o.file, plan: o.plan, problems: o.problems, tests: o.results.map(({ run: _run, ...r }) => r) })),
      passed, failed, problems: problems.length,
      ...(coverage ? { coverage: summaries.map((s) => ({ plan: s.plan, covered: s.summary.covered, total: s.summary.total, percent: s.summary.percent, missed: s.summary.missed })) } : {}),
      ...(threshold !== undefined ? { threshold, belowThreshold: below.map((b) => b.plan) } : {}),
    }, null, 2));
  } else {
    const out: string[] = [];
    for (const [i, o] of outcomes.entries()) {
      if (i > 0) out.push('');
      out.push(`${o.file}${o.plan ? paint.dim(` (plan ${o.plan})`) : ''}`);
      for (const p of o.problems) out.push(`  ${paint.red('error')}: ${p}`);
      for (const r of o.results) {
        out.push(`  ${r.passed ? paint.green('PASS') : paint.red('FAIL')}  ${r.name}`);
        for (const f of r.failures) {
          out.push(`        ${o.file}:${f.line}: ${f.message}`);
          if (f.expected !== undefined) out.push(`          expected ${f.expected}`);
          if (f.actual !== undefined) out.push(`          actual   ${f.actual.split('\n').join('\n                   ')}`);
          if (f.explanation && o.ir) out.push(...statementLineText(f.explanation, o.ir, '          '));
        }
      }
    }
    out.push('');
    out.push(`${all.length} test${all.length === 1 ? '' : 's'}: ${passed} passed, ${failed} failed${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'} in test files` : ''}`);
    for (const s of summaries) out.push('', ...coverageText(s.plan, s.summary, threshold));
    io.out(out.join('\n'));
  }
  return failed || problems.length || below.length ? EXIT.plan : EXIT.ok;
}

function coverageText(plan: string, s: CoverageSummary, threshold: number | undefined): string[] {
  const out = [`coverage of ${plan}: ${s.covered} of ${s.total} (${s.percent}%)${threshold !== undefined ? (s.percent < threshold ? ` — below the threshold of ${threshold}%` : ` — meets the threshold of ${threshold}%`) : ''}`];
  if (s.missed.length) {
    out.push('  not exercised by any test:');
    for (const m of s.missed) out.push(`    ${m.label}`);
  }
  return out;
}

/** Test files under a path: the file itself, a plan's tests (beside it and in tests/), or every `*.incent-test` in a folder tree. */
function findTestFiles(target: string): string[] {
  const stat = statSync(target);
  if (stat.isFile()) {
    if (target.endsWith('.incent-test')) return [resolve(target)];
    if (target.endsWith('.incent') || target.endsWith('.json')) {
      const dir = dirname(resolve(target));
      const plan = resolve(target);
      return [...list(dir, false), ...list(join(dir, 'tests'), false)].filter((f) => findPlan(f, parseTestFile(readFileSync(f, 'utf8')).file) === plan);
    }
    throw new UsageError(`${target} is not a plan test (*.incent-test), a plan or a folder`);
  }
  return list(resolve(target), true);
}

function list(dir: string, deep: boolean): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (deep && !SKIP.has(name) && !name.startsWith('.')) out.push(...list(p, true));
    } else if (name.endsWith('.incent-test')) out.push(p);
  }
  return out;
}

/** The plan a test file names, else plan.incent beside it or in its parent folder. */
function findPlan(file: string, parsed: TestFile): string | undefined {
  const dir = dirname(file);
  if (parsed.plan !== undefined) return resolve(dir, parsed.plan);
  for (const candidate of [join(dir, 'plan.incent'), join(dir, '..', 'plan.incent')]) if (existsSync(candidate)) return resolve(candidate);
  return undefined;
}

function readPlanFile(path: string, io: Io): { ir?: IrPlan; error?: string } {
  if (!existsSync(path)) return { error: 'no such file' };
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const loaded = loadIr(text);
    return loaded.ir ? { ir: loaded.ir } : { error: loaded.errors.join('; ') };
  }
  const compiled = compile(text, path.split('/').pop());
  if (!compiled.ir) {
    io.err(formatDiagnostics(compiled.diagnostics.filter((d) => d.severity === 'error'), display(path), text, paintFor(process.stderr)));
    return { error: 'see the diagnostics above' };
  }
  return { ir: compiled.ir };
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
