// The payout preview panels: one webview beside the editor per plan, its HTML made by
// renderPreviewHtml (preview-html.ts) from the server's `incent/preview` response. A panel is
// refreshed when the server says the plan's preview changed (`incent/previewChanged`, sent after
// each edit) and when the `incent.previewData` setting changes; it survives a window reload
// through a serializer. Messages from the page open a record's data file or show a component.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderPreviewHtml } from './preview-html';
import {
  isPreviewError, PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST,
  type ClientPreviewParams, type PreviewChangedParams, type PreviewResponse,
} from './protocol';
import { affectsPreviewData, previewDataFolder } from './settings';

export const PREVIEW_VIEW_TYPE = 'incent.preview';

/** What the preview needs of the language client. */
export interface PreviewConnection {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  onNotification(method: string, handler: (params: PreviewChangedParams) => void): vscode.Disposable;
}

export interface PreviewController extends vscode.Disposable {
  /** Opens (or reveals) the preview of `uri` beside its editor; `focus` highlights a component. */
  show(uri: vscode.Uri, focus?: string): Promise<void>;
  /** Asks the server again and re-renders; does nothing when `uri` has no panel. */
  refresh(uri: vscode.Uri): Promise<void>;
}

interface Preview {
  readonly panel: vscode.WebviewPanel;
  readonly uri: vscode.Uri;
  response?: PreviewResponse;
  focus?: string;
  /** Bumped by each refresh, so that a slow answer does not overwrite a newer one. */
  generation: number;
}

type PageMessage = { type: 'openRecord'; file: string; line: number } | { type: 'revealComponent'; component: string };

export function createPreviewController(connection: PreviewConnection, extensionUri: vscode.Uri): PreviewController {
  const previews = new Map<string, Preview>();

  function adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): Preview {
    const preview: Preview = { panel, uri, generation: 0 };
    const id = uri.toString();
    previews.set(id, preview);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    panel.onDidDispose(() => {
      if (previews.get(id) === preview) previews.delete(id);
    });
    panel.webview.onDidReceiveMessage((message: PageMessage) => {
      onMessage(preview, message).catch((error: unknown) => {
        void vscode.window.showErrorMessage(`Incent: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    return preview;
  }

  function render(preview: Preview): void {
    const fileName = path.basename(preview.uri.fsPath || preview.uri.path);
    preview.panel.title = `Payouts: ${fileName}`;
    preview.panel.webview.html = renderPreviewHtml(preview.response, {
      nonce: randomBytes(18).toString('base64'), uri: preview.uri.toString(), focus: preview.focus, fileName,
    });
  }

  async function refresh(uri: vscode.Uri): Promise<void> {
    const preview = previews.get(uri.toString());
    if (!preview) return;
    const generation = ++preview.generation;
    const dataFolder = previewDataFolder(uri);
    const params: ClientPreviewParams = dataFolder ? { uri: uri.toString(), dataFolder } : { uri: uri.toString() };
    let response: PreviewResponse;
    try {
      response = await connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, params);
    } catch (error) {
      response = { uri: uri.toString(), reason: 'internal', error: `the language server did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (generation !== preview.generation || previews.get(uri.toString()) !== preview) return;
    preview.response = response;
    render(preview);
    preview.focus = undefined; // scroll to a component once, not on every edit
  }

  async function show(uri: vscode.Uri, focus?: string): Promise<void> {
    await vscode.workspace.openTextDocument(uri); // the server previews open documents only
    let preview = previews.get(uri.toString());
    if (preview) {
      preview.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Payouts: ${path.basename(uri.fsPath || uri.path)}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
      preview = adopt(panel, uri);
      render(preview);
    }
    preview.focus = focus;
    await refresh(uri);
  }

  async function onMessage(preview: Preview, message: PageMessage): Promise<void> {
    const response = preview.response;
    if (!response || isPreviewError(response)) return;
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === preview.uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
    if (message.type === 'openRecord') {
      // A data file of the data folder (NAME.csv|json|jsonl, NAME an input's name), nothing else.
      if (typeof message.file !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*\.(?:csv|json|jsonl)$/.test(message.file)) return;
      const line = Math.max(1, Math.floor(Number(message.line) || 1)) - 1;
      const file = vscode.Uri.file(path.join(response.dataFolder, message.file));
      await vscode.window.showTextDocument(file, { viewColumn: column, selection: new vscode.Range(line, 0, line, 0), preview: true });
    } else if (message.type === 'revealComponent') {
      const component = response.components.find((c) => c.name === message.component);
      if (!component) return;
      const { start, end } = component.range;
      await vscode.window.showTextDocument(preview.uri, {
        viewColumn: column, selection: new vscode.Range(start.line, start.character, end.line, end.character),
      });
    }
  }

  const subscriptions: vscode.Disposable[] = [
    connection.onNotification(PREVIEW_CHANGED_NOTIFICATION, (params) => {
      const preview = typeof params?.uri === 'string' ? previews.get(params.uri) : undefined;
      if (preview) void refresh(preview.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsPreviewData(event)) for (const preview of previews.values()) void refresh(preview.uri);
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const uri = typeof (state as { uri?: unknown } | undefined)?.uri === 'string' ? vscode.Uri.parse((state as { uri: string }).uri) : undefined;
        if (!uri) {
          panel.dispose();
          return;
        }
        const preview = adopt(panel, uri);
        render(preview);
        try {
          await vscode.workspace.openTextDocument(uri);
        } catch {
          // the plan is gone: the server answers "not open" and the page says so
        }
        await refresh(uri);
      },
    }),
  ];

  return {
    show,
    refresh,
    dispose() {
      for (const s of subscriptions) s.dispose();
      for (const preview of [...previews.values()]) preview.panel.dispose();
      previews.clear();
    },
  };
}
