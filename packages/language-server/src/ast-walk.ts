// Generic traversal of the core's AST for the editor features: children of any node, a walk,
// and the chain of nodes under the cursor. The AST is plain data in which every node has a
// `kind` and a `span`, so children are found by shape rather than listed per node kind: a new
// node kind in the core needs no change here.
import type { Node, PlanFile, Span } from '@incent/language';

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && 'span' in value;
}

/** The direct children of a node, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key in node) {
    if (key === 'span') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** Visits every node depth first; `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (node: Node, parent: Node | undefined) => boolean | void, parent?: Node): void {
  if (visit(node, parent) === false) return;
  for (const child of children(node)) walk(child, visit, node);
}

/**
 * The nodes whose span holds `offset`, outermost first. With `touching`, a node that ends
 * exactly at the offset counts (the cursor just after a name); otherwise the offset must be a
 * character inside the node.
 */
export function nodesAt(file: PlanFile, offset: number, touching = false): Node[] {
  const path: Node[] = [file];
  const inside = (span: Span) => span.start <= offset && (offset < span.end || (touching && offset === span.end));
  let current: Node = file;
  for (;;) {
    const candidates: Node[] = children(current).filter((c) => inside(c.span));
    if (candidates.length === 0) return path;
    // prefer the node that contains the offset strictly over one that only touches it
    const next: Node = candidates.find((c) => offset < c.span.end) ?? candidates[candidates.length - 1]!;
    path.push(next);
    current = next;
  }
}

/** The innermost node of one of `kinds` under the cursor. */
export function innermost<K extends Node['kind']>(path: readonly Node[], ...kinds: K[]): Extract<Node, { kind: K }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    if ((kinds as string[]).includes(node.kind)) return node as Extract<Node, { kind: K }>;
  }
  return undefined;
}
