// Finds and reads the data files of a run: for each input of the plan, NAME.csv, NAME.json or
// NAME.jsonl in the data folder (spec §6). File-level problems (no folder, no file, two
// candidate files, a folder where a file should be, unreadable bytes) are data errors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataError, DataFile, IrPlan } from '@incent/language';

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const FORMATS = ['csv', 'json', 'jsonl'] as const;

export function readDataFolder(dir: string, ir: IrPlan): { files: DataFile[]; errors: DataError[] } {
  const files: DataFile[] = [];
  const errors: DataError[] = [];
  const fail = (file: string, message: string) => errors.push({ file, line: 0, column: '', value: '', message });
  if (!existsSync(dir)) {
    fail(dir, `no such data folder: ${dir}`);
    return { files, errors };
  }
  if (!statSync(dir).isDirectory()) {
    fail(dir, `${dir} is a file: --data takes the folder that holds the data files`);
    return { files, errors };
  }
  const present = new Set(readdirSync(dir));
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
    if (statSync(path).isDirectory()) {
      fail(name, `${name} is a folder, not a data file`);
      continue;
    }
    const bytes = readFileSync(path);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
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
