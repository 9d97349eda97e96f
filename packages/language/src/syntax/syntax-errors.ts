// Syntax error messages and their diagnostics (E003). The parser (parser.ts) asks this module
// for the words of each error as it meets it; parse.ts turns the errors it collected into
// diagnostics. Messages follow the catalogue's rule: lowercase, no final period, user text
// in backticks, e.g. "expected an expression, found `}`".
// The three E003s found while the AST is built (a reserved word as a name, `version` without
// a number, `else` among tiers) are made here too, for both parsers.
import { EOF, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic, type Fix } from '../diagnostics/diagnostic';
import type { Span } from './ast';
import { tokenSpan } from './lexer';
import { DECLARATION_KEYWORDS, ElidedGroup, Identifier, K, LCurly, RCurly, StringLiteral, tokenClass } from './tokens';

/** What may stand before the closing `}` of each block, for "expected X or `}`". */
const BLOCK_CONTENTS: Readonly<Record<string, string>> = {
  planDeclaration: 'a plan setting (`version`, `currency`, `period`, `effective`, `rounding`, `fiscal_year_start`)',
  enumDeclaration: '`,`',
  inputDeclaration: 'a field, `let` or `credit`',
  commissionDeclaration: 'a commission clause (`for`, `base`, `rate`, `gate`, `multiplier`, `accelerate`, `cap`)',
  bonusDeclaration: 'a bonus clause (`when`, `pay`, `once per year`)',
  spiffDeclaration: 'a spiff clause (`during`, `for`, `pay`)',
  clawbackDeclaration: 'a clawback clause (`for`, `recover`)',
  drawDeclaration: 'a draw clause (`pay`, `recoverable`)',
  rewardDeclaration: 'a reward clause (`when`, `for`, `grant`)',
  matchExpression: 'a match arm, `else`',
  bandsExpression: 'a band, `else`',
  tierTable: 'a tier',
};

/** Messages for a token missing at a known place, keyed by `rule.TokenName`. */
const MISSING_AT: Readonly<Record<string, string>> = {
  'planDeclaration.StringLiteral': 'expected the plan name, a string such as `"Sales FY2027"`',
  'planDeclaration.LCurly': 'expected `{` after the plan name',
  'enumDeclaration.LCurly': 'expected `{` after the enum name',
  'inputDeclaration.LCurly': 'expected `{` after the input name',
  'fieldDeclaration.Colon': 'expected `:` and a type after the field name',
  'typeReference.Identifier': 'expected a type',
  'accelerateClause.LCurly': 'expected `{` and the tiers',
  'tierTable.LCurly': 'expected `{` and the tiers',
  'matchExpression.LCurly': 'expected `{` after the value to match',
  'bandsExpression.LCurly': 'expected `{` after the value to band',
  'operand.Identifier': 'expected a field name after `.`',
};

export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    return `${expectedToken(expected, actual, previous, ruleName)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected a declaration, found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, customUserDescription }) {
    const expected = customUserDescription ?? listFirstTokens(expectedPathsPerAlt.flat());
    return `expected ${expected}${afterKeyword(previous)}, found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription }) {
    const expected = customUserDescription ?? listFirstTokens(expectedIterationPaths);
    return `expected ${expected}, found ${describeToken(actual[0])}`;
  },
};

/** The E003 diagnostics for the parser's errors: one per position, in source order. */
export function syntaxDiagnostics(errors: readonly IRecognitionException[], text: string): Diagnostic[] {
  const seen = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    // A group cut out for nesting too deeply was reported already (E006).
    if (error.token.tokenType === ElidedGroup) continue;
    const span = errorSpan(error, text);
    if (seen.has(span.start)) continue;
    seen.add(span.start);
    diagnostics.push(diagnostic('E003', error.message, span, lowercaseCurrency(error, text)));
  }
  return diagnostics;
}

/**
 * `500 usd`: three lower-case letters right after a number, on its line, are a currency code
 * written in small letters (a Money literal needs capitals); say so, with the fix.
 */
function lowercaseCurrency(error: IRecognitionException, text: string): { help?: string; fixes?: Fix[] } {
  const { token } = error;
  if (token.tokenType !== Identifier || !/^[a-z]{3}$/.test(token.image)) return {};
  const before = /(?:^|[^\w.])(\d[\d_]*(?:\.[\d_]+)?)[ \t]+$/.exec(text.slice(Math.max(0, token.startOffset - 80), token.startOffset));
  if (!before) return {};
  const code = token.image.toUpperCase();
  return {
    help: `currency codes are written in capitals: \`${before[1]} ${code}\``,
    fixes: [{ title: `Change to ${code}`, edits: [{ span: tokenSpan(token), newText: code }] }],
  };
}

/** Describes a token found where it does not belong. */
export function describeToken(token: IToken | undefined): string {
  if (token === undefined || token.tokenType === EOF) return 'the end of the file';
  if (token.tokenType === ElidedGroup) return 'a group nested too deeply';
  const image = token.image.length <= 30 ? token.image : `${token.image.slice(0, 30)}…`;
  return `\`${image}\``;
}

function expectedToken(expected: TokenType, actual: IToken | undefined, previous: IToken | undefined, ruleName: string): string {
  if (expected === EOF) return 'expected a declaration';
  if (ruleName === 'recordSelection' && expected === Identifier) {
    const afterIn = previous !== undefined && (previous.tokenType === K.in || previous.tokenType === K.all);
    return afterIn ? 'expected the name of an input' : 'expected a name for each record, as in `for d in deals`';
  }
  const known = MISSING_AT[`${ruleName}.${expected.name}`];
  if (known !== undefined) return known;
  const contents = BLOCK_CONTENTS[ruleName];
  if (expected === RCurly && contents !== undefined) {
    const startsDeclaration = actual !== undefined && DECLARATION_KEYWORDS.includes(actual.tokenType);
    return startsDeclaration ? `expected \`}\` to close the ${ruleName.replace(/Declaration$|Expression$|Table$/, '')}` : `expected ${contents} or \`}\``;
  }
  return `expected ${label(expected)}${afterKeyword(previous)}`;
}

/** " after `let`" when the token before the error is a keyword, which says where we are. */
function afterKeyword(previous: IToken | undefined): string {
  return previous !== undefined && isKeyword(previous.tokenType) ? ` after \`${previous.image}\`` : '';
}

function listFirstTokens(paths: readonly (readonly TokenType[])[]): string {
  const labels = [...new Set(paths.filter((path) => path.length > 0).map((path) => label(path[0]!)))];
  if (labels.length === 0) return 'something else';
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function label(type: TokenType): string {
  if (type === Identifier) return 'a name';
  if (type === StringLiteral) return 'a string';
  if (type === LCurly) return '`{`';
  return type.LABEL ?? type.name;
}

/**
 * Where a syntax error is shown: on the token found, or — when a line break separates it from
 * the token before (something is missing at the end of a line: `effective 2027-01-01` without
 * `to …`) — just after the token before, on the line where the thing is missing, as compilers
 * place "expected …"; except a missing `}`.
 */
function errorSpan(error: IRecognitionException, text: string): Span {
  const { token } = error;
  const previous = (error as { previousToken?: IToken }).previousToken;
  const real = (t: IToken | undefined): t is IToken => t !== undefined && t.tokenType !== EOF && Number.isFinite(t.startOffset) && t.startOffset >= 0;
  const afterPrevious = real(previous) && previous.endOffset !== undefined ? previous.endOffset + 1 : undefined;
  const at = real(token) ? token.startOffset : text.length;
  // a missing `}` is shown where the next thing begins instead: that is where the block should have closed
  const missingBrace = error.message.startsWith('expected `}`');
  if (!missingBrace && afterPrevious !== undefined && afterPrevious <= at && /[\r\n]/.test(text.slice(afterPrevious, at))) return { start: afterPrevious, end: afterPrevious };
  return real(token) ? tokenSpan(token) : { start: text.length, end: text.length };
}

function isKeyword(type: TokenType): boolean {
  const kind = tokenClass(type);
  return kind === 'keyword' || kind === 'contextual-keyword';
}

// ---------------------------------------------------------------- while building the AST

// What is wrong in a file the grammar reads without error, found while its AST is built, by
// cst-to-ast.ts and by direct-parser.ts alike.

/** A reserved word where a declaration, field or enum value names something. */
export function reservedWordUsedAsName(token: IToken): Diagnostic {
  return diagnostic('E003', `\`${token.image}\` is a reserved word`, tokenSpan(token), {
    help: `choose another name, such as \`${token.image}_name\``,
  });
}

/** `version` with nothing after it on its line; `at` is where the keyword ends. */
export function missingVersionNumber(at: number): Diagnostic {
  return diagnostic('E003', 'expected a version number after `version`', { start: at, end: at }, { help: 'for example `version 1`' });
}

/** An `else` row in an accelerator's tier table. */
export function elseInTiers(elseToken: IToken): Diagnostic {
  return diagnostic('E003', 'accelerator tiers cannot have `else`', tokenSpan(elseToken), {
    help: 'start the first tier at `0%` and end the last one with `up`, as in `150% up -> 2`',
  });
}
