// How every property of test/reliability runs. In `npm test` each property runs a fixed number
// of cases from a fixed seed (derived from its name), so a failure reproduces on every machine.
// Under `npm run fuzz` (test/reliability/fuzz.mjs sets FUZZ_SECONDS and FUZZ_PROPERTY_MS) each
// property runs from a random seed until its share of the time budget is spent, and a failure
// prints the command that replays it: FUZZ_SEED and FUZZ_PATH replay one counterexample.
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';

/** True under `npm run fuzz`. */
export const FUZZING = process.env.FUZZ_SECONDS !== undefined;

/** Milliseconds each property may run for under `npm run fuzz`. */
const PROPERTY_MS = Number(process.env.FUZZ_PROPERTY_MS ?? 10_000);

/** A seed from a property's name: stable across runs and machines, different between properties. */
export function seedOf(name: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16_777_619);
  return h | 0;
}

/** fast-check parameters for the property `name`: `runs` cases in `npm test`, the time budget under fuzzing. */
export function params<T>(name: string, runs: number): fc.Parameters<T> {
  const replay = process.env.FUZZ_SEED !== undefined ? { seed: Number(process.env.FUZZ_SEED), ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) } : undefined;
  if (!FUZZING) return { seed: seedOf(name), numRuns: runs, ...replay };
  return {
    seed: replay?.seed ?? (Math.random() * 2 ** 31) | 0,
    ...(replay?.path ? { path: replay.path } : {}),
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: PROPERTY_MS,
    markInterruptAsFailure: false,
  };
}

/**
 * Checks a property; on failure throws fast-check's report with the command that replays the
 * counterexample. Records how many cases ran (FUZZ_STATS names a file to append to).
 */
export function check<Ts extends [unknown, ...unknown[]]>(name: string, runs: number, property: fc.IProperty<Ts>): void {
  const result = fc.check(property, params<Ts>(name, runs));
  record(name, result.numRuns, result.failed ? result.seed : undefined);
  if (!result.failed) return;
  const title = (expect.getState().currentTestName ?? name).split(' > ').pop()!;
  const pattern = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const replay = `FUZZ_SEED=${result.seed}${result.counterexamplePath ? ` FUZZ_PATH=${result.counterexamplePath}` : ''} npx vitest run test/reliability -t '${pattern.replace(/'/g, "'\\''")}'`;
  const cause = describeError(result.errorInstance);
  throw new Error(`${fc.defaultReportMessage(result)}\n\n${cause}\n\nReplay: ${replay}`);
}

/** Counts the inputs a non-property test tried (hostile files, tampered IRs), for the figures. */
export function tally(name: string, cases: number): void {
  record(name, cases, undefined);
}

function record(name: string, cases: number, failedSeed: number | undefined): void {
  const file = process.env.FUZZ_STATS;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ name, cases, ...(failedSeed !== undefined ? { failedSeed } : {}) })}\n`);
}

/** The failure's message, with what was expected and what came for a failed `expect` (shortened). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { actual, expected } = error as { actual?: unknown; expected?: unknown };
  if (actual === undefined && expected === undefined) return error.message;
  const show = (v: unknown) => {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 3_000 ? `${text.slice(0, 3_000)}…` : text;
  };
  return `${error.message}\n  expected: ${show(expected)}\n  actual:   ${show(actual)}`;
}
