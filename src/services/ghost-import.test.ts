import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../db/articles-repo.js';
import { findRedirect } from '../db/taxonomy-repo.js';
import { AppError } from '../errors.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { ghost0, ghost4, ghost6, post } from '#test/ghost.js';
import { testImage } from '#test/images.js';
import { importGhost, type GhostImportReport } from './ghost-import.js';
import { searchNewsroom } from './search.js';

/** The file in chunks of `size` characters, as a read stream hands it over: a fresh stream at each call (two passes). */
const source = (text: string, size = 4096) =>
  async function* () {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  };

forEachEngine('Ghost import on %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const run = (text: string, extra: Partial<Parameters<typeof importGhost>[2]> = {}) => importGhost(deps, source(text), { locale: 'ru', ...extra });
  const count = async (table: 'articles' | 'contributors' | 'tags' | 'redirects') =>
    Number(
      (
        await opened.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({ articles: await count('articles'), contributors: await count('contributors'), tags: await count('tags') });
  const articleAt = async (p: string) => (await getArticleRow(opened.db.kysely, (await findRedirect(opened.db.kysely, p))!.article_id!))!;
  const bylines = (id: number) =>
    opened.db.kysely
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .select(['contributors.slug'])
      .where('article_id', '=', id)
      .orderBy('article_contributors.position')
      .execute();
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppError,
    );

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  let first: GhostImportReport;
  it('imports a 6.x lexical export: post, author, public tag (not the internal one), old addresses as redirects', async () => {
    first = await run(ghost6());
    expect(first.version).toBe('6.3.0');
    expect(first.counts.post.imported).toBe(1);
    expect(first.counts.tag).toMatchObject({ imported: 1, skipped: 1 });
    expect(first.notes.find((n) => n.kind === 'tag' && n.outcome === 'skipped')?.reason).toMatch(/internal tag "#hero-layout"/);
    expect(first.counts.author.imported).toBe(2);
    const row = await articleAt('/peregovory-1/');
    expect(row).toMatchObject({
      locale: 'ru',
      headline: 'Переговоры 1',
      deck: 'Коротко & ясно',
      slug: 'peregovory-1',
      status: 'published',
      published_at: '2026-11-30T08:00:00.000Z',
    });
    const body = JSON.stringify(row.body);
    for (const text of ['Итоги', 'Жирный', 'https://example.org/x', 'пункт один', 'Неизвестная карточка']) expect(body).toContain(text);
    expect(body).not.toContain('<script>');
    expect(first.notes.find((n) => n.kind === 'post')?.reason).toMatch(/unknown node "product" kept as text/);
    expect(await bylines(row.id)).toEqual([{ slug: 'ngrishina' }]);
    const tags = await opened.db.kysely
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_id', '=', row.id)
      .execute();
    expect(tags).toEqual([{ slug: 'trade' }]);
    expect((await findRedirect(opened.db.kysely, '/tag/trade/'))?.to_path).toBe('/ru/tag/trade');
    expect((await findRedirect(opened.db.kysely, '/author/ngrishina/'))?.to_path).toBe('/ru/author/ngrishina');
  });

  it('imports nothing twice when run again (a fresh export: new exported_on), and updates a post that changed', async () => {
    const before = await counts();
    const again = await run(ghost6());
    expect(again.counts.post).toMatchObject({ imported: 0, unchanged: 1 });
    expect(await counts()).toEqual(before);
    const changed = await run(ghost6({ posts: [post(1, { title: 'Переговоры продолжатся' })] }));
    expect(changed.counts.post).toMatchObject({ updated: 1, imported: 0 });
    expect((await articleAt('/peregovory-1/')).headline).toBe('Переговоры продолжатся');
    expect(await counts()).toEqual(before);
  });

  it('gives a post several bylines in their order, reads posts_meta, maps scheduled, draft, sent and members-only', async () => {
    const p = post(2, { status: 'scheduled', published_at: '2030-01-01T09:00:00.000Z' });
    const r = await run(
      ghost6({
        posts: [
          p,
          post(3, { status: 'draft', published_at: null }),
          post(4, { status: 'sent' }),
          post(5, { visibility: 'paid' }),
          post(6, { type: 'page', slug: 'o-redaktsii' }),
        ],
        postsAuthors: [
          { id: 'a1', post_id: p.id, author_id: '5951f5fca366002ebd5dbef8', sort_order: 0 },
          { id: 'a2', post_id: p.id, author_id: '5951f5fca366002ebd5dbef7', sort_order: 1 },
        ],
        postsMeta: [{ id: 'm1', post_id: p.id, meta_title: 'SEO заголовок', meta_description: 'SEO описание' }],
      }),
    );
    const scheduled = await articleAt('/peregovory-2/');
    expect(scheduled).toMatchObject({ status: 'published', published_at: '2030-01-01T09:00:00.000Z', seo_title: 'SEO заголовок' });
    expect(await bylines(scheduled.id)).toEqual([{ slug: 'boris' }, { slug: 'ngrishina' }]);
    expect(await articleAt('/peregovory-3/')).toMatchObject({ status: 'draft', published_at: null });
    expect((await articleAt('/peregovory-4/')).status).toBe('draft');
    expect(r.notes.find((n) => n.reason?.includes('email-only'))).toBeTruthy();
    expect((await articleAt('/peregovory-5/')).status).toBe('draft');
    expect(await articleAt('/o-redaktsii/')).toMatchObject({ kind: 'page', slug: 'o-redaktsii' });
    expect(r.counts.page.imported).toBe(1);
  });

  it('imports a 4.x mobiledoc export without the db wrapper: cards rendered, an unknown card kept as text with a warning', async () => {
    const r = await run(ghost4([post(7)]));
    expect(r.counts.post.imported).toBe(1);
    const row = await articleAt('/peregovory-7/');
    const body = JSON.stringify(row.body);
    for (const text of ['Заголовок', 'курсив', 'https://example.org/m', 'первый', 'второй', 'HTML']) expect(body).toContain(text);
    // The Markdown card rendered, not kept as text: its bold is a mark.
    expect(body).toContain('{\\"type\\":\\"text\\",\\"marks\\":[{\\"type\\":\\"bold\\"}],\\"text\\":\\"из\\"}');
    expect(body).not.toContain('**');
    expect(r.notes.find((n) => n.kind === 'post')?.reason).toMatch(/unknown card "paywall"/);
    expect(await bylines(row.id)).toEqual([{ slug: 'boris' }]);
  });

  it('imports a 0.x export (db wrapper, html and markdown, page flag, author_id, epoch and UTC dates) and lists feature images kept', async () => {
    const r = await run(ghost0());
    expect(r.counts.post.imported).toBe(1);
    expect(r.counts.page.imported).toBe(1);
    const old = await articleAt('/staraya-zametka/');
    expect(old).toMatchObject({ published_at: '2014-12-31T10:00:00.000Z', headline: 'Старая заметка' });
    expect(JSON.stringify(old.body)).toContain('Второй абзац.');
    expect(await bylines(old.id)).toEqual([{ slug: 'old-editor' }]);
    const page = await articleAt('/o-nas/');
    expect(page.kind).toBe('page');
    // A 0.x body with Markdown and no HTML: rendered (the bold a mark), not kept as literal asterisks.
    expect(JSON.stringify(page.body)).toContain('{\\"type\\":\\"text\\",\\"marks\\":[{\\"type\\":\\"bold\\"}],\\"text\\":\\"газета\\"}');
    expect(r.mediaKept).toEqual(['/content/images/2014/12/old.jpg']);
  });

  it('with a media folder: a feature image becomes the hero, a path out of the folder is refused', async () => {
    const images = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-ghost-images-'));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-ghost-data-'));
    try {
      fs.mkdirSync(path.join(images, '2026', '11'), { recursive: true });
      fs.writeFileSync(path.join(images, '2026', '11', 'hero.jpg'), await testImage('jpeg', 800, 500));
      fs.writeFileSync(path.join(images, '2026', '11', 'body.jpg'), await testImage('jpeg', 640, 400));
      fs.writeFileSync(path.join(dataDir, 'secret.jpg'), await testImage('jpeg', 400, 300));
      const media = {
        dir: images,
        options: { dataDir, maxBytes: 5 * 1024 * 1024 },
        who: { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null },
      };
      const p = post(8, { feature_image: '__GHOST_URL__/content/images/2026/11/hero.jpg' });
      const r = await run(
        ghost6({
          posts: [p, post(9, { feature_image: `__GHOST_URL__/content/images/..%2F..%2F${path.basename(dataDir)}%2Fsecret.jpg` })],
          postsMeta: [{ id: 'm8', post_id: p.id, feature_image_alt: 'Степь', feature_image_caption: '<span>Фото: Н. Г.</span>' }],
        }),
        { media },
      );
      const row = await articleAt('/peregovory-8/');
      expect(row.hero_media_id).toBeGreaterThan(0);
      expect(row).toMatchObject({ hero_alt: 'Степь', hero_caption: 'Фото: Н. Г.' });
      expect(r.notes.find((n) => n.kind === 'image' && n.outcome === 'failed')?.reason).toMatch(/leaves the media folder/);
      expect((await articleAt('/peregovory-9/')).hero_media_id).toBeNull();
      // The image in the text went into the library too, and the text points at it.
      const bodyImage = String(row.body).match(/\{"type":"image","attrs":\{[^}]*\}\}/)?.[0] ?? '';
      expect(bodyImage).toMatch(/"mediaId":\d+/);
      expect(bodyImage).toMatch(/"src":"\/media\/lib\//);
      expect(r.mediaKept).not.toContain('/content/images/2026/11/body.jpg');
      const again = await run(
        ghost6({ posts: [p], postsMeta: [{ id: 'm8', post_id: p.id, feature_image_alt: 'Степь', feature_image_caption: '<span>Фото: Н. Г.</span>' }] }),
        { media },
      );
      expect(again.counts.post.unchanged).toBe(1);
    } finally {
      fs.rmSync(images, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a run that stops half-way (an error mid-file) keeps what it imported, and the re-run finishes the job', async () => {
    const file = ghost6({ posts: [post(11), post(12), post(13)] });
    const before = await count('articles');
    // The process dies right after the first post is saved (its key written with it in one transaction).
    const kill = (_: number, e: { kind: string }) => {
      if (e.kind === 'post') throw new Error('killed');
    };
    await expect(run(file, { onProgress: kill })).rejects.toThrow('killed');
    expect(await count('articles')).toBe(before + 1);
    const whole = await run(file);
    expect(whole.counts.post).toMatchObject({ imported: 2, unchanged: 1 });
    expect(await count('articles')).toBe(before + 3);
  });

  it('refuses malformed files with IMPORT_FILE_INVALID naming where, keeping what was imported before the problem', async () => {
    const file = ghost6({ posts: [post(21), post(22)] });
    const cut = file.slice(0, file.indexOf('peregovory-22'));
    const before = await count('articles');
    const truncated = await failure(run(cut));
    expect(truncated).toBeInstanceOf(AppError);
    expect(truncated!.code).toBe('IMPORT_FILE_INVALID');
    expect(truncated!.message).toMatch(/byte \d+, line \d+/);
    const invalid = await failure(run('{"db": [{"meta": {"version": "6.0.0"}, "data": {"posts": [ {"id": 1,, } ]}}]}'));
    expect(invalid!.code).toBe('IMPORT_FILE_INVALID');
    expect(invalid!.message).toMatch(/invalid JSON/);
    expect((await failure(run('[1, 2, 3]')))!.message).toMatch(/not a Ghost export/);
    expect((await failure(run('{"rss": {}}')))!.message).toMatch(/not a Ghost export/);
    expect((await failure(run('{"meta": {"version": "9.1.0"}, "data": {"posts": []}}')))!.message).toMatch(/unknown Ghost export version "9.1.0"/);
    expect((await failure(run('{"meta": {"version": "6.1.0"}, "data": {"posts": {"a": 1}}}')))!.message).toMatch(/data.posts is not an array/);
    expect(await count('articles')).toBe(before);
  });

  it('indexes its posts for search as it writes them: found by their words, and by new ones after a re-run changes a title', async () => {
    const found = async (query: string) => (await searchNewsroom(deps, { query })).ids;
    const titled = (n: number, title: string) => post(n, { title, slug: `zapis-${n}` });
    const report = await run(ghost6({ posts: [titled(70, 'Ледокол альфа'), titled(71, 'Ледокол бета'), titled(72, 'Ледокол гамма')] }));
    expect(report.counts.post.imported).toBe(3);
    const all = await found('ледокол');
    expect(all).toHaveLength(3);
    expect(await found('бета')).toHaveLength(1);
    const beta = (await found('бета'))[0];
    await run(ghost6({ posts: [titled(70, 'Ледокол альфа'), titled(71, 'Ледокол омега'), titled(72, 'Ледокол гамма')] }));
    expect(await found('омега')).toEqual([beta]);
    expect(await found('бета')).toEqual([]);
    expect((await found('ледокол')).sort()).toEqual([...all].sort());
  });

  it('a broken file whose last batch fails to commit (its search indexing) stops with IMPORT_BATCH_NOT_KEPT, not IMPORT_FILE_INVALID, and keeps none of that batch', async () => {
    const k = opened.db.kysely;
    const table = engine === 'sqlite' ? 'search_fts' : 'search_documents';
    const posts = Array.from({ length: 12 }, (_, i) => post(80 + i, { title: `Обвал ${80 + i}` }));
    const whole = ghost6({ posts });
    const cut = whole.slice(0, whole.indexOf('peregovory-91'));
    // The first pass (tags, authors, their links) reads the whole file; the posts' pass meets the fault after the
    // read-ahead's worth of posts was written in the open batch.
    let opens = 0;
    const open = async function* () {
      yield opens++ === 0 ? whole : cut;
    };
    const before = await count('articles');
    await sql`alter table ${sql.raw(table)} rename to gone_away`.execute(k);
    // Batches end on their count alone: on a loaded machine one open past BATCH_MAX_MS committed (and failed, with the
    // raw database error) before the fault was read, and the test failed for its machine, not for the code.
    const err = await failure(importGhost(deps, open, { locale: 'ru', batchMaxMs: Infinity })).finally(() =>
      sql`alter table gone_away rename to ${sql.raw(table)}`.execute(k),
    );
    expect(opens).toBe(2);
    expect(err).toBeInstanceOf(AppError);
    expect(err!.code).toBe('IMPORT_BATCH_NOT_KEPT');
    expect(err!.hint).toMatch(/not kept/);
    expect(err!.details).toMatchObject({ fault: 'IMPORT_FILE_INVALID' });
    expect(await count('articles')).toBe(before);
  });
});
