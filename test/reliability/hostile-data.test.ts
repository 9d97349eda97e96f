// Hostile data through the built CLI (`incent run … --format json`, as users and CI run it):
// truncated lines, broken quoting, a BOM, CRLF and CR line ends, bytes that are not UTF-8, huge,
// negative and exponent numbers, empty and missing files, a folder, a pipe or a broken link
// where a file should be. Each gives exit 2 with a precise error (file, line, column, value) or
// the correct result; never a crash (exit 70), a hang or a silently dropped row. Then random
// mutations of the data files, run in-process through the same command.
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main';
import { CLI, ROOT } from '../helpers/cli';
import { check, FUZZING, tally } from './fuzz-config';

const CASE = join(ROOT, 'test', 'conformance', 'cases', '01-flat-rate');
const DEALS = readFileSync(join(CASE, 'deals.csv'), 'utf8');
const REPS = readFileSync(join(CASE, 'reps.csv'), 'utf8');
const HEADER = DEALS.slice(0, DEALS.indexOf('\n'));
const ROWS = DEALS.trim().split('\n').slice(1);
const PLAN = join(CASE, 'plan.incent');
const scratch = mkdtempSync(join(tmpdir(), 'incent-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The expected lines of the clean data (the conformance case's answer). */
const CLEAN = [['R1', '2027-Q1', '2000.05'], ['R2', '2027-Q1', '410.01'], ['R2', '2027-Q2', '980.00']];

interface Outcome {
  readonly code: number | null;
  readonly json: any;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (b) => { stdout += b; });
    child.stderr.on('data', (b) => { stderr += b; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: any = null;
      try { json = JSON.parse(stdout); } catch { json = null; }
      resolve({ code, json, stderr });
    });
  });
}

type Expected =
  | { readonly code: 0; readonly lines?: readonly (readonly string[])[] }
  | { readonly code: 2; readonly errors: readonly { file: string; line?: number; column?: string; value?: string; message: RegExp }[] };

interface Hostile {
  readonly name: string;
  /** Writes the data folder (`dir` starts with reps.csv and the plan's case files). */
  readonly setup: (dir: string) => void;
  readonly expected: Expected;
  readonly args?: readonly string[];
}

const deals = (text: string) => (dir: string) => writeFileSync(join(dir, 'deals.csv'), text);
const dealBytes = (bytes: Buffer) => (dir: string) => writeFileSync(join(dir, 'deals.csv'), bytes);
const withRow = (row: string) => `${HEADER}\n${ROWS.join('\n')}\n${row}\n`;
const replaceCell = (rowIndex: number, column: number, value: string) => {
  const rows = ROWS.map((r) => r.split(','));
  rows[rowIndex]![column] = value;
  return `${HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
};

const HOSTILE: Hostile[] = [
  // line ends and encodings
  { name: 'a UTF-8 BOM', setup: deals(`\uFEFF${DEALS}`), expected: { code: 0, lines: CLEAN } },
  { name: 'CRLF line ends', setup: deals(DEALS.replace(/\n/g, '\r\n')), expected: { code: 0, lines: CLEAN } },
  { name: 'CR-only line ends', setup: deals(DEALS.replace(/\n/g, '\r')), expected: { code: 0, lines: CLEAN } },
  { name: 'mixed line ends and blank lines', setup: deals(DEALS.split('\n').map((l, i) => (i % 2 ? `${l}\r\n\n` : `${l}\n`)).join('')), expected: { code: 0, lines: CLEAN } },
  { name: 'no newline at the end', setup: deals(DEALS.trimEnd()), expected: { code: 0, lines: CLEAN } },
  { name: 'a BOM in a cell (trimmed like a space)', setup: deals(replaceCell(0, 1, '\uFEFFR1')), expected: { code: 0, lines: CLEAN } },
  { name: 'a zero-width space in a payee id', setup: deals(replaceCell(0, 1, 'R\u200B1')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'owner', message: /payee/ }] } },
  { name: 'Latin-1 bytes', setup: dealBytes(Buffer.concat([Buffer.from(`${HEADER}\nD1,R1,12000.00,6000.00,direct,won,Caf`), Buffer.from([0xe9]), Buffer.from(',2027-01-15,\n')])), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, message: /not valid UTF-8/ }] } },
  { name: 'UTF-16 with its BOM', setup: dealBytes(Buffer.from(`\uFEFF${DEALS}`, 'utf16le')), expected: { code: 2, errors: [{ file: 'deals.csv', message: /not valid UTF-8/ }] } },
  { name: 'a NUL byte in an amount', setup: deals(replaceCell(1, 2, '8000\u000050')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 3, column: 'amount', message: /not a decimal number/ }] } },
  // truncation and quoting
  { name: 'a truncated last line', setup: deals(`${HEADER}\n${ROWS.join('\n')}\nD8,R1,12`), expected: { code: 2, errors: [{ file: 'deals.csv', line: 9, message: /3 cells but the header has 9 columns/ }] } },
  { name: 'a file cut inside a quoted cell', setup: deals(`${HEADER}\n${ROWS.join('\n')}\nD8,R1,100,1,direct,won,"Core`), expected: { code: 2, errors: [{ file: 'deals.csv', line: 9, message: /quote is never closed/ }] } },
  { name: 'an unclosed quote in the middle', setup: deals(`${HEADER}\n${ROWS[0]}\nD2,"R1,8000.50,5000.00,partner,won,Core,2027-02-01,\n${ROWS.slice(2).join('\n')}\n`), expected: { code: 2, errors: [{ file: 'deals.csv', line: 3, message: /broken quoting/ }] } },
  { name: 'a stray quote inside a cell', setup: deals(replaceCell(1, 6, 'Co"re')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 3, message: /broken quoting/ }] } },
  { name: 'text after a closing quote', setup: deals(replaceCell(1, 6, '"Core"x')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 3, message: /text follows the closing quote/ }] } },
  { name: 'a quoted cell with a comma and a line break', setup: deals(replaceCell(1, 6, '"Core,\nPlus"')), expected: { code: 0, lines: CLEAN } },
  { name: 'a row with too many cells', setup: deals(withRow('D8,R1,100,1,direct,won,Core,2027-01-20,,extra')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 9, message: /10 cells but the header has 9/ }] } },
  { name: 'a header separated by semicolons', setup: deals(DEALS.replace(/,/g, ';')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 1, message: /separated by `;`/ }] } },
  { name: 'a missing column', setup: deals(DEALS.split('\n').map((l) => l.split(',').slice(0, 8).join(',')).join('\n')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 1, column: 'cancelled_on', message: /missing column/ }] } },
  { name: 'a column twice', setup: deals(DEALS.split('\n').map((l, i) => (l ? `${l},${i === 0 ? 'amount' : '1'}` : l)).join('\n')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 1, column: 'amount', message: /appears twice/ }] } },
  // numbers
  { name: 'negative amounts (credit notes)', setup: deals(withRow('D8,R1,-12000.00,0,direct,won,Core,2027-01-20,')), expected: { code: 0, lines: [['R1', '2027-Q1', '800.05'], ['R2', '2027-Q1', '410.01'], ['R2', '2027-Q2', '980.00']] } },
  { name: 'a huge amount (2,000 digits)', setup: deals(replaceCell(0, 2, '9'.repeat(2_000))), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', message: /out of range/ }] } },
  { name: 'a long but fine amount', setup: deals(replaceCell(2, 2, `${'9'.repeat(200)}.${'9'.repeat(200)}`)), expected: { code: 0, lines: CLEAN } },
  { name: 'an exponent in CSV', setup: deals(replaceCell(0, 2, '1.2e4')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', value: '1.2e4', message: /not a decimal number/ }] } },
  { name: 'a thousands separator', setup: deals(replaceCell(0, 2, '"12,000.00"')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', value: '12,000.00', message: /not a decimal number: write 12000\.00/ }] } },
  { name: 'a currency symbol', setup: deals(replaceCell(0, 2, '$12000')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', message: /not a decimal number/ }] } },
  { name: 'NaN and Infinity', setup: deals(replaceCell(0, 2, 'NaN').replace('8000.50', 'Infinity')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', message: /not a decimal number/ }, { file: 'deals.csv', line: 3, column: 'amount', message: /not a decimal number/ }] } },
  { name: 'spaces around a number', setup: deals(replaceCell(0, 2, '  12000.00  ')), expected: { code: 0, lines: CLEAN } },
  { name: 'an impossible date', setup: deals(replaceCell(0, 7, '2027-02-30')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'closed_on', value: '2027-02-30', message: /not a date/ }] } },
  { name: 'a date in another format', setup: deals(replaceCell(0, 7, '15/01/2027')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'closed_on', message: /not a date/ }] } },
  { name: 'a date in year 27, out of plan', setup: deals(replaceCell(0, 7, '0027-01-15')), expected: { code: 0, lines: [['R1', '2027-Q1', '800.05'], ['R2', '2027-Q1', '410.01'], ['R2', '2027-Q2', '980.00']] } },
  { name: 'a five-digit year', setup: deals(replaceCell(0, 7, '20270-01-15')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'closed_on', message: /not a date/ }] } },
  { name: 'an enum value in the wrong case', setup: deals(replaceCell(0, 4, 'Direct')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'channel', message: /did you mean `direct`/ }] } },
  { name: 'a repeated key', setup: deals(withRow(ROWS[0]!)), expected: { code: 2, errors: [{ file: 'deals.csv', line: 9, column: 'id', message: /line 2/ }] } },
  { name: 'an unknown payee', setup: deals(replaceCell(0, 1, 'R9')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'owner', value: 'R9', message: /payee/ }] } },
  { name: 'an empty required cell', setup: deals(replaceCell(0, 2, '')), expected: { code: 2, errors: [{ file: 'deals.csv', line: 2, column: 'amount', message: /missing value/ }] } },
  // JSON
  { name: 'JSON with exponents, read exactly', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.json'), jsonDeals((d) => ({ ...d, amount: d.id === 'D1' ? 1.2e4 : d.amount }))); }, expected: { code: 0, lines: CLEAN } },
  { name: 'JSON with a huge exponent', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.json'), jsonDeals((d) => d).replace('"12000.00"', '1e999999')); }, expected: { code: 2, errors: [{ file: 'deals.json', column: 'amount', message: /out of range/ }] } },
  { name: 'JSON with a trailing comma', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.json'), jsonDeals((d) => d).replace(/\n\]/, ',\n]')); }, expected: { code: 2, errors: [{ file: 'deals.json', message: /trailing comma/ }] } },
  { name: 'JSON nested 100,000 levels deep', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.json'), '['.repeat(100_000)); }, expected: { code: 2, errors: [{ file: 'deals.json', line: 1, message: /nested more than 100 levels/ }] } },
  { name: 'JSONL with a line nested 100,000 levels deep', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.jsonl'), `${jsonDeals((d) => d).slice(2, -3).split(',\n').join('\n')}\n${'{"a":'.repeat(100_000)}`); }, expected: { code: 2, errors: [{ file: 'deals.jsonl', line: 8, message: /nested more than 100 levels/ }] } },
  { name: 'a JSON object, not an array', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.json'), '{"deals": []}'); }, expected: { code: 2, errors: [{ file: 'deals.json', line: 1, message: /expected an array of objects/ }] } },
  { name: 'JSONL with a broken line', setup: (dir) => { rmSync(join(dir, 'deals.csv')); writeFileSync(join(dir, 'deals.jsonl'), jsonDeals((d) => d).slice(2, -3).split(',\n').map((l, i) => (i === 2 ? l.slice(0, 20) : l)).join('\n')); }, expected: { code: 2, errors: [{ file: 'deals.jsonl', line: 3, message: /invalid JSON/ }] } },
  // files and folders
  { name: 'an empty file', setup: deals(''), expected: { code: 2, errors: [{ file: 'deals.csv', line: 1, message: /empty file/ }] } },
  { name: 'a header and nothing else', setup: deals(`${HEADER}\n`), expected: { code: 0, lines: [] } },
  { name: 'a missing file', setup: (dir) => rmSync(join(dir, 'deals.csv')), expected: { code: 2, errors: [{ file: 'deals.csv', message: /no data file for input `deals`/ }] } },
  { name: 'a folder instead of a file', setup: (dir) => { rmSync(join(dir, 'deals.csv')); mkdirSync(join(dir, 'deals.csv')); }, expected: { code: 2, errors: [{ file: 'deals.csv', message: /is a folder/ }] } },
  { name: 'two files for one input', setup: (dir) => writeFileSync(join(dir, 'deals.json'), '[]'), expected: { code: 2, errors: [{ file: 'deals.json', message: /two data files/ }] } },
  { name: 'a link to nowhere', setup: (dir) => { rmSync(join(dir, 'deals.csv')); symlinkSync(join(dir, 'nothing.csv'), join(dir, 'deals.csv')); }, expected: { code: 2, errors: [{ file: 'deals.csv', message: /link to a file that does not exist/ }] } },
  { name: 'a link to itself', setup: (dir) => { rmSync(join(dir, 'deals.csv')); symlinkSync(join(dir, 'deals.csv'), join(dir, 'deals.csv')); }, expected: { code: 2, errors: [{ file: 'deals.csv', message: /leads back to itself/ }] } },
  { name: 'a device instead of a file', setup: (dir) => { rmSync(join(dir, 'deals.csv')); symlinkSync('/dev/zero', join(dir, 'deals.csv')); }, expected: { code: 2, errors: [{ file: 'deals.csv', message: /not a regular file/ }] } },
  { name: '--data names a file', setup: () => {}, args: ['--data', PLAN], expected: { code: 2, errors: [{ file: PLAN, message: /--data takes the folder/ }] } },
  { name: '--data names no folder', setup: () => {}, args: ['--data', '/nonexistent/folder'], expected: { code: 2, errors: [{ file: '/nonexistent/folder', message: /no such data folder/ }] } },
];

function jsonDeals(edit: (d: Record<string, unknown>) => Record<string, unknown>): string {
  const names = HEADER.split(',');
  const objects = ROWS.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i]!, v === '' ? null : v]))).map(edit);
  return `[\n${objects.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`;
}

function folderFor(h: Hostile, index: number, where: string): string {
  const dir = join(scratch, `${where}-${index}`);
  mkdirSync(dir);
  cpSync(join(CASE, 'deals.csv'), join(dir, 'deals.csv'));
  writeFileSync(join(dir, 'reps.csv'), REPS);
  h.setup(dir);
  return dir;
}

/** Checks one outcome against what was expected; returns the problems found. */
function judge(h: Hostile, o: { code: number | null; json: any; stderr: string }): string[] {
  const problems: string[] = [];
  const failed = (why: string) => problems.push(`${h.name}: ${why} (exit ${o.code}; ${JSON.stringify(o.json)?.slice(0, 400)} ${o.stderr.slice(0, 300)})`);
  if (o.code !== h.expected.code) failed(`expected exit ${h.expected.code}`);
  else if (/internal error|at .*\.[jt]s:\d+/.test(o.stderr)) failed('a stack trace on standard error');
  else if (h.expected.code === 0) {
    const lines = (o.json?.lines ?? []).filter((l: any) => Number(l.amount) !== 0).map((l: any) => [l.payee, l.period, l.amount]);
    if (h.expected.lines && JSON.stringify(lines) !== JSON.stringify(h.expected.lines)) failed(`lines ${JSON.stringify(lines)}`);
    const rec = o.json?.summary?.reconciliation?.deals;
    if (!rec || rec.read !== rec.rejected + rec.outOfPlan + rec.credited) failed('the reconciliation does not add up');
  } else {
    const errors: any[] = o.json?.errors ?? [];
    for (const want of h.expected.errors) {
      const match = errors.find((e) => e.file === want.file && (want.line === undefined || e.line === want.line) && (want.column === undefined || e.column === want.column) && (want.value === undefined || e.value === want.value) && want.message.test(e.message));
      if (!match) failed(`no error like ${JSON.stringify({ ...want, message: String(want.message) })}`);
    }
    for (const e of errors) if (typeof e.message !== 'string' || e.message === '' || typeof e.line !== 'number') failed(`a vague error ${JSON.stringify(e)}`);
  }
  return problems;
}

const argsFor = (h: Hostile, dir: string) => ['run', PLAN, '--format', 'json', ...(h.args ?? ['--data', dir])];

describe('hostile data', () => {
  it(`${HOSTILE.length} hostile inputs through the run command: exit 2 with a precise error, or the correct result`, () => {
    const problems = HOSTILE.flatMap((h, i) => {
      const r = runInProcess(argsFor(h, folderFor(h, i, 'in-process')));
      return judge(h, { code: r.code, json: r.json, stderr: r.err });
    });
    expect(problems).toEqual([]);
    tally('hostile data inputs (in process)', HOSTILE.length);
  });

  // Spawning the built CLI costs half a second a case: `npm test` runs every fourth, `npm run fuzz` all.
  const viaCli = FUZZING ? HOSTILE : HOSTILE.filter((_, i) => i % 4 === 0);
  it(`${viaCli.length} of them through the built CLI: never a crash or a hang either`, async () => {
    const outcomes: Outcome[] = [];
    const queue = viaCli.map((h, i) => ({ h, i }));
    const workers = Array.from({ length: 3 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) outcomes[next.i] = await run(argsFor(next.h, folderFor(next.h, next.i, 'cli')));
    });
    await Promise.all(workers);
    expect(viaCli.flatMap((h, i) => judge(h, outcomes[i]!))).toEqual([]);
    tally('hostile data inputs (built CLI)', viaCli.length);
  });
});

// ---------------------------------------------------------------- random mutations, in-process

interface Captured {
  readonly code: number;
  readonly json: any;
  readonly err: string;
}

function runInProcess(args: readonly string[]): Captured {
  let out = '', err = '';
  const code = main(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  let json: any = null;
  try { json = JSON.parse(out); } catch { json = null; }
  return { code, json, err };
}

const BYTES = ['"', ',', '\n', '\r', '\r\n', '""', '\uFEFF', '\u0000', ' ', 'e5', '-', '.', '%', 'é', '\uFFFD', 'null', '2027-02-30', '9'.repeat(30)];

describe('random mutations of data files, through the run command', () => {
  it('every mutation gives exit 0, 2 or 3 with errors that name file and line, and a reconciliation that adds up', () => {
    const edit = fc.record({ file: fc.constantFrom('deals.csv', 'reps.csv'), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), del: fc.nat({ max: 8 }), insert: fc.constantFrom(...BYTES), raw: fc.option(fc.uint8Array({ minLength: 1, maxLength: 3 }), { nil: undefined }) });
    const dir = join(scratch, 'random');
    mkdirSync(dir);
    check('mutated data files', 150, fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), fc.boolean(), (edits, skip) => {
      const files: Record<string, Buffer> = { 'deals.csv': Buffer.from(DEALS), 'reps.csv': Buffer.from(REPS) };
      for (const e of edits) {
        const bytes = files[e.file]!;
        const at = Math.floor(e.at * bytes.length);
        files[e.file] = Buffer.concat([bytes.subarray(0, at), e.raw ? Buffer.from(e.raw) : Buffer.from(e.insert), bytes.subarray(at + e.del)]);
      }
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
      const r = runInProcess(['run', PLAN, '--data', dir, '--format', 'json', ...(skip ? ['--skip-bad-rows'] : [])]);
      expect([0, 2, 3]).toContain(r.code);
      if (r.code === 2) {
        expect(r.json.errors.length).toBeGreaterThan(0);
        for (const e of r.json.errors) {
          expect(['deals.csv', 'reps.csv']).toContain(e.file);
          expect(e.message).not.toBe('');
          expect(e.line).toBeLessThanOrEqual(files[e.file]!.toString('utf8').split(/\r\n|\r|\n/).length);
        }
      }
      if (r.code === 0) {
        for (const input of ['reps', 'deals']) {
          const rec = r.json.summary.reconciliation[input];
          expect(rec.read).toBe(rec.rejected + rec.outOfPlan + rec.credited);
          expect(rec.credited).toBe(rec.selected + rec.excluded + rec.notEvaluated);
        }
        // every rejected row is listed with its reasons: nothing left out silently
        expect(r.json.summary.rejected.length).toBe(r.json.summary.reconciliation.reps.rejected + r.json.summary.reconciliation.deals.rejected);
        for (const x of r.json.summary.rejected) expect(x.reasons.length).toBeGreaterThan(0);
      }
    }));
  });
});
