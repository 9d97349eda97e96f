// The packaged extension: `vsce package` (what `npm run package` runs after the build) on the
// built packages/vscode, into a temporary file, then the .vsix read back — the files it holds
// (the two bundles, the grammar, the language configuration, icon, README, licence, and nothing
// else: no node_modules, no sources, no maps), its manifest, and its server, started from a folder
// with no node_modules beside it to prove it is self-contained. The build is not run here: `npm
// test` builds first, and rebuilding while other tests run their bundles would race them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntries, zipRead, type ZipEntry } from './zip';

const ROOT = join(import.meta.dirname, '..', '..');
const EXTENSION = join(ROOT, 'packages', 'vscode');
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(EXTENSION, 'package.json'), 'utf8'));

let dir: string;
let zip: Buffer;
let entries: ZipEntry[];
const read = (name: string) => zipRead(zip, entries.find((e) => e.name === name)!);

beforeAll(() => {
  for (const file of ['extension.cjs', 'server.cjs', 'incent.tmLanguage.json', 'language-configuration.json']) {
    if (!existsSync(join(EXTENSION, 'dist', file))) throw new Error(`packages/vscode/dist/${file} is missing: run \`npm run build\` first`);
  }
  dir = mkdtempSync(join(tmpdir(), 'incent-vsix-'));
  const vsce = join(require.resolve('@vscode/vsce/package.json'), '..', 'vsce');
  const out = join(dir, 'incent.vsix');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: EXTENSION, encoding: 'utf8', timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  zip = readFileSync(out);
  entries = zipEntries(zip);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the .vsix', () => {
  it('is what `npm run package` makes: build, then vsce without dependencies in packages/vscode', () => {
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.package as string;
    expect(script).toMatch(/^npm run build --silent && cd packages\/vscode && vsce package --no-dependencies/);
    expect(`${manifest.name}-${manifest.version}.vsix`).toBe('incent-0.1.0.vsix');
  });

  it('holds the bundles, the grammar, the language configuration, icon, README and licence — and nothing else', () => {
    expect(entries.map((e) => e.name).sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension.cjs',
      'extension/dist/incent.tmLanguage.json',
      'extension/dist/language-configuration.json',
      'extension/dist/server.cjs',
      'extension/images/icon.png',
      'extension/images/preview.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
    for (const e of entries) {
      expect(e.name).not.toMatch(/node_modules|\.map$|\.ts$|\/src\//);
    }
  });

  it('has a manifest whose paths are in the package', () => {
    const packaged = JSON.parse(read('extension/package.json').toString('utf8'));
    const has = (path: string) => entries.some((e) => e.name === `extension/${path.replace(/^\.\//, '')}`);
    expect(has(packaged.main)).toBe(true);
    expect(has(packaged.icon)).toBe(true);
    expect(has(packaged.contributes.grammars[0].path)).toBe(true);
    expect(has(packaged.contributes.languages[0].configuration)).toBe(true);
    const vsixManifest = read('extension.vsixmanifest').toString('utf8');
    expect(vsixManifest).toContain(`Version="${manifest.version}"`);
    expect(vsixManifest).toContain('Publisher="incent"');
  });

  it('ships the grammar and configuration of grammar/, bundles without source maps, and a 128×128 icon', () => {
    expect(read('extension/dist/incent.tmLanguage.json').toString('utf8')).toBe(readFileSync(join(ROOT, 'grammar', 'incent.tmLanguage.json'), 'utf8'));
    expect(read('extension/dist/language-configuration.json').toString('utf8')).toBe(readFileSync(join(ROOT, 'grammar', 'language-configuration.json'), 'utf8'));
    const client = read('extension/dist/extension.cjs').toString('utf8');
    expect(client).toContain('require("vscode")');
    expect(client).toContain('module.exports');
    for (const bundle of [client, read('extension/dist/server.cjs').toString('utf8')]) {
      expect(bundle).not.toContain('sourceMappingURL');
      expect(bundle).not.toMatch(/^import |^export /m);
    }
    const icon = read('extension/images/icon.png');
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
    expect(read('extension/readme.md').toString('utf8')).toContain('](images/preview.png)');
  });

  it('has a server that starts on its own and answers `initialize` over stdio', async () => {
    const serverPath = join(dir, 'server.cjs'); // no node_modules anywhere near
    writeFileSync(serverPath, read('extension/dist/server.cjs'));
    const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const answer = await new Promise<any>((resolve, reject) => {
        let buffer = '';
        const timer = setTimeout(() => reject(new Error(`no answer: ${buffer}`)), 10_000);
        child.stdout.on('data', (chunk) => {
          buffer += chunk;
          const body = /Content-Length: (\d+)\r\n\r\n/.exec(buffer);
          if (!body) return;
          const start = body.index + body[0].length;
          if (Buffer.byteLength(buffer.slice(start)) < Number(body[1])) return;
          clearTimeout(timer);
          resolve(JSON.parse(buffer.slice(start, start + Number(body[1]))));
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
        const message = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
      });
      expect(answer.id).toBe(1);
      expect(answer.result.capabilities.documentFormattingProvider).toBe(true);
      expect(answer.result.serverInfo.name).toBe('incent-language-server');
    } finally {
      child.kill();
    }
  });
});
