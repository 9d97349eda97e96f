// Optional narrowing (spec §3): which field paths a condition proves set. In `a and b` and in
// the `then` branch of `if a`, the paths `a` proves set have their non-optional type; in
// `a or b` and the `else` branch, the paths `a` proves set when false (`x is not set`).
import type { Expr } from '../syntax/ast';

/** `d.cancelled_on` for a field access chain on a name, `payee.x`, or a bare name. */
export function fieldPath(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'NameExpr': return expr.name.name || undefined;
    case 'PayeeExpr': return 'payee';
    case 'ParenExpr': return fieldPath(expr.inner);
    case 'FieldAccess': {
      const base = fieldPath(expr.object);
      return base === undefined ? undefined : `${base}.${expr.field.name}`;
    }
    default: return undefined;
  }
}

/** Paths proven set when `expr` is true. */
export function factsWhenTrue(expr: Expr): Set<string> {
  switch (expr.kind) {
    case 'IsSetExpr': return pathSet(expr.negated ? undefined : fieldPath(expr.operand));
    case 'ParenExpr': return factsWhenTrue(expr.inner);
    case 'UnaryExpr': return expr.op === 'not' ? factsWhenFalse(expr.operand) : new Set();
    case 'BinaryExpr': return expr.op === 'and' ? union(factsWhenTrue(expr.left), factsWhenTrue(expr.right)) : new Set();
    default: return new Set();
  }
}

/** Paths proven set when `expr` is false. */
export function factsWhenFalse(expr: Expr): Set<string> {
  switch (expr.kind) {
    case 'IsSetExpr': return pathSet(expr.negated ? fieldPath(expr.operand) : undefined);
    case 'ParenExpr': return factsWhenFalse(expr.inner);
    case 'UnaryExpr': return expr.op === 'not' ? factsWhenTrue(expr.operand) : new Set();
    case 'BinaryExpr': return expr.op === 'or' ? union(factsWhenFalse(expr.left), factsWhenFalse(expr.right)) : new Set();
    default: return new Set();
  }
}

function pathSet(path: string | undefined): Set<string> {
  return path === undefined ? new Set() : new Set([path]);
}

function union(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a, ...b]);
}
