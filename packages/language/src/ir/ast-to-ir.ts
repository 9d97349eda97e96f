// Lowering: a checked AST (with its look-aside tables) becomes the IR. Pipeline: checked AST →
// **ast-to-ir** → IR. Only called on plans without errors; names are resolved, types attached,
// constants (SPIFF windows) folded, derived fields ordered so dependencies come first.
import type {
  AccelerateClause, BandArm, BonusDecl, ClawbackDecl, CommissionDecl, DrawDecl, Expr, ForClause, InputDecl, RewardDecl, SpiffDecl,
} from '../syntax/ast';
import type { CheckResult } from '../check/checker';
import type { ComponentDecl } from '../check/scope';
import type { Type } from '../check/types';
import { constantValue } from '../check/constants';
import { dec } from '../eval/decimal';
import { formatIsoDate } from '../eval/dates';
import { LineMap } from './line-map';
import { children } from './walk';
import {
  IR_VERSION, type IrBinaryOp, type IrComponent, type IrDerived, type IrExpr, type IrInput, type IrLoc, type IrPlan, type IrSelection, type IrTier, type IrType,
} from './ir';

const BINARY_OPS: Record<string, IrBinaryOp> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  and: 'and', or: 'or', '??': 'coalesce',
};

/** Lowers a checked plan without errors to the IR. `fileName` is recorded for error messages. */
export function lowerToIr(checked: CheckResult, text: string, fileName: string): IrPlan {
  const lines = new LineMap(text);
  const ctx: Lowering = { checked, lines };
  const { symbols, header } = checked;
  if (!header) throw new Error('lowerToIr: the plan header has errors');
  const components: IrComponent[] = [];
  for (const decl of checked.file.declarations) {
    const c = symbols.components.get((decl as ComponentDecl).name?.name);
    if (c === decl) components.push(lowerComponent(ctx, c));
  }
  return {
    irVersion: IR_VERSION,
    plan: {
      name: header.name, version: header.version, currency: header.currency, minorUnits: header.minorUnits,
      period: header.period, effective: header.effective, fiscalYearStart: header.fiscalYearStart, rounding: header.rounding,
      source: fileName, ...doc(header.doc),
    },
    enums: [...symbols.enums.values()].map((e) => ({ name: e.name.name, values: e.values.map((v) => v.name), ...doc(e.doc) })),
    inputs: [...symbols.inputs.values()].map((s) => lowerInput(ctx, s.decl)),
    lets: [...symbols.lets.values()].map((l) => ({ name: l.name.name, type: irType(checked.declTypes.get(`let:${l.name.name}`)!), expr: lower(ctx, l.value), ...doc(l.doc) })),
    measures: [...symbols.measures.values()].map((m) => ({ name: m.name.name, type: irType(checked.declTypes.get(`measure:${m.name.name}`)!), expr: lower(ctx, m.value), ...doc(m.doc) })),
    components,
    metrics: [...symbols.metrics.values()].map((m) => ({ name: m.name.name, type: irType(checked.declTypes.get(`metric:${m.name.name}`)!), expr: lower(ctx, m.value), ...doc(m.doc) })),
  };
}

interface Lowering {
  readonly checked: CheckResult;
  readonly lines: LineMap;
}

function doc(text: string | undefined): { doc?: string } {
  return text ? { doc: text } : {};
}

function at(ctx: Lowering, span: { start: number; end: number }): IrLoc {
  const a = ctx.lines.position(span.start), b = ctx.lines.position(span.end);
  return [a.line, a.column, b.line, b.column];
}

export function irType(t: Type): IrType {
  const base = t.base === 'Error' || t.base === 'Period' || t.base === 'EnumType' ? 'Number' : t.base;
  return {
    base,
    ...(t.enum && t.base === 'Enum' ? { enum: t.enum } : {}),
    ...(t.input ? { input: t.input } : {}),
    ...(t.optional ? { optional: true } : {}),
  };
}

// ---------------------------------------------------------------- inputs

function lowerInput(ctx: Lowering, decl: InputDecl): IrInput {
  const name = decl.name.name;
  const derived: IrDerived[] = decl.lets.map((l) => ({
    name: l.name.name,
    type: irType(ctx.checked.declTypes.get(`derived:${name}.${l.name.name}`)!),
    expr: lower(ctx, l.value),
    at: at(ctx, l.span),
    ...doc(l.doc),
  }));
  const credit = decl.credits[0];
  return {
    name,
    fields: decl.fields.map((f) => ({
      name: f.name.name,
      type: irType(fieldType(ctx, f.type.name.name, f.type.optional)),
      ...(f.isKey ? { key: true } : {}),
      ...doc(f.doc),
    })),
    derived: orderDerived(derived),
    ...(credit ? { credit: { payee: credit.payeeField.name, date: credit.dateField.name } } : {}),
    ...(ctx.checked.symbols.roster === name ? { roster: true } : {}),
    ...doc(decl.doc),
  };
}

function fieldType(ctx: Lowering, name: string, optional: boolean): Type {
  const base = ctx.checked.symbols.enums.has(name) ? { base: 'Enum' as const, enum: name } : { base: name as Type['base'] };
  return optional ? { ...base, optional: true } : base;
}

/** Derived fields in dependency order (each after the derived fields it reads); iterative, for inputs with thousands of them. */
function orderDerived(derived: IrDerived[]): IrDerived[] {
  const byName = new Map(derived.map((d) => [d.name, d]));
  const done = new Set<string>();
  const out: IrDerived[] = [];
  for (const root of derived) {
    if (done.has(root.name)) continue;
    done.add(root.name);
    const stack: { d: IrDerived; reads: string[] }[] = [{ d: root, reads: [...ownFieldReads(root.expr)] }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = top.reads.shift();
      if (dep === undefined) {
        stack.pop();
        out.push(top.d);
        continue;
      }
      const target = byName.get(dep);
      if (!target || done.has(dep)) continue;
      done.add(dep);
      stack.push({ d: target, reads: [...ownFieldReads(target.expr)] });
    }
  }
  return out;
}

function ownFieldReads(e: IrExpr, out: Set<string> = new Set()): Set<string> {
  if (e.k === 'field' && !e.of) out.add(e.name);
  for (const child of children(e)) ownFieldReads(child, out);
  return out;
}

// ---------------------------------------------------------------- components

function lowerComponent(ctx: Lowering, decl: ComponentDecl): IrComponent {
  const common = { name: decl.name.name, ...doc(decl.doc), at: at(ctx, decl.name.span) };
  switch (decl.kind) {
    case 'CommissionDecl': return lowerCommission(ctx, decl, common);
    case 'BonusDecl': return lowerBonus(ctx, decl, common);
    case 'SpiffDecl': return lowerSpiff(ctx, decl, common);
    case 'ClawbackDecl': return lowerClawback(ctx, decl, common);
    case 'DrawDecl': return lowerDraw(ctx, decl, common);
    case 'RewardDecl': return lowerReward(ctx, decl, common);
  }
}

type Common = { name: string; doc?: string; at: IrLoc };

function clause<K extends ComponentDecl['clauses'][number]['kind']>(decl: ComponentDecl, kind: K): Extract<ComponentDecl['clauses'][number], { kind: K }> | undefined {
  return (decl.clauses as readonly ComponentDecl['clauses'][number][]).find((c) => c.kind === kind) as Extract<ComponentDecl['clauses'][number], { kind: K }> | undefined;
}

function selection(ctx: Lowering, f: ForClause): IrSelection {
  return {
    var: f.variable.name,
    input: f.source.name,
    ...(f.all ? { all: true } : {}),
    ...(f.where ? { where: lower(ctx, f.where) } : {}),
  };
}

function lowerCommission(ctx: Lowering, decl: CommissionDecl, common: Common): IrComponent {
  const acc = clause(decl, 'AccelerateClause');
  return {
    kind: 'commission',
    ...common,
    for: selection(ctx, clause(decl, 'ForClause')!),
    base: lower(ctx, clause(decl, 'BaseClause')!.value),
    rate: lower(ctx, clause(decl, 'RateClause')!.value),
    gates: decl.clauses.flatMap((c) => (c.kind === 'GateClause' ? [lower(ctx, c.condition)] : [])),
    multipliers: decl.clauses.flatMap((c) => (c.kind === 'MultiplierClause' ? [lower(ctx, c.value)] : [])),
    ...(acc ? { accelerate: lowerAccelerate(ctx, acc) } : {}),
    caps: decl.clauses.flatMap((c) => (c.kind === 'CapClause' && c.scope ? [{ scope: c.scope, amount: lower(ctx, c.amount), at: at(ctx, c.span) }] : [])),
  };
}

function lowerAccelerate(ctx: Lowering, c: AccelerateClause) {
  return {
    mode: c.mode,
    target: lower(ctx, c.target),
    ...(c.perYear ? { perYear: true } : {}),
    ...(c.on ? { on: lower(ctx, c.on) } : {}),
    tiers: c.tiers.map((t) => lowerTier(ctx, t)),
    at: at(ctx, c.span),
  };
}

function lowerTier(ctx: Lowering, arm: BandArm): IrTier {
  return {
    ...(arm.lower ? { from: lower(ctx, arm.lower) } : {}),
    ...(arm.upper ? { to: lower(ctx, arm.upper) } : {}),
    value: lower(ctx, arm.value),
    at: at(ctx, arm.span),
  };
}

function lowerBonus(ctx: Lowering, decl: BonusDecl, common: Common): IrComponent {
  return {
    kind: 'bonus',
    ...common,
    when: lower(ctx, clause(decl, 'WhenClause')!.condition),
    pay: lower(ctx, clause(decl, 'PayClause')!.amount),
    ...(clause(decl, 'OncePerYearClause') ? { oncePerYear: true } : {}),
  };
}

function lowerSpiff(ctx: Lowering, decl: SpiffDecl, common: Common): IrComponent {
  const during = clause(decl, 'DuringClause')!;
  const lookup = (n: string) => ctx.checked.symbols.lets.get(n)?.value;
  const date = (e: Expr) => {
    const v = constantValue(e, lookup);
    return v?.kind === 'date' ? formatIsoDate(v.value) : '';
  };
  return {
    kind: 'spiff',
    ...common,
    during: { from: date(during.from), to: date(during.to) },
    for: selection(ctx, clause(decl, 'ForClause')!),
    pay: lower(ctx, clause(decl, 'PayClause')!.amount),
  };
}

function lowerClawback(ctx: Lowering, decl: ClawbackDecl, common: Common): IrComponent {
  const recover = clause(decl, 'RecoverClause')!;
  return {
    kind: 'clawback',
    ...common,
    for: selection(ctx, clause(decl, 'ForClause')!),
    share: lower(ctx, recover.share),
    of: recover.component.name,
    on: recover.dateField.name,
  };
}

function lowerDraw(ctx: Lowering, decl: DrawDecl, common: Common): IrComponent {
  return {
    kind: 'draw',
    ...common,
    pay: lower(ctx, clause(decl, 'PayClause')!.amount),
    ...(clause(decl, 'RecoverableClause') ? { recoverable: true } : {}),
  };
}

function lowerReward(ctx: Lowering, decl: RewardDecl, common: Common): IrComponent {
  const when = clause(decl, 'WhenClause');
  const f = clause(decl, 'ForClause');
  const grant = clause(decl, 'GrantClause')!;
  return {
    kind: 'reward',
    ...common,
    ...(when ? { when: lower(ctx, when.condition) } : {}),
    ...(f ? { for: selection(ctx, f) } : {}),
    ...(grant.points ? { points: lower(ctx, grant.points) } : {}),
    ...(grant.award ? { award: grant.award.value } : {}),
  };
}

// ---------------------------------------------------------------- expressions

function lower(ctx: Lowering, e: Expr): IrExpr {
  const t = irType(ctx.checked.types.get(e) ?? { base: 'Error' });
  const loc = at(ctx, e.span);
  const resolution = ctx.checked.resolutions.get(e);
  switch (e.kind) {
    case 'NumberLiteral': return { k: 'lit', t, v: dec(e.text).toFixed(), at: loc };
    case 'PercentLiteral': return { k: 'lit', t, v: dec(e.text).div(100).toFixed(), at: loc };
    case 'MoneyLiteral': return { k: 'lit', t, v: dec(e.text).toFixed(), at: loc };
    case 'DateLiteral': return { k: 'lit', t, v: e.text, at: loc };
    case 'StringLiteral': return { k: 'lit', t, v: e.value, at: loc };
    case 'BoolLiteral': return { k: 'lit', t, v: e.value, at: loc };
    case 'ParenExpr': return lower(ctx, e.inner);
    case 'PayeeExpr': return { k: 'payee', t, at: loc };
    case 'NameExpr':
    case 'FieldAccess': {
      if (!resolution) throw new Error(`lowerToIr: unresolved name at ${loc.join(':')}`);
      switch (resolution.kind) {
        case 'var': return { k: 'var', t, name: resolution.name, at: loc };
        case 'let': return { k: 'let', t, name: resolution.name, at: loc };
        case 'measure': return { k: 'measure', t, name: resolution.name, at: loc };
        case 'enumValue': return { k: 'enum', t, v: resolution.value, at: loc };
        case 'periodField': return { k: 'period', t, field: resolution.field, at: loc };
        case 'field':
          return e.kind === 'FieldAccess'
            ? { k: 'field', t, of: lower(ctx, e.object), name: resolution.name, at: loc }
            : { k: 'field', t, name: resolution.name, at: loc };
        case 'enumType': throw new Error('lowerToIr: an enum type is not a value');
      }
      break;
    }
    case 'BinaryExpr': return { k: 'bin', t, op: BINARY_OPS[e.op]!, l: lower(ctx, e.left), r: lower(ctx, e.right), at: loc };
    case 'UnaryExpr': return e.op === '-' ? { k: 'neg', t, e: lower(ctx, e.operand), at: loc } : { k: 'not', t, e: lower(ctx, e.operand), at: loc };
    case 'IsSetExpr': return { k: 'isSet', t, e: lower(ctx, e.operand), ...(e.negated ? { negated: true } : {}), at: loc };
    case 'IfExpr': return { k: 'if', t, c: lower(ctx, e.condition), a: lower(ctx, e.then), b: lower(ctx, e.else), at: loc };
    case 'MatchExpr':
      return {
        k: 'match', t, e: lower(ctx, e.subject),
        arms: e.arms.map((a) => ({ values: a.patterns.map((p) => lower(ctx, p)), e: lower(ctx, a.value) })),
        ...(e.elseArm ? { else: lower(ctx, e.elseArm.value) } : {}),
        at: loc,
      };
    case 'BandsExpr':
      return { k: 'bands', t, e: lower(ctx, e.subject), arms: e.arms.map((a) => lowerTier(ctx, a)), ...(e.elseArm ? { else: lower(ctx, e.elseArm.value) } : {}), at: loc };
    case 'AggregateExpr':
      return {
        k: 'agg', t, fn: e.fn,
        sel: { var: e.variable.name, input: e.source.name, ...(e.all ? { all: true } : {}), ...(e.where ? { where: lower(ctx, e.where) } : {}) },
        ...(e.value ? { e: lower(ctx, e.value) } : {}),
        at: loc,
      };
    case 'CallExpr': {
      const fn = e.callee.name;
      if (fn === 'ytd' || fn === 'prior') return { k: fn, t, e: lower(ctx, e.args[0]!), at: loc };
      return { k: 'call', t, fn: fn as 'min' | 'max' | 'abs' | 'round', args: e.args.map((a) => lower(ctx, a)), at: loc };
    }
    case 'PeriodExpr':
    case 'ErrorExpr':
      break;
  }
  throw new Error(`lowerToIr: cannot lower ${e.kind} at ${loc.join(':')}`);
}
