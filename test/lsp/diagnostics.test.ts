// Diagnostics over LSP: published on open and on change with codes, help and related ranges;
// debounced (a burst of edits is analysed once, for its last version); cleared on close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, readDoc, startClient, type LspClient } from './client';

let client: LspClient;
beforeAll(async () => { client = await startClient(); });
afterAll(async () => { await client.stop(); });

const PLAN = `plan "T" {
  version 1
  currency USD
  period quarter
  effective 2027-01-01 to 2027-12-31
}

input reps {
  id: Payee key
  quota: Money
}

input deals {
  id: Text key
  owner: Payee
  amount: Money
  closed_on: Date
  credit owner on closed_on
}

measure bookings = sum(d.amount for d in deals)
let bookings = 1
`;

describe('diagnostics', () => {
  it('advertises the capabilities of the issue', () => {
    const caps = client.initializeResult.capabilities;
    expect(caps.textDocumentSync).toBe(2);
    for (const key of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider',
      'workspaceSymbolProvider', 'foldingRangeProvider', 'semanticTokensProvider', 'signatureHelpProvider', 'inlayHintProvider', 'codeActionProvider',
      'documentFormattingProvider', 'codeLensProvider']) {
      expect(caps, key).toHaveProperty(key);
    }
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
  });

  it('publishes nothing for a clean plan, on open', async () => {
    const doc = readDoc('test/check/ok/everything.incent');
    client.open(doc.uri, doc.text);
    const published = await client.diagnostics(doc.uri, 1);
    expect(published.version).toBe(1);
    expect(published.diagnostics).toEqual([]);
  });

  it('publishes codes, ranges, help and related information', async () => {
    const uri = 'file:///virtual/dup.incent';
    client.open(uri, PLAN);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const dup = diagnostics.find((d) => d.code === 'E101')!;
    expect(dup).toBeDefined();
    expect(dup.source).toBe('incent');
    expect(dup.severity).toBe(1);
    expect(dup.range.start).toEqual({ line: 21, character: 4 });
    expect(dup.relatedInformation?.[0]?.location.range.start).toEqual({ line: 20, character: 8 });
    expect(dup.message).toContain('help:');
  });

  it('re-analyses on change and publishes with the new version', async () => {
    const uri = 'file:///virtual/change.incent';
    client.open(uri, PLAN);
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toContain('E101');
    // delete the duplicate `let bookings = 1` line
    client.change(uri, 2, [{ range: { start: { line: 21, character: 0 }, end: { line: 22, character: 0 } }, text: '' }]);
    const after = await client.diagnostics(uri, 2);
    expect(after.version).toBe(2);
    expect(codes(after.diagnostics)).not.toContain('E101');
  });

  it('debounces a burst of edits: only the last version is analysed and published', async () => {
    const uri = 'file:///virtual/burst.incent';
    client.open(uri, PLAN);
    await client.diagnostics(uri, 1);
    const typed = 'measure x = bookings + 1';
    let version = 1;
    for (const [i, ch] of [...typed].entries()) {
      version++;
      client.change(uri, version, [{ range: { start: { line: 23, character: i }, end: { line: 23, character: i } }, text: ch }]);
    }
    const last = await client.diagnostics(uri, version);
    expect(last.version).toBe(version);
    const versions = client.published(uri).map((p) => p.version);
    // the burst (typed faster than the 20 ms delay) did not produce a publication per keystroke
    expect(versions.filter((v) => v! > 1 && v! < version).length).toBeLessThan(typed.length / 2);
    // and never an older version after a newer one
    expect([...versions].sort((a, b) => a! - b!)).toEqual(versions);
  });

  it('reports syntax errors while typing and recovers', async () => {
    const uri = 'file:///virtual/typing.incent';
    client.open(uri, `${PLAN}measure m = (1 +\n`);
    const { diagnostics } = await client.diagnostics(uri, 1);
    expect(codes(diagnostics)).toContain('E003');
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///virtual/closing.incent';
    client.open(uri, PLAN);
    await client.diagnostics(uri, 1);
    const before = client.published(uri).length;
    client.close(uri);
    await new Promise((r) => setTimeout(r, 200));
    const all = client.published(uri);
    expect(all.length).toBe(before + 1);
    expect(all[all.length - 1]!.diagnostics).toEqual([]);
  });

  it('marks unused lets as unnecessary', async () => {
    const uri = 'file:///virtual/unused.incent';
    client.open(uri, `${PLAN.replace('let bookings = 1', 'let spare = 1')}`);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const unused = diagnostics.find((d) => d.code === 'W001')!;
    expect(unused.severity).toBe(2);
    expect(unused.tags).toEqual([1]);
  });
});
