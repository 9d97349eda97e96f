// The payout preview over LSP: preview data found by convention (incent.json, a data/ folder,
// the plan's own folder), paths kept inside the workspace, the `incent/preview` request (the
// same lines and totals as `incent run`, with traces and payout curves), code lenses with each
// component's total, hover totals, and `incent/previewChanged` after an edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { isPreviewError, PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewError, type PreviewResponse, type PreviewResult } from '@incent/language-server/protocol';
import { incent } from '../helpers/cli';
import { positionOf, ROOT, startClient, uriOf, type LspClient } from './client';

const CASE = join(ROOT, 'test', 'conformance', 'cases', '04-marginal-accelerator');
const EXAMPLE = join(ROOT, 'examples', 'enterprise-ae');
const work = mkdtempSync(join(tmpdir(), 'incent-lsp-preview-'));
const cleanup: string[] = [work];
let client: LspClient;

beforeAll(async () => {
  // a workspace with: incent.json at its root pointing into fixtures/, a plan two folders down,
  // a data/ folder beside another plan, and a plan with nothing
  mkdirSync(join(work, 'fixtures', 'data'), { recursive: true });
  for (const f of ['reps.csv', 'deals.csv']) cpSync(join(CASE, f), join(work, 'fixtures', 'data', f));
  writeFileSync(join(work, 'incent.json'), JSON.stringify({ previewData: 'fixtures/data' }));
  mkdirSync(join(work, 'plans', 'q1'), { recursive: true });
  cpSync(join(CASE, 'plan.incent'), join(work, 'plans', 'q1', 'plan.incent'));
  client = await startClient({ rootUri: uriOf(work) });
});
afterAll(async () => {
  await client.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

let opened = 0;
function openFile(path: string, text = readFileSync(path, 'utf8')): string {
  const uri = uriOf(path);
  client.open(uri, text, 1);
  opened++;
  return uri;
}

const preview = (uri: string): Promise<PreviewResponse> => client.request(PREVIEW_REQUEST, { uri });

function stripTraces(report: { lines: { trace?: unknown }[] }) {
  return report.lines.map(({ trace: _trace, ...line }) => line);
}

describe('finding preview data', () => {
  it('the plan’s own folder, when it holds a file for every input', async () => {
    const uri = openFile(join(CASE, 'plan.incent'));
    const r = await preview(uri);
    expect(isPreviewError(r)).toBe(false);
    const result = r as PreviewResult;
    expect(result.dataSource).toBe('plan-folder');
    expect(result.dataFolder).toBe(CASE);
    // the same lines and totals as `incent run`
    const cli = incent(['run', join(CASE, 'plan.incent'), '--data', CASE, '--format', 'json']).json;
    expect(stripTraces(result)).toEqual(cli.lines);
    expect(result.totals).toEqual(cli.totals);
    expect(result.plan).toEqual(cli.plan);
    expect(result.periods).toEqual(cli.periods);
    expect(result.currency).toBe('USD');
    expect(result.summary.records).toEqual(cli.summary.records);
    // traces on every line
    expect(result.lines.every((l) => l.trace !== undefined)).toBe(true);
    expect(result.lines[0]!.trace!.records!.length).toBeGreaterThan(0);
    // the payout curve of the accelerated commission, 0%..200%
    expect(result.curves.map((c) => c.component)).toEqual(['accelerated']);
    const points = result.curves[0]!.points;
    expect(points[0]).toMatchObject({ attainment: '0', payout: '0' });
    expect(points[points.length - 1]!.attainment).toBe('2');
    expect(points.find((p) => p.attainment === '1.5')!.factor).toBe('2');
    // component totals
    expect(result.components).toEqual([expect.objectContaining({ name: 'accelerated', kind: 'commission', total: '22500.00', unit: 'USD', lines: 3 })]);
  });

  it('an incent.json above the plan, relative to itself', async () => {
    const r = await preview(openFile(join(work, 'plans', 'q1', 'plan.incent')));
    expect(r).toMatchObject({ dataSource: 'incent.json', dataFolder: join(work, 'fixtures', 'data') });
    expect((r as PreviewResult).components[0]!.total).toBe('22500.00');
  });

  it('a data/ folder beside the plan (the enterprise AE example)', async () => {
    const uri = openFile(join(EXAMPLE, 'plan.incent'));
    const r = await preview(uri);
    if (isPreviewError(r)) throw new Error(r.error + (r.details ?? []).join('\n'));
    expect(r.dataSource).toBe('data-folder');
    expect(r.dataFolder).toBe(join(EXAMPLE, 'data'));
    const cli = incent(['run', join(EXAMPLE, 'plan.incent'), '--data', join(EXAMPLE, 'data'), '--format', 'json']).json;
    expect(stripTraces(r)).toEqual(cli.lines);
    expect(r.totals).toEqual(cli.totals);
  });

  it('no data: an error saying where data may go, and no code lenses', async () => {
    const dir = join(work, 'lonely');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'plan.incent');
    writeFileSync(path, readFileSync(join(CASE, 'plan.incent')));
    writeFileSync(join(dir, 'incent.json'), JSON.stringify({ other: 'setting' }));
    // an incent.json without previewData does not count; the one at the root does: use a workspace of its own
    const own = await startClient({ rootUri: uriOf(dir) });
    try {
      own.open(uriOf(path), readFileSync(path, 'utf8'));
      const r = await own.request(PREVIEW_REQUEST, { uri: uriOf(path) }) as PreviewError;
      expect(r.reason).toBe('no-data');
      expect(r.error).toContain('incent.json');
      expect(await own.request('textDocument/codeLens', { textDocument: { uri: uriOf(path) } })).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it('refuses incent.json paths that escape the workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'incent-lsp-outside-'));
    const inside = mkdtempSync(join(tmpdir(), 'incent-lsp-ws-'));
    try {
      mkdirSync(join(outside, 'data'));
      mkdirSync(join(inside, 'data'));
      for (const dir of [join(outside, 'data'), join(inside, 'data')]) for (const f of ['reps.csv', 'deals.csv']) cpSync(join(CASE, f), join(dir, f));
      const path = join(inside, 'plan.incent');
      const text = readFileSync(join(CASE, 'plan.incent'), 'utf8');
      writeFileSync(path, text);
      const own = await startClient({ rootUri: uriOf(inside) });
      try {
        own.open(uriOf(path), text);
        for (const previewData of [`../${outside.split(/[\\/]/).pop()}/data`, join(outside, 'data'), '../../../../../../../../etc']) {
          writeFileSync(join(inside, 'incent.json'), JSON.stringify({ previewData }));
          const r = await own.request(PREVIEW_REQUEST, { uri: uriOf(path) }) as PreviewError;
          expect(r.reason, previewData).toBe('bad-config');
          expect(r.error).toContain('outside');
        }
        // an absolute path inside the workspace is fine
        writeFileSync(join(inside, 'incent.json'), JSON.stringify({ previewData: join(inside, 'data') }));
        expect(await own.request(PREVIEW_REQUEST, { uri: uriOf(path) })).toMatchObject({ dataSource: 'incent.json' });
        writeFileSync(join(inside, 'incent.json'), '{ not json');
        expect(await own.request(PREVIEW_REQUEST, { uri: uriOf(path) })).toMatchObject({ reason: 'bad-config' });
      } finally {
        await own.stop();
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(inside, { recursive: true, force: true });
    }
  });
});

describe('preview results and failures', () => {
  it('plan errors, data errors and documents that are not open', async () => {
    // outside the workspace (whose incent.json would win): a data/ folder beside the plan
    const dir = mkdtempSync(join(tmpdir(), 'incent-lsp-bad-'));
    cleanup.push(dir);
    mkdirSync(join(dir, 'data'), { recursive: true });
    cpSync(join(CASE, 'reps.csv'), join(dir, 'data', 'reps.csv'));
    writeFileSync(join(dir, 'data', 'deals.csv'), readFileSync(join(CASE, 'deals.csv'), 'utf8').replace('60000.00', '60k'));
    const path = join(dir, 'plan.incent');
    const text = readFileSync(join(CASE, 'plan.incent'), 'utf8');
    writeFileSync(path, text);
    const uri = openFile(path);
    const data = await preview(uri) as PreviewError;
    expect(data.reason).toBe('data-errors');
    expect(data.details![0]).toMatch(/^deals\.csv:2 \(amount\): /);
    const broken = uriOf(join(dir, 'broken.incent'));
    client.open(broken, text.replace('rate 10%', 'rate 0.1'));
    const plan = await preview(broken) as PreviewError;
    expect(plan.reason).toBe('plan-errors');
    expect(plan.details![0]).toContain('E210');
    const lenses: CodeLens[] = await client.request('textDocument/codeLens', { textDocument: { uri: broken } });
    expect(lenses.length).toBe(1);
    expect(lenses[0]!.command!.title).toContain('the plan has 1 error');
    expect(await preview('file:///not/open.incent')).toMatchObject({ reason: 'not-open' });
  });
});

describe('code lenses, hover totals and previewChanged', () => {
  it('a lens above each component with its total on the preview data', async () => {
    const path = join(EXAMPLE, 'plan.incent');
    const text = readFileSync(path, 'utf8');
    const uri = uriOf(path);
    const r = await preview(uri) as PreviewResult;
    const lenses: CodeLens[] = await client.request('textDocument/codeLens', { textDocument: { uri } });
    const lines = text.split('\n');
    const components = lines.map((l, i) => [l, i] as const).filter(([l]) => /^(commission|bonus|spiff|clawback|draw|reward) /.test(l));
    expect(lenses.map((l) => l.range.start.line)).toEqual(components.map(([, i]) => i));
    const nb = r.components.find((c) => c.name === 'new_business')!;
    const lens = lenses[components.findIndex(([l]) => l.startsWith('commission new_business'))]!;
    const grouped = nb.total.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(lens.command!.title).toContain(`${grouped.replace(/,(?=\d*\.)/g, ',')} USD on preview data`);
    expect(lens.command!.command).toBe('incent.showPreview');
    expect(lens.command!.arguments).toEqual([uri, 'new_business']);
    // hover on the component shows the same total
    const hover: Hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'commission new_business', 12) });
    expect(JSON.stringify(hover.contents)).toContain('Preview total');
  });

  it('re-evaluates after an edit and notifies incent/previewChanged', async () => {
    const path = join(work, 'plans', 'q1', 'plan.incent');
    const uri = uriOf(path);
    const text = readFileSync(path, 'utf8');
    const before = await preview(uri) as PreviewResult;
    const seen = client.notifications.filter((n) => n.method === PREVIEW_CHANGED_NOTIFICATION && n.params.uri === uri).length;
    const at = text.indexOf('rate 10%');
    const start = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at) - 1 + 5 };
    client.change(uri, 2, [{ range: { start, end: { line: start.line, character: start.character + 3 } }, text: '20%' }]);
    await client.waitFor(PREVIEW_CHANGED_NOTIFICATION, (p) => p.uri === uri && client.notifications.filter((n) => n.method === PREVIEW_CHANGED_NOTIFICATION && n.params.uri === uri).length > seen);
    const after = await preview(uri) as PreviewResult;
    expect(after.version).toBe(2);
    expect(after.components[0]!.total).toBe('45000.00');
    expect(before.components[0]!.total).toBe('22500.00');
  });
});

describe('data files changing on disk', () => {
  it('the server watches data files and re-evaluates the preview when one changes', async () => {
    expect(client.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
    const path = join(work, 'plans', 'q1', 'plan.incent');
    const uri = uriOf(path);
    const before = await preview(uri) as PreviewResult;
    const count = () => client.notifications.filter((n) => n.method === PREVIEW_CHANGED_NOTIFICATION && n.params.uri === uri).length;
    const seen = count();
    const deals = join(work, 'fixtures', 'data', 'deals.csv');
    const csv = readFileSync(deals, 'utf8');
    writeFileSync(deals, csv.split('\n').filter((line) => !line.startsWith('D4,')).join('\n'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(deals), type: 2 }] });
    await client.waitFor(PREVIEW_CHANGED_NOTIFICATION, () => count() > seen);
    const after = await preview(uri) as PreviewResult;
    expect(after.components[0]!.total).not.toBe(before.components[0]!.total);
    writeFileSync(deals, csv);
  });
});

describe('previews run off the main thread', () => {
  it('hover answers while a slow preview evaluates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incent-lsp-slow-'));
    cleanup.push(dir);
    mkdirSync(join(dir, 'data'));
    cpSync(join(CASE, 'reps.csv'), join(dir, 'data', 'reps.csv'));
    const [header, ...rows] = readFileSync(join(CASE, 'deals.csv'), 'utf8').trim().split('\n');
    const many = [header];
    for (let i = 0; i < 4000; i++) for (const row of rows) many.push(row.replace(/^D(\d+)/, `D$1-${i}`));
    writeFileSync(join(dir, 'data', 'deals.csv'), `${many.join('\n')}\n`);
    const path = join(dir, 'plan.incent');
    const text = readFileSync(join(CASE, 'plan.incent'), 'utf8');
    writeFileSync(path, text);
    const uri = openFile(path, text);
    let previewDone = 0;
    const pending = preview(uri).then((r) => { previewDone = performance.now(); return r; });
    await new Promise((r) => setTimeout(r, 20));
    const hovered = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'd.amount', 3) });
    const hoverDone = performance.now();
    expect(JSON.stringify(hovered)).toContain('Money');
    const result = await pending;
    expect(isPreviewError(result)).toBe(false);
    expect(hoverDone).toBeLessThan(previewDone);
    expect(client.logs.filter((l) => l.includes('main thread'))).toEqual([]);
  });
});

void opened;

describe('the editor’s data folder and the IR', () => {
  it('a dataFolder in the request (the incent.previewData setting) replaces the conventions until a request comes without it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'incent-lsp-chosen-'));
    cleanup.push(other);
    for (const f of ['reps.csv', 'deals.csv']) cpSync(join(CASE, f), join(other, f));
    // one deal less than the case's own data: R2's Q1 loses D4 (3,000.00)
    writeFileSync(join(other, 'deals.csv'), readFileSync(join(CASE, 'deals.csv'), 'utf8').replace(/^D4,.*\n/m, ''));
    const uri = openFile(join(CASE, 'plan.incent'));
    const chosen = await client.request(PREVIEW_REQUEST, { uri, dataFolder: other }) as PreviewResult;
    expect(chosen.dataSource).toBe('setting');
    expect(chosen.dataFolder).toBe(other);
    expect(chosen.totals.find((t) => t.payee === 'R2' && t.period === '2027-Q1')!.amount).toBe('0.00');
    const missing = await client.request(PREVIEW_REQUEST, { uri, dataFolder: join(other, 'nope') }) as PreviewError;
    expect(missing.reason).toBe('no-data');
    expect(missing.error).toContain('incent.previewData');
    const back = await preview(uri) as PreviewResult;
    expect(back.dataSource).toBe('plan-folder');
    expect(back.totals.find((t) => t.payee === 'R2' && t.period === '2027-Q1')!.amount).toBe('3000.00');
  });

  it('incent/compile returns the IR that `incent compile` writes, or why not', async () => {
    const uri = openFile(join(CASE, 'plan.incent'));
    const r = await client.request('incent/compile', { uri }) as { uri: string; ir: { plan: { name: string } } };
    const ir = join(mkdtempSync(join(tmpdir(), 'incent-lsp-ir-')), 'plan.ir.json');
    incent(['compile', join(CASE, 'plan.incent'), '-o', ir]);
    const cli = JSON.parse(readFileSync(ir, 'utf8'));
    expect({ ...r.ir, plan: { ...r.ir.plan, source: '' } }).toEqual({ ...cli, plan: { ...cli.plan, source: '' } });
    const broken = openFile(join(work, 'broken.incent'), 'plan "x" { version 1 }\n');
    expect(await client.request('incent/compile', { uri: broken })).toEqual({ uri: broken, error: expect.stringMatching(/^the plan has \d+ errors?/) });
  });
});
