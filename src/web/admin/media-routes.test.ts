import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit-repo.js';
import { createArticle } from '../../services/article-store.js';
import { adminSite, type AdminSite, type Agent } from '#test/admin.js';
import { filesUnder, testImage } from '#test/images.js';
import { CHUNK, countedBody, MB, multipartFileHead, MULTIPART_TYPE } from '#test/bodies.js';
import { countingQueue } from '#test/queues.js';

describe('the admin media pages', () => {
  let s: AdminSite;
  let editor: Agent;
  let contributor: Agent;
  const images = countingQueue(1, 2);

  beforeAll(async () => {
    s = await adminSite('sqlite', { mediaMaxBytes: 1024 * 1024, mediaMaxPixels: 1_000_000, mediaQueue: images.queue });
    editor = s.agent();
    await editor.login(s.users.editor.email);
    contributor = s.agent();
    await contributor.login(s.users.contributor.email);
  });
  afterAll(async () => s?.cleanup());

  const upload = async (agent: Agent, bytes: Uint8Array, name: string, fields: Record<string, string> = {}, csrf?: string) => {
    const form = new FormData();
    form.append('_csrf', csrf ?? (await agent.csrfFrom('/admin/media')));
    form.append('file', new Blob([bytes]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return agent.request('/admin/media/upload', { method: 'POST', body: form });
  };

  it('sends visitors who are not logged in to the login form', async () => {
    const res = await s.agent().get('/admin/media');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fmedia');
  });

  it('uploads through the form (larger than the 64 KB form limit) and shows the item', async () => {
    const bytes = await testImage('png', 300, 300, { noise: true });
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const res = await upload(editor, bytes, 'noise.png', { alt: 'Grey noise', caption: 'Static', credit: 'Desk' });
    expect(res.status).toBe(303);
    const to = res.headers.get('location')!;
    expect(to).toMatch(/^\/admin\/media\/\d+\?done=uploaded$/);
    const page = await (await editor.get(to)).text();
    expect(page).toContain('Uploaded. Its renditions are ready to use.');
    expect(page).toContain('>Grey noise</textarea>');
    expect(page).toMatch(/href="\/media\/lib\/[0-9a-f]{20}\/noise-300\.avif">AVIF</);
    // Again: the same item.
    const again = await upload(editor, bytes, 'copy.png');
    expect(again.headers.get('location')).toBe(to.replace('uploaded', 'exists'));
  });

  it('reads an upload form for its _csrf field only up to the limit: 60 MB without a token is cut there (413)', async () => {
    const LIMIT = 1024 * 1024 + 64 * 1024;
    const body = countedBody(60 * MB, multipartFileHead());
    const res = await editor.request('/admin/media/upload', { method: 'POST', ...body.init, headers: { 'content-type': MULTIPART_TYPE } });
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<code>MEDIA_TOO_LARGE</code>');
    // A declared length over the limit is refused before the session is even looked up.
    const declared = countedBody(60 * MB, multipartFileHead());
    const anonymous = await s.app.request('/admin/media/upload', {
      method: 'POST',
      ...declared.init,
      headers: { 'content-type': MULTIPART_TYPE, 'content-length': String(60 * MB) },
    });
    expect(anonymous.status).toBe(413);
    expect(declared.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('lists items with thumbnails and marks those without alt text; contributors may upload', async () => {
    const res = await upload(contributor, await testImage('jpeg', 500, 300), 'undescribed.jpg');
    expect(res.status).toBe(303);
    const html = await (await contributor.get('/admin/media')).text();
    expect(html).toMatch(/<li class="no-alt"><img src="\/media\/lib\/[0-9a-f]{20}\/undescribed-320\.jpg" alt="" width="320" height="192"/);
    expect(html).toContain('<span class="badge">No alt text</span>');
    expect(html).toContain('Grey noise');
    const found = await (await contributor.get('/admin/media?q=grey')).text();
    expect(found).toContain('Grey noise');
    expect(found).not.toContain('undescribed.jpg');
  });

  it('shows what was wrong with an upload on the page, and stores nothing', async () => {
    const text = await upload(editor, Buffer.from('not an image at all'), 'photo.jpg');
    expect(text.status).toBe(415);
    expect(await text.text()).toContain('Upload a JPEG, PNG, WebP, GIF or AVIF image');
    const big = await upload(editor, Buffer.alloc(1024 * 1024 + 100 * 1024), 'big.jpg');
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('MEDIA_TOO_LARGE');
    const forged = await upload(editor, await testImage('png', 40, 40), 'x.png', {}, 'not-the-token');
    expect(forged.status).toBe(403);
    const uploads = await listAudit(s.db.kysely, { subjectType: 'media' });
    expect(uploads.filter((a) => a.action === 'media.upload')).toHaveLength(2);
  });

  it('shows an image over the pixel limit, and a full upload line, on the library page, and stores nothing', async () => {
    const files = filesUnder(s.dataDir);
    const tall = await upload(editor, await testImage('png', 1200, 900), 'tall.png');
    expect(tall.status).toBe(413);
    const page = await tall.text();
    expect(page).toContain('The image is 1,200 × 900 pixels (1.1 megapixels), more than the 1 megapixel an upload may have.');
    expect(page).toContain('An upload may have at most 1 megapixel at 8 bits per channel (4 MB decoded; MEDIA_MAX_MEGAPIXELS).');
    images.hold(3);
    try {
      const busy = await upload(editor, await testImage('png', 200, 100), 'busy.png');
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('10');
      const again = await busy.text();
      // The library page, its form ready to send again, not an error page.
      expect(again).toContain('action="/admin/media/upload"');
      expect(again).toContain('Send the image again in 10 seconds or so.');
    } finally {
      await images.release();
    }
    expect(filesUnder(s.dataDir)).toEqual(files);
    expect((await upload(editor, await testImage('png', 200, 100), 'busy.png')).status).toBe(303);
  });

  it('saves alt text, caption, credit and focal point (in percent); a contributor sees the item but may not edit it', async () => {
    const id = (await s.db.kysely.selectFrom('media').select('id').where('original_name', '=', 'undescribed.jpg').executeTakeFirstOrThrow()).id;
    const asContributor = await (await contributor.get(`/admin/media/${id}`)).text();
    expect(asContributor).not.toContain(`action="/admin/media/${id}"`);
    expect(asContributor).toContain('This image has no alt text.');
    const csrf = await editor.csrfFrom(`/admin/media/${id}`);
    const refused = await contributor.post(`/admin/media/${id}`, {
      _csrf: await contributor.csrfFrom('/admin/media'),
      alt: 'x',
      caption: '',
      credit: '',
      focalX: '50',
      focalY: '50',
    });
    expect(refused.status).toBe(403);
    const saved = await editor.post(`/admin/media/${id}`, { _csrf: csrf, alt: 'Two colours', caption: 'Halves', credit: '', focalX: '20', focalY: '80' });
    expect(saved.status).toBe(303);
    const html = await (await editor.get(saved.headers.get('location')!)).text();
    expect(html).toContain('Saved.');
    expect(html).toContain('value="20"');
    expect(html).toContain('class="fx2 fy8"');
    const row = await s.db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ alt: 'Two colours', caption: 'Halves', credit: null, focal_x: 0.2, focal_y: 0.8 });
    const bad = await editor.post(`/admin/media/${id}`, { _csrf: csrf, alt: 'Typed again', caption: '', credit: '', focalX: '150', focalY: '50' });
    expect(bad.status).toBe(422);
    const again = await bad.text();
    expect(again).toContain('focalX');
    expect(again).toContain('>Typed again</textarea>');
  });

  it('deletes an image nobody shows; says which stories keep one that is shown; a contributor has no delete button', async () => {
    const spareRes = await upload(editor, await testImage('jpeg', 360, 240), 'spare.jpg', { alt: 'Spare' });
    const spare = Number(spareRes.headers.get('location')!.match(/\/admin\/media\/(\d+)/)![1]);
    expect(await (await contributor.get(`/admin/media/${spare}`)).text()).not.toContain('Delete this image');
    const refused = await contributor.post(`/admin/media/${spare}/delete`, { _csrf: await contributor.csrfFrom('/admin/media') });
    expect(refused.status).toBe(403);

    const usedId = (await s.db.kysely.selectFrom('media').select('id').where('original_name', '=', 'noise.png').executeTakeFirstOrThrow()).id;
    const section = await s.db.kysely.selectFrom('sections').select('id').executeTakeFirst();
    const sectionId =
      section?.id ??
      (
        await s.db.kysely
          .insertInto('sections')
          .values({ slug: 'news', position: 0, created_at: '2026-01-01T00:00:00.000Z' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const story = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Noise in the hero',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
      sectionId,
      status: 'draft',
      hero: { mediaId: usedId },
    });
    const kept = await editor.post(`/admin/media/${usedId}/delete`, { _csrf: await editor.csrfFrom(`/admin/media/${usedId}`) });
    expect(kept.status).toBe(409);
    expect(await kept.text()).toContain(`#${story}`);

    const page = await (await editor.get(`/admin/media/${spare}`)).text();
    expect(page).toContain('Delete this image');
    const gone = await editor.post(`/admin/media/${spare}/delete`, { _csrf: await editor.csrfFrom(`/admin/media/${spare}`) });
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/admin/media?done=deleted');
    expect(await (await editor.get('/admin/media?done=deleted')).text()).toContain('Deleted, with its files.');
    expect(await s.db.kysely.selectFrom('media').select('id').where('id', '=', spare).executeTakeFirst()).toBeUndefined();
  });

  it('serves its stylesheet to the admin pages', async () => {
    const res = await editor.get('/admin/media/media.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(await res.text()).toContain('.media-grid');
  });
});
