// The payout preview page in headless Chromium: the HTML that the extension puts in its webview,
// rendered from real previews (test/vscode/preview-fixture.ts), checked through the DOM — the
// totals, the payout-curve chart, the drill-down, the Content-Security-Policy, escaping, theme
// colours — and photographed into test-artifacts/vscode/. With INCENT_UPDATE_IMAGES=1 it also
// refreshes the extension's README screenshot and icon (packages/vscode/images).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPreviewHtml } from '../../packages/vscode/src/preview-html';
import type { PreviewResult } from '../../packages/vscode/src/protocol';
import { HAS_CHROMIUM, launchChromium, openHtml, CHROMIUM } from './chromium';
import { enterprisePreview, marginalPreview, ROOT } from './preview-fixture';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'vscode');
const IMAGES = join(ROOT, 'packages', 'vscode', 'images');
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

if (!HAS_CHROMIUM) console.warn(`preview browser tests skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run does)`);

describe.skipIf(!HAS_CHROMIUM)('the payout preview in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const marginal = () => openHtml(browser, renderPreviewHtml(marginalPreview(), { nonce: NONCE }), { theme: 'dark' });

  it('shows the payout table per payee and period, with totals', async () => {
    const { page } = await marginal();
    const cells = (selector: string) => page.locator(selector).locator('td').allTextContents();
    expect(await page.locator('table.totals thead th').allTextContents()).toEqual(['Payee', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', 'Total']);
    expect(await cells('table.totals tr[data-payee="R1"]')).toEqual(['18,500.00', '1,000.00', '0.00', '0.00', '19,500.00']);
    expect(await cells('table.totals tr[data-payee="R2"]')).toEqual(['3,000.00', '0.00', '0.00', '0.00', '3,000.00']);
    expect(await cells('table.totals tr.all-payees')).toEqual(['All payees', '21,500.00', '1,000.00', '0.00', '0.00', '22,500.00']);
    expect(await page.locator('#grand-total').textContent()).toBe('22,500.00 USD');
    expect(await page.locator('#plan-name').textContent()).toBe('marginal accelerator');
    // The lines of each payee, with each period's total.
    const r1 = page.locator('section.payee[data-payee="R1"]');
    expect(await r1.locator('tr.line td.num').allTextContents()).toEqual(['18,500.00', '1,000.00']);
    expect(await r1.locator('tr.total td.num').allTextContents()).toEqual(['18,500.00', '1,000.00']);
    expect(await page.locator('table.components tr[data-component="accelerated"] td').allTextContents()).toEqual(['accelerated', 'commission', '3', '22,500.00']);
    await page.close();
  });

  it('draws the payout curve of the accelerated commission as SVG', async () => {
    const { page } = await marginal();
    const chart = page.locator('svg.curve-chart[data-component="accelerated"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('data-mode')).toBe('marginal');
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(150);
    // 0% to 200% in steps of 5%: 41 points; the polyline goes through each.
    const points = chart.locator('circle.point');
    expect(await points.count()).toBe(41);
    const polyline = (await chart.locator('polyline.curve').getAttribute('points'))!.trim().split(/\s+/);
    expect(polyline).toHaveLength(41);
    const payouts = await points.evaluateAll((els) => els.map((e) => [e.getAttribute('data-attainment'), e.getAttribute('data-payout'), e.getAttribute('data-factor')]));
    expect(payouts.find((p) => p[0] === '1')).toEqual(['1', '1', '1.5']);
    expect(payouts.find((p) => p[0] === '1.5')).toEqual(['1.5', '1.75', '2']);
    expect(payouts.at(-1)).toEqual(['2', '2.75', '2']);
    // The curve rises: y (downwards in SVG) falls as attainment grows, faster past each tier.
    const ys = polyline.map((xy) => Number(xy.split(',')[1]));
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]!);
    const slope = (i: number) => ys[i - 1]! - ys[i]!;
    expect(slope(40)).toBeGreaterThan(slope(25));
    expect(slope(25)).toBeGreaterThan(slope(10));
    expect(await chart.locator('.tier-label').allTextContents()).toEqual(['×1', '×1.5', '×2']);
    // Where each payee ended a period: R1 at 155% and 10%, R2 at 120%.
    const markers = await chart.locator('circle.marker').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-payee')} ${e.getAttribute('data-period')} ${e.getAttribute('data-attainment')}`));
    expect(markers.sort()).toEqual(['R1 2027-Q1 1.55', 'R1 2027-Q2 0.1', 'R2 2027-Q1 1.2']);
    await page.close();
  });

  it('drills down from a line to its explanation', async () => {
    const { page, errors } = await marginal();
    const row = page.locator('tr.line[data-payee="R1"][data-period="2027-Q1"]');
    const trace = page.locator(`#${await row.getAttribute('aria-controls')}`);
    expect(await trace.isVisible()).toBe(false);
    await row.click();
    expect(await trace.isVisible()).toBe(true);
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    expect(await trace.locator('tr.record a').allTextContents()).toEqual(['D1', 'D2', 'D3']);
    const d2 = trace.locator('tr.record[data-record="D2"]');
    expect(await d2.locator('li.slice').allTextContents()).toEqual(['60%–100%: 40,000 × 1 → 4,000', '100%–110%: 10,000 × 1.5 → 1,500']);
    expect(await d2.locator('a').getAttribute('data-file')).toBe('deals.csv');
    expect(await d2.locator('a').getAttribute('data-line')).toBe('3');
    expect(await trace.locator('.trace-summary').first().textContent()).toContain('attainment 0% → 155%');
    await row.click();
    expect(await trace.isVisible()).toBe(false);
    // From the keyboard too; R2's D5 was gated out on margin but counted toward attainment.
    const r2 = page.locator('tr.line[data-payee="R2"]');
    await r2.focus();
    await page.keyboard.press('Enter');
    const r2Trace = page.locator(`#${await r2.getAttribute('aria-controls')}`);
    expect(await r2Trace.isVisible()).toBe(true);
    expect(await r2Trace.locator('tr.record[data-record="D5"] .gate').textContent()).toContain('d.margin >= 20%');
    // Expand all, collapse all.
    await page.getByText('Expand all').click();
    expect(await page.locator('tr.trace:visible').count()).toBe(3);
    await page.getByText('Collapse all').click();
    expect(await page.locator('tr.trace:visible').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('talks to the extension: opens records and components, and keeps open lines across a refresh', async () => {
    // The webview API, as VS Code provides it to the page: state and messages.
    const withApi = async (state: unknown) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      page.setDefaultTimeout(5_000);
      // Set up before the content: setContent writes into the same window (document.open keeps its globals).
      await page.evaluate((saved) => {
        const g = globalThis as any;
        g.__messages = [];
        g.__state = saved;
        g.acquireVsCodeApi = () => ({ getState: () => g.__state, setState: (s: unknown) => void (g.__state = s), postMessage: (m: unknown) => void g.__messages.push(m) });
      }, state);
      const preview = marginalPreview();
      await page.setContent(renderPreviewHtml(preview, { nonce: NONCE, uri: preview.uri }));
      return page;
    };
    const page = await withApi(undefined);
    await page.locator('tr.line[data-payee="R2"]').click();
    await page.locator('tr.record[data-record="D5"] a').click();
    await page.locator('table.components a[data-component="accelerated"]').click();
    expect(await page.evaluate(() => (globalThis as any).__messages)).toEqual([
      { type: 'openRecord', file: 'deals.csv', line: 6 },
      { type: 'revealComponent', component: 'accelerated' },
    ]);
    const state = await page.evaluate(() => (globalThis as any).__state);
    expect(state.uri).toBe(marginalPreview().uri);
    expect(state.open).toEqual([JSON.stringify(['R2', '2027-Q1', 'accelerated'])]);
    await page.close();
    // The page after a refresh (new HTML, same webview state): the same line is open.
    const again = await withApi(state);
    expect(await again.locator('tr.trace:visible').count()).toBe(1);
    expect(await again.locator('tr.line[data-payee="R2"]').getAttribute('aria-expanded')).toBe('true');
    await again.close();
  });

  it('keeps to its Content-Security-Policy: no requests, no inline code but its own', async () => {
    const { page, console, errors, requests } = await marginal();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toBe(`default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src data:; base-uri 'none'; form-action 'none'`);
    // Every script and style carries the nonce.
    expect(await page.locator('script:not([nonce]), style:not([nonce])').count()).toBe(0);
    // An inline script without the nonce does not run.
    await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const script = doc.createElement('script');
      script.textContent = 'globalThis.__injected = true';
      doc.body.appendChild(script);
    });
    expect(await page.evaluate(() => (globalThis as any).__injected)).toBeUndefined();
    expect(console.some((m) => m.includes('Content Security Policy'))).toBe(true);
    expect(console.filter((m) => m.includes('Content Security Policy') && !m.includes('inline script'))).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('escapes every value from the data', async () => {
    const hostile = hostilePreview();
    const { page, errors } = await openHtml(browser, renderPreviewHtml(hostile, { nonce: NONCE, focus: hostile.lines[0]!.component }));
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(await page.locator('#plan-name').textContent()).toBe(hostile.plan.name);
    expect(await page.locator('img, iframe, object, embed, form, b.injected, svg[onload]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const payee = hostile.lines[0]!.payee;
    expect(await page.locator('section.payee h3').first().textContent()).toContain(payee);
    await page.locator('tr.line').first().click();
    expect(await page.locator('tr.record a').first().textContent()).toBe(hostile.lines[0]!.trace!.records![0]!.record);
    expect(await page.locator('tr.record a').first().getAttribute('data-file')).toBe(hostile.lines[0]!.trace!.records![0]!.file);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the theme: VS Code colour variables, with fallbacks', async () => {
    const background = async (theme?: 'dark' | 'light') => {
      const { page } = await openHtml(browser, renderPreviewHtml(marginalPreview(), { nonce: NONCE }), { theme });
      const colours = await page.evaluate(() => {
        const g = globalThis as any;
        const style = (selector: string) => g.getComputedStyle(g.document.querySelector(selector));
        return { body: style('body').backgroundColor, text: style('body').color, curve: style('polyline.curve').stroke };
      });
      await page.close();
      return colours;
    };
    expect(await background('dark')).toEqual({ body: 'rgb(31, 31, 31)', text: 'rgb(204, 204, 204)', curve: 'rgb(55, 148, 255)' });
    expect(await background('light')).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(59, 59, 59)', curve: 'rgb(26, 133, 255)' });
    expect((await background()).body).toBe('rgb(255, 255, 255)');
  });

  it('shows why there is no preview', async () => {
    const html = renderPreviewHtml({
      uri: 'file:///plans/plan.incent', reason: 'data-errors', error: '2 data errors in /plans/data', dataFolder: '/plans/data',
      details: ['deals.csv:3 (amount): not a decimal number: write 12.5', 'deals.csv:9 (owner): <unknown> payee R9'],
    }, { nonce: NONCE, fileName: 'plan.incent' });
    const { page } = await openHtml(browser, html, { theme: 'dark' });
    expect(await page.locator('#preview-error').getAttribute('data-reason')).toBe('data-errors');
    expect(await page.locator('#preview-error h1').textContent()).toBe('The preview data has errors');
    expect(await page.locator('#preview-error li').allTextContents()).toEqual([
      'deals.csv:3 (amount): not a decimal number: write 12.5', 'deals.csv:9 (owner): <unknown> payee R9',
    ]);
    await page.close();
  });

  it('renders the enterprise AE example and keeps a screenshot', async () => {
    const found = enterprisePreview();
    const preview = { ...found, dataFolder: relative(ROOT, found.dataFolder) }; // no machine paths in the picture
    const { page, errors } = await openHtml(browser, renderPreviewHtml(preview, { nonce: NONCE }), { theme: 'dark', height: 1240 });
    const payees = new Set(preview.totals.map((t) => t.payee));
    expect(await page.locator('table.totals tbody tr').count()).toBe(payees.size);
    expect(await page.locator('section.payee').count()).toBe(payees.size);
    expect(await page.locator('tr.line').count()).toBe(preview.lines.length);
    expect(await page.locator('svg.curve-chart').count()).toBe(preview.curves.length);
    // The grand total is the sum of the period columns.
    const footer = await page.locator('table.totals tr.all-payees td').allTextContents();
    expect(await page.locator('#grand-total').textContent()).toBe(`${footer.at(-1)} USD`);
    await page.locator('tr.line').first().click();
    const screenshot = join(ARTIFACTS, 'preview.png');
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-full.png'), fullPage: true });
    if (process.env.INCENT_UPDATE_IMAGES) writeFileSync(join(IMAGES, 'preview.png'), readFileSync(screenshot));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the extension icon (128×128) from icon.svg', async () => {
    const svg = readFileSync(join(IMAGES, 'icon.svg'), 'utf8');
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<!DOCTYPE html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`);
    const box = await page.locator('svg').first().boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 128, height: 128 });
    const icon = join(ARTIFACTS, 'icon.png');
    await page.screenshot({ path: icon, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
    expect(statSync(icon).size).toBeGreaterThan(1_000);
    if (process.env.INCENT_UPDATE_IMAGES) writeFileSync(join(IMAGES, 'icon.png'), readFileSync(icon));
    await page.close();
  });
});

/** A preview whose every string tries to break out of its context. */
function hostilePreview(): PreviewResult {
  const base = marginalPreview();
  const evil = (tag: string) => `${tag}"><img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script></style></td><b class="injected">x</b>'`;
  const payee = evil('R1');
  const component = evil('accelerated');
  const period = evil('2027-Q1');
  const line = base.lines[0]!;
  const record = line.trace!.records![0]!;
  return {
    ...base,
    plan: { ...base.plan, name: evil('Plan <svg onload="globalThis.__pwned=3">') },
    dataFolder: evil('/data'),
    lines: [{
      ...line, payee, component, period,
      trace: { ...line.trace!, records: [{ ...record, record: evil('D1'), file: evil('deals.csv'), gate: { failed: evil('d.margin >= 20%'), left: evil('1'), right: evil('2') } }] },
    }],
    periods: [period],
    totals: [{ payee, period, amount: '18500.00' }],
    components: [{ ...base.components[0]!, name: component }],
    curves: base.curves.map((c) => ({ ...c, component })),
    metrics: { [evil('metric')]: evil('0.5') },
    summary: { ...base.summary, notes: [evil('note')], pending: [{ payee, component, record: evil('D9'), date: evil('2028-01-01') }] },
    warnings: [evil('warning')],
  };
}
