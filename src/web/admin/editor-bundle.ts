import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The article editor's browser bundle, built with esbuild's JS API from src/admin-client/editor.ts the first time a
 * page asks for it, then kept in memory for the life of the process. There is no separate build step to forget: an
 * installation serves the editor of the sources it runs, in development and in production alike (the server bundle in
 * dist/ is built from the same tree, and src/ ships with it).
 */

const ENTRY = path.join('src', 'admin-client', 'editor.ts');

/** The script, its gzip (half a megabyte of TipTap and ProseMirror shrinks to a third), and its ETag. */
export type Bundle = { code: string; gzip: Uint8Array; etag: string };

/** The project's root: the nearest folder above this module that holds the editor's source (src/ or dist/ alike). */
export function projectRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ENTRY)) && fs.existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) {
      // An installation without its sources is broken, not a request gone wrong: logged as a failure, 500.
      throw new Error(
        `The editor's source (${ENTRY}) was not found above ${from}: run Masthead from its project folder (with src/ and node_modules/), as \`npm start\` does.`,
      );
    }
  }
}

async function build(): Promise<Bundle> {
  const root = projectRoot();
  // Imported here, not at the top: only admins opening the editor need esbuild loaded.
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    // @tiptap/* and their ProseMirror packages come from the project's node_modules like any other import.
    nodePaths: [path.join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  return { code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

let pending: Promise<Bundle> | null = null;

/** The bundle (built once per process); a failed build is not kept, so the next request tries again. */
export function editorBundle(): Promise<Bundle> {
  pending ??= build().catch((err: unknown) => {
    pending = null;
    throw err;
  });
  return pending;
}
