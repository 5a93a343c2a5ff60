import { execFile } from 'node:child_process';
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
    const eager = [main, ...chunks.filter((f) => !f.startsWith('html-to-document')).map((f) => fs.readFileSync(path.join(outdir, 'chunks', f), 'utf8'))].join('\n');
    // A reader-only server on SQLite never holds these: each costs megabytes of memory and milliseconds of start-up.
    for (const heavy of ['@tiptap/html/server', 'sanitize-html', 'happy-dom', 'pg', 'nodemailer', '@node-rs/argon2']) {
      expect(eager, heavy).not.toMatch(new RegExp(`from ["']${heavy}["']`));
    }
    expect(chunks.some((f) => f.startsWith('html-to-document'))).toBe(true);
  });

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
