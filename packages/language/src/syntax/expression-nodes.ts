// The expression nodes of the AST as both ways of building it make them: from chevrotain's CST
// (cst-to-ast-expressions.ts) and straight from the tokens (direct-parser.ts). Each function
// takes the parts already built and makes the node: operators grouped by precedence, literals,
// calls and aggregates, if chains, table rows. Keeping them here is what makes the two give the
// same tree, node for node and span for span (a test compares them on every input it meets).
import type { IToken } from 'chevrotain';
import { diagnostic } from '../diagnostics/diagnostic';
import type {
  AggregateFn, BandArm, BandsExpr, BinaryExpr, BinaryOp, ElseArm, ErrorExpr, Expr, ForClause, Identifier, MatchArm, MatchExpr, Span,
} from './ast';
import type { BuildContext } from './cst-access';
import { stringValue, tokenSpan } from './lexer';

/** Deeper expression trees are refused (E006), so that every later stage may safely recurse. */
export const MAX_EXPRESSION_DEPTH = 1000;

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '??': 6, '+': 7, '-': 7, '*': 8, '/': 8,
};
const NOT_PRECEDENCE = 3;
const IS_SET_PRECEDENCE = 5;
const AGGREGATES: ReadonlySet<string> = new Set<AggregateFn>(['sum', 'count', 'avg', 'min', 'max']);

/** An operand of an operator chain: its prefix `not`s, its value (prefix `-` and field access applied) and its `is [not] set`. */
export interface OperandParts {
  readonly nots: readonly IToken[];
  readonly value: Expr;
  readonly isSet: { readonly negated: boolean; readonly end: number } | undefined;
}

type PendingOperator =
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly precedence: number; readonly span: Span }
  | { readonly kind: 'not'; readonly precedence: number; readonly start: number };

/**
 * `operand (op operand)*`, read flat, grouped by precedence (loosest first: or, and, not,
 * comparisons, is set, ??, + -, * /), left-associative, bottom-up without recursion; a chained
 * comparison is reported (E004). `operators[i]` stands between `operands[i]` and `operands[i + 1]`.
 */
export function groupOperands(operands: readonly OperandParts[], operators: readonly IToken[], ctx: BuildContext): Expr {
  const first = operands[0]!;
  // the most common expression: one operand, nothing to group
  if (operators.length === 0 && first.nots.length === 0 && first.isSet === undefined) return first.value;
  const output: Expr[] = [];
  const pending: PendingOperator[] = [];

  const reduceWhile = (applies: (operator: PendingOperator) => boolean): void => {
    while (pending.length > 0 && applies(pending[pending.length - 1]!)) {
      const operator = pending.pop()!;
      if (operator.kind === 'not') {
        const operand = output.pop()!;
        output.push(finish({ kind: 'UnaryExpr', op: 'not', operand, span: { start: operator.start, end: operand.span.end } }, [operand], ctx));
      } else {
        const right = output.pop()!;
        const left = output.pop()!;
        output.push(binary(operator.op, left, right, operator.span, ctx));
      }
    }
  };

  for (let index = 0; index < operands.length; index++) {
    const operand = operands[index]!;
    for (const not of operand.nots) pending.push({ kind: 'not', precedence: NOT_PRECEDENCE, start: not.startOffset });
    output.push(operand.value);
    if (operand.isSet !== undefined) {
      reduceWhile((operator) => operator.precedence > IS_SET_PRECEDENCE);
      const subject = output.pop()!;
      const span = { start: subject.span.start, end: Math.max(subject.span.end, operand.isSet.end) };
      output.push(finish({ kind: 'IsSetExpr', operand: subject, negated: operand.isSet.negated, span }, [subject], ctx));
    }
    const token = operators[index];
    if (token === undefined) break;
    const op = token.image as BinaryOp;
    reduceWhile((operator) => operator.precedence >= PRECEDENCE[op]);
    pending.push({ kind: 'binary', op, precedence: PRECEDENCE[op], span: tokenSpan(token) });
  }
  reduceWhile(() => true);
  return output[0]!;
}

/** The literal (or `payee`, `period`, elided group) a token is; undefined when it is none. */
export function literal(token: IToken): Expr | undefined {
  switch (token.tokenType.name) {
    case 'NumberLiteral': return { kind: 'NumberLiteral', text: withoutUnderscores(token.image), span: tokenSpan(token) };
    case 'PercentLiteral': return { kind: 'PercentLiteral', text: withoutUnderscores(token.image.slice(0, -1)), span: tokenSpan(token) };
    case 'MoneyLiteral': {
      const [amount = '', currency = ''] = token.image.split(/[ \t]+/);
      return { kind: 'MoneyLiteral', text: withoutUnderscores(amount), currency, span: tokenSpan(token) };
    }
    case 'DateLiteral': return { kind: 'DateLiteral', text: token.image, span: tokenSpan(token) };
    case 'StringLiteral':
    case 'UnterminatedString': return { kind: 'StringLiteral', value: stringValue(token), span: tokenSpan(token) };
    case 'True': return { kind: 'BoolLiteral', value: true, span: tokenSpan(token) };
    case 'False': return { kind: 'BoolLiteral', value: false, span: tokenSpan(token) };
    case 'Payee': return { kind: 'PayeeExpr', span: tokenSpan(token) };
    case 'Period': return { kind: 'PeriodExpr', span: tokenSpan(token) };
    case 'ElidedGroup': return errorExpr(tokenSpan(token));
    default: return undefined;
  }
}

/** `object.field`; `dotEnd` is where the `.` ends (the field may be missing). */
export function fieldAccess(object: Expr, field: Identifier, dotEnd: number, ctx: BuildContext): Expr {
  return finish({ kind: 'FieldAccess', object, field, span: { start: object.span.start, end: Math.max(field.span.end, dotEnd) } }, [object], ctx);
}

/** `-operand`, the `-` at `start`. */
export function negation(start: number, operand: Expr, ctx: BuildContext): Expr {
  return finish({ kind: 'UnaryExpr', op: '-', operand, span: { start, end: operand.span.end } }, [operand], ctx);
}

/** `(inner)` from the `(` at `start` to `end`. */
export function parenthesized(start: number, inner: Expr, end: number, ctx: BuildContext): Expr {
  return finish({ kind: 'ParenExpr', inner, span: { start, end } }, [inner], ctx);
}

/** A call `name(args)`: a built-in, or anything (the checker says what is unknown). */
export function call(callee: Identifier, args: readonly Expr[], span: Span, ctx: BuildContext): Expr {
  return finish({ kind: 'CallExpr', callee, args, span }, args, ctx);
}

/**
 * `name(value for selection)` or `name(selection)`: an aggregate, with what is wrong about it
 * reported (E003): a name that is no aggregate (then a call), `count` with a value, another
 * aggregate without one. `open` is where the `(` ends.
 */
export function aggregate(
  name: Identifier, value: Expr | undefined, parts: Omit<ForClause, 'kind' | 'span'>, span: Span, open: number, ctx: BuildContext,
): Expr {
  if (!AGGREGATES.has(name.name)) {
    ctx.diagnostics.push(diagnostic('E003', `\`${name.name}\` is not an aggregate`, name.span, {
      help: 'the aggregates are `sum`, `count`, `avg`, `min` and `max`',
    }));
    return call(name, value === undefined ? [] : [value], span, ctx);
  }
  const fn = name.name as AggregateFn;
  if (fn === 'count' && value !== undefined) {
    ctx.diagnostics.push(diagnostic('E003', '`count` takes no value before `for`', value.span, {
      help: `write \`count(${parts.variable.name} in ${parts.source.name})\``,
    }));
  }
  if (fn !== 'count' && value === undefined) {
    ctx.diagnostics.push(diagnostic('E003', `expected a value and \`for\` in \`${fn}\``, name.span, {
      help: `write \`${fn}(${parts.variable.name}.field for ${parts.variable.name} in ${parts.source.name})\``,
    }));
  }
  const aggregated = fn === 'count' ? undefined : value ?? errorExpr(emptySpan(open));
  const children = [aggregated, parts.where].filter((child): child is Expr => child !== undefined);
  return finish({ kind: 'AggregateExpr', fn, value: aggregated, ...parts, span }, children, ctx);
}

/**
 * `if c then a (else if c then a)* else b` as nested IfExprs, the innermost first: `starts[i]` is
 * where the i-th `if` starts; every IfExpr of the chain ends where the whole chain does (`end`).
 */
export function ifChain(
  starts: readonly number[], conditions: readonly Expr[], thens: readonly Expr[], otherwise: Expr, end: number, ctx: BuildContext,
): Expr {
  let result = otherwise;
  for (let index = starts.length - 1; index >= 0; index--) {
    const condition = conditions[index]!;
    const then = thens[index]!;
    const span = { start: starts[index]!, end: Math.max(end, result.span.end) };
    result = finish({ kind: 'IfExpr', condition, then, else: result, span }, [condition, then, result], ctx);
  }
  return result;
}

export function matchExpression(subject: Expr, arms: readonly MatchArm[], elseArm: ElseArm | undefined, span: Span, ctx: BuildContext): Expr {
  const node: MatchExpr = { kind: 'MatchExpr', subject, arms, elseArm, span };
  return finish(node, [subject, ...arms.flatMap((arm) => [...arm.patterns, arm.value]), ...(elseArm ? [elseArm.value] : [])], ctx);
}

export function bandsExpression(subject: Expr, arms: readonly BandArm[], elseArm: ElseArm | undefined, span: Span, ctx: BuildContext): Expr {
  const node: BandsExpr = { kind: 'BandsExpr', subject, arms, elseArm, span };
  return finish(node, [subject, ...bandArmExpressions(arms), ...(elseArm ? [elseArm.value] : [])], ctx);
}

/**
 * A row of a bands or tier table, from `span.start`: `lower to upper`, `lower up` (`upEnd`
 * where the `up` ends) or `below upper`. Its range runs to the end of the last of them.
 */
export function bandArm(lower: Expr | undefined, upper: Expr | undefined, upEnd: number | undefined, value: Expr, span: Span): BandArm {
  const rangeEnd = Math.max(upper?.span.end ?? span.start, lower?.span.end ?? span.start, upEnd ?? span.start);
  return { kind: 'BandArm', lower, upper, value, rangeSpan: { start: span.start, end: rangeEnd }, span };
}

export function bandArmExpressions(arms: readonly BandArm[]): Expr[] {
  return arms.flatMap((arm) => [arm.lower, arm.upper, arm.value].filter((part): part is Expr => part !== undefined));
}

export function errorExpr(span: Span): ErrorExpr {
  return { kind: 'ErrorExpr', span };
}

function emptySpan(offset: number): Span {
  return { start: offset, end: offset };
}

function binary(op: BinaryOp, left: Expr, right: Expr, opSpan: Span, ctx: BuildContext): Expr {
  if (PRECEDENCE[op] === PRECEDENCE['=='] && left.kind === 'BinaryExpr' && PRECEDENCE[left.op] === PRECEDENCE['==']) {
    ctx.diagnostics.push(diagnostic('E004', 'comparisons cannot be chained', opSpan, {
      help: 'compare twice and join the comparisons with `and`, as in `a < b and b < c`',
    }));
  }
  const node: BinaryExpr = { kind: 'BinaryExpr', op, left, right, opSpan, span: { start: left.span.start, end: right.span.end } };
  return finish(node, [left, right], ctx);
}

/**
 * Records the depth of a new expression node. A node deeper than the limit becomes an
 * ErrorExpr (E006, reported once); the nodes above it then fold into ErrorExprs silently.
 */
function finish(expr: Expr, children: readonly Expr[], ctx: BuildContext): Expr {
  let depth = 1;
  for (const child of children) depth = Math.max(depth, (ctx.depths.get(child) ?? 1) + 1);
  if (depth <= MAX_EXPRESSION_DEPTH) {
    ctx.depths.set(expr, depth);
    return expr;
  }
  if (depth !== Infinity) {
    const span = expr.kind === 'BinaryExpr' ? expr.opSpan : expr.span;
    ctx.diagnostics.push(diagnostic('E006', `expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep`, span, {
      help: 'split it into several `let` or `measure` declarations',
    }));
  }
  const replacement = errorExpr(expr.span);
  ctx.depths.set(replacement, Infinity);
  return replacement;
}

function withoutUnderscores(digits: string): string {
  return digits.includes('_') ? digits.replace(/_/g, '') : digits;
}
