// Cycle detection between lets, measures and derived fields (spec §4: "cycles are an error
// that names the whole cycle"). References inside `prior(…)` are not edges: they read the
// previous period. Pipeline: checker → **cycles**.
import { diagnostic } from '../diagnostics/diagnostic';
import type { Span } from '../syntax/ast';
import type { CheckState } from './state';

type Graph = ReadonlyMap<string, readonly { target: string; span: Span }[]>;

/**
 * Reports each dependency cycle at every member, each message naming the whole cycle from that
 * member. A cycle of more than MAX_MEMBERS_REPORTED declarations (only generated plans have
 * them) is reported once, at its first member: one message per member, each naming every
 * member, would grow with the square of its length.
 */
export function findCycles(state: CheckState): void {
  const { dependencies } = state;
  const reported = new Set<string>();
  const component = stronglyConnected(dependencies);
  // only a node in a strongly connected component with a cycle can start one
  const nodes = [...dependencies.keys()].filter((n) => component.get(n)!.cyclic).sort((a, b) => declSpan(state, a).start - declSpan(state, b).start);
  const simpleDone = new Set<number>();
  for (const start of nodes) {
    // in a component that is one simple cycle, every start finds the same cycle: search once
    const { id: group, simple } = component.get(start)!;
    if (simple && simpleDone.has(group)) continue;
    if (simple) simpleDone.add(group);
    const cycle = cycleThrough(start, dependencies, component);
    if (!cycle) continue;
    const members = cycle.slice(0, -1);
    const id = [...members].sort().join('|');
    if (reported.has(id)) continue;
    reported.add(id);
    const at = members.length > MAX_MEMBERS_REPORTED ? members.slice(0, 1) : members;
    at.forEach((member, i) => {
      const rotated = [...members.slice(i), ...members.slice(0, i), member];
      state.diagnostics.push(diagnostic('E113', `${kindWord(member)} \`${displayName(member)}\` depends on itself: ${rotated.map((n) => `\`${displayName(n)}\``).join(' → ')}`, declSpan(state, member), {
        related: rotated.slice(1, -1).map((m) => ({ span: declSpan(state, m), message: `\`${displayName(m)}\` is part of the cycle` })),
        help: 'break the cycle: one of these must be computed without the others',
      }));
    });
  }
}

const MAX_MEMBERS_REPORTED = 50;

/**
 * The first cycle back to `start` in a depth-first search that follows edges in order, as a path
 * ending where it began; undefined if there is none. Iterative (a chain of 10,000 lets must not
 * overflow the stack) and confined to start's strongly connected component, outside which no
 * path leads back.
 */
function cycleThrough(start: string, graph: Graph, component: ReadonlyMap<string, { id: number }>): string[] | undefined {
  const home = component.get(start)!.id;
  const path: string[] = [start];
  const onPath = new Set<string>([start]);
  const visited = new Set<string>([start]);
  const stack: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edges = graph.get(top.node) ?? [];
    if (top.edge >= edges.length) {
      stack.pop();
      path.pop();
      onPath.delete(top.node);
      continue;
    }
    const next = edges[top.edge++]!.target;
    if (onPath.has(next)) {
      if (next === start) return [...path, next];
      continue;
    }
    if (visited.has(next) || component.get(next)?.id !== home) continue;
    visited.add(next);
    onPath.add(next);
    path.push(next);
    stack.push({ node: next, edge: 0 });
  }
  return undefined;
}

/** Tarjan's strongly connected components, without recursion; `cyclic` when a component holds a cycle, `simple` when it is one cycle. */
function stronglyConnected(graph: Graph): Map<string, { id: number; cyclic: boolean; simple: boolean }> {
  const result = new Map<string, { id: number; cyclic: boolean; simple: boolean }>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const members: string[] = [];
  let counter = 0, components = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, counter); low.set(root, counter); counter++;
    members.push(root); onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const next = edges[top.edge++]!.target;
        if (!index.has(next)) {
          index.set(next, counter); low.set(next, counter); counter++;
          members.push(next); onStack.add(next);
          work.push({ node: next, edge: 0 });
        } else if (onStack.has(next)) low.set(top.node, Math.min(low.get(top.node)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const id = components++;
      const group: string[] = [];
      for (;;) {
        const m = members.pop()!;
        onStack.delete(m);
        group.push(m);
        if (m === top.node) break;
      }
      const selfLoop = (graph.get(top.node) ?? []).some((e) => e.target === top.node);
      const inside = new Set(group);
      const internalEdges = group.reduce((n, m) => n + new Set((graph.get(m) ?? []).map((e) => e.target).filter((t) => inside.has(t))).size, 0);
      for (const m of group) result.set(m, { id, cyclic: group.length > 1 || selfLoop, simple: internalEdges === group.length });
    }
  }
  return result;
}

function displayName(key: string): string {
  const rest = key.slice(key.indexOf(':') + 1);
  return rest.includes('.') ? rest.split('.')[1]! : rest;
}

function kindWord(key: string): string {
  const kind = key.slice(0, key.indexOf(':'));
  return kind === 'derived' ? 'derived field' : kind;
}

function declSpan(state: CheckState, key: string): Span {
  const kind = key.slice(0, key.indexOf(':'));
  const rest = key.slice(key.indexOf(':') + 1);
  if (kind === 'let') return state.symbols.lets.get(rest)?.name.span ?? { start: 0, end: 0 };
  if (kind === 'measure') return state.symbols.measures.get(rest)?.name.span ?? { start: 0, end: 0 };
  if (kind === 'derived') {
    const [input, field] = rest.split('.') as [string, string];
    return state.symbols.inputs.get(input)?.derived.get(field)?.name.span ?? { start: 0, end: 0 };
  }
  return state.symbols.all.get(rest)?.name.span ?? { start: 0, end: 0 };
}
