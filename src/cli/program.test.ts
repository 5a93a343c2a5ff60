import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boundHeapGrowthForImport } from '../services/import-heap.js';
import { demoOnStart, runCli } from './program.js';
import { wxr } from '#test/wxr.js';
import { ghost6 } from '#test/ghost.js';

// The import commands bound V8's heap growth for the whole process (services/import-heap.ts): watched here, not set, so
// that this file's other commands run with V8's defaults, as they do in production.
vi.mock('../services/import-heap.js', () => ({ boundHeapGrowthForImport: vi.fn() }));

/** Runs the CLI in-process against a temp data folder; returns exit code and what it printed. */
function harness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
  const run = async (args: string[], extraEnv: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { ...env, ...extraEnv }, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { dir, run, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('masthead command', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.cleanup());

  it('bounds the heap growth for the import commands only', async () => {
    const bound = vi.mocked(boundHeapGrowthForImport);
    bound.mockClear();
    const file = path.join(h.dir, 'export.xml');
    fs.writeFileSync(file, wxr());
    expect((await h.run(['import', 'wordpress', file, '--locale', 'ru'], { LOCALES: 'en,ru' })).code).toBe(0);
    expect(bound).toHaveBeenCalledTimes(1);
    const ghostFile = path.join(h.dir, 'ghost.json');
    fs.writeFileSync(ghostFile, ghost6());
    expect((await h.run(['import', 'ghost', ghostFile, '--locale', 'ru'], { LOCALES: 'en,ru' })).code).toBe(0);
    expect(bound).toHaveBeenCalledTimes(2);
    for (const args of [['search', 'reindex'], ['doctor'], ['--help']]) await h.run(args, { LOCALES: 'en,ru' });
    expect(bound).toHaveBeenCalledTimes(2);
  });

  it('rebuilds the search index, and again with the same count', async () => {
    const file = path.join(h.dir, 'export.xml');
    fs.writeFileSync(file, wxr());
    expect((await h.run(['import', 'wordpress', file, '--locale', 'ru'], { LOCALES: 'en,ru' })).code).toBe(0);
    const first = await h.run(['search', 'reindex'], { LOCALES: 'en,ru' });
    expect(first.code).toBe(0);
    const count =
      /^Indexed (\d+) article\(s\) in [\d.]+ s \(\d+ articles\/s\)\.\nRe-analysed the searchable text of \d+ media item\(s\) and wire stories \(those not current\)\.\n$/.exec(
        first.out,
      )?.[1];
    expect(Number(count)).toBeGreaterThan(0);
    expect((await h.run(['search', 'reindex'], { LOCALES: 'en,ru' })).out).toContain(`Indexed ${count} article(s)`);
  });

  it('imports a WordPress export, says what it did, and a second run imports nothing twice', async () => {
    const file = path.join(h.dir, 'export.xml');
    fs.writeFileSync(file, wxr());
    const env = { LOCALES: 'en,ru' };
    const report = path.join(h.dir, 'report.json');
    const first = await h.run(['import', 'wordpress', file, '--locale', 'ru', '--report', report], env);
    // The sub-category's section goes under its parent's, and the report says so.
    expect(first.err).toMatch(/imported: category .*sub-category of "world": placed under its parent's section/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/post\s+1 imported, 0 updated, 0 unchanged/);
    expect(first.out).toMatch(/author\s+1 imported/);
    expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toMatchObject({ source: 'wordpress:https://courier.example', counts: { post: { imported: 1 } } });
    const again = await h.run(['import', 'wordpress', file, '--locale', 'ru'], env);
    expect(again.out).toMatch(/post\s+0 imported, 0 updated, 1 unchanged/);
    // A language the site does not have, a file that is not there, a file that is not an export: a reason, no trace.
    const wrong = await h.run(['import', 'wordpress', file, '--locale', 'de'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/--locale "de" is not one of the site's languages/);
    const missing = await h.run(['import', 'wordpress', path.join(h.dir, 'nope.xml'), '--locale', 'ru'], env);
    expect(missing.err).toMatch(/Cannot read .*nope\.xml: ENOENT/);
    const feed = path.join(h.dir, 'feed.xml');
    fs.writeFileSync(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>');
    const notExport = await h.run(['import', 'wordpress', feed, '--locale', 'ru'], env);
    expect(notExport.code).not.toBe(0);
    expect(notExport.err).toMatch(/IMPORT_FILE_INVALID|not a WordPress export/);
    expect(notExport.err).not.toMatch(/\n\s+at /);
  });

  it('imports a Ghost export, says what it did, a second run imports nothing twice, a broken file names where', async () => {
    const file = path.join(h.dir, 'ghost.json');
    fs.writeFileSync(file, ghost6());
    const env = { LOCALES: 'en,ru' };
    const report = path.join(h.dir, 'ghost-report.json');
    const first = await h.run(['import', 'ghost', file, '--locale', 'ru', '--report', report], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/post\s+1 imported, 0 updated, 0 unchanged/);
    expect(first.err).toMatch(/skipped: tag hash-hero-layout: internal tag/);
    // The count is of every image kept at its address, feature images and those in bodies (the line said "featured").
    expect(first.out).toMatch(/1 image\(s\), featured or in bodies, stay at their Ghost address \(no --media-dir given/);
    expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toMatchObject({ source: 'ghost', version: '6.3.0', counts: { post: { imported: 1 } } });
    const again = await h.run(['import', 'ghost', file, '--locale', 'ru'], env);
    expect(again.out).toMatch(/post\s+0 imported, 0 updated, 1 unchanged/);
    fs.writeFileSync(file, ghost6().slice(0, 300));
    const broken = await h.run(['import', 'ghost', file, '--locale', 'ru'], env);
    expect(broken.code).not.toBe(0);
    expect(broken.err).toMatch(/IMPORT_FILE_INVALID|near byte \d+, line \d+/);
    expect(broken.err).not.toMatch(/\n\s+at /);
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['user', 'create', '--email', 'a@b.org']],
    [['user', 'create', '--email', 'a@b.org', '--name', 'A', '--role', 'king']],
    [['migrate', 'extra']],
    [['seed']],
  ])('prints usage and exits 2 for %j', async (args) => {
    const r = await h.run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage: masthead|masthead --help/);
  });

  it('migrates, then says the database is up to date', async () => {
    expect((await h.run(['migrate'])).out).toMatch(
      /Applied \d+ migration\(s\): 0001-initial, 0002-listing-indexes, 0003-accounts, 0004-api-keys, 0005-one-version-per-language, 0006-jobs\b/,
    );
    expect((await h.run(['migrate'])).out).toBe('The database is up to date.\n');
    expect(fs.existsSync(path.join(h.dir, 'masthead.db'))).toBe(true);
  });

  it('seeds the demo once; a second run duplicates nothing', async () => {
    const first = await h.run(['seed', '--demo']);
    expect(first.code).toBe(0);
    const created = Number(/(\d+) article\(s\) created/.exec(first.out)![1]);
    expect(created).toBeGreaterThanOrEqual(40);
    const second = await h.run(['seed', '--demo']);
    expect(second.out).toBe(`Demo content: 0 article(s) created, ${created} already present.\n`);
  });

  it('creates a user, shows a generated password once, refuses a duplicate with a clear error', async () => {
    const ok = await h.run(['user', 'create', '--email', 'Ed@Example.org', '--name', 'Ed', '--role', 'editor']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Created editor ed@example\.org\n {2}password \(shown once\): \S{20,}/);
    const dup = await h.run(['user', 'create', '--email', 'ed@example.org', '--name', 'Ed', '--role', 'author']);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('Error [DUPLICATE]');
    expect(dup.err).toContain('How to fix:');
    const weak = await h.run(['user', 'create', '--email', 'x@example.org', '--name', 'X', '--role', 'author', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('VALIDATION_FAILED');
  });

  it('resets a user’s two-factor sign-in: off, sessions ended, an audit row; an unknown address is refused', async () => {
    expect((await h.run(['user', 'create', '--email', 'ed@example.org', '--name', 'Ed', '--role', 'editor'])).code).toBe(0);
    const { connect } = await import('../db/connect.js');
    const db = connect(path.join(h.dir, 'masthead.db'));
    try {
      await db.kysely
        .updateTable('users')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: '2026-11-01T00:00:00.000Z' })
        .where('email', '=', 'ed@example.org')
        .execute();
    } finally {
      await db.close();
    }
    const r = await h.run(['user', 'reset-2fa', 'Ed@Example.org']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Two-factor sign-in is now off for ed@example.org; 0 session(s) ended.');
    const again = await h.run(['user', 'reset-2fa', 'ed@example.org']);
    expect(again.out).toContain('was not on');
    const nobody = await h.run(['user', 'reset-2fa', 'nobody@example.org']);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('NOT_FOUND');
    expect((await h.run(['user', 'reset-2fa'])).code).toBe(2);
  });

  it('doctor passes on a good setup and names what is wrong on a bad one', async () => {
    const good = await h.run(['doctor']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/✓ configuration/);
    expect(good.out).toMatch(/✓ data folder: .* is writable/);
    expect(good.out).toMatch(/✓ database: sqlite:.* answers/);

    const badConfig = await h.run(['doctor'], { PORT: 'eighty' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.out).toContain('✗ configuration: Invalid configuration');
    expect(badConfig.out).toContain('PORT="eighty"');

    const file = path.join(h.dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const badDir = await h.run(['doctor'], { DATA_DIR: path.join(file, 'sub') });
    expect(badDir.code).toBe(1);
    expect(badDir.out).toMatch(/✗ data folder/);

    const badDb = await h.run(['doctor'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(badDb.code).toBe(1);
    expect(badDb.out).toMatch(/✗ database: The database \(postgres:\/\/127\.0\.0\.1:1\/none\) does not answer/);
    expect(badDb.out).toContain('How to fix:');
  });

  it('exports the site and refuses a bad --base-url or --workers with a clear message', async () => {
    const out = path.join(h.dir, 'mirror');
    await h.run(['seed', '--demo']);
    const ok = await h.run(['export', 'static', out, '--base-url', 'https://mirror.example.org/', '--workers', '1']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Exported \d+ files to .* for https:\/\/mirror\.example\.org: \d+ written/);
    expect(fs.readFileSync(path.join(out, 'en', 'index.html'), 'utf8')).toContain('https://mirror.example.org/en/');
    // A hand-edited manifest names a file beside the folder: it is kept, and the summary says why (exit 1).
    fs.writeFileSync(path.join(h.dir, 'victim.txt'), 'sentinel');
    const manifestFile = path.join(out, '.masthead-export.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, files: { ...manifest.files, '../victim.txt': 'x' } }));
    const tampered = await h.run(['export', 'static', out, '--base-url', 'https://mirror.example.org/', '--workers', '1']);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain(`1 path(s) refused, kept inside ${out}:\n  "../victim.txt": a dot segment (. or ..), listed in .masthead-export.json\n`);
    expect(fs.readFileSync(path.join(h.dir, 'victim.txt'), 'utf8')).toBe('sentinel');
    const badUrl = await h.run(['export', 'static', out, '--base-url', 'mirror.example.org']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.err).toContain('Error [VALIDATION_FAILED]: --base-url "mirror.example.org" is not an http(s) URL.');
    const badWorkers = await h.run(['export', 'static', out, '--workers', 'lots']);
    expect(badWorkers.code).toBe(2);
    expect(badWorkers.err).toContain("option '--workers <n>' argument 'lots' is invalid");
  });

  it('says which port is taken instead of crashing when serve cannot listen', async () => {
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await h.run(['serve'], { PORT: String(port), HOST: '127.0.0.1' });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`Error [PORT_UNAVAILABLE]: Cannot listen on 127.0.0.1:${port}: the port is in use.`);
      expect(r.err).toContain('How to fix: Stop the other server, or set PORT to a free port');
      // Regression: the first admin was created before the port check, and its password, never shown, was lost.
      expect(
        fs.existsSync(path.join(h.dir, 'masthead.db'))
          ? (await h.run(['user', 'create', '--email', 'admin@masthead.local', '--name', 'A', '--role', 'admin'])).code
          : 0,
      ).toBe(0);
    } finally {
      blocker.close();
    }
  });

  it('stops a start with invalid configuration, naming the variable and an example', async () => {
    const r = await h.run(['migrate'], { LOCALES: 'en,English' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error [CONFIG_INVALID]');
    expect(r.err).toContain('LOCALES="en,English"');
    expect(r.err).toContain('Example: LOCALES=en,ru,kk');
  });
});

describe('demoOnStart', () => {
  it('loads the demo when asked, and never in production, where it says why and how to load it anyway', () => {
    expect(demoOnStart(false, { production: false })).toEqual({ load: false, warning: null });
    expect(demoOnStart(true, { production: false })).toEqual({ load: true, warning: null });
    expect(demoOnStart(false, { production: true })).toEqual({ load: false, warning: null });
    const live = demoOnStart(true, { production: true });
    expect(live.load).toBe(false);
    expect(live.warning).toMatch(/^NODE_ENV=production, so the demo newsroom is not loaded .*: masthead seed --demo$/);
  });
});
