// Structure: the outline of a plan (document symbols, with enum values and input fields as
// children), workspace symbols over every open plan, and folding ranges (declarations, tables,
// comment runs). Reads the AST and the checker's declaration types.
import {
  FoldingRangeKind, SymbolKind,
  type DocumentSymbol, type FoldingRange, type WorkspaceSymbol,
} from 'vscode-languageserver';
import { DECLARATION_WORDS, type Declaration, type Node } from '@incent/language';
import type { Analysis } from './analysis';
import { walk } from './ast-walk';
import { declarationType, typeRefText } from './describe';
import { toRange } from './positions';

const KINDS: Record<Declaration['kind'], SymbolKind> = {
  PlanDecl: SymbolKind.Namespace,
  EnumDecl: SymbolKind.Enum,
  InputDecl: SymbolKind.Struct,
  LetDecl: SymbolKind.Constant,
  MeasureDecl: SymbolKind.Variable,
  MetricDecl: SymbolKind.Variable,
  CommissionDecl: SymbolKind.Function,
  BonusDecl: SymbolKind.Function,
  SpiffDecl: SymbolKind.Function,
  ClawbackDecl: SymbolKind.Function,
  DrawDecl: SymbolKind.Function,
  RewardDecl: SymbolKind.Function,
};

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const range = (span: { start: number; end: number }) => toRange(analysis.lines, span);
  for (const d of analysis.checked.file.declarations) {
    if (d.kind === 'PlanDecl') {
      const name = d.title?.value || 'plan';
      out.push({ name, detail: 'plan', kind: KINDS[d.kind], range: range(d.span), selectionRange: range(d.title?.span ?? d.span) });
      continue;
    }
    if (!d.name.name) continue;
    const symbol: DocumentSymbol = { name: d.name.name, detail: detailOf(analysis, d), kind: KINDS[d.kind], range: range(d.span), selectionRange: range(d.name.span) };
    if (d.kind === 'EnumDecl') {
      symbol.children = d.values.filter((v) => v.name).map((v) => ({ name: v.name, kind: SymbolKind.EnumMember, range: range(v.span), selectionRange: range(v.span) }));
    } else if (d.kind === 'InputDecl') {
      symbol.children = [
        ...d.fields.filter((f) => f.name.name).map((f) => ({
          name: f.name.name, detail: `${typeRefText(f.type)}${f.isKey ? ' key' : ''}`, kind: SymbolKind.Field, range: range(f.span), selectionRange: range(f.name.span),
        })),
        ...d.lets.filter((l) => l.name.name).map((l) => ({
          name: l.name.name, detail: `let${typeSuffix(declarationType(analysis, `derived:${d.name.name}.${l.name.name}`))}`, kind: SymbolKind.Property, range: range(l.span), selectionRange: range(l.name.span),
        })),
      ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    out.push(symbol);
  }
  return out;
}

function typeSuffix(t: string | undefined): string {
  return t ? `: ${t}` : '';
}

function detailOf(analysis: Analysis, d: Exclude<Declaration, { kind: 'PlanDecl' }>): string {
  const word = DECLARATION_WORDS[d.kind];
  switch (d.kind) {
    case 'LetDecl': return `let${typeSuffix(declarationType(analysis, `let:${d.name.name}`))}`;
    case 'MeasureDecl': return `measure${typeSuffix(declarationType(analysis, `measure:${d.name.name}`))}`;
    case 'MetricDecl': return `metric${typeSuffix(declarationType(analysis, `metric:${d.name.name}`))}`;
    default: return word;
  }
}

/** Top-level names of every open plan whose name matches the query (letters in order, any case). */
export function workspaceSymbols(analyses: readonly Analysis[], query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const matches = (name: string) => {
    const n = name.toLowerCase();
    let i = 0;
    for (const ch of n) if (ch === q[i]) i++;
    return i === q.length;
  };
  const out: WorkspaceSymbol[] = [];
  for (const analysis of analyses) {
    for (const symbol of documentSymbols(analysis)) {
      const container = symbol.kind === SymbolKind.Namespace ? undefined : analysis.checked.header?.name;
      if (matches(symbol.name)) out.push({ name: symbol.name, kind: symbol.kind, location: { uri: analysis.uri, range: symbol.selectionRange }, ...(container ? { containerName: container } : {}) });
      for (const child of symbol.children ?? []) {
        if (matches(child.name)) out.push({ name: child.name, kind: child.kind, containerName: symbol.name, location: { uri: analysis.uri, range: child.selectionRange } });
      }
    }
  }
  return out;
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (offset: number) => analysis.lines.position(offset).line - 1;
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const s = line(start);
    let e = line(end);
    // keep the closing `}` visible
    if (analysis.text[end - 1] === '}') e -= 1;
    if (e > s) out.push({ startLine: s, endLine: e, ...(kind ? { kind } : {}) });
  };
  for (const d of analysis.checked.file.declarations) {
    const start = 'name' in d && d.name.span.end > d.name.span.start ? d.name.span.start : d.span.start;
    add(Math.max(d.span.start, start), d.span.end);
    walk(d, (node: Node) => {
      if (node.kind === 'MatchExpr' || node.kind === 'BandsExpr' || node.kind === 'AccelerateClause') add(node.span.start, node.span.end);
    });
  }
  // comments: block comments, and runs of line or doc comments on consecutive lines
  let run: { start: number; end: number; lastLine: number; kind: string } | undefined;
  const flush = () => {
    if (run && line(run.end) > line(run.start)) out.push({ startLine: line(run.start), endLine: line(run.end), kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of analysis.parsed.comments) {
    if (c.kind === 'block') {
      flush();
      if (line(c.span.end) > line(c.span.start)) out.push({ startLine: line(c.span.start), endLine: line(c.span.end), kind: FoldingRangeKind.Comment });
      continue;
    }
    const l = line(c.span.start);
    if (run && run.kind === c.kind && l === run.lastLine + 1) {
      run.end = c.span.end;
      run.lastLine = l;
    } else {
      flush();
      run = { start: c.span.start, end: c.span.end, lastLine: l, kind: c.kind };
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
