// Helpers for the syntax tests: the fixtures folders, reading the inline error markers of
// err/*.incent, and turning diagnostics into the same (line, columns, code) form.
//
// A marker is a comment line under the offending line, carets under its exact columns:
//
//     measure m = 1 +
//     commission c { }
//     // ^^^^^^^^^^ E003
//
// Consecutive marker lines all refer to the last line above them that is not a marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../packages/language/src/diagnostics/diagnostic';
import type { Expr } from '../../packages/language/src/syntax/ast';

export const SYNTAX_TESTS = import.meta.dirname;
export const ROOT = join(SYNTAX_TESTS, '..', '..');

export interface Marker {
  readonly line: number; // 1-based
  readonly startColumn: number; // 0-based, inclusive
  readonly endColumn: number; // 0-based, exclusive
  readonly code: string;
}

const MARKER_LINE = /^\s*\/\/\s*(\^+)\s+([EW]\d{3})\s*$/;

export function fixtureNames(folder: 'ok' | 'err'): string[] {
  return readdirSync(join(SYNTAX_TESTS, folder))
    .filter((name) => name.endsWith('.incent'))
    .map((name) => name.slice(0, -'.incent'.length))
    .sort();
}

export function readFixture(folder: 'ok' | 'err', name: string): string {
  return readFileSync(join(SYNTAX_TESTS, folder, `${name}.incent`), 'utf8');
}

/** The markers written in a fixture, as sorted strings for a readable diff. */
export function markersIn(text: string): string[] {
  const markers: Marker[] = [];
  let target = 0;
  text.split('\n').forEach((line, index) => {
    const marker = MARKER_LINE.exec(line);
    if (marker === null) {
      target = index + 1;
      return;
    }
    const startColumn = line.indexOf('^');
    markers.push({ line: target, startColumn, endColumn: startColumn + marker[1]!.length, code: marker[2]! });
  });
  return markers.map(markerText).sort();
}

/** Diagnostics in marker form: a span that runs past its first line is cut at the line's end; an empty span (something missing at the end of a line) is one caret wide, as the CLI draws it. */
export function diagnosticMarkers(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  return diagnostics.map((diagnostic) => {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > diagnostic.span.start) line--;
    const lineStart = lineStarts[line]!;
    const lineEnd = (lineStarts[line + 1] ?? text.length + 1) - 1;
    const startColumn = diagnostic.span.start - lineStart;
    const endColumn = Math.max(Math.min(diagnostic.span.end, lineEnd) - lineStart, diagnostic.span.end === diagnostic.span.start ? startColumn + 1 : 0);
    return markerText({ line: line + 1, startColumn, endColumn, code: diagnostic.code });
  }).sort();
}

function markerText(marker: Marker): string {
  return `${marker.line}:${marker.startColumn}-${marker.endColumn} ${marker.code}`;
}

/** The AST as stable, indented JSON (absent optional parts are left out). */
export function astJson(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}

/** An expression as a compact S-expression, for precedence tests: `a + b * c` → `(+ a (* b c))`. */
export function sexpr(expr: Expr | undefined): string {
  if (expr === undefined) return '_';
  switch (expr.kind) {
    case 'NumberLiteral': return expr.text;
    case 'PercentLiteral': return `${expr.text}%`;
    case 'MoneyLiteral': return `${expr.text}${expr.currency}`;
    case 'DateLiteral': return expr.text;
    case 'StringLiteral': return JSON.stringify(expr.value);
    case 'BoolLiteral': return String(expr.value);
    case 'NameExpr': return expr.name.name || '<missing>';
    case 'PayeeExpr': return 'payee';
    case 'PeriodExpr': return 'period';
    case 'FieldAccess': return `${sexpr(expr.object)}.${expr.field.name || '<missing>'}`;
    case 'BinaryExpr': return `(${expr.op} ${sexpr(expr.left)} ${sexpr(expr.right)})`;
    case 'UnaryExpr': return `(${expr.op} ${sexpr(expr.operand)})`;
    case 'IsSetExpr': return `(${expr.negated ? 'is-not-set' : 'is-set'} ${sexpr(expr.operand)})`;
    case 'IfExpr': return `(if ${sexpr(expr.condition)} ${sexpr(expr.then)} ${sexpr(expr.else)})`;
    case 'ParenExpr': return `[${sexpr(expr.inner)}]`;
    case 'CallExpr': return `(${expr.callee.name} ${expr.args.map(sexpr).join(' ')})`.replace(' )', ')');
    case 'AggregateExpr': {
      const where = expr.where ? ` where ${sexpr(expr.where)}` : '';
      return `(${expr.fn} ${sexpr(expr.value)} for ${expr.variable.name} in ${expr.all ? 'all ' : ''}${expr.source.name}${where})`;
    }
    case 'MatchExpr': {
      const arms = expr.arms.map((arm) => ` {${arm.patterns.map(sexpr).join(', ')} -> ${sexpr(arm.value)}}`).join('');
      return `(match ${sexpr(expr.subject)}${arms}${expr.elseArm ? ` {else -> ${sexpr(expr.elseArm.value)}}` : ''})`;
    }
    case 'BandsExpr': {
      const arms = expr.arms.map((arm) => ` {${sexpr(arm.lower)}..${sexpr(arm.upper)} -> ${sexpr(arm.value)}}`).join('');
      return `(bands ${sexpr(expr.subject)}${arms}${expr.elseArm ? ` {else -> ${sexpr(expr.elseArm.value)}}` : ''})`;
    }
    case 'ErrorExpr': return '<error>';
  }
}
