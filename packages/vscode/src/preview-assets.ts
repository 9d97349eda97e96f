// The preview page's stylesheet and script, inlined by preview-html.ts under the page's nonce
// (the Content-Security-Policy allows nothing else). Colours are VS Code's theme variables, with
// fallbacks for a plain browser. The script holds no data: it toggles the drill-down rows, keeps
// which are open and the scroll position across refreshes (webview state), and posts "open this
// record" and "show this component" messages to the extension.

export const PREVIEW_CSS = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #d0d7de));
  --hover: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12));
  --selected: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.2));
  --link: var(--vscode-textLink-foreground, #0969da);
  --error: var(--vscode-errorForeground, #d1242f);
  --negative: var(--vscode-charts-red, #cf222e);
  --accent: var(--vscode-charts-blue, #0969da);
  --marker: var(--vscode-charts-orange, #bc4c00);
  --lines: var(--vscode-charts-lines, rgba(128, 128, 128, 0.5));
  --code-bg: var(--vscode-textCodeBlock-background, rgba(128, 128, 128, 0.1));
  --focus: var(--vscode-focusBorder, #0969da);
  --mono: var(--vscode-editor-font-family, ui-monospace, 'SF Mono', Menlo, Consolas, monospace);
}
* { box-sizing: border-box; }
body {
  margin: 0; padding: 16px 20px 32px;
  color: var(--fg); background: var(--bg);
  font-family: var(--vscode-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
  font-size: var(--vscode-font-size, 13px); line-height: 1.45;
}
h1 { font-size: 1.5em; font-weight: 600; margin: 0 0 2px; }
h2 { font-size: 1.15em; font-weight: 600; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1em; font-weight: 600; margin: 18px 0 6px; }
a { color: var(--link); text-decoration: none; cursor: pointer; }
a:hover { text-decoration: underline; }
code, .mono { font-family: var(--mono); font-size: 0.95em; }
.meta { color: var(--muted); margin: 0; }
.meta code { background: var(--code-bg); padding: 0 4px; border-radius: 3px; }
.chips { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 12px 0 0; padding: 0; list-style: none; }
.chips li { display: flex; flex-direction: column; }
.chips .label { color: var(--muted); font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; }
.chips .value { font-size: 1.25em; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid var(--border); white-space: nowrap; }
th { color: var(--muted); font-weight: 600; font-size: 0.92em; }
td.num, th.num { text-align: right; }
.negative { color: var(--negative); }
.zero { color: var(--muted); }
tfoot td, tr.total td { font-weight: 600; border-top: 1px solid var(--fg); }
tr.line { cursor: pointer; }
tr.line:hover { background: var(--hover); }
tr.line:focus { outline: 1px solid var(--focus); outline-offset: -1px; }
tr.line td.component::before { content: '▸'; display: inline-block; width: 1.1em; color: var(--muted); }
tr.line[aria-expanded='true'] td.component::before { content: '▾'; }
tr.line[aria-expanded='true'], tr.trace { background: var(--selected); }
tr.focus td.component { font-weight: 600; }
tr.trace > td { white-space: normal; padding: 6px 10px 12px 28px; }
.trace-summary { margin: 0 0 6px; color: var(--muted); }
.trace-summary b { color: var(--fg); font-weight: 600; }
table.records th, table.records td { font-size: 0.92em; padding: 2px 8px; }
.slices { margin: 0; padding: 0; list-style: none; }
.gate { color: var(--negative); }
.overview { display: flex; flex-wrap: wrap; gap: 0 40px; align-items: flex-start; }
.overview > section { min-width: 0; max-width: 100%; overflow-x: auto; }
table.lines { width: 100%; max-width: 980px; }
table.lines td.num { width: 9em; }
.payee { overflow-x: auto; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 28px; }
.charts figure + figure { margin-top: 0; }
figure { margin: 0; }
figcaption { color: var(--muted); margin: 2px 0 0; max-width: 480px; }
figcaption b { color: var(--fg); }
svg.curve-chart { width: 480px; max-width: 100%; height: auto; overflow: visible; }
svg .grid line { stroke: var(--lines); stroke-opacity: 0.35; stroke-width: 1; }
svg .ticks text, svg .tier-label { fill: var(--muted); font-size: 11px; font-family: inherit; }
svg .axis-title { fill: var(--muted); font-size: 11px; }
svg .tier-label { fill: var(--fg); font-weight: 600; }
svg .target { stroke: var(--fg); stroke-opacity: 0.5; stroke-width: 1; stroke-dasharray: 2 3; }
svg .tier-bound { stroke: var(--lines); stroke-width: 1; stroke-dasharray: 4 3; }
svg .reference { stroke: var(--lines); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .curve { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
svg .point { fill: var(--accent); }
svg .marker { fill: none; stroke: var(--marker); stroke-width: 2; }
.notes { margin: 0; padding-left: 18px; }
.error-box { border-left: 3px solid var(--error); padding: 8px 12px; background: var(--code-bg); }
.error-box h1 { color: var(--error); font-size: 1.2em; }
.error-box ul { margin: 6px 0 0; padding-left: 18px; font-family: var(--mono); font-size: 0.92em; }
.toolbar { float: right; display: flex; gap: 12px; }
.muted { color: var(--muted); }
`;

export const PREVIEW_SCRIPT = `
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var uri = document.body.getAttribute('data-uri') || '';
  var state = (vscode && vscode.getState()) || {};
  var open = new Set(state.uri === uri && Array.isArray(state.open) ? state.open : []);
  function save() {
    if (vscode) vscode.setState({ uri: uri, open: Array.from(open), scrollY: window.scrollY });
  }
  function toggle(row, show) {
    var trace = document.getElementById(row.getAttribute('aria-controls'));
    if (!trace) return;
    if (show === undefined) show = trace.hidden;
    trace.hidden = !show;
    row.setAttribute('aria-expanded', String(show));
    var key = row.getAttribute('data-key');
    if (show) open.add(key); else open.delete(key);
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.line[aria-controls]'));
  rows.forEach(function (row) {
    if (open.has(row.getAttribute('data-key'))) toggle(row, true);
    row.addEventListener('click', function (event) {
      if (event.target.closest('a')) return;
      toggle(row); save();
    });
    row.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(row); save(); }
    });
  });
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-action]');
    if (!link) return;
    event.preventDefault();
    var action = link.getAttribute('data-action');
    if (action === 'expand-all' || action === 'collapse-all') {
      rows.forEach(function (row) { toggle(row, action === 'expand-all'); });
      save();
    } else if (vscode && action === 'open-record') {
      vscode.postMessage({ type: 'openRecord', file: link.getAttribute('data-file'), line: Number(link.getAttribute('data-line')) });
    } else if (vscode && action === 'reveal-component') {
      vscode.postMessage({ type: 'revealComponent', component: link.getAttribute('data-component') });
    }
  });
  var focus = document.querySelector('.focus');
  if (focus) focus.scrollIntoView({ block: 'center' });
  else if (state.uri === uri && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  var timer;
  window.addEventListener('scroll', function () { clearTimeout(timer); timer = setTimeout(save, 150); });
  save();
})();
`;
