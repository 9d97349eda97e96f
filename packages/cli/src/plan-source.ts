// Reads a plan for a command: an `.incent` source (compiled here) or an IR document
// (`*.json`, validated against the schema). Plan problems come back as diagnostics or
// messages for the caller to print with exit code 1.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { compile, loadIr, type CompileResult, type IrPlan } from '@incent/language';

export type PlanSource =
  | { readonly ok: true; readonly ir: IrPlan; readonly compiled?: CompileResult; readonly text?: string; readonly file: string }
  | { readonly ok: false; readonly compiled?: CompileResult; readonly text?: string; readonly file: string; readonly messages: string[] };

export function readText(path: string): { text?: string; error?: string } {
  try {
    if (statSync(path).isDirectory()) return { error: `${path} is a folder, not a file` };
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}` };
  }
}

export function readPlan(path: string): PlanSource {
  const file = basename(path);
  const { text, error } = readText(path);
  if (text === undefined) return { ok: false, file, messages: [error!] };
  if (path.endsWith('.json')) {
    const loaded = loadIr(text);
    if (!loaded.ir) return { ok: false, file, messages: loaded.errors.map((e) => `${file}: ${e}`) };
    return { ok: true, ir: loaded.ir, file };
  }
  const compiled = compile(text, file);
  if (!compiled.ir) return { ok: false, compiled, text, file, messages: [] };
  return { ok: true, ir: compiled.ir, compiled, text, file };
}
