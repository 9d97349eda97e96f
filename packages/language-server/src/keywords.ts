// The keywords of Incent as the editor presents them: a one-line explanation of each (hover,
// completion details), the clauses each declaration takes and the words of the plan header
// (completion by context). The lexer's lists (RESERVED_KEYWORDS, CONTEXTUAL_KEYWORDS) say
// which words are keywords; this file says what they mean (spec §4).

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  plan: 'The plan header: `version`, `currency`, `period`, `effective`, and optionally `fiscal_year_start` and `rounding`. Exactly one per file.',
  enum: 'An enumeration: `enum Channel { direct, partner }`. Values are written bare where the type is known, or as `Channel.direct`.',
  input: 'A typed record schema for one data set (`NAME.csv`, `NAME.json` or `NAME.jsonl`).',
  let: 'A plan-level constant, or inside an input a derived field computed per record.',
  measure: 'A value computed per payee per period: aggregates, `payee`, `period`, other measures.',
  metric: 'A plan-level KPI for the run report, computed over every record of the effective range.',
  commission: 'A per-record earning rule: `for`, `base`, `rate`, and optionally `gate`, `multiplier`, `accelerate`, `cap`.',
  bonus: 'Pays an amount per payee per period when a condition holds: `when c  pay M` (optionally `once per year`).',
  spiff: 'A fixed amount per credited record in a date window: `during D1 to D2  for d in X  pay M`.',
  clawback: 'Recovers a share of what records earned: `for d in X where c  recover P of COMPONENT on DATEFIELD`.',
  draw: 'A guaranteed minimum per period: `pay M per period`, optionally `recoverable`.',
  reward: 'A non-monetary line: `grant N points` or `grant "Award"`, optionally `when c` or `for d in X`.',
  for: 'Selects records: `for d in [all] X where c` (without `all`: the records credited to the payee in the period).',
  in: 'Names the input a loop ranges over: `for d in deals`.',
  all: 'Every record of the period, not only those credited to the payee (team and pool measures).',
  where: 'A condition on each record; records for which it is false are left out.',
  if: 'A conditional expression: `if c then a else b`.',
  then: 'The value of an `if` when its condition holds.',
  else: 'The fallback: of an `if`, or the row of a `match` or `bands` table that catches the rest.',
  match: 'Chooses by value: `match x { a -> e  b, c -> e  else -> e }`. On an enum without `else`, every value needs an arm.',
  bands: 'Chooses by range: `bands x { 0% to 20% -> a  20% up -> b  else -> c }`. Ranges are half-open: A ≤ x < B.',
  and: 'Both conditions (short-circuits left to right).',
  or: 'Either condition (short-circuits left to right).',
  not: 'Negates a condition.',
  is: '`x is set`, `x is not set`: tests whether an optional value is present.',
  set: '`x is set`: true when the optional value is present.',
  true: 'The Bool value true.',
  false: 'The Bool value false.',
  up: '`A up`: from A (included) upward.',
  below: '`below B`: everything under B (excluded).',
  to: '`A to B`: a range. In tables half-open (A ≤ x < B); in `effective` and `during` both dates are included.',
  payee: 'The payee being evaluated: its roster row (`payee.quota`).',
  period: 'The period being evaluated: `period.start`, `period.end`, `period.days`. In the header: `month`, `quarter`, `half` or `year`.',
  version: 'The plan version: an Int.',
  currency: "The plan's ISO 4217 currency: `currency USD`.",
  effective: 'The date range the plan covers, both ends included: `effective 2027-01-01 to 2027-12-31`.',
  rounding: 'How payout lines are rounded to the minor unit: `half_even` (default), `half_up`, `down` (toward 0), `up` (away from 0).',
  fiscal_year_start: 'The month the fiscal year starts in (lower-case English name; default `january`).',
  key: 'Marks a key field; several `key` fields form a composite key.',
  credit: '`credit FIELD on DATEFIELD`: each record credits the payee in FIELD in the period containing DATEFIELD.',
  on: '`credit owner on closed_on`, `recover … on DATEFIELD`, `accelerate … on e` (attainment counts e instead of the base).',
  base: 'The Money that the rate applies to, per record.',
  rate: 'The Percent applied to the base: a constant, `match`, `bands` or `if`.',
  gate: 'A condition per record; a record failing any gate earns 0 (but still counts toward attainment).',
  multiplier: "A Number that multiplies the record's earning (several allowed).",
  accelerate: '`accelerate marginal|retroactive against T [per year] [on e] { tiers }`: tier factors on cumulative attainment.',
  marginal: 'Each slice of the base earns the factor of the tier it falls in.',
  retroactive: 'The whole base earns the factor of the tier the period-end attainment falls in.',
  against: 'The target attainment is measured against: `against payee.quota`.',
  per: '`cap … per deal|period|year`, `pay M per period`, `accelerate … per year`.',
  cap: 'A ceiling: `cap M per deal`, `per period` or `per year`.',
  deal: '`cap M per deal`: limits each record’s earning.',
  year: '`per year`: over the fiscal year to date.',
  when: 'The condition under which a bonus pays or a reward is granted.',
  pay: 'The amount paid: `pay 500 USD` (bonus, spiff), `pay M per period` (draw).',
  once: '`once per year`: the bonus is paid at most once in a fiscal year.',
  during: 'The date window of a spiff, both ends included.',
  recover: '`recover P of COMPONENT on DATEFIELD`: the share of what each record earned that is taken back.',
  of: '`recover P of COMPONENT`: the commission or spiff recovered.',
  recoverable: 'What a draw advanced is owed back from later earnings in the same fiscal year.',
  grant: '`grant N points` or `grant "Award text"`.',
  points: 'The unit of a reward: `grant 50 points`.',
};

/** The declaration keywords, in the order completion offers them. */
export const DECLARATION_KEYWORDS = ['plan', 'enum', 'input', 'let', 'measure', 'commission', 'bonus', 'spiff', 'clawback', 'draw', 'reward', 'metric'] as const;

export const HEADER_KEYWORDS = ['version', 'currency', 'period', 'effective', 'rounding', 'fiscal_year_start'] as const;

/** The clauses of each component, by declaration keyword. */
export const CLAUSE_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  commission: ['for', 'base', 'rate', 'gate', 'multiplier', 'accelerate', 'cap'],
  bonus: ['when', 'pay', 'once per year'],
  spiff: ['during', 'for', 'pay'],
  clawback: ['for', 'recover'],
  draw: ['pay', 'recoverable'],
  reward: ['when', 'for', 'grant'],
};

/** Words that may start an expression, beside names. */
export const EXPRESSION_KEYWORDS = ['if', 'match', 'bands', 'not', 'payee', 'period', 'true', 'false'] as const;
