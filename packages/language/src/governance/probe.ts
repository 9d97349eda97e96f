// A read-only look into a run's values for governance output: measure values for a payee and
// period, a bonus condition, the record behind a trace with the fields a component reads, and
// which arm of each `match` and `bands` a record takes (for plan-test coverage). It builds
// its own evaluation runtime over the loaded data, so it never changes a run's results.
import type { IrComponent, IrExpr, IrField, IrPlan, IrType } from '../ir/ir';
import { children } from '../ir/walk';
import type { DataRecord, LoadedData } from '../data/records';
import { Runtime } from '../eval/runtime';
import { bind, compareValues, equalValues, evaluate, EvaluationError, isRecord, type Env, type EvalValue } from '../eval/expr';
import { formatPlain, isDecimal } from '../eval/decimal';
import { formatIsoDate } from '../eval/dates';
import { formatTyped } from './values';
import { nameWords } from './words';

export interface Fact {
  readonly name: string;
  /** The value as exact text (decimal, ISO date, text, `true`, `unset`). */
  readonly value: string;
  /** The value for people ("60,000.00 USD", "≈66.67%"). */
  readonly text: string;
}

export class Probe {
  readonly rt: Runtime;
  private readonly byKey = new Map<string, DataRecord>();

  constructor(readonly ir: IrPlan, readonly data: LoadedData) {
    this.rt = new Runtime(ir, data.records);
    for (const [input, records] of Object.entries(data.records)) for (const r of records) this.byKey.set(`${input}\u0000${r.key}`, r);
  }

  record(input: string, key: string): DataRecord | undefined {
    return this.byKey.get(`${input}\u0000${key}`);
  }

  /** The env of a payee and period (undefined when the period is not one of the plan's). */
  env(payee: string, periodLabel: string): Env | undefined {
    const period = this.rt.calendar.byLabel(periodLabel);
    return period ? { payee, period, ytd: false } : undefined;
  }

  /** Evaluates an expression, or undefined when it fails (a probe never fails a report). */
  value(e: IrExpr, env: Env): EvalValue | undefined {
    try {
      return evaluate(this.rt, e, env);
    } catch (error) {
      if (error instanceof EvaluationError) return undefined;
      throw error;
    }
  }

  /** The values of measures for a payee and period. */
  measures(payee: string, periodLabel: string, names: readonly string[]): Fact[] {
    const env = this.env(payee, periodLabel);
    if (!env) return [];
    const out: Fact[] = [];
    for (const name of names) {
      const m = this.ir.measures.find((x) => x.name === name);
      if (!m) continue;
      const v = this.value({ k: 'measure', t: m.type, name, at: [0, 0, 0, 0] }, env);
      if (v === undefined || (v !== null && isRecord(v))) continue;
      out.push(fact(nameWords(name), v, m.type, this.ir));
    }
    return out;
  }

  /** The roster row of a payee as facts (every declared field but the key). */
  payeeFacts(payee: string): Fact[] {
    const roster = this.ir.inputs.find((i) => i.roster);
    const row = this.rt.roster.get(payee);
    if (!roster || !row) return [];
    return roster.fields.filter((f) => !f.key).map((f) => fact(nameWords(f.name), row.values[f.name] ?? null, f.type, this.ir));
  }

  /** The fields of a record that `names` lists, as facts. */
  recordFacts(record: DataRecord, names: readonly string[]): Fact[] {
    const input = this.ir.inputs.find((i) => i.name === record.input);
    if (!input) return [];
    const types = new Map<string, IrType>([...input.fields.map((f: IrField) => [f.name, f.type] as const), ...input.derived.map((d) => [d.name, d.type] as const)]);
    return names.filter((n) => types.has(n)).map((n) => fact(nameWords(n), record.values[n] ?? null, types.get(n)!, this.ir));
  }
}

/** A value as a fact: exact text and text for people. */
export function fact(name: string, v: EvalValue, type: IrType, ir: IrPlan): Fact {
  const value = valueText(v);
  return { name, value, text: type.base === 'Date' || v === null ? value : formatTyped(value, type, ir) };
}

export function valueText(v: EvalValue): string {
  if (v === null) return 'unset';
  if (isDecimal(v)) return formatPlain(v);
  if (typeof v === 'number') return formatIsoDate(v);
  if (typeof v === 'object') return v.key;
  return String(v);
}

/** The fields of a component's loop variable that its clauses read, in order of first use. */
export function fieldsRead(c: IrComponent): string[] {
  const names: string[] = [];
  const loop = 'for' in c && c.for ? c.for.var : undefined;
  const visit = (e: IrExpr | undefined) => {
    if (!e || !loop) return;
    walkExpr(e, (x) => {
      if (x.k === 'field' && x.of?.k === 'var' && x.of.name === loop && !names.includes(x.name)) names.push(x.name);
    });
  };
  switch (c.kind) {
    case 'commission':
      visit(c.base); visit(c.for.where); visit(c.rate); c.gates.forEach(visit); c.multipliers.forEach(visit); visit(c.accelerate?.on);
      break;
    case 'spiff': visit(c.for.where); visit(c.pay); break;
    case 'clawback': visit(c.for.where); visit(c.share); if (!names.includes(c.on)) names.push(c.on); break;
    case 'reward': visit(c.for?.where); visit(c.points); break;
    default: break;
  }
  return names;
}

/** The measures an expression (or a component's clauses) reads directly. */
export function measuresRead(exprs: readonly (IrExpr | undefined)[]): string[] {
  const names: string[] = [];
  for (const e of exprs) if (e) walkExpr(e, (x) => { if (x.k === 'measure' && !names.includes(x.name)) names.push(x.name); });
  return names;
}

/** Calls `f` on every node of an expression, parents first. */
export function walkExpr(e: IrExpr, f: (e: IrExpr) => void): void {
  f(e);
  for (const child of children(e)) walkExpr(child, f);
}

/**
 * Follows an expression the way evaluation does and reports each `match` or `bands` arm taken
 * (index into `arms`, or -1 for `else`). Aggregate bodies are not followed.
 */
export function armsTaken(probe: Probe, e: IrExpr, env: Env, hit: (node: IrExpr, arm: number) => void): void {
  const go = (x: IrExpr): void => {
    switch (x.k) {
      case 'if': {
        const c = probe.value(x.c, env);
        if (c === undefined) return;
        go(x.c);
        go(c === true ? x.a : x.b);
        return;
      }
      case 'match': {
        const subject = probe.value(x.e, env);
        if (subject === undefined) return;
        go(x.e);
        const i = x.arms.findIndex((a) => a.values.some((v) => { const w = probe.value(v, env); return w !== undefined && equalValues(subject, w); }));
        if (i >= 0) { hit(x, i); go(x.arms[i]!.e); } else if (x.else) { hit(x, -1); go(x.else); }
        return;
      }
      case 'bands': {
        const subject = probe.value(x.e, env);
        if (subject === undefined) return;
        go(x.e);
        const i = x.arms.findIndex((a) => {
          const from = a.from ? probe.value(a.from, env) ?? null : null;
          const to = a.to ? probe.value(a.to, env) ?? null : null;
          return (from === null || compareValues(subject, from) >= 0) && (to === null || compareValues(subject, to) < 0);
        });
        if (i >= 0) { hit(x, i); go(x.arms[i]!.value); } else if (x.else) { hit(x, -1); go(x.else); }
        return;
      }
      case 'measure': {
        const m = probe.ir.measures.find((y) => y.name === x.name);
        if (m) armsTaken(probe, m.expr, { payee: env.payee, period: env.period, ytd: env.ytd }, hit);
        return;
      }
      case 'ytd': armsTaken(probe, x.e, { ...env, ytd: true }, hit); return;
      case 'prior': {
        const p = env.period;
        if (p && p.index > 0) armsTaken(probe, x.e, { ...env, period: probe.rt.calendar.periods[p.index - 1] }, hit);
        return;
      }
      case 'agg': return;
      default: for (const c of children(x)) go(c);
    }
  };
  go(e);
}

/** An env for a loop variable bound to a record. */
export function recordEnv(env: Env, name: string, record: DataRecord): Env {
  return { ...env, vars: bind(env.vars, name, record) };
}
