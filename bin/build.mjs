#!/usr/bin/env node
// `npm run build` (run by `npm install`): bundles the command, the static export's worker and the HTML converter's
// worker into dist/ with esbuild, dependencies left in node_modules. The HTML importer with TipTap and happy-dom is
// only in the converter's worker, started on the first HTML body, so a server that never converts HTML never holds
// them; code splitting keeps what only some commands need in chunks loaded on first use.
// `node bin/build.mjs --outdir DIR` builds elsewhere (a test builds its own copy); DIR is emptied first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: path.join(root, 'dist') } } });
const outdir = path.resolve(values.outdir);

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/cli/export-worker.ts', 'src/services/html-convert-worker.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
