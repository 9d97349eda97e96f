// Navigation: go to definition, find references, document highlights and rename (with
// prepareRename) over the symbol index of one plan (a plan is one file: every name it uses is
// declared in it). Keywords, built-ins and the `payee` and `period` words are refused for
// rename; a rename that would make the plan fail to check is refused with the reason.
import {
  DocumentHighlightKind, ErrorCodes, ResponseError,
  type DocumentHighlight, type Location, type Position, type Range, type WorkspaceEdit,
} from 'vscode-languageserver';
import { BUILTIN_NAMES, CONTEXTUAL_KEYWORDS, RESERVED_KEYWORDS } from '@incent/language';
import { analyseText, type Analysis } from './analysis';
import { toOffset, toRange } from './positions';
import { definitionOf, occurrenceAt, symbolIndex, type Occurrence } from './symbol-index';

export function definition(analysis: Analysis, position: Position): Location | null {
  const index = symbolIndex(analysis);
  const o = occurrenceAt(index, toOffset(analysis.lines, position));
  if (!o) return null;
  const def = definitionOf(analysis, index, o.target);
  return def ? { uri: analysis.uri, range: toRange(analysis.lines, def.span) } : null;
}

export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const index = symbolIndex(analysis);
  const o = occurrenceAt(index, toOffset(analysis.lines, position));
  if (!o) return [];
  return (index.byTarget.get(o.target) ?? [])
    .filter((r) => includeDeclaration || !r.declaration)
    .map((r) => ({ uri: analysis.uri, range: toRange(analysis.lines, r.span) }));
}

export function documentHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  const index = symbolIndex(analysis);
  const o = occurrenceAt(index, toOffset(analysis.lines, position));
  if (!o) return [];
  return (index.byTarget.get(o.target) ?? []).map((r) => ({
    range: toRange(analysis.lines, r.span),
    kind: r.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

const RESERVED = new Set<string>(RESERVED_KEYWORDS);
const CONTEXTUAL = new Set<string>(CONTEXTUAL_KEYWORDS);
const BUILTINS = new Set<string>(BUILTIN_NAMES);
const TYPE_NAMES = new Set(['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee']);

/** The word under the cursor, whatever it is. */
function wordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  let start = offset, end = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  return start < end ? { word: text.slice(start, end), start, end } : undefined;
}

function renamable(analysis: Analysis, position: Position): Occurrence {
  const offset = toOffset(analysis.lines, position);
  const index = symbolIndex(analysis);
  const o = occurrenceAt(index, offset);
  if (o && o.target !== 'payee') return o;
  const w = wordAt(analysis.text, offset);
  if (!w) throw new ResponseError(ErrorCodes.InvalidRequest, 'there is nothing to rename here');
  if (RESERVED.has(w.word) || (CONTEXTUAL.has(w.word) && !o)) throw new ResponseError(ErrorCodes.InvalidRequest, `\`${w.word}\` is a keyword and cannot be renamed`);
  if (BUILTINS.has(w.word)) throw new ResponseError(ErrorCodes.InvalidRequest, `\`${w.word}\` is a built-in function and cannot be renamed`);
  if (TYPE_NAMES.has(w.word)) throw new ResponseError(ErrorCodes.InvalidRequest, `\`${w.word}\` is a built-in type and cannot be renamed`);
  throw new ResponseError(ErrorCodes.InvalidRequest, `\`${w.word}\` is not a name declared in this plan`);
}

export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } {
  const o = renamable(analysis, position);
  return { range: toRange(analysis.lines, o.span), placeholder: analysis.text.slice(o.span.start, o.span.end) };
}

export function rename(analysis: Analysis, position: Position, newName: string): WorkspaceEdit {
  const o = renamable(analysis, position);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not a name: use letters, digits and \`_\`, not starting with a digit`);
  if (RESERVED.has(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is a reserved keyword`);
  if (BUILTINS.has(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is the name of a built-in function`);
  const index = symbolIndex(analysis);
  const spans = (index.byTarget.get(o.target) ?? []).map((r) => r.span);
  if (analysis.text.slice(o.span.start, o.span.end) === newName) return { changes: { [analysis.uri]: [] } };
  // apply the edits and re-check: refuse a rename that would break the plan (a clash, a shadowed name)
  const sorted = [...spans].sort((a, b) => b.start - a.start);
  let text = analysis.text;
  for (const s of sorted) text = text.slice(0, s.start) + newName + text.slice(s.end);
  const after = analyseText(analysis.uri, analysis.version, text);
  const errorsBefore = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const errorsAfter = after.diagnostics.filter((d) => d.severity === 'error');
  if (errorsAfter.length > errorsBefore) {
    const first = errorsAfter.find((d) => !analysis.diagnostics.some((b) => b.code === d.code && b.message === d.message)) ?? errorsAfter[0]!;
    throw new ResponseError(ErrorCodes.InvalidParams, `renaming to \`${newName}\` would break the plan: ${first.message}`);
  }
  return {
    documentChanges: [{
      textDocument: { uri: analysis.uri, version: analysis.version },
      edits: spans.map((s) => ({ range: toRange(analysis.lines, s), newText: newName })),
    }],
  };
}
