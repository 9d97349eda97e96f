// The conformance cases of the language contract (ported from ../shared/conformance so the
// suite runs on a fresh clone), run through the built CLI exactly as the shared runner does:
// payouts from the plan and from its compiled IR, check diagnostics, data and evaluation errors.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { incent } from '../helpers/cli';

const CASES = join(import.meta.dirname, 'cases');

interface Expected {
  exit: number;
  lines?: { payee: string; period: string; component: string; amount: string; unit?: string }[];
  diagnostics?: { line?: number; lines?: number[] }[];
  errors?: Record<string, string | number>[];
}

const key = (l: { payee: string; period: string; component: string; unit?: string }) =>
  `${l.payee}|${l.period}|${l.component}${l.unit && l.unit !== 'USD' ? `|${l.unit}` : ''}`;

function nonZeroLines(json: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of json.lines) {
    expect(l.amount).toMatch(/^-?\d+\.\d{2}$/);
    expect(out[key(l)], `${key(l)} reported twice`).toBeUndefined();
    if (Number(l.amount) !== 0) out[key(l)] = l.amount;
  }
  return out;
}

describe('conformance', () => {
  for (const name of readdirSync(CASES).sort()) {
    const dir = join(CASES, name);
    const want: Expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    it(name, () => {
      const plan = join(dir, 'plan.incent');
      if (want.exit === 0) {
        const expected = Object.fromEntries(want.lines!.map((l) => [key(l), l.amount]));
        const r = incent(['run', plan, '--data', dir, '--format', 'json']);
        expect(r.code, r.stderr || r.stdout).toBe(0);
        expect(nonZeroLines(r.json)).toEqual(expected);
        const ir = join(mkdtempSync(join(tmpdir(), 'incent-ir-')), 'plan.ir.json');
        expect(incent(['compile', plan, '-o', ir]).code).toBe(0);
        const fromIr = incent(['run', ir, '--data', dir, '--format', 'json']);
        expect(fromIr.code, fromIr.stderr).toBe(0);
        expect(nonZeroLines(fromIr.json)).toEqual(expected);
        expect(fromIr.json.plan.hash).toBe(r.json.plan.hash);
      } else if (want.exit === 1) {
        const r = incent(['check', plan, '--format', 'json']);
        expect(r.code).toBe(1);
        const lines = r.json.diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => d.range.start.line);
        for (const d of want.diagnostics!) {
          const wanted = d.lines ?? [d.line!];
          expect(lines.some((l: number) => wanted.includes(l)), `an error on line ${wanted.join(' or ')}, got ${lines}`).toBe(true);
        }
      } else {
        const r = incent(['run', plan, '--data', dir, '--format', 'json']);
        expect(r.code, r.stdout).toBe(want.exit);
        for (const e of want.errors!) {
          const found = r.json.errors.some((x: any) => Object.entries(e).every(([k, v]) => (k === 'file' ? basename(String(x.file)) === v : String(x[k]) === String(v))));
          expect(found, `an error like ${JSON.stringify(e)} in ${JSON.stringify(r.json.errors)}`).toBe(true);
        }
      }
    });
  }
});
