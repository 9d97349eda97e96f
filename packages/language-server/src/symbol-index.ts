// Every occurrence of every name in one analysed plan: declarations from the AST, uses from
// the checker's `references` table, loop variables scoped to their binder. The navigation
// features (definition, references, rename, highlights), hover and semantic tokens all read
// this index; it is built once per analysis, on first use.
//
// Targets are the checker's strings ('let:x', 'measure:x', 'metric:x', 'component:x', 'enum:E',
// 'enumValue:E.v', 'input:deals', 'field:deals.amount', 'payee'), except loop variables, which
// the checker names 'var:d' in every component alike: here they are 'var:d@OFFSET', OFFSET being
// where the binding `d` (of a `for` clause or an aggregate) starts.
import type { AggregateExpr, Identifier, Node, Span } from '@incent/language';
import type { Analysis } from './analysis';
import { walk } from './ast-walk';

export interface Occurrence {
  readonly span: Span;
  readonly target: string;
  /** True where the name is declared (or a loop variable is bound). */
  readonly declaration: boolean;
}

export interface SymbolIndex {
  /** Sorted by start offset. */
  readonly occurrences: readonly Occurrence[];
  readonly byTarget: ReadonlyMap<string, readonly Occurrence[]>;
}

const indexes = new WeakMap<Analysis, SymbolIndex>();

export function symbolIndex(analysis: Analysis): SymbolIndex {
  let index = indexes.get(analysis);
  if (!index) {
    index = buildIndex(analysis);
    indexes.set(analysis, index);
  }
  return index;
}

/** The narrowest occurrence under the cursor (touching its end counts). */
export function occurrenceAt(index: SymbolIndex, offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  const rank = (o: Occurrence) => (offset < o.span.end ? 0 : 1e9) + (o.span.end - o.span.start);
  for (const o of index.occurrences) {
    if (o.span.start > offset) break;
    if (offset <= o.span.end && (!best || rank(o) < rank(best))) best = o;
  }
  return best;
}

/** Where a target is declared. `payee` leads to the roster's name. */
export function definitionOf(analysis: Analysis, index: SymbolIndex, target: string): Occurrence | undefined {
  if (target === 'payee') {
    const roster = analysis.checked.symbols.roster;
    return roster ? index.byTarget.get(`input:${roster}`)?.find((o) => o.declaration) : undefined;
  }
  return index.byTarget.get(target)?.find((o) => o.declaration);
}

// ---------------------------------------------------------------- building

function buildIndex(analysis: Analysis): SymbolIndex {
  const found: Occurrence[] = [];
  const add = (id: Identifier | { span: Span; name?: string }, target: string, declaration: boolean) => {
    if (id.span.end > id.span.start && ('name' in id ? id.name !== '' : true)) found.push({ span: id.span, target, declaration });
  };
  for (const d of analysis.checked.file.declarations) {
    switch (d.kind) {
      case 'PlanDecl': break;
      case 'EnumDecl':
        add(d.name, `enum:${d.name.name}`, true);
        for (const v of d.values) add(v, `enumValue:${d.name.name}.${v.name}`, true);
        break;
      case 'InputDecl':
        add(d.name, `input:${d.name.name}`, true);
        for (const f of d.fields) add(f.name, `field:${d.name.name}.${f.name.name}`, true);
        for (const l of d.lets) add(l.name, `field:${d.name.name}.${l.name.name}`, true);
        break;
      case 'LetDecl': add(d.name, `let:${d.name.name}`, true); break;
      case 'MeasureDecl': add(d.name, `measure:${d.name.name}`, true); break;
      case 'MetricDecl': add(d.name, `metric:${d.name.name}`, true); break;
      default: add(d.name, `component:${d.name.name}`, true);
    }
  }
  const { text } = analysis;
  for (const r of analysis.checked.references) {
    if (r.target.startsWith('var:') || r.span.end <= r.span.start) continue;
    let span = r.span;
    if (r.target.startsWith('enumValue:')) {
      // `Stage.won` is recorded as a whole: keep only the value's name
      const dot = text.lastIndexOf('.', span.end - 1);
      if (dot >= span.start) {
        let start = dot + 1;
        while (start < span.end && /\s/.test(text[start]!)) start++;
        span = { start, end: span.end };
      }
    }
    found.push({ span, target: r.target, declaration: false });
  }
  found.push(...loopVariables(analysis));
  found.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const occurrences: Occurrence[] = [];
  const byTarget = new Map<string, Occurrence[]>();
  for (const o of found) {
    const last = occurrences[occurrences.length - 1];
    if (last && last.span.start === o.span.start && last.span.end === o.span.end && last.target === o.target) continue;
    occurrences.push(o);
    const list = byTarget.get(o.target) ?? [];
    list.push(o);
    byTarget.set(o.target, list);
  }
  return { occurrences, byTarget };
}

interface Binder {
  readonly name: string;
  readonly span: Span;
}

/** Loop variables: each binding and every use resolved to it, with the binder's offset in the target. */
function loopVariables(analysis: Analysis): Occurrence[] {
  const out: Occurrence[] = [];
  const { resolutions } = analysis.checked;
  const target = (b: Binder) => `var:${b.name}@${b.span.start}`;
  const visit = (node: Node, scope: readonly Binder[]): void => {
    if (node.kind === 'AggregateExpr') {
      const agg = node as AggregateExpr;
      if (agg.variable.name) {
        const binder = { name: agg.variable.name, span: agg.variable.span };
        out.push({ span: binder.span, target: target(binder), declaration: true });
        const inner = [...scope, binder];
        if (agg.value) visit(agg.value, inner);
        if (agg.where) visit(agg.where, inner);
        return;
      }
    }
    if (node.kind === 'NameExpr' && resolutions.get(node)?.kind === 'var') {
      const binder = [...scope].reverse().find((b) => b.name === node.name.name);
      if (binder) out.push({ span: node.name.span, target: target(binder), declaration: false });
      return;
    }
    walk(node, (child) => {
      if (child === node) return true;
      visit(child, scope);
      return false;
    });
  };
  for (const d of analysis.checked.file.declarations) {
    if (!('clauses' in d)) {
      visit(d, []);
      continue;
    }
    const forClause = (d.clauses as readonly Node[]).find((c) => c.kind === 'ForClause');
    const scope: Binder[] = [];
    if (forClause?.kind === 'ForClause' && forClause.variable.name) {
      const binder = { name: forClause.variable.name, span: forClause.variable.span };
      out.push({ span: binder.span, target: target(binder), declaration: true });
      scope.push(binder);
    }
    visit(d, scope);
  }
  return out;
}
