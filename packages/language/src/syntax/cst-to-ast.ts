// CST → AST for the file, its declarations and their clauses: plain, immutable nodes of
// ast.ts, each with a kind and a span. Pipeline: tokens → CST (parser.ts) → **AST**. Parts
// that recovery lost are still typed: a missing name is an Identifier `''`, a missing
// expression an ErrorExpr, both empty spans where the text should have been.
import type { CstNode } from 'chevrotain';
import type {
  AccelerateClause, CapClause, ClawbackDecl, CommissionClause, CommissionDecl, CreditDecl, Declaration, DrawDecl, Expr, FieldDecl,
  ForClause, GrantClause, Identifier, InputDecl, LetDecl, PayClause, PlanDecl, PlanFile, PlanItem, PlanItemKey, RewardDecl,
  Span, SpiffDecl, BonusDecl, TypeRef, EnumDecl, RecoverClause, DuringClause,
} from './ast';
import {
  type BuildContext, childNode, childNodes, childrenInSourceOrder, declaredName, emptySpanAt, endAfter, identifierFrom,
  isRealToken, nodeSpan, realToken,
} from './cst-access';
import { buildBandArm, buildExpression, buildRecordSelection, errorExpr } from './cst-to-ast-expressions';
import { stringValue, tokenEnd, tokenSpan } from './lexer';
import { elseInTiers, missingVersionNumber } from './syntax-errors';

export type { BuildContext } from './cst-access';

/** The file: the declarations `built` as they were parsed, then those still in its CST (see parseTokens). */
export function buildPlanFile(cst: CstNode | undefined, textLength: number, ctx: BuildContext, built: readonly Declaration[] = []): PlanFile {
  const declarations = [...built];
  for (const node of childNodes(cst, 'declaration')) {
    const declaration = buildDeclaration(node, ctx);
    if (declaration !== undefined) declarations.push(declaration);
  }
  return { kind: 'PlanFile', declarations, span: { start: 0, end: textLength } };
}

const COMPONENT_CLAUSES: ReadonlySet<string> = new Set([
  'forClause', 'baseClause', 'rateClause', 'gateClause', 'multiplierClause', 'accelerateClause', 'capClause',
  'whenClause', 'payClause', 'oncePerYearClause', 'duringClause', 'recoverClause', 'recoverableClause', 'grantClause',
]);

/** One top-level declaration; undefined when recovery left nothing of it. */
export function buildDeclaration(cst: CstNode, ctx: BuildContext): Declaration | undefined {
  const [kind, node] = Object.entries(cst.children)[0] ?? [];
  const declaration = (node as CstNode[] | undefined)?.[0];
  const span = nodeSpan(declaration);
  if (declaration === undefined || span === undefined) return undefined;
  const doc = ctx.docAt(span.start);
  const name = (): Identifier => declaredName(declaration, 'name', keywordEnd(declaration, span), ctx);
  // The grammar admits under each component only the clause rules of its kind (parser.ts).
  const clauses = <C extends AnyClause>(): C[] => buildClauses(declaration, ctx) as C[];
  switch (kind) {
    case 'planDeclaration': return buildPlan(declaration, span, doc, ctx);
    case 'enumDeclaration': return buildEnum(declaration, span, doc, ctx);
    case 'inputDeclaration': return buildInput(declaration, span, doc, ctx);
    case 'letDeclaration': return { kind: 'LetDecl', ...namedValue(declaration, span, ctx), span, doc };
    case 'measureDeclaration': return { kind: 'MeasureDecl', ...namedValue(declaration, span, ctx), span, doc };
    case 'metricDeclaration': return { kind: 'MetricDecl', ...namedValue(declaration, span, ctx), span, doc };
    case 'commissionDeclaration': return { kind: 'CommissionDecl', name: name(), clauses: clauses(), span, doc } satisfies CommissionDecl;
    case 'bonusDeclaration': return { kind: 'BonusDecl', name: name(), clauses: clauses(), span, doc } satisfies BonusDecl;
    case 'spiffDeclaration': return { kind: 'SpiffDecl', name: name(), clauses: clauses(), span, doc } satisfies SpiffDecl;
    case 'clawbackDeclaration': return { kind: 'ClawbackDecl', name: name(), clauses: clauses(), span, doc } satisfies ClawbackDecl;
    case 'drawDeclaration': return { kind: 'DrawDecl', name: name(), clauses: clauses(), span, doc } satisfies DrawDecl;
    case 'rewardDeclaration': return { kind: 'RewardDecl', name: name(), clauses: clauses(), span, doc } satisfies RewardDecl;
    default: return undefined;
  }
}

// ---------------------------------------------------------------- plan, enum, input, let

function buildPlan(cst: CstNode, span: Span, doc: string | undefined, ctx: BuildContext): PlanDecl {
  const titleToken = realToken(cst, 'title');
  const title = titleToken === undefined ? undefined : { kind: 'StringLiteral' as const, value: stringValue(titleToken), span: tokenSpan(titleToken) };
  const items = childNodes(cst, 'planItem').map((item) => buildPlanItem(item, ctx)).filter((item): item is PlanItem => item !== undefined);
  return { kind: 'PlanDecl', title, items, span, doc };
}

function buildPlanItem(cst: CstNode, ctx: BuildContext): PlanItem | undefined {
  const keyToken = realToken(cst, 'key');
  const span = nodeSpan(cst);
  if (keyToken === undefined || span === undefined) return undefined;
  const key = keyToken.image as PlanItemKey;
  const keySpan = tokenSpan(keyToken);
  const wordNode = childNode(cst, 'word');
  if (wordNode !== undefined || (key !== 'version' && key !== 'effective')) {
    const wordToken = realToken(wordNode, 'Identifier') ?? realToken(wordNode, 'Up');
    const value: Expr = wordToken === undefined
      ? errorExpr(emptySpanAt(keySpan.end))
      : { kind: 'NameExpr', name: identifierFrom(wordToken, keySpan.end), span: tokenSpan(wordToken) };
    return { kind: 'PlanItem', key, keySpan, value, to: undefined, span };
  }
  if (key === 'version' && childNode(cst, 'value') === undefined) {
    // the parser leaves the value out when the line ends after `version` (the next line is another setting)
    ctx.diagnostics.push(missingVersionNumber(keySpan.end));
  }
  const value = buildExpression(childNode(cst, 'value'), keySpan.end, ctx);
  const to = key === 'effective'
    ? buildExpression(childNode(cst, 'to'), endAfter(value.span.end, realToken(cst, 'To')), ctx)
    : undefined;
  return { kind: 'PlanItem', key, keySpan, value, to, span };
}

function buildEnum(cst: CstNode, span: Span, doc: string | undefined, ctx: BuildContext): EnumDecl {
  const name = declaredName(cst, 'name', keywordEnd(cst, span), ctx);
  const values = childNodes(cst, 'value')
    .map((_, index) => declaredName(cst, 'value', span.end, ctx, index))
    .filter((value) => value.name !== '');
  return { kind: 'EnumDecl', name, values, span, doc };
}

function buildInput(cst: CstNode, span: Span, doc: string | undefined, ctx: BuildContext): InputDecl {
  const name = declaredName(cst, 'name', keywordEnd(cst, span), ctx);
  const fields = childNodes(cst, 'fieldDeclaration').map((field) => buildField(field, ctx)).filter(isDefined);
  const lets = childNodes(cst, 'letDeclaration').map((letCst): LetDecl | undefined => {
    const letSpan = nodeSpan(letCst);
    if (letSpan === undefined) return undefined;
    return { kind: 'LetDecl', ...namedValue(letCst, letSpan, ctx), span: letSpan, doc: ctx.docAt(letSpan.start) };
  }).filter(isDefined);
  const credits = childNodes(cst, 'creditDeclaration').map(buildCredit).filter(isDefined);
  return { kind: 'InputDecl', name, fields, lets, credits, span, doc };
}

function buildField(cst: CstNode, ctx: BuildContext): FieldDecl | undefined {
  const span = nodeSpan(cst);
  if (span === undefined) return undefined;
  const name = declaredName(cst, 'name', span.start, ctx);
  const typeCst = childNode(cst, 'typeReference');
  const typeAfter = endAfter(name.span.end, realToken(cst, 'Colon'));
  const typeName = identifierFrom(realToken(typeCst, 'name'), typeAfter);
  const optional = realToken(typeCst, 'Question') !== undefined;
  const type: TypeRef = { kind: 'TypeRef', name: typeName, optional, span: nodeSpan(typeCst) ?? typeName.span };
  const isKey = realToken(cst, 'Key') !== undefined;
  return { kind: 'FieldDecl', name, type, isKey, doc: ctx.docAt(span.start), span };
}

function buildCredit(cst: CstNode): CreditDecl | undefined {
  const span = nodeSpan(cst);
  if (span === undefined) return undefined;
  const payeeField = identifierFrom(realToken(cst, 'payeeField'), keywordEnd(cst, span));
  const dateField = identifierFrom(realToken(cst, 'dateField'), endAfter(payeeField.span.end, realToken(cst, 'On')));
  return { kind: 'CreditDecl', payeeField, dateField, span };
}

function namedValue(cst: CstNode, span: Span, ctx: BuildContext): { name: Identifier; value: Expr } {
  const name = declaredName(cst, 'name', keywordEnd(cst, span), ctx);
  const value = buildExpression(childNode(cst, 'value'), endAfter(name.span.end, realToken(cst, 'Equals')), ctx);
  return { name, value };
}

// ---------------------------------------------------------------- component clauses

type AnyClause = CommissionClause | BonusDecl['clauses'][number] | SpiffDecl['clauses'][number]
  | ClawbackDecl['clauses'][number] | DrawDecl['clauses'][number] | RewardDecl['clauses'][number];

function buildClauses(cst: CstNode, ctx: BuildContext): AnyClause[] {
  return childrenInSourceOrder(cst, COMPONENT_CLAUSES)
    .map(({ key, node }) => buildClause(key, node, ctx))
    .filter(isDefined);
}

function buildClause(key: string, cst: CstNode, ctx: BuildContext): AnyClause | undefined {
  const span = nodeSpan(cst);
  if (span === undefined) return undefined;
  const afterKeyword = keywordEnd(cst, span);
  const value = (label = 'value'): Expr => buildExpression(childNode(cst, label), afterKeyword, ctx);
  switch (key) {
    case 'forClause': return buildFor(cst, span, ctx);
    case 'baseClause': return { kind: 'BaseClause', value: value(), span };
    case 'rateClause': return { kind: 'RateClause', value: value(), span };
    case 'gateClause': return { kind: 'GateClause', condition: value(), span };
    case 'multiplierClause': return { kind: 'MultiplierClause', value: value(), span };
    case 'whenClause': return { kind: 'WhenClause', condition: value(), span };
    case 'accelerateClause': return buildAccelerate(cst, span, ctx);
    case 'capClause': return buildCap(cst, span, value('amount'));
    case 'payClause': return { kind: 'PayClause', amount: value('amount'), perPeriod: realToken(cst, 'Per') !== undefined, span } satisfies PayClause;
    case 'oncePerYearClause': return { kind: 'OncePerYearClause', span };
    case 'duringClause': {
      const from = value('from');
      const to = buildExpression(childNode(cst, 'to'), endAfter(from.span.end, realToken(cst, 'To')), ctx);
      return { kind: 'DuringClause', from, to, span } satisfies DuringClause;
    }
    case 'recoverClause': return buildRecover(cst, span, value('share'));
    case 'recoverableClause': return { kind: 'RecoverableClause', span };
    case 'grantClause': return buildGrant(cst, span, ctx);
    default: return undefined;
  }
}

function buildFor(cst: CstNode, span: Span, ctx: BuildContext): ForClause {
  const selection = buildRecordSelection(childNode(cst, 'recordSelection'), keywordEnd(cst, span), ctx);
  return { kind: 'ForClause', ...selection, span };
}

function buildAccelerate(cst: CstNode, span: Span, ctx: BuildContext): AccelerateClause {
  const modeToken = realToken(cst, 'mode');
  const mode = modeToken?.image === 'retroactive' ? 'retroactive' : 'marginal';
  const targetAfter = endAfter(keywordEnd(cst, span), modeToken, realToken(cst, 'Against'));
  const target = buildExpression(childNode(cst, 'target'), targetAfter, ctx);
  const perYear = realToken(cst, 'Per') !== undefined;
  const onToken = realToken(cst, 'On');
  const on = onToken === undefined ? undefined : buildExpression(childNode(cst, 'on'), tokenEnd(onToken), ctx);
  const table = childNode(cst, 'tierTable');
  const tableAfter = endAfter(on?.span.end ?? target.span.end, realToken(cst, 'Year'));
  const tableSpan = nodeSpan(table) ?? emptySpanAt(tableAfter);
  const tiers = childNodes(table, 'bandArm').map((arm) => buildBandArm(arm, tableSpan.start, ctx));
  const elseToken = realToken(childNode(table, 'elseArm'), 'Else');
  if (elseToken !== undefined) {
    ctx.diagnostics.push(elseInTiers(elseToken));
  }
  return { kind: 'AccelerateClause', mode, target, perYear, on, tiers, tableSpan, span };
}

function buildCap(cst: CstNode, span: Span, amount: Expr): CapClause {
  const scopeToken = realToken(cst, 'scope');
  const scope = scopeToken === undefined ? undefined : (scopeToken.image as CapClause['scope']);
  const scopeSpan = scopeToken === undefined ? emptySpanAt(endAfter(amount.span.end, realToken(cst, 'Per'))) : tokenSpan(scopeToken);
  return { kind: 'CapClause', amount, scope, scopeSpan, span };
}

function buildRecover(cst: CstNode, span: Span, share: Expr): RecoverClause {
  const component = identifierFrom(realToken(cst, 'component'), endAfter(share.span.end, realToken(cst, 'Of')));
  const dateField = identifierFrom(realToken(cst, 'dateField'), endAfter(component.span.end, realToken(cst, 'On')));
  return { kind: 'RecoverClause', share, component, dateField, span };
}

function buildGrant(cst: CstNode, span: Span, ctx: BuildContext): GrantClause {
  const awardToken = realToken(cst, 'award');
  if (awardToken !== undefined) {
    return { kind: 'GrantClause', points: undefined, award: { kind: 'StringLiteral', value: stringValue(awardToken), span: tokenSpan(awardToken) }, span };
  }
  const points = buildExpression(childNode(cst, 'points'), keywordEnd(cst, span), ctx);
  return { kind: 'GrantClause', points, award: undefined, span };
}

// ---------------------------------------------------------------- helpers

/** End of the keyword that opens a declaration or clause: the token at the start of its span. */
function keywordEnd(cst: CstNode, span: Span): number {
  for (const key in cst.children) {
    for (const element of cst.children[key]!) {
      if ('image' in element && isRealToken(element) && element.startOffset === span.start) return tokenEnd(element);
    }
  }
  return span.start;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
