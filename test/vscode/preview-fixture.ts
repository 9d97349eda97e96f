// Preview responses for the tests, made the way the language server makes them (compile, load the
// data, run with explanations, payout curves) but by calling the core directly, so that the
// preview HTML is tested on real numbers without a server: the conformance case
// 04-marginal-accelerator (small, with known totals) and the enterprise AE example.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, loadData, payoutCurves, runPlan, type DataFile } from '@incent/language';
import type { PreviewResult } from '../../packages/vscode/src/protocol';
import { roundDecimal, sumDecimals } from '../../packages/vscode/src/preview-format';

export const ROOT = join(import.meta.dirname, '..', '..');
export const MARGINAL_CASE = join(ROOT, 'test', 'conformance', 'cases', '04-marginal-accelerator');
export const ENTERPRISE = join(ROOT, 'examples', 'enterprise-ae');

/** The preview of the plan `planPath` on the data in `dataFolder`. Throws when the plan or data is bad (a broken fixture). */
export function previewOf(planPath: string, dataFolder: string): PreviewResult {
  const text = readFileSync(planPath, 'utf8');
  const compiled = compile(text, 'plan.incent');
  if (!compiled.ir) throw new Error(`${planPath}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const ir = compiled.ir;
  const files: DataFile[] = [];
  for (const input of ir.inputs) {
    const format = (['csv', 'json', 'jsonl'] as const).find((f) => existsSync(join(dataFolder, `${input.name}.${f}`)));
    if (!format) throw new Error(`${dataFolder}: no data file for ${input.name}`);
    files.push({ input: input.name, file: `${input.name}.${format}`, format, text: readFileSync(join(dataFolder, `${input.name}.${format}`), 'utf8') });
  }
  const data = loadData(ir, files);
  if (data.errors.length) throw new Error(`${dataFolder}: ${data.errors.map((e) => e.message).join('; ')}`);
  const outcome = runPlan(ir, data, { explain: true });
  if (!outcome.ok) throw new Error(`${planPath}: ${outcome.errors.map((e) => e.message).join('; ')}`);
  const report = outcome.report;
  const digits = report.totals[0]?.amount.split('.')[1]?.length ?? 2;
  return {
    uri: pathToFileURL(planPath).href,
    dataFolder,
    dataSource: 'data-folder',
    version: 1,
    plan: report.plan,
    currency: report.currency,
    periods: report.periods,
    lines: report.lines,
    totals: report.totals,
    components: ir.components.map((c) => {
      const own = report.lines.filter((l) => l.component === c.name);
      return {
        name: c.name, kind: c.kind, unit: own[0]?.unit ?? report.currency, lines: own.length,
        total: roundDecimal(sumDecimals(own.map((l) => l.amount).concat('0')), digits),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
    }),
    curves: payoutCurves(ir),
    metrics: report.metrics,
    summary: report.summary,
    warnings: data.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
  };
}

export function marginalPreview(): PreviewResult {
  return previewOf(join(MARGINAL_CASE, 'plan.incent'), MARGINAL_CASE);
}

export function enterprisePreview(): PreviewResult {
  return previewOf(join(ENTERPRISE, 'plan.incent'), join(ENTERPRISE, 'data'));
}
