// Diagnostics: the one shape every stage (lexer, parser, checker) reports problems in.
// Spans are offsets; the CLI and the language server turn them into lines and columns.
import type { Span } from '../syntax/ast';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes';

export type Severity = 'error' | 'warning';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix: a title and the edits that carry it out. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Lowercase, no final period, user text in backticks. */
  readonly message: string;
  readonly span: Span;
  /** Advice, separate from the message. */
  readonly help?: string;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
}

export interface DiagnosticExtras {
  help?: string;
  related?: readonly RelatedInfo[];
  fixes?: readonly Fix[];
}

/** Builds a diagnostic; the severity comes from the catalogue. */
export function diagnostic(code: DiagnosticCode, message: string, span: Span, extras: DiagnosticExtras = {}): Diagnostic {
  const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message, span };
  return {
    ...d,
    ...(extras.help ? { help: extras.help } : {}),
    ...(extras.related && extras.related.length ? { related: extras.related } : {}),
    ...(extras.fixes && extras.fixes.length ? { fixes: extras.fixes } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
