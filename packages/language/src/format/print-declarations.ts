// The formatter's printer for the file, its declarations and their clauses: AST → doc.
// Pipeline: AST + tokens → **doc** → text. Declarations and clauses keep the order they were
// written in; each clause, plan item, input member and table row gets a line of its own;
// block declarations (plan, input, components) are set apart by one empty line, and
// elsewhere one empty line the user left between items is kept.
import type {
  AccelerateClause, CommissionClause, CreditDecl, Declaration, EnumDecl, FieldDecl, ForClause, InputDecl, LetDecl, PlanDecl,
  PlanFile, PlanItem, Expr, Identifier, BonusDecl, SpiffDecl, ClawbackDecl, DrawDecl, RewardDecl,
} from '../syntax/ast';
import { group, ifBreak, indent, line, space, words, type Doc } from './doc';
import { printBlock, printExpr, printString, printTable, printValue, type PrintContext } from './print-expressions';

type Clause = CommissionClause | BonusDecl['clauses'][number] | SpiffDecl['clauses'][number]
  | ClawbackDecl['clauses'][number] | DrawDecl['clauses'][number] | RewardDecl['clauses'][number];

/** The whole file: declarations with their separators, then the comments after the last one. */
export function printFile(ctx: PrintContext, file: PlanFile): Doc {
  const { cursor } = ctx;
  const docs: Doc[] = [];
  const declarations = file.declarations;
  declarations.forEach((declaration, index) => {
    const forceBlank = index > 0 && (isBlock(declaration) || isBlock(declarations[index - 1]!));
    docs.push(cursor.listGap({ first: index === 0, atFileStart: true, last: false, keepBlankLines: true, forceBlank }));
    docs.push(printDeclaration(ctx, declaration));
  });
  docs.push(cursor.listGap({ first: declarations.length === 0, atFileStart: true, last: true, keepBlankLines: true }));
  return docs;
}

/** Declarations with a `{ … }` body of clauses or members, always set apart by an empty line. */
function isBlock(declaration: Declaration): boolean {
  return !['EnumDecl', 'LetDecl', 'MeasureDecl', 'MetricDecl'].includes(declaration.kind);
}

function printDeclaration(ctx: PrintContext, declaration: Declaration): Doc {
  switch (declaration.kind) {
    case 'PlanDecl': return printPlan(ctx, declaration);
    case 'EnumDecl': return printEnum(ctx, declaration);
    case 'InputDecl': return printInput(ctx, declaration);
    case 'LetDecl': return printNamedValue(ctx, 'let', declaration.name, declaration.value);
    case 'MeasureDecl': return printNamedValue(ctx, 'measure', declaration.name, declaration.value);
    case 'MetricDecl': return printNamedValue(ctx, 'metric', declaration.name, declaration.value);
    case 'CommissionDecl': return printComponent(ctx, 'commission', declaration.name, declaration.clauses);
    case 'BonusDecl': return printComponent(ctx, 'bonus', declaration.name, declaration.clauses);
    case 'SpiffDecl': return printComponent(ctx, 'spiff', declaration.name, declaration.clauses);
    case 'ClawbackDecl': return printComponent(ctx, 'clawback', declaration.name, declaration.clauses);
    case 'DrawDecl': return printComponent(ctx, 'draw', declaration.name, declaration.clauses);
    case 'RewardDecl': return printComponent(ctx, 'reward', declaration.name, declaration.clauses);
  }
}

// ---------------------------------------------------------------- plan, enum, input, values

function printPlan(ctx: PrintContext, plan: PlanDecl): Doc {
  const head = [ctx.cursor.token('plan'), space, plan.title === undefined ? [] : [printString(ctx.cursor, plan.title.value), space]];
  return [head, printBlock(ctx, plan.items.map((item) => () => printPlanItem(ctx, item)), { keepBlankLines: true })];
}

function printPlanItem(ctx: PrintContext, item: PlanItem): Doc {
  const key = ctx.cursor.token(item.key);
  const value = item.value === undefined ? [] : printExpr(ctx, item.value);
  if (item.to === undefined) return words(key, value);
  return words(key, value, ctx.cursor.token('to'), printExpr(ctx, item.to));
}

/** `enum Channel { direct, partner }` on one line; one value per line, each with a comma, when it does not fit. */
function printEnum(ctx: PrintContext, declaration: EnumDecl): Doc {
  const { cursor } = ctx;
  const head = [cursor.token('enum'), space, cursor.token(declaration.name.name), space];
  const open = cursor.token('{');
  if (declaration.values.length === 0 && !cursor.hasCommentsBefore()) return [head, open, cursor.token('}')];
  const values: Doc[] = [];
  declaration.values.forEach((value, index) => {
    if (index > 0) values.push(cursor.token(','), line);
    values.push(cursor.token(value.name));
  });
  const trailingComma = cursor.peek() === ',' ? cursor.skip(',') : [];
  const beforeClose = cursor.commentsBefore();
  const body = [line, values, declaration.values.length > 0 ? ifBreak(',') : [], trailingComma, beforeClose];
  return [head, group([open, indent(body), line, cursor.token('}')])];
}

function printInput(ctx: PrintContext, input: InputDecl): Doc {
  const head = [ctx.cursor.token('input'), space, ctx.cursor.token(input.name.name), space];
  const members: (FieldDecl | LetDecl | CreditDecl)[] = [...input.fields, ...input.lets, ...input.credits];
  members.sort((a, b) => a.span.start - b.span.start);
  return [head, printBlock(ctx, members.map((member) => () => printMember(ctx, member)), { keepBlankLines: true })];
}

function printMember(ctx: PrintContext, member: FieldDecl | LetDecl | CreditDecl): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  switch (member.kind) {
    case 'FieldDecl': {
      const name = [token(member.name.name), token(':')];
      const type = [token(member.type.name.name), member.type.optional ? token('?') : []];
      return words(name, type, member.isKey ? token('key') : []);
    }
    case 'LetDecl': return printNamedValue(ctx, 'let', member.name, member.value);
    case 'CreditDecl': return words(token('credit'), token(member.payeeField.name), token('on'), token(member.dateField.name));
  }
}

/** `let name = value`, `measure name = value`, `metric name = value`. */
function printNamedValue(ctx: PrintContext, keyword: string, name: Identifier, value: Expr): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  return words(token(keyword), token(name.name), token('='), printValue(ctx, value));
}

// ---------------------------------------------------------------- components and clauses

function printComponent(ctx: PrintContext, keyword: string, name: Identifier, clauses: readonly Clause[]): Doc {
  const head = [ctx.cursor.token(keyword), space, ctx.cursor.token(name.name), space];
  return [head, printBlock(ctx, clauses.map((clause) => () => printClause(ctx, clause)), { keepBlankLines: true })];
}

function printClause(ctx: PrintContext, clause: Clause): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  const value = (expr: Expr): Doc => printValue(ctx, expr);
  switch (clause.kind) {
    case 'ForClause': return printFor(ctx, clause);
    case 'BaseClause': return words(token('base'), value(clause.value));
    case 'RateClause': return words(token('rate'), value(clause.value));
    case 'GateClause': return words(token('gate'), value(clause.condition));
    case 'MultiplierClause': return words(token('multiplier'), value(clause.value));
    case 'WhenClause': return words(token('when'), value(clause.condition));
    case 'AccelerateClause': return printAccelerate(ctx, clause);
    case 'CapClause': return words(token('cap'), value(clause.amount), token('per'), token(clause.scope ?? ''));
    case 'PayClause': {
      const amount = words(token('pay'), value(clause.amount));
      return clause.perPeriod ? words(amount, token('per'), token('period')) : amount;
    }
    case 'OncePerYearClause': return words(token('once'), token('per'), token('year'));
    case 'DuringClause': return words(token('during'), value(clause.from), token('to'), value(clause.to));
    case 'RecoverClause': {
      const share = words(token('recover'), value(clause.share));
      return words(share, token('of'), token(clause.component.name), token('on'), token(clause.dateField.name));
    }
    case 'RecoverableClause': return token('recoverable');
    case 'GrantClause': {
      const grant = token('grant');
      if (clause.award !== undefined) return words(grant, printString(ctx.cursor, clause.award.value));
      return words(grant, value(clause.points!), token('points'));
    }
  }
}

/** `for d in [all] deals [where c]`; a long condition breaks before its `and`/`or`. */
function printFor(ctx: PrintContext, clause: ForClause): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  const selection = words(token('for'), token(clause.variable.name), token('in'), clause.all ? token('all') : [], token(clause.source.name));
  if (clause.where === undefined) return selection;
  return words(selection, token('where'), printValue(ctx, clause.where));
}

function printAccelerate(ctx: PrintContext, clause: AccelerateClause): Doc {
  const token = (text: string): Doc => ctx.cursor.token(text);
  const head: Doc[] = [token('accelerate'), space, token(clause.mode), space, token('against'), space, printValue(ctx, clause.target)];
  if (clause.perYear) head.push(space, token('per'), space, token('year'));
  if (clause.on !== undefined) head.push(space, token('on'), space, printValue(ctx, clause.on));
  return [head, space, printTable(ctx, clause.tiers, undefined)];
}
