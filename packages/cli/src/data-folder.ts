// Finds and reads the data files of a run: for each input of the plan, NAME.csv, NAME.json or
// NAME.jsonl in the data folder (spec §6). File-level problems (no folder, no file, two
// candidate files, a folder, pipe or broken link where a file should be, a file the system
// will not read, unreadable bytes) are data errors, never exceptions.
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadData, type DataError, type DataFile, type IrPlan, type LoadedData } from '@incent/language';

const FORMATS = ['csv', 'json', 'jsonl'] as const;

/** The system's reason in plain words: `ELOOP` → "it is a link that leads back to itself". */
function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT': return 'it is a link to a file that does not exist';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'it is a link that leads back to itself';
    default: return message.replace(/^[A-Z]+: /, '');
  }
}

/** Reads the data folder and loads it: every error once, file-level problems first. */
export function loadDataFolder(dir: string, ir: IrPlan): { loaded: LoadedData; errors: DataError[]; fileErrors: number } {
  const folder = readDataFolder(dir, ir);
  // every input without a file had its file-level problem reported by readDataFolder
  const reported = new Set(ir.inputs.map((i) => i.name).filter((name) => !folder.files.some((f) => f.input === name)));
  const loaded = loadData(ir, folder.files, { reported });
  return { loaded, errors: [...folder.errors, ...loaded.errors], fileErrors: folder.errors.length };
}

/** The data files of the plan's inputs; every input left without a file has an error saying why. */
export function readDataFolder(dir: string, ir: IrPlan): { files: DataFile[]; errors: DataError[] } {
  const files: DataFile[] = [];
  const errors: DataError[] = [];
  const fail = (file: string, message: string) => errors.push({ file, line: 0, column: '', value: '', message });
  const failAll = (message: string) => {
    fail(dir, message);
    return { files, errors };
  };
  if (!existsSync(dir)) return failAll(`no such data folder: ${dir}`);
  if (!statSync(dir).isDirectory()) return failAll(`${dir} is a file: --data takes the folder that holds the data files`);
  let present: Set<string>;
  try {
    present = new Set(readdirSync(dir));
  } catch (error) {
    return failAll(`cannot read the data folder ${dir}: ${reason(error)}`);
  }
  for (const input of ir.inputs) {
    const candidates = FORMATS.map((f) => `${input.name}.${f}`).filter((n) => present.has(n));
    if (candidates.length === 0) {
      fail(`${input.name}.csv`, `no data file for input \`${input.name}\`: add ${input.name}.csv, ${input.name}.json or ${input.name}.jsonl to ${dir}`);
      continue;
    }
    if (candidates.length > 1) {
      fail(candidates[1]!, `two data files for input \`${input.name}\`: ${candidates.join(' and ')}; keep one`);
      continue;
    }
    const name = candidates[0]!;
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      const info = statSync(path);
      if (info.isDirectory()) {
        fail(name, `${name} is a folder, not a data file`);
        continue;
      }
      // a pipe with no writer would block the run forever, a device could never end
      if (!info.isFile()) {
        fail(name, `${name} is not a regular file (a pipe, socket or device): save the data as a file`);
        continue;
      }
      bytes = readFileSync(path);
    } catch (error) {
      fail(name, `cannot read ${name}: ${reason(error)}`);
      continue;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // checked without decoding again (a second decoding of a large file cost as much as the first)
    if (!isUtf8(bytes)) {
      const at = text.indexOf('\uFFFD');
      const line = text.slice(0, Math.max(0, at)).split('\n').length;
      errors.push({ file: name, line, column: '', value: '', message: 'the file is not valid UTF-8 text: save it as UTF-8' });
      continue;
    }
    files.push({ input: input.name, file: name, format: name.slice(name.lastIndexOf('.') + 1) as DataFile['format'], text });
  }
  return { files, errors };
}
