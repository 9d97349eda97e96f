// Bundles the CLI with esbuild into packages/cli/dist/incent.js (ESM, Node 20, one file).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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
