// Helpers for evaluator tests: compile a plan from text, load data from in-memory files, run.
import { expect } from 'vitest';
import { compile, loadData, runPlan, type DataFile, type RunOptions, type RunOutcome } from '../../packages/language/src/index';

export const HEADER = (extra = '', period = 'quarter', effective = '2027-01-01 to 2027-12-31') => `plan "Test" {
  version 1
  currency USD
  period ${period}
  effective ${effective}
  ${extra}
}
`;

export const REPS = `input reps {
  id: Payee key
  name: Text
  quota: Money
}
`;

export const DEALS = `input deals {
  id: Text key
  owner: Payee
  amount: Money
  closed_on: Date
  cancelled_on: Date?
  credit owner on closed_on
}
`;

export function run(plan: string, files: Record<string, string>, options: RunOptions = {}): RunOutcome {
  const { ir, diagnostics } = compile(plan);
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const dataFiles: DataFile[] = Object.entries(files).map(([file, text]) => ({
    input: file.slice(0, file.indexOf('.')),
    file,
    format: file.slice(file.indexOf('.') + 1) as DataFile['format'],
    text,
  }));
  const loaded = loadData(ir!, dataFiles);
  expect(loaded.errors).toEqual([]);
  return runPlan(ir!, loaded, options);
}

/** `payee period component` → amount, for the non-zero lines (unit appended when not money). */
export function amounts(outcome: RunOutcome): Record<string, string> {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const out: Record<string, string> = {};
  for (const l of outcome.report.lines) {
    if (Number(l.amount) === 0) continue;
    out[`${l.payee} ${l.period} ${l.component}${l.unit === outcome.report.currency ? '' : ` ${l.unit}`}`] = l.amount;
  }
  return out;
}

export function totals(outcome: RunOutcome): Record<string, string> {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return Object.fromEntries(outcome.report.totals.map((t) => [`${t.payee} ${t.period}`, t.amount]));
}
