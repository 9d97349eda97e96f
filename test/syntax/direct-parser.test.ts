// The direct parser (direct-parser.ts) against chevrotain: on every plan of the repository, the
// same plans cut short or with a token dropped or doubled, and the places where the grammar
// decides by more than the next token — when chevrotain reads a file without syntax errors,
// the direct parser gives its AST and diagnostics; otherwise it gives up. The front-end fuzzer
// (test/reliability/frontend.test.ts) checks the same on random and mutated plans.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../packages/language/src/syntax/parse';
import { tokenize } from '../../packages/language/src/syntax/lexer';
import { realPlans } from '../reliability/real-plans';
import { expectSameReading } from './both-parsers';
import { ROOT } from './syntax-helpers';

const HEADER = 'plan "T" {\n  version 1\n  currency USD\n  period quarter\n  effective 2027-01-01 to 2027-12-31\n}\n';
const EXAMPLES = ['enterprise-ae', 'customer-success', 'partner-program'].map((name) => readFileSync(join(ROOT, 'examples', name, 'plan.incent'), 'utf8'));

describe('the direct parser reads what chevrotain reads', () => {
  it('every plan in the repository: examples, conformance cases, fixtures (good and bad)', () => {
    const plans = realPlans();
    expect(plans.length).toBeGreaterThan(30);
    const readings = plans.map((plan) => expectSameReading(plan.text));
    // most plans are good, and the direct parser must be what reads them
    expect(readings.filter((r) => r === 'direct').length).toBeGreaterThan(25);
    expect(readings.filter((r) => r === 'chevrotain').length).toBeGreaterThan(5);
  });

  it('each example cut short every 37 characters', () => {
    const seen = new Set<string>();
    for (const example of EXAMPLES) {
      for (let end = 0; end <= example.length; end += 37) seen.add(expectSameReading(example.slice(0, end)));
    }
    expect([...seen].sort()).toEqual(['chevrotain', 'direct']);
  });

  it('each example with a token dropped or doubled', () => {
    let direct = 0;
    let chevrotain = 0;
    for (const example of EXAMPLES) {
      const tokens = tokenize(example).tokens;
      for (let index = 0; index < tokens.length; index += 3) {
        const token = tokens[index]!;
        const start = token.startOffset;
        const end = start + token.image.length;
        for (const text of [example.slice(0, start) + example.slice(end), example.slice(0, end) + ' ' + example.slice(start)]) {
          if (expectSameReading(text) === 'direct') direct++;
          else chevrotain++;
        }
      }
    }
    expect(direct).toBeGreaterThan(30); // some drops leave a good plan (a `?`, a `key`, a prefix, a doubled field)
    expect(chevrotain).toBeGreaterThan(500);
  });

  // Where the grammar looks past the next token, or a gate decides, or an alternative wins an ambiguity.
  const cases: Record<string, string> = {
    'version alone on its line (no value, E003)': 'plan "T" {\n  version\n  currency USD\n}',
    'version with a value': 'plan "T" { version 2 }',
    'version then a plan key on the same line': 'plan "T" { version currency USD }',
    'version then period on the same line': 'plan "T" { version period quarter }',
    'version then `}`': 'plan "T" { version }',
    'version then a plan key as its value': 'plan "T" { version currency }',
    'rounding up (a word that is a keyword)': 'plan "T" { rounding up }',
    'an unterminated string as the plan name': 'plan "T\n{ version 1 }',
    'enum with a trailing comma': 'enum C { a, b, }',
    'enum empty': 'enum C { }',
    'enum with a reserved word (E003)': 'enum C { a, period, b }',
    'a field named key that is the key': 'input i {\n  id: Text key\n  key: Text\n  other: Text key\n}',
    'a field named credit, and a credit': 'input i {\n  credit: Money\n  owner: Payee\n  credit owner on credit\n}',
    'a reserved field name (E003) credited': 'input i {\n  to: Date\n  credit owner on to\n}',
    'a let inside an input, with a doc comment': 'input i {\n  a: Money\n  /// twice\n  let b = a * 2\n}',
    'a table row starting with `-` on a new line': `${HEADER}let x = bands 1 {\n  -10 to 0 -> 1\n  0 up -> 2 - 1\n  - 5\n  below -20 -> 3\n}`,
    'a match arm value continued on the same line': `${HEADER}let x = match 1 {\n  1, 2 -> 3 - 1\n  -4 -> 5\n  else -> -6\n}`,
    'a call on the next line of a match arm': `${HEADER}let f = 1\nlet x = match 1 {\n  1 -> f\n  (2) -> 3\n}`,
    'else if chains and an if after else': `${HEADER}let x = if a then 1 else if b then 2 else if c then 3 else (if d then 4 else 5)`,
    'nested if without brackets': `${HEADER}let x = if a then if b then 1 else 2 else 3`,
    'grant a string, grant points, and a string that looks like points': 'reward r { grant "trip" }\nreward s { grant 5 + 1 points }\nreward t { grant "x" points }',
    'aggregates and calls': `${HEADER}let a = sum(d.x for d in all deals where d.y > 0)\nlet b = count(d in deals)\nlet c = min(1, 2, 3)\nlet e = f()\nlet g = count(d.x for d in deals)\nlet h = sum(d in deals)\nlet i = total(d in deals where d.x)\nlet j = total(1 for d in deals)`,
    'a call whose first argument is a selection-looking name': `${HEADER}let a = f(in)`,
    'operators and precedence': `${HEADER}let x = not not a and - - b.c.d is not set or c ?? 1 + 2 * 3 / 4 - 5 == 6\nlet y = a < b < c\nlet z = not a is set`,
    'contextual keywords as names': `${HEADER}let rate = base.per + on.of - points(year)\nlet deal = key.credit`,
    'accelerate with every option, and an else (E003)': `commission c {\n  for d in deals where d.won\n  base d.amount\n  rate 10%\n  gate d.margin >= 20%\n  multiplier 1\n  accelerate marginal against payee.quota per year on d.amount {\n    0% to 100% -> 1\n    100% up -> 2\n    else -> 1 < 2 < 3\n  }\n  cap 20_000 USD per deal\n}`,
    'accelerate retroactive, a cap per period and per year': 'commission c { accelerate retroactive against 5 { below 1 -> 1 } cap 1 per period cap 2 per year }',
    'pay per period, and per year (a syntax error)': 'draw d { pay 1 USD per period recoverable }\ndraw e { pay 1 USD per year }',
    'bonus, spiff, clawback': 'bonus b { when x pay 1 USD once per year }\nspiff s { during 2027-01-01 to 2027-02-01 for d in deals pay 5 USD }\nclawback c { for d in deals recover 100% of c1 on cancelled_on }',
    'a component clause of another kind': 'bonus b { rate 1 }',
    'literals of every kind': `${HEADER}let x = [1, 2]\nlet y = 1_000.5 + 7.5% + 250_000 USD + 2027-01-01 + "s\\"q" + true + false + payee + period`,
    'a missing closing brace at the end': 'commission c { rate 1',
    'a stray token at the top': 'let x = 1\n)',
    'an elided group (E006)': `${HEADER}let x = ${'('.repeat(150)}1${')'.repeat(150)} + 1`,
    'an expression past the depth limit (E006)': `${HEADER}let x = ${'-'.repeat(1_005)}1`,
    'doc comments on declarations and fields': '/// The plan\nplan "T" { version 1 }\n/// deals\ninput deals {\n  /// amount\n  amount: Money\n}',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      expectSameReading(text);
    });
  }

  it('reads the good files among these, and leaves the others to chevrotain', () => {
    expect(expectSameReading(cases['version then a plan key on the same line']!)).toBe('chevrotain');
    expect(expectSameReading(cases['version then a plan key as its value']!)).toBe('direct');
    expect(expectSameReading(cases['version alone on its line (no value, E003)']!)).toBe('direct');
    expect(expectSameReading(cases['accelerate with every option, and an else (E003)']!)).toBe('direct');
    expect(expectSameReading(cases['an elided group (E006)']!)).toBe('direct');
    expect(expectSameReading(cases['grant a string, grant points, and a string that looks like points']!)).toBe('chevrotain');
  });

  it('parse() gives the syntax errors of chevrotain when the direct parser gives up', () => {
    const result = parse('commission c { rate 1');
    expect(result.diagnostics.map((d) => d.code)).toContain('E003');
    expect(result.file.declarations).toHaveLength(1);
  });
});
