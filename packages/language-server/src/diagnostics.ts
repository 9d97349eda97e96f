// Diagnostics and quick fixes: the core's diagnostics (offsets, help, related ranges, fixes)
// turned into LSP diagnostics and code actions at the edge. The fixes are the checker's own
// (did-you-mean names, `0.2` → `20%`, `else` for a gapped `bands` table, missing `match` arms):
// the server only carries them into WorkspaceEdits for the document's current version.
import {
  CodeActionKind, DiagnosticSeverity, DiagnosticTag,
  type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import { DIAGNOSTIC_CODES, type Diagnostic } from '@incent/language';
import type { Analysis } from './analysis';
import { overlaps, toRange, toSpan } from './positions';

export const DIAGNOSTIC_SOURCE = 'incent';

/** The LSP form of every diagnostic of an analysis. */
export function lspDiagnostics(analysis: Analysis): LspDiagnostic[] {
  return analysis.diagnostics.map((d) => toLspDiagnostic(analysis, d));
}

export function toLspDiagnostic(analysis: Analysis, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(analysis.lines, d.span),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: analysis.uri, range: toRange(analysis.lines, r.span) }, message: r.message }));
  }
  // unused lets and measures (W001) and useless tests (W002, W003) are drawn faded
  if (d.code === 'W001') out.tags = [DiagnosticTag.Unnecessary];
  if (d.fixes?.length) out.data = { fixes: d.fixes.length };
  return out;
}

/** A short title for a code, from the catalogue ("unknown name"). */
export function codeTitle(code: string): string | undefined {
  return (DIAGNOSTIC_CODES as Record<string, { title: string } | undefined>)[code]?.title;
}

/** Quick fixes for the diagnostics in the requested range, each a WorkspaceEdit on this version. */
export function codeActions(analysis: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
  const range = toSpan(analysis.lines, params.range);
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of analysis.diagnostics) {
    if (!d.fixes?.length || !overlaps(d.span, range)) continue;
    const lsp = toLspDiagnostic(analysis, d);
    const single = d.fixes.length === 1;
    for (const fix of d.fixes) {
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) continue; // two gaps in one table offer the same `else` row
      seen.add(key);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: single,
        edit: {
          documentChanges: [{
            textDocument: { uri: analysis.uri, version: analysis.version },
            edits: fix.edits.map((e) => ({ range: toRange(analysis.lines, e.span), newText: e.newText })),
          }],
        },
      });
    }
  }
  return actions;
}
