// The VS Code extension of Incent, a thin client (STYLE rule 12): it starts the bundled language
// server (dist/server.cjs, over stdio) and registers three commands — Preview Payouts (the
// webview of preview-panel.ts), Compile to IR (asks the server, shows the JSON) and Format Plan
// (the server's formatter). Diagnostics, completion, hover, navigation, code lenses and the
// rest come from the server through vscode-languageclient.
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { createPreviewController, type PreviewConnection } from './preview-panel';
import { COMPILE_REQUEST, SHOW_PREVIEW_COMMAND, type CompileParams, type CompileResponse } from './protocol';

export const LANGUAGE_ID = 'incent';
export const COMMANDS = {
  /** Also the command of the server's code lenses: arguments (uri, component). */
  preview: SHOW_PREVIEW_COMMAND,
  compile: 'incent.compileToIr',
  format: 'incent.formatPlan',
} as const;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  client = new LanguageClient(LANGUAGE_ID, 'Incent', serverOptions(serverModule), clientOptions());
  const preview = createPreviewController(client as PreviewConnection, context.extensionUri);
  const connection = client;
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand(COMMANDS.preview, async (target?: vscode.Uri | string, component?: string) => {
      const uri = planUri(target);
      if (!uri) return void vscode.window.showWarningMessage('Incent: open a plan (a .incent file) to preview its payouts.');
      await preview.show(uri, typeof component === 'string' ? component : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.compile, async (target?: vscode.Uri | string) => compileToIr(connection, planUri(target))),
    vscode.commands.registerCommand(COMMANDS.format, async (target?: vscode.Uri | string) => formatPlan(planUri(target))),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

/** How the server is started: `node dist/server.cjs --stdio` (the client adds `--stdio`), with an inspector port when debugging. */
export function serverOptions(serverModule: string): ServerOptions {
  return {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
}

export function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    diagnosticCollectionName: LANGUAGE_ID,
  };
}

/** The plan a command is about: its argument, else the active (or a visible) Incent editor. */
export function planUri(target?: vscode.Uri | string): vscode.Uri | undefined {
  if (typeof target === 'string') return vscode.Uri.parse(target);
  if (target instanceof vscode.Uri) return target;
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === LANGUAGE_ID) return active.document.uri;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === LANGUAGE_ID)?.document.uri;
}

async function compileToIr(connection: LanguageClient, uri: vscode.Uri | undefined): Promise<void> {
  if (!uri) return void vscode.window.showWarningMessage('Incent: open a plan (a .incent file) to compile it.');
  try {
    await vscode.workspace.openTextDocument(uri);
    const params: CompileParams = { uri: uri.toString() };
    const response = await connection.sendRequest<CompileResponse>(COMPILE_REQUEST, params);
    if ('error' in response) return void vscode.window.showErrorMessage(`Incent: ${response.error}`);
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(response.ir, null, 2)}\n` });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  } catch (error) {
    void vscode.window.showErrorMessage(`Incent: Compile to IR failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function formatPlan(uri: vscode.Uri | undefined): Promise<void> {
  if (!uri) return void vscode.window.showWarningMessage('Incent: open a plan (a .incent file) to format it.');
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('editor.action.formatDocument');
}
