// The IR as a public format: its JSON Schema matches the TypeScript types and every compiled
// plan; key order and the content hash are stable; the hash ignores formatting, comments and
// declaration order but not semantics; loading rejects unknown fields, other versions and
// truncated documents.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { compile, IR_SCHEMA, loadIr, planHash, type IrPlan } from '../../packages/language/src/index';

const ROOT = join(import.meta.dirname, '..', '..');
const CASES = join(ROOT, 'test', 'conformance', 'cases');
const EVERYTHING = readFileSync(join(ROOT, 'test', 'check', 'ok', 'everything.incent'), 'utf8');

function irOf(text: string): IrPlan {
  const { ir, diagnostics } = compile(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ir!;
}

const plans = [
  EVERYTHING,
  readFileSync(join(ROOT, 'test', 'fixtures', 'spec-example.incent'), 'utf8'),
  ...readdirSync(CASES).filter((c) => !c.startsWith('9')).map((c) => readFileSync(join(CASES, c, 'plan.incent'), 'utf8')),
];

describe('IR schema', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(IR_SCHEMA);
  it('every compiled plan validates', () => {
    for (const text of plans) {
      const ir = irOf(text);
      expect(validate(JSON.parse(JSON.stringify(ir))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('lists exactly the expression and component kinds of ir.ts', () => {
    const source = readFileSync(join(ROOT, 'packages', 'language', 'src', 'ir', 'ir.ts'), 'utf8');
    const exprKinds = [...source.matchAll(/readonly k: '(\w+)'/g)].map((m) => m[1]).sort();
    const componentKinds = [...source.matchAll(/readonly kind: '(\w+)'/g)].map((m) => m[1]).sort();
    const defs = (IR_SCHEMA as any).$defs;
    expect([...defs.expr.properties.k.enum].sort()).toEqual(exprKinds);
    expect([...defs.component.properties.kind.enum].sort()).toEqual(componentKinds);
  });

  it('the everything plan covers every expression kind (so the schema is exercised)', () => {
    const seen = new Set<string>();
    JSON.stringify(irOf(EVERYTHING), (key, value) => { if (key === 'k') seen.add(value); return value; });
    expect([...seen].sort()).toEqual([...(IR_SCHEMA as any).$defs.expr.properties.k.enum].sort());
  });
});

describe('IR golden and stability', () => {
  it('the everything plan lowers to the checked-in IR', async () => {
    await expect(`${JSON.stringify(irOf(EVERYTHING), null, 2)}\n`).toMatchFileSnapshot('golden/everything.ir.json');
  });

  it('the hash of a conformance plan is the same on every machine', () => {
    const ir = irOf(readFileSync(join(CASES, '01-flat-rate', 'plan.incent'), 'utf8'));
    expect(planHash(ir)).toMatchInlineSnapshot(`"sha256:8727465f92e68ff2bff96eacd3e68d63ee4bada45992a80302a5eddf7b8f80c7"`);
  });

  it('compiling twice gives the same bytes', () => {
    expect(JSON.stringify(irOf(EVERYTHING))).toBe(JSON.stringify(irOf(EVERYTHING)));
  });

  it('formatting, comments, doc comments and declaration order do not change the hash', () => {
    const base = planHash(irOf(EVERYTHING));
    const reformatted = EVERYTHING.replace(/\n\n/g, '\n\n\n').replace(/ -> /g, '   ->   ').replace(/\/\/\/[^\n]*\n/g, '/// another doc\n// a comment\n');
    expect(planHash(irOf(reformatted))).toBe(base);
    const blocks = EVERYTHING.split(/\n(?=(?:\/\/\/[^\n]*\n)*(?:measure|commission|bonus|spiff|clawback|draw|reward|metric|let|enum|input) )/);
    const reordered = [blocks[0], ...blocks.slice(1).reverse()].join('\n');
    expect(reordered).not.toBe(EVERYTHING);
    expect(planHash(irOf(reordered))).toBe(base);
  });

  it('a semantic change changes the hash', () => {
    const base = planHash(irOf(EVERYTHING));
    expect(planHash(irOf(EVERYTHING.replace('silver -> 7%', 'silver -> 7.5%')))).not.toBe(base);
    expect(planHash(irOf(EVERYTHING.replace('cap 20_000 EUR per deal', 'cap 25_000 EUR per deal')))).not.toBe(base);
  });
});

describe('loading an IR document', () => {
  const ir = irOf(EVERYTHING);
  const text = JSON.stringify(ir);

  it('round-trips', () => {
    const loaded = loadIr(text);
    expect(loaded.errors).toEqual([]);
    expect(loaded.ir).toEqual(ir);
    expect(planHash(loaded.ir!)).toBe(planHash(ir));
  });

  it('rejects unknown fields', () => {
    const tampered = JSON.parse(text);
    tampered.components[0].bonusMultiplier = 3;
    const { ir: none, errors } = loadIr(JSON.stringify(tampered));
    expect(none).toBeUndefined();
    expect(errors[0]).toMatch(/invalid IR: \/components\/0: .*additional properties `bonusMultiplier`/);
  });

  it('rejects another irVersion', () => {
    const { errors } = loadIr(text.replace('"irVersion":1', '"irVersion":2'));
    expect(errors[0]).toBe('unsupported IR version 2: this incent reads irVersion 1; compile the plan again');
  });

  it('rejects a truncated document', () => {
    expect(loadIr(text.slice(0, text.length / 2)).errors[0]).toMatch(/^not an IR document: the JSON does not parse/);
  });

  it('rejects a wrongly typed value', () => {
    const tampered = JSON.parse(text);
    tampered.plan.rounding = 'banker';
    expect(loadIr(JSON.stringify(tampered)).errors[0]).toMatch(/^invalid IR: \/plan\/rounding/);
  });
});
