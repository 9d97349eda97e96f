// The checker: resolves names, types every expression and validates every declaration of a
// parsed plan (spec §3, §4). Pipeline: AST → **checker** → checked AST (look-aside tables) → IR.
// It never throws on bad input; every problem is a diagnostic with a range.
import type {
  AccelerateClause, BonusDecl, CapClause, ClawbackDecl, CommissionDecl, DrawDecl, Expr, ForClause, InputDecl,
  PlanFile, RewardDecl, Span, SpiffDecl,
} from '../syntax/ast';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { buildSymbolTable, DECLARATION_WORDS, type ComponentDecl, type SymbolTable } from './scope';
import { checkCredited, checkExpr, checkTableRows, declaredFieldType, expectType, literalFix } from './expressions';
import { analyseTable } from './bands';
import { constantValue, compareConst } from './constants';
import { factsWhenTrue } from './narrowing';
import { closest } from './names';
import { checkHeader, type HeaderInfo } from './header';
import { findCycles } from './cycles';
import { typingOrder } from './typing-order';
import { addReference, newContext, withFacts, type CheckState, type ExprContext, type Reference, type Resolution } from './state';
import { T, isError, sameValueType, typeName, VALUE_TYPE_NAMES, type Type } from './types';

export type { HeaderInfo } from './header';

export interface CheckResult {
  readonly file: PlanFile;
  readonly diagnostics: Diagnostic[];
  readonly symbols: SymbolTable;
  readonly header: HeaderInfo | undefined;
  readonly types: Map<Expr, Type>;
  readonly resolutions: Map<Expr, Resolution>;
  readonly references: Reference[];
  /** Types of lets, measures, metrics ('let:x', 'measure:x', 'metric:x') and derived fields ('derived:deals.x'). */
  readonly declTypes: Map<string, Type>;
}

/** Checks a parsed plan. `text` is the source, for messages and quick fixes. */
export function check(file: PlanFile, text: string): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const symbols = buildSymbolTable(file, diagnostics);
  const state: CheckState = {
    text, symbols, diagnostics, types: new Map(), resolutions: new Map(), references: [], declTypes: new Map(),
    inProgress: new Set(), dependencies: new Map(), currency: undefined,
    show: (span: Span) => text.slice(span.start, span.end),
    declType: (key: string) => declType(state, key),
  };
  const header = checkHeader(symbols.plan, file, state);
  state.currency = header?.currency;
  findRoster(state);
  typeDeclarations(state);
  for (const sym of symbols.inputs.values()) checkInput(state, sym.decl);
  for (const name of symbols.lets.keys()) declType(state, `let:${name}`);
  for (const name of symbols.measures.keys()) declType(state, `measure:${name}`);
  for (const [name, metric] of symbols.metrics) {
    state.declTypes.set(`metric:${name}`, checkExpr(state, metric.value, newContext('metric', `metric:${name}`)));
  }
  for (const component of symbols.components.values()) checkComponent(state, component);
  findCycles(state);
  warnUnused(state);
  return { file, diagnostics: sortDiagnostics(diagnostics), symbols, header, types: state.types, resolutions: state.resolutions, references: state.references, declTypes: state.declTypes };
}

/** Types every let, measure and derived field, dependencies first, so typing never recurses deep (typing-order.ts). */
function typeDeclarations(state: CheckState): void {
  const { order, cycleEntries } = typingOrder(state.symbols);
  for (const key of cycleEntries) state.inProgress.add(key);
  for (const key of order) {
    state.inProgress.delete(key);
    declType(state, key);
  }
}

/** The type of a let, measure or derived field, checking its expression the first time. */
function declType(state: CheckState, key: string): Type {
  const known = state.declTypes.get(key);
  if (known) return known;
  if (state.inProgress.has(key)) return T.Error; // a cycle: findCycles reports it
  state.inProgress.add(key);
  let t: Type = T.Error;
  const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'let') {
    const decl = state.symbols.lets.get(rest);
    if (decl) t = checkExpr(state, decl.value, newContext('let', key));
  } else if (kind === 'measure') {
    const decl = state.symbols.measures.get(rest);
    if (decl) t = checkExpr(state, decl.value, newContext('measure', key));
  } else if (kind === 'derived') {
    const [input, field] = rest.split('.') as [string, string];
    const decl = state.symbols.inputs.get(input)?.derived.get(field);
    if (decl) t = checkExpr(state, decl.value, newContext('derived', key, { input }));
  }
  state.inProgress.delete(key);
  state.declTypes.set(key, t);
  return t;
}

// ---------------------------------------------------------------- inputs

function findRoster(state: CheckState): void {
  const rosters: InputDecl[] = [];
  for (const sym of state.symbols.inputs.values()) {
    const keys = sym.decl.fields.filter((f) => f.isKey);
    if (keys.length === 1 && keys[0]!.type.name.name === 'Payee') rosters.push(sym.decl);
  }
  if (rosters.length === 1) state.symbols.roster = rosters[0]!.name.name;
  else if (rosters.length > 1) {
    state.diagnostics.push(diagnostic('E411', `only one input may be keyed by a single \`Payee\` field (the roster), found ${rosters.length}`, rosters[1]!.name.span, {
      related: rosters.slice(0, 1).map((r) => ({ span: r.name.span, message: 'the first roster' })),
    }));
    state.symbols.roster = rosters[0]!.name.name;
  } else if (state.symbols.plan) {
    state.diagnostics.push(diagnostic('E410', 'the plan has no roster: declare an input keyed by a single `Payee` field', state.symbols.plan.span, {
      help: 'for example `input reps { id: Payee key  quota: Money }`',
    }));
  }
}

function checkInput(state: CheckState, decl: InputDecl): void {
  const inputName = decl.name.name;
  for (const field of decl.fields) {
    const typeName = field.type.name.name;
    if (!typeName) continue;
    if (!(VALUE_TYPE_NAMES as readonly string[]).includes(typeName) && !state.symbols.enums.has(typeName)) {
      const guess = closest(typeName, [...VALUE_TYPE_NAMES, ...state.symbols.enums.keys()]);
      state.diagnostics.push(diagnostic('E112', `unknown type \`${typeName}\``, field.type.name.span, guess
        ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: field.type.name.span, newText: guess }] }] }
        : { help: `the types are ${VALUE_TYPE_NAMES.join(', ')} and the plan's enums` }));
    } else if (state.symbols.enums.has(typeName)) addReference(state, field.type.name, `enum:${typeName}`);
    if (field.isKey && field.type.optional) {
      state.diagnostics.push(diagnostic('E217', `key field \`${field.name.name}\` cannot be optional`, field.type.span));
    }
  }
  for (const name of state.symbols.inputs.get(inputName)?.derived.keys() ?? []) declType(state, `derived:${inputName}.${name}`);
  if (decl.credits.length > 1) {
    state.diagnostics.push(diagnostic('E412', `input \`${inputName}\` has more than one \`credit\` rule`, decl.credits[1]!.span, {
      related: [{ span: decl.credits[0]!.span, message: 'the first `credit` rule' }],
    }));
  }
  const credit = decl.credits[0];
  if (credit) {
    checkFieldOfType(state, inputName, credit.payeeField, 'Payee', 'the credited field');
    checkFieldOfType(state, inputName, credit.dateField, 'Date', 'the credit date');
  }
}

/** A field of `input` named by `id` must exist and have base type `want`. Returns its type. */
function checkFieldOfType(state: CheckState, input: string, id: { name: string; span: Span }, want: Type['base'], role: string): Type {
  const sym = state.symbols.inputs.get(input);
  if (!sym || !id.name) return T.Error;
  const field = sym.fields.get(id.name);
  const derived = sym.derived.get(id.name);
  if (!field && !derived) {
    const guess = closest(id.name, [...sym.fields.keys(), ...sym.derived.keys()]);
    state.diagnostics.push(diagnostic('E103', `input \`${input}\` has no field \`${id.name}\``, id.span, guess
      ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: id.span, newText: guess }] }] }
      : {}));
    return T.Error;
  }
  addReference(state, id, `field:${input}.${id.name}`);
  const t = field ? declaredFieldType(state, field.type) : declType(state, `derived:${input}.${id.name}`);
  if (!isError(t) && t.base !== want) {
    state.diagnostics.push(diagnostic('E210', `${role} must be a \`${want}\` field, but \`${id.name}\` is \`${typeName(t)}\``, id.span));
    return T.Error;
  }
  return t;
}

// ---------------------------------------------------------------- components

function checkComponent(state: CheckState, decl: ComponentDecl): void {
  switch (decl.kind) {
    case 'CommissionDecl': return checkCommission(state, decl);
    case 'BonusDecl': return checkBonus(state, decl);
    case 'SpiffDecl': return checkSpiff(state, decl);
    case 'ClawbackDecl': return checkClawback(state, decl);
    case 'DrawDecl': return checkDraw(state, decl);
    case 'RewardDecl': return checkReward(state, decl);
  }
}

type ClauseKind = ComponentDecl['clauses'][number]['kind'];

/** Reports a missing required clause and clauses that may appear once but repeat. */
function clauseRules(state: CheckState, decl: ComponentDecl, required: readonly [ClauseKind, string][], once: readonly ClauseKind[]): void {
  const word = DECLARATION_WORDS[decl.kind];
  for (const [kind, text] of required) {
    if (!decl.clauses.some((c) => c.kind === kind)) {
      state.diagnostics.push(diagnostic('E414', `${word} \`${decl.name.name}\` needs a \`${text}\` clause`, decl.name.span));
    }
  }
  for (const kind of once) {
    const all = decl.clauses.filter((c) => c.kind === kind);
    for (const extra of all.slice(1)) {
      state.diagnostics.push(diagnostic('E415', `this clause may appear only once in a ${word}`, extra.span, { related: [{ span: all[0]!.span, message: 'the first one' }] }));
    }
  }
}

/** Checks a `for` clause; returns the context with the loop variable (and the where-facts) in scope. */
function checkFor(state: CheckState, clause: ForClause | undefined, owner: string): ExprContext {
  const base = newContext('component', owner);
  if (!clause) return base;
  const input = clause.source.name;
  if (!state.symbols.inputs.has(input)) {
    if (input) {
      const guess = closest(input, [...state.symbols.inputs.keys()]);
      state.diagnostics.push(diagnostic('E105', `unknown input \`${input}\``, clause.source.span, guess ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: clause.source.span, newText: guess }] }] } : {}));
    }
    return base;
  }
  addReference(state, clause.source, `input:${input}`);
  addReference(state, clause.variable, `var:${clause.variable.name}`);
  if (!clause.all) checkCredited(state, input, clause.source.span);
  const ctx: ExprContext = { ...base, vars: new Map([[clause.variable.name, input]]) };
  if (!clause.where) return ctx;
  expectType(state, clause.where, ctx, ['Bool'], '`where`');
  return withFacts(ctx, factsWhenTrue(clause.where));
}

function clausesOf<K extends ClauseKind>(decl: ComponentDecl, kind: K): Extract<ComponentDecl['clauses'][number], { kind: K }>[] {
  return (decl.clauses as readonly ComponentDecl['clauses'][number][]).filter((c) => c.kind === kind) as Extract<ComponentDecl['clauses'][number], { kind: K }>[];
}

function checkCommission(state: CheckState, decl: CommissionDecl): void {
  clauseRules(state, decl, [['ForClause', 'for'], ['BaseClause', 'base'], ['RateClause', 'rate']], ['ForClause', 'BaseClause', 'RateClause', 'AccelerateClause']);
  const owner = `component:${decl.name.name}`;
  const perRecord = checkFor(state, clausesOf(decl, 'ForClause')[0], owner);
  const perPayee = newContext('component', owner, { recordVars: perRecord.vars });
  for (const c of decl.clauses) {
    switch (c.kind) {
      case 'BaseClause': expectType(state, c.value, perRecord, ['Money'], '`base`'); break;
      case 'RateClause': expectType(state, c.value, perRecord, ['Percent'], '`rate`'); break;
      case 'GateClause': expectType(state, c.condition, perRecord, ['Bool'], '`gate`'); break;
      case 'MultiplierClause': expectType(state, c.value, perRecord, ['Number'], '`multiplier`'); break;
      case 'AccelerateClause': checkAccelerate(state, c, perRecord, perPayee); break;
      default: break;
    }
  }
  checkCaps(state, clausesOf(decl, 'CapClause'), perPayee);
}

function checkAccelerate(state: CheckState, clause: AccelerateClause, perRecord: ExprContext, perPayee: ExprContext): void {
  const counted = clause.on ? expectType(state, clause.on, perRecord, ['Money', 'Number'], 'the `on` amount') : T.Money;
  const target = checkExpr(state, clause.target, perPayee);
  if (!isError(target) && !isError(counted)) {
    if (target.optional || !sameValueType(target, counted)) {
      state.diagnostics.push(diagnostic('E210', `the target must be \`${typeName(counted)}\` like the amounts it is measured against, found \`${typeName(target)}\``, clause.target.span, literalFix(state, clause.target, counted)));
    }
  }
  const rows = checkTableRows(state, clause.tiers, perPayee, T.Percent);
  for (const tier of clause.tiers) expectType(state, tier.value, perPayee, ['Number'], 'a tier factor');
  if (rows) {
    analyseTable(rows, { kind: 'tiers', hasElse: false, tableSpan: clause.tableSpan, elseInsertAt: clause.tableSpan.end - 1, indent: '    ', show: state.show }, state.diagnostics);
  }
}

function checkCaps(state: CheckState, caps: readonly CapClause[], ctx: ExprContext): void {
  const seen = new Map<string, Span>();
  for (const cap of caps) {
    expectType(state, cap.amount, ctx, ['Money'], 'a cap');
    if (!cap.scope) continue;
    const earlier = seen.get(cap.scope);
    if (earlier) {
      state.diagnostics.push(diagnostic('E415', `a second \`cap … per ${cap.scope}\``, cap.span, { related: [{ span: earlier, message: 'the first one' }] }));
    } else seen.set(cap.scope, cap.span);
  }
}

function checkBonus(state: CheckState, decl: BonusDecl): void {
  clauseRules(state, decl, [['WhenClause', 'when'], ['PayClause', 'pay']], ['WhenClause', 'PayClause', 'OncePerYearClause']);
  const ctx = newContext('component', `component:${decl.name.name}`);
  for (const c of decl.clauses) {
    if (c.kind === 'WhenClause') expectType(state, c.condition, ctx, ['Bool'], '`when`');
    if (c.kind === 'PayClause') expectType(state, c.amount, withFacts(ctx, factsOfWhen(decl)), ['Money'], '`pay`');
  }
}

function factsOfWhen(decl: BonusDecl | RewardDecl): Set<string> {
  const when = decl.clauses.find((c) => c.kind === 'WhenClause');
  return when && when.kind === 'WhenClause' ? factsWhenTrue(when.condition) : new Set();
}

function checkSpiff(state: CheckState, decl: SpiffDecl): void {
  clauseRules(state, decl, [['DuringClause', 'during'], ['ForClause', 'for'], ['PayClause', 'pay']], ['DuringClause', 'ForClause', 'PayClause']);
  const ctx = checkFor(state, clausesOf(decl, 'ForClause')[0], `component:${decl.name.name}`);
  for (const c of decl.clauses) {
    if (c.kind === 'PayClause') expectType(state, c.amount, ctx, ['Money'], '`pay`');
    if (c.kind === 'DuringClause') checkDateRange(state, c.from, c.to);
  }
}

/** `during A to B`: both constant dates, A not after B. */
export function checkDateRange(state: CheckState, from: Expr, to: Expr): void {
  const ctx = newContext('header', 'header');
  const a = expectType(state, from, ctx, ['Date'], 'the start of the window');
  const b = expectType(state, to, ctx, ['Date'], 'the end of the window');
  if (isError(a) || isError(b)) return;
  const lookup = (n: string) => state.symbols.lets.get(n)?.value;
  const va = constantValue(from, lookup), vb = constantValue(to, lookup);
  if (!va || !vb) {
    state.diagnostics.push(diagnostic('E310', 'a date window must be constant dates', (!va ? from : to).span));
    return;
  }
  if (compareConst(va, vb) > 0) {
    state.diagnostics.push(diagnostic('E301', `the window ends before it starts: \`${state.show(from.span)}\` is after \`${state.show(to.span)}\``, { start: from.span.start, end: to.span.end }));
  }
}

function checkClawback(state: CheckState, decl: ClawbackDecl): void {
  clauseRules(state, decl, [['ForClause', 'for'], ['RecoverClause', 'recover']], ['ForClause', 'RecoverClause']);
  const forClause = clausesOf(decl, 'ForClause')[0];
  const ctx = checkFor(state, forClause, `component:${decl.name.name}`);
  const recover = clausesOf(decl, 'RecoverClause')[0];
  if (!recover) return;
  const share = expectType(state, recover.share, ctx, ['Percent'], 'the share recovered');
  if (!isError(share)) {
    const v = constantValue(recover.share, (n) => state.symbols.lets.get(n)?.value);
    if (!v || v.kind !== 'decimal' || v.value.isNegative() || v.value.greaterThan(1)) {
      state.diagnostics.push(diagnostic('E311', 'the share recovered must be a constant from `0%` to `100%`', recover.share.span));
    }
  }
  const target = recover.component.name;
  const component = state.symbols.components.get(target);
  if (!component || (component.kind !== 'CommissionDecl' && component.kind !== 'SpiffDecl')) {
    if (target) {
      const candidates = [...state.symbols.components.values()].filter((c) => c.kind === 'CommissionDecl' || c.kind === 'SpiffDecl').map((c) => c.name.name);
      const guess = closest(target, candidates);
      state.diagnostics.push(diagnostic('E111', component ? `\`${target}\` is a ${DECLARATION_WORDS[component.kind]}: a clawback recovers a commission or a spiff` : `unknown component \`${target}\``, recover.component.span, guess ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: recover.component.span, newText: guess }] }] } : {}));
    }
  } else {
    addReference(state, recover.component, `component:${target}`);
    const theirs = clausesOf(component, 'ForClause')[0]?.source.name;
    if (forClause && theirs && theirs !== forClause.source.name) {
      state.diagnostics.push(diagnostic('E216', `clawback \`${decl.name.name}\` ranges over \`${forClause.source.name}\`, but \`${target}\` pays on \`${theirs}\``, forClause.source.span, {
        help: `write \`for d in ${theirs} where …\``,
      }));
    }
  }
  if (forClause && state.symbols.inputs.has(forClause.source.name)) checkFieldOfType(state, forClause.source.name, recover.dateField, 'Date', 'the clawback date');
}

function checkDraw(state: CheckState, decl: DrawDecl): void {
  clauseRules(state, decl, [['PayClause', 'pay … per period']], ['PayClause', 'RecoverableClause']);
  const ctx = newContext('component', `component:${decl.name.name}`);
  for (const c of decl.clauses) if (c.kind === 'PayClause') expectType(state, c.amount, ctx, ['Money'], 'the draw');
}

function checkReward(state: CheckState, decl: RewardDecl): void {
  clauseRules(state, decl, [['GrantClause', 'grant']], ['WhenClause', 'ForClause', 'GrantClause']);
  const ctx = checkFor(state, clausesOf(decl, 'ForClause')[0], `component:${decl.name.name}`);
  for (const c of decl.clauses) {
    if (c.kind === 'WhenClause') expectType(state, c.condition, newContext('component', `component:${decl.name.name}`), ['Bool'], '`when`');
    if (c.kind === 'GrantClause' && c.points) expectType(state, c.points, withFacts(ctx, factsOfWhen(decl)), ['Number'], 'the points granted');
  }
}

// ---------------------------------------------------------------- unused

function warnUnused(state: CheckState): void {
  const used = new Set(state.references.map((r) => r.target));
  for (const [name, decl] of state.symbols.lets) {
    if (!used.has(`let:${name}`)) state.diagnostics.push(diagnostic('W001', `let \`${name}\` is never used`, decl.name.span, { help: 'remove it, or use it in a measure or component' }));
  }
  for (const [name, decl] of state.symbols.measures) {
    if (!used.has(`measure:${name}`)) state.diagnostics.push(diagnostic('W001', `measure \`${name}\` is never used`, decl.name.span, { help: 'remove it, or use it in a component' }));
  }
}
