// Component evaluation per payee per period (spec §4): commissions in the normative order
// (credit order, attainment, gates, marginal or retroactive tiers, caps per deal, period and
// year), bonuses, SPIFFs, clawbacks, draws and rewards. Pipeline: evaluate.ts → **components**.
// Amounts here are exact; evaluate.ts rounds each line once.
import type {
  IrAccelerator, IrBonus, IrClawback, IrCommission, IrDraw, IrExpr, IrReward, IrSpiff, IrTier,
} from '../ir/ir';
import type { DataRecord } from '../data/records';
import { printExpr } from '../ir/print';
import { dec, divide, formatPlain, isDecimal, maxDecimal, minDecimal, toUnits, ZERO, ONE, type Decimal } from './decimal';
import { formatIsoDate, parseIsoDate } from './dates';
import { bind, evaluate, EvaluationError, loopEnv, type Env, type EvalValue } from './expr';
import type { Period } from './periods';
import { tablePositions, type Runtime } from './runtime';
import { fieldValue } from '../data/table';
import { fixedCommission, unitsCommission, type FixedResult, type UnitsCommission } from './fixed';
import { GATES_HOLD, perUnitAt, type CommissionKernel, type KernelColumns } from './kernel';
import type { CapTrace, LineTrace, RecordTrace, SliceTrace } from './explain';

/** What one component gives one payee in one period, before rounding. */
export interface ComponentResult {
  readonly amount: Decimal;
  /** False when nothing applied (no records, condition not met): a zero line that may be left out. */
  readonly applies: boolean;
  readonly trace: LineTrace;
  readonly unit?: 'points' | 'award';
  readonly award?: string;
}

/** State carried across periods for one payee: attainment and caps per fiscal year, record earnings, draws owed. */
export interface PayeeState {
  /** Attainment counted so far this fiscal year, per component ("name|fy"). */
  readonly attained: Map<string, Decimal>;
  /** Sum of period-capped earnings so far this fiscal year, per component. */
  readonly yearEarned: Map<string, Decimal>;
  /** What each record finally earned in a component, for clawbacks: component → record → amount. */
  readonly recordEarnings: Map<string, Map<DataRecord, Decimal>>;
  readonly bonusPaid: Set<string>;
  readonly drawOwed: Map<string, Decimal>;
}

export function newPayeeState(): PayeeState {
  return { attained: new Map(), yearEarned: new Map(), recordEarnings: new Map(), bonusPaid: new Set(), drawOwed: new Map() };
}

type Ctx = { rt: Runtime; payee: string; period: Period; state: PayeeState; currency: string; explain: boolean };

function env(ctx: Ctx, name?: string, record?: DataRecord): Env {
  return { payee: ctx.payee, period: ctx.period, ytd: false, vars: name && record ? bind(undefined, name, record) : undefined };
}

function money(ctx: Ctx, e: IrExpr, en: Env): Decimal {
  return asMoney(evaluate(ctx.rt, e, en));
}

/** A number, or zero for unset. */
function asMoney(v: EvalValue): Decimal {
  return isDecimal(v) ? v : ZERO;
}

function recordTrace(ctx: Ctx, input: string, r: DataRecord, date: string | undefined): Pick<RecordTrace, 'input' | 'record' | 'file' | 'line' | 'date'> {
  const day = date ? fieldValue(r, date) : undefined;
  return { input, record: r.key, file: r.file, line: r.line, ...(typeof day === 'number' ? { date: formatIsoDate(day) } : {}) };
}

function text(v: EvalValue): string {
  if (isDecimal(v)) return formatPlain(v);
  if (typeof v === 'number') return formatIsoDate(v);
  if (v === null) return 'unset';
  if (typeof v === 'object') return v.key;
  return String(v);
}

// ---------------------------------------------------------------- commission

export function evaluateCommission(ctx: Ctx, c: IrCommission): ComponentResult {
  const { rt } = ctx;
  const input = rt.ir.inputs.find((i) => i.name === c.for.input)!;
  const at = loopEnv(env(ctx), c.for.var);
  const where = c.for.where ? rt.compiled(c.for.where) : undefined;
  // Without `where`, every record in scope is selected, and its list is made only if something
  // below reads records one by one (the units kernel reads their positions).
  const scope = rt.scope(c.for.input, env(ctx), !!c.for.all);
  let selected: readonly DataRecord[] | undefined;
  if (where) {
    selected = scope.records().filter((r) => {
      const ok = where(at(r)) === true;
      if (ok) rt.markSelected(r);
      return ok;
    });
  } else scope.selectAll();
  const recordsOf = (): readonly DataRecord[] => (selected ??= scope.records());
  if ((selected ? selected.length : scope.count) === 0) return { amount: ZERO, applies: false, trace: { records: [], exact: '0' } };

  const acc = c.accelerate;
  const fyKey = `${c.name}|${ctx.period.fiscalYear}`;
  let target: Decimal | undefined;
  let bounds: { lo: Decimal | undefined; hi: Decimal | undefined; factor: Decimal; tier: IrTier }[] = [];
  let cumulative = ZERO;
  if (acc) {
    target = money(ctx, acc.target, env(ctx));
    if (target.lessThanOrEqualTo(0)) {
      throw new EvaluationError(`the target of \`${c.name}\` is ${formatPlain(target)} for payee \`${ctx.payee}\` in ${ctx.period.label}: it must be above zero`, acc.at, undefined, ctx.payee, ctx.period.label);
    }
    bounds = tierBounds(ctx, acc, target);
    cumulative = acc.perYear ? ctx.state.attained.get(fyKey) ?? ZERO : ZERO;
  }
  const startCumulative = cumulative;

  // The fixed-point path (fixed.ts) applies when nothing needs the records one by one; its
  // records are read in units straight from their table where the commission allows (kernel.ts).
  const fixed = !(rt.reference || ctx.explain || acc?.on || rt.clawedBack.has(c.name));
  const located = fixed ? (selected ? tablePositions(selected) : scope.positions()) : undefined;
  const kernel = located && rt.commissionKernel(c, located.table);
  const viaKernel = kernel && kernelCommission(ctx, c, kernel, located.positions, (i) => recordsOf()[i]!, at, { mode: acc ? acc.mode : 'flat', tiers: bounds, start: startCumulative });
  let total: Decimal;
  const dealCapped: Decimal[] = [], traces: RecordTrace[] = [];
  if (viaKernel) {
    total = viaKernel.total;
    cumulative = viaKernel.attained;
  } else {
    const records = recordsOf();
    // first pass: bases, attainment amounts, gates, rates (per record, in credit order)
    const bases: Decimal[] = [], counteds: Decimal[] = [], failedGates: (IrExpr | undefined)[] = [];
    const rates: (Decimal | undefined)[] = [], factors: Decimal[][] = [], perUnits: (Decimal | undefined)[] = [];
    const baseOf = rt.compiled(c.base), countedOf = acc?.on ? rt.compiled(acc.on) : undefined, rateOf = rt.compiled(c.rate);
    const gates = c.gates.map((g) => rt.compiled(g)), multipliers = c.multipliers.map((m) => rt.compiled(m));
    for (const r of records) {
      const e = at(r);
      const base = asMoney(baseOf(e));
      bases.push(base);
      counteds.push(countedOf ? asMoney(countedOf(e)) : base);
      const failed = gates.findIndex((g) => g(e) !== true);
      failedGates.push(failed >= 0 ? c.gates[failed] : undefined);
      if (failed >= 0) { rates.push(undefined); factors.push(NO_FACTORS); perUnits.push(undefined); continue; }
      const rate = asMoney(rateOf(e));
      const ms = multipliers.length ? multipliers.map((m) => asMoney(m(e))) : NO_FACTORS;
      rates.push(rate);
      factors.push(ms);
      perUnits.push(ms.reduce((a, b) => a.times(b), rate));
    }

    const dealCap = c.caps.find((k) => k.scope === 'deal');
    let dealCapAmount: Decimal | undefined;
    try {
      dealCapAmount = dealCap ? money(ctx, dealCap.amount, env(ctx)) : undefined;
    } catch (error) {
      // the period fails, but its records still count toward the year's attainment
      if (acc?.perYear) ctx.state.attained.set(fyKey, counteds.reduce((a, b) => a.plus(b), cumulative));
      throw error;
    }
    // Exact in fixed point where it applies (fixed.ts); else, or when a value is out of its
    // range, with decimal.js. Both give the same values.
    const fast = fixed
      ? fixedCommission({ mode: acc ? acc.mode : 'flat', tiers: bounds, start: startCumulative, bases, perUnits, dealCap: dealCapAmount })
      : undefined;
    if (fast) {
      total = fast.total;
      cumulative = fast.attained;
    } else {
      const befores: Decimal[] = [];
      for (const counted of counteds) {
        befores.push(cumulative);
        cumulative = cumulative.plus(counted);
      }
      const retroFactor = acc?.mode === 'retroactive' ? tierAt(bounds, cumulative).factor : undefined;
      for (let i = 0; i < records.length; i++) {
        const w = { r: records[i]!, base: bases[i]!, counted: counteds[i]! };
        const failed = failedGates[i];
        if (failed) {
          if (ctx.explain) traces.push({ ...commonTrace(ctx, input.name, input.credit?.date, w, acc?.on !== undefined), gate: gateTrace(ctx, failed, env(ctx, c.for.var, w.r)), earning: '0' });
          dealCapped.push(ZERO);
          continue;
        }
        const perUnit = perUnits[i]!;
        let earning: Decimal;
        let slices: SliceTrace[] | undefined;
        if (!acc) earning = w.base.times(perUnit);
        else if (acc.mode === 'retroactive') earning = w.base.times(perUnit).times(retroFactor!);
        else {
          const cut = marginalSlices(bounds, befores[i]!, w.counted, w.base, !acc.on);
          earning = marginalEarning(cut, w.base, w.counted, !acc.on, perUnit);
          if (ctx.explain) slices = cut.map((x) => sliceTrace(x, target!, perUnit));
        }
        let capped: RecordTrace['capped'];
        if (dealCapAmount !== undefined && earning.greaterThan(dealCapAmount)) {
          if (ctx.explain) capped = { cap: formatPlain(dealCapAmount), before: formatPlain(earning) };
          earning = dealCapAmount;
        }
        dealCapped.push(earning);
        if (ctx.explain) {
          const ms = factors[i]!;
          traces.push({
            ...commonTrace(ctx, input.name, input.credit?.date, w, acc?.on !== undefined), rate: formatPlain(rates[i]!), ...(ms.length ? { multipliers: ms.map(formatPlain) } : {}),
            ...(slices ? { slices } : {}), ...(retroFactor ? { factor: formatPlain(retroFactor) } : {}),
            earning: formatPlain(earning), ...(capped ? { capped } : {}),
          });
        }
      }
      total = dealCapped.reduce((a, b) => a.plus(b), ZERO);
    }
  }
  if (acc?.perYear) ctx.state.attained.set(fyKey, cumulative);

  const caps: CapTrace[] = [];
  let amount = total;
  const periodCap = c.caps.find((k) => k.scope === 'period');
  if (periodCap) {
    const cap = money(ctx, periodCap.amount, env(ctx));
    if (amount.greaterThan(cap)) { caps.push({ scope: 'period', cap: formatPlain(cap), before: formatPlain(amount), after: formatPlain(cap) }); amount = cap; }
  }
  const yearCap = c.caps.find((k) => k.scope === 'year');
  if (yearCap) {
    const cap = money(ctx, yearCap.amount, env(ctx));
    const earlier = ctx.state.yearEarned.get(fyKey) ?? ZERO;
    const now = earlier.plus(amount);
    ctx.state.yearEarned.set(fyKey, now);
    const paidBefore = minDecimal(earlier, cap);
    const paidNow = minDecimal(now, cap);
    const line = paidNow.minus(paidBefore);
    if (!line.equals(amount)) caps.push({ scope: 'year', cap: formatPlain(cap), before: formatPlain(amount), after: formatPlain(line) });
    amount = line;
  }
  if (rt.clawedBack.has(c.name)) recordEarnings(ctx, c.name, recordsOf(), dealCapped, total, amount);
  if (!ctx.explain) return { amount, applies: true, trace: NO_TRACE };
  return {
    amount,
    applies: true,
    trace: {
      records: traces,
      ...(target ? { target: formatPlain(target), attainment: { start: formatPlain(divide(startCumulative, target)!), end: formatPlain(divide(cumulative, target)!) } } : {}),
      ...(caps.length ? { caps } : {}),
      exact: formatPlain(amount),
    },
  };
}

/**
 * The commission's deal-capped total and attainment through its units kernel (kernel.ts) and
 * fixed.ts's loop; undefined when some record or value is out of the units' reach, and then the
 * caller's general loop computes the same (and raises the same error: the deal cap's is left to it).
 * Each record's parts are read in the general loop's order — base, gates up to the first that
 * fails, rate, multipliers — and a part the kernel cannot serve is evaluated the general way.
 */
function kernelCommission(
  ctx: Ctx, c: IrCommission, { kernel, columns }: { kernel: CommissionKernel; columns: KernelColumns }, positions: Int32Array,
  recordAt: (i: number) => DataRecord, at: (r: DataRecord) => Env, loop: Pick<UnitsCommission, 'mode' | 'tiers' | 'start'>,
): FixedResult | undefined {
  const { rt } = ctx;
  const n = positions.length, { bases, perUnits } = rt.kernelScratch(n);
  const baseScale = kernel.base.scale, perUnitScale = kernel.perUnit.scale;
  const gates = kernel.gates, size = columns.size;
  for (let i = 0; i < n; i++) {
    const pos = positions[i]!;
    if (pos >= size) return undefined;
    let base = columns.base[pos]!;
    if (base !== base) base = unitsOrNaN(asMoney(rt.compiled(c.base)(at(recordAt(i)))), baseScale);
    if (base !== base) return undefined;
    bases[i] = base;
    // the gates the units decided, then the general way from the first they could not
    const state = columns.gate[pos]!;
    let holds = state === GATES_HOLD;
    if (state >= 0) {
      const e = at(recordAt(i));
      holds = rt.compiled(c.gates[state]!)(e) === true;
      for (let g = state + 1; g < gates.length && holds; g++) {
        const fast = gates[g]?.(pos);
        holds = fast === 1 || (fast !== 0 && rt.compiled(c.gates[g]!)(e) === true);
      }
    }
    if (!holds) { perUnits[i] = NaN; continue; }
    let perUnit = perUnitAt(columns, pos);
    if (perUnit !== perUnit) {
      const e = at(recordAt(i));
      const rate = asMoney(rt.compiled(c.rate)(e));
      perUnit = unitsOrNaN(c.multipliers.reduce((a, m) => a.times(asMoney(rt.compiled(m)(e))), rate), perUnitScale);
      if (perUnit !== perUnit) return undefined;
    }
    perUnits[i] = perUnit;
  }
  const dealCap = c.caps.find((k) => k.scope === 'deal');
  let cap: Decimal | undefined;
  try {
    cap = dealCap ? money(ctx, dealCap.amount, env(ctx)) : undefined;
  } catch (error) {
    if (error instanceof EvaluationError) return undefined; // raised again, with its bookkeeping, by the general loop
    throw error;
  }
  return unitsCommission({ ...loop, dealCap: cap, bases, baseScale, perUnits, perUnitScale });
}

function unitsOrNaN(x: Decimal, scale: number): number {
  return toUnits(x, scale) ?? NaN;
}

/** The multipliers of a commission without any. */
const NO_FACTORS: Decimal[] = [];

/** The trace of a line when --explain is off: nothing is formatted. */
const NO_TRACE: LineTrace = { exact: '' };

function commonTrace(ctx: Ctx, input: string, date: string | undefined, w: { r: DataRecord; base: Decimal; counted: Decimal }, on: boolean): RecordTrace {
  return { ...recordTrace(ctx, input, w.r, date), base: formatPlain(w.base), ...(on ? { counted: formatPlain(w.counted) } : {}), earning: '' };
}

/** What each record finally earned: its per-deal-capped earning, scaled pro rata where a period or year cap cut the total. */
function recordEarnings(ctx: Ctx, component: string, records: readonly DataRecord[], earnings: readonly Decimal[], total: Decimal, paid: Decimal): void {
  if (!ctx.rt.clawedBack.has(component)) return; // no clawback reads them
  let map = ctx.state.recordEarnings.get(component);
  if (!map) ctx.state.recordEarnings.set(component, (map = new Map()));
  // earning × paid ÷ total, multiplied first: 12,000 capped to 10,000 is 10,000 exactly, where
  // earning × (paid ÷ total) would be 9,999.99…96 (paid ÷ total rounded to 34 digits)
  const whole = paid.equals(total);
  const share = (earning: Decimal) => (whole ? earning : total.isZero() ? ZERO : divide(earning.times(paid), total)!);
  records.forEach((r, i) => map!.set(r, share(earnings[i]!)));
}

function tierBounds(ctx: Ctx, acc: IrAccelerator, target: Decimal) {
  return acc.tiers.map((tier, i) => {
    const from = tier.from ? money(ctx, tier.from, env(ctx)) : undefined;
    const to = tier.to ? money(ctx, tier.to, env(ctx)) : undefined;
    return {
      // the first tier reaches down and the last up, so negative or excess attainment still has a tier
      lo: i === 0 || !from ? undefined : target.times(from),
      hi: i === acc.tiers.length - 1 || !to ? undefined : target.times(to),
      factor: money(ctx, tier.value, env(ctx)),
      tier,
    };
  });
}

function tierAt(bounds: ReturnType<typeof tierBounds>, amount: Decimal) {
  return bounds.find((b) => (!b.lo || amount.greaterThanOrEqualTo(b.lo)) && (!b.hi || amount.lessThan(b.hi))) ?? bounds[bounds.length - 1]!;
}

interface Slice {
  readonly from: Decimal; // attainment amount where the slice starts
  readonly to: Decimal;
  readonly part: Decimal; // the part of the base in the slice
  readonly factor: Decimal;
}

/**
 * A record's marginal earning: each slice of the base × its factor × the per-unit rate. With
 * `on`, a slice's share of the base is base × width ÷ counted; the earning then divides once, at
 * the end (base × rate × Σ width × factor ÷ counted), so that shares which are not exact decimals
 * (thirds) still add up to the exact earning rather than to a sum of 34-digit roundings.
 */
function marginalEarning(cut: readonly Slice[], base: Decimal, counted: Decimal, countsBase: boolean, perUnit: Decimal): Decimal {
  if (countsBase || counted.isZero()) return cut.reduce((a, x) => a.plus(x.part.times(x.factor)), ZERO).times(perUnit);
  const weighted = cut.reduce((a, x) => a.plus(x.to.minus(x.from).abs().times(x.factor)), ZERO);
  return divide(base.times(perUnit).times(weighted), counted.abs())!;
}

/** Cuts a record's attainment interval at the tier boundaries; each slice holds its share of the base. */
function marginalSlices(bounds: ReturnType<typeof tierBounds>, before: Decimal, counted: Decimal, base: Decimal, countsBase: boolean): Slice[] {
  const after = before.plus(counted);
  if (counted.isZero()) return [{ from: before, to: after, part: base, factor: tierAt(bounds, before).factor }];
  const low = minDecimal(before, after), high = maxDecimal(before, after);
  const sign = counted.isNegative() ? -1 : 1;
  const slices: Slice[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[sign > 0 ? i : bounds.length - 1 - i]!;
    const lo = b.lo && b.lo.greaterThan(low) ? b.lo : low;
    const hi = b.hi && b.hi.lessThan(high) ? b.hi : high;
    if (!hi.greaterThan(lo)) continue;
    const width = hi.minus(lo);
    const part = countsBase ? (sign > 0 ? width : width.neg()) : divide(base.times(width), counted.abs())!;
    slices.push(sign > 0 ? { from: lo, to: hi, part, factor: b.factor } : { from: hi, to: lo, part, factor: b.factor });
  }
  return slices;
}

function sliceTrace(s: Slice, target: Decimal, perUnit: Decimal): SliceTrace {
  return {
    from: formatPlain(divide(s.from, target)!),
    to: formatPlain(divide(s.to, target)!),
    amount: formatPlain(s.part),
    factor: formatPlain(s.factor),
    earning: formatPlain(s.part.times(perUnit).times(s.factor)),
  };
}

function gateTrace(ctx: Ctx, gate: IrExpr, e: Env): NonNullable<RecordTrace['gate']> {
  const failed = printExpr(gate, ctx.currency);
  if (gate.k === 'bin' && ['lt', 'le', 'gt', 'ge', 'eq', 'ne'].includes(gate.op)) {
    return { failed, left: text(evaluate(ctx.rt, gate.l, e)), right: text(evaluate(ctx.rt, gate.r, e)) };
  }
  return { failed };
}

// ---------------------------------------------------------------- bonus, spiff, reward

export function evaluateBonus(ctx: Ctx, b: IrBonus): ComponentResult {
  const key = `${b.name}|${ctx.period.fiscalYear}`;
  const when = printExpr(b.when, ctx.currency);
  if (b.oncePerYear && ctx.state.bonusPaid.has(key)) {
    return { amount: ZERO, applies: false, trace: { condition: { when, holds: false, oncePerYear: true }, exact: '0' } };
  }
  const holds = evaluate(ctx.rt, b.when, env(ctx)) === true;
  if (!holds) return { amount: ZERO, applies: false, trace: { condition: { when, holds }, exact: '0' } };
  if (b.oncePerYear) ctx.state.bonusPaid.add(key);
  const amount = money(ctx, b.pay, env(ctx));
  return { amount, applies: true, trace: { condition: { when, holds, ...(b.oncePerYear ? { oncePerYear: true } : {}) }, exact: formatPlain(amount) } };
}

export function evaluateSpiff(ctx: Ctx, s: IrSpiff): ComponentResult {
  const { rt } = ctx;
  const input = rt.ir.inputs.find((i) => i.name === s.for.input)!;
  const from = parseIsoDate(s.during.from)!, to = parseIsoDate(s.during.to)!;
  const date = input.credit?.date;
  const traces: RecordTrace[] = [];
  const records: DataRecord[] = [];
  const earnings: Decimal[] = [];
  let amount = ZERO;
  for (const r of rt.records(s.for.input, env(ctx), !!s.for.all)) {
    const e = env(ctx, s.for.var, r);
    if (s.for.where && evaluate(rt, s.for.where, e) !== true) continue;
    rt.markSelected(r);
    const day = date ? fieldValue(r, date) : undefined;
    if (typeof day !== 'number' || day < from || day > to) continue;
    const pay = money(ctx, s.pay, e);
    amount = amount.plus(pay);
    records.push(r);
    earnings.push(pay);
    traces.push({ ...recordTrace(ctx, input.name, r, date), pay: formatPlain(pay), earning: formatPlain(pay) });
  }
  recordEarnings(ctx, s.name, records, earnings, amount, amount);
  return { amount, applies: records.length > 0, trace: { records: traces, exact: formatPlain(amount) } };
}

export function evaluateReward(ctx: Ctx, w: IrReward): ComponentResult {
  const { rt } = ctx;
  const unit = w.award !== undefined ? 'award' : 'points';
  const condition = w.when ? { when: printExpr(w.when, ctx.currency), holds: evaluate(rt, w.when, env(ctx)) === true } : undefined;
  const none: ComponentResult = { amount: ZERO, applies: false, unit, ...(w.award ? { award: w.award } : {}), trace: { ...(condition ? { condition } : {}), exact: '0' } };
  if (condition && !condition.holds) return none;
  if (!w.for) {
    const amount = w.points ? money(ctx, w.points, env(ctx)) : ONE;
    return { amount, applies: true, unit, ...(w.award ? { award: w.award } : {}), trace: { ...(condition ? { condition } : {}), exact: formatPlain(amount) } };
  }
  const input = rt.ir.inputs.find((i) => i.name === w.for!.input)!;
  const traces: RecordTrace[] = [];
  let amount = ZERO;
  for (const r of rt.records(w.for.input, env(ctx), !!w.for.all)) {
    const e = env(ctx, w.for.var, r);
    if (w.for.where && evaluate(rt, w.for.where, e) !== true) continue;
    rt.markSelected(r);
    const points = w.points ? money(ctx, w.points, e) : ONE;
    amount = amount.plus(points);
    traces.push({ ...recordTrace(ctx, input.name, r, input.credit?.date), points: formatPlain(points), earning: formatPlain(points) });
  }
  if (traces.length === 0) return none;
  return { amount, applies: true, unit, ...(w.award ? { award: w.award } : {}), trace: { ...(condition ? { condition } : {}), records: traces, exact: formatPlain(amount) } };
}

// ---------------------------------------------------------------- clawback and draw

/** A clawback's lines for one payee: period index → the records recovered in it. Pending ones are dated after the effective range. */
export interface ClawbackPlan {
  readonly byPeriod: Map<number, DataRecord[]>;
  readonly pending: { record: DataRecord; date: number }[];
}

export function planClawback(rt: Runtime, payee: string, c: IrClawback): ClawbackPlan {
  const byPeriod = new Map<number, DataRecord[]>();
  const pending: ClawbackPlan['pending'] = [];
  const lastDay = rt.calendar.periods[rt.calendar.periods.length - 1]?.end ?? 0;
  const effectiveTo = parseIsoDate(rt.ir.plan.effective.to)!;
  for (const r of rt.payeeAllRecords(c.for.input, payee)) {
    const creditPeriod = rt.creditPeriod(r)!;
    const e: Env = { payee, period: creditPeriod, ytd: false, vars: bind(undefined, c.for.var, r) };
    if (c.for.where && evaluate(rt, c.for.where, e) !== true) continue;
    rt.markSelected(r);
    const day = fieldValue(r, c.on);
    if (typeof day !== 'number') continue;
    if (day > effectiveTo || day > lastDay) { pending.push({ record: r, date: day }); continue; }
    const period = day < creditPeriod.start ? creditPeriod : rt.calendar.periodOf(day) ?? creditPeriod;
    const list = byPeriod.get(period.index) ?? [];
    list.push(r);
    byPeriod.set(period.index, list);
  }
  return { byPeriod, pending };
}

export function evaluateClawback(ctx: Ctx, c: IrClawback, plan: ClawbackPlan): ComponentResult {
  const records = plan.byPeriod.get(ctx.period.index) ?? [];
  if (records.length === 0) return { amount: ZERO, applies: false, trace: { records: [], exact: '0' } };
  const input = ctx.rt.ir.inputs.find((i) => i.name === c.for.input)!;
  const earned = ctx.state.recordEarnings.get(c.of);
  const traces: RecordTrace[] = [];
  let amount = ZERO;
  for (const r of records) {
    const e: Env = { payee: ctx.payee, period: ctx.period, ytd: false, vars: bind(undefined, c.for.var, r) };
    const share = money(ctx, c.share, e);
    const got = earned?.get(r) ?? ZERO;
    const recovered = got.times(share).neg();
    amount = amount.plus(recovered);
    const creditPeriod = ctx.rt.creditPeriod(r)!;
    traces.push({
      ...recordTrace(ctx, input.name, r, input.credit?.date),
      recovers: { component: c.of, period: creditPeriod.label, earned: formatPlain(got), share: formatPlain(share) },
      earning: formatPlain(recovered),
    });
  }
  return { amount, applies: true, trace: { records: traces, exact: formatPlain(amount) } };
}

/**
 * What a pending clawback will recover from a record when it falls due: its share of what the
 * record earned in the component (negative), with the record's credit period in scope as when
 * it was earned. Undefined when that period was not evaluated in this run (`--period`).
 */
export function pendingRecovery(rt: Runtime, state: PayeeState, payee: string, c: IrClawback, record: DataRecord): Decimal | undefined {
  const earned = state.recordEarnings.get(c.of)?.get(record);
  const period = rt.creditPeriod(record);
  if (earned === undefined || period === undefined) return undefined;
  const share = asMoney(evaluate(rt, c.share, { payee, period, ytd: false, vars: bind(undefined, c.for.var, record) }));
  return earned.times(share).neg();
}

/** A draw: pays up to a positive guarantee; a recoverable draw takes back what it advanced from later excess in the fiscal year. */
export function evaluateDraw(ctx: Ctx, d: IrDraw, earned: Decimal): ComponentResult {
  const guarantee = money(ctx, d.pay, env(ctx));
  const key = `${d.name}|${ctx.period.fiscalYear}`;
  const owedBefore = ctx.state.drawOwed.get(key) ?? ZERO;
  let amount = ZERO;
  let owed = owedBefore;
  // A guarantee of zero or less guarantees nothing: it must not top a negative period (a
  // clawback larger than the earnings) back up to zero. Recovery still applies.
  if (guarantee.greaterThan(0) && earned.lessThan(guarantee)) {
    amount = guarantee.minus(earned);
    if (d.recoverable) owed = owed.plus(amount);
  } else if (d.recoverable && earned.greaterThan(guarantee) && owed.greaterThan(0)) {
    const back = minDecimal(owed, earned.minus(guarantee));
    amount = back.neg();
    owed = owed.minus(back);
  }
  if (d.recoverable) ctx.state.drawOwed.set(key, owed);
  return {
    amount,
    applies: !amount.isZero(),
    trace: { draw: { guarantee: formatPlain(guarantee), earned: formatPlain(earned), owedBefore: formatPlain(owedBefore), owedAfter: formatPlain(owed) }, exact: formatPlain(amount) },
  };
}

