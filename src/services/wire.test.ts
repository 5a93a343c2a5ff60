import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../db/articles-repo.js';
import { storeWireItem } from './ingest.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { adaptWireItem, type MachineTranslator } from './wire.js';

const editor = { actor: { id: 0, role: 'editor' as const, active: true }, userId: null, apiKeyId: null };
const fake: MachineTranslator & { calls: string[] } = {
  calls: [],
  async translate(html, from, to) {
    this.calls.push(`${from}->${to}`);
    return html.replace('Суд отменил снос', 'Court cancels demolition').replace('Суд Алматы', 'An Almaty court');
  },
};

forEachEngine('adapting a wire story: %s', (engine) => {
  let o: OpenedDb;
  let n: Newsroom;
  let id = 0;
  beforeAll(async () => {
    o = await openDb(engine);
    n = await newsroom(o.db);
    await storeWireItem(o.db.kysely, {
      partnerId: n.partner,
      guid: 'g',
      link: 'https://steppe-courier.example/1',
      linkKey: 'steppe-courier.example/1',
      title: 'Суд отменил снос',
      author: null,
      summary: null,
      contentHtml: '<p>Суд Алматы отменил решение.</p>',
      language: 'ru',
      publishedAt: null,
      fetchedAt: '2026-11-20T11:00:00.000Z',
      fullText: true,
      extractError: null,
    });
    id = (await o.db.kysely.selectFrom('wire_items').select('id').executeTakeFirstOrThrow()).id;
  }, 60_000);
  afterAll(() => o?.cleanup());

  it('machine-translates the draft when asked and a translator is configured, keeping the original headline as the source', async () => {
    fake.calls.length = 0;
    const deps = testDeps(o.db);
    const articleId = await adaptWireItem(deps, editor, ['en', 'ru'], id, { locale: 'en', machineTranslate: true }, fake);
    const row = await getArticleRow(o.db.kysely, articleId);
    expect(row).toMatchObject({ headline: 'Court cancels demolition', source_headline: 'Суд отменил снос', source_locale: 'ru' });
    expect(row!.body).toContain('An Almaty court');
    expect(fake.calls).toEqual(['ru->en', 'ru->en']);
  });

  it('refuses machine translation when none is configured, and adapts without it otherwise', async () => {
    const deps = testDeps(o.db);
    await expect(adaptWireItem(deps, editor, ['en', 'ru'], id, { locale: 'en', machineTranslate: true }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const plain = await adaptWireItem(deps, editor, ['en', 'ru'], id, { locale: 'en' }, null);
    expect((await getArticleRow(o.db.kysely, plain))!.headline).toBe('Суд отменил снос');
  });
  it('regression: original authors in Chinese or Korean each get their own contributor, not one called "story"', async () => {
    const deps = testDeps(o.db);
    const k = o.db.kysely;
    const ids: number[] = [];
    for (const [guid, author] of [
      ['cjk-1', '王小明'],
      ['cjk-2', '김민준'],
      ['cjk-3', '王小明'],
    ] as const) {
      await storeWireItem(k, {
        partnerId: n.partner,
        guid,
        link: `https://steppe-courier.example/${guid}`,
        linkKey: `steppe-courier.example/${guid}`,
        title: `Story ${guid}`,
        author,
        summary: null,
        contentHtml: '<p>Text.</p>',
        language: 'zh',
        publishedAt: null,
        fetchedAt: '2026-11-20T11:00:00.000Z',
        fullText: true,
        extractError: null,
      });
      const item = (await k.selectFrom('wire_items').select('id').where('guid', '=', guid).executeTakeFirstOrThrow()).id;
      ids.push(await adaptWireItem(deps, editor, ['en', 'ru'], item, { locale: 'en' }, null));
    }
    const authors = await Promise.all(
      ids.map(async (id) => {
        const b = await k
          .selectFrom('article_contributors as ac')
          .innerJoin('contributors as c', 'c.id', 'ac.contributor_id')
          .select(['c.id', 'c.name', 'c.slug'])
          .where('ac.article_id', '=', id)
          .where('ac.role', '=', 'original_author')
          .executeTakeFirstOrThrow();
        return b;
      }),
    );
    expect(authors.map((a) => a.name)).toEqual(['王小明', '김민준', '王小明']);
    expect(authors[0]!.id).not.toBe(authors[1]!.id);
    expect(authors[2]!.id).toBe(authors[0]!.id);
    expect(authors.some((a) => a.slug === 'story')).toBe(false);
  });
});
