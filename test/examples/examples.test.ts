// Every example under examples/ (a folder with plan.incent and data/) checks without
// diagnostics, runs to its checked-in golden output (expected.json, the `incent run --format
// json` report) from the source and from the IR, and its data is what its generate.mjs writes.
// Refresh the golden files with `UPDATE_GOLDEN=1 npx vitest run test/examples` (or `-u`) and
// review the diff.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incent, ROOT } from '../helpers/cli';

const EXAMPLES = join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'plan.incent')) && existsSync(join(EXAMPLES, name, 'data'))).sort();
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const cents = (amount: string): number => Math.round(Number(amount) * 100);

describe('examples', () => {
  it('there are examples', () => {
    expect(examples).toEqual(expect.arrayContaining(['customer-success', 'enterprise-ae', 'partner-program']));
  });
  for (const name of examples) {
    const dir = join(EXAMPLES, name);
    const plan = join('examples', name, 'plan.incent');
    const data = join('examples', name, 'data');
    const golden = join(dir, 'expected.json');

    it(`${name}: checks without diagnostics`, () => {
      const r = incent(['check', plan, '--format', 'json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.json.diagnostics).toEqual([]);
    });

    it(`${name}: runs to its golden output, and the same from the IR`, async () => {
      const r = incent(['run', plan, '--data', data, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      if (UPDATE) writeFileSync(golden, r.stdout);
      expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(r.json, 'the report differs from expected.json (UPDATE_GOLDEN=1 refreshes it)').toEqual(JSON.parse(readFileSync(golden, 'utf8')));
      await expect(r.stdout).toMatchFileSnapshot(golden);

      // every statement adds up: totals are the sums of the money lines
      const money = r.json.lines.filter((l: { unit: string }) => l.unit === r.json.currency);
      const byPayeePeriod = new Map<string, number>();
      for (const l of money) byPayeePeriod.set(`${l.payee} ${l.period}`, (byPayeePeriod.get(`${l.payee} ${l.period}`) ?? 0) + cents(l.amount));
      for (const t of r.json.totals) expect(cents(t.amount), `${t.payee} ${t.period}`).toBe(byPayeePeriod.get(`${t.payee} ${t.period}`) ?? 0);

      const ir = join(mkdtempSync(join(tmpdir(), 'incent-example-')), 'plan.ir.json');
      expect(incent(['compile', plan, '-o', ir]).code).toBe(0);
      expect(incent(['run', ir, '--data', data, '--format', 'json']).stdout).toBe(r.stdout);
    });

    it.runIf(existsSync(join(dir, 'generate.mjs')))(`${name}: data/ is what generate.mjs writes`, () => {
      const out = mkdtempSync(join(tmpdir(), `incent-${name}-`));
      const g = spawnSync(process.execPath, [join(dir, 'generate.mjs'), out], { encoding: 'utf8' });
      expect(g.status, g.stderr).toBe(0);
      const files = readdirSync(join(dir, 'data')).sort();
      expect(readdirSync(out).sort()).toEqual(files);
      for (const file of files) expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(dir, 'data', file), 'utf8'));
    });
  }
});
