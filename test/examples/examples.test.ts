// Every example under examples/ checks clean and runs to its checked-in golden output
// (expected.json, the `incent run --format json` report). Refresh a golden file with
// `npx vitest run test/examples -u` and review the diff.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incent, ROOT } from '../helpers/cli';

const EXAMPLES = join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'plan.incent')) && existsSync(join(EXAMPLES, name, 'data'))).sort();

describe('examples', () => {
  it('there are examples', () => {
    expect(examples).toContain('enterprise-ae');
  });
  for (const name of examples) {
    const dir = join(EXAMPLES, name);
    it(`${name}: checks without diagnostics`, () => {
      const r = incent(['check', join(dir, 'plan.incent'), '--format', 'json']);
      expect(r.code).toBe(0);
      expect(r.json.diagnostics).toEqual([]);
    });
    it(`${name}: runs to its golden output, and the same from the IR`, async () => {
      const r = incent(['run', join(dir, 'plan.incent'), '--data', join(dir, 'data'), '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      await expect(r.stdout).toMatchFileSnapshot(join(dir, 'expected.json'));
      const totals = r.json.totals.reduce((sum: number, t: { amount: string }) => sum + Math.round(Number(t.amount) * 100), 0);
      const lines = r.json.lines.filter((l: { unit: string }) => l.unit === r.json.currency).reduce((sum: number, l: { amount: string }) => sum + Math.round(Number(l.amount) * 100), 0);
      expect(lines).toBe(totals);
      const ir = join(mkdtempSync(join(tmpdir(), 'incent-example-')), 'plan.ir.json');
      expect(incent(['compile', join(dir, 'plan.incent'), '-o', ir]).code).toBe(0);
      expect(incent(['run', ir, '--data', join(dir, 'data'), '--format', 'json']).stdout).toBe(r.stdout);
    });
  }
});
