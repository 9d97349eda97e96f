// IR loading (`incent run plan.ir.json`): every IR the compiler writes loads and runs, and a
// tampered, truncated, wrong-version or absurdly nested document is rejected with a clear error,
// or, when a tampered document is still a coherent plan, it runs without an exception escaping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, IR_VERSION, loadData, loadIr, planHash, runPlan, type IrPlan } from '../../packages/language/src/index';
import { check, tally } from './fuzz-config';
import { dataArb, planArb, renderData, renderPlan } from './plan-generator';
import { realPlans } from './real-plans';

const MESSAGE = /^(invalid IR: \/\S*: .+|not an IR document: .+|unsupported IR version .+)$/;

function expectRejected(text: string): string[] {
  const loaded = loadIr(text);
  expect(loaded.ir).toBeUndefined();
  expect(loaded.errors.length).toBeGreaterThan(0);
  for (const e of loaded.errors) expect(e).toMatch(MESSAGE);
  return loaded.errors;
}

const compiledPlans = realPlans().flatMap((p) => {
  const ir = compile(p.text, 'plan.incent').ir;
  return ir ? [{ name: p.name, ir, json: JSON.stringify(ir, null, 2) }] : [];
});

describe('what the compiler writes, the loader reads', () => {
  it('every real plan that compiles loads, hashes the same and has the same shape', () => {
    expect(compiledPlans.length).toBeGreaterThan(20);
    for (const { name, ir, json } of compiledPlans) {
      const loaded = loadIr(json);
      expect(loaded.errors, name).toEqual([]);
      expect(planHash(loaded.ir!)).toBe(planHash(ir));
    }
    tally('compiled real plans loaded', compiledPlans.length);
  });

  it('every random plan that compiles loads', () => {
    check('random plans load', 200, fc.property(planArb(), (plan) => {
      const ir = compile(renderPlan(plan)).ir!;
      expect(loadIr(JSON.stringify(ir)).errors).toEqual([]);
    }));
  });

  it('expressions as deep as the parser allows load (a validator that recursed would overflow at about 200)', () => {
    const header = 'plan "Deep" { version 1 currency USD period quarter effective 2027-01-01 to 2027-12-31 }\ninput reps { id: Payee key }\n';
    for (const body of [`let x = ${'1 + '.repeat(990)}1`, `let x = ${'-'.repeat(990)}1`, `let x = ${'('.repeat(99)}1${')'.repeat(99)}`]) {
      const { ir } = compile(`${header}${body}\nbonus b { when x > 0  pay x * 1 USD }`);
      expect(ir).toBeDefined();
      const loaded = loadIr(JSON.stringify(ir));
      expect(loaded.errors).toEqual([]);
      const outcome = runPlan(loaded.ir!, loadData(loaded.ir!, [{ input: 'reps', file: 'reps.csv', format: 'csv', text: 'id\nR1\n' }]));
      expect(outcome.ok).toBe(true);
    }
  });
});

describe('what the loader refuses', () => {
  const base = compiledPlans.find((p) => p.name.includes('11-clawback'))!.json;

  it('every truncation of a compiled IR is rejected: the JSON does not parse', () => {
    let tried = 0;
    for (let end = 0; end < base.length; end += 7) {
      const errors = expectRejected(base.slice(0, end));
      expect(errors[0]).toMatch(/^not an IR document: /);
      tried++;
    }
    tally('truncated IR documents', tried);
  });

  it('another irVersion, or none, is rejected naming the version this incent reads', () => {
    const versions: unknown[] = [0, IR_VERSION + 1, String(IR_VERSION), null, 1.5, -1, true, [1], { v: 1 }];
    for (const v of versions) {
      const doc = JSON.parse(base);
      doc.irVersion = v;
      expect(expectRejected(JSON.stringify(doc))[0]).toMatch(`this incent reads irVersion ${IR_VERSION}`);
    }
    const doc = JSON.parse(base);
    delete doc.irVersion;
    expectRejected(JSON.stringify(doc));
    tally('wrong IR versions', versions.length + 1);
  });

  it('what is not an IR document at all is rejected', () => {
    const texts = ['', ' ', 'null', '[]', '42', '"plan"', '{}', '{"irVersion":1}', '\uFEFF{}', 'plan "x" {}', '{"irVersion":1,"plan":null}', `${'['.repeat(100_000)}`, `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, '\u0000'];
    for (const text of texts) expectRejected(text);
    tally('non-IR documents', texts.length);
  });

  it('a document nested far deeper than any compiled plan is refused before it is parsed', () => {
    const doc = JSON.parse(base);
    doc.components[0].base = 'DEEP';
    const deep = `${'{"k":"neg","t":{"base":"Money"},"at":[1,1,1,1],"e":'.repeat(50_000)}{"k":"lit","t":{"base":"Money"},"v":"1","at":[1,1,1,1]}${'}'.repeat(50_000)}`;
    expect(expectRejected(JSON.stringify(doc).replace('"DEEP"', deep))[0]).toMatch(/nests \d+ levels deep/);
  });

  it('tampered documents are rejected with a clear error, or run as the coherent plans they still are', () => {
    const docs = compiledPlans.map((p) => p.ir);
    const data = renderData(fc.sample(dataArb({ twoYears: true }), { numRuns: 1, seed: 7 })[0]!, 'csv');
    const tamper = fc.record({ doc: fc.nat({ max: docs.length - 1 }), edits: fc.array(fc.record({ at: fc.nat(), how: fc.nat({ max: 9 }), pick: fc.nat() }), { minLength: 1, maxLength: 3 }) });
    let rejected = 0, accepted = 0;
    check('tampered IR', 400, fc.property(tamper, ({ doc, edits }) => {
      const ir = JSON.parse(JSON.stringify(docs[doc]));
      for (const edit of edits) applyEdit(ir, edit);
      const loaded = loadIr(JSON.stringify(ir));
      if (!loaded.ir) {
        rejected++;
        for (const e of loaded.errors) expect(e).toMatch(MESSAGE);
        return;
      }
      accepted++;
      // still coherent: it must load its data and run (or report), never throw
      const files = loaded.ir.inputs.map((input) => data.find((f) => f.input === input.name) ?? { input: input.name, file: `${input.name}.csv`, format: 'csv' as const, text: `${input.fields.map((f) => f.name).join(',')}\n` });
      const outcome = runPlan(loaded.ir, loadData(loaded.ir, files));
      expect(typeof outcome.ok).toBe('boolean');
    }));
    expect(rejected).toBeGreaterThan(accepted);
  });
});

// ---------------------------------------------------------------- tampering

interface Edit {
  readonly at: number;
  readonly how: number;
  readonly pick: number;
}

/** Every object and array in the document, with its parent, for picking a place to edit. */
function places(root: unknown): { holder: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) v.forEach((x, i) => { out.push({ holder: v, key: i }); stack.push(x); });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push({ holder: v as Record<string, unknown>, key: k }); stack.push(x); }
  }
  return out;
}

function scalars(root: unknown): unknown[] {
  const out: unknown[] = [];
  JSON.stringify(root, (_k, v) => { if (v === null || typeof v !== 'object') out.push(v); return v; });
  return out;
}

function subtrees(root: unknown): unknown[] {
  const out: unknown[] = [];
  JSON.stringify(root, (_k, v) => { if (v && typeof v === 'object') out.push(v); return v; });
  return out;
}

const ODD_VALUES: unknown[] = ['', 'constructor', '__proto__', '2027-02-30', '9999-12-31', '1e999', 'NaN', '-0', 0, -1, 1e308, 2 ** 53, 0.1, true, null, [], {}, 'lit', 'var', 'Money', 'Record', 'Enum'];

function applyEdit(ir: IrPlan, edit: Edit): void {
  const all = places(ir);
  if (all.length === 0) return;
  const { holder, key } = all[edit.at % all.length]!;
  const set = (v: unknown) => { (holder as Record<string | number, unknown>)[key] = v; };
  const values = scalars(ir), trees = subtrees(ir);
  switch (edit.how) {
    case 0: if (Array.isArray(holder)) holder.splice(key as number, 1); else delete holder[key as string]; break;
    case 1: set(values[edit.pick % values.length]); break; // another value of the document: a name, a type, a date
    case 2: set(ODD_VALUES[edit.pick % ODD_VALUES.length]); break;
    case 3: set(JSON.parse(JSON.stringify(trees[edit.pick % trees.length]))); break; // another subtree
    case 4: if (Array.isArray(holder)) holder.push(JSON.parse(JSON.stringify(holder[key as number] ?? null))); else set([holder[key as string]]); break;
    case 5: { const v = (holder as Record<string | number, unknown>)[key]; if (typeof v === 'string') set(v.slice(0, Math.max(0, v.length - 1 - (edit.pick % 3)))); break; }
    case 6: { const v = (holder as Record<string | number, unknown>)[key]; if (typeof v === 'string' && /^-?\d/.test(v)) set(`${v}${edit.pick % 10}`); else if (typeof v === 'number') set(v + 1); break; }
    case 7: { const v = (holder as Record<string | number, unknown>)[key]; if (typeof v === 'boolean') set(!v); else if (v && typeof v === 'object' && 'optional' in v) delete (v as Record<string, unknown>).optional; else if (v && typeof v === 'object' && 'base' in v) (v as Record<string, unknown>).optional = true; break; }
    case 8: { const ops = ['add', 'sub', 'mul', 'div', 'and', 'or', 'eq', 'lt', 'coalesce']; if (key === 'op') set(ops[edit.pick % ops.length]); else if (key === 'fn') set(['sum', 'count', 'avg', 'min', 'max', 'abs', 'round'][edit.pick % 7]); else if (key === 'k') set(['lit', 'var', 'let', 'measure', 'field', 'neg', 'not', 'ytd', 'prior'][edit.pick % 9]); break; }
    default: { const v = (holder as Record<string | number, unknown>)[key]; if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) if (edit.pick % 2 === 0) delete (v as Record<string, unknown>)[k]; break; }
  }
}
