// Cell conversion by field type (spec §6): good and bad values of every type, unset cells,
// percentages, exact and huge decimals, exponents, and unreadable bytes.
import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../src/eval/dates';
import { loadOne, plain } from './helpers';

/** Loads one CSV cell into a field `v` of `type`; returns its value or its error message. */
function cell(type: string, text: string): { value?: unknown; error?: string } {
  const loaded = loadOne(['id: Text key', `v: ${type}`], `id,v\nK,${text}\n`, { Tier: ['gold', 'silver'] });
  if (loaded.errors.length > 0) {
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ file: 't.csv', line: 2, column: 'v' });
    return { error: loaded.errors[0]!.message };
  }
  const value = loaded.records.t![0]!.values.v;
  return { value: type.startsWith('Date') && typeof value === 'number' ? formatIsoDate(value) : plain(value) };
}

describe('Money and Number', () => {
  it.each([
    ['1234.56', '1234.56'], ['-5', '-5'], ['0', '0'], ['0.10', '0.1'], ['  42.5 ', '42.5'], ['+7', '7'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    ['-99999999999999999999999999999999999999.99', '-99999999999999999999999999999999999999.99'],
  ])('Money %j → %s', (text, expected) => {
    expect(cell('Money', text)).toEqual({ value: expected });
    expect(cell('Number', text)).toEqual({ value: expected });
  });

  it.each([
    ['"8.000,50"', 'not a decimal number: write 8000.50'],
    ['"12,5"', 'not a decimal number: write 12.5'],
    ['"1,234,567.89"', 'not a decimal number: write 1234567.89'],
    ['$1234.56', 'not a decimal number: write 1234.56'],
    ['"1 234,56 EUR"', 'not a decimal number: write 1234.56'],
    ['(12.50)', 'not a decimal number: write -12.50'],
    ['1_000', 'not a decimal number: write 1000'],
    ['1.5e3', 'not a decimal number: write 1500'],
    ['2E-2', 'not a decimal number: write 0.02'],
    ['"1,234"', 'not a decimal number'],
    ['abc', 'not a decimal number'],
    ['1.2.3', 'not a decimal number'],
    ['--5', 'not a decimal number'],
    ['Infinity', 'not a decimal number'],
    ['NaN', 'not a decimal number'],
  ])('Money %s is an error: %s', (text, message) => {
    expect(cell('Money', text)).toEqual({ error: message });
  });

  it('replacement characters from non-UTF-8 bytes are an error in a Money cell, and a warning for the file', () => {
    const loaded = loadOne(['id: Text key', 'v: Money'], 'id,v\nK,12\uFFFD50\n');
    expect(loaded.errors[0]!.message).toMatch(/^not a decimal number: the cell holds bytes that are not UTF-8/);
    expect(loaded.warnings.map((w) => [w.line, w.message])).toEqual([[2, expect.stringMatching(/^the file is not valid UTF-8/)]]);
  });

  it('a decimal beyond 10^1000 is out of range', () => {
    expect(cell('Money', '1' + '0'.repeat(1200))).toEqual({ error: 'number out of range' });
    expect(cell('Money', '1' + '0'.repeat(999))).toEqual({ value: '1' + '0'.repeat(999) });
  });
});

describe('Int', () => {
  it.each([['42', '42'], ['-7', '-7'], ['0', '0'], ['3.0', '3'], ['123456789012345678901234567890', '123456789012345678901234567890']])('Int %j → %s', (text, expected) => {
    expect(cell('Int', text)).toEqual({ value: expected });
  });
  it.each([
    ['1.5', 'not a whole number: expected an Int, found `1.5`'],
    ['"1,000"', 'not a whole number'],
    ['"1,000,000"', 'not a whole number: write 1000000'],
    ['ten', 'not a whole number'],
    ['"12,5"', 'not a whole number'],
  ])('Int %s is an error: %s', (text, message) => {
    expect(cell('Int', text)).toEqual({ error: message });
  });
});

describe('Percent', () => {
  it.each([['0.2', '0.2'], ['20%', '0.2'], ['7.5%', '0.075'], ['150%', '1.5'], ['-5%', '-0.05'], ['0', '0'], [' 12% ', '0.12'], ['1.25', '1.25']])('Percent %j → %s', (text, expected) => {
    expect(cell('Percent', text)).toEqual({ value: expected });
  });
  it.each([
    ['"12,5%"', 'not a percent: write 12.5%'],
    ['20 %', 'not a percent: write 20%'],
    ['%', 'not a percent: expected a fraction like 0.2 or a percentage like 20%'],
    ['twenty', 'not a percent: expected a fraction like 0.2 or a percentage like 20%'],
    ['20%%', 'not a percent: expected a fraction like 0.2 or a percentage like 20%'],
  ])('Percent %s is an error: %s', (text, message) => {
    expect(cell('Percent', text)).toEqual({ error: message });
  });
});

describe('Date', () => {
  it.each([['2027-01-31', '2027-01-31'], ['2028-02-29', '2028-02-29'], [' 2027-12-31 ', '2027-12-31'], ['1999-06-01', '1999-06-01'], ['0027-01-15', '0027-01-15']])('Date %j', (text, expected) => {
    expect(cell('Date', text)).toEqual({ value: expected });
  });
  it.each([
    ['2027-02-30', 'not a date: February 2027 has 28 days'],
    ['2027-13-01', 'not a date: there is no month 13'],
    ['2027/01/05', 'not a date: write 2027-01-05'],
    ['2027-1-5', 'not a date: write 2027-01-05'],
    ['31/01/2027', 'not a date: write 2027-01-31'],
    ['01/31/2027', 'not a date: write 2027-01-31'],
    ['02/03/2027', 'not a date: expected YYYY-MM-DD (is this day/month or month/day?)'],
    ['2027-01-15T10:00:00Z', 'not a date: write 2027-01-15 (a date has no time of day)'],
    ['tomorrow', 'not a date: expected YYYY-MM-DD'],
  ])('Date %s is an error: %s', (text, message) => {
    expect(cell('Date', text)).toEqual({ error: message });
  });
});

describe('Bool, Text, Payee and enums', () => {
  it('Bool is true or false', () => {
    expect(cell('Bool', 'true')).toEqual({ value: true });
    expect(cell('Bool', ' false ')).toEqual({ value: false });
    expect(cell('Bool', 'TRUE')).toEqual({ error: 'not a Bool: write true' });
    expect(cell('Bool', 'yes')).toEqual({ error: 'not a Bool: expected true or false' });
    expect(cell('Bool', '1')).toEqual({ error: 'not a Bool: expected true or false' });
  });

  it('Text is kept as is, spaces included', () => {
    expect(cell('Text', '  padded  ')).toEqual({ value: '  padded  ' });
    expect(cell('Text', '"a, ""b"""')).toEqual({ value: 'a, "b"' });
    expect(cell('Text', 'x\uFFFDy')).toEqual({ value: 'x\uFFFDy' });
  });

  it('Payee is a trimmed non-empty string', () => {
    expect(cell('Payee', ' R1 ')).toEqual({ value: 'R1' });
    expect(cell('Payee', '   ')).toEqual({ error: 'missing value for required field `v`' });
  });

  it('an enum value must match exactly', () => {
    expect(cell('Tier', 'gold')).toEqual({ value: 'gold' });
    expect(cell('Tier', ' silver ')).toEqual({ value: 'silver' });
    expect(cell('Tier', 'bronze')).toEqual({ error: 'unknown Tier `bronze`: expected one of gold, silver' });
    expect(cell('Tier', 'Gold')).toEqual({ error: 'unknown Tier `Gold`: expected one of gold, silver (did you mean `gold`?)' });
  });
});

describe('unset cells', () => {
  it.each(['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee', 'Tier'])('an empty %s cell is an error when required, null when optional', (type) => {
    expect(cell(type, '')).toEqual({ error: 'missing value for required field `v`' });
    expect(cell(`${type}?`, '')).toEqual({ value: null });
  });

  it('a cell of spaces is empty for non-Text types', () => {
    expect(cell('Money?', '   ')).toEqual({ value: null });
    expect(cell('Money', '   ')).toEqual({ error: 'missing value for required field `v`' });
  });

  it('a bad value in an optional field is still an error', () => {
    expect(cell('Money?', 'abc')).toEqual({ error: 'not a decimal number' });
  });
});
