// The `incent` command as users and CI run it (the built bundle, as a process): exit codes,
// text and JSON output, help, data errors, --skip-bad-rows, spreadsheet-safe CSV, IR runs.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { incent, ROOT } from '../helpers/cli';

const CASE = (name: string) => join(ROOT, 'test', 'conformance', 'cases', name);
const tmp = () => mkdtempSync(join(tmpdir(), 'incent-cli-'));

function caseCopy(name: string): string {
  const dir = tmp();
  cpSync(CASE(name), dir, { recursive: true });
  return dir;
}

describe('incent check', () => {
  it('text output like rustc: location, code, source line, carets, help', () => {
    const r = incent(['check', join(CASE('90-type-error'), 'plan.incent')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E201]: cannot apply `+` to `Money` and `Percent`');
    expect(r.stderr).toMatch(/--> .*90-type-error\/plan\.incent:35:8\n/);
    expect(r.stderr).toContain('35 |   base d.amount + 5%\n   |        ^^^^^^^^^^^^^\n');
    expect(r.stderr).toContain('= help: to add a percentage of an amount, multiply: `d.amount * (1 + 5%)`');
  });

  it('JSON output per spec §7, lines and columns 1-based', () => {
    const r = incent(['check', join(CASE('91-overlapping-tiers'), 'plan.incent'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.json.diagnostics[0]).toMatchObject({
      code: 'E303', severity: 'error', file: expect.stringMatching(/plan\.incent$/),
      range: { start: { line: 40, column: 5 }, end: { line: 40, column: 16 } },
      related: [{ range: { start: { line: 39, column: 5 } } }],
    });
  });

  it('six independent mistakes are all reported, each at its range', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plan.incent'), readFileSync(join(CASE('01-flat-rate'), 'plan.incent'), 'utf8')
      .replace('period quarter', 'period quartr')
      .replace('  cost: Money', '  cost: Mony')
      .replace('base d.amount', 'base d.amout')
      .replace('rate 10%', 'rate 0.1\n  gate d.amount >= 100')
      .replace('enum Stage { open, won, lost }', 'enum Stage { open, won, lost }\nmeasure x = sum(d.amount for d in deal)'));
    const r = incent(['check', join(dir, 'plan.incent'), '--format', 'json']);
    expect(r.code).toBe(1);
    const got = r.json.diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => `${d.code}@${d.range.start.line}:${d.range.start.column}`);
    expect(got).toEqual(['E406@4:10', 'E105@11:35', 'E112@23:9', 'E103@36:10', 'E210@37:8', 'E202@38:8']);
  });

  it('a clean plan exits 0', () => {
    const r = incent(['check', join(CASE('01-flat-rate'), 'plan.incent')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no problems found/);
  });

  it('a missing file is a plan error (exit 1)', () => {
    expect(incent(['check', '/nonexistent/plan.incent']).code).toBe(1);
  });
});

describe('usage and help', () => {
  it('every command has --help', () => {
    for (const command of ['check', 'compile', 'run']) {
      const r = incent([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: incent ${command}`);
    }
    expect(incent(['--help']).stdout).toContain('Commands:');
  });
  it('usage errors exit 64', () => {
    expect(incent(['frobnicate']).code).toBe(64);
    expect(incent(['run', join(CASE('01-flat-rate'), 'plan.incent')]).code).toBe(64); // --data is required
    expect(incent(['check', 'x.incent', '--format', 'yaml']).code).toBe(64);
    const badPeriod = incent(['run', join(CASE('01-flat-rate'), 'plan.incent'), '--data', CASE('01-flat-rate'), '--period', '2027-Q9']);
    expect(badPeriod.code).toBe(64);
    expect(badPeriod.stderr).toContain('unknown period `2027-Q9`');
  });

  it('with --format json, a usage error is JSON on standard output too', () => {
    const plan = join(CASE('01-flat-rate'), 'plan.incent');
    const badPeriod = incent(['run', plan, '--data', CASE('01-flat-rate'), '--period', '2027-Q9', '--format', 'json']);
    expect(badPeriod.code).toBe(64);
    expect(badPeriod.json.errors).toEqual([{ kind: 'usage', message: expect.stringContaining('unknown period `2027-Q9`') }]);
    const noData = incent(['run', plan, '--format=json']);
    expect(noData.code).toBe(64);
    expect(noData.json.errors).toEqual([{ kind: 'usage', message: "required option '--data <dir>' not specified" }]);
  });
});

describe('incent compile and run from the IR', () => {
  it('run from the IR gives the same bytes as run from the source', () => {
    const dir = tmp();
    const ir = join(dir, 'plan.ir.json');
    expect(incent(['compile', join(CASE('11-clawback'), 'plan.incent'), '-o', ir]).code).toBe(0);
    const a = incent(['run', join(CASE('11-clawback'), 'plan.incent'), '--data', CASE('11-clawback'), '--format', 'json', '--explain']);
    const b = incent(['run', ir, '--data', CASE('11-clawback'), '--format', 'json', '--explain']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
  it('a tampered IR is rejected with a clear error (exit 1)', () => {
    const dir = tmp();
    const ir = join(dir, 'plan.ir.json');
    incent(['compile', join(CASE('01-flat-rate'), 'plan.incent'), '-o', ir]);
    writeFileSync(ir, readFileSync(ir, 'utf8').replace('"rounding": "half_even"', '"rounding": "half_even", "secret": 1'));
    const r = incent(['run', ir, '--data', CASE('01-flat-rate')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid IR: /plan: must NOT have additional properties `secret`');
  });
});

describe('incent run: data errors, --skip-bad-rows, formats', () => {
  it('data errors exit 2 and compute nothing, naming file, line, column and value', () => {
    const r = incent(['run', join(CASE('92-bad-decimal'), 'plan.incent'), '--data', CASE('92-bad-decimal'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.json.errors).toEqual([{ file: 'deals.csv', line: 3, column: 'amount', value: '8.000,50', message: expect.stringContaining('not a decimal number') }]);
    expect(r.json.lines).toBeUndefined();
  });

  it('--skip-bad-rows computes with the good rows and lists each rejected row', () => {
    const r = incent(['run', join(CASE('92-bad-decimal'), 'plan.incent'), '--data', CASE('92-bad-decimal'), '--format', 'json', '--skip-bad-rows']);
    expect(r.code).toBe(0);
    expect(r.json.summary.rejected).toEqual([{ input: 'deals', file: 'deals.csv', line: 3, key: 'D2', reasons: [expect.stringContaining('amount')] }]);
    // R1 Q1 without D2: 10% of 12000 = 1200
    expect(r.json.lines.find((l: any) => l.payee === 'R1' && l.period === '2027-Q1').amount).toBe('1200.00');
    expect(r.json.summary.reconciliation.deals).toMatchObject({ read: 7, rejected: 1, outOfPlan: 1, credited: 5 });
  });

  it('the metrics table: Money to the cent, other numbers to four places, counts as they are, columns apart, every digit exact', () => {
    const dir = caseCopy('01-flat-rate');
    writeFileSync(join(dir, 'plan.incent'), `${readFileSync(join(dir, 'plan.incent'), 'utf8')}
metric won_value = sum(d.amount for d in all deals where d.stage == won) / 2
metric huge = sum(d.amount for d in all deals) * 1_000_000_000_000
metric win_rate = count(d in all deals where d.stage == won) / count(d in all deals)
metric won_count = count(d in all deals where d.stage == won)
`);
    const json = incent(['run', join(dir, 'plan.incent'), '--data', dir, '--format', 'json']);
    // in-plan deals: D1 12000, D2 8000.50, D3 9999.99 (lost), D4 4100.10, D5 7300, D7 2500 (D6 is dated 2026)
    expect(json.json.metrics).toEqual({ won_value: '16950.3', huge: '43900590000000000', win_rate: '0.8333333333333333333333333333333333', won_count: '5' });
    const text = incent(['run', join(dir, 'plan.incent'), '--data', dir]).stdout;
    const table = text.slice(text.indexOf('Metrics\n'), text.indexOf('\nSummary'));
    const cells = (name: string) => table.split('\n').find((l) => l.trimStart().startsWith(`${name} `))!.trim().split(/\s+/).slice(1);
    expect(cells('won_value')).toEqual(['16950.30', '12050.30', '4900.00', '0.00', '0.00']);
    expect(cells('huge')).toEqual(['43900590000000000.00', '34100590000000000.00', '9800000000000000.00', '0.00', '0.00']);
    expect(cells('win_rate')).toEqual(['0.8333', '0.7500', '1.0000', '—', '—']);
    expect(cells('won_count')).toEqual(['5', '3', '2', '0', '0']);
  });

  it('--explain in text: the target, attainment and tier slices of each record, percentages in decimal', () => {
    const r = incent(['run', join(CASE('04-marginal-accelerator'), 'plan.incent'), '--data', CASE('04-marginal-accelerator'), '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('target 100000, attainment 0% → 155%');
    expect(r.stdout).toContain('D3 (deals.csv:4, 2027-02-20): base 45000 × rate 0.1 in tiers [110%–150%: 40000 × 1.5] [150%–155%: 5000 × 2] = 7000');
  });

  it('more than 100 data errors: the first 100 and how many more', () => {
    const dir = caseCopy('01-flat-rate');
    const rows = Array.from({ length: 150 }, (_, i) => `X${i},R1,bad,1,direct,won,Core,2027-01-15,`);
    writeFileSync(join(dir, 'deals.csv'), `id,owner,amount,cost,channel,stage,product,closed_on,cancelled_on\n${rows.join('\n')}\n`);
    const json = incent(['run', join(dir, 'plan.incent'), '--data', dir, '--format', 'json']);
    expect(json.code).toBe(2);
    expect(json.json.errors).toHaveLength(100);
    expect(json.json.more).toBe(50);
    const text = incent(['run', join(dir, 'plan.incent'), '--data', dir]);
    expect(text.stderr).toContain('… and 50 more data errors (150 in all)');
  });

  it('a missing data folder or file is a data error, said once', () => {
    const plan = join(CASE('01-flat-rate'), 'plan.incent');
    const missing = incent(['run', plan, '--data', '/nonexistent', '--format', 'json']);
    expect(missing.code).toBe(2);
    expect(missing.json.errors.map((e: { message: string }) => e.message)).toEqual(['no such data folder: /nonexistent']);
    const dir = tmp();
    writeFileSync(join(dir, 'reps.csv'), 'id,name,quota\nR1,A,1\n');
    const r = incent(['run', plan, '--data', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.json.errors.map((e: { message: string }) => e.message)).toEqual([`no data file for input \`deals\`: add deals.csv, deals.json or deals.jsonl to ${dir}`]);
    writeFileSync(join(dir, 'deals.csv'), 'id,owner,amount,closed_on\n');
    writeFileSync(join(dir, 'deals.json'), '[]');
    const two = incent(['run', plan, '--data', dir, '--format', 'json']);
    expect(two.json.errors.map((e: { file: string; message: string }) => `${e.file}: ${e.message}`)).toEqual(['deals.json: two data files for input `deals`: deals.csv and deals.json; keep one']);
  });

  it('evaluation errors exit 3 naming the record and the expression', () => {
    const r = incent(['run', join(CASE('95-division-by-zero'), 'plan.incent'), '--data', CASE('95-division-by-zero'), '--format', 'json']);
    expect(r.code).toBe(3);
    // the message exactly as in spec §7; the record is in its own fields
    expect(r.json.errors[0]).toMatchObject({ kind: 'evaluation', input: 'deals', record: 'D2', file: 'plan.incent', line: 29, message: 'division by zero in (amount - cost) / amount', dataFile: 'deals.csv', dataLine: 3 });
    const text = incent(['run', join(CASE('95-division-by-zero'), 'plan.incent'), '--data', CASE('95-division-by-zero')]);
    expect(text.stderr).toContain('plan.incent:29:3: division by zero in (amount - cost) / amount (record `D2`, deals.csv line 3)');
  });

  it('CSV output neutralises formula cells but keeps negative numbers', () => {
    const dir = caseCopy('11-clawback');
    writeFileSync(join(dir, 'reps.csv'), 'id,name,quota\n=HYPERLINK(1),Ada,100000\nR2,Bo,50000\n');
    writeFileSync(join(dir, 'deals.csv'), readFileSync(join(dir, 'deals.csv'), 'utf8').replace(/,R1,/g, ',=HYPERLINK(1),'));
    const r = incent(['run', join(dir, 'plan.incent'), '--data', dir, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('payee,period,component,kind,amount,unit,award');
    expect(lines).toContain("'=HYPERLINK(1),2027-Q1,early_churn,clawback,-1200.00,USD,");
  });

  it('the table shows each payee and period, totals and the summary', () => {
    const r = incent(['run', join(CASE('07-bonus-spiff'), 'plan.incent'), '--data', CASE('07-bonus-spiff')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('R1  2027-Q1');
    expect(r.stdout).toMatch(/club\s+bonus\s+2500\.00/);
    expect(r.stdout).toMatch(/total\s+2800\.00/);
    expect(r.stdout).toContain('Summary');
  });
});
