// Security: a plan cannot reach files, the environment or the network (the core has no way to,
// and running plans full of paths and URLs touches neither); `incent.json` cannot point the
// preview outside the workspace; CSV output cannot run as a spreadsheet formula; what reaches a
// terminal cannot drive it; HTML (the preview, plan documents, statements) escapes every value
// that comes from data or from the plan.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, loadData, runPlan, type RunReport } from '../../packages/language/src/index';
import { csvCell, renderCsv } from '../../packages/cli/src/output/csv';
import { terminalSafe, writerFor } from '../../packages/cli/src/io';
import { main } from '../../packages/cli/src/main';
import { findPreviewData } from '../../packages/language-server/src/preview-data';
import { analyseText } from '../../packages/language-server/src/analysis';
import { createPreviewer } from '../../packages/language-server/src/preview';
import { renderPreviewHtml } from '../../packages/vscode/src/preview-html';
import type { PreviewError } from '../../packages/vscode/src/protocol';
import { check, tally } from './fuzz-config';
import { ROOT } from './real-plans';

const scratch = mkdtempSync(join(tmpdir(), 'incent-security-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------- no way out of a plan

function sourcesOf(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourcesOf(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('a plan cannot read files, the environment or the network', () => {
  it('the core imports nothing that could: no node: modules, process, fetch, eval, Function or dynamic import', () => {
    const forbidden = [/^\s*(import|export)\b[^;]*?from ['"](node:[^'"]+|fs|path|os|net|http|https|child_process|worker_threads|dgram|dns|tls|undici)['"]/m, /\bprocess\./, /\bfetch\(/, /\beval\(/, /new Function\b/, /\bimport\(/, /\brequire\(/, /\bglobalThis\b/, /\bXMLHttpRequest\b/, /\bWebSocket\b/];
    const files = sourcesOf(join(ROOT, 'packages', 'language', 'src'));
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter((re) => re.test(text)).map((re) => `${file}: ${re}`);
    });
    expect(found).toEqual([]);
  });

  it('plans full of paths, URLs and environment references compile and run without touching the environment or the network', () => {
    const strings = fc.constantFrom('/etc/passwd', '../../../../etc/shadow', 'file:///etc/hosts', 'http://169.254.169.254/latest/meta-data', '$HOME', '${PATH}', '%APPDATA%', '`id`', '$(rm -rf /)', '\\\\server\\share', '~/.ssh/id_rsa', 'data:text/html,<script>');
    const original = { env: process.env, fetch: globalThis.fetch };
    const touched: string[] = [];
    check('no ambient authority', 60, fc.property(fc.array(strings, { minLength: 1, maxLength: 4 }), (paths) => {
      const text = `plan ${JSON.stringify(paths[0])} {\n  version 1\n  currency USD\n  period quarter\n  effective 2027-01-01 to 2027-12-31\n}
input reps {\n  id: Payee key\n  source: Text\n}
${paths.map((p, i) => `let path${i} = ${JSON.stringify(p)}`).join('\n')}
bonus read_file { when payee.source == path0  pay 1 USD }
reward note { when true  grant ${JSON.stringify(paths[paths.length - 1])} }
metric m = count(r in all reps where r.source == path0)`;
      try {
        process.env = new Proxy({ ...original.env }, { get: (t, k) => { touched.push(`env.${String(k)}`); return Reflect.get(t, k); } });
        globalThis.fetch = (() => { touched.push('fetch'); throw new Error('no network'); }) as typeof fetch;
        const { ir, diagnostics } = compile(text, paths[0]!);
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const outcome = runPlan(ir!, loadData(ir!, [{ input: 'reps', file: 'reps.csv', format: 'csv', text: `id,source\nR1,${paths[0]!.replace(/[",]/g, '')}\n` }]));
        expect(outcome.ok).toBe(true);
      } finally {
        process.env = original.env;
        globalThis.fetch = original.fetch;
      }
    }));
    expect(touched).toEqual([]);
  });
});

// ---------------------------------------------------------------- incent.json

describe('incent.json cannot point the preview outside the workspace', () => {
  const workspace = join(scratch, 'workspace');
  const outside = join(scratch, 'outside');
  mkdirSync(join(workspace, 'plans', 'data'), { recursive: true });
  mkdirSync(join(workspace, 'shared-data'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  symlinkSync(outside, join(workspace, 'link-out'));
  const plan = join(workspace, 'plans', 'plan.incent');
  writeFileSync(plan, '');
  const previewDataFor = (value: unknown) => {
    writeFileSync(join(workspace, 'plans', 'incent.json'), JSON.stringify({ previewData: value }));
    return findPreviewData(plan, ['reps'], [workspace]);
  };

  it('paths inside the workspace are followed', () => {
    expect(previewDataFor('data')).toMatchObject({ ok: true, folder: join(workspace, 'plans', 'data'), source: 'incent.json' });
    expect(previewDataFor('../shared-data')).toMatchObject({ ok: true, folder: join(workspace, 'shared-data') });
    expect(previewDataFor(join(workspace, 'shared-data'))).toMatchObject({ ok: true });
  });

  it('every way out is refused: .., absolute paths, links, odd spellings', () => {
    const escapes: unknown[] = [
      '../..', '../../outside', '../../../../../../../../etc', '/etc', outside, 'data/../../..', './data/../../../outside',
      '../link-out', join(workspace, 'link-out'), 'data/../../link-out/.', `..${'/..'.repeat(40)}`, '/', '//etc', '\u0000', '', ' ', 42, null, ['data'], { path: 'data' },
    ];
    for (const value of escapes) {
      const found = previewDataFor(value);
      if (found.ok) expect.fail(`incent.json previewData ${JSON.stringify(value)} was followed to ${found.folder}`);
      expect(found.reason).toBe('bad-config');
    }
    tally('incent.json escapes', escapes.length);
  });

  it('random relative paths built from .., names and links never resolve outside', () => {
    const segment = fc.constantFrom('..', '.', 'data', 'plans', 'link-out', 'shared-data', 'nowhere', '');
    check('incent.json paths', 300, fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), fc.boolean(), (segments, absolute) => {
      const value = (absolute ? `${workspace}/` : '') + segments.join('/');
      const found = previewDataFor(value);
      if (found.ok) {
        expect(found.folder.startsWith(`${workspace}/`) || found.folder === workspace).toBe(true);
        expect(found.folder.split('/')).not.toContain('link-out');
      }
    }));
  });
});

// ---------------------------------------------------------------- CSV

const TRIGGERS = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

describe('CSV output is safe to open in a spreadsheet', () => {
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' =', '"=', '\'=', '＝', ''), fc.constantFrom('1+1', 'HYPERLINK("http://x","y")', 'cmd|\'/c calc\'!A0', 'SUM(A1:A9)', '1', '-1', '0.5', '"', ',', '')).map(([a, b]) => a + b),
  );

  it('every cell reads back as the value or the value behind a quote, and no cell starts a formula unless it is a plain number', () => {
    check('csv cells', 1_000, fc.property(nasty, (value) => {
      const cell = csvCell(value);
      const [[read]] = parseCsv(`${cell}\r\n`, { relax_quotes: false }) as string[][];
      expect(read === value || read === `'${value}`).toBe(true);
      if (TRIGGERS.test(read!)) expect(read).toMatch(PLAIN_NUMBER);
    }));
  });

  it('whole reports: payee ids, awards and names from data never start a formula', () => {
    check('csv reports', 200, fc.property(fc.array(fc.tuple(nasty, nasty), { minLength: 1, maxLength: 5 }), (cells) => {
      const report = { lines: cells.map(([payee, award]) => ({ payee, period: '2027-Q1', component: 'c', kind: 'reward', amount: '-1.00', unit: 'award', award })) } as unknown as RunReport;
      const rows = parseCsv(renderCsv(report), { relax_quotes: false }) as string[][];
      expect(rows).toHaveLength(cells.length + 1);
      for (const row of rows) for (const read of row) if (TRIGGERS.test(read)) expect(read).toMatch(PLAIN_NUMBER);
    }));
  });
});

// ---------------------------------------------------------------- terminals

describe('what reaches a terminal cannot drive it', () => {
  const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('control characters are shown, not run; paint\'s colours, line ends and tabs pass', () => {
    check('terminal text', 1_000, fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      const safe = terminalSafe(text);
      const withoutPaint = safe.replace(/\u001b\[(?:0|1|2|3[1-4])m/g, '').replace(/\r\n/g, '\n');
      expect(DANGEROUS.test(withoutPaint)).toBe(false);
      if (!DANGEROUS.test(text)) expect(safe).toBe(text);
    }));
    expect(terminalSafe('\u001b[1mR1\u001b[0m\r\n')).toBe('\u001b[1mR1\u001b[0m\r\n');
    expect(terminalSafe('R1\u001b]0;owned\u0007\u001b[8m\u001b[2K\r1000.00\b\u202e')).toBe('R1␛]0;owned␇␛[8m␛[2K␍1000.00␈<U+202E>');
  });

  it('the CLI writes data through it to a terminal, and exactly to a file or a pipe', () => {
    const written: string[] = [];
    writerFor({ isTTY: true, write: (t: string) => written.push(t) })('payee \u001b]52;c;cm0gLXJmIH4=\u0007R1');
    writerFor({ isTTY: false, write: (t: string) => written.push(t) })('payee \u001b[31mR1');
    expect(written).toEqual(['payee ␛]52;c;cm0gLXJmIH4=␇R1\n', 'payee \u001b[31mR1\n']);
  });
});

// ---------------------------------------------------------------- HTML

/** A value that shows whether it was escaped: a tag, an attribute quote, an apostrophe, an ampersand, a script end. */
const payload = (n: number) => `<i-${n} zq${n}="${n}">'&</script><script>alert(${n})</script>`;

function expectEscaped(html: string, where: string): void {
  expect(html, where).not.toMatch(/<i-\d/);
  expect(html, where).not.toMatch(/zq\d+="/);
  expect(html, where).not.toMatch(/alert\(\d+\)<\/script>/);
  expect((html.match(/<\/script/gi) ?? []).length, where).toBe((html.match(/<script/gi) ?? []).length);
}

const HTML_PLAN = (name: string, award: string) => `plan ${JSON.stringify(name)} {
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
commission core {
  for d in deals
  base d.amount
  rate 10%
  accelerate marginal against payee.quota {
    0% to 100% -> 1
    100% up -> 2
  }
}
reward star {
  when true
  grant ${JSON.stringify(award)}
}
`;

const csvQuoted = (v: string) => `"${v.replace(/"/g, '""')}"`;

describe('HTML escapes every value from data and from the plan', () => {
  it('the payout preview (language server to VS Code webview): payee ids, record keys, plan name, award text, column names, folders', () => {
    let n = 0;
    check('preview html', 25, fc.property(fc.integer({ min: 1, max: 3 }), fc.boolean(), (payees, dataErrors) => {
      const dir = join(scratch, `preview-${n++}`);
      mkdirSync(join(dir, 'data'), { recursive: true });
      const ids = Array.from({ length: payees }, (_, i) => payload(100 + i));
      writeFileSync(join(dir, 'data', 'reps.csv'), `id,quota,${csvQuoted(payload(7))}\n${ids.map((id) => `${csvQuoted(id)},1000,x`).join('\n')}\n`);
      writeFileSync(join(dir, 'data', 'deals.csv'), `id,owner,amount,closed_on\n${ids.map((id, i) => `${csvQuoted(payload(200 + i))},${csvQuoted(id)},${dataErrors ? csvQuoted(payload(300 + i)) : 1500},2027-02-0${i + 1}`).join('\n')}\n`);
      const path = join(dir, 'plan.incent');
      const text = HTML_PLAN(payload(1), payload(2));
      writeFileSync(path, text);
      const response = createPreviewer(() => [dir]).preview(analyseText(pathToFileURL(path).href, 1, text));
      expect('error' in response).toBe(dataErrors);
      const html = renderPreviewHtml(response, { nonce: 'bm9uY2Utbm9uY2U', uri: `file:///${payload(3)}`, fileName: payload(4), focus: payload(5) });
      expectEscaped(html, 'preview');
      if (!dataErrors) expect(html).toContain('&lt;i-100 zq100=&quot;100&quot;&gt;');
    }));
  });

  it('the preview of a failure: error text, details and folder', () => {
    const reasons: PreviewError['reason'][] = ['not-open', 'no-data', 'bad-config', 'plan-errors', 'data-errors', 'evaluation-errors', 'internal'];
    for (const reason of reasons) {
      const html = renderPreviewHtml({ uri: payload(1), error: payload(2), reason, dataFolder: payload(3), details: [payload(4), payload(5)], version: 1 }, { nonce: 'bm9uY2Utbm9uY2U', fileName: payload(6) });
      expectEscaped(html, reason);
    }
  });

  it('plan documents and statements (incent doc, incent explain --format html)', () => {
    const dir = join(scratch, 'cli-html');
    mkdirSync(dir, { recursive: true });
    const id = payload(100);
    writeFileSync(join(dir, 'plan.incent'), HTML_PLAN(payload(1), payload(2)));
    writeFileSync(join(dir, 'reps.csv'), `id,quota\n${csvQuoted(id)},1000\n`);
    writeFileSync(join(dir, 'deals.csv'), `id,owner,amount,closed_on\n${csvQuoted(payload(200))},${csvQuoted(id)},1500,2027-02-01\n`);
    const html = (args: string[]) => {
      let out = '';
      const code = main(args, { out: (t) => { out += t; }, err: () => {} });
      expect(code).toBe(0);
      return out;
    };
    expectEscaped(html(['doc', join(dir, 'plan.incent'), '--data', dir]), 'doc');
    const statement = html(['explain', join(dir, 'plan.incent'), '--data', dir, '--payee', id, '--period', '2027-Q1', '--format', 'html']);
    expectEscaped(statement, 'explain');
    expect(statement).toContain('&lt;i-200 zq200=&quot;200&quot;&gt;');
  });
});
