// Cycle detection between lets, measures and derived fields (spec §4: "cycles are an error
// that names the whole cycle"). References inside `prior(…)` are not edges: they read the
// previous period. Pipeline: checker → **cycles**.
import { diagnostic } from '../diagnostics/diagnostic';
import type { Span } from '../syntax/ast';
import type { CheckState } from './state';

/** Reports each dependency cycle at every member, each message naming the whole cycle from that member. */
export function findCycles(state: CheckState): void {
  const { dependencies } = state;
  const reported = new Set<string>();
  const nodes = [...dependencies.keys()].sort((a, b) => declSpan(state, a).start - declSpan(state, b).start);
  for (const start of nodes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    const visited = new Set<string>();
    const visit = (node: string): string[] | undefined => {
      if (onPath.has(node)) return node === start ? [...path, node] : undefined;
      if (visited.has(node)) return undefined;
      visited.add(node);
      onPath.add(node);
      path.push(node);
      for (const edge of dependencies.get(node) ?? []) {
        const cycle = visit(edge.target);
        if (cycle) return cycle;
      }
      path.pop();
      onPath.delete(node);
      return undefined;
    };
    const cycle = visit(start);
    if (!cycle) continue;
    const members = cycle.slice(0, -1);
    const id = [...members].sort().join('|');
    if (reported.has(id)) continue;
    reported.add(id);
    members.forEach((member, i) => {
      const rotated = [...members.slice(i), ...members.slice(0, i), member];
      state.diagnostics.push(diagnostic('E113', `${kindWord(member)} \`${displayName(member)}\` depends on itself: ${rotated.map((n) => `\`${displayName(n)}\``).join(' → ')}`, declSpan(state, member), {
        related: rotated.slice(1, -1).map((m) => ({ span: declSpan(state, m), message: `\`${displayName(m)}\` is part of the cycle` })),
        help: 'break the cycle: one of these must be computed without the others',
      }));
    });
  }
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
