// The order in which the checker types lets, measures and derived fields: dependencies first,
// found without recursion from the names each declaration mentions. Typing is lazy (a
// reference to a declaration not yet typed types it on the spot), so without this order a chain
// of 2,000 lets written last-first recursed 2,000 declarations deep and overflowed the stack.
// In this order every lazy step is one declaration deep, whatever order the plan is written in.
// A cycle is entered at one declaration (its `entry`): the checker holds the entry "in
// progress" while the rest of the cycle is typed, then types it last, which is what lazy typing
// starting from the entry does, without recursing around the cycle.
// Pipeline: symbol table → **typing order** → checker.
import type { SymbolTable } from './scope';

export interface TypingOrder {
  /** Keys (`derived:deals.margin`, `let:x`, `measure:y`), each after what it mentions, except around cycles. */
  readonly order: string[];
  /** Declarations where a cycle was entered: each comes after the rest of its cycle in `order`. */
  readonly cycleEntries: ReadonlySet<string>;
}

export function typingOrder(symbols: SymbolTable): TypingOrder {
  const roots: string[] = [];
  for (const [input, sym] of symbols.inputs) for (const name of sym.derived.keys()) roots.push(`derived:${input}.${name}`);
  for (const name of symbols.lets.keys()) roots.push(`let:${name}`);
  for (const name of symbols.measures.keys()) roots.push(`measure:${name}`);

  const derivedByName = new Map<string, string[]>();
  for (const [input, sym] of symbols.inputs) {
    for (const name of sym.derived.keys()) derivedByName.set(name, [...(derivedByName.get(name) ?? []), `derived:${input}.${name}`]);
  }

  const order: string[] = [];
  const cycleEntries = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { key: string; next: string[] }[] = [{ key: root, next: mentions(symbols, root, derivedByName) }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dependency = top.next.shift();
      if (dependency === undefined) {
        stack.pop();
        state.set(top.key, 'done');
        order.push(top.key);
      } else if (!state.has(dependency)) {
        state.set(dependency, 'open');
        stack.push({ key: dependency, next: mentions(symbols, dependency, derivedByName) });
      } else if (state.get(dependency) === 'open') {
        cycleEntries.add(dependency); // a cycle (the checker's cycle analysis reports it)
      }
    }
  }
  return { order, cycleEntries };
}

/** The declarations a declaration's expression may read, by name (a superset: loop variables may shadow). */
function mentions(symbols: SymbolTable, key: string, derivedByName: ReadonlyMap<string, string[]>): string[] {
  const kind = key.slice(0, key.indexOf(':'));
  const rest = key.slice(key.indexOf(':') + 1);
  let root: unknown;
  let ownInput: string | undefined;
  if (kind === 'let') root = symbols.lets.get(rest)?.value;
  else if (kind === 'measure') root = symbols.measures.get(rest)?.value;
  else {
    const [input, field] = rest.split('.') as [string, string];
    ownInput = input;
    root = symbols.inputs.get(input)?.derived.get(field)?.value;
  }
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) { for (const item of node) stack.push(item); continue; }
    if (node === null || typeof node !== 'object') continue;
    const n = node as { kind?: string; name?: { name?: string }; field?: { name?: string } };
    if (n.kind === 'NameExpr' && n.name?.name) {
      const name = n.name.name;
      if (ownInput !== undefined && symbols.inputs.get(ownInput)?.derived.has(name)) out.push(`derived:${ownInput}.${name}`);
      if (symbols.lets.has(name)) out.push(`let:${name}`);
      if (symbols.measures.has(name)) out.push(`measure:${name}`);
    } else if (n.kind === 'FieldAccess' && n.field?.name) {
      out.push(...(derivedByName.get(n.field.name) ?? []));
    }
    for (const k in node) { // own fields only: AST nodes are plain objects
      const v = (node as Record<string, unknown>)[k];
      if (k !== 'span' && v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return out.reverse();
}
