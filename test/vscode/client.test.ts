// The extension's client code without VS Code: `vscode` is the stub of vscode-stub.ts and the
// language client a fake that records requests, so the tests drive activation, the commands,
// the settings and the preview panel and look at what the extension asked of VS Code and of the
// server. The real bundle is loaded too (dist/extension.cjs, `vscode` external) to check the server
// options it builds with the real vscode-languageclient.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as vscode from './vscode-stub';
import { changeSettings, extensionContext, openEditor, resetStub, stub, Uri } from './vscode-stub';
import { marginalPreview, ROOT } from './preview-fixture';

const fake = vi.hoisted(() => {
  class FakeLanguageClient {
    static instances: FakeLanguageClient[] = [];
    started = false;
    stopped = false;
    readonly requests: { method: string; params: any }[] = [];
    readonly handlers = new Map<string, (params: any) => void>();
    respond: (method: string, params: any) => unknown = () => undefined;
    constructor(readonly id: string, readonly name: string, readonly serverOptions: any, readonly clientOptions: any) {
      FakeLanguageClient.instances.push(this);
    }
    async start() {
      this.started = true;
    }
    async stop() {
      this.stopped = true;
    }
    async sendRequest(method: string, params: any) {
      this.requests.push({ method, params });
      return this.respond(method, params);
    }
    onNotification(method: string, handler: (params: any) => void) {
      this.handlers.set(method, handler);
      return { dispose: () => this.handlers.delete(method) };
    }
  }
  return { FakeLanguageClient };
});

vi.mock('vscode', () => import('./vscode-stub'));
vi.mock('vscode-languageclient/node', () => ({
  LanguageClient: fake.FakeLanguageClient,
  TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 },
}));

const { activate, deactivate, COMMANDS } = await import('../../packages/vscode/src/extension');
const manifest = createRequire(import.meta.url)('../../packages/vscode/package.json');

const EXTENSION = join(ROOT, 'packages', 'vscode');
const PLAN = join(ROOT, 'test', 'conformance', 'cases', '04-marginal-accelerator', 'plan.incent');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function activated() {
  const context = extensionContext(EXTENSION);
  await activate(context as any);
  const client = fake.FakeLanguageClient.instances.at(-1)!;
  return { context, client };
}

beforeEach(() => {
  resetStub();
  fake.FakeLanguageClient.instances.length = 0;
});

describe('activation', () => {
  it('starts the language client on the bundled server and registers the commands', async () => {
    const { context, client } = await activated();
    expect(client.started).toBe(true);
    // The id `incent` is what makes the client read the `incent.trace.server` setting.
    expect(client.id).toBe('incent');
    expect(client.serverOptions.run).toEqual({ module: join(EXTENSION, 'dist', 'server.cjs'), transport: 0 });
    expect(client.serverOptions.debug.module).toBe(join(EXTENSION, 'dist', 'server.cjs'));
    expect(client.serverOptions.debug.options.execArgv).toContain('--inspect=6009');
    expect(client.clientOptions.documentSelector).toEqual([{ scheme: 'file', language: 'incent' }, { scheme: 'untitled', language: 'incent' }]);
    expect([...stub.commands.keys()].sort()).toEqual(['incent.compileToIr', 'incent.formatPlan', 'incent.showPreview']);
    expect(stub.serializers.has('incent.preview')).toBe(true);
    // Everything registered is disposed with the extension.
    expect(context.subscriptions.length).toBeGreaterThanOrEqual(4);
    for (const d of context.subscriptions) d.dispose();
    expect(stub.commands.size).toBe(0);
    await deactivate();
    expect(client.stopped).toBe(true);
  });

  it('declares in its manifest what it registers and reads', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(contributed).toEqual(Object.values(COMMANDS).sort());
    for (const c of manifest.contributes.commands) expect(c.category).toBe('Incent');
    expect(manifest.contributes.commands.map((c: { title: string }) => `Incent: ${c.title}`).sort()).toEqual([
      'Incent: Compile to IR', 'Incent: Format Plan', 'Incent: Preview Payouts',
    ]);
    const settings = manifest.contributes.configuration.properties;
    expect(Object.keys(settings).sort()).toEqual(['incent.previewData', 'incent.trace.server']);
    expect(settings['incent.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
    expect(settings['incent.previewData'].type).toBe('string');
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(manifest.activationEvents).toContain('onWebviewPanel:incent.preview');
    expect(manifest.contributes.languages[0]).toMatchObject({ id: 'incent', extensions: ['.incent'], configuration: './dist/language-configuration.json' });
    expect(manifest.contributes.grammars[0]).toEqual({ language: 'incent', scopeName: 'source.incent', path: './dist/incent.tmLanguage.json' });
  });
});

describe('Incent: Preview Payouts', () => {
  it('opens a webview beside the editor with the server\'s preview, and refreshes it when the server says so', async () => {
    const { client } = await activated();
    const preview = marginalPreview();
    client.respond = (method) => (method === 'incent/preview' ? preview : undefined);
    openEditor(PLAN);
    await vscode.commands.executeCommand('incent.showPreview');
    expect(stub.panels).toHaveLength(1);
    const panel = stub.panels[0]!;
    expect(panel.viewType).toBe('incent.preview');
    expect(panel.showOptions).toEqual({ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    expect(panel.webview.options).toEqual({ enableScripts: true, localResourceRoots: [] });
    expect(client.requests).toEqual([{ method: 'incent/preview', params: { uri: Uri.file(PLAN).toString() } }]);
    expect(panel.title).toBe('Payouts: plan.incent');
    expect(panel.webview.html).toContain('<h1 id="plan-name">marginal accelerator</h1>');
    expect(panel.webview.html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-[^&]+&#39;/);
    // An edit: the server re-evaluates and notifies; the panel asks again and re-renders.
    client.respond = () => ({ ...preview, plan: { ...preview.plan, name: 'edited plan' } });
    client.handlers.get('incent/previewChanged')!({ uri: Uri.file(PLAN).toString() });
    await flush();
    expect(client.requests).toHaveLength(2);
    expect(panel.webview.html).toContain('<h1 id="plan-name">edited plan</h1>');
    // A notification for another plan changes nothing.
    client.handlers.get('incent/previewChanged')!({ uri: 'file:///elsewhere/other.incent' });
    await flush();
    expect(client.requests).toHaveLength(2);
    // Each render has its own nonce.
    const nonces = panel.webview.htmlHistory.map((html) => /nonce="([^"]+)"/.exec(html)?.[1]);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Showing it again reveals the same panel.
    await vscode.commands.executeCommand('incent.showPreview');
    expect(stub.panels).toHaveLength(1);
    expect(panel.revealed).toHaveLength(1);
  });

  it('sends the incent.previewData setting as an absolute data folder, and refreshes when it changes', async () => {
    const { client } = await activated();
    client.respond = () => marginalPreview();
    const workspace = join(ROOT, 'test');
    stub.workspaceFolders = [{ uri: Uri.file(workspace), name: 'test', index: 0 }];
    stub.settings.set('incent.previewData', 'conformance/cases/04-marginal-accelerator');
    openEditor(PLAN);
    await vscode.commands.executeCommand('incent.showPreview');
    expect(stub.settingsRead).toContain('incent.previewData');
    expect(client.requests[0]!.params).toEqual({ uri: Uri.file(PLAN).toString(), dataFolder: join(workspace, 'conformance', 'cases', '04-marginal-accelerator') });
    changeSettings({ 'incent.previewData': '/srv/data' });
    await flush();
    expect(client.requests[1]!.params.dataFolder).toBe('/srv/data');
    changeSettings({ 'incent.trace.server': 'verbose' });
    await flush();
    expect(client.requests).toHaveLength(2);
  });

  it('takes the plan and the component from a code lens, and warns without a plan', async () => {
    const { client } = await activated();
    client.respond = () => marginalPreview();
    await vscode.commands.executeCommand('incent.showPreview', Uri.file(PLAN).toString(), 'accelerated');
    expect(stub.panels[0]!.webview.html).toContain('<tr class="focus" data-component="accelerated">');
    resetStub();
    const { client: second } = await activated();
    openEditor(join(ROOT, 'README.md'), 'markdown');
    await vscode.commands.executeCommand('incent.showPreview');
    expect(stub.panels).toHaveLength(0);
    expect(second.requests).toHaveLength(0);
    expect(stub.messages).toEqual([{ level: 'warning', text: 'Incent: open a plan (a .incent file) to preview its payouts.' }]);
  });

  it('shows the server\'s failure and a failed request in the panel', async () => {
    const { client } = await activated();
    openEditor(PLAN);
    client.respond = () => ({ uri: Uri.file(PLAN).toString(), reason: 'no-data', error: 'no preview data: add an incent.json' });
    await vscode.commands.executeCommand('incent.showPreview');
    expect(stub.panels[0]!.webview.html).toContain('data-reason="no-data"');
    client.respond = () => {
      throw new Error('connection got disposed');
    };
    client.handlers.get('incent/previewChanged')!({ uri: Uri.file(PLAN).toString() });
    await flush();
    expect(stub.panels[0]!.webview.html).toContain('the language server did not answer: connection got disposed');
  });

  it('opens a record\'s data file at its line, and only files inside the data folder', async () => {
    const { client } = await activated();
    const preview = marginalPreview();
    client.respond = () => preview;
    openEditor(PLAN);
    await vscode.commands.executeCommand('incent.showPreview');
    const page = stub.panels[0]!.webview;
    page.messages.fire({ type: 'openRecord', file: 'deals.csv', line: 3 });
    await flush();
    expect(stub.shown).toHaveLength(1);
    expect((stub.shown[0]!.target as Uri).fsPath).toBe(join(preview.dataFolder, 'deals.csv'));
    expect(stub.shown[0]!.options!.selection).toEqual(new vscode.Range(2, 0, 2, 0));
    page.messages.fire({ type: 'openRecord', file: '../../secrets.csv', line: 1 });
    page.messages.fire({ type: 'openRecord', file: '..', line: 1 });
    page.messages.fire({ type: 'openRecord', file: '.', line: 1 });
    page.messages.fire({ type: 'openRecord', file: 'deals.csv/../../x.csv', line: 1 });
    page.messages.fire({ type: 'revealComponent', component: 'accelerated' });
    await flush();
    expect(stub.shown).toHaveLength(2);
    expect((stub.shown[1]!.target as Uri).toString()).toBe(Uri.file(PLAN).toString());
  });

  it('restores a panel after a reload from the page\'s saved state', async () => {
    const { client } = await activated();
    client.respond = () => marginalPreview();
    const panel = vscode.window.createWebviewPanel('incent.preview', 'Payouts', {}, {});
    await stub.serializers.get('incent.preview')!.deserializeWebviewPanel(panel, { uri: Uri.file(PLAN).toString() });
    expect(client.requests[0]!.params.uri).toBe(Uri.file(PLAN).toString());
    expect(panel.webview.html).toContain('marginal accelerator');
    const orphan = vscode.window.createWebviewPanel('incent.preview', 'Payouts', {}, {});
    await stub.serializers.get('incent.preview')!.deserializeWebviewPanel(orphan, undefined);
    expect(orphan.disposed).toBe(true);
  });
});

describe('Incent: Compile to IR and Incent: Format Plan', () => {
  it('asks the server for the IR and shows it as JSON beside the plan', async () => {
    const { client } = await activated();
    const ir = { irVersion: 1, plan: { name: 'marginal accelerator' } };
    client.respond = (method, params) => (method === 'incent/compile' ? { uri: params.uri, ir } : undefined);
    openEditor(PLAN);
    await vscode.commands.executeCommand('incent.compileToIr');
    expect(client.requests).toEqual([{ method: 'incent/compile', params: { uri: Uri.file(PLAN).toString() } }]);
    const document = stub.opened.find((d) => !(d instanceof Uri)) as { language: string; content: string };
    expect(document.language).toBe('json');
    expect(JSON.parse(document.content)).toEqual(ir);
    expect(stub.shown.at(-1)!.options).toEqual({ viewColumn: vscode.ViewColumn.Beside, preview: false });
  });

  it('reports a plan that does not compile and a server that cannot', async () => {
    const { client } = await activated();
    openEditor(PLAN);
    client.respond = (_method, params) => ({ uri: params.uri, error: 'the plan has 2 errors' });
    await vscode.commands.executeCommand('incent.compileToIr');
    client.respond = () => {
      throw new Error('Unhandled method incent/compile');
    };
    await vscode.commands.executeCommand('incent.compileToIr');
    expect(stub.messages).toEqual([
      { level: 'error', text: 'Incent: the plan has 2 errors' },
      { level: 'error', text: 'Incent: Compile to IR failed: Unhandled method incent/compile' },
    ]);
  });

  it('formats the plan with the server\'s formatter', async () => {
    await activated();
    openEditor(PLAN);
    await vscode.commands.executeCommand('incent.formatPlan');
    expect((stub.shown[0]!.target as Uri).fsPath).toBe(PLAN);
    expect(stub.executed.map((e) => e.command)).toEqual(['incent.formatPlan', 'editor.action.formatDocument']);
  });
});

describe('the bundle (dist/extension.cjs)', () => {
  it('loads with `vscode` external and builds stdio server options with the real language client', async () => {
    const bundle = join(EXTENSION, 'dist', 'extension.cjs');
    const Module = createRequire(import.meta.url)('node:module');
    const load = Module._load;
    const requested: string[] = [];
    // The language client subclasses VS Code's API classes when it loads: any class it asks for.
    const api = new Proxy({ ...vscode } as Record<string | symbol, unknown>, {
      get: (target, name) => (name in target ? target[name] : class Placeholder {}),
    });
    Module._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') {
        requested.push(request);
        return api;
      }
      return load.call(this, request, ...rest);
    };
    try {
      const extension = createRequire(import.meta.url)(bundle);
      expect(typeof extension.activate).toBe('function');
      expect(typeof extension.deactivate).toBe('function');
      expect(requested.length).toBeGreaterThan(0);
      const options = extension.serverOptions('/ext/dist/server.cjs');
      expect(options.run).toEqual({ module: '/ext/dist/server.cjs', transport: 0 });
      expect(extension.clientOptions().documentSelector[0]).toEqual({ scheme: 'file', language: 'incent' });
    } finally {
      Module._load = load;
    }
  });
});
