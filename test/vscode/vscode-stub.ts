// A small stand-in for the `vscode` module, for testing the extension's client code without VS
// Code: the parts of the API the client calls, recording what it did (commands registered and
// executed, panels created, documents shown, messages, settings read) in `stub` for the tests to
// inspect. Not a simulation of VS Code: events fire only when a test fires them.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

type Listener<T> = (event: T) => unknown;

export interface Disposable {
  dispose(): void;
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, private readonly text: string) {}
  static file(fsPath: string): Uri {
    return new Uri('file', pathToFileURL(fsPath).pathname, pathToFileURL(fsPath).href);
  }
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname), value);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return Uri.file(path.join(base.fsPath, ...segments));
  }
  get fsPath(): string {
    return this.scheme === 'file' ? fileURLToPath(this.text) : this.path;
  }
  toString(): string {
    return this.text;
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2 }

export interface TextDocument {
  readonly uri: Uri;
  readonly languageId: string;
  readonly content?: string;
}

export interface TextEditor {
  readonly document: TextDocument;
  readonly viewColumn?: ViewColumn;
}

export class FakeWebview {
  private current = '';
  options: Record<string, unknown> = {};
  /** Every page the extension set, oldest first. */
  readonly htmlHistory: string[] = [];
  readonly messages = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.messages.event;
  readonly cspSource = 'https://webview.test';
  get html(): string {
    return this.current;
  }
  set html(value: string) {
    this.current = value;
    this.htmlHistory.push(value);
  }
  async postMessage(): Promise<boolean> {
    return true;
  }
}

export class FakeWebviewPanel {
  readonly webview = new FakeWebview();
  iconPath: unknown;
  disposed = false;
  readonly revealed: unknown[] = [];
  private readonly disposeEmitter = new EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  constructor(readonly viewType: string, public title: string, readonly showOptions: unknown, readonly options: Record<string, unknown>) {}
  reveal(column?: ViewColumn, preserveFocus?: boolean): void {
    this.revealed.push({ column, preserveFocus });
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

export interface ConfigurationChangeEvent {
  affectsConfiguration(section: string): boolean;
}

/** What the extension did, and the world it sees; `resetStub()` before each test. */
export const stub = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  panels: [] as FakeWebviewPanel[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> }>(),
  shown: [] as { target: Uri | TextDocument; options: Record<string, unknown> | undefined }[],
  opened: [] as (Uri | { language?: string; content?: string })[],
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string }[],
  settings: new Map<string, unknown>(),
  settingsRead: [] as string[],
  workspaceFolders: [] as { uri: Uri; name: string; index: number }[],
  activeTextEditor: undefined as TextEditor | undefined,
  visibleTextEditors: [] as TextEditor[],
  configuration: new EventEmitter<ConfigurationChangeEvent>(),
};

export function resetStub(): void {
  stub.commands.clear();
  stub.executed.length = 0;
  stub.panels.length = 0;
  stub.serializers.clear();
  stub.shown.length = 0;
  stub.opened.length = 0;
  stub.messages.length = 0;
  stub.settings.clear();
  stub.settingsRead.length = 0;
  stub.workspaceFolders = [];
  stub.activeTextEditor = undefined;
  stub.visibleTextEditors = [];
  stub.configuration = new EventEmitter<ConfigurationChangeEvent>();
}

/** An editor on `fsPath` with the given language, made active. */
export function openEditor(fsPath: string, languageId = 'incent'): TextEditor {
  const editor: TextEditor = { document: { uri: Uri.file(fsPath), languageId }, viewColumn: ViewColumn.One };
  stub.activeTextEditor = editor;
  stub.visibleTextEditors = [editor];
  return editor;
}

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (stub.commands.has(id)) throw new Error(`command '${id}' already exists`);
    stub.commands.set(id, handler);
    return { dispose: () => void stub.commands.delete(id) };
  },
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    stub.executed.push({ command, args });
    return stub.commands.get(command)?.(...args);
  },
};

export const window = {
  get activeTextEditor() {
    return stub.activeTextEditor;
  },
  get visibleTextEditors() {
    return stub.visibleTextEditors;
  },
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: Record<string, unknown> = {}): FakeWebviewPanel {
    const panel = new FakeWebviewPanel(viewType, title, showOptions, options);
    stub.panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> }): Disposable {
    stub.serializers.set(viewType, serializer);
    return { dispose: () => void stub.serializers.delete(viewType) };
  },
  async showTextDocument(target: Uri | TextDocument, options?: Record<string, unknown>): Promise<TextEditor> {
    stub.shown.push({ target, options });
    return { document: target instanceof Uri ? { uri: target, languageId: 'plaintext' } : target };
  },
  async showInformationMessage(text: string) {
    stub.messages.push({ level: 'info', text });
    return undefined;
  },
  async showWarningMessage(text: string) {
    stub.messages.push({ level: 'warning', text });
    return undefined;
  },
  async showErrorMessage(text: string) {
    stub.messages.push({ level: 'error', text });
    return undefined;
  },
};

export const workspace = {
  get workspaceFolders() {
    return stub.workspaceFolders;
  },
  getWorkspaceFolder(uri: Uri) {
    return stub.workspaceFolders.find((f) => uri.fsPath.startsWith(f.uri.fsPath + path.sep));
  },
  getConfiguration(section?: string) {
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const name = section ? `${section}.${key}` : key;
        stub.settingsRead.push(name);
        return stub.settings.has(name) ? (stub.settings.get(name) as T) : fallback;
      },
    };
  },
  onDidChangeConfiguration(listener: Listener<ConfigurationChangeEvent>): Disposable {
    return stub.configuration.event(listener);
  },
  async openTextDocument(target: Uri | { language?: string; content?: string }): Promise<TextDocument> {
    stub.opened.push(target);
    if (target instanceof Uri) return { uri: target, languageId: target.path.endsWith('.incent') ? 'incent' : 'plaintext' };
    return { uri: Uri.parse('untitled:Untitled-1'), languageId: target.language ?? 'plaintext', content: target.content };
  },
};

/** Fires a configuration change for the given setting names. */
export function changeSettings(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) stub.settings.set(name, value);
  stub.configuration.fire({ affectsConfiguration: (section) => Object.keys(values).some((name) => name === section || name.startsWith(`${section}.`)) });
}

/** An ExtensionContext for `activate`, rooted at `extensionPath`. */
export function extensionContext(extensionPath: string) {
  return {
    subscriptions: [] as Disposable[],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    asAbsolutePath: (relative: string) => path.join(extensionPath, relative),
  };
}
