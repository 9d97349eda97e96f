// Loading an IR document (`incent run plan.ir.json`): the JSON is validated against
// ir.schema.json (unknown fields rejected), its irVersion checked and its meaning verified
// (verify.ts: names resolve, types follow, dates are dates), so an engine never runs a
// tampered, truncated or foreign document. Pipeline: JSON text → **load** → IR → evaluation.
import Ajv from 'ajv';
import schema from './ir.schema.json';
import { IR_VERSION, type IrPlan } from './ir';
import { verifyIr } from './verify';

/**
 * The deepest nesting of arrays and objects a document may have. The compiler's deepest IR (an
 * expression at the parser's depth limit of 1,000) nests about 1,010 levels; validating and
 * evaluating much deeper documents would overflow the stack.
 */
export const MAX_IR_NESTING = 2_500;

export interface IrLoadResult {
  readonly ir?: IrPlan;
  readonly errors: string[];
}

type Validator = ReturnType<Ajv['compile']>;

let validators: { document: Validator; expression: Validator } | undefined;

/**
 * Validates against ir.schema.json without recursing through expressions: ajv's validator of a
 * recursive schema recurses, and overflows the stack on an expression 200 levels deep (a sum of
 * 200 terms). The document is validated with every expression position taken as "an object with
 * a `k`", then each expression node (each object with a `k`) on its own, in a loop.
 */
function validate(value: unknown): string[] {
  validators ??= compileValidators();
  const problems = (validator: Validator, at: string) => (validator.errors ?? []).slice(0, 5).map((e) => {
    const where = `${at}${e.instancePath}` || '/';
    const extra = e.keyword === 'additionalProperties' ? ` \`${(e.params as { additionalProperty: string }).additionalProperty}\`` : '';
    return `${where}: ${e.message}${extra}`;
  });
  if (!validators.document(value)) return problems(validators.document, '');
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, at] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (!Array.isArray(item) && Object.hasOwn(item, 'k') && !validators.expression(item)) return problems(validators.expression, at);
    for (const [key, child] of Object.entries(item)) stack.push([child, `${at}/${key}`]);
  }
  return [];
}

const EXPRESSION_REF = '#/$defs/expr';
const OPAQUE_EXPRESSION = { type: 'object', required: ['k'], properties: { k: { type: 'string' } } };

function compileValidators(): { document: Validator; expression: Validator } {
  const ajv = new Ajv({ allErrors: false, strict: false });
  const defs = opaqueExpressions(schema.$defs) as Record<string, object>;
  return { document: ajv.compile(opaqueExpressions(schema) as object), expression: ajv.compile({ ...defs.expr, $defs: defs }) };
}

/** A copy of a schema with every reference to an expression replaced by OPAQUE_EXPRESSION. */
function opaqueExpressions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(opaqueExpressions);
  if (value === null || typeof value !== 'object') return value;
  if ((value as { $ref?: unknown }).$ref === EXPRESSION_REF) return OPAQUE_EXPRESSION;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, opaqueExpressions(v)]));
}

/** Parses and validates an IR document. */
export function loadIr(text: string): IrLoadResult {
  const depth = nestingDepth(text);
  if (depth > MAX_IR_NESTING) return { errors: [`not an IR document: it nests ${depth} levels deep, more than the ${MAX_IR_NESTING} a compiled plan can`] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { errors: [`not an IR document: the JSON does not parse (${(error as Error).message})`] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { errors: ['not an IR document: expected a JSON object'] };
  const version = (value as { irVersion?: unknown }).irVersion;
  if (version !== IR_VERSION) {
    return { errors: [`unsupported IR version ${JSON.stringify(version ?? null)}: this incent reads irVersion ${IR_VERSION}; compile the plan again`] };
  }
  const problems = validate(value);
  if (problems.length) return { errors: problems.map((p) => `invalid IR: ${p}`) };
  const meaning = verifyIr(value as IrPlan);
  if (meaning.length) return { errors: meaning.map((p) => `invalid IR: ${p}`) };
  return { ir: value as IrPlan, errors: [] };
}

/** The deepest nesting of `[` and `{` outside strings, counted without recursion. */
function nestingDepth(text: string): number {
  let depth = 0, deepest = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

export const IR_SCHEMA = schema;
