// Verifying an IR document beyond its JSON Schema: what the evaluator takes for granted because
// the compiler guarantees it. Names resolve (inputs, fields, lets, measures, enum values, loop
// variables in scope, the component a clawback recovers), every node's type follows the §3
// rules from its operands, literals and dates are valid, payees and periods appear only where
// they exist, and lets and measures form no cycle. A document that passes runs like the plan it
// could have been compiled from; one that fails is rejected before evaluation, never half run.
// Pipeline: IR JSON → schema (load.ts) → **verify** → evaluation.
import { minorUnits } from '../check/currencies';
import { arithmeticResult, comparable, isNumeric, optional, required, sameValueType, unify, type Type } from '../check/types';
import { formatIsoDate, parseIsoDate } from '../eval/dates';
import type { IrComponent, IrExpr, IrField, IrInput, IrPlan, IrSelection, IrTier, IrType } from './ir';

/** At most this many problems are reported: the first is what matters. */
const MAX_PROBLEMS = 5;

type Where = 'header' | 'let' | 'derived' | 'measure' | 'component' | 'metric';

interface Scope {
  readonly where: Where;
  /** For derived fields: the input whose record is `self`, and the derived fields computed before this one. */
  readonly input?: IrInput;
  readonly earlierDerived?: ReadonlySet<string>;
  /** Loop variables in scope: name → input. */
  readonly vars: ReadonlyMap<string, string>;
  /** Where a dependency edge starts (`let:x`, `measure:y`), for the cycle check. */
  readonly owner?: string;
  readonly inPrior?: boolean;
}

/** Problems with `ir` as `path: message` strings; empty when it can be evaluated as is. */
export function verifyIr(ir: IrPlan): string[] {
  const v = new Verifier(ir);
  try {
    v.plan();
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  }
  return v.problems;
}

class Enough extends Error {}

const BINARY_SYMBOL = { add: '+', sub: '-', mul: '*', div: '/' } as const;
const COMPARISON_SYMBOL = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

class Verifier {
  readonly problems: string[] = [];
  private readonly enums = new Map<string, readonly string[]>();
  private readonly inputs = new Map<string, IrInput>();
  private readonly lets = new Map<string, IrType>();
  private readonly measures = new Map<string, IrType>();
  private readonly components = new Map<string, IrComponent>();
  private readonly roster?: IrInput;
  private readonly edges = new Map<string, Set<string>>();

  constructor(private readonly ir: IrPlan) {
    for (const e of ir.enums) this.enums.set(e.name, e.values);
    for (const i of ir.inputs) this.inputs.set(i.name, i);
    for (const l of ir.lets) this.lets.set(l.name, l.type);
    for (const m of ir.measures) this.measures.set(m.name, m.type);
    for (const c of ir.components) this.components.set(c.name, c);
    this.roster = ir.inputs.find((i) => i.roster);
  }

  private fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
    if (this.problems.length >= MAX_PROBLEMS) throw new Enough();
  }

  plan(): void {
    const { plan } = this.ir;
    if (minorUnits(plan.currency) !== plan.minorUnits) this.fail('/plan/currency', `\`${plan.currency}\` is not an ISO 4217 currency with ${plan.minorUnits} minor digits`);
    const from = this.date('/plan/effective/from', plan.effective.from), to = this.date('/plan/effective/to', plan.effective.to);
    if (from !== undefined && to !== undefined && from > to) this.fail('/plan/effective', 'the effective range ends before it starts');
    this.names();
    this.ir.enums.forEach((e, i) => {
      if (e.values.length === 0) this.fail(`/enums/${i}`, `enum \`${e.name}\` has no values`);
      this.unique(`/enums/${i}/values`, e.values, 'value');
    });
    this.ir.inputs.forEach((input, i) => this.input(input, `/inputs/${i}`));
    this.ir.lets.forEach((l, i) => this.declared(`/lets/${i}`, l.type, this.expr(l.expr, { where: 'let', vars: new Map(), owner: `let:${l.name}` }, `/lets/${i}/expr`)));
    this.ir.measures.forEach((m, i) => this.declared(`/measures/${i}`, m.type, this.expr(m.expr, { where: 'measure', vars: new Map(), owner: `measure:${m.name}` }, `/measures/${i}/expr`)));
    this.ir.metrics.forEach((m, i) => this.declared(`/metrics/${i}`, m.type, this.expr(m.expr, { where: 'metric', vars: new Map() }, `/metrics/${i}/expr`)));
    this.ir.components.forEach((c, i) => this.component(c, `/components/${i}`));
    this.cycles();
  }

  // ------------------------------------------------------------ declarations

  private names(): void {
    const all = [...this.ir.enums, ...this.ir.inputs, ...this.ir.lets, ...this.ir.measures, ...this.ir.components, ...this.ir.metrics].map((d) => d.name);
    this.unique('/', all, 'declaration');
    const rosters = this.ir.inputs.filter((i) => i.roster);
    if (rosters.length !== 1) this.fail('/inputs', `expected exactly one roster input, found ${rosters.length}`);
  }

  private unique(path: string, names: readonly string[], what: string): void {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) this.fail(path, `${what} \`${n}\` is declared twice`);
      seen.add(n);
    }
  }

  private input(input: IrInput, path: string): void {
    this.unique(`${path}/fields`, [...input.fields.map((f) => f.name), ...input.derived.map((d) => d.name)], 'field');
    input.fields.forEach((f, i) => this.type(`${path}/fields/${i}/type`, f.type, false));
    const keys = input.fields.filter((f) => f.key);
    if (input.roster && (keys.length !== 1 || keys[0]!.type.base !== 'Payee' || keys[0]!.type.optional)) this.fail(path, 'the roster must be keyed by a single `Payee` field');
    if (input.credit) {
      this.fieldOfType(`${path}/credit/payee`, input, input.credit.payee, 'Payee');
      this.fieldOfType(`${path}/credit/date`, input, input.credit.date, 'Date');
    }
    const earlier = new Set<string>();
    input.derived.forEach((d, i) => {
      this.type(`${path}/derived/${i}/type`, d.type, false);
      const t = this.expr(d.expr, { where: 'derived', input, earlierDerived: new Set(earlier), vars: new Map() }, `${path}/derived/${i}/expr`);
      this.declared(`${path}/derived/${i}`, d.type, t);
      earlier.add(d.name);
    });
  }

  private fieldOfType(path: string, input: IrInput, name: string, base: IrType['base']): void {
    const t = fieldType(input, name);
    if (!t || t.base !== base) this.fail(path, `input \`${input.name}\` has no ${base} field \`${name}\``);
  }

  private type(path: string, t: IrType, record: boolean): void {
    if (t.base === 'Enum' && !this.enums.has(t.enum ?? '')) this.fail(path, `unknown enum \`${t.enum ?? ''}\``);
    if (t.base === 'Record' && (!record || !this.inputs.has(t.input ?? ''))) this.fail(path, `a field cannot hold a record`);
  }

  /** A declaration's stated type must be what its expression computes. */
  private declared(path: string, stated: IrType, computed: IrType | undefined): void {
    if (computed && !sameType(stated, computed)) this.fail(`${path}/type`, `declared \`${show(stated)}\` but the expression is \`${show(computed)}\``);
  }

  private component(c: IrComponent, path: string): void {
    const owner = { where: 'component' as const, vars: new Map<string, string>() };
    const want = (e: IrExpr, scope: Scope, p: string, ...bases: IrType['base'][]) => {
      const t = this.expr(e, scope, p);
      if (t && (t.optional || !bases.some((b) => t.base === b || (b === 'Number' && t.base === 'Int')))) this.fail(p, `expected ${bases.join(' or ')}, found \`${show(t)}\``);
    };
    switch (c.kind) {
      case 'commission': {
        const perRecord = this.selection(c.for, owner, `${path}/for`, true);
        want(c.base, perRecord, `${path}/base`, 'Money');
        want(c.rate, perRecord, `${path}/rate`, 'Percent');
        c.gates.forEach((g, i) => want(g, perRecord, `${path}/gates/${i}`, 'Bool'));
        c.multipliers.forEach((m, i) => want(m, perRecord, `${path}/multipliers/${i}`, 'Number'));
        if (c.accelerate) {
          const a = c.accelerate;
          const counted = a.on ? this.expr(a.on, perRecord, `${path}/accelerate/on`) : ({ base: 'Money' } as IrType);
          want(a.target, owner, `${path}/accelerate/target`, counted?.base === 'Int' ? 'Number' : counted?.base ?? 'Money');
          if (counted && !['Money', 'Number', 'Int'].includes(counted.base)) this.fail(`${path}/accelerate/on`, `expected Money or Number, found \`${show(counted)}\``);
          if (a.tiers.length === 0) this.fail(`${path}/accelerate/tiers`, 'an accelerator needs at least one tier');
          this.tiers(a.tiers, { base: 'Percent' }, owner, `${path}/accelerate/tiers`);
        }
        this.unique(`${path}/caps`, c.caps.map((k) => k.scope), 'cap per');
        c.caps.forEach((k, i) => want(k.amount, owner, `${path}/caps/${i}/amount`, 'Money'));
        break;
      }
      case 'bonus':
        want(c.when, owner, `${path}/when`, 'Bool');
        want(c.pay, owner, `${path}/pay`, 'Money');
        break;
      case 'spiff': {
        const from = this.date(`${path}/during/from`, c.during.from), to = this.date(`${path}/during/to`, c.during.to);
        if (from !== undefined && to !== undefined && from > to) this.fail(`${path}/during`, 'the window ends before it starts');
        want(c.pay, this.selection(c.for, owner, `${path}/for`, true), `${path}/pay`, 'Money');
        break;
      }
      case 'clawback': {
        const perRecord = this.selection(c.for, owner, `${path}/for`, true);
        want(c.share, perRecord, `${path}/share`, 'Percent');
        if (c.share.k === 'lit' && !(Number(c.share.v) >= 0 && Number(c.share.v) <= 1)) this.fail(`${path}/share`, 'the share recovered must be from 0 to 1');
        const target = this.components.get(c.of);
        if (!target || (target.kind !== 'commission' && target.kind !== 'spiff')) this.fail(`${path}/of`, `\`${c.of}\` is not a commission or a spiff of the plan`);
        const input = this.inputs.get(c.for.input);
        if (input) this.fieldOfType(`${path}/on`, input, c.on, 'Date');
        break;
      }
      case 'draw':
        want(c.pay, owner, `${path}/pay`, 'Money');
        break;
      case 'reward': {
        if (c.when) want(c.when, owner, `${path}/when`, 'Bool');
        const perRecord = c.for ? this.selection(c.for, owner, `${path}/for`, true) : owner;
        if ((c.points === undefined) === (c.award === undefined)) this.fail(path, 'a reward grants either points or an award');
        if (c.points) want(c.points, perRecord, `${path}/points`, 'Number');
        break;
      }
    }
  }

  /** Checks a `for d in X where c`; returns the scope with `d` bound. */
  private selection(sel: IrSelection, scope: Scope, path: string, component: boolean): Scope {
    const input = this.inputs.get(sel.input);
    if (!input) {
      this.fail(`${path}/input`, `unknown input \`${sel.input}\``);
      return scope;
    }
    if (!sel.all && !input.credit && !input.roster && (component || scope.where !== 'metric')) this.fail(`${path}/input`, `input \`${sel.input}\` has no credit rule: range over \`all ${sel.input}\``);
    const inner: Scope = { ...scope, vars: new Map([...scope.vars, [sel.var, sel.input]]) };
    if (sel.where) {
      const t = this.expr(sel.where, inner, `${path}/where`);
      if (t && (t.base !== 'Bool' || t.optional)) this.fail(`${path}/where`, `expected Bool, found \`${show(t)}\``);
    }
    return inner;
  }

  private tiers(tiers: readonly IrTier[], subject: IrType, scope: Scope, path: string): IrType | undefined {
    let result: IrType | undefined;
    tiers.forEach((tier, i) => {
      for (const side of ['from', 'to'] as const) {
        const bound = tier[side];
        if (!bound) continue;
        const t = this.expr(bound, scope, `${path}/${i}/${side}`);
        if (t && !sameType(t, subject)) this.fail(`${path}/${i}/${side}`, `a bound of \`${show(t)}\` in a table of \`${show(subject)}\``);
      }
      const value = this.expr(tier.value, scope, `${path}/${i}/value`);
      result = this.unifyInto(result, value, `${path}/${i}/value`);
    });
    return result;
  }

  private unifyInto(acc: IrType | undefined, next: IrType | undefined, path: string): IrType | undefined {
    if (!next) return acc;
    if (!acc) return next;
    const u = unify(acc as Type, next as Type);
    if (!u) this.fail(path, `the arms have different types: \`${show(acc)}\` and \`${show(next)}\``);
    return (u as IrType | undefined) ?? acc;
  }

  private date(path: string, text: string): number | undefined {
    const day = parseIsoDate(text);
    if (day === undefined || formatIsoDate(day) !== text) {
      this.fail(path, `\`${text}\` is not a calendar date`);
      return undefined;
    }
    return day;
  }

  // ------------------------------------------------------------ expressions

  /** The type of `e`, checked against its stated `t`; undefined when a problem was reported below it. */
  private expr(e: IrExpr, scope: Scope, path: string): IrType | undefined {
    const computed = this.compute(e, scope, path);
    if (computed && !sameType(e.t, computed)) {
      this.fail(path, `a \`${e.k}\` node states \`${show(e.t)}\` but computes \`${show(computed)}\``);
      return undefined;
    }
    return computed && e.t;
  }

  private compute(e: IrExpr, scope: Scope, path: string): IrType | undefined {
    const data = scope.where === 'measure' || scope.where === 'component';
    const needData = (what: string) => {
      if (!data) this.fail(path, `${what} is not available in a ${scope.where}`);
      return data;
    };
    switch (e.k) {
      case 'lit': return this.literal(e, path);
      case 'enum': {
        const values = e.t.base === 'Enum' ? this.enums.get(e.t.enum ?? '') : undefined;
        if (!values?.includes(e.v)) { this.fail(path, `\`${e.v}\` is not a value of \`${show(e.t)}\``); return undefined; }
        return e.t;
      }
      case 'var': {
        const input = scope.vars.get(e.name);
        if (input === undefined) { this.fail(path, `\`${e.name}\` is not a loop variable in scope`); return undefined; }
        return { base: 'Record', input };
      }
      case 'let': return this.reference(path, scope, 'let', e.name, this.lets.get(e.name));
      case 'measure':
        if (!needData(`measure \`${e.name}\``)) return undefined;
        return this.reference(path, scope, 'measure', e.name, this.measures.get(e.name));
      case 'payee': return needData('`payee`') ? { base: 'Payee' } : undefined;
      case 'period': return needData('`period`') ? { base: e.field === 'days' ? 'Int' : 'Date' } : undefined;
      case 'field': return this.field(e, scope, path);
      case 'bin': return this.binary(e, scope, path);
      case 'neg': {
        const t = this.expr(e.e, scope, `${path}/e`);
        if (t && !isNumeric(t as Type)) { this.fail(path, `cannot negate \`${show(t)}\``); return undefined; }
        return t && required(t as Type) as IrType;
      }
      case 'not': return this.bool(e.e, scope, `${path}/e`) ? { base: 'Bool' } : undefined;
      case 'isSet': return this.expr(e.e, scope, `${path}/e`) ? { base: 'Bool' } : undefined;
      case 'if': {
        this.bool(e.c, scope, `${path}/c`);
        return this.unifyInto(this.expr(e.a, scope, `${path}/a`), this.expr(e.b, scope, `${path}/b`), path);
      }
      case 'match': return this.match(e, scope, path);
      case 'bands': {
        const subject = this.expr(e.e, scope, `${path}/e`);
        if (subject && !isNumeric(subject as Type) && subject.base !== 'Date') { this.fail(`${path}/e`, `\`bands\` over \`${show(subject)}\``); return undefined; }
        const arms = this.tiers(e.arms, subject ? (required(subject as Type) as IrType) : { base: 'Number' }, scope, `${path}/arms`);
        return this.unifyInto(arms, e.else ? this.expr(e.else, scope, `${path}/else`) : undefined, path);
      }
      case 'agg': return this.aggregate(e, scope, path);
      case 'call': return this.call(e, scope, path);
      case 'ytd':
      case 'prior': {
        if (!needData(`\`${e.k}\``)) return undefined;
        const t = this.expr(e.e, e.k === 'prior' ? { ...scope, inPrior: true } : scope, `${path}/e`);
        return t && (e.k === 'prior' ? (optional(t as Type) as IrType) : t);
      }
    }
  }

  private literal(e: Extract<IrExpr, { k: 'lit' }>, path: string): IrType | undefined {
    const { t, v } = e;
    const ok =
      t.base === 'Bool' ? typeof v === 'boolean' :
      t.base === 'Text' ? typeof v === 'string' :
      t.base === 'Date' ? typeof v === 'string' && parseIsoDate(v) !== undefined && formatIsoDate(parseIsoDate(v)!) === v :
      t.base === 'Int' ? typeof v === 'string' && /^-?\d+$/.test(v) :
      t.base === 'Money' || t.base === 'Percent' || t.base === 'Number' ? typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) :
      false;
    if (!ok || t.optional) { this.fail(path, `${clip(JSON.stringify(v))} is not a literal of type \`${show(t)}\``); return undefined; }
    return t;
  }

  private reference(path: string, scope: Scope, kind: 'let' | 'measure', name: string, t: IrType | undefined): IrType | undefined {
    if (!t) { this.fail(path, `unknown ${kind} \`${name}\``); return undefined; }
    if (scope.owner && !scope.inPrior) {
      const out = this.edges.get(scope.owner) ?? new Set<string>();
      out.add(`${kind}:${name}`);
      this.edges.set(scope.owner, out);
    }
    return t;
  }

  private field(e: Extract<IrExpr, { k: 'field' }>, scope: Scope, path: string): IrType | undefined {
    let input: IrInput | undefined;
    if (e.of) {
      const of = this.expr(e.of, scope, `${path}/of`);
      if (!of) return undefined;
      input = of.base === 'Record' ? this.inputs.get(of.input ?? '') : of.base === 'Payee' && !of.optional ? this.roster : undefined;
      if (!input) { this.fail(path, `\`${show(of)}\` has no fields`); return undefined; }
    } else {
      input = scope.where === 'derived' ? scope.input : undefined;
      if (!input) { this.fail(path, `field \`${e.name}\` without a record`); return undefined; }
      if (input.derived.some((d) => d.name === e.name) && !scope.earlierDerived?.has(e.name)) {
        this.fail(path, `derived field \`${e.name}\` is read before it is computed`);
        return undefined;
      }
    }
    const t = fieldType(input, e.name);
    if (!t) this.fail(path, `input \`${input.name}\` has no field \`${e.name}\``);
    return t;
  }

  private bool(e: IrExpr, scope: Scope, path: string): boolean {
    const t = this.expr(e, scope, path);
    if (t && t.base !== 'Bool') this.fail(path, `expected Bool, found \`${show(t)}\``);
    return t?.base === 'Bool';
  }

  private binary(e: Extract<IrExpr, { k: 'bin' }>, scope: Scope, path: string): IrType | undefined {
    if (e.op === 'and' || e.op === 'or') {
      const l = this.bool(e.l, scope, `${path}/l`), r = this.bool(e.r, scope, `${path}/r`);
      return l && r ? { base: 'Bool' } : undefined;
    }
    const l = this.expr(e.l, scope, `${path}/l`), r = this.expr(e.r, scope, `${path}/r`);
    if (!l || !r) return undefined;
    const L = required(l as Type), R = required(r as Type);
    let result: Type | undefined;
    if (e.op === 'coalesce') result = unify(L, r as Type);
    else if (e.op in COMPARISON_SYMBOL) result = comparable(COMPARISON_SYMBOL[e.op as keyof typeof COMPARISON_SYMBOL], L, R) ? { base: 'Bool' } : undefined;
    else result = arithmeticResult(BINARY_SYMBOL[e.op as keyof typeof BINARY_SYMBOL], L, R);
    if (!result) this.fail(path, `\`${e.op}\` cannot take \`${show(l)}\` and \`${show(r)}\``);
    return result as IrType | undefined;
  }

  private match(e: Extract<IrExpr, { k: 'match' }>, scope: Scope, path: string): IrType | undefined {
    const subject = this.expr(e.e, scope, `${path}/e`);
    const covered = new Set<string>();
    let result: IrType | undefined;
    e.arms.forEach((arm, i) => {
      arm.values.forEach((value, j) => {
        const t = this.expr(value, scope, `${path}/arms/${i}/values/${j}`);
        if (value.k !== 'lit' && value.k !== 'enum') this.fail(`${path}/arms/${i}/values/${j}`, 'a pattern must be a literal or an enum value');
        else if (t && subject && !sameValueType(t as Type, subject as Type)) this.fail(`${path}/arms/${i}/values/${j}`, `a pattern of \`${show(t)}\` for a subject of \`${show(subject)}\``);
        if (value.k === 'enum') covered.add(value.v);
      });
      result = this.unifyInto(result, this.expr(arm.e, scope, `${path}/arms/${i}/e`), `${path}/arms/${i}/e`);
    });
    if (e.else) return this.unifyInto(result, this.expr(e.else, scope, `${path}/else`), `${path}/else`);
    const values = subject?.base === 'Enum' ? this.enums.get(subject.enum ?? '') : undefined;
    if (subject && (!values || values.some((v) => !covered.has(v)))) this.fail(path, 'a `match` without `else` must cover every value of an enum');
    return result;
  }

  private aggregate(e: Extract<IrExpr, { k: 'agg' }>, scope: Scope, path: string): IrType | undefined {
    if (scope.where === 'let' || scope.where === 'derived' || scope.where === 'header') { this.fail(path, `\`${e.fn}\` is not available in a ${scope.where}`); return undefined; }
    const inner = this.selection(e.sel, scope, `${path}/sel`, false);
    if (e.fn === 'count') return { base: 'Int' };
    if (!e.e) { this.fail(path, `\`${e.fn}\` needs a value`); return undefined; }
    const t = this.expr(e.e, inner, `${path}/e`);
    if (!t) return undefined;
    const allowed = e.fn === 'min' || e.fn === 'max' ? ['Money', 'Percent', 'Number', 'Int', 'Date'] : ['Money', 'Percent', 'Number', 'Int'];
    if (t.optional || !allowed.includes(t.base)) { this.fail(`${path}/e`, `\`${e.fn}\` of \`${show(t)}\``); return undefined; }
    if (e.fn === 'sum') return t;
    return optional((e.fn === 'avg' && t.base === 'Int' ? { base: 'Number' } : t) as Type) as IrType;
  }

  private call(e: Extract<IrExpr, { k: 'call' }>, scope: Scope, path: string): IrType | undefined {
    const args = e.args.map((a, i) => this.expr(a, scope, `${path}/args/${i}`));
    if (args.some((a) => !a)) return undefined;
    const types = args as IrType[];
    const arity = e.fn === 'min' || e.fn === 'max' ? types.length >= 2 : types.length === (e.fn === 'abs' ? 1 : 2);
    const allowed = e.fn === 'min' || e.fn === 'max' ? ['Money', 'Percent', 'Number', 'Int', 'Date'] : ['Money', 'Percent', 'Number', 'Int'];
    if (!arity || types.some((t) => t.optional || !allowed.includes(t.base))) { this.fail(path, `\`${e.fn}\` cannot take (${types.map(show).join(', ')})`); return undefined; }
    if (e.fn === 'abs') return types[0];
    if (e.fn === 'round') {
      const [x, step] = types as [IrType, IrType];
      if (!sameValueType(x as Type, step as Type) && step.base !== 'Number' && step.base !== 'Int') { this.fail(path, `\`round\` of \`${show(x)}\` to a step of \`${show(step)}\``); return undefined; }
      return x.base === 'Int' && step.base !== 'Int' ? { base: 'Number' } : x;
    }
    return types.reduce<IrType | undefined>((acc, t, i) => this.unifyInto(acc, t, `${path}/args/${i}`), undefined);
  }

  // ------------------------------------------------------------ cycles

  private cycles(): void {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, trail: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        this.fail('/', `dependency cycle: ${[...trail.slice(trail.indexOf(node)), node].join(' → ')}`);
        return;
      }
      state.set(node, 'open');
      for (const next of this.edges.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, 'done');
    };
    for (const node of [...this.edges.keys()].sort()) visit(node, []);
  }
}

function fieldType(input: IrInput, name: string): IrType | undefined {
  const field: IrField | undefined = input.fields.find((f) => f.name === name);
  return field?.type ?? input.derived.find((d) => d.name === name)?.type;
}

/** Same type for the evaluator: optionality aside (narrowing is not recorded), Int and Number alike. */
function sameType(a: IrType, b: IrType): boolean {
  return sameValueType(a as Type, b as Type);
}

function show(t: IrType): string {
  const name = t.base === 'Enum' ? t.enum ?? 'Enum' : t.base === 'Record' ? `record of ${t.input ?? '?'}` : t.base;
  return t.optional ? `${name}?` : name;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
