// Completion over LSP: keywords by context, declared names, enum values where an enum is
// expected, fields after `d.`, `payee.` and `d.owner.`, and snippets for each declaration kind.
// Each case edits the spec's example plan the way a user types and asks at the cursor (`|`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { positionAt, readDoc, startClient, type LspClient } from './client';

let client: LspClient;
const base = readDoc('test/fixtures/spec-example.incent').text;
beforeAll(async () => { client = await startClient(); });
afterAll(async () => { await client.stop(); });

let counter = 0;

/** Inserts `typed` (with `|` marking the cursor) after `anchor` in the example, and completes there. */
async function complete(anchor: string, typed: string): Promise<CompletionItem[]> {
  const at = base.indexOf(anchor);
  if (at < 0) throw new Error(`no ${anchor}`);
  const insertAt = at + anchor.length;
  const cursor = typed.indexOf('|');
  const text = base.slice(0, insertAt) + typed.replace('|', '') + base.slice(insertAt);
  const uri = `file:///virtual/complete-${++counter}.incent`;
  client.open(uri, text);
  const list: CompletionList | CompletionItem[] = await client.request('textDocument/completion', {
    textDocument: { uri }, position: positionAt(text, insertAt + cursor),
  });
  client.close(uri);
  return Array.isArray(list) ? list : list.items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion', () => {
  it('at the top level: declaration keywords and a snippet for each declaration kind', async () => {
    const items = await complete('pay club_bonus\n}\n', '\n|');
    const snippets = items.filter((i) => i.kind === 15);
    expect(snippets.map((s) => s.label).sort()).toEqual(['bonus', 'clawback', 'commission', 'draw', 'enum', 'input', 'let', 'measure', 'metric', 'reward', 'spiff']);
    expect(snippets.every((s) => s.insertTextFormat === 2)).toBe(true);
    const commission = snippets.find((s) => s.label === 'commission')!;
    expect(commission.insertText).toContain('for d in ${2:deals}');
    expect(snippets.find((s) => s.label === 'bonus')!.insertText).toContain('USD');
    expect(labels(items.filter((i) => i.kind === 14))).toEqual(expect.arrayContaining(['measure', 'commission', 'enum']));
    expect(labels(items)).not.toContain('plan'); // the file has one
  });

  it('fields after `d.`, derived fields included', async () => {
    const items = await complete('  base d.amount\n', '  gate d.|\n');
    expect(labels(items)).toEqual(expect.arrayContaining(['id', 'owner', 'amount', 'cost', 'channel', 'stage', 'closed_on', 'cancelled_on', 'margin']));
    expect(items.find((i) => i.label === 'amount')!.detail).toBe('Money');
    expect(items.find((i) => i.label === 'margin')!.detail).toBe('Percent');
  });

  it('fields after `d.` while typing the field name', async () => {
    expect(labels(await complete('  base d.amount\n', '  gate d.ma|\n'))).toContain('margin');
  });

  it('the roster fields after `payee.` and after `d.owner.`', async () => {
    const roster = ['id', 'name', 'region', 'quota'];
    expect(labels(await complete('measure attainment = bookings / payee.quota\n', 'measure q = payee.|\n')).sort()).toEqual([...roster].sort());
    expect(labels(await complete('  base d.amount\n', '  gate d.owner.|\n')).sort()).toEqual([...roster].sort());
  });

  it('`period.` and `Stage.`', async () => {
    expect(labels(await complete('measure attainment = bookings / payee.quota\n', 'measure days = period.|\n')).sort()).toEqual(['days', 'end', 'start']);
    expect(labels(await complete('measure attainment = bookings / payee.quota\n', 'measure n = count(d in deals where d.stage == Stage.|)\n')).sort()).toEqual(['lost', 'open', 'won']);
  });

  it('enum values where an enum is expected: after == on an enum field', async () => {
    const items = await complete('  base d.amount\n', '  gate d.channel == |\n');
    expect(labels(items).sort()).toEqual(['direct', 'marketplace', 'partner']);
    expect(items[0]!.detail).toBe('Channel');
  });

  it('enum values in the arms of a match: the missing ones, then else', async () => {
    const text = '  multiplier match d.stage {\n    won -> 1\n    |\n  }\n';
    const items = await complete('  base d.amount\n', text);
    expect(labels(items)).toEqual(expect.arrayContaining(['open', 'lost', 'else']));
    expect(labels(items)).not.toContain('won');
  });

  it('the clauses of a component on a new line', async () => {
    const commission = labels(await complete('  base d.amount\n', '  |\n'));
    expect(commission).toEqual(expect.arrayContaining(['gate', 'multiplier', 'cap']));
    expect(commission).not.toContain('base'); // already there
    expect(commission).not.toContain('when');
    const bonus = labels(await complete('  pay club_bonus\n', '  |\n'));
    expect(bonus).toEqual(expect.arrayContaining(['once per year']));
    expect(bonus).not.toContain('pay');
    const clawback = labels(await complete('  recover 100% of new_business on cancelled_on\n', '  |\n'));
    expect(clawback).toEqual([]); // for and recover are both there
  });

  it('the words that follow a clause keyword', async () => {
    expect(labels(await complete('  cap 60_000 USD per period\n', '  cap 1_000 USD per |\n')).sort()).toEqual(['deal', 'period', 'year']);
    expect(labels(await complete('  base d.amount\n', '  accelerate |\n')).sort()).toEqual(['marginal', 'retroactive']);
    expect(labels(await complete('  base d.amount\n', '  accelerate marginal |\n'))).toEqual(['against']);
    expect(labels(await complete('  pay club_bonus\n', '  once |\n'))).toEqual(['per year']);
  });

  it('inputs after `in`, components after `recover … of`, date fields after `on`', async () => {
    expect(labels(await complete('measure attainment = bookings / payee.quota\n', 'measure n = count(d in |)\n'))).toEqual(expect.arrayContaining(['deals', 'reps', 'all']));
    const clawback = 'clawback c2 {\n  for d in deals\n  recover 50% of |\n}\n';
    expect(labels(await complete('  pay 500 USD\n}\n', `\n${clawback}`)).sort()).toEqual(['bundle_push', 'new_business']);
    const on = 'clawback c3 {\n  for d in deals\n  recover 50% of new_business on |\n}\n';
    expect(labels(await complete('  pay 500 USD\n}\n', `\n${on}`)).sort()).toEqual(['cancelled_on', 'closed_on']);
  });

  it('names in scope in an expression: measures, lets, loop variables, built-ins', async () => {
    const items = await complete('measure attainment = bookings / payee.quota\n', 'measure m = |\n');
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(['bookings', 'attainment', 'club_bonus', 'sum', 'count', 'ytd', 'prior', 'payee', 'period', 'if', 'match', 'bands', 'Channel']));
    expect(items.find((i) => i.label === 'bookings')!.detail).toBe('measure bookings: Money');
    expect(items.find((i) => i.label === 'sum')!.insertTextFormat).toBe(2);
    const inAggregate = labels(await complete('measure attainment = bookings / payee.quota\n', 'measure m = sum(x.amount for x in deals where |)\n'));
    expect(inAggregate).toContain('x');
  });

  it('a let sees no measures, payee or aggregates', async () => {
    const l = labels(await complete('let club_bonus = 10_000 USD\n', 'let other = |\n'));
    expect(l).toContain('club_bonus');
    expect(l).not.toContain('bookings');
    expect(l).not.toContain('payee');
    expect(l).not.toContain('sum');
    expect(l).toContain('round');
  });

  it('operators after a complete operand', async () => {
    const l = labels(await complete('  base d.amount\n', '  gate d.margin > 10% |\n'));
    expect(l).toEqual(expect.arrayContaining(['and', 'or']));
    expect(l).not.toContain('bookings');
    expect(labels(await complete('  base d.amount\n', '  gate d.cancelled_on is |\n')).sort()).toEqual(['not set', 'set']);
  });

  it('the plan header: its missing items and their values', async () => {
    const header = labels(await complete('  rounding half_even                  // half_even (default) | half_up | down (toward 0) | up (away from 0)\n', '  |\n'));
    expect(header).toEqual(['fiscal_year_start']);
    expect(labels(await complete('plan "Enterprise AE FY2027" {\n', '  fiscal_year_start |\n'))).toContain('february');
    const noPeriod = base.replace('  period quarter', '  period |');
    const uri = 'file:///virtual/header.incent';
    client.open(uri, noPeriod.replace('|', ''));
    const list: CompletionList = await client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(noPeriod, noPeriod.indexOf('|')) });
    expect(labels(list.items).sort()).toEqual(['half', 'month', 'quarter', 'year']);
  });

  it('the members of an input: types after a colon, key, let and credit', async () => {
    const types = labels(await complete('  product: Text\n', '  region: |\n'));
    expect(types).toEqual(expect.arrayContaining(['Money', 'Percent', 'Date', 'Payee', 'Channel', 'Stage']));
    expect(labels(await complete('  product: Text\n', '  region: Text |\n'))).toEqual(['key']);
    expect(labels(await complete('  product: Text\n', '  |\n'))).toEqual(['let']);
    const derived = labels(await complete('  product: Text\n', '  let net = |\n'));
    expect(derived).toEqual(expect.arrayContaining(['amount', 'cost', 'margin', 'club_bonus']));
  });

  it('nothing inside comments and strings', async () => {
    expect(await complete('  base d.amount\n', '  // d.|\n')).toEqual([]);
    expect(await complete('  base d.amount\n', '  gate d.product == "d.|"\n')).toEqual([]);
  });

  it('a doc comment travels with the item', async () => {
    const items = await complete('measure attainment = bookings / payee.quota\n', 'measure m = sum(d.amount for d in |)\n');
    const deals = items.find((i) => i.label === 'deals')!;
    expect(JSON.stringify(deals.documentation)).toContain('Closed deals exported from the CRM.');
  });
});
