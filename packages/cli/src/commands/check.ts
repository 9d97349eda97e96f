// `incent check PLAN [--format text|json]`: diagnostics for a plan; exit 1 on any error.
import { diagnose, hasErrors } from '@incent/language';
import { formatDiagnostics, toJsonDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readPlan, readText } from '../plan-source';
import { EXIT, type Io } from '../io';

export function checkCommand(path: string, options: { format: 'text' | 'json' }, io: Io): number {
  // A source is parsed and checked, not lowered: diagnostics are all this command reports.
  const read = path.endsWith('.json') ? undefined : readText(path);
  const text = read?.text;
  if (text === undefined) {
    // an IR document (validated, it has no source), or a source that could not be read
    const source = read ? { ok: false as const, file: path, messages: [read.error!] } : readPlan(path);
    if (options.format === 'json') io.out(JSON.stringify({ diagnostics: [], errors: source.ok ? [] : source.messages.map((message) => ({ message })) }, null, 2));
    else io.err(source.ok ? `${source.file}: an IR document has no source to check` : source.messages.join('\n'));
    return source.ok ? EXIT.ok : EXIT.plan;
  }
  const { diagnostics } = diagnose(text);
  if (options.format === 'json') {
    io.out(JSON.stringify({ diagnostics: toJsonDiagnostics(diagnostics, path, text) }, null, 2));
  } else if (diagnostics.length) {
    io.err(formatDiagnostics(diagnostics, path, text, paintFor(process.stderr)));
  } else {
    io.err(`${path}: no problems found`);
  }
  return hasErrors(diagnostics) ? EXIT.plan : EXIT.ok;
}
