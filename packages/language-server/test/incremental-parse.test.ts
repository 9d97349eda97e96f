// The incremental parse is the whole-file parse: after every random edit of every example plan,
// `parseIncrementally` (with its cache carried from edit to edit, as in the server) gives the
// same declarations, diagnostics and comments as the core's `parse` of the whole text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@incent/language';
import { createParseCache, declarationStarts, parseIncrementally } from '../src/incremental-parse';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function plans(): { name: string; text: string }[] {
  const out = ['test/check/ok/everything.incent', 'test/fixtures/spec-example.incent'];
  for (const dir of ['examples', 'test/conformance/cases']) {
    const base = join(ROOT, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) if (existsSync(join(base, name, 'plan.incent'))) out.push(`${dir}/${name}/plan.incent`);
  }
  return out.map((name) => ({ name, text: readFileSync(join(ROOT, name), 'utf8') }));
}

const PLANS = plans();

const FRAGMENTS = [
  '{', '}', '(', ')', '"', '\n', '\r\n', '/*', '*/', '//', '///', '/// doc\n', '\nmeasure ', '\nlet x = ', '\ncommission c {', '\n}', '\nbonus b {\n  when true\n  pay 1 USD\n}\n',
  'measure', 'enum', 'plan', '\nplan "x" {', 'd.', '->', ' and ', '((', '))', '\n  let y = 1\n', '\n/* x\nmeasure m = 1\n*/\n', '"\nmeasure', '\\', '0.2', '💸',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('incremental parsing', () => {
  it('cuts before top-level declarations only', () => {
    const text = 'plan "x" {\n  version 1\n}\nmeasure a = 1\n  measure b\n/* \nmeasure c = 1 */\nlet s = "\nlet t"\ninput i {\nlet d = 1\n}\nbonus b {}\n';
    const starts = declarationStarts(text).map((o) => text.slice(o, text.indexOf('\n', o)));
    expect(starts).toEqual(['measure a = 1', 'let s = "', 'let t"', 'input i {', 'bonus b {}']);
  });

  it('gives the whole-file parse of every example plan', () => {
    for (const plan of PLANS) {
      const incremental = parseIncrementally(plan.text, createParseCache());
      expect(same(incremental, parse(plan.text)), plan.name).toBe(true);
    }
  });

  it('gives the whole-file parse after every random edit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PLANS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 15 }), (index, edits) => {
        let text = PLANS[index]!.text;
        const cache = createParseCache();
        parseIncrementally(text, cache);
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const incremental = parseIncrementally(text, cache);
          const whole = parse(text);
          if (!same(incremental, whole)) {
            expect({ text, incremental: incremental.diagnostics, declarations: incremental.file.declarations.length })
              .toEqual({ text, incremental: whole.diagnostics, declarations: whole.file.declarations.length });
            expect(JSON.stringify(incremental.file)).toBe(JSON.stringify(whole.file));
            expect(incremental).toEqual(whole);
          }
        }
      }),
      { numRuns: Number(process.env.PARSE_FUZZ_RUNS ?? 300), seed: process.env.PARSE_FUZZ_SEED ? Number(process.env.PARSE_FUZZ_SEED) : 7 },
    );
  });
});
