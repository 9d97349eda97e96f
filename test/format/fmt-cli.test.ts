// `incent fmt` through the built CLI (packages/cli/dist/incent.js, as users run it): files
// rewritten in place only when they change and listed; `--check` writes nothing, lists what
// would change and exits 1; a file with syntax errors is reported and left alone.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { incent } from '../helpers/cli';

const MESSY = 'bonus   club {when attainment>=100%   pay 1_000 USD}\n';
const TIDY = 'bonus club {\n  when attainment >= 100%\n  pay 1_000 USD\n}\n';
const BROKEN = 'measure m = 1 +\nlet   x =    2\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'incent-fmt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('incent fmt', () => {
  it('rewrites the files that change, lists them, and leaves the others untouched', () => {
    const dir = folder({ 'messy.incent': MESSY, 'tidy.incent': TIDY });
    const before = statSync(join(dir, 'tidy.incent')).mtimeMs;
    const r = incent(['fmt', 'messy.incent', 'tidy.incent'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('messy.incent\n');
    expect(r.stderr).toBe('');
    expect(read(dir, 'messy.incent')).toBe(TIDY);
    expect(read(dir, 'tidy.incent')).toBe(TIDY);
    expect(statSync(join(dir, 'tidy.incent')).mtimeMs).toBe(before);
  });

  it('prints nothing and exits 0 when every file is formatted already', () => {
    const dir = folder({ 'tidy.incent': TIDY });
    const r = incent(['fmt', 'tidy.incent'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('--check writes nothing, lists the files that would change, and exits 1', () => {
    const dir = folder({ 'messy.incent': MESSY, 'tidy.incent': TIDY });
    const r = incent(['fmt', '--check', 'messy.incent', 'tidy.incent'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('messy.incent\n');
    expect(read(dir, 'messy.incent')).toBe(MESSY);
  });

  it('--check exits 0 when nothing would change', () => {
    const dir = folder({ 'tidy.incent': TIDY });
    expect(incent(['fmt', 'tidy.incent', '--check'], { cwd: dir }).code).toBe(0);
  });

  it('reports a file with syntax errors, leaves it alone, formats the others, and exits 1', () => {
    const dir = folder({ 'broken.incent': BROKEN, 'messy.incent': MESSY });
    const r = incent(['fmt', 'broken.incent', 'messy.incent'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E003]');
    expect(r.stderr).toContain('broken.incent:1:16'); // at the end of `1 +`, where the operand is missing
    expect(r.stdout).toBe('messy.incent\n');
    expect(read(dir, 'broken.incent')).toBe(BROKEN);
    expect(read(dir, 'messy.incent')).toBe(TIDY);
  });

  it('reports a missing file and exits 1', () => {
    const dir = folder({});
    const r = incent(['fmt', 'nowhere.incent'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file: nowhere.incent');
  });

  it('asks for at least one file', () => {
    const r = incent(['fmt']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("missing required argument 'plans'");
  });
});
