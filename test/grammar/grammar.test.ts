// The TextMate grammar (grammar/incent.tmLanguage.json) and the language configuration: the
// scope assertions of grammar/tests/*.incent run by vscode-tmgrammar-test, every keyword and
// built-in of the lexer coloured, the grammar agreeing with the lexer's token classes on every
// plan in the repository, and the configuration's comments, brackets and patterns.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import {
  BUILTIN_NAMES, CONTEXTUAL_KEYWORDS, RESERVED_KEYWORDS, tokenClass, tokenize, type TokenClass,
} from '../../packages/language/src/syntax/lexer';

const ROOT = join(import.meta.dirname, '..', '..');
const GRAMMAR = join(ROOT, 'grammar', 'incent.tmLanguage.json');
const CONFIGURATION = join(ROOT, 'grammar', 'language-configuration.json');
const TESTS = join(ROOT, 'grammar', 'tests');
const require = createRequire(import.meta.url);

function runGrammarTests(files: readonly string[]) {
  const packageJson = require.resolve('vscode-tmgrammar-test/package.json');
  const bin = join(dirname(packageJson), JSON.parse(readFileSync(packageJson, 'utf8')).bin['vscode-tmgrammar-test']);
  return spawnSync(process.execPath, [bin, '--compact', '-g', GRAMMAR, ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('grammar tests (vscode-tmgrammar-test)', () => {
  it('passes every scope assertion in grammar/tests', () => {
    const files = readdirSync(TESTS).filter((f) => f.endsWith('.incent')).map((f) => join(TESTS, f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const result = runGrammarTests(files);
    expect(result.stdout + result.stderr).not.toMatch(/failed|ERROR/);
    expect(result.status).toBe(0);
    for (const file of files) expect(result.stdout).toContain(file);
  });

  it('fails on a wrong assertion (the runner checks something)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incent-grammar-'));
    try {
      const file = join(dir, 'wrong.incent');
      writeFileSync(file, '// SYNTAX TEST "source.incent" "a wrong assertion"\nlet rate = 5%\n//         ^^ string.quoted.double.incent\n');
      const result = runGrammarTests([file]);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toContain('string.quoted.double.incent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------- the grammar against the lexer

let grammar: textmate.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
  });
  grammar = (await registry.loadGrammar('source.incent'))!;
});

interface LineTokens {
  readonly tokens: textmate.IToken[];
}

function scopeLines(text: string): LineTokens[] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { tokens: result.tokens };
  });
}

/** The scopes at an offset of `text`. */
function scopesAt(text: string, lines: LineTokens[], offset: number): string[] {
  const before = text.slice(0, offset);
  const line = before.split(/\r?\n/).length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  const token = lines[line]!.tokens.find((t) => t.startIndex <= column && column < t.endIndex);
  return token?.scopes ?? [];
}

function scopesOf(source: string, word: string): string[] {
  const lines = scopeLines(source);
  return scopesAt(source, lines, source.indexOf(word));
}

/** What scopes a token of each lexer class may have (prefixes of any of its scopes). */
const ALLOWED: Record<TokenClass, readonly string[]> = {
  // `up` is also a rounding mode (`rounding up`): a constant there.
  keyword: ['storage.type', 'keyword.control', 'keyword.operator', 'keyword.other', 'constant.language', 'variable.language', 'invalid.illegal.reserved-name'],
  // A contextual keyword is a keyword in its clause and a plain name elsewhere.
  'contextual-keyword': ['keyword.other.clause', 'variable.other', 'entity.name', 'constant.language'],
  identifier: ['variable', 'entity.name', 'constant.language', 'constant.other.currency', 'support.type', 'support.function.builtin'],
  number: ['constant.numeric.integer', 'constant.numeric.decimal'],
  percent: ['constant.numeric.percent'],
  money: ['constant.numeric.money'],
  date: ['constant.numeric.date'],
  string: ['string.quoted.double'],
  operator: ['keyword.operator', 'punctuation'],
  other: [],
};

const COMMENT_SCOPES = { doc: 'comment.line.documentation', line: 'comment.line.double-slash', block: 'comment.block' } as const;

function plans(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.incent')) found.push(join(dir, entry.name));
    }
  };
  for (const dir of ['examples', 'test/conformance/cases', 'test/syntax/ok', 'test/check/ok', 'test/format/cases']) walk(join(ROOT, dir));
  return found.filter((f) => !/\/9\d-[^/]*\//.test(f)); // the conformance error cases hold deliberate mistakes
}

describe('the grammar colours what the lexer sees', () => {
  it('colours every reserved keyword, contextual keyword and built-in', () => {
    for (const word of RESERVED_KEYWORDS) {
      const scopes = scopesOf(`  ${word} x`, word);
      expect(scopes.some((s) => ALLOWED.keyword.some((p) => s.startsWith(p))), `${word}: ${scopes.join(' ')}`).toBe(true);
    }
    for (const word of CONTEXTUAL_KEYWORDS) {
      const scopes = scopesOf(`  ${word} x`, word);
      expect(scopes, word).toContain('keyword.other.clause.incent');
    }
    for (const word of BUILTIN_NAMES) expect(scopesOf(`let x = ${word}(a, b)`, word), word).toContain('support.function.builtin.incent');
  });

  it('leaves contextual keywords used as names alone', () => {
    expect(scopesOf('  rate: Percent', 'rate')).toContain('variable.other.property.declaration.incent');
    expect(scopesOf('  base d.rate', 'rate')).toContain('variable.other.property.incent');
    expect(scopesOf('let year = 2027', 'year')).toContain('variable.other.constant.incent');
  });

  const files = plans();
  it('finds the repository\'s plans', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('agrees with the lexer on %s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const lines = scopeLines(text);
    const lexed = tokenize(text);
    const mismatches: string[] = [];
    for (const token of lexed.tokens) {
      const cls = tokenClass(token.tokenType);
      const scopes = scopesAt(text, lines, token.startOffset);
      if (!scopes.some((s) => ALLOWED[cls].some((p) => s.startsWith(p)))) mismatches.push(`${token.image} (${cls}) at ${token.startLine}:${token.startColumn}: ${scopes.join(' ')}`);
    }
    for (const comment of lexed.comments) {
      const scopes = scopesAt(text, lines, comment.span.start);
      if (!scopes.some((s) => s.startsWith(COMMENT_SCOPES[comment.kind]))) mismatches.push(`${comment.text.slice(0, 20)} (${comment.kind} comment): ${scopes.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------- language configuration

describe('language-configuration.json', () => {
  const configuration = JSON.parse(readFileSync(CONFIGURATION, 'utf8'));

  it('knows the comments and brackets of the language', () => {
    expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    expect(configuration.brackets).toEqual([['{', '}'], ['(', ')']]);
    const pairs = configuration.autoClosingPairs.map((p: { open: string; close: string }) => `${p.open}${p.close}`);
    expect(pairs).toEqual(expect.arrayContaining(['{}', '()', '""']));
    expect(configuration.autoClosingPairs.find((p: { open: string }) => p.open === '"').notIn).toEqual(['string', 'comment']);
  });

  it('indents inside blocks and outdents at their end', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    expect(increase.test('commission new_business {')).toBe(true);
    expect(increase.test('  rate match d.channel {')).toBe(true);
    expect(increase.test('enum Stage { open, won, lost }')).toBe(false);
    expect(increase.test('// a comment {')).toBe(false);
    expect(decrease.test('  }')).toBe(true);
    expect(decrease.test('  base d.amount')).toBe(false);
  });

  it('continues doc comments on Enter', () => {
    const rule = configuration.onEnterRules.find((r: { action: { appendText?: string } }) => r.action.appendText === '/// ');
    expect(new RegExp(rule.beforeText).test('  /// The roster: one row per payee.')).toBe(true);
    expect(new RegExp(rule.beforeText).test('  // a plain comment')).toBe(false);
  });

  it('selects literals and names as whole words', () => {
    const word = new RegExp(`^(?:${configuration.wordPattern})$`);
    for (const w of ['fiscal_year_start', 'd2', '1_000_000', '7.5%', '2027-01-31', '0.075']) expect(word.test(w), w).toBe(true);
    for (const w of ['d.amount', 'a-b', '->']) expect(word.test(w), w).toBe(false);
  });
});
