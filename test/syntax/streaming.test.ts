// parse() builds each declaration's AST as soon as the parser has read it (the parser hands
// it over, see IncentParser.cstPostNonTerminal), so a file's CST is never whole. The AST and
// the diagnostics must be those of building from the whole CST, on good input and on every
// kind of broken input recovery meets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CstNode } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../packages/language/src/diagnostics/diagnostic';
import { childNodes } from '../../packages/language/src/syntax/cst-access';
import { tokenize } from '../../packages/language/src/syntax/lexer';
import { parse } from '../../packages/language/src/syntax/parse';
import { parseTokens } from '../../packages/language/src/syntax/parser';
import { syntaxDiagnostics } from '../../packages/language/src/syntax/syntax-errors';
import { readWithChevrotain } from './both-parsers';
import { fixtureNames, ROOT, SYNTAX_TESTS } from './syntax-helpers';

/** The AST and diagnostics built from the whole file's CST, as parse() did before it streamed (and still does on a file with errors). */
function parseWhole(text: string) {
  const { file, syntaxErrors, buildDiagnostics, lexed } = readWithChevrotain(text);
  const diagnostics = sortDiagnostics([...lexed.diagnostics, ...syntaxDiagnostics(syntaxErrors, text), ...buildDiagnostics]);
  return { file, diagnostics };
}

function expectSameAsWhole(text: string): void {
  const streamed = parse(text);
  const whole = parseWhole(text);
  expect(streamed.file).toEqual(whole.file);
  expect(streamed.diagnostics).toEqual(whole.diagnostics);
}

const EXAMPLE = readFileSync(join(ROOT, 'examples/enterprise-ae/plan.incent'), 'utf8');

describe('declarations built as they are parsed', () => {
  it('hands every top-level declaration to the sink, in order, and keeps none in the file CST', () => {
    const seen: CstNode[] = [];
    const { cst } = parseTokens(tokenize(EXAMPLE).tokens, (declaration) => seen.push(declaration));
    expect(cst.children['declaration']).toBeUndefined();
    const whole = parseTokens(tokenize(EXAMPLE).tokens).cst.children['declaration'] as CstNode[];
    expect(seen.length).toBe(whole.length);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.map((node) => node.location?.startOffset)).toEqual(whole.map((node) => node.location?.startOffset));
  });

  it('gives the AST and diagnostics of the whole CST on every syntax fixture', () => {
    for (const folder of ['ok', 'err'] as const) {
      for (const name of fixtureNames(folder)) expectSameAsWhole(readFileSync(join(SYNTAX_TESTS, folder, `${name}.incent`), 'utf8'));
    }
  });

  it('gives the AST and diagnostics of the whole CST on a plan cut short anywhere', () => {
    let broken = 0;
    for (let end = 0; end < EXAMPLE.length; end += 53) {
      const text = EXAMPLE.slice(0, end);
      expectSameAsWhole(text);
      if (parse(text).diagnostics.length > 0) broken++;
    }
    expect(broken).toBeGreaterThan(20);
  });

  it('gives the AST and diagnostics of the whole CST when a token is dropped or doubled', () => {
    const tokens = tokenize(EXAMPLE).tokens;
    for (let index = 0; index < tokens.length; index += 7) {
      const token = tokens[index]!;
      const start = token.startOffset;
      const end = start + token.image.length;
      expectSameAsWhole(EXAMPLE.slice(0, start) + EXAMPLE.slice(end));
      expectSameAsWhole(EXAMPLE.slice(0, end) + ' ' + EXAMPLE.slice(start));
    }
  });

  it('gives CST nodes children that inherit no key (the parser makes them, not chevrotain)', () => {
    const seen: CstNode[] = [];
    parseTokens(tokenize('let x = a.b + 1').tokens, (declaration) => seen.push(declaration));
    const letNode = (seen[0]!.children['letDeclaration'] as CstNode[])[0]!;
    expect(Object.keys(letNode.children).sort()).toEqual(['Equals', 'Let', 'name', 'value']);
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(childNodes(letNode, key)).toEqual([]);
    }
    expect(letNode.location).toEqual({ startOffset: 0, endOffset: 'let x = a.b + 1'.length - 1 });
  });

  it('keeps declarations whose end recovery lost, and what follows them', () => {
    const text = 'measure a = 1 +\ncommission c { base 1 rate }\nbonus b { when a > 1 pay 2 USD }\nlet z = (1\n';
    const result = parse(text);
    expect(result.file.declarations.map((d) => d.kind)).toEqual(['MeasureDecl', 'CommissionDecl', 'BonusDecl', 'LetDecl']);
    expectSameAsWhole(text);
  });
});
