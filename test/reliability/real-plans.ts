// The real plans the fuzzers start from: every `.incent` file of the examples, the conformance
// cases and the test fixtures (good and bad), found afresh on each run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface RealPlan {
  /** Path from the repository root. */
  readonly name: string;
  readonly text: string;
}

export function realPlans(): RealPlan[] {
  const files = [...filesUnder(join(ROOT, 'examples')), ...filesUnder(join(ROOT, 'test'))].filter((f) => f.endsWith('.incent') && !f.includes('/reliability/'));
  return files.sort().map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

function filesUnder(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
