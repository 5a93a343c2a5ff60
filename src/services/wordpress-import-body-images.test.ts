import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Block, Doc, Image } from '../content/document.js';
import { getArticleRow } from '../db/articles-repo.js';
import { findRedirect } from '../db/taxonomy-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { testImage } from '#test/images.js';
import { POST, wxr } from '#test/wxr.js';
import { importWordPress } from './wordpress-import.js';

async function* chunks(text: string, size = 4096): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const UP = 'https://courier.example/wp-content/uploads/2026/11';
const BODY = `<!-- wp:paragraph --><p>Начало.</p><!-- /wp:paragraph -->
<!-- wp:image {"id":952,"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="${UP}/step-1024x640.jpg" alt="Степь" class="wp-image-952"/><figcaption>Степь весной</figcaption></figure><!-- /wp:image -->
<p><img src="${UP}/only-variant-300x200.jpg" alt="Only a resized copy" /></p>
<blockquote><p>Цитата</p><img src="${UP}/%D1%81%D1%82%D0%B5%D0%BF%D1%8C-2.jpg" alt="Inside a quote"/></blockquote>
<p><img src="${UP}/missing.jpg" alt="Not in the folder"/></p>
<p><img src="https://cdn.elsewhere.example/x.jpg" alt="Another site"/></p>`;

const post = (id: number, body: string) =>
  POST.replace('<wp:post_id>41', `<wp:post_id>${id}`)
    .replace('peregovory/', `peregovory-${id}/`)
    .replace(/<content:encoded><!\[CDATA\[[\s\S]*?\]\]><\/content:encoded>/, `<content:encoded><![CDATA[${body}]]></content:encoded>`)
    .replace('<wp:meta_value><![CDATA[55]]>', '<wp:meta_value><![CDATA[0]]>');
const attachment = (id: number, url: string) =>
  POST.replace('<wp:post_id>41', `<wp:post_id>${id}`)
    .replace('peregovory/', `peregovory-${id}/`)
    .replace('<![CDATA[post]]></wp:post_type>', '<![CDATA[attachment]]></wp:post_type>')
    .replace('<wp:is_sticky>1</wp:is_sticky>', `<wp:attachment_url><![CDATA[${url}]]></wp:attachment_url>`);

const imagesOf = (doc: Doc): Image['attrs'][] => {
  const out: Image['attrs'][] = [];
  const walk = (nodes: unknown[] | undefined) => {
    for (const n of (nodes ?? []) as Block[]) {
      if (n.type === 'image') out.push(n.attrs);
      else if ('content' in n) walk(n.content as unknown[]);
    }
  };
  walk(doc.content);
  return out;
};

forEachEngine('WordPress import, images in the text: %s', (engine) => {
  let o: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let uploads = '';
  let dataDir = '';
  beforeAll(async () => {
    o = await openDb(engine);
    deps = testDeps(o.db);
    await newsroom(o.db);
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-wp-body-uploads-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-wp-body-data-'));
    const dir = path.join(uploads, '2026', '11');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'step.jpg'), await testImage('jpeg', 1600, 1000));
    fs.writeFileSync(path.join(dir, 'step-1024x640.jpg'), await testImage('jpeg', 1024, 640));
    fs.writeFileSync(path.join(dir, 'only-variant-300x200.jpg'), await testImage('png', 300, 200));
    fs.writeFileSync(path.join(dir, 'степь-2.jpg'), await testImage('jpeg', 640, 400));
  }, 60_000);
  afterAll(async () => {
    await o?.cleanup();
    fs.rmSync(uploads, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const bodyOf = async (postId: number) => {
    const k = o.db.kysely;
    const row = (await getArticleRow(k, (await findRedirect(k, `/2026/11/peregovory-${postId}/`))!.article_id!))!;
    return JSON.parse(row.body) as Doc;
  };
  const mediaCount = async () =>
    Number(
      (
        await o.db.kysely
          .selectFrom('media')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('without --media-dir: every image keeps its address and is listed in the report', async () => {
    const r = await importWordPress(deps, chunks(wxr({ items: post(950, BODY) })), { locale: 'ru', locales: ['en', 'ru'] });
    expect(r.counts.post.imported).toBe(1);
    const images = imagesOf(await bodyOf(950));
    expect(images.map((i) => i.mediaId ?? null)).toEqual([null, null, null, null, null]);
    expect(images[0]!.src).toBe(`${UP}/step-1024x640.jpg`);
    expect(r.mediaKept).toEqual([
      `${UP}/step-1024x640.jpg`,
      `${UP}/only-variant-300x200.jpg`,
      `${UP}/%D1%81%D1%82%D0%B5%D0%BF%D1%8C-2.jpg`,
      `${UP}/missing.jpg`,
      'https://cdn.elsewhere.example/x.jpg',
    ]);
  });

  it('with --media-dir: images under the uploads go into the library (the original of a resized copy), the text points at them; the rest is kept and listed', async () => {
    const media = {
      dir: uploads,
      options: { dataDir, maxBytes: 5 * 1024 * 1024 },
      who: { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null },
    };
    const before = await mediaCount();
    const file = wxr({
      items: attachment(952, `${UP}/step.jpg`) + post(951, BODY) + post(953, `<p><img src="${UP}/step-300x188.jpg" alt="Again, smaller"/></p>`),
    });
    const r = await importWordPress(deps, chunks(file), { locale: 'ru', locales: ['en', 'ru'], media });
    expect(r.counts.post.imported).toBe(2);
    const images = imagesOf(await bodyOf(951));
    const [step, variantOnly, inQuote, missing, elsewhere] = images;
    const attached = (await o.db.kysely.selectFrom('media').select('id').where('original_name', '=', 'step.jpg').executeTakeFirstOrThrow()).id;
    // The resized copy in the text is the attachment's original: one library item for the photo.
    expect(step).toMatchObject({ mediaId: attached, alt: 'Степь' });
    expect(step!.src).toMatch(/^\/media\/lib\/[0-9a-f]{20}\/.+\.(jpg|webp|avif)$/);
    expect(variantOnly!.mediaId).toEqual(expect.any(Number));
    expect(inQuote!.mediaId).toEqual(expect.any(Number));
    expect(new Set([step!.mediaId, variantOnly!.mediaId, inQuote!.mediaId]).size).toBe(3);
    expect(missing).toMatchObject({ src: `${UP}/missing.jpg` });
    expect(missing!.mediaId ?? null).toBeNull();
    expect(elsewhere).toMatchObject({ src: 'https://cdn.elsewhere.example/x.jpg' });
    // Another size of the same photo in another post: the same library item.
    expect(imagesOf(await bodyOf(953))[0]).toMatchObject({ mediaId: attached });
    expect(await mediaCount()).toBe(before + 3);
    expect(r.mediaKept).toEqual([`${UP}/missing.jpg`, 'https://cdn.elsewhere.example/x.jpg']);
    expect(r.notes.find((n) => n.id === '951')!.reason).toMatch(/image kept at its original address: not in the media folder: 2026\/11\/missing.jpg/);
    // Run again: nothing new, in the library or in the text.
    const again = await importWordPress(deps, chunks(file), { locale: 'ru', locales: ['en', 'ru'], media });
    expect(again.counts.post).toMatchObject({ unchanged: 2 });
    expect(await mediaCount()).toBe(before + 3);
  });
});
