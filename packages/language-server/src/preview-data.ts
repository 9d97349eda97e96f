// Finding and reading a plan's preview data: the only file-system code of the server. By
// convention, in this order: an `incent.json` with `{"previewData": "path"}` next to or above
// the plan (the path is relative to that file and must stay inside the workspace folder, or the
// incent.json's own folder outside a workspace: `..` escapes and absolute paths elsewhere are
// refused); else a `data/` folder beside the plan; else the plan's own folder when it holds a
// data file for every input. Data files are NAME.csv, NAME.json or NAME.jsonl (spec §6); their
// text is cached by path, modification time and size.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DataFile } from '@incent/language';
import type { PreviewDataSource } from './protocol';

export type DataLocation =
  | { readonly ok: true; readonly folder: string; readonly source: PreviewDataSource; readonly config?: string }
  | { readonly ok: false; readonly reason: 'no-data' | 'bad-config'; readonly error: string };

const FORMATS = ['csv', 'json', 'jsonl'] as const;

/** Is `child` inside `parent` (or the same folder)? Both absolute. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where the preview data of the plan at `planPath` is. `roots` are the workspace folders (file
 * system paths); `inputs` the plan's input names.
 */
export function findPreviewData(planPath: string, inputs: readonly string[], roots: readonly string[]): DataLocation {
  const planDir = dirname(planPath);
  const root = roots.filter((r) => isInside(r, planPath)).sort((a, b) => b.length - a.length)[0];
  for (let dir = planDir; ; dir = dirname(dir)) {
    const config = join(dir, 'incent.json');
    if (existsSync(config)) {
      const found = fromConfig(config, root ?? dir);
      if (found) return found;
    }
    if ((root && resolve(dir) === resolve(root)) || dirname(dir) === dir) break;
  }
  const sibling = join(planDir, 'data');
  if (isDirectory(sibling)) return { ok: true, folder: sibling, source: 'data-folder' };
  if (inputs.length > 0 && inputs.every((input) => FORMATS.some((f) => existsSync(join(planDir, `${input}.${f}`))))) {
    return { ok: true, folder: planDir, source: 'plan-folder' };
  }
  return {
    ok: false,
    reason: 'no-data',
    error: 'no preview data: add an incent.json with {"previewData": "path"}, a data/ folder beside the plan, or data files named after its inputs beside it',
  };
}

/** Reads `previewData` from an incent.json; undefined when the file does not set it. */
function fromConfig(config: string, allowedRoot: string): DataLocation | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config, 'utf8'));
  } catch (error) {
    return { ok: false, reason: 'bad-config', error: `${config}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof parsed !== 'object' || parsed === null || !('previewData' in parsed)) return undefined;
  const value = (parsed as { previewData: unknown }).previewData;
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, reason: 'bad-config', error: `${config}: "previewData" must be a path (a string)` };
  }
  const folder = resolve(dirname(config), value);
  if (!isInside(resolve(allowedRoot), folder) || !isInside(realOrSelf(allowedRoot), realOrSelf(folder))) {
    return { ok: false, reason: 'bad-config', error: `${config}: "previewData" (${value}) points outside ${allowedRoot}: preview data must stay inside the workspace` };
  }
  if (!isDirectory(folder)) {
    return { ok: false, reason: 'bad-config', error: `${config}: "previewData" (${value}) is not a folder` };
  }
  return { ok: true, folder, source: 'incent.json', config };
}

// ---------------------------------------------------------------- reading

interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
}

const fileCache = new Map<string, CachedFile>();

export interface ReadResult {
  readonly files: DataFile[];
  /** File-level problems: a missing file, two candidates, unreadable bytes. */
  readonly errors: string[];
  /** Changes when any file changes: path, modification time and size of each. */
  readonly fingerprint: string;
}

/** What `readDataFiles` would report as the fingerprint, from file metadata alone (no reading). */
export function dataFingerprint(folder: string, inputs: readonly string[]): string {
  const prints: string[] = [folder];
  for (const input of inputs) {
    const candidates = FORMATS.map((f) => `${input}.${f}`).filter((n) => existsSync(join(folder, n)));
    if (candidates.length !== 1) continue;
    try {
      const stat = statSync(join(folder, candidates[0]!));
      if (!stat.isDirectory()) prints.push(`${candidates[0]}:${stat.mtimeMs}:${stat.size}`);
    } catch {
      // unreadable: readDataFiles reports it
    }
  }
  return prints.join('|');
}

/** Reads NAME.csv|json|jsonl for each input from `folder`. */
export function readDataFiles(folder: string, inputs: readonly string[]): ReadResult {
  const files: DataFile[] = [];
  const errors: string[] = [];
  const prints: string[] = [folder];
  for (const input of inputs) {
    const candidates = FORMATS.map((f) => `${input}.${f}`).filter((n) => existsSync(join(folder, n)));
    if (candidates.length === 0) {
      errors.push(`${input}.csv: no data file for input \`${input}\`: add ${input}.csv, ${input}.json or ${input}.jsonl to ${folder}`);
      continue;
    }
    if (candidates.length > 1) {
      errors.push(`${candidates[1]}: two data files for input \`${input}\`: ${candidates.join(' and ')}; keep one`);
      continue;
    }
    const name = candidates[0]!;
    const path = join(folder, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) {
        errors.push(`${name}: a folder, not a data file`);
        continue;
      }
      let cached = fileCache.get(path);
      if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
        cached = { mtimeMs: stat.mtimeMs, size: stat.size, text: new TextDecoder('utf-8').decode(readFileSync(path)) };
        fileCache.set(path, cached);
      }
      prints.push(`${name}:${stat.mtimeMs}:${stat.size}`);
      files.push({ input, file: name, format: name.slice(name.lastIndexOf('.') + 1) as DataFile['format'], text: cached.text });
    } catch (error) {
      errors.push(`${name}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { files, errors, fingerprint: prints.join('|') };
}
