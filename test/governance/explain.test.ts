// `incent explain` as users run it: golden statements (text, JSON, HTML) on the governance
// fixtures and the examples — tier slices, a failed gate, a cap that bit, a clawback and the
// deal it recovers, a draw, things not paid and why — and its usage errors.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixture, incent, presentExamples } from './helpers';

const ENTERPRISE = fixture('enterprise', 'plan.incent');
const ENTERPRISE_DATA = fixture('enterprise', 'data');

describe('incent explain on the governance fixtures', () => {
  it.each([
    ['R1', '2027-Q1', 'tiers, a failed gate, bands, a bonus, a SPIFF'],
    ['R2', '2027-Q2', 'a clawback and the deal it recovers'],
    ['R2', '2027-Q3', 'per-deal caps and the period cap'],
  ])('%s %s: %s (text)', async (payee, period) => {
    const r = incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--payee', payee, '--period', period]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/explain-enterprise-${payee}-${period}.txt`);
  });

  it('JSON: the statement model with every record, its facts and why', async () => {
    const r = incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--payee', 'R1', '--period', '2027-Q1', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json.total).toBe('19970.00');
    const gated = r.json.lines[0].records.find((x: { record: string }) => x.record === 'D04');
    expect(gated).toMatchObject({ outcome: 'gated', trace: { gate: { failed: 'd.margin >= 20%' } } });
    await expect(r.stdout).toMatchFileSnapshot('golden/explain-enterprise-R1-2027-Q1.json');
  });

  it('HTML: one self-contained page', async () => {
    const r = incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--payee', 'R2', '--period', '2027-Q3', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<script|https?:\/\//);
    await expect(r.stdout).toMatchFileSnapshot('golden/explain-enterprise-R2-2027-Q3.html');
  });

  it('the partner fixture: status rate, retroactive tier, the yearly cap, a draw, rewards', async () => {
    const plan = fixture('partner', 'plan.incent'), data = fixture('partner', 'data');
    const q3 = incent(['explain', plan, '--data', data, '--payee', 'P1', '--period', '2027-Q3']);
    expect(q3.code).toBe(0);
    await expect(q3.stdout).toMatchFileSnapshot('golden/explain-partner-P1-2027-Q3.txt');
    const draw = incent(['explain', plan, '--data', data, '--payee', 'P3', '--period', '2027-Q1']);
    await expect(draw.stdout).toMatchFileSnapshot('golden/explain-partner-P3-2027-Q1.txt');
  });

  it('usage errors: an unknown payee or period exits 64; bad data exits 2', () => {
    const payee = incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--payee', 'R9', '--period', '2027-Q1']);
    expect(payee.code).toBe(64);
    expect(payee.stderr).toContain('unknown payee `R9`');
    const period = incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--payee', 'R1', '--period', '2027-Q9']);
    expect(period.code).toBe(64);
    expect(period.stderr).toContain('unknown period `2027-Q9`');
    expect(incent(['explain', ENTERPRISE, '--data', fixture('partner', 'data'), '--payee', 'R1', '--period', '2027-Q1']).code).toBe(2);
    expect(incent(['explain', ENTERPRISE, '--data', ENTERPRISE_DATA, '--period', '2027-Q1']).code).toBe(64);
  });
});

/** A payee and period per example whose statement shows the most (chosen from the example data). */
const EXAMPLE_STATEMENTS: Record<string, [string, string][]> = {
  'enterprise-ae': [['R01', '2027-Q1'], ['R09', '2027-Q3']],
  'partner-program': [['P01', '2027-Q3'], ['P02', '2027-Q3']],
  'customer-success': [['C02', '2027-Q2'], ['C01', '2027-Q3']],
};

describe.each(presentExamples())('incent explain on examples/%s', (name) => {
  const plan = join('examples', name, 'plan.incent');
  const data = join('examples', name, 'data');
  it.each(EXAMPLE_STATEMENTS[name] ?? [])('%s %s', async (payee, period) => {
    const r = incent(['explain', plan, '--data', data, '--payee', payee, '--period', period]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/explain-${name}-${payee}-${period}.txt`);
    const html = incent(['explain', plan, '--data', data, '--payee', payee, '--period', period, '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
  });
});
