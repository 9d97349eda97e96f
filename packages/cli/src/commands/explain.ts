// `incent explain PLAN --data DIR --payee ID --period P [--format text|json|html] [-o FILE]`:
// one payee's statement for one period, a document a rep can read and dispute — each line,
// each record behind it and why (tier slices, the gate that failed, the cap that bit, the
// clawback and the deal it recovers), what paid nothing and why, and the measures. The model
// is the core's (governance/statement.ts); text is laid out here, HTML in html-statement.ts.
import { writeFileSync } from 'node:fs';
import { buildCalendar, buildStatement, describeEvaluationError, formatMoney, runPlan, type IrPlan, type Statement, type StatementLine } from '@incent/language';
import { formatDiagnostics, toJsonDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readPlan } from '../plan-source';
import { loadDataFolder } from '../data-folder';
import { EXIT, UsageError, type Io } from '../io';
import { renderStatementHtml } from '../html-statement';

export interface ExplainCommandOptions {
  readonly data: string;
  readonly payee: string;
  readonly period: string;
  readonly format: 'text' | 'json' | 'html';
  readonly output?: string;
}

const WIDTH = 78;

export function explainCommand(path: string, options: ExplainCommandOptions, io: Io): number {
  const json = options.format === 'json';
  const source = readPlan(path);
  if (!source.ok) {
    if (source.compiled && source.text !== undefined) {
      if (json) io.out(JSON.stringify({ diagnostics: toJsonDiagnostics(source.compiled.diagnostics, path, source.text) }, null, 2));
      else io.err(formatDiagnostics(source.compiled.diagnostics, path, source.text, paintFor(process.stderr)));
    } else io.err(source.messages.join('\n'));
    return EXIT.plan;
  }
  const { ir } = source;
  const calendar = buildCalendar(ir.plan.period, ir.plan.fiscalYearStart, ir.plan.effective.from, ir.plan.effective.to);
  if (!calendar.byLabel(options.period)) {
    const labels = calendar.periods.map((p) => p.label);
    throw new UsageError(`unknown period \`${options.period}\`: the plan's periods are ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ` … ${labels[labels.length - 1]}` : ''}`);
  }
  const { loaded, errors } = loadDataFolder(options.data, ir);
  if (errors.length) {
    if (json) io.out(JSON.stringify({ errors }, null, 2));
    else for (const e of errors) io.err(`error: ${e.line > 0 ? `${e.file}:${e.line}${e.column ? ` (${e.column})` : ''}` : e.file}: ${e.message}`);
    return EXIT.data;
  }
  const roster = ir.inputs.find((i) => i.roster);
  const key = roster?.fields.find((f) => f.key)?.name;
  const ids = roster && key ? (loaded.records[roster.name] ?? []).map((r) => r.values[key]) : [];
  if (!ids.includes(options.payee)) {
    const sample = ids.filter((x): x is string => typeof x === 'string').slice(0, 5);
    throw new UsageError(`unknown payee \`${options.payee}\`: not in the roster${sample.length ? ` (for example ${sample.join(', ')})` : ''}`);
  }
  const outcome = runPlan(ir, loaded, { period: options.period, payee: options.payee, explain: true });
  if (!outcome.ok) {
    if (json) io.out(JSON.stringify({ errors: outcome.errors }, null, 2));
    else for (const e of outcome.errors) io.err(`error: ${describeEvaluationError(e)}`);
    return EXIT.evaluation;
  }
  const statement = buildStatement(ir, outcome.report, loaded, options.payee, options.period);
  const text = options.format === 'json' ? JSON.stringify(statement, null, 2) : options.format === 'html' ? renderStatementHtml(statement, ir) : renderStatementText(statement, ir);
  if (options.output) {
    writeFileSync(options.output, text.endsWith('\n') ? text : `${text}\n`);
    io.err(`wrote ${options.output}`);
  } else io.out(text);
  return EXIT.ok;
}

/** The statement as plain text for a terminal or an e-mail. */
export function renderStatementText(s: Statement, ir: IrPlan): string {
  const m = (x: string) => formatMoney(x, ir.plan.minorUnits);
  const out: string[] = [];
  const name = s.payeeFacts.find((f) => f.name === 'name')?.text;
  out.push(`Statement for ${s.payee}${name ? ` (${name})` : ''}, ${s.period}`);
  out.push(`${s.plan.name}, version ${s.plan.version} · amounts in ${s.currency} · plan ${s.plan.hash.slice(0, 19)}…`);
  const facts = s.payeeFacts.filter((f) => f.name !== 'name');
  if (facts.length) out.push(facts.map((f) => `${f.name} ${f.text}`).join(' · '));
  for (const line of s.lines) {
    out.push('');
    out.push(...statementLineText(line, ir));
  }
  out.push('');
  out.push(spread('Total', m(s.total)));
  if (s.notPaid.length) {
    out.push('');
    out.push('Not paid this period');
    for (const n of s.notPaid) out.push(`  ${n.component} (${n.kind}): ${n.why}`);
  }
  if (s.measures.length) {
    out.push('');
    out.push('Measures this period');
    const width = Math.max(...s.measures.map((f) => f.name.length));
    for (const f of s.measures) out.push(`  ${f.name.padEnd(width)}  ${f.text}`);
  }
  if (s.notes.length) {
    out.push('');
    out.push('Notes');
    for (const n of s.notes) out.push(`  ${n}`);
  }
  return out.join('\n');
}

/** One statement line as text: header with the amount, the rule, notes, then each record and why. */
export function statementLineText(line: StatementLine, ir: IrPlan, indent = ''): string[] {
  const m = (x: string) => formatMoney(x, ir.plan.minorUnits);
  const amount = line.unit === ir.plan.currency ? m(line.amount) : line.unit === 'award' ? `award "${line.award ?? ''}"` : `${line.amount} ${line.unit}`;
  const out: string[] = [];
  out.push(indent + spread(`${line.component} (${line.kind})`, amount, WIDTH - indent.length));
  out.push(`${indent}  ${line.rule}`);
  for (const n of line.notes) out.push(`${indent}  ${n}`);
  for (const r of line.records) {
    out.push(indent + spread(`  ${r.record} · ${r.file}:${r.line}${r.date ? ` · ${r.date}` : ''}`, m(r.earning), WIDTH - indent.length));
    if (r.facts.length) out.push(`${indent}    ${r.facts.map((f) => `${f.name} ${f.text}`).join(' · ')}`);
    for (const w of r.why) out.push(`${indent}    ${w}`);
  }
  return out;
}

function spread(left: string, right: string, width = WIDTH): string {
  const gap = Math.max(2, width - left.length - right.length);
  return `${left}${' '.repeat(gap)}${right}`;
}
