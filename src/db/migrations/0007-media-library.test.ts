import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { PG_URL, type Engine } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { isUniqueViolation } from '../unique-violation.js';
import { connect, type Db } from '../connect.js';
import * as m0001 from './0001-initial.js';
import * as m0007 from './0007-media-library.js';

/** A database with only the initial schema: what an installation had before the media library. */
async function initialSchema(engine: Engine): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-m0007-'));
    const db = connect(path.join(dir, 'x.db'));
    await m0001.up(db.kysely, 'sqlite');
    return { db, cleanup: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const db = connect(PG_URL, { schema, poolSize: 2 });
  await m0001.up(db.kysely, 'postgres');
  return { db, cleanup: async () => (await db.close(), await run(`drop schema ${schema} cascade`)) };
}

forEachEngine('migration 0007 (media library): %s', (engine) => {
  it('keeps the rows that exist (the demo SVGs) valid and makes the hash unique', async () => {
    const { db, cleanup } = await initialSchema(engine);
    try {
      const k = db.kysely;
      await k
        .insertInto('media')
        .values({
          path: '/media/demo/a.svg',
          mime: 'image/svg+xml',
          width: 1200,
          height: 675,
          alt: 'A Square',
          credit: null,
          created_at: '2026-01-01T00:00:00.000Z',
        } as never)
        .execute();
      await m0007.up(k as never);
      const row = await k.selectFrom('media').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        path: '/media/demo/a.svg',
        renditions: '[]',
        sha256: null,
        caption: null,
        updated_at: '2026-01-01T00:00:00.000Z',
        search_text: 'a square',
      });
      expect([Number(row.focal_x), Number(row.focal_y)]).toEqual([0.5, 0.5]);
      const item = (sha: string | null, p: string) =>
        k
          .insertInto('media')
          .values({ path: p, mime: 'image/jpeg', width: 1, height: 1, alt: '', credit: null, created_at: '2026-01-02T00:00:00.000Z', sha256: sha })
          .execute();
      await item(null, '/media/demo/b.svg');
      await item('ab'.repeat(32), '/media/lib/x/1.jpg');
      const duplicate = await item('ab'.repeat(32), '/media/lib/x/2.jpg').then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(duplicate)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
