// `incent run PLAN|IR --data DIR [--period P] [--payee ID] [--format table|json|csv] [--explain]
// [--skip-bad-rows]`: payouts from data (spec §6, §7). Plan errors exit 1, data errors 2
// (nothing computed unless --skip-bad-rows), evaluation errors 3.
import { SingleBar, Presets } from 'cli-progress';
import { runPlan, buildCalendar, describeEvaluationError, type DataError, type RunReport } from '@incent/language';
import { formatDiagnostics, toJsonDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readPlan } from '../plan-source';
import { loadDataFolder } from '../data-folder';
import { EXIT, UsageError, type Io } from '../io';
import { renderTable } from '../output/table';
import { renderCsv } from '../output/csv';

export interface RunCommandOptions {
  readonly data: string;
  readonly period?: string;
  readonly payee?: string;
  readonly format: 'table' | 'json' | 'csv';
  readonly explain?: boolean;
  readonly skipBadRows?: boolean;
}

const MAX_ERRORS_SHOWN = 100;

export function runCommand(path: string, options: RunCommandOptions, io: Io): number {
  const json = options.format === 'json';
  const source = readPlan(path);
  if (!source.ok) {
    if (source.compiled && source.text !== undefined) {
      if (json) io.out(JSON.stringify({ diagnostics: toJsonDiagnostics(source.compiled.diagnostics, path, source.text) }, null, 2));
      else io.err(formatDiagnostics(source.compiled.diagnostics, path, source.text, paintFor(process.stderr)));
    } else if (json) io.out(JSON.stringify({ errors: source.messages.map((message) => ({ kind: 'plan', file: source.file, message })) }, null, 2));
    else io.err(source.messages.join('\n'));
    return EXIT.plan;
  }
  const { ir } = source;
  if (options.period) {
    const calendar = buildCalendar(ir.plan.period, ir.plan.fiscalYearStart, ir.plan.effective.from, ir.plan.effective.to);
    if (!calendar.byLabel(options.period)) {
      const labels = calendar.periods.map((p) => p.label);
      throw new UsageError(`unknown period \`${options.period}\`: the plan's periods are ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ` … ${labels[labels.length - 1]}` : ''}`);
    }
  }
  const { loaded, errors, fileErrors } = loadDataFolder(options.data, ir);
  if (fileErrors || (errors.length && !options.skipBadRows)) {
    reportDataErrors(errors, json, io);
    return EXIT.data;
  }
  for (const w of loaded.warnings) io.err(`warning: ${w.file}:${w.line}: ${w.message}`);
  const progress = progressBar();
  const outcome = runPlan(ir, loaded, { period: options.period, payee: options.payee, explain: options.explain, onProgress: progress.update });
  progress.stop();
  if (!outcome.ok) {
    if (json) io.out(JSON.stringify({ errors: outcome.errors }, null, 2));
    else for (const e of outcome.errors) io.err(`error: ${describeEvaluationError(e)}`);
    return EXIT.evaluation;
  }
  const report: RunReport = outcome.report;
  if (json) io.out(JSON.stringify({ ...report, summary: { ...report.summary, warnings: loaded.warnings } }, null, 2));
  else if (options.format === 'csv') io.out(renderCsv(report));
  else io.out(renderTable(report, ir, paintFor(process.stdout), !!options.explain));
  return EXIT.ok;
}

/** A progress bar on standard error, shown only on a terminal and only once a run has taken a second. */
function progressBar(): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar && Date.now() - started < 1000) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: 'evaluating {bar} {value}/{total} payees  {eta_formatted} left', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

function reportDataErrors(errors: readonly DataError[], json: boolean, io: Io): void {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  const more = errors.length - shown.length;
  if (json) {
    io.out(JSON.stringify({ errors: shown, ...(more > 0 ? { more } : {}) }, null, 2));
    return;
  }
  const paint = paintFor(process.stderr);
  for (const e of shown) {
    const where = e.line > 0 ? `${e.file}:${e.line}${e.column ? ` (${e.column})` : ''}` : e.file;
    io.err(`${paint.red('error')}: ${where}: ${e.message}`);
  }
  if (more > 0) io.err(`… and ${more} more data error${more === 1 ? '' : 's'} (${errors.length} in all)`);
  io.err(`${errors.length} data error${errors.length === 1 ? '' : 's'}: nothing was computed (--skip-bad-rows computes with the good rows)`);
}
