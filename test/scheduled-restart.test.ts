import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serveProcesses } from './support/server-process.js';
import { waitFor } from './support/wait-for.js';

/**
 * The strongest form of "a scheduled publication survives a restart": real `masthead serve` processes on one SQLite
 * file. The story's time passes while no server runs; the next start publishes it (one revision, one audit entry)
 * and a start after that does nothing more.
 */
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-jobs-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', CACHE_MAX_MB: '8' };
const { start, stop, killAll } = serveProcesses(env);
afterAll(() => {
  killAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Reads the database file the servers share (WAL: a reader beside a running server is fine). */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new SQLite(path.join(dataDir, 'masthead.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const wentLiveLines = (out: string) => out.split('\n').filter((l) => l.includes('"scheduled story went live"'));

describe('scheduled publishing across real restarts (SQLite)', () => {
  it('a story whose time passes while the server is down is published by the next start, once', async () => {
    const first = await start();
    const made = spawnSync(process.execPath, ['bin/masthead.js', 'apikey', 'create', '--name', 'restart test', '--role', 'editor'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    const key = /key \(shown once[^)]*\): (\S+)/.exec(made.stdout)?.[1];
    expect(key, made.stdout + made.stderr).toBeTruthy();
    const api = (p: string, body: unknown) =>
      fetch(`${first.base}/api/admin/v1${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const [section] = query<{ id: number }>('select id from sections order by id limit 1');
    const headline = 'River pilots end strike after overnight talks';
    const created = await api('/articles', {
      locale: 'en',
      headline,
      sectionId: section!.id,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ships move again.' }] }] },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    // Far enough ahead that the first server is surely down when it comes, near enough to wait for.
    const publishAt = new Date(Date.now() + 4000).toISOString();
    const scheduled = await api(`/articles/${id}/schedule`, { publishAt });
    expect(scheduled.status, await scheduled.clone().text()).toBe(200);
    expect(await stop(first.child)).toBe(0);
    expect(Date.now()).toBeLessThan(Date.parse(publishAt));
    expect(query('select state, attempts from jobs where article_id = ?', id)).toEqual([{ state: 'pending', attempts: 0 }]);
    expect(wentLiveLines(first.output())).toEqual([]);
    const revisionsBefore = query('select number from revisions where article_id = ?', id).length;

    // The server is down while the time passes.
    await waitFor(() => Date.now() > Date.parse(publishAt) + 300, { timeout: 10_000, interval: 100, what: 'the publication time to pass' });

    const second = await start();
    await waitFor(() => query<{ state: string }>('select state from jobs where article_id = ?', id).find((j) => j.state === 'done'), {
      timeout: 15_000,
      interval: 100,
      what: 'the job to finish',
    });
    expect(query('select state, attempts from jobs where article_id = ?', id)).toEqual([{ state: 'done', attempts: 1 }]);
    expect(query('select number from revisions where article_id = ?', id)).toHaveLength(revisionsBefore + 1);
    expect(query("select id from audit_log where action = 'article.went-live' and subject_id = ?", id)).toHaveLength(1);
    expect(query('select scheduled_at, published_at from articles where id = ?', id)).toEqual([{ scheduled_at: null, published_at: publishAt }]);
    expect(await (await fetch(`${second.base}/en/`)).text()).toContain(headline);
    expect(wentLiveLines(second.output())).toHaveLength(1);
    expect(await stop(second.child)).toBe(0);

    const third = await start();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await (await fetch(`${third.base}/en/`)).text()).toContain(headline);
    expect(await stop(third.child)).toBe(0);
    expect(wentLiveLines(third.output())).toEqual([]);
    expect(query('select number from revisions where article_id = ?', id)).toHaveLength(revisionsBefore + 1);
    expect(query("select id from audit_log where action = 'article.went-live' and subject_id = ?", id)).toHaveLength(1);
    expect(query('select state, attempts from jobs where article_id = ?', id)).toEqual([{ state: 'done', attempts: 1 }]);
  }, 120_000);
});
