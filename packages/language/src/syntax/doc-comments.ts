// Doc comments: which `///` lines belong to which declaration or input field. A run of `///`
// lines attaches to the node that follows it when only whitespace stands between them (a
// blank line included; another comment or code breaks the run). Used by cst-to-ast.ts.
import { docCommentText, type Comment } from './lexer';

/** Returns a lookup: the joined doc text just before an offset, or undefined. */
export function docCommentLookup(comments: readonly Comment[], text: string): (offset: number) => string | undefined {
  const isWhitespace = (from: number, to: number): boolean => /^\s*$/.test(text.slice(from, to));
  return (offset) => {
    let index = lastCommentBefore(comments, offset);
    const lines: string[] = [];
    let next = offset;
    while (index >= 0) {
      const comment = comments[index]!;
      if (comment.kind !== 'doc' || !isWhitespace(comment.span.end, next)) break;
      lines.push(docCommentText(comment));
      next = comment.span.start;
      index--;
    }
    return lines.length === 0 ? undefined : lines.reverse().join('\n');
  };
}

/** Index of the last comment that ends at or before `offset` (comments are in source order). */
function lastCommentBefore(comments: readonly Comment[], offset: number): number {
  let low = 0;
  let high = comments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (comments[middle]!.span.end <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
