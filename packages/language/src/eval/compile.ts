// Compiled evaluation: an IR expression turned once into a tree of closures, each node's
// children and constants resolved ahead of time, so the per-record loops (derived fields,
// aggregates, commission filters, bases, rates and gates) do not dispatch on the node kind or
// re-read literals for every record. The semantics are expr.ts's: operators, calls and the
// aggregate loop are expr.ts's own functions (combine, applyCall, aggregateOver), given compiled
// operands; bands, `ytd`, `prior`, measures and period fields are handed to evaluate() as they are. A run with
// `reference: true` evaluates without compiling, and the differential test compares the two.
// Pipeline: IR → **compile** → components.ts and runtime.ts.
import type { IrExpr } from '../ir/ir';
import { isDecimal } from './decimal';
import { aggregateOver, applyCall, combine, equalValues, evaluate, isRecord, literal, lookup, type Env, type EvalValue } from './expr';
import type { Runtime } from './runtime';
import { columnReader } from '../data/table';

export type Compiled = (env: Env) => EvalValue;

/** Compiles `e` for `rt` (the runtime's roster and lets are read when the closure runs, not now). */
export function compileExpr(rt: Runtime, e: IrExpr): Compiled {
  switch (e.k) {
    case 'lit': {
      const v = literal(e);
      return () => v;
    }
    case 'enum': {
      const v = e.v;
      return () => v;
    }
    case 'var': {
      const name = e.name;
      return (env) => lookup(env.vars, name) ?? null;
    }
    case 'let': {
      const name = e.name;
      return () => rt.letValue(name);
    }
    case 'payee':
      return (env) => env.payee ?? null;
    case 'field':
      return compileField(rt, e);
    case 'bin':
      return compileBinary(rt, e);
    case 'neg': {
      const inner = compileExpr(rt, e.e);
      return (env) => {
        const v = inner(env);
        return isDecimal(v) ? v.neg() : null;
      };
    }
    case 'not': {
      const inner = compileExpr(rt, e.e);
      return (env) => (inner(env) === true ? false : true);
    }
    case 'isSet': {
      const inner = compileExpr(rt, e.e);
      const negated = !!e.negated;
      return (env) => (inner(env) !== null) !== negated;
    }
    case 'if': {
      const c = compileExpr(rt, e.c), a = compileExpr(rt, e.a), b = compileExpr(rt, e.b);
      return (env) => (c(env) === true ? a(env) : b(env));
    }
    case 'match':
      return compileMatch(rt, e);
    case 'call': {
      const args = e.args.map((a) => compileExpr(rt, a));
      return (env) => applyCall(rt, e, args.map((a) => a(env)), env);
    }
    case 'agg': {
      const where = e.sel.where ? compileExpr(rt, e.sel.where) : undefined;
      const value = e.e ? compileExpr(rt, e.e) : undefined;
      return (env) => aggregateOver(rt, e, env, where, value);
    }
    default:
      // bands, ytd, prior, measures, period fields: as expr.ts evaluates them
      return (env) => evaluate(rt, e, env);
  }
}

function compileField(rt: Runtime, e: Extract<IrExpr, { k: 'field' }>): Compiled {
  const read = columnReader(e.name);
  if (!e.of) return (env) => (env.self ? read(env.self) : null);
  if (e.of.k === 'var') {
    const variable = e.of.name;
    return (env) => {
      const record = lookup(env.vars, variable);
      return record ? read(record) : null;
    };
  }
  const of = compileExpr(rt, e.of), readRoster = columnReader(e.name);
  return (env) => {
    const v = of(env);
    if (v === null) return null;
    if (isRecord(v)) return read(v);
    if (typeof v === 'string') {
      const row = rt.roster.get(v);
      return row ? readRoster(row) : null;
    }
    return null;
  };
}

function compileBinary(rt: Runtime, e: Extract<IrExpr, { k: 'bin' }>): Compiled {
  const l = compileExpr(rt, e.l), r = compileExpr(rt, e.r);
  switch (e.op) {
    case 'and': return (env) => l(env) === true && r(env) === true;
    case 'or': return (env) => l(env) === true || r(env) === true;
    case 'coalesce': return (env) => {
      const v = l(env);
      return v !== null ? v : r(env);
    };
    default: return (env) => combine(rt, e, l(env), r(env), env);
  }
}

/**
 * A match whose arms are all enum values (the usual `rate match d.channel { … }`) becomes a
 * table from the value to its arm; any other match tries the arms in order, as expr.ts does.
 */
function compileMatch(rt: Runtime, e: Extract<IrExpr, { k: 'match' }>): Compiled {
  const subject = compileExpr(rt, e.e);
  const otherwise = e.else ? compileExpr(rt, e.else) : () => null;
  const arms = e.arms.map((arm) => ({ values: arm.values.map((v) => compileExpr(rt, v)), body: compileExpr(rt, arm.e) }));
  if (e.arms.every((arm) => arm.values.every((v) => v.k === 'enum'))) {
    const table = new Map<string, Compiled>();
    e.arms.forEach((arm, i) => {
      for (const v of arm.values) if (v.k === 'enum' && !table.has(v.v)) table.set(v.v, arms[i]!.body);
    });
    return (env) => {
      const v = subject(env);
      const arm = typeof v === 'string' ? table.get(v) : undefined;
      return arm ? arm(env) : otherwise(env);
    };
  }
  return (env) => {
    const v = subject(env);
    for (const arm of arms) for (const value of arm.values) if (equalValues(v, value(env))) return arm.body(env);
    return otherwise(env);
  };
}
