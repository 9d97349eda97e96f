// Renders diagnostics for people (like rustc and tsc: file:line:col, code, message, the source
// line with carets, help) and for machines (the JSON of spec §7). Offsets become lines and
// columns here, at the edge.
import { LineMap, type Diagnostic } from '@incent/language';
import type { Paint } from './paint';

export interface JsonRange {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly range: JsonRange;
  readonly help?: string;
  readonly related?: { readonly message: string; readonly range: JsonRange }[];
  readonly fixes?: { readonly title: string; readonly edits: { readonly range: JsonRange; readonly newText: string }[] }[];
}

export function toJsonDiagnostics(diagnostics: readonly Diagnostic[], file: string, text: string): JsonDiagnostic[] {
  const lines = new LineMap(text);
  const range = (span: { start: number; end: number }): JsonRange => ({ start: lines.position(span.start), end: lines.position(span.end) });
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    file,
    range: range(d.span),
    ...(d.help ? { help: d.help } : {}),
    ...(d.related?.length ? { related: d.related.map((r) => ({ message: r.message, range: range(r.span) })) } : {}),
    ...(d.fixes?.length ? { fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: range(e.span), newText: e.newText })) })) } : {}),
  }));
}

/** One diagnostic as text, with the source line and carets under the range. */
export function formatDiagnostic(d: Diagnostic, file: string, text: string, paint: Paint): string {
  const lines = new LineMap(text);
  const start = lines.position(d.span.start);
  const end = lines.position(d.span.end);
  const head = d.severity === 'error' ? paint.red(`error[${d.code}]`) : paint.yellow(`warning[${d.code}]`);
  const out = [`${head}${paint.bold(`: ${d.message}`)}`];
  const gutter = String(start.line).length;
  const pad = ' '.repeat(gutter);
  out.push(`${pad}${paint.blue('-->')} ${file}:${start.line}:${start.column}`);
  out.push(`${pad} ${paint.blue('|')}`);
  const source = lines.lineText(start.line);
  out.push(`${paint.blue(String(start.line))} ${paint.blue('|')} ${source}`);
  const lastColumn = end.line === start.line ? end.column : source.length + 1;
  const width = Math.max(1, lastColumn - start.column);
  const caret = ' '.repeat(Math.max(0, start.column - 1)) + '^'.repeat(width);
  out.push(`${pad} ${paint.blue('|')} ${d.severity === 'error' ? paint.red(caret) : paint.yellow(caret)}`);
  for (const r of d.related ?? []) {
    const p = lines.position(r.span.start);
    out.push(`${pad} ${paint.blue('=')} note: ${r.message} at ${file}:${p.line}:${p.column}`);
  }
  if (d.help) out.push(`${pad} ${paint.blue('=')} help: ${d.help}`);
  return out.join('\n');
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], file: string, text: string, paint: Paint): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const body = diagnostics.map((d) => formatDiagnostic(d, file, text, paint)).join('\n\n');
  const tally = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return diagnostics.length ? `${body}\n\n${tally}` : '';
}
