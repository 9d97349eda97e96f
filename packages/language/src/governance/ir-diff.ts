// Semantic plan diffs: two IR documents in, the changes a governance committee cares about out,
// each as structured data and in plain words ("partner rate 5% → 6% in new_business", "new cap
// 25,000 USD per deal in new_business", "gate `d.margin >= 20%` removed from new_business",
// "input deals: field `region` added"). Computed on the IR, never on text: a reformatted or
// reordered plan has the same hash and no changes. Used by `incent diff`.
import type {
  IrAccelerator, IrCap, IrComponent, IrExpr, IrHeader, IrInput, IrPlan, IrSelection, IrTier,
} from '../ir/ir';
import { canonicalJson, planHash } from '../ir/hash';
import { printExpr } from '../ir/print';
import { literalWords, monthName, rangeWords, valueWords } from './values';

export type ChangeAction = 'added' | 'removed' | 'changed';
export type ChangeScope = 'plan' | 'enum' | 'input' | 'let' | 'measure' | 'metric' | 'component';

export interface PlanChange {
  readonly scope: ChangeScope;
  /** The declaration's name (absent for the plan header). */
  readonly name?: string;
  /** The part that changed: `rate`, `tier`, `cap`, `gate`, `field`, `version`, `definition`, … */
  readonly aspect: string;
  readonly action: ChangeAction;
  /** The item within the part: a match value, a band or tier range, a cap scope, a field name. */
  readonly item?: string;
  readonly before?: string;
  readonly after?: string;
  /** The change in plain words. */
  readonly text: string;
}

export interface PlanDiff {
  readonly oldHash: string;
  readonly newHash: string;
  /** Equal hashes: nothing that changes payouts changed (formatting, comments, order, docs). */
  readonly equal: boolean;
  readonly changes: PlanChange[];
}

/** The semantic changes from `before` to `after`. */
export function diffPlans(before: IrPlan, after: IrPlan): PlanDiff {
  const oldHash = planHash(before), newHash = planHash(after);
  if (oldHash === newHash) return { oldHash, newHash, equal: true, changes: [] };
  const d = new Differ(before, after);
  d.header(before.plan, after.plan);
  d.named('enum', before.enums, after.enums, (a, b) => d.enumValues(a.name, a.values, b.values));
  d.named('input', before.inputs, after.inputs, (a, b) => d.input(a, b));
  d.named('let', before.lets, after.lets, (a, b) => d.definition('let', a.name, a.expr, b.expr));
  d.named('measure', before.measures, after.measures, (a, b) => d.definition('measure', a.name, a.expr, b.expr));
  d.named('component', before.components, after.components, (a, b) => d.component(a, b));
  d.named('metric', before.metrics, after.metrics, (a, b) => d.definition('metric', a.name, a.expr, b.expr));
  if (d.changes.length === 0) d.changes.push({ scope: 'plan', aspect: 'other', action: 'changed', text: 'the plan changed in a way this diff does not describe (the IR hashes differ)' });
  return { oldHash, newHash, equal: false, changes: d.changes };
}

/** True when two IR values are the same once locations and docs are ignored. */
export function sameIr(a: unknown, b: unknown): boolean {
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'at' && k !== 'doc') out[k] = strip(v);
    return out;
  }
  return value;
}

const KIND_WORD: Record<IrComponent['kind'], string> = {
  commission: 'commission', bonus: 'bonus', spiff: 'SPIFF', clawback: 'clawback', draw: 'draw', reward: 'reward',
};

const CAP_SCOPE: Record<IrCap['scope'], string> = { deal: 'per deal', period: 'per period', year: 'per year' };

class Differ {
  readonly changes: PlanChange[] = [];
  constructor(private readonly before: IrPlan, private readonly after: IrPlan) {}

  private add(change: PlanChange): void {
    this.changes.push(change);
  }

  /** A value in words, read in the plan it comes from. */
  private v(e: IrExpr, side: 'before' | 'after'): string {
    return valueWords(e, side === 'before' ? this.before : this.after);
  }

  private src(e: IrExpr | undefined, side: 'before' | 'after'): string {
    return e ? printExpr(e, (side === 'before' ? this.before : this.after).plan.currency) : '';
  }

  header(a: IrHeader, b: IrHeader): void {
    const field = (aspect: string, label: string, x: string, y: string) => {
      if (x !== y) this.add({ scope: 'plan', aspect, action: 'changed', before: x, after: y, text: `${label} ${x} → ${y}` });
    };
    field('name', 'plan name', JSON.stringify(a.name), JSON.stringify(b.name));
    field('version', 'plan version', String(a.version), String(b.version));
    field('currency', 'currency', a.currency, b.currency);
    field('period', 'pay period', a.period, b.period);
    field('effective', 'effective', `${a.effective.from} to ${a.effective.to}`, `${b.effective.from} to ${b.effective.to}`);
    field('fiscalYearStart', 'fiscal year start', monthName(a.fiscalYearStart), monthName(b.fiscalYearStart));
    field('rounding', 'rounding', a.rounding, b.rounding);
  }

  /** Added, removed and common declarations by name; `same` compares the common ones. */
  named<T extends { name: string }>(scope: ChangeScope, a: readonly T[], b: readonly T[], same: (x: T, y: T) => void): void {
    const old = new Map(a.map((x) => [x.name, x]));
    const now = new Map(b.map((x) => [x.name, x]));
    for (const y of b) {
      const x = old.get(y.name);
      if (!x) { this.add({ scope, name: y.name, aspect: 'declaration', action: 'added', text: this.addedText(scope, y) }); continue; }
      if (sameIr(x, y)) continue;
      const count = this.changes.length;
      same(x, y);
      if (this.changes.length === count) this.add({ scope, name: y.name, aspect: 'other', action: 'changed', text: `${scope} \`${y.name}\` changed` });
    }
    for (const x of a) {
      if (!now.has(x.name)) this.add({ scope, name: x.name, aspect: 'declaration', action: 'removed', text: this.removedText(scope, x) });
    }
  }

  private addedText(scope: ChangeScope, x: { name: string }): string {
    if (scope === 'component') {
      const c = x as unknown as IrComponent;
      return `new ${KIND_WORD[c.kind]} ${c.name}`;
    }
    if (scope === 'let' || scope === 'measure' || scope === 'metric') {
      const e = (x as unknown as { expr: IrExpr }).expr;
      return `new ${scope === 'let' ? 'constant' : scope} \`${x.name}\` = ${this.v(e, 'after')}`;
    }
    return `new ${scope} \`${x.name}\``;
  }

  private removedText(scope: ChangeScope, x: { name: string }): string {
    if (scope === 'component') return `${KIND_WORD[(x as unknown as IrComponent).kind]} ${x.name} removed`;
    return `${scope === 'let' ? 'constant' : scope} \`${x.name}\` removed`;
  }

  enumValues(name: string, a: readonly string[], b: readonly string[]): void {
    for (const v of b) if (!a.includes(v)) this.add({ scope: 'enum', name, aspect: 'value', action: 'added', item: v, text: `enum ${name}: value \`${v}\` added` });
    for (const v of a) if (!b.includes(v)) this.add({ scope: 'enum', name, aspect: 'value', action: 'removed', item: v, text: `enum ${name}: value \`${v}\` removed` });
  }

  input(a: IrInput, b: IrInput): void {
    const scope = 'input', name = b.name;
    const typeText = (t: IrInput['fields'][number]['type']) => `${t.base === 'Enum' ? t.enum : t.base}${t.optional ? '?' : ''}`;
    const old = new Map(a.fields.map((f) => [f.name, f]));
    const now = new Map(b.fields.map((f) => [f.name, f]));
    for (const f of b.fields) {
      const g = old.get(f.name);
      if (!g) { this.add({ scope, name, aspect: 'field', action: 'added', item: f.name, after: typeText(f.type), text: `input ${name}: field \`${f.name}\` added` }); continue; }
      if (typeText(g.type) !== typeText(f.type)) {
        this.add({ scope, name, aspect: 'field', action: 'changed', item: f.name, before: typeText(g.type), after: typeText(f.type), text: `input ${name}: field \`${f.name}\` ${typeText(g.type)} → ${typeText(f.type)}` });
      }
      if (!!g.key !== !!f.key) {
        this.add({ scope, name, aspect: 'key', action: 'changed', item: f.name, text: `input ${name}: field \`${f.name}\` ${f.key ? 'now part of the key' : 'no longer part of the key'}` });
      }
    }
    for (const g of a.fields) if (!now.has(g.name)) this.add({ scope, name, aspect: 'field', action: 'removed', item: g.name, text: `input ${name}: field \`${g.name}\` removed` });
    const oldDerived = new Map(a.derived.map((f) => [f.name, f]));
    const nowDerived = new Map(b.derived.map((f) => [f.name, f]));
    for (const f of b.derived) {
      const g = oldDerived.get(f.name);
      if (!g) this.add({ scope, name, aspect: 'derived', action: 'added', item: f.name, after: this.src(f.expr, 'after'), text: `input ${name}: derived field \`${f.name} = ${this.src(f.expr, 'after')}\` added` });
      else if (!sameIr(g.expr, f.expr)) {
        this.add({ scope, name, aspect: 'derived', action: 'changed', item: f.name, before: this.src(g.expr, 'before'), after: this.src(f.expr, 'after'), text: `input ${name}: derived field \`${f.name}\` \`${this.src(g.expr, 'before')}\` → \`${this.src(f.expr, 'after')}\`` });
      }
    }
    for (const g of a.derived) if (!nowDerived.has(g.name)) this.add({ scope, name, aspect: 'derived', action: 'removed', item: g.name, text: `input ${name}: derived field \`${g.name}\` removed` });
    const credit = (x: IrInput) => (x.credit ? `credit ${x.credit.payee} on ${x.credit.date}` : 'no credit rule');
    if (credit(a) !== credit(b)) {
      this.add({ scope, name, aspect: 'credit', action: 'changed', before: credit(a), after: credit(b), text: `input ${name}: \`${credit(a)}\` → \`${credit(b)}\`` });
    }
  }

  definition(scope: 'let' | 'measure' | 'metric', name: string, a: IrExpr, b: IrExpr): void {
    if (sameIr(a, b)) return;
    const label = scope === 'let' ? 'constant' : scope;
    const before = this.v(a, 'before'), after = this.v(b, 'after');
    this.add({ scope, name, aspect: 'definition', action: 'changed', before, after, text: `${label} \`${name}\` ${before} → ${after}` });
  }

  component(a: IrComponent, b: IrComponent): void {
    const name = b.name;
    if (a.kind !== b.kind) {
      this.add({ scope: 'component', name, aspect: 'kind', action: 'changed', before: a.kind, after: b.kind, text: `${name} is now a ${KIND_WORD[b.kind]} (was a ${KIND_WORD[a.kind]})` });
      return;
    }
    switch (b.kind) {
      case 'commission': {
        const x = a as typeof b;
        this.selection(name, x.for, b.for);
        this.expression(name, 'base', 'base', x.base, b.base);
        this.valueTable(name, 'rate', 'rate', x.rate, b.rate);
        this.list(name, 'gate', x.gates, b.gates);
        this.list(name, 'multiplier', x.multipliers, b.multipliers);
        this.accelerator(name, x.accelerate, b.accelerate);
        this.caps(name, x.caps, b.caps);
        return;
      }
      case 'bonus': {
        const x = a as typeof b;
        this.expression(name, 'condition', 'condition', x.when, b.when);
        this.expression(name, 'pay', 'pays', x.pay, b.pay, true);
        if (!!x.oncePerYear !== !!b.oncePerYear) this.add({ scope: 'component', name, aspect: 'once', action: 'changed', text: b.oncePerYear ? `${name} is now paid at most once per fiscal year` : `${name} is no longer limited to once per fiscal year` });
        return;
      }
      case 'spiff': {
        const x = a as typeof b;
        const w = (s: typeof b.during) => `${s.from} to ${s.to}`;
        if (w(x.during) !== w(b.during)) this.add({ scope: 'component', name, aspect: 'window', action: 'changed', before: w(x.during), after: w(b.during), text: `${name} window ${w(x.during)} → ${w(b.during)}` });
        this.selection(name, x.for, b.for);
        this.expression(name, 'pay', 'pays', x.pay, b.pay, true);
        return;
      }
      case 'clawback': {
        const x = a as typeof b;
        this.selection(name, x.for, b.for);
        if (x.of !== b.of) this.add({ scope: 'component', name, aspect: 'of', action: 'changed', before: x.of, after: b.of, text: `${name} now recovers from ${b.of} (was ${x.of})` });
        this.expression(name, 'share', 'recovers', x.share, b.share, true);
        if (x.on !== b.on) this.add({ scope: 'component', name, aspect: 'on', action: 'changed', before: x.on, after: b.on, text: `${name} dated by \`${x.on}\` → \`${b.on}\`` });
        return;
      }
      case 'draw': {
        const x = a as typeof b;
        this.expression(name, 'pay', 'guarantee', x.pay, b.pay, true);
        if (!!x.recoverable !== !!b.recoverable) this.add({ scope: 'component', name, aspect: 'recoverable', action: 'changed', text: `${name} is ${b.recoverable ? 'now' : 'no longer'} recoverable` });
        return;
      }
      case 'reward': {
        const x = a as typeof b;
        this.optional(name, 'condition', 'condition', x.when, b.when);
        if (x.for || b.for) {
          if (!x.for || !b.for) this.add({ scope: 'component', name, aspect: 'selection', action: x.for ? 'removed' : 'added', text: x.for ? `${name} no longer grants per record` : `${name} now grants per record: \`${this.selText(b.for!, 'after')}\`` });
          else this.selection(name, x.for, b.for);
        }
        this.optional(name, 'points', 'grants', x.points, b.points);
        if (x.award !== b.award) this.add({ scope: 'component', name, aspect: 'award', action: 'changed', before: x.award, after: b.award, text: `${name} award ${x.award === undefined ? 'none' : JSON.stringify(x.award)} → ${b.award === undefined ? 'none' : JSON.stringify(b.award)}` });
        return;
      }
    }
  }

  private selText(s: IrSelection, side: 'before' | 'after'): string {
    return `for ${s.var} in ${s.all ? 'all ' : ''}${s.input}${s.where ? ` where ${this.src(s.where, side)}` : ''}`;
  }

  private selection(name: string, a: IrSelection, b: IrSelection): void {
    if (sameIr(a, b)) return;
    const before = this.selText(a, 'before'), after = this.selText(b, 'after');
    this.add({ scope: 'component', name, aspect: 'selection', action: 'changed', before, after, text: `${name} selects \`${after}\` (was \`${before}\`)` });
  }

  /** `label` before → after, e.g. "base `d.amount` → `d.amount * d.share` in x"; `verb` puts the name first ("bundle_push pays 500 USD → 750 USD"). */
  private expression(name: string, aspect: string, label: string, a: IrExpr, b: IrExpr, verb = false): void {
    if (sameIr(a, b)) return;
    const before = this.v(a, 'before'), after = this.v(b, 'after');
    const text = verb ? `${name} ${label} ${before} → ${after}` : `${label} ${before} → ${after} in ${name}`;
    this.add({ scope: 'component', name, aspect, action: 'changed', before, after, text });
  }

  private optional(name: string, aspect: string, label: string, a: IrExpr | undefined, b: IrExpr | undefined): void {
    if (a && b) return this.expression(name, aspect, label, a, b, true);
    if (a) this.add({ scope: 'component', name, aspect, action: 'removed', before: this.v(a, 'before'), text: `${name}: ${label} ${this.v(a, 'before')} removed` });
    if (b) this.add({ scope: 'component', name, aspect, action: 'added', after: this.v(b, 'after'), text: `${name}: ${label} ${this.v(b, 'after')} added` });
  }

  /**
   * A rate or multiplier: arm by arm when both sides are a `match` (or `bands`) on the same
   * subject ("partner rate 5% → 6% in new_business"), as a whole otherwise.
   */
  private valueTable(name: string, aspect: string, label: string, a: IrExpr, b: IrExpr): void {
    if (sameIr(a, b)) return;
    const arms = (e: IrExpr, side: 'before' | 'after'): Map<string, IrExpr> | undefined => {
      const plan = side === 'before' ? this.before : this.after;
      if (e.k === 'match') {
        const m = new Map<string, IrExpr>();
        for (const arm of e.arms) for (const v of arm.values) m.set(literalWords(v, plan) ?? printExpr(v, plan.plan.currency), arm.e);
        if (e.else) m.set('else', e.else);
        return m;
      }
      if (e.k === 'bands') {
        const m = new Map<string, IrExpr>();
        for (const arm of e.arms) m.set(rangeWords(arm, plan), arm.value);
        if (e.else) m.set('else', e.else);
        return m;
      }
      return undefined;
    };
    const comparable = (a.k === 'match' || a.k === 'bands') && a.k === b.k && sameIr((a as { e: IrExpr }).e, (b as { e: IrExpr }).e);
    const x = comparable ? arms(a, 'before') : undefined;
    const y = comparable ? arms(b, 'after') : undefined;
    if (!x || !y) {
      this.expression(name, aspect, label, a, b);
      return;
    }
    const subject = this.src((b as { e: IrExpr }).e, 'after');
    const item = (key: string) => {
      if (b.k === 'match') return key === 'else' ? `${label} for other values` : `${key} ${label}`;
      return key === 'else' ? `${label} outside the bands of \`${subject}\`` : `${label} band ${key} of \`${subject}\``;
    };
    for (const [key, e] of y) {
      const old = x.get(key);
      if (!old) this.add({ scope: 'component', name, aspect, action: 'added', item: key, after: this.v(e, 'after'), text: `new ${item(key)} ${this.v(e, 'after')} in ${name}` });
      else if (!sameIr(old, e)) this.add({ scope: 'component', name, aspect, action: 'changed', item: key, before: this.v(old, 'before'), after: this.v(e, 'after'), text: `${item(key)} ${this.v(old, 'before')} → ${this.v(e, 'after')} in ${name}` });
    }
    for (const [key, e] of x) {
      if (!y.has(key)) this.add({ scope: 'component', name, aspect, action: 'removed', item: key, before: this.v(e, 'before'), text: `${item(key)} ${this.v(e, 'before')} removed from ${name}` });
    }
  }

  /** Gates and multipliers: unchanged ones set aside, look-alikes paired as changes, the rest added or removed. */
  private list(name: string, aspect: 'gate' | 'multiplier', a: readonly IrExpr[], b: readonly IrExpr[]): void {
    const removed = [...a], added: IrExpr[] = [];
    for (const e of b) {
      const i = removed.findIndex((x) => sameIr(x, e));
      if (i >= 0) removed.splice(i, 1);
      else added.push(e);
    }
    const pairs: [IrExpr, IrExpr][] = [];
    for (const e of [...added]) {
      const i = removed.findIndex((x) => shapeKey(x) !== undefined && shapeKey(x) === shapeKey(e));
      if (i < 0) continue;
      pairs.push([removed[i]!, e]);
      removed.splice(i, 1);
      added.splice(added.indexOf(e), 1);
    }
    if (removed.length === 1 && added.length === 1) pairs.push([removed.pop()!, added.pop()!]);
    for (const [x, y] of pairs) {
      if (aspect === 'multiplier') this.valueTable(name, aspect, aspect, x, y);
      else this.add({ scope: 'component', name, aspect, action: 'changed', before: this.src(x, 'before'), after: this.src(y, 'after'), text: `gate \`${this.src(x, 'before')}\` → \`${this.src(y, 'after')}\` in ${name}` });
    }
    for (const x of removed) this.add({ scope: 'component', name, aspect, action: 'removed', before: this.src(x, 'before'), text: `${aspect} \`${this.src(x, 'before')}\` removed from ${name}` });
    for (const y of added) this.add({ scope: 'component', name, aspect, action: 'added', after: this.src(y, 'after'), text: `new ${aspect} \`${this.src(y, 'after')}\` in ${name}` });
  }

  private tiersText(tiers: readonly IrTier[], side: 'before' | 'after'): string {
    const plan = side === 'before' ? this.before : this.after;
    return tiers.map((t) => `${rangeWords(t, plan)} ×${literalWords(t.value, plan) ?? this.src(t.value, side)}`).join(', ');
  }

  private accelerator(name: string, a: IrAccelerator | undefined, b: IrAccelerator | undefined): void {
    const scope = 'component';
    if (!a && !b) return;
    if (!a || !b) {
      const acc = (a ?? b)!;
      const side = a ? 'before' : 'after';
      const desc = `${acc.mode} against \`${this.src(acc.target, side)}\`${acc.perYear ? ' per year' : ''}: ${this.tiersText(acc.tiers, side)}`;
      if (b) this.add({ scope, name, aspect: 'accelerator', action: 'added', after: desc, text: `new accelerator in ${name}: ${desc}` });
      else this.add({ scope, name, aspect: 'accelerator', action: 'removed', before: desc, text: `accelerator removed from ${name} (was ${desc})` });
      return;
    }
    if (a.mode !== b.mode) this.add({ scope, name, aspect: 'accelerator', action: 'changed', item: 'mode', before: a.mode, after: b.mode, text: `accelerator ${a.mode} → ${b.mode} in ${name}` });
    if (!sameIr(a.target, b.target)) this.add({ scope, name, aspect: 'accelerator', action: 'changed', item: 'target', before: this.src(a.target, 'before'), after: this.src(b.target, 'after'), text: `accelerator target \`${this.src(a.target, 'before')}\` → \`${this.src(b.target, 'after')}\` in ${name}` });
    if (!!a.perYear !== !!b.perYear) this.add({ scope, name, aspect: 'accelerator', action: 'changed', item: 'per year', text: `attainment ${a.perYear ? 'per fiscal year' : 'per period'} → ${b.perYear ? 'per fiscal year' : 'per period'} in ${name}` });
    if (!sameIr(a.on, b.on)) {
      const on = (e: IrExpr | undefined, side: 'before' | 'after') => (e ? `\`${this.src(e, side)}\`` : 'the base');
      this.add({ scope, name, aspect: 'accelerator', action: 'changed', item: 'on', text: `attainment counts ${on(a.on, 'before')} → ${on(b.on, 'after')} in ${name}` });
    }
    if (sameIr(a.tiers, b.tiers)) return;
    const ranges = (tiers: readonly IrTier[], plan: IrPlan) => tiers.map((t) => rangeWords(t, plan));
    const ra = ranges(a.tiers, this.before), rb = ranges(b.tiers, this.after);
    if (ra.join('|') === rb.join('|')) {
      b.tiers.forEach((t, i) => {
        const old = a.tiers[i]!;
        if (sameIr(old.value, t.value)) return;
        const before = this.v(old.value, 'before'), after = this.v(t.value, 'after');
        this.add({ scope, name, aspect: 'tier', action: 'changed', item: rb[i], before, after, text: `tier ${rb[i]} factor ${before} → ${after} in ${name}` });
      });
      return;
    }
    const before = this.tiersText(a.tiers, 'before'), after = this.tiersText(b.tiers, 'after');
    this.add({ scope, name, aspect: 'tier', action: 'changed', before, after, text: `tiers in ${name}: ${before} → ${after}` });
  }

  private caps(name: string, a: readonly IrCap[], b: readonly IrCap[]): void {
    for (const scope of ['deal', 'period', 'year'] as const) {
      const x = a.find((c) => c.scope === scope), y = b.find((c) => c.scope === scope);
      if (!x && !y) continue;
      const item = CAP_SCOPE[scope];
      if (!x) this.add({ scope: 'component', name, aspect: 'cap', action: 'added', item, after: this.v(y!.amount, 'after'), text: `new cap ${this.v(y!.amount, 'after')} ${item} in ${name}` });
      else if (!y) this.add({ scope: 'component', name, aspect: 'cap', action: 'removed', item, before: this.v(x.amount, 'before'), text: `cap ${this.v(x.amount, 'before')} ${item} removed from ${name}` });
      else if (!sameIr(x.amount, y.amount)) {
        this.add({ scope: 'component', name, aspect: 'cap', action: 'changed', item, before: this.v(x.amount, 'before'), after: this.v(y.amount, 'after'), text: `cap ${item} ${this.v(x.amount, 'before')} → ${this.v(y.amount, 'after')} in ${name}` });
      }
    }
  }
}

/** What makes two gates or multipliers "the same one, changed": a comparison's operator and left side; a table's kind and subject. */
function shapeKey(e: IrExpr): string | undefined {
  if (e.k === 'bin' && ['lt', 'le', 'gt', 'ge', 'eq', 'ne'].includes(e.op)) return `${e.op}|${canonicalJson(strip(e.l))}`;
  if (e.k === 'match' || e.k === 'bands') return `${e.k}|${canonicalJson(strip(e.e))}`;
  return undefined;
}
