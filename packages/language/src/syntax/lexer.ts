// The lexer: source text → tokens, comments and lexical diagnostics (E001, E002, E005).
// Pipeline: text → **tokens** → CST → AST. The parser sees only the tokens; comments are kept
// apart for doc comments and the formatter; the language server uses `tokenize` for
// semantic highlighting. Lexing never stops: an unknown character is reported and skipped.
import type { ILexingError, IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { Span } from './ast';
import { scan } from './scan';
import { DocComment, LineComment, StringLiteral, UnterminatedBlockComment, UnterminatedString } from './tokens';

export { RESERVED_KEYWORDS, CONTEXTUAL_KEYWORDS, BUILTIN_NAMES, tokenClass, type TokenClass } from './tokens';

/** A comment, kept out of the token stream. `text` is the comment as written, delimiters included. */
export interface Comment {
  readonly kind: 'line' | 'block' | 'doc';
  readonly text: string;
  readonly span: Span;
}

export interface LexResult {
  /** The tokens the parser reads, in order, without whitespace and comments. */
  readonly tokens: IToken[];
  readonly comments: Comment[];
  readonly diagnostics: Diagnostic[];
}

/** Splits source text into tokens and comments. Never throws. */
export function tokenize(text: string): LexResult {
  const result = scan(text);
  const diagnostics: Diagnostic[] = result.errors.map((error) => unexpectedCharacters(text, error));
  const comments: Comment[] = [];
  for (const token of result.comments) {
    comments.push(toComment(token));
    if (token.tokenType === UnterminatedBlockComment) {
      diagnostics.push(diagnostic('E002', 'unterminated block comment', { start: token.startOffset, end: token.startOffset + 2 }, {
        help: 'close it with `*/`',
      }));
    }
  }
  // indexed loops: a for-of over twenty thousand tokens makes an object per step until optimised
  for (let index = 0; index < result.tokens.length; index++) {
    const token = result.tokens[index]!;
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(diagnostic('E002', 'unterminated string', tokenSpan(token), { help: 'close it with `"` on the same line' }));
    }
    if (token.tokenType === StringLiteral || token.tokenType === UnterminatedString) {
      diagnostics.push(...invalidEscapes(token));
    }
  }
  return { tokens: result.tokens, comments, diagnostics };
}

/** The value of a string token: quotes removed, `\"` and `\\` resolved; other escapes kept as written. */
export function stringValue(token: IToken): string {
  const closed = token.tokenType === StringLiteral;
  const body = token.image.slice(1, closed ? -1 : undefined);
  return body.replace(/\\(["\\])/g, '$1');
}

/** The text of a doc comment line: what follows `///`, one leading space removed. */
export function docCommentText(comment: Comment): string {
  const body = comment.text.slice(3);
  return body.startsWith(' ') ? body.slice(1) : body;
}

export function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: tokenEnd(token) };
}

/** The offset just past a token (its span's end, without making the span). */
export function tokenEnd(token: IToken): number {
  return (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
}

function toComment(token: IToken): Comment {
  const kind = token.tokenType === DocComment ? 'doc' : token.tokenType === LineComment ? 'line' : 'block';
  return { kind, text: token.image, span: tokenSpan(token) };
}

function unexpectedCharacters(text: string, error: ILexingError): Diagnostic {
  const span = { start: error.offset, end: error.offset + error.length };
  const found = text.slice(span.start, span.end);
  const message = found.length === 1 ? `unexpected character \`${found}\`` : `unexpected characters \`${shorten(found)}\``;
  return diagnostic('E001', message, span);
}

function invalidEscapes(token: IToken): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const escape = /\\(.)?/g;
  for (let match = escape.exec(token.image); match !== null; match = escape.exec(token.image)) {
    const escaped = match[1];
    if (escaped === undefined || escaped === '"' || escaped === '\\') continue;
    const start = token.startOffset + match.index;
    diagnostics.push(diagnostic('E005', `unknown escape \`${match[0]}\` in a string`, { start, end: start + match[0].length }, {
      help: 'the escapes are `\\"` and `\\\\`',
    }));
  }
  return diagnostics;
}

function shorten(text: string): string {
  return text.length <= 20 ? text : `${text.slice(0, 20)}…`;
}
