import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { countArticles } from '../db/articles-repo.js';
import { countUsers, findUserByEmail } from '../db/users-repo.js';
import { demoContent } from '../seed/demo-content.js';
import { openDb, PG_URL, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps } from '#test/fixtures.js';
import { FIRST_ADMIN, firstStart } from './first-start.js';
import { verifyPassword } from './password-hash.js';
import { createUser } from './create-user.js';

// Stories and pages (the About page in each language) are both articles.
const DEMO_ARTICLES = demoContent.stories.flatMap((s) => s.versions).length + (demoContent.pages ?? []).flatMap((p) => p.versions).length;

forEachEngine('first start on %s', (engine) => {
  let opened: OpenedDb;
  let dataDir: string;
  beforeEach(async () => {
    opened = await openDb(engine);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-first-start-'));
  });
  afterEach(async () => {
    await opened?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Regression: two servers started together on a new database both counted no articles and no users, so both loaded
  // the demo and both created the first admin (one of them then died on the duplicate).
  it('creates one admin and loads the demo once when two starts race on a new database', async () => {
    // On PostgreSQL the second start has its own pool, as a second server would. (Two SQLite connections in one
    // process would only wait on each other; the processes' race is test/start.test.ts's.)
    const other: Db = engine === 'postgres' ? connect(PG_URL, { schema: opened.schema!, poolSize: 4 }) : opened.db;
    try {
      const starts = await Promise.all([firstStart(testDeps(opened.db), { demo: true, dataDir }), firstStart(testDeps(other), { demo: true, dataDir })]);
      expect(starts.map((s) => s.seeded).sort((a, b) => a - b)).toEqual([0, DEMO_ARTICLES]);
      const admins = starts.flatMap((s) => (s.admin ? [s.admin] : []));
      expect(admins).toHaveLength(1);
      expect(await countArticles(opened.db.kysely)).toBe(DEMO_ARTICLES);
      expect(await countUsers(opened.db.kysely)).toBe(1);
      const admin = await findUserByEmail(opened.db.kysely, FIRST_ADMIN.email);
      expect(admin).toMatchObject({ role: 'admin', active: 1 });
      expect(await verifyPassword(admin!.password_hash, admins[0]!.password)).toBe(true);
    } finally {
      if (other !== opened.db) await other.close();
    }
  });

  it('loads the demo only when asked, into a database without articles, and only once', async () => {
    const deps = testDeps(opened.db);
    const plain = await firstStart(deps, { demo: false, dataDir });
    expect(plain).toMatchObject({ seeded: 0, admin: { email: FIRST_ADMIN.email } });
    expect(await countArticles(opened.db.kysely)).toBe(0);
    // A restart has nothing to do: no second admin, and no password to show.
    expect(await firstStart(deps, { demo: false, dataDir })).toEqual({ seeded: 0, admin: null });
    expect(await firstStart(deps, { demo: true, dataDir })).toEqual({ seeded: DEMO_ARTICLES, admin: null });
    expect(await firstStart(deps, { demo: true, dataDir })).toEqual({ seeded: 0, admin: null });
    expect(await countArticles(opened.db.kysely)).toBe(DEMO_ARTICLES);
  });

  it('leaves a database that already has its newsroom alone', async () => {
    const deps = testDeps(opened.db);
    await createUser(deps, { email: 'editor@example.org', name: 'Ed', role: 'editor' });
    expect(await firstStart(deps, { demo: false, dataDir })).toEqual({ seeded: 0, admin: null });
    expect(await countUsers(opened.db.kysely)).toBe(1);
  });
});
