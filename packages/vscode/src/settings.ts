// The extension's settings, read where they are used: `incent.previewData` (the folder of data
// files the preview evaluates the plan on) and `incent.trace.server` (read by the language client
// itself, from the client id `incent`). Relative paths are taken from the plan's workspace folder.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const SECTION = 'incent';
export const PREVIEW_DATA = 'previewData';
export const TRACE_SERVER = 'trace.server';

/** The preview data folder for `plan`, absolute; undefined when the setting is empty (the server's conventions apply). */
export function previewDataFolder(plan: vscode.Uri): string | undefined {
  const value = vscode.workspace.getConfiguration(SECTION, plan).get<string>(PREVIEW_DATA, '');
  const folder = typeof value === 'string' ? value.trim() : '';
  if (!folder) return undefined;
  if (path.isAbsolute(folder)) return path.normalize(folder);
  const root = vscode.workspace.getWorkspaceFolder(plan)?.uri.fsPath ?? path.dirname(plan.fsPath);
  return path.join(root, folder);
}

/** Whether a configuration change touches the preview data setting. */
export function affectsPreviewData(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.${PREVIEW_DATA}`);
}
