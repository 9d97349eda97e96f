// The formatter's view of the source: the token stream, walked in step with the printers, and
// the comments between tokens. Pipeline: text → tokens (lexer.ts) → **cursor** → doc. Every
// token the printers emit is taken from here and checked against the source, so the output
// holds exactly the source's tokens in the source's order; the comments in the gap before a
// token come out with it, each placed as written (at the end of a line, or on its own line).
import { tokenize, tokenSpan, type Comment } from '../syntax/lexer';
import { blankline, hardline, type Doc } from './doc';

/** Raised when the printers and the source disagree: a bug in the formatter, never bad input. */
export class FormatterBug extends Error {}

interface SourceToken {
  readonly image: string;
  readonly start: number;
  readonly end: number;
}

/** A comment with its place relative to what precedes it in the source. */
interface GapComment {
  readonly comment: Comment;
  /** It follows a token or comment on the same line. */
  readonly trailing: boolean;
  /** An empty line separates it from what precedes it. */
  readonly blankBefore: boolean;
}

/** The comments before one token (or before the end of the file). */
interface Gap {
  readonly comments: readonly GapComment[];
  /** An empty line separates the token from the comment or token before it. */
  readonly blankBeforeToken: boolean;
  taken: boolean;
}

/** Where a list gap sits: where separators and blank lines go depends on it. */
export interface ListPosition {
  /** Nothing of the list is printed yet (just after `{`, or the file's start). */
  readonly first: boolean;
  /** The gap ends the list (before `}`, or the file's end). */
  readonly last: boolean;
  /** Line breaks before the first item: none at the file's start, one after `{`. */
  readonly atFileStart?: boolean;
  /** Keep an empty line the user left (at most one). */
  readonly keepBlankLines: boolean;
  /** Always put an empty line before this item (around block declarations). */
  readonly forceBlank?: boolean;
}

export interface Cursor {
  /** The next token, checked to read `expected`, with the comments before it. */
  token(expected: string): Doc;
  /** The next token, printed as `print(image)`; `accepts` checks its image. */
  literal(accepts: (image: string) => boolean, print: (image: string) => string): Doc;
  /** Skips the next token (a trailing comma), keeping the comments before it. */
  skip(expected: string): Doc;
  /** The image of the next token, if any. */
  peek(): string | undefined;
  /** The comments before the next token, taken now so that they print inside a body. */
  commentsBefore(): Doc;
  /** Whether comments stand before the next token. */
  hasCommentsBefore(): boolean;
  /**
   * The separator and the comments before the next item of a list (declarations, clauses,
   * fields, rows) or before the list's end: the token itself is left for `token`.
   */
  listGap(position: ListPosition): Doc;
  /** Whether every token has been printed. */
  atEnd(): boolean;
}

export function createCursor(text: string): Cursor {
  const lexed = tokenize(text);
  const tokens: SourceToken[] = lexed.tokens.map((token) => ({ image: token.image, ...tokenSpan(token) }));
  const gaps = collectGaps(text, tokens, lexed.comments);
  let index = 0;

  const next = (expected: string, accepts: (image: string) => boolean): SourceToken => {
    const token = tokens[index];
    if (token === undefined || !accepts(token.image)) {
      throw new FormatterBug(`expected \`${expected}\` at token ${index}, found \`${token?.image ?? 'the end of the file'}\``);
    }
    return token;
  };
  const take = (expected: string, accepts: (image: string) => boolean, print: (image: string) => string): Doc => {
    const token = next(expected, accepts);
    const comments = inlineComments(gaps[index]!);
    index++;
    return [...comments, print(token.image)];
  };

  return {
    token: (expected) => take(expected, (image) => image === expected, () => expected),
    literal: (accepts, print) => take('a literal', accepts, print),
    skip: (expected) => {
      next(expected, (image) => image === expected);
      const comments = inlineComments(gaps[index]!);
      index++;
      return comments;
    },
    peek: () => tokens[index]?.image,
    commentsBefore: () => inlineComments(gaps[index]!),
    hasCommentsBefore: () => !gaps[index]!.taken && gaps[index]!.comments.length > 0,
    listGap: (position) => listGap(gaps[index]!, position),
    atEnd: () => index === tokens.length,
  };
}

// ---------------------------------------------------------------- gaps

function collectGaps(text: string, tokens: readonly SourceToken[], comments: readonly Comment[]): Gap[] {
  const gaps: Gap[] = [];
  let commentIndex = 0;
  let previousEnd: number | undefined;
  for (let index = 0; index <= tokens.length; index++) {
    const limit = tokens[index]?.start ?? Infinity;
    const inGap: GapComment[] = [];
    while (commentIndex < comments.length && comments[commentIndex]!.span.start < limit) {
      const comment = comments[commentIndex++]!;
      const between = previousEnd === undefined ? '' : text.slice(previousEnd, comment.span.start);
      inGap.push({ comment, trailing: previousEnd !== undefined && newlines(between) === 0, blankBefore: newlines(between) >= 2 });
      previousEnd = comment.span.end;
    }
    const token = tokens[index];
    const blankBeforeToken = token !== undefined && previousEnd !== undefined && newlines(text.slice(previousEnd, token.start)) >= 2;
    gaps.push({ comments: inGap, blankBeforeToken, taken: false });
    if (token !== undefined) previousEnd = token.end;
  }
  return gaps;
}

/** Line breaks in whitespace, counted as the lexer counts them: `\r\n`, `\r` or `\n`. */
function newlines(whitespace: string): number {
  return whitespace.match(/\r\n?|\n/g)?.length ?? 0;
}

function commentDoc(gapComment: GapComment, forceOwnLine = false): Doc {
  const { comment, trailing } = gapComment;
  return { kind: 'comment', text: comment.text, placement: trailing && !forceOwnLine ? 'trailing' : 'ownLine', block: comment.kind === 'block' };
}

/** The comments before a token inside a line: no blank lines kept. */
function inlineComments(gap: Gap): Doc[] {
  if (gap.taken) return [];
  gap.taken = true;
  return gap.comments.map((comment) => commentDoc(comment));
}

/**
 * Trailing comments stay on the line before; then comes the separator (a line break, or an
 * empty line where the user left one or the list asks for one), then each own-line comment
 * with the empty line the user left before it, then the line break before the token.
 */
function listGap(gap: Gap, position: ListPosition): Doc {
  if (gap.taken) return [];
  gap.taken = true;
  const docs: Doc[] = [];
  let separated = false;
  const separator = (blankBefore: boolean, isToken: boolean): Doc | undefined => {
    const first = !separated;
    separated = true;
    if (first && position.first) return position.atFileStart ? undefined : hardline;
    if (isToken && position.last) return hardline;
    if (first && position.forceBlank) return blankline;
    return blankBefore && position.keepBlankLines ? blankline : hardline;
  };
  for (const gapComment of gap.comments) {
    if (gapComment.trailing) {
      docs.push(commentDoc(gapComment));
      continue;
    }
    const before = separator(gapComment.blankBefore, false);
    if (before !== undefined) docs.push(before);
    docs.push(commentDoc(gapComment, true));
  }
  const before = separator(gap.blankBeforeToken, true);
  if (before !== undefined) docs.push(before);
  return docs;
}
