// Helpers for the formatter's tests: the real plans to format (the spec's example, the
// conformance cases, the checker's and parser's fixtures, the examples, the golden inputs)
// and what formatting must keep (the AST without spans, the comments in order).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '../../packages/language/src/syntax/parse';
import { commentTexts, syntaxTreeShape } from '../../packages/language/src/format/same-tree';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CASES = join(import.meta.dirname, 'cases');

export interface Plan {
  /** Path from the repository root. */
  readonly name: string;
  readonly text: string;
}

/** Every plan the formatter must handle, found afresh on each run. */
export function realPlans(): Plan[] {
  const paths = [
    join(ROOT, 'test', 'fixtures', 'spec-example.incent'),
    join(ROOT, 'test', 'check', 'ok', 'everything.incent'),
    ...filesIn(join(ROOT, 'test', 'syntax', 'ok'), (name) => name.endsWith('.incent')),
    ...subfolderPlans(join(ROOT, 'test', 'conformance', 'cases')),
    ...subfolderPlans(join(ROOT, 'examples')),
    ...goldenInputs(),
  ];
  return paths.map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

/** test/format/cases/NAME.incent, without the NAME.formatted.incent outputs. */
export function goldenInputs(): string[] {
  return filesIn(CASES, (name) => name.endsWith('.incent') && !name.endsWith('.formatted.incent'));
}

function subfolderPlans(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(folder, entry.name, 'plan.incent'))
    .filter((path) => existsSync(path))
    .sort();
}

function filesIn(folder: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter(keep).sort().map((name) => join(folder, name));
}

/** The AST of a text without spans, as JSON. */
export function treeOf(text: string): string {
  return JSON.stringify(syntaxTreeShape(parse(text).file));
}

/** The comments of a text, in order, as the formatter keeps them. */
export function commentsOf(text: string): string[] {
  return commentTexts(parse(text).comments);
}

export function hasSyntaxErrors(text: string): boolean {
  return parse(text).diagnostics.some((d) => d.severity === 'error');
}

export interface Syntax {
  readonly errors: boolean;
  /** As `treeOf`. */
  readonly tree: string;
  /** As `commentsOf`. */
  readonly comments: string[];
}

/** Everything the properties compare, from one parse. */
export function syntaxOf(text: string): Syntax {
  const parsed = parse(text);
  return {
    errors: parsed.diagnostics.some((d) => d.severity === 'error'),
    tree: JSON.stringify(syntaxTreeShape(parsed.file)),
    comments: commentTexts(parsed.comments),
  };
}
