// Plan-test coverage (`incent test --coverage`): the parts of a plan a test can exercise —
// components, accelerator tiers, the arms of `bands` and `match` tables in commission rates,
// multipliers and measures, gates and caps — and which of them an explained run exercised.
// A component is exercised when it gives a line; a tier when some record earns in it (or,
// retroactive, when period-end attainment lands in it); a band or match arm when a record (or
// a payee and period, for measures) takes it; a gate when a record fails it; a cap when it bites.
import type { IrComponent, IrExpr, IrPlan } from '../ir/ir';
import type { LoadedData } from '../data/records';
import type { RunReport } from '../eval/evaluate';
import { printExpr } from '../ir/print';
import { dec, divide, isDecimal, type Decimal } from '../eval/decimal';
import { armsTaken, Probe, recordEnv } from './probe';
import { literalWords, rangeWords } from './values';

export type CoverageKind = 'component' | 'tier' | 'band' | 'arm' | 'gate' | 'cap';

export interface CoverageItem {
  readonly id: string;
  readonly kind: CoverageKind;
  readonly component?: string;
  /** What it is, and what not exercising it means: "new_business: gate `d.margin >= 20%` (no record failed it)". */
  readonly label: string;
}

export interface CoverageSummary {
  readonly items: CoverageItem[];
  readonly missed: CoverageItem[];
  readonly covered: number;
  readonly total: number;
  /** covered / total × 100, two decimals; 100 for a plan with nothing to cover. */
  readonly percent: number;
}

/** The coverage items of a plan, and how to find which ones a run exercised. */
export class CoverageModel {
  readonly items: CoverageItem[] = [];
  /** `match`/`bands` nodes → item id per arm (index; -1 for else). */
  private readonly arms = new Map<IrExpr, Map<number, string>>();

  constructor(readonly ir: IrPlan) {
    for (const c of ir.components) {
      this.add({ id: `component:${c.name}`, kind: 'component', component: c.name, label: `${c.name} (${c.kind}: no line)` });
      if (c.kind !== 'commission') continue;
      this.tables(c.rate, c.name, 'rate');
      c.multipliers.forEach((m, i) => this.tables(m, c.name, c.multipliers.length > 1 ? `multiplier ${i + 1}` : 'multiplier'));
      c.accelerate?.tiers.forEach((t, i) => this.add({ id: `tier:${c.name}:${i}`, kind: 'tier', component: c.name, label: `${c.name}: tier ${rangeWords(t, ir)} (no record earned in it)` }));
      c.gates.forEach((g, i) => this.add({ id: `gate:${c.name}:${i}`, kind: 'gate', component: c.name, label: `${c.name}: gate \`${printExpr(g, ir.plan.currency)}\` (no record failed it)` }));
      for (const cap of c.caps) this.add({ id: `cap:${c.name}:${cap.scope}`, kind: 'cap', component: c.name, label: `${c.name}: cap ${literalWords(cap.amount, ir) ?? `\`${printExpr(cap.amount, ir.plan.currency)}\``} per ${cap.scope} (never bit)` });
    }
    for (const m of ir.measures) this.tables(m.expr, undefined, `measure ${m.name}`);
  }

  private add(item: CoverageItem): void {
    this.items.push(item);
  }

  /** Registers every top-level `match`/`bands` of an expression (following `if` branches and arms). */
  private tables(e: IrExpr, component: string | undefined, what: string): void {
    const visit = (x: IrExpr): void => {
      if (x.k === 'match' || x.k === 'bands') {
        const ids = new Map<number, string>();
        const n = this.arms.size;
        const label = (arm: string) => `${component ? `${component}: ` : ''}${what} ${x.k === 'bands' ? 'band' : 'arm'} ${arm} of \`${printExpr(x.e, this.ir.plan.currency)}\` (never taken)`;
        const kind: CoverageKind = x.k === 'bands' ? 'band' : 'arm';
        x.arms.forEach((a, i) => {
          const id = `${kind}:${component ?? ''}:${n}:${i}`;
          const arm = x.k === 'bands' ? rangeWords(a as { from?: IrExpr; to?: IrExpr }, this.ir) : (a as { values: readonly IrExpr[] }).values.map((v) => literalWords(v, this.ir) ?? printExpr(v, this.ir.plan.currency)).join(', ');
          ids.set(i, id);
          this.add({ id, kind, ...(component ? { component } : {}), label: label(arm) });
        });
        if (x.else) {
          const id = `${kind}:${component ?? ''}:${n}:else`;
          ids.set(-1, id);
          this.add({ id, kind, ...(component ? { component } : {}), label: label('`else`') });
        }
        this.arms.set(x, ids);
        for (const a of x.arms) visit('e' in a ? a.e : a.value);
        if (x.else) visit(x.else);
        return;
      }
      if (x.k === 'if') { visit(x.a); visit(x.b); return; }
      if (x.k === 'bin' && ['mul', 'add', 'sub', 'div', 'coalesce'].includes(x.op)) { visit(x.l); visit(x.r); }
    };
    visit(e);
  }

  /** The ids of the items an explained run (with its data) exercised. */
  hits(report: RunReport, data: LoadedData): Set<string> {
    const hit = new Set<string>();
    const probe = new Probe(this.ir, data);
    for (const line of report.lines) {
      hit.add(`component:${line.component}`);
      const c = this.ir.components.find((x) => x.name === line.component);
      if (!c || c.kind !== 'commission' || !line.trace) continue;
      const t = line.trace;
      for (const r of t.records ?? []) {
        if (r.gate) {
          const i = c.gates.findIndex((g) => printExpr(g, this.ir.plan.currency) === r.gate!.failed);
          if (i >= 0) hit.add(`gate:${c.name}:${i}`);
        }
        if (r.capped) hit.add(`cap:${c.name}:deal`);
      }
      for (const cap of t.caps ?? []) hit.add(`cap:${c.name}:${cap.scope}`);
      if (c.accelerate) this.tierHits(probe, c, line.payee, line.period, t, hit);
    }
    this.armHits(probe, report, hit);
    return hit;
  }

  private tierHits(probe: Probe, c: Extract<IrComponent, { kind: 'commission' }>, payee: string, period: string, t: NonNullable<RunReport['lines'][number]['trace']>, hit: Set<string>): void {
    const env = probe.env(payee, period);
    if (!env) return;
    const acc = c.accelerate!;
    const bound = (e: IrExpr | undefined): Decimal | undefined => {
      if (!e) return undefined;
      const v = probe.value(e, env);
      return v !== undefined && v !== null && isDecimal(v) ? v : undefined;
    };
    const bounds = acc.tiers.map((tier, i) => ({ lo: i === 0 ? undefined : bound(tier.from), hi: i === acc.tiers.length - 1 ? undefined : bound(tier.to) }));
    const tierOf = (a: Decimal) => {
      const i = bounds.findIndex((b) => (!b.lo || a.greaterThanOrEqualTo(b.lo)) && (!b.hi || a.lessThan(b.hi)));
      return i < 0 ? bounds.length - 1 : i;
    };
    if (acc.mode === 'retroactive') {
      if (t.attainment && t.records?.some((r) => !r.gate)) hit.add(`tier:${c.name}:${tierOf(dec(t.attainment.end))}`);
      return;
    }
    for (const r of t.records ?? []) {
      for (const s of r.slices ?? []) {
        const from = dec(s.from), to = dec(s.to);
        const mid = from.equals(to) ? from : divide(from.plus(to), dec(2))!;
        hit.add(`tier:${c.name}:${tierOf(mid)}`);
      }
    }
  }

  private armHits(probe: Probe, report: RunReport, hit: Set<string>): void {
    const onArm = (node: IrExpr, arm: number) => {
      const id = this.arms.get(node)?.get(arm);
      if (id) hit.add(id);
    };
    const periods = new Set(report.periods);
    for (const period of probe.rt.calendar.periods) {
      if (!periods.has(period.label)) continue;
      for (const payee of probe.rt.rosterIds) {
        const env = { payee, period, ytd: false };
        for (const m of this.ir.measures) if (this.hasTables(m.expr)) armsTaken(probe, m.expr, env, onArm);
        for (const c of this.ir.components) {
          if (c.kind !== 'commission' || (!this.hasTables(c.rate) && !c.multipliers.some((m) => this.hasTables(m)))) continue;
          for (const r of probe.rt.records(c.for.input, env, !!c.for.all)) {
            const inner = recordEnv(env, c.for.var, r);
            if (c.for.where && probe.value(c.for.where, inner) !== true) continue;
            if (c.gates.some((g) => probe.value(g, inner) !== true)) continue;
            armsTaken(probe, c.rate, inner, onArm);
            for (const m of c.multipliers) armsTaken(probe, m, inner, onArm);
          }
        }
      }
    }
  }

  private hasTables(e: IrExpr): boolean {
    let found = false;
    const visit = (x: IrExpr): void => {
      if (found) return;
      if (this.arms.has(x) || x.k === 'measure') { found = true; return; }
      if (x.k === 'if') { visit(x.a); visit(x.b); }
      if (x.k === 'bin') { visit(x.l); visit(x.r); }
      if (x.k === 'match' || x.k === 'bands') found = true;
    };
    visit(e);
    return found;
  }
}

/** The summary of coverage over a set of hits (the union over every test of a plan). */
export function summariseCoverage(model: CoverageModel, hits: ReadonlySet<string>): CoverageSummary {
  const missed = model.items.filter((i) => !hits.has(i.id));
  const total = model.items.length;
  const covered = total - missed.length;
  return { items: model.items, missed, covered, total, percent: total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100 };
}
