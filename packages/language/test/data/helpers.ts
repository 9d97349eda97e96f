// Test helpers for the data loader: a tiny IrPlan builder (inputs written as `name: Type`
// strings) and shortcuts to load one CSV or JSON file against it.
import type { IrField, IrInput, IrPlan, IrType } from '../../src/ir/ir';
import { loadData } from '../../src/data/load';
import type { DataFile, LoadedData } from '../../src/data/records';
import { formatPlain, isDecimal } from '../../src/eval/decimal';

/** `'amount: Money'`, `'id: Text key'`, `'cancelled_on: Date?'`, `'channel: Channel'` (an enum). */
export function field(spec: string): IrField {
  const m = /^(\w+):\s*(\w+)(\?)?(\s+key)?$/.exec(spec.trim());
  if (!m) throw new Error(`bad field spec ${spec}`);
  const [, name, typeName, optional, key] = m;
  const bases = ['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee'];
  const type: IrType = bases.includes(typeName!)
    ? { base: typeName as IrType['base'], ...(optional ? { optional: true } : {}) }
    : { base: 'Enum', enum: typeName!, ...(optional ? { optional: true } : {}) };
  return { name: name!, type, ...(key ? { key: true } : {}) };
}

export function input(name: string, fields: string[], extra: Partial<IrInput> = {}): IrInput {
  return { name, fields: fields.map(field), derived: [], ...extra };
}

export const REPS = input('reps', ['id: Payee key', 'name: Text', 'quota: Money'], { roster: true });

export const DEALS = input('deals', [
  'id: Text key', 'owner: Payee', 'amount: Money', 'cost: Money', 'channel: Channel', 'stage: Stage',
  'product: Text', 'closed_on: Date', 'cancelled_on: Date?',
], { credit: { payee: 'owner', date: 'closed_on' } });

export function plan(inputs: IrInput[], enums: Record<string, string[]> = {}): IrPlan {
  return {
    irVersion: 1,
    plan: {
      name: 'test', version: 1, currency: 'USD', minorUnits: 2, period: 'quarter',
      effective: { from: '2027-01-01', to: '2027-12-31' }, fiscalYearStart: 1, rounding: 'half_even', source: 'plan.incent',
    },
    enums: Object.entries({ Channel: ['direct', 'partner', 'marketplace'], Stage: ['open', 'won', 'lost'], ...enums })
      .map(([name, values]) => ({ name, values })),
    inputs, lets: [], measures: [], components: [], metrics: [],
  };
}

export function csv(inputName: string, text: string): DataFile {
  return { input: inputName, file: `${inputName}.csv`, format: 'csv', text };
}

export function json(inputName: string, text: string, format: 'json' | 'jsonl' = 'json'): DataFile {
  return { input: inputName, file: `${inputName}.${format}`, format, text };
}

/** Loads a single input with no roster, so payee checks stay out of the way. */
export function loadOne(fields: string[], file: Omit<DataFile, 'input'> | string, enums: Record<string, string[]> = {}): LoadedData {
  const one = input('t', fields);
  const dataFile: DataFile = typeof file === 'string' ? csv('t', file) : { ...file, input: 't' };
  return loadData(plan([one], enums), [dataFile]);
}

/** A value in a comparable form: decimals as plain text. */
export function plain(value: unknown): unknown {
  return isDecimal(value) ? formatPlain(value) : value;
}

/** Every input: rows read = good records + rejected rows. */
export function expectReconciled(loaded: LoadedData): void {
  for (const [name, count] of Object.entries(loaded.read)) {
    const rejected = loaded.rejected.filter((r) => r.input === name).length;
    if ((loaded.records[name]?.length ?? 0) + rejected !== count) {
      throw new Error(`${name}: read ${count}, records ${loaded.records[name]?.length}, rejected ${rejected}`);
    }
  }
}

/** Errors as [line, column, message] triples, for compact assertions. */
export function errorsOf(loaded: LoadedData): [number, string, string][] {
  return loaded.errors.map((e) => [e.line, e.column, e.message]);
}
