// Helpers for the evaluation properties: compile a generated plan, load generated data, run,
// and compare reports. Pipeline under test: text → compile → IR → loadData → runPlan → report.
import { compile, loadData, runPlan, type DataFile, type IrPlan, type LoadedData, type RunOptions, type RunOutcome } from '../../packages/language/src/index';

/** A quarterly 2027 plan header and a roster with a quota: the start of the regression tests' small plans. */
export const ROSTER_HEADER = `plan "T" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
}
input reps {
  id: Payee key
  quota: Money
}
`;

export interface Case {
  readonly ir: IrPlan;
  readonly loaded: LoadedData;
  readonly outcome: RunOutcome;
}

/** Compiles `text` (which must check without errors) and runs it on `files`. */
export function runText(text: string, files: readonly DataFile[], options: RunOptions = {}): Case {
  const compiled = compile(text);
  if (!compiled.ir) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message} at ${JSON.stringify(text.slice(d.span.start, d.span.end))}`);
    throw new Error(`the generated plan does not compile:\n${errors.join('\n')}\n\n${text}`);
  }
  return runIr(compiled.ir, files, options);
}

export function runIr(ir: IrPlan, files: readonly DataFile[], options: RunOptions = {}): Case {
  const loaded = loadData(ir, files);
  return { ir, loaded, outcome: runPlan(ir, loaded, options) };
}

/** The outcome as comparable JSON: line numbers of records (which move when rows move) left out. */
export function comparable(outcome: RunOutcome): unknown {
  if (outcome.ok) return JSON.parse(JSON.stringify(outcome.report));
  return { errors: outcome.errors.map((e) => ({ ...e, message: e.message.replace(/ line \d+\)/, ')') })).sort(byJson) };
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a), y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The report's lines and totals only (what a payee is paid). */
export function payouts(outcome: RunOutcome): unknown {
  if (!outcome.ok) return comparable(outcome);
  return { lines: outcome.report.lines.map(({ trace: _trace, ...l }) => l), totals: outcome.report.totals };
}

/** A shuffled copy: `keys` (one random number per item) decide the order. */
export function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items.map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.item);
}

/** Exact decimal comparison of two amount strings ("1200.50" ≤ "1300"), without floats. */
export function compareAmounts(a: string, b: string): number {
  const [ai, af] = split(a), [bi, bf] = split(b);
  const places = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(places, '0')), y = BigInt(bi + bf.padEnd(places, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The sum of amount strings, as a string with `places` decimals. */
export function sumAmounts(amounts: readonly string[], places: number): string {
  let total = 0n;
  for (const a of amounts) {
    const [i, f] = split(a);
    if (f.length > places) throw new Error(`${a} has more than ${places} decimals`);
    total += BigInt(i + f.padEnd(places, '0'));
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

function split(a: string): [string, string] {
  const negative = a.startsWith('-');
  const [int = '0', frac = ''] = (negative ? a.slice(1) : a).split('.');
  if (!/^\d+$/.test(int) || !/^\d*$/.test(frac)) throw new Error(`not a plain decimal: ${a}`);
  return [`${negative ? '-' : ''}${int}`, frac];
}
