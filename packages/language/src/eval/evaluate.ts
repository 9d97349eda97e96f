// The run: evaluates a plan's IR on loaded data and produces the report of spec §7 — payout
// lines rounded once each (§5), totals that are sums of rounded lines, metrics, and a summary
// that accounts for every record read. Pipeline: IR + data → **evaluate** → report.
import type { IrComponent, IrMetric, IrPlan } from '../ir/ir';
import { byName, type LoadedData, type Value } from '../data/records';
import { planHash } from '../ir/hash';
import { formatFixed, formatPlain, isDecimal, roundToPlaces, ZERO, type Decimal } from './decimal';
import { formatIsoDate } from './dates';
import { evaluate, EvaluationError, isRecord, type EvalValue } from './expr';
import { Runtime } from './runtime';
import {
  evaluateBonus, evaluateClawback, evaluateCommission, evaluateDraw, evaluateReward, evaluateSpiff, newPayeeState, pendingRecovery, planClawback,
  type ClawbackPlan, type ComponentResult, type PayeeState,
} from './components';
import type { LineTrace } from './explain';
import type { Period } from './periods';

export interface RunOptions {
  /** Report only this period (earlier periods are evaluated too). */
  readonly period?: string;
  /** Report only this payee. */
  readonly payee?: string;
  /** Attach a trace to every line. */
  readonly explain?: boolean;
  /** Evaluate the IR node by node, compiling nothing: the reference the compiled evaluation is tested against. */
  readonly reference?: boolean;
  /** Called after each payee is evaluated (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PayoutLine {
  readonly payee: string;
  readonly period: string;
  readonly component: string;
  readonly kind: IrComponent['kind'];
  /** Rounded once, with exactly the unit's digits. */
  readonly amount: string;
  /** The currency code, `points` or `award`. */
  readonly unit: string;
  readonly award?: string;
  readonly trace?: LineTrace;
}

export interface PayeeTotal {
  readonly payee: string;
  readonly period: string;
  readonly amount: string;
}

export interface InputReconciliation {
  /** Rows in the file. */
  readonly read: number;
  /** Rows rejected for data errors (only with --skip-bad-rows). */
  readonly rejected: number;
  /** Records dated outside the effective range. */
  readonly outOfPlan: number;
  /** Records credited to a payee in an evaluated period. */
  readonly credited: number;
  /** Credited records that a `for` or an aggregate selected… */
  readonly selected: number;
  /** …and those every `where` excluded. */
  readonly excluded: number;
  /** Credited records not evaluated: in periods after the one reported, or of payees left out by --payee. */
  readonly notEvaluated: number;
}

/** What a payee still owes on a recoverable draw at the end of a fiscal year (or of the plan). */
export interface DrawBalance {
  readonly payee: string;
  readonly component: string;
  readonly fiscalYear: number;
  readonly amount: string;
}

export interface PendingClawback {
  readonly payee: string;
  readonly component: string;
  readonly record: string;
  readonly date: string;
  readonly amount?: string;
}

export interface RunSummary {
  readonly records: Record<string, number>;
  readonly outOfPlan: Record<string, number>;
  readonly rejected: LoadedData['rejected'];
  readonly reconciliation: Record<string, InputReconciliation>;
  /**
   * Clawbacks dated after the effective range: not paid, not dropped. `amount` is what each will
   * recover (negative), rounded as its line would be; absent when the record's period was not
   * evaluated in this run.
   */
  readonly pending: PendingClawback[];
  /** Recoverable draws still owed at a fiscal year's end, forgiven. */
  readonly forgiven: DrawBalance[];
  /** Recoverable draws still owed when the effective range ends before the fiscal year does: not forgiven (the year goes on), not dropped. */
  readonly outstanding: DrawBalance[];
  /** Things a reader should know that are not errors: metrics that could not be computed. */
  readonly notes: string[];
}

export interface RunReport {
  readonly plan: { readonly name: string; readonly version: number; readonly hash: string };
  readonly currency: string;
  readonly periods: string[];
  readonly lines: PayoutLine[];
  readonly totals: PayeeTotal[];
  readonly metrics: Record<string, string | null>;
  readonly metricsByPeriod: Record<string, Record<string, string | null>>;
  readonly summary: RunSummary;
}

export interface EvaluationErrorReport {
  readonly kind: 'evaluation';
  readonly input?: string;
  readonly record?: string;
  readonly payee?: string;
  readonly period?: string;
  /** The plan file and the position of the expression that failed. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What failed, as in spec §7 ("division by zero in (amount - cost) / amount"); the record is in `record`, `dataFile` and `dataLine`. */
  readonly message: string;
  /** The data file and the line the record starts on. */
  readonly dataFile?: string;
  readonly dataLine?: number;
}

/** An evaluation error in one line of text: where in the plan, the message, then the record and the payee and period it concerns. */
export function describeEvaluationError(e: EvaluationErrorReport): string {
  const about = [
    ...(e.record !== undefined ? [`record \`${e.record}\`${e.dataFile ? `, ${e.dataFile} line ${e.dataLine}` : ''}`] : []),
    ...(e.payee !== undefined ? [`payee ${e.payee}${e.period ? `, ${e.period}` : ''}`] : []),
  ];
  return `${e.file}:${e.line}:${e.column}: ${e.message}${about.length ? ` (${about.join('; ')})` : ''}`;
}

export type RunOutcome = { readonly ok: true; readonly report: RunReport } | { readonly ok: false; readonly errors: EvaluationErrorReport[] };

/** Evaluates `ir` on `data` (records already validated by loadData). Never throws on bad data. */
export function runPlan(ir: IrPlan, data: LoadedData, options: RunOptions = {}): RunOutcome {
  const rt = new Runtime(ir, data.records, !!options.reference);
  if (rt.errors.length) return { ok: false, errors: rt.errors.map((e) => errorReport(ir, e)) };
  const periods = rt.calendar.periods;
  const reportedPeriod = options.period ? rt.calendar.byLabel(options.period) : undefined;
  const lastIndex = reportedPeriod ? reportedPeriod.index : periods.length - 1;
  const evaluated = periods.slice(0, lastIndex + 1);
  const reported = reportedPeriod ? [reportedPeriod] : evaluated;
  const payees = options.payee ? rt.rosterIds.filter((p) => p === options.payee) : rt.rosterIds;
  const { plan } = ir;
  const lines: PayoutLine[] = [];
  const totals: PayeeTotal[] = [];
  const pending: RunSummary['pending'] = [];
  const forgiven: DrawBalance[] = [];
  const outstanding: DrawBalance[] = [];
  const errors: EvaluationErrorReport[] = [];
  const order = new Map(ir.components.map((c, i) => [c.name, i]));
  const computeOrder = [...ir.components].sort((a, b) => stage(a) - stage(b) || order.get(a.name)! - order.get(b.name)!);

  for (const [done, payee] of payees.entries()) {
    options.onProgress?.(done, payees.length);
    const state = newPayeeState();
    const clawbacks = new Map<string, ClawbackPlan>();
    try {
      for (const c of ir.components) {
        if (c.kind !== 'clawback') continue;
        clawbacks.set(c.name, planClawback(rt, payee, c));
      }
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      errors.push(errorReport(ir, error, payee));
      continue;
    }
    for (const period of evaluated) {
      rt.prepareMeasures(payee, period);
      const ctx = { rt, payee, period, state, currency: plan.currency, explain: !!options.explain };
      const results = new Map<string, ComponentResult>();
      try {
        for (const c of computeOrder) {
          let result: ComponentResult;
          switch (c.kind) {
            case 'commission': result = evaluateCommission(ctx, c); break;
            case 'bonus': result = evaluateBonus(ctx, c); break;
            case 'spiff': result = evaluateSpiff(ctx, c); break;
            case 'reward': result = evaluateReward(ctx, c); break;
            case 'clawback': result = evaluateClawback(ctx, c, clawbacks.get(c.name)!); break;
            case 'draw': {
              const earned = [...results.values()].filter((r) => !r.unit).reduce((a, r) => a.plus(roundMoney(ir, r.amount)), ZERO);
              result = evaluateDraw(ctx, c, earned);
              break;
            }
          }
          results.set(c.name, result);
        }
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        errors.push(errorReport(ir, error, payee, period));
        continue;
      }
      if (isLastOfFiscalYear(periods, period, lastIndex)) {
        for (const [key, owed] of state.drawOwed) {
          const [component, fy] = key.split('|');
          if (Number(fy) !== period.fiscalYear || !owed.greaterThan(0)) continue;
          (period.endsFiscalYear ? forgiven : outstanding).push({ payee, component: component!, fiscalYear: period.fiscalYear, amount: formatFixed(roundMoney(ir, owed), plan.minorUnits) });
        }
      }
      if (!reported.includes(period)) continue;
      let total = ZERO;
      for (const c of ir.components) {
        const r = results.get(c.name)!;
        const rounded = r.unit ? roundToPlaces(r.amount, 2, plan.rounding) : roundMoney(ir, r.amount);
        if (!r.applies && rounded.isZero()) continue;
        if (!r.unit) total = total.plus(rounded);
        lines.push({
          payee, period: period.label, component: c.name, kind: c.kind,
          amount: formatFixed(rounded, r.unit ? 2 : plan.minorUnits),
          unit: r.unit ?? plan.currency,
          ...(r.award !== undefined ? { award: r.award } : {}),
          ...(options.explain ? { trace: r.trace } : {}),
        });
      }
      totals.push({ payee, period: period.label, amount: formatFixed(total, plan.minorUnits) });
    }
    // pending clawbacks, once the periods their records were earned in are evaluated
    try {
      for (const c of ir.components) {
        if (c.kind !== 'clawback') continue;
        for (const p of clawbacks.get(c.name)?.pending ?? []) {
          const amount = pendingRecovery(rt, state, payee, c, p.record);
          pending.push({ payee, component: c.name, record: p.record.key, date: formatIsoDate(p.date), ...(amount ? { amount: formatFixed(roundMoney(ir, amount), plan.minorUnits) } : {}) });
        }
      }
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      errors.push(errorReport(ir, error, payee));
    }
  }
  options.onProgress?.(payees.length, payees.length);
  if (errors.length) return { ok: false, errors };

  // Metrics are KPIs for the report, not pay: one that cannot be computed (a rate over no
  // records) is unset, with a note in the summary, rather than failing the run.
  const notes: string[] = [];
  const metric = (name: string, expr: IrMetric['expr'], period: Period | undefined): string | null => {
    try {
      return show(evaluate(rt, expr, { period, ytd: false }));
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      notes.push(`metric \`${name}\` is undefined${period ? ` in ${period.label}` : ''}: ${error.message}`);
      return null;
    }
  };
  const metrics = byName<string | null>();
  const metricsByPeriod = byName<Record<string, string | null>>();
  for (const m of ir.metrics) metrics[m.name] = metric(m.name, m.expr, undefined);
  for (const period of reported) {
    const values = byName<string | null>();
    for (const m of ir.metrics) values[m.name] = metric(m.name, m.expr, period);
    metricsByPeriod[period.label] = values;
  }

  return {
    ok: true,
    report: {
      plan: { name: plan.name, version: plan.version, hash: planHash(ir) },
      currency: plan.currency,
      periods: reported.map((p) => p.label),
      lines,
      totals,
      metrics,
      metricsByPeriod,
      summary: { ...summarise(rt, data, lastIndex, new Set(payees), pending, forgiven, outstanding), notes },
    },
  };
}

/** Commissions, bonuses, SPIFFs and rewards first; clawbacks read their record earnings; draws read every other line. */
function stage(c: IrComponent): number {
  return c.kind === 'clawback' ? 1 : c.kind === 'draw' ? 2 : 0;
}

function roundMoney(ir: IrPlan, amount: Decimal): Decimal {
  return roundToPlaces(amount, ir.plan.minorUnits, ir.plan.rounding);
}

function isLastOfFiscalYear(periods: readonly Period[], period: Period, lastIndex: number): boolean {
  const next = periods[period.index + 1];
  return period.index <= lastIndex && (!next || next.fiscalYear !== period.fiscalYear);
}

function show(v: EvalValue): string | null {
  if (v === null || isRecord(v)) return null;
  if (isDecimal(v)) return formatPlain(v);
  if (typeof v === 'number') return formatIsoDate(v);
  return String(v as Exclude<Value, null>);
}

function summarise(rt: Runtime, data: LoadedData, lastIndex: number, evaluatedPayees: ReadonlySet<string>, pending: RunSummary['pending'], forgiven: DrawBalance[], outstanding: DrawBalance[]): Omit<RunSummary, 'notes'> {
  const records = byName<number>();
  const outOfPlan = byName<number>();
  const reconciliation = byName<InputReconciliation>();
  for (const input of rt.ir.inputs) {
    const counts = rt.counts.get(input.name)!;
    const rejected = data.rejected.filter((r) => r.input === input.name).length;
    const { credited, selected, notEvaluated } = rt.selectionCounts(input.name, lastIndex, evaluatedPayees);
    records[input.name] = counts.read;
    if (input.credit) outOfPlan[input.name] = counts.outOfPlan;
    reconciliation[input.name] = {
      read: data.read[input.name] ?? counts.read + rejected,
      rejected,
      outOfPlan: counts.outOfPlan,
      credited: input.credit ? counts.credited : counts.read,
      selected: input.credit ? selected : counts.read,
      excluded: input.credit ? credited - selected - notEvaluated : 0,
      notEvaluated,
    };
  }
  return { records, outOfPlan, rejected: data.rejected, reconciliation, pending, forgiven, outstanding };
}

function errorReport(ir: IrPlan, error: EvaluationError, payee?: string, period?: Period): EvaluationErrorReport {
  const record = error.record;
  return {
    kind: 'evaluation',
    ...(record ? { input: record.input, record: record.key, dataFile: record.file, dataLine: record.line } : {}),
    ...(error.payee ?? payee ? { payee: error.payee ?? payee } : {}),
    ...(error.period ?? period ? { period: error.period ?? period!.label } : {}),
    file: ir.plan.source,
    line: error.at[0],
    column: error.at[1],
    message: error.message,
  };
}
