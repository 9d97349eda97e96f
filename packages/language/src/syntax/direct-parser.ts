// The direct parser: tokens → AST in one pass, for a file without syntax errors. Most files a
// compiler or a language server is given parse cleanly, and for them chevrotain's recognizer,
// the CST it builds and the walk over that CST are most of the front end's time and garbage.
// This parser reads the grammar of parser.ts by recursive descent and makes the nodes with the
// functions cst-to-ast uses (expression-nodes.ts), with the same diagnostics. At the first token
// the grammar does not expect it gives up (returns undefined) and parse.ts parses the file with
// chevrotain, whose recovery and messages are the language's; so does a stack overflow.
//
// parser.ts stays the grammar of record: every decision here is the one chevrotain makes on an
// input it accepts — the same token categories (tokens.ts), repetition and options taken
// greedily (as chevrotain's lookahead does when both ways could go on), the same gates. A test
// (test/syntax/direct-parser.test.ts) compares the two on every plan in the repository, on cut
// and mutated plans and at each decision taken on more than one token, and the front-end fuzzer
// on random text: when chevrotain finds no syntax error, this parser accepts the file and gives
// chevrotain's AST (key for key) and diagnostics; otherwise it gives up. A change to the grammar
// is made here and in parser.ts together.
import type { IToken, TokenType } from 'chevrotain';
import type {
  AccelerateClause, BandArm, BonusDecl, CapClause, ClawbackDecl, CommissionDecl, CreditDecl, Declaration, DrawDecl, ElseArm,
  EnumDecl, Expr, FieldDecl, ForClause, GrantClause, Identifier, InputDecl, LetDecl, MatchArm, PlanDecl, PlanItem, PlanItemKey,
  RewardDecl, Span, SpiffDecl,
} from './ast';
import type { BuildContext } from './cst-access';
import {
  aggregate, bandArm, bandsExpression, call, errorExpr, fieldAccess, groupOperands, ifChain, literal, matchExpression, negation,
  parenthesized, type OperandParts,
} from './expression-nodes';
import { stringValue, tokenEnd, tokenSpan } from './lexer';
import { elseInTiers, missingVersionNumber, reservedWordUsedAsName } from './syntax-errors';
import {
  Arrow, BinaryOperator, Colon, Comma, Dot, Equals, Identifier as NameToken, K, LCurly, LParen, Minus, PARSER_TOKENS, Question, RCurly,
  ReservedName, RParen, StringLiteral,
} from './tokens';

/**
 * The declarations of a file without syntax errors, with the diagnostics building them gives
 * (reserved names, chained comparisons, misused aggregates, …) in `ctx`; undefined at the
 * first syntax error, with `ctx` then to be thrown away.
 */
export function parseDirectly(tokens: readonly IToken[], ctx: BuildContext): Declaration[] | undefined {
  try {
    return new DirectParser(tokens, ctx).file();
  } catch (error) {
    if (error === NOT_IN_GRAMMAR || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Thrown at the first token the grammar does not expect; made once, it carries no stack worth having. */
const NOT_IN_GRAMMAR = new Error('not in the grammar');

/** The token types a CONSUME of `category` accepts: the category itself and the types that list it (tokens.ts). */
function typesOf(category: TokenType): ReadonlySet<TokenType> {
  return new Set(PARSER_TOKENS.filter((type) => type === category || (type.CATEGORIES ?? []).includes(category)));
}

const NAMES = typesOf(NameToken);
const RESERVED_NAMES = typesOf(ReservedName);
const BINARY_OPERATORS = typesOf(BinaryOperator);
const STRINGS = typesOf(StringLiteral);

const PLAN_KEYS: ReadonlySet<TokenType> = new Set([K.version, K.currency, K.period, K.rounding, K.fiscal_year_start, K.effective]);

/** The clause keywords of each component (parser.ts, `componentBody`). */
const CLAUSES: ReadonlyMap<TokenType, ReadonlySet<TokenType>> = new Map([
  [K.commission, new Set([K.for, K.base, K.rate, K.gate, K.multiplier, K.accelerate, K.cap])],
  [K.bonus, new Set([K.when, K.pay, K.once])],
  [K.spiff, new Set([K.during, K.for, K.pay])],
  [K.clawback, new Set([K.for, K.recover])],
  [K.draw, new Set([K.pay, K.recoverable])],
  [K.reward, new Set([K.when, K.for, K.grant])],
]);

/** What an operand's primary may start with, besides a name: the literal-like tokens and the bracketed and keyword forms. */
const PRIMARY_STARTS: ReadonlySet<TokenType> = new Set(
  PARSER_TOKENS.filter((type) => ['NumberLiteral', 'PercentLiteral', 'MoneyLiteral', 'DateLiteral', 'ElidedGroup'].includes(type.name))
    .concat([...STRINGS, K.true, K.false, K.payee, K.period, LParen, K.if, K.match, K.bands]),
);

class DirectParser {
  private index = 0;
  /** The end offset of the last token read. */
  private end = 0;

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly ctx: BuildContext,
  ) {}

  file(): Declaration[] {
    const declarations: Declaration[] = [];
    while (this.index < this.tokens.length) {
      declarations.push(this.declaration());
      this.ctx.depths.clear(); // as parse.ts does after each declaration chevrotain hands over
    }
    return declarations;
  }

  // ---------------------------------------------------------------- tokens

  private type(ahead = 0): TokenType | undefined {
    return this.tokens[this.index + ahead]?.tokenType;
  }

  private next(): IToken {
    const token = this.tokens[this.index++]!;
    this.end = tokenEnd(token);
    return token;
  }

  private expect(type: TokenType): IToken {
    if (this.type() !== type) throw NOT_IN_GRAMMAR;
    return this.next();
  }

  private expectOneOf(types: ReadonlySet<TokenType>): IToken {
    if (!this.atOneOf(types)) throw NOT_IN_GRAMMAR;
    return this.next();
  }

  private at(type: TokenType): boolean {
    return this.type() === type;
  }

  private atOneOf(types: ReadonlySet<TokenType>): boolean {
    const type = this.type();
    return type !== undefined && types.has(type);
  }

  private spanFrom(start: number): Span {
    return { start, end: this.end };
  }

  /** The next token is on a later line than the last one read (parser.ts, `startsNewLine`). */
  private startsNewLine(): boolean {
    const next = this.tokens[this.index];
    const last = this.tokens[this.index - 1];
    return next !== undefined && last !== undefined && (next.startLine ?? 0) > (last.endLine ?? Infinity);
  }

  private identifier(token: IToken): Identifier {
    return { kind: 'Identifier', name: token.image, span: tokenSpan(token) };
  }

  // ---------------------------------------------------------------- declarations

  private declaration(): Declaration {
    const keyword = this.tokens[this.index]!;
    const start = keyword.startOffset;
    const doc = this.ctx.docAt(start);
    switch (keyword.tokenType) {
      case K.plan: return this.plan(start, doc);
      case K.enum: return this.enumeration(start, doc);
      case K.input: return this.input(start, doc);
      case K.let: return { kind: 'LetDecl', ...this.namedValue(), span: this.spanFrom(start), doc };
      case K.measure: return { kind: 'MeasureDecl', ...this.namedValue(), span: this.spanFrom(start), doc };
      case K.metric: return { kind: 'MetricDecl', ...this.namedValue(), span: this.spanFrom(start), doc };
      case K.commission: return { kind: 'CommissionDecl', ...this.component<ClauseOf<CommissionDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      case K.bonus: return { kind: 'BonusDecl', ...this.component<ClauseOf<BonusDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      case K.spiff: return { kind: 'SpiffDecl', ...this.component<ClauseOf<SpiffDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      case K.clawback: return { kind: 'ClawbackDecl', ...this.component<ClauseOf<ClawbackDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      case K.draw: return { kind: 'DrawDecl', ...this.component<ClauseOf<DrawDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      case K.reward: return { kind: 'RewardDecl', ...this.component<ClauseOf<RewardDecl>>(keyword.tokenType), span: this.spanFrom(start), doc };
      default: throw NOT_IN_GRAMMAR;
    }
  }

  private plan(start: number, doc: string | undefined): PlanDecl {
    this.next();
    const titleToken = this.expectOneOf(STRINGS);
    const title = { kind: 'StringLiteral' as const, value: stringValue(titleToken), span: tokenSpan(titleToken) };
    this.expect(LCurly);
    const items: PlanItem[] = [];
    while (this.atOneOf(PLAN_KEYS)) items.push(this.planItem());
    this.expect(RCurly);
    return { kind: 'PlanDecl', title, items, span: this.spanFrom(start), doc };
  }

  private planItem(): PlanItem {
    const keyToken = this.next();
    const key = keyToken.image as PlanItemKey;
    const keySpan = tokenSpan(keyToken);
    if (key === 'version') {
      // the value is left out when the line ends after `version` (parser.ts's gate), and reported
      let value: Expr;
      if (this.startsNewLine() || !this.startsExpression()) {
        this.ctx.diagnostics.push(missingVersionNumber(keySpan.end));
        value = errorExpr({ start: keySpan.end, end: keySpan.end });
      } else {
        value = this.expression(false);
      }
      return { kind: 'PlanItem', key, keySpan, value, to: undefined, span: this.spanFrom(keySpan.start) };
    }
    if (key === 'effective') {
      const value = this.expression(false);
      this.expect(K.to);
      const to = this.expression(false);
      return { kind: 'PlanItem', key, keySpan, value, to, span: this.spanFrom(keySpan.start) };
    }
    const word = this.type() === K.up ? this.next() : this.expectOneOf(NAMES);
    const value: Expr = { kind: 'NameExpr', name: this.identifier(word), span: tokenSpan(word) };
    return { kind: 'PlanItem', key, keySpan, value, to: undefined, span: this.spanFrom(keySpan.start) };
  }

  /** A name a declaration, field or enum value introduces; a reserved word is reported (E003), as cst-access's `declaredName` does. */
  private declaredName(): Identifier {
    if (this.atOneOf(RESERVED_NAMES)) {
      const reserved = this.next();
      this.ctx.diagnostics.push(reservedWordUsedAsName(reserved));
      return this.identifier(reserved);
    }
    return this.identifier(this.expectOneOf(NAMES));
  }

  private enumeration(start: number, doc: string | undefined): EnumDecl {
    this.next();
    const name = this.declaredName();
    this.expect(LCurly);
    const values: Identifier[] = [];
    if (this.startsDeclaredName(0)) {
      values.push(this.declaredName());
      while (this.at(Comma) && this.startsDeclaredName(1)) {
        this.next();
        values.push(this.declaredName());
      }
      if (this.at(Comma)) this.next();
    }
    this.expect(RCurly);
    return { kind: 'EnumDecl', name, values, span: this.spanFrom(start), doc };
  }

  private startsDeclaredName(ahead: number): boolean {
    const type = this.type(ahead);
    return type !== undefined && (NAMES.has(type) || RESERVED_NAMES.has(type));
  }

  private input(start: number, doc: string | undefined): InputDecl {
    this.next();
    const name = this.declaredName();
    this.expect(LCurly);
    const fields: FieldDecl[] = [];
    const lets: LetDecl[] = [];
    const credits: CreditDecl[] = [];
    for (;;) {
      // as parser.ts decides on one token: `credit` starts a credit unless a `:` follows (a field named credit)
      if (this.at(K.credit) && this.type(1) !== Colon) credits.push(this.credit());
      else if (this.at(K.let)) {
        const letStart = this.tokens[this.index]!.startOffset;
        lets.push({ kind: 'LetDecl', ...this.namedValue(), span: this.spanFrom(letStart), doc: this.ctx.docAt(letStart) });
      } else if (this.startsDeclaredName(0)) fields.push(this.field());
      else break;
    }
    this.expect(RCurly);
    return { kind: 'InputDecl', name, fields, lets, credits, span: this.spanFrom(start), doc };
  }

  private field(): FieldDecl {
    const start = this.tokens[this.index]!.startOffset;
    const name = this.declaredName();
    this.expect(Colon);
    const typeName = this.identifier(this.expectOneOf(NAMES));
    const optional = this.at(Question);
    if (optional) this.next();
    const type = { kind: 'TypeRef' as const, name: typeName, optional, span: this.spanFrom(typeName.span.start) };
    // `key` marks the field, unless it is the name of the next field (`key: Text`)
    const isKey = this.at(K.key) && this.type(1) !== Colon;
    if (isKey) this.next();
    return { kind: 'FieldDecl', name, type, isKey, doc: this.ctx.docAt(start), span: this.spanFrom(start) };
  }

  private credit(): CreditDecl {
    const start = this.next().startOffset;
    const payeeField = this.identifier(this.fieldName());
    this.expect(K.on);
    const dateField = this.identifier(this.fieldName());
    return { kind: 'CreditDecl', payeeField, dateField, span: this.spanFrom(start) };
  }

  /** A field named in a credit: a name, or a reserved word (reported where the field is declared). */
  private fieldName(): IToken {
    return this.atOneOf(RESERVED_NAMES) ? this.next() : this.expectOneOf(NAMES);
  }

  /** `KEYWORD name = expression` (let, measure, metric). */
  private namedValue(): { name: Identifier; value: Expr } {
    this.next();
    const name = this.declaredName();
    this.expect(Equals);
    return { name, value: this.expression(false) };
  }

  // ---------------------------------------------------------------- components and clauses

  /** `KEYWORD name { clause* }`: the clauses of the component's kind only (`CLAUSES`, parser.ts's lists), hence the type. */
  private component<C extends AnyClause>(keyword: TokenType): { name: Identifier; clauses: C[] } {
    this.next();
    const name = this.declaredName();
    this.expect(LCurly);
    const allowed = CLAUSES.get(keyword)!;
    const clauses: AnyClause[] = [];
    while (this.atOneOf(allowed)) clauses.push(this.clause());
    this.expect(RCurly);
    return { name, clauses: clauses as C[] };
  }

  private clause(): AnyClause {
    const keyword = this.next();
    const start = keyword.startOffset;
    switch (keyword.tokenType) {
      case K.for: return { kind: 'ForClause', ...this.recordSelection(), span: this.spanFrom(start) } satisfies ForClause;
      case K.base: return { kind: 'BaseClause', value: this.expression(false), span: this.spanFrom(start) };
      case K.rate: return { kind: 'RateClause', value: this.expression(false), span: this.spanFrom(start) };
      case K.gate: return { kind: 'GateClause', condition: this.expression(false), span: this.spanFrom(start) };
      case K.multiplier: return { kind: 'MultiplierClause', value: this.expression(false), span: this.spanFrom(start) };
      case K.when: return { kind: 'WhenClause', condition: this.expression(false), span: this.spanFrom(start) };
      case K.accelerate: return this.accelerate(start);
      case K.cap: {
        const amount = this.expression(false);
        this.expect(K.per);
        const type = this.type();
        if (type !== K.deal && type !== K.period && type !== K.year) throw NOT_IN_GRAMMAR;
        const scopeToken = this.next();
        return { kind: 'CapClause', amount, scope: scopeToken.image as CapClause['scope'], scopeSpan: tokenSpan(scopeToken), span: this.spanFrom(start) } satisfies CapClause;
      }
      case K.pay: {
        const amount = this.expression(false);
        const perPeriod = this.at(K.per);
        if (perPeriod) {
          this.next();
          this.expect(K.period);
        }
        return { kind: 'PayClause', amount, perPeriod, span: this.spanFrom(start) };
      }
      case K.once:
        this.expect(K.per);
        this.expect(K.year);
        return { kind: 'OncePerYearClause', span: this.spanFrom(start) };
      case K.during: {
        const from = this.expression(false);
        this.expect(K.to);
        return { kind: 'DuringClause', from, to: this.expression(false), span: this.spanFrom(start) };
      }
      case K.recover: {
        const share = this.expression(false);
        this.expect(K.of);
        const component = this.identifier(this.expectOneOf(NAMES));
        this.expect(K.on);
        const dateField = this.identifier(this.expectOneOf(NAMES));
        return { kind: 'RecoverClause', share, component, dateField, span: this.spanFrom(start) };
      }
      case K.recoverable: return { kind: 'RecoverableClause', span: this.spanFrom(start) };
      case K.grant: {
        // `grant "text"` is an award, as chevrotain's first alternative; anything else an amount of points
        if (this.atOneOf(STRINGS)) {
          const awardToken = this.next();
          const award = { kind: 'StringLiteral' as const, value: stringValue(awardToken), span: tokenSpan(awardToken) };
          return { kind: 'GrantClause', points: undefined, award, span: this.spanFrom(start) } satisfies GrantClause;
        }
        const points = this.expression(false);
        this.expect(K.points);
        return { kind: 'GrantClause', points, award: undefined, span: this.spanFrom(start) } satisfies GrantClause;
      }
      default: throw NOT_IN_GRAMMAR;
    }
  }

  private accelerate(start: number): AccelerateClause {
    const type = this.type();
    if (type !== K.marginal && type !== K.retroactive) throw NOT_IN_GRAMMAR;
    const mode = this.next().image as AccelerateClause['mode'];
    this.expect(K.against);
    const target = this.expression(false);
    const perYear = this.at(K.per);
    if (perYear) {
      this.next();
      this.expect(K.year);
    }
    let on: Expr | undefined;
    if (this.at(K.on)) {
      this.next();
      on = this.expression(false);
    }
    const tableStart = this.expect(LCurly).startOffset;
    const tiers = this.bandArms(this.ctx);
    if (this.at(K.else)) {
      // tiers take no `else`: chevrotain reads one and cst-to-ast.ts reports it, without building its value
      const elseToken = this.next();
      this.expect(Arrow);
      this.expression(true, { diagnostics: [], docAt: this.ctx.docAt, depths: new Map() });
      this.ctx.diagnostics.push(elseInTiers(elseToken));
    }
    this.expect(RCurly);
    return { kind: 'AccelerateClause', mode, target, perYear, on, tiers, tableSpan: this.spanFrom(tableStart), span: this.spanFrom(start) };
  }

  /** `d in [all] deals [where c]` */
  private recordSelection(ctx: BuildContext = this.ctx): Omit<ForClause, 'kind' | 'span'> {
    const variable = this.identifier(this.expectOneOf(NAMES));
    this.expect(K.in);
    const all = this.at(K.all);
    if (all) this.next();
    const source = this.identifier(this.expectOneOf(NAMES));
    let where: Expr | undefined;
    if (this.at(K.where)) {
      this.next();
      where = this.expression(false, ctx);
    }
    return { variable, all, source, where };
  }

  // ---------------------------------------------------------------- expressions

  private startsExpression(): boolean {
    const type = this.type();
    return type !== undefined && (PRIMARY_STARTS.has(type) || NAMES.has(type) || type === K.not || type === Minus);
  }

  /**
   * `operand (op operand)*`; in a table row's value (`inTable`), a `-` that starts a line
   * begins the next row. `ctx` is another context for a value whose nodes are thrown away.
   */
  private expression(inTable: boolean, ctx: BuildContext = this.ctx): Expr {
    const first = this.operand(ctx);
    if (!this.atOneOf(BINARY_OPERATORS)) {
      if (first.nots.length === 0 && first.isSet === undefined) return first.value;
      return groupOperands([first], [], ctx);
    }
    const operands: OperandParts[] = [first];
    const operators: IToken[] = [];
    while (this.atOneOf(BINARY_OPERATORS) && !(inTable && this.at(Minus) && this.startsNewLine())) {
      operators.push(this.next());
      operands.push(this.operand(ctx));
    }
    return groupOperands(operands, operators, ctx);
  }

  /** `not* -* primary (.field)* [is [not] set]` */
  private operand(ctx: BuildContext): OperandParts {
    let nots: IToken[] | undefined;
    while (this.at(K.not)) (nots ??= []).push(this.next());
    let minuses: number[] | undefined;
    while (this.at(Minus)) (minuses ??= []).push(this.next().startOffset);
    let value = this.primary(ctx);
    while (this.at(Dot)) {
      const dotEnd = tokenEnd(this.next());
      value = fieldAccess(value, this.identifier(this.expectOneOf(NAMES)), dotEnd, ctx);
    }
    if (minuses !== undefined) for (let index = minuses.length - 1; index >= 0; index--) value = negation(minuses[index]!, value, ctx);
    let isSet: OperandParts['isSet'];
    if (this.at(K.is)) {
      this.next();
      const negated = this.at(K.not);
      if (negated) this.next();
      isSet = { negated, end: tokenEnd(this.expect(K.set)) };
    }
    return { nots: nots ?? NO_TOKENS, value, isSet };
  }

  private primary(ctx: BuildContext): Expr {
    const token = this.tokens[this.index];
    if (token === undefined) throw NOT_IN_GRAMMAR;
    const type = token.tokenType;
    if (NAMES.has(type)) return this.nameOrCall(ctx);
    switch (type) {
      case LParen: {
        const start = this.next().startOffset;
        const inner = this.expression(false, ctx);
        this.expect(RParen);
        return parenthesized(start, inner, this.end, ctx);
      }
      case K.if: return this.ifExpression(ctx);
      case K.match: return this.matchExpression(ctx);
      case K.bands: return this.bandsExpression(ctx);
      default: {
        const value = PRIMARY_STARTS.has(type) ? literal(token) : undefined;
        if (value === undefined) throw NOT_IN_GRAMMAR;
        this.next();
        return value;
      }
    }
  }

  /** A name, a call `name(args)` or an aggregate `sum(e for d in X)` / `count(d in X)`. */
  private nameOrCall(ctx: BuildContext): Expr {
    const name = this.identifier(this.next());
    if (!this.at(LParen)) return { kind: 'NameExpr', name, span: name.span };
    const open = tokenEnd(this.next());
    const start = name.span.start;
    if (this.at(RParen)) {
      this.next();
      return call(name, [], this.spanFrom(start), ctx);
    }
    if (this.atOneOf(NAMES) && this.type(1) === K.in) {
      const parts = this.recordSelection(ctx);
      this.expect(RParen);
      return aggregate(name, undefined, parts, this.spanFrom(start), open, ctx);
    }
    const first = this.expression(false, ctx);
    if (this.at(K.for)) {
      this.next();
      const parts = this.recordSelection(ctx);
      this.expect(RParen);
      return aggregate(name, first, parts, this.spanFrom(start), open, ctx);
    }
    const args = [first];
    while (this.at(Comma)) {
      this.next();
      args.push(this.expression(false, ctx));
    }
    this.expect(RParen);
    return call(name, args, this.spanFrom(start), ctx);
  }

  /**
   * `if c then a (else if c then a)* else b`: an `else if` continues the chain, as chevrotain's
   * greedy loop reads it (read as an `if` after `else`, the tree would be the same, but deeper in
   * the stack).
   */
  private ifExpression(ctx: BuildContext): Expr {
    const starts = [this.next().startOffset];
    const conditions = [this.expression(false, ctx)];
    this.expect(K.then);
    const thens = [this.expression(false, ctx)];
    while (this.at(K.else) && this.type(1) === K.if) {
      this.next();
      starts.push(this.next().startOffset);
      conditions.push(this.expression(false, ctx));
      this.expect(K.then);
      thens.push(this.expression(false, ctx));
    }
    this.expect(K.else);
    const otherwise = this.expression(false, ctx);
    return ifChain(starts, conditions, thens, otherwise, this.end, ctx);
  }

  private matchExpression(ctx: BuildContext): Expr {
    const start = this.next().startOffset;
    const subject = this.expression(false, ctx);
    this.expect(LCurly);
    const arms: MatchArm[] = [];
    while (this.startsExpression()) {
      const armStart = this.tokens[this.index]!.startOffset;
      const patterns = [this.expression(false, ctx)];
      while (this.at(Comma)) {
        this.next();
        patterns.push(this.expression(false, ctx));
      }
      this.expect(Arrow);
      const value = this.expression(true, ctx);
      arms.push({ kind: 'MatchArm', patterns, value, span: this.spanFrom(armStart) });
    }
    const elseArm = this.elseArm(ctx);
    this.expect(RCurly);
    return matchExpression(subject, arms, elseArm, this.spanFrom(start), ctx);
  }

  private bandsExpression(ctx: BuildContext): Expr {
    const start = this.next().startOffset;
    const subject = this.expression(false, ctx);
    this.expect(LCurly);
    const arms = this.bandArms(ctx);
    const elseArm = this.elseArm(ctx);
    this.expect(RCurly);
    return bandsExpression(subject, arms, elseArm, this.spanFrom(start), ctx);
  }

  private elseArm(ctx: BuildContext): ElseArm | undefined {
    if (!this.at(K.else)) return undefined;
    const start = this.next().startOffset;
    this.expect(Arrow);
    const value = this.expression(true, ctx);
    return { kind: 'ElseArm', value, span: this.spanFrom(start) };
  }

  /** The rows of a bands or tier table: `A to B -> e`, `A up -> e`, `below B -> e`. */
  private bandArms(ctx: BuildContext): BandArm[] {
    const arms: BandArm[] = [];
    for (;;) {
      const below = this.at(K.below);
      if (!below && !this.startsExpression()) return arms;
      const start = this.tokens[this.index]!.startOffset;
      let lower: Expr | undefined;
      let upper: Expr | undefined;
      let upEnd: number | undefined;
      if (below) {
        this.next();
        upper = this.expression(false, ctx);
      } else {
        lower = this.expression(false, ctx);
        if (this.at(K.to)) {
          this.next();
          upper = this.expression(false, ctx);
        } else {
          upEnd = tokenEnd(this.expect(K.up));
        }
      }
      this.expect(Arrow);
      const value = this.expression(true, ctx);
      arms.push(bandArm(lower, upper, upEnd, value, this.spanFrom(start)));
    }
  }
}

const NO_TOKENS: readonly IToken[] = Object.freeze([]);

/** A clause of a component of the kind `D`. */
type ClauseOf<D extends { readonly clauses: readonly unknown[] }> = D['clauses'][number];

type AnyClause = ClauseOf<CommissionDecl> | ClauseOf<BonusDecl> | ClauseOf<SpiffDecl> | ClauseOf<ClawbackDecl> | ClauseOf<DrawDecl> | ClauseOf<RewardDecl>;
