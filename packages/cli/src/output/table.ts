// The table a person reads in a terminal: per payee and period, each component and the total,
// then the metrics and a summary that accounts for every record read.
import { dec, formatFixed, formatPlain, minorUnits, type IrPlan, type PayoutLine, type RunReport } from '@incent/language';
import type { Paint } from '../paint';

export function renderTable(report: RunReport, ir: IrPlan, paint: Paint, explain: boolean): string {
  const out: string[] = [];
  out.push(paint.bold(`${report.plan.name} (version ${report.plan.version})`) + paint.dim(`  ${report.currency}  ${report.plan.hash.slice(0, 19)}…`));
  out.push('');
  const byPayee = new Map<string, PayoutLine[]>();
  for (const line of report.lines) {
    const list = byPayee.get(`${line.payee}\u0000${line.period}`) ?? [];
    list.push(line);
    byPayee.set(`${line.payee}\u0000${line.period}`, list);
  }
  const width = Math.max(12, ...ir.components.map((c) => c.name.length)) + 2;
  for (const total of report.totals) {
    const lines = byPayee.get(`${total.payee}\u0000${total.period}`) ?? [];
    if (lines.length === 0 && Number(total.amount) === 0) continue;
    out.push(paint.bold(`${total.payee}  ${total.period}`));
    for (const line of lines) {
      const unit = line.unit === report.currency ? '' : ` ${line.unit}${line.award ? ` "${line.award}"` : ''}`;
      out.push(`  ${line.component.padEnd(width)}${line.kind.padEnd(12)}${line.amount.padStart(16)}${unit}`);
      if (explain && line.trace) out.push(...explainLines(line));
    }
    out.push(`  ${'total'.padEnd(width + 12)}${paint.bold(total.amount.padStart(16))}`);
    out.push('');
  }
  const metrics = Object.entries(report.metrics);
  if (metrics.length) {
    out.push(paint.bold('Metrics'));
    const labels = Object.keys(report.metricsByPeriod);
    const types = new Map(ir.metrics.map((m) => [m.name, m.type.base]));
    const rows = metrics.map(([name, value]) => {
      const type = types.get(name);
      return [name, short(value, type, report.currency), ...labels.map((l) => short(report.metricsByPeriod[l]![name] ?? null, type, report.currency))];
    });
    const nameWidth = Math.max(width, ...metrics.map(([name]) => name.length + 2));
    // every column as wide as its widest figure, two spaces apart
    const columnWidth = Math.max(12, ...rows.flatMap((row) => row.slice(1).map((cell) => cell.length + 2)));
    out.push(`  ${''.padEnd(nameWidth)}${['all', ...labels].map((l) => l.padStart(columnWidth)).join('')}`);
    for (const [name, ...cells] of rows) out.push(`  ${name!.padEnd(nameWidth)}${cells.map((cell) => cell.padStart(columnWidth)).join('')}`);
    out.push('');
  }
  out.push(paint.bold('Summary'));
  for (const [input, r] of Object.entries(report.summary.reconciliation)) {
    const parts = [`${r.read} read`];
    if (r.rejected) parts.push(`${r.rejected} rejected`);
    if (r.outOfPlan) parts.push(`${r.outOfPlan} out of plan`);
    parts.push(`${r.credited} credited`);
    if (r.selected !== r.credited || r.excluded) parts.push(`${r.selected} selected`, `${r.excluded} excluded by where`);
    if (r.notEvaluated) parts.push(`${r.notEvaluated} in later periods or for other payees`);
    out.push(`  ${input.padEnd(width)}${parts.join(', ')}`);
  }
  for (const p of report.summary.pending) out.push(`  pending clawback: ${p.component} of ${p.record} for ${p.payee}, dated ${p.date} (after the effective range)${p.amount !== undefined ? `: ${p.amount} ${report.currency}` : ''}`);
  for (const f of report.summary.forgiven) out.push(`  forgiven draw: ${f.component} for ${f.payee}, ${f.amount} ${report.currency} owed at the end of fiscal ${f.fiscalYear}`);
  for (const f of report.summary.outstanding) out.push(`  outstanding draw: ${f.component} for ${f.payee}, ${f.amount} ${report.currency} owed when the plan ends (fiscal ${f.fiscalYear} goes on)`);
  for (const n of report.summary.notes) out.push(`  note: ${n}`);
  for (const r of report.summary.rejected) out.push(`  rejected: ${r.file} line ${r.line} (${r.key}): ${r.reasons.join('; ')}`);
  return out.join('\n');
}

/**
 * A metric for the table, rounded half-even for reading (the JSON keeps every digit): Money to
 * the currency's minor unit, an Int as it is, other numbers to four decimals so that a column
 * lines up.
 */
function short(value: string | null, type: string | undefined, currency: string): string {
  if (value === null) return '—';
  if (!/^-?\d+(\.\d+)?$/.test(value) || type === 'Int') return value;
  return formatFixed(dec(value), type === 'Money' ? minorUnits(currency) ?? 2 : 4);
}

function explainLines(line: PayoutLine): string[] {
  const t = line.trace!;
  const out: string[] = [];
  if (t.condition) out.push(`      when ${t.condition.when}: ${t.condition.holds ? 'holds' : 'does not hold'}`);
  if (t.target) out.push(`      target ${t.target}, attainment ${pct(t.attainment!.start)} → ${pct(t.attainment!.end)}`);
  for (const r of t.records ?? []) {
    const head = `      ${r.record} (${r.file}:${r.line}${r.date ? `, ${r.date}` : ''})`;
    if (r.gate) out.push(`${head}: gated out by \`${r.gate.failed}\`${r.gate.left !== undefined ? ` (${r.gate.left} vs ${r.gate.right})` : ''}: 0`);
    else if (r.recovers) out.push(`${head}: recovers ${pct(r.recovers.share)} of ${r.recovers.earned} earned in ${r.recovers.component} (${r.recovers.period}): ${r.earning}`);
    else if (r.slices) out.push(`${head}: base ${r.base} × rate ${r.rate}${mult(r.multipliers)} in tiers ${r.slices.map((s) => `[${pct(s.from)}–${pct(s.to)}: ${s.amount} × ${s.factor}]`).join(' ')} = ${r.earning}${capped(r.capped)}`);
    else if (r.base !== undefined) out.push(`${head}: base ${r.base} × rate ${r.rate}${mult(r.multipliers)}${r.factor ? ` × tier ${r.factor}` : ''} = ${r.earning}${capped(r.capped)}`);
    else out.push(`${head}: ${r.earning}`);
  }
  for (const c of t.caps ?? []) out.push(`      cap per ${c.scope} ${c.cap}: ${c.before} → ${c.after}`);
  if (t.draw) out.push(`      guarantee ${t.draw.guarantee}, other lines ${t.draw.earned}, owed ${t.draw.owedBefore} → ${t.draw.owedAfter}`);
  return out;
}

/** A fraction as a percentage to two decimals, rounded half-even in decimal (0.00125 → 0.12%). */
function pct(fraction: string): string {
  return `${formatPlain(dec(fraction).times(100).toDecimalPlaces(2))}%`;
}

function mult(m: readonly string[] | undefined): string {
  return m && m.length ? m.map((x) => ` × ${x}`).join('') : '';
}

function capped(c: { cap: string; before: string } | undefined): string {
  return c ? ` (capped per deal at ${c.cap}, from ${c.before})` : '';
}
