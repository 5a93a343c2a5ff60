import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/wait-for.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/**
 * The bundle `npm install` builds (bin/build.mjs), built afresh into a folder of its own so this test never races the
 * dist/ that other tests run: it must work as plain `node`, which is how `npm start` and a deployment run it.
 */
describe('the masthead command as a process: the built bundle and the source', () => {
  // Inside the project, so the bundle's bare imports resolve from node_modules as dist/'s do.
  const outdir = path.join(root, 'node_modules', '.cache', `masthead-bundle-test-${process.pid}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bundle-'));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', SITE_URL: 'https://news.example' };
  const masthead = (...args: string[]) => run(process.execPath, [path.join(outdir, 'main.mjs'), ...args], { cwd: root, env, timeout: 120_000 });

  beforeAll(async () => {
    await run(process.execPath, ['bin/build.mjs', '--outdir', outdir], { cwd: root, timeout: 60_000 });
    await masthead('migrate');
    await masthead('seed', '--demo');
  }, 120_000);
  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the HTML importer, the PostgreSQL driver, the mailer and argon2 out of the main bundle (loaded on first use)', () => {
    const main = fs.readFileSync(path.join(outdir, 'main.mjs'), 'utf8');
    const chunks = fs.readdirSync(path.join(outdir, 'chunks')).filter((f) => f.endsWith('.mjs'));
    const eager = [main, ...chunks.map((f) => fs.readFileSync(path.join(outdir, 'chunks', f), 'utf8'))].join('\n');
    // A reader-only server on SQLite never holds these: each costs megabytes of memory and milliseconds of start-up.
    // (The driver, the mailer and argon2 are imported dynamically: `import("pg")`, not `from "pg"`.)
    for (const heavy of ['@tiptap/html/server', 'sanitize-html', 'happy-dom', 'linkedom', 'pg', 'nodemailer', '@node-rs/argon2']) {
      expect(eager, heavy).not.toMatch(new RegExp(`from ["']${heavy}["']`));
    }
    // The HTML importer lives in the converter's worker only, started on the first HTML body. It reads the cleaned
    // markup with htmlparser2 into a DOM of its own: linkedom, its DOM before, is a tool of its tests only.
    const worker = fs.readFileSync(path.join(outdir, 'html-convert-worker.mjs'), 'utf8');
    expect(worker).toMatch(/from ["']sanitize-html["']/);
    expect(worker).toMatch(/from ["']htmlparser2["']/);
    expect(worker).not.toMatch(/(?:from |import\(|require\(|\)\()["']linkedom["']/);
  });

  // The converter's worker is found next to the bundle whether the pool's code lands in main.mjs or in a chunk.
  it('converts a pasted HTML body and writes a feed in their worker threads when serving', async () => {
    const { stdout: created } = await masthead('apikey', 'create', '--name', 'bundle test', '--role', 'editor');
    const key = /: (mhk_[\w-]+)/.exec(created)![1]!;
    const server = spawn(process.execPath, [path.join(outdir, 'main.mjs'), 'serve'], {
      cwd: root,
      env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    let out = '';
    try {
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code}): ${out}`)));
      });
      // So is the feed writers' worker (feeds are written off the serving thread).
      const feed = await fetch(`${base}/feed.xml`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toMatch(/^<\?xml[^]*<rss version="2.0"[^]*<item>/);
      const api = (p: string, init: RequestInit = {}) =>
        fetch(`${base}/api/admin/v1/articles${p}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
      const [first] = ((await (await api('?limit=1')).json()) as { items: { id: number }[] }).items;
      const { sectionId } = (await (await api(`/${first!.id}`)).json()) as { sectionId: number };
      const res = await api('', {
        method: 'POST',
        body: JSON.stringify({ locale: 'en', headline: 'Pasted', sectionId, bodyHtml: '<p>Ships <b>sail</b><script>x()</script></p>' }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { body: unknown }).body).toEqual({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Ships ' },
              { type: 'text', text: 'sail', marks: [{ type: 'bold' }] },
            ],
          },
        ],
      });
      // The page render thread was found next to the bundle too: the warm start ran in it, and said so.
      await waitFor(() => /warm start: \d+ pages rendered/.test(out));
      expect(out).toMatch(/warm start: \d+ pages rendered in \d+ ms in the page render thread/);
      expect(out).not.toContain('page render thread could not start');
    } finally {
      server.kill('SIGTERM');
    }
  }, 120_000);

  // Regression: from source, the workers were started with `--import tsx` in their execArgv, which a Worker ignores, so
  // any export with --workers above 1 failed on the .ts file (unseen while the bundle was fresh).
  it('runs the static export with worker threads from the TypeScript source too', async () => {
    const out = path.join(dataDir, 'mirror-from-source');
    const { stdout } = await run(process.execPath, ['bin/masthead.js', 'export', 'static', out, '--workers', '2'], {
      cwd: root,
      env: { ...env, MASTHEAD_FROM_SOURCE: '1' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/Exported \d+ files/);
    expect(fs.existsSync(path.join(out, 'en', 'index.html'))).toBe(true);
  }, 120_000);

  // The worker is found next to the bundle whether the pool's code lands in main.mjs or in a shared chunk.
  it('runs the static export with worker threads', async () => {
    const out = path.join(dataDir, 'mirror');
    const { stdout, stderr } = await masthead('export', 'static', out, '--workers', '2');
    expect(stderr).not.toMatch(/error/i);
    expect(stdout).toMatch(/\d+ pages?/);
    expect(fs.existsSync(path.join(out, 'en', 'index.html'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'sitemap.xml'))).toBe(true);
  }, 120_000);
});

/**
 * What a start of the command reads, through the loader hook of test/support/loaded-modules.mjs, on a copy of the
 * project (bin/, src/, package.json) built by its own bin/build.mjs: the copy is ours to edit, so a changed source
 * file can be tried without touching the tree other tests run. It sits under node_modules/.cache, so the copy's bare
 * imports resolve from the project's node_modules as the real tree's do.
 */
describe('bin/masthead.js: which code a start loads', () => {
  const copy = path.join(root, 'node_modules', '.cache', `masthead-start-test-${process.pid}`);
  const log = path.join(copy, 'loaded.txt');
  const hook = path.join(root, 'test', 'support', 'loaded-modules.mjs');
  let realCopy = copy;

  beforeAll(async () => {
    fs.rmSync(copy, { recursive: true, force: true });
    for (const part of ['bin', 'src', 'package.json', 'tsconfig.json']) fs.cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
    await run(process.execPath, ['bin/build.mjs'], { cwd: copy, timeout: 60_000 });
    // node_modules may be a link: the loaded URLs name the real path.
    realCopy = fs.realpathSync(copy);
  }, 90_000);
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  /** Runs the copy's `masthead ARGS`; returns what it printed and the files it loaded (paths inside the copy, or `package:file`). */
  async function start(...args: string[]) {
    fs.rmSync(log, { force: true });
    const { stdout } = await run(process.execPath, ['--import', hook, path.join(copy, 'bin', 'masthead.js'), ...args], {
      cwd: copy,
      env: { ...process.env, MASTHEAD_LOADED_LOG: log, MASTHEAD_FROM_SOURCE: '' },
      timeout: 60_000,
    });
    const loaded = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => {
        const file = fileURLToPath(url);
        const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
        return file.startsWith(realCopy) ? path.relative(realCopy, file) : inPackage ? `${inPackage[1]}:${inPackage[2]}` : file;
      });
    return { stdout, loaded };
  }

  it('prints the usage with commander and the command table only: no configuration, database, web app or their packages', async () => {
    const { stdout, loaded } = await start('--help');
    expect(stdout).toContain('Usage: masthead');
    expect(loaded).toContain('dist/main.mjs');
    const packages = new Set(loaded.filter((f) => f.includes(':')).map((f) => f.split(':')[0]));
    // commander, whether bundled (bin/build.mjs) or from node_modules; nothing else.
    expect([...packages].filter((p) => p !== 'commander')).toEqual([]);
    // The bundled code it ran, by the source files esbuild names in comments.
    const ran = loaded.filter((f) => f.startsWith('dist/')).map((f) => fs.readFileSync(path.join(copy, f), 'utf8'));
    const sources = ran.flatMap((text) => [...text.matchAll(/^\/\/ (\S+\.[jt]s)$/gm)].map((m) => m[1]!));
    expect(sources).toContain('src/cli/program.ts');
    for (const heavy of ['src/config.ts', 'src/main.ts', 'src/open-deps.ts', 'src/db/connect.ts', 'src/web/app.ts', 'zod/', 'kysely/', 'hono/', 'pino/']) {
      expect(
        sources.filter((s) => s.includes(heavy)),
        heavy,
      ).toEqual([]);
    }
  }, 60_000);

  // Regression: migration 0026 imported the search analysis with its module, so every command that opens the database
  // (doctor, migrate, user, import...) parsed the Snowball stemmers, 850 KB of CommonJS: doctor +100 ms of CPU.
  it('checks the database in doctor without loading the search analysis or the web app', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-start-doctor-'));
    try {
      const env = { ...process.env, MASTHEAD_LOADED_LOG: log, MASTHEAD_FROM_SOURCE: '', DATA_DIR: dataDir, DATABASE_URL: '' };
      await run(process.execPath, [path.join(copy, 'bin', 'masthead.js'), 'migrate'], { cwd: copy, env: { ...env, MASTHEAD_LOADED_LOG: '' }, timeout: 60_000 });
      fs.rmSync(log, { force: true });
      const { stdout } = await run(process.execPath, ['--import', hook, path.join(copy, 'bin', 'masthead.js'), 'doctor'], { cwd: copy, env, timeout: 60_000 });
      expect(stdout).toMatch(/✓ database: .* migration\(s\) applied/);
      const loaded = fs.readFileSync(log, 'utf8');
      expect(loaded).toContain('better-sqlite3');
      for (const heavy of ['snowball-stemmers', 'src/search/', 'src/web/app.ts']) expect(loaded.includes(heavy), heavy).toBe(false);
      const { sources } = sourcesOf(
        loaded
          .split('\n')
          .filter((url) => url.startsWith('file:'))
          .map((url) => path.relative(realCopy, fileURLToPath(url))),
      );
      for (const heavy of ['src/content/search-terms.ts', 'src/db/search-text-repo.ts', 'src/web/app.ts']) expect(sources, heavy).not.toContain(heavy);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  /** The source files (by esbuild's comments) of the bundle's files in `loaded`, and the packages loaded from node_modules. */
  const sourcesOf = (loaded: string[]) => ({
    sources: loaded
      .filter((f) => f.startsWith('dist/'))
      .flatMap((f) => [...fs.readFileSync(path.join(copy, f), 'utf8').matchAll(/^\/\/ (\S+\.[jt]sx?)$/gm)].map((m) => m[1]!)),
    packages: new Set(loaded.filter((f) => f.includes(':')).map((f) => f.split(':')[0]!)),
  });

  it('serves readers without loading the admin or the Admin API, which load on the first request under /admin or /api/admin', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-start-serve-'));
    fs.rmSync(log, { force: true });
    const env = {
      ...process.env,
      MASTHEAD_LOADED_LOG: log,
      MASTHEAD_FROM_SOURCE: '',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    // A database that has its content and its admin already, as on every start but the first (which hashes the new
    // admin's password, with argon2).
    for (const args of [
      ['seed', '--demo'],
      ['user', 'create', '--email', 'admin@example.org', '--name', 'Admin', '--role', 'admin'],
    ]) {
      await run(process.execPath, [path.join(copy, 'bin', 'masthead.js'), ...args], { cwd: copy, env: { ...env, MASTHEAD_LOADED_LOG: '' }, timeout: 60_000 });
    }
    const server = spawn(process.execPath, ['--import', hook, path.join(copy, 'bin', 'masthead.js'), 'serve'], { cwd: copy, env });
    let out = '';
    try {
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code}): ${out}`)));
      });
      const loaded = () =>
        fs
          .readFileSync(log, 'utf8')
          .split('\n')
          .filter((url) => url.startsWith('file:'))
          .map((url) => {
            const file = fileURLToPath(url);
            const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
            return file.startsWith(realCopy) ? path.relative(realCopy, file) : inPackage ? `${inPackage[1]}:${inPackage[2]}` : file;
          });
      const home = await (await fetch(`${base}/en/`)).text();
      const article = /href="(\/en\/[a-z-]+\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(home)![1]!;
      expect((await fetch(`${base}${article}`)).status).toBe(200);
      // The warm start has rendered every page it renders (feeds and sitemaps included).
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, { timeout: 30_000, what: '/readyz' });
      const adminCode = ['src/web/admin/', 'src/web/api/admin/', 'src/render/admin/', 'src/web/mount-admin.ts', 'src/services/sessions.ts'];
      const readers = sourcesOf(loaded());
      expect(readers.sources).toContain('src/web/app.ts');
      expect(readers.sources.filter((s) => adminCode.some((a) => s.startsWith(a)))).toEqual([]);
      for (const pkg of ['@node-rs/argon2', 'sharp', 'diff', '@tiptap/core', 'happy-dom', 'linkedom', 'sanitize-html'])
        expect(readers.packages.has(pkg), pkg).toBe(false);
      expect(readers.sources.filter((s) => s.includes('node_modules/diff/'))).toEqual([]);

      // The first admin request loads them, and is answered as before.
      const login = await fetch(`${base}/admin/login`);
      expect(login.status).toBe(200);
      expect(login.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
      expect(await login.text()).toContain('name="_csrf"');
      const newsroom = sourcesOf(loaded());
      expect(newsroom.sources).toContain('src/web/admin/routes.ts');
      expect(newsroom.sources).toContain('src/web/api/admin/routes.ts');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  // Regression guard for the freshness rule (dist/inputs.json): nothing stale ever runs.
  it('runs the sources instead of the bundle once a file the bundle was built from changes, and the bundle again after a build', async () => {
    const inputs = Object.keys((JSON.parse(fs.readFileSync(path.join(copy, 'dist', 'inputs.json'), 'utf8')) as { files: object }).files);
    expect(inputs).toContain('src/cli/program.ts');
    expect((await start('--help')).loaded).toContain('dist/main.mjs');

    // The same size and a later time (an editor's save), then a different size at the same time (a checkout).
    const edited = path.join(copy, 'src', 'errors.ts');
    const later = new Date(fs.statSync(edited).mtimeMs + 1000);
    fs.utimesSync(edited, later, later);
    const afterSave = await start('--help');
    expect(afterSave.loaded).not.toContain('dist/main.mjs');
    expect(afterSave.loaded).toContain('src/cli/main.ts');
    expect(afterSave.stdout).toContain('Usage: masthead');

    await run(process.execPath, ['bin/build.mjs'], { cwd: copy, timeout: 60_000 });
    expect((await start('--help')).loaded).toContain('dist/main.mjs');
    fs.appendFileSync(edited, '\n');
    fs.utimesSync(edited, later, later);
    expect((await start('--help')).loaded).toContain('src/cli/main.ts');
  }, 120_000);
});
