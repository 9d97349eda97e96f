// The record store (data/table.ts) and the fixed-point cells it keeps (eval/decimal.ts readUnits,
// decimalFromUnits): every numeric cell read straight into units must be the very Decimal
// parseDecimal gives, in value and in digit form; a record's values object is made only when
// asked for, and says what the columns say, derived fields included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, loadData, type DataFile } from '../../packages/language/src/index';
import { Decimal, decimalFromUnits, lastUnits, parseDecimal, readUnits } from '../../packages/language/src/eval/decimal';
import { fieldValue, NumericColumn, TableRecord } from '../../packages/language/src/data/table';
import { check } from '../reliability/fuzz-config';
import { HEADER } from '../eval/helpers';

/** decimal.js's digit form, which decimal.js's own methods rely on. */
function form(x: Decimal): { s: number; e: number; d: number[] } {
  const { s, e, d } = x as unknown as { s: number; e: number; d: number[] };
  return { s, e, d: [...d] };
}

const plainText = fc.tuple(
  fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{0,17}$/), fc.boolean(), fc.stringMatching(/^[0-9]{0,12}$/),
).map(([sign, whole, point, fraction]) => `${sign}${whole}${point ? '.' : ''}${point ? fraction : ''}`);

describe('fixed-point cells', () => {
  it('readUnits reads a plain decimal as the Decimal parseDecimal gives, or leaves it to parseDecimal', () => {
    check('readUnits against parseDecimal', 3000, fc.property(plainText, (text) => {
      const parsed = parseDecimal(text);
      const scale = readUnits(text);
      if (scale < 0) {
        // only what it must leave: not a number, more than 15 digits, a negative zero
        const digits = text.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '');
        expect(parsed === undefined || digits.length > 15 || (parsed.isZero() && text.startsWith('-'))).toBe(true);
        return;
      }
      expect(parsed).toBeDefined();
      const made = decimalFromUnits(lastUnits(), scale);
      expect(made.equals(parsed!)).toBe(true);
      expect(form(made)).toEqual(form(parsed!));
      expect(made.toFixed()).toBe(parsed!.toFixed());
    }));
  });

  it('decimalFromUnits gives decimal.js\'s own digit form for any safe integer and scale', () => {
    check('decimalFromUnits against decimal.js', 3000, fc.property(
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 22 }),
      (units, scale) => {
        const expected = new Decimal(units).div(new Decimal(10).pow(scale));
        const made = decimalFromUnits(units, scale);
        expect(made.equals(expected)).toBe(true);
        expect(form(made)).toEqual(form(expected));
        // and arithmetic on it agrees (decimal.js reads the form directly)
        expect(made.plus('0.001').times(3).equals(expected.plus('0.001').times(3))).toBe(true);
      },
    ));
    expect(form(decimalFromUnits(347732, 2))).toEqual({ s: 1, e: 3, d: [3477, 3200000] });
    expect(decimalFromUnits(-5, 3).toString()).toBe('-0.005');
    expect(decimalFromUnits(1200, 0).toString()).toBe('1200');
  });

  it('a numeric column keeps units, unset cells and Decimals that are not units', () => {
    const column = new NumericColumn();
    column.setUnits(0, 12345, 2);
    column.set(1, null);
    column.set(2, new Decimal('1e-30'));
    column.set(3, new Decimal('-0'));
    column.set(5000, new Decimal('-7.25')); // past the first capacity
    expect(String(column.get(0))).toBe('123.45');
    expect(column.get(1)).toBeNull();
    expect((column.get(2) as Decimal).equals(new Decimal('1e-30'))).toBe(true);
    expect([...column.decimals.keys()]).toEqual([2, 3]); // 30 places, and a negative zero, are kept as they are
    expect((column.get(3) as Decimal).isNegative()).toBe(true);
    expect(column.get(4)).toBeNull();
    expect(String(column.get(5000))).toBe('-7.25');
    expect(column.maxScale).toBe(2);
  });
});

const PLAN = `${HEADER()}
input reps {
  id: Payee key
  quota: Money
}
input deals {
  id: Text key
  owner: Payee
  amount: Money
  share: Percent
  units: Int
  closed_on: Date
  let margin = amount * share
  credit owner on closed_on
}
commission c { for d in deals  base d.margin  rate 10% }
`;

describe('records read from their table', () => {
  const ir = compile(PLAN, 'plan.incent').ir!;
  const files: DataFile[] = [
    { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id,quota\nR1,1000\n' },
    {
      input: 'deals', file: 'deals.csv', format: 'csv',
      text: 'id,owner,amount,share,units,closed_on\nD1,R1,100.50,20%,3,2027-01-05\nD2,R1,-0.00,0.125,4.0,2027-02-01\nD3,R1,12345678901234567.5,1,2,2027-03-01\n',
    },
  ];

  it('hold every cell as the loader read it, and make the values object only when asked', () => {
    const data = loadData(ir, files);
    expect(data.errors).toEqual([]);
    const [d1, d2, d3] = data.records.deals! as TableRecord[];
    expect(d1).toBeInstanceOf(TableRecord);
    expect(String(fieldValue(d1!, 'amount'))).toBe('100.5');
    expect(String(fieldValue(d1!, 'share'))).toBe('0.2');
    expect(String(fieldValue(d2!, 'share'))).toBe('0.125');
    expect(String(fieldValue(d2!, 'units'))).toBe('4');
    expect((fieldValue(d2!, 'amount') as Decimal).isNegative()).toBe(true); // -0.00 keeps its sign, as decimal.js does
    expect(String(fieldValue(d3!, 'amount'))).toBe('12345678901234567.5'); // more digits than units hold
    expect(fieldValue(d1!, 'closed_on')).toBe(fieldValue(d1!, 'closed_on'));
    expect(fieldValue(d1!, 'owner')).toBe('R1');
    expect(d1!.table.madeValues(d1!.pos)).toBe(false);
    const values = d1!.values;
    expect(Object.getPrototypeOf(Object.getPrototypeOf(values))).toBeNull();
    expect(Object.keys(values)).toEqual(['id', 'owner', 'amount', 'share', 'units', 'closed_on']);
    expect(String(values.amount)).toBe('100.5');
    expect(d1!.values).toBe(values); // made once
    d1!.setDerived('margin', new Decimal('20.1'));
    expect(String(values.margin)).toBe('20.1');
    expect(String(fieldValue(d1!, 'margin'))).toBe('20.1');
    expect(String(d2!.values.margin ?? null)).toBe('null'); // set on D1 only
    const moved = d1!.movedTo('plan.test', 7);
    expect([moved.file, moved.line, moved.key, moved.seq, String(moved.values.amount)]).toEqual(['plan.test', 7, 'D1', 0, '100.5']);
  });

  it('a record\'s key, seq and line are its table\'s: the key cell, `#line` without a key field, else kept by position', () => {
    const plan = `${HEADER()}
input reps {
  id: Payee key
}
input visits {
  owner: Payee
  on: Date
  credit owner on on
}
input days {
  on: Date key
  owner: Payee
  credit owner on on
}
input deals {
  id: Text key
  owner: Payee
  closed_on: Date
  credit owner on closed_on
}
commission c { for v in visits  base 1 USD  rate 1% }
commission d { for x in days  base 1 USD  rate 1% }
commission e { for x in deals  base 1 USD  rate 1% }
`;
    const keyed = compile(plan, 'plan.incent').ir!;
    const data = loadData(keyed, [
      { input: 'reps', file: 'reps.csv', format: 'csv', text: 'id\nR1\n' },
      { input: 'visits', file: 'visits.csv', format: 'csv', text: 'owner,on\nR1,2027-01-05\n\nR1,2027-01-06\n' },
      { input: 'days', file: 'days.csv', format: 'csv', text: 'on,owner\n2027-01-05,R1\n' },
      // D2's owner is unknown, D3 has no id: both rejected, their keys the raw key cell and the line
      { input: 'deals', file: 'deals.csv', format: 'csv', text: 'id,owner,closed_on\nD1,R1,2027-01-05\nD2,R9,2027-01-05\n,R1,2027-01-06\nD4,R1,2027-01-07\n' },
    ]);
    expect(data.records.visits!.map((r) => [r.key, r.line, r.seq])).toEqual([['#2', 2, 0], ['#4', 4, 1]]);
    expect(data.records.days!.map((r) => r.key)).toEqual(['2027-01-05']);
    expect(data.records.deals!.map((r) => [r.key, r.line, r.seq])).toEqual([['D1', 2, 0], ['D4', 5, 1]]);
    expect(data.rejected.map((r) => [r.key, r.line])).toEqual([['D2', 3], ['#4', 4]]);
    const d4 = data.records.deals![1] as TableRecord;
    expect([d4.table.keyAt(d4.pos), d4.table.seqAt(d4.pos), d4.pos]).toEqual(['D4', 1, 3]);
  });

  it('a cell that is not a plain number is still an error naming file, line, column and value', () => {
    const bad = [files[0]!, { ...files[1]!, text: 'id,owner,amount,share,units,closed_on\nD1,R1,1.5.0,20%,3.5,2027-01-05\n' }];
    const data = loadData(ir, bad);
    expect(data.errors.map((e) => [e.file, e.line, e.column, e.value])).toEqual([
      ['deals.csv', 2, 'amount', '1.5.0'], ['deals.csv', 2, 'units', '3.5'],
    ]);
  });
});
