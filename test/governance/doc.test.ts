// `incent doc`: golden plan documents for the governance fixtures and the examples, and the
// document checked in headless Chromium — its structure (a section per component, rate and
// tier tables, an SVG payout curve per accelerated commission, worked examples), that it is
// self-contained (no request leaves the page) and escapes what the plan says, and that it
// prints. Screenshots and a PDF go to test-artifacts/governance (git-ignored).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifacts, fixture, incent, presentExamples, ROOT } from './helpers';

const CHROMIUM = '/usr/bin/chromium';

describe('incent doc: golden documents', () => {
  it.each([
    ['enterprise', fixture('enterprise', 'plan.incent'), fixture('enterprise', 'data')],
    ['partner', fixture('partner', 'plan.incent'), fixture('partner', 'data')],
    ...presentExamples().map((name) => [name, join('examples', name, 'plan.incent'), join('examples', name, 'data')] as [string, string, string]),
  ])('%s', async (name, plan, data) => {
    const r = incent(['doc', plan, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).not.toMatch(/<script|<link|\bsrc=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    await expect(r.stdout).toMatchFileSnapshot(`golden/doc-${name}.html`);
  });

  it('without data: the rules, tables and curves, no worked examples', () => {
    const r = incent(['doc', fixture('enterprise', 'plan.incent')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<svg class="curve"');
    expect(r.stdout).not.toContain('Worked examples');
  });

  it('writes the file given with -o; a broken plan exits 1; bad data exits 2', () => {
    const out = artifacts('enterprise-doc.html');
    const r = incent(['doc', fixture('enterprise', 'plan.incent'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(readFileSync(join(ROOT, out), 'utf8')).toMatch(/<\/html>\n$/);
    expect(incent(['doc', 'nope.incent']).code).toBe(1);
    expect(incent(['doc', fixture('enterprise', 'plan.incent'), '--data', fixture('partner', 'data')]).code).toBe(2);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('incent doc in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Generates the document to a file and opens it; every request the page makes is recorded. */
  async function open(name: string, plan: string, data?: string) {
    const path = artifacts(`${name}-doc.html`);
    const r = incent(['doc', plan, ...(data ? ['--data', data] : []), '-o', path]);
    expect(r.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${join(ROOT, path)}`);
    return { page, requests, path };
  }

  const documents = presentExamples().length
    ? presentExamples().map((name) => [name, join('examples', name, 'plan.incent'), join('examples', name, 'data')] as const)
    : [['enterprise', fixture('enterprise', 'plan.incent'), fixture('enterprise', 'data')] as const];

  it.each(documents)('%s: structure, curves, examples, self-contained, printable', async (name, plan, data) => {
    const { page, requests, path } = await open(name, plan, data);
    const ir = JSON.parse(incent(['compile', plan]).stdout) as { plan: { name: string }; components: { name: string; kind: string; accelerate?: unknown; rate?: { k: string } }[] };
    try {
      expect(await page.title()).toBe(`${ir.plan.name} — plan document`);
      expect(await page.locator('h1').textContent()).toBe(ir.plan.name);
      // one section per component, in declaration order, with its kind
      const sections = await page.locator('section.component').evaluateAll((els) => els.map((e) => [e.id, e.getAttribute('data-kind')]));
      expect(sections).toEqual(ir.components.map((c) => [`c-${c.name}`, c.kind]));
      for (const c of ir.components) {
        const section = page.locator(`#c-${c.name}`);
        expect(await section.locator('ul.rule li').count()).toBeGreaterThan(0);
        // an SVG payout curve for each accelerated commission, with a point every 5% to 200%
        const curves = section.locator('svg.curve polyline.payout');
        expect(await curves.count()).toBe(c.accelerate ? 1 : 0);
        if (c.accelerate) {
          const points = (await curves.getAttribute('points'))!.trim().split(/\s+/);
          expect(points).toHaveLength(41);
          expect(await section.locator('p.table-title', { hasText: 'Tiers' }).count()).toBe(1);
        }
        // match and bands rates are tables
        if (c.rate?.k === 'match' || c.rate?.k === 'bands') expect(await section.locator('p.table-title', { hasText: 'Rate' }).count()).toBe(1);
      }
      // worked examples from the data, each record with where it comes from and why
      expect(await page.locator('.example').count()).toBeGreaterThan(0);
      expect(await page.locator('.example tr[data-record] ul.why li').count()).toBeGreaterThan(0);
      // nothing but the file itself is requested: no fonts, scripts, images or styles from elsewhere
      expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
      expect(requests).toHaveLength(1);
      expect(await page.locator('script, link, img, iframe').count()).toBe(0);
      await page.screenshot({ path: join(ROOT, artifacts(`${name}-doc.png`)), fullPage: true });
      // printed: the contents list is hidden and a PDF comes out
      await page.emulateMedia({ media: 'print' });
      const display = (e: unknown) => (globalThis as unknown as { getComputedStyle(x: unknown): { display: string } }).getComputedStyle(e).display;
      expect(await page.locator('nav.toc').evaluate(display)).toBe('none');
      const pdf = await page.pdf({ path: join(ROOT, artifacts(`${name}-doc.pdf`)), format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(existsSync(join(ROOT, path))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('escapes what the plan says: names, doc comments and strings are text, never markup', async () => {
    const plan = artifacts('hostile.incent');
    const text = readFileSync(join(ROOT, fixture('enterprise', 'plan.incent')), 'utf8')
      .replace('plan "Enterprise AE FY2027"', 'plan "<script>alert(1)</script> & <b>bold</b>"')
      .replace('/// Enterprise account executives, fiscal 2027.', '/// Doc with <img src=x onerror=alert(2)> & "quotes" \'apostrophes\'')
      .replace('d.product == "Bundle"', 'd.product == "<i>Bundle</i>"');
    writeFileSync(join(ROOT, plan), text);
    const { page, requests } = await open('hostile', plan);
    try {
      expect(await page.locator('h1').textContent()).toBe('<script>alert(1)</script> & <b>bold</b>');
      expect(await page.locator('p.intro').textContent()).toBe('Doc with <img src=x onerror=alert(2)> & "quotes" \'apostrophes\'');
      expect(await page.locator('#c-bundle_push').textContent()).toContain('"<i>Bundle</i>"');
      expect(await page.locator('script, img, b, i').count()).toBe(0);
      expect(requests).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  it('a statement (explain --format html) renders its lines and records', async () => {
    const path = artifacts('statement-R1.html');
    const r = incent(['explain', fixture('enterprise', 'plan.incent'), '--data', fixture('enterprise', 'data'), '--payee', 'R1', '--period', '2027-Q1', '--format', 'html', '-o', path]);
    expect(r.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    try {
      await page.goto(`file://${join(ROOT, path)}`);
      expect(await page.locator('section.line').evaluateAll((els) => els.map((e) => e.getAttribute('data-component')))).toEqual(['new_business', 'presidents_club', 'bundle_push']);
      expect(await page.locator('tr[data-record="D04"]').getAttribute('data-outcome')).toBe('gated');
      expect(await page.locator('table.summary tr').last().textContent()).toContain('19,970.00');
      await page.screenshot({ path: join(ROOT, artifacts('statement-R1.png')), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
