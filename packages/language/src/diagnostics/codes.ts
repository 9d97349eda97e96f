// The one catalogue of diagnostic codes. Bands: E0xx syntax, E1xx names and declarations,
// E2xx types, E3xx tables and tiers, E4xx plan header and structure, W… warnings.
// Every code has an entry in docs/diagnostics.md; a test keeps the two in step.
import type { Severity } from './diagnostic';

export interface CodeInfo {
  readonly severity: Severity;
  /** What the diagnostic is about, in a few words. */
  readonly title: string;
}

export const DIAGNOSTIC_CODES = {
  // syntax
  E001: { severity: 'error', title: 'unexpected character' },
  E002: { severity: 'error', title: 'unterminated string or comment' },
  E003: { severity: 'error', title: 'syntax error' },
  E004: { severity: 'error', title: 'chained comparison' },
  E005: { severity: 'error', title: 'invalid literal' },
  E006: { severity: 'error', title: 'nesting too deep' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
