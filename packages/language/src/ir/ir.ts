// The IR: the compiled, versioned JSON form of a checked plan. Pipeline: checked AST →
// (ast-to-ir.ts) → **IR** → evaluation. It is a public format: engines need nothing else to
// run a plan. ir.schema.json describes the same shapes; a test keeps the two in step.
// Every expression node carries its type `t` and its source location `at`
// ([line, column, endLine, endColumn], 1-based) for explanations and error messages.

export const IR_VERSION = 1;

export type IrBaseType = 'Money' | 'Percent' | 'Number' | 'Int' | 'Bool' | 'Date' | 'Text' | 'Payee' | 'Enum' | 'Record';

/** A value type. `enum` names the enum when base is 'Enum', `input` the input of a 'Record' (a loop variable); `optional` for `T?`. */
export interface IrType {
  readonly base: IrBaseType;
  readonly enum?: string;
  readonly input?: string;
  readonly optional?: boolean;
}

export type IrLoc = readonly [number, number, number, number];

export type RoundingMode = 'half_even' | 'half_up' | 'down' | 'up';
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface IrPlan {
  readonly irVersion: number;
  readonly plan: IrHeader;
  readonly enums: readonly IrEnum[];
  readonly inputs: readonly IrInput[];
  readonly lets: readonly IrLet[];
  readonly measures: readonly IrMeasure[];
  readonly components: readonly IrComponent[];
  readonly metrics: readonly IrMetric[];
}

export interface IrHeader {
  readonly name: string;
  readonly version: number;
  readonly currency: string;
  /** Digits of the currency's minor unit (USD 2, JPY 0, KWD 3). */
  readonly minorUnits: number;
  readonly period: PeriodKind;
  readonly effective: { readonly from: string; readonly to: string };
  /** 1 = January … 12 = December. */
  readonly fiscalYearStart: number;
  readonly rounding: RoundingMode;
  readonly source: string; // the plan file's name, for error messages
  readonly doc?: string;
}

export interface IrEnum {
  readonly name: string;
  readonly values: readonly string[];
  readonly doc?: string;
}

export interface IrField {
  readonly name: string;
  readonly type: IrType;
  readonly key?: boolean;
  readonly doc?: string;
}

export interface IrDerived {
  readonly name: string;
  readonly type: IrType;
  readonly expr: IrExpr;
  readonly at: IrLoc;
  readonly doc?: string;
}

export interface IrInput {
  readonly name: string;
  readonly fields: readonly IrField[];
  /** Derived fields in evaluation order (dependencies first). */
  readonly derived: readonly IrDerived[];
  readonly credit?: { readonly payee: string; readonly date: string };
  /** True for the roster: the one input keyed by a single Payee field. */
  readonly roster?: boolean;
  readonly doc?: string;
}

export interface IrLet {
  readonly name: string;
  readonly type: IrType;
  readonly expr: IrExpr;
  readonly doc?: string;
}

export interface IrMeasure {
  readonly name: string;
  readonly type: IrType;
  readonly expr: IrExpr;
  readonly doc?: string;
}

export interface IrMetric {
  readonly name: string;
  readonly type: IrType;
  readonly expr: IrExpr;
  readonly doc?: string;
}

/** `for d in [all] X where c` */
export interface IrSelection {
  readonly var: string;
  readonly input: string;
  readonly all?: boolean;
  readonly where?: IrExpr;
}

export interface IrTier {
  /** Lower bound (inclusive); absent for `below`. */
  readonly from?: IrExpr;
  /** Upper bound (exclusive); absent for `up`. */
  readonly to?: IrExpr;
  readonly value: IrExpr;
  readonly at: IrLoc;
}

export interface IrAccelerator {
  readonly mode: 'marginal' | 'retroactive';
  readonly target: IrExpr;
  readonly perYear?: boolean;
  readonly on?: IrExpr;
  readonly tiers: readonly IrTier[];
  readonly at: IrLoc;
}

export interface IrCap {
  readonly scope: 'deal' | 'period' | 'year';
  readonly amount: IrExpr;
  readonly at: IrLoc;
}

export type IrComponent = IrCommission | IrBonus | IrSpiff | IrClawback | IrDraw | IrReward;

interface IrComponentBase {
  readonly name: string;
  readonly doc?: string;
  readonly at: IrLoc;
}

export interface IrCommission extends IrComponentBase {
  readonly kind: 'commission';
  readonly for: IrSelection;
  readonly base: IrExpr;
  readonly rate: IrExpr;
  readonly gates: readonly IrExpr[];
  readonly multipliers: readonly IrExpr[];
  readonly accelerate?: IrAccelerator;
  readonly caps: readonly IrCap[];
}

export interface IrBonus extends IrComponentBase {
  readonly kind: 'bonus';
  readonly when: IrExpr;
  readonly pay: IrExpr;
  readonly oncePerYear?: boolean;
}

export interface IrSpiff extends IrComponentBase {
  readonly kind: 'spiff';
  readonly during: { readonly from: string; readonly to: string };
  readonly for: IrSelection;
  readonly pay: IrExpr;
}

export interface IrClawback extends IrComponentBase {
  readonly kind: 'clawback';
  readonly for: IrSelection;
  readonly share: IrExpr;
  readonly of: string;
  readonly on: string;
}

export interface IrDraw extends IrComponentBase {
  readonly kind: 'draw';
  readonly pay: IrExpr;
  readonly recoverable?: boolean;
}

export interface IrReward extends IrComponentBase {
  readonly kind: 'reward';
  readonly when?: IrExpr;
  readonly for?: IrSelection;
  /** Points granted (a Number expression), or an award's text. */
  readonly points?: IrExpr;
  readonly award?: string;
}

// ---------------------------------------------------------------- expressions

export type IrBinaryOp =
  | 'add' | 'sub' | 'mul' | 'div'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'
  | 'and' | 'or' | 'coalesce';

export type IrExpr =
  | { readonly k: 'lit'; readonly t: IrType; readonly v: string | boolean; readonly at: IrLoc }
  | { readonly k: 'enum'; readonly t: IrType; readonly v: string; readonly at: IrLoc }
  | { readonly k: 'var'; readonly t: IrType; readonly name: string; readonly at: IrLoc }
  | { readonly k: 'let'; readonly t: IrType; readonly name: string; readonly at: IrLoc }
  | { readonly k: 'measure'; readonly t: IrType; readonly name: string; readonly at: IrLoc }
  | { readonly k: 'payee'; readonly t: IrType; readonly at: IrLoc }
  | { readonly k: 'period'; readonly t: IrType; readonly field: 'start' | 'end' | 'days'; readonly at: IrLoc }
  /** A field of `of` (a record or a payee); without `of`, a field of the record a derived field is computed for. */
  | { readonly k: 'field'; readonly t: IrType; readonly of?: IrExpr; readonly name: string; readonly at: IrLoc }
  | { readonly k: 'bin'; readonly t: IrType; readonly op: IrBinaryOp; readonly l: IrExpr; readonly r: IrExpr; readonly at: IrLoc }
  | { readonly k: 'neg'; readonly t: IrType; readonly e: IrExpr; readonly at: IrLoc }
  | { readonly k: 'not'; readonly t: IrType; readonly e: IrExpr; readonly at: IrLoc }
  | { readonly k: 'isSet'; readonly t: IrType; readonly e: IrExpr; readonly negated?: boolean; readonly at: IrLoc }
  | { readonly k: 'if'; readonly t: IrType; readonly c: IrExpr; readonly a: IrExpr; readonly b: IrExpr; readonly at: IrLoc }
  | {
      readonly k: 'match'; readonly t: IrType; readonly e: IrExpr;
      readonly arms: readonly { readonly values: readonly IrExpr[]; readonly e: IrExpr }[];
      readonly else?: IrExpr; readonly at: IrLoc;
    }
  | { readonly k: 'bands'; readonly t: IrType; readonly e: IrExpr; readonly arms: readonly IrTier[]; readonly else?: IrExpr; readonly at: IrLoc }
  | {
      readonly k: 'agg'; readonly t: IrType; readonly fn: 'sum' | 'count' | 'avg' | 'min' | 'max';
      readonly sel: IrSelection; readonly e?: IrExpr; readonly at: IrLoc;
    }
  | { readonly k: 'call'; readonly t: IrType; readonly fn: 'min' | 'max' | 'abs' | 'round'; readonly args: readonly IrExpr[]; readonly at: IrLoc }
  | { readonly k: 'ytd'; readonly t: IrType; readonly e: IrExpr; readonly at: IrLoc }
  | { readonly k: 'prior'; readonly t: IrType; readonly e: IrExpr; readonly at: IrLoc };
