// Cell conversion: one raw cell (data/raw.ts) → one typed Value, by the field's IrType
// (spec §6). Called by data/load.ts for every declared field of every row. A JSON string is
// read exactly like a CSV cell; a JSON number, boolean or null must suit the type.
import type { IrField, IrType } from '../ir/ir';
import { parseIsoDate } from '../eval/dates';
import { parseDecimal, parseDecimalWithExponent, type Decimal } from '../eval/decimal';
import type { Value } from './records';
import type { RawCell } from './raw';
import { adviseDate, suggestDecimal } from './suggest';

export type Conversion =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly message: string };

/** Decimals beyond 10^±1000 are refused: nothing real is that big, and printing one would not end. */
const MAX_EXPONENT = 1000;

const UNREADABLE = '\uFFFD';

/** The value of `cell` for `field`; `enums` maps an enum's name to its values. */
export function convertCell(cell: RawCell | undefined, field: IrField, enums: ReadonlyMap<string, readonly string[]>): Conversion {
  const type = field.type;
  const text = cellText(cell, type);
  if (cell === undefined || text === '' || (typeof cell !== 'string' && cell.kind === 'null')) {
    return type.optional ? ok(null) : fail(`missing value for required field \`${field.name}\``);
  }
  if (typeof cell === 'string') return convertText(text!, type, enums);
  switch (cell.kind) {
    case 'nested':
      return fail(`expected a single value for \`${field.name}\`, found ${cell.what}`);
    case 'bool':
      return type.base === 'Bool' ? ok(cell.value) : fail(`expected ${describeType(type)}, found the boolean \`${cell.value}\``);
    case 'number':
      return convertNumber(cell.text, type);
    default:
      return convertText(text!, type, enums);
  }
}

/** The value as the user wrote it, for DataError.value. */
export function displayCell(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (cell.kind === 'null') return '';
  if (cell.kind === 'bool') return String(cell.value);
  return cell.text;
}

/** The text to convert: trimmed except for Text; undefined for non-text cells. */
function cellText(cell: RawCell | undefined, type: IrType): string | undefined {
  if (cell === undefined) return undefined;
  const text = typeof cell === 'string' ? cell : cell.kind === 'string' ? cell.text : undefined;
  return text === undefined || type.base === 'Text' ? text : text.trim();
}

function convertNumber(source: string, type: IrType): Conversion {
  if (type.base === 'Bool') return fail(`not a Bool: expected true or false, found the number \`${source}\``);
  if (type.base === 'Date') return fail(`not a date: expected a string like "2027-01-31", found the number \`${source}\``);
  if (!isNumeric(type)) return fail(`expected ${describeType(type)} as a string, found the number \`${source}\`: write "${source}"`);
  const exponent = /[eE]([+-]?\d+)$/.exec(source);
  if (exponent && Math.abs(Number(exponent[1])) > 10 * MAX_EXPONENT) return fail('number out of range');
  const value = parseDecimalWithExponent(source);
  if (value === undefined) return fail('not a decimal number');
  return checkNumeric(value, type, source);
}

function convertText(text: string, type: IrType, enums: ReadonlyMap<string, readonly string[]>): Conversion {
  switch (type.base) {
    case 'Money':
    case 'Number':
    case 'Int': {
      const value = parseDecimal(text);
      if (value === undefined) return fail(notANumber(text, type));
      return checkNumeric(value, type, text);
    }
    case 'Percent':
      return convertPercent(text);
    case 'Date': {
      const day = parseIsoDate(text);
      return day === undefined ? fail(`not a date: ${adviseDate(text)}`) : ok(day);
    }
    case 'Bool':
      if (text === 'true' || text === 'false') return ok(text === 'true');
      return fail(/^(true|false)$/i.test(text) ? `not a Bool: write ${text.toLowerCase()}` : 'not a Bool: expected true or false');
    case 'Text':
    case 'Payee':
      return ok(text);
    case 'Enum':
      return convertEnum(text, type, enums);
    default: // a Record is a loop variable's type, never a field's
      return fail(`a ${type.base} cannot be read from a data file`);
  }
}

function convertPercent(text: string): Conversion {
  const isPercentage = text.endsWith('%');
  const digits = isPercentage ? text.slice(0, -1) : text;
  const value = parseDecimal(digits);
  if (value !== undefined) return checkNumeric(isPercentage ? value.dividedBy(100) : value, { base: 'Percent' }, text);
  if (text.includes(UNREADABLE)) return fail(`not a percent: ${unreadable()}`);
  const guess = suggestDecimal(isPercentage ? digits : text);
  if (guess !== undefined) return fail(`not a percent: write ${guess}${isPercentage ? '%' : ''}`);
  return fail('not a percent: expected a fraction like 0.2 or a percentage like 20%');
}

function convertEnum(text: string, type: IrType, enums: ReadonlyMap<string, readonly string[]>): Conversion {
  const values = enums.get(type.enum ?? '') ?? [];
  const index = values.indexOf(text);
  if (index >= 0) return ok(values[index]!); // the plan's own string, shared by every record
  const near = values.find((v) => v.toLowerCase() === text.toLowerCase());
  const hint = near !== undefined ? ` (did you mean \`${near}\`?)` : '';
  return fail(`unknown ${type.enum ?? 'enum'} \`${text}\`: expected one of ${values.join(', ')}${hint}`);
}

/** Range and whole-number checks shared by CSV text and JSON numbers. */
function checkNumeric(value: Decimal, type: IrType, source: string): Conversion {
  if (!value.isFinite() || (!value.isZero() && Math.abs(value.e) > MAX_EXPONENT)) return fail('number out of range');
  if (type.base === 'Int' && !value.isInteger()) return fail(`not a whole number: expected an Int, found \`${source}\``);
  return ok(value);
}

function notANumber(text: string, type: IrType): string {
  const kind = type.base === 'Int' ? 'not a whole number' : 'not a decimal number';
  if (text.includes(UNREADABLE)) return `${kind}: ${unreadable()}`;
  const guess = suggestDecimal(text);
  if (guess === undefined) return kind;
  if (type.base === 'Int' && parseDecimal(guess)?.isInteger() !== true) return kind;
  return `${kind}: write ${guess}`;
}

function unreadable(): string {
  return 'the cell holds bytes that are not UTF-8 (shown as `\uFFFD`): save the file as UTF-8';
}

function isNumeric(type: IrType): boolean {
  return type.base === 'Money' || type.base === 'Number' || type.base === 'Int' || type.base === 'Percent';
}

function describeType(type: IrType): string {
  return type.base === 'Enum' ? `a ${type.enum ?? 'enum'} value` : `a ${type.base}`;
}

function ok(value: Value): Conversion {
  return { ok: true, value };
}

function fail(message: string): Conversion {
  return { ok: false, message };
}
