// The payout preview: the open plan evaluated on its preview data (found by preview-data.ts),
// for the `incent/preview` request, the code lens above each component (its total on that data)
// and hover. One evaluation per document version and data fingerprint, with traces, reused by
// all three. Pipeline: analysis → IR (lazily) → loadData → runPlan (explain) → response.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import {
  dec, describeEvaluationError, formatFixed, loadData, minorUnits, payoutCurves, runPlan, sumDecimals,
  type ComponentDecl, type PayoutLine,
} from '@incent/language';
import { irOf, type Analysis } from './analysis';
import { dataFingerprint, findPreviewData, readDataFiles, type DataLocation } from './preview-data';
import { toRange } from './positions';
import { SHOW_PREVIEW_COMMAND, type PreviewComponentTotal, type PreviewError, type PreviewResponse, type PreviewResult } from './protocol';

export interface Previewer {
  /** The preview of this analysis (evaluated now unless cached for the same data). */
  preview(analysis: Analysis): PreviewResponse;
  /** The preview and the fingerprint of the configuration and data files it read. */
  previewWithFingerprint(analysis: Analysis): { response: PreviewResponse; fingerprint: string };
  /** The cached preview of this analysis, if any (never evaluates). */
  cached(analysis: Analysis): PreviewResponse | undefined;
  /** Whether the plan has preview data (or a broken incent.json to report). */
  hasData(analysis: Analysis): boolean;
  /** The fingerprint of the configuration and data files as they are now (file metadata only). */
  currentFingerprint(analysis: Analysis): string;
}

const MAX_DETAILS = 50;

/** `dataFolderFor` gives the folder the editor chose for a plan (the `incent.previewData` setting), if any. */
export function createPreviewer(roots: () => readonly string[], dataFolderFor: (uri: string) => string | undefined = () => undefined): Previewer {
  const cache = new WeakMap<Analysis, { fingerprint: string; response: PreviewResponse }>();
  const inputsOf = (analysis: Analysis) => [...analysis.checked.symbols.inputs.keys()];
  const locate = (analysis: Analysis): DataLocation | undefined => {
    const chosen = dataFolderFor(analysis.uri);
    if (chosen) return chosenFolder(chosen);
    const path = planPath(analysis.uri);
    if (!path) return undefined;
    return findPreviewData(path, inputsOf(analysis), roots());
  };
  /** What the preview depends on besides the plan: where the data is, and the files' metadata. */
  const fingerprintOf = (location: DataLocation | undefined, files: () => string) =>
    !location ? 'no-file' : !location.ok ? `${location.reason}:${location.error}` : `${location.source}:${location.config ?? ''}:${files()}`;
  const previewer: Previewer = {
    previewWithFingerprint(analysis) {
      const location = locate(analysis);
      if (!location) return { response: fail(analysis, 'no-data', 'the preview needs a plan saved as a file (a file: uri)'), fingerprint: fingerprintOf(location, () => '') };
      if (!location.ok) return { response: fail(analysis, location.reason, location.error), fingerprint: fingerprintOf(location, () => '') };
      const read = readDataFiles(location.folder, inputsOf(analysis));
      const fingerprint = fingerprintOf(location, () => read.fingerprint);
      const entry = cache.get(analysis);
      if (entry && entry.fingerprint === fingerprint) return entry;
      const response = evaluate(analysis, location, read);
      cache.set(analysis, { fingerprint, response });
      return { response, fingerprint };
    },
    preview: (analysis) => previewer.previewWithFingerprint(analysis).response,
    cached: (analysis) => cache.get(analysis)?.response,
    currentFingerprint(analysis) {
      const location = locate(analysis);
      return fingerprintOf(location, () => (location?.ok ? dataFingerprint(location.folder, inputsOf(analysis)) : ''));
    },
    hasData(analysis) {
      const location = locate(analysis);
      return !!location && (location.ok || location.reason === 'bad-config');
    },
  };
  return previewer;
}

/** The folder of the `incent.previewData` setting: the user's own choice, so any existing folder. */
function chosenFolder(folder: string): DataLocation {
  try {
    if (statSync(folder).isDirectory()) return { ok: true, folder, source: 'setting' };
  } catch {
    // reported below
  }
  return { ok: false, reason: 'no-data', error: `the incent.previewData folder ${folder} does not exist` };
}

function planPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function fail(analysis: Analysis, reason: PreviewError['reason'], error: string, extra: Partial<PreviewError> = {}): PreviewError {
  return { uri: analysis.uri, error, reason, version: analysis.version, ...extra };
}

function evaluate(analysis: Analysis, location: Extract<DataLocation, { ok: true }>, read: ReturnType<typeof readDataFiles>): PreviewResponse {
  const dataFolder = location.folder;
  if (analysis.hasErrors) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const details = errors.slice(0, MAX_DETAILS).map((d) => `${analysis.lines.position(d.span.start).line}:${analysis.lines.position(d.span.start).column}: ${d.code} ${d.message}`);
    return fail(analysis, 'plan-errors', `the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} to see the preview`, { dataFolder, details });
  }
  const ir = irOf(analysis);
  if (!ir) return fail(analysis, 'plan-errors', 'the plan could not be compiled', { dataFolder });
  const loaded = loadData(ir, read.files);
  const dataErrors = [...read.errors, ...loaded.errors.map((e) => `${e.file}${e.line > 0 ? `:${e.line}` : ''}${e.column ? ` (${e.column})` : ''}: ${e.message}`)];
  if (dataErrors.length) {
    return fail(analysis, 'data-errors', `${dataErrors.length} data error${dataErrors.length === 1 ? '' : 's'} in ${dataFolder}`, { dataFolder, details: dataErrors.slice(0, MAX_DETAILS) });
  }
  const outcome = runPlan(ir, loaded, { explain: true });
  if (!outcome.ok) {
    const details = outcome.errors.slice(0, MAX_DETAILS).map(describeEvaluationError);
    return fail(analysis, 'evaluation-errors', `evaluation failed: ${outcome.errors[0]?.message ?? 'unknown error'}`, { dataFolder, details });
  }
  const report = outcome.report;
  const result: PreviewResult = {
    uri: analysis.uri,
    dataFolder,
    dataSource: location.source,
    version: analysis.version,
    plan: report.plan,
    currency: report.currency,
    periods: report.periods,
    lines: report.lines,
    totals: report.totals,
    components: componentTotals(analysis, report.lines, report.currency),
    curves: payoutCurves(ir),
    metrics: report.metrics,
    summary: report.summary,
    warnings: loaded.warnings.map((w) => `${w.file}${w.line > 0 ? `:${w.line}` : ''}: ${w.message}`),
  };
  return result;
}

function componentTotals(analysis: Analysis, lines: readonly PayoutLine[], currency: string): PreviewComponentTotal[] {
  const byComponent = new Map<string, PayoutLine[]>();
  for (const line of lines) {
    const list = byComponent.get(line.component) ?? [];
    list.push(line);
    byComponent.set(line.component, list);
  }
  const out: PreviewComponentTotal[] = [];
  for (const decl of analysis.checked.symbols.components.values()) {
    const name = decl.name.name;
    const own = byComponent.get(name) ?? [];
    const unit = own[0]?.unit ?? (decl.kind === 'RewardDecl' ? rewardUnit(decl) : currency);
    const digits = own[0] ? (own[0].amount.split('.')[1]?.length ?? 0) : unit === currency ? minorUnits(currency) ?? 2 : 0;
    const total = unit === 'award' ? String(own.length) : formatFixed(sumDecimals(own.map((l) => dec(l.amount))), digits);
    out.push({ name, kind: kindOf(decl), total, unit, lines: own.length, range: toRange(analysis.lines, decl.span) });
  }
  return out;
}

function rewardUnit(decl: ComponentDecl): string {
  return decl.kind === 'RewardDecl' && decl.clauses.some((c) => c.kind === 'GrantClause' && c.award) ? 'award' : 'points';
}

function kindOf(decl: ComponentDecl): PayoutLine['kind'] {
  const kinds: Record<ComponentDecl['kind'], PayoutLine['kind']> = {
    CommissionDecl: 'commission', BonusDecl: 'bonus', SpiffDecl: 'spiff', ClawbackDecl: 'clawback', DrawDecl: 'draw', RewardDecl: 'reward',
  } as Record<ComponentDecl['kind'], PayoutLine['kind']>;
  return kinds[decl.kind];
}

/** "1234567.5" → "1,234,567.50 USD"; points and awards as counts. */
export function formatTotal(total: PreviewComponentTotal): string {
  if (total.unit === 'award') return `${total.total} award${total.total === '1' ? '' : 's'}`;
  const [int = '0', frac] = total.total.split('.');
  const negative = int.startsWith('-');
  const digits = negative ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''} ${total.unit}`;
}

/** One lens above each component with its total on the preview data, or one above the plan saying why there is none. */
export function previewCodeLenses(analysis: Analysis, response: PreviewResponse): CodeLens[] {
  if ('error' in response) {
    if (response.reason === 'no-data') return [];
    const plan = analysis.checked.symbols.plan ?? analysis.checked.file.declarations[0];
    if (!plan) return [];
    return [{ range: toRange(analysis.lines, { start: plan.span.start, end: plan.span.start }), command: { title: `Preview: ${response.error}`, command: SHOW_PREVIEW_COMMAND, arguments: [analysis.uri] } }];
  }
  const periods = response.periods.length;
  const payees = new Set(response.totals.map((t) => t.payee)).size;
  return response.components.map((c) => {
    const name = analysis.checked.symbols.components.get(c.name)?.name;
    const at = name ? name.span.start : 0;
    const line = analysis.lines.position(at).line;
    const start = analysis.lines.offset(line, 1);
    return {
      range: toRange(analysis.lines, { start, end: start }),
      command: {
        title: `${formatTotal(c)} on preview data (${payees} payee${payees === 1 ? '' : 's'}, ${periods} period${periods === 1 ? '' : 's'})`,
        command: SHOW_PREVIEW_COMMAND,
        arguments: [analysis.uri, c.name],
      },
    };
  });
}

/** A Markdown line for hover: the component's total on the preview data. */
export function componentTotalLine(response: PreviewResponse | undefined, name: string): string | undefined {
  if (!response || 'error' in response) return undefined;
  const c = response.components.find((x) => x.name === name);
  if (!c) return undefined;
  return `**Preview total:** ${formatTotal(c)} over ${c.lines} line${c.lines === 1 ? '' : 's'} (data: \`${response.dataFolder}\`)`;
}
