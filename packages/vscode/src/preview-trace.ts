// The drill-down of one payout line in the preview: its explanation (the core's `LineTrace`, as
// `incent run --explain` gives it) as HTML — the target and attainment, the condition of a bonus,
// the state of a draw, the caps that bit, and a table of the records behind the line with their
// base, rate, multipliers, tier slices, gates and earnings. Pure; every value is escaped.
import { escapeHtml as esc, groupDigits, percent, plain } from './preview-format';
import type { PayoutLine, RecordTrace } from './protocol';

/** At most this many records per line are listed; the rest are counted. */
export const MAX_TRACE_RECORDS = 100;

export function renderTrace(line: PayoutLine, currency: string): string {
  const trace = line.trace;
  if (!trace) return '<p class="trace-summary">No explanation for this line.</p>';
  const facts: string[] = [];
  if (trace.target !== undefined) facts.push(`target <b>${esc(plain(trace.target))} ${esc(currency)}</b>`);
  if (trace.attainment) facts.push(`attainment <b>${esc(percent(trace.attainment.start, 2))}</b> → <b>${esc(percent(trace.attainment.end, 2))}</b>`);
  if (trace.condition) {
    const holds = trace.condition.holds ? 'holds' : 'does not hold';
    facts.push(`<code>${esc(trace.condition.when)}</code> ${holds}${trace.condition.oncePerYear ? ' (once per year)' : ''}`);
  }
  if (trace.draw) {
    const d = trace.draw;
    facts.push(`guarantee <b>${esc(plain(d.guarantee))}</b>, other lines earned <b>${esc(plain(d.earned))}</b>, owed <b>${esc(plain(d.owedBefore))}</b> → <b>${esc(plain(d.owedAfter))}</b>`);
  }
  facts.push(`exact amount <b class="exact">${esc(plain(trace.exact))}</b>, rounded to <b>${esc(groupDigits(line.amount))}</b>`);
  const parts = [`<p class="trace-summary">${facts.join(' · ')}</p>`];
  for (const cap of trace.caps ?? []) {
    parts.push(`<p class="trace-summary">cap per ${esc(cap.scope)} <b>${esc(plain(cap.cap))}</b>: ${esc(plain(cap.before))} → ${esc(plain(cap.after))}</p>`);
  }
  if (trace.records?.length) parts.push(recordsTable(trace.records));
  return parts.join('');
}

interface Column {
  readonly title: string;
  readonly numeric?: boolean;
  readonly present: (r: RecordTrace) => boolean;
  readonly cell: (r: RecordTrace) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'Date', present: (r) => r.date !== undefined, cell: (r) => esc(r.date ?? '') },
  { title: 'Base', numeric: true, present: (r) => r.base !== undefined, cell: (r) => esc(plain(r.base ?? '')) },
  { title: 'Counted', numeric: true, present: (r) => r.counted !== undefined, cell: (r) => esc(plain(r.counted ?? '')) },
  { title: 'Rate', numeric: true, present: (r) => r.rate !== undefined, cell: (r) => esc(percent(r.rate ?? '')) },
  { title: 'Multipliers', numeric: true, present: (r) => !!r.multipliers?.length, cell: (r) => (r.multipliers ?? []).map((x) => `×${esc(plain(x))}`).join(' ') },
  { title: 'Tiers', present: (r) => !!r.slices?.length || r.factor !== undefined, cell: tiersCell },
  { title: 'Gate', present: (r) => !!r.gate, cell: gateCell },
  { title: 'Pays', numeric: true, present: (r) => r.pay !== undefined || r.points !== undefined, cell: (r) => esc(plain(r.pay ?? r.points ?? '')) },
  { title: 'Recovers', present: (r) => !!r.recovers, cell: recoversCell },
  { title: 'Earning', numeric: true, present: () => true, cell: earningCell },
];

function recordsTable(records: readonly RecordTrace[]): string {
  const shown = records.slice(0, MAX_TRACE_RECORDS);
  const columns = COLUMNS.filter((c) => shown.some(c.present));
  const head = `<tr><th>Record</th>${columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${c.title}</th>`).join('')}</tr>`;
  const rows = shown.map((r) => {
    const link = `<a href="#" data-action="open-record" data-file="${esc(r.file)}" data-line="${esc(r.line)}" title="${esc(`${r.file}:${r.line}`)}">${esc(r.record)}</a>`;
    const cells = columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${c.present(r) ? c.cell(r) : ''}</td>`);
    return `<tr class="record" data-record="${esc(r.record)}"><td>${link}</td>${cells.join('')}</tr>`;
  });
  const more = records.length > shown.length ? `<p class="trace-summary">… and ${records.length - shown.length} more records</p>` : '';
  return `<table class="records"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

function tiersCell(r: RecordTrace): string {
  if (r.slices?.length) {
    const items = r.slices.map((s) =>
      `<li class="slice">${esc(percent(s.from, 2))}–${esc(percent(s.to, 2))}: ${esc(plain(s.amount))} × ${esc(plain(s.factor))} → ${esc(plain(s.earning))}</li>`);
    return `<ul class="slices">${items.join('')}</ul>`;
  }
  return r.factor !== undefined ? `×${esc(plain(r.factor))} (period-end tier)` : '';
}

function gateCell(r: RecordTrace): string {
  if (!r.gate) return '';
  const values = r.gate.left !== undefined ? ` (${esc(r.gate.left)} vs ${esc(r.gate.right ?? '')})` : '';
  return `<span class="gate">failed <code>${esc(r.gate.failed)}</code>${values}</span>`;
}

function recoversCell(r: RecordTrace): string {
  if (!r.recovers) return '';
  const c = r.recovers;
  return `${esc(percent(c.share))} of ${esc(plain(c.earned))} earned in <code>${esc(c.component)}</code> (${esc(c.period)})`;
}

function earningCell(r: RecordTrace): string {
  const earning = `<span class="${r.earning.startsWith('-') ? 'negative' : ''}">${esc(plain(r.earning))}</span>`;
  return r.capped ? `${earning} <span class="muted">(capped at ${esc(plain(r.capped.cap))}, was ${esc(plain(r.capped.before))})</span>` : earning;
}
