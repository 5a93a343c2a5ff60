#!/usr/bin/env node
// The masthead command. `npm install` builds dist/main.mjs (a bundle of src/ split into chunks, most dependencies left
// in node_modules), which starts faster and needs ~60 MB less memory than compiling TypeScript on the fly. The bundle
// runs only while it is fresh: every file the build read (src/, and the package.json of each bundled package; listed
// in dist/inputs.json by bin/build.mjs) has the size and modification time it had then. Otherwise (a developer editing
// src/, a checkout, a build that did not finish) the sources run through tsx instead, so nothing stale ever runs. A
// file added to src/ matters once another file imports it, and that edit is seen. MASTHEAD_FROM_SOURCE=1 runs the
// sources whatever the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** One stat per input (about 185: src/ and two package.json), rather than a walk of src/ and a stat of every file. */
function fresh() {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(dist, 'inputs.json'), 'utf8')).files;
  } catch {
    return false;
  }
  for (const [file, was] of Object.entries(inputs)) {
    const now = fs.statSync(path.resolve(root, file), { throwIfNoEntry: false });
    if (!now || now.size !== was.size || now.mtimeMs !== was.mtimeMs) return false;
  }
  return fs.existsSync(path.join(dist, 'main.mjs'));
}

if (process.env.MASTHEAD_FROM_SOURCE !== '1' && fresh()) {
  process.setSourceMapsEnabled(true);
  await import(path.join(dist, 'main.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
