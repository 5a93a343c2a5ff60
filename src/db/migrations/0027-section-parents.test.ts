import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { PG_URL, type Engine } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { connect, type Db } from '../connect.js';
import { migrations } from '../migrate.js';

/** A database with every migration before 0027: sections without a parent. */
async function before0027(engine: Engine): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-m0027-'));
    db = connect(path.join(dir, 'x.db'));
    cleanup = async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const run = async (q: string) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await run(`create schema ${schema}`);
    db = connect(PG_URL, { schema, poolSize: 2 });
    cleanup = async () => (await db.close(), await run(`drop schema ${schema} cascade`));
  }
  for (const [name, step] of Object.entries(migrations)) {
    if (name >= '0027') break;
    await step.up(db.kysely, engine);
  }
  return { db, cleanup };
}

forEachEngine('migration 0027 (section parents): %s', (engine) => {
  it('leaves existing sections top-level; a parent must exist; a deleted parent leaves its child top-level', async () => {
    const { db, cleanup } = await before0027(engine);
    try {
      const k = db.kysely as Kysely<any>;
      const at = '2026-01-01T00:00:00.000Z';
      const add = async (slug: string, extra: Record<string, unknown> = {}) =>
        (
          await k
            .insertInto('sections')
            .values({ slug, position: 1, created_at: at, ...extra })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id as number;
      const world = await add('world');
      await migrations['0027-section-parents']!.up(k, engine);
      expect(await k.selectFrom('sections').select('parent_id').where('id', '=', world).executeTakeFirstOrThrow()).toEqual({ parent_id: null });
      const asia = await add('asia', { parent_id: world });
      expect((await k.selectFrom('sections').select('id').where('parent_id', '=', world).execute()).map((r) => r.id)).toEqual([asia]);
      await expect(add('nowhere', { parent_id: 999_999 })).rejects.toThrow(/foreign key/i);
      await k.deleteFrom('sections').where('id', '=', world).execute();
      expect(await k.selectFrom('sections').select('parent_id').where('id', '=', asia).executeTakeFirstOrThrow()).toEqual({ parent_id: null });
    } finally {
      await cleanup();
    }
  });
});
