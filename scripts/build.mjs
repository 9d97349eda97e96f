// Bundles with esbuild (ESM, Node 20, one file each): the CLI into packages/cli/dist/incent.js and
// the language server into packages/language-server/dist/server.js; and the VS Code extension
// (CommonJS: client and server) into packages/vscode/dist.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';

const outfile = 'packages/cli/dist/incent.js';
await build({
  entryPoints: ['packages/cli/src/bin.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  mainFields: ['module', 'main'], // jsonc-parser's UMD build cannot be bundled
  outfile,
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __incentCreateRequire } from 'node:module';\nconst require = __incentCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync(outfile, 0o755);

// The language server: packages/language-server/dist/server.js (ESM, Node 20, one file), started
// by editors as `node server.js --stdio`.
const serverOutfile = 'packages/language-server/dist/server.js';
await build({
  entryPoints: ['packages/language-server/src/server.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  mainFields: ['module', 'main'], // jsonc-parser's UMD build cannot be bundled
  outfile: serverOutfile,
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __incentCreateRequire } from 'node:module';\nconst require = __incentCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync(serverOutfile, 0o755);

// The VS Code extension (packages/vscode/dist): the client as extension.cjs and the server as
// server.cjs, both CommonJS (what the extension host loads) with `vscode` external, plus copies of
// the grammar and the language configuration from grammar/, which the manifest points at. The
// server entry is skipped while its source is missing.
const vscodeDist = 'packages/vscode/dist';
const extensionBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: ['vscode'],
  logLevel: 'warning',
  legalComments: 'none',
};
await build({ ...extensionBundle, entryPoints: ['packages/vscode/src/extension.ts'], outfile: `${vscodeDist}/extension.cjs` });
if (existsSync('packages/language-server/src/server.ts')) {
  await build({ ...extensionBundle, entryPoints: ['packages/language-server/src/server.ts'], outfile: `${vscodeDist}/server.cjs` });
}
for (const file of ['incent.tmLanguage.json', 'language-configuration.json']) copyFileSync(`grammar/${file}`, `${vscodeDist}/${file}`);
