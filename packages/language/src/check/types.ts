// The checker's types and the operator rules of spec §3. Pipeline: AST → (checker uses
// these) → checked AST. A `Type` is plain data; `ERROR` absorbs follow-on mistakes so one
// mistake gives one diagnostic.

export type BaseType =
  | 'Money' | 'Percent' | 'Number' | 'Int' | 'Bool' | 'Date' | 'Text' | 'Payee' | 'Enum'
  | 'Record' // a loop variable: a record of `input`
  | 'Period' // the `period` keyword
  | 'EnumType' // an enum's name, before `.value`
  | 'Error';

export interface Type {
  readonly base: BaseType;
  /** For Enum and EnumType: the enum's name. */
  readonly enum?: string;
  /** For Record: the input's name. */
  readonly input?: string;
  readonly optional?: boolean;
}

export const T = {
  Money: { base: 'Money' } as Type,
  Percent: { base: 'Percent' } as Type,
  Number: { base: 'Number' } as Type,
  Int: { base: 'Int' } as Type,
  Bool: { base: 'Bool' } as Type,
  Date: { base: 'Date' } as Type,
  Text: { base: 'Text' } as Type,
  Payee: { base: 'Payee' } as Type,
  Period: { base: 'Period' } as Type,
  Error: { base: 'Error' } as Type,
} as const;

export const VALUE_TYPE_NAMES = ['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee'] as const;

export function enumType(name: string): Type {
  return { base: 'Enum', enum: name };
}

export function recordType(input: string): Type {
  return { base: 'Record', input };
}

export function optional(t: Type): Type {
  return t.base === 'Error' || t.optional ? t : { ...t, optional: true };
}

export function required(t: Type): Type {
  if (!t.optional) return t;
  const { optional: _dropped, ...rest } = t;
  return rest;
}

export function isError(t: Type): boolean {
  return t.base === 'Error';
}

export function isNumeric(t: Type): boolean {
  return t.base === 'Money' || t.base === 'Percent' || t.base === 'Number' || t.base === 'Int';
}

export function isPlainNumber(t: Type): boolean {
  return t.base === 'Number' || t.base === 'Int';
}

/** How a type is written in messages: `Money`, `Date?`, `Channel`. */
export function typeName(t: Type): string {
  const name =
    t.base === 'Enum' ? t.enum! :
    t.base === 'EnumType' ? `enum ${t.enum}` :
    t.base === 'Record' ? `record of ${t.input}` :
    t.base === 'Error' ? 'unknown' :
    t.base;
  return t.optional ? `${name}?` : name;
}

/** Same type, ignoring optionality, with Int and Number mixing freely. */
export function sameValueType(a: Type, b: Type): boolean {
  if (isPlainNumber(a) && isPlainNumber(b)) return true;
  if (a.base !== b.base) return false;
  if (a.base === 'Enum') return a.enum === b.enum;
  if (a.base === 'Record') return a.input === b.input;
  return true;
}

/** The type of `a op b` for arithmetic, or undefined when §3 rejects it. Operands are required types. */
export function arithmeticResult(op: '+' | '-' | '*' | '/', a: Type, b: Type): Type | undefined {
  const A = a.base, B = b.base;
  const num = (x: BaseType) => x === 'Number' || x === 'Int';
  const scalar = (x: BaseType) => x === 'Number' || x === 'Int' || x === 'Percent';
  switch (op) {
    case '+':
    case '-':
      if (A === 'Money' && B === 'Money') return T.Money;
      if (A === 'Percent' && B === 'Percent') return T.Percent;
      if (num(A) && num(B)) return A === 'Int' && B === 'Int' ? T.Int : T.Number;
      if (A === 'Date' && B === 'Int') return T.Date;
      if (op === '+' && A === 'Int' && B === 'Date') return T.Date;
      if (op === '-' && A === 'Date' && B === 'Date') return T.Int;
      return undefined;
    case '*':
      if (A === 'Money' && scalar(B)) return T.Money;
      if (B === 'Money' && scalar(A)) return T.Money;
      if (A === 'Percent' && scalar(B)) return T.Percent;
      if (B === 'Percent' && scalar(A)) return T.Percent;
      if (num(A) && num(B)) return A === 'Int' && B === 'Int' ? T.Int : T.Number;
      return undefined;
    case '/':
      if (A === 'Money' && scalar(B)) return T.Money;
      if (A === 'Money' && B === 'Money') return T.Percent;
      if (A === 'Percent' && B === 'Percent') return T.Number;
      if (A === 'Percent' && num(B)) return T.Percent;
      if (num(A) && scalar(B)) return T.Number;
      return undefined;
  }
}

/** The shared type of the arms of `match`, `bands` and `if` (Int widens to Number). */
export function unify(a: Type, b: Type): Type | undefined {
  if (isError(a)) return b;
  if (isError(b)) return a;
  if (!sameValueType(a, b)) return undefined;
  const base = isPlainNumber(a) && a.base !== b.base ? T.Number : required(a);
  return a.optional || b.optional ? optional(base) : base;
}

/** Can a comparison `a op b` be made (after optionality was dealt with)? */
export function comparable(op: string, a: Type, b: Type): boolean {
  if (!sameValueType(a, b)) return false;
  if (op === '==' || op === '!=') return a.base !== 'Record' && a.base !== 'Period' && a.base !== 'EnumType';
  return isNumeric(a) || a.base === 'Date' || a.base === 'Text';
}
