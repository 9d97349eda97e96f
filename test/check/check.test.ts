// Golden tests of the checker: ok/ plans check without a diagnostic; err/ plans give exactly the
// diagnostics marked inline under their lines (`//   ^^^ E201`). Every code of the catalogue is
// exercised by some fixture or by a test below, and documented in docs/diagnostics.md.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, DIAGNOSTIC_CODES } from '../../packages/language/src/index';
import { diagnosticMarkers, markersIn } from '../syntax/syntax-helpers';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..', '..');
const fixtures = (folder: string) => readdirSync(join(HERE, folder)).filter((f) => f.endsWith('.incent')).sort();
const read = (folder: string, name: string) => readFileSync(join(HERE, folder, name), 'utf8');

describe('checker: ok fixtures have no diagnostics', () => {
  const plans = [
    ...fixtures('ok').map((f) => join(HERE, 'ok', f)),
    join(ROOT, 'test', 'fixtures', 'spec-example.incent'),
    ...readdirSync(join(ROOT, 'test', 'conformance', 'cases')).filter((c) => !c.startsWith('9')).map((c) => join(ROOT, 'test', 'conformance', 'cases', c, 'plan.incent')),
  ];
  for (const path of plans) {
    it(path.slice(ROOT.length + 1), () => {
      const { diagnostics, ir } = compile(readFileSync(path, 'utf8'));
      expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(ir).toBeDefined();
    });
  }
});

describe('checker: err fixtures give exactly the marked diagnostics', () => {
  for (const name of fixtures('err')) {
    it(name, () => {
      const text = read('err', name);
      const { diagnostics, ir } = compile(text);
      expect(diagnosticMarkers(text, diagnostics)).toEqual(markersIn(text));
      if (diagnostics.some((d) => d.severity === 'error')) expect(ir).toBeUndefined();
    });
  }
});

describe('checker: diagnostics outside fixtures', () => {
  it('E401: a file without a plan block', () => {
    const { diagnostics } = compile('input reps { id: Payee key }\n');
    expect(diagnostics.map((d) => d.code)).toContain('E401');
  });

  it('conformance 90: the type error names both types and the operator, on line 35', () => {
    const text = readFileSync(join(ROOT, 'test', 'conformance', 'cases', '90-type-error', 'plan.incent'), 'utf8');
    const errors = compile(text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('cannot apply `+` to `Money` and `Percent`');
    expect(text.slice(errors[0]!.span.start, errors[0]!.span.end)).toBe('d.amount + 5%');
  });

  it('conformance 91: overlapping tiers highlight both ranges', () => {
    const text = readFileSync(join(ROOT, 'test', 'conformance', 'cases', '91-overlapping-tiers', 'plan.incent'), 'utf8');
    const [error] = compile(text).diagnostics.filter((d) => d.severity === 'error');
    expect(error!.code).toBe('E303');
    expect(text.slice(error!.span.start, error!.span.end)).toBe('90% to 150%');
    expect(text.slice(error!.related![0]!.span.start, error!.related![0]!.span.end)).toBe('0%   to 100%');
  });

  it('quick fixes: a number where a percent is meant becomes a percent literal', () => {
    const text = read('err', 'types.incent');
    const fix = compile(text).diagnostics.find((d) => d.code === 'E210' && d.message.startsWith('`rate`'))!.fixes![0]!;
    expect(fix.edits[0]!.newText).toBe('10%');
    expect(text.slice(fix.edits[0]!.span.start, fix.edits[0]!.span.end)).toBe('0.1');
  });

  it('quick fixes: did-you-mean and missing enum arms', () => {
    const names = compile(read('err', 'names.incent')).diagnostics;
    expect(names.find((d) => d.message === 'input `deals` has no field `chanel`')!.fixes![0]!.edits[0]!.newText).toBe('channel');
    expect(names.find((d) => d.message === 'unknown component `new_busines`')!.help).toBe('did you mean `new_business`?');
    const tables = compile(read('err', 'tables.incent')).diagnostics;
    expect(tables.find((d) => d.code === 'E307')!.fixes!.map((f) => f.edits[0]!.newText.trim())).toEqual(['partner -> 0', 'else -> 0']);
    expect(tables.find((d) => d.code === 'E304')!.fixes![0]!.title).toBe('Add `else -> 0`');
  });

  it("a component's record is named as out of scope in its cap and its target, not as an unknown name", () => {
    const text = read('ok', 'everything.incent');
    const component = `
commission capped_by_record {
  for d in deals
  base d.amount
  rate 10%
  accelerate marginal against d.amount {
    0% up -> 1
  }
  cap d.amount per deal
}
`;
    const diagnostics = compile(text + component).diagnostics.filter((d) => d.severity === 'error');
    const where = (d: { span: { start: number; end: number } }) => (text + component).slice(d.span.start, d.span.end);
    expect(diagnostics.map((d) => `${d.code} ${where(d)} ${d.message}`)).toEqual([
      'E102 d `d` (a record of `deals`) is not in scope here: this clause is one amount for the payee and period, not one per record',
      'E102 d `d` (a record of `deals`) is not in scope here: this clause is one amount for the payee and period, not one per record',
    ]);
    expect(diagnostics[1]!.span.start).toBeGreaterThan((text + component).indexOf('cap d.amount'));
    // elsewhere an unknown name is still one, with its guess
    expect(compile(`${text}measure m = dd.amount\n`).diagnostics.find((d) => d.code === 'E102')!.message).toBe('unknown name `dd`');
  });

  it('a currency code in small letters after a number: the syntax error says so, with the fix', () => {
    const text = read('ok', 'everything.incent') + `
commission lower_case {
  for d in deals
  base 500 usd
  rate 10%
}
`;
    const syntax = compile(text).diagnostics.find((d) => d.code === 'E003')!;
    expect(text.slice(syntax.span.start, syntax.span.end)).toBe('usd');
    expect(syntax.help).toBe('currency codes are written in capitals: `500 USD`');
    expect(syntax.fixes![0]!.edits).toEqual([{ span: syntax.span, newText: 'USD' }]);
    // a name after a number elsewhere is no currency code
    const other = compile(read('ok', 'everything.incent') + '\nmeasure m = 5 bookings\n').diagnostics.find((d) => d.code === 'E003');
    expect(other?.help).toBeUndefined();
  });

  it('a cycle names every member', () => {
    const { diagnostics } = compile(read('err', 'names.incent'));
    expect(diagnostics.find((d) => d.code === 'E113')!.message).toBe('measure `a` depends on itself: `a` → `b` → `a`');
  });

  it('prior(…) of itself is not a cycle', () => {
    const text = read('ok', 'everything.incent').replace('measure last_month = prior(bookings) ?? 0 EUR', 'measure last_month = prior(last_month) ?? bookings');
    expect(compile(text).diagnostics).toEqual([]);
  });
});

describe('diagnostic catalogue', () => {
  const docs = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  const documented = [...docs.matchAll(/^### ([EW]\d{3}) /gm)].map((m) => m[1]);
  it('every code has an entry in docs/diagnostics.md, and every entry a code', () => {
    expect(documented.sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
  });
  it('every documented title matches the catalogue', () => {
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(docs).toContain(`### ${code} ${info.title}`);
    }
  });
  it('every semantic code is exercised by a fixture or a test in this folder', () => {
    const corpus = fixtures('err').map((f) => read('err', f)).join('\n') + readFileSync(join(HERE, 'check.test.ts'), 'utf8');
    const syntaxCorpus = readdirSync(join(ROOT, 'test', 'syntax', 'err')).map((f) => readFileSync(join(ROOT, 'test', 'syntax', 'err', f), 'utf8')).join('\n')
      + readdirSync(join(ROOT, 'test', 'syntax')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(ROOT, 'test', 'syntax', f), 'utf8')).join('\n');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(corpus.includes(code) || syntaxCorpus.includes(code), `${code} is not exercised`).toBe(true);
    }
  });
});
