// The Incent language server: the only part of Incent that speaks LSP. This file holds the
// connection (stdio, started as `server.js --stdio`), the capabilities, the document store and
// the scheduling of diagnostics and previews; every feature is a plain function in its own file
// that reads the shared per-document analysis (analysis.ts) and converts core results to LSP
// types at the edge. Previews are evaluated in a worker thread running this same bundle
// (preview-worker.ts). A failing request becomes an error response and a log line, never a
// dead server.
import {
  CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ErrorCodes, LSPErrorCodes, ProposedFeatures,
  RequestType, ResponseError, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { createAnalysisCache, irOf, type Analysis } from './analysis';
import { codeActions, lspDiagnostics } from './diagnostics';
import { hover } from './hover';
import { completion } from './completion';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation';
import { documentSymbols, foldingRanges, workspaceSymbols } from './symbols';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semantic-tokens';
import { signatureHelp } from './signature-help';
import { inlayHints } from './inlay-hints';
import { formatDocument } from './formatting';
import { componentTotalLine, createPreviewer, previewCodeLenses } from './preview';
import { createPreviewService, isPreviewWorker, runPreviewWorker } from './preview-worker';
import { toOffset } from './positions';
import {
  COMPILE_REQUEST, PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST,
  type CompileParams, type CompileResponse, type InitializationOptions, type PreviewChangedParams, type PreviewParams, type PreviewResponse,
} from './protocol';

export const DEFAULT_DIAGNOSTICS_DELAY = 100;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = createAnalysisCache();
  let roots: string[] = [];
  let delay = DEFAULT_DIAGNOSTICS_DELAY;
  let previewOn = true;
  let codeLensRefresh = false;
  let watchFiles = false;
  // where each plan's preview data is (a few file-system checks, here); evaluation runs in a worker
  // data folders chosen in the editor (the `incent.previewData` setting), by plan uri
  const chosenDataFolders = new Map<string, string>();
  const dataFolderFor = (uri: string) => chosenDataFolders.get(uri);
  const previewer = createPreviewer(() => roots, dataFolderFor);
  const previews = createPreviewService(() => roots, serverScript(), (message) => log(message), dataFolderFor);
  const fingerprints = new Map<string, string>();
  const faults = new Set((process.env.INCENT_LS_FAULT ?? '').split(',').filter(Boolean));

  const log = (message: string) => connection.console.error(message);

  /** Wraps a handler: cancelled requests answer RequestCancelled; a thrown error is logged and answered as an error. */
  function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R): (params: P, token: CancellationToken) => R | ResponseError<void> | Promise<Awaited<R> | ResponseError<void>> {
    const failed = (error: unknown): ResponseError<void> => {
      if (error instanceof ResponseError) return error;
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      log(`[incent] ${name} failed: ${detail}`);
      return new ResponseError(ErrorCodes.InternalError, `incent: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    };
    return (params, token) => {
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      try {
        if (faults.has(name)) throw new Error(`injected fault in ${name}`);
        const result = handler(params, token);
        return result instanceof Promise ? result.catch(failed) : result;
      } catch (error) {
        return failed(error);
      }
    };
  }

  /** The analysis of an open document's current version, or undefined for a document that is not open. */
  function analysisOf(uri: string): Analysis | undefined {
    const document = documents.get(uri);
    return document ? analyses.get(document) : undefined;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.diagnosticsDelay === 'number' && options.diagnosticsDelay >= 0) delay = options.diagnosticsDelay;
    if (options.preview === false) previewOn = false;
    roots = workspaceRoots(params);
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.'], resolveProvider: false },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'incent-language-server', version: '0.1.0' },
    };
  });

  // ---------------------------------------------------------------- diagnostics and previews

  /** Pending diagnostics runs by uri: how to cancel each. */
  const timers = new Map<string, () => void>();
  const opened = new Set<string>();

  documents.onDidChangeContent(({ document }) => {
    const first = !opened.has(document.uri);
    opened.add(document.uri);
    timers.get(document.uri)?.(); // the work for the older version is dropped
    const run = () => refresh(document.uri, document.version);
    const wait = first ? 0 : delay;
    if (wait === 0) {
      const immediate = setImmediate(run);
      timers.set(document.uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, wait);
      timers.set(document.uri, () => clearTimeout(timer));
    }
  });

  documents.onDidClose(({ document }) => {
    timers.get(document.uri)?.();
    timers.delete(document.uri);
    opened.delete(document.uri);
    analyses.delete(document.uri);
    previews.forget(document.uri);
    fingerprints.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  function refresh(uri: string, version: number): void {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document || document.version !== version) return; // stale: a newer version is scheduled
    try {
      const analysis = analyses.get(document);
      void connection.sendDiagnostics({ uri, version, diagnostics: lspDiagnostics(analysis) });
      if (previewOn) setImmediate(() => refreshPreview(uri, version));
    } catch (error) {
      log(`[incent] diagnostics failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /**
   * Re-evaluates the preview (in the worker) and notifies `incent/previewChanged`: after an edit
   * always, after a data file changed only when the data the preview read did change.
   */
  function refreshPreview(uri: string, version: number, always = true): void {
    const document = documents.get(uri);
    if (!document || document.version !== version || timers.has(uri)) return; // stale
    try {
      const analysis = analyses.get(document);
      if (!previewer.hasData(analysis)) return;
      void previews.get(uri, version, analysis.text).then((result) => {
        const current = documents.get(uri);
        if (!current || current.version !== version) return; // a newer version will notify
        const changed = fingerprints.get(uri) !== result.fingerprint;
        fingerprints.set(uri, result.fingerprint);
        if (!always && !changed) return;
        const params: PreviewChangedParams = { uri };
        void connection.sendNotification(PREVIEW_CHANGED_NOTIFICATION, params);
        if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      });
    } catch (error) {
      log(`[incent] preview failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  // data files live outside the documents: watch them (where the client can), to refresh previews
  connection.onInitialized(() => {
    if (!watchFiles || !previewOn) return;
    connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{csv,json,jsonl}' }],
    }).catch((error: unknown) => log(`[incent] could not watch data files: ${String(error)}`));
  });
  connection.onDidChangeWatchedFiles(() => {
    previews.invalidate();
    for (const document of documents.all()) if (!timers.has(document.uri)) refreshPreview(document.uri, document.version, false);
  });

  // ---------------------------------------------------------------- requests

  connection.onHover(guard('hover', (p) => {
    const a = analysisOf(p.textDocument.uri);
    if (!a) return null;
    return hover(a, p.position, {
      // never waits for an evaluation: the total shows once the preview of this version exists
      componentTotal: (name) => {
        const cached = previews.cached(a.uri, a.version);
        if (!cached && previewOn && previewer.hasData(a)) void previews.get(a.uri, a.version, a.text);
        return componentTotalLine(cached?.response, name);
      },
    });
  }));
  connection.onCompletion(guard('completion', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? completion(a, p.position) : null;
  }));
  connection.onSignatureHelp(guard('signatureHelp', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? signatureHelp(a.text, toOffset(a.lines, p.position)) : null;
  }));
  connection.onDefinition(guard('definition', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? definition(a, p.position) : null;
  }));
  connection.onReferences(guard('references', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? references(a, p.position, p.context.includeDeclaration) : [];
  }));
  connection.onDocumentHighlight(guard('documentHighlight', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? documentHighlights(a, p.position) : [];
  }));
  connection.onPrepareRename(guard('prepareRename', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? prepareRename(a, p.position) : null;
  }));
  connection.onRenameRequest(guard('rename', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? rename(a, p.position, p.newName) : null;
  }));
  connection.onDocumentSymbol(guard('documentSymbol', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? documentSymbols(a) : [];
  }));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', (p) => workspaceSymbols(documents.all().map((d) => analyses.get(d)), p.query)));
  connection.onFoldingRanges(guard('foldingRange', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? foldingRanges(a) : [];
  }));
  connection.languages.semanticTokens.on(guard('semanticTokens', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? semanticTokens(a) : { data: [] };
  }));
  connection.languages.inlayHint.on(guard('inlayHint', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? inlayHints(a, p.range) : [];
  }));
  connection.onCodeAction(guard('codeAction', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? codeActions(a, p) : [];
  }));
  connection.onDocumentFormatting(guard('formatting', (p) => {
    const a = analysisOf(p.textDocument.uri);
    return a ? formatDocument(a) : [];
  }));
  connection.onCodeLens(guard('codeLens', async (p) => {
    const a = analysisOf(p.textDocument.uri);
    if (!a || !previewOn || !previewer.hasData(a)) return [];
    const { response } = await previews.get(a.uri, a.version, a.text, previewer.currentFingerprint(a));
    return previewCodeLenses(a, response);
  }));
  connection.onRequest(new RequestType<PreviewParams, PreviewResponse, void>(PREVIEW_REQUEST), guard('preview', async (p: PreviewParams): Promise<PreviewResponse | ResponseError<void>> => {
    const uri = p?.uri;
    if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'incent/preview takes { uri }');
    const a = analysisOf(uri);
    if (!a) return { uri, error: `${uri} is not open in the language server`, reason: 'not-open' };
    const chosen = typeof p.dataFolder === 'string' && p.dataFolder !== '' ? p.dataFolder : undefined;
    if (chosen !== chosenDataFolders.get(uri)) {
      if (chosen) chosenDataFolders.set(uri, chosen);
      else chosenDataFolders.delete(uri);
      previews.forget(uri);
    }
    return (await previews.get(a.uri, a.version, a.text, previewer.currentFingerprint(a))).response;
  }));
  connection.onRequest(new RequestType<CompileParams, CompileResponse, void>(COMPILE_REQUEST), guard('compile', (p: CompileParams): CompileResponse | ResponseError<void> => {
    const uri = p?.uri;
    if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'incent/compile takes { uri }');
    const a = analysisOf(uri);
    if (!a) return { uri, error: `${uri} is not open in the language server` };
    const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) return { uri, error: `the plan has ${errors} error${errors === 1 ? '' : 's'}: fix ${errors === 1 ? 'it' : 'them'} to compile` };
    const ir = irOf(a);
    return ir ? { uri, ir } : { uri, error: 'the plan could not be compiled' };
  }));

  documents.listen(connection);
  connection.listen();
}

/** The running bundle, to start again as the preview worker: this file in a CommonJS build, else the script node was started with. */
function serverScript(): string | undefined {
  return typeof __filename === 'string' && /\.[cm]?js$/.test(__filename) ? __filename : process.argv[1];
}

function workspaceRoots(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths: string[] = [];
  for (const uri of uris) {
    if (!uri.startsWith('file:')) continue;
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      // not a local folder: no preview data there
    }
  }
  if (paths.length === 0 && params.rootPath) paths.push(params.rootPath);
  return paths;
}

// A bug in one request must not take the server down with it.
process.on('uncaughtException', (error) => {
  process.stderr.write(`[incent] uncaught: ${error.stack ?? error.message}\n`);
});
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[incent] unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

if (isPreviewWorker()) runPreviewWorker();
else startServer();
