// Renders IR expressions back as Incent source text, for error messages, explanations,
// plan diffs and plan documents. Parenthesises by the precedence of spec §2.
import { dec } from '../eval/decimal';
import type { IrExpr, IrTier } from './ir';

const SYMBOL: Record<string, string> = {
  add: '+', sub: '-', mul: '*', div: '/', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', and: 'and', or: 'or', coalesce: '??',
};

// higher binds tighter
const PRECEDENCE: Record<string, number> = {
  if: 1, or: 2, and: 3, not: 4, eq: 5, ne: 5, lt: 5, le: 5, gt: 5, ge: 5, isSet: 6, coalesce: 7, add: 8, sub: 8, mul: 9, div: 9, neg: 10,
};

function precedenceOf(e: IrExpr): number {
  if (e.k === 'bin') return PRECEDENCE[e.op]!;
  return PRECEDENCE[e.k] ?? 11;
}

/** Incent source text for an IR expression; money literals get the plan's `currency`. */
export function printExpr(e: IrExpr, currency = ''): string {
  return new Printer(currency).expr(e);
}

/** `20% to 30%`, `150% up`, `below 10%` */
export function printRange(tier: Pick<IrTier, 'from' | 'to'>, currency = ''): string {
  return new Printer(currency).range(tier);
}

class Printer {
  constructor(private readonly currency: string) {}

  expr(e: IrExpr): string {
    const printExpr = (x: IrExpr) => this.expr(x);
    const wrap = (x: IrExpr, minimum: number) => this.wrap(x, minimum);
    const printRange = (t: Pick<IrTier, 'from' | 'to'>) => this.range(t);
    const printLiteral = (x: Extract<IrExpr, { k: 'lit' }>) => this.literal(x);
  switch (e.k) {
    case 'lit': return printLiteral(e);
    case 'enum': return e.v;
    case 'var': case 'let': case 'measure': return e.name;
    case 'payee': return 'payee';
    case 'period': return `period.${e.field}`;
    case 'field': return e.of ? `${wrap(e.of, 11)}.${e.name}` : e.name;
    case 'bin': {
      const p = PRECEDENCE[e.op]!;
      // left-associative: the right operand needs parentheses at equal precedence
      return `${wrap(e.l, p)} ${SYMBOL[e.op]} ${wrap(e.r, p + 1)}`;
    }
    case 'neg': return `-${wrap(e.e, 10)}`;
    case 'not': return `not ${wrap(e.e, 4)}`;
    case 'isSet': return `${wrap(e.e, 7)} is ${e.negated ? 'not ' : ''}set`;
    case 'if': return `if ${printExpr(e.c)} then ${printExpr(e.a)} else ${printExpr(e.b)}`;
    case 'match': {
      const arms = e.arms.map((a) => `${a.values.map(printExpr).join(', ')} -> ${printExpr(a.e)}`);
      if (e.else) arms.push(`else -> ${printExpr(e.else)}`);
      return `match ${printExpr(e.e)} { ${arms.join('  ')} }`;
    }
    case 'bands': {
      const arms = e.arms.map((a) => `${printRange(a)} -> ${printExpr(a.value)}`);
      if (e.else) arms.push(`else -> ${printExpr(e.else)}`);
      return `bands ${printExpr(e.e)} { ${arms.join('  ')} }`;
    }
    case 'agg': {
      const source = `${e.sel.all ? 'all ' : ''}${e.sel.input}${e.sel.where ? ` where ${printExpr(e.sel.where)}` : ''}`;
      return e.fn === 'count' ? `count(${e.sel.var} in ${source})` : `${e.fn}(${printExpr(e.e!)} for ${e.sel.var} in ${source})`;
    }
    case 'call': return `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'ytd': case 'prior': return `${e.k}(${printExpr(e.e)})`;
  }
  }

  range(tier: Pick<IrTier, 'from' | 'to'>): string {
    if (tier.from && tier.to) return `${this.expr(tier.from)} to ${this.expr(tier.to)}`;
    if (tier.from) return `${this.expr(tier.from)} up`;
    if (tier.to) return `below ${this.expr(tier.to)}`;
    return 'else';
  }

  private wrap(e: IrExpr, minimum: number): string {
    const text = this.expr(e);
    return precedenceOf(e) < minimum ? `(${text})` : text;
  }

  private literal(e: Extract<IrExpr, { k: 'lit' }>): string {
    const v = e.v;
    if (typeof v === 'boolean') return String(v);
    switch (e.t.base) {
      case 'Percent': return `${dec(v).times(100).toFixed()}%`;
      case 'Money': return this.currency ? `${groupDigits(v)} ${this.currency}` : groupDigits(v);
      case 'Text': return JSON.stringify(v);
      default: return groupDigits(v);
    }
  }
}

/** 250000 → 250_000 (as a designer would write it). */
function groupDigits(text: string): string {
  const [int, frac] = text.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = sign ? int!.slice(1) : int!;
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : digits;
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}
