// The payout preview as one HTML page, from the language server's `incent/preview` response: the
// totals per payee and period, the component totals, a payout-curve chart per accelerated
// commission, and the payout lines of each payee, each with a drill-down to its explanation
// (records, rates, tier slices, gates, caps). A pure function of its input — no `vscode` import —
// so it is tested in a plain browser (test/vscode). Every value from the response is escaped; the
// page loads nothing and runs only its own nonce'd script (strict Content-Security-Policy).
import { PREVIEW_CSS, PREVIEW_SCRIPT } from './preview-assets';
import { curveChart, type CurveMarker } from './preview-chart';
import {
  escapeHtml as esc, groupDigits, isNegative, isZero, percent, plain, roundDecimal, sumDecimals, amountWithUnit,
} from './preview-format';
import { renderTrace } from './preview-trace';
import type { PayoutLine, PreviewError, PreviewResponse, PreviewResult } from './protocol';

export interface PreviewHtmlOptions {
  /** A fresh random value per render: the only script and style the page may run. */
  readonly nonce: string;
  /** The plan's uri, kept in the webview's state so that a restored panel knows its plan. */
  readonly uri?: string;
  /** A component to highlight and scroll to (a code lens was clicked). */
  readonly focus?: string;
  /** The plan's file name, for the page title while there is no response. */
  readonly fileName?: string;
}

/** The Content-Security-Policy of the page: nothing but its own nonce'd style and script. */
export function previewCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** The whole page; `response` undefined means "still evaluating". */
export function renderPreviewHtml(response: PreviewResponse | undefined, options: PreviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(options.nonce)) throw new Error('renderPreviewHtml: the nonce must be a random base64 string');
  const uri = options.uri ?? response?.uri ?? '';
  let title: string;
  let body: string;
  if (!response) {
    title = `Payouts: ${options.fileName ?? 'plan'}`;
    body = `<p class="muted" id="loading">Evaluating ${esc(options.fileName ?? 'the plan')} on its preview data…</p>`;
  } else if ('error' in response) {
    title = `Payouts: ${options.fileName ?? 'plan'}`;
    body = errorBody(response);
  } else {
    title = `Payouts: ${response.plan.name}`;
    body = resultBody(response, options.focus);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(previewCsp(options.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style nonce="${esc(options.nonce)}">${PREVIEW_CSS}</style>`,
    '</head>',
    `<body data-uri="${esc(uri)}">`,
    body,
    `<script nonce="${esc(options.nonce)}">${PREVIEW_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

// ---------------------------------------------------------------- failures

const ERROR_TITLES: Record<PreviewError['reason'], string> = {
  'not-open': 'The plan is not open',
  'no-data': 'No preview data',
  'bad-config': 'The preview data setting is wrong',
  'plan-errors': 'The plan has errors',
  'data-errors': 'The preview data has errors',
  'evaluation-errors': 'The evaluation failed',
  internal: 'The preview failed',
};

function errorBody(error: PreviewError): string {
  const parts = [`<section class="error-box" id="preview-error" data-reason="${esc(error.reason)}">`];
  parts.push(`<h1>${esc(ERROR_TITLES[error.reason] ?? 'The preview failed')}</h1>`);
  parts.push(`<p class="message">${esc(error.error)}</p>`);
  if (error.dataFolder) parts.push(`<p class="meta">data: <code>${esc(error.dataFolder)}</code></p>`);
  if (error.details?.length) parts.push(`<ul>${error.details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
  if (error.reason === 'no-data' || error.reason === 'bad-config') {
    parts.push('<p class="meta">Point the <code>incent.previewData</code> setting at a folder of data files (one <code>NAME.csv</code>, <code>.json</code> or <code>.jsonl</code> per input), '
      + 'or add an <code>incent.json</code> with <code>{"previewData": "path"}</code>, or a <code>data/</code> folder beside the plan.</p>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

// ---------------------------------------------------------------- the preview

interface Model {
  readonly result: PreviewResult;
  readonly payees: string[];
  /** Money total per payee and period ("payee\u0000period"). */
  readonly totals: Map<string, string>;
  readonly digits: number;
}

function model(result: PreviewResult): Model {
  const payees: string[] = [];
  const seen = new Set<string>();
  for (const p of [...result.totals.map((t) => t.payee), ...result.lines.map((l) => l.payee)]) {
    if (seen.has(p)) continue;
    payees.push(p);
    seen.add(p);
  }
  const totals = new Map(result.totals.map((t) => [key(t.payee, t.period), t.amount]));
  const sample = result.totals[0]?.amount ?? result.lines.find((l) => l.unit === result.currency)?.amount ?? '0.00';
  return { result, payees, totals, digits: sample.split('.')[1]?.length ?? 0 };
}

function key(...parts: string[]): string {
  return parts.join('\u0000');
}

function resultBody(result: PreviewResult, focus: string | undefined): string {
  const m = model(result);
  return [
    header(m),
    `<div class="overview">${totalsSection(m)}${curvesSection(result)}${componentsSection(m, focus)}</div>`,
    linesSection(m, focus),
    summarySection(result),
  ].join('\n');
}

/** A table cell for a rounded money amount ("—" when there is none). */
function money(amount: string | undefined, extraClass = ''): string {
  const extra = extraClass ? ` ${extraClass}` : '';
  if (amount === undefined) return `<td class="num zero${extra}">—</td>`;
  const cls = isNegative(amount) ? ' negative' : isZero(amount) ? ' zero' : '';
  return `<td class="num${cls}${extra}" data-amount="${esc(amount)}">${esc(groupDigits(amount))}</td>`;
}

function fixed(m: Model, values: readonly string[]): string {
  const sum = sumDecimals(values.length ? values : ['0']);
  return roundDecimal(sum, m.digits);
}

function header(m: Model): string {
  const r = m.result;
  const grand = fixed(m, r.totals.map((t) => t.amount));
  const records = Object.values(r.summary.records).reduce((a, b) => a + b, 0);
  const source = r.dataSource === 'incent.json' ? 'from incent.json' : r.dataSource === 'data-folder' ? 'data/ beside the plan' : r.dataSource === 'plan-folder' ? 'beside the plan' : String(r.dataSource ?? '');
  return `<header>
<nav class="toolbar"><a href="#" data-action="expand-all">Expand all</a><a href="#" data-action="collapse-all">Collapse all</a></nav>
<h1 id="plan-name">${esc(r.plan.name)}</h1>
<p class="meta">version ${esc(r.plan.version)} · ${esc(r.currency)} · <code title="${esc(r.plan.hash)}">${esc(shortHash(r.plan.hash))}</code> · data <code id="data-folder">${esc(r.dataFolder)}</code>${source ? ` <span>(${esc(source)})</span>` : ''}</p>
<ul class="chips">
<li><span class="label">Total payout</span><span class="value" id="grand-total" data-amount="${esc(grand)}">${esc(amountWithUnit(grand, r.currency))}</span></li>
<li><span class="label">Payees</span><span class="value">${m.payees.length}</span></li>
<li><span class="label">Periods</span><span class="value">${r.periods.length}</span></li>
<li><span class="label">Payout lines</span><span class="value">${r.lines.length}</span></li>
<li><span class="label">Records</span><span class="value">${esc(groupDigits(String(records)))}</span></li>
</ul>
</header>`;
}

function shortHash(hash: string): string {
  const [algorithm, digest] = hash.includes(':') ? hash.split(':', 2) : ['', hash];
  return `${algorithm ? `${algorithm}:` : ''}${(digest ?? '').slice(0, 12)}${(digest ?? '').length > 12 ? '…' : ''}`;
}

function totalsSection(m: Model): string {
  const r = m.result;
  const rows = m.payees.map((payee, i) => {
    const cells = r.periods.map((period) => money(m.totals.get(key(payee, period))));
    const total = fixed(m, r.periods.map((period) => m.totals.get(key(payee, period)) ?? '0'));
    return `<tr data-payee="${esc(payee)}"><th scope="row"><a href="#payee-${i}">${esc(payee)}</a></th>${cells.join('')}${money(total, 'total')}</tr>`;
  });
  const periodTotals = r.periods.map((period) => fixed(m, m.payees.map((p) => m.totals.get(key(p, period)) ?? '0')));
  const grand = fixed(m, periodTotals);
  return `<section id="totals">
<h2>Totals by payee and period <span class="muted">(${esc(r.currency)})</span></h2>
<table class="totals">
<thead><tr><th>Payee</th>${r.periods.map((p) => `<th class="num">${esc(p)}</th>`).join('')}<th class="num">Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr class="all-payees"><td>All payees</td>${periodTotals.map((t) => money(t)).join('')}${money(grand)}</tr></tfoot>
</table>
</section>`;
}

function componentsSection(m: Model, focus: string | undefined): string {
  const components = m.result.components ?? [];
  if (!components.length) return '';
  const rows = components.map((c) => {
    const cls = c.name === focus ? ' class="focus"' : '';
    const amount = c.unit === m.result.currency ? money(c.total) : `<td class="num">${esc(amountWithUnit(c.total, c.unit))}</td>`;
    return `<tr${cls} data-component="${esc(c.name)}"><td><a href="#" data-action="reveal-component" data-component="${esc(c.name)}" title="Show in the plan">${esc(c.name)}</a></td><td>${esc(c.kind)}</td><td class="num">${c.lines}</td>${amount}</tr>`;
  });
  return `<section id="components">
<h2>Components</h2>
<table class="components">
<thead><tr><th>Component</th><th>Kind</th><th class="num">Lines</th><th class="num">Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function curvesSection(result: PreviewResult): string {
  if (!result.curves.length) return '';
  const figures = result.curves.map((curve, i) => {
    const markers: CurveMarker[] = result.lines
      .filter((l) => l.component === curve.component && l.trace?.attainment)
      .map((l) => ({ payee: l.payee, period: l.period, attainment: l.trace!.attainment!.end }));
    const tiers = describeTiers(curve.points.map((p) => p.factor), curve.points.map((p) => p.attainment));
    return `<figure class="curve" data-component="${esc(curve.component)}">
${curveChart(curve, markers, `curve-${i}`)}
<figcaption><b>${esc(curve.component)}</b>: ${esc(curve.mode)} accelerator${curve.perYear ? ' on year-to-date attainment' : ''}; ${esc(tiers)}.${markers.length ? ' Circles: where each payee ended a period.' : ''}</figcaption>
</figure>`;
  });
  return `<section id="curves">
<h2>Payout curves</h2>
<div class="charts">
${figures.join('\n')}
</div>
</section>`;
}

/** "×1 from 0%, ×1.5 from 100%, ×2 from 150%" */
function describeTiers(factors: readonly string[], attainments: readonly string[]): string {
  const out: string[] = [];
  let previous: string | undefined;
  factors.forEach((factor, i) => {
    if (factor !== previous) out.push(`×${plain(factor)} from ${percent(attainments[i] ?? '0')}`);
    previous = factor;
  });
  return out.join(', ');
}

function linesSection(m: Model, focus: string | undefined): string {
  const r = m.result;
  const byPayee = new Map<string, PayoutLine[]>();
  for (const line of r.lines) {
    const list = byPayee.get(line.payee) ?? [];
    list.push(line);
    byPayee.set(line.payee, list);
  }
  let n = 0;
  const sections = m.payees.map((payee, i) => {
    const lines = byPayee.get(payee) ?? [];
    const rows: string[] = [];
    for (const period of r.periods) {
      const own = lines.filter((l) => l.period === period);
      for (const line of own) rows.push(...lineRows(m, line, n++, focus));
      if (!own.length) continue; // a period without lines totals zero: no rows
      const total = m.totals.get(key(payee, period)) ?? fixed(m, own.filter((l) => l.unit === r.currency).map((l) => l.amount));
      rows.push(`<tr class="total" data-period="${esc(period)}"><td>${esc(period)}</td><td>total</td>${money(total)}</tr>`);
    }
    const total = fixed(m, r.periods.map((period) => m.totals.get(key(payee, period)) ?? '0'));
    if (!rows.length) rows.push('<tr class="empty"><td colspan="3" class="muted">no payout lines</td></tr>');
    return `<section class="payee" id="payee-${i}" data-payee="${esc(payee)}">
<h3>${esc(payee)} <span class="muted">${esc(amountWithUnit(total, r.currency))}</span></h3>
<table class="lines">
<thead><tr><th>Period</th><th>Component</th><th class="num">Amount</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
  });
  return `<section id="lines">
<h2>Payout lines</h2>
<p class="meta">Click a line to see how it was computed; record links open the data file at that row.</p>
${sections.join('\n')}
</section>`;
}

function lineRows(m: Model, line: PayoutLine, n: number, focus: string | undefined): string[] {
  const id = `trace-${n}`;
  const cls = `line${line.component === focus ? ' focus' : ''}`;
  const amount = line.unit === m.result.currency ? money(line.amount) : `<td class="num">${esc(amountWithUnit(line.amount, line.unit))}</td>`;
  return [
    `<tr class="${cls}" tabindex="0" role="button" aria-expanded="false" aria-controls="${id}" data-key="${esc(JSON.stringify([line.payee, line.period, line.component]))}" data-payee="${esc(line.payee)}" data-period="${esc(line.period)}" data-component="${esc(line.component)}">`
      + `<td>${esc(line.period)}</td><td class="component">${esc(line.component)} <span class="muted">${esc(line.kind)}</span></td>${amount}</tr>`,
    `<tr class="trace" id="${id}" hidden><td colspan="3">${renderTrace(line, m.result.currency)}</td></tr>`,
  ];
}

function summarySection(result: PreviewResult): string {
  const s = result.summary;
  const items: string[] = [];
  for (const [input, count] of Object.entries(s.records)) {
    const out = s.outOfPlan[input] ?? 0;
    items.push(`<li><code>${esc(input)}</code>: ${esc(groupDigits(String(count)))} record${count === 1 ? '' : 's'}${out ? `, ${esc(String(out))} dated outside the plan` : ''}</li>`);
  }
  if (s.rejected.length) items.push(`<li>${s.rejected.length} rejected row${s.rejected.length === 1 ? '' : 's'}</li>`);
  for (const p of s.pending) {
    const amount = p.amount !== undefined ? `: ${esc(amountWithUnit(p.amount, result.currency))}` : '';
    items.push(`<li>Pending clawback: <code>${esc(p.component)}</code> on ${esc(p.record)} for ${esc(p.payee)}, dated ${esc(p.date)} (after the plan)${amount}</li>`);
  }
  for (const f of s.forgiven) items.push(`<li>Forgiven draw: <code>${esc(f.component)}</code>, ${esc(f.payee)} owed ${esc(amountWithUnit(f.amount, result.currency))} at the end of fiscal ${esc(f.fiscalYear)}</li>`);
  for (const f of s.outstanding) items.push(`<li>Outstanding draw: <code>${esc(f.component)}</code>, ${esc(f.payee)} owes ${esc(amountWithUnit(f.amount, result.currency))} when the plan ends (fiscal ${esc(f.fiscalYear)} goes on)</li>`);
  for (const note of s.notes) items.push(`<li>${esc(note)}</li>`);
  for (const warning of result.warnings ?? []) items.push(`<li class="muted">${esc(warning)}</li>`);
  const metrics = Object.entries(result.metrics ?? {}).map(([name, value]) =>
    `<tr><td><code>${esc(name)}</code></td><td class="num" title="${esc(value ?? 'not computed')}">${value === null ? '<span class="muted">not computed</span>' : esc(plain(roundDecimal(value, 6)))}</td></tr>`);
  return `<section id="summary">
<h2>Run summary</h2>
<ul class="notes">${items.join('')}</ul>
${metrics.length ? `<h3>Metrics</h3><table class="metrics"><tbody>${metrics.join('')}</tbody></table>` : ''}
</section>`;
}
