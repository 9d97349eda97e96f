// The entry point of the syntax stage: text → tokens (lexer.ts) → AST, with every lexical and
// syntax diagnostic. A file without syntax errors is read by direct-parser.ts; one with errors
// by chevrotain, tokens → CST (parser.ts) → AST (cst-to-ast.ts), with recovery. `parse` never
// throws: bad input is data. Brackets nested deeper than MAX_NESTING are cut out before parsing
// (E006), so a pathological file cannot exhaust the stack.
import { createTokenInstance, type IToken } from 'chevrotain';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import type { Declaration, PlanFile } from './ast';
import { buildDeclaration, buildPlanFile } from './cst-to-ast';
import { parseDirectly } from './direct-parser';
import { docCommentLookup } from './doc-comments';
import { tokenize, tokenSpan, type Comment } from './lexer';
import { parseTokens } from './parser';
import { syntaxDiagnostics } from './syntax-errors';
import { ElidedGroup, LCurly, LParen, RCurly, RParen } from './tokens';

export type { Comment } from './lexer';

export interface ParseResult {
  readonly file: PlanFile;
  readonly diagnostics: Diagnostic[];
  readonly comments: Comment[];
}

/** Brackets (`(` and `{`) may nest this deep; a deeper group is reported (E006) and skipped. */
export const MAX_NESTING = 100;

/** Parses a plan file. Never throws, on any input. */
export function parse(text: string): ParseResult {
  let comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const lexed = tokenize(text);
    comments = lexed.comments;
    diagnostics.push(...lexed.diagnostics);
    const nesting = limitNesting(lexed.tokens);
    diagnostics.push(...nesting.diagnostics);
    const docAt = docCommentLookup(comments, text);
    // A file without syntax errors is read straight into its AST; at the first syntax error,
    // chevrotain reads it again, with recovery and its messages (direct-parser.ts).
    const direct = { diagnostics: [] as Diagnostic[], docAt, depths: new Map<object, number>() };
    const read = parseDirectly(nesting.tokens, direct);
    if (read !== undefined) {
      diagnostics.push(...direct.diagnostics);
      return { file: buildPlanFile(undefined, text.length, direct, read), diagnostics: sortDiagnostics(diagnostics), comments };
    }
    // Each declaration is built as soon as it is parsed, so its CST is garbage before the next
    // one is read; its diagnostics follow the syntax errors, as when the whole CST came first.
    const context = { diagnostics: [] as Diagnostic[], docAt, depths: new Map<object, number>() };
    const declarations: Declaration[] = [];
    const { cst, parser } = parseTokens(nesting.tokens, (node) => {
      const declaration = buildDeclaration(node, context);
      if (declaration !== undefined) declarations.push(declaration);
      context.depths.clear(); // depths are compared within one expression tree, never across declarations
    });
    const file = buildPlanFile(cst, text.length, context, declarations);
    diagnostics.push(...syntaxDiagnostics(parser.errors, text), ...context.diagnostics);
    return { file, diagnostics: sortDiagnostics(diagnostics), comments };
  } catch (error) {
    diagnostics.push(internalFailure(error, text.length));
    const file: PlanFile = { kind: 'PlanFile', declarations: [], span: { start: 0, end: text.length } };
    return { file, diagnostics: sortDiagnostics(diagnostics), comments };
  }
}

/**
 * Replaces each bracketed group that opens deeper than MAX_NESTING by one ElidedGroup token
 * (which the grammar reads as an expression) and reports it. Tokens are copied only from the
 * first such group on: a file without one keeps its token list as it is.
 */
export function limitNesting(tokens: IToken[]): { tokens: IToken[]; diagnostics: Diagnostic[] } {
  let kept: IToken[] | undefined;
  const diagnostics: Diagnostic[] = [];
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (isOpening(token) && depth === MAX_NESTING) {
      kept ??= tokens.slice(0, index);
      const first = token;
      let inner = 0;
      for (; index < tokens.length; index++) {
        const current = tokens[index]!;
        if (isOpening(current)) inner++;
        else if (isClosing(current) && --inner === 0) break;
      }
      const last = tokens[Math.min(index, tokens.length - 1)]!;
      kept.push(elidedGroup(first, last));
      diagnostics.push(diagnostic('E006', `brackets nested more than ${MAX_NESTING} levels deep`, tokenSpan(first), {
        help: 'split the expression into several `let` or `measure` declarations',
      }));
      continue;
    }
    if (isOpening(token)) depth++;
    else if (isClosing(token) && depth > 0) depth--;
    kept?.push(token);
  }
  return { tokens: kept ?? tokens, diagnostics };
}

function isOpening(token: IToken): boolean {
  return token.tokenType === LParen || token.tokenType === LCurly;
}

function isClosing(token: IToken): boolean {
  return token.tokenType === RParen || token.tokenType === RCurly;
}

function elidedGroup(first: IToken, last: IToken): IToken {
  const end = tokenSpan(last).end - 1;
  return createTokenInstance(ElidedGroup, '(…)', first.startOffset, end, first.startLine ?? 1, last.endLine ?? 1, first.startColumn ?? 1, last.endColumn ?? 1);
}

/** A failure inside the parser (a bug, or a stack exhausted by input we did not foresee). */
function internalFailure(error: unknown, textLength: number): Diagnostic {
  const span = { start: 0, end: Math.min(textLength, 1) };
  if (error instanceof RangeError) {
    return diagnostic('E006', 'the file is nested too deeply to parse', span, { help: 'split deep expressions into several declarations' });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return diagnostic('E007', `the parser failed: ${detail}`, span, { help: 'this is a bug in Incent; please report it with the file' });
}
