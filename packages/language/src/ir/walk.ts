// Walking IR expressions: the direct sub-expressions of a node, for the lowering (derived-field
// order) and the evaluator (dependency order of lets and measures).
import type { IrExpr } from './ir';

/** The direct sub-expressions of an IR node. */
export function children(e: IrExpr): IrExpr[] {
  switch (e.k) {
    case 'field': return e.of ? [e.of] : [];
    case 'bin': return [e.l, e.r];
    case 'neg': case 'not': case 'isSet': case 'ytd': case 'prior': return [e.e];
    case 'if': return [e.c, e.a, e.b];
    case 'match': return [e.e, ...e.arms.flatMap((a) => [...a.values, a.e]), ...(e.else ? [e.else] : [])];
    case 'bands': return [e.e, ...e.arms.flatMap((a) => [...(a.from ? [a.from] : []), ...(a.to ? [a.to] : []), a.value]), ...(e.else ? [e.else] : [])];
    case 'agg': return [...(e.sel.where ? [e.sel.where] : []), ...(e.e ? [e.e] : [])];
    case 'call': return [...e.args];
    default: return [];
  }
}
