// Payout impact of a plan change: two run reports of the same data (the old plan's and the new
// plan's, both with traces) in, per payee and period old, new and delta out, with total cost,
// credited bookings and cost of sales before and after, how many payees gain, lose or stay the
// same, the largest changes, and every payee whose pay moves by more than a threshold.
// Used by `incent diff --data`. Amounts are exact decimal strings; arithmetic is decimal.
//
// "Credited bookings" (the denominator of cost of sales) is read from the traces: the base of
// every distinct record that some commission selects (its `for … where`, gated or not, as
// attainment counts it — spec §4), in the reported periods. A record selected by several
// commissions, or by several payees through `for d in all …`, counts once, with the base of
// the first commission in declaration order that selects it.
import type { IrPlan } from '../ir/ir';
import type { RunReport } from '../eval/evaluate';
import { dec, divide, formatFixed, formatPlain, ZERO, type Decimal } from '../eval/decimal';

export type Threshold = { readonly kind: 'relative'; readonly value: string } | { readonly kind: 'absolute'; readonly value: string };

/** `10%` (relative to the old pay) or `500` / `500 USD` (an absolute amount); undefined when unreadable. */
export function parseThreshold(text: string): Threshold | undefined {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) return { kind: 'relative', value: formatPlain(divide(dec(pct[1]!), dec(100))!) };
  const abs = /^(\d+(?:\.\d+)?)(?:\s+[A-Z]{3})?$/.exec(t.replace(/[_,]/g, ''));
  if (abs) return { kind: 'absolute', value: formatPlain(dec(abs[1]!)) };
  return undefined;
}

export interface ImpactRow {
  readonly payee: string;
  readonly period: string;
  readonly before: string;
  readonly after: string;
  readonly delta: string;
}

export interface PayeeImpact {
  readonly payee: string;
  /** The roster's `name`, when it has one. */
  readonly name?: string;
  readonly before: string;
  readonly after: string;
  readonly delta: string;
  /** delta / before as a fraction; absent when before is zero. */
  readonly change?: string;
  readonly overThreshold: boolean;
}

export interface ComponentImpact {
  readonly component: string;
  readonly before: string;
  readonly after: string;
  readonly delta: string;
}

export interface PayoutImpact {
  readonly currency: string;
  readonly periods: string[];
  readonly threshold: Threshold;
  readonly total: { readonly before: string; readonly after: string; readonly delta: string; readonly change?: string };
  readonly bookings: { readonly before: string; readonly after: string; readonly delta: string };
  /** Payouts ÷ credited bookings, fractions; absent where there are no credited bookings. */
  readonly costOfSales: { readonly before?: string; readonly after?: string; readonly delta?: string };
  readonly payees: { readonly gain: number; readonly lose: number; readonly unchanged: number };
  readonly components: ComponentImpact[];
  /** Every payee and period, in payee then period order. */
  readonly rows: ImpactRow[];
  /** Every payee over the whole reported range, in payee order. */
  readonly byPayee: PayeeImpact[];
  /** Payees whose pay changed, largest absolute change first (at most `largest`). */
  readonly largest: PayeeImpact[];
  readonly overThreshold: PayeeImpact[];
}

export interface ImpactOptions {
  readonly threshold: Threshold;
  /** How many of the largest changes to list (default 10). */
  readonly largest?: number;
  /** Display names by payee id (the roster's `name`). */
  readonly names?: ReadonlyMap<string, string>;
}

/** Compares two runs of the same data; both reports need traces (runPlan with `explain`) for credited bookings. */
export function payoutImpact(oldIr: IrPlan, oldReport: RunReport, newIr: IrPlan, newReport: RunReport, options: ImpactOptions): PayoutImpact {
  const minor = newIr.plan.minorUnits;
  const fixed = (d: Decimal) => formatFixed(d, minor);
  const key = (payee: string, period: string) => `${payee}\u0000${period}`;
  const oldTotals = new Map(oldReport.totals.map((t) => [key(t.payee, t.period), dec(t.amount)]));
  const newTotals = new Map(newReport.totals.map((t) => [key(t.payee, t.period), dec(t.amount)]));
  const periods = [...new Set([...oldReport.periods, ...newReport.periods])];
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const pairs = new Map<string, { payee: string; period: string }>();
  for (const t of [...oldReport.totals, ...newReport.totals]) pairs.set(key(t.payee, t.period), { payee: t.payee, period: t.period });
  const ordered = [...pairs.values()].sort((a, b) => (a.payee < b.payee ? -1 : a.payee > b.payee ? 1 : periodIndex.get(a.period)! - periodIndex.get(b.period)!));

  const rows: ImpactRow[] = [];
  const perPayee = new Map<string, { before: Decimal; after: Decimal }>();
  let before = ZERO, after = ZERO;
  for (const { payee, period } of ordered) {
    const b = oldTotals.get(key(payee, period)) ?? ZERO, a = newTotals.get(key(payee, period)) ?? ZERO;
    rows.push({ payee, period, before: fixed(b), after: fixed(a), delta: fixed(a.minus(b)) });
    const p = perPayee.get(payee) ?? { before: ZERO, after: ZERO };
    perPayee.set(payee, { before: p.before.plus(b), after: p.after.plus(a) });
    before = before.plus(b);
    after = after.plus(a);
  }

  const threshold = dec(options.threshold.value);
  const byPayee: PayeeImpact[] = [...perPayee].map(([payee, p]) => {
    const delta = p.after.minus(p.before);
    const change = p.before.isZero() ? undefined : divide(delta, p.before.abs())!;
    const over = delta.isZero() ? false
      : options.threshold.kind === 'absolute' ? delta.abs().greaterThan(threshold)
      : change === undefined || change.abs().greaterThan(threshold);
    const name = options.names?.get(payee);
    return { payee, ...(name !== undefined ? { name } : {}), before: fixed(p.before), after: fixed(p.after), delta: fixed(delta), ...(change !== undefined ? { change: formatPlain(change) } : {}), overThreshold: over };
  });
  const moved = byPayee.filter((p) => !dec(p.delta).isZero());
  const largest = [...moved].sort((x, y) => dec(y.delta).abs().comparedTo(dec(x.delta).abs()) || (x.payee < y.payee ? -1 : 1)).slice(0, options.largest ?? 10);

  const oldBookings = creditedBookings(oldIr, oldReport), newBookings = creditedBookings(newIr, newReport);
  const cos = (payouts: Decimal, bookings: Decimal) => (bookings.isZero() ? undefined : formatPlain(divide(payouts, bookings)!));
  const cosBefore = cos(before, oldBookings), cosAfter = cos(after, newBookings);
  const delta = after.minus(before);

  return {
    currency: newIr.plan.currency,
    periods,
    threshold: options.threshold,
    total: { before: fixed(before), after: fixed(after), delta: fixed(delta), ...(before.isZero() ? {} : { change: formatPlain(divide(delta, before.abs())!) }) },
    bookings: { before: fixed(oldBookings), after: fixed(newBookings), delta: fixed(newBookings.minus(oldBookings)) },
    costOfSales: {
      ...(cosBefore ? { before: cosBefore } : {}), ...(cosAfter ? { after: cosAfter } : {}),
      ...(cosBefore && cosAfter ? { delta: formatPlain(dec(cosAfter).minus(dec(cosBefore))) } : {}),
    },
    payees: {
      gain: byPayee.filter((p) => dec(p.delta).greaterThan(0)).length,
      lose: byPayee.filter((p) => dec(p.delta).lessThan(0)).length,
      unchanged: byPayee.filter((p) => dec(p.delta).isZero()).length,
    },
    components: componentImpact(oldIr, oldReport, newIr, newReport, fixed),
    rows,
    byPayee,
    largest,
    overThreshold: byPayee.filter((p) => p.overThreshold),
  };
}

/** Credited bookings of a run (see the file comment): needs traces. */
export function creditedBookings(ir: IrPlan, report: RunReport): Decimal {
  const order = new Map(ir.components.map((c, i) => [c.name, i]));
  const commissions = report.lines.filter((l) => l.kind === 'commission').sort((a, b) => order.get(a.component)! - order.get(b.component)!);
  const seen = new Set<string>();
  let total = ZERO;
  for (const line of commissions) {
    for (const r of line.trace?.records ?? []) {
      const id = `${r.input}\u0000${r.record}`;
      if (seen.has(id) || r.base === undefined) continue;
      seen.add(id);
      total = total.plus(dec(r.base));
    }
  }
  return total;
}

function componentImpact(oldIr: IrPlan, oldReport: RunReport, newIr: IrPlan, newReport: RunReport, fixed: (d: Decimal) => string): ComponentImpact[] {
  const sums = (report: RunReport) => {
    const m = new Map<string, Decimal>();
    for (const l of report.lines) if (l.unit === report.currency) m.set(l.component, (m.get(l.component) ?? ZERO).plus(dec(l.amount)));
    return m;
  };
  const a = sums(oldReport), b = sums(newReport);
  const names = [...newIr.components.map((c) => c.name), ...oldIr.components.map((c) => c.name).filter((n) => !newIr.components.some((c) => c.name === n))];
  const out: ComponentImpact[] = [];
  for (const name of names) {
    const isMoney = (ir: IrPlan) => ir.components.some((c) => c.name === name && c.kind !== 'reward');
    if (!isMoney(oldIr) && !isMoney(newIr)) continue;
    const x = a.get(name) ?? ZERO, y = b.get(name) ?? ZERO;
    out.push({ component: name, before: fixed(x), after: fixed(y), delta: fixed(y.minus(x)) });
  }
  return out;
}
