// Shared pieces of the CLI's HTML output (plan documents, statements): escaping, one
// self-contained page shell with its style sheet (no scripts, no remote resources, fonts from
// the system, readable printed), and small builders for tables and definition lists.

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain words with `code` spans: backticked parts become <code>, everything escaped. */
export function inline(text: string): string {
  return text.split('`').map((part, i) => (i % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part))).join('');
}

/** A table; `numeric` lists the columns to right-align. */
export function table(columns: readonly string[], rows: readonly (readonly string[])[], options: { numeric?: readonly number[]; caption?: string; className?: string } = {}): string {
  const align = (i: number) => (options.numeric?.includes(i) ? ' class="num"' : '');
  const head = columns.map((c, i) => `<th scope="col"${align(i)}>${inline(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${align(i)}>${inline(cell)}</td>`).join('')}</tr>`).join('\n');
  return `${options.caption ? `<p class="table-title">${inline(options.caption)}</p>\n` : ''}<table${options.className ? ` class="${esc(options.className)}"` : ''}><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
:root { --ink: #1d2430; --muted: #5b6575; --rule: #d8dde5; --accent: #1f5fa8; --soft: #f3f6fa; --bad: #a3261b; --good: #1c6b3a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0; }
.muted, .meta { color: var(--muted); }
.meta { font-size: .9rem; }
code { font: .88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft); padding: .05em .3em; border-radius: 3px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; max-width: 100%; }
p.table-title { font-weight: 600; margin: .8rem 0 .2rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .6rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 .35rem; margin-left: .4rem; vertical-align: middle; }
section.component, section.line { border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem 1rem; margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
section.component h3, section.line h2, section.line h3, section.line h4 { margin-top: 0; }
section.line h2 { border-bottom: none; font-size: 1.2rem; padding-bottom: 0; }
table.summary tr:last-child td { font-weight: 700; }
ul.rule { margin: .3rem 0 .6rem 1.1rem; padding: 0; }
ul.rule li { margin: .2rem 0; }
.example { background: var(--soft); border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0; page-break-inside: avoid; break-inside: avoid; }
.example h4 { margin-top: 0; }
.amount { font-variant-numeric: tabular-nums; white-space: nowrap; }
.negative { color: var(--bad); }
.why { margin: .2rem 0 .2rem 1rem; padding: 0; list-style: none; }
.why li { margin: .1rem 0; }
.why li.slice { margin-left: 1rem; }
.facts { color: var(--muted); font-size: .88rem; }
figure { margin: .5rem 0 1rem; }
figcaption { font-size: .85rem; color: var(--muted); }
svg.curve { width: 100%; max-width: 34rem; height: auto; border: 1px solid var(--rule); border-radius: 4px; background: #fff; }
svg.curve text { font: 11px system-ui, sans-serif; fill: var(--muted); }
nav.toc ol { columns: 2; margin: .3rem 0; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .5rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  nav.toc { display: none; }
  section.component, section.line, .example, table, figure { page-break-inside: avoid; break-inside: avoid; }
}
@page { margin: 18mm 16mm; }
`;

/** A whole, self-contained page. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="incent">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An id for an anchor from a name. */
export function anchor(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
