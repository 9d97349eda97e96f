// `incent fmt PLAN… [--check]`: formats plans in place with the core's formatter (only the
// files that change are written, and their names printed). `--check` writes nothing, lists
// the files that would change and exits 1 if any would. A file with syntax errors is never
// touched: its diagnostics are printed and the exit code is 1.
import { writeFileSync } from 'node:fs';
import { formatPlan, hasErrors } from '@incent/language';
import { formatDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readText } from '../plan-source';
import { EXIT, type Io } from '../io';

export function fmtCommand(paths: readonly string[], options: { check?: boolean }, io: Io): number {
  let failed = false;
  let wouldChange = false;
  for (const path of paths) {
    const { text, error } = readText(path);
    if (text === undefined) {
      io.err(error!);
      failed = true;
      continue;
    }
    const result = formatPlan(text);
    if (hasErrors(result.diagnostics)) {
      io.err(formatDiagnostics(result.diagnostics, path, text, paintFor(process.stderr)));
      failed = true;
      continue;
    }
    if (!result.changed) continue;
    if (options.check) {
      wouldChange = true;
      io.out(path);
      continue;
    }
    try {
      writeFileSync(path, result.text);
      io.out(path);
    } catch (writeError) {
      io.err(`cannot write ${path}: ${(writeError as Error).message}`);
      failed = true;
    }
  }
  return failed || wouldChange ? EXIT.plan : EXIT.ok;
}
