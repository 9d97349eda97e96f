// Unit tests of parse(): operator precedence, calls and aggregates, tables, recovery (partial
// ASTs with typed holes), doc comments and the comments list.
import { describe, expect, it } from 'vitest';
import type { CommissionDecl, Declaration, Expr, InputDecl, LetDecl } from '../../packages/language/src/syntax/ast';
import { parse } from '../../packages/language/src/syntax/parse';
import { sexpr } from './syntax-helpers';

/** Parses `let v = TEXT` and returns the value and the diagnostic codes. */
function expression(text: string): { tree: string; codes: string[] } {
  const result = parse(`let v = ${text}`);
  const declaration = result.file.declarations[0] as LetDecl | undefined;
  return { tree: sexpr(declaration?.value), codes: result.diagnostics.map((d) => d.code) };
}

function names(declarations: readonly Declaration[]): string[] {
  return declarations.map((d) => `${d.kind}:${'name' in d ? d.name.name : ''}`);
}

describe('precedence and associativity', () => {
  const cases: [string, string][] = [
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['not a and b', '(and (not a) b)'],
    ['not a == b', '(not (== a b))'],
    ['a and not b or c', '(or (and a (not b)) c)'],
    ['not not a', '(not (not a))'],
    ['x is set', '(is-set x)'],
    ['x is not set and y', '(and (is-not-set x) y)'],
    ['not x is set', '(not (is-set x))'],
    ['a ?? b is set', '(is-set (?? a b))'],
    ['a == b is set', '(== a (is-set b))'],
    ['a ?? b + c', '(?? a (+ b c))'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['1 + 2 * 3 - 4 / 5', '(- (+ 1 (* 2 3)) (/ 4 5))'],
    ['-a * b', '(* (- a) b)'],
    ['a - -b', '(- a (- b))'],
    ['- - a.b.c', '(- (- a.b.c))'],
    ['(a + b) * c', '(* [(+ a b)] c)'],
    ['a < b or c >= d', '(or (< a b) (>= c d))'],
    ['a + b < c * d', '(< (+ a b) (* c d))'],
    ['if a then b else c + 1', '(if a b (+ c 1))'],
    ['1 + if a then b else c', '(+ 1 (if a b c))'],
    ['if a then b else if c then d else e', '(if a b (if c d e))'],
    ['if a then if b then c else d else e', '(if a (if b c d) e)'],
    ['period.end - period.start', '(- period.end period.start)'],
    ['payee.quota * 2', '(* payee.quota 2)'],
    ['Stage.won', 'Stage.won'],
    ['d.owner.region', 'd.owner.region'],
  ];
  for (const [text, tree] of cases) {
    it(text, () => expect(expression(text)).toEqual({ tree, codes: [] }));
  }

  it('reports a chained comparison on its second operator and builds a left-nested tree', () => {
    const result = parse('let v = a < b < c');
    expect(sexpr((result.file.declarations[0] as LetDecl).value)).toBe('(< (< a b) c)');
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([['E004', { start: 14, end: 15 }]]);
    expect(expression('a == b != c').codes).toEqual(['E004']);
    expect(expression('(a < b) < c').codes).toEqual([]);
    expect(expression('a < b and b < c').codes).toEqual([]);
  });
});

describe('literals', () => {
  it.each([
    ['42', '42'], ['0.075', '0.075'], ['1_000_000', '1000000'], ['7.5%', '7.5%'], ['1_000%', '1000%'],
    ['250_000 USD', '250000USD'], ['1_000.50\tEUR', '1000.50EUR'], ['2027-01-31', '2027-01-31'], ['2027-02-30', '2027-02-30'],
    ['"a \\"b\\" \\\\ c"', '"a \\"b\\" \\\\ c"'], ['true', 'true'], ['false', 'false'], ['payee', 'payee'], ['period', 'period'],
  ])('%s', (text, tree) => expect(expression(text)).toEqual({ tree, codes: [] }));

  it('needs exactly three capital letters, apart from what follows, for money', () => {
    expect(expression('5 USDX').codes).toContain('E003');
    expect(expression('5 usd').codes).toContain('E003');
    expect(parse('let a = 5\nlet USD = 1').diagnostics).toEqual([]);
  });
});

describe('calls and aggregates', () => {
  it.each([
    ['sum(d.amount for d in deals where d.stage == won)', '(sum d.amount for d in deals where (== d.stage won))'],
    ['count(d in all deals)', '(count _ for d in all deals)'],
    ['avg(d.x for d in deals)', '(avg d.x for d in deals)'],
    ['min(d.x for d in deals)', '(min d.x for d in deals)'],
    ['max(d.x + 1 for d in all deals where d.y)', '(max (+ d.x 1) for d in all deals where d.y)'],
    ['min(a, b, c)', '(min a b c)'],
    ['max(a, b)', '(max a b)'],
    ['abs(x)', '(abs x)'],
    ['round(x, 0.01)', '(round x 0.01)'],
    ['ytd(bookings)', '(ytd bookings)'],
    ['prior(bookings) ?? 0 USD', '(?? (prior bookings) 0USD)'],
    ['whatever()', '(whatever)'],
  ])('%s', (text, tree) => expect(expression(text)).toEqual({ tree, codes: [] }));

  it('reports the aggregate forms that do not fit their function', () => {
    expect(expression('sum(d in deals)')).toEqual({ tree: '(sum <error> for d in deals)', codes: ['E003'] });
    expect(expression('count(x for d in deals)')).toEqual({ tree: '(count _ for d in deals)', codes: ['E003'] });
    expect(expression('total(x for d in deals)')).toEqual({ tree: '(total x)', codes: ['E003'] });
  });
});

describe('tables', () => {
  it('reads match arms without separators', () => {
    expect(expression('match c { a -> 1 b, c -> 2 + 3 Stage.x -> 4 else -> 5 }')).toEqual({
      tree: '(match c {a -> 1} {b, c -> (+ 2 3)} {Stage.x -> 4} {else -> 5})', codes: [],
    });
  });

  it('reads band rows: A to B, A up, below B, else', () => {
    expect(expression('bands x { below 10% -> 0  10% to 20% -> 1  20% up -> 2  else -> 3 }')).toEqual({
      tree: '(bands x {_..10% -> 0} {10%..20% -> 1} {20%.._ -> 2} {else -> 3})', codes: [],
    });
  });

  it('starts a new row at a `-` that begins a line, and only in a table', () => {
    expect(expression('bands g {\n below -10% -> 0\n -10% to 0% -> 1\n 0% up -> 2\n}')).toEqual({
      tree: '(bands g {_..(- 10%) -> 0} {(- 10%)..0% -> 1} {0%.._ -> 2})', codes: [],
    });
    expect(expression('bands g { 0% up -> 2 - 1 }').tree).toBe('(bands g {0%.._ -> (- 2 1)})');
    expect(expression('a\n  - b').tree).toBe('(- a b)');
  });

  it('keeps the spans of rows and ranges', () => {
    const text = 'let v = bands x { 1 to 2 -> 3 }';
    const value = (parse(text).file.declarations[0] as LetDecl).value as Extract<Expr, { kind: 'BandsExpr' }>;
    const arm = value.arms[0]!;
    expect(text.slice(arm.rangeSpan.start, arm.rangeSpan.end)).toBe('1 to 2');
    expect(text.slice(arm.span.start, arm.span.end)).toBe('1 to 2 -> 3');
    expect(text.slice(value.span.start, value.span.end)).toBe('bands x { 1 to 2 -> 3 }');
  });

  it('rejects `else` among accelerator tiers with one plain error', () => {
    const result = parse('commission c { accelerate marginal against t { 0% up -> 1  else -> 2 } }');
    expect(result.diagnostics.map((d) => d.message)).toEqual(['accelerator tiers cannot have `else`']);
    expect((result.file.declarations[0] as CommissionDecl).clauses[0]).toMatchObject({ kind: 'AccelerateClause', tiers: [{ kind: 'BandArm' }] });
  });
});

describe('recovery', () => {
  it('keeps the declarations after a broken one', () => {
    const result = parse('measure m = 1 +\ncommission c { base 1 }\nlet x = (\nbonus b { pay 1 USD }');
    expect(names(result.file.declarations)).toEqual(['MeasureDecl:m', 'CommissionDecl:c', 'LetDecl:x', 'BonusDecl:b']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E003', 'E003']);
    expect(sexpr((result.file.declarations[0] as LetDecl).value)).toBe('(+ 1 <error>)');
  });

  it('gives a missing name as an empty Identifier and a missing expression as an ErrorExpr', () => {
    const result = parse('measure = ');
    const measure = result.file.declarations[0] as LetDecl;
    expect(measure.name).toEqual({ kind: 'Identifier', name: '', span: { start: 7, end: 7 } });
    expect(measure.value).toEqual({ kind: 'ErrorExpr', span: { start: 9, end: 9 } });
  });

  it('skips an unknown word at the top level up to the next declaration', () => {
    const result = parse('comission c { base 1 }\nlet x = 1');
    expect(names(result.file.declarations)).toEqual(['LetDecl:x']);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['expected a declaration, found `comission`']);
  });

  it('closes a block that lost its `}` at the next declaration', () => {
    const result = parse('input deals {\n  id: Text key\n\ncommission c { base 1 }');
    expect(names(result.file.declarations)).toEqual(['InputDecl:deals', 'CommissionDecl:c']);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['expected `}` to close the input, found `commission`']);
  });

  it('reads a field that lost its `:` and carries on with the next fields', () => {
    const result = parse('input deals {\n  id Text key\n  amount: Money\n  credit owner on closed_on\n}');
    const input = result.file.declarations[0] as InputDecl;
    expect(input.fields.map((f) => `${f.name.name}:${f.type.name.name}${f.isKey ? ' key' : ''}`)).toEqual(['id:Text key', 'amount:Money']);
    expect(input.credits).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['expected `:` and a type after the field name, found `Text`']);
  });

  it('reports an error at the end of the file at the end of the text', () => {
    const text = 'let x = (1 + 2';
    expect(parse(text).diagnostics.map((d) => [d.message, d.span])).toEqual([
      ['expected `)`, found the end of the file', { start: text.length, end: text.length }],
    ]);
  });
});

describe('comments', () => {
  it('lists every comment with its kind, text and span', () => {
    const text = '/// doc\n// line\n/* block */ let x = 1 //// four\n';
    expect(parse(text).comments).toEqual([
      { kind: 'doc', text: '/// doc', span: { start: 0, end: 7 } },
      { kind: 'line', text: '// line', span: { start: 8, end: 15 } },
      { kind: 'block', text: '/* block */', span: { start: 16, end: 27 } },
      { kind: 'line', text: '//// four', span: { start: 38, end: 47 } },
    ]);
  });

  it('reads CRLF line endings like LF ones', () => {
    const result = parse('/// Doc.\r\nlet g = bands x {\r\n  below -1 -> 0\r\n  -1 up -> 1\r\n}\r\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.file.declarations[0]).toMatchObject({ doc: 'Doc.', value: { kind: 'BandsExpr', arms: [{}, {}] } });
  });

  it('attaches doc comments to declarations, input fields and input lets', () => {
    const text = '/// The deals.\ninput deals {\n  /// The key.\n  id: Text key\n  /// Derived.\n  let x = 1\n}';
    const input = parse(text).file.declarations[0] as InputDecl;
    expect([input.doc, input.fields[0]!.doc, input.lets[0]!.doc]).toEqual(['The deals.', 'The key.', 'Derived.']);
  });
});

describe('a plan setting with nothing after it', () => {
  it('`version` at the end of its line is one error there; the next line is still the next setting', () => {
    const text = 'plan "T" {\n  version\n  currency USD\n  period quarter\n}\n';
    const result = parse(text);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span.start])).toEqual([
      ['E003', 'expected a version number after `version`', text.indexOf('version') + 'version'.length],
    ]);
    const plan = result.file.declarations[0];
    expect(plan?.kind === 'PlanDecl' ? plan.items.map((i) => i.key) : []).toEqual(['version', 'currency', 'period']);
  });

  it('`version 3` on one line reads as before', () => {
    const result = parse('plan "T" {\n  version 3\n  currency USD\n}\n');
    expect(result.diagnostics).toEqual([]);
  });
});
