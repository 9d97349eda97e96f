// The scanner: text → chevrotain tokens, by hand. It reads what a chevrotain Lexer built from
// KEYWORD_LEXER_TOKENS (tokens.ts) reads, token for token (types, images, offsets, lines,
// columns), comment for comment and error for error — a test compares the two on the fixtures,
// the examples and random text — but looks at each character once instead of trying a
// regular expression per candidate token type, and builds no lexer at start-up. Only the
// number-like literals, whose patterns overlap, are matched with (sticky) regular expressions.
// Used by lexer.ts, which turns the result into diagnostics.
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import {
  Arrow, BlockComment, Colon, Comma, DateLiteral, DocComment, Dot, EqualEqual, Equals, Greater, GreaterEqual, Identifier,
  keywordType, LCurly, Less, LessEqual, LineComment, LParen, Minus, MoneyLiteral, NotEqual, NumberLiteral, PercentLiteral, Plus,
  Question, QuestionQuestion, RCurly, RParen, Slash, Star, StringLiteral, UnterminatedBlockComment, UnterminatedString,
} from './tokens';

export interface ScanResult {
  /** The tokens the parser reads, in order. */
  readonly tokens: IToken[];
  /** Comments (line, doc and block, terminated or not), in order. */
  readonly comments: IToken[];
  /** Runs of characters no token starts with, as chevrotain reports them. */
  readonly errors: ILexingError[];
}

// The patterns of tokens.ts for what starts with a digit or a quote, tried in the lexer's order.
const DATE = /\d{4}-\d{2}-\d{2}/y;
const MONEY = /\d[\d_]*(?:\.[\d_]+)?[ \t]+[A-Z]{3}(?![A-Za-z0-9_])/y;
const PERCENT = /\d[\d_]*(?:\.[\d_]+)?%/y;
const NUMBER = /\d[\d_]*(?:\.[\d_]+)?/y;
const NUMBER_LIKE: readonly [RegExp, TokenType][] = [[DATE, DateLiteral], [MONEY, MoneyLiteral], [PERCENT, PercentLiteral], [NUMBER, NumberLiteral]];
const STRING = /"(?:[^"\\\r\n]|\\[^\r\n])*"/y;
const UNTERMINATED_STRING = /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/y;

const enum Char {
  Tab = 9, LineFeed = 10, CarriageReturn = 13, Space = 32, Bang = 33, Quote = 34,
  LParen = 40, RParen = 41, Star = 42, Plus = 43, Comma = 44, Minus = 45, Dot = 46, Slash = 47, Zero = 48, Nine = 57,
  Colon = 58, Less = 60, Equals = 61, Greater = 62, Question = 63, UpperA = 65, UpperZ = 90, Underscore = 95, LowerA = 97,
  LowerZ = 122, LCurly = 123, RCurly = 125, ByteOrderMark = 0xfeff,
}

function isWhitespace(c: number): boolean {
  return c === Char.Space || (c >= Char.Tab && c <= Char.CarriageReturn) || c === Char.ByteOrderMark;
}

function isNameStart(c: number): boolean {
  return (c >= Char.LowerA && c <= Char.LowerZ) || (c >= Char.UpperA && c <= Char.UpperZ) || c === Char.Underscore;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= Char.Zero && c <= Char.Nine);
}

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

/** The one- and two-character operators starting with `c` (the longer first), or undefined. */
function operatorAt(text: string, offset: number, c: number): TokenType | undefined {
  const next = text.charCodeAt(offset + 1);
  switch (c) {
    case Char.Minus: return next === Char.Greater ? Arrow : Minus;
    case Char.Equals: return next === Char.Equals ? EqualEqual : Equals;
    case Char.Bang: return next === Char.Equals ? NotEqual : undefined;
    case Char.Less: return next === Char.Equals ? LessEqual : Less;
    case Char.Greater: return next === Char.Equals ? GreaterEqual : Greater;
    case Char.Question: return next === Char.Question ? QuestionQuestion : Question;
    case Char.Plus: return Plus;
    case Char.Star: return Star;
    case Char.Slash: return Slash;
    case Char.Colon: return Colon;
    case Char.Comma: return Comma;
    case Char.Dot: return Dot;
    case Char.LParen: return LParen;
    case Char.RParen: return RParen;
    case Char.LCurly: return LCurly;
    case Char.RCurly: return RCurly;
    default: return undefined;
  }
}

const TWO_CHARACTERS: ReadonlySet<TokenType> = new Set([Arrow, EqualEqual, NotEqual, LessEqual, GreaterEqual, QuestionQuestion]);

/** Some token starts at `offset` (where an unexpected run of characters ends). */
function startsToken(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return isWhitespace(c) || isNameStart(c) || isDigit(c) || c === Char.Quote || operatorAt(text, offset, c) !== undefined;
}

function matchLength(pattern: RegExp, text: string, offset: number): number {
  pattern.lastIndex = offset;
  return pattern.test(text) ? pattern.lastIndex - offset : -1;
}

/** The text tokens are read from, with where its lines start (worked out when a token's line is first asked). */
class Source {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string) {}

  /** The start of the line `offset` is on, and its number (1-based); a break is `\n`, `\r\n` or `\r`. */
  line(offset: number): { readonly number: number; readonly start: number } {
    const starts = (this.lineStarts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { number: low + 1, start: starts[low]! };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const c = text.charCodeAt(index);
    if (c === Char.LineFeed) starts.push(index + 1);
    else if (c === Char.CarriageReturn) {
      if (text.charCodeAt(index + 1) === Char.LineFeed) index++;
      starts.push(index + 1);
    }
  }
  return starts;
}

/**
 * A token of one line (every token the parser reads, and line comments), as small as it can be: its image, line and
 * columns are worked out from its offsets when read. Tokens live as long as parsing does, and
 * the young generation copies whatever lives; chevrotain's own tokens carry nine fields and a
 * string each. Lines and columns count as chevrotain's do (a test compares them).
 */
class ScannedToken implements IToken {
  readonly tokenTypeIdx: number;

  constructor(
    readonly startOffset: number,
    readonly endOffset: number,
    readonly tokenType: TokenType,
    private readonly source: Source,
  ) {
    this.tokenTypeIdx = tokenType.tokenTypeIdx!;
  }

  get image(): string {
    return this.source.text.substring(this.startOffset, this.endOffset + 1);
  }

  get startLine(): number {
    return this.source.line(this.startOffset).number;
  }

  get endLine(): number {
    return this.startLine;
  }

  get startColumn(): number {
    return this.startOffset - this.source.line(this.startOffset).start + 1;
  }

  get endColumn(): number {
    return this.startColumn + this.endOffset - this.startOffset;
  }
}

/**
 * A block comment, which may span lines, with the end chevrotain gives such a token: the line
 * and column of its last character, except that a line break ending it is on its own line at
 * column 1, and a single break ending it leaves its end column where a one-line token's would be.
 */
function blockComment(type: TokenType, start: number, end: number, source: Source): IToken {
  const first = source.line(start);
  const last = source.line(end - 1);
  const breaks = source.line(end).number - first.number;
  const endsInBreak = last.number < first.number + breaks;
  const oneLine = breaks === 0 || (breaks === 1 && endsInBreak);
  const startColumn = start - first.start + 1;
  return {
    image: source.text.substring(start, end), startOffset: start, endOffset: end - 1, startLine: first.number,
    endLine: last.number, startColumn,
    endColumn: oneLine ? startColumn + end - start - 1 : endsInBreak ? 1 : end - last.start,
    tokenTypeIdx: type.tokenTypeIdx!, tokenType: type,
  };
}

export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: ILexingError[] = [];
  const source = new Source(text);
  const length = text.length;
  let offset = 0;
  while (offset < length) {
    const c = text.charCodeAt(offset);
    let type: TokenType | undefined;
    let end = offset + 1;
    if (isWhitespace(c)) {
      while (end < length && isWhitespace(text.charCodeAt(end))) end++;
      offset = end;
      continue;
    }
    if (isNameStart(c)) {
      while (end < length && isNamePart(text.charCodeAt(end))) end++;
      type = keywordType(text.substring(offset, end)) ?? Identifier;
    } else if (isDigit(c)) {
      for (let index = 0; index < NUMBER_LIKE.length && type === undefined; index++) {
        const size = matchLength(NUMBER_LIKE[index]![0], text, offset);
        if (size === -1) continue;
        type = NUMBER_LIKE[index]![1];
        end = offset + size;
      }
    } else if (c === Char.Quote) {
      const closed = matchLength(STRING, text, offset);
      type = closed !== -1 ? StringLiteral : UnterminatedString;
      end = offset + (closed !== -1 ? closed : matchLength(UNTERMINATED_STRING, text, offset));
    } else if (c === Char.Slash && text.charCodeAt(offset + 1) === Char.Slash) {
      end = offset + 2;
      while (end < length && text.charCodeAt(end) !== Char.LineFeed && text.charCodeAt(end) !== Char.CarriageReturn) end++;
      const doc = text.charCodeAt(offset + 2) === Char.Slash && text.charCodeAt(offset + 3) !== Char.Slash;
      comments.push(new ScannedToken(offset, end - 1, doc ? DocComment : LineComment, source));
      offset = end;
      continue;
    } else if (c === Char.Slash && text.charCodeAt(offset + 1) === Char.Star) {
      const close = text.indexOf('*/', offset + 2);
      end = close === -1 ? length : close + 2;
      comments.push(blockComment(close === -1 ? UnterminatedBlockComment : BlockComment, offset, end, source));
      offset = end;
      continue;
    } else {
      type = operatorAt(text, offset, c);
      if (type !== undefined && TWO_CHARACTERS.has(type)) end = offset + 2;
    }
    if (type !== undefined) {
      tokens.push(new ScannedToken(offset, end - 1, type, source));
      offset = end;
      continue;
    }
    // No token starts here: skip to where one does, and report the run.
    const start = offset;
    do offset++; while (offset < length && !startsToken(text, offset));
    const line = source.line(start);
    errors.push({
      offset: start, line: line.number, column: start - line.start + 1, length: offset - start,
      message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${offset - start} characters.`,
    });
  }
  return { tokens, comments, errors };
}
