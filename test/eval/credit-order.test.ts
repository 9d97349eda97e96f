// Credit order (spec §4 step 1) as the runtime sorts records: by credit date, then key fields,
// then line. The runtime puts records in day order by counting before comparing them
// (eval/runtime.ts creditOrdered) and sorts a day only when its records came out of order;
// the result must be the order a plain sort with the comparator gives, and a number carried along
// for each record (creditOrdered: the runtime's slot) must come out in that order too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type IrPlan } from '../../packages/language/src/index';
import { creditOrder, creditOrdered } from '../../packages/language/src/eval/runtime';
import { parseIsoDate } from '../../packages/language/src/eval/dates';
import { dec } from '../../packages/language/src/eval/decimal';
import type { DataRecord } from '../../packages/language/src/data/records';
import { check } from '../reliability/fuzz-config';

const PLAN = (key: string) => `plan "Order" {
  version 1
  currency USD
  period month
  effective 2027-01-01 to 2027-03-31
}

input reps {
  id: Payee key
}

input deals {
  ${key}
  owner: Payee
  closed_on: Date
  credit owner on closed_on
}

commission c {
  for d in deals
  base 1 USD
  rate 1%
}
`;

function irOf(text: string): IrPlan {
  const compiled = compile(text);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.ir;
}

describe('credit order', () => {
  const from = parseIsoDate('2027-01-01')!, to = parseIsoDate('2027-03-31')!;
  for (const [name, key] of [['one text key', 'id: Text key'], ['two keys', 'id: Text key\n  n: Int key']] as const) {
    it(`is the comparator's order after bucketing by day (${name})`, () => {
      const input = irOf(PLAN(key)).inputs.find((i) => i.name === 'deals')!;
      const rows = fc.array(fc.record({ day: fc.integer({ min: 0, max: to - from }), id: fc.constantFrom('a', 'B', 'b', 'a2', '\u{1F600}', '\uFFFD'), n: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 });
      check(`bucketed credit order, ${name}`, 300, fc.property(rows, (list) => {
        const records: DataRecord[] = list.map((r, i) => ({
          input: 'deals', line: i + 2, file: 'deals.csv', seq: i, key: r.id,
          values: { id: r.id, n: dec(r.n), owner: 'R1', closed_on: from + r.day },
        }));
        const expected = records.slice().sort(creditOrder(input));
        const sorted = Array.from(creditOrdered(input, records, records.map((_, i) => i), from, to).order, (i) => records[i]!);
        expect(sorted.map((r) => r.line)).toEqual(expected.map((r) => r.line));
      }));
    });

    it(`is the comparator's order when records come mostly in key order, over some of them (${name})`, () => {
      const input = irOf(PLAN(key)).inputs.find((i) => i.name === 'deals')!;
      // ids rising with the line, a few swapped with their neighbour; few days, so days hold many records
      const rows = fc.array(fc.record({ day: fc.integer({ min: 0, max: 3 }), swap: fc.integer({ min: 0, max: 9 }).map((x) => x === 0), n: fc.integer({ min: 0, max: 1 }), keep: fc.integer({ min: 0, max: 4 }) }), { maxLength: 80 });
      check(`bucketed credit order, nearly sorted, ${name}`, 300, fc.property(rows, (list) => {
        const ids = list.map((_, i) => `D${String(i).padStart(3, '0')}`);
        list.forEach((r, i) => { if (r.swap && i > 0) [ids[i - 1], ids[i]] = [ids[i]!, ids[i - 1]!]; });
        const records: DataRecord[] = list.map((r, i) => ({
          input: 'deals', line: i + 2, file: 'deals.csv', seq: i, key: ids[i]!,
          values: { id: ids[i]!, n: dec(r.n), owner: 'R1', closed_on: from + r.day },
        }));
        const positions = records.flatMap((_, i) => (list[i]!.keep > 0 ? [i] : []));
        const expected = positions.map((i) => records[i]!).sort(creditOrder(input));
        const sorted = Array.from(creditOrdered(input, records, positions, from, to).order, (i) => records[i]!);
        expect(sorted.map((r) => r.line)).toEqual(expected.map((r) => r.line));
        // a number carried along for each record (the runtime's slot) comes out in the same order
        const carried = Int32Array.from(records, (r) => 1000 + r.line);
        const both = creditOrdered(input, records, positions, from, to, carried);
        expect(Array.from(both.carried!)).toEqual(expected.map((r) => 1000 + r.line));
      }));
    });
  }
});
