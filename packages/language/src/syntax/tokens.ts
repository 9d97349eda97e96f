// Token definitions for Incent: the vocabulary shared by the lexer (scan.ts, lexer.ts) and
// the parser (parser.ts). Pipeline: text → **tokens** → CST → AST. Order in
// `KEYWORD_LEXER_TOKENS` is the lexer's matching order: longer and more specific patterns first.
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Words that are never identifiers. */
export const RESERVED_KEYWORDS = [
  'plan', 'enum', 'input', 'let', 'measure', 'commission', 'bonus', 'spiff', 'clawback', 'draw',
  'reward', 'metric', 'for', 'in', 'all', 'where', 'if', 'then', 'else', 'match', 'bands', 'and',
  'or', 'not', 'is', 'set', 'true', 'false', 'up', 'below', 'to', 'payee', 'period',
] as const;

/** Words that are keywords where the grammar expects them and plain names everywhere else. */
export const CONTEXTUAL_KEYWORDS = [
  'version', 'currency', 'effective', 'rounding', 'fiscal_year_start', 'key', 'credit', 'on',
  'base', 'rate', 'gate', 'multiplier', 'accelerate', 'marginal', 'retroactive', 'against', 'per',
  'cap', 'deal', 'year', 'when', 'pay', 'once', 'during', 'recover', 'of', 'recoverable', 'grant',
  'points',
] as const;

/** Names of the built-in functions and aggregates: plain identifiers, listed for completion. */
export const BUILTIN_NAMES = ['sum', 'count', 'avg', 'min', 'max', 'abs', 'round', 'ytd', 'prior'] as const;

export type ReservedKeyword = (typeof RESERVED_KEYWORDS)[number];
export type ContextualKeyword = (typeof CONTEXTUAL_KEYWORDS)[number];
export type KeywordWord = ReservedKeyword | ContextualKeyword;

// ---------------------------------------------------------------- trivia and literals

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const DocComment = createToken({ name: 'DocComment', pattern: /\/\/\/(?!\/)[^\r\n]*/, group: 'comments' });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });
/** `/*` without its `*\/`: runs to the end of the file; the lexer reports it. */
export const UnterminatedBlockComment = createToken({
  name: 'UnterminatedBlockComment', pattern: /\/\*[\s\S]*/, group: 'comments', line_breaks: true,
});

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, label: 'a string' });
/** A string without its closing quote on the same line; the parser takes it as a string. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/, categories: [StringLiteral], label: 'a string',
});
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}/, label: 'a date' });
export const MoneyLiteral = createToken({
  name: 'MoneyLiteral', pattern: /\d[\d_]*(?:\.[\d_]+)?[ \t]+[A-Z]{3}(?![A-Za-z0-9_])/, label: 'an amount of money',
});
export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /\d[\d_]*(?:\.[\d_]+)?%/, label: 'a percentage' });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d[\d_]*(?:\.[\d_]+)?/, label: 'a number' });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

/**
 * Stands for a bracketed group that was nested too deeply to parse (E006). parse.ts puts it
 * in place of the group; the grammar accepts it wherever an expression may start.
 */
export const ElidedGroup = createToken({ name: 'ElidedGroup', pattern: Lexer.NA, label: 'an expression' });

/** Category of every binary operator (`and` and `or` included), so the grammar can say "any binary operator". */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA, label: 'an operator' });

/**
 * Category of the reserved words that do not start a declaration (`period`, `set`, `to`, …):
 * the grammar reads one where a declaration names something, so that cst-to-ast.ts can say
 * "`period` is a reserved word" instead of losing the rest of the block.
 */
export const ReservedName = createToken({ name: 'ReservedName', pattern: Lexer.NA, label: 'a name' });

const DECLARATION_WORDS: ReadonlySet<string> = new Set([
  'plan', 'enum', 'input', 'let', 'measure', 'commission', 'bonus', 'spiff', 'clawback', 'draw', 'reward', 'metric',
]);

// ---------------------------------------------------------------- keywords

function pascalCase(word: string): string {
  return word.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function keyword(word: string, contextual: boolean): TokenType {
  const categories = contextual ? [Identifier] : DECLARATION_WORDS.has(word) ? [] : [ReservedName];
  if (word === 'and' || word === 'or') categories.push(BinaryOperator);
  return createToken({
    name: pascalCase(word),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories,
    label: `\`${word}\``,
  });
}

/** Every keyword token, by its word: `K.plan`, `K.fiscal_year_start`. */
export const K = Object.fromEntries([
  ...RESERVED_KEYWORDS.map((word) => [word, keyword(word, false)]),
  ...CONTEXTUAL_KEYWORDS.map((word) => [word, keyword(word, true)]),
]) as Record<KeywordWord, TokenType>;

const CONTEXTUAL_TOKEN_TYPES = new Set<TokenType>(CONTEXTUAL_KEYWORDS.map((word) => K[word]));
const RESERVED_TOKEN_TYPES = new Set<TokenType>(RESERVED_KEYWORDS.map((word) => K[word]));

/** The declaration keywords: where recovery re-synchronises after a broken declaration. */
export const DECLARATION_KEYWORDS: readonly TokenType[] = [...DECLARATION_WORDS].map((word) => K[word as KeywordWord]);

// ---------------------------------------------------------------- operators and punctuation

function operator(name: string, image: string, binary = false): TokenType {
  const escaped = image.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return createToken({ name, pattern: new RegExp(escaped), label: `\`${image}\``, categories: binary ? [BinaryOperator] : [] });
}

export const Arrow = operator('Arrow', '->');
export const EqualEqual = operator('EqualEqual', '==', true);
export const NotEqual = operator('NotEqual', '!=', true);
export const LessEqual = operator('LessEqual', '<=', true);
export const GreaterEqual = operator('GreaterEqual', '>=', true);
export const Less = operator('Less', '<', true);
export const Greater = operator('Greater', '>', true);
export const QuestionQuestion = operator('QuestionQuestion', '??', true);
export const Plus = operator('Plus', '+', true);
export const Minus = operator('Minus', '-', true);
export const Star = operator('Star', '*', true);
export const Slash = operator('Slash', '/', true);
export const Equals = operator('Equals', '=');
export const Colon = operator('Colon', ':');
export const Comma = operator('Comma', ',');
export const Dot = operator('Dot', '.');
export const Question = operator('Question', '?');
export const LParen = operator('LParen', '(');
export const RParen = operator('RParen', ')');
export const LCurly = operator('LCurly', '{');
export const RCurly = operator('RCurly', '}');

/** Keywords sorted longest first, so `recoverable` is tried before `recover`. */
const KEYWORDS_BY_LENGTH = [...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS]
  .sort((a, b) => b.length - a.length)
  .map((word) => K[word]);

/**
 * The vocabulary of the lexer, in matching order, as a chevrotain Lexer would take it: a
 * pattern per keyword, each with `longer_alt: Identifier`. scan.ts reads the same tokens by
 * hand (a word is an Identifier unless `keywordType` knows it); this list is its reference in
 * the tests and the definition of what it must do.
 */
export const KEYWORD_LEXER_TOKENS: readonly TokenType[] = [
  WhiteSpace, DocComment, LineComment, BlockComment, UnterminatedBlockComment,
  StringLiteral, UnterminatedString,
  DateLiteral, MoneyLiteral, PercentLiteral, NumberLiteral,
  ...KEYWORDS_BY_LENGTH, Identifier,
  Arrow, EqualEqual, NotEqual, LessEqual, GreaterEqual, Less, Greater, QuestionQuestion,
  Plus, Minus, Star, Slash, Equals, Colon, Comma, Dot, Question, LParen, RParen, LCurly, RCurly,
];

const KEYWORD_TYPES: ReadonlyMap<string, TokenType> = new Map([...RESERVED_KEYWORDS, ...CONTEXTUAL_KEYWORDS].map((word) => [word, K[word]]));

/** The keyword token type of a word the lexer read as an Identifier, or undefined for a plain name. */
export function keywordType(word: string): TokenType | undefined {
  return KEYWORD_TYPES.get(word);
}

/** The parser's vocabulary: what the lexer makes plus the categories and the placeholder. */
export const PARSER_TOKENS: readonly TokenType[] = [...KEYWORD_LEXER_TOKENS, BinaryOperator, ReservedName, ElidedGroup];

export type TokenClass =
  | 'keyword' | 'contextual-keyword' | 'identifier' | 'number' | 'percent' | 'money' | 'date' | 'string' | 'operator' | 'other';

/** How an editor should colour a token type (a contextual keyword may still be used as a name). */
export function tokenClass(type: TokenType): TokenClass {
  if (RESERVED_TOKEN_TYPES.has(type)) return 'keyword';
  if (CONTEXTUAL_TOKEN_TYPES.has(type)) return 'contextual-keyword';
  switch (type) {
    case Identifier: return 'identifier';
    case NumberLiteral: return 'number';
    case PercentLiteral: return 'percent';
    case MoneyLiteral: return 'money';
    case DateLiteral: return 'date';
    case StringLiteral:
    case UnterminatedString: return 'string';
    case ElidedGroup:
    case BinaryOperator:
    case ReservedName: return 'other';
    default: return 'operator';
  }
}
