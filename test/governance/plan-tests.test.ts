// Plan tests (`*.incent-test`, docs/plan-tests.md): the file format (governance/
// plan-test-format.ts), and `incent test` as users run it — golden output for passing and
// failing tests (expected against actual with the explanation), coverage and its threshold,
// problems in test files, and the tests the examples ship with.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTestFile } from '../../packages/language/src/index';
import { artifacts, fixture, incent, presentExamples, ROOT } from './helpers';

describe('parseTestFile', () => {
  it('reads the plan, shared data, tests, inline CSV with the test file\'s lines, and expectations', () => {
    const { file, problems } = parseTestFile([
      '// a comment',
      'plan "../plan.incent"',
      '',
      'data reps',
      '  id,name',
      '  R1,"Ana, Jr."',
      '',
      'test "one"',
      '  data deals from "../data/deals.csv"',
      '  data coupons',
      '    code,partner',
      '    // a comment inside data',
      '    C1,R1',
      '  expect R1 2027-Q1 new_business = 1_250.50',
      '  expect R1 2027-Q1 points = 5 points',
      '  expect metric rate = 50%',
      '  expect error "division by zero"',
      '  expect nothing else',
    ].join('\n'));
    expect(problems).toEqual([]);
    expect(file.plan).toBe('../plan.incent');
    expect(file.data).toEqual([{ input: 'reps', line: 4, csv: { text: 'id,name\nR1,"Ana, Jr."\n', lines: [5, 6] } }]);
    expect(file.tests).toHaveLength(1);
    const [test] = file.tests;
    expect(test!.data).toEqual([
      { input: 'deals', line: 9, from: '../data/deals.csv' },
      { input: 'coupons', line: 10, csv: { text: 'code,partner\nC1,R1\n', lines: [11, 13] } },
    ]);
    expect(test!.expect).toEqual([
      { kind: 'amount', line: 14, payee: 'R1', period: '2027-Q1', component: 'new_business', amount: '1250.50' },
      { kind: 'amount', line: 15, payee: 'R1', period: '2027-Q1', component: 'points', amount: '5', unit: 'points' },
      { kind: 'metric', line: 16, metric: 'rate', value: '50%' },
      { kind: 'error', line: 17, contains: 'division by zero' },
      { kind: 'nothingElse', line: 18 },
    ]);
  });

  it('reports problems with their lines and never throws', () => {
    const { problems } = parseTestFile([
      'plan "a.incent"',
      'tset "typo"',
      '  expect R1 2027-Q1 x = 1',
      'test "empty"',
      'test "bad"',
      '  expect R1 2027-Q1 x = twelve',
      '  expect something',
      '  data deals',
      'test "bad"',
      '  expect R1 2027-Q1 x = 1',
    ].join('\n'));
    expect(problems.map((p) => p.line)).toEqual([2, 3, 6, 7, 8, 9, 4, 5]);
    expect(problems[0]!.message).toContain('expected `plan "PATH"`, `data NAME` or `test "NAME"`');
    expect(problems[2]!.message).toContain('`twelve` is not an amount');
    expect(problems.at(-2)!.message).toBe('test "empty" expects nothing: add `expect PAYEE PERIOD COMPONENT = AMOUNT`');
    expect(() => parseTestFile('\u0000\n\t\texpect\n"')).not.toThrow();
  });
});

describe('incent test', () => {
  it('passes the enterprise fixture and reports coverage', async () => {
    const r = incent(['test', fixture('enterprise'), '--coverage']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/test-enterprise.txt');
  });

  it('passes the partner fixture with full coverage', async () => {
    const r = incent(['test', fixture('partner'), '--coverage-threshold', '100']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/test-partner.txt');
  });

  /** The failing fixture, copied where `incent test` at the root does not look. */
  function failing(): string {
    const path = artifacts('wrong.incent-test');
    copyFileSync(join(ROOT, fixture('failing', 'wrong.incent-test.txt')), join(ROOT, path));
    return path;
  }

  it('shows failures: expected against actual, with the explanation (text)', async () => {
    const r = incent(['test', failing()]);
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot('golden/test-failing.txt');
  });

  it('shows failures as JSON', async () => {
    const r = incent(['test', failing(), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ passed: 1, failed: 5, problems: 0 });
    await expect(r.stdout).toMatchFileSnapshot('golden/test-failing.json');
  });

  it('fails below the coverage threshold', () => {
    const r = incent(['test', fixture('enterprise'), '--coverage-threshold', '95']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('coverage of test/governance/fixtures/enterprise/plan.incent: 15 of 16 (93.75%) — below the threshold of 95%');
    expect(incent(['test', fixture('enterprise'), '--coverage-threshold', '90']).code).toBe(0);
    expect(incent(['test', fixture('enterprise'), '--coverage-threshold', '120']).code).toBe(64);
  });

  it('finds the tests of a plan given as PATH, and runs only the tests --run names', () => {
    const r = incent(['test', fixture('partner', 'plan.incent'), '--run', 'kicker']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS  past target, every deal of the quarter earns the kicker');
    expect(r.stdout).toContain('1 test: 1 passed, 0 failed');
  });

  it('reports problems in a test file with their lines (exit 1)', () => {
    const path = artifacts('broken.incent-test');
    writeFileSync(join(ROOT, path), `plan "../../${fixture('enterprise', 'plan.incent')}"\n\ntest "x"\n  expect R1 2027-Q1 new_business = lots\n`);
    const r = incent(['test', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error: ${path}:4: \`lots\` is not an amount: write a decimal such as 1250.00`);
    const noPlan = artifacts('orphan.incent-test');
    writeFileSync(join(ROOT, noPlan), 'test "x"\n  expect R1 2027-Q1 a = 1\n');
    expect(incent(['test', noPlan]).stdout).toContain('no plan: add `plan "PATH"`');
    expect(incent(['test', 'test/governance/golden']).code).toBe(1);
  });

  it('at the root finds the examples\' and the fixtures\' tests, and they all pass', () => {
    const r = incent(['test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test/governance/fixtures/partner/tests/plan.incent-test');
    expect(r.stdout).not.toContain('wrong.incent-test');
  });
});

describe.each(presentExamples())('the plan tests of examples/%s', (name) => {
  it('pass, with their coverage', async () => {
    const r = incent(['test', join('examples', name), '--coverage']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/test-${name}.txt`);
  });
});
