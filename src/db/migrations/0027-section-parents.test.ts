import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { openDbBefore } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { migrations } from '../migrate.js';

forEachEngine('migration 0027 (section parents): %s', (engine) => {
  it('leaves existing sections top-level; a parent must exist; a deleted parent leaves its child top-level', async () => {
    const { db, cleanup } = await openDbBefore(engine, '0027');
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
