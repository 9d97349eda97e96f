// The public API of the Incent core. Pipeline: text → parse → check → lowerToIr → (loadData) →
// runPlan → report. Pure: no file system, no process, no LSP — callers bring text and get
// data back; bad input is reported as diagnostics or errors, never thrown.
import { parse, type ParseResult } from './syntax/parse';
import { check, type CheckResult } from './check/checker';
import { lowerToIr } from './ir/ast-to-ir';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import type { IrPlan } from './ir/ir';

export * from './syntax/ast';
export { parse, type ParseResult, type Comment } from './syntax/parse';
export { check, type CheckResult, type HeaderInfo } from './check/checker';
export type { Type } from './check/types';
export { typeName } from './check/types';
export type { Resolution, Reference } from './check/state';
export { diagnostic, hasErrors, sortDiagnostics, type Diagnostic, type Fix, type TextEdit, type RelatedInfo, type Severity } from './diagnostics/diagnostic';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics/codes';
export * from './ir/ir';
export { lowerToIr } from './ir/ast-to-ir';
export { planHash, semanticForm, canonicalJson } from './ir/hash';
export { loadIr, IR_SCHEMA, type IrLoadResult } from './ir/load';
export { printExpr, printRange } from './ir/print';
export { LineMap, type Position } from './ir/line-map';
export { loadData, type LoadOptions } from './data/load';
export type { DataFile, DataRecord, DataError, DataWarning, LoadedData, Value } from './data/records';
export { runPlan, describeEvaluationError, type RunOptions, type RunReport, type RunOutcome, type PayoutLine, type PayeeTotal, type RunSummary, type PendingClawback, type EvaluationErrorReport, type InputReconciliation } from './eval/evaluate';
export type { LineTrace, RecordTrace, SliceTrace, CapTrace } from './eval/explain';
export { buildCalendar, type Period, type Calendar } from './eval/periods';
export { payoutCurves, type PayoutCurve, type CurvePoint } from './eval/curves';
export * from './governance/index';
export { formatPlan, type FormatResult, type FormatOptions } from './format/format';

// For the language server (semantic tokens, completion, symbols): the lexer's vocabulary, the
// symbol table's shapes and the header's word lists.
export { tokenize, tokenSpan, type LexResult, RESERVED_KEYWORDS, CONTEXTUAL_KEYWORDS, BUILTIN_NAMES, tokenClass, type TokenClass } from './syntax/lexer';
export { docCommentLookup } from './syntax/doc-comments';
export { isComponent, DECLARATION_WORDS, type SymbolTable, type InputSymbol, type ComponentDecl, type NamedDecl } from './check/scope';
export { PERIOD_KINDS, ROUNDING_MODES, MONTHS } from './check/header';
export { minorUnits, knownCurrencies } from './check/currencies';
// Exact sums of report amounts (component totals in the editor's preview), through the one decimal module.
export { dec, sumDecimals, formatFixed, formatPlain } from './eval/decimal';

export interface CompileResult {
  readonly parsed: ParseResult;
  readonly checked: CheckResult;
  /** All diagnostics, syntax and semantic, sorted by position. */
  readonly diagnostics: Diagnostic[];
  /** The IR, when the plan has no errors. */
  readonly ir?: IrPlan;
}

/** Parses, checks and (when there are no errors) lowers a plan. `fileName` is recorded in the IR. */
export function compile(text: string, fileName = 'plan.incent'): CompileResult {
  const diagnosed = diagnose(text);
  if (hasErrors(diagnosed.diagnostics)) return diagnosed;
  return { ...diagnosed, ir: lowerToIr(diagnosed.checked, text, fileName) };
}

/** Parses and checks a plan, without lowering it: the diagnostics `compile` gives, for `incent check`. */
export function diagnose(text: string): CompileResult {
  const parsed = parse(text);
  const checked = check(parsed.file, text);
  return { parsed, checked, diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]) };
}
