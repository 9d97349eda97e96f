// Expression checking: name resolution, the §3 type rules, optional narrowing, enum values in
// context, tables. Pipeline: checker.ts → **expressions** (records a type for every node and a
// resolution for every name in the state's look-aside tables).
import type { AggregateExpr, BandArm, BandsExpr, BinaryExpr, CallExpr, Expr, FieldAccess, MatchExpr, NameExpr, Span } from '../syntax/ast';
import { diagnostic, type Fix } from '../diagnostics/diagnostic';
import type { DiagnosticCode } from '../diagnostics/codes';
import { analyseTable, type TableRow } from './bands';
import { constantValue } from './constants';
import { closest } from './names';
import { addReference, withFacts, type CheckState, type ExprContext } from './state';
import {
  T, arithmeticResult, comparable, enumType, isError, isNumeric, optional, recordType, required, sameValueType, typeName, unify, type BaseType, type Type,
} from './types';
import { fieldPath, factsWhenFalse, factsWhenTrue } from './narrowing';

export const BUILTIN_FUNCTIONS = ['min', 'max', 'abs', 'round', 'ytd', 'prior', 'sum', 'count', 'avg'] as const;

/** Type-checks `expr` in `ctx`; `expected` helps resolve bare enum values. Records the type. */
export function checkExpr(state: CheckState, expr: Expr, ctx: ExprContext, expected?: Type): Type {
  const t = computeType(state, expr, ctx, expected);
  state.types.set(expr, t);
  return t;
}

/** Checks `expr` and requires one of `wanted` (non-optional); reports E210 otherwise. */
export function expectType(state: CheckState, expr: Expr, ctx: ExprContext, wanted: readonly BaseType[], role: string): Type {
  const t = checkExpr(state, expr, ctx, wanted.length === 1 ? { base: wanted[0]! } : undefined);
  if (isError(t)) return t;
  if (t.optional) {
    reportOptional(state, expr, t);
    return T.Error;
  }
  const ok = wanted.includes(t.base) || (t.base === 'Int' && wanted.includes('Number'));
  if (!ok) {
    const want = wanted.map((w) => `\`${w}\``).join(' or ');
    state.diagnostics.push(diagnostic('E210', `${role} must be ${want}, found \`${typeName(t)}\``, expr.span, literalFix(state, expr, { base: wanted[0]! })));
    return T.Error;
  }
  return t;
}

function computeType(state: CheckState, expr: Expr, ctx: ExprContext, expected?: Type): Type {
  switch (expr.kind) {
    case 'NumberLiteral':
      return expr.text.includes('.') ? T.Number : T.Int;
    case 'PercentLiteral':
      return T.Percent;
    case 'MoneyLiteral':
      if (state.currency && expr.currency !== state.currency) {
        state.diagnostics.push(diagnostic('E214', `money in \`${expr.currency}\`, but the plan's currency is \`${state.currency}\``, expr.span, {
          help: 'plans are single-currency in v1',
          fixes: [{ title: `Write ${state.currency}`, edits: [{ span: { start: expr.span.end - 3, end: expr.span.end }, newText: state.currency }] }],
        }));
      }
      return T.Money;
    case 'DateLiteral':
      if (!isValidDate(expr.text)) {
        state.diagnostics.push(diagnostic('E215', `\`${expr.text}\` is not a calendar date`, expr.span, { help: 'dates are ISO 8601: `YYYY-MM-DD`' }));
        return T.Error;
      }
      return T.Date;
    case 'StringLiteral':
      return T.Text;
    case 'BoolLiteral':
      return T.Bool;
    case 'ParenExpr':
      return checkExpr(state, expr.inner, ctx, expected);
    case 'ErrorExpr':
      return T.Error;
    case 'NameExpr':
      return checkName(state, expr, ctx, expected);
    case 'PayeeExpr':
      if (!requireData(state, expr.span, ctx, '`payee`')) return T.Error;
      addReference(state, expr, 'payee');
      return T.Payee;
    case 'PeriodExpr':
      if (!requireData(state, expr.span, ctx, '`period`')) return T.Error;
      return T.Period;
    case 'FieldAccess':
      return checkFieldAccess(state, expr, ctx);
    case 'UnaryExpr': {
      if (expr.op === 'not') return expectType(state, expr.operand, ctx, ['Bool'], 'the operand of `not`') === T.Error ? T.Error : T.Bool;
      const t = checkExpr(state, expr.operand, ctx);
      if (isError(t)) return t;
      if (t.optional) return reportOptional(state, expr.operand, t);
      if (!isNumeric(t)) {
        state.diagnostics.push(diagnostic('E201', `cannot negate \`${typeName(t)}\``, expr.span));
        return T.Error;
      }
      return t;
    }
    case 'IsSetExpr': {
      const t = checkExpr(state, expr.operand, ctx);
      if (!isError(t) && !t.optional) {
        state.diagnostics.push(diagnostic('W002', `\`${state.show(expr.operand.span)}\` is never unset: this test is always ${expr.negated ? 'false' : 'true'}`, expr.span));
      }
      return T.Bool;
    }
    case 'IfExpr': {
      expectType(state, expr.condition, ctx, ['Bool'], 'the condition of `if`');
      const a = checkExpr(state, expr.then, withFacts(ctx, factsWhenTrue(expr.condition)), expected);
      const b = checkExpr(state, expr.else, withFacts(ctx, factsWhenFalse(expr.condition)), expected ?? (isError(a) ? undefined : a));
      return unifyArms(state, [[a, expr.then.span], [b, expr.else.span]], '`if`');
    }
    case 'BinaryExpr':
      return checkBinary(state, expr, ctx, expected);
    case 'MatchExpr':
      return checkMatch(state, expr, ctx, expected);
    case 'BandsExpr':
      return checkBands(state, expr, ctx, expected);
    case 'AggregateExpr':
      return checkAggregate(state, expr, ctx);
    case 'CallExpr':
      return checkCall(state, expr, ctx);
  }
}

function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= dim[mo - 1]!;
}

function requireData(state: CheckState, span: Span, ctx: ExprContext, what: string): boolean {
  if (ctx.where === 'measure' || ctx.where === 'component') return true;
  const place = { header: 'the plan header', let: 'a plan-level `let`', derived: 'a derived field', metric: 'a metric', measure: '', component: '' }[ctx.where];
  state.diagnostics.push(diagnostic('E108', `${what} is not available in ${place}`, span, {
    help: ctx.where === 'metric' ? 'metrics are plan-level: they have no payee or period' : 'payees and periods exist only in measures and components',
  }));
  return false;
}

export function reportOptional(state: CheckState, expr: Expr, t: Type): Type {
  state.diagnostics.push(diagnostic('E205', `\`${state.show(expr.span)}\` is \`${typeName(t)}\` and may be unset here`, expr.span, {
    help: `test it first (\`${state.show(expr.span)} is set and …\`) or give a default (\`${state.show(expr.span)} ?? …\`)`,
  }));
  return T.Error;
}

/** A quick fix for a number literal written where a Percent or Money is meant. */
export function literalFix(state: CheckState, expr: Expr, want: Type): { help?: string; fixes?: Fix[] } {
  const inner = expr.kind === 'ParenExpr' ? expr.inner : expr;
  if (inner.kind !== 'NumberLiteral') return {};
  if (want.base === 'Percent') {
    const percent = shiftDecimal(inner.text, 2);
    return { help: `write \`${percent}%\``, fixes: [{ title: `Write ${percent}%`, edits: [{ span: inner.span, newText: `${percent}%` }] }] };
  }
  if (want.base === 'Money' && state.currency) {
    const text = `${state.show(inner.span)} ${state.currency}`;
    return { help: `write \`${text}\``, fixes: [{ title: `Write ${text}`, edits: [{ span: inner.span, newText: text }] }] };
  }
  return {};
}

/** "0.2" shifted two places: "20"; "0.075": "7.5". */
function shiftDecimal(text: string, places: number): string {
  const [int = '0', frac = ''] = text.split('.');
  const digits = int + frac.padEnd(places, '0');
  const point = int.length + places;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

// ---------------------------------------------------------------- names

function checkName(state: CheckState, expr: NameExpr, ctx: ExprContext, expected?: Type): Type {
  const name = expr.name.name;
  if (!name) return T.Error;
  const { symbols } = state;
  const input = ctx.vars.get(name);
  if (input !== undefined) {
    state.resolutions.set(expr, { kind: 'var', name, input });
    addReference(state, expr, `var:${name}`);
    return recordType(input);
  }
  if (ctx.where === 'derived' && ctx.input) {
    const sym = symbols.inputs.get(ctx.input);
    const field = sym?.fields.get(name);
    const derived = sym?.derived.get(name);
    if (field || derived) {
      state.resolutions.set(expr, { kind: 'field', input: ctx.input, name, derived: !field });
      addReference(state, expr, `field:${ctx.input}.${name}`);
      const t = field ? declaredFieldType(state, field.type) : dependOn(state, ctx, `derived:${ctx.input}.${name}`, expr.span);
      return t.optional && ctx.facts.has(name) ? required(t) : t;
    }
  }
  if (symbols.lets.has(name)) {
    state.resolutions.set(expr, { kind: 'let', name });
    addReference(state, expr, `let:${name}`);
    return dependOn(state, ctx, `let:${name}`, expr.span);
  }
  if (symbols.measures.has(name)) {
    if (ctx.where !== 'measure' && ctx.where !== 'component') {
      state.diagnostics.push(diagnostic('E108', `measure \`${name}\` is not available here: measures are computed per payee and period`, expr.span));
      return T.Error;
    }
    state.resolutions.set(expr, { kind: 'measure', name });
    addReference(state, expr, `measure:${name}`);
    return dependOn(state, ctx, `measure:${name}`, expr.span);
  }
  if (symbols.metrics.has(name) && ctx.where === 'metric') {
    state.diagnostics.push(diagnostic('E108', `metric \`${name}\` cannot be used in an expression`, expr.span, { help: 'write the computation as a `let` or repeat it' }));
    return T.Error;
  }
  if (symbols.enums.has(name)) {
    state.resolutions.set(expr, { kind: 'enumType', enum: name });
    addReference(state, expr, `enum:${name}`);
    return { base: 'EnumType', enum: name };
  }
  // a bare enum value: the expected enum first, else the one enum that has it
  if (expected?.base === 'Enum' && symbols.enums.get(expected.enum!)?.values.some((v) => v.name === name)) {
    return resolveEnumValue(state, expr, expected.enum!, name);
  }
  const owners = [...symbols.enums.values()].filter((e) => e.values.some((v) => v.name === name));
  if (owners.length === 1) return resolveEnumValue(state, expr, owners[0]!.name.name, name);
  if (owners.length > 1) {
    state.diagnostics.push(diagnostic('E109', `\`${name}\` is a value of several enums: ${owners.map((o) => `\`${o.name.name}\``).join(', ')}`, expr.span, {
      help: `write \`${owners[0]!.name.name}.${name}\``,
      fixes: owners.map((o) => ({ title: `Write ${o.name.name}.${name}`, edits: [{ span: expr.span, newText: `${o.name.name}.${name}` }] })),
    }));
    return T.Error;
  }
  if (symbols.components.has(name)) {
    state.diagnostics.push(diagnostic('E110', `\`${name}\` is a component, not a value`, expr.span, { help: 'to use what a component computes, write it as a `measure`' }));
    return T.Error;
  }
  reportUnknownName(state, expr, ctx);
  return T.Error;
}

function resolveEnumValue(state: CheckState, expr: Expr, enumName: string, value: string): Type {
  state.resolutions.set(expr, { kind: 'enumValue', enum: enumName, value });
  addReference(state, expr, `enumValue:${enumName}.${value}`);
  addReference(state, { span: { start: expr.span.start, end: expr.span.start } }, `enum:${enumName}`);
  return enumType(enumName);
}

function reportUnknownName(state: CheckState, expr: NameExpr, ctx: ExprContext): void {
  const name = expr.name.name;
  const input = ctx.recordVars?.get(name);
  if (input !== undefined) {
    state.diagnostics.push(diagnostic('E102', `\`${name}\` (a record of \`${input}\`) is not in scope here: this clause is one amount for the payee and period, not one per record`, expr.span, {
      help: 'write an amount that is the same for every record: a literal, a plan `let`, a measure or a payee field such as `payee.quota`',
    }));
    return;
  }
  const candidates = [...ctx.vars.keys(), ...state.symbols.lets.keys()];
  if (ctx.where === 'measure' || ctx.where === 'component') candidates.push(...state.symbols.measures.keys());
  if (ctx.where === 'derived' && ctx.input) {
    const sym = state.symbols.inputs.get(ctx.input);
    if (sym) candidates.push(...sym.fields.keys(), ...sym.derived.keys());
  }
  for (const e of state.symbols.enums.values()) candidates.push(...e.values.map((v) => v.name));
  const guess = closest(name, candidates);
  state.diagnostics.push(diagnostic('E102', `unknown name \`${name}\``, expr.span, guess
    ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: expr.span, newText: guess }] }] }
    : {}));
}

/** The type of a let, measure or derived field, recording a dependency edge for cycle reports. */
function dependOn(state: CheckState, ctx: ExprContext, key: string, span: Span): Type {
  if (!ctx.inPrior) {
    const edges = state.dependencies.get(ctx.owner) ?? [];
    edges.push({ target: key, span });
    state.dependencies.set(ctx.owner, edges);
  }
  return state.declType(key);
}


/** The type a field declaration names (`Money`, `Date?`, an enum). Unknown names are reported by the checker. */
export function declaredFieldType(state: CheckState, ref: { name: { name: string }; optional: boolean }): Type {
  const name = ref.name.name;
  let t: Type;
  if (['Money', 'Percent', 'Number', 'Int', 'Bool', 'Date', 'Text', 'Payee'].includes(name)) t = { base: name as BaseType };
  else if (state.symbols.enums.has(name)) t = enumType(name);
  else return T.Error;
  return ref.optional ? optional(t) : t;
}

// ---------------------------------------------------------------- field access

function checkFieldAccess(state: CheckState, expr: FieldAccess, ctx: ExprContext): Type {
  const fieldName = expr.field.name;
  if (expr.object.kind === 'PeriodExpr') {
    checkExpr(state, expr.object, ctx);
    if (!requireDataQuiet(ctx)) return T.Error;
    if (fieldName === 'start' || fieldName === 'end' || fieldName === 'days') {
      state.resolutions.set(expr, { kind: 'periodField', field: fieldName });
      return fieldName === 'days' ? T.Int : T.Date;
    }
    if (fieldName) state.diagnostics.push(diagnostic('E103', `\`period\` has no field \`${fieldName}\``, expr.field.span, { help: 'use `period.start`, `period.end` or `period.days`' }));
    return T.Error;
  }
  const objectType = checkExpr(state, expr.object, ctx);
  if (isError(objectType) || !fieldName) return T.Error;
  if (objectType.base === 'EnumType') {
    const e = state.symbols.enums.get(objectType.enum!)!;
    if (e.values.some((v) => v.name === fieldName)) return resolveEnumValue(state, expr, e.name.name, fieldName);
    const guess = closest(fieldName, e.values.map((v) => v.name));
    state.diagnostics.push(diagnostic('E103', `enum \`${e.name.name}\` has no value \`${fieldName}\``, expr.field.span, guess ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: expr.field.span, newText: guess }] }] } : {}));
    return T.Error;
  }
  if (objectType.optional) return reportOptional(state, expr.object, objectType);
  const inputName = objectType.base === 'Record' ? objectType.input! : objectType.base === 'Payee' ? state.symbols.roster : undefined;
  if (!inputName) {
    state.diagnostics.push(diagnostic('E104', `\`${typeName(objectType)}\` has no fields: \`.${fieldName}\` cannot be read`, expr.field.span));
    return T.Error;
  }
  const sym = state.symbols.inputs.get(inputName);
  if (!sym) return T.Error;
  const field = sym.fields.get(fieldName);
  const derived = sym.derived.get(fieldName);
  if (!field && !derived) {
    const guess = closest(fieldName, [...sym.fields.keys(), ...sym.derived.keys()]);
    state.diagnostics.push(diagnostic('E103', `input \`${inputName}\` has no field \`${fieldName}\``, expr.field.span, guess
      ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: expr.field.span, newText: guess }] }] }
      : {}));
    return T.Error;
  }
  state.resolutions.set(expr, { kind: 'field', input: inputName, name: fieldName, derived: !field });
  addReference(state, expr.field, `field:${inputName}.${fieldName}`);
  const t = field ? declaredFieldType(state, field.type) : state.declType(`derived:${inputName}.${fieldName}`);
  const path = fieldPath(expr);
  return t.optional && path !== undefined && ctx.facts.has(path) ? required(t) : t;
}

function requireDataQuiet(ctx: ExprContext): boolean {
  return ctx.where === 'measure' || ctx.where === 'component';
}

// ---------------------------------------------------------------- operators

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

function isBareEnumCandidate(state: CheckState, expr: Expr, ctx: ExprContext): boolean {
  if (expr.kind !== 'NameExpr') return false;
  const n = expr.name.name;
  if (ctx.vars.has(n) || state.symbols.lets.has(n) || state.symbols.measures.has(n)) return false;
  if (ctx.where === 'derived' && ctx.input) {
    const sym = state.symbols.inputs.get(ctx.input);
    if (sym?.fields.has(n) || sym?.derived.has(n)) return false;
  }
  return true;
}

function checkBinary(state: CheckState, expr: BinaryExpr, ctx: ExprContext, expected?: Type): Type {
  const { op } = expr;
  if (op === 'and' || op === 'or') {
    const l = expectType(state, expr.left, ctx, ['Bool'], `the left side of \`${op}\``);
    const facts = op === 'and' ? factsWhenTrue(expr.left) : factsWhenFalse(expr.left);
    const r = expectType(state, expr.right, withFacts(ctx, facts), ['Bool'], `the right side of \`${op}\``);
    return isError(l) || isError(r) ? T.Error : T.Bool;
  }
  if (op === '??') {
    const l = checkExpr(state, expr.left, ctx, expected);
    const r = checkExpr(state, expr.right, ctx, isError(l) ? expected : required(l));
    if (isError(l) || isError(r)) return T.Error;
    if (!l.optional) {
      state.diagnostics.push(diagnostic('W003', `\`${state.show(expr.left.span)}\` is never unset: the default after \`??\` is never used`, expr.right.span));
    }
    const u = unify(required(l), r);
    if (!u) return reportMismatch(state, expr, required(l), r);
    return u;
  }
  if (COMPARISONS.has(op)) {
    let l: Type, r: Type;
    if (isBareEnumCandidate(state, expr.left, ctx) && !isBareEnumCandidate(state, expr.right, ctx)) {
      r = checkExpr(state, expr.right, ctx);
      l = checkExpr(state, expr.left, ctx, r);
    } else {
      l = checkExpr(state, expr.left, ctx);
      r = checkExpr(state, expr.right, ctx, l);
    }
    if (isError(l) || isError(r)) return T.Error;
    // `a < b < c` (no parentheses): E004 from the parser says what is wrong; comparing its Bool
    // with `c` would only add a confusing second error
    if (expr.left.kind === 'BinaryExpr' && COMPARISONS.has(expr.left.op)) return T.Bool;
    if (l.optional) return reportOptional(state, expr.left, l);
    if (r.optional) return reportOptional(state, expr.right, r);
    if (!comparable(op, l, r)) return reportMismatch(state, expr, l, r);
    return T.Bool;
  }
  const l = checkExpr(state, expr.left, ctx);
  const r = checkExpr(state, expr.right, ctx);
  if (isError(l) || isError(r)) return T.Error;
  if (l.optional) return reportOptional(state, expr.left, l);
  if (r.optional) return reportOptional(state, expr.right, r);
  const result = arithmeticResult(op as '+' | '-' | '*' | '/', l, r);
  if (!result) return reportMismatch(state, expr, l, r);
  return result;
}

function reportMismatch(state: CheckState, expr: BinaryExpr, l: Type, r: Type): Type {
  const comparison = COMPARISONS.has(expr.op);
  const message = comparison
    ? `cannot compare \`${typeName(l)}\` with \`${typeName(r)}\` using \`${expr.op}\``
    : expr.op === '??'
      ? `\`??\` needs a default of the same type: \`${typeName(l)}\` ?? \`${typeName(r)}\``
      : `cannot apply \`${expr.op}\` to \`${typeName(l)}\` and \`${typeName(r)}\``;
  // a number literal on one side where the other is a Percent or Money: offer the literal fix
  let extras = literalFix(state, expr.right, l);
  if (!extras.fixes) extras = literalFix(state, expr.left, r);
  if (!extras.help && (expr.op === '+' || expr.op === '-') && l.base === 'Money' && r.base === 'Percent') {
    extras = { help: `to add a percentage of an amount, multiply: \`${state.show(expr.left.span)} * (1 ${expr.op} ${state.show(expr.right.span)})\`` };
  }
  const code: DiagnosticCode = comparison ? 'E202' : 'E201';
  state.diagnostics.push(diagnostic(code, message, expr.span, { ...extras, related: [] }));
  return T.Error;
}

function unifyArms(state: CheckState, arms: readonly (readonly [Type, Span])[], what: string): Type {
  let result: Type | undefined;
  let first: readonly [Type, Span] | undefined;
  for (const arm of arms) {
    if (isError(arm[0])) continue;
    if (!result) { result = arm[0]; first = arm; continue; }
    const u = unify(result, arm[0]);
    if (!u) {
      state.diagnostics.push(diagnostic('E206', `the arms of ${what} have different types: \`${typeName(result)}\` and \`${typeName(arm[0])}\``, arm[1], {
        related: [{ span: first![1], message: `this arm is \`${typeName(result)}\`` }],
      }));
      return T.Error;
    }
    result = u;
  }
  return result ?? T.Error;
}

// ---------------------------------------------------------------- tables

function checkMatch(state: CheckState, expr: MatchExpr, ctx: ExprContext, expected?: Type): Type {
  const subject = checkExpr(state, expr.subject, ctx);
  if (!isError(subject) && subject.optional) reportOptional(state, expr.subject, subject);
  const seen = new Map<string, Span>();
  const armTypes: [Type, Span][] = [];
  for (const arm of expr.arms) {
    for (const pattern of arm.patterns) {
      const pt = checkExpr(state, pattern, ctx, required(subject));
      if (isError(pt) || isError(subject)) continue;
      if (!sameValueType(pt, subject)) {
        state.diagnostics.push(diagnostic('E202', `this pattern is \`${typeName(pt)}\`, but the subject of \`match\` is \`${typeName(subject)}\``, pattern.span, literalFix(state, pattern, subject)));
        continue;
      }
      const key = patternKey(state, pattern);
      if (key === undefined) {
        state.diagnostics.push(diagnostic('E212', 'a `match` pattern must be a literal or an enum value', pattern.span));
        continue;
      }
      const earlier = seen.get(key);
      if (earlier) state.diagnostics.push(diagnostic('E308', `\`${state.show(pattern.span)}\` is matched twice`, pattern.span, { related: [{ span: earlier, message: 'the first arm for it' }] }));
      else seen.set(key, pattern.span);
    }
    armTypes.push([checkExpr(state, arm.value, ctx, expected), arm.value.span]);
  }
  if (expr.elseArm) armTypes.push([checkExpr(state, expr.elseArm.value, ctx, expected), expr.elseArm.value.span]);
  if (!expr.elseArm && !isError(subject)) {
    if (subject.base === 'Enum') {
      const values = state.symbols.enums.get(subject.enum!)?.values.map((v) => v.name) ?? [];
      const missing = values.filter((v) => !seen.has(`enum:${v}`));
      if (missing.length) {
        const closeBrace = expr.span.end - 1;
        const indent = '    ';
        state.diagnostics.push(diagnostic('E307', `\`match\` does not cover ${missing.map((m) => `\`${m}\``).join(', ')} of \`${subject.enum}\``, expr.subject.span, {
          help: 'add an arm for each missing value, or an `else` arm',
          fixes: [
            { title: 'Add the missing arms', edits: [{ span: { start: closeBrace, end: closeBrace }, newText: missing.map((m) => `${indent}${m} -> 0\n`).join('') }] },
            { title: 'Add an else arm', edits: [{ span: { start: closeBrace, end: closeBrace }, newText: `${indent}else -> 0\n` }] },
          ],
        }));
      }
    } else {
      state.diagnostics.push(diagnostic('E309', `a \`match\` on \`${typeName(subject)}\` needs an \`else\` arm`, expr.subject.span, { help: 'only a match on an enum can list every value' }));
    }
  }
  return unifyArms(state, armTypes, '`match`');
}

function patternKey(state: CheckState, pattern: Expr): string | undefined {
  const r = state.resolutions.get(pattern);
  if (r?.kind === 'enumValue') return `enum:${r.value}`;
  switch (pattern.kind) {
    case 'StringLiteral': return `text:${pattern.value}`;
    case 'NumberLiteral': case 'PercentLiteral': case 'MoneyLiteral': return `${pattern.kind}:${Number(pattern.text)}`;
    case 'DateLiteral': return `date:${pattern.text}`;
    case 'BoolLiteral': return `bool:${pattern.value}`;
    default: return undefined;
  }
}

function checkBands(state: CheckState, expr: BandsExpr, ctx: ExprContext, expected?: Type): Type {
  const subject = checkExpr(state, expr.subject, ctx);
  let tableOk = !isError(subject);
  if (tableOk && subject.optional) { reportOptional(state, expr.subject, subject); tableOk = false; }
  if (tableOk && !isNumeric(subject) && subject.base !== 'Date') {
    state.diagnostics.push(diagnostic('E213', `\`bands\` needs a number, amount, percent or date, found \`${typeName(subject)}\``, expr.subject.span));
    tableOk = false;
  }
  const rows = checkTableRows(state, expr.arms, ctx, tableOk ? required(subject) : undefined);
  const armTypes: [Type, Span][] = expr.arms.map((a) => [checkExpr(state, a.value, ctx, expected), a.value.span]);
  if (expr.elseArm) armTypes.push([checkExpr(state, expr.elseArm.value, ctx, expected), expr.elseArm.value.span]);
  if (rows) {
    analyseTable(rows, { kind: 'bands', hasElse: !!expr.elseArm, tableSpan: expr.span, elseInsertAt: lineStartBefore(state, expr.span.end - 1), indent: indentOf(state, expr.arms[0]?.span.start ?? expr.span.start), show: state.show }, state.diagnostics);
  }
  return unifyArms(state, armTypes, '`bands`');
}

/** Checks the bounds of table rows against the subject type; folded rows when all are constant. */
export function checkTableRows(state: CheckState, arms: readonly BandArm[], ctx: ExprContext, subject: Type | undefined): TableRow[] | undefined {
  let allConstant = subject !== undefined;
  const rows: TableRow[] = [];
  const lookupLet = (name: string) => state.symbols.lets.get(name)?.value;
  for (const arm of arms) {
    const fold = (bound: Expr | undefined) => {
      if (!bound) return undefined;
      const t = checkExpr(state, bound, ctx, subject);
      if (!subject || isError(t)) { allConstant = false; return undefined; }
      if (!sameValueType(t, subject) || t.optional) {
        state.diagnostics.push(diagnostic('E213', `this bound is \`${typeName(t)}\`, but the table compares \`${typeName(subject)}\``, bound.span, literalFix(state, bound, subject)));
        allConstant = false;
        return undefined;
      }
      const v = constantValue(bound, lookupLet);
      if (!v) {
        state.diagnostics.push(diagnostic('E310', 'a table bound must be a constant', bound.span, { help: 'use a literal or a plan-level `let`' }));
        allConstant = false;
      }
      return v;
    };
    rows.push({ arm, lower: fold(arm.lower), upper: fold(arm.upper) });
  }
  return allConstant ? rows : undefined;
}

export function lineStartBefore(state: CheckState, offset: number): number {
  return state.text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}

export function indentOf(state: CheckState, offset: number): string {
  const start = lineStartBefore(state, offset + 1);
  return /^[ \t]*/.exec(state.text.slice(start))![0];
}

// ---------------------------------------------------------------- aggregates and calls

function checkAggregate(state: CheckState, expr: AggregateExpr, ctx: ExprContext): Type {
  const sourceName = expr.source.name;
  if (ctx.where === 'let' || ctx.where === 'derived' || ctx.where === 'header') {
    state.diagnostics.push(diagnostic('E108', `\`${expr.fn}\` over records is not available in ${ctx.where === 'let' ? 'a plan-level `let`' : 'a derived field'}`, expr.span, { help: 'aggregate in a `measure` or a `metric`' }));
    return T.Error;
  }
  const sym = state.symbols.inputs.get(sourceName);
  if (!sym) {
    if (sourceName) {
      const guess = closest(sourceName, [...state.symbols.inputs.keys()]);
      state.diagnostics.push(diagnostic('E105', `unknown input \`${sourceName}\``, expr.source.span, guess ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: expr.source.span, newText: guess }] }] } : {}));
    }
    return T.Error;
  }
  addReference(state, expr.source, `input:${sourceName}`);
  if (!expr.all && ctx.where !== 'metric') checkCredited(state, sourceName, expr.source.span);
  const inner: ExprContext = { ...ctx, vars: new Map([...ctx.vars, [expr.variable.name, sourceName]]) };
  addReference(state, expr.variable, `var:${expr.variable.name}`);
  if (expr.where) expectType(state, expr.where, inner, ['Bool'], '`where`');
  const valueCtx = expr.where ? withFacts(inner, factsWhenTrue(expr.where)) : inner;
  if (expr.fn === 'count') return T.Int;
  if (!expr.value) return T.Error;
  const allowed: BaseType[] = expr.fn === 'min' || expr.fn === 'max' ? ['Money', 'Percent', 'Number', 'Int', 'Date'] : ['Money', 'Percent', 'Number', 'Int'];
  const t = expectType(state, expr.value, valueCtx, allowed, `the value of \`${expr.fn}\``);
  if (isError(t)) return T.Error;
  if (expr.fn === 'sum') return t;
  if (expr.fn === 'avg') return optional(t.base === 'Int' ? T.Number : t);
  return optional(t);
}

/** `for d in X` (without `all`) in a measure or component needs X to credit payees. */
export function checkCredited(state: CheckState, input: string, span: Span): void {
  const sym = state.symbols.inputs.get(input);
  if (!sym || input === state.symbols.roster) return;
  if (sym.decl.credits.length === 0) {
    state.diagnostics.push(diagnostic('E413', `input \`${input}\` has no \`credit\` rule, so its records belong to no payee`, span, {
      help: `add \`credit FIELD on DATEFIELD\` to input \`${input}\`, or range over every record with \`all ${input}\``,
    }));
  }
}

function checkCall(state: CheckState, expr: CallExpr, ctx: ExprContext): Type {
  const fn = expr.callee.name;
  const args = expr.args;
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `${min} or more` : `${min} to ${max}`;
      state.diagnostics.push(diagnostic('E207', `\`${fn}\` takes ${want} argument${want === '1' ? '' : 's'}, found ${args.length}`, expr.span));
      args.forEach((a) => checkExpr(state, a, ctx));
      return false;
    }
    return true;
  };
  switch (fn) {
    case 'min':
    case 'max': {
      if (!arity(2, Infinity)) return T.Error;
      const types = args.map((a) => expectType(state, a, ctx, ['Money', 'Percent', 'Number', 'Int', 'Date'], `an argument of \`${fn}\``));
      return unifyArms(state, types.map((t, i) => [t, args[i]!.span] as const), `\`${fn}\``);
    }
    case 'abs': {
      if (!arity(1, 1)) return T.Error;
      return expectType(state, args[0]!, ctx, ['Money', 'Percent', 'Number', 'Int'], 'the argument of `abs`');
    }
    case 'round': {
      if (!arity(2, 2)) return T.Error;
      const x = expectType(state, args[0]!, ctx, ['Money', 'Percent', 'Number', 'Int'], 'the value of `round`');
      const step = expectType(state, args[1]!, ctx, ['Money', 'Percent', 'Number', 'Int'], 'the step of `round`');
      if (!isError(x) && !isError(step) && !sameValueType(x, step) && step.base !== 'Number' && step.base !== 'Int') {
        state.diagnostics.push(diagnostic('E210', `the step of \`round\` must be a plain number or \`${typeName(x)}\`, found \`${typeName(step)}\``, args[1]!.span));
      }
      return isError(x) ? T.Error : x.base === 'Int' && step.base !== 'Int' ? T.Number : x;
    }
    case 'ytd':
    case 'prior': {
      if (!requireData(state, expr.span, ctx, `\`${fn}\``)) return T.Error;
      if (!arity(1, 1)) return T.Error;
      const t = checkExpr(state, args[0]!, fn === 'prior' ? { ...ctx, inPrior: true } : ctx);
      if (isError(t)) return t;
      return fn === 'prior' ? optional(t) : t;
    }
    default: {
      args.forEach((a) => checkExpr(state, a, ctx));
      if (!fn) return T.Error;
      const guess = closest(fn, ['min', 'max', 'abs', 'round', 'ytd', 'prior', 'sum', 'count', 'avg']);
      state.diagnostics.push(diagnostic('E106', `unknown function \`${fn}\``, expr.callee.span, guess
        ? { help: `did you mean \`${guess}\`?`, fixes: [{ title: `Change to ${guess}`, edits: [{ span: expr.callee.span, newText: guess }] }] }
        : { help: 'the built-ins are min, max, abs, round, ytd, prior and the aggregates sum, count, avg, min, max' }));
      return T.Error;
    }
  }
}
