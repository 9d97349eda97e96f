// The loader against the conformance cases' real data files: the good cases load cleanly,
// cases 92, 93 and 94 give exactly the data error their expected.json names.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load';
import { DEALS, REPS, csv, expectReconciled, input, plan } from './helpers';

const CASES = new URL('../../../../test/conformance/cases/', import.meta.url);

function loadCase(name: string) {
  const dir = new URL(`${name}/`, CASES);
  const planText = readFileSync(new URL('plan.incent', dir), 'utf8');
  const reps = planText.includes('annual_quota') ? input('reps', ['id: Payee key', 'name: Text', 'quota: Money', 'annual_quota: Money'], { roster: true }) : REPS;
  const files = ['reps', 'deals'].map((n) => csv(n, readFileSync(new URL(`${n}.csv`, dir), 'utf8')));
  return loadData(plan([reps, DEALS]), files);
}

const caseNames = readdirSync(CASES).filter((n) => existsSync(new URL(`${n}/deals.csv`, CASES)));

describe('conformance data', () => {
  it.each(caseNames.filter((n) => !/^9[234]-/.test(n)))('%s loads without errors', (name) => {
    const loaded = loadCase(name);
    expect(loaded.errors).toEqual([]);
    expect(loaded.rejected).toEqual([]);
    expect(loaded.records.deals!.length).toBe(loaded.read.deals);
    expect(loaded.records.reps!.length).toBeGreaterThan(0);
  });

  it.each(['92-bad-decimal', '93-unknown-payee', '94-unknown-enum'])('%s gives the expected data error', (name) => {
    const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, CASES), 'utf8')) as { errors: { file: string; line: number; column: string }[] };
    const loaded = loadCase(name);
    expect(loaded.errors.map(({ file, line, column }) => ({ file, line, column }))).toEqual(expected.errors);
    expectReconciled(loaded);
    expect(loaded.rejected).toHaveLength(1);
    expect(loaded.records.deals).toHaveLength(6);
  });

  it('92: `8.000,50` is not a decimal number, with a guess', () => {
    expect(loadCase('92-bad-decimal').errors[0]).toEqual({
      file: 'deals.csv', line: 3, column: 'amount', value: '8.000,50', message: 'not a decimal number: write 8000.50',
    });
  });

  it('93: R9 is not in the roster', () => {
    expect(loadCase('93-unknown-payee').errors[0]).toEqual({
      file: 'deals.csv', line: 5, column: 'owner', value: 'R9', message: 'unknown payee `R9`: not in reps.csv',
    });
  });

  it('94: reseller is not a Channel', () => {
    const loaded = loadCase('94-unknown-enum');
    expect(loaded.errors[0]).toEqual({
      file: 'deals.csv', line: 6, column: 'channel', value: 'reseller',
      message: 'unknown Channel `reseller`: expected one of direct, partner, marketplace',
    });
    expect(loaded.rejected[0]).toEqual({
      input: 'deals', file: 'deals.csv', line: 6, key: 'D5',
      reasons: ['channel: unknown Channel `reseller`: expected one of direct, partner, marketplace'],
    });
  });
});
