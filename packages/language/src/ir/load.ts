// Loading an IR document (`incent run plan.ir.json`): the JSON is validated against
// ir.schema.json (unknown fields rejected) and its irVersion checked, so an engine never runs
// a tampered, truncated or foreign document. Pipeline: JSON text → **load** → IR → evaluation.
import Ajv from 'ajv';
import schema from './ir.schema.json';
import { IR_VERSION, type IrPlan } from './ir';

export interface IrLoadResult {
  readonly ir?: IrPlan;
  readonly errors: string[];
}

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(schema);
  if (validator(value)) return [];
  return (validator.errors ?? []).slice(0, 5).map((e) => {
    const where = e.instancePath || '/';
    const extra = e.keyword === 'additionalProperties' ? ` \`${(e.params as { additionalProperty: string }).additionalProperty}\`` : '';
    return `${where}: ${e.message}${extra}`;
  });
}

/** Parses and validates an IR document. */
export function loadIr(text: string): IrLoadResult {
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
  return { ir: value as IrPlan, errors: [] };
}

export const IR_SCHEMA = schema;
