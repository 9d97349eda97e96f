// `incent diff OLD NEW [--data DIR] [--format markdown|json] [--threshold 10%]`: what changed
// between two versions of a plan, in plain words, computed on the IR (governance/ir-diff.ts),
// and with data what it does to each payee's pay (governance/impact.ts). OLD and NEW are files
// (.incent or IR .json) or `git:REV:path`, read with `git show REV:path`. Plan errors exit 1,
// data errors 2, evaluation errors 3; a diff, with or without changes, exits 0.
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import {
  compile, describeEvaluationError, diffPlans, loadIr, parseThreshold, payoutImpact, runPlan,
  type IrPlan, type PayoutImpact, type RunReport,
} from '@incent/language';
import { formatDiagnostics } from '../diagnostics-text';
import { paintFor } from '../paint';
import { readText } from '../plan-source';
import { loadDataFolder } from '../data-folder';
import { EXIT, UsageError, type Io } from '../io';
import { renderDiffMarkdown, type DiffSide } from '../markdown-diff';

export interface DiffCommandOptions {
  readonly data?: string;
  readonly format: 'markdown' | 'json';
  readonly threshold: string;
}

export function diffCommand(oldRef: string, newRef: string, options: DiffCommandOptions, io: Io): number {
  const threshold = parseThreshold(options.threshold);
  if (!threshold) throw new UsageError(`--threshold takes a percentage such as 10% or an amount such as 500: got \`${options.threshold}\``);
  const before = readPlanRef(oldRef, io), after = readPlanRef(newRef, io);
  if (!before || !after) return EXIT.plan;
  const diff = diffPlans(before, after);
  const side = (label: string, ir: IrPlan, hash: string): DiffSide => ({ label, name: ir.plan.name, version: ir.plan.version, hash, minorUnits: ir.plan.minorUnits });
  let impact: PayoutImpact | undefined;
  if (options.data && !diff.equal) {
    const oldRun = run(before, options.data, io), newRun = run(after, options.data, io);
    if (typeof oldRun === 'number') return oldRun;
    if (typeof newRun === 'number') return newRun;
    impact = payoutImpact(before, oldRun.report, after, newRun.report, { threshold, names: newRun.names });
  }
  if (options.format === 'json') {
    const plan = (label: string, ir: IrPlan, hash: string) => ({ ref: label, name: ir.plan.name, version: ir.plan.version, hash });
    io.out(JSON.stringify({
      old: plan(oldRef, before, diff.oldHash), new: plan(newRef, after, diff.newHash),
      equal: diff.equal, changes: diff.changes,
      ...(impact ? { data: options.data, impact } : {}),
    }, null, 2));
  } else {
    io.out(renderDiffMarkdown(side(oldRef, before, diff.oldHash), side(newRef, after, diff.newHash), diff, impact ? { data: options.data!, value: impact } : undefined));
  }
  return EXIT.ok;
}

/** A plan from a file or from git history (`git:REV:path`); problems are printed, and undefined returned. */
export function readPlanRef(ref: string, io: Io): IrPlan | undefined {
  let text: string | undefined;
  let path = ref;
  if (ref.startsWith('git:')) {
    const rest = ref.slice(4);
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1) throw new UsageError(`\`${ref}\`: write git:REV:path, e.g. git:HEAD~1:examples/enterprise-ae/plan.incent`);
    path = rest.slice(colon + 1);
    try {
      text = execFileSync('git', ['show', `${rest.slice(0, colon)}:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      io.err(`error: cannot read ${ref} from git: ${stderr || (error as Error).message}`);
      return undefined;
    }
  } else {
    const read = readText(ref);
    if (read.text === undefined) { io.err(`error: ${read.error}`); return undefined; }
    text = read.text;
  }
  const file = basename(path);
  if (path.endsWith('.json')) {
    const loaded = loadIr(text);
    if (!loaded.ir) { io.err(loaded.errors.map((e) => `error: ${ref}: ${e}`).join('\n')); return undefined; }
    return loaded.ir;
  }
  const compiled = compile(text, file);
  if (!compiled.ir) {
    io.err(formatDiagnostics(compiled.diagnostics.filter((d) => d.severity === 'error'), ref, text, paintFor(process.stderr)));
    return undefined;
  }
  return compiled.ir;
}

/** An explained run of the whole range; an exit code when the data or the evaluation fails. */
function run(ir: IrPlan, dir: string, io: Io): { report: RunReport; names: Map<string, string> } | number {
  const { loaded, errors } = loadDataFolder(dir, ir);
  if (errors.length) {
    for (const e of errors.slice(0, 50)) io.err(`error: ${e.line > 0 ? `${e.file}:${e.line}${e.column ? ` (${e.column})` : ''}` : e.file}: ${e.message}`);
    io.err(`${errors.length} data error${errors.length === 1 ? '' : 's'} for plan "${ir.plan.name}" (version ${ir.plan.version}): nothing was compared`);
    return EXIT.data;
  }
  const outcome = runPlan(ir, loaded, { explain: true });
  if (!outcome.ok) {
    for (const e of outcome.errors) io.err(`error: ${describeEvaluationError(e)}`);
    return EXIT.evaluation;
  }
  const names = new Map<string, string>();
  const roster = ir.inputs.find((i) => i.roster);
  const key = roster?.fields.find((f) => f.key)?.name;
  const hasName = roster?.fields.some((f) => f.name === 'name' && f.type.base === 'Text');
  if (roster && key && hasName) {
    for (const r of loaded.records[roster.name] ?? []) {
      const id = r.values[key], name = r.values.name;
      if (typeof id === 'string' && typeof name === 'string') names.set(id, name);
    }
  }
  return { report: outcome.report, names };
}
