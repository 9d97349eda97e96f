// Offsets to lines and columns (1-based), at the edges of the core: the IR's source locations,
// the CLI's messages and the language server's ranges all convert here. A line ends at `\n`,
// `\r\n` or a lone `\r` (as in editors and LSP), and a position is never inside a line break.

export interface Position {
  readonly line: number; // 1-based
  readonly column: number; // 1-based, in UTF-16 code units
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** The 1-based line and column of an offset. */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.min(o, this.contentEnd(lo)) - this.starts[lo]! + 1 };
  }

  /** Where the text of line `index` (0-based) ends: before its line break. */
  private contentEnd(index: number): number {
    const start = this.starts[index]!;
    let end = this.starts[index + 1] ?? this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
    return Math.min(start + Math.max(0, column - 1), this.text.length);
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    return this.text.slice(this.starts[line - 1]!, this.contentEnd(line - 1));
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
