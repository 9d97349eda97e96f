// Previews off the main thread: evaluating a plan on its data takes from tens of milliseconds to
// seconds, and the server must keep answering hover and completion meanwhile. The main thread
// sends (uri, version, text) to a worker thread running this same bundle; the worker analyses
// the text and evaluates it (preview.ts) and replies with the response. Only the latest version
// of each document is evaluated: requests for older versions still waiting are answered with
// the newer result. Where no worker can be started, evaluation runs on the main thread.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyseText } from './analysis';
import { createParseCache, type ParseCache } from './incremental-parse';
import { createPreviewer } from './preview';
import type { PreviewResponse } from './protocol';

interface Job {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly roots: readonly string[];
  /** The folder the editor chose for this plan (the `incent.previewData` setting). */
  readonly dataFolder?: string;
}

interface Reply {
  readonly id: number;
  readonly response: PreviewResponse;
  /** Changes when the data files change. */
  readonly fingerprint: string;
}

export interface EvaluatedPreview {
  readonly response: PreviewResponse;
  readonly fingerprint: string;
}

export interface PreviewService {
  /**
   * The preview of this version of the document (the latest version, if a newer one was asked
   * for meanwhile). A computed preview is reused unless `fingerprint` (of the data files as they
   * are now) differs from the one it was computed on.
   */
  get(uri: string, version: number, text: string, fingerprint?: string): Promise<EvaluatedPreview>;
  /** The preview of exactly this version, if it was computed. */
  cached(uri: string, version: number): EvaluatedPreview | undefined;
  /** Forgets every computed preview (the data files changed). */
  invalidate(): void;
  forget(uri: string): void;
}

const WORKER_FLAG = 'incentPreviewWorker';

/** True in the preview worker thread (server.ts then runs `runPreviewWorker` instead of the server). */
export function isPreviewWorker(): boolean {
  return !isMainThread && !!(workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG];
}

/** The worker's side: evaluates each job it is sent. */
export function runPreviewWorker(): void {
  const parses = new Map<string, ParseCache>();
  let roots: readonly string[] = [];
  let chosen: { uri: string; folder?: string } = { uri: '' };
  const previewer = createPreviewer(() => roots, (uri) => (uri === chosen.uri ? chosen.folder : undefined));
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(evaluateJob(job)));

  function evaluateJob(job: Job): Reply {
    roots = job.roots;
    chosen = { uri: job.uri, folder: job.dataFolder };
    try {
      let cache = parses.get(job.uri);
      if (!cache) parses.set(job.uri, (cache = createParseCache()));
      const analysis = analyseText(job.uri, job.version, job.text, cache);
      return { id: job.id, ...previewer.previewWithFingerprint(analysis) };
    } catch (error) {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      return { id: job.id, response: { uri: job.uri, error: `the preview failed: ${message}`, reason: 'internal', version: job.version }, fingerprint: '' };
    }
  }
}

/**
 * The main thread's side. `entry` is the bundle to start as the worker (the running server
 * script); `log` reports a worker that could not start or died (evaluation then moves here).
 */
export function createPreviewService(
  roots: () => readonly string[],
  entry: string | undefined,
  log: (message: string) => void,
  dataFolderFor: (uri: string) => string | undefined = () => undefined,
): PreviewService {
  const done = new Map<string, { version: number; result: EvaluatedPreview }>();
  const queued = new Map<string, { job: Job; waiters: ((r: EvaluatedPreview) => void)[] }>();
  let running: { job: Job; waiters: ((r: EvaluatedPreview) => void)[] } | undefined;
  let nextId = 1;
  let worker: Worker | undefined = startWorker();
  const local = createPreviewer(roots, dataFolderFor);

  function startWorker(): Worker | undefined {
    if (!entry) return undefined;
    try {
      // the worker's standard output is its own stream, copied to standard error: ours carries the protocol
      const w = new Worker(entry, { workerData: { [WORKER_FLAG]: true }, stdout: true, stderr: false });
      w.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      w.unref();
      w.on('message', (reply: Reply) => finish(reply.id, { response: reply.response, fingerprint: reply.fingerprint }));
      w.on('error', (error) => fallBack(`the preview worker failed: ${error.stack ?? error.message}`));
      w.on('exit', (code) => { if (worker === w) fallBack(`the preview worker exited (${code})`); });
      return w;
    } catch (error) {
      log(`[incent] no preview worker (${error instanceof Error ? error.message : String(error)}): previews run on the main thread`);
      return undefined;
    }
  }

  function fallBack(message: string): void {
    log(`[incent] ${message}: previews run on the main thread`);
    worker = undefined;
    if (running) {
      const job = running.job;
      const result = evaluateHere(job);
      finish(job.id, result);
    }
  }

  function evaluateHere(job: Job): EvaluatedPreview {
    try {
      return local.previewWithFingerprint(analyseText(job.uri, job.version, job.text));
    } catch (error) {
      return { response: { uri: job.uri, error: `the preview failed: ${error instanceof Error ? error.message : String(error)}`, reason: 'internal', version: job.version }, fingerprint: '' };
    }
  }

  function finish(id: number, result: EvaluatedPreview): void {
    if (!running || running.job.id !== id) return;
    const { job, waiters } = running;
    running = undefined;
    done.set(job.uri, { version: job.version, result });
    for (const w of waiters) w(result);
    pump();
  }

  function pump(): void {
    if (running) return;
    const next = queued.entries().next();
    if (next.done) return;
    const [uri, entry] = next.value;
    queued.delete(uri);
    running = entry;
    if (worker) worker.postMessage(entry.job);
    else setImmediate(() => finish(entry.job.id, evaluateHere(entry.job)));
  }

  return {
    get(uri, version, text, fingerprint) {
      const cached = done.get(uri);
      if (cached && cached.version === version && (fingerprint === undefined || cached.result.fingerprint === fingerprint)) return Promise.resolve(cached.result);
      if (running && running.job.uri === uri && running.job.version === version) {
        return new Promise((resolve) => running!.waiters.push(resolve));
      }
      return new Promise((resolve) => {
        const waiting = queued.get(uri);
        if (waiting && waiting.job.version >= version) {
          waiting.waiters.push(resolve);
          return;
        }
        // a newer version replaces the one still waiting: the older request gets the newer result
        queued.set(uri, { job: { id: nextId++, uri, version, text, roots: roots(), dataFolder: dataFolderFor(uri) }, waiters: [...(waiting?.waiters ?? []), resolve] });
        pump();
      });
    },
    cached(uri, version) {
      const cached = done.get(uri);
      return cached && cached.version === version ? cached.result : undefined;
    },
    invalidate: () => done.clear(),
    forget(uri) {
      done.delete(uri);
      const waiting = queued.get(uri);
      queued.delete(uri);
      for (const w of waiting?.waiters ?? []) w({ response: { uri, error: `${uri} was closed`, reason: 'not-open' }, fingerprint: '' });
    },
  };
}
