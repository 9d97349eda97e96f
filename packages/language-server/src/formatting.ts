// Document formatting through the core's `formatPlan`, the same formatter as `incent fmt`, so
// the editor and CI agree byte for byte. The house style is fixed (two-space indentation): the
// editor's tab size is not applied, or a plan formatted in the editor would fail `incent fmt
// --check`. A plan with syntax errors is left alone. The result is one edit covering only the
// lines that changed, so the cursor and folds elsewhere stay put.
import type { TextEdit } from 'vscode-languageserver';
import { formatPlan } from '@incent/language';
import type { Analysis } from './analysis';
import { toRange } from './positions';

export function formatDocument(analysis: Analysis): TextEdit[] {
  const result = formatPlan(analysis.text);
  if (!result.changed || result.text === analysis.text) return [];
  return [minimalEdit(analysis, result.text)];
}

/** One edit replacing the part of the text between the common prefix and the common suffix. */
export function minimalEdit(analysis: Analysis, next: string): TextEdit {
  const before = analysis.text;
  let start = 0;
  const max = Math.min(before.length, next.length);
  while (start < max && before.charCodeAt(start) === next.charCodeAt(start)) start++;
  // start at a line boundary, so the edit is whole lines where it can be
  start = before.lastIndexOf('\n', start - 1) + 1;
  let endBefore = before.length, endNext = next.length;
  while (endBefore > start && endNext > start && before.charCodeAt(endBefore - 1) === next.charCodeAt(endNext - 1)) {
    endBefore--;
    endNext--;
  }
  return { range: toRange(analysis.lines, { start, end: endBefore }), newText: next.slice(start, endNext) };
}
