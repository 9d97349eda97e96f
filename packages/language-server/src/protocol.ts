// The language server's own messages, beyond LSP: the payout preview request and its
// notification. Types only (plus the method names), so the VS Code extension can import this
// file without bundling the server: it renders `PreviewResponse` in a webview. The report shapes
// (lines, traces, totals, curves, summary) are the core's, as `incent run --format json --explain`
// prints them (spec §7).
import type { LineTrace, PayoutCurve, PayoutLine, PayeeTotal, RunSummary } from '@incent/language';

export type { LineTrace, PayoutCurve, PayoutLine, PayeeTotal, RunSummary } from '@incent/language';
export type { CurvePoint, RecordTrace, SliceTrace, CapTrace } from '@incent/language';

/** Request `incent/preview`: evaluate the open plan on its preview data. */
export const PREVIEW_REQUEST = 'incent/preview';
/** Notification `incent/previewChanged` (server → client): the preview of `uri` was re-evaluated after an edit; ask again. */
export const PREVIEW_CHANGED_NOTIFICATION = 'incent/previewChanged';
/** The command a component's code lens carries (arguments: the plan's uri, the component's name). */
export const SHOW_PREVIEW_COMMAND = 'incent.showPreview';

export interface PreviewParams {
  /** The plan document's uri (it must be open in the server). */
  readonly uri: string;
  /**
   * A folder of data files chosen by the editor (the `incent.previewData` setting), absolute:
   * it replaces the conventions for this plan until a request comes without it.
   */
  readonly dataFolder?: string;
}

/** Request `incent/compile`: the IR of an open plan (spec §8), as `incent compile` writes it. */
export const COMPILE_REQUEST = 'incent/compile';

export interface CompileParams {
  readonly uri: string;
}

export type CompileResponse = { readonly uri: string; readonly ir: unknown } | { readonly uri: string; readonly error: string };

export interface PreviewChangedParams {
  readonly uri: string;
}

/** How the preview data folder was found. */
export type PreviewDataSource = 'incent.json' | 'data-folder' | 'plan-folder' | 'setting';

/** One component's total over every payee and period of the preview. */
export interface PreviewComponentTotal {
  readonly name: string;
  readonly kind: PayoutLine['kind'];
  /** Sum of the component's rounded lines, with the unit's digits ("12345.60"). */
  readonly total: string;
  /** The currency code, `points` or `award`. */
  readonly unit: string;
  /** Lines the component produced. */
  readonly lines: number;
  /** Where the component is declared in the plan (0-based, LSP style). */
  readonly range: PreviewRange;
}

export interface PreviewRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface PreviewResult {
  readonly uri: string;
  /** The data folder, an absolute file-system path. */
  readonly dataFolder: string;
  readonly dataSource: PreviewDataSource;
  /** The document version this preview was computed from. */
  readonly version: number;
  readonly plan: { readonly name: string; readonly version: number; readonly hash: string };
  readonly currency: string;
  readonly periods: string[];
  /** Every payout line, each with its `trace` (the records and arithmetic behind it). */
  readonly lines: PayoutLine[];
  /** Per payee and period: the sum of its rounded money lines. */
  readonly totals: PayeeTotal[];
  /** Per component: its total over the whole preview. */
  readonly components: PreviewComponentTotal[];
  /** Payout against attainment, 0%..200%, for each accelerated commission with constant tiers. */
  readonly curves: PayoutCurve[];
  readonly metrics: Record<string, string | null>;
  readonly summary: RunSummary;
  /** Data warnings (extra columns, files for unknown inputs), as `file:line: message`. */
  readonly warnings: string[];
}

export interface PreviewError {
  readonly uri: string;
  /** Why there is no preview: no data found, plan errors, data errors, evaluation errors. */
  readonly error: string;
  /** The kind of failure, for the view to choose how to show it. */
  readonly reason: 'not-open' | 'no-data' | 'bad-config' | 'plan-errors' | 'data-errors' | 'evaluation-errors' | 'internal';
  /** The data folder, when one was found. */
  readonly dataFolder?: string;
  /** Individual messages (data errors with file and line, evaluation errors). */
  readonly details?: string[];
  readonly version?: number;
}

export type PreviewResponse = PreviewResult | PreviewError;

export function isPreviewError(response: PreviewResponse): response is PreviewError {
  return 'error' in response;
}

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /** Milliseconds of quiet after an edit before diagnostics are recomputed (default 100; 0 = as soon as the edit is read). */
  readonly diagnosticsDelay?: number;
  /** Evaluate the payout preview after edits (default true). */
  readonly preview?: boolean;
}
