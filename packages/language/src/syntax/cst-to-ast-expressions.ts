// CST → AST for expressions. The parser reads `operand (op operand)*` flat; the parts read
// here are made into nodes by expression-nodes.ts, which groups the operators by precedence
// (a chained comparison is E004) and refuses trees deeper than MAX_EXPRESSION_DEPTH (E006),
// as it does for direct-parser.ts. Parts recovery lost are built as ErrorExprs at `after`.
import type { CstNode } from 'chevrotain';
import type { BandArm, ElseArm, Expr, ForClause, MatchArm } from './ast';
import {
  type BuildContext, childNode, childNodes, childTokens, emptySpanAt, endAfter, identifierFrom, isRealToken, nodeSpan,
  realToken, realTokens,
} from './cst-access';
import {
  aggregate, bandArm, bandsExpression, call, errorExpr, fieldAccess, groupOperands, ifChain, literal, matchExpression, negation,
  parenthesized, type OperandParts,
} from './expression-nodes';
import { tokenEnd } from './lexer';

export { errorExpr, MAX_EXPRESSION_DEPTH } from './expression-nodes';

/** Builds an expression; a missing one (recovery) is an ErrorExpr at `after`. */
export function buildExpression(cst: CstNode | undefined, after: number, ctx: BuildContext): Expr {
  if (nodeSpan(cst) === undefined) return errorExpr(emptySpanAt(after));
  const operandNodes = childNodes(cst, 'operand');
  const operators = childTokens(cst, 'BinaryOperator');
  const operands: OperandParts[] = [buildOperand(operandNodes[0], after, ctx)];
  // an operand recovery lost stands just after the operator before it
  for (let index = 0; index < operators.length; index++) operands.push(buildOperand(operandNodes[index + 1], tokenEnd(operators[index]!), ctx));
  return groupOperands(operands, operators, ctx);
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

// ---------------------------------------------------------------- operands

function buildOperand(cst: CstNode | undefined, after: number, ctx: BuildContext): OperandParts {
  const nots = realTokens(cst, 'prefixNot');
  const minuses = realTokens(cst, 'prefixMinus');
  const lastPrefix = minuses[minuses.length - 1] ?? nots[nots.length - 1];
  let value = buildPrimary(cst, endAfter(after, lastPrefix), ctx);
  const fields = childTokens(cst, 'field');
  const dots = childTokens(cst, 'Dot');
  for (let index = 0; index < dots.length; index++) {
    const dotEnd = tokenEnd(dots[index]!);
    value = fieldAccess(value, identifierFrom(fields[index], dotEnd), dotEnd, ctx);
  }
  for (let index = minuses.length - 1; index >= 0; index--) value = negation(minuses[index]!.startOffset, value, ctx);
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
  // own keys (prefixNot, prefixMinus, Dot, field, Is, isNot, Set) are no primary.
  for (const key in cst?.children) {
    switch (key) {
      case 'name': return buildNameOrCall(cst!, after, ctx);
      case 'LParen': {
        const open = realToken(cst, key);
        if (open === undefined) break;
        const inner = buildExpression(childNode(cst, 'inner'), tokenEnd(open), ctx);
        return parenthesized(open.startOffset, inner, endAfter(inner.span.end, realToken(cst, 'RParen')), ctx);
      }
      case 'ifExpression': return buildIf(childNode(cst, key)!, after, ctx);
      case 'matchExpression': return buildMatch(childNode(cst, key)!, after, ctx);
      case 'bandsExpression': return buildBands(childNode(cst, key)!, after, ctx);
      case 'prefixNot': case 'prefixMinus': case 'Dot': case 'field': case 'Is': case 'isNot': case 'Set': break;
      default: {
        const found = realToken(cst, key);
        const value = found === undefined ? undefined : literal(found);
        if (value !== undefined) return value;
      }
    }
  }
  return errorExpr(emptySpanAt(after));
}

// ---------------------------------------------------------------- calls and aggregates

/** `name`, a call `name(args)` or an aggregate: the operand's `name` and `callArguments`. */
function buildNameOrCall(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const name = identifierFrom(realToken(cst, 'name'), after);
  const callNode = childNode(cst, 'callArguments');
  if (callNode === undefined) return { kind: 'NameExpr', name, span: name.span };
  const span = { start: name.span.start, end: Math.max(name.span.end, nodeSpan(callNode)?.end ?? name.span.end) };
  const open = endAfter(name.span.end, realToken(callNode, 'LParen'));
  const countSelection = childNode(callNode, 'countSelection');
  const selection = childNode(callNode, 'selection');
  const argumentNodes = childNodes(callNode, 'argument');
  if (countSelection === undefined && selection === undefined) {
    const commas = childTokens(callNode, 'Comma');
    const args = argumentNodes.map((argument, index) => buildExpression(argument, index === 0 ? open : endAfter(open, commas[index - 1]), ctx));
    return call(name, args, span, ctx);
  }
  const value = countSelection ? undefined : buildExpression(argumentNodes[0], open, ctx);
  const parts = buildRecordSelection(countSelection ?? selection, countSelection ? open : endAfter(open, realToken(callNode, 'For')), ctx);
  return aggregate(name, value, parts, span, open, ctx);
}

// ---------------------------------------------------------------- if, match, bands

function buildIf(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const ifTokens = [realToken(cst, 'If'), ...childTokens(cst, 'elseIfIf')];
  const conditionNodes = childNodes(cst, 'condition');
  const branchNodes = childNodes(cst, 'branch');
  const thenTokens = childTokens(cst, 'Then');
  const end = nodeSpan(cst)?.end ?? after;
  const lastBranchEnd = nodeSpan(branchNodes[branchNodes.length - 1])?.end ?? end;
  const otherwise = buildExpression(childNode(cst, 'otherwise'), endAfter(lastBranchEnd, realToken(cst, 'Else')), ctx);
  const starts: number[] = [];
  const conditions: Expr[] = [];
  const thens: Expr[] = [];
  for (let index = 0; index < ifTokens.length; index++) {
    const ifToken = ifTokens[index];
    const start = isRealToken(ifToken) ? ifToken.startOffset : after;
    const condition = buildExpression(conditionNodes[index], endAfter(start, ifToken), ctx);
    starts.push(start);
    conditions.push(condition);
    thens.push(buildExpression(branchNodes[index], endAfter(condition.span.end, thenTokens[index]), ctx));
  }
  return ifChain(starts, conditions, thens, otherwise, end, ctx);
}

function buildMatch(cst: CstNode, after: number, ctx: BuildContext): Expr {
  const keyword = realToken(cst, 'Match');
  const subject = buildExpression(childNode(cst, 'subject'), endAfter(after, keyword), ctx);
  const arms = childNodes(cst, 'matchArm').map((arm) => buildMatchArm(arm, subject.span.end, ctx));
  const elseArm = buildElseArm(childNode(cst, 'elseArm'), ctx);
  return matchExpression(subject, arms, elseArm, nodeSpan(cst) ?? subject.span, ctx);
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
  return bandsExpression(subject, arms, elseArm, nodeSpan(cst) ?? subject.span, ctx);
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
  const rangeEnd = Math.max(upper?.span.end ?? span.start, lower?.span.end ?? span.start);
  const value = buildExpression(childNode(cst, 'value'), endAfter(rangeEnd, up, realToken(cst, 'Arrow')), ctx);
  return bandArm(lower, upper, up === undefined ? undefined : tokenEnd(up), value, span);
}
