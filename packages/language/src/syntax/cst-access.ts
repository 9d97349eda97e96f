// Reading the CST that parser.ts builds: children by name, real tokens versus the ones
// recovery invented, spans, and the context the CST → AST builders share (diagnostics, doc
// comments, expression depth). Used by cst-to-ast.ts and cst-to-ast-expressions.ts only.
import type { CstNode, IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Identifier, Span } from './ast';
import { tokenEnd, tokenSpan } from './lexer';
import { reservedWordUsedAsName } from './syntax-errors';

export interface BuildContext {
  readonly diagnostics: Diagnostic[];
  /** The `///` text just before `offset`, or undefined. */
  readonly docAt: (offset: number) => string | undefined;
  /** Depth of each expression built so far, to refuse trees deeper than the limit (E006). */
  readonly depths: Map<object, number>;
}

/** What a node without a child of some name has under it: one shared empty list, not a new one each time. */
const NONE: readonly never[] = Object.freeze([]);

export function childNodes(node: CstNode | undefined, key: string): readonly CstNode[] {
  return (node?.children[key] as CstNode[] | undefined) ?? NONE;
}

export function childNode(node: CstNode | undefined, key: string, index = 0): CstNode | undefined {
  return childNodes(node, key)[index];
}

/** The tokens under `key`, including those recovery inserted (see `isRealToken`). */
export function childTokens(node: CstNode | undefined, key: string): readonly IToken[] {
  return (node?.children[key] as IToken[] | undefined) ?? NONE;
}

/** The tokens under `key` that are in the source text. */
export function realTokens(node: CstNode | undefined, key: string): readonly IToken[] {
  const tokens = childTokens(node, key);
  return tokens.length === 0 ? NONE : tokens.filter(isRealToken);
}

/** The token under `key` if it is in the source text (not invented by recovery). */
export function realToken(node: CstNode | undefined, key: string, index = 0): IToken | undefined {
  const token = childTokens(node, key)[index];
  return isRealToken(token) ? token : undefined;
}

export function isRealToken(token: IToken | undefined): token is IToken {
  return token !== undefined && token.isInsertedInRecovery !== true && token.startOffset >= 0;
}

/** The span of the source tokens under a CST node; undefined when recovery left it empty. */
export function nodeSpan(node: CstNode | undefined): Span | undefined {
  const location = node?.location;
  if (location === undefined || location.startOffset < 0 || location.endOffset === undefined) return undefined;
  return { start: location.startOffset, end: location.endOffset + 1 };
}

export function emptySpanAt(offset: number): Span {
  return { start: offset, end: offset };
}

export function joinSpans(first: Span, last: Span): Span {
  return { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
}

/** End offset of the last real token among the candidates (up to three), or `fallback`. */
export function endAfter(fallback: number, first?: IToken, second?: IToken, third?: IToken): number {
  let end = fallback;
  if (isRealToken(first)) end = Math.max(end, tokenEnd(first));
  if (isRealToken(second)) end = Math.max(end, tokenEnd(second));
  if (isRealToken(third)) end = Math.max(end, tokenEnd(third));
  return end;
}

/** An Identifier from a name token; a missing name (recovery) is `''` at `after`. */
export function identifierFrom(token: IToken | undefined, after: number): Identifier {
  if (!isRealToken(token)) return { kind: 'Identifier', name: '', span: emptySpanAt(after) };
  return { kind: 'Identifier', name: token.image, span: tokenSpan(token) };
}

/** The name under a `declaredName` child; a reserved word there is reported (E003) and kept. */
export function declaredName(parent: CstNode | undefined, key: string, after: number, ctx: BuildContext, index = 0): Identifier {
  const node = childNode(parent, key, index);
  const reserved = realToken(node, 'ReservedName');
  if (reserved !== undefined) {
    ctx.diagnostics.push(reservedWordUsedAsName(reserved));
  }
  return identifierFrom(realToken(node, 'Identifier') ?? reserved, after);
}

/** The CST children of a block under any of `keys`, in source order (the CST groups them by rule name). */
export function childrenInSourceOrder(node: CstNode | undefined, keys: ReadonlySet<string>): { key: string; node: CstNode }[] {
  const found: { key: string; node: CstNode }[] = [];
  for (const key in node?.children) {
    if (!keys.has(key)) continue;
    for (const child of childNodes(node, key)) found.push({ key, node: child });
  }
  return found.sort((a, b) => (a.node.location?.startOffset ?? 0) - (b.node.location?.startOffset ?? 0));
}
