// Front-end fuzzing: random and mutated plans (mutations of every example, conformance case and
// fixture; plans drawn from the grammar) through the lexer, parser, checker, lowering, IR loader and formatter. Nothing
// throws; every diagnostic range (and related range and quick-fix edit) lies inside the
// document; a plan that compiles gives an IR the loader accepts, with a stable hash; formatting
// is idempotent, keeps the syntax tree and the comments, and gives a plan with the same hash;
// the direct parser reads what chevrotain reads (the AST and diagnostics of every file without
// syntax errors, and gives up on every other).
// Extreme inputs (10,000 nested parentheses, one-megabyte lines, long chains of declarations)
// give diagnostics or results in bounded time, never a stack overflow or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, formatPlan, loadIr, parse, planHash, tokenize, tokenSpan, type Diagnostic } from '../../packages/language/src/index';
import { commentTexts, syntaxTreeShape } from '../../packages/language/src/format/same-tree';
import { check } from './fuzz-config';
import { expectSameReading, type Reading } from '../syntax/both-parsers';
import { grammarPlan } from './grammar-plans';
import { realPlans } from './real-plans';

const PLANS = realPlans();

/** Pieces inserted by mutations and strung together as token soup. */
const FRAGMENTS = [
  'plan', 'enum', 'input', 'let', 'measure', 'commission', 'bonus', 'spiff', 'clawback', 'draw', 'reward', 'metric', 'for', 'in', 'all', 'where',
  'if', 'then', 'else', 'match', 'bands', 'and', 'or', 'not', 'is', 'set', 'up', 'below', 'to', 'payee', 'period', 'rate', 'base', 'cap', 'per',
  'deal', 'year', 'key', 'credit', 'on', 'accelerate', 'marginal', 'retroactive', 'against', 'recover', 'of', 'grant', 'points', 'once', 'during',
  'pay', 'when', 'recoverable', 'gate', 'multiplier', 'version', 'currency', 'effective', 'rounding', 'fiscal_year_start', 'sum', 'count', 'avg',
  'min', 'max', 'abs', 'round', 'ytd', 'prior', 'd', 'd.amount', 'payee.quota', 'period.start', 'x', '__proto__', 'constructor',
  '(', ')', '{', '}', ',', '.', '->', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '??', '?', ':', '%',
  '0', '5', '0.2', '7.5%', '250 USD', '1_000_000 JPY', '2027-01-01', '2027-02-30', '9999-12-31', '"s"', '"open', '"\\"', '1e5', '00.5', '1__0',
  '/*', '*/', '// c\n', '/// doc\n', '\n', '\r\n', '\r', ' ', '\t', '@', '#', '\\', '`', 'é', '💸', '\u0000', '\uFEFF', '\uFFFD', '\uD800', '\u202E', '\u2028',
];

// ---------------------------------------------------------------- the checks every text must pass

function insideDocument(d: Diagnostic, length: number): boolean {
  const ok = (s: { start: number; end: number }) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length;
  return ok(d.span) && (d.related ?? []).every((r) => ok(r.span)) && (d.fixes ?? []).every((f) => f.edits.every((e) => ok(e.span)));
}

/** Runs the whole front end on `text`; throws (failing the property) on any broken promise. */
function frontEnd(text: string, options: { format?: boolean } = {}): void {
  expectSameReading(text);
  const compiled = compile(text);
  for (const d of compiled.diagnostics) {
    if (!insideDocument(d, text.length)) throw new Error(`${d.code} ${JSON.stringify(d.span)} lies outside a document of ${text.length}: ${d.message}`);
  }
  if (compiled.ir) {
    const loaded = loadIr(JSON.stringify(compiled.ir));
    if (loaded.errors.length) throw new Error(`the compiled IR does not load: ${loaded.errors.join('; ')}`);
    expect(planHash(loaded.ir!)).toBe(planHash(compiled.ir));
  }
  if (options.format === false) return;
  const formatted = formatPlan(text);
  for (const d of formatted.diagnostics) if (!insideDocument(d, text.length)) throw new Error(`format: ${d.code} outside the document`);
  const syntaxErrors = compiled.parsed.diagnostics.some((d) => d.severity === 'error');
  if (syntaxErrors) {
    expect(formatted.text).toBe(text);
    return;
  }
  const bug = formatted.diagnostics.find((d) => d.code === 'E007');
  if (bug) throw new Error(`the formatter failed on a plan without syntax errors: ${bug.message}`);
  expect(formatPlan(formatted.text).text).toBe(formatted.text);
  const before = parse(text), after = parse(formatted.text);
  expect(JSON.stringify(syntaxTreeShape(after.file))).toBe(JSON.stringify(syntaxTreeShape(before.file)));
  expect(commentTexts(after.comments)).toEqual(commentTexts(before.comments));
  if (compiled.ir) expect(planHash(compile(formatted.text).ir!)).toBe(planHash(compiled.ir));
}

// ---------------------------------------------------------------- mutations

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'replaceToken'; token: number; by: number }
  | { kind: 'dropToken'; token: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }), to: position }),
  fc.record({ kind: fc.constant('swapLines' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('replaceToken' as const), token: position, by: position }),
  fc.record({ kind: fc.constant('dropToken' as const), token: position }),
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }), weight: 1 },
);

export function mutate(text: string, m: Mutation): string {
  const at = (x: number) => Math.floor(x * (text.length + 1));
  switch (m.kind) {
    case 'delete': return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'insert': return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'duplicate': {
      const piece = text.slice(at(m.at), at(m.at) + m.length);
      return text.slice(0, at(m.to)) + piece + text.slice(at(m.to));
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = Math.floor(m.a * lines.length), b = Math.floor(m.b * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'replaceToken':
    case 'dropToken': {
      const tokens = tokenize(text).tokens.map(tokenSpan);
      if (tokens.length === 0) return text;
      const t = tokens[Math.floor(m.token * tokens.length)]!;
      const by = m.kind === 'replaceToken' ? tokens[Math.floor(m.by * tokens.length)]! : undefined;
      return text.slice(0, t.start) + (by ? text.slice(by.start, by.end) : '') + text.slice(t.end);
    }
    case 'truncate': return text.slice(0, at(m.at));
  }
}

describe('front-end fuzzing', () => {
  it('mutated real plans: nothing throws, ranges lie inside, IR loads, formatting is idempotent and keeps the tree', () => {
    const arb = fc.record({ plan: fc.nat({ max: PLANS.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) });
    check('mutated plans', 250, fc.property(arb, ({ plan, mutations }) => {
      frontEnd(mutations.reduce(mutate, PLANS[plan]!.text));
    }));
  });

  it('each real plan as it is passes the same checks', () => {
    expect(PLANS.length).toBeGreaterThan(30);
    for (const plan of PLANS) frontEnd(plan.text);
  });

  it('token soup: random strings of keywords, punctuation, literals and odd characters', () => {
    const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((pieces) => pieces.join(' '));
    check('token soup', 300, fc.property(soup, (text) => frontEnd(text)));
  });

  it('arbitrary Unicode text, including lone surrogates and control characters', () => {
    check('arbitrary text', 300, fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => frontEnd(text)));
  });

  it('plans drawn from the grammar: the direct parser reads most of them, as chevrotain does', () => {
    const readings: Reading[] = [];
    check('grammar plans', 300, fc.property(grammarPlan, (text) => {
      readings.push(expectSameReading(text));
      frontEnd(text);
    }));
    // the generator is only worth having while most of what it draws is good
    expect(readings.filter((r) => r === 'direct').length).toBeGreaterThan(readings.length / 3);
    expect(readings.filter((r) => r === 'chevrotain').length).toBeGreaterThan(0);
  });

  it('a plan spliced into another at random points', () => {
    const arb = fc.record({ a: fc.nat({ max: PLANS.length - 1 }), b: fc.nat({ max: PLANS.length - 1 }), cutA: position, cutB: position });
    check('spliced plans', 100, fc.property(arb, ({ a, b, cutA, cutB }) => {
      const x = PLANS[a]!.text, y = PLANS[b]!.text;
      frontEnd(x.slice(0, Math.floor(cutA * x.length)) + y.slice(Math.floor(cutB * y.length)));
    }));
  });
});

// ---------------------------------------------------------------- extremes

const HEADER = 'plan "T" {\n  version 1\n  currency USD\n  period quarter\n  effective 2027-01-01 to 2027-12-31\n}\ninput reps {\n  id: Payee key\n  quota: Money\n}\n';
const MEGABYTE = 1_000_000;

function timed(text: string, options: { format?: boolean } = {}): number {
  const started = performance.now();
  frontEnd(text, options);
  return performance.now() - started;
}

describe('extreme inputs give diagnostics or results, in bounded time', () => {
  const chain = (n: number, line: (i: number) => string, reverse: boolean) => {
    const lines = Array.from({ length: n }, (_, i) => line(i));
    return (reverse ? lines.reverse() : lines).join('\n');
  };
  const cases: [string, string, { format?: boolean }?][] = [
    ['10,000 nested parentheses', `${HEADER}let x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}`],
    ['10,000 unclosed braces', `${HEADER}${'commission c { '.repeat(10_000)}`],
    ['a one-megabyte arithmetic line', `${HEADER}let x = ${'1 + '.repeat(MEGABYTE / 4)}1`, { format: false }],
    ['a one-megabyte string', `${HEADER}let x = "${'a'.repeat(MEGABYTE)}"`],
    ['a one-megabyte number', `${HEADER}let x = ${'9'.repeat(MEGABYTE)}\nbonus b { when x > 0  pay 1 USD }`],
    ['a one-megabyte name', `${HEADER}let ${'a'.repeat(MEGABYTE)} = 1`],
    ['a one-megabyte comment', `${HEADER}// ${'c'.repeat(MEGABYTE)}\nlet x = 1`],
    ['a 100-kilobyte line of garbage', `${HEADER}${'@#'.repeat(MEGABYTE / 20)}`],
    ['an expression at the depth limit', `${HEADER}let x = ${'-'.repeat(990)}1\nbonus b { when x < 0  pay 1 USD }`],
    ['10,000 lets in a chain, written first to last', `${HEADER}${chain(10_000, (i) => `let x${i} = ${i === 0 ? '1' : `x${i - 1} + 1`}`, false)}`, { format: false }],
    ['10,000 lets in a chain, written last to first', `${HEADER}${chain(10_000, (i) => `let x${i} = ${i === 0 ? '1' : `x${i - 1} + 1`}`, true)}`, { format: false }],
    ['5,000 measures in a chain, written last to first', `${HEADER}${chain(5_000, (i) => `measure m${i} = ${i === 0 ? 'payee.quota' : `m${i - 1} + 1 USD`}`, true)}`, { format: false }],
    ['5,000 derived fields in a chain, written last to first', HEADER.replace('quota: Money\n', `quota: Money\n${chain(5_000, (i) => `  let x${i} = ${i === 0 ? 'quota' : `x${i - 1} + 1 USD`}`, true)}\n`), { format: false }],
    ['a cycle of 3,000 lets', `${HEADER}${chain(3_000, (i) => `let x${i} = x${(i + 1) % 3_000} + 1`, false)}`, { format: false }],
  ];
  for (const [name, text, options] of cases) {
    it(name, () => {
      const ms = timed(text, options);
      expect(ms).toBeLessThan(20_000);
    });
  }

  it('a cycle of 3,000 lets is one error naming the whole cycle, not 3,000 errors of 3,000 names each', () => {
    const text = `${HEADER}${chain(3_000, (i) => `let x${i} = x${(i + 1) % 3_000} + 1`, false)}`;
    const cycles = compile(text).diagnostics.filter((d) => d.code === 'E113');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.related).toHaveLength(2_999);
  });
});
