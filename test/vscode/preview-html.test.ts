// The preview's pure parts without a browser: exact decimal display helpers, escaping, the page's
// Content-Security-Policy and its one script, the loading and failure pages, and the SVG chart
// (retroactive curves, markers off the chart). The browser test checks the same page in Chromium.
import { describe, expect, it } from 'vitest';
import { curveChart } from '../../packages/vscode/src/preview-chart';
import {
  escapeHtml, groupDigits, percent, plain, roundDecimal, sumDecimals,
} from '../../packages/vscode/src/preview-format';
import { previewCsp, renderPreviewHtml } from '../../packages/vscode/src/preview-html';
import type { PayoutCurve } from '../../packages/vscode/src/protocol';
import { marginalPreview } from './preview-fixture';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';

describe('display helpers', () => {
  it('adds and rounds decimal strings exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['18500.00', '1000.00', '-6000.85'])).toBe('13499.15');
    expect(sumDecimals(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
    expect(sumDecimals([])).toBe('0');
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('2.344', 2)).toBe('2.34');
    expect(roundDecimal('7', 2)).toBe('7');
  });

  it('groups digits and writes percentages from fractions', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('-6000.85')).toBe('−6,000.85');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('n/a')).toBe('n/a');
    expect(percent('0.075')).toBe('7.5%');
    expect(percent('1')).toBe('100%');
    expect(percent('1.46096152', 1)).toBe('146.1%');
    expect(percent('0')).toBe('0%');
    expect(plain('6000.8472')).toBe('6,000.8472');
    expect(plain('1.50')).toBe('1.5');
  });

  it('escapes text for content and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('the page', () => {
  it('allows nothing but its own nonce\'d style and script', () => {
    const html = renderPreviewHtml(marginalPreview(), { nonce: NONCE });
    expect(previewCsp(NONCE)).toBe(`default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(NONCE))}">`);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="${NONCE}">`);
    expect(html.match(/<style\b/g)).toHaveLength(1);
    // No remote or local resources: links are in-page anchors, nothing has a src.
    expect(html).not.toMatch(/\bsrc\s*=/);
    expect([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]).every((href) => href!.startsWith('#'))).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\bstyle="/); // inline style attributes would be blocked
  });

  it('wants a random nonce', () => {
    expect(() => renderPreviewHtml(marginalPreview(), { nonce: '' })).toThrow(/nonce/);
    expect(() => renderPreviewHtml(marginalPreview(), { nonce: `x" onload="alert(1)` })).toThrow(/nonce/);
  });

  it('says it is evaluating before the first answer', () => {
    const html = renderPreviewHtml(undefined, { nonce: NONCE, fileName: 'plan <1>.incent', uri: 'file:///p/plan%20%3C1%3E.incent' });
    expect(html).toContain('Evaluating plan &lt;1&gt;.incent on its preview data…');
    expect(html).toContain('<title>Payouts: plan &lt;1&gt;.incent</title>');
    expect(html).toContain('<body data-uri="file:///p/plan%20%3C1%3E.incent">');
  });

  it('explains each failure, with where to put preview data when there is none', () => {
    const noData = renderPreviewHtml({ uri: 'file:///p.incent', reason: 'no-data', error: 'no preview data' }, { nonce: NONCE });
    expect(noData).toContain('<h1>No preview data</h1>');
    expect(noData).toContain('<code>incent.previewData</code>');
    const planErrors = renderPreviewHtml({ uri: 'file:///p.incent', reason: 'plan-errors', error: 'the plan has 1 error', details: ['3:5: E201 `<x>` is not a Money'] }, { nonce: NONCE });
    expect(planErrors).toContain('<h1>The plan has errors</h1>');
    expect(planErrors).toContain('<li>3:5: E201 `&lt;x&gt;` is not a Money</li>');
    expect(planErrors).not.toContain('incent.previewData');
  });

  it('marks the focused component', () => {
    const html = renderPreviewHtml(marginalPreview(), { nonce: NONCE, focus: 'accelerated' });
    expect(html).toContain('<tr class="focus" data-component="accelerated">');
    expect(html.match(/class="line focus"/g)).toHaveLength(3);
  });
});

describe('the payout-curve chart', () => {
  const retroactive: PayoutCurve = {
    component: 'retro',
    mode: 'retroactive',
    perYear: true,
    points: [0, 0.5, 1, 1.5, 2].map((a) => {
      const factor = a < 1 ? 1 : 2;
      return { attainment: String(a), payout: String(a * factor), factor: String(factor) };
    }),
  };

  it('draws a retroactive curve with its jump and its tiers', () => {
    const svg = curveChart(retroactive, [], 'c');
    expect(svg).toContain('data-mode="retroactive"');
    expect(svg).toContain('on year-to-date attainment');
    expect(svg.match(/<circle class="point"/g)).toHaveLength(5);
    expect([...svg.matchAll(/class="tier-label"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['×1', '×2']);
    expect(svg.match(/class="tier-bound"/g)).toHaveLength(1);
  });

  it('puts a payee beyond the chart at its edge and says so', () => {
    const svg = curveChart(retroactive, [{ payee: 'R<1>', period: '2027', attainment: '3.2' }], 'c');
    expect(svg).toContain('data-payee="R&lt;1&gt;"');
    expect(svg).toContain('R&lt;1&gt;, 2027: 320% attainment (off the chart)');
    const edge = /<circle class="marker" cx="([\d.]+)"/.exec(svg)![1];
    const last = [...svg.matchAll(/<circle class="point" cx="([\d.]+)"/g)].at(-1)![1];
    expect(edge).toBe(last);
  });

  it('draws nothing for a curve without points', () => {
    expect(curveChart({ ...retroactive, points: [] }, [], 'c')).toBe('');
  });
});
