// The abstract syntax tree: plain, immutable data built from the CST by cst-to-ast.ts.
// Pipeline: text → tokens → CST → **AST** → checked AST → IR. Every node has a `kind` and a
// `span` (character offsets into the source). Nodes left incomplete by parser recovery are
// still typed: a missing name is an Identifier with `name: ''`, a missing expression is an
// `ErrorExpr`; nothing is `undefined` unless the grammar makes it optional.

export interface Span {
  readonly start: number; // offset of the first character
  readonly end: number; // offset one past the last character
}

export interface Identifier {
  readonly kind: 'Identifier';
  readonly name: string; // '' when recovery found no name
  readonly span: Span;
}

// ---------------------------------------------------------------- file and declarations

export interface PlanFile {
  readonly kind: 'PlanFile';
  readonly declarations: readonly Declaration[];
  readonly span: Span;
}

export type Declaration =
  | PlanDecl
  | EnumDecl
  | InputDecl
  | LetDecl
  | MeasureDecl
  | CommissionDecl
  | BonusDecl
  | SpiffDecl
  | ClawbackDecl
  | DrawDecl
  | RewardDecl
  | MetricDecl;

interface DeclBase {
  readonly span: Span;
  /** Text of the `///` doc comment lines just before the declaration, joined with '\n'. */
  readonly doc: string | undefined;
}

/** `plan "Name" { version 3  currency USD ... }` */
export interface PlanDecl extends DeclBase {
  readonly kind: 'PlanDecl';
  readonly title: StringLiteral | undefined;
  readonly items: readonly PlanItem[];
}

export type PlanItemKey = 'version' | 'currency' | 'period' | 'effective' | 'rounding' | 'fiscal_year_start';

/**
 * One header line. `value` holds the words after the key: for `version 3` a NumberLiteral,
 * for `currency USD`, `period quarter`, `rounding half_up`, `fiscal_year_start february` an
 * Identifier, for `effective A to B` the two DateLiterals in `value` and `to`.
 */
export interface PlanItem {
  readonly kind: 'PlanItem';
  readonly key: PlanItemKey;
  readonly keySpan: Span;
  readonly value: Expr | undefined;
  readonly to: Expr | undefined; // only for `effective`
  readonly span: Span;
}

/** `enum Channel { direct, partner }` */
export interface EnumDecl extends DeclBase {
  readonly kind: 'EnumDecl';
  readonly name: Identifier;
  readonly values: readonly Identifier[];
}

/** `input deals { id: Text key  let margin = ...  credit owner on closed_on }` */
export interface InputDecl extends DeclBase {
  readonly kind: 'InputDecl';
  readonly name: Identifier;
  readonly fields: readonly FieldDecl[];
  readonly lets: readonly LetDecl[];
  readonly credits: readonly CreditDecl[];
}

export interface FieldDecl {
  readonly kind: 'FieldDecl';
  readonly name: Identifier;
  readonly type: TypeRef;
  readonly isKey: boolean;
  readonly doc: string | undefined;
  readonly span: Span;
}

/** `Money`, `Date?`, `Channel` */
export interface TypeRef {
  readonly kind: 'TypeRef';
  readonly name: Identifier;
  readonly optional: boolean;
  readonly span: Span;
}

/** `credit owner on closed_on` */
export interface CreditDecl {
  readonly kind: 'CreditDecl';
  readonly payeeField: Identifier;
  readonly dateField: Identifier;
  readonly span: Span;
}

/** `let name = expr` at plan level, or inside an input (a derived field). */
export interface LetDecl extends DeclBase {
  readonly kind: 'LetDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/** `measure name = expr` */
export interface MeasureDecl extends DeclBase {
  readonly kind: 'MeasureDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/** `metric name = expr` */
export interface MetricDecl extends DeclBase {
  readonly kind: 'MetricDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/** `for d in [all] deals where c` — the record selection of components and aggregates. */
export interface ForClause {
  readonly kind: 'ForClause';
  readonly variable: Identifier;
  readonly all: boolean;
  readonly source: Identifier; // the input name
  readonly where: Expr | undefined;
  readonly span: Span;
}

export interface CommissionDecl extends DeclBase {
  readonly kind: 'CommissionDecl';
  readonly name: Identifier;
  readonly clauses: readonly CommissionClause[];
}

export type CommissionClause =
  | ForClause
  | BaseClause
  | RateClause
  | GateClause
  | MultiplierClause
  | AccelerateClause
  | CapClause;

export interface BaseClause { readonly kind: 'BaseClause'; readonly value: Expr; readonly span: Span }
export interface RateClause { readonly kind: 'RateClause'; readonly value: Expr; readonly span: Span }
export interface GateClause { readonly kind: 'GateClause'; readonly condition: Expr; readonly span: Span }
export interface MultiplierClause { readonly kind: 'MultiplierClause'; readonly value: Expr; readonly span: Span }

/** `accelerate marginal|retroactive against T [per year] [on e] { tiers }` */
export interface AccelerateClause {
  readonly kind: 'AccelerateClause';
  readonly mode: 'marginal' | 'retroactive';
  readonly target: Expr;
  readonly perYear: boolean;
  readonly on: Expr | undefined;
  readonly tiers: readonly BandArm[];
  /** span of the `{ … }` table, for diagnostics about the table as a whole */
  readonly tableSpan: Span;
  readonly span: Span;
}

/** `cap 20_000 USD per deal|period|year` */
export interface CapClause {
  readonly kind: 'CapClause';
  readonly amount: Expr;
  readonly scope: 'deal' | 'period' | 'year' | undefined; // undefined when recovery lost it
  readonly scopeSpan: Span;
  readonly span: Span;
}

export interface BonusDecl extends DeclBase {
  readonly kind: 'BonusDecl';
  readonly name: Identifier;
  readonly clauses: readonly (WhenClause | PayClause | OncePerYearClause)[];
}

export interface WhenClause { readonly kind: 'WhenClause'; readonly condition: Expr; readonly span: Span }
/** `pay M` (bonus, spiff) or `pay M per period` (draw: `perPeriod` true). */
export interface PayClause { readonly kind: 'PayClause'; readonly amount: Expr; readonly perPeriod: boolean; readonly span: Span }
export interface OncePerYearClause { readonly kind: 'OncePerYearClause'; readonly span: Span }

export interface SpiffDecl extends DeclBase {
  readonly kind: 'SpiffDecl';
  readonly name: Identifier;
  readonly clauses: readonly (DuringClause | ForClause | PayClause)[];
}

/** `during 2027-01-01 to 2027-03-31` */
export interface DuringClause { readonly kind: 'DuringClause'; readonly from: Expr; readonly to: Expr; readonly span: Span }

export interface ClawbackDecl extends DeclBase {
  readonly kind: 'ClawbackDecl';
  readonly name: Identifier;
  readonly clauses: readonly (ForClause | RecoverClause)[];
}

/** `recover 100% of new_business on cancelled_on` */
export interface RecoverClause {
  readonly kind: 'RecoverClause';
  readonly share: Expr;
  readonly component: Identifier;
  readonly dateField: Identifier;
  readonly span: Span;
}

export interface DrawDecl extends DeclBase {
  readonly kind: 'DrawDecl';
  readonly name: Identifier;
  readonly clauses: readonly (PayClause | RecoverableClause)[];
}

export interface RecoverableClause { readonly kind: 'RecoverableClause'; readonly span: Span }

export interface RewardDecl extends DeclBase {
  readonly kind: 'RewardDecl';
  readonly name: Identifier;
  readonly clauses: readonly (WhenClause | ForClause | GrantClause)[];
}

/** `grant 50 points` or `grant "President's Club trip"` */
export interface GrantClause {
  readonly kind: 'GrantClause';
  readonly points: Expr | undefined; // `grant N points`
  readonly award: StringLiteral | undefined; // `grant "text"`
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLiteral
  | PercentLiteral
  | MoneyLiteral
  | DateLiteral
  | StringLiteral
  | BoolLiteral
  | NameExpr
  | PayeeExpr
  | PeriodExpr
  | FieldAccess
  | BinaryExpr
  | UnaryExpr
  | IsSetExpr
  | IfExpr
  | MatchExpr
  | BandsExpr
  | AggregateExpr
  | CallExpr
  | ParenExpr
  | ErrorExpr;

/** `42`, `0.075`, `1_000_000`; `text` is the source digits with underscores removed. */
export interface NumberLiteral { readonly kind: 'NumberLiteral'; readonly text: string; readonly span: Span }
/** `7.5%`; `text` is the number before the `%` with underscores removed ("7.5"). */
export interface PercentLiteral { readonly kind: 'PercentLiteral'; readonly text: string; readonly span: Span }
/** `250_000 USD`; `text` is "250000", `currency` is "USD". */
export interface MoneyLiteral { readonly kind: 'MoneyLiteral'; readonly text: string; readonly currency: string; readonly span: Span }
/** `2027-01-31` as written; validity is the checker's business. */
export interface DateLiteral { readonly kind: 'DateLiteral'; readonly text: string; readonly span: Span }
/** `"text"`; `value` has the escapes resolved. */
export interface StringLiteral { readonly kind: 'StringLiteral'; readonly value: string; readonly span: Span }
export interface BoolLiteral { readonly kind: 'BoolLiteral'; readonly value: boolean; readonly span: Span }

/** A bare name: a let, measure, loop variable, enum value or enum type (before `.value`). */
export interface NameExpr { readonly kind: 'NameExpr'; readonly name: Identifier; readonly span: Span }
/** The `payee` keyword: the roster row of the payee being evaluated. */
export interface PayeeExpr { readonly kind: 'PayeeExpr'; readonly span: Span }
/** The `period` keyword, used as `period.start`, `period.end`, `period.days`. */
export interface PeriodExpr { readonly kind: 'PeriodExpr'; readonly span: Span }

/** `x.f` */
export interface FieldAccess { readonly kind: 'FieldAccess'; readonly object: Expr; readonly field: Identifier; readonly span: Span }

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | '??';

export interface BinaryExpr {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly opSpan: Span;
  readonly span: Span;
}

export interface UnaryExpr { readonly kind: 'UnaryExpr'; readonly op: '-' | 'not'; readonly operand: Expr; readonly span: Span }

/** `x is set` (negated: `x is not set`) */
export interface IsSetExpr { readonly kind: 'IsSetExpr'; readonly operand: Expr; readonly negated: boolean; readonly span: Span }

export interface IfExpr { readonly kind: 'IfExpr'; readonly condition: Expr; readonly then: Expr; readonly else: Expr; readonly span: Span }

/** `match x { a -> e  b, c -> e  else -> e }` */
export interface MatchExpr {
  readonly kind: 'MatchExpr';
  readonly subject: Expr;
  readonly arms: readonly MatchArm[];
  readonly elseArm: ElseArm | undefined;
  readonly span: Span;
}

export interface MatchArm { readonly kind: 'MatchArm'; readonly patterns: readonly Expr[]; readonly value: Expr; readonly span: Span }
export interface ElseArm { readonly kind: 'ElseArm'; readonly value: Expr; readonly span: Span }

/** `bands x { 20% to 30% -> 0.8  30% up -> 1  below 10% -> 0  else -> 0 }` */
export interface BandsExpr {
  readonly kind: 'BandsExpr';
  readonly subject: Expr;
  readonly arms: readonly BandArm[];
  readonly elseArm: ElseArm | undefined;
  readonly span: Span;
}

/**
 * One row of a bands or tier table. `A to B`: lower A, upper B. `A up`: lower A only.
 * `below B`: upper B only. Ranges are half-open: lower ≤ x < upper.
 */
export interface BandArm {
  readonly kind: 'BandArm';
  readonly lower: Expr | undefined;
  readonly upper: Expr | undefined;
  readonly value: Expr;
  readonly rangeSpan: Span;
  readonly span: Span;
}

export type AggregateFn = 'sum' | 'count' | 'avg' | 'min' | 'max';

/** `sum(e for d in [all] X where c)`, `count(d in [all] X where c)` */
export interface AggregateExpr {
  readonly kind: 'AggregateExpr';
  readonly fn: AggregateFn;
  readonly value: Expr | undefined; // absent for count
  readonly variable: Identifier;
  readonly all: boolean;
  readonly source: Identifier;
  readonly where: Expr | undefined;
  readonly span: Span;
}

/** Built-ins: `min(a, b, …)`, `max(a, b, …)`, `abs(x)`, `round(x, step)`, `ytd(m)`, `prior(m)`. */
export interface CallExpr {
  readonly kind: 'CallExpr';
  readonly callee: Identifier; // min, max, abs, round, ytd, prior (or anything, for a diagnostic)
  readonly args: readonly Expr[];
  readonly span: Span;
}

export interface ParenExpr { readonly kind: 'ParenExpr'; readonly inner: Expr; readonly span: Span }

/** Where recovery found no expression. The syntax error was already reported. */
export interface ErrorExpr { readonly kind: 'ErrorExpr'; readonly span: Span }

export type Node =
  | PlanFile
  | Declaration
  | PlanItem
  | FieldDecl
  | TypeRef
  | CreditDecl
  | ForClause
  | CommissionClause
  | WhenClause
  | PayClause
  | OncePerYearClause
  | DuringClause
  | RecoverClause
  | RecoverableClause
  | GrantClause
  | Expr
  | MatchArm
  | ElseArm
  | BandArm
  | Identifier;
