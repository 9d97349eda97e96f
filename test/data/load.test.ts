// The data loader's checks across rows (data/load.ts, data/checks.ts): repeated keys, payees
// that are not on the roster, rows rejected for their table, and what every rejected row is
// named and counted by. Also firstLines, the hash table the key check runs on.
import { describe, expect, it } from 'vitest';
import { compile, loadData, type DataFile, type LoadedData } from '../../packages/language/src/index';
import { firstLines } from '../../packages/language/src/data/checks';
import { HEADER } from '../eval/helpers';

const PLAN = `${HEADER()}
input reps {
  id: Payee key
  manager: Payee?
  quota: Money
}
input deals {
  id: Text key
  owner: Payee
  amount: Money
  closed_on: Date
  credit owner on closed_on
}
input splits {
  deal: Text key
  rep: Payee key
  share: Percent
}
commission c { for d in deals  base d.amount  rate 10% }
`;

function load(files: Record<string, string>): LoadedData {
  const { ir, diagnostics } = compile(PLAN);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const dataFiles: DataFile[] = Object.entries(files).map(([file, text]) => ({ input: file.slice(0, file.indexOf('.')), file, format: 'csv', text }));
  return loadData(ir!, dataFiles);
}

const REPS = 'id,manager,quota\nR1,,100\nR2,R1,100\nR3,R9,100\n';
const SPLITS = 'deal,rep,share\n';

describe('data checks', () => {
  it('a repeated key is an error on each later row, naming the first line; the first row stays', () => {
    const data = load({
      'reps.csv': REPS,
      'deals.csv': 'id,owner,amount,closed_on\nD1,R1,10,2027-01-05\nD2,R1,20,2027-01-06\nD1,R2,30,2027-01-07\nD1,R2,40,2027-01-08\n',
      'splits.csv': 'deal,rep,share\nD1,R1,50%\nD1,R2,50%\nD1,R1,20%\n',
    });
    expect(data.errors.filter((e) => e.message.startsWith('duplicate')).map((e) => `${e.file}:${e.line} ${e.column}=${e.value} ${e.message}`)).toEqual([
      'deals.csv:4 id=D1 duplicate key `D1`: line 2 has the same key',
      'deals.csv:5 id=D1 duplicate key `D1`: line 2 has the same key',
      'splits.csv:4 deal=D1/R1 duplicate key `D1/R1`: line 2 has the same key',
    ]);
    expect(data.records.deals!.map((r) => `${r.key}@${r.line}#${r.seq}`)).toEqual(['D1@2#0', 'D2@3#1']);
    expect(data.records.splits!.map((r) => r.key)).toEqual(['D1/R1', 'D1/R2']);
    expect(data.read).toMatchObject({ deals: 4, splits: 3 });
    expect(data.rejected.map((r) => `${r.file}:${r.line} ${r.key}`)).toEqual(['deals.csv:4 D1', 'deals.csv:5 D1', 'reps.csv:4 R3', 'splits.csv:4 D1/R1']);
  });

  it('finds every repeat whether the file is in key order, falls out of it, or never was one', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const orders: string[][] = [
      ['D1', 'D2', 'D2'], // a repeat right after its first
      ['D1', 'D2', 'D3', 'D1'], // in order, then the first again
      ['D3', 'D2', 'D1', 'D3'], // never in order
      ['D1', '', 'D2', '', 'D2'], // rows without a key are passed over
    ];
    for (let n = 0; n < 40; n++) {
      const count = 2 + Math.floor(random() * 30), sortedFor = Math.floor(random() * count);
      orders.push(Array.from({ length: count }, (_, i) => (i < sortedFor ? `D${String(i).padStart(3, '0')}` : random() < 0.1 ? '' : `D${String(Math.floor(random() * count)).padStart(3, '0')}`)));
    }
    for (const ids of orders) {
      const data = load({ 'reps.csv': REPS, 'deals.csv': `id,owner,amount,closed_on\n${ids.map((id) => `${id},R1,10,2027-01-05\n`).join('')}`, 'splits.csv': SPLITS });
      const first = new Map<string, number>(), expected: string[] = [];
      ids.forEach((id, i) => {
        if (id === '') return;
        const earlier = first.get(id);
        if (earlier === undefined) first.set(id, i + 2);
        else expected.push(`${i + 2}: duplicate key \`${id}\`: line ${earlier} has the same key`);
      });
      expect(data.errors.filter((e) => e.message.startsWith('duplicate')).map((e) => `${e.line}: ${e.message}`), ids.join(',')).toEqual(expected);
      expect(data.records.deals!.map((r) => r.key)).toEqual([...first.keys()]);
    }
  });

  it('payees must be good roster rows; a row with no good key is named by its raw cells or its line', () => {
    const data = load({
      'reps.csv': REPS,
      'deals.csv': 'id,owner,amount,closed_on\nD1,R3,10,2027-01-05\nD2,R7,ten,2027-01-06\n,R1,5,2027-01-07\nD4,R2,7,2027-01-08\n',
      'splits.csv': SPLITS,
    });
    expect(data.errors.map((e) => `${e.file}:${e.line} ${e.column} ${e.message}`)).toEqual([
      'deals.csv:2 owner payee `R3` is on a rejected row of reps.csv (line 4)',
      'deals.csv:3 amount not a decimal number',
      'deals.csv:3 owner unknown payee `R7`: not in reps.csv',
      'deals.csv:4 id missing value for required field `id`',
      'reps.csv:4 manager unknown payee `R9`: not in reps.csv',
    ]);
    expect(data.rejected.map((r) => `${r.line} ${r.key} [${r.reasons.join('; ')}]`).filter((r) => !r.startsWith('4 R3'))).toEqual([
      '2 D1 [owner: payee `R3` is on a rejected row of reps.csv (line 4)]',
      '3 D2 [amount: not a decimal number; owner: unknown payee `R7`: not in reps.csv]',
      '4 #4 [id: missing value for required field `id`]',
    ]);
    expect(data.records.deals!.map((r) => `${r.key}#${r.seq}`)).toEqual(['D4#0']);
    expect(data.records.reps!.map((r) => r.key)).toEqual(['R1', 'R2']);
    // every row is a record or a rejected row
    expect(data.records.deals!.length + data.rejected.filter((r) => r.input === 'deals').length).toBe(data.read.deals);
  });

  it('a missing column rejects every row of its table, once reported', () => {
    const data = load({ 'reps.csv': REPS, 'deals.csv': 'id,owner,closed_on\nD1,R1,2027-01-05\nD2,R2,2027-01-06\n', 'splits.csv': SPLITS });
    expect(data.errors.filter((e) => e.file === 'deals.csv').map((e) => `${e.line} ${e.message}`)).toEqual([expect.stringMatching(/^1 .*amount/)]);
    expect(data.rejected.filter((r) => r.input === 'deals').map((r) => `${r.key} ${r.reasons.length}`)).toEqual(['D1 1', 'D2 1']);
    expect(data.records.deals).toEqual([]);
  });
});

describe('firstLines', () => {
  it('gives the first line of every repeated text, as a Map would, through collisions and wrap-around', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    for (const count of [1, 5, 64, 1000, 20_000]) {
      const texts = Array.from({ length: count }, () => `K${Math.floor(random() * count * 0.7)}${random() < 0.1 ? '\u00e9' : ''}`);
      const add = firstLines(count);
      const first = new Map<string, number>();
      texts.forEach((text, line) => {
        const expected = first.get(text);
        if (expected === undefined) first.set(text, line);
        expect(add(text, line)).toBe(expected);
      });
    }
  });

  it('takes the empty text like any other, and refuses to fill past half its slots', () => {
    const add = firstLines(3); // 16 slots (the least it makes): 8 texts at most
    expect([add('', 1), add('a', 2), add('b', 3), add('', 4), add('a', 5)]).toEqual([undefined, undefined, undefined, 1, 2]);
    for (const text of ['c', 'd', 'e', 'f', 'g']) expect(add(text, 6)).toBeUndefined();
    expect(() => add('h', 7)).toThrow(RangeError);
  });
});
