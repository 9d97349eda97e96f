// The two ways parse() reads tokens, side by side: direct-parser.ts (straight to the AST, for a
// file without syntax errors) and chevrotain (parser.ts → CST → cst-to-ast.ts, with recovery).
// `expectSameReading` holds them to their promise on one text: when chevrotain finds no syntax
// error, the direct parser accepts the file and gives chevrotain's AST (node for node, key for
// key) and diagnostics; when chevrotain finds one, the direct parser gives up.
import { expect } from 'vitest';
import { sortDiagnostics, type Diagnostic } from '../../packages/language/src/diagnostics/diagnostic';
import type { Declaration, PlanFile } from '../../packages/language/src/syntax/ast';
import { buildPlanFile } from '../../packages/language/src/syntax/cst-to-ast';
import { parseDirectly } from '../../packages/language/src/syntax/direct-parser';
import { docCommentLookup } from '../../packages/language/src/syntax/doc-comments';
import { tokenize } from '../../packages/language/src/syntax/lexer';
import { limitNesting } from '../../packages/language/src/syntax/parse';
import { parseTokens } from '../../packages/language/src/syntax/parser';

export type Reading = 'direct' | 'chevrotain' | 'too deep';

/**
 * The file as chevrotain reads it, from its whole CST: the AST, the syntax errors, the
 * diagnostics building the AST gave, and the tokens (nesting limited, as parse() does) and
 * doc-comment lookup it was read with. Throws what the parser throws (a RangeError when too deep).
 */
export function readWithChevrotain(text: string) {
  const lexed = tokenize(text);
  const tokens = limitNesting(lexed.tokens).tokens;
  const docAt = docCommentLookup(lexed.comments, text);
  const context = { diagnostics: [] as Diagnostic[], docAt, depths: new Map<object, number>() };
  const { cst, parser } = parseTokens(tokens);
  const syntaxErrors = [...parser.errors];
  const file = buildPlanFile(cst, text.length, context);
  return { file, syntaxErrors, buildDiagnostics: context.diagnostics, lexed, tokens, docAt };
}

/** Checks the promise on `text` and says which parser parse() uses for it ('too deep': chevrotain's stack ran out, nothing to compare). */
export function expectSameReading(text: string): Reading {
  let reference: ReturnType<typeof readWithChevrotain>;
  try {
    reference = readWithChevrotain(text);
  } catch (error) {
    if (error instanceof RangeError) return 'too deep';
    throw error;
  }
  const { file, syntaxErrors, tokens, docAt } = reference;
  const direct = { diagnostics: [] as Diagnostic[], docAt, depths: new Map<object, number>() };
  const declarations = parseDirectly(tokens, direct);
  if (syntaxErrors.length > 0) {
    expect(declarations, `the direct parser accepts a file with ${syntaxErrors.length} syntax errors:\n${text}`).toBeUndefined();
    return 'chevrotain';
  }
  expect(declarations, `the direct parser gives up on a file chevrotain reads without error:\n${text}`).toBeDefined();
  const read: PlanFile = { kind: 'PlanFile', declarations: declarations as Declaration[], span: { start: 0, end: text.length } };
  expect(read).toStrictEqual(file);
  expect(JSON.stringify(read)).toBe(JSON.stringify(file)); // the same keys in the same order, too
  expect(sortDiagnostics(direct.diagnostics)).toStrictEqual(sortDiagnostics(reference.buildDiagnostics));
  return 'direct';
}
