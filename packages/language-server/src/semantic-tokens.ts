// Semantic tokens: the lexer's tokens (via the core's `tokenize` and `tokenClass`) and comments,
// with every name coloured by what it refers to (the symbol index): enums, enum values, inputs,
// fields, loop variables, lets, measures, components, built-ins. Encoded as LSP's relative
// five-integer groups; comments spanning lines are split per line.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { BUILTIN_NAMES, tokenClass, tokenize } from '@incent/language';
import type { Analysis } from './analysis';
import { symbolIndex } from './symbol-index';

export const TOKEN_TYPES = ['keyword', 'type', 'enum', 'enumMember', 'struct', 'property', 'variable', 'parameter', 'function', 'number', 'string', 'comment', 'operator'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary', 'documentation'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

interface Token {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: readonly Modifier[];
}

const BUILTINS = new Set<string>(BUILTIN_NAMES);
const TYPE_NAMES = new Set(['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee']);
const OPERATORS = new Set(['->', '==', '!=', '<=', '>=', '<', '>', '??', '+', '-', '*', '/', '=', '?']);

function targetType(target: string): { type: TokenType; modifiers: Modifier[] } | undefined {
  const kind = target.slice(0, target.indexOf(':') < 0 ? undefined : target.indexOf(':'));
  switch (kind) {
    case 'enum': return { type: 'enum', modifiers: [] };
    case 'enumValue': return { type: 'enumMember', modifiers: [] };
    case 'input': return { type: 'struct', modifiers: [] };
    case 'field': return { type: 'property', modifiers: [] };
    case 'var': return { type: 'parameter', modifiers: [] };
    case 'let': return { type: 'variable', modifiers: ['readonly'] };
    case 'measure': case 'metric': return { type: 'variable', modifiers: [] };
    case 'component': return { type: 'function', modifiers: [] };
    default: return undefined;
  }
}

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const { text } = analysis;
  const lexed = tokenize(text);
  const byStart = new Map<number, { target: string; declaration: boolean }>();
  for (const o of symbolIndex(analysis).occurrences) if (!byStart.has(o.span.start)) byStart.set(o.span.start, o);
  const tokens: Token[] = [];
  for (const t of lexed.tokens) {
    const start = t.startOffset;
    const end = (t.endOffset ?? start + t.image.length - 1) + 1;
    const cls = tokenClass(t.tokenType);
    const occurrence = cls === 'identifier' || cls === 'contextual-keyword' ? byStart.get(start) : undefined;
    const named = occurrence ? targetType(occurrence.target) : undefined;
    if (named) {
      tokens.push({ start, end, type: named.type, modifiers: occurrence!.declaration ? [...named.modifiers, 'declaration'] : named.modifiers });
      continue;
    }
    switch (cls) {
      case 'keyword': case 'contextual-keyword': tokens.push({ start, end, type: 'keyword', modifiers: [] }); break;
      case 'number': case 'percent': case 'money': case 'date': tokens.push({ start, end, type: 'number', modifiers: [] }); break;
      case 'string': tokens.push({ start, end, type: 'string', modifiers: [] }); break;
      case 'operator': if (OPERATORS.has(t.image)) tokens.push({ start, end, type: 'operator', modifiers: [] }); break;
      case 'identifier':
        if (TYPE_NAMES.has(t.image)) tokens.push({ start, end, type: 'type', modifiers: ['defaultLibrary'] });
        else if (BUILTINS.has(t.image) && /^\s*\(/.test(text.slice(end, end + 20))) tokens.push({ start, end, type: 'function', modifiers: ['defaultLibrary'] });
        break;
      default: break;
    }
  }
  for (const c of lexed.comments) {
    const modifiers: Modifier[] = c.kind === 'doc' ? ['documentation'] : [];
    // one token per line: clients need not support multi-line tokens
    let from = c.span.start;
    while (from < c.span.end) {
      const nl = text.indexOf('\n', from);
      const to = nl < 0 || nl >= c.span.end ? c.span.end : nl;
      const trimmed = text[to - 1] === '\r' ? to - 1 : to;
      if (trimmed > from) tokens.push({ start: from, end: trimmed, type: 'comment', modifiers });
      from = to + 1;
    }
  }
  tokens.sort((a, b) => a.start - b.start);
  return { data: encode(analysis, tokens) };
}

function encode(analysis: Analysis, tokens: readonly Token[]): number[] {
  const data: number[] = [];
  let prevLine = 0, prevChar = 0, lastEnd = -1;
  for (const t of tokens) {
    if (t.start < lastEnd) continue; // never overlap
    const p = analysis.lines.position(t.start);
    const line = p.line - 1, char = p.column - 1;
    const lineEnd = analysis.lines.position(t.end);
    const length = lineEnd.line - 1 === line ? t.end - t.start : analysis.lines.lineText(p.line).length - char;
    if (length <= 0) continue;
    let mods = 0;
    for (const m of t.modifiers) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, TOKEN_TYPES.indexOf(t.type), mods);
    prevLine = line;
    prevChar = char;
    lastEnd = t.end;
  }
  return data;
}
