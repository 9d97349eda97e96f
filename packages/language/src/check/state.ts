// The checker's working state and its results: the look-aside tables (types and resolved
// references keyed by AST node) that the IR lowering and the language server read.
// Pipeline: AST → checker (fills **these tables**) → IR.
import type { Expr, Identifier, Span } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { SymbolTable } from './scope';
import type { Type } from './types';

/** What a name or a field access refers to. */
export type Resolution =
  | { readonly kind: 'var'; readonly name: string; readonly input: string }
  | { readonly kind: 'let'; readonly name: string }
  | { readonly kind: 'measure'; readonly name: string }
  | { readonly kind: 'enumValue'; readonly enum: string; readonly value: string }
  | { readonly kind: 'enumType'; readonly enum: string }
  | { readonly kind: 'field'; readonly input: string; readonly name: string; readonly derived: boolean }
  | { readonly kind: 'periodField'; readonly field: 'start' | 'end' | 'days' };

/** A use of a declared thing, for find-references, rename and unused warnings. */
export interface Reference {
  readonly span: Span;
  /** 'let:x', 'measure:x', 'component:x', 'enum:E', 'enumValue:E.v', 'input:deals', 'field:deals.amount', 'var:...' */
  readonly target: string;
}

export type Where = 'header' | 'let' | 'derived' | 'measure' | 'component' | 'metric';

/** The scope an expression is checked in. */
export interface ExprContext {
  readonly where: Where;
  /** In a derived field: the input whose fields are in scope unqualified. */
  readonly input?: string;
  /** Loop variables in scope: name → input. */
  readonly vars: ReadonlyMap<string, string>;
  /** Field paths proven set (`d.cancelled_on`, or `cancelled_on` in a derived field). */
  readonly facts: ReadonlySet<string>;
  /** The declaration being checked, for dependency edges ('let:x', 'measure:x', 'derived:deals.x'). */
  readonly owner: string;
  /** True inside `prior(…)`: references there are not cycle edges. */
  readonly inPrior?: boolean;
  /** In a component's per-payee clauses (caps, targets): its loop variable, which is not in scope there (name → input). */
  readonly recordVars?: ReadonlyMap<string, string>;
}

export interface CheckState {
  readonly text: string;
  readonly symbols: SymbolTable;
  readonly diagnostics: Diagnostic[];
  readonly types: Map<Expr, Type>;
  readonly resolutions: Map<Expr, Resolution>;
  readonly references: Reference[];
  /** Types of lets, measures, metrics ('let:x') and derived fields ('derived:deals.x'). */
  readonly declTypes: Map<string, Type>;
  /** Declarations whose type is being computed (a re-entry is a cycle). */
  readonly inProgress: Set<string>;
  /** Dependency edges between lets, measures and derived fields, for cycle reports. */
  readonly dependencies: Map<string, { target: string; span: Span }[]>;
  /** The plan's currency, once known. */
  currency: string | undefined;
  readonly show: (span: Span) => string;
  /** Computes (once) the type of a let, measure or derived field by key ('let:x', 'derived:deals.x'). */
  readonly declType: (key: string) => Type;
}

export function newContext(where: Where, owner: string, extra: Partial<ExprContext> = {}): ExprContext {
  return { where, owner, vars: new Map(), facts: new Set(), ...extra };
}

export function withFacts(ctx: ExprContext, facts: ReadonlySet<string>): ExprContext {
  if (facts.size === 0) return ctx;
  return { ...ctx, facts: new Set([...ctx.facts, ...facts]) };
}

export function addReference(state: CheckState, identifier: Identifier | { span: Span }, target: string): void {
  state.references.push({ span: identifier.span, target });
}
