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
  E007: { severity: 'error', title: 'internal parser error' },
  // names and declarations
  E101: { severity: 'error', title: 'duplicate declaration' },
  E102: { severity: 'error', title: 'unknown name' },
  E103: { severity: 'error', title: 'unknown field or enum value' },
  E104: { severity: 'error', title: 'field access on a value without fields' },
  E105: { severity: 'error', title: 'unknown input' },
  E106: { severity: 'error', title: 'unknown function' },
  E108: { severity: 'error', title: 'not available in this context' },
  E109: { severity: 'error', title: 'ambiguous enum value' },
  E110: { severity: 'error', title: 'component used as a value' },
  E111: { severity: 'error', title: 'clawback of an unknown or unsuitable component' },
  E112: { severity: 'error', title: 'unknown type' },
  E113: { severity: 'error', title: 'dependency cycle' },
  // types
  E201: { severity: 'error', title: 'operator not defined for these types' },
  E202: { severity: 'error', title: 'comparison of different types' },
  E205: { severity: 'error', title: 'optional value used as required' },
  E206: { severity: 'error', title: 'arms of different types' },
  E207: { severity: 'error', title: 'wrong number of arguments' },
  E210: { severity: 'error', title: 'wrong type for this place' },
  E212: { severity: 'error', title: 'match pattern is not a constant' },
  E213: { severity: 'error', title: 'table compares the wrong type' },
  E214: { severity: 'error', title: 'money in another currency' },
  E215: { severity: 'error', title: 'invalid date' },
  E216: { severity: 'error', title: 'clawback over another input' },
  E217: { severity: 'error', title: 'optional key field' },
  // tables and tiers
  E301: { severity: 'error', title: 'empty or inverted range' },
  E302: { severity: 'error', title: 'unsorted ranges' },
  E303: { severity: 'error', title: 'overlapping ranges' },
  E304: { severity: 'error', title: 'gap not covered by else' },
  E305: { severity: 'error', title: 'accelerator tiers do not start at 0%' },
  E306: { severity: 'error', title: 'last accelerator tier does not go up' },
  E307: { severity: 'error', title: 'match does not cover every enum value' },
  E308: { severity: 'error', title: 'duplicate match arm' },
  E309: { severity: 'error', title: 'match without else' },
  E310: { severity: 'error', title: 'bound or window is not a constant' },
  E311: { severity: 'error', title: 'clawback share out of range' },
  // plan header and structure
  E401: { severity: 'error', title: 'no plan block' },
  E402: { severity: 'error', title: 'more than one plan block' },
  E403: { severity: 'error', title: 'header item set twice' },
  E404: { severity: 'error', title: 'missing header item' },
  E405: { severity: 'error', title: 'unknown currency' },
  E406: { severity: 'error', title: 'invalid period' },
  E407: { severity: 'error', title: 'invalid rounding mode' },
  E408: { severity: 'error', title: 'invalid fiscal year start' },
  E409: { severity: 'error', title: 'invalid effective range' },
  E410: { severity: 'error', title: 'no roster' },
  E411: { severity: 'error', title: 'several rosters' },
  E412: { severity: 'error', title: 'several credit rules' },
  E413: { severity: 'error', title: 'input without a credit rule' },
  E414: { severity: 'error', title: 'missing required clause' },
  E415: { severity: 'error', title: 'clause repeated' },
  E416: { severity: 'error', title: 'version is not a whole number' },
  // warnings
  W001: { severity: 'warning', title: 'unused declaration' },
  W002: { severity: 'warning', title: '`is set` on a value that is never unset' },
  W003: { severity: 'warning', title: '`??` default that is never used' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
