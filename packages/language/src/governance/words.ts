// IR expressions in plain words, for the people a plan pays and the committee that approves
// it: `d.margin >= 20%` → "margin is at least 20%", `d.owner.region` → "owner's region",
// `d.cancelled_on - d.closed_on <= 90` → "days from closed on to cancelled on is at most 90".
// What has no plain reading stays as backticked source (printExpr), so nothing is lost.
import type { IrExpr, IrPlan } from '../ir/ir';
import { printExpr } from '../ir/print';
import { literalWords } from './values';

const COMPARISON: Record<string, string> = {
  eq: 'is', ne: 'is not', lt: 'is below', le: 'is at most', gt: 'is above', ge: 'is at least',
};

/** A name as words: `closed_on` → "closed on". */
export function nameWords(name: string): string {
  return name.replace(/_/g, ' ');
}

/** A Bool expression as a plain condition. */
export function conditionWords(e: IrExpr, ir: IrPlan): string {
  switch (e.k) {
    case 'bin':
      if (e.op === 'and') return `${conditionWords(e.l, ir)} and ${conditionWords(e.r, ir)}`;
      if (e.op === 'or') return `${wrapOr(e.l, ir)} or ${wrapOr(e.r, ir)}`;
      if (COMPARISON[e.op]) {
        const left = termWords(e.l, ir), right = termWords(e.r, ir);
        if (left && right) return `${left} ${COMPARISON[e.op]} ${right}`;
      }
      break;
    case 'isSet': {
      const subject = termWords(e.e, ir);
      if (subject) return `${subject} is ${e.negated ? 'not ' : ''}set`;
      break;
    }
    case 'not': {
      const inner = termWords(e.e, ir);
      if (inner && e.e.k !== 'bin') return `not ${inner}`;
      return `not (${conditionWords(e.e, ir)})`;
    }
    case 'lit':
      return String(e.v);
    default: {
      const t = termWords(e, ir);
      if (t) return t;
    }
  }
  return `\`${printExpr(e, ir.plan.currency)}\``;
}

function wrapOr(e: IrExpr, ir: IrPlan): string {
  const text = conditionWords(e, ir);
  return e.k === 'bin' && e.op === 'and' ? `(${text})` : text;
}

/** A value-like expression as words, or undefined when it has no short plain reading. */
export function termWords(e: IrExpr, ir: IrPlan): string | undefined {
  const literal = literalWords(e, ir);
  if (literal !== undefined) return literal;
  switch (e.k) {
    case 'var': return undefined;
    case 'let': {
      const l = ir.lets.find((x) => x.name === e.name);
      return (l && literalWords(l.expr, ir)) ?? nameWords(e.name);
    }
    case 'measure': return nameWords(e.name);
    case 'payee': return 'the payee';
    case 'period': return `the period's ${e.field === 'days' ? 'length in days' : e.field}`;
    case 'field': {
      if (!e.of) return nameWords(e.name);
      if (e.of.k === 'var') return nameWords(e.name);
      if (e.of.k === 'payee') return `the payee's ${nameWords(e.name)}`;
      const owner = termWords(e.of, ir);
      return owner ? `${owner}'s ${nameWords(e.name)}` : undefined;
    }
    case 'bin':
      if (e.op === 'coalesce') {
        const value = termWords(e.l, ir), fallback = termWords(e.r, ir);
        return value && fallback ? `${value} (${fallback} when unset)` : undefined;
      }
      if (e.op === 'sub' && e.l.t.base === 'Date' && e.r.t.base === 'Date') {
        const from = termWords(e.r, ir), to = termWords(e.l, ir);
        return from && to ? `days from ${from} to ${to}` : undefined;
      }
      return undefined;
    case 'ytd': {
      const inner = termWords(e.e, ir);
      return inner ? `${inner} for the fiscal year to date` : undefined;
    }
    case 'prior': {
      const inner = termWords(e.e, ir);
      return inner ? `${inner} in the previous period` : undefined;
    }
    default: return undefined;
  }
}

/** Any expression in words: its plain reading when it has one, else backticked source. */
export function exprWords(e: IrExpr, ir: IrPlan): string {
  if (e.t.base === 'Bool') return conditionWords(e, ir);
  return termWords(e, ir) ?? `\`${printExpr(e, ir.plan.currency)}\``;
}
