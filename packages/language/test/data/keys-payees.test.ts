// Checks across rows and files: duplicate and composite keys, payees against the roster,
// missing data files, error order, and the reconciliation read = records + rejected.
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load';
import { DEALS, REPS, csv, errorsOf, expectReconciled, input, json, loadOne, plain, plan } from './helpers';

const REPS_CSV = 'id,name,quota\nR1,Ada,100000\nR2,Bo,50000\n';
const DEALS_HEADER = 'id,owner,amount,cost,channel,stage,product,closed_on,cancelled_on\n';

describe('keys', () => {
  it('a repeated key is an error on the later record, naming the earlier line', () => {
    const loaded = loadOne(['id: Text key', 'v: Int'], 'id,v\nA,1\nB,2\nA,3\nA,4\n');
    expect(loaded.errors.map((e) => [e.line, e.column, e.value, e.message])).toEqual([
      [4, 'id', 'A', 'duplicate key `A`: line 2 has the same key'],
      [5, 'id', 'A', 'duplicate key `A`: line 2 has the same key'],
    ]);
    expect(loaded.records.t!.map((r) => [r.line, r.key])).toEqual([[2, 'A'], [3, 'B']]);
    expectReconciled(loaded);
  });

  it('a key repeated across a bad row still counts', () => {
    const loaded = loadOne(['id: Text key', 'v: Int'], 'id,v\nA,x\nA,1\n');
    expect(errorsOf(loaded)).toEqual([[2, 'v', 'not a whole number'], [3, 'id', 'duplicate key `A`: line 2 has the same key']]);
  });

  it('numeric keys compare by value', () => {
    const loaded = loadOne(['n: Int key'], 'n\n7\n007\n');
    expect(errorsOf(loaded)).toEqual([[3, 'n', 'duplicate key `7`: line 2 has the same key']]);
  });

  it('composite keys join with / and only the whole key must be unique', () => {
    const loaded = loadOne(['deal: Text key', 'payee: Text key', 'share: Percent'], 'deal,payee,share\nD1,R1,60%\nD1,R2,40%\nD2,R1,1\nD1,R2,0.5\n');
    expect(loaded.records.t!.map((r) => r.key)).toEqual(['D1/R1', 'D1/R2', 'D2/R1']);
    expect(loaded.errors.map((e) => [e.line, e.column, e.value, e.message])).toEqual([[5, 'deal', 'D1/R2', 'duplicate key `D1/R2`: line 3 has the same key']]);
  });

  it('an input without key fields names its records #line', () => {
    const loaded = loadOne(['v: Int'], 'v\n1\n1\nx\n');
    expect(loaded.records.t!.map((r) => r.key)).toEqual(['#2', '#3']);
    expect(loaded.rejected.map((r) => r.key)).toEqual(['#4']);
  });

  it('a rejected row is named by its raw key cells when the key itself is bad', () => {
    const loaded = loadOne(['day: Date key', 'v: Int'], 'day,v\n2027-02-30,1\n,2\n');
    expect(loaded.rejected.map((r) => r.key)).toEqual(['2027-02-30', '#3']);
  });

  it('a date key displays as ISO text', () => {
    const loaded = loadOne(['day: Date key'], 'day\n2027-03-01\n');
    expect(loaded.records.t![0]!.key).toBe('2027-03-01');
  });
});

describe('payees', () => {
  const deal = (id: string, owner: string) => `${id},${owner},100.00,50.00,direct,won,Core,2027-01-15,\n`;

  it('every Payee value must name a roster row', () => {
    const loaded = loadData(plan([REPS, DEALS]), [csv('reps', REPS_CSV), csv('deals', DEALS_HEADER + deal('D1', 'R1') + deal('D2', 'R9') + deal('D3', 'R2'))]);
    expect(loaded.errors).toEqual([{ file: 'deals.csv', line: 3, column: 'owner', value: 'R9', message: 'unknown payee `R9`: not in reps.csv' }]);
    expect(loaded.records.deals!.map((r) => r.key)).toEqual(['D1', 'D3']);
    expect(loaded.rejected).toEqual([{ input: 'deals', file: 'deals.csv', line: 3, key: 'D2', reasons: ['owner: unknown payee `R9`: not in reps.csv'] }]);
    expectReconciled(loaded);
  });

  it('a payee on a rejected roster row is an error too, saying why', () => {
    const loaded = loadData(plan([REPS, DEALS]), [csv('reps', 'id,name,quota\nR1,Ada,lots\nR2,Bo,5\n'), csv('deals', DEALS_HEADER + deal('D1', 'R1') + deal('D2', 'R2'))]);
    expect(errorsOf(loaded)).toEqual([
      [2, 'owner', 'payee `R1` is on a rejected row of reps.csv (line 2)'],
      [2, 'quota', 'not a decimal number'],
    ]);
    expect(loaded.errors.map((e) => e.file)).toEqual(['deals.csv', 'reps.csv']);
    expect(loaded.records.deals!.map((r) => r.key)).toEqual(['D2']);
    expectReconciled(loaded);
  });

  it('checks every Payee field of every other input, and the roster\'s own non-key Payee fields', () => {
    const reps = input('reps', ['id: Payee key', 'manager: Payee?'], { roster: true });
    const splits = input('splits', ['deal: Text key', 'payee: Payee key', 'backup: Payee?']);
    const loaded = loadData(plan([reps, splits]), [
      csv('reps', 'id,manager\nR1,\nR2,R1\nR3,R7\n'),
      json('splits', '[{"deal":"D1","payee":"R1","backup":"R2"},\n{"deal":"D1","payee":"R3"},\n{"deal":"D2","payee":"R2","backup":"R8"}]'),
    ]);
    expect(loaded.errors.map((e) => [e.file, e.line, e.column, e.message])).toEqual([
      ['reps.csv', 4, 'manager', 'unknown payee `R7`: not in reps.csv'],
      ['splits.json', 2, 'payee', 'payee `R3` is on a rejected row of reps.csv (line 4)'],
      ['splits.json', 3, 'backup', 'unknown payee `R8`: not in reps.csv'],
    ]);
    expectReconciled(loaded);
  });

  it('no payee check when the roster file is missing or unreadable (its own error says why)', () => {
    const missing = loadData(plan([REPS, DEALS]), [csv('deals', DEALS_HEADER + deal('D1', 'R1'))]);
    expect(missing.errors).toEqual([{
      file: 'reps.csv', line: 0, column: '', value: '',
      message: 'no data file for input `reps`: add reps.csv, reps.json or reps.jsonl',
    }]);
    expect(missing.read.reps).toBe(0);
    expect(missing.records.reps).toEqual([]);
    expect(missing.records.deals).toHaveLength(1);
    const broken = loadData(plan([REPS, DEALS]), [csv('reps', 'id,name\nR1,Ada\n'), csv('deals', DEALS_HEADER + deal('D1', 'R1'))]);
    expect(errorsOf(broken)).toEqual([[1, 'quota', 'missing column `quota`']]);
  });
});

describe('files and order', () => {
  it('errors are sorted by file, then line; all of them in one pass', () => {
    const loaded = loadData(plan([REPS, DEALS]), [
      csv('reps', 'id,name,quota\nR1,Ada,x\nR2,Bo,1\n'),
      csv('deals', DEALS_HEADER + 'D1,R2,1,1,direct,won,Core,2027-01-01,\nD2,R2,y,z,online,won,Core,2027-02-30,\nD1,R2,1,1,direct,won,Core,2027-01-01,\n'),
    ]);
    expect(loaded.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['deals.csv', 3, 'amount'], ['deals.csv', 3, 'cost'], ['deals.csv', 3, 'channel'], ['deals.csv', 3, 'closed_on'],
      ['deals.csv', 4, 'id'],
      ['reps.csv', 2, 'quota'],
    ]);
    expect(loaded.rejected.map((r) => [r.file, r.line, r.reasons.length])).toEqual([['deals.csv', 3, 4], ['deals.csv', 4, 1], ['reps.csv', 2, 1]]);
    expectReconciled(loaded);
  });

  it('a second data file for one input is an error; a file for no input is a warning', () => {
    const loaded = loadData(plan([REPS]), [csv('reps', REPS_CSV), json('reps', '[]'), csv('other', 'a\n1\n')]);
    expect(errorsOf(loaded)).toEqual([[0, '', 'two data files for input `reps`: reps.csv and reps.json; keep one']]);
    expect(loaded.warnings.map((w) => w.message)).toEqual(['`other` is not an input of the plan: other.csv is ignored']);
    expect(loaded.records.reps).toHaveLength(2);
  });

  it('the same data as CSV, JSON and JSONL loads to the same values', () => {
    const fields = ['id: Text key', 'amount: Money', 'rate: Percent', 'on: Date', 'ok: Bool', 'note: Text?'];
    const fromCsv = loadOne(fields, 'id,amount,rate,on,ok,note\nA,0.10,20%,2027-01-02,true,\nB,-3,0.5,2027-12-31,false,hi\n');
    const fromJson = loadOne(fields, { file: 't.json', format: 'json', text: '[{"id":"A","amount":0.10,"rate":"20%","on":"2027-01-02","ok":true},{"id":"B","amount":"-3","rate":0.5,"on":"2027-12-31","ok":false,"note":"hi"}]' });
    const fromJsonl = loadOne(fields, { file: 't.jsonl', format: 'jsonl', text: '{"id":"A","amount":"0.10","rate":0.2,"on":"2027-01-02","ok":true,"note":null}\n{"id":"B","amount":-3,"rate":"50%","on":"2027-12-31","ok":false,"note":"hi"}\n' });
    const shape = (l: typeof fromCsv) => l.records.t!.map((r) => Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, plain(v)])));
    expect(fromCsv.errors).toEqual([]);
    expect(shape(fromJson)).toEqual(shape(fromCsv));
    expect(shape(fromJsonl)).toEqual(shape(fromCsv));
  });

  it('never throws on arbitrary text, and always reconciles', () => {
    const samples = ['"', '""""', ',,,\n"a', '\r\r\n\n', 'id,v\n"\n', 'id,v\n\uFFFD,\uFFFD', '[', '{"id":', '\u0000\u0001', 'id,v\n' + '"x"y,1\n'.repeat(50)];
    for (const text of samples) {
      for (const format of ['csv', 'json', 'jsonl'] as const) {
        const loaded = loadOne(['id: Text key', 'v: Money?'], { file: `t.${format}`, format, text });
        expectReconciled(loaded);
      }
    }
  });
});
