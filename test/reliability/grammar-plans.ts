// Random plans drawn from the grammar of parser.ts: every declaration, clause and expression
// form, contextual keywords and built-in names as names, `else if` chains, tables whose rows
// start with `-`, line breaks at random between tokens (the grammar has two gates that look at
// them), and now and then a token left out or put in. Most come out free of syntax errors, so
// they exercise what the repository's plans leave out: the direct parser and chevrotain must
// read them alike (test/syntax/both-parsers.ts). The plans mean nothing; the checker may say so.
import fc from 'fast-check';

type Piece = fc.Arbitrary<string>;

const NAMES = [
  'x', 'd', 'deals', 'amount', 'quota', 'sum', 'count', 'avg', 'min', 'max', 'abs', 'round', 'ytd', 'prior', 'total',
  'rate', 'base', 'per', 'on', 'of', 'points', 'year', 'deal', 'key', 'credit', 'version', 'currency', 'effective',
  'rounding', 'when', 'pay', 'cap', 'gate', 'grant', 'once', 'during', 'recover', 'against', 'marginal',
];
const RESERVED = ['period', 'to', 'set', 'up', 'payee', 'all', 'in', 'where', 'below'];
const LITERALS = ['0', '1', '2.5', '1_000', '10%', '7.5%', '250 USD', '1_000.50 EUR', '2027-01-01', '"s"', '"a \\" b"', 'true', 'false', 'payee', 'period'];
const OPERATORS = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '??'];

const name: Piece = fc.constantFrom(...NAMES);
/** A name where the grammar declares one: mostly names, now and then a reserved word (E003). */
const declared: Piece = fc.oneof({ arbitrary: name, weight: 9 }, { arbitrary: fc.constantFrom(...RESERVED), weight: 1 });
/** Between two tokens: mostly a space, sometimes a line break (with an indent) or a comment. */
const gap: Piece = fc.oneof(
  { arbitrary: fc.constant(' '), weight: 12 },
  { arbitrary: fc.constant('\n  '), weight: 4 },
  { arbitrary: fc.constant(' // c\n'), weight: 1 },
  { arbitrary: fc.constant('\r\n'), weight: 1 },
);

/** Tokens joined by random gaps. */
function tokens(...parts: Piece[]): Piece {
  return fc.tuple(...parts.map((part) => fc.tuple(gap, part))).map((pairs) => pairs.map(([g, p]) => g + p).join('').trimStart());
}

function list(item: Piece, separator: string, min: number, max: number): Piece {
  return fc.array(item, { minLength: min, maxLength: max }).chain((items) =>
    fc.array(gap, { minLength: items.length, maxLength: items.length }).map((gaps) => items.map((it, i) => (i === 0 ? it : `${separator}${gaps[i]}${it}`)).join('')));
}

const { expression, selection, band } = fc.letrec<{ expression: string; operand: string; primary: string; selection: string; arm: string; band: string }>((tie) => {
  const e = tie('expression');
  return {
    expression: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'expression', withCrossShrink: true },
      tie('operand'),
      fc.tuple(tie('operand'), fc.array(fc.tuple(gap, fc.constantFrom(...OPERATORS), gap, tie('operand')), { maxLength: 4 }))
        .map(([first, rest]) => first + rest.map(([g1, op, g2, operand]) => `${g1}${op}${g2}${operand}`).join('')),
    ),
    operand: fc.tuple(
      fc.constantFrom('', '', '', 'not ', 'not not '), fc.constantFrom('', '', '', '-', '- -'), tie('primary'),
      fc.array(name, { maxLength: 2 }), fc.constantFrom('', '', '', '', ' is set', ' is not set'),
    ).map(([nots, minuses, primary, fields, isSet]) => `${nots}${minuses}${primary}${fields.map((f) => `.${f}`).join('')}${isSet}`),
    primary: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'expression', withCrossShrink: true },
      fc.constantFrom(...LITERALS),
      name,
      tokens(name, fc.constant('('), fc.oneof(fc.constant(''), list(e, ',', 1, 3), tie('selection'), tokens(e, fc.constant('for'), tie('selection'))), fc.constant(')')),
      tokens(fc.constant('('), e, fc.constant(')')),
      tokens(fc.constant('if'), e, fc.constant('then'), e, fc.array(tokens(fc.constant('else if'), e, fc.constant('then'), e), { maxLength: 2 }).map((xs) => xs.join(' ')), fc.constant('else'), e),
      tokens(fc.constant('match'), e, fc.constant('{\n'), fc.array(tie('arm'), { maxLength: 3 }).map((xs) => xs.join('\n')), fc.constantFrom('', 'else -> 0', 'else -> -1'), fc.constant('\n}')),
      tokens(fc.constant('bands'), e, fc.constant('{\n'), fc.array(tie('band'), { maxLength: 3 }).map((xs) => xs.join('\n')), fc.constantFrom('', 'else -> 1'), fc.constant('\n}')),
    ),
    selection: tokens(name, fc.constant('in'), fc.constantFrom('', 'all'), name, fc.oneof(fc.constant(''), tokens(fc.constant('where'), e))),
    arm: tokens(list(e, ',', 1, 2), fc.constant('->'), e),
    band: tokens(fc.oneof(tokens(fc.constant('below'), e), tokens(e, fc.constant('to'), e), tokens(e, fc.constant('up'))), fc.constant('->'), e),
  };
});

const value = expression as Piece;

const planItem: Piece = fc.oneof(
  tokens(fc.constant('version'), fc.constantFrom('', '1', '2', 'currency')),
  tokens(fc.constantFrom('currency', 'period', 'rounding', 'fiscal_year_start'), fc.constantFrom('USD', 'quarter', 'half_up', 'up', 'february', 'key')),
  tokens(fc.constant('effective'), value, fc.constant('to'), value),
);
const field: Piece = tokens(declared, fc.constant(':'), fc.constantFrom('Money', 'Text', 'Date', 'Payee', 'Percent', 'Channel', 'rate'), fc.constantFrom('', '?'), fc.constantFrom('', '', 'key'));
const inputMember: Piece = fc.oneof(
  { arbitrary: field, weight: 4 },
  { arbitrary: tokens(fc.constant('let'), declared, fc.constant('='), value), weight: 1 },
  { arbitrary: tokens(fc.constant('credit'), fc.constantFrom('owner', 'credit', 'to'), fc.constant('on'), fc.constantFrom('closed_on', 'period', 'on')), weight: 1 },
);

const clause = (keyword: string, ...rest: Piece[]): Piece => tokens(fc.constant(keyword), ...rest);
const CLAUSES: Record<string, Piece[]> = {
  commission: [
    clause('for', selection), clause('base', value), clause('rate', value), clause('gate', value), clause('multiplier', value),
    clause('accelerate', fc.constantFrom('marginal', 'retroactive'), fc.constant('against'), value, fc.constantFrom('', 'per year'),
      fc.oneof(fc.constant(''), tokens(fc.constant('on'), value)), fc.constant('{\n'),
      fc.array(band, { maxLength: 3 }).map((xs) => xs.join('\n')),
      fc.constantFrom('', '', 'else -> 1'), fc.constant('\n}')),
    clause('cap', value, fc.constant('per'), fc.constantFrom('deal', 'period', 'year')),
  ],
  bonus: [clause('when', value), clause('pay', value), clause('once', fc.constant('per year'))],
  spiff: [clause('during', value, fc.constant('to'), value), clause('for', selection), clause('pay', value)],
  clawback: [clause('for', selection), clause('recover', value, fc.constant('of'), name, fc.constant('on'), name)],
  draw: [clause('pay', value, fc.constantFrom('', 'per period')), fc.constant('recoverable')],
  reward: [clause('when', value), clause('for', selection), clause('grant', fc.oneof(fc.constantFrom('"trip"', '"x" points'), tokens(value, fc.constant('points'))))],
};

const declaration: Piece = fc.oneof(
  tokens(fc.constant('plan'), fc.constantFrom('"T"', '"Sales FY2027"'), fc.constant('{\n'), fc.array(planItem, { maxLength: 4 }).map((xs) => xs.join('\n')), fc.constant('\n}')),
  tokens(fc.constant('enum'), declared, fc.constant('{'), fc.oneof(fc.constant(''), list(declared, ',', 1, 3)), fc.constantFrom('', ','), fc.constant('}')),
  tokens(fc.constant('input'), declared, fc.constant('{\n'), fc.array(inputMember, { maxLength: 4 }).map((xs) => xs.join('\n')), fc.constant('\n}')),
  tokens(fc.constantFrom('let', 'measure', 'metric'), declared, fc.constant('='), value),
  ...Object.entries(CLAUSES).map(([kind, clauses]) =>
    tokens(fc.constant(kind), declared, fc.constant('{\n'), fc.array(fc.oneof(...clauses), { maxLength: 4 }).map((xs) => xs.join('\n')), fc.constant('\n}'))),
);

/** A token left out or put in, now and then, so that some plans are just off the grammar. */
const slip = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), text: fc.constantFrom('', ')', '}', ',', '->', 'else', 'per', '-', 'x') }), weight: 1 },
);

/** A plan of one to five declarations from the grammar, with a slip now and then. */
export const grammarPlan: fc.Arbitrary<string> = fc.tuple(fc.array(declaration, { minLength: 1, maxLength: 5 }), slip).map(([declarations, change]) => {
  const text = declarations.join('\n');
  if (change === undefined) return text;
  // a slip replaces the word at a random place by another (or by nothing)
  const words = text.split(' ');
  const index = Math.floor(change.at * words.length);
  words[index] = change.text;
  return words.join(' ');
});
