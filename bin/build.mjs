#!/usr/bin/env node
// `npm run build` (run by `npm install`): bundles the command and the static export's worker into dist/ with
// esbuild, dependencies left in node_modules. Code splitting keeps what only some requests need (the HTML importer
// with TipTap and happy-dom) in chunks loaded on first use, so a server that never imports HTML never holds them.
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
  entryPoints: ['src/cli/main.ts', 'src/cli/export-worker.ts'],
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
