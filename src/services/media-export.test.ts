import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRenditions } from '../content/media.js';
import { adminSite, apiCall, apiKeysForEveryRole, type AdminSite } from '#test/admin.js';
import { doc, newsroom } from '#test/fixtures.js';
import { testImage } from '#test/images.js';
import { TEST_SITE } from '#test/site.js';
import { getMedia } from '../db/media-repo.js';
import { uploadMedia } from './media.js';
import { exportStatic, linksIn, withPrefix } from './static-export.js';

describe('the static export and library images', () => {
  let s: AdminSite;
  let out: string;
  let heroId: number;
  let bodyId: number;

  beforeAll(async () => {
    s = await adminSite('sqlite');
    const n = await newsroom(s.db);
    const keys = await apiKeysForEveryRole(s);
    const editor = { actor: { id: -1, role: 'editor' as const, active: true }, userId: null, apiKeyId: null };
    const media = { dataDir: s.dataDir, maxBytes: 20 * 1024 * 1024 };
    heroId = (await uploadMedia(s.deps, media, editor, { bytes: await testImage('jpeg', 900, 600), fileName: 'hero.jpg', alt: 'A hero' })).item.id;
    bodyId = (await uploadMedia(s.deps, media, editor, { bytes: await testImage('png', 700, 300), fileName: 'inline.png', alt: 'Inline' })).item.id;
    const inline = (await getMedia(s.db.kysely, bodyId))!;
    const body = { type: 'doc', content: [...doc('Words.').content, { type: 'image', attrs: { src: inline.path, alt: '', mediaId: bodyId } }] };
    const res = await apiCall(s, keys.editor, 'POST', '/api/admin/v1/articles', {
      locale: 'en',
      headline: 'Pictures',
      sectionId: n.politics,
      body,
      hero: { mediaId: heroId },
    });
    const { id } = (await res.json()) as { id: number };
    expect((await apiCall(s, keys.editor, 'POST', `/api/admin/v1/articles/${id}/status`, { status: 'published' })).status).toBe(200);
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-media-'));
  }, 60_000);
  afterAll(async () => {
    await s?.cleanup();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes every rendition an exported page names (src and srcset), byte for byte', async () => {
    const report = await exportStatic({ fetch: async (p) => s.app.request(p), outDir: out, siteUrl: TEST_SITE.siteUrl, locales: TEST_SITE.locales });
    expect(report.broken).toEqual([]);
    for (const id of [heroId, bodyId]) {
      const row = (await getMedia(s.db.kysely, id))!;
      for (const r of parseRenditions(row.renditions)) {
        const file = path.join(out, r.path);
        expect(fs.existsSync(file), r.path).toBe(true);
        expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(s.dataDir, r.path)))).toBe(true);
      }
    }
  });

  it('follows and prefixes every srcset candidate', () => {
    const html =
      '<picture><source srcset="/media/a-320.avif 320w, /media/a-640.avif 640w" sizes="100vw"><img src="/media/a-640.jpg" srcset="/media/a-320.jpg 320w,/media/a-640.jpg 640w"></picture>';
    expect(linksIn(html, 'https://x.example').sort()).toEqual(
      ['/media/a-320.avif', '/media/a-320.jpg', '/media/a-640.avif', '/media/a-640.jpg', '/media/a-640.jpg'].sort(),
    );
    expect(withPrefix(html, '/news')).toBe(
      '<picture><source srcset="/news/media/a-320.avif 320w, /news/media/a-640.avif 640w" sizes="100vw"><img src="/news/media/a-640.jpg" srcset="/news/media/a-320.jpg 320w,/news/media/a-640.jpg 640w"></picture>',
    );
  });
});
