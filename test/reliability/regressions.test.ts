// One regression test per defect the reliability tests found and that was fixed, each with the
// smallest input that showed it (docs/reliability.md lists them). Defects of the evaluator,
// which is not fixed here, are in eval-regressions.test.ts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, LineMap, loadData, loadIr, runPlan, type DataFile } from '../../packages/language/src/index';
import { main } from '../../packages/cli/src/main';
import { terminalSafe, writerFor } from '../../packages/cli/src/io';
import { ROSTER_HEADER as HEADER } from './run-helpers';

const scratch = mkdtempSync(join(tmpdir(), 'incent-regressions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


const csv = (input: string, text: string): DataFile => ({ input, file: `${input}.csv`, format: 'csv', text });

describe('fixed defects', () => {
  it('1. data: a derived field called `__proto__` keeps its value (a Bool was dropped, so its `where` selected nothing)', () => {
    const { ir } = compile(`${HEADER}input deals {
  id: Text key
  owner: Payee
  amount: Money
  closed_on: Date
  let __proto__ = amount > 500 USD
  credit owner on closed_on
}
commission c { for d in deals where d.__proto__  base d.amount  rate 10% }`);
    const loaded = loadData(ir!, [csv('reps', 'id,quota\nR1,1\n'), csv('deals', 'id,owner,amount,closed_on\nD1,R1,1000,2027-01-05\nD2,R1,100,2027-01-06\n')]);
    const outcome = runPlan(ir!, loaded);
    expect(outcome.ok && outcome.report.lines.map((l) => l.amount)).toEqual(['100.00']);
  });

  it('1. data: an input called `__proto__` has its records and its count (they were set on the prototype)', () => {
    const { ir } = compile(`${HEADER}input __proto__ { id: Text key  owner: Payee  amount: Money  closed_on: Date  credit owner on closed_on }
commission c { for d in __proto__  base d.amount  rate 10% }`);
    const loaded = loadData(ir!, [csv('reps', 'id,quota\nR1,1\n'), csv('__proto__', 'id,owner,amount,closed_on\nD1,R1,1000,2027-01-05\n')]);
    expect(Object.hasOwn(loaded.records, '__proto__') && loaded.records['__proto__']!.length).toBe(1);
    expect(Object.hasOwn(loaded.read, '__proto__') && loaded.read['__proto__']).toBe(1);
    const outcome = runPlan(ir!, loaded);
    expect(outcome.ok && outcome.report.lines.map((l) => l.amount)).toEqual(['100.00']);
  });

  it('2. IR loading: a compiled plan with a sum of 200 terms loads (the schema validator recursed and overflowed the stack)', () => {
    const { ir } = compile(`${HEADER}let x = ${'1 + '.repeat(199)}1\nbonus b { when x > 0  pay 1 USD }`);
    expect(loadIr(JSON.stringify(ir)).errors).toEqual([]);
  });

  it('3. IR loading: documents that pass the schema but mean nothing are rejected (they crashed, hung or ran wrong)', () => {
    const { ir } = compile(`${HEADER}input deals { id: Text key  owner: Payee  amount: Money  closed_on: Date  credit owner on closed_on }
commission c { for d in deals  base d.amount  rate 10% }`);
    const text = JSON.stringify(ir);
    const tampered: [string, string, RegExp][] = [
      ['a rate that is not a number (threw a DecimalError)', text.replace('"v":"0.1"', '"v":"abc"'), /is not a literal of type `Percent`/],
      ['an impossible effective date (the calendar never ended: out of memory)', text.replace('"from":"2027-01-01"', '"from":"2027-02-31"'), /not a calendar date/],
      ['a field the input does not have (read as unset: paid nothing, silently)', text.replace(/("k":"field","t":\{"base":"Money"\},"of":\{[^}]*\}[^}]*\},"name":)"amount"/, '$1"constructor"'), /has no field `constructor`/],
      ['a loop variable out of scope (read as unset)', text.replace('"name":"d"', '"name":"e"'), /not a loop variable in scope/],
      ['an unknown input', text.replace('"input":"deals"', '"input":"nope"'), /unknown input `nope`/],
      ['a Bool where Money is needed (a TypeError)', text.replace(/"base":\{"k":"field","t":\{"base":"Money"\}/, '"base":{"k":"field","t":{"base":"Bool"}'), /states `Bool` but computes `Money`|expected Money/],
    ];
    for (const [what, doc, message] of tampered) {
      expect(doc, what).not.toBe(text);
      const loaded = loadIr(doc);
      expect(loaded.ir, what).toBeUndefined();
      expect(loaded.errors.join('\n'), what).toMatch(message);
    }
  });

  it('4. checker: 2,000 lets written last-first check (typing them recursed 2,000 deep and overflowed the stack)', () => {
    const lets = Array.from({ length: 2_000 }, (_, i) => `let x${i} = ${i === 0 ? '1' : `x${i - 1} + 1`}`).reverse().join('\n');
    expect(compile(`${HEADER}${lets}`).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('5. checker: 10,000 lets in a chain check in seconds (the cycle search was quadratic and recursive: 30 s, then a stack overflow)', () => {
    const lets = Array.from({ length: 10_000 }, (_, i) => `let x${i} = ${i === 0 ? '1' : `x${i - 1} + 1`}`).join('\n');
    const started = performance.now();
    expect(compile(`${HEADER}${lets}`).ir).toBeDefined();
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('5. checker: a cycle of 1,000 lets is one error naming it (not 1,000 errors of 1,000 names: a million related ranges)', () => {
    const lets = Array.from({ length: 1_000 }, (_, i) => `let x${i} = x${(i + 1) % 1_000} + 1`).join('\n');
    const cycles = compile(`${HEADER}${lets}`).diagnostics.filter((d) => d.code === 'E113');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/^let `x0` depends on itself: `x0` → `x1` → .* → `x999` → `x0`$/);
  });

  it('6. lowering: 10,000 derived fields in a chain, written last-first, lower to IR (ordering them recursed)', () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => `  let f${i} = ${i === 0 ? 'quota' : `f${i - 1} + 1 USD`}`).reverse().join('\n');
    expect(compile(HEADER.replace('quota: Money\n', `quota: Money\n${fields}\n`)).ir).toBeDefined();
  });

  it('7. data: JSON nested 100,000 levels deep is a data error (the JSON parser recursed: exit 70)', () => {
    const { ir } = compile(HEADER);
    const loaded = loadData(ir!, [{ input: 'reps', file: 'reps.json', format: 'json', text: '['.repeat(100_000) }]);
    expect(loaded.errors).toMatchObject([{ file: 'reps.json', line: 1, message: expect.stringMatching(/nested more than 100 levels/) }]);
  });

  it('8. CLI: a broken link, a link loop or a device where a data file should be is a data error (exit 70, or a hang on a pipe)', () => {
    const plan = join(scratch, 'plan.incent');
    writeFileSync(plan, HEADER);
    for (const [name, target, message] of [['broken', join(scratch, 'nothing.csv'), /does not exist/], ['loop', 'SELF', /leads back to itself/], ['device', '/dev/zero', /not a regular file/]] as const) {
      const dir = join(scratch, name);
      mkdirSync(dir);
      symlinkSync(target === 'SELF' ? join(dir, 'reps.csv') : target, join(dir, 'reps.csv'));
      let out = '';
      const code = main(['run', plan, '--data', dir, '--format', 'json'], { out: (t) => { out += t; }, err: () => {} });
      expect(code, name).toBe(2);
      expect(JSON.parse(out).errors[0], name).toMatchObject({ file: 'reps.csv', message: expect.stringMatching(message) });
    }
  });

  it('9. CLI: control characters from data do not reach a terminal (a payee id could retitle it, erase lines, hide text)', () => {
    const written: string[] = [];
    writerFor({ isTTY: true, write: (t: string) => written.push(t) })('R1\u001b]0;owned\u0007 \u001b[2K\r\u001b[8m 1000.00');
    expect(written).toEqual(['R1␛]0;owned␇ ␛[2K␍␛[8m 1000.00\n']);
    expect(terminalSafe('\u001b[1mR1\u001b[0m')).toBe('\u001b[1mR1\u001b[0m');
  });

  it('10. positions: a plan with CR line ends reports errors on their lines (all were on line 1), and no position falls inside a CRLF', () => {
    const plan = join(scratch, 'cr.incent');
    writeFileSync(plan, `${HEADER}let x = 1 +\n`.replace(/\n/g, '\r'));
    let out = '';
    expect(main(['check', plan, '--format', 'json'], { out: (t) => { out += t; }, err: () => {} })).toBe(1);
    expect(JSON.parse(out).diagnostics[0].range.start.line).toBe(11);
    const crlf = new LineMap('ab\r\ncd');
    expect(crlf.position(3)).toEqual({ line: 1, column: 3 }); // the \n of \r\n: the end of line 1, not a column past it
    expect(crlf.position(4)).toEqual({ line: 2, column: 1 });
    expect(crlf.lineText(1)).toBe('ab');
  });
});
