// A minimal LSP client for the tests: spawns the built server (packages/language-server/dist/
// server.js --stdio) and speaks JSON-RPC to it with vscode-jsonrpc, as an editor would. Collects
// published diagnostics, notifications and log messages so tests can wait for them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic, InitializeResult, Position, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVER = join(ROOT, 'packages', 'language-server', 'dist', 'server.js');

/** Fails early when the bundle is missing; warns when it is older than the sources (`npm test` builds first). */
let warned = false;

export function assertBuilt(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  const built = statSync(SERVER).mtimeMs;
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newest(join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(join(dir, e.name)).mtimeMs : 0));
  const sources = Math.max(newest(join(ROOT, 'packages', 'language-server', 'src')), newest(join(ROOT, 'packages', 'language', 'src')));
  if (sources > built && !warned) {
    warned = true;
    console.warn(`${SERVER} is older than its sources: run \`npm run build\` to test the current code`);
  }
}

export interface StartOptions {
  readonly rootUri?: string | null;
  readonly initializationOptions?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly capabilities?: Record<string, unknown>;
}

export interface LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly initializeResult: InitializeResult;
  /** Every `window/logMessage` text and every line of standard error. */
  readonly logs: string[];
  /** Notifications received, by method. */
  readonly notifications: { method: string; params: any }[];
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: { method: string; registerOptions?: unknown }[];
  request<R = any>(method: string, params?: unknown): Promise<R>;
  notify(method: string, params?: unknown): void;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  /** The next diagnostics published for `uri` whose version is at least `version`. */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics publication received for `uri`, in order. */
  published(uri: string): PublishDiagnosticsParams[];
  /** Waits for a notification that satisfies the predicate (already received ones count). */
  waitFor(method: string, predicate?: (params: any) => boolean, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
}

export async function startClient(options: StartOptions = {}): Promise<LspClient> {
  assertBuilt();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  const notifications: { method: string; params: any }[] = [];
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  const publications = new Map<string, PublishDiagnosticsParams[]>();
  const waiters = new Set<() => void>();
  const wake = () => { for (const w of [...waiters]) w(); };
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => { logs.push(...chunk.split('\n').filter(Boolean)); wake(); });
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const list = publications.get(params.uri) ?? [];
    list.push(params);
    publications.set(params.uri, list);
    wake();
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => { logs.push(params.message); wake(); });
  connection.onNotification((method: string, params: any) => { notifications.push({ method, params }); wake(); });
  connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.listen();

  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> => new Promise((resolve, reject) => {
    const now = check();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => { waiters.delete(waiter); reject(new Error(`timed out waiting for ${what}`)); }, timeoutMs);
    const waiter = () => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      waiters.delete(waiter);
      resolve(value);
    };
    waiters.add(waiter);
  });

  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: options.rootUri === undefined ? pathToFileURL(ROOT).href : options.rootUri,
    workspaceFolders: options.rootUri === null ? null : [{ uri: options.rootUri ?? pathToFileURL(ROOT).href, name: 'root' }],
    capabilities: options.capabilities ?? {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        rename: { prepareSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
      },
      workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
    initializationOptions: options.initializationOptions ?? { diagnosticsDelay: 20 },
  });
  connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    initializeResult,
    logs,
    notifications,
    registrations,
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => void connection.sendNotification(method, params),
    open: (uri, text, version = 1) => void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'incent', version, text } }),
    change: (uri, version, changes) => void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes }),
    close: (uri) => void connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    diagnostics: (uri, version = 0, timeoutMs = 10_000) => until(() => (publications.get(uri) ?? []).find((p) => (p.version ?? 0) >= version), timeoutMs, `diagnostics of ${uri} v${version}`),
    published: (uri) => publications.get(uri) ?? [],
    waitFor: (method, predicate = () => true, timeoutMs = 10_000) => until(() => notifications.find((n) => n.method === method && predicate(n.params))?.params, timeoutMs, method),
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => { child.kill(); resolve(); }, 2000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
      connection.dispose();
    },
  };
}

// ---------------------------------------------------------------- documents

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function readDoc(relative: string): { path: string; uri: string; text: string } {
  const path = join(ROOT, relative);
  return { path, uri: uriOf(path), text: readFileSync(path, 'utf8') };
}

/** The 0-based position of the `n`th (0-based) occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (#${n}) not found`);
  }
  return positionAt(text, at + delta);
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(position.character, lines[position.line]?.length ?? 0);
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}
