// Completion: keywords by context (declarations at the top level, header items in `plan`,
// members in `input`, the clauses of each component, the words that follow `cap`, `accelerate`,
// `recover`…), declared names in scope, enum values where an enum is expected, fields after
// `d.`, `payee.` and `d.owner.`, and a snippet for each declaration kind. The context comes from
// completion-context.ts (the text around the cursor); names and types from the checker's symbol
// table and declaration types.
import {
  CompletionItemKind, InsertTextFormat,
  type CompletionItem, type CompletionList, type Position,
} from 'vscode-languageserver';
import {
  BUILTIN_NAMES, knownCurrencies, MONTHS, PERIOD_KINDS, ROUNDING_MODES, type Type,
} from '@incent/language';
import type { Analysis } from './analysis';
import { completionContext, type CompletionContext, type OpenBracket } from './completion-context';
import { declarationType, describeTarget, typeRefText } from './describe';
import { CLAUSE_KEYWORDS, DECLARATION_KEYWORDS, EXPRESSION_KEYWORDS, HEADER_KEYWORDS, KEYWORD_DOCS } from './keywords';
import { toOffset } from './positions';
import { BUILTINS } from './signature-help';
import { declarationSnippets } from './snippets';

export function completion(analysis: Analysis, position: Position): CompletionList {
  const offset = toOffset(analysis.lines, position);
  const ctx = completionContext(analysis, offset);
  return { isIncomplete: false, items: ctx.inTrivia ? [] : items(analysis, ctx) };
}

function items(analysis: Analysis, ctx: CompletionContext): CompletionItem[] {
  const member = memberItems(analysis, ctx);
  if (member) return member;
  const inner = ctx.brackets[ctx.brackets.length - 1];
  const before = ctx.before.replace(/^\s+/, '');
  if (!ctx.declaration) return topLevelItems(analysis);
  switch (ctx.declaration) {
    case 'plan': return inner?.block === 'plan' ? headerItems(analysis, before) : [];
    case 'enum': return [];
    case 'input': {
      if (!inner) return [];
      if (inner.block === 'input') return inputItems(analysis, before, ctx);
      return expressionItems(analysis, ctx, 'derived');
    }
    case 'let': case 'measure': case 'metric':
      return /=/.test(ctx.before) ? expressionItems(analysis, ctx, ctx.declaration) : [];
    default: {
      if (!inner) return [];
      if (inner.block === 'table') return tableItems(analysis, ctx, inner, before);
      if (inner.char === '{') return clauseItems(analysis, ctx, before);
      return expressionItems(analysis, ctx, 'component');
    }
  }
}

// ---------------------------------------------------------------- builders

function keyword(word: string, sortText = '1'): CompletionItem {
  const doc = KEYWORD_DOCS[word.split(' ')[0]!];
  return { label: word, kind: CompletionItemKind.Keyword, sortText: `${sortText}${word}`, ...(doc ? { documentation: { kind: 'markdown', value: doc } } : {}) };
}

function keywords(words: readonly string[], sortText = '1'): CompletionItem[] {
  return words.map((w) => keyword(w, sortText));
}

function named(analysis: Analysis, label: string, kind: CompletionItemKind, target: string | undefined, sortText: string, detail?: string): CompletionItem {
  const d = target ? describeTarget(analysis, target) : undefined;
  const item: CompletionItem = { label, kind, sortText: `${sortText}${label}` };
  const shownDetail = detail ?? d?.code;
  if (shownDetail) item.detail = shownDetail;
  if (d?.doc) item.documentation = { kind: 'markdown', value: d.doc };
  return item;
}

function topLevelItems(analysis: Analysis): CompletionItem[] {
  const hasPlan = !!analysis.checked.symbols.plan;
  const words = DECLARATION_KEYWORDS.filter((w) => w !== 'plan' || !hasPlan);
  return [...keywords(words), ...declarationSnippets(analysis).filter((s) => s.label !== 'plan' || !hasPlan)];
}

// ---------------------------------------------------------------- plan header and inputs

function headerItems(analysis: Analysis, before: string): CompletionItem[] {
  if (/^period\s+$/.test(before)) return keywords(PERIOD_KINDS);
  if (/^rounding\s+$/.test(before)) return keywords(ROUNDING_MODES);
  if (/^fiscal_year_start\s+$/.test(before)) return keywords(MONTHS);
  if (/^currency\s+$/.test(before)) return knownCurrencies().map((c) => ({ label: c, kind: CompletionItemKind.Unit, sortText: `${['USD', 'EUR', 'GBP'].includes(c) ? 0 : 1}${c}` }));
  if (/^effective\s+\S+\s+$/.test(before)) return keywords(['to']);
  if (before.trim() !== '') return [];
  const present = new Set(analysis.checked.symbols.plan?.items.map((i) => i.key) ?? []);
  return keywords(HEADER_KEYWORDS.filter((k) => !present.has(k)));
}

const VALUE_TYPES = ['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee'];

function inputItems(analysis: Analysis, before: string, ctx: CompletionContext): CompletionItem[] {
  const inputName = /^input\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(analysis.text.slice(ctx.declarationStart, ctx.declarationStart + 200))?.[1];
  const sym = inputName ? analysis.checked.symbols.inputs.get(inputName) : undefined;
  const fieldsOfType = (base: string) => [...(sym?.fields.values() ?? [])]
    .filter((f) => f.type.name.name === base)
    .map((f) => named(analysis, f.name.name, CompletionItemKind.Field, `field:${inputName}.${f.name.name}`, '0'));
  if (/^[A-Za-z_][A-Za-z0-9_]*\s*:\s*$/.test(before)) {
    return [
      ...VALUE_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, sortText: `0${t}` })),
      ...[...analysis.checked.symbols.enums.keys()].map((e) => named(analysis, e, CompletionItemKind.Enum, `enum:${e}`, '0')),
    ];
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*\s*:\s*[A-Za-z_][A-Za-z0-9_]*\??\s+$/.test(before)) return keywords(['key']);
  if (/^credit\s+$/.test(before)) return fieldsOfType('Payee');
  if (/^credit\s+\S+\s+$/.test(before)) return keywords(['on']);
  if (/^credit\s+\S+\s+on\s+$/.test(before)) return fieldsOfType('Date');
  if (/^let\s+[A-Za-z_][A-Za-z0-9_]*\s*=/.test(before)) return expressionItems(analysis, ctx, 'derived');
  if (before.trim() === '') return keywords(sym?.decl.credits.length ? ['let'] : ['let', 'credit']);
  return [];
}

// ---------------------------------------------------------------- components

function clauseItems(analysis: Analysis, ctx: CompletionContext, before: string): CompletionItem[] {
  const decl = ctx.declaration!;
  const forInput = [...ctx.loopVariables.values()][0];
  if (before.trim() === '') {
    const body = analysis.text.slice(ctx.declarationStart, ctx.offset);
    const repeatable = new Set(['gate', 'multiplier', 'cap']);
    const clauses = (CLAUSE_KEYWORDS[decl] ?? []).filter((c) => repeatable.has(c) || !new RegExp(`\\n\\s*${c.split(' ')[0]}\\b`).test(body));
    return keywords(clauses, '0');
  }
  if (/^for\s+[A-Za-z_][A-Za-z0-9_]*\s+$/.test(before)) return keywords(['in']);
  if (/^for\s+[A-Za-z_][A-Za-z0-9_]*\s+in\s+(all\s+)?$/.test(before)) return inputNames(analysis, !/\ball\s+$/.test(before));
  if (/^for\s+[A-Za-z_][A-Za-z0-9_]*\s+in\s+(all\s+)?[A-Za-z_][A-Za-z0-9_]*\s+$/.test(before)) return keywords(['where']);
  if (/^cap\b/.test(before)) {
    if (/\bper\s+$/.test(before)) return keywords(['deal', 'period', 'year']);
    if (/^cap\s+\S.*\s$/.test(before) && !/\bper\b/.test(before)) return keywords(['per']);
  }
  if (/^accelerate\s+$/.test(before)) return keywords(['marginal', 'retroactive']);
  if (/^accelerate\s+(marginal|retroactive)\s+$/.test(before)) return keywords(['against']);
  if (/^accelerate\b.*\bper\s+$/.test(before)) return keywords(['year']);
  if (/^accelerate\s+\w+\s+against\s+\S.*\s$/.test(before) && !/\bon\s+\S*\s*$/.test(before) && endsWithOperand(before)) return keywords(['per year', 'on']);
  if (/^recover\b/.test(before)) {
    if (/\bof\s+$/.test(before)) {
      return [...analysis.checked.symbols.components.values()]
        .filter((c) => c.kind === 'CommissionDecl' || c.kind === 'SpiffDecl')
        .map((c) => named(analysis, c.name.name, CompletionItemKind.Function, `component:${c.name.name}`, '0'));
    }
    if (/\bof\s+[A-Za-z_][A-Za-z0-9_]*\s+$/.test(before)) return keywords(['on']);
    if (/\bon\s+$/.test(before)) return fieldItems(analysis, forInput, (t) => t.base === 'Date');
    if (/^recover\s+\S+\s+$/.test(before)) return keywords(['of']);
  }
  if (/^pay\b.*\S\s+$/.test(before) && decl === 'draw' && endsWithOperand(before)) return keywords(['per period']);
  if (/^pay\b.*\bper\s+$/.test(before)) return keywords(['period']);
  if (/^once\s+$/.test(before)) return keywords(['per year']);
  if (/^once\s+per\s+$/.test(before)) return keywords(['year']);
  if (/^during\s+\S+\s+$/.test(before)) return keywords(['to']);
  if (/^grant\s+[\d_.]+\s+$/.test(before)) return keywords(['points']);
  return expressionItems(analysis, ctx, 'component');
}

function tableItems(analysis: Analysis, ctx: CompletionContext, table: OpenBracket, before: string): CompletionItem[] {
  const where = ctx.declaration === 'measure' || ctx.declaration === 'let' || ctx.declaration === 'metric' ? ctx.declaration : 'component';
  if (/->/.test(before)) return expressionItems(analysis, ctx, where);
  if (table.tableKind === 'match') {
    const subject = resolvePath(analysis, ctx, splitPath(table.subject ?? ''));
    const rows = before.trim() === '' || /,\s*$/.test(before);
    if (subject?.kind === 'enum' && rows) {
      const values = analysis.checked.symbols.enums.get(subject.name)?.values.map((v) => v.name) ?? [];
      const body = analysis.text.slice(table.offset, ctx.offset);
      const used = new Set([...body.matchAll(/(?:^|\n|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?=,|->)/g)].map((m) => m[1]!));
      return [
        ...values.filter((v) => !used.has(v)).map((v) => named(analysis, v, CompletionItemKind.EnumMember, `enumValue:${subject.name}.${v}`, '0', subject.name)),
        ...(before.trim() === '' ? [keyword('else', '2')] : []),
      ];
    }
    if (rows) return [keyword('else', '2'), ...expressionItems(analysis, ctx, where)];
  }
  if (table.tableKind === 'bands' || table.tableKind === 'accelerate') {
    if (before.trim() === '') return keywords(table.tableKind === 'bands' ? ['below', 'else'] : ['below']);
    if (endsWithOperand(before) && !/\b(to|up|below)\b/.test(before)) return keywords(['to', 'up']);
  }
  return expressionItems(analysis, ctx, where);
}

function inputNames(analysis: Analysis, withAll: boolean): CompletionItem[] {
  return [
    ...[...analysis.checked.symbols.inputs.keys()].map((n) => named(analysis, n, CompletionItemKind.Struct, `input:${n}`, '0')),
    ...(withAll ? [keyword('all', '1')] : []),
  ];
}

// ---------------------------------------------------------------- expressions

type Where = 'let' | 'measure' | 'metric' | 'component' | 'derived';

const OPERAND_KEYWORDS = new Set(['and', 'or', 'not', 'if', 'then', 'else', 'where', 'in', 'all', 'is', 'match', 'bands', 'to', 'up', 'below', 'of', 'on', 'against', 'per', 'base', 'rate', 'gate', 'multiplier', 'when', 'pay', 'cap', 'recover', 'grant', 'during', 'for', 'once']);

/** Does the text end with a complete operand and a space (so an operator, not a name, comes next)? */
function endsWithOperand(before: string): boolean {
  const m = /([A-Za-z0-9_%")]+)[ \t]+$/.exec(before);
  if (!m) return false;
  const last = m[1]!;
  if (/["%)]$/.test(last) || /^\d/.test(last)) return true;
  return !OPERAND_KEYWORDS.has(last) && !(DECLARATION_KEYWORDS as readonly string[]).includes(last);
}

function expressionItems(analysis: Analysis, ctx: CompletionContext, where: Where): CompletionItem[] {
  const before = ctx.before;
  const { symbols } = analysis.checked;
  if (/\bis\s+$/.test(before)) return keywords(['set', 'not set']);
  if (/\bis\s+not\s+$/.test(before)) return keywords(['set']);
  if (/\b[A-Za-z_][A-Za-z0-9_]*\s+in\s+(all\s+)?$/.test(before)) return inputNames(analysis, !/\ball\s+$/.test(before));
  if (/(?:\bfor|\bcount\s*\()\s*[A-Za-z_][A-Za-z0-9_]*\s+$/.test(before)) return keywords(['in']);
  if (endsWithOperand(before)) return continuationItems(analysis, ctx);
  const out: CompletionItem[] = [];
  // enum values first where the other side of a comparison is an enum
  const compared = /([A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:==|!=)\s*$/.exec(before);
  const expected = compared ? resolvePath(analysis, ctx, splitPath(compared[1]!)) : undefined;
  if (expected?.kind === 'enum') {
    for (const v of symbols.enums.get(expected.name)?.values ?? []) out.push(named(analysis, v.name, CompletionItemKind.EnumMember, `enumValue:${expected.name}.${v.name}`, '0', expected.name));
    return out;
  }
  const data = where === 'measure' || where === 'component';
  for (const [name, input] of ctx.loopVariables) out.push(named(analysis, name, CompletionItemKind.Variable, undefined, '0', `record of ${input}`));
  if (where === 'derived') {
    const inputName = /^input\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(analysis.text.slice(ctx.declarationStart, ctx.declarationStart + 200))?.[1];
    const sym = inputName ? symbols.inputs.get(inputName) : undefined;
    for (const f of sym?.fields.keys() ?? []) out.push(named(analysis, f, CompletionItemKind.Field, `field:${inputName}.${f}`, '0'));
    for (const f of sym?.derived.keys() ?? []) out.push(named(analysis, f, CompletionItemKind.Field, `field:${inputName}.${f}`, '0'));
  }
  const self = /^(?:let|measure|metric)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(analysis.text.slice(ctx.declarationStart, ctx.declarationStart + 200))?.[1];
  for (const name of symbols.lets.keys()) if (name !== self || where !== 'let') out.push(named(analysis, name, CompletionItemKind.Constant, `let:${name}`, '1'));
  if (data) for (const name of symbols.measures.keys()) if (name !== self || where !== 'measure') out.push(named(analysis, name, CompletionItemKind.Variable, `measure:${name}`, '1'));
  for (const name of symbols.enums.keys()) out.push(named(analysis, name, CompletionItemKind.Enum, `enum:${name}`, '3'));
  for (const e of symbols.enums.values()) {
    for (const v of e.values) out.push(named(analysis, v.name, CompletionItemKind.EnumMember, `enumValue:${e.name.name}.${v.name}`, '4', e.name.name));
  }
  const aggregates = data || where === 'metric';
  for (const name of BUILTIN_NAMES) {
    const isAggregate = name === 'sum' || name === 'count' || name === 'avg';
    if (isAggregate && !aggregates) continue;
    if ((name === 'ytd' || name === 'prior') && !data) continue;
    out.push(builtinItem(name));
  }
  const words = EXPRESSION_KEYWORDS.filter((w) => data || (w !== 'payee' && w !== 'period'));
  out.push(...keywords(words, '2'));
  return out;
}

/** After a complete operand: the operator keywords that may follow it here. */
function continuationItems(analysis: Analysis, ctx: CompletionContext): CompletionItem[] {
  const before = ctx.before;
  const words = ['and', 'or', 'is set', 'is not set'];
  if (/\bif\b(?![\s\S]*\bthen\b)/.test(before)) words.push('then');
  if (/\bthen\b(?![\s\S]*\belse\b)/.test(before)) words.push('else');
  const paren = ctx.brackets[ctx.brackets.length - 1];
  if (paren?.char === '(') {
    const fn = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(analysis.text.slice(Math.max(0, paren.offset - 40), paren.offset))?.[1];
    const inside = analysis.text.slice(paren.offset + 1, ctx.wordStart);
    if ((fn === 'sum' || fn === 'avg' || fn === 'min' || fn === 'max') && !/\bfor\b/.test(inside)) words.push('for');
    if (/\bin\s+(all\s+)?[A-Za-z_][A-Za-z0-9_]*\s+$/.test(inside)) words.push('where');
  } else if (/(?:^|\s)for\s+[A-Za-z_]\w*\s+in\s+(all\s+)?[A-Za-z_]\w*\s+$/.test(before)) words.push('where');
  return keywords(words, '0');
}

function builtinItem(name: string): CompletionItem {
  const b = BUILTINS[name]!;
  const snippet: Record<string, string> = {
    sum: 'sum(${1:d.amount} for ${2:d} in ${3:deals})',
    avg: 'avg(${1:d.amount} for ${2:d} in ${3:deals})',
    count: 'count(${1:d} in ${2:deals} where $3)',
    min: 'min($1)',
    max: 'max($1)',
    abs: 'abs($1)',
    round: 'round($1, ${2:0.01})',
    ytd: 'ytd($1)',
    prior: 'prior($1)',
  };
  return {
    label: name,
    kind: CompletionItemKind.Function,
    detail: b.signatures.map((s) => s.label).join('  |  '),
    documentation: { kind: 'markdown', value: b.doc },
    insertText: snippet[name] ?? `${name}($1)`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `2${name}`,
  };
}

// ---------------------------------------------------------------- member access

function memberItems(analysis: Analysis, ctx: CompletionContext): CompletionItem[] | undefined {
  const head = analysis.text.slice(Math.max(0, ctx.wordStart - 300), ctx.wordStart);
  const m = /((?:[A-Za-z_][A-Za-z0-9_]*[ \t]*\.[ \t]*)+)$/.exec(head);
  if (!m) return undefined;
  if (/\d$/.test(head.slice(0, head.length - m[1]!.length))) return undefined; // a decimal number
  const path = splitPath(m[1]!);
  const target = resolvePath(analysis, ctx, path);
  if (!target) return [];
  switch (target.kind) {
    case 'record': return fieldItems(analysis, target.name, () => true);
    case 'period':
      return (['start', 'end', 'days'] as const).map((f) => ({ label: f, kind: CompletionItemKind.Field, detail: f === 'days' ? 'Int' : 'Date', sortText: `0${f}` }));
    case 'enumType':
      return (analysis.checked.symbols.enums.get(target.name)?.values ?? []).map((v) => named(analysis, v.name, CompletionItemKind.EnumMember, `enumValue:${target.name}.${v.name}`, '0', target.name));
    default: return [];
  }
}

function fieldItems(analysis: Analysis, input: string | undefined, keep: (t: Type) => boolean): CompletionItem[] {
  const sym = input ? analysis.checked.symbols.inputs.get(input) : undefined;
  if (!sym) return [];
  const out: CompletionItem[] = [];
  for (const f of sym.fields.values()) {
    const t = fieldType(analysis, input!, f.name.name);
    if (t && !keep(t)) continue;
    out.push(named(analysis, f.name.name, CompletionItemKind.Field, `field:${input}.${f.name.name}`, '0', typeRefText(f.type)));
  }
  for (const name of sym.derived.keys()) {
    const t = fieldType(analysis, input!, name);
    if (t && !keep(t)) continue;
    out.push(named(analysis, name, CompletionItemKind.Property, `field:${input}.${name}`, '1', declarationType(analysis, `derived:${input}.${name}`)));
  }
  return out;
}

type Resolved =
  | { readonly kind: 'record'; readonly name: string }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'enumType'; readonly name: string }
  | { readonly kind: 'period' }
  | { readonly kind: 'value' };

function splitPath(text: string): string[] {
  return text.split('.').map((s) => s.trim()).filter((s) => s !== '');
}

function fieldType(analysis: Analysis, input: string, name: string): Type | undefined {
  const sym = analysis.checked.symbols.inputs.get(input);
  const field = sym?.fields.get(name);
  if (field) {
    const n = field.type.name.name;
    if (VALUE_TYPES.includes(n)) return { base: n as Type['base'], optional: field.type.optional };
    if (analysis.checked.symbols.enums.has(n)) return { base: 'Enum', enum: n, optional: field.type.optional };
    return undefined;
  }
  if (sym?.derived.has(name)) return analysis.checked.declTypes.get(`derived:${input}.${name}`);
  return undefined;
}

function fromType(analysis: Analysis, t: Type | undefined): Resolved | undefined {
  if (!t) return undefined;
  if (t.base === 'Payee' && analysis.checked.symbols.roster) return { kind: 'record', name: analysis.checked.symbols.roster };
  if (t.base === 'Enum' && t.enum) return { kind: 'enum', name: t.enum };
  if (t.base === 'Record' && t.input) return { kind: 'record', name: t.input };
  return { kind: 'value' };
}

/** What a dotted path names, from the cursor's scope: `d`, `payee`, `d.owner`, `Stage`… */
function resolvePath(analysis: Analysis, ctx: CompletionContext, path: readonly string[]): Resolved | undefined {
  const { symbols } = analysis.checked;
  const [first, ...rest] = path;
  if (!first) return undefined;
  let current: Resolved | undefined;
  const loopInput = ctx.loopVariables.get(first);
  if (loopInput) current = { kind: 'record', name: loopInput };
  else if (first === 'payee') current = symbols.roster ? { kind: 'record', name: symbols.roster } : undefined;
  else if (first === 'period') current = { kind: 'period' };
  else if (symbols.enums.has(first)) current = { kind: 'enumType', name: first };
  else if (symbols.lets.has(first)) current = fromType(analysis, analysis.checked.declTypes.get(`let:${first}`));
  else if (symbols.measures.has(first)) current = fromType(analysis, analysis.checked.declTypes.get(`measure:${first}`));
  else if (ctx.declaration === 'input') {
    const inputName = /^input\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(analysis.text.slice(ctx.declarationStart, ctx.declarationStart + 200))?.[1];
    if (inputName) current = fromType(analysis, fieldType(analysis, inputName, first));
  }
  for (const segment of rest) {
    if (!current) return undefined;
    if (current.kind === 'record') current = fromType(analysis, fieldType(analysis, current.name, segment));
    else if (current.kind === 'enumType') current = { kind: 'enum', name: current.name };
    else return current.kind === 'period' ? { kind: 'value' } : undefined;
  }
  return current;
}

