import { afterAll, beforeAll, expect, it } from 'vitest';
import { deleteMediaRow, insertMedia, listMedia, updateMedia } from '../db/media-repo.js';
import { insertWireItem, listWireItems } from '../db/wire-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, type Newsroom } from '#test/fixtures.js';
import { mediaSearchTerms, plainTextMatch, reanalyzeTexts, wireSearchTerms } from './plain-text-search.js';

/** The media library's and the wire inbox's full-text search (migration 0026), the same on both engines. */
forEachEngine('plain-text search: %s', (engine) => {
  let o: OpenedDb;
  let n: Newsroom;
  const at = '2026-11-20T10:00:00.000Z';
  const media = async (q: string) =>
    (await listMedia(o.db.kysely, { matching: plainTextMatch(o.db.kysely, 'media', 'media.id', q), limit: 10 })).map((r) => r.alt);
  const wire = async (q: string) =>
    (await listWireItems(o.db.kysely, { matching: plainTextMatch(o.db.kysely, 'wire_items', 'w.id', q) })).items.map((r) => r.title);
  const addMedia = (alt: string, caption: string | null, credit: string | null, i: number) =>
    insertMedia(o.db.kysely, {
      path: `/media/lib/${engine}-${i}.jpg`,
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      alt,
      caption,
      credit,
      sha256: `${engine}-${i}`,
      bytes: 1,
      originalName: null,
      originalMime: 'image/jpeg',
      uploadedBy: null,
      renditions: '[]',
      searchText: mediaSearchTerms({ alt, caption, credit }),
      now: at,
    });
  let meeting = 0;

  beforeAll(async () => {
    o = await openDb(engine);
    n = await newsroom(o.db);
    meeting = await addMedia('Митинг у акимата', 'Жители собрались утром', 'Фото: Ёлкин', 1);
    await addMedia('Ministers at the talks', null, 'Reuters', 2);
    const item = {
      partnerId: n.partner,
      link: null,
      linkKey: null,
      author: null,
      summary: null,
      publishedAt: null,
      fetchedAt: at,
      fullText: true,
      extractError: null,
    };
    const add = (guid: string, title: string, contentHtml: string, language: string) =>
      insertWireItem(o.db.kysely, { ...item, guid, title, contentHtml, language, searchText: wireSearchTerms({ ...item, title, contentHtml, language }) });
    await add('1', 'Суд отменил снос', '<p>Решение акимата о сносе домов отменено.</p>', 'ru');
    await add('2', 'Talks resume', '<p>The <b>ministers</b> met in Astana.</p>', 'en');
    await add('3', 'Жаңа мектеп', '<p>Тобырған ауылында мектеп ашылды.</p>', 'kk');
  });
  afterAll(() => o?.cleanup());

  it('finds media by stem and prefix in alt text, caption and credit, ё as е', async () => {
    expect(await media('митинги')).toEqual(['Митинг у акимата']);
    expect(await media('собрались жители')).toEqual(['Митинг у акимата']);
    expect(await media('елкин')).toEqual(['Митинг у акимата']);
    expect(await media('minister talk')).toEqual(['Ministers at the talks']);
    expect(await media('reut')).toEqual(['Ministers at the talks']);
    expect(await media('"at the talks"')).toEqual(['Ministers at the talks']);
    expect(await media('митинг -акимат')).toEqual([]);
  });

  it('follows an edit of the text and a deletion at once', async () => {
    await updateMedia(o.db.kysely, meeting, { alt: 'Пикет', search_text: mediaSearchTerms({ alt: 'Пикет', caption: null, credit: null }) }, at);
    expect(await media('митинг')).toEqual([]);
    expect(await media('пикеты')).toEqual(['Пикет']);
    const gone = await addMedia('Временный снимок', null, null, 3);
    expect(await media('временный')).toEqual(['Временный снимок']);
    await deleteMediaRow(o.db.kysely, gone);
    expect(await media('временный')).toEqual([]);
  });

  it('finds wire stories by stem, in their language, tags dropped', async () => {
    expect(await wire('сносах')).toEqual(['Суд отменил снос']);
    expect(await wire('minister')).toEqual(['Talks resume']);
    expect(await wire('b')).toEqual([]);
    expect(await wire('тобырға')).toEqual(['Жаңа мектеп']);
  });

  it('answers hostile input with nothing rather than an error', async () => {
    for (const q of ['', '"', '*', 'NEAR(a b)', "'; drop table media; --", '-снос', 'a'.repeat(5000)]) {
      expect(await media(q)).toEqual([]);
      expect(await wire(q)).toEqual([]);
    }
  });

  it('re-analyses rows written before migration 0026 (lower-cased text) so they match by stem', async () => {
    await o.db.kysely.updateTable('wire_items').set({ search_text: 'суд отменил снос решение акимата о сносе домов' }).where('guid', '=', '1').execute();
    expect(await wire('ёлка')).toEqual([]);
    expect(await reanalyzeTexts(o.db.kysely, { batch: 2 })).toBeGreaterThanOrEqual(1);
    expect(await reanalyzeTexts(o.db.kysely, { batch: 2 })).toBe(0);
    expect(await wire('сносах решения')).toEqual(['Суд отменил снос']);
    expect(await media('пикеты')).toEqual(['Пикет']);
  });
});
