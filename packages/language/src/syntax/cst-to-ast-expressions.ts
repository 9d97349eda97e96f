// CST → AST for expressions. The parser reads `operand (op operand)*` flat; here the
// operators are grouped by precedence (loosest first: or, and, not, comparisons, is set, ??,
// + -, * /, unary -), left-associative, with a chained comparison reported as E004. Every
// expression is built bottom-up without recursion over operator chains, and a tree deeper
// than MAX_EXPRESSION_DEPTH becomes an ErrorExpr with E006, so later stages may recurse.
import type { CstNode, IToken } from 'chevrotain';
import { diagnostic } from '../diagnostics/diagnostic';
import type {
  AggregateFn, BandArm, BinaryExpr, BinaryOp, ElseArm, ErrorExpr, Expr, ForClause, MatchArm, Span,
} from './ast';
import {
  type BuildContext, childNode, childNodes, childTokens, emptySpanAt, endAfter, identifierFrom, isRealToken, nodeSpan,
  realToken, realTokens,
} from './cst-access';
import { stringValue, tokenEnd, tokenSpan } from './lexer';

/** Deeper expression trees are refused (E006), so that every later stage may safely recurse. */
export const MAX_EXPRESSION_DEPTH = 1000;

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '??': 6, '+': 7, '-': 7, '*': 8, '/': 8,
};
const NOT_PRECEDENCE = 3;
const IS_SET_PRECEDENCE = 5;
const AGGREGATES: ReadonlySet<string> = new Set<AggregateFn>(['sum', 'count', 'avg', 'min', 'max']);

type PendingOperator =
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly precedence: number; readonly span: Span }
  | { readonly kind: 'not'; readonly precedence: number; readonly start: number };

/** Builds an expression; a missing one (recovery) is an ErrorExpr at `after`. */
export function buildExpression(cst: CstNode | undefined, after: number, ctx: BuildContext): Expr {
  if (nodeSpan(cst) === undefined) return errorExpr(emptySpanAt(after));
  const operands = childNodes(cst, 'operand');
  const operators = childTokens(cst, 'BinaryOperator');
  let operand = buildOperand(operands[0], after, ctx);
  // the most common expression: one operand, nothing to group
  if (operators.length === 0 && operand.nots.length === 0 && operand.isSet === undefined) return operand.value;
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

  let cursor = after;
  for (let index = 0; index <= operators.length; index++) {
    if (index > 0) operand = buildOperand(operands[index], cursor, ctx);
    for (const not of operand.nots) pending.push({ kind: 'not', precedence: NOT_PRECEDENCE, start: not.startOffset });
    output.push(operand.value);
    if (operand.isSet !== undefined) {
      reduceWhile((operator) => operator.precedence > IS_SET_PRECEDENCE);
      const subject = output.pop()!;
      const span = { start: subject.span.start, end: Math.max(subject.span.end, operand.isSet.end) };
      output.push(finish({ kind: 'IsSetExpr', operand: subject, negated: operand.isSet.negated, span }, [subject], ctx));
    }
    cursor = output[output.length - 1]!.span.end;
    const token = operators[index];
    if (token === undefined) break;
    const op = token.image as BinaryOp;
    reduceWhile((operator) => operator.precedence >= PRECEDENCE[op]);
    const span = tokenSpan(token);
    pending.push({ kind: 'binary', op, precedence: PRECEDENCE[op], span });
    cursor = span.end;
  }
  reduceWhile(() => true);
  return output[0]!;
}

/** `d in [all] deals [where c]` as the parts of a ForClause. */
export function buildRecordSelection(cst: CstNode | undefined, after: number, ctx: BuildContext): Omit<ForClause, 'kind' | 'span'> {
  const variable = identifierFrom(realToken(cst, 'variable'), after);
  const inEnd = endAfter(variable.span.end, realToken(cst, 'In'));
  const all = realToken(cst, 'All') !== undefined;
  const source = identifierFrom(realToken(cst, 'source'), endAfter(inEnd, realToken(cst, 'All')));
  const whereToken = realToken(cst, 'Where');
  const where = whereToken === undefined ? undefined : buildExpression(childNode(cst, 'where'), tokenEnd(whereToken), ctx);
  return { variable, all, source, where };
}

export function errorExpr(span: Span): ErrorExpr {
  return { kind: 'ErrorExpr', span };
}

// ---------------------------------------------------------------- operands

interface OperandParts {
  readonly nots: readonly IToken[];
  readonly value: Expr;
  readonly isSet: { readonly negated: boolean; readonly end: number } | undefined;
}

function buildOperand(cst: CstNode | undefined, after: number, ctx: BuildContext): OperandParts {
  const nots = realTokens(cst, 'prefixNot');
  const minuses = realTokens(cst, 'prefixMinus');
  const lastPrefix = minuses[minuses.length - 1] ?? nots[nots.length - 1];
  let value = buildPrimary(cst, endAfter(after, lastPrefix), ctx);
  const fields = childTokens(cst, 'field');
  const dots = childTokens(cst, 'Dot');
  for (let index = 0; index < dots.length; index++) {
    const dotEnd = tokenEnd(dots[index]!);
    const field = identifierFrom(fields[index], dotEnd);
    const span = { start: value.span.start, end: Math.max(field.span.end, dotEnd) };
    value = finish({ kind: 'FieldAccess', object: value, field, span }, [value], ctx);
  }
  for (let index = minuses.length - 1; index >= 0; index--) {
    const start = minuses[index]!.startOffset;
    value = finish({ kind: 'UnaryExpr', op: '-', operand: value, span: { start, end: value.span.end } }, [value], ctx);
  }
  const is = realToken(cst, 'Is');
  const isSet = is === undefined ? undefined : {
    negated: realToken(cst, 'isNot') !== undefined,
    end: endAfter(tokenEnd(is), realToken(cst, 'isNot'), realToken(cst, 'Set')),
  };
  return { nots, value, isSet };
}

/** The primary of an operand: the operand's children of the one alternative it matched, beside its prefixes, fields and `is set`. */
function buildPrimary(cst: CstNode | undefined, after: number, ctx: BuildContext): Expr {
  // Look at what is there, rather than asking for each kind of literal in turn; the operand's
  // own keys (prefixNot, prefixMinus, Dot, field, Is, isNot, Set) fall through the switch.
  for (const key in cst?.children) {
    const found = realToken(cst, key);
    switch (key) {
      case 'NumberLiteral': if (found) return { kind: 'NumberLiteral', text: withoutUnderscores(found.image), span: tokenSpan(found) }; break;
      case 'PercentLiteral': if (found) return { kind: 'PercentLiteral', text: withoutUnderscores(found.image.slice(0, -1)), span: tokenSpan(found) }; break;
      case 'MoneyLiteral':
        if (found) {
          const [amount = '', currency = ''] = found.image.split(/[ \t]+/);
          return { kind: 'MoneyLiteral', text: withoutUnderscores(amount), currency, span: tokenSpan(found) };
        }
        break;
      case 'DateLiteral': if (found) return { kind: 'DateLiteral', text: found.image, span: tokenSpan(found) }; break;
      case 'StringLiteral': if (found) return { kind: 'StringLiteral', value: stringValue(found), span: tokenSpan(found) }; break;
      case 'True': if (found) return { kind: 'BoolLiteral', value: true, span: tokenSpan(found) }; break;
      case 'False': if (found) return { kind: 'BoolLiteral', value: false, span: tokenSpan(found) }; break;
      case 'Payee': if (found) return { kind: 'PayeeExpr', span: tokenSpan(found) }; break;
      case 'Period': if (found) return { kind: 'PeriodExpr', span: tokenSpan(found) }; break;
      case 'ElidedGroup': if (found) return errorExpr(tokenSpan(found)); break;
      case 'name': return buildNameOrCall(cst!, after, ctx);
      case 'LParen':
        if (found) {
          const inner = buildExpression(childNode(cst, 'inner'), tokenEnd(found), ctx);
          const span = { start: found.startOffset, end: endAfter(inner.span.end, realToken(cst, 'RParen')) };
          return finish({ kind: 'ParenExpr', inner, span }, [inner], ctx);
        }
        break;
      case 'ifExpression': return buildIf(childNode(cst, key)!, after, ctx);
      case 'matchExpression': return buildMatch(childNode(cst, key)!, after, ctx);
      case 'bandsExpression': return buildBands(childNode(cst, key)!, after, ctx);
      default: break;
    }
  }
  return errorExpr(emptySpanAt(after));
}

// ---------------------------------------------------------------- calls and aggregates

/** `name`, a call `name(args)` or an aggregate: the operand's `name` and `callArguments`. */
function buildNameOrCall(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const name = identifierFrom(realToken(cst, 'name'), after);
  const call = childNode(cst, 'callArguments');
  if (call === undefined) return { kind: 'NameExpr', name, span: name.span };
  const span = { start: name.span.start, end: Math.max(name.span.end, nodeSpan(call)?.end ?? name.span.end) };
  const open = endAfter(name.span.end, realToken(call, 'LParen'));
  const countSelection = childNode(call, 'countSelection');
  const selection = childNode(call, 'selection');
  const argumentNodes = childNodes(call, 'argument');
  if (countSelection === undefined && selection === undefined) {
    const commas = childTokens(call, 'Comma');
    const args = argumentNodes.map((argument, index) => buildExpression(argument, index === 0 ? open : endAfter(open, commas[index - 1]), ctx));
    return finish({ kind: 'CallExpr', callee: name, args, span }, args, ctx);
  }
  const value = countSelection ? undefined : buildExpression(argumentNodes[0], open, ctx);
  const parts = buildRecordSelection(countSelection ?? selection, countSelection ? open : endAfter(open, realToken(call, 'For')), ctx);
  if (!AGGREGATES.has(name.name)) {
    ctx.diagnostics.push(diagnostic('E003', `\`${name.name}\` is not an aggregate`, name.span, {
      help: 'the aggregates are `sum`, `count`, `avg`, `min` and `max`',
    }));
    const args = value === undefined ? [] : [value];
    return finish({ kind: 'CallExpr', callee: name, args, span }, args, ctx);
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
  const aggregated = fn === 'count' ? undefined : value ?? errorExpr(emptySpanAt(open));
  const children = [aggregated, parts.where].filter((child): child is Expr => child !== undefined);
  return finish({ kind: 'AggregateExpr', fn, value: aggregated, ...parts, span }, children, ctx);
}

// ---------------------------------------------------------------- if, match, bands

function buildIf(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const ifTokens = [realToken(cst, 'If'), ...childTokens(cst, 'elseIfIf')];
  const conditions = childNodes(cst, 'condition');
  const branches = childNodes(cst, 'branch');
  const thens = childTokens(cst, 'Then');
  const end = nodeSpan(cst)?.end ?? after;
  const lastBranchEnd = nodeSpan(branches[branches.length - 1])?.end ?? end;
  let result = buildExpression(childNode(cst, 'otherwise'), endAfter(lastBranchEnd, realToken(cst, 'Else')), ctx);
  for (let index = ifTokens.length - 1; index >= 0; index--) {
    const ifToken = ifTokens[index];
    const start = isRealToken(ifToken) ? ifToken.startOffset : after;
    const condition = buildExpression(conditions[index], endAfter(start, ifToken), ctx);
    const then = buildExpression(branches[index], endAfter(condition.span.end, thens[index]), ctx);
    const otherwise = result;
    result = finish({ kind: 'IfExpr', condition, then, else: otherwise, span: { start, end: Math.max(end, otherwise.span.end) } }, [condition, then, otherwise], ctx);
  }
  return result;
}

function buildMatch(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const keyword = realToken(cst, 'Match');
  const subject = buildExpression(childNode(cst, 'subject'), endAfter(after, keyword), ctx);
  const arms = childNodes(cst, 'matchArm').map((arm) => buildMatchArm(arm, subject.span.end, ctx));
  const elseArm = buildElseArm(childNode(cst, 'elseArm'), ctx);
  const span = nodeSpan(cst) ?? subject.span;
  const children = [subject, ...arms.flatMap((arm) => [...arm.patterns, arm.value]), ...(elseArm ? [elseArm.value] : [])];
  return finish({ kind: 'MatchExpr', subject, arms, elseArm, span }, children, ctx);
}

function buildMatchArm(cst: CstNode, after: number, ctx: BuildContext): MatchArm {
  const span = nodeSpan(cst) ?? { start: after, end: after };
  const commas = childTokens(cst, 'Comma');
  const patterns = childNodes(cst, 'pattern').map((pattern, index) =>
    buildExpression(pattern, index === 0 ? span.start : endAfter(span.start, commas[index - 1]), ctx));
  const arrowEnd = endAfter(patterns[patterns.length - 1]?.span.end ?? span.start, realToken(cst, 'Arrow'));
  const value = buildExpression(childNode(cst, 'value'), arrowEnd, ctx);
  return { kind: 'MatchArm', patterns, value, span };
}

function buildElseArm(cst: CstNode | undefined, ctx: BuildContext): ElseArm | undefined {
  const span = nodeSpan(cst);
  if (cst === undefined || span === undefined) return undefined;
  const value = buildExpression(childNode(cst, 'value'), endAfter(span.start, realToken(cst, 'Else'), realToken(cst, 'Arrow')), ctx);
  return { kind: 'ElseArm', value, span };
}

function buildBands(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const keyword = realToken(cst, 'Bands');
  const subject = buildExpression(childNode(cst, 'subject'), endAfter(after, keyword), ctx);
  const arms = childNodes(cst, 'bandArm').map((arm) => buildBandArm(arm, subject.span.end, ctx));
  const elseArm = buildElseArm(childNode(cst, 'elseArm'), ctx);
  const span = nodeSpan(cst) ?? subject.span;
  return finish({ kind: 'BandsExpr', subject, arms, elseArm, span }, [subject, ...bandArmExpressions(arms), ...(elseArm ? [elseArm.value] : [])], ctx);
}

/** One row of a bands or tier table. */
export function buildBandArm(cst: CstNode, after: number, ctx: BuildContext): BandArm {
  const span = nodeSpan(cst) ?? { start: after, end: after };
  const below = realToken(cst, 'Below');
  const lowerNode = childNode(cst, 'lower');
  const lower = below === undefined && lowerNode ? buildExpression(lowerNode, span.start, ctx) : undefined;
  const to = realToken(cst, 'To');
  const up = realToken(cst, 'Up');
  const upperAfter = endAfter(lower?.span.end ?? span.start, below, to);
  const upper = below !== undefined || to !== undefined ? buildExpression(childNode(cst, 'upper'), upperAfter, ctx) : undefined;
  const rangeEnd = endAfter(Math.max(upper?.span.end ?? span.start, lower?.span.end ?? span.start), up);
  const rangeSpan = { start: span.start, end: rangeEnd };
  const value = buildExpression(childNode(cst, 'value'), endAfter(rangeEnd, realToken(cst, 'Arrow')), ctx);
  return { kind: 'BandArm', lower, upper, value, rangeSpan, span };
}

export function bandArmExpressions(arms: readonly BandArm[]): Expr[] {
  return arms.flatMap((arm) => [arm.lower, arm.upper, arm.value].filter((part): part is Expr => part !== undefined));
}

// ---------------------------------------------------------------- helpers

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
