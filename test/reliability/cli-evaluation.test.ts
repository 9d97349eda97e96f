// Evaluation properties through the built CLI, as users and CI run it: on random plans and data,
// `incent run plan.ir.json` prints the same bytes as `incent run plan.incent`, and the same data
// as CSV (rows shuffled, CRLF, a BOM), JSON or JSONL prints the same payouts. Spawning costs half
// a second a run, so `npm test` tries a few cases and `npm run fuzz` many.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { check } from './fuzz-config';
import { dataArb, planArb, renderData, renderPlan, type DataSpec, type Format } from './plan-generator';
import { permute } from './run-helpers';

const scratch = mkdtempSync(join(tmpdir(), 'incent-cli-eval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function incent(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeData(dir: string, data: DataSpec, format: Format, eol = '\n', bom = ''): string {
  mkdirSync(dir, { recursive: true });
  for (const f of renderData(data, format, undefined, eol)) writeFileSync(join(dir, f.file), `${bom}${f.text}`);
  return dir;
}

let counter = 0;

describe('the built CLI on random plans and data', () => {
  it('the IR runs to the same bytes as the source; CSV, shuffled CSV with CRLF and a BOM, JSON and JSONL give the same payouts', () => {
    const arb = planArb().chain((plan) => fc.tuple(fc.constant(plan), dataArb(plan, { zeroQuotas: true }), fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 })));
    check('built CLI', 3, fc.property(arb, ([plan, data, keys]) => {
      const dir = join(scratch, `case-${counter++}`);
      mkdirSync(dir);
      const planFile = join(dir, 'plan.incent');
      writeFileSync(planFile, renderPlan(plan));
      const irFile = join(dir, 'plan.ir.json');
      expect(incent(['compile', planFile, '-o', irFile]).code).toBe(0);

      const csv = writeData(join(dir, 'csv'), data, 'csv');
      const fromSource = incent(['run', planFile, '--data', csv, '--format', 'json', '--explain']);
      const fromIr = incent(['run', irFile, '--data', csv, '--format', 'json', '--explain']);
      expect([0, 3]).toContain(fromSource.code);
      expect(fromIr.code).toBe(fromSource.code);
      expect(fromIr.stdout).toBe(fromSource.stdout);

      const payouts = (stdout: string) => {
        const r = JSON.parse(stdout);
        return r.errors ? { errors: r.errors.map((e: { message: string }) => e.message.replace(/\(record `([^`]*)`, [^)]*\)/, '($1)')) } : { lines: r.lines, totals: r.totals, metrics: r.metrics };
      };
      const expected = payouts(incent(['run', planFile, '--data', csv, '--format', 'json']).stdout);
      const shuffled = { reps: permute(data.reps, keys.slice(3)), deals: permute(data.deals, keys) };
      const variants = [
        writeData(join(dir, 'shuffled'), shuffled, 'csv', '\r\n', '\uFEFF'),
        writeData(join(dir, 'json'), data, 'json'),
        writeData(join(dir, 'jsonl'), data, 'jsonl'),
      ];
      for (const folder of variants) {
        const r = incent(['run', planFile, '--data', folder, '--format', 'json']);
        expect(r.code, r.stderr).toBe(fromSource.code);
        expect(payouts(r.stdout)).toEqual(expected);
      }
    }));
  });
});
