import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../db/articles-repo.js';
import { findRedirect } from '../db/taxonomy-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { POST, wxr } from '#test/wxr.js';
import { importWordPress, type ImportOptions } from './wordpress-import.js';

/*
 * The WordPress plugins' data an export carries: Yoast SEO, Co-Authors Plus, Polylang and WPML, sticky posts.
 */

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

const meta = (key: string, value: string) =>
  `\t\t<wp:postmeta><wp:meta_key><![CDATA[${key}]]></wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>\n`;

/** The fixture's post with its own id and address, more XML (terms, postmeta) before its end. */
export const postWith = (id: number, extra = '', replace: Record<string, string> = {}) => {
  let p = POST.replace('<wp:post_id>41', `<wp:post_id>${id}`).replace('peregovory/', `extras-${id}/`).replace('<wp:is_sticky>1', '<wp:is_sticky>0');
  for (const [from, to] of Object.entries(replace)) p = p.replace(from, to);
  return p.replace('\t</item>', `${extra}\t</item>`);
};

forEachEngine('WordPress import, plugins’ data, on %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const run = (text: string, more: Partial<ImportOptions> = {}) => importWordPress(deps, chunks(text), { locale: 'ru', locales: ['en', 'ru'], ...more });
  const articleAt = async (p: string) => (await getArticleRow(opened.db.kysely, (await findRedirect(opened.db.kysely, p))!.article_id!))!;

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db, '2026-12-05T00:00:00.000Z');
    await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  it("Yoast: the title, description and canonical URL into the article's SEO fields; the primary category is the section", async () => {
    const two = `\t\t<category domain="category" nicename="world"><![CDATA[Мир]]></category>\n`;
    const r = await run(
      wxr({
        items:
          postWith(
            901,
            two +
              meta('_yoast_wpseo_title', 'Главное: %%title%% %%sep%% %%sitename%%') +
              meta('_yoast_wpseo_metadesc', '%%excerpt%% и подробности') +
              meta('_yoast_wpseo_canonical', 'https://partner.example/original') +
              meta('_yoast_wpseo_primary_category', '3'),
          ) + postWith(902, meta('_yoast_wpseo_title', '%%title%% %%sep%% %%sitename%%')),
      }),
    );
    expect(r.counts.post.imported).toBe(2);
    const row = await articleAt('/2026/11/extras-901/');
    expect(row).toMatchObject({
      seo_title: 'Главное: Переговоры в Тобыргане – Степной курьер',
      seo_description: 'Коротко и подробности',
      canonical_url: 'https://partner.example/original',
    });
    const section = await opened.db.kysely.selectFrom('sections').select('slug').where('id', '=', row.section_id).executeTakeFirstOrThrow();
    expect(section.slug).toBe('world');
    // Yoast's default title is what Masthead builds: not kept. Without a primary category, the first is the section.
    const plain = await articleAt('/2026/11/extras-902/');
    expect(plain.seo_title).toBeNull();
    const first = await opened.db.kysely.selectFrom('sections').select('slug').where('id', '=', plain.section_id).executeTakeFirstOrThrow();
    expect(first.slug).toBe('aziya');
  });

  it('Co-Authors Plus: several bylines in the order of the author terms, a guest author made a contributor', async () => {
    const term = `\t<wp:term><wp:term_id>30</wp:term_id><wp:term_taxonomy><![CDATA[author]]></wp:term_taxonomy><wp:term_slug><![CDATA[cap-guest-writer]]></wp:term_slug><wp:term_name><![CDATA[guest-writer]]></wp:term_name></wp:term>\n`;
    const guest = postWith(950, meta('cap-user_login', 'guest-writer') + meta('cap-display_name', 'Айгерим Гость'), {
      '[CDATA[post]]': '[CDATA[guest-author]]',
    });
    const terms =
      `\t\t<category domain="author" nicename="cap-guest-writer"><![CDATA[guest-writer]]></category>\n` +
      `\t\t<category domain="author" nicename="cap-ngrishina"><![CDATA[ngrishina]]></category>\n`;
    const r = await run(wxr({ channelExtra: term, items: guest + postWith(951, terms) }));
    expect(r.counts.post.imported).toBe(1);
    const row = await articleAt('/2026/11/extras-951/');
    const bylines = await opened.db.kysely
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .select(['contributors.name', 'article_contributors.position'])
      .where('article_id', '=', row.id)
      .orderBy('position')
      .execute();
    expect(bylines.map((b) => b.name)).toEqual(['Айгерим Гость', 'Наталья Гришина']);
    // Again: the same contributors, nothing made twice.
    const before = await opened.db.kysely
      .selectFrom('contributors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await run(wxr({ channelExtra: term, items: guest + postWith(951, terms) }));
    const after = await opened.db.kysely
      .selectFrom('contributors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  const lang = (code: string) => `\t\t<category domain="language" nicename="${code}"><![CDATA[${code}]]></category>\n`;
  const versions = async (a: string, b: string) => {
    const ru = await articleAt(a);
    const en = await articleAt(b);
    return { ru, en };
  };

  it('Polylang: each post in its language, the translations one story, the later ones translated from the first; another language skipped', async () => {
    const group = `\t<wp:term><wp:term_id>40</wp:term_id><wp:term_taxonomy><![CDATA[post_translations]]></wp:term_taxonomy><wp:term_slug><![CDATA[pll_5f2a]]></wp:term_slug><wp:term_name><![CDATA[pll_5f2a]]></wp:term_name><wp:term_description><![CDATA[a:3:{s:2:"ru";i:960;s:2:"en";i:961;s:2:"de";i:962;}]]></wp:term_description></wp:term>\n`;
    const member = `\t\t<category domain="post_translations" nicename="pll_5f2a"><![CDATA[pll_5f2a]]></category>\n`;
    const r = await run(
      wxr({
        channelExtra: group,
        // 961 says its language only through the group's serialized array.
        items:
          postWith(960, lang('ru') + member) + postWith(961, member, { 'Переговоры в Тобыргане': 'Talks in Tobyrgan' }) + postWith(962, lang('de') + member),
      }),
    );
    expect(r.counts.post.imported).toBe(2);
    expect(r.notes.find((n) => n.id === '962')).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/"de".*LOCALES/) });
    const { ru, en } = await versions('/2026/11/extras-960/', '/2026/11/extras-961/');
    expect(ru.locale).toBe('ru');
    expect(en).toMatchObject({ locale: 'en', story_id: ru.story_id, translated_from_id: ru.id });
    // A re-run links nothing twice and makes nothing again.
    const again = await run(
      wxr({ channelExtra: group, items: postWith(960, lang('ru') + member) + postWith(961, member, { 'Переговоры в Тобыргане': 'Talks, again' }) }),
    );
    expect(again.counts.post).toMatchObject({ unchanged: 1, updated: 1, imported: 0 });
    expect((await articleAt('/2026/11/extras-961/')).story_id).toBe(ru.story_id);
  });

  it('WPML: the language and translation group from postmeta', async () => {
    const r = await run(
      wxr({
        items:
          postWith(970, meta('_wpml_import_language_code', 'ru') + meta('_wpml_import_translation_group', '77')) +
          postWith(
            971,
            meta('_wpml_import_language_code', 'en') + meta('_wpml_import_translation_group', '77') + meta('_wpml_import_source_language_code', 'ru'),
          ),
      }),
    );
    expect(r.counts.post.imported).toBe(2);
    const { ru, en } = await versions('/2026/11/extras-970/', '/2026/11/extras-971/');
    expect(en).toMatchObject({ locale: 'en', story_id: ru.story_id, translated_from_id: ru.id });
  });

  it("sticky posts: the newest the lead of its language's front page, the next a top story; pins editors made stay; a re-run pins nothing twice", async () => {
    const k = opened.db.kysely;
    const sticky = (id: number, date: string) =>
      postWith(id, '', { '<wp:is_sticky>0': '<wp:is_sticky>1', '2026-11-30 08:00:00]]></wp:post_date_gmt>': `${date}]]></wp:post_date_gmt>` });
    const r = await run(wxr({ items: sticky(980, '2026-11-28 08:00:00') + sticky(981, '2026-11-29 08:00:00') + postWith(982) }));
    expect(r.stickyPinned).toBe(2);
    const older = await articleAt('/2026/11/extras-980/');
    const newer = await articleAt('/2026/11/extras-981/');
    const pins = await k.selectFrom('front_pages').select('lead_article_id').where('locale', '=', 'ru').executeTakeFirstOrThrow();
    expect(pins.lead_article_id).toBe(newer.id);
    const top = await k.selectFrom('front_page_stories').select('article_id').where('locale', '=', 'ru').orderBy('position').execute();
    expect(top.map((t) => t.article_id)).toEqual([older.id]);
    const again = await run(wxr({ items: sticky(980, '2026-11-28 08:00:00') + sticky(981, '2026-11-29 08:00:00') }));
    expect(again.stickyPinned).toBe(0);
    expect(await k.selectFrom('front_page_stories').select('article_id').where('locale', '=', 'ru').execute()).toHaveLength(1);
  });
});
