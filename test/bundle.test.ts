import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
    for (const heavy of ['@tiptap/html/server', 'sanitize-html', 'happy-dom', 'pg', 'nodemailer', '@node-rs/argon2']) {
      expect(eager, heavy).not.toMatch(new RegExp(`from ["']${heavy}["']`));
    }
    // The HTML importer lives in the converter's worker only, started on the first HTML body.
    const worker = fs.readFileSync(path.join(outdir, 'html-convert-worker.mjs'), 'utf8');
    for (const heavy of ['@tiptap/html/server', 'sanitize-html']) expect(worker, heavy).toMatch(new RegExp(`from ["']${heavy}["']`));
  });

  // The converter's worker is found next to the bundle whether the pool's code lands in main.mjs or in a chunk.
  it('converts a pasted HTML body in its worker thread when serving', async () => {
    const { stdout: created } = await masthead('apikey', 'create', '--name', 'bundle test', '--role', 'editor');
    const key = /: (mhk_[\w-]+)/.exec(created)![1]!;
    const server = spawn(process.execPath, [path.join(outdir, 'main.mjs'), 'serve'], { cwd: root, env: { ...env, PORT: '0', HOST: '127.0.0.1' } });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code}): ${out}`)));
      });
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
