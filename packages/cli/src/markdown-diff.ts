// A plan diff as GitHub-flavoured Markdown, ready to paste into a pull-request review: the
// semantic changes in plain words, then (with data) the payout impact — totals, credited
// bookings and cost of sales before and after, who gains and loses, the largest changes,
// every payee over the threshold, and per payee and period in a collapsed table.
import { formatDelta, formatMoney, formatPercent, type PayeeImpact, type PayoutImpact, type PlanDiff } from '@incent/language';

export interface DiffSide {
  /** As the user named it: a path or `git:REV:path`. */
  readonly label: string;
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly minorUnits: number;
}

const MAX_ROWS = 200;
const MAX_AFFECTED = 40;

export function renderDiffMarkdown(before: DiffSide, after: DiffSide, diff: PlanDiff, impact?: { readonly data: string; readonly value: PayoutImpact }): string {
  const out: string[] = [];
  const short = (h: string) => `${h.slice(0, 19)}…`;
  out.push(`## Plan diff: ${cell(after.name)}`);
  out.push('');
  out.push(`\`${before.label}\` (version ${before.version}, \`${short(before.hash)}\`) → \`${after.label}\` (version ${after.version}, \`${short(after.hash)}\`)`);
  out.push('');
  if (diff.equal) {
    out.push('**No semantic change**: the plans have the same IR hash; only formatting, comments, documentation or declaration order differ. Payouts are identical.');
    return out.join('\n') + '\n';
  }
  out.push(`### What changed (${diff.changes.length})`);
  out.push('');
  for (const c of diff.changes) out.push(`- ${c.text}`);
  out.push('');
  if (!impact) {
    out.push('_Run with `--data DIR` to see what the change does to each payee\'s pay._');
    return out.join('\n') + '\n';
  }
  const v = impact.value;
  const minor = after.minorUnits;
  const m = (x: string) => formatMoney(x, minor);
  const d = (x: string) => formatDelta(x, minor);
  const pct = (x: string | undefined) => (x === undefined ? '—' : signed(formatPercent(x, 1).replace('≈', '')));
  out.push('### Payout impact');
  out.push('');
  out.push(`Data \`${impact.data}\`, ${v.periods.length === 1 ? `period ${v.periods[0]}` : `periods ${v.periods[0]} to ${v.periods[v.periods.length - 1]}`}, amounts in ${v.currency}.`);
  out.push('');
  out.push('| | Before | After | Change |');
  out.push('|---|--:|--:|--:|');
  out.push(`| Total payouts | ${m(v.total.before)} | ${m(v.total.after)} | ${d(v.total.delta)} (${pct(v.total.change)}) |`);
  out.push(`| Credited bookings | ${m(v.bookings.before)} | ${m(v.bookings.after)} | ${d(v.bookings.delta)} |`);
  const cos = (x: string | undefined) => (x === undefined ? '—' : formatPercent(x).replace('≈', ''));
  const cosDelta = v.costOfSales.delta !== undefined ? `${signed(formatPercent(v.costOfSales.delta).replace('≈', '')).replace('%', '')} pt` : '—';
  out.push(`| Cost of sales | ${cos(v.costOfSales.before)} | ${cos(v.costOfSales.after)} | ${cosDelta} |`);
  out.push('');
  out.push(`Cost of sales is total payouts ÷ credited bookings (the base of every record a commission selects, counted once).`);
  out.push('');
  const { gain, lose, unchanged } = v.payees;
  out.push(`**Payees:** ${gain} gain${gain === 1 ? 's' : ''}, ${lose} lose${lose === 1 ? 's' : ''}, ${unchanged} unchanged.`);
  const moved = v.byPayee.filter((p) => !isZero(p.delta));
  if (moved.length) {
    const shown = moved.slice(0, MAX_AFFECTED).map((p) => `${who(p)} ${d(p.delta)}`);
    out.push('');
    out.push(`**Affected:** ${shown.join(', ')}${moved.length > MAX_AFFECTED ? `, and ${moved.length - MAX_AFFECTED} more` : ''}.`);
  }
  out.push('');
  const components = v.components.filter((c) => !isZero(c.delta));
  if (components.length) {
    out.push('#### By component');
    out.push('');
    out.push('| Component | Before | After | Change |');
    out.push('|---|--:|--:|--:|');
    for (const c of components) out.push(`| ${cell(c.component)} | ${m(c.before)} | ${m(c.after)} | ${d(c.delta)} |`);
    out.push('');
  }
  if (v.largest.length) {
    out.push('#### Largest changes');
    out.push('');
    out.push(payeeTable(v.largest, m, d, pct));
    out.push('');
  }
  const threshold = v.threshold.kind === 'relative' ? formatPercent(v.threshold.value).replace('≈', '') : `${m(v.threshold.value)} ${v.currency}`;
  out.push(`#### Pay moves by more than ${threshold}`);
  out.push('');
  if (v.overThreshold.length) out.push(payeeTable(v.overThreshold, m, d, pct));
  else out.push(`No payee's pay moves by more than ${threshold}.`);
  out.push('');
  const rows = v.rows.filter((r) => !isZero(r.delta));
  if (rows.length) {
    out.push(`<details><summary>By payee and period (${rows.length} row${rows.length === 1 ? '' : 's'} changed)</summary>`);
    out.push('');
    out.push('| Payee | Period | Before | After | Change |');
    out.push('|---|---|--:|--:|--:|');
    for (const r of rows.slice(0, MAX_ROWS)) out.push(`| ${cell(r.payee)} | ${r.period} | ${m(r.before)} | ${m(r.after)} | ${d(r.delta)} |`);
    if (rows.length > MAX_ROWS) out.push(`| … ${rows.length - MAX_ROWS} more (\`--format json\` lists every row) | | | | |`);
    out.push('');
    out.push('</details>');
  }
  return out.join('\n') + '\n';
}

function payeeTable(list: readonly PayeeImpact[], m: (x: string) => string, d: (x: string) => string, pct: (x: string | undefined) => string): string {
  const rows = ['| Payee | Before | After | Change | % |', '|---|--:|--:|--:|--:|'];
  for (const p of list) rows.push(`| ${who(p)} | ${m(p.before)} | ${m(p.after)} | ${d(p.delta)} | ${p.change === undefined ? 'new pay' : pct(p.change)} |`);
  return rows.join('\n');
}

function who(p: PayeeImpact): string {
  return p.name ? `${cell(p.payee)} (${cell(p.name)})` : cell(p.payee);
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

function signed(text: string): string {
  return text.startsWith('-') || text.startsWith('≈-') || /^≈?0(\.0+)?%?$/.test(text) ? text : text.startsWith('≈') ? `≈+${text.slice(1)}` : `+${text}`;
}

function isZero(x: string): boolean {
  return /^-?0(\.0+)?$/.test(x);
}
