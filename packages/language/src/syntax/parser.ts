// The grammar of Incent as one chevrotain CstParser: tokens → CST. Grammar only: no
// embedded actions; cst-to-ast.ts turns the CST into the AST. Recovery is on, so broken
// input still gives a CST (with `recoveredNode` parts) and every syntax error at once.
// Binary operators are read as a flat `operand (op operand)*` list and grouped by
// precedence in cst-to-ast-expressions.ts: one CST level per operand instead of one per
// precedence level keeps the tree small and the recursion shallow.
import { CstParser, type CstNode, type IOrAlt, type IToken, type OrMethodOpts, type ParserMethod, type TokenType } from 'chevrotain';
import { syntaxErrorMessages } from './syntax-errors';
import {
  Arrow, BinaryOperator, Colon, Comma, DateLiteral, DECLARATION_KEYWORDS, Dot, ElidedGroup, Equals, Identifier, K,
  LCurly, LParen, Minus, MoneyLiteral, NumberLiteral, PARSER_TOKENS, PercentLiteral, Question, RCurly, ReservedName, RParen,
  StringLiteral,
} from './tokens';

export class IncentParser extends CstParser {
  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion); the tests do,
   * the shared instance does not: they cost start-up time and need Node 22 (`Object.groupBy`).
   */
  constructor(options: { validate?: boolean } = {}) {
    super([...PARSER_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: syntaxErrorMessages,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  // ---------------------------------------------------------------- file and declarations

  planFile = this.RULE('planFile', () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  /** The alternatives of `declaration`, made once (like `primary`'s). */
  private declarationAlternatives?: IOrAlt<unknown>[];

  declaration = this.RULE('declaration', () => {
    this.declarationAlternatives ??= [
      this.planDeclaration, this.enumDeclaration, this.inputDeclaration, this.letDeclaration, this.measureDeclaration,
      this.metricDeclaration, this.commissionDeclaration, this.bonusDeclaration, this.spiffDeclaration,
      this.clawbackDeclaration, this.drawDeclaration, this.rewardDeclaration,
    ].map((rule) => ({ ALT: () => this.SUBRULE(rule) }));
    this.OR({ DEF: this.declarationAlternatives, ERR_MSG: 'a declaration' });
  });

  planDeclaration = this.RULE('planDeclaration', () => {
    this.CONSUME(K.plan);
    this.CONSUME(StringLiteral, { LABEL: 'title' });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.planItem));
    this.CONSUME(RCurly);
  });

  planItem = this.RULE('planItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.version, { LABEL: 'key' });
          // `version` with nothing after it on its line: the next line is the next setting, not the value
          this.OPTION({ GATE: () => !this.startsNewLine(), DEF: () => this.SUBRULE(this.expression, { LABEL: 'value' }) });
        },
      },
      { ALT: () => { this.CONSUME(K.currency, { LABEL: 'key' }); this.SUBRULE(this.word, { LABEL: 'word' }); } },
      { ALT: () => { this.CONSUME(K.period, { LABEL: 'key' }); this.SUBRULE2(this.word, { LABEL: 'word' }); } },
      { ALT: () => { this.CONSUME(K.rounding, { LABEL: 'key' }); this.SUBRULE3(this.word, { LABEL: 'word' }); } },
      { ALT: () => { this.CONSUME(K.fiscal_year_start, { LABEL: 'key' }); this.SUBRULE4(this.word, { LABEL: 'word' }); } },
      {
        ALT: () => {
          this.CONSUME(K.effective, { LABEL: 'key' });
          this.SUBRULE2(this.expression, { LABEL: 'value' });
          this.CONSUME(K.to);
          this.SUBRULE3(this.expression, { LABEL: 'to' });
        },
      },
    ]);
  });

  /** The name a declaration, field or enum value introduces; a reserved word is read too, and reported. */
  declaredName = this.RULE('declaredName', () => {
    this.OR({
      DEF: [{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(ReservedName) }],
      ERR_MSG: 'a name',
    });
  });

  /** A bare word after a plan key: `USD`, `quarter`, `half_up`, and `up` (a rounding mode). */
  word = this.RULE('word', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(K.up) }]);
  });

  enumDeclaration = this.RULE('enumDeclaration', () => {
    this.CONSUME(K.enum);
    this.SUBRULE(this.declaredName, { LABEL: 'name' });
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.SUBRULE2(this.declaredName, { LABEL: 'value' });
      this.MANY(() => { this.CONSUME(Comma); this.SUBRULE3(this.declaredName, { LABEL: 'value' }); });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RCurly);
  });

  inputDeclaration = this.RULE('inputDeclaration', () => {
    this.CONSUME(K.input);
    this.SUBRULE(this.declaredName, { LABEL: 'name' });
    this.CONSUME(LCurly);
    this.MANY(() => {
      // Decided on one token, so that a field missing its `:` is still read as a field
      // (`credit: Money` is a field too: hence the gate).
      this.OR({
        MAX_LOOKAHEAD: 1,
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.LA(2).tokenType !== Colon, ALT: () => this.SUBRULE(this.creditDeclaration) },
          { ALT: () => this.SUBRULE(this.letDeclaration) },
          { ALT: () => this.SUBRULE(this.fieldDeclaration) },
        ],
      });
    });
    this.CONSUME(RCurly);
  });

  fieldDeclaration = this.RULE('fieldDeclaration', () => {
    this.SUBRULE(this.declaredName, { LABEL: 'name' });
    this.CONSUME(Colon);
    this.SUBRULE(this.typeReference);
    // `key` marks the field, unless it is the name of the next field (`key: Text`).
    this.OPTION({ GATE: () => this.LA(2).tokenType !== Colon, DEF: () => this.CONSUME(K.key) });
  });

  typeReference = this.RULE('typeReference', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(Question));
  });

  /** `credit FIELD on FIELD`; a field named with a reserved word (reported where it is declared) is read as a name here, so the line does not cascade into errors. */
  creditDeclaration = this.RULE('creditDeclaration', () => {
    this.CONSUME(K.credit);
    this.OR([
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'payeeField' }) },
      { ALT: () => this.CONSUME(ReservedName, { LABEL: 'payeeField' }) },
    ]);
    this.CONSUME(K.on);
    this.OR2([
      { ALT: () => this.CONSUME2(Identifier, { LABEL: 'dateField' }) },
      { ALT: () => this.CONSUME2(ReservedName, { LABEL: 'dateField' }) },
    ]);
  });

  letDeclaration = this.RULE('letDeclaration', () => this.namedValue(K.let));
  measureDeclaration = this.RULE('measureDeclaration', () => this.namedValue(K.measure));
  metricDeclaration = this.RULE('metricDeclaration', () => this.namedValue(K.metric));

  // ---------------------------------------------------------------- components

  commissionDeclaration = this.RULE('commissionDeclaration', () => this.componentBody(K.commission, [
    this.forClause, this.baseClause, this.rateClause, this.gateClause, this.multiplierClause, this.accelerateClause, this.capClause,
  ]));
  bonusDeclaration = this.RULE('bonusDeclaration', () => this.componentBody(K.bonus, [this.whenClause, this.payClause, this.oncePerYearClause]));
  spiffDeclaration = this.RULE('spiffDeclaration', () => this.componentBody(K.spiff, [this.duringClause, this.forClause, this.payClause]));
  clawbackDeclaration = this.RULE('clawbackDeclaration', () => this.componentBody(K.clawback, [this.forClause, this.recoverClause]));
  drawDeclaration = this.RULE('drawDeclaration', () => this.componentBody(K.draw, [this.payClause, this.recoverableClause]));
  rewardDeclaration = this.RULE('rewardDeclaration', () => this.componentBody(K.reward, [this.whenClause, this.forClause, this.grantClause]));

  forClause = this.RULE('forClause', () => {
    this.CONSUME(K.for);
    this.SUBRULE(this.recordSelection);
  });

  /** `d in [all] deals [where c]`, shared by `for` clauses and aggregates. */
  recordSelection = this.RULE('recordSelection', () => {
    this.CONSUME(Identifier, { LABEL: 'variable' });
    this.CONSUME(K.in);
    this.OPTION(() => this.CONSUME(K.all));
    this.CONSUME2(Identifier, { LABEL: 'source' });
    this.OPTION2(() => { this.CONSUME(K.where); this.SUBRULE(this.expression, { LABEL: 'where' }); });
  });

  baseClause = this.RULE('baseClause', () => this.keywordExpression(K.base));
  rateClause = this.RULE('rateClause', () => this.keywordExpression(K.rate));
  gateClause = this.RULE('gateClause', () => this.keywordExpression(K.gate));
  multiplierClause = this.RULE('multiplierClause', () => this.keywordExpression(K.multiplier));
  whenClause = this.RULE('whenClause', () => this.keywordExpression(K.when));

  accelerateClause = this.RULE('accelerateClause', () => {
    this.CONSUME(K.accelerate);
    this.OR([
      { ALT: () => this.CONSUME(K.marginal, { LABEL: 'mode' }) },
      { ALT: () => this.CONSUME(K.retroactive, { LABEL: 'mode' }) },
    ]);
    this.CONSUME(K.against);
    this.SUBRULE(this.expression, { LABEL: 'target' });
    this.OPTION(() => { this.CONSUME(K.per); this.CONSUME(K.year); });
    this.OPTION2(() => { this.CONSUME(K.on); this.SUBRULE2(this.expression, { LABEL: 'on' }); });
    this.SUBRULE(this.tierTable);
  });

  /** Tiers take no `else`; one is read anyway so that cst-to-ast.ts can say so plainly. */
  tierTable = this.RULE('tierTable', () => {
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.bandArm));
    this.OPTION(() => this.SUBRULE(this.elseArm));
    this.CONSUME(RCurly);
  });

  capClause = this.RULE('capClause', () => {
    this.CONSUME(K.cap);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(K.per);
    this.OR([
      { ALT: () => this.CONSUME(K.deal, { LABEL: 'scope' }) },
      { ALT: () => this.CONSUME(K.period, { LABEL: 'scope' }) },
      { ALT: () => this.CONSUME(K.year, { LABEL: 'scope' }) },
    ]);
  });

  payClause = this.RULE('payClause', () => {
    this.CONSUME(K.pay);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.OPTION(() => { this.CONSUME(K.per); this.CONSUME(K.period); });
  });

  oncePerYearClause = this.RULE('oncePerYearClause', () => {
    this.CONSUME(K.once);
    this.CONSUME(K.per);
    this.CONSUME(K.year);
  });

  duringClause = this.RULE('duringClause', () => {
    this.CONSUME(K.during);
    this.SUBRULE(this.expression, { LABEL: 'from' });
    this.CONSUME(K.to);
    this.SUBRULE2(this.expression, { LABEL: 'to' });
  });

  recoverClause = this.RULE('recoverClause', () => {
    this.CONSUME(K.recover);
    this.SUBRULE(this.expression, { LABEL: 'share' });
    this.CONSUME(K.of);
    this.CONSUME(Identifier, { LABEL: 'component' });
    this.CONSUME(K.on);
    this.CONSUME2(Identifier, { LABEL: 'dateField' });
  });

  recoverableClause = this.RULE('recoverableClause', () => {
    this.CONSUME(K.recoverable);
  });

  grantClause = this.RULE('grantClause', () => {
    this.CONSUME(K.grant);
    this.OR({
      // `grant "text"` is an award; anything else is an amount of points.
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'award' }) },
        { ALT: () => { this.SUBRULE(this.expression, { LABEL: 'points' }); this.CONSUME(K.points); } },
      ],
    });
  });

  // ---------------------------------------------------------------- expressions

  /**
   * `operand (op operand)*`, all binary operators alike; precedence is applied when the AST
   * is built. `inTable` is set for the value of a table row: there a `-` that starts a new
   * line begins the next row (`-10% to 0% -> …`) instead of continuing the expression.
   */
  expression = this.RULE('expression', (inTable?: boolean) => {
    this.SUBRULE(this.operand);
    this.MANY(inTable === true ? this.moreOperandsInTable : this.moreOperands);
  });

  // The repetitions of `expression` and `operand`, made once: those rules run for every
  // operand, and closures and options made at each call were a good part of parsing's garbage.
  private readonly moreOperands = (): void => { this.CONSUME(BinaryOperator); this.SUBRULE2(this.operand); };
  private readonly moreOperandsInTable = { GATE: () => !this.minusStartsLine(), DEF: this.moreOperands };
  private readonly prefixNot = (): void => { this.CONSUME(K.not, PREFIX_NOT); };
  private readonly prefixMinus = (): void => { this.CONSUME(Minus, PREFIX_MINUS); };
  private readonly fieldAccess = (): void => { this.CONSUME(Dot); this.CONSUME(Identifier, FIELD); };
  private readonly isNot = (): void => { this.CONSUME2(K.not, IS_NOT); };
  private readonly isSet = (): void => { this.CONSUME(K.is); this.OPTION2(this.isNot); this.CONSUME(K.set); };

  /**
   * `not* -* primary (.field)* [is [not] set]`: prefix operators, the value, field access, the
   * `is set` test. The primary (a literal, a name or call, a bracketed expression, `if`,
   * `match`, `bands`) is read here, not by rules of its own: two rules per operand fewer is a
   * third fewer CST nodes. Its tokens and nodes sit beside the operand's own (a name is
   * `name`, a call's arguments `callArguments`).
   */
  operand = this.RULE('operand', () => {
    this.MANY(this.prefixNot);
    this.MANY2(this.prefixMinus);
    this.primary ??= {
      DEF: [
        ...[NumberLiteral, PercentLiteral, MoneyLiteral, DateLiteral, StringLiteral, K.true, K.false, K.payee, K.period, ElidedGroup].map((type) => ({ ALT: () => this.CONSUME(type) })),
        { ALT: () => { this.CONSUME2(Identifier, NAME); this.OPTION3(this.callArgumentsOption); } },
        { ALT: () => { this.CONSUME(LParen); this.SUBRULE(this.expression, INNER); this.CONSUME(RParen); } },
        { ALT: () => this.SUBRULE(this.ifExpression) },
        { ALT: () => this.SUBRULE(this.matchExpression) },
        { ALT: () => this.SUBRULE(this.bandsExpression) },
      ],
      ERR_MSG: 'an expression',
    };
    this.OR(this.primary);
    this.MANY3(this.fieldAccess);
    this.OPTION(this.isSet);
  });

  /** The alternatives of a primary, made once (building fifteen closures each time cost a fifth of parsing). */
  private primary?: OrMethodOpts<unknown>;

  /** After a name in an operand: the arguments of a call `name(args)` or an aggregate `sum(e for d in X)` / `count(d in X)`. */
  private readonly callArgumentsOption = (): void => { this.SUBRULE(this.callArguments); };

  callArguments = this.RULE('callArguments', () => {
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.recordSelection, { LABEL: 'countSelection' }) },
        {
          ALT: () => {
            this.SUBRULE(this.expression, { LABEL: 'argument' });
            this.OR2([
              { ALT: () => { this.CONSUME(K.for); this.SUBRULE2(this.recordSelection, { LABEL: 'selection' }); } },
              { ALT: () => this.MANY(() => { this.CONSUME(Comma); this.SUBRULE2(this.expression, { LABEL: 'argument' }); }) },
            ]);
          },
        },
      ]);
    });
    this.CONSUME(RParen);
  });

  /** `if c then a (else if c then a)* else b`: an `else if` chain is read as a loop, not by recursion. */
  ifExpression = this.RULE('ifExpression', () => {
    this.CONSUME(K.if);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(K.then);
    this.SUBRULE2(this.expression, { LABEL: 'branch' });
    this.MANY(() => {
      this.CONSUME(K.else, { LABEL: 'elseIf' });
      this.CONSUME2(K.if, { LABEL: 'elseIfIf' });
      this.SUBRULE3(this.expression, { LABEL: 'condition' });
      this.CONSUME2(K.then);
      this.SUBRULE4(this.expression, { LABEL: 'branch' });
    });
    this.CONSUME2(K.else);
    this.SUBRULE5(this.expression, { LABEL: 'otherwise' });
  });

  matchExpression = this.RULE('matchExpression', () => {
    this.CONSUME(K.match);
    this.SUBRULE(this.expression, { LABEL: 'subject' });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.matchArm));
    this.OPTION(() => this.SUBRULE(this.elseArm));
    this.CONSUME(RCurly);
  });

  matchArm = this.RULE('matchArm', () => {
    this.SUBRULE(this.expression, { LABEL: 'pattern' });
    this.MANY(() => { this.CONSUME(Comma); this.SUBRULE2(this.expression, { LABEL: 'pattern' }); });
    this.CONSUME(Arrow);
    this.SUBRULE3(this.expression, { LABEL: 'value', ARGS: [true] });
  });

  elseArm = this.RULE('elseArm', () => {
    this.CONSUME(K.else);
    this.CONSUME(Arrow);
    this.SUBRULE(this.expression, { LABEL: 'value', ARGS: [true] });
  });

  bandsExpression = this.RULE('bandsExpression', () => {
    this.CONSUME(K.bands);
    this.SUBRULE(this.expression, { LABEL: 'subject' });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.bandArm));
    this.OPTION(() => this.SUBRULE(this.elseArm));
    this.CONSUME(RCurly);
  });

  /** `A to B -> e`, `A up -> e`, `below B -> e` */
  bandArm = this.RULE('bandArm', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.below); this.SUBRULE(this.expression, { LABEL: 'upper' }); } },
      {
        ALT: () => {
          this.SUBRULE2(this.expression, { LABEL: 'lower' });
          this.OR2([
            { ALT: () => { this.CONSUME(K.to); this.SUBRULE3(this.expression, { LABEL: 'upper' }); } },
            { ALT: () => this.CONSUME(K.up) },
          ]);
        },
      },
    ]);
    this.CONSUME(Arrow);
    this.SUBRULE4(this.expression, { LABEL: 'value', ARGS: [true] });
  });

  // ---------------------------------------------------------------- shared shapes

  /** `KEYWORD name = expression` (let, measure, metric). */
  private namedValue(keywordType: TokenType): void {
    this.CONSUME(keywordType);
    this.SUBRULE(this.declaredName, { LABEL: 'name' });
    this.CONSUME(Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  }

  /** `KEYWORD expression` (base, rate, gate, multiplier, when). */
  private keywordExpression(keywordType: TokenType): void {
    this.CONSUME(keywordType);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  }

  /** `KEYWORD name { clause* }` for the components, each with its own clauses. */
  private componentBody(keywordType: TokenType, clauses: ParserMethod<[], CstNode>[]): void {
    this.CONSUME(keywordType);
    this.SUBRULE(this.declaredName, { LABEL: 'name' });
    this.CONSUME(LCurly);
    let alternatives = this.clauseAlternatives.get(keywordType);
    if (!alternatives) this.clauseAlternatives.set(keywordType, (alternatives = clauses.map((rule) => ({ ALT: () => this.SUBRULE(rule) }))));
    this.MANY(() => this.OR(alternatives));
    this.CONSUME(RCurly);
  }

  /** Each component's clause alternatives, made once per component keyword (the rule runs for every clause). */
  private readonly clauseAlternatives = new Map<TokenType, IOrAlt<unknown>[]>();

  /** The next token is on a later line than the last one read. */
  private startsNewLine(): boolean {
    return (this.LA(1).startLine ?? 0) > (this.LA(0).endLine ?? Infinity);
  }

  private minusStartsLine(): boolean {
    return this.LA(1).tokenType === Minus && this.startsNewLine();
  }

  /** Where `parseTokens` hands each top-level declaration as soon as it is parsed; unset, it stays in the file's CST. */
  private declarationSink: ((declaration: CstNode) => void) | undefined;

  /**
   * Hands each top-level declaration's CST to the sink instead of keeping it under the file's
   * node, so that the CST of a declaration dies young once its AST is built (a whole file's CST
   * is several times the size of its AST, and collections copy what is alive). chevrotain calls
   * this (untyped) hook when a sub-rule is done, a partial one after recovery included, in
   * source order; were it ever not called, the declarations stay in the file's CST and
   * `parseTokens` still returns them (a test checks that the sink is used).
   */
  protected cstPostNonTerminal(ruleCstResult: CstNode, ruleName: string): void {
    const self = this as unknown as TreeBuilder;
    if (this.declarationSink !== undefined && ruleName === 'declaration' && self.CST_STACK.length === 1) {
      this.declarationSink(ruleCstResult);
      return;
    }
    (CstParser.prototype as unknown as TreeBuilder).cstPostNonTerminal.call(this, ruleCstResult, ruleName);
  }

  /**
   * Starts the CST node of a rule, as chevrotain does with `onlyOffset` locations and recovery
   * on, but with children in an object of V8's fast kind: chevrotain's `Object.create(null)` is
   * a hash table per node, which made the CST twice as costly to build and collect. Its
   * prototype has no properties either, so no key is ever inherited (untyped hook, as above).
   */
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const node: CstNode = { name: fullRuleName, children: Object.create(NO_PROPERTIES) as CstNode['children'], location: { startOffset: -1, endOffset: -1 } };
    (this as unknown as TreeBuilder).CST_STACK.push(node);
  }

  /** Parses a whole file; each declaration's CST goes to `sink` as soon as it is parsed, or else stays in the returned CST. */
  parseFile(tokens: IToken[], sink?: (declaration: CstNode) => void): CstNode {
    this.input = tokens;
    this.declarationSink = sink;
    try {
      return this.planFile();
    } finally {
      this.declarationSink = undefined;
    }
  }

  /** Recovery may skip a stray token, but never a declaration keyword: that is where the next declaration starts. */
  protected override canTokenTypeBeDeletedInRecovery(_expected: TokenType): boolean {
    return !DECLARATION_KEYWORDS.includes(this.LA(1).tokenType);
  }
}

/** Labels of the operand rule's tokens and nodes, made once. */
const PREFIX_NOT = { LABEL: 'prefixNot' };
const PREFIX_MINUS = { LABEL: 'prefixMinus' };
const FIELD = { LABEL: 'field' };
const IS_NOT = { LABEL: 'isNot' };
const INNER = { LABEL: 'inner' };
const NAME = { LABEL: 'name' };

/** chevrotain's CST building, which `cstPostNonTerminal` extends: internal, not in its types. */
interface TreeBuilder {
  readonly CST_STACK: CstNode[];
  cstPostNonTerminal(ruleCstResult: CstNode, ruleName: string): void;
}

/** The prototype of every CST node's children: an object without properties, so `children[key]` is only ever a child. */
const NO_PROPERTIES: object = Object.create(null) as object;

let sharedParser: IncentParser | undefined;

/** The one parser instance, built on first use (grammar analysis takes a few milliseconds). */
export function incentParser(): IncentParser {
  sharedParser ??= new IncentParser();
  return sharedParser;
}

/**
 * Parses a token vector into the CST of a whole file; syntax errors are left in `parser.errors`.
 * With `sink`, each top-level declaration's CST is handed to it as soon as it is parsed, in
 * source order, and left out of the returned CST.
 */
export function parseTokens(tokens: IToken[], sink?: (declaration: CstNode) => void): { cst: CstNode; parser: IncentParser } {
  const parser = incentParser();
  const cst = parser.parseFile(tokens, sink);
  return { cst, parser };
}
