// The formatter: plan text → the same plan in the one house style. Pipeline: text → parse
// (syntax only) → cursor over the tokens + AST → doc (print-*.ts) → text (render.ts). A plan
// with syntax errors comes back unchanged with its diagnostics: a broken file is never
// reformatted. The result is checked before it is returned: it must parse to the same AST
// with the same comments, or the input comes back unchanged with an E007 (a formatter bug).
//
// The style (docs/formatting.md says the same for users):
// - Two-space indentation (`indent` option); lines of up to 100 columns where they can break.
// - One declaration after another in the order written. Block declarations (plan, input and
//   the components) are set apart by one empty line; between enums, lets, measures and metrics
//   one empty line the user left is kept, and more are cut to one.
// - Plan header items, input members and component clauses one per line, in the order written,
//   keeping at most one empty line the user left between them.
// - `enum Channel { direct, partner, marketplace }` on one line; when it does not fit, or holds
//   a line comment, one value per line, each followed by a comma.
// - Input fields as `name: Type key`, types not aligned (a new long field name would re-indent
//   every line of the input).
// - `match`, `bands` and accelerator tier tables one row per line, the `->` arrows aligned
//   within a table, and in range tables the `to`/`up` column aligned too.
// - Short expressions on one line with single spaces around binary operators (none inside
//   `a.b`, `f(x)`, `-x`); a line that is too long breaks before the `and`/`or` of a condition
//   and before the `else` of an `if`, continuation lines indented one step.
// - Parentheses exactly where the user wrote them; none added. Numbers, percents, money and
//   dates exactly as written (`1_000_000`, `7.5%`, `250_000 USD`, one space before the
//   currency); strings re-escaped from their value.
// - Every comment kept, in order: one that ends a line of code stays at the end of that line
//   (trailing `//` comments on consecutive lines of one indentation are aligned); one on its
//   own line stays on its own line before what follows it; a block comment within a line stays
//   there. No line ends in spaces; the file ends with one newline.
import { hasErrors, diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { parse } from '../syntax/parse';
import { createCursor, FormatterBug } from './cursor';
import { printFile } from './print-declarations';
import { renderDoc } from './render';
import { commentTexts, sameSyntaxTree } from './same-tree';

export interface FormatResult {
  /** The formatted plan; the input itself when it has syntax errors. */
  readonly text: string;
  /** Whether `text` differs from the input. */
  readonly changed: boolean;
  /** The syntax diagnostics of the input (and E007 if the formatter failed). */
  readonly diagnostics: Diagnostic[];
}

export interface FormatOptions {
  /** Spaces per indentation step, 0 to 8; 2 by default. */
  readonly indent?: number;
}

/** The line width that long conditions and `if` expressions are broken to fit. */
export const FORMAT_LINE_WIDTH = 100;

/** Formats a plan. Never throws; a plan with syntax errors is returned unchanged. */
export function formatPlan(text: string, options: FormatOptions = {}): FormatResult {
  const parsed = parse(text);
  if (hasErrors(parsed.diagnostics)) return { text, changed: false, diagnostics: parsed.diagnostics };
  const unchanged = (message: string): FormatResult => ({
    text,
    changed: false,
    diagnostics: [...parsed.diagnostics, diagnostic('E007', message, { start: 0, end: Math.min(text.length, 1) }, {
      help: 'this is a bug in Incent; please report it with the file',
    })],
  });
  let formatted: string;
  try {
    const cursor = createCursor(text);
    const doc = printFile({ cursor, tables: 0 }, parsed.file);
    if (!cursor.atEnd()) throw new FormatterBug('tokens were left unprinted');
    formatted = renderDoc(doc, { indent: indentOption(options.indent), width: FORMAT_LINE_WIDTH });
  } catch (error) {
    return unchanged(`the formatter failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const again = parse(formatted);
  const sameComments = JSON.stringify(commentTexts(again.comments)) === JSON.stringify(commentTexts(parsed.comments));
  if (hasErrors(again.diagnostics) || !sameSyntaxTree(parsed.file, again.file) || !sameComments) {
    return unchanged('the formatter changed the meaning of the plan, so it was left as it is');
  }
  return { text: formatted, changed: formatted !== text, diagnostics: parsed.diagnostics };
}

function indentOption(indent: number | undefined): number {
  return indent !== undefined && Number.isInteger(indent) && indent >= 0 && indent <= 8 ? indent : 2;
}
