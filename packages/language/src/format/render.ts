// The formatter's renderer: doc → text. Pipeline: AST + tokens → doc (print-*.ts) →
// **text**. A Prettier-style command stack decides each group flat or broken by whether it
// fits the line; newlines, blank lines and spaces are deferred until the next content, so
// that a comment can still join the line before, no line ends in spaces, and repeated breaks
// collapse. At the end, alignment marks are padded to one column per table and trailing
// `//` comments on consecutive lines of one indentation are aligned.
import { isDocArray, type Doc } from './doc';

export interface RenderOptions {
  /** Spaces per indentation step. */
  readonly indent: number;
  /** The line width that groups try to fit in. */
  readonly width: number;
}

/** Renders a doc to text: lines joined with `\n`, a final newline when there is any line. */
export function renderDoc(doc: Doc, options: RenderOptions): string {
  const out = createOutput();
  const stack: Command[] = [{ indent: 0, mode: 'break', doc }];
  while (stack.length > 0) {
    const { indent, mode, doc: current } = stack.pop()!;
    if (typeof current === 'string') {
      content(out, current, indent, false);
      continue;
    }
    if (isDocArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ indent, mode, doc: current[index]! });
      continue;
    }
    switch (current.kind) {
      case 'space': space(out); break;
      case 'line':
        if (mode === 'break') newline(out);
        else if (!current.soft) space(out);
        break;
      case 'hardline': newline(out); break;
      case 'blankline': newline(out, true); break;
      case 'indent': stack.push({ indent: indent + options.indent, mode, doc: current.contents }); break;
      case 'lineIndent': stack.push({ indent: lineIndentation(out) ?? indent, mode: 'break', doc: current.contents }); break;
      case 'ifBreak': if (mode === 'break') stack.push({ indent, mode, doc: current.contents }); break;
      case 'group': {
        const flat = mode === 'flat'
          || (!current.breaks && fits({ indent, mode: 'flat', doc: current.contents }, stack, options.width - column(out, indent)));
        stack.push({ indent, mode: flat ? 'flat' : 'break', doc: current.contents });
        break;
      }
      case 'comment':
        // A line ended by a `//` comment takes nothing more (as after a dropped trailing comma).
        if (current.placement === 'trailing' && out.current !== undefined && !out.current.endsInLineComment) {
          trailingComment(out, current.text, current.block);
        } else {
          ownLineComment(out, current.text, current.block, indent);
        }
        break;
      case 'mark': out.pendingMarks.push({ key: current.column, pass: current.pass }); break;
    }
  }
  return finish(out);
}

// ---------------------------------------------------------------- fitting

interface Command {
  readonly indent: number;
  readonly mode: 'flat' | 'break';
  readonly doc: Doc;
}

/** Whether `next` in flat mode, and what follows it up to the next line break, fits in `width`. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let remaining = width;
  let restIndex = rest.length - 1;
  const todo: { mode: 'flat' | 'break'; doc: Doc }[] = [next];
  while (remaining >= 0) {
    if (todo.length === 0) {
      if (restIndex < 0) return true;
      todo.push(rest[restIndex--]!);
      continue;
    }
    const { mode, doc } = todo.pop()!;
    if (typeof doc === 'string') {
      remaining -= doc.length;
      continue;
    }
    if (isDocArray(doc)) {
      for (let index = doc.length - 1; index >= 0; index--) todo.push({ mode, doc: doc[index]! });
      continue;
    }
    switch (doc.kind) {
      case 'space': remaining -= 1; break;
      case 'line':
        if (mode === 'break') return true;
        remaining -= doc.soft ? 0 : 1;
        break;
      case 'hardline':
      case 'blankline': return true;
      case 'indent':
      case 'lineIndent': todo.push({ mode, doc: doc.contents }); break;
      case 'ifBreak': if (mode === 'break') todo.push({ mode, doc: doc.contents }); break;
      case 'group': todo.push({ mode: doc.breaks ? 'break' : mode, doc: doc.contents }); break;
      case 'comment':
        if (doc.placement === 'ownLine' || !doc.block) return true;
        remaining -= doc.text.length + 1;
        break;
      case 'mark': break;
    }
  }
  return false;
}

// ---------------------------------------------------------------- the output lines

interface OutputLine {
  text: string;
  /** A trailing `//` comment, kept apart so that it can be aligned. */
  comment: string | undefined;
  /** The line ends in a `//` comment (trailing, or the line's only content): nothing may join it. */
  endsInLineComment: boolean;
}

interface Mark {
  readonly line: number;
  column: number;
  readonly key: string;
  readonly pass: number;
}

interface Output {
  readonly lines: OutputLine[];
  current: OutputLine | undefined;
  pendingSpace: boolean;
  pendingNewline: boolean;
  pendingBlank: boolean;
  pendingMarks: { key: string; pass: number }[];
  readonly marks: Mark[];
}

function createOutput(): Output {
  return { lines: [], current: undefined, pendingSpace: false, pendingNewline: false, pendingBlank: false, pendingMarks: [], marks: [] };
}

/** Whether the next content starts a new line. */
function atLineBreak(out: Output): boolean {
  return out.current === undefined || out.pendingNewline || out.current.endsInLineComment;
}

function content(out: Output, text: string, indent: number, isComment: boolean): void {
  if (atLineBreak(out)) {
    if (out.current !== undefined) closeLine(out);
    if (out.pendingBlank && out.lines.length > 0) out.lines.push(newLine(''));
    out.current = newLine(' '.repeat(indent));
    out.pendingNewline = out.pendingBlank = out.pendingSpace = false;
  } else if (out.pendingSpace) {
    out.current!.text += ' ';
    out.pendingSpace = false;
  }
  if (!isComment) {
    for (const { key, pass } of out.pendingMarks) out.marks.push({ line: out.lines.length, column: out.current!.text.length, key, pass });
    out.pendingMarks = [];
  }
  appendRaw(out, text);
}

/** Appends text that may hold newlines (a block comment): later lines are kept as written. */
function appendRaw(out: Output, text: string): void {
  const parts = text.split(/\r\n?|\n/);
  out.current!.text += parts[0];
  for (const part of parts.slice(1)) {
    closeLine(out);
    out.current = newLine(part);
  }
}

function closeLine(out: Output): void {
  const line = out.current!;
  out.lines.push({ ...line, text: line.text.trimEnd() });
  out.current = undefined;
}

function newLine(text: string): OutputLine {
  return { text, comment: undefined, endsInLineComment: false };
}

function space(out: Output): void {
  if (out.current !== undefined && !out.pendingNewline) out.pendingSpace = true;
}

function newline(out: Output, blank = false): void {
  if (out.current === undefined) return;
  out.pendingNewline = true;
  if (blank) out.pendingBlank = true;
}

function trailingComment(out: Output, text: string, block: boolean): void {
  const line = out.current!;
  if (!block) {
    line.comment = text.trimEnd();
    line.endsInLineComment = true;
    out.pendingSpace = false;
    return;
  }
  line.text = `${line.text.trimEnd()} `;
  appendRaw(out, text);
  out.pendingSpace = true;
}

function ownLineComment(out: Output, text: string, block: boolean, indent: number): void {
  if (out.current !== undefined) out.pendingNewline = true;
  content(out, text, indent, true);
  out.pendingNewline = true;
  if (!block) out.current!.endsInLineComment = true;
}

/** The indentation of the line being written, for `{ … }` bodies. */
function lineIndentation(out: Output): number | undefined {
  if (atLineBreak(out)) return undefined;
  return /^ */.exec(out.current!.text)![0].length;
}

function column(out: Output, indent: number): number {
  if (atLineBreak(out)) return indent;
  return out.current!.text.length + (out.pendingSpace ? 1 : 0);
}

// ---------------------------------------------------------------- alignment

function finish(out: Output): string {
  if (out.current !== undefined) closeLine(out);
  const lines = out.lines;
  while (lines.length > 0 && lines[lines.length - 1]!.text === '' && lines[lines.length - 1]!.comment === undefined) lines.pop();
  alignMarks(lines, out.marks);
  alignTrailingComments(lines);
  if (lines.length === 0) return '';
  return `${lines.map((line) => line.text).join('\n')}\n`;
}

/**
 * Pads every mark of one column to the rightmost of them; columns of a lower pass first, as
 * they lie to the left of the others on their lines.
 */
function alignMarks(lines: OutputLine[], marks: Mark[]): void {
  const passes = new Map(marks.map((m) => [m.key, m.pass]));
  const keys = [...passes.keys()].sort((a, b) => passes.get(a)! - passes.get(b)!);
  for (const key of keys) {
    const group = marks.filter((m) => m.key === key);
    const target = Math.max(...group.map((m) => m.column));
    for (const m of group) {
      const padding = target - m.column;
      if (padding === 0) continue;
      const line = lines[m.line]!;
      line.text = line.text.slice(0, m.column) + ' '.repeat(padding) + line.text.slice(m.column);
      for (const other of marks) if (other !== m && other.line === m.line && other.column >= m.column) other.column += padding;
      m.column = target;
    }
  }
}

/**
 * Joins each trailing comment to its line: one space after the code, or, on consecutive lines
 * with trailing comments and one indentation, one space after the longest of them.
 */
function alignTrailingComments(lines: OutputLine[]): void {
  const indentation = (line: OutputLine): number => /^ */.exec(line.text)![0].length;
  let start = 0;
  while (start < lines.length) {
    if (lines[start]!.comment === undefined) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < lines.length && lines[end]!.comment !== undefined && indentation(lines[end]!) === indentation(lines[start]!)) end++;
    const run = lines.slice(start, end);
    const width = Math.max(...run.map((line) => line.text.length));
    for (const line of run) {
      line.text = line.text === '' ? line.comment! : `${line.text.padEnd(width)} ${line.comment!}`;
      line.comment = undefined;
    }
    start = end;
  }
}
