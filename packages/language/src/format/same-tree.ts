// What formatting must not change, as comparable data: the AST without its spans, and the
// comments' texts in order. Pipeline: used after **text → formatted text** by format.ts (the
// safety check: a formatted plan must parse to the same tree) and by the formatter's tests.
import type { Comment } from '../syntax/lexer';
import type { PlanFile } from '../syntax/ast';

const SPAN_KEYS: ReadonlySet<string> = new Set(['span', 'keySpan', 'opSpan', 'rangeSpan', 'tableSpan', 'scopeSpan']);

/**
 * The AST as plain data with every span left out. Doc comment texts lose the spaces at the
 * ends of their lines, which the formatter removes.
 */
export function syntaxTreeShape(file: PlanFile): unknown {
  return withoutSpans(file);
}

function withoutSpans(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutSpans(item));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value)) {
      if (!SPAN_KEYS.has(name)) copy[name] = withoutSpans(field, name);
    }
    return copy;
  }
  if (key === 'doc' && typeof value === 'string') return trimLineEnds(value);
  return value;
}

/** Whether two parses hold the same tree, spans aside. */
export function sameSyntaxTree(a: PlanFile, b: PlanFile): boolean {
  return JSON.stringify(syntaxTreeShape(a)) === JSON.stringify(syntaxTreeShape(b));
}

/** The comments' texts in order, as the formatter keeps them (no spaces at line ends, `\n` line breaks). */
export function commentTexts(comments: readonly Comment[]): string[] {
  return comments.map((comment) => trimLineEnds(comment.text));
}

function trimLineEnds(text: string): string {
  return text.split(/\r\n?|\n/).map((part) => part.trimEnd()).join('\n');
}
