// The extension's server bundle (packages/vscode/dist/server.cjs) as the client starts it — the
// module with `--stdio` — spoken to over JSON-RPC like the client does: the `incent/preview`
// answer for an open plan renders into the preview page, and an edit brings an
// `incent/previewChanged` notification and a new answer, so the panel follows the plan.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { renderPreviewHtml } from '../../packages/vscode/src/preview-html';
import type { PreviewResponse, PreviewResult } from '../../packages/vscode/src/protocol';
import { MARGINAL_CASE, ROOT } from './preview-fixture';

const SERVER = join(ROOT, 'packages', 'vscode', 'dist', 'server.cjs');
const PLAN = join(MARGINAL_CASE, 'plan.incent');
const URI = pathToFileURL(PLAN).href;

let child: ChildProcess | undefined;
let connection: MessageConnection | undefined;

afterEach(() => {
  connection?.dispose();
  child?.kill();
  connection = undefined;
  child = undefined;
});

async function start(): Promise<{ connection: MessageConnection; changed: () => Promise<string> }> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  child = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting: ((uri: string) => void)[] = [];
  connection.onNotification('incent/previewChanged', (params: { uri: string }) => waiting.shift()?.(params.uri));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'main' }],
  });
  await connection.sendNotification('initialized', {});
  const changed = () => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no incent/previewChanged within 10 s')), 10_000);
    waiting.push((uri) => {
      clearTimeout(timer);
      resolve(uri);
    });
  });
  return { connection, changed };
}

describe('the bundled server behind the preview', () => {
  it('answers incent/preview for an open plan, and notifies and answers again after an edit', async () => {
    const { connection, changed } = await start();
    const text = readFileSync(PLAN, 'utf8');
    const first = changed();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'incent', version: 1, text } });
    expect(await first).toBe(URI);
    const response = await connection.sendRequest<PreviewResponse>('incent/preview', { uri: URI });
    expect('error' in response ? response.error : undefined).toBeUndefined();
    const result = response as PreviewResult;
    expect(result.totals.filter((t) => t.payee === 'R1').map((t) => t.amount)).toEqual(['18500.00', '1000.00', '0.00', '0.00']);
    expect(result.curves.map((c) => c.component)).toEqual(['accelerated']);
    expect(result.lines[0]!.trace?.records?.length).toBe(3);
    const html = renderPreviewHtml(result, { nonce: 'c2VydmVyLXRlc3Qtbm9uY2U=' });
    expect(html).toContain('<h1 id="plan-name">marginal accelerator</h1>');
    expect(html).toContain('data-amount="19500.00"');

    const second = changed();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: text.replace('rate 10%', 'rate 20%') }],
    });
    expect(await second).toBe(URI);
    const edited = (await connection.sendRequest<PreviewResponse>('incent/preview', { uri: URI })) as PreviewResult;
    expect(edited.totals.find((t) => t.payee === 'R1' && t.period === '2027-Q1')?.amount).toBe('37000.00');
  });

  it('answers with a reason the page can show when the plan is broken', async () => {
    const { connection, changed } = await start();
    const text = readFileSync(PLAN, 'utf8').replace('base d.amount', 'base d.amount +');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'incent', version: 1, text } });
    await changed();
    const response = await connection.sendRequest<PreviewResponse>('incent/preview', { uri: URI });
    expect('error' in response && response.reason).toBe('plan-errors');
    expect(renderPreviewHtml(response, { nonce: 'c2VydmVyLXRlc3Qtbm9uY2U=' })).toContain('<h1>The plan has errors</h1>');
  });
});
