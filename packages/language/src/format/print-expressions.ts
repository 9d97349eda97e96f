// The formatter's printer for expressions and `{ … }` bodies: AST expression → doc.
// Pipeline: AST + tokens → **doc** → text. Every token is taken from the cursor in source
// order (so parentheses stay exactly where the user wrote them, as ParenExpr, and literals
// keep their digits); `and`/`or` chains and `if` expressions are groups that break before
// their keywords when the line is too long; `match`, `bands` and tier tables put one row per
// line with their columns marked for alignment.
import type { BandArm, BinaryExpr, ElseArm, Expr, IfExpr, MatchArm } from '../syntax/ast';
import { FormatterBug, type Cursor } from './cursor';
import { group, indent, line, lineIndent, mark, space, type Doc } from './doc';

export interface PrintContext {
  readonly cursor: Cursor;
  /** Numbers the tables, so that each aligns its own columns. */
  tables: number;
}

/** A `{ … }` body of items, one per line; `{}` when it is empty. The caller emits nothing of it. */
export function printBlock(ctx: PrintContext, items: readonly (() => Doc)[], options: { keepBlankLines: boolean; forceBlank?: (index: number) => boolean }): Doc {
  const { cursor } = ctx;
  const open = cursor.token('{');
  if (items.length === 0 && !cursor.hasCommentsBefore()) return [open, cursor.token('}')];
  const body: Doc[] = [];
  items.forEach((item, index) => {
    body.push(cursor.listGap({ first: index === 0, last: false, keepBlankLines: options.keepBlankLines, forceBlank: options.forceBlank?.(index) ?? false }));
    body.push(item());
  });
  body.push(cursor.listGap({ first: items.length === 0, last: true, keepBlankLines: options.keepBlankLines }));
  return [open, lineIndent([indent(body), cursor.token('}')])];
}

/** An expression that may continue on further lines: those are indented one step. */
export function printValue(ctx: PrintContext, expr: Expr): Doc {
  return indent(printExpr(ctx, expr));
}

export function printExpr(ctx: PrintContext, expr: Expr): Doc {
  const { cursor } = ctx;
  const token = (text: string): Doc => cursor.token(text);
  switch (expr.kind) {
    case 'NumberLiteral': return cursor.literal((image) => /^\d/.test(image) && withoutUnderscores(image) === expr.text, same);
    case 'PercentLiteral': return cursor.literal((image) => image.endsWith('%') && withoutUnderscores(image.slice(0, -1)) === expr.text, same);
    case 'DateLiteral': return cursor.literal((image) => image === expr.text, same);
    case 'MoneyLiteral': return cursor.literal((image) => {
      const [amount = '', currency = ''] = image.split(/[ \t]+/);
      return withoutUnderscores(amount) === expr.text && currency === expr.currency;
    }, (image) => image.split(/[ \t]+/).join(' '));
    case 'StringLiteral': return printString(cursor, expr.value);
    case 'BoolLiteral': return token(expr.value ? 'true' : 'false');
    case 'NameExpr': return token(expr.name.name);
    case 'PayeeExpr': return token('payee');
    case 'PeriodExpr': return token('period');
    case 'FieldAccess': return [printExpr(ctx, expr.object), token('.'), token(expr.field.name)];
    case 'BinaryExpr':
      if (expr.op === 'and' || expr.op === 'or') return printLogicalChain(ctx, expr, false);
      return [printExpr(ctx, expr.left), space, token(expr.op), space, printExpr(ctx, expr.right)];
    case 'UnaryExpr': {
      if (expr.op === 'not') return [token('not'), space, printExpr(ctx, expr.operand)];
      const doubled = expr.operand.kind === 'UnaryExpr' && expr.operand.op === '-';
      return [token('-'), doubled ? space : [], printExpr(ctx, expr.operand)];
    }
    case 'IsSetExpr': {
      const operand = printExpr(ctx, expr.operand);
      const is = token('is');
      const not = expr.negated ? [space, token('not')] : [];
      return [operand, space, is, not, space, token('set')];
    }
    case 'IfExpr': return printIf(ctx, expr);
    case 'MatchExpr': {
      const arrow = `table${ctx.tables++}:arrow`;
      const head = [token('match'), space, printExpr(ctx, expr.subject), space];
      const rows = [...expr.arms.map((arm) => () => printMatchArm(ctx, arm, arrow)), ...elseRow(ctx, expr.elseArm, arrow)];
      return [head, printBlock(ctx, rows, { keepBlankLines: false })];
    }
    case 'BandsExpr': {
      const head = [token('bands'), space, printExpr(ctx, expr.subject), space];
      return [head, printTable(ctx, expr.arms, expr.elseArm)];
    }
    case 'AggregateExpr': {
      const parts: Doc[] = [token(expr.fn), token('(')];
      if (expr.value !== undefined) parts.push(printExpr(ctx, expr.value), space, token('for'), space);
      parts.push(token(expr.variable.name), space, token('in'), space);
      if (expr.all) parts.push(token('all'), space);
      parts.push(token(expr.source.name));
      if (expr.where !== undefined) parts.push(space, token('where'), space, printExpr(ctx, expr.where));
      parts.push(token(')'));
      return parts;
    }
    case 'CallExpr': {
      const parts: Doc[] = [token(expr.callee.name), token('(')];
      expr.args.forEach((argument, index) => {
        if (index > 0) parts.push(token(','), space);
        parts.push(printExpr(ctx, argument));
      });
      parts.push(token(')'));
      return parts;
    }
    case 'ParenExpr': return [token('('), printExpr(ctx, expr.inner), token(')')];
    case 'ErrorExpr': throw new FormatterBug('an ErrorExpr in a plan without syntax errors');
  }
}

/** A bands or tier table: lower bounds, `to`/`up` and arrows each in their own column. */
export function printTable(ctx: PrintContext, arms: readonly BandArm[], elseArm: ElseArm | undefined): Doc {
  const table = ctx.tables++;
  const lower = `table${table}:lower`;
  const arrow = `table${table}:arrow`;
  const rows = [...arms.map((arm) => () => printBandArm(ctx, arm, lower, arrow)), ...elseRow(ctx, elseArm, arrow)];
  return printBlock(ctx, rows, { keepBlankLines: false });
}

/** A string literal, re-escaped from its value. */
export function printString(cursor: Cursor, value: string): Doc {
  return cursor.literal((image) => image.startsWith('"'), () => `"${value.replace(/[\\"]/g, '\\$&')}"`);
}

// ---------------------------------------------------------------- groups

/** `a and b and c`: one group that breaks before each `and`; a nested chain of the other operator is indented. */
function printLogicalChain(ctx: PrintContext, expr: BinaryExpr, nested: boolean): Doc {
  const spine: BinaryExpr[] = [];
  let leftmost: Expr = expr;
  while (leftmost.kind === 'BinaryExpr' && leftmost.op === expr.op) {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  const operand = (operandExpr: Expr): Doc =>
    operandExpr.kind === 'BinaryExpr' && (operandExpr.op === 'and' || operandExpr.op === 'or')
      ? printLogicalChain(ctx, operandExpr, true)
      : printExpr(ctx, operandExpr);
  const parts: Doc[] = [operand(leftmost)];
  for (let index = spine.length - 1; index >= 0; index--) {
    parts.push(line, ctx.cursor.token(expr.op), space, operand(spine[index]!.right));
  }
  return group(nested ? indent(parts) : parts);
}

/** `if c then a else if d then b else e`: one group that breaks before each `else`. */
function printIf(ctx: PrintContext, expr: IfExpr): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  const parts: Doc[] = [token('if'), space, printExpr(ctx, expr.condition), space, token('then'), space, printExpr(ctx, expr.then)];
  let otherwise = expr.else;
  while (otherwise.kind === 'IfExpr') {
    parts.push(line, token('else'), space, token('if'), space, printExpr(ctx, otherwise.condition));
    parts.push(space, token('then'), space, printExpr(ctx, otherwise.then));
    otherwise = otherwise.else;
  }
  parts.push(line, token('else'), space, printExpr(ctx, otherwise));
  return group(parts);
}

// ---------------------------------------------------------------- table rows

function printMatchArm(ctx: PrintContext, arm: MatchArm, arrow: string): Doc {
  const parts: Doc[] = [];
  arm.patterns.forEach((pattern, index) => {
    if (index > 0) parts.push(ctx.cursor.token(','), space);
    parts.push(printExpr(ctx, pattern));
  });
  return [parts, printArrow(ctx, arm.value, arrow)];
}

function printBandArm(ctx: PrintContext, arm: BandArm, lower: string, arrow: string): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  const parts: Doc[] = [];
  if (arm.lower === undefined) {
    parts.push(token('below'), space, printExpr(ctx, arm.upper!));
  } else {
    parts.push(printExpr(ctx, arm.lower), mark(lower, 0), space);
    parts.push(arm.upper === undefined ? token('up') : [token('to'), space, printExpr(ctx, arm.upper)]);
  }
  return [parts, printArrow(ctx, arm.value, arrow)];
}

function elseRow(ctx: PrintContext, elseArm: ElseArm | undefined, arrow: string): (() => Doc)[] {
  if (elseArm === undefined) return [];
  return [() => [ctx.cursor.token('else'), printArrow(ctx, elseArm.value, arrow)]];
}

function printArrow(ctx: PrintContext, value: Expr, arrow: string): Doc {
  return [mark(arrow, 1), space, ctx.cursor.token('->'), space, printValue(ctx, value)];
}

function same(image: string): string {
  return image;
}

function withoutUnderscores(digits: string): string {
  return digits.replace(/_/g, '');
}
