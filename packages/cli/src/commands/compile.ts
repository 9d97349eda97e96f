// `incent compile PLAN -o OUT`: writes the IR (spec §8) as JSON with a stable key order.
import { writeFileSync } from 'node:fs';
import { formatDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readPlan } from '../plan-source';
import { EXIT, type Io } from '../io';

export function compileCommand(path: string, options: { output?: string }, io: Io): number {
  const source = readPlan(path);
  if (!source.ok) {
    if (source.compiled && source.text !== undefined) io.err(formatDiagnostics(source.compiled.diagnostics, path, source.text, paintFor(process.stderr)));
    else io.err(source.messages.join('\n'));
    return EXIT.plan;
  }
  const json = `${JSON.stringify(source.ir, null, 2)}\n`;
  if (options.output && options.output !== '-') {
    try {
      writeFileSync(options.output, json);
    } catch (error) {
      io.err(`cannot write ${options.output}: ${(error as Error).message}`);
      return EXIT.usage;
    }
  } else io.out(json);
  return EXIT.ok;
}
