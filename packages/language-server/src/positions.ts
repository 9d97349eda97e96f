// Offsets ↔ LSP positions, at the edge between the core (spans are character offsets) and the
// protocol (0-based lines and UTF-16 characters). Uses the core's LineMap; a position past the
// end of its line is clamped to the line's end, as LSP requires.
import { LineMap, type Span } from '@incent/language';
import type { Position, Range } from 'vscode-languageserver';

export function toPosition(map: LineMap, offset: number): Position {
  const p = map.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

export function toRange(map: LineMap, span: Span): Range {
  return { start: toPosition(map, span.start), end: toPosition(map, span.end) };
}

export function toOffset(map: LineMap, position: Position): number {
  const line = Math.max(0, Math.min(position.line, map.lineCount - 1));
  const length = map.lineText(line + 1).length;
  const character = Math.max(0, Math.min(position.character, length));
  return map.offset(line + 1, character + 1);
}

export function toSpan(map: LineMap, range: Range): Span {
  const start = toOffset(map, range.start);
  const end = toOffset(map, range.end);
  return start <= end ? { start, end } : { start: end, end: start };
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
