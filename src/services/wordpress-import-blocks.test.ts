import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Doc } from '../content/document.js';
import { getArticleRow } from '../db/articles-repo.js';
import { findRedirect } from '../db/taxonomy-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { POST, wxr } from '#test/wxr.js';
import { importWordPress } from './wordpress-import.js';

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

// Block markup as WordPress 6.x saves it; each block's own cases are in importers/gutenberg-blocks.test.ts.
const BODY = [
  '<!-- wp:paragraph --><p>Абзац.</p><!-- /wp:paragraph -->',
  '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","providerNameSlug":"youtube"} --><figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure><!-- /wp:embed -->',
  '<!-- wp:gallery {"linkTo":"none"} --><figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":61} --><figure class="wp-block-image"><img src="https://x.example/b.jpg" alt="Б"/></figure><!-- /wp:image --><!-- wp:image {"id":62} --><figure class="wp-block-image"><img src="https://x.example/c.jpg" alt="В"/></figure><!-- /wp:image --></figure><!-- /wp:gallery -->',
  '<!-- wp:acme/poll --><div class="wp-block-acme-poll"><p>Голосуйте</p><script>steal()</script></div><!-- /wp:acme/poll -->',
].join('\n');

forEachEngine('WordPress import, block markup: %s', (engine) => {
  let o: OpenedDb;
  beforeAll(async () => {
    o = await openDb(engine);
    await newsroom(o.db);
  }, 60_000);
  afterAll(() => o?.cleanup());

  it('turns the blocks into the body (embed, every gallery image) and warns about the unknown block in the report', async () => {
    const item = POST.replace(/<content:encoded><!\[CDATA\[[\s\S]*?\]\]><\/content:encoded>/, `<content:encoded><![CDATA[${BODY}]]></content:encoded>`);
    const r = await importWordPress(testDeps(o.db), chunks(wxr({ items: item })), { locale: 'ru', locales: ['en', 'ru'] });
    expect(r.counts.post.imported).toBe(1);
    expect(r.notes.find((n) => n.id === '41')?.reason).toContain('blocks kept as cleaned HTML (scripts, frames and styles dropped): wp:acme/poll');
    const k = o.db.kysely;
    const row = (await getArticleRow(k, (await findRedirect(k, '/2026/11/peregovory/'))!.article_id!))!;
    const body = JSON.parse(row.body) as Doc;
    expect(body.content.map((b) => b.type)).toEqual(['paragraph', 'embed', 'image', 'image', 'paragraph']);
    expect(row.body).not.toContain('steal');
  });
});
