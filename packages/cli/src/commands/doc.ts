// `incent doc PLAN [--data DIR] [-o plan.html]`: the plan's playbook for the people paid by it,
// one self-contained HTML file (no scripts, no remote resources, every value escaped,
// readable printed). The model is the core's (governance/doc-model.ts); with data, worked
// examples come from an explained run. Layout in html-doc.ts.
import { writeFileSync } from 'node:fs';
import { buildPlanDoc, describeEvaluationError, runPlan, type LoadedData, type RunReport } from '@incent/language';
import { formatDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readPlan } from '../plan-source';
import { loadDataFolder } from '../data-folder';
import { EXIT, type Io } from '../io';
import { renderPlanDocHtml } from '../html-doc';

export interface DocCommandOptions {
  readonly data?: string;
  readonly output?: string;
}

export function docCommand(path: string, options: DocCommandOptions, io: Io): number {
  const source = readPlan(path);
  if (!source.ok) {
    if (source.compiled && source.text !== undefined) io.err(formatDiagnostics(source.compiled.diagnostics, path, source.text, paintFor(process.stderr)));
    else io.err(source.messages.join('\n'));
    return EXIT.plan;
  }
  const { ir } = source;
  let run: { report: RunReport; data: LoadedData } | undefined;
  if (options.data) {
    const { loaded, errors } = loadDataFolder(options.data, ir);
    if (errors.length) {
      for (const e of errors.slice(0, 50)) io.err(`error: ${e.line > 0 ? `${e.file}:${e.line}${e.column ? ` (${e.column})` : ''}` : e.file}: ${e.message}`);
      io.err(`${errors.length} data error${errors.length === 1 ? '' : 's'}: no document written`);
      return EXIT.data;
    }
    const outcome = runPlan(ir, loaded, { explain: true });
    if (!outcome.ok) {
      for (const e of outcome.errors) io.err(`error: ${describeEvaluationError(e)}`);
      return EXIT.evaluation;
    }
    run = { report: outcome.report, data: loaded };
  }
  const html = renderPlanDocHtml(buildPlanDoc(ir, run), ir, source.file);
  if (options.output) {
    writeFileSync(options.output, html);
    io.err(`wrote ${options.output}`);
  } else io.out(html);
  return EXIT.ok;
}
