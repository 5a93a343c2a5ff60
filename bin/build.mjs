#!/usr/bin/env node
// `npm run build` (run by `npm install`): bundles the command, the static export's worker, the HTML converter's
// worker, the feed writers' worker and the page render thread into dist/ with esbuild, dependencies left in node_modules. The HTML importer with TipTap and htmlparser2 is
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

// Packages spread over many modules, which Node resolves, reads and links one by one at every start: kysely (263
// files) and zod (95) cost a command 150 and 90 ms of its start-up on this machine, against 20 and 55 ms bundled;
// feedsmith with its XML parser (190), hono and its Node adapter (34), diff (19) and sitemap (14) a server start about
// 250 ms more; commander and pino (CommonJS, a dozen files each) are in every command. Bundled, they are parsed from a
// few chunks. Everything else stays in node_modules: native addons (better-sqlite3, sharp, argon2), and what only some
// commands load (nodemailer, pg, the HTML importer, the progress bar). pino is bundled without its transports, which
// Masthead does not use (it logs JSON lines to stdout).
const BUNDLED = new Set(['kysely', 'zod', 'feedsmith', 'hono', '@hono/node-server', 'diff', 'sitemap', '@sindresorhus/slugify', 'commander', 'pino']);
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * zod re-exports its 64 message catalogs as `z.locales`, which a bundler cannot leave out: half of zod's 760 KB, parsed
 * at every start for nothing (Masthead's messages are its own, and zod's English is what it registers by default).
 * Here `z.locales` holds English only; `z.locales.en` is the one a `z.config()` could ask for.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: path.resolve(path.dirname(args.importer), args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
// File times are compared with this (whole milliseconds, so a file written in the same millisecond counts as changed).
const startedAt = Math.floor(Date.now());
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [
    'src/cli/main.ts',
    'src/cli/export-worker.ts',
    'src/services/html-convert-worker.ts',
    'src/services/feed-write-worker.ts',
    'src/page-render-worker.ts',
    'src/services/wire-worker.ts',
    'src/services/wal-checkpoint-worker.ts',
  ],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dev-only packages a module may name (types, tests) are never reached from these entry points.
  external,
  metafile: true,
  sourcemap: true,
  // Stack traces need only the mappings. With the sources' text in them the maps were 4.3 MB, which Node reads and
  // parses at every start (process.setSourceMapsEnabled in bin/masthead.js): 1.4 MB without.
  sourcesContent: false,
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // A CommonJS module inside a bundled package (sax, under sitemap) calls require() for Node's own modules.
  plugins: [zodEnglishOnly],
  banner: { js: "import { createRequire as __masthead_require } from 'node:module'; const require = __masthead_require(import.meta.url);" },
  logLevel: 'warning',
});

// What bin/masthead.js checks at each start instead of walking src/: every file of the project esbuild read for this
// build, and the package.json of each bundled package (an upgrade changes its version), with the size and modification
// time each had. A file changed since (an edit, a checkout, an upgrade) makes the bundle stale, and the command runs
// the sources. A file modified while the build ran is recorded as already changed (the bundle may hold its older
// text), so the starts run the sources until the next build.
const checked = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  if (input.startsWith('zod-locales:')) continue; // made here (above), not read from a file
  // A package's file: under node_modules, or outside the project (node_modules may be a link elsewhere).
  const inPackage = input.startsWith('..') || input.split('/').includes('node_modules');
  checked.add(inPackage ? packageJsonOf(input) : input);
}
const files = {};
for (const file of [...checked].sort()) {
  const stat = fs.statSync(path.resolve(root, file));
  files[file] = { size: stat.size, mtimeMs: stat.mtimeMs >= startedAt ? -1 : stat.mtimeMs };
}
// Written last: a build that failed half way leaves no inputs.json, and so no bundle that looks fresh.
fs.writeFileSync(path.join(outdir, 'inputs.json'), `${JSON.stringify({ files }, null, 1)}\n`);

/**
 * The package.json that names the package a file in node_modules belongs to: the nearest above it with a version
 * (folders inside a package may hold one that only sets "type", or vendor code without one).
 */
function packageJsonOf(file) {
  for (let dir = path.dirname(path.resolve(root, file)); dir.includes(`${path.sep}node_modules${path.sep}`); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    try {
      if (JSON.parse(fs.readFileSync(candidate, 'utf8')).version) return path.relative(root, candidate);
    } catch {
      // none here, or not ours to read: look further up
    }
  }
  return file;
}
