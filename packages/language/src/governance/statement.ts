// A payee's statement for one period, built from an explained run (`runPlan` with `explain`):
// each line, each record behind it with the fields the rule reads, and why in plain words —
// the tier slices, the gate that failed, the cap that bit, the clawback and the deal it
// recovers, the draw — plus the components that paid nothing and why. Used by
// `incent explain` (text, JSON, HTML) and for the worked examples of plan documents.
import type { IrComponent, IrExpr, IrPlan } from '../ir/ir';
import type { LoadedData } from '../data/records';
import type { PayoutLine, RunReport } from '../eval/evaluate';
import type { LineTrace, RecordTrace } from '../eval/explain';
import { printExpr } from '../ir/print';
import { dec } from '../eval/decimal';
import { isRecord } from '../eval/expr';
import { fact, fieldsRead, measuresRead, Probe, valueText, walkExpr, type Fact } from './probe';
import { ruleSummary } from './rule-words';
import { formatMoney, formatNumber, formatPercent, periodNoun, singular } from './values';
import { conditionWords, termWords } from './words';

export interface StatementRecord {
  readonly input: string;
  readonly record: string;
  readonly file: string;
  readonly line: number;
  readonly date?: string;
  /** The record's fields that the rule reads. */
  readonly facts: Fact[];
  readonly outcome: 'earned' | 'gated' | 'capped' | 'paid' | 'recovered' | 'granted';
  /** Why, in plain words, one sentence per step. */
  readonly why: string[];
  /** The record's share of the line, exact. */
  readonly earning: string;
  readonly trace: RecordTrace;
}

export interface StatementLine {
  readonly component: string;
  readonly kind: IrComponent['kind'];
  /** Rounded, with the unit's digits (as in `incent run`). */
  readonly amount: string;
  readonly unit: string;
  readonly award?: string;
  /** The rule in one sentence. */
  readonly rule: string;
  /** Line-level facts: target and attainment, caps, the bonus condition, the draw. */
  readonly notes: string[];
  readonly records: StatementRecord[];
  readonly trace?: LineTrace;
}

export interface Statement {
  readonly plan: RunReport['plan'];
  readonly currency: string;
  readonly payee: string;
  readonly payeeFacts: Fact[];
  readonly period: string;
  readonly lines: StatementLine[];
  /** The payee's money total for the period: the sum of the rounded lines. */
  readonly total: string;
  /** Components that paid nothing this period, and why. */
  readonly notPaid: { readonly component: string; readonly kind: IrComponent['kind']; readonly why: string }[];
  /** Measures the plan's components read, for this payee and period. */
  readonly measures: Fact[];
  /** Pending clawbacks and forgiven draws for this payee. */
  readonly notes: string[];
}

/** The statement of `payee` in `period` from a report computed with `{ payee, period, explain: true }`. */
export function buildStatement(ir: IrPlan, report: RunReport, data: LoadedData, payee: string, period: string): Statement {
  const probe = new Probe(ir, data);
  const lines = report.lines.filter((l) => l.payee === payee && l.period === period);
  const total = report.totals.find((t) => t.payee === payee && t.period === period)?.amount ?? formatMoney('0', ir.plan.minorUnits).replace(/,/g, '');
  const statementLines = lines.map((l) => statementLine(ir, probe, l));
  const paid = new Set(lines.map((l) => l.component));
  const notPaid: Statement['notPaid'] = [];
  const env = probe.env(payee, period);
  for (const c of ir.components) {
    if (paid.has(c.name)) continue;
    notPaid.push({ component: c.name, kind: c.kind, why: notPaidWhy(ir, probe, c, env) });
  }
  const measureNames = withDependencies(ir, measuresRead(ir.components.flatMap((c) => componentExprs(c))));
  const notes: string[] = [];
  for (const p of report.summary.pending) {
    if (p.payee !== payee) continue;
    const what = p.amount !== undefined ? `${p.amount.replace(/^-/, '')} ${report.currency} for ${p.record}` : p.record;
    notes.push(`${p.component} will recover ${what} on ${p.date}, after the plan's effective range: pending, not yet deducted.`);
  }
  for (const f of report.summary.forgiven) if (f.payee === payee) notes.push(`${f.component}: ${formatMoney(f.amount, ir.plan.minorUnits, ir.plan.currency)} still owed at the end of fiscal ${f.fiscalYear} is forgiven.`);
  for (const f of report.summary.outstanding) if (f.payee === payee) notes.push(`${f.component}: ${formatMoney(f.amount, ir.plan.minorUnits, ir.plan.currency)} is still owed when the plan ends; fiscal ${f.fiscalYear} goes on, so it is not forgiven.`);
  return {
    plan: report.plan,
    currency: report.currency,
    payee,
    payeeFacts: probe.payeeFacts(payee),
    period,
    lines: statementLines,
    total,
    notPaid,
    measures: probe.measures(payee, period, measureNames),
    notes,
  };
}

/** The statement line of one payout line (exported for plan documents' worked examples). */
export function statementLine(ir: IrPlan, probe: Probe, line: PayoutLine): StatementLine {
  const c = ir.components.find((x) => x.name === line.component)!;
  const t = line.trace ?? { exact: line.amount };
  const m = (x: string) => formatMoney(x, ir.plan.minorUnits, ir.plan.currency);
  const notes: string[] = [];
  const period = periodNoun(ir);
  if (c.kind === 'commission' && t.target && t.attainment) {
    const acc = c.accelerate!;
    notes.push(`Target ${m(t.target)}; attainment ${formatPercent(t.attainment.start)} → ${formatPercent(t.attainment.end)} ${acc.perYear ? 'of the fiscal year to date' : `in the ${period}`}.`);
    if (acc.mode === 'retroactive') {
      const factor = t.records?.find((r) => r.factor)?.factor;
      if (factor) notes.push(`Attainment at the end of the ${period} is ${formatPercent(t.attainment.end)}, in the tier with factor ${formatNumber(factor)}: every ${singular(c.for.input)} earns that factor.`);
    }
  }
  if (c.kind === 'commission' && (c.rate.k === 'match' || c.rate.k === 'bands') && !readsVariable(c.rate.e, c.for.var)) {
    const env = probe.env(line.payee, line.period);
    const subject = env ? probe.value(c.rate.e, env) : undefined;
    if (env && subject !== undefined && (subject === null || !isRecord(subject))) {
      const words = termWords(c.rate.e, ir) ?? `\`${printExpr(c.rate.e, ir.plan.currency)}\``;
      const rate = probe.value(c.rate, env);
      const rateText = rate !== undefined && rate !== null && !isRecord(rate) ? ` is ${formatPercent(valueText(rate))}` : '';
      notes.push(`The rate${rateText} because ${words} is ${fact('', subject, c.rate.e.t, ir).text} this ${period}.`);
    }
  }
  for (const [i, cap] of (t.caps ?? []).entries()) {
    if (i === 0 && t.records?.length && c.kind === 'commission') notes.push(`The amounts per ${singular(c.for.input)} below are before the ${cap.scope === 'year' ? 'yearly' : `per-${period}`} cap, which scales them down pro rata.`);
    notes.push(cap.scope === 'year'
      ? `The per-year cap of ${m(cap.cap)} bit: this ${period}'s ${m(cap.before)} became ${m(cap.after)}.`
      : `The per-${period} cap of ${m(cap.cap)} bit: ${m(cap.before)} became ${m(cap.after)}.`);
  }
  if (t.condition) {
    const when = c.kind === 'bonus' || c.kind === 'reward' ? c.when : undefined;
    const words = when ? conditionWords(when, ir) : `\`${t.condition.when}\``;
    const verb = c.kind === 'reward' ? 'Granted' : 'Paid';
    notes.push(t.condition.holds ? `${verb} because ${words}.` : `Not ${verb.toLowerCase()}: ${words} does not hold.`);
    const values = when ? probe.measures(line.payee, line.period, measuresRead([when])) : [];
    if (values.length) notes.push(`Here ${values.map((f) => `${f.name} is ${f.text}`).join(', ')}.`);
    if (t.condition.oncePerYear) notes.push(`${verb} at most once per fiscal year.`);
  }
  if (t.draw) {
    const d = t.draw, earned = dec(d.earned), guarantee = dec(d.guarantee);
    if (earned.lessThan(guarantee)) notes.push(`The other lines come to ${m(d.earned)}, under the guarantee of ${m(d.guarantee)}: the draw pays the difference.`);
    else if (dec(line.amount).isNegative()) notes.push(`The other lines come to ${m(d.earned)}, above the guarantee of ${m(d.guarantee)}: the draw recovers what it advanced earlier this fiscal year.`);
    else notes.push(`The other lines come to ${m(d.earned)}, at or above the guarantee of ${m(d.guarantee)}: no draw.`);
    if (d.owedBefore !== d.owedAfter || d.owedAfter !== '0') notes.push(`Owed to the plan: ${m(d.owedBefore)} before this ${period}, ${m(d.owedAfter)} after.`);
  }
  const fields = fieldsRead(c);
  const records = (t.records ?? []).map((r) => statementRecord(ir, probe, c, r, fields));
  return {
    component: line.component, kind: line.kind, amount: line.amount, unit: line.unit, ...(line.award !== undefined ? { award: line.award } : {}),
    rule: ruleSummary(c, ir), notes, records, ...(line.trace ? { trace: line.trace } : {}),
  };
}

function statementRecord(ir: IrPlan, probe: Probe, c: IrComponent, r: RecordTrace, fields: readonly string[]): StatementRecord {
  const m = (x: string) => formatMoney(x, ir.plan.minorUnits, ir.plan.currency);
  const record = probe.record(r.input, r.record);
  const facts = record ? probe.recordFacts(record, fields) : [];
  const why: string[] = [];
  let outcome: StatementRecord['outcome'] = 'earned';
  const noun = singular(r.input);
  if (r.gate) {
    outcome = 'gated';
    const gate = c.kind === 'commission' ? c.gates.find((g) => printExpr(g, ir.plan.currency) === r.gate!.failed) : undefined;
    const words = gate ? conditionWords(gate, ir) : `\`${r.gate.failed}\``;
    let values = '';
    if (gate && gate.k === 'bin' && r.gate.left !== undefined) {
      const left = termWords(gate.l, ir) ?? `\`${printExpr(gate.l, ir.plan.currency)}\``;
      values = ` (${left} is ${fact('', r.gate.left === 'unset' ? null : r.gate.left, gate.l.t, ir).text})`;
    }
    why.push(`Earns nothing: the gate “${words}” fails${values}.`);
    if (c.kind === 'commission' && c.accelerate) why.push(`It still counts toward attainment: ${m(r.counted ?? r.base ?? '0')}.`);
  } else if (r.recovers) {
    outcome = 'recovered';
    const on = c.kind === 'clawback' ? c.on : undefined;
    const date = on && record ? facts.find((f) => f.name === on.replace(/_/g, ' '))?.value : undefined;
    why.push(`Recovers ${formatPercent(r.recovers.share)} of the ${m(r.recovers.earned)} this ${noun} earned in ${r.recovers.component} in ${r.recovers.period}${date ? ` (${on!.replace(/_/g, ' ')} ${date})` : ''}: ${m(r.earning)}.`);
  } else if (r.pay !== undefined) {
    outcome = 'paid';
    why.push(`Pays ${m(r.pay)} for this ${noun}${r.date ? `, credited ${r.date}` : ''}${c.kind === 'spiff' ? `, within ${c.during.from} to ${c.during.to}` : ''}.`);
  } else if (r.points !== undefined) {
    outcome = 'granted';
    why.push(`Grants ${formatNumber(r.points)} points for this ${noun}.`);
  } else if (r.base !== undefined) {
    const rate = formatPercent(r.rate ?? '0');
    const mult = (r.multipliers ?? []).map((x) => ` × multiplier ${formatNumber(x)}`).join('');
    if (r.slices && r.slices.length) {
      const perUnit = `rate ${rate}${mult}`;
      if (r.slices.length === 1) {
        const s = r.slices[0]!;
        why.push(`Base ${m(r.base)} at attainment ${formatPercent(s.from)}–${formatPercent(s.to)}: ${m(s.amount)} × ${perUnit} × tier factor ${formatNumber(s.factor)} = ${m(s.earning)}.`);
      } else {
        why.push(`Base ${m(r.base)} crosses ${r.slices.length} tiers; each part earns ${perUnit} × its tier's factor:`);
        for (const s of r.slices) why.push(`  ${m(s.amount)} at attainment ${formatPercent(s.from)}–${formatPercent(s.to)} × tier factor ${formatNumber(s.factor)} = ${m(s.earning)}`);
      }
    } else if (r.factor) {
      why.push(`Base ${m(r.base)} × rate ${rate}${mult} × tier factor ${formatNumber(r.factor)} = ${m(r.capped?.before ?? r.earning)}.`);
    } else {
      why.push(`Base ${m(r.base)} × rate ${rate}${mult} = ${m(r.capped?.before ?? r.earning)}.`);
    }
    if (r.counted !== undefined) why.push(`Counts ${m(r.counted)} toward attainment.`);
  }
  if (r.capped) {
    outcome = 'capped';
    why.push(`The per-${noun} cap of ${m(r.capped.cap)} bit: ${m(r.capped.before)} became ${m(r.capped.cap)}.`);
  }
  return {
    input: r.input, record: r.record, file: r.file, line: r.line, ...(r.date ? { date: r.date } : {}),
    facts, outcome, why, earning: r.earning, trace: r,
  };
}

function readsVariable(e: IrExpr, name: string): boolean {
  let found = false;
  walkExpr(e, (x) => { if (x.k === 'var' && x.name === name) found = true; });
  return found;
}

/** Measures and, after them, the measures they read, each once. */
function withDependencies(ir: IrPlan, names: readonly string[]): string[] {
  const out = [...names];
  for (let i = 0; i < out.length; i++) {
    const m = ir.measures.find((x) => x.name === out[i]);
    for (const dep of m ? measuresRead([m.expr]) : []) if (!out.includes(dep)) out.push(dep);
  }
  return out;
}

function componentExprs(c: IrComponent) {
  switch (c.kind) {
    case 'commission': return [c.rate, c.base, ...c.gates, ...c.multipliers, c.accelerate?.target, ...c.caps.map((x) => x.amount)];
    case 'bonus': return [c.when, c.pay];
    case 'spiff': return [c.pay];
    case 'clawback': return [c.share];
    case 'draw': return [c.pay];
    case 'reward': return [c.when, c.points];
  }
}

function notPaidWhy(ir: IrPlan, probe: Probe, c: IrComponent, env: ReturnType<Probe['env']>): string {
  const period = periodNoun(ir);
  switch (c.kind) {
    case 'bonus': case 'reward': {
      if (c.kind === 'bonus' || c.when) {
        const when = c.when!;
        const holds = env ? probe.value(when, env) : undefined;
        if (holds === false) return `${conditionWords(when, ir)} does not hold`;
        if (holds === true && c.kind === 'bonus' && c.oncePerYear) return 'already paid this fiscal year (at most once per fiscal year)';
        if (holds === true && c.kind === 'reward' && c.for) return `no ${singular(c.for.input)} qualifies`;
      }
      return c.kind === 'reward' && c.for ? `no ${singular(c.for.input)} qualifies` : 'nothing to pay';
    }
    case 'commission': case 'spiff': return `no ${singular(c.for.input)} credited this ${period} qualifies`;
    case 'clawback': return 'nothing to recover this period';
    case 'draw': return 'the other lines reach the guarantee';
  }
}
