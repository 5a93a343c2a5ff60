#!/usr/bin/env node
// The masthead command. `npm install` builds dist/main.mjs (a bundle of src/ split into chunks, most dependencies left
// in node_modules), which starts faster and needs ~60 MB less memory than compiling TypeScript on the fly. The bundle
// runs only while it is fresh: every file the build read (src/, and the package.json of each bundled package; listed
// in dist/inputs.json by bin/build.mjs) has the size and modification time it had then. Otherwise (a developer editing
// src/, a checkout, a build that did not finish) the sources run through tsx instead, so nothing stale ever runs. A
// file added to src/ matters once another file imports it, and that edit is seen. MASTHEAD_FROM_SOURCE=1 runs the
// sources whatever the bundle.
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleInput } from './fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.MASTHEAD_FROM_SOURCE !== '1' && staleInput(root) === null) {
  process.setSourceMapsEnabled(true);
  // Node 22 and later keep V8's compiled code between starts (keyed by each file's text); Node 20 has no such cache.
  module.enableCompileCache?.();
  await import(path.join(root, 'dist', 'main.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
