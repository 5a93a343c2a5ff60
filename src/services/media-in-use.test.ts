import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userPrincipal } from '../content/principal.js';
import { upsertMedia } from '../db/taxonomy-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, refused, testDeps, type Newsroom } from '#test/fixtures.js';
import { createUser } from './create-user.js';
import { deleteMedia } from './media.js';

/**
 * Regression: an image shown as the site logo, a contributor's photo or a partner's logo could be deleted, its files
 * removed, while every cached page, the JSON-LD and the feeds still pointed at them.
 */
forEachEngine('deleting an image something else shows: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  let dataDir: string;
  const editor = { actor: { id: 1, role: 'editor' as const, active: true }, userId: 1, apiKeyId: null };
  const image = (name: string) =>
    upsertMedia(
      opened.db.kysely,
      { path: `/media/test/${name}.jpg`, mime: 'image/jpeg', width: 800, height: 800, alt: name, credit: null },
      '2026-11-01T00:00:00.000Z',
    );

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-media-in-use-'));
    const u = await createUser(deps, { email: 'editor@example.org', name: 'Editor', role: 'editor' });
    editor.actor.id = editor.userId = u.id;
  });
  afterAll(async () => {
    await opened?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses with MEDIA_IN_USE naming what shows it, and deletes an image nothing shows', async () => {
    const k = opened.db.kysely;
    const [logo, photo, partnerLogo, unused] = [await image('logo'), await image('photo'), await image('partner'), await image('unused')];
    await k
      .insertInto('site_settings')
      .values({ key: 'logoMediaId', value: JSON.stringify(logo), updated_at: '2026-11-01T00:00:00.000Z', updated_by: null })
      .execute();
    await k.updateTable('contributors').set({ photo_media_id: photo }).where('id', '=', n.alice).execute();
    await k.updateTable('partners').set({ logo_media_id: partnerLogo }).where('id', '=', n.partner).execute();
    const media = { dataDir };
    const who = userPrincipal(editor.actor);
    for (const [id, what] of [
      [logo, /site logo/],
      [photo, new RegExp(`contributor ${n.alice}'s photo`)],
      [partnerLogo, new RegExp(`partner ${n.partner}'s logo`)],
    ] as const) {
      const e = await refused(deleteMedia(deps, media, who, id));
      expect(e.code).toBe('MEDIA_IN_USE');
      expect(e.message).toMatch(what);
      expect(await k.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    }
    await deleteMedia(deps, media, who, unused);
    expect(await k.selectFrom('media').select('id').where('id', '=', unused).executeTakeFirst()).toBeUndefined();
  });
});
