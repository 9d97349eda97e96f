// The language server's features, called in-process on mutated real plans at random positions
// (test/lsp exercises the same over stdio, slower): nothing throws but the ResponseErrors that
// answer a request with a reason (renaming a keyword), and every range, position and edit a
// feature returns lies inside the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { analyseText } from '../../packages/language-server/src/analysis';
import { completion } from '../../packages/language-server/src/completion';
import { codeActions, lspDiagnostics } from '../../packages/language-server/src/diagnostics';
import { formatDocument } from '../../packages/language-server/src/formatting';
import { hover } from '../../packages/language-server/src/hover';
import { inlayHints } from '../../packages/language-server/src/inlay-hints';
import { definition, documentHighlights, prepareRename, references, rename } from '../../packages/language-server/src/navigation';
import { semanticTokens } from '../../packages/language-server/src/semantic-tokens';
import { signatureHelp } from '../../packages/language-server/src/signature-help';
import { documentSymbols, foldingRanges } from '../../packages/language-server/src/symbols';
import { check } from './fuzz-config';
import { realPlans } from './real-plans';

const PLANS = realPlans();
const PIECES = ['(', ')', '{', '}', '.', ',', '->', '"', '\n', 'd.', 'payee.', 'match ', 'bands ', 'for d in deals where ', 'sum(', 'é', '💸', '\r\n', '\t', ' ', '/*', '//', 'let x = ', 'commission c {', ''];

interface Pos { readonly line: number; readonly character: number }

/** Every {line, character} and {start, end} found in a value must lie inside the document. */
function rangesInside(value: unknown, lines: readonly string[], what: string): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) { stack.push(...v); continue; }
    if (!v || typeof v !== 'object') continue;
    const p = v as Partial<Pos>;
    if (typeof p.line === 'number' && typeof p.character === 'number') {
      const line = lines[p.line];
      if (line === undefined || p.character < 0 || p.character > line.length) throw new Error(`${what}: position ${p.line}:${p.character} outside the document (${lines.length} lines)`);
    }
    stack.push(...Object.values(v));
  }
}

function call<T>(what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (error instanceof ResponseError) return undefined;
    throw new Error(`${what} threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

describe('language server features on mutated plans', () => {
  it('no feature throws, and every range it returns lies inside the document', () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), del: fc.nat({ max: 30 }), insert: fc.constantFrom(...PIECES) });
    const arb = fc.record({ plan: fc.nat({ max: PLANS.length - 1 }), edits: fc.array(edit, { maxLength: 3 }), cursors: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 4 }) });
    check('language server', 120, fc.property(arb, ({ plan, edits, cursors }) => {
      let text = PLANS[plan]!.text;
      for (const e of edits) {
        const at = Math.floor(e.at * (text.length + 1));
        text = text.slice(0, at) + e.insert + text.slice(at + e.del);
      }
      const a = analyseText('file:///plan.incent', 1, text);
      const lines = text.split(/\r\n|\r|\n/);
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } };
      rangesInside(call('diagnostics', () => lspDiagnostics(a)), lines, 'diagnostics');
      rangesInside(call('documentSymbols', () => documentSymbols(a)), lines, 'documentSymbols');
      rangesInside((call('foldingRanges', () => foldingRanges(a)) ?? []).map((r) => ({ line: r.startLine, character: 0, end: { line: r.endLine, character: 0 } })), lines, 'foldingRanges');
      call('semanticTokens', () => semanticTokens(a));
      rangesInside(call('inlayHints', () => inlayHints(a, whole)), lines, 'inlayHints');
      rangesInside(call('formatting', () => formatDocument(a)), lines, 'formatting');
      rangesInside(call('codeActions', () => codeActions(a, { textDocument: { uri: a.uri }, range: whole, context: { diagnostics: lspDiagnostics(a) } })), lines, 'codeActions');
      for (const c of cursors) {
        const offset = Math.floor(c * (text.length + 1));
        const before = text.slice(0, offset).split(/\r\n|\r|\n/);
        const position = { line: before.length - 1, character: before[before.length - 1]!.length };
        rangesInside(call('hover', () => hover(a, position)), lines, 'hover');
        rangesInside(call('completion', () => completion(a, position)), lines, 'completion');
        rangesInside(call('definition', () => definition(a, position)), lines, 'definition');
        rangesInside(call('references', () => references(a, position, true)), lines, 'references');
        rangesInside(call('documentHighlights', () => documentHighlights(a, position)), lines, 'documentHighlights');
        rangesInside(call('prepareRename', () => prepareRename(a, position)), lines, 'prepareRename');
        rangesInside(call('rename', () => rename(a, position, 'renamed_x')), lines, 'rename');
        call('signatureHelp', () => signatureHelp(text, offset));
      }
    }));
  });

  it('each real plan as it is, at every tenth offset', () => {
    for (const plan of PLANS.slice(0, 12)) {
      const a = analyseText('file:///plan.incent', 1, plan.text);
      const lines = plan.text.split(/\r\n|\r|\n/);
      lines.forEach((line, i) => {
        for (let character = 0; character <= line.length; character += 10) {
          const position = { line: i, character };
          rangesInside(call('hover', () => hover(a, position)), lines, 'hover');
          rangesInside(call('completion', () => completion(a, position)), lines, 'completion');
          rangesInside(call('definition', () => definition(a, position)), lines, 'definition');
        }
      });
    }
    expect(PLANS.length).toBeGreaterThan(0);
  });
});
