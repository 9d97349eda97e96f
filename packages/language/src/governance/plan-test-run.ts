// Runs plan tests (`incent test`): for each test of a parsed `*.incent-test` file, loads its
// inline data (inputs without data get an empty table), runs the plan with traces, and checks
// every expectation. A failure carries expected and actual and the statement line that
// explains the actual amount. Records keep the test file's line numbers, so explanations
// point into the test. Pure: the CLI reads files and passes `data NAME from "…"` texts in.
import type { IrPlan } from '../ir/ir';
import type { DataFile, DataRecord, LoadedData } from '../data/records';
import { movedRecord } from '../data/table';
import { loadData } from '../data/load';
import { runPlan, type RunReport } from '../eval/evaluate';
import { dec, divide, parseDecimal } from '../eval/decimal';
import { Probe } from './probe';
import { statementLine, type StatementLine } from './statement';
import type { TestCase, TestDataBlock, TestExpectation, TestFile } from './plan-test-format';

export interface TestFailure {
  /** The line of the expectation (or of the test, for data and evaluation errors). */
  readonly line: number;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  /** How the actual amount came about. */
  readonly explanation?: StatementLine;
}

export interface PlanTestResult {
  readonly name: string;
  readonly line: number;
  readonly passed: boolean;
  readonly failures: TestFailure[];
  /** The explained run and its data (for coverage), when the test's data loaded and the plan ran. */
  readonly run?: { readonly report: RunReport; readonly data: LoadedData };
}

export interface TestRunContext {
  /** The test file's name as shown in messages and traces. */
  readonly file: string;
  /** Texts of `data NAME from "path"` files, by path as written. */
  readonly files?: ReadonlyMap<string, string>;
}

/** Runs one test of `file` against the plan. */
export function runPlanTest(ir: IrPlan, file: TestFile, test: TestCase, ctx: TestRunContext): PlanTestResult {
  const blocks = new Map<string, TestDataBlock>();
  for (const b of file.data) blocks.set(b.input, b);
  for (const b of test.data) blocks.set(b.input, b);
  const failures: TestFailure[] = [];
  for (const b of blocks.values()) {
    if (!ir.inputs.some((i) => i.name === b.input)) failures.push({ line: b.line, message: `the plan has no input \`${b.input}\` (its inputs: ${ir.inputs.map((i) => i.name).join(', ')})` });
  }
  if (failures.length) return { name: test.name, line: test.line, passed: false, failures };

  const dataFiles: DataFile[] = [];
  const lineMaps = new Map<string, { block: TestDataBlock; lines: number[] }>();
  for (const input of ir.inputs) {
    const b = blocks.get(input.name);
    if (!b) {
      dataFiles.push({ input: input.name, file: `${input.name} (no data)`, format: 'csv', text: `${input.fields.map((f) => f.name).join(',')}\n` });
      continue;
    }
    if (b.from !== undefined) {
      const text = ctx.files?.get(b.from);
      if (text === undefined) { failures.push({ line: b.line, message: `cannot read ${b.from}` }); continue; }
      const format = b.from.endsWith('.jsonl') ? 'jsonl' : b.from.endsWith('.json') ? 'json' : 'csv';
      dataFiles.push({ input: input.name, file: b.from, format, text });
      continue;
    }
    const name = `${ctx.file}#${input.name}`;
    lineMaps.set(name, { block: b, lines: b.csv!.lines });
    dataFiles.push({ input: input.name, file: name, format: 'csv', text: b.csv!.text });
  }
  if (failures.length) return { name: test.name, line: test.line, passed: false, failures };

  const where = (file: string, line: number) => {
    const map = lineMaps.get(file);
    if (!map) return { file, line };
    return { file: ctx.file, line: line >= 1 ? map.lines[line - 1] ?? map.block.line : map.block.line };
  };
  const loadedRaw = loadData(ir, dataFiles);
  const loaded = relocate(loadedRaw, where);
  const errorExpectations = test.expect.filter((e): e is Extract<TestExpectation, { kind: 'error' }> => e.kind === 'error');
  const fail = (problems: { line: number; message: string }[]): PlanTestResult => {
    const messages = problems.map((p) => p.message);
    if (errorExpectations.length) {
      const missing = errorExpectations.filter((e) => !messages.some((m) => m.includes(e.contains)));
      if (missing.length === 0) return { name: test.name, line: test.line, passed: true, failures: [] };
      return { name: test.name, line: test.line, passed: false, failures: missing.map((e) => ({ line: e.line, message: 'the error is not the one expected', expected: `an error containing "${e.contains}"`, actual: messages.join('\n') })) };
    }
    return { name: test.name, line: test.line, passed: false, failures: problems };
  };
  if (loaded.errors.length) {
    const names = (text: string) => text.replace(new RegExp(`${escapeRegExp(ctx.file)}#([A-Za-z_][A-Za-z0-9_]*)`, 'g'), "the test's `$1` data");
    return fail(loaded.errors.map((e) => ({ line: e.line > 0 ? e.line : test.line, message: `data error${e.column ? ` (${e.column})` : ''}: ${names(e.message)}` })));
  }
  const outcome = runPlan(ir, loaded, { explain: true });
  if (!outcome.ok) return fail(outcome.errors.map((e) => ({ line: test.line, message: `evaluation error: ${e.message}${e.payee ? ` (payee ${e.payee}${e.period ? `, ${e.period}` : ''})` : ''}` })));
  const report = outcome.report;
  const run = { report, data: loaded };
  for (const e of errorExpectations) failures.push({ line: e.line, message: 'the plan ran without an error', expected: `an error containing "${e.contains}"`, actual: 'no error' });
  failures.push(...checkExpectations(ir, report, loaded, test));
  return { name: test.name, line: test.line, passed: failures.length === 0, failures, run };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The loaded data with every record and error pointing at the test file's lines. */
function relocate(data: LoadedData, where: (file: string, line: number) => { file: string; line: number }): LoadedData {
  const records: Record<string, DataRecord[]> = {};
  for (const [input, list] of Object.entries(data.records)) {
    records[input] = list.map((r) => {
      const to = where(r.file, r.line);
      return movedRecord(r, to.file, to.line);
    });
  }
  const move = <T extends { file: string; line: number }>(x: T): T => ({ ...x, ...where(x.file, x.line) });
  return { ...data, records, errors: data.errors.map(move), warnings: data.warnings.map(move), rejected: data.rejected.map(move) };
}

function checkExpectations(ir: IrPlan, report: RunReport, data: LoadedData, test: TestCase): TestFailure[] {
  const failures: TestFailure[] = [];
  const named = new Set<string>();
  const key = (payee: string, period: string, component: string) => `${payee}\u0000${period}\u0000${component}`;
  const periods = new Set(report.periods);
  const payees = new Set(report.totals.map((t) => t.payee));
  let probe: Probe | undefined;
  const explain = (line: RunReport['lines'][number]) => statementLine(ir, (probe ??= new Probe(ir, data)), line);
  for (const e of test.expect) {
    if (e.kind === 'amount') {
      const where = `${e.payee} ${e.period} ${e.component}`;
      if (!periods.has(e.period)) { failures.push({ line: e.line, message: `${where}: the plan has no period \`${e.period}\` (its periods: ${[...periods].join(', ')})` }); continue; }
      if (e.component !== 'total' && !ir.components.some((c) => c.name === e.component)) { failures.push({ line: e.line, message: `${where}: the plan has no component \`${e.component}\` (its components: ${ir.components.map((c) => c.name).join(', ')})` }); continue; }
      if (!payees.has(e.payee)) { failures.push({ line: e.line, message: `${where}: \`${e.payee}\` is not in the test's roster` }); continue; }
      named.add(key(e.payee, e.period, e.component));
      if (e.component === 'total') {
        const actual = report.totals.find((t) => t.payee === e.payee && t.period === e.period)?.amount ?? '0';
        if (!sameAmount(e.amount, actual)) failures.push({ line: e.line, message: `${where}`, expected: e.amount, actual });
        continue;
      }
      const line = report.lines.find((l) => l.payee === e.payee && l.period === e.period && l.component === e.component);
      const actual = line?.amount ?? '0';
      const unitWrong = e.unit !== undefined && line !== undefined && line.unit !== e.unit;
      if (!sameAmount(e.amount, actual) || unitWrong) {
        failures.push({
          line: e.line, message: where,
          expected: `${e.amount}${e.unit ? ` ${e.unit}` : ''}`,
          actual: line ? `${actual}${e.unit ? ` ${line.unit}` : ''}` : `${actual} (no line)`,
          ...(line ? { explanation: explain(line) } : {}),
        });
      }
    } else if (e.kind === 'metric') {
      if (!(e.metric in report.metrics)) { failures.push({ line: e.line, message: `the plan has no metric \`${e.metric}\`` }); continue; }
      const actual = report.metrics[e.metric] ?? 'unset';
      if (!sameValue(e.value, actual)) failures.push({ line: e.line, message: `metric ${e.metric}`, expected: e.value, actual });
    }
  }
  const strict = test.expect.find((e) => e.kind === 'nothingElse');
  if (strict) {
    for (const l of report.lines) {
      if (named.has(key(l.payee, l.period, l.component)) || dec(l.amount).isZero()) continue;
      failures.push({ line: strict.line, message: `unexpected line ${l.payee} ${l.period} ${l.component}`, expected: '0', actual: `${l.amount}${l.unit === report.currency ? '' : ` ${l.unit}`}`, explanation: explain(l) });
    }
  }
  return failures;
}

function sameAmount(expected: string, actual: string): boolean {
  const a = parseDecimal(expected), b = parseDecimal(actual);
  return a !== undefined && b !== undefined && a.equals(b);
}

/** Metric values: equal as decimals (`50%` is 0.5), else as text. */
function sameValue(expected: string, actual: string): boolean {
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(expected);
  const a = pct ? divide(dec(pct[1]!), dec(100)) : parseDecimal(expected);
  const b = parseDecimal(actual);
  if (a && b) return a.equals(b);
  return expected.replace(/^"|"$/g, '') === actual;
}
