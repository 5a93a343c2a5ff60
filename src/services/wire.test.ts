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
});
