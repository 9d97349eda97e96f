// Inlay hints: the inferred type after the name of every let, measure, metric and derived field
// (`measure attainment: Percent = …`), from the checker's declaration types. Names whose type
// could not be inferred (a mistake in the expression) get no hint.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { declarationType } from './describe';
import { toPosition, toSpan } from './positions';

export function inlayHints(analysis: Analysis, range: Range): InlayHint[] {
  const wanted = toSpan(analysis.lines, range);
  const out: InlayHint[] = [];
  const add = (name: { name: string; span: { start: number; end: number } }, key: string) => {
    if (!name.name || name.span.end < wanted.start || name.span.end > wanted.end) return;
    const type = declarationType(analysis, key);
    if (!type) return;
    out.push({ position: toPosition(analysis.lines, name.span.end), label: `: ${type}`, kind: InlayHintKind.Type, paddingLeft: false, paddingRight: false });
  };
  for (const d of analysis.checked.file.declarations) {
    if (d.kind === 'LetDecl') add(d.name, `let:${d.name.name}`);
    else if (d.kind === 'MeasureDecl') add(d.name, `measure:${d.name.name}`);
    else if (d.kind === 'MetricDecl') add(d.name, `metric:${d.name.name}`);
    else if (d.kind === 'InputDecl') for (const l of d.lets) add(l.name, `derived:${d.name.name}.${l.name.name}`);
  }
  return out;
}
