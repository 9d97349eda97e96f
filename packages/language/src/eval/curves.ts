// Payout curves of accelerated commissions: what a payee earns, as a multiple of
// target × rate, at each attainment from 0% to 200%. Computed from the IR's tier table alone
// (tier bounds and factors must be constants), for the editor's preview and plan documents.
import type { IrAccelerator, IrCommission, IrExpr, IrPlan } from '../ir/ir';
import { dec, formatPlain, ZERO, type Decimal } from './decimal';

export interface CurvePoint {
  /** Attainment as a fraction of the target ("1.05" is 105%). */
  readonly attainment: string;
  /** Earnings so far as a multiple of target × rate ("1.075"). */
  readonly payout: string;
  /** The tier factor that applies at this attainment. */
  readonly factor: string;
}

export interface PayoutCurve {
  readonly component: string;
  readonly mode: IrAccelerator['mode'];
  readonly perYear: boolean;
  readonly points: readonly CurvePoint[];
}

interface Tier {
  readonly from: Decimal;
  readonly to: Decimal | undefined;
  readonly factor: Decimal;
}

/** Curves for every accelerated commission whose tiers are constants; `step` in percent points. */
export function payoutCurves(ir: IrPlan, { max = 200, step = 5 }: { max?: number; step?: number } = {}): PayoutCurve[] {
  const curves: PayoutCurve[] = [];
  for (const c of ir.components) {
    if (c.kind !== 'commission' || !c.accelerate) continue;
    const tiers = constantTiers(ir, c);
    if (!tiers) continue;
    const points: CurvePoint[] = [];
    for (let p = 0; p <= max; p += step) {
      const a = dec(p).div(100);
      const factor = tierAt(tiers, a).factor;
      const payout = c.accelerate.mode === 'retroactive' ? a.times(factor) : marginalArea(tiers, a);
      points.push({ attainment: formatPlain(a), payout: formatPlain(payout), factor: formatPlain(factor) });
    }
    curves.push({ component: c.name, mode: c.accelerate.mode, perYear: !!c.accelerate.perYear, points });
  }
  return curves;
}

function constantTiers(ir: IrPlan, c: IrCommission): Tier[] | undefined {
  const tiers: Tier[] = [];
  for (const t of c.accelerate!.tiers) {
    const from = t.from ? constant(ir, t.from) : ZERO;
    const to = t.to ? constant(ir, t.to) : undefined;
    const factor = constant(ir, t.value);
    if (!from || (t.to && !to) || !factor) return undefined;
    tiers.push({ from, to, factor });
  }
  return tiers;
}

/** The value of a literal or of a plan let that is a literal. */
function constant(ir: IrPlan, e: IrExpr): Decimal | undefined {
  if (e.k === 'lit' && typeof e.v === 'string' && e.t.base !== 'Text' && e.t.base !== 'Date') return dec(e.v);
  if (e.k === 'neg') return constant(ir, e.e)?.neg();
  if (e.k === 'let') {
    const l = ir.lets.find((x) => x.name === e.name);
    return l ? constant(ir, l.expr) : undefined;
  }
  return undefined;
}

function tierAt(tiers: readonly Tier[], a: Decimal): Tier {
  return tiers.find((t) => a.greaterThanOrEqualTo(t.from) && (!t.to || a.lessThan(t.to))) ?? tiers[tiers.length - 1]!;
}

/** ∫₀ᵃ factor(x) dx over the tiers: marginal earnings up to attainment a. */
function marginalArea(tiers: readonly Tier[], a: Decimal): Decimal {
  let area = ZERO;
  for (const t of tiers) {
    if (a.lessThanOrEqualTo(t.from)) break;
    const end = t.to && t.to.lessThan(a) ? t.to : a;
    area = area.plus(end.minus(t.from).times(t.factor));
  }
  return area;
}
