// The messages between the extension and the Incent language server beyond LSP. The payout
// preview is the server's (packages/language-server/src/protocol.ts, re-exported here, types and
// method names only); the client adds an optional data folder to the preview request (from the
// `incent.previewData` setting) and asks for the IR with `incent/compile`.
import type { PreviewParams } from '../../language-server/src/protocol';

export {
  PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, SHOW_PREVIEW_COMMAND, isPreviewError,
} from '../../language-server/src/protocol';
export type {
  CapTrace, CurvePoint, LineTrace, PayeeTotal, PayoutCurve, PayoutLine, PreviewChangedParams, PreviewComponentTotal,
  PreviewError, PreviewResponse, PreviewResult, RecordTrace, RunSummary, SliceTrace,
} from '../../language-server/src/protocol';

/** `incent/preview` as the client sends it: `dataFolder` (absolute) overrides the server's conventions. */
export interface ClientPreviewParams extends PreviewParams {
  readonly dataFolder?: string;
}

/** Request `incent/compile`: the IR of the open plan (spec §8), as `incent compile` writes it. */
export const COMPILE_REQUEST = 'incent/compile';

export interface CompileParams {
  readonly uri: string;
}

export type CompileResponse = { readonly uri: string; readonly ir: unknown } | { readonly uri: string; readonly error: string };
