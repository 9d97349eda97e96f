// Repository rules that a reader relies on (STYLE.md): every source file opens with a comment
// saying what it does and where it sits; only eval/decimal.ts imports decimal.js; the
// evaluator reads only the IR; only the language server imports LSP packages.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const packageSources = readdirSync(join(ROOT, 'packages')).flatMap((pkg) => {
  const src = join(ROOT, 'packages', pkg, 'src');
  try { return sources(src); } catch { return []; }
});

describe('style', () => {
  it('every source file opens with a comment', () => {
    const missing = packageSources.filter((f) => !/^(\/\/|\/\*)/.test(readFileSync(f, 'utf8')));
    expect(missing.map((f) => relative(ROOT, f))).toEqual([]);
  });
  it('only eval/decimal.ts imports decimal.js', () => {
    const importers = packageSources.filter((f) => /from ['"]decimal\.js['"]/.test(readFileSync(f, 'utf8')));
    expect(importers.map((f) => relative(ROOT, f))).toEqual(['packages/language/src/eval/decimal.ts']);
  });
  it('the evaluator reads only the IR (nothing in eval imports syntax or check)', () => {
    const evalFiles = packageSources.filter((f) => f.includes('/language/src/eval/'));
    const offenders = evalFiles.filter((f) => /from ['"]\.\.\/(syntax|check)\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
  it('the core has no file system, process or LSP imports', () => {
    const core = packageSources.filter((f) => f.includes('/language/src/'));
    const offenders = core.filter((f) => /from ['"](node:)?(fs|child_process|process|net|http)['"]|vscode-language|\bprocess\./.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
  it('only the language server and the extension import LSP packages', () => {
    const offenders = packageSources.filter((f) => !f.includes('/language-server/') && !f.includes('/vscode/') && /from ['"]vscode-language/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
