// Expression evaluation over the IR: values, records, measures with memoisation, aggregates
// over the records in scope, `ytd` and `prior`. Pipeline: IR → evaluate.ts → **expr** (and
// components.ts). All arithmetic goes through decimal.ts.
import { fieldValue } from '../data/table';
import type { IrExpr, IrLoc, IrSelection } from '../ir/ir';
import type { DataRecord, Value } from '../data/records';
import { printExpr } from '../ir/print';
import { compareDecimals, dec, divide, isDecimal, roundToStep, ZERO, type Decimal } from './decimal';
import { parseIsoDate } from './dates';
import type { Period } from './periods';
import type { Runtime } from './runtime';

/** What an expression evaluates to: a value, or a record (a loop variable). */
export type EvalValue = Value | DataRecord;

/** Loop variables in scope: a short linked list (cheaper than a Map per record). */
export interface Vars {
  readonly name: string;
  readonly record: DataRecord;
  readonly next: Vars | undefined;
}

export function bind(vars: Vars | undefined, name: string, record: DataRecord): Vars {
  return { name, record, next: vars };
}

export function lookup(vars: Vars | undefined, name: string): DataRecord | undefined {
  for (let v = vars; v; v = v.next) if (v.name === name) return v.record;
  return undefined;
}

export interface Env {
  /** The payee being evaluated (undefined for metrics). */
  readonly payee?: string;
  /** The current period (undefined for whole-range metrics). */
  readonly period?: Period;
  /** Aggregates range over the fiscal year to date (inside `ytd`). */
  readonly ytd: boolean;
  /** Loop variables. */
  readonly vars?: Vars;
  /** The record whose derived fields are being computed. */
  readonly self?: DataRecord;
}

/** An evaluation error (division by zero, a bad target): names the expression, and the record or payee and period. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly at: IrLoc,
    readonly record?: DataRecord,
    readonly payee?: string,
    readonly period?: string,
  ) {
    super(message);
  }
}

export function isRecord(v: EvalValue): v is DataRecord {
  // a Decimal has neither `values` nor `key` (own or inherited)
  return typeof v === 'object' && v !== null && 'values' in v && 'key' in v;
}

const literalCache = new WeakMap<IrExpr, Value>();

export function literal(e: Extract<IrExpr, { k: 'lit' }>): Value {
  const cached = literalCache.get(e);
  if (cached !== undefined) return cached;
  const v = e.v;
  let value: Value;
  if (typeof v === 'boolean') value = v;
  else if (e.t.base === 'Date') value = parseIsoDate(v) ?? null;
  else if (e.t.base === 'Text') value = v;
  else value = dec(v);
  literalCache.set(e, value);
  return value;
}

/** Evaluates an expression; throws EvaluationError for data-dependent failures. */
export function evaluate(rt: Runtime, e: IrExpr, env: Env): EvalValue {
  switch (e.k) {
    case 'lit': return literal(e);
    case 'enum': return e.v;
    case 'var': return lookup(env.vars, e.name) ?? null;
    case 'let': return rt.letValue(e.name);
    case 'measure': return rt.measureValue(e.name, env);
    case 'payee': return env.payee ?? null;
    case 'period': {
      const p = env.period;
      if (!p) return null;
      return e.field === 'start' ? p.start : e.field === 'end' ? p.end : dec(p.days);
    }
    case 'field': {
      const of = e.of ? evaluate(rt, e.of, env) : env.self ?? null;
      if (of === null) return null;
      if (isRecord(of)) return fieldValue(of, e.name);
      if (typeof of === 'string') {
        const row = rt.roster.get(of);
        return row ? fieldValue(row, e.name) : null;
      }
      return null;
    }
    case 'bin': return binary(rt, e, env);
    case 'neg': {
      const v = evaluate(rt, e.e, env);
      return isDecimal(v) ? v.neg() : null;
    }
    case 'not': return evaluate(rt, e.e, env) === true ? false : true;
    case 'isSet': return (evaluate(rt, e.e, env) !== null) !== !!e.negated;
    case 'if': return evaluate(rt, e.c, env) === true ? evaluate(rt, e.a, env) : evaluate(rt, e.b, env);
    case 'match': {
      const subject = evaluate(rt, e.e, env);
      for (const arm of e.arms) {
        for (const v of arm.values) if (equalValues(subject, evaluate(rt, v, env))) return evaluate(rt, arm.e, env);
      }
      return e.else ? evaluate(rt, e.else, env) : null;
    }
    case 'bands': {
      const subject = evaluate(rt, e.e, env);
      for (const arm of e.arms) {
        const from = arm.from ? evaluate(rt, arm.from, env) : null;
        const to = arm.to ? evaluate(rt, arm.to, env) : null;
        if ((from === null || compareValues(subject, from) >= 0) && (to === null || compareValues(subject, to) < 0)) return evaluate(rt, arm.value, env);
      }
      return e.else ? evaluate(rt, e.else, env) : null;
    }
    case 'agg': return aggregate(rt, e, env);
    case 'call': return call(rt, e, env);
    case 'ytd': return evaluate(rt, e.e, { ...env, ytd: true });
    case 'prior': {
      const p = env.period;
      if (!p || p.index === 0) return null;
      return evaluate(rt, e.e, { ...env, period: rt.calendar.periods[p.index - 1] });
    }
  }
}

function binary(rt: Runtime, e: Extract<IrExpr, { k: 'bin' }>, env: Env): EvalValue {
  switch (e.op) {
    case 'and': return evaluate(rt, e.l, env) === true && evaluate(rt, e.r, env) === true;
    case 'or': return evaluate(rt, e.l, env) === true || evaluate(rt, e.r, env) === true;
    case 'coalesce': {
      const l = evaluate(rt, e.l, env);
      return l !== null ? l : evaluate(rt, e.r, env);
    }
    default: break;
  }
  return combine(rt, e, evaluate(rt, e.l, env), evaluate(rt, e.r, env), env);
}

/** A binary operator other than `and`, `or` and `??`, applied to its evaluated operands (shared with compile.ts). */
export function combine(rt: Runtime, e: Extract<IrExpr, { k: 'bin' }>, l: EvalValue, r: EvalValue, env: Env): EvalValue {
  if (l === null || r === null || isRecord(l) || isRecord(r)) {
    if (e.op === 'eq') return l === r;
    if (e.op === 'ne') return l !== r;
    return null;
  }
  switch (e.op) {
    case 'add':
      if (typeof l === 'number' && isDecimal(r)) return l + r.toNumber();
      if (isDecimal(l) && typeof r === 'number') return r + l.toNumber();
      return (l as Decimal).plus(r as Decimal);
    case 'sub':
      if (typeof l === 'number' && typeof r === 'number') return dec(l - r);
      if (typeof l === 'number' && isDecimal(r)) return l - r.toNumber();
      return (l as Decimal).minus(r as Decimal);
    case 'mul': return (l as Decimal).times(r as Decimal);
    case 'div': {
      const q = divide(l as Decimal, r as Decimal);
      if (q === undefined) throw new EvaluationError(`division by zero in ${printExpr(e, rt.ir.plan.currency)}`, e.at, env.self ?? firstVar(env), env.payee, env.period?.label);
      return q;
    }
    case 'eq': return equalValues(l, r);
    case 'ne': return !equalValues(l, r);
    case 'lt': return compareValues(l, r) < 0;
    case 'le': return compareValues(l, r) <= 0;
    case 'gt': return compareValues(l, r) > 0;
    case 'ge': return compareValues(l, r) >= 0;
    default: return null; // `and`, `or` and `??` never get here: they evaluate their right side only when needed
  }
}

function firstVar(env: Env): DataRecord | undefined {
  return env.vars?.record;
}

export function equalValues(a: EvalValue, b: EvalValue): boolean {
  if (isDecimal(a) && isDecimal(b)) return compareDecimals(a, b) === 0;
  return a === b;
}

/** Orders numbers, dates and text (by Unicode code points). */
export function compareValues(a: EvalValue, b: EvalValue): number {
  if (isDecimal(a) && isDecimal(b)) return compareDecimals(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return 0;
}

/**
 * Compares strings by Unicode code points (no locale, no numeric collation). UTF-16 code units
 * sort as code points except that surrogates (U+D800–DFFF, which encode U+10000 and above) must
 * come after U+E000–FFFF: shifting the two ranges puts them in code-point order without
 * decoding (this runs in every credit-order sort, so it allocates nothing).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** The records a selection ranges over in this environment, in credit order. */
export function selectRecords(rt: Runtime, sel: IrSelection, env: Env): readonly DataRecord[] {
  return rt.records(sel.input, env, !!sel.all);
}

function aggregate(rt: Runtime, e: Extract<IrExpr, { k: 'agg' }>, env: Env): EvalValue {
  const where = e.sel.where, value = e.e;
  return aggregateOver(rt, e, env, where && ((inner) => evaluate(rt, where, inner)), value && ((inner) => evaluate(rt, value, inner)));
}

/**
 * An aggregate over the records its selection ranges over: `where` filters, `value` gives what is
 * summed, averaged or compared (absent for `count`). expr.ts passes evaluate() for them and
 * compile.ts the compiled closures; the loop is this one for both.
 */
export function aggregateOver(
  rt: Runtime, e: Extract<IrExpr, { k: 'agg' }>, env: Env,
  where: ((env: Env) => EvalValue) | undefined, value: ((env: Env) => EvalValue) | undefined,
): EvalValue {
  const at = loopEnv(env, e.sel.var);
  let count = 0;
  let total: Decimal = ZERO;
  let best: Decimal | number | null = null;
  for (const record of selectRecords(rt, e.sel, env)) {
    const inner = at(record);
    if (where && where(inner) !== true) continue;
    rt.markSelected(record);
    count++;
    if (e.fn === 'count') continue;
    const v = value!(inner);
    if (v === null || isRecord(v) || typeof v === 'string' || typeof v === 'boolean') continue;
    if (e.fn === 'sum' || e.fn === 'avg') total = total.plus(v as Decimal);
    else if (best === null || (e.fn === 'min' ? compareValues(v, best) < 0 : compareValues(v, best) > 0)) best = v;
  }
  switch (e.fn) {
    case 'count': return dec(count);
    case 'sum': return total;
    case 'avg': return count === 0 ? null : divide(total, dec(count))!;
    default: return best;
  }
}

/**
 * One environment for a whole loop over records: `outer` with the loop variable `name` bound,
 * rebound to each record in turn, rather than two objects made per record. Nothing keeps an
 * environment after evaluating in it (nested loops, `ytd` and `prior` make their own).
 */
export function loopEnv(outer: Env, name: string): (record: DataRecord) => Env {
  const vars: { name: string; record: DataRecord; next: Vars | undefined } = { name, record: undefined as unknown as DataRecord, next: outer.vars };
  const env: Env = { payee: outer.payee, period: outer.period, ytd: outer.ytd, vars, self: outer.self };
  return (record) => {
    vars.record = record;
    return env;
  };
}

function call(rt: Runtime, e: Extract<IrExpr, { k: 'call' }>, env: Env): EvalValue {
  return applyCall(rt, e, e.args.map((a) => evaluate(rt, a, env)), env);
}

/** A built-in function applied to its evaluated arguments (shared with compile.ts). */
export function applyCall(rt: Runtime, e: Extract<IrExpr, { k: 'call' }>, args: EvalValue[], env: Env): EvalValue {
  if (args.some((a) => a === null)) return null;
  switch (e.fn) {
    case 'min': return args.reduce((a, b) => (compareValues(b, a) < 0 ? b : a));
    case 'max': return args.reduce((a, b) => (compareValues(b, a) > 0 ? b : a));
    case 'abs': return (args[0] as Decimal).abs();
    case 'round': {
      const r = roundToStep(args[0] as Decimal, args[1] as Decimal, rt.ir.plan.rounding);
      if (r === undefined) throw new EvaluationError(`rounding to a step of zero in ${printExpr(e, rt.ir.plan.currency)}`, e.at, env.self ?? firstVar(env), env.payee, env.period?.label);
      return r;
    }
  }
}
