// Never down: random edits of every example plan (fast-check), each followed by random requests
// at random positions, must leave the server answering every request without an internal error
// and publishing diagnostics for the last version; an exception inside one request (injected)
// becomes an error response and a log line, and the server carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { PREVIEW_REQUEST } from '@incent/language-server/protocol';
import { positionAt, readDoc, ROOT, startClient, type LspClient } from './client';

function examplePlans(): string[] {
  const out = ['test/check/ok/everything.incent', 'test/fixtures/spec-example.incent'];
  for (const dir of ['examples', 'test/conformance/cases']) {
    const base = join(ROOT, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      if (existsSync(join(base, name, 'plan.incent'))) out.push(`${dir}/${name}/plan.incent`);
    }
  }
  return out;
}

const PLANS = examplePlans().map((p) => ({ name: p, ...readDoc(p) }));

const FRAGMENTS = [
  '{', '}', '(', ')', '.', ',', '->', '==', '%', '"', '\n', '\r\n', ' ', '/*', '*/', '//', '///', 'd.', 'payee.', 'period.', 'match ', 'bands ',
  'for d in deals where ', 'commission x {', 'bonus b { when true pay 1 USD }', 'measure m = ', 'let ', 'sum(', 'count(d in ', ' and ', ' is set',
  'else -> 0', '20% to 30% -> 1', '150% up -> 2', 'cap 1 USD per ', 'accelerate marginal against ', '0.2', '1_000 USD', '2027-02-30', 'é', '💸', '\t',
  'plan "x" {', 'enum E { a, b }', 'input i { id: Payee key }', 'recover 100% of ', 'ytd(', 'prior(', 'round(', '((((((((((', '))))', 'won', 'Stage.',
];

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'replace'; at: number; length: number; text: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })) }) as unknown as fc.Arbitrary<Edit>,
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 80 }) }) as unknown as fc.Arbitrary<Edit>,
  fc.record({ kind: fc.constant('replace' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 20 }), text: fc.constantFrom(...FRAGMENTS) }) as unknown as fc.Arbitrary<Edit>,
);

const REQUESTS = ['hover', 'completion', 'definition', 'references', 'prepareRename', 'rename', 'documentSymbol', 'foldingRange', 'semanticTokens', 'signatureHelp',
  'inlayHint', 'codeAction', 'formatting', 'codeLens', 'documentHighlight', 'workspaceSymbol', 'preview'] as const;

function request(client: LspClient, uri: string, kind: (typeof REQUESTS)[number], position: Position): Promise<unknown> {
  const doc = { textDocument: { uri } };
  const range = { start: { line: 0, character: 0 }, end: position };
  switch (kind) {
    case 'hover': return client.request('textDocument/hover', { ...doc, position });
    case 'completion': return client.request('textDocument/completion', { ...doc, position });
    case 'definition': return client.request('textDocument/definition', { ...doc, position });
    case 'references': return client.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } });
    case 'prepareRename': return client.request('textDocument/prepareRename', { ...doc, position });
    case 'rename': return client.request('textDocument/rename', { ...doc, position, newName: 'renamed_x' });
    case 'documentSymbol': return client.request('textDocument/documentSymbol', doc);
    case 'foldingRange': return client.request('textDocument/foldingRange', doc);
    case 'semanticTokens': return client.request('textDocument/semanticTokens/full', doc);
    case 'signatureHelp': return client.request('textDocument/signatureHelp', { ...doc, position });
    case 'inlayHint': return client.request('textDocument/inlayHint', { ...doc, range });
    case 'codeAction': return client.request('textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } });
    case 'formatting': return client.request('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } });
    case 'codeLens': return client.request('textDocument/codeLens', doc);
    case 'documentHighlight': return client.request('textDocument/documentHighlight', { ...doc, position });
    case 'workspaceSymbol': return client.request('workspace/symbol', { query: 'a' });
    case 'preview': return client.request(PREVIEW_REQUEST, { uri });
  }
}

// LSP_FUZZ_RUNS and LSP_FUZZ_SEED explore further than the fixed default
const RUNS = Number(process.env.LSP_FUZZ_RUNS ?? 150);
const SEED = process.env.LSP_FUZZ_SEED ? Number(process.env.LSP_FUZZ_SEED) : 42;

let client: LspClient;
beforeAll(async () => { client = await startClient({ initializationOptions: { diagnosticsDelay: 0 } }); });
afterAll(async () => { await client.stop(); });

describe('never down', () => {
  it(`answers every request through random edits of ${PLANS.length} example plans`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: PLANS.length - 1 }),
        fc.array(fc.tuple(editArb, fc.constantFrom(...REQUESTS), fc.double({ min: 0, max: 1.05, noNaN: true })), { minLength: 1, maxLength: 25 }),
        async (planIndex, steps) => {
          const plan = PLANS[planIndex]!;
          // a real file uri, so the preview finds the example's data
          const uri = `${plan.uri}?run=${++run}`;
          let text = plan.text;
          let version = 1;
          client.open(uri, text, version);
          const pending: Promise<unknown>[] = [];
          for (const [edit, kind, where] of steps) {
            const at = Math.min(text.length, Math.floor(edit.at * text.length));
            const end = edit.kind === 'insert' ? at : Math.min(text.length, at + edit.length);
            const inserted = edit.kind === 'delete' ? '' : edit.text;
            const range = { start: positionAt(text, at), end: positionAt(text, end) };
            text = text.slice(0, at) + inserted + text.slice(end);
            client.change(uri, ++version, [{ range, text: inserted }]);
            const position = where > 1 ? { line: 100_000, character: 5 } : positionAt(text, Math.floor(where * text.length));
            pending.push(request(client, uri, kind, position).then(
              () => undefined,
              (error: { code?: number; message?: string }) => {
                // refusals (rename of a keyword, an invalid request) are answers; internal errors are bugs
                if (error.code === -32603) throw new Error(`${kind} failed after edits of ${plan.name}: ${error.message}`);
              },
            ));
          }
          await Promise.all(pending);
          const last = await client.diagnostics(uri, version, 20_000);
          expect(last.version).toBe(version);
          client.close(uri);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(client.logs.filter((l) => l.includes('failed'))).toEqual([]);
  }, 300_000);

  it('the document the server holds is the document the editor holds', async () => {
    const plan = PLANS[0]!;
    const uri = `${plan.uri}?sync`;
    client.open(uri, plan.text);
    let text = plan.text;
    for (let i = 0; i < 50; i++) {
      const at = (i * 7919) % text.length;
      const range = { start: positionAt(text, at), end: positionAt(text, Math.min(text.length, at + 3)) };
      text = text.slice(0, at) + `x${i}` + text.slice(Math.min(text.length, at + 3));
      client.change(uri, i + 2, [{ range, text: `x${i}` }]);
    }
    // formatting returns nothing for a plan with syntax errors; symbols reflect the text: compare the outline's ranges with our copy
    const symbols: { name: string; selectionRange: { start: Position } }[] = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    for (const s of symbols) {
      const line = text.split('\n')[s.selectionRange.start.line]!;
      expect(line.slice(s.selectionRange.start.character).startsWith(s.name === 'Everything' ? '"Everything"' : s.name)).toBe(true);
    }
  });
});

describe('an exception in one request', () => {
  it('becomes an error response and a log line, and the server carries on', async () => {
    const faulty = await startClient({ env: { INCENT_LS_FAULT: 'hover' } });
    try {
      const plan = PLANS[1]!;
      faulty.open(plan.uri, plan.text);
      const position = positionAt(plan.text, plan.text.indexOf('bookings'));
      await expect(faulty.request('textDocument/hover', { textDocument: { uri: plan.uri }, position })).rejects.toMatchObject({ code: -32603, message: expect.stringContaining('hover failed') });
      const completion = await faulty.request('textDocument/completion', { textDocument: { uri: plan.uri }, position });
      expect(completion).toBeTruthy();
      await expect(faulty.request('textDocument/hover', { textDocument: { uri: plan.uri }, position })).rejects.toMatchObject({ code: -32603 });
      expect(faulty.logs.some((l) => l.includes('hover failed') && l.includes('injected fault'))).toBe(true);
      expect(faulty.process.exitCode).toBeNull();
      expect((await faulty.diagnostics(plan.uri, 1)).diagnostics).toEqual([]);
    } finally {
      await faulty.stop();
    }
  });

  it('answers unknown methods with MethodNotFound and bad params without dying', async () => {
    await expect(client.request('incent/nope', {})).rejects.toMatchObject({ code: -32601 });
    await expect(client.request(PREVIEW_REQUEST, {})).rejects.toMatchObject({ code: -32602 });
    expect(await client.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.incent' }, position: { line: 0, character: 0 } })).toBeNull();
    expect(client.process.exitCode).toBeNull();
  });
});
