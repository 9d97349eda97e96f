// Constant folding of AST expressions: the values of band bounds, tier bounds, clawback
// shares and SPIFF windows, which the checker must know to analyse tables (spec §4).
// Literals, plan-level lets, unary minus, parentheses and + - × ÷ fold; anything else is
// not a constant.
import type { Expr } from '../syntax/ast';
import { dec, divide, type Decimal } from '../eval/decimal';
import { parseIsoDate } from '../eval/dates';

export type ConstValue = { readonly kind: 'decimal'; readonly value: Decimal } | { readonly kind: 'date'; readonly value: number };

/** Folds `expr`; `lookupLet` gives a plan-level let's expression by name. */
export function constantValue(expr: Expr, lookupLet: (name: string) => Expr | undefined, seen: Set<string> = new Set()): ConstValue | undefined {
  switch (expr.kind) {
    case 'NumberLiteral':
      return { kind: 'decimal', value: dec(expr.text) };
    case 'MoneyLiteral':
      return { kind: 'decimal', value: dec(expr.text) };
    case 'PercentLiteral':
      return { kind: 'decimal', value: dec(expr.text).div(100) };
    case 'DateLiteral': {
      const day = parseIsoDate(expr.text);
      return day === undefined ? undefined : { kind: 'date', value: day };
    }
    case 'ParenExpr':
      return constantValue(expr.inner, lookupLet, seen);
    case 'UnaryExpr': {
      if (expr.op !== '-') return undefined;
      const v = constantValue(expr.operand, lookupLet, seen);
      return v?.kind === 'decimal' ? { kind: 'decimal', value: v.value.neg() } : undefined;
    }
    case 'NameExpr': {
      const name = expr.name.name;
      const target = lookupLet(name);
      if (!target || seen.has(name)) return undefined;
      return constantValue(target, lookupLet, new Set([...seen, name]));
    }
    case 'BinaryExpr': {
      const l = constantValue(expr.left, lookupLet, seen);
      const r = constantValue(expr.right, lookupLet, seen);
      if (!l || !r) return undefined;
      if (l.kind === 'decimal' && r.kind === 'decimal') {
        switch (expr.op) {
          case '+': return { kind: 'decimal', value: l.value.plus(r.value) };
          case '-': return { kind: 'decimal', value: l.value.minus(r.value) };
          case '*': return { kind: 'decimal', value: l.value.times(r.value) };
          case '/': {
            const q = divide(l.value, r.value);
            return q ? { kind: 'decimal', value: q } : undefined;
          }
          default: return undefined;
        }
      }
      if (l.kind === 'date' && r.kind === 'decimal' && (expr.op === '+' || expr.op === '-') && r.value.isInteger()) {
        return { kind: 'date', value: l.value + (expr.op === '+' ? 1 : -1) * r.value.toNumber() };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Compares two constants of one kind. */
export function compareConst(a: ConstValue, b: ConstValue): number {
  if (a.kind === 'decimal' && b.kind === 'decimal') return a.value.comparedTo(b.value);
  if (a.kind === 'date' && b.kind === 'date') return a.value - b.value;
  return 0;
}
