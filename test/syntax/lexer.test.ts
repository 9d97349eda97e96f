// Tests of the lexer and the grammar's own consistency: token kinds, keywords (reserved and
// contextual), literals, comments, lexical diagnostics, and chevrotain's grammar checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type IToken } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncentParser } from '../../packages/language/src/syntax/parser';
import { scan } from '../../packages/language/src/syntax/scan';
import { KEYWORD_LEXER_TOKENS } from '../../packages/language/src/syntax/tokens';
import { fixtureNames, ROOT, SYNTAX_TESTS } from './syntax-helpers';
import {
  BUILTIN_NAMES, CONTEXTUAL_KEYWORDS, RESERVED_KEYWORDS, tokenClass, tokenize,
} from '../../packages/language/src/syntax/lexer';
import { parse } from '../../packages/language/src/syntax/parse';

function kinds(text: string): string[] {
  return tokenize(text).tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

describe('tokens', () => {
  it('reads the literals, dates before numbers and money as one token', () => {
    expect(kinds('2027-01-31 250_000 USD 7.5% 1_000 0.075 "a\\"b"')).toEqual([
      'DateLiteral:2027-01-31', 'MoneyLiteral:250_000 USD', 'PercentLiteral:7.5%', 'NumberLiteral:1_000',
      'NumberLiteral:0.075', 'StringLiteral:"a\\"b"',
    ]);
  });

  it('takes money only for three capital letters on the same line, not followed by a name character', () => {
    expect(kinds('5 USDX')).toEqual(['NumberLiteral:5', 'Identifier:USDX']);
    expect(kinds('5\nUSD')).toEqual(['NumberLiteral:5', 'Identifier:USD']);
    expect(kinds('5 Usd')).toEqual(['NumberLiteral:5', 'Identifier:Usd']);
    expect(kinds('5\tEUR,')).toEqual(['MoneyLiteral:5\tEUR', 'Comma:,']);
  });

  it('reads every operator, longest first', () => {
    expect(kinds('-> == != <= >= < > ?? ? + - * / = : , . ( ) { }').map((kind) => kind.split(':')[0])).toEqual([
      'Arrow', 'EqualEqual', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater', 'QuestionQuestion', 'Question',
      'Plus', 'Minus', 'Star', 'Slash', 'Equals', 'Colon', 'Comma', 'Dot', 'LParen', 'RParen', 'LCurly', 'RCurly',
    ]);
  });

  it('lexes every keyword as itself, and longer words as names', () => {
    for (const word of [...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS]) {
      const [token] = tokenize(word).tokens;
      expect(token!.tokenType.name.toLowerCase()).toBe(word.replace(/_/g, ''));
      expect(kinds(`${word}_x`)).toEqual([`Identifier:${word}_x`]);
    }
    expect(kinds('recoverable recover')).toEqual(['Recoverable:recoverable', 'Recover:recover']);
  });

  it('keeps the three word lists apart, and classes their tokens for highlighting', () => {
    const all = [...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS, ...BUILTIN_NAMES];
    expect(new Set(all).size).toBe(all.length);
    expect(tokenClass(tokenize('plan').tokens[0]!.tokenType)).toBe('keyword');
    expect(tokenClass(tokenize('rate').tokens[0]!.tokenType)).toBe('contextual-keyword');
    expect(tokenClass(tokenize('sum').tokens[0]!.tokenType)).toBe('identifier');
    expect(tokenClass(tokenize('5 USD').tokens[0]!.tokenType)).toBe('money');
  });

  it('gives offsets, end exclusive, in tokenSpan terms', () => {
    const [token] = tokenize('  plan').tokens;
    expect([token!.startOffset, token!.endOffset]).toEqual([2, 5]);
  });
});

describe('keywords in use', () => {
  it('reports a reserved word used as a name, once, and reads on', () => {
    expect(parse('let period = 1').diagnostics.map((d) => d.message)).toEqual(['`period` is a reserved word']);
    const result = parse('input x {\n  set: Bool\n  to: Date key\n}\nenum E { a, if, b }');
    expect(result.diagnostics.map((d) => d.message)).toEqual(['`set` is a reserved word', '`to` is a reserved word', '`if` is a reserved word']);
    expect(result.file.declarations).toMatchObject([
      { kind: 'InputDecl', fields: [{ name: { name: 'set' } }, { name: { name: 'to' }, isKey: true }] },
      { kind: 'EnumDecl', values: [{ name: 'a' }, { name: 'if' }, { name: 'b' }] },
    ]);
    expect(parse('let = 1').diagnostics.map((d) => d.message)).toEqual(['expected a name after `let`, found `=`']);
  });

  it('takes a contextual keyword as a name wherever a name is expected', () => {
    for (const word of CONTEXTUAL_KEYWORDS) {
      const text = `input x { ${word}: Int key }\nlet ${word} = ${word} + d.${word}\nmeasure m = sum(${word}.a for ${word} in ${word})`;
      expect(parse(text).diagnostics).toEqual([]);
    }
  });

  it('reads built-in names as plain names unless a `(` follows', () => {
    expect(parse('let sum = 1\nlet v = sum + max').diagnostics).toEqual([]);
  });
});

describe('comments and lexical diagnostics', () => {
  it('keeps comments out of the tokens', () => {
    const result = tokenize('let /* b */ x // l\n/// d\n= 1');
    expect(result.tokens.map((token) => token.image)).toEqual(['let', 'x', '=', '1']);
    expect(result.comments.map((comment) => comment.kind)).toEqual(['block', 'line', 'doc']);
  });

  it('reports unknown characters, one diagnostic per run, and goes on', () => {
    const result = tokenize('a @# b ! c');
    expect(result.tokens.map((token) => token.image)).toEqual(['a', 'b', 'c']);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span])).toEqual([
      ['E001', 'unexpected characters `@#`', { start: 2, end: 4 }],
      ['E001', 'unexpected character `!`', { start: 7, end: 8 }],
    ]);
  });

  it('reports unterminated strings and block comments, and unknown escapes', () => {
    const result = tokenize('"abc\n"x\\n" /* open');
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([
      ['E002', { start: 11, end: 13 }],
      ['E002', { start: 0, end: 4 }],
      ['E005', { start: 7, end: 9 }],
    ]);
    expect(parse('let x = "abc').file.declarations[0]).toMatchObject({ value: { kind: 'StringLiteral', value: 'abc' } });
  });
});

describe('the grammar', () => {
  it('passes chevrotain\'s grammar validations', () => {
    // chevrotain's validations call Object.groupBy (Node 21+); give it one on older Node.
    const objectWithGroupBy = Object as unknown as { groupBy?: unknown };
    objectWithGroupBy.groupBy ??= (items: unknown[], key: (item: unknown) => string) => {
      const groups: Record<string, unknown[]> = {};
      for (const item of items) (groups[key(item)] ??= []).push(item);
      return groups;
    };
    expect(() => new IncentParser({ validate: true })).not.toThrow();
  });
});

describe('the scanner against a chevrotain Lexer', () => {
  // scan.ts reads text by hand, every word as an Identifier given its keyword's type after;
  // the reference is a chevrotain Lexer with a pattern per token type (and per keyword, with
  // `longer_alt: Identifier`), in the order of KEYWORD_LEXER_TOKENS.
  const reference = new Lexer([...KEYWORD_LEXER_TOKENS], { positionTracking: 'full', ensureOptimizations: false });
  const summary = (tokens: readonly IToken[]) => tokens.map((t) => [
    t.tokenType.name, t.tokenTypeIdx, t.image, t.startOffset, t.endOffset, t.startLine, t.endLine, t.startColumn, t.endColumn,
  ].join(' '));
  const expectSameAsReference = (text: string): void => {
    const expected = reference.tokenize(text);
    const actual = tokenize(text);
    expect(summary(actual.tokens)).toEqual(summary(expected.tokens));
    expect(actual.comments.map((c) => c.text)).toEqual((expected.groups['comments'] ?? []).map((t) => t.image));
    expect(scan(text).comments.map((t) => summary([t])[0])).toEqual(summary(expected.groups['comments'] ?? []));
    expect(scan(text).errors.map((e) => [e.offset, e.length, e.line, e.column])).toEqual(expected.errors.map((e) => [e.offset, e.length, e.line, e.column]));
  };

  it('types every keyword, and only whole words, as the keyword patterns do', () => {
    const words = [...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS, ...BUILTIN_NAMES];
    const variants = words.flatMap((w) => [w, `${w}s`, `${w}_`, `_${w}`, `${w}1`, w.slice(0, -1), w.toUpperCase(), `${w}.${w}`]);
    expectSameAsReference(variants.join(' '));
    expectSameAsReference(variants.join('\n'));
    expect(kinds('recoverable recover planning plan_ fiscal_year_start')).toEqual([
      'Recoverable:recoverable', 'Recover:recover', 'Identifier:planning', 'Identifier:plan_', 'FiscalYearStart:fiscal_year_start',
    ]);
  });

  it('gives the reference tokens on every example plan (with each kind of line break), every syntax fixture and random text', () => {
    for (const name of ['enterprise-ae', 'customer-success', 'partner-program']) {
      const plan = readFileSync(join(ROOT, 'examples', name, 'plan.incent'), 'utf8');
      expectSameAsReference(plan);
      expectSameAsReference(plan.replace(/\n/g, '\r\n'));
      expectSameAsReference(plan.replace(/\n/g, '\r'));
    }
    for (const folder of ['ok', 'err'] as const) {
      for (const name of fixtureNames(folder)) expectSameAsReference(readFileSync(join(SYNTAX_TESTS, folder, `${name}.incent`), 'utf8'));
    }
    const fragments = [
      ...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS, 'x', 'd1', '_a', 'USD', 'EUR', '12', '1_000', '3.5', '3.', '3.5%', '%', '7 EUR',
      '7\tGBP', '7  USDX', '2027-01-01', '2027-1-1', '"s"', '"open', '"a\\"b"', '"\\', '\\', '// c', '/// d', '////', '/* b */',
      '/* x\ny */', '/*\r\n*/', '/*', '*/', '/', '*', '-', '->', '=', '==', '!=', '!', '<', '<=', '>', '>=', '?', '??', '+', ':', ',',
      '.', '(', ')', '{', '}', '@', '#', '$', '|', ';', '[', ' ', '\n', '\r\n', '\r', '\t', '\f', '\v', '\uFEFF', '\u2028', 'é', '_', '0',
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }), fc.boolean(), (parts, spaced) => {
      expectSameAsReference(parts.join(spaced ? ' ' : ''));
    }), { numRuns: 2000 });
  });
});
