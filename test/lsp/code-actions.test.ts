// Quick fixes over LSP: the checker's fixes for did-you-mean names, `0.2` where a Percent is
// meant, a `bands` table with a gap and a `match` missing enum arms, offered as code actions
// and applied the way an editor applies them; the diagnostic is gone afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, codes, startClient, type LspClient } from './client';

let client: LspClient;
beforeAll(async () => { client = await startClient(); });
afterAll(async () => { await client.stop(); });

const HEADER = `plan "T" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
}

enum Channel { direct, partner, marketplace }

input reps {
  id: Payee key
  quota: Money
}

input deals {
  id: Text key
  owner: Payee
  amount: Money
  cost: Money
  channel: Channel
  closed_on: Date
  let margin = (amount - cost) / amount
  credit owner on closed_on
}

measure bookings = sum(d.amount for d in deals)
`;

let counter = 0;

/** Opens `text`, finds the diagnostic with `code`, applies the action titled `title`, returns the new diagnostics and text. */
async function fix(text: string, code: string, title: RegExp): Promise<{ before: Diagnostic; actions: CodeAction[]; after: Diagnostic[]; text: string }> {
  const uri = `file:///virtual/fix-${++counter}.incent`;
  client.open(uri, text);
  const { diagnostics } = await client.diagnostics(uri, 1);
  const before = diagnostics.find((d) => d.code === code);
  if (!before) throw new Error(`no ${code} in ${codes(diagnostics).join(', ')}`);
  const actions: CodeAction[] = await client.request('textDocument/codeAction', {
    textDocument: { uri }, range: before.range, context: { diagnostics: [before], only: ['quickfix'] },
  });
  const action = actions.find((a) => title.test(a.title));
  if (!action) throw new Error(`no action ${title} in ${actions.map((a) => a.title).join(', ')}`);
  expect(action.kind).toBe('quickfix');
  expect(action.diagnostics?.[0]?.code).toBe(code);
  const change = action.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: { range: any; newText: string }[] };
  expect(change.textDocument).toEqual({ uri, version: 1 });
  const next = applyEdits(text, change.edits);
  client.change(uri, 2, [{ text: next }]);
  const after = (await client.diagnostics(uri, 2)).diagnostics;
  return { before, actions, after, text: next };
}

describe('quick fixes', () => {
  it('did you mean: a misspelt measure', async () => {
    const r = await fix(`${HEADER}measure twice = bookngs * 2\n`, 'E102', /bookings/);
    expect(r.before.message).toContain('did you mean `bookings`?');
    expect(r.text).toContain('measure twice = bookings * 2');
    expect(codes(r.after)).not.toContain('E102');
  });

  it('did you mean: a misspelt field', async () => {
    const r = await fix(`${HEADER}measure big = sum(d.amont for d in deals)\n`, 'E103', /amount/);
    expect(r.text).toContain('sum(d.amount for d');
    expect(codes(r.after)).not.toContain('E103');
  });

  it('0.2 where a Percent is meant', async () => {
    const text = `${HEADER}commission c {\n  for d in deals\n  base d.amount\n  rate 5%\n  gate d.margin >= 0.2\n}\n`;
    const r = await fix(text, 'E202', /20%/);
    expect(r.text).toContain('gate d.margin >= 20%');
    expect(r.after.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('0.075 as a rate', async () => {
    const text = `${HEADER}commission c {\n  for d in deals\n  base d.amount\n  rate 0.075\n}\n`;
    const r = await fix(text, 'E210', /7\.5%/);
    expect(r.text).toContain('rate 7.5%');
    expect(r.after.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('a bands table with a gap: add else', async () => {
    const text = `${HEADER}commission c {\n  for d in deals\n  base d.amount\n  rate 5%\n  multiplier bands d.margin {\n    20% to 30% -> 0.8\n    40% up     -> 1\n  }\n}\n`;
    const r = await fix(text, 'E304', /else/);
    expect(r.text).toMatch(/40% up {5}-> 1\n {4}else -> 0\n {2}\}/);
    expect(r.after.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('a match missing enum arms: add them, or add else', async () => {
    const text = `${HEADER}commission c {\n  for d in deals\n  base d.amount\n  rate match d.channel {\n    direct -> 8%\n  }\n}\n`;
    const r = await fix(text, 'E307', /missing arms/);
    expect(r.actions.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/else/)]));
    expect(r.text).toContain('partner -> 0');
    expect(r.text).toContain('marketplace -> 0');
    expect(codes(r.after)).not.toContain('E307');
  });

  it('offers no action where there is no fix, and none when only refactorings are asked for', async () => {
    const uri = 'file:///virtual/nofix.incent';
    const text = `${HEADER}measure twice = bookngs * 2\n`;
    client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const d = diagnostics.find((x) => x.code === 'E102')!;
    const none = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    expect(none).toEqual([]);
    const refactors = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['refactor'] } });
    expect(refactors).toEqual([]);
  });
});
