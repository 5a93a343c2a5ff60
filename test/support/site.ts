import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SiteContext } from '../../src/content/site-context.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { createApp } from '../../src/web/app.js';
import { logoSvg } from '../../src/seed/demo-images.js';
import { openDb, type Engine } from './databases.js';
import { testDeps } from './fixtures.js';

export const TEST_SITE: SiteContext = {
  siteUrl: 'https://news.example.org',
  siteName: 'Masthead Demo',
  locales: ['en', 'ru', 'kk'],
  defaultLocale: 'en',
  timeZone: 'Asia/Almaty',
  logoPath: '/logo.svg',
};

/** The demo newsroom on a fresh database, served by the real app (in memory: use app.request). */
export async function seededSite(engine: Engine = 'sqlite', now = '2026-11-20T12:00:00.000Z') {
  const queries = { count: 0 };
  const opened = await openDb(engine, { onQuery: () => queries.count++ });
  const deps = testDeps(opened.db, now);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-data-'));
  await seedDemo(deps, dataDir);
  const app = createApp({ deps, site: TEST_SITE, dataDir, logo: logoSvg(TEST_SITE.siteName) });
  return {
    app,
    deps,
    db: opened.db,
    site: TEST_SITE,
    dataDir,
    queries,
    cleanup: async () => {
      await opened.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type SeededSite = Awaited<ReturnType<typeof seededSite>>;

/** The English edition shaped like ../shared/seed/article.txt. */
export async function seedShapedArticle(s: SeededSite, locale: 'en' | 'ru' = 'en') {
  const { demoContent } = await import('../../src/seed/demo-content.js');
  const v = demoContent.stories.find((st) => st.key === 'summit-joint-statement')!.versions.find((x) => x.locale === locale)!;
  // By headline, not slug: tests rename slugs.
  const row = await s.db.kysely.selectFrom('articles').select(['id']).where('locale', '=', locale).where('headline', '=', v.headline).executeTakeFirstOrThrow();
  const res = await s.app.request(`/a/${row.id}`);
  return { id: row.id, version: v, path: res.headers.get('location')! };
}

/** The public path of one demo story's version, by story key: e.g. 'grain-rail-discount', which uses every body node. */
export async function demoArticlePath(s: SeededSite, key: string, locale: 'en' | 'ru'): Promise<string> {
  const { demoContent } = await import('../../src/seed/demo-content.js');
  const v = demoContent.stories.find((st) => st.key === key)!.versions.find((x) => x.locale === locale)!;
  const row = await s.db.kysely.selectFrom('articles').select(['id']).where('locale', '=', locale).where('headline', '=', v.headline).executeTakeFirstOrThrow();
  return (await s.app.request(`/a/${row.id}`)).headers.get('location')!;
}

/** Makes the archive several times larger by copying every published story (each copy its own story, new slugs). */
export async function growArchive(s: Pick<SeededSite, 'db'>, copies = 3): Promise<void> {
  const k = s.db.kysely;
  // Stories only: an archive grows by news, and copies of the About page would crowd the footer.
  const rows = await k.selectFrom('articles').selectAll().where('status', '=', 'published').where('kind', '=', 'story').execute();
  for (let copy = 0; copy < copies; copy++) {
    for (const r of rows) {
      const { id: _id, ...rest } = r;
      // A story has one version per language: each copy gets a story of its own.
      const story = await k.insertInto('stories').values({ created_at: r.created_at }).returning('id').executeTakeFirstOrThrow();
      await k
        .insertInto('articles')
        .values({ ...rest, story_id: story.id, slug: `${r.slug}-copy-${copy}` })
        .execute();
    }
  }
}
