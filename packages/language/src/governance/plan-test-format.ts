// The plan-test file format (`*.incent-test`, docs/plan-tests.md): a plan path, shared data,
// and named tests, each with small inline CSV data sets and the payouts expected. This module
// parses the text into a TestFile and problems with line numbers; it never throws. Pipeline:
// test text → **parse** → plan-test-run.ts (with the plan's IR) → results and coverage.
//
//   plan "../plan.incent"
//
//   data reps
//     id,name,quota
//     R1,Ana,100000
//
//   test "a partner deal earns 5%"
//     data deals
//       id,owner,amount,channel,stage,closed_on
//       D1,R1,10000,partner,won,2027-01-15
//     expect R1 2027-Q1 new_business = 500.00
//     expect R1 2027-Q1 total = 500.00

export interface TestDataBlock {
  readonly input: string;
  /** Line of the `data` statement. */
  readonly line: number;
  /** Inline CSV: the text and, for each of its lines, the line in the test file. */
  readonly csv?: { readonly text: string; readonly lines: number[] };
  /** `data NAME from "path"`: a file, relative to the test file. */
  readonly from?: string;
}

export type TestExpectation =
  | { readonly kind: 'amount'; readonly line: number; readonly payee: string; readonly period: string; readonly component: string; readonly amount: string; readonly unit?: string }
  | { readonly kind: 'metric'; readonly line: number; readonly metric: string; readonly value: string }
  | { readonly kind: 'error'; readonly line: number; readonly contains: string }
  | { readonly kind: 'nothingElse'; readonly line: number };

export interface TestCase {
  readonly name: string;
  readonly line: number;
  readonly data: TestDataBlock[];
  readonly expect: TestExpectation[];
}

export interface TestFile {
  /** The plan, relative to the test file (absent: the CLI looks beside the file and in its parent folder). */
  readonly plan?: string;
  readonly data: TestDataBlock[];
  readonly tests: TestCase[];
}

export interface TestFileProblem {
  readonly line: number;
  readonly message: string;
}

export function parseTestFile(text: string): { file: TestFile; problems: TestFileProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: TestFileProblem[] = [];
  const shared: TestDataBlock[] = [];
  const tests: { name: string; line: number; data: TestDataBlock[]; expect: TestExpectation[] }[] = [];
  let plan: string | undefined;
  let current: (typeof tests)[number] | undefined;
  const indentOf = (s: string) => s.length - s.trimStart().length;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!.replace(/\s+$/, '');
    const lineNo = i + 1;
    i++;
    const body = raw.trim();
    if (body === '' || body.startsWith('//') || body.startsWith('#')) continue;
    const indent = indentOf(raw);
    if (indent === 0) current = undefined;
    const data = /^data\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+from\s+"((?:[^"\\]|\\.)*)")?$/.exec(body);
    if (data) {
      const block = readBlock(lines, i, indent);
      i = block.next;
      const from = data[2] !== undefined ? unescape(data[2]) : undefined;
      if (from !== undefined && block.rows.length) problems.push({ line: block.lines[0]!, message: `\`data ${data[1]} from "…"\` takes no inline rows` });
      if (from === undefined && block.rows.length === 0) problems.push({ line: lineNo, message: `\`data ${data[1]}\` needs CSV rows below it, indented (a header row first)` });
      const entry: TestDataBlock = { input: data[1]!, line: lineNo, ...(from !== undefined ? { from } : { csv: { text: block.rows.join('\n') + '\n', lines: block.lines } }) };
      const target = indent === 0 ? shared : current?.data;
      if (!target) { problems.push({ line: lineNo, message: '`data` inside a test must be indented under its `test`' }); continue; }
      if (target.some((b) => b.input === entry.input)) problems.push({ line: lineNo, message: `data for \`${entry.input}\` is given twice${indent === 0 ? '' : ' in this test'}` });
      target.push(entry);
      continue;
    }
    if (indent === 0) {
      const planLine = /^plan\s+"((?:[^"\\]|\\.)*)"$/.exec(body);
      if (planLine) {
        if (plan !== undefined) problems.push({ line: lineNo, message: 'the plan is named twice' });
        if (tests.length) problems.push({ line: lineNo, message: '`plan` must come before the tests' });
        plan = unescape(planLine[1]!);
        continue;
      }
      const test = /^test\s+"((?:[^"\\]|\\.)*)"$/.exec(body);
      if (test) {
        const name = unescape(test[1]!);
        if (tests.some((t) => t.name === name)) problems.push({ line: lineNo, message: `two tests are named "${name}"` });
        current = { name, line: lineNo, data: [], expect: [] };
        tests.push(current);
        continue;
      }
      problems.push({ line: lineNo, message: `expected \`plan "PATH"\`, \`data NAME\` or \`test "NAME"\` at the start of a line, found \`${body}\`` });
      continue;
    }
    if (!current) {
      problems.push({ line: lineNo, message: `an indented line must belong to a \`test\`: found \`${body}\`` });
      continue;
    }
    if (body.startsWith('expect ') || body === 'expect') {
      const parsed = parseExpect(body.slice(6).trim(), lineNo);
      if ('message' in parsed) problems.push(parsed);
      else current.expect.push(parsed);
      continue;
    }
    problems.push({ line: lineNo, message: `expected \`data NAME\` or \`expect …\` in a test, found \`${body}\`` });
  }
  for (const t of tests) if (t.expect.length === 0) problems.push({ line: t.line, message: `test "${t.name}" expects nothing: add \`expect PAYEE PERIOD COMPONENT = AMOUNT\`` });
  return { file: { ...(plan !== undefined ? { plan } : {}), data: shared, tests }, problems };
}

/** The CSV rows under a `data` line: every following line indented deeper; blank lines and `//` comments skipped. */
function readBlock(lines: readonly string[], start: number, indent: number): { rows: string[]; lines: number[]; next: number } {
  const rows: string[] = [];
  const at: number[] = [];
  let strip = -1;
  let i = start;
  for (; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\s+$/, '');
    if (raw.trim() === '' || raw.trim().startsWith('//')) continue;
    const own = raw.length - raw.trimStart().length;
    if (own <= indent) break;
    if (strip < 0) strip = own;
    rows.push(raw.slice(Math.min(strip, own)));
    at.push(i + 1);
  }
  return { rows, lines: at, next: i };
}

const AMOUNT = /^[+-]?[\d_,]+(\.\d+)?$/;

function parseExpect(text: string, line: number): TestExpectation | TestFileProblem {
  if (text === 'nothing else') return { kind: 'nothingElse', line };
  const error = /^error\s+"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (error) return { kind: 'error', line, contains: unescape(error[1]!) };
  const metric = /^metric\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(text);
  if (metric) return { kind: 'metric', line, metric: metric[1]!, value: metric[2]!.trim() };
  const amount = /^(\S+)\s+(\S+)\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)(?:\s+(\S+))?$/.exec(text);
  if (amount) {
    const value = amount[4]!;
    if (!AMOUNT.test(value)) return { line, message: `\`${value}\` is not an amount: write a decimal such as 1250.00` };
    return {
      kind: 'amount', line, payee: amount[1]!, period: amount[2]!, component: amount[3]!,
      amount: value.replace(/[_,]/g, ''), ...(amount[5] !== undefined ? { unit: amount[5] } : {}),
    };
  }
  return { line, message: `cannot read this expectation: write \`expect PAYEE PERIOD COMPONENT = AMOUNT\`, \`expect PAYEE PERIOD total = AMOUNT\`, \`expect metric NAME = VALUE\`, \`expect error "TEXT"\` or \`expect nothing else\`` };
}

function unescape(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}
