// The formatter's layout language: a small Wadler/Prettier-style document of texts, spaces,
// line breaks, indentation, groups, comments and alignment marks. Pipeline: AST + tokens →
// **doc** (print-*.ts) → text (render.ts). The printers build a Doc; the renderer decides,
// group by group, whether it fits on one line.

/** A token's text, or a sequence of docs. */
export type Doc = string | readonly Doc[] | DocCommand;

export type DocCommand =
  | { readonly kind: 'space' }
  /** In a broken group a newline; in a flat group a space (or nothing when `soft`). */
  | { readonly kind: 'line'; readonly soft: boolean }
  /** Always a newline; breaks every group around it. */
  | { readonly kind: 'hardline' }
  /** A newline and one empty line before the next content; breaks every group around it. */
  | { readonly kind: 'blankline' }
  /** Contents one indentation step deeper than the enclosing doc. */
  | { readonly kind: 'indent'; readonly contents: Doc }
  /**
   * Contents indented from the current line's own indentation, laid out afresh (broken mode)
   * whatever the group around: the bodies of `{ … }` tables and blocks.
   */
  | { readonly kind: 'lineIndent'; readonly contents: Doc }
  /** Printed on one line when it fits and holds no forced break, else with its lines broken. */
  | { readonly kind: 'group'; readonly contents: Doc; readonly breaks: boolean }
  /** Contents printed only when the enclosing group is broken (a trailing comma). */
  | { readonly kind: 'ifBreak'; readonly contents: Doc }
  /**
   * A source comment. `trailing`: it followed code on the same line and stays at the end of
   * that line (a line comment ends the line; a block comment continues it). `ownLine`: it
   * started a line and is printed on a line of its own.
   */
  | { readonly kind: 'comment'; readonly text: string; readonly placement: 'trailing' | 'ownLine'; readonly block: boolean }
  /**
   * An alignment point: every mark of one `column` is padded to the same column. Columns are
   * aligned pass by pass, left to right on a line: a table's `to` column before its arrows.
   */
  | { readonly kind: 'mark'; readonly column: string; readonly pass: number };

export const space: Doc = { kind: 'space' };
export const line: Doc = { kind: 'line', soft: false };
export const softline: Doc = { kind: 'line', soft: true };
export const hardline: Doc = { kind: 'hardline' };
export const blankline: Doc = { kind: 'blankline' };

export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents };
}

export function lineIndent(contents: Doc): Doc {
  return { kind: 'lineIndent', contents };
}

export function ifBreak(contents: Doc): Doc {
  return { kind: 'ifBreak', contents };
}

export function mark(column: string, pass: number): Doc {
  return { kind: 'mark', column, pass };
}

/** A group; it breaks by itself when its contents hold a hard line or a comment that ends a line. */
export function group(contents: Doc): Doc {
  return { kind: 'group', contents, breaks: hasForcedBreak(contents) };
}

/** Docs separated by `separator`. */
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((doc, index) => (index === 0 ? [doc] : [separator, doc]));
}

/** Docs separated by single spaces, skipping empty ones. */
export function words(...docs: Doc[]): Doc[] {
  return join(space, docs.filter((doc) => !(Array.isArray(doc) && doc.length === 0)));
}

function hasForcedBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (isDocArray(doc)) return doc.some(hasForcedBreak);
  switch (doc.kind) {
    case 'hardline':
    case 'blankline': return true;
    case 'comment': return doc.placement === 'ownLine' || !doc.block;
    case 'group': return doc.breaks;
    case 'indent': return hasForcedBreak(doc.contents);
    // A `{ … }` body is laid out on lines of its own and breaks nothing around it: the group
    // before it is judged by what fits up to its `{`, so `if c then match x { … } else d` stays.
    case 'lineIndent': return false;
    default: return false;
  }
}

export function isDocArray(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc);
}
