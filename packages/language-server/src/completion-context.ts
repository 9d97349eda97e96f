// Where the cursor is, for completion: the declaration and the block it is in, the brackets
// open around it, the loop variables in scope, the word being typed and what precedes it. Read
// from the text rather than the AST, because completion runs on text that is being typed and is
// often not a valid plan yet; the AST only says where the enclosing declaration starts, so the
// scan is short. Comments and strings are skipped.
import type { Analysis } from './analysis';

export type BlockKind = 'plan' | 'enum' | 'input' | 'commission' | 'bonus' | 'spiff' | 'clawback' | 'draw' | 'reward' | 'table' | 'other';

export interface OpenBracket {
  readonly char: '(' | '{';
  readonly offset: number;
  /** For `{`: what opened it (the declaration keyword, or 'table' for match/bands/accelerate). */
  readonly block?: BlockKind;
  /** For a table: the text between `match`/`bands` and `{` (the subject), or 'accelerate'. */
  readonly subject?: string;
  readonly tableKind?: 'match' | 'bands' | 'accelerate';
}

export interface CompletionContext {
  readonly offset: number;
  /** The identifier characters just before the cursor (what is being typed). */
  readonly word: string;
  readonly wordStart: number;
  /** Text of the current statement before the word: from the last clause, row or declaration start. */
  readonly before: string;
  /** Text of the current line before the word. */
  readonly lineBefore: string;
  /** The word starts a line that does not continue the previous one (a new clause, row or declaration may start here). */
  readonly freshLine: boolean;
  /** Open brackets around the cursor, outermost first. */
  readonly brackets: readonly OpenBracket[];
  /** The top-level declaration keyword the cursor is in, or undefined at the top level between declarations. */
  readonly declaration: string | undefined;
  /** Where the top-level statement around the cursor starts. */
  readonly declarationStart: number;
  /** True inside a comment or a string. */
  readonly inTrivia: boolean;
  /** Loop variables in scope: name → input. */
  readonly loopVariables: ReadonlyMap<string, string>;
}

const DECLARATION_WORD = /^(plan|enum|input|let|measure|metric|commission|bonus|spiff|clawback|draw|reward)\b/;

export function completionContext(analysis: Analysis, offset: number): CompletionContext {
  const text = analysis.text;
  let wordStart = offset;
  while (wordStart > 0 && /[A-Za-z0-9_]/.test(text[wordStart - 1]!)) wordStart--;
  const word = text.slice(wordStart, offset);
  const start = statementStart(analysis, wordStart);
  const scan = scanBrackets(text, start, wordStart);
  const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
  const declText = text.slice(start, start + 20);
  const declaration = DECLARATION_WORD.exec(declText)?.[1];
  const brackets = scan.brackets.map((b, i) => ({ ...b, ...describeBrace(text, start, b, i === 0 ? declaration : undefined) }));
  const lineBefore = text.slice(lineStart, wordStart);
  // a blank line that does not continue an expression may start a new declaration
  const freshLine = lineBefore.trim() === '' && !continues(text, lineStart - 1);
  const topLevel = brackets.length === 0 && (declaration === undefined || scan.closedAtTop || (freshLine && lineStart > start));
  return {
    offset,
    word,
    wordStart,
    before: text.slice(scan.lastBoundary, wordStart),
    lineBefore,
    freshLine,
    brackets,
    declaration: topLevel ? undefined : declaration,
    declarationStart: start,
    inTrivia: scan.inTrivia,
    loopVariables: loopVariables(text, wordStart, brackets),
  };
}

/** Where the top-level declaration holding `offset` starts (from the AST; the file start if none). */
function statementStart(analysis: Analysis, offset: number): number {
  let start = 0;
  for (const d of analysis.checked.file.declarations) {
    if (d.span.start >= offset) break;
    start = d.span.start;
  }
  // the AST span may begin at a doc comment: move to the keyword
  const text = analysis.text;
  const m = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*/.exec(text.slice(start, offset));
  return start + (m ? m[0].length : 0);
}

interface Scan {
  brackets: OpenBracket[];
  inTrivia: boolean;
  /** Offset just after the last statement boundary inside the innermost open block (a newline at a clause start, `{`, `,` in a table…). */
  lastBoundary: number;
  /** True when a top-level block opened after `from` was closed again (the cursor is after it). */
  closedAtTop: boolean;
}

function scanBrackets(text: string, from: number, to: number): Scan {
  const brackets: OpenBracket[] = [];
  let lastBoundary = from;
  let closedAtTop = false;
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0 || end >= to) return { brackets, inTrivia: true, lastBoundary, closedAtTop };
      i = end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0 || end + 2 > to) return { brackets, inTrivia: true, lastBoundary, closedAtTop };
      i = end + 2;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < to && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= to) return { brackets, inTrivia: true, lastBoundary, closedAtTop };
      i = j + 1;
      continue;
    }
    if (ch === '(' || ch === '{') {
      brackets.push({ char: ch, offset: i });
      if (ch === '{') lastBoundary = i + 1;
    } else if (ch === ')' || ch === '}') {
      // pop to the matching kind (recovering from unbalanced text)
      const want = ch === ')' ? '(' : '{';
      for (let k = brackets.length - 1; k >= 0; k--) {
        if (brackets[k]!.char === want) {
          brackets.length = k;
          break;
        }
      }
      if (ch === '}') {
        lastBoundary = i + 1;
        if (brackets.length === 0) closedAtTop = true;
      }
    } else if (ch === '\n' && brackets.length > 0 && brackets[brackets.length - 1]!.char === '{') {
      // inside a block, a line that does not continue an expression starts a new clause or row
      if (!continues(text, i)) lastBoundary = i + 1;
    }
    i++;
  }
  return { brackets, inTrivia: false, lastBoundary, closedAtTop };
}

/** Does the line ending at `newline` continue on the next line (it ends with an operator or an opener)? */
function continues(text: string, newline: number): boolean {
  let j = newline - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
  const tail = text.slice(Math.max(0, j - 8), j + 1);
  return /(?:[-+*\/=<>!?(,]|->|\b(?:and|or|not|then|else|if|where|in|to|of|against|on|per))$/.test(tail);
}

function describeBrace(text: string, from: number, b: OpenBracket, declaration: string | undefined): Partial<OpenBracket> {
  if (b.char !== '{') return {};
  const head = text.slice(Math.max(from, b.offset - 300), b.offset);
  const table = /\b(match|bands)\b([^{}]*)$/.exec(head);
  if (table) return { block: 'table', tableKind: table[1] as 'match' | 'bands', subject: table[2]!.trim() };
  if (/\baccelerate\b[^{}]*$/.test(head)) return { block: 'table', tableKind: 'accelerate', subject: 'accelerate' };
  if (declaration && ['plan', 'enum', 'input', 'commission', 'bonus', 'spiff', 'clawback', 'draw', 'reward'].includes(declaration)) return { block: declaration as BlockKind };
  return { block: 'other' };
}

const BINDING = /\b([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(?:all\s+)?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Loop variables in scope: a component's `for` clause (anywhere in its block: clauses come in
 * any order) and the aggregates whose parentheses are open around the cursor.
 */
function loopVariables(text: string, cursor: number, brackets: readonly OpenBracket[]): Map<string, string> {
  const vars = new Map<string, string>();
  const outer = brackets[0];
  if (outer?.char === '{') {
    const end = blockEnd(text, outer.offset);
    const body = text.slice(outer.offset + 1, end);
    const forClause = /(?:^|\n)[ \t]*for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(?:all\s+)?([A-Za-z_][A-Za-z0-9_]*)/.exec(body);
    if (forClause) vars.set(forClause[1]!, forClause[2]!);
  }
  for (const b of brackets) {
    if (b.char !== '(') continue;
    const end = Math.max(cursor, blockEnd(text, b.offset));
    const group = text.slice(b.offset + 1, Math.min(end, b.offset + 2000));
    for (const m of group.matchAll(BINDING)) {
      if (m[1] === 'for') continue;
      vars.set(m[1]!, m[2]!);
    }
  }
  return vars;
}

/** The offset of the bracket that closes the one at `open`, or where the next declaration starts. */
function blockEnd(text: string, open: number): number {
  const limit = Math.min(text.length, open + 50_000);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? limit : nl - 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < limit && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if ((ch === ')' || ch === '}') && --depth === 0) return i;
    else if (ch === '\n' && DECLARATION_WORD.test(text.slice(i + 1, i + 20).trimStart())) return i;
  }
  return limit;
}
