// JSON and JSONL reading: exact numbers from source text, strings for money, null and absent
// keys, nested values, unknown keys, syntax errors (comments, trailing commas) with lines.
import { describe, expect, it } from 'vitest';
import { errorsOf, expectReconciled, loadOne, plain } from './helpers';
import type { LoadedData } from '../../src/data/records';
import { formatPlain, type Decimal } from '../../src/eval/decimal';

const FIELDS = ['id: Text key', 'amount: Money', 'rate: Percent?', 'count: Int?', 'on: Date?', 'ok: Bool?', 'note: Text?'];

function loadJson(text: string, format: 'json' | 'jsonl' = 'json'): LoadedData {
  return loadOne(FIELDS, { file: `t.${format}`, format, text });
}

function values(loaded: LoadedData, name: string): unknown[] {
  return loaded.records.t!.map((r) => plain(r.values[name]));
}

describe('json', () => {
  it('reads an array of objects, each record at the line of its `{`', () => {
    const loaded = loadJson('[\n  {"id": "D1", "amount": 10.5},\n  {\n    "id": "D2",\n    "amount": "7"\n  }\n]\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.key, plain(r.values.amount)])).toEqual([[2, 'D1', '10.5'], [3, 'D2', '7']]);
    expect(loaded.read.t).toBe(2);
  });

  it('reads numbers exactly from their source text, never through a float', () => {
    const loaded = loadJson('[{"id":"a","amount":0.1,"rate":0.2},{"id":"b","amount":12345678901234567890.123456789,"rate":0.30000000000000004},{"id":"c","amount":1.5e3,"rate":2E-1},{"id":"d","amount":-0.000000000000000000001}]');
    expect(loaded.errors).toEqual([]);
    expect(values(loaded, 'amount')).toEqual(['0.1', '12345678901234567890.123456789', '1500', '-0.000000000000000000001']);
    expect(values(loaded, 'rate')).toEqual(['0.2', '0.30000000000000004', '0.2', null]);
    const [a] = loaded.records.t!;
    expect(formatPlain((a!.values.amount as Decimal).plus(a!.values.rate as Decimal))).toBe('0.3');
  });

  it('money, percent and number may be strings, read like CSV cells', () => {
    const loaded = loadJson('[{"id":"a","amount":"1234.56","rate":"20%","count":"3"},{"id":"b","amount":" -5 ","rate":"0.075"}]');
    expect(loaded.errors).toEqual([]);
    expect(values(loaded, 'amount')).toEqual(['1234.56', '-5']);
    expect(values(loaded, 'rate')).toEqual(['0.2', '0.075']);
    expect(values(loaded, 'count')).toEqual(['3', null]);
  });

  it('null, an absent key and an empty string are unset', () => {
    const loaded = loadJson('[{"id":"a","amount":1,"note":null,"rate":null},{"id":"b","amount":2,"note":""},{"id":"c","amount":null},{"id":"d"}]');
    expect(errorsOf(loaded)).toEqual([[1, 'amount', 'missing value for required field `amount`'], [1, 'amount', 'missing value for required field `amount`']]);
    expect(values(loaded, 'note')).toEqual([null, null]);
    expect(loaded.rejected.map((r) => r.key)).toEqual(['c', 'd']);
    expectReconciled(loaded);
  });

  it('types are checked: Int must be whole, Bool a boolean, Date a string', () => {
    const loaded = loadJson([
      '[',
      '{"id":"a","amount":1,"count":2.0,"ok":true,"on":"2027-03-01"},',
      '{"id":"b","amount":1,"count":2.5},',
      '{"id":"c","amount":true},',
      '{"id":"d","amount":1,"ok":1},',
      '{"id":"e","amount":1,"on":20270301},',
      '{"id":7,"amount":1},',
      '{"id":"g","amount":"8.000,50"}',
      ']',
    ].join('\n'));
    expect(errorsOf(loaded)).toEqual([
      [3, 'count', 'not a whole number: expected an Int, found `2.5`'],
      [4, 'amount', 'expected a Money, found the boolean `true`'],
      [5, 'ok', 'not a Bool: expected true or false, found the number `1`'],
      [6, 'on', 'not a date: expected a string like "2027-01-31", found the number `20270301`'],
      [7, 'id', 'expected a Text as a string, found the number `7`: write "7"'],
      [8, 'amount', 'not a decimal number: write 8000.50'],
    ]);
    expect(loaded.records.t!.map((r) => [r.key, plain(r.values.count), r.values.ok])).toEqual([['a', '2', true]]);
    expect(loaded.rejected.map((r) => r.key)).toEqual(['b', 'c', 'd', 'e', '7', 'g']);
    expectReconciled(loaded);
  });

  it('huge and negative numbers survive', () => {
    const loaded = loadJson('[{"id":"a","amount":-98765432109876543210987654321.000000001},{"id":"b","amount":1e400},{"id":"c","amount":1e100000}]');
    expect(values(loaded, 'amount')).toEqual(['-98765432109876543210987654321.000000001', '1' + '0'.repeat(400)]);
    expect(errorsOf(loaded)).toEqual([[1, 'amount', 'number out of range']]);
  });

  it('a nested object or array is an error', () => {
    const loaded = loadJson('[{"id":"a","amount":{"value":1}},\n{"id":"b","amount":1,"note":[1,2]}]');
    expect(errorsOf(loaded)).toEqual([
      [1, 'amount', 'expected a single value for `amount`, found an object'],
      [2, 'note', 'expected a single value for `note`, found an array'],
    ]);
    expect(loaded.errors[0]!.value).toBe('{"value":1}');
  });

  it('keys that are not fields are warnings, once per key per file', () => {
    const loaded = loadJson('[{"id":"a","amount":1,"region":"EU"},\n{"id":"b","amount":2,"region":"US","Note":"x"}]');
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [1, 'region', 'key `region` is not a field of `t` and is ignored'],
      [2, 'Note', 'key `Note` is not a field of `t` and is ignored (did you mean `note`? keys are case-sensitive)'],
    ]);
  });

  it('a key repeated inside one object is an error', () => {
    const loaded = loadJson('[{"id":"a","amount":1,"amount":2}]');
    expect(errorsOf(loaded)).toEqual([[1, 'amount', 'key `amount` appears twice in this record: keep one']]);
    expectReconciled(loaded);
  });

  it('the top level must be an array of objects', () => {
    expect(errorsOf(loadJson('{"deals": [{"id":"a"}]}'))).toEqual([[1, '', 'expected an array of objects, found an object: put the records themselves in the top-level array']]);
    expect(errorsOf(loadJson('42'))).toEqual([[1, '', 'expected an array of objects, found a number']]);
    const loaded = loadJson('[{"id":"a","amount":1},\n 3,\n null]');
    expect(errorsOf(loaded)).toEqual([
      [2, '', 'expected an object for each record, found a number'],
      [3, '', 'expected an object for each record, found null'],
    ]);
    expect(loaded.read.t).toBe(3);
    expectReconciled(loaded);
  });

  it('an empty array has no records; an empty file is invalid JSON', () => {
    expect(loadJson('[]')).toMatchObject({ errors: [], records: { t: [] }, read: { t: 0 } });
    expect(errorsOf(loadJson(''))).toEqual([[1, '', 'invalid JSON: the JSON ends too early']]);
  });

  it('invalid JSON is an error with a line, not a throw', () => {
    expect(errorsOf(loadJson('[\n{"id":"a","amount":1},\n{"id":"b" "amount":2}\n]'))).toEqual([[3, '', 'invalid JSON: expected `,` between values']]);
    expect(errorsOf(loadJson('[\n{"id":"a","amount":1}\n'))).toEqual([[3, '', 'invalid JSON: expected `]` to close the array']]);
    expect(errorsOf(loadJson("[{'id':'a'}]"))).toEqual([[1, '', "invalid JSON: unexpected `'id'`"]]);
    expect(errorsOf(loadJson('[{"id":"a","amount":NaN}]'))).toEqual([[1, '', 'invalid JSON: unexpected `NaN`']]);
    expect(errorsOf(loadJson('[{"id":"a","amount":1}] []'))).toEqual([[1, '', 'invalid JSON: text after the end of the JSON value']]);
    const broken = loadJson('[\n{"id":"a","amount":1},\n{"id":"b","amount":\n');
    expect(broken.read.t).toBe(0);
    expect(broken.records.t).toEqual([]);
  });

  it('comments and trailing commas are errors', () => {
    expect(errorsOf(loadJson('// deals\n[{"id":"a","amount":1}]'))).toEqual([[1, '', 'invalid JSON: comments are not allowed in JSON']]);
    expect(errorsOf(loadJson('[{"id":"a","amount":1} /* x */]'))).toEqual([[1, '', 'invalid JSON: comments are not allowed in JSON']]);
    expect(errorsOf(loadJson('[\n{"id":"a","amount":1,}\n]'))).toEqual([[2, '', 'invalid JSON: trailing comma before `}`: remove it']]);
    expect(errorsOf(loadJson('[\n{"id":"a","amount":1},\n]'))).toEqual([[3, '', 'invalid JSON: trailing comma before `]`: remove it']]);
  });

  it('accepts a BOM and CRLF', () => {
    const loaded = loadJson('\uFEFF[\r\n{"id":"a","amount":1},\r\n{"id":"b","amount":2}\r\n]');
    expect(loaded.records.t!.map((r) => r.line)).toEqual([2, 3]);
  });
});

describe('jsonl', () => {
  it('reads one object per non-blank line, lines physical', () => {
    const loaded = loadJson('{"id":"a","amount":0.1}\n\n{"id":"b","amount":"2.50","rate":"5%"}\r\n   \n{"id":"c","amount":3}', 'jsonl');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.key, plain(r.values.amount)])).toEqual([[1, 'a', '0.1'], [3, 'b', '2.5'], [5, 'c', '3']]);
  });

  it('a bad line rejects only that row', () => {
    const loaded = loadJson('{"id":"a","amount":1}\n{"id":"b","amount":\n[1,2]\n// note\n{"id":"e","amount":5,}\n{"id":"f","amount":6}\n', 'jsonl');
    expect(errorsOf(loaded)).toEqual([
      [2, '', 'invalid JSON: the JSON ends too early'],
      [3, '', 'expected an object for each record, found an array'],
      [4, '', 'invalid JSON: comments are not allowed in JSON'],
      [5, '', 'invalid JSON: trailing comma before `}`: remove it'],
    ]);
    expect(loaded.records.t!.map((r) => r.key)).toEqual(['a', 'f']);
    expect(loaded.read.t).toBe(6);
    expectReconciled(loaded);
  });

  it('an empty file has no records', () => {
    expect(loadJson('', 'jsonl')).toMatchObject({ errors: [], records: { t: [] }, read: { t: 0 } });
  });
});
