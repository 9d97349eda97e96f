// Navigation over LSP: go to definition, find references, document highlights, rename with
// prepareRename (keywords, built-ins and types refused; renames that would break the plan
// refused), on the plan that uses every construct.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, positionOf, readDoc, startClient, textOf, type LspClient } from './client';

let client: LspClient;
const doc = readDoc('test/check/ok/everything.incent');
beforeAll(async () => {
  client = await startClient();
  client.open(doc.uri, doc.text);
  await client.diagnostics(doc.uri, 1);
});
afterAll(async () => { await client.stop(); });

const at = (needle: string, delta = 0, n = 0) => ({ textDocument: { uri: doc.uri }, position: positionOf(doc.text, needle, delta, n) });
const lineOf = (loc: Location) => doc.text.split('\n')[loc.range.start.line]!;

describe('go to definition', () => {
  it('a measure, a let, a field, an enum value, an input, a component', async () => {
    const cases: [string, number, string][] = [
      ['when attainment', 6, 'measure attainment ='],
      ['pay club_bonus', 5, 'let club_bonus ='],
      ['d.credited for d', 3, '  let credited ='],
      ['registered -> 5%', 0, 'enum Tier { registered'],
      ['Tier.gold', 6, 'enum Tier {'],
      ['for c in coupons', 10, 'input coupons {'],
      ['of new_business', 4, 'commission new_business {'],
      ['d.owner.region', 8, '  region: Text'],
      ['credit owner on', 8, '  owner: Payee'],
    ];
    for (const [needle, delta, line] of cases) {
      const loc: Location = await client.request('textDocument/definition', at(needle, delta));
      expect(loc, needle).not.toBeNull();
      expect(lineOf(loc).startsWith(line) || lineOf(loc).includes(line), `${needle} → ${lineOf(loc)}`).toBe(true);
    }
  });

  it('a loop variable goes to its own binder, not another component’s', async () => {
    const loc: Location = await client.request('textDocument/definition', at('base d.amount\n  rate if', 5));
    expect(lineOf(loc)).toMatch(/^ {2}for d in deals where d.stage == won and d.product == "Bundle/);
  });

  it('payee goes to the roster', async () => {
    const loc: Location = await client.request('textDocument/definition', at('payee.quota', 1));
    expect(lineOf(loc)).toBe('input reps {');
  });

  it('nothing on a keyword', async () => {
    expect(await client.request('textDocument/definition', at('commission new_business', 2))).toBeNull();
  });
});

describe('find references', () => {
  it('every use of a measure, with or without its declaration', async () => {
    const refs: Location[] = await client.request('textDocument/references', { ...at('measure bookings', 9), context: { includeDeclaration: false } });
    expect(refs.map((r) => textOf(doc.text, r.range))).toEqual(['bookings', 'bookings', 'bookings', 'bookings']);
    const withDecl: Location[] = await client.request('textDocument/references', { ...at('measure bookings', 9), context: { includeDeclaration: true } });
    expect(withDecl.length).toBe(refs.length + 1);
  });

  it('an enum value, bare and qualified', async () => {
    const refs: Location[] = await client.request('textDocument/references', { ...at('enum Tier { registered, silver, gold }', 32), context: { includeDeclaration: true } });
    expect(refs.map((r) => textOf(doc.text, r.range))).toEqual(['gold', 'gold', 'gold', 'gold', 'gold']);
  });

  it('a field, through loop variables, unqualified in derived fields and in credit and recover lines', async () => {
    const refs: Location[] = await client.request('textDocument/references', { ...at('  cancelled_on: Date?', 2), context: { includeDeclaration: false } });
    const lines = refs.map((r) => doc.text.split('\n')[r.range.start.line]!.trim());
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^let late/), expect.stringMatching(/^recover 100%/), expect.stringMatching(/^for d in deals where d.cancelled_on is set/)]));
  });

  it('document highlights mark the declaration as a write', async () => {
    const highlights: { kind: number }[] = await client.request('textDocument/documentHighlight', at('let floor', 4));
    expect(highlights.map((h) => h.kind).sort()).toEqual([2, 3]);
  });
});

describe('rename', () => {
  it('prepareRename gives the name’s range', async () => {
    const r: { range: any; placeholder: string } = await client.request('textDocument/prepareRename', at('when attainment', 8));
    expect(r.placeholder).toBe('attainment');
    expect(textOf(doc.text, r.range)).toBe('attainment');
  });

  it('prepareRename refuses keywords, built-ins, types and payee', async () => {
    for (const [needle, delta, message] of [
      ['commission new_business', 2, 'keyword'],
      ['  rate if d.discount', 3, 'keyword'],
      ['sum(d.credited', 1, 'built-in function'],
      ['quota: Money', 8, 'built-in type'],
      ['payee.quota', 1, 'keyword'],
    ] as const) {
      await expect(client.request('textDocument/prepareRename', at(needle, delta)), needle).rejects.toThrow(message);
    }
  });

  it('renames a measure everywhere', async () => {
    const edit: WorkspaceEdit = await client.request('textDocument/rename', { ...at('measure bookings', 9), newName: 'booked' });
    const change = edit.documentChanges![0] as { edits: { range: any; newText: string }[] };
    const next = applyEdits(doc.text, change.edits);
    expect(next).not.toMatch(/\bbookings\b/);
    expect(next).toContain('measure booked = sum(');
    expect(next).toContain('ytd(booked)');
  });

  it('renames an enum value, bare and qualified, and a loop variable in one component only', async () => {
    const edit: WorkspaceEdit = await client.request('textDocument/rename', { ...at('enum Tier { registered, silver, gold }', 32), newName: 'platinum' });
    const next = applyEdits(doc.text, (edit.documentChanges![0] as any).edits);
    expect(next).toContain('level == Tier.platinum');
    expect(next).toContain('500_000 EUR up -> platinum');
    expect(next).not.toMatch(/\bgold\b/);
    const loop: WorkspaceEdit = await client.request('textDocument/rename', { ...at('for c in coupons where c.redeemed\n', 4), newName: 'coupon' });
    const renamed = applyEdits(doc.text, (loop.documentChanges![0] as any).edits);
    expect(renamed).toContain('for coupon in coupons where coupon.redeemed\n');
    expect(renamed).toContain('count(c in all coupons where c.redeemed)'); // the metric's own `c` is another variable
  });

  it('refuses invalid names and clashes', async () => {
    await expect(client.request('textDocument/rename', { ...at('measure bookings', 9), newName: 'if' })).rejects.toThrow('reserved keyword');
    await expect(client.request('textDocument/rename', { ...at('measure bookings', 9), newName: '2x' })).rejects.toThrow('is not a name');
    await expect(client.request('textDocument/rename', { ...at('measure bookings', 9), newName: 'team' })).rejects.toThrow('would break the plan');
  });
});
