// The per-document analysis shared by every feature: one parse and one check per document
// version, kept until the next version arrives. Parsing is incremental (incremental-parse.ts:
// only the declarations an edit touched are parsed again); checking is whole-file. The IR (for
// previews and code lenses) is lowered lazily, only when a feature asks and the plan has no
// errors. Sits between the document store (server.ts) and the features, which read core
// results from here and convert them to LSP types at the edge.
import { createParseCache, parseIncrementally, type ParseCache } from './incremental-parse';
import {
  check, hasErrors, LineMap, lowerToIr, parse, sortDiagnostics,
  type CheckResult, type Diagnostic, type IrPlan, type ParseResult,
} from '@incent/language';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineMap;
  readonly parsed: ParseResult;
  readonly checked: CheckResult;
  /** Syntax and semantic diagnostics, sorted by position. */
  readonly diagnostics: Diagnostic[];
  readonly hasErrors: boolean;
}

export interface AnalysisSource {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Parses and checks one text; with a parse cache, only the declarations that changed are parsed again. */
export function analyseText(uri: string, version: number, text: string, parseCache?: ParseCache): Analysis {
  const parsed = parseCache ? parseIncrementally(text, parseCache) : parse(text);
  const checked = check(parsed.file, text);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]);
  return { uri, version, text, lines: new LineMap(text), parsed, checked, diagnostics, hasErrors: hasErrors(diagnostics) };
}

const irs = new WeakMap<Analysis, { ir: IrPlan | undefined }>();

/** The plan's IR, when it has no errors (lowered once per analysis). */
export function irOf(analysis: Analysis): IrPlan | undefined {
  let entry = irs.get(analysis);
  if (!entry) {
    entry = { ir: analysis.hasErrors ? undefined : lowerToIr(analysis.checked, analysis.text, fileName(analysis.uri)) };
    irs.set(analysis, entry);
  }
  return entry.ir;
}

export function fileName(uri: string): string {
  const path = uri.split('?')[0]!.split('#')[0]!;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'plan.incent';
}

/** One analysis per open document, recomputed only when the document's version changes. */
export interface AnalysisCache {
  /** The analysis of the document's current version (computed now if it is not cached). */
  get(document: AnalysisSource): Analysis;
  /** The cached analysis, whatever its version. */
  peek(uri: string): Analysis | undefined;
  delete(uri: string): void;
}

export function createAnalysisCache(): AnalysisCache {
  const entries = new Map<string, Analysis>();
  const parses = new Map<string, ParseCache>();
  return {
    get(document) {
      const cached = entries.get(document.uri);
      if (cached && cached.version === document.version) return cached;
      let parseCache = parses.get(document.uri);
      if (!parseCache) parses.set(document.uri, (parseCache = createParseCache()));
      const analysis = analyseText(document.uri, document.version, document.getText(), parseCache);
      entries.set(document.uri, analysis);
      return analysis;
    },
    peek: (uri) => entries.get(uri),
    delete: (uri) => {
      entries.delete(uri);
      parses.delete(uri);
    },
  };
}
