// CSV reading: header, physical line numbers, RFC 4180 quoting, BOM, CRLF, blank lines,
// missing and extra columns, wrong cell counts and broken quoting.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorsOf, expectReconciled, loadOne, plain } from './helpers';

const FIELDS = ['id: Text key', 'note: Text?', 'amount: Money'];

describe('csv: lines and quoting', () => {
  it('reads a plain file, lines counted from the header (line 1)', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\nD1,hi,10.50\nD2,,3\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.key, r.values.id, r.values.note, plain(r.values.amount)])).toEqual([
      [2, 'D1', 'D1', 'hi', '10.5'],
      [3, 'D2', 'D2', null, '3'],
    ]);
    expect(loaded.read.t).toBe(2);
  });

  it('accepts a BOM and CRLF line ends', () => {
    const loaded = loadOne(FIELDS, '\uFEFFid,note,amount\r\nD1,a,1\r\nD2,b,2\r\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.values.id])).toEqual([[2, 'D1'], [3, 'D2']]);
  });

  it('accepts old Mac line ends (a lone CR)', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\rD1,a,1\rD2,b,x');
    expect(loaded.records.t!.map((r) => r.line)).toEqual([2]);
    expect(errorsOf(loaded)).toEqual([[3, 'amount', 'not a decimal number']]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    const text = 'id,note,amount\nD1,"a, b",1\nD2,"say ""hi""",2\nD3,"two\nlines",3\n';
    const loaded = loadOne(FIELDS, text);
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.values.note])).toEqual([[2, 'a, b'], [3, 'say "hi"'], [4, 'two\nlines']]);
  });

  it('keeps line numbers physical after a multi-line cell (LF and CRLF inside quotes)', () => {
    const text = 'id,note,amount\r\nD1,"one\r\ntwo\r\nthree",1\r\nD2,"x\ny",2\r\nD3,,bad\r\n';
    const loaded = loadOne(FIELDS, text);
    expect(loaded.records.t!.map((r) => [r.line, r.values.id])).toEqual([[2, 'D1'], [5, 'D2']]);
    expect(errorsOf(loaded)).toEqual([[7, 'amount', 'not a decimal number']]);
  });

  it('skips blank lines but counts them', () => {
    const loaded = loadOne(FIELDS, '\nid,note,amount\n\nD1,,1\n\r\n   \n,,\nD2,,2\n\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t!.map((r) => [r.line, r.values.id])).toEqual([[4, 'D1'], [8, 'D2']]);
    expect(loaded.read.t).toBe(2);
  });

  it('a quote inside an unquoted cell is an error on that row only', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\nD1,12" screen,1\nD2,ok,2\n');
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ file: 't.csv', line: 2, column: 'note', value: 'D1,12" screen,1' });
    expect(loaded.errors[0]!.message).toMatch(/^broken quoting: /);
    expect(loaded.records.t!.map((r) => r.values.id)).toEqual(['D2']);
    expect(loaded.rejected).toEqual([{ input: 't', file: 't.csv', line: 2, key: '#2', reasons: [expect.stringMatching(/^note: broken quoting/)] }]);
    expectReconciled(loaded);
  });

  it('text after a closing quote is an error on that row, the next rows still read', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\nD1,"ab"c,1\nD2,ok,2\nD3,"x",3\n');
    expect(errorsOf(loaded)).toEqual([[2, 'note', 'broken quoting: text follows the closing quote of a cell']]);
    expect(loaded.records.t!.map((r) => [r.line, r.values.id])).toEqual([[3, 'D2'], [4, 'D3']]);
    expectReconciled(loaded);
  });

  it('an unclosed quote is an error at the line where its row starts, not a throw', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\nD1,ok,1\nD2,"never closed,2\nD3,x,3\n');
    expect(errorsOf(loaded)).toEqual([[3, 'note', 'broken quoting: a quote is never closed, so the cell runs to the end of the file']]);
    expect(loaded.records.t!.map((r) => r.values.id)).toEqual(['D1']);
    expectReconciled(loaded);
  });

  it('broken quoting in the header stops the file', () => {
    const loaded = loadOne(FIELDS, 'id,"note,amount\nD1,a,1\n');
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ line: 1, column: '' });
    expect(loaded.errors[0]!.message).toMatch(/^cannot read the header: broken quoting/);
    expect(loaded.read.t).toBe(0);
  });
});

describe('csv: header and cell counts', () => {
  it('an empty file is an error: a header row is required', () => {
    for (const text of ['', '\uFEFF', '\n\n']) {
      const loaded = loadOne(FIELDS, text);
      expect(errorsOf(loaded)).toEqual([[1, '', 'empty file: expected a header row naming the columns: id,note,amount']]);
      expect(loaded.read.t).toBe(0);
      expect(loaded.records.t).toEqual([]);
    }
  });

  it('a header-only file has no records and no errors', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.records.t).toEqual([]);
    expect(loaded.read.t).toBe(0);
  });

  it('header cells are trimmed and columns may come in any order', () => {
    const loaded = loadOne(FIELDS, ' amount , id ,note\n5,D1,x\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.records.t![0]!.values.id).toBe('D1');
  });

  it('a missing column is an error at line 1, even for an optional field; every row is rejected', () => {
    const loaded = loadOne(FIELDS, 'id,amount\nD1,1\nD2,oops\n');
    expect(errorsOf(loaded)).toEqual([
      [1, 'note', 'missing column `note`: every field needs a column, even an optional one'],
      [3, 'amount', 'not a decimal number'],
    ]);
    expect(loaded.records.t).toEqual([]);
    expect(loaded.rejected.map((r) => [r.line, r.key, r.reasons])).toEqual([
      [2, 'D1', ['missing column `note`']],
      [3, 'D2', ['missing column `note`', 'amount: not a decimal number']],
    ]);
    expectReconciled(loaded);
  });

  it('a missing column whose name differs only in case says so', () => {
    const loaded = loadOne(FIELDS, 'id,note,Amount\nD1,,1\n');
    expect(errorsOf(loaded)).toEqual([[1, 'amount', 'missing column `amount`: the header has `Amount`, and column names are case-sensitive']]);
    expect(loaded.warnings.map((w) => w.message)).toEqual(['extra column `Amount` is not a field of `t` and is ignored (did you mean `amount`? column names are case-sensitive)']);
  });

  it('a header separated by semicolons gets one clear error', () => {
    const loaded = loadOne(FIELDS, 'id;note;amount\nD1;x;1\n');
    expect(errorsOf(loaded)).toEqual([[1, '', 'the header is separated by `;`: separate columns with commas']]);
    expectReconciled(loaded);
  });

  it('a column named twice is an error', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount,amount\nD1,,1,2\n');
    expect(errorsOf(loaded)).toEqual([[1, 'amount', 'column `amount` appears twice in the header: keep one']]);
    expect(loaded.rejected.map((r) => [r.line, r.reasons])).toEqual([[2, ['column `amount` appears twice']]]);
    expectReconciled(loaded);
  });

  it('extra columns are warnings, once per column, at line 1', () => {
    const loaded = loadOne(FIELDS, 'id,region,note,amount,region,\nD1,EU,,1,EU,\nD2,US,,2,US,\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [1, 'region', 'extra column `region` is not a field of `t` and is ignored'],
      [1, '', 'column 6 has no name and is ignored'],
    ]);
    expect(loaded.records.t).toHaveLength(2);
  });

  it('a row with the wrong number of cells is an error for that row', () => {
    const loaded = loadOne(FIELDS, 'id,note,amount\nD1,a\nD2,a,1\nD3,a,1,extra\n');
    expect(errorsOf(loaded)).toEqual([
      [2, '', 'this row has 2 cells but the header has 3 columns'],
      [4, '', 'this row has 4 cells but the header has 3 columns'],
    ]);
    expect(loaded.errors[0]!.value).toBe('D1,a');
    expect(loaded.records.t!.map((r) => r.values.id)).toEqual(['D2']);
    expect(loaded.rejected.map((r) => r.key)).toEqual(['#2', '#4']);
    expectReconciled(loaded);
  });

  it('a one-column file reads', () => {
    const loaded = loadOne(['id: Text key'], 'id\nA\nB\n');
    expect(loaded.records.t!.map((r) => r.key)).toEqual(['A', 'B']);
  });
});

describe('csv: the quote-free fast path reads what csv-parse reads', () => {
  // A chunk of records with no quote in it is split on commas instead of going through
  // csv-parse; the same text with one quoted cell added goes through csv-parse.
  it('gives the same records and errors with and without a quoted cell in the file', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z0-9 ,.\t-]{0,24}$/), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (rows, eol) => {
      const plainText = ['id,note,amount', ...rows].join(eol);
      const quoted = `${plainText}${eol}"Q1",,1`;
      const a = loadOne(FIELDS, plainText), b = loadOne(FIELDS, quoted);
      const shape = (l: typeof a) => ({
        records: l.records.t!.map((r) => [r.line, r.key, r.values.note, plain(r.values.amount)]),
        errors: errorsOf(l),
      });
      const withoutQ = shape(b);
      withoutQ.records = withoutQ.records.filter((r) => r[1] !== 'Q1');
      expect(shape(a)).toEqual(withoutQ);
    }), { numRuns: 300 });
  });
});
