// The model of a plan document (`incent doc`): everything the plan's playbook says, generated
// from the IR — the header in words, the inputs, definitions, each component's rule in plain
// words with its rate, band and tier tables, gates, caps and payout curve, and (with data)
// worked examples taken from an explained run. Rendering (HTML) lives in the CLI.
import type { IrComponent, IrExpr, IrPlan, IrType } from '../ir/ir';
import type { LoadedData } from '../data/records';
import type { RunReport } from '../eval/evaluate';
import { printExpr } from '../ir/print';
import { planHash } from '../ir/hash';
import { payoutCurves, type PayoutCurve } from '../eval/curves';
import { dec, formatPlain } from '../eval/decimal';
import { Probe } from './probe';
import { describeComponent, amountWords } from './rule-words';
import { statementLine, type StatementLine } from './statement';
import { literalWords, monthName, periodNoun, rangeWords, singular } from './values';
import { conditionWords, termWords } from './words';

export interface DocTable {
  readonly title: string;
  readonly columns: string[];
  readonly rows: string[][];
}

export interface DocExample {
  readonly title: string;
  readonly payee: string;
  readonly period: string;
  readonly line: StatementLine;
}

export interface DocComponent {
  readonly name: string;
  readonly kind: IrComponent['kind'];
  readonly kindWord: string;
  readonly doc?: string;
  /** The rule, one sentence per clause. */
  readonly rule: string[];
  readonly tables: DocTable[];
  /** Gates in words, with their source. */
  readonly gates: { readonly words: string; readonly source: string }[];
  readonly caps: string[];
  /** The payout curve of an accelerated commission, with the attainments where tiers start. */
  readonly curve?: PayoutCurve & { readonly boundaries: string[] };
  readonly examples: DocExample[];
}

export interface PlanDoc {
  readonly title: string;
  readonly version: number;
  readonly hash: string;
  readonly doc?: string;
  readonly currency: string;
  readonly period: string;
  readonly effective: { readonly from: string; readonly to: string };
  readonly fiscalYearStart: string;
  readonly rounding: string;
  readonly inputs: {
    readonly name: string; readonly doc?: string; readonly roster: boolean; readonly credit?: string;
    readonly fields: { readonly name: string; readonly type: string; readonly key: boolean; readonly doc?: string }[];
    readonly derived: { readonly name: string; readonly source: string; readonly doc?: string }[];
  }[];
  readonly definitions: { readonly kind: 'constant' | 'measure'; readonly name: string; readonly doc?: string; readonly source: string; readonly words?: string; readonly table?: DocTable }[];
  readonly components: DocComponent[];
  readonly metrics: { readonly name: string; readonly doc?: string; readonly source: string }[];
  /** Whether worked examples come from data. */
  readonly withData: boolean;
}

const KIND_WORD: Record<IrComponent['kind'], string> = {
  commission: 'Commission', bonus: 'Bonus', spiff: 'SPIFF', clawback: 'Clawback', draw: 'Draw', reward: 'Reward',
};

const ROUNDING: Record<IrPlan['plan']['rounding'], string> = {
  half_even: 'to the nearest UNIT, ties to the even one',
  half_up: 'to the nearest UNIT, ties away from zero',
  down: 'down to the UNIT, toward zero',
  up: 'up to the UNIT, away from zero',
};

/** "each line is rounded once, to the nearest cent, ties to the even one". */
function roundingWords(ir: IrPlan): string {
  const unit = ir.plan.minorUnits === 0 ? `whole ${ir.plan.currency}` : ir.plan.minorUnits === 2 ? 'cent' : `${ir.plan.minorUnits}th decimal`;
  return `each line is rounded once, ${ROUNDING[ir.plan.rounding].replace('UNIT', unit)}`;
}

/** The document model; `run` (an explained report of the whole range) and `data` add worked examples. */
export function buildPlanDoc(ir: IrPlan, run?: { report: RunReport; data: LoadedData }): PlanDoc {
  const src = (e: IrExpr) => printExpr(e, ir.plan.currency);
  const curves = new Map(payoutCurves(ir).map((c) => [c.component, c]));
  const probe = run ? new Probe(ir, run.data) : undefined;
  return {
    title: ir.plan.name,
    version: ir.plan.version,
    hash: planHash(ir),
    ...(ir.plan.doc ? { doc: ir.plan.doc } : {}),
    currency: ir.plan.currency,
    period: periodNoun(ir),
    effective: ir.plan.effective,
    fiscalYearStart: monthName(ir.plan.fiscalYearStart),
    rounding: roundingWords(ir),
    inputs: ir.inputs.map((i) => ({
      name: i.name, ...(i.doc ? { doc: i.doc } : {}), roster: !!i.roster,
      ...(i.credit ? { credit: `each ${singular(i.name)} is credited to its ${i.credit.payee.replace(/_/g, ' ')} in the ${periodNoun(ir)} of its ${i.credit.date.replace(/_/g, ' ')}` } : {}),
      fields: i.fields.map((f) => ({ name: f.name, type: typeText(f.type), key: !!f.key, ...(f.doc ? { doc: f.doc } : {}) })),
      derived: i.derived.map((d) => ({ name: d.name, source: src(d.expr), ...(d.doc ? { doc: d.doc } : {}) })),
    })),
    definitions: [
      ...ir.lets.map((l) => ({ kind: 'constant' as const, name: l.name, ...(l.doc ? { doc: l.doc } : {}), source: src(l.expr), ...(literalWords(l.expr, ir) ? { words: literalWords(l.expr, ir)! } : {}) })),
      ...ir.measures.map((m) => {
        const table = valueTable(ir, m.expr, m.name);
        const words = m.expr.k === 'bands' || m.expr.k === 'match' ? undefined : termWords(m.expr, ir);
        return { kind: 'measure' as const, name: m.name, ...(m.doc ? { doc: m.doc } : {}), source: src(m.expr), ...(words ? { words } : {}), ...(table ? { table } : {}) };
      }),
    ],
    components: ir.components.map((c) => docComponent(ir, c, curves.get(c.name), run && probe ? examples(ir, probe, c, run.report) : [])),
    metrics: ir.metrics.map((m) => ({ name: m.name, ...(m.doc ? { doc: m.doc } : {}), source: src(m.expr) })),
    withData: !!run,
  };
}

function typeText(t: IrType): string {
  return `${t.base === 'Enum' ? t.enum : t.base}${t.optional ? '?' : ''}`;
}

function docComponent(ir: IrPlan, c: IrComponent, curve: PayoutCurve | undefined, examples: DocExample[]): DocComponent {
  const tables: DocTable[] = [];
  const gates: DocComponent['gates'] = [];
  const caps: string[] = [];
  if (c.kind === 'commission') {
    const rate = valueTable(ir, c.rate, 'Rate');
    if (rate) tables.push(rate);
    c.multipliers.forEach((m, i) => {
      const t = valueTable(ir, m, c.multipliers.length > 1 ? `Multiplier ${i + 1}` : 'Multiplier');
      if (t) tables.push(t);
    });
    if (c.accelerate) {
      const constantRate = c.rate.k === 'lit' ? dec(c.rate.v as string) : undefined;
      const columns = ['Attainment', 'Factor', ...(constantRate ? ['Effective rate'] : [])];
      const rows = c.accelerate.tiers.map((t) => {
        const factor = literalWords(t.value, ir) ?? printExpr(t.value, ir.plan.currency);
        const effective = constantRate && t.value.k === 'lit' ? `${formatPlain(constantRate.times(dec(t.value.v as string)).times(100))}%` : undefined;
        return [rangeWords(t, ir), `×${factor}`, ...(constantRate ? [effective ?? '—'] : [])];
      });
      tables.push({ title: `Tiers (${c.accelerate.mode}, attainment against ${termWords(c.accelerate.target, ir) ?? printExpr(c.accelerate.target, ir.plan.currency)}${c.accelerate.perYear ? ', fiscal year to date' : ''})`, columns, rows });
    }
    for (const g of c.gates) gates.push({ words: conditionWords(g, ir), source: printExpr(g, ir.plan.currency) });
    for (const cap of c.caps) caps.push(`${amountWords(cap.amount, ir)} per ${cap.scope === 'deal' ? singular(c.for.input) : cap.scope === 'period' ? periodNoun(ir) : 'fiscal year'}`);
  }
  const boundaries = c.kind === 'commission' && c.accelerate ? c.accelerate.tiers.slice(1).flatMap((t) => (t.from && t.from.k === 'lit' ? [t.from.v as string] : [])) : [];
  return {
    name: c.name, kind: c.kind, kindWord: KIND_WORD[c.kind], ...(c.doc ? { doc: c.doc } : {}),
    rule: describeComponent(c, ir), tables, gates, caps,
    ...(curve ? { curve: { ...curve, boundaries } } : {}),
    examples,
  };
}

/** A `match` or `bands` as a table (rates, multipliers, status levels); undefined for anything else. */
function valueTable(ir: IrPlan, e: IrExpr, title: string): DocTable | undefined {
  const w = (x: IrExpr) => literalWords(x, ir) ?? printExpr(x, ir.plan.currency);
  const subject = (x: IrExpr) => {
    const t = termWords(x, ir) ?? printExpr(x, ir.plan.currency);
    return t.charAt(0).toUpperCase() + t.slice(1);
  };
  if (e.k === 'match') {
    const rows = e.arms.map((a) => [a.values.map(w).join(', '), w(a.e)]);
    if (e.else) rows.push(['anything else', w(e.else)]);
    return { title, columns: [subject(e.e), title.replace(/ \d+$/, '')], rows };
  }
  if (e.k === 'bands') {
    const rows = e.arms.map((a) => [rangeWords(a, ir), w(a.value)]);
    if (e.else) rows.push(['anything else', w(e.else)]);
    return { title, columns: [subject(e.e), title.replace(/ \d+$/, '')], rows };
  }
  return undefined;
}

/** Worked examples for a component, taken from the run: at most one of each kind, in report order. */
function examples(ir: IrPlan, probe: Probe, c: IrComponent, report: RunReport): DocExample[] {
  const lines = report.lines.filter((l) => l.component === c.name && l.trace);
  const out: DocExample[] = [];
  const noun = c.kind === 'commission' || c.kind === 'spiff' || c.kind === 'clawback' ? singular(c.for.input) : 'line';
  const seen = new Set<string>();
  const pick = (title: string, found: { line: (typeof lines)[number]; records?: string[] } | undefined) => {
    if (!found || out.length >= 3) return;
    const id = `${found.line.payee}|${found.line.period}|${(found.records ?? []).join(',')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const full = statementLine(ir, probe, found.line);
    const records = found.records ? full.records.filter((r) => found.records!.includes(r.record)) : full.records.slice(0, 5);
    out.push({ title, payee: found.line.payee, period: found.line.period, line: { ...full, records } });
  };
  const findRecord = (test: (r: NonNullable<NonNullable<(typeof lines)[number]['trace']>['records']>[number]) => boolean) => {
    for (const line of lines) for (const r of line.trace!.records ?? []) if (test(r)) return { line, records: [r.record] };
    return undefined;
  };
  switch (c.kind) {
    case 'commission':
      pick(`A ${noun} that earns`, findRecord((r) => !r.gate && !r.capped && (r.slices?.length ?? 1) <= 1 && dec(r.earning).greaterThan(0)));
      pick(`A ${noun} that crosses a tier`, findRecord((r) => (r.slices?.length ?? 0) > 1));
      pick(`A ${noun} that fails a gate`, findRecord((r) => !!r.gate));
      pick(`A ${noun} the cap limits`, findRecord((r) => !!r.capped));
      pick(`A ${periodNoun(ir)} the cap limits`, (() => { const line = lines.find((l) => l.trace!.caps?.length); return line ? { line } : undefined; })());
      break;
    case 'spiff': case 'clawback':
      pick(c.kind === 'spiff' ? `A ${noun} that qualifies` : `A ${noun} recovered`, findRecord(() => true));
      break;
    default: {
      const line = lines.find((l) => dec(l.amount).isZero() === false) ?? lines[0];
      pick(c.kind === 'draw' ? `A ${periodNoun(ir)} with a draw` : `A ${periodNoun(ir)} it pays`, line ? { line } : undefined);
    }
  }
  return out;
}
