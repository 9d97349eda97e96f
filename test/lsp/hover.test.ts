// Hover over LSP: the type and doc comment of names, fields, measures and components; the
// normalised value of money and percent literals; built-ins, keywords and expression types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { positionOf, readDoc, startClient, textOf, type LspClient } from './client';

let client: LspClient;
const doc = readDoc('test/check/ok/everything.incent');
beforeAll(async () => {
  client = await startClient();
  client.open(doc.uri, doc.text);
  await client.diagnostics(doc.uri, 1);
});
afterAll(async () => { await client.stop(); });

async function hoverAt(needle: string, delta = 0, n = 0): Promise<{ value: string; covered: string }> {
  const result: Hover | null = await client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: positionOf(doc.text, needle, delta, n) });
  if (!result) throw new Error(`no hover at ${needle}`);
  const value = typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : JSON.stringify(result.contents);
  return { value, covered: result.range ? textOf(doc.text, result.range) : '' };
}

describe('hover', () => {
  it('a measure: its type', async () => {
    const h = await hoverAt('when attainment', 6);
    expect(h.value).toContain('measure attainment: Percent');
    expect(h.covered).toBe('attainment');
  });

  it('a measure at its declaration, an enum-typed measure', async () => {
    expect((await hoverAt('measure level', 8)).value).toContain('measure level: Tier');
  });

  it('a field, with its doc comment', async () => {
    const h = await hoverAt('id: Payee key', 0);
    expect(h.value).toContain('reps.id: Payee key');
    expect(h.value).toContain("The payee's id.");
  });

  it('a field through a loop variable, and a derived field with its type', async () => {
    expect((await hoverAt('d.amount for d in deals)', 2)).value).toContain('deals.amount: Money');
    const derived = await hoverAt('base d.credited', 7);
    expect(derived.value).toContain('deals.credited: Money = amount * share');
    expect(derived.covered).toBe('credited');
  });

  it('a field of the roster through a Payee: d.owner.region', async () => {
    expect((await hoverAt('d.owner.region', 8)).value).toContain('reps.region: Text');
  });

  it('an input and an enum, with their doc comments', async () => {
    const input = await hoverAt('input reps', 6);
    expect(input.value).toContain('input reps {');
    expect(input.value).toContain('The roster.');
    expect(input.value).toContain('the roster: one row per payee');
    const e = await hoverAt('channel: Channel', 9);
    expect(e.value).toContain('enum Channel { direct, partner, marketplace }');
    expect(e.value).toContain('Sales channels.');
  });

  it('an enum value, bare and qualified', async () => {
    expect((await hoverAt('d.stage == won', 11)).value).toContain('Stage.won');
    const q = await hoverAt('Stage.won', 7);
    expect(q.value).toContain('Stage.won');
    expect(q.covered).toBe('won');
  });

  it('a let, with its value', async () => {
    expect((await hoverAt('pay club_bonus', 5)).value).toContain('let club_bonus: Money = 10_000 EUR');
  });

  it('a component, by its kind', async () => {
    const h = await hoverAt('commission new_business', 12);
    expect(h.value).toContain('commission new_business');
    expect((await hoverAt('of new_business', 4)).value).toContain('commission new_business');
  });

  it('a loop variable, payee and period fields', async () => {
    expect((await hoverAt('for d in deals where d.stage == won\n  base', 4)).value).toContain('d: record of deals');
    expect((await hoverAt('payee.quota', 1)).value).toContain('payee: Payee');
    expect((await hoverAt('period.days', 8)).value).toContain('period.days: Int');
  });

  it('the normalised value of money and percent literals', async () => {
    const money = await hoverAt('10_000 EUR', 1);
    expect(money.value).toContain('10000.00 EUR: Money');
    expect(money.covered).toBe('10_000 EUR');
    const percent = await hoverAt('team * 0.5%', 8);
    expect(percent.value).toContain('0.5%: Percent');
    expect(percent.value).toContain('0.005');
    expect((await hoverAt('-> 1.5', 3)).value).toContain('1.5: Number');
  });

  it('built-ins, types and keywords', async () => {
    expect((await hoverAt('max(payee.start', 1)).value).toContain('max(a, b, …)');
    expect((await hoverAt('sum(d.credited', 1)).value).toContain('sum(e for d in [all] X where c)');
    expect((await hoverAt('quota: Money', 8)).value).toContain("An amount in the plan's currency");
    expect((await hoverAt('  gate d.margin', 3)).value).toContain('a record failing any gate earns 0');
  });

  it('the type of an expression under an operator', async () => {
    const h = await hoverAt('(amount - cost) / amount', 16);
    expect(h.value).toContain('Percent');
  });

  it('answers null on white space', async () => {
    const result = await client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 9, character: 0 } });
    expect(result).toBeNull();
  });
});
