// Evaluation properties on random plans and data (plan-generator.ts), through the core's
// compile → loadData → runPlan: row order does not matter, lines add up to the totals, every
// record is accounted for, caps hold, marginal earnings grow with the base, splitting a deal
// changes nothing where no per-deal cap applies, the IR runs like the source, the hash is stable,
// and --period, --payee, --explain, the data format and the names chosen change nothing they
// should not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, formatPlan, loadIr, planHash, type DataFile, type LineTrace, type RunOutcome } from '../../packages/language/src/index';
import { check } from './fuzz-config';
import { dataArb, planArb, PLAIN_NAMES, renderData, renderPlan, type Deal, type Names } from './plan-generator';
import { comparable, compareAmounts, payouts, permute, runIr, runText, sumAmounts } from './run-helpers';

const RUNS = 120;

const planAndData = (options: Parameters<typeof planArb>[0] = {}, dataOptions: Parameters<typeof dataArb>[1] = {}) =>
  planArb(options).chain((plan) => fc.tuple(fc.constant(plan), dataArb(plan, dataOptions)));

function report(outcome: RunOutcome) {
  if (!outcome.ok) throw new Error(`evaluation failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.report;
}

describe('evaluation properties', () => {
  it('the row order of the input files does not change the output', () => {
    check('row order', RUNS, fc.property(planAndData({}, { zeroQuotas: true }), fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }), ([plan, data], keys) => {
      const text = renderPlan(plan);
      const shuffled = { reps: permute(data.reps, keys.slice(7)), deals: permute(data.deals, keys) };
      const a = runText(text, renderData(data, 'csv'), { explain: true });
      const b = runText(text, renderData(shuffled, 'csv'), { explain: true });
      expect(withoutRecordLines(comparable(b.outcome))).toEqual(withoutRecordLines(comparable(a.outcome)));
    }));
  });

  it('the lines add up to the totals, for every roster payee and period, in minor units', () => {
    check('lines sum to totals', RUNS, fc.property(planAndData(), ([plan, data]) => {
      const { outcome, ir } = runText(renderPlan(plan), renderData(data, 'csv'));
      const r = report(outcome);
      const places = ir.plan.minorUnits;
      const expectedKeys = [...new Set(data.reps.map((p) => p.id))].flatMap((p) => r.periods.map((period) => `${p}|${period}`));
      expect(r.totals.map((t) => `${t.payee}|${t.period}`).sort()).toEqual(expectedKeys.sort());
      for (const t of r.totals) {
        const money = r.lines.filter((l) => l.payee === t.payee && l.period === t.period && l.unit === r.currency);
        expect(t.amount).toBe(sumAmounts(money.map((l) => l.amount), places));
        for (const l of money) expect(l.amount).toMatch(new RegExp(`^-?\\d+\\.\\d{${places}}$`));
      }
      for (const l of r.lines) expect(r.totals.some((t) => t.payee === l.payee && t.period === l.period)).toBe(true);
    }));
  });

  it('every record read is accounted for: rejected, out of plan or credited; credited ones selected, excluded or not evaluated', () => {
    const broken = fc.record({ row: fc.nat(), how: fc.constantFrom('amount', 'date', 'owner', 'duplicate', 'enum', 'quote', 'cells') });
    check('reconciliation', RUNS, fc.property(planAndData(), fc.array(broken, { maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }), ([plan, data], breaks, periodPick) => {
      const deals = breakDeals(data.deals, breaks);
      const files = renderData({ ...data, deals: [] }, 'csv');
      files[1] = { ...files[1]!, text: `${files[1]!.text}${deals.join('\n')}${deals.length ? '\n' : ''}` };
      const text = renderPlan(plan);
      const compiled = compile(text);
      const periods = periodLabels(compiled.ir!);
      const period = periodPick === undefined ? undefined : periods[periodPick % periods.length];
      const { outcome, loaded } = runIr(compiled.ir!, files, { period });
      const r = report(outcome);
      const rows = deals.length;
      const rejectedRows = new Set(loaded.rejected.filter((x) => x.input === 'deals').map((x) => x.line));
      const deal = r.summary.reconciliation.deals!;
      expect(deal.read).toBe(rows);
      expect(deal.rejected).toBe(rejectedRows.size);
      expect(deal.read).toBe(deal.rejected + deal.outOfPlan + deal.credited);
      expect(deal.credited).toBe(deal.selected + deal.excluded + deal.notEvaluated);
      expect(r.summary.records.deals! + deal.rejected).toBe(rows);
      // every error names a row that is rejected, so none is silently dropped or silently kept
      for (const e of loaded.errors.filter((x) => x.file === 'deals.csv')) expect(rejectedRows.has(e.line)).toBe(true);
      const reps = r.summary.reconciliation.reps!;
      expect(reps.read).toBe(data.reps.length);
      expect(reps.read).toBe(reps.rejected + reps.outOfPlan + reps.credited);
    }));
  });

  it('caps are never exceeded: per deal, per period and per fiscal year (exact amounts)', () => {
    check('caps hold', RUNS, fc.property(planAndData(), ([plan, data]) => {
      const capped = plan.commissions.filter((c) => c.caps.deal !== undefined || c.caps.period !== undefined || c.caps.year !== undefined);
      fc.pre(capped.length > 0);
      const { outcome } = runText(renderPlan(plan), renderData(data, 'csv'), { explain: true });
      const r = report(outcome);
      for (const c of capped) {
        const lines = r.lines.filter((l) => l.component === c.name);
        const yearly = new Map<string, string[]>();
        for (const l of lines) {
          const trace = l.trace as LineTrace;
          if (c.caps.period !== undefined) expect(compareAmounts(trace.exact, String(c.caps.period))).toBeLessThanOrEqual(0);
          if (c.caps.deal !== undefined) for (const rec of trace.records ?? []) expect(compareAmounts(rec.earning, String(c.caps.deal))).toBeLessThanOrEqual(0);
          const key = `${l.payee}|${fiscalYearOf(l.period)}`;
          yearly.set(key, [...(yearly.get(key) ?? []), trace.exact]);
        }
        if (c.caps.year !== undefined) {
          for (const amounts of yearly.values()) expect(compareAmounts(sumExact(amounts), String(c.caps.year))).toBeLessThanOrEqual(0);
        }
      }
    }));
  });

  it('marginal earnings are monotone in the base: raising one deal never lowers a commission line', () => {
    check('monotone in base', RUNS, fc.property(planAndData({ monotone: true }, { positive: true }), fc.nat(), fc.integer({ min: 1, max: 5_000_000 }), ([plan, data], pick, raiseCents) => {
      fc.pre(data.deals.length > 0);
      const i = pick % data.deals.length;
      const before = data.deals[i]!;
      const raised = { ...data, deals: data.deals.map((d, j) => (j === i ? { ...d, amount: addCents(d.amount, raiseCents) } : d)) };
      const text = renderPlan(plan);
      const a = report(runText(text, renderData(data, 'csv')).outcome);
      const b = report(runText(text, renderData(raised, 'csv')).outcome);
      const names = new Set(plan.commissions.map((c) => c.name));
      const amountOf = (lines: typeof a.lines, payee: string, period: string, component: string) => lines.find((l) => l.payee === payee && l.period === period && l.component === component)?.amount ?? '0';
      for (const t of a.totals) {
        for (const name of names) {
          const x = amountOf(a.lines, t.payee, t.period, name), y = amountOf(b.lines, t.payee, t.period, name);
          if (compareAmounts(y, x) < 0) throw new Error(`${name} for ${t.payee} in ${t.period} fell from ${x} to ${y} when ${before.id} rose from ${before.amount} by ${raiseCents / 100}`);
        }
      }
    }));
  });

  it('splitting a deal into two on the same date changes nothing where no per-deal cap applies', () => {
    check('split deal', RUNS, fc.property(planAndData({ splittable: true }, { zeroQuotas: true }), fc.nat(), fc.constantFrom('0.5', '0.25', '0.1', '0.333'), ([plan, data], pick, share) => {
      fc.pre(data.deals.length > 0);
      const i = pick % data.deals.length;
      const split = { ...data, deals: data.deals.flatMap((d, j) => (j === i ? splitDeal(d, share) : [d])) };
      const text = renderPlan(plan);
      const a = runText(text, renderData(data, 'csv')).outcome;
      const b = runText(text, renderData(split, 'csv')).outcome;
      expect(payouts(b)).toEqual(payouts(a));
    }));
  });

  it('evaluation from the IR (as JSON, loaded and validated) equals evaluation from the source', () => {
    check('IR equals source', RUNS, fc.property(planAndData({}, { zeroQuotas: true }), ([plan, data]) => {
      const compiled = compile(renderPlan(plan));
      const loaded = loadIr(JSON.stringify(compiled.ir, null, 2));
      expect(loaded.errors).toEqual([]);
      const files = renderData(data, 'csv');
      const a = runIr(compiled.ir!, files, { explain: true }).outcome;
      const b = runIr(loaded.ir!, files, { explain: true }).outcome;
      expect(comparable(b)).toEqual(comparable(a));
    }));
  });

  it('the hash is stable: the same after formatting, reordering declarations, comments and a trip through JSON; not after a change', () => {
    check('hash stable', RUNS / 2, fc.property(planArb(), fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }), (plan, keys) => {
      const text = renderPlan(plan);
      const hash = planHash(compile(text).ir!);
      const declarations = text.trim().split('\n\n');
      const reordered = permute(declarations, keys).map((d, i) => `// declaration ${i}\n/// doc ${i}\n${d}`).join('\n\n\n');
      const formatted = formatPlan(text).text;
      for (const variant of [text, reordered, formatted, text.replace(/\n/g, '\r\n')]) {
        const ir = compile(variant, 'other-name.incent').ir!;
        expect(planHash(ir)).toBe(hash);
        expect(planHash(loadIr(JSON.stringify(ir)).ir!)).toBe(hash);
      }
      expect(planHash(compile(text.replace('version 1', 'version 2')).ir!)).not.toBe(hash);
    }));
  });

  it('--period P reports exactly the lines of P from the full run; --payee likewise; --explain changes no amount', () => {
    check('period, payee, explain', RUNS, fc.property(planAndData(), fc.nat(), fc.nat(), ([plan, data], periodPick, payeePick) => {
      const text = renderPlan(plan);
      const files = renderData(data, 'csv');
      const full = report(runText(text, files).outcome);
      const period = full.periods[periodPick % full.periods.length]!;
      const payee = data.reps[payeePick % data.reps.length]!.id;
      const onePeriod = report(runText(text, files, { period }).outcome);
      expect(onePeriod.periods).toEqual([period]);
      expect(onePeriod.lines).toEqual(full.lines.filter((l) => l.period === period));
      expect(onePeriod.totals).toEqual(full.totals.filter((t) => t.period === period));
      const onePayee = report(runText(text, files, { payee }).outcome);
      expect(onePayee.lines).toEqual(full.lines.filter((l) => l.payee === payee));
      expect(onePayee.totals).toEqual(full.totals.filter((t) => t.payee === payee));
      const explained = report(runText(text, files, { explain: true }).outcome);
      expect(explained.lines.map(({ trace: _t, ...l }) => l)).toEqual(full.lines);
    }));
  });

  it('the same data as CSV, CSV with CRLF and a BOM, JSON or JSONL gives the same report', () => {
    check('data formats', (RUNS * 2) / 3, fc.property(planAndData({}, { zeroQuotas: true }), ([plan, data]) => {
      const text = renderPlan(plan);
      const csv = comparable(runText(text, renderData(data, 'csv'), { explain: true }).outcome);
      const crlf = renderData(data, 'csv', PLAIN_NAMES, '\r\n').map((f) => ({ ...f, text: `\uFEFF${f.text}` }));
      for (const files of [crlf, renderData(data, 'json'), renderData(data, 'jsonl')]) {
        expect(withoutRecordLines(comparable(runText(text, files, { explain: true }).outcome))).toEqual(withoutRecordLines(csv));
      }
    }));
  });

  it('names that are also names of JavaScript object properties change nothing but the names', () => {
    const hostile = fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'length', '__defineGetter__');
    const renaming = fc.record({ which: fc.constantFrom(...(Object.keys(PLAIN_NAMES) as (keyof Names)[])), to: hostile });
    check('hostile names', RUNS, fc.property(planAndData(), renaming, ([plan, data], { which, to }) => {
      const names: Names = { ...PLAIN_NAMES, [which]: to };
      fc.pre(new Set(Object.values(names)).size === Object.values(names).length);
      const a = runText(renderPlan(plan), renderData(data, 'csv')).outcome;
      const b = runText(renderPlan(plan, names), renderData(data, 'csv', names)).outcome;
      expect(withoutHash(renamed(comparable(b), to, which))).toEqual(withoutHash(comparable(a)));
    }));
  });
});

// ---------------------------------------------------------------- helpers

/** The report without the plan's hash (which covers the names). */
function withoutHash(value: unknown): unknown {
  const v = value as { plan?: { hash?: string } };
  return v.plan ? { ...v, plan: { ...v.plan, hash: '' } } : v;
}

/** Reports name the file line of each record (in traces, rejections and errors): rows that move change them. */
function withoutRecordLines(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'line' && typeof v === 'number' ? 0 : key === 'file' ? String(v).replace(/\.(csv|jsonl?)$/, '') : v)));
}

/** Maps a name back in a report: object keys equal to `to`, and `to` as a word in strings, become `from`. */
function renamed(value: unknown, to: string, from: string): unknown {
  const word = new RegExp(`(?<![A-Za-z0-9_])${to}(?![A-Za-z0-9_])`, 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(word, from);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k === to ? from : k, { value: walk(x), enumerable: true, configurable: true, writable: true });
      return out;
    }
    return v;
  };
  return walk(value);
}

function periodLabels(ir: NonNullable<ReturnType<typeof compile>['ir']>): string[] {
  const r = runIr(ir, [
    { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id,quota,annual,region\n' },
    { input: 'deals', file: 'deals.csv', format: 'csv', text: 'id,owner,amount,cost,channel,stage,closed_on,cancelled_on\n' },
  ]).outcome;
  return r.ok ? r.report.periods : [];
}

/** Period labels start with the fiscal year: `2027-Q1`, `2027`. */
function fiscalYearOf(label: string): string {
  return label.slice(0, 4);
}

function sumExact(amounts: readonly string[]): string {
  const places = Math.max(0, ...amounts.map((a) => (a.split('.')[1] ?? '').length));
  return sumAmounts(amounts, places);
}

function addCents(amount: string, cents: number): string {
  return sumAmounts([amount, (cents / 100).toFixed(2)], Math.max(2, (amount.split('.')[1] ?? '').length));
}

/** Two deals on the same date and owner whose amounts and costs add up to the original's; keys sort where the original's did. */
function splitDeal(d: Deal, share: string): Deal[] {
  const part = (x: string, s: string) => multiply(x, s);
  const rest = (x: string, s: string) => sumAmounts([x, negate(multiply(x, s))], decimals(multiply(x, s), x));
  return [
    { ...d, id: `${d.id}.1`, amount: part(d.amount, share), cost: part(d.cost, share) },
    { ...d, id: `${d.id}.2`, amount: rest(d.amount, share), cost: rest(d.cost, share) },
  ];
}

function negate(x: string): string {
  return x.startsWith('-') ? x.slice(1) : `-${x}`;
}

function decimals(...xs: string[]): number {
  return Math.max(...xs.map((x) => (x.split('.')[1] ?? '').length));
}

/** Exact product of two plain decimals. */
function multiply(a: string, b: string): string {
  const places = decimals(a) + decimals(b);
  const int = (x: string) => BigInt(x.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));
  const product = int(a) * int(b);
  const negative = product < 0n;
  const digits = (negative ? -product : product).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return `${negative ? '-' : ''}${text}`;
}

/** CSV rows of the deals with some rows broken in one of several ways (each a data error). */
function breakDeals(deals: readonly Deal[], breaks: readonly { row: number; how: string }[]): string[] {
  const rows = deals.map((d) => [d.id, d.owner, d.amount, d.cost, d.channel, d.stage, d.closed_on, d.cancelled_on]);
  const csv = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  const out = rows.map(csv);
  if (rows.length === 0) return out;
  for (const { row, how } of breaks) {
    const i = row % rows.length;
    const cells = [...rows[i]!];
    switch (how) {
      case 'amount': cells[2] = '12,5'; out[i] = csv(cells); break;
      case 'date': cells[6] = '2027-02-30'; out[i] = csv(cells); break;
      case 'owner': cells[1] = 'NOBODY'; out[i] = csv(cells); break;
      case 'enum': cells[4] = 'Direct'; out[i] = csv(cells); break;
      case 'duplicate': out.push(csv(cells)); break;
      case 'quote': out[i] = `${cells[0]},"${cells[1]}"x,${cells.slice(2).join(',')}`; break;
      case 'cells': out[i] = csv(cells.slice(0, 5)); break;
    }
  }
  return out;
}
