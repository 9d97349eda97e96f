// JSON and JSONL readers: file text → raw rows (spec §6), for data/load.ts. jsonc-parser's
// parseTree gives every node's offset and length, so a number is kept as its source text
// (read exactly later, never through a binary float) and each record's line is the line
// of its `{`. Comments and trailing commas are errors, as in plain JSON.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { IrInput } from '../ir/ir';
import type { DataFile, DataWarning } from './records';
import { clip, lineAt, lineStarts, sameIgnoringCase, type RawCell, type RawRow, type ReadResult, type RowProblem } from './raw';

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/**
 * Records are flat objects in an array, so nesting deeper than this is not data. jsonc-parser
 * parses recursively and would overflow the stack on 100,000 `[` (a crash, not an error).
 */
const MAX_NESTING = 100;

/** The offset where arrays and objects nest deeper than MAX_NESTING (outside strings), if they do. */
function tooDeep(text: string): number | undefined {
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

const TOO_DEEP = `invalid JSON: arrays and objects nested more than ${MAX_NESTING} levels deep; a data file is an array of flat objects`;

/** Reads a `.json` file: one array of objects. A syntax error stops the file (no rows are read). */
export function readJson(file: DataFile, text: string, input: IrInput): ReadResult {
  const starts = lineStarts(text);
  const deep = tooDeep(text);
  if (deep !== undefined) return { rows: [], errors: [{ file: file.file, line: lineAt(starts, deep), column: '', value: clip(text.slice(deep, deep + 20)), message: TOO_DEEP }], warnings: [] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, PARSE_OPTIONS);
  const first = parseErrors[0];
  if (first !== undefined || root === undefined) {
    const described = first ? describeParseError(first, text) : { value: '', message: 'no JSON value' };
    const line = first ? lineAt(starts, first.offset) : 1;
    return { rows: [], errors: [{ file: file.file, line, column: '', value: described.value, message: `invalid JSON: ${described.message}` }], warnings: [] };
  }
  if (root.type !== 'array') {
    const inside = root.type === 'object' && (root.children ?? []).some((p) => p.children?.[1]?.type === 'array');
    const hint = inside ? ': put the records themselves in the top-level array' : '';
    const message = `expected an array of objects, found ${describeNode(root)}${hint}`;
    return { rows: [], errors: [{ file: file.file, line: lineAt(starts, root.offset), column: '', value: clip(source(text, root)), message }], warnings: [] };
  }
  const unknown = unknownKeys(file, input);
  const rows = (root.children ?? []).map((node) => nodeToRow(node, text, lineAt(starts, node.offset), unknown));
  return { rows, errors: [], warnings: unknown.warnings };
}

/** Reads a `.jsonl` file: one object per non-blank line; a bad line rejects only that row. */
export function readJsonl(file: DataFile, text: string, input: IrInput): ReadResult {
  const unknown = unknownKeys(file, input);
  const rows: RawRow[] = [];
  text.split(/\r\n|\n|\r/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    const line = index + 1;
    const deep = tooDeep(lineText);
    if (deep !== undefined) {
      rows.push({ line, cells: new Map(), problems: [{ column: '', value: clip(lineText.slice(deep, deep + 20)), message: TOO_DEEP }] });
      return;
    }
    const parseErrors: ParseError[] = [];
    const root = parseTree(lineText, parseErrors, PARSE_OPTIONS);
    const first = parseErrors[0];
    if (first !== undefined || root === undefined) {
      const { message } = first ? describeParseError(first, lineText) : { message: 'no JSON value' };
      rows.push({ line, cells: new Map(), problems: [{ column: '', value: clip(lineText), message: `invalid JSON: ${message}` }] });
      return;
    }
    rows.push(nodeToRow(root, lineText, line, unknown));
  });
  return { rows, errors: [], warnings: unknown.warnings };
}

function nodeToRow(node: Node, text: string, line: number, unknown: UnknownKeys): RawRow {
  if (node.type !== 'object') {
    const problem = { column: '', value: clip(source(text, node)), message: `expected an object for each record, found ${describeNode(node)}` };
    return { line, cells: new Map(), problems: [problem] };
  }
  const cells = new Map<string, RawCell>();
  const seen = new Set<string>();
  const problems: RowProblem[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue; // only after a syntax error, reported already
    const key = String(keyNode.value);
    if (seen.has(key)) {
      problems.push({ column: key, value: clip(source(text, valueNode)), message: `key \`${key}\` appears twice in this record: keep one` });
      continue;
    }
    seen.add(key);
    if (unknown.fields.has(key)) cells.set(key, toCell(valueNode, text));
    else unknown.note(key, line);
  }
  return { line, cells, problems };
}

function toCell(node: Node, text: string): RawCell {
  switch (node.type) {
    case 'string': return { kind: 'string', text: String(node.value) };
    case 'number': return { kind: 'number', text: source(text, node) };
    case 'boolean': return { kind: 'bool', value: node.value === true };
    case 'null': return { kind: 'null' };
    case 'object': return { kind: 'nested', text: clip(source(text, node)), what: 'an object' };
    default: return { kind: 'nested', text: clip(source(text, node)), what: 'an array' };
  }
}

interface UnknownKeys {
  readonly fields: ReadonlySet<string>;
  readonly warnings: DataWarning[];
  readonly note: (key: string, line: number) => void;
}

/** Keys that are not fields: one warning per key per file, at its first line. */
function unknownKeys(file: DataFile, input: IrInput): UnknownKeys {
  const warnings: DataWarning[] = [];
  const seen = new Set<string>();
  const note = (key: string, line: number): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const near = input.fields.find((f) => sameIgnoringCase(f.name, key));
    const hint = near ? ` (did you mean \`${near.name}\`? keys are case-sensitive)` : '';
    const message = `key \`${key}\` is not a field of \`${input.name}\` and is ignored${hint}`;
    warnings.push({ file: file.file, line, column: key, value: key, message });
  };
  return { fields: new Set(input.fields.map((f) => f.name)), warnings, note };
}

function source(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

function describeNode(node: Node): string {
  switch (node.type) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return 'null';
  }
}

/** A parse error in plain words, with the offending text. */
function describeParseError(error: ParseError, text: string): { value: string; message: string } {
  const code = printParseErrorCode(error.error);
  const value = clip(text.slice(error.offset, error.offset + Math.max(error.length, 1)));
  const before = text.slice(0, error.offset).trimEnd();
  const atClose = /^[\]}]/.test(text.slice(error.offset));
  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && atClose && before.endsWith(',')) {
    return { value: ',', message: `trailing comma before \`${text[error.offset]}\`: remove it` };
  }
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return { value, message: 'comments are not allowed in JSON' };
    case 'InvalidSymbol':
      return { value, message: `unexpected \`${value}\`` };
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return { value, message: `malformed number \`${value}\`` };
    case 'UnexpectedEndOfString':
      return { value, message: 'a string is not closed on its line' };
    case 'InvalidUnicode':
    case 'InvalidEscapeCharacter':
      return { value, message: 'invalid escape in a string' };
    case 'InvalidCharacter':
      return { value, message: 'a control character inside a string: escape it (\\n, \\t)' };
    case 'PropertyNameExpected':
      return { value, message: 'expected a key in double quotes' };
    case 'ColonExpected':
      return { value, message: 'expected `:` after a key' };
    case 'CommaExpected':
      return { value, message: 'expected `,` between values' };
    case 'CloseBraceExpected':
      return { value, message: 'expected `}` to close an object' };
    case 'CloseBracketExpected':
      return { value, message: 'expected `]` to close the array' };
    case 'EndOfFileExpected':
      return { value, message: 'text after the end of the JSON value' };
    default:
      return error.offset >= text.trimEnd().length ? { value: '', message: 'the JSON ends too early' } : { value, message: 'expected a value' };
  }
}
