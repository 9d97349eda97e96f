// Structure over LSP: document symbols, workspace symbols over the open plans, folding ranges,
// semantic tokens, signature help for built-ins, inlay hints, and formatting through the same
// formatter as `incent fmt`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, FoldingRange, InlayHint, SignatureHelp, TextEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { formatPlan } from '@incent/language';
import { applyEdits, positionAt, positionOf, readDoc, startClient, type LspClient } from './client';

let client: LspClient;
const doc = readDoc('test/check/ok/everything.incent');
const spec = readDoc('test/fixtures/spec-example.incent');
beforeAll(async () => {
  client = await startClient();
  client.open(doc.uri, doc.text);
  client.open(spec.uri, spec.text);
  await client.diagnostics(doc.uri, 1);
});
afterAll(async () => { await client.stop(); });

const lines = doc.text.split('\n');

describe('document and workspace symbols', () => {
  it('one symbol per declaration, with enum values and input fields as children', async () => {
    const symbols: DocumentSymbol[] = await client.request('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
    const names = symbols.map((s) => s.name);
    expect(names[0]).toBe('Everything');
    expect(names).toEqual(expect.arrayContaining(['Channel', 'reps', 'deals', 'club_bonus', 'bookings', 'new_business', 'ramp', 'summit', 'redemption_rate']));
    const channel = symbols.find((s) => s.name === 'Channel')!;
    expect(channel.kind).toBe(10);
    expect(channel.children!.map((c) => c.name)).toEqual(['direct', 'partner', 'marketplace']);
    const deals = symbols.find((s) => s.name === 'deals')!;
    expect(deals.children!.find((c) => c.name === 'margin')!.detail).toBe('let: Percent');
    expect(deals.children!.find((c) => c.name === 'id')!.detail).toBe('Text key');
    expect(symbols.find((s) => s.name === 'bookings')!.detail).toBe('measure: Money');
    expect(symbols.find((s) => s.name === 'new_business')!.detail).toBe('commission');
    const nb = symbols.find((s) => s.name === 'new_business')!;
    expect(lines[nb.selectionRange.start.line]).toBe('commission new_business {');
    expect(lines[nb.range.end.line]).toBe('}');
  });

  it('workspace symbols search every open plan', async () => {
    const all: WorkspaceSymbol[] = await client.request('workspace/symbol', { query: 'newbus' });
    const uris = new Set(all.filter((s) => s.name === 'new_business').map((s) => (s.location as { uri: string }).uri));
    expect(uris).toEqual(new Set([doc.uri, spec.uri]));
    const fields: WorkspaceSymbol[] = await client.request('workspace/symbol', { query: 'cancelled' });
    expect(fields.some((s) => s.name === 'cancelled_on' && s.containerName === 'deals')).toBe(true);
  });
});

describe('folding ranges', () => {
  it('folds declarations, tables and comment runs', async () => {
    const ranges: FoldingRange[] = await client.request('textDocument/foldingRange', { textDocument: { uri: doc.uri } });
    const starts = ranges.map((r) => lines[r.startLine]!.trim());
    expect(starts).toEqual(expect.arrayContaining(['plan "Everything" {', 'input deals {', 'commission new_business {', 'rate match level {', 'multiplier bands d.margin {', 'accelerate marginal against payee.annual_quota per year on d.amount {']));
    const plan = ranges.find((r) => lines[r.startLine] === 'plan "Everything" {')!;
    expect(lines[plan.endLine + 1]).toBe('}');
  });
});

describe('semantic tokens', () => {
  it('colours names by what they are', async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    const { data } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: doc.uri } });
    expect(data.length % 5).toBe(0);
    const tokens: { text: string; type: string; modifiers: string[] }[] = [];
    let line = 0, char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const mods = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
      tokens.push({ text: lines[line]!.slice(char, char + data[i + 2]), type: legend.tokenTypes[data[i + 3]]!, modifiers: mods });
    }
    const typeOf = (text: string) => tokens.find((t) => t.text === text)?.type;
    expect(typeOf('commission')).toBe('keyword');
    expect(typeOf('Channel')).toBe('enum');
    expect(typeOf('marketplace')).toBe('enumMember');
    expect(typeOf('deals')).toBe('struct');
    expect(typeOf('credited')).toBe('property');
    expect(typeOf('new_business')).toBe('function');
    expect(typeOf('club_bonus')).toBe('variable');
    expect(typeOf('10_000 EUR')).toBe('number');
    expect(typeOf('"Bundle"')).toBe('string');
    expect(typeOf('Money')).toBe('type');
    expect(typeOf('/// Every construct of the language, checked without a diagnostic.')).toBe('comment');
    expect(tokens.find((t) => t.text === 'club_bonus')!.modifiers).toEqual(['declaration', 'readonly']);
    expect(tokens.find((t) => t.text === 'sum')).toMatchObject({ type: 'function', modifiers: ['defaultLibrary'] });
    expect(tokens.filter((t) => t.text === 'd' && t.type === 'parameter').length).toBeGreaterThan(10);
  });
});

describe('signature help', () => {
  it('for round, min and the aggregates, with the active argument', async () => {
    const help = async (needle: string, delta: number): Promise<SignatureHelp> =>
      client.request('textDocument/signatureHelp', { textDocument: { uri: doc.uri }, position: positionOf(doc.text, needle, delta) });
    const round = await help('round(team * 0.5%, 0.01)', 20);
    expect(round.signatures[0]!.label).toBe('round(x, step)');
    expect(round.activeParameter).toBe(1);
    const max = await help('max(payee.start, period.start)', 5);
    expect(max.signatures[max.activeSignature!]!.label).toBe('max(a, b, …)');
    expect(max.activeParameter).toBe(0);
    const agg = await help('max(d.amount for d in deals)', 20);
    expect(agg.signatures[agg.activeSignature!]!.label).toBe('max(e for d in [all] X where c)');
    expect(await client.request('textDocument/signatureHelp', { textDocument: { uri: doc.uri }, position: { line: 3, character: 2 } })).toBeNull();
  });
});

describe('inlay hints', () => {
  it('the types of lets, measures, metrics and derived fields', async () => {
    const hints: InlayHint[] = await client.request('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
    const byLine = new Map(hints.map((h) => [lines[h.position.line]!.slice(0, h.position.character).trim(), h.label]));
    expect(byLine.get('let club_bonus')).toBe(': Money');
    expect(byLine.get('let floor')).toBe(': Percent');
    expect(byLine.get('measure level')).toBe(': Tier');
    expect(byLine.get('measure average')).toBe(': Money?');
    expect(byLine.get('let margin')).toBe(': Percent');
    expect(byLine.get('metric redemption_rate')).toBe(': Number');
    const some: InlayHint[] = await client.request('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: { start: { line: 60, character: 0 }, end: { line: 62, character: 0 } } });
    expect(some.length).toBeLessThan(hints.length);
  });
});

describe('formatting', () => {
  it('formats like `incent fmt` (the core formatter), as one edit', async () => {
    const messy = spec.text.replace('  version 3', 'version    3').replace('measure bookings = sum(d.amount for d in deals where d.stage == won)', 'measure bookings=sum( d.amount for d in deals where d.stage==won )');
    const uri = 'file:///virtual/messy.incent';
    client.open(uri, messy);
    const edits: TextEdit[] = await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    expect(edits.length).toBe(1);
    const formatted = applyEdits(messy, edits);
    expect(formatted).toBe(formatPlan(messy).text);
    expect(formatted).toContain('  version 3');
    expect(formatted).toContain('measure bookings = sum(d.amount for d in deals where d.stage == won)');
    expect(edits[0]!.range.start).toEqual(positionAt(messy, messy.indexOf('version    3')));
  });

  it('leaves a formatted plan and a plan with syntax errors alone', async () => {
    const formatted = formatPlan(spec.text).text;
    const uri = 'file:///virtual/formatted.incent';
    client.open(uri, formatted);
    expect(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    const broken = 'file:///virtual/broken.incent';
    client.open(broken, `${spec.text}\nmeasure = = =\n`);
    expect(await client.request('textDocument/formatting', { textDocument: { uri: broken }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });
});
