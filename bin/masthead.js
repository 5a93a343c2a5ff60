#!/usr/bin/env node
// The masthead command. `npm install` builds dist/main.mjs (one bundle of src/, dependencies left outside), which
// starts faster and needs ~60 MB less memory than compiling TypeScript on the fly. When the bundle is missing or older
// than any source file (a developer editing src/), the sources run through tsx instead, so nothing stale ever runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'main.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const fresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'));
if (fresh && process.env.MASTHEAD_FROM_SOURCE !== '1') {
  process.setSourceMapsEnabled(true);
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
