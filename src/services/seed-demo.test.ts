import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps } from '#test/fixtures.js';
import { storyTranslations } from './translation-status.js';
import { userPrincipal } from '../content/principal.js';
import { loadArticle } from '../db/load-article.js';
import { seedDemo } from './seed-demo.js';

forEachEngine('demo content on %s', (engine) => {
  let opened: OpenedDb;
  let dataDir: string;
  beforeAll(async () => {
    opened = await openDb(engine);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-seed-'));
  });
  afterAll(async () => {
    await opened?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Regression: demo translations had no recorded source, so the translation desk showed every one as an original.
  it("records each story's later versions as translations of its first, up to date", async () => {
    const deps = testDeps(opened.db);
    const { created } = await seedDemo(deps, dataDir);
    expect(created).toBeGreaterThan(0);
    const stories = await opened.db.kysely.selectFrom('articles').select(['story_id', 'id']).orderBy('id').execute();
    const firstOf = new Map<number, number>();
    for (const a of stories) if (!firstOf.has(a.story_id)) firstOf.set(a.story_id, a.id);
    const multi = [...new Set(stories.map((a) => a.story_id))].filter((s) => stories.filter((a) => a.story_id === s).length > 1);
    expect(multi.length).toBeGreaterThan(3);
    for (const storyId of multi) {
      const { versions } = await storyTranslations(deps, userPrincipal({ id: 1, role: 'admin', active: true }), firstOf.get(storyId)!);
      for (const v of versions) {
        if (!v.readable) throw new Error('an admin reads every version');
        if (v.id === firstOf.get(storyId)) expect(v.translatedFrom).toBeNull();
        else expect(v.translatedFrom?.id).toBe(firstOf.get(storyId));
        expect(v.needsUpdate).toBe(false);
      }
    }
    // A second seed adds nothing and changes no link.
    expect((await seedDemo(deps, dataDir)).created).toBe(0);
  });

  // Issue 13: the Russian edition showed "Автор Natalya Grishina"; the demo's people have Cyrillic names there.
  it('gives the Russian pages Cyrillic bylines, and keeps a name an editor changed on a second seed', async () => {
    const deps = testDeps(opened.db);
    const k = opened.db.kysely;
    const ru = await k
      .selectFrom('articles')
      .select('id')
      .where('locale', '=', 'ru')
      .where('id', 'in', (eb) => eb.selectFrom('article_contributors').select('article_id'))
      .orderBy('id')
      .execute();
    expect(ru.length).toBeGreaterThan(3);
    for (const { id } of ru) {
      const a = (await loadArticle(k, id))!;
      for (const b of a.bylines) expect(b.name, `${b.slug} on article ${id}`).toMatch(/^[\p{Script=Cyrillic} .-]+$/u);
    }
    const natalya = await k.selectFrom('contributors').select('id').where('slug', '=', 'natalya-grishina').executeTakeFirstOrThrow();
    await k.updateTable('contributor_texts').set({ name: 'Н. Гришина' }).where('contributor_id', '=', natalya.id).where('locale', '=', 'ru').execute();
    await seedDemo(deps, dataDir);
    const row = await k
      .selectFrom('contributor_texts')
      .select('name')
      .where('contributor_id', '=', natalya.id)
      .where('locale', '=', 'ru')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Н. Гришина');
  });
});
