// Whether the bundle in dist/ may run: see bin/masthead.js, and bin/build.mjs, which writes dist/inputs.json.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The first file that changed since the bundle in `dist` was built from `root` (or why there is no bundle to run),
 * or null when it is fresh. One stat per input: about 200 (src/, and the package.json of each bundled package),
 * a few milliseconds, where a walk of src/ stats every file in it.
 */
export function staleInput(root, dist = path.join(root, 'dist')) {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(dist, 'inputs.json'), 'utf8')).files;
  } catch {
    return `${path.join(dist, 'inputs.json')} (no finished build)`;
  }
  for (const [file, was] of Object.entries(inputs)) {
    const now = fs.statSync(path.resolve(root, file), { throwIfNoEntry: false });
    if (!now || now.size !== was.size || now.mtimeMs !== was.mtimeMs) return file;
  }
  return fs.existsSync(path.join(dist, 'main.mjs')) ? null : path.join(dist, 'main.mjs');
}
