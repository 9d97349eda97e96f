// parse() never throws and never hangs: deep nesting, megabyte lines and random garbage all
// come back as diagnostics, with spans inside the text and every child inside its parent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node, Span } from '../../packages/language/src/syntax/ast';
import { MAX_EXPRESSION_DEPTH } from '../../packages/language/src/syntax/cst-to-ast-expressions';
import { MAX_NESTING, parse, type ParseResult } from '../../packages/language/src/syntax/parse';
import { ROOT } from './syntax-helpers';

const MEGABYTE = 1_000_000;

function codes(result: ParseResult): string[] {
  return [...new Set(result.diagnostics.map((d) => d.code))].sort();
}

/** Checks that every node has a valid span inside the text and inside its parent's span. */
function expectWellFormedSpans(result: ParseResult, textLength: number): void {
  const inside = (span: Span, outer: Span): boolean => outer.start <= span.start && span.start <= span.end && span.end <= outer.end;
  const stack: { value: unknown; parent: Span }[] = [{ value: result.file, parent: { start: 0, end: textLength } }];
  while (stack.length > 0) {
    const { value, parent } = stack.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, parent });
    } else if (value !== null && typeof value === 'object') {
      const node = value as Partial<Node> & Record<string, unknown>;
      const span = 'kind' in node && node.span ? node.span : parent;
      if (!inside(span, parent)) throw new Error(`${String(node.kind)} ${JSON.stringify(span)} outside ${JSON.stringify(parent)}`);
      for (const [key, child] of Object.entries(node)) if (!key.toLowerCase().endsWith('span')) stack.push({ value: child, parent: span });
    }
  }
  for (const diagnostic of result.diagnostics) expect(inside(diagnostic.span, { start: 0, end: textLength })).toBe(true);
}

describe('deep nesting', () => {
  it('reports 10,000 nested parentheses (E006) and keeps the rest of the file', () => {
    const text = `let x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nlet y = 2`;
    const result = parse(text);
    expect(codes(result)).toEqual(['E006']);
    expect(result.diagnostics[0]!.span.start).toBe('let x = '.length + MAX_NESTING);
    expect(result.file.declarations.map((d) => d.kind)).toEqual(['LetDecl', 'LetDecl']);
    expectWellFormedSpans(result, text.length);
  });

  it('accepts nesting up to the limit', () => {
    const text = `let x = ${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)}`;
    expect(parse(text).diagnostics).toEqual([]);
  });

  it('reports 10,000 unclosed parentheses and braces', () => {
    expect(codes(parse(`let x = ${'('.repeat(10_000)}`))).toEqual(['E003', 'E006']);
    expect(codes(parse(`let x = ${'match a { b -> '.repeat(10_000)}`))).toContain('E006');
    expect(codes(parse('{'.repeat(10_000)))).toContain('E006');
  });

  it('refuses expression trees deeper than the limit, once, whatever builds them', () => {
    const chains = [
      `let x = ${'1 + '.repeat(MAX_EXPRESSION_DEPTH)}1`,
      `let x = ${'-'.repeat(MAX_EXPRESSION_DEPTH + 1)}1`,
      `let x = ${'not '.repeat(MAX_EXPRESSION_DEPTH + 1)}a`,
      `let x = a${'.b'.repeat(MAX_EXPRESSION_DEPTH + 1)}`,
      `let x = ${'if a then b else '.repeat(MAX_EXPRESSION_DEPTH + 1)}c`,
    ];
    for (const text of chains) {
      const result = parse(text);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['E006']);
      expect(result.file.declarations[0]).toMatchObject({ kind: 'LetDecl', value: { kind: 'ErrorExpr' } });
    }
    expect(parse(`let x = ${'1 + '.repeat(MAX_EXPRESSION_DEPTH - 2)}1`).diagnostics).toEqual([]);
  });

  it('answers nesting it cannot follow with a diagnostic instead of a crash', () => {
    const text = `let x = ${'if a then '.repeat(5_000)}b${' else c'.repeat(5_000)}`;
    expect(codes(parse(text))).toEqual(['E006']);
  });
});

describe('one-megabyte lines', () => {
  const lines: [string, string][] = [
    ['an arithmetic chain', `let x = ${'1 + '.repeat(MEGABYTE / 4)}1`],
    ['a comparison chain', `let x = ${'a < '.repeat(MEGABYTE / 4)}b`],
    ['open parentheses', `let x = ${'('.repeat(MEGABYTE)}`],
    ['unknown characters', '@'.repeat(MEGABYTE)],
    ['stray names at the top level', 'x '.repeat(MEGABYTE / 2)],
    ['stray numbers in a block', `commission c { ${'5 '.repeat(MEGABYTE / 2)}}`],
    ['closing brackets', `let x = 1 ${') '.repeat(MEGABYTE / 2)}`],
    ['an unterminated string', `let x = "${'a'.repeat(MEGABYTE)}`],
  ];
  for (const [name, text] of lines) {
    it(`gives a diagnostic for ${name}`, () => {
      const result = parse(text);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(codes(result).filter((code) => code === 'E007')).toEqual([]);
    });
  }

  it('parses a long but reasonable line without a diagnostic', () => {
    expect(parse(`let x = "${'a'.repeat(MEGABYTE)}"`).diagnostics).toEqual([]);
    expect(parse(`let x = min(${'a, '.repeat(10_000)}b)`).diagnostics).toEqual([]);
  });
});

describe('garbage in, diagnostics out', () => {
  const pieces = [
    'plan', 'enum', 'input', 'let', 'measure', 'commission', 'bonus', 'spiff', 'clawback', 'draw', 'reward', 'metric', 'for',
    'in', 'all', 'where', 'if', 'then', 'else', 'match', 'bands', 'and', 'or', 'not', 'is', 'set', 'up', 'below', 'to', 'payee',
    'period', 'rate', 'base', 'cap', 'per', 'deal', 'key', 'credit', 'on', 'accelerate', 'marginal', 'against', 'recover', 'of',
    'grant', 'points', 'once', 'year', 'during', 'pay', 'when', 'recoverable', 'x', 'd', 'sum', 'count', 'min', '(', ')', '{',
    '}', ',', '.', '->', '=', '==', '<', '-', '+', '*', '/', '??', '?', ':', '5', '7.5%', '250 USD', '2027-01-01', '"s"', '"open',
    '/*', '*/', '//', '///', '\n', ' ', '@', '#', '\\', '`', 'é', '\u0000', '\r\n', '\t',
  ];
  let seed = 20_270_101;
  const random = (below: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % below;
  };
  const example = readFileSync(join(ROOT, 'test', 'fixtures', 'spec-example.incent'), 'utf8');

  it('never throws on random token soup', () => {
    for (let round = 0; round < 1_500; round++) {
      let text = '';
      for (let count = random(150); count > 0; count--) text += pieces[random(pieces.length)] + (random(3) > 0 ? ' ' : '');
      const result = parse(text);
      expectWellFormedSpans(result, text.length);
      expect(codes(result).filter((code) => code === 'E006' || code === 'E007')).toEqual([]);
    }
  });

  it('never throws on a damaged real plan', () => {
    for (let round = 0; round < 1_500; round++) {
      let text = example;
      for (let edit = 1 + random(4); edit > 0; edit--) {
        const at = random(text.length);
        const kind = random(3);
        if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + random(12));
        else if (kind === 1) text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + random(40), at + random(80)) + text.slice(at);
      }
      expectWellFormedSpans(parse(text), text.length);
    }
  });

  it('never throws on random characters', () => {
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: random(300) }, () => String.fromCharCode(random(0x10000))).join('');
      expectWellFormedSpans(parse(text), text.length);
    }
  });
});
