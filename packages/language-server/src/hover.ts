// Hover: the type and doc comment of every name, field, measure and component; the normalised
// value of number, percent and money literals; the type of any expression; a component's total
// on the preview data (handed in by the caller, which owns the preview). Reads the analysis and
// the symbol index; returns Markdown.
import type { Hover, Position } from 'vscode-languageserver';
import { minorUnits, typeName, type Expr, type Node } from '@incent/language';
import type { Analysis } from './analysis';
import { innermost, nodesAt } from './ast-walk';
import { describeTarget, type Description } from './describe';
import { toOffset, toRange } from './positions';
import { BUILTINS } from './signature-help';
import { occurrenceAt, symbolIndex } from './symbol-index';
import { KEYWORD_DOCS } from './keywords';

export interface HoverContext {
  /** A Markdown line with a component's total on the preview data, when there is one. */
  readonly componentTotal?: (name: string) => string | undefined;
}

export function hover(analysis: Analysis, position: Position, context: HoverContext = {}): Hover | null {
  const offset = toOffset(analysis.lines, position);
  const index = symbolIndex(analysis);
  const occurrence = occurrenceAt(index, offset);
  if (occurrence && offset < occurrence.span.end) {
    const description = describeTarget(analysis, occurrence.target);
    if (description) {
      const extra = occurrence.target.startsWith('component:') ? context.componentTotal?.(occurrence.target.slice('component:'.length)) : undefined;
      return markdown(analysis, occurrence.span, render(description, extra));
    }
  }
  const path = nodesAt(analysis.checked.file, offset);
  const fromNode = hoverNode(analysis, path, offset);
  if (fromNode) return fromNode;
  return hoverKeyword(analysis, offset);
}

function render(d: Description, extra?: string): string {
  const parts = ['```incent', d.code, '```'];
  if (d.doc) parts.push('', d.doc);
  if (extra) parts.push('', extra);
  return parts.join('\n');
}

function markdown(analysis: Analysis, span: { start: number; end: number }, value: string): Hover {
  return { contents: { kind: 'markdown', value }, range: toRange(analysis.lines, span) };
}

function hoverNode(analysis: Analysis, path: readonly Node[], offset: number): Hover | null {
  const expr = innermost(path, 'NumberLiteral', 'PercentLiteral', 'MoneyLiteral', 'DateLiteral', 'StringLiteral', 'BoolLiteral',
    'FieldAccess', 'PeriodExpr', 'PayeeExpr', 'CallExpr', 'AggregateExpr', 'BinaryExpr', 'UnaryExpr', 'IsSetExpr', 'IfExpr', 'MatchExpr', 'BandsExpr', 'ParenExpr', 'NameExpr') as Expr | undefined;
  if (!expr) {
    const type = innermost(path, 'TypeRef');
    if (type && type.name.name in TYPE_DOCS) return markdown(analysis, type.name.span, `\`\`\`incent\n${type.name.name}\n\`\`\`\n\n${TYPE_DOCS[type.name.name]}`);
    return null;
  }
  const t = analysis.checked.types.get(expr);
  const typeText = t && t.base !== 'Error' ? typeName(t) : undefined;
  switch (expr.kind) {
    case 'NumberLiteral':
      return markdown(analysis, expr.span, `\`\`\`incent\n${expr.text}: ${expr.text.includes('.') ? 'Number' : 'Int'}\n\`\`\``);
    case 'PercentLiteral':
      return markdown(analysis, expr.span, `\`\`\`incent\n${expr.text}%: Percent\n\`\`\`\n\nThe fraction ${percentFraction(expr.text)}.`);
    case 'MoneyLiteral': {
      const digits = minorUnits(expr.currency);
      const amount = digits === undefined ? expr.text : padFraction(expr.text, digits);
      return markdown(analysis, expr.span, `\`\`\`incent\n${amount} ${expr.currency}: Money\n\`\`\`${digits === undefined ? `\n\n\`${expr.currency}\` is not an ISO 4217 currency.` : ''}`);
    }
    case 'DateLiteral':
      return markdown(analysis, expr.span, `\`\`\`incent\n${expr.text}: Date\n\`\`\``);
    case 'PeriodExpr':
      return markdown(analysis, expr.span, '```incent\nperiod\n```\n\nThe period being evaluated: `period.start`, `period.end` (Dates, both included) and `period.days` (Int).');
    case 'PayeeExpr': {
      const d = describeTarget(analysis, 'payee');
      return d ? markdown(analysis, expr.span, render(d)) : null;
    }
    case 'FieldAccess': {
      const r = analysis.checked.resolutions.get(expr);
      if (r?.kind === 'periodField') {
        const what = { start: 'the first day of the period', end: 'the last day of the period (included)', days: 'the number of days in the period' }[r.field];
        return markdown(analysis, expr.field.span, `\`\`\`incent\nperiod.${r.field}: ${r.field === 'days' ? 'Int' : 'Date'}\n\`\`\`\n\n${what[0]!.toUpperCase()}${what.slice(1)}.`);
      }
      break;
    }
    case 'CallExpr':
      if (offset < expr.callee.span.end && BUILTINS[expr.callee.name]) return builtinHover(analysis, expr.callee.name, expr.callee.span, typeText);
      break;
    case 'AggregateExpr':
      if (offset < expr.span.start + expr.fn.length) return builtinHover(analysis, expr.fn, { start: expr.span.start, end: expr.span.start + expr.fn.length }, typeText);
      break;
    default:
      break;
  }
  if (!typeText) return null;
  const source = analysis.text.slice(expr.span.start, expr.span.end);
  const shown = source.length > 60 ? `${source.slice(0, 59).replace(/\s+/g, ' ')}…` : source.replace(/\s+/g, ' ');
  return markdown(analysis, expr.span, `\`\`\`incent\n${shown}: ${typeText}\n\`\`\``);
}

function builtinHover(analysis: Analysis, name: string, span: { start: number; end: number }, typeText: string | undefined): Hover {
  const b = BUILTINS[name]!;
  const lines = b.signatures.map((s) => s.label).join('\n');
  return markdown(analysis, span, `\`\`\`incent\n${lines}\n\`\`\`\n\n${b.doc}${typeText ? `\n\nHere: \`${typeText}\`.` : ''}`);
}

function hoverKeyword(analysis: Analysis, offset: number): Hover | null {
  const text = analysis.text;
  let start = offset, end = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  if (start === end || offset === end) return null;
  const word = text.slice(start, end);
  const doc = KEYWORD_DOCS[word] ?? (word in TYPE_DOCS ? TYPE_DOCS[word] : undefined);
  if (!doc) return null;
  return markdown(analysis, { start, end }, `\`\`\`incent\n${word}\n\`\`\`\n\n${doc}`);
}

const TYPE_DOCS: Record<string, string> = {
  Money: "An amount in the plan's currency, exact to any number of decimals.",
  Percent: 'A fraction written with `%`: `7.5%` is 0.075.',
  Number: 'A decimal number.',
  Int: 'A whole number (widens to Number). `date - date` is an Int of days.',
  Bool: '`true` or `false`.',
  Date: 'An ISO 8601 calendar date: `2027-01-31`.',
  Text: 'A string.',
  Payee: "A payee's id; `x.field` reads the roster row's fields.",
};

/** "7.5" (percent) → "0.075": the number shifted two places, without binary floats. */
export function percentFraction(text: string): string {
  const [int = '0', frac = ''] = text.split('.');
  const digits = int + frac;
  const point = int.length - 2;
  const raw = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const [whole, fraction = ''] = raw.split('.');
  const w = whole!.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

/** "250000" with 2 digits → "250000.00"; never drops digits. */
export function padFraction(text: string, digits: number): string {
  if (digits === 0) return text;
  const [int, frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(digits, '0')}`;
}
