import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { apiCall, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { filesUnder, reviewPng, testImage } from '#test/images.js';
import { CHUNK, countedBody, MB, multipartFileHead, MULTIPART_TYPE } from '#test/bodies.js';
import { countingQueue } from '#test/queues.js';

const BASE = '/api/admin/v1/media';
const MAX_BYTES = 4 * 1024 * 1024;

// One decode at a time, four more in line: what the server does, with a line short enough to fill in a test.
const images = countingQueue(1, 4);

describeApi('Admin API media: %s', { mediaMaxBytes: MAX_BYTES, mediaQueue: images.queue }, ({ site: s, newsroom: n, keys }) => {
  const json = async (res: Response) => (await res.json()) as ApiJson;
  const upload = (key: string | null, bytes: Uint8Array, name: string, fields: Record<string, string> = {}, type = 'application/octet-stream') => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return s.app.request(BASE, { method: 'POST', body: form, headers: key ? { authorization: `Bearer ${key}` } : {} });
  };

  it('uploads an image: 201, its address, the item and renditions that decode to what they claim', async () => {
    const res = await upload(keys.author, await testImage('jpeg', 1000, 500), 'street.jpg', {
      alt: 'A street',
      caption: 'Evening',
      credit: 'Photo: A. Author',
    });
    expect(res.status).toBe(201);
    const item = await json(res);
    expect(res.headers.get('location')).toBe(`${BASE}/${item['id']}`);
    expect(item).toMatchObject({
      alt: 'A street',
      missingAlt: false,
      caption: 'Evening',
      credit: 'Photo: A. Author',
      mime: 'image/jpeg',
      originalMime: 'image/jpeg',
      width: 1000,
      height: 500,
      focalX: 0.5,
      focalY: 0.5,
      originalName: 'street.jpg',
      uploadedBy: null,
    });
    expect(item['src']).toMatch(/-1000\.jpg$/);
    expect(item['renditions'].map((r: ApiJson) => `${r['format']}@${r['width']}`).sort()).toEqual(
      ['avif', 'jpeg', 'webp'].flatMap((f) => [320, 640, 960, 1000].map((w) => `${f}@${w}`)).sort(),
    );
    // Readers get each rendition from /media/, cacheable for good (a new file gets a new name).
    const avif = item['renditions'].find((r: ApiJson) => r['format'] === 'avif' && r['width'] === 640);
    const served = await s.app.request(avif['path']);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/avif');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([640, 320]);
  });

  it('answers a re-upload of the same bytes with the existing item (200), and judges files by their bytes', async () => {
    const png = await testImage('png', 400, 300);
    const first = await json(await upload(keys.editor, png, 'chart.png', { alt: 'A chart' }));
    const again = await upload(keys.contributor, png, 'renamed-chart.jpg', {}, 'image/jpeg');
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ id: first['id'], alt: 'A chart', mime: 'image/jpeg', originalMime: 'image/png', originalName: 'chart.png' });

    const text = await expectProblem(await upload(keys.editor, Buffer.from('just some words\n'), 'photo.png', {}, 'image/png'), 415, 'UNSUPPORTED_MEDIA');
    expect(text['hint']).toMatch(/JPEG, PNG, WebP, GIF or AVIF/);
    await expectProblem(
      await upload(keys.editor, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.png', {}, 'image/png'),
      415,
      'UNSUPPORTED_MEDIA',
    );
  });

  it('takes uploads larger than the API’s 2 MB JSON limit, up to MEDIA_MAX_MB, and refuses more with MEDIA_TOO_LARGE', async () => {
    // Uncompressed: big on the wire, quick to encode.
    const big = await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#888' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(big.length).toBeLessThan(MAX_BYTES);
    expect((await upload(keys.editor, big, 'noise.png', { alt: 'Noise' })).status).toBe(201);
    const huge = Buffer.concat([await testImage('png', 10, 10), Buffer.alloc(MAX_BYTES)]);
    const p = await expectProblem(await upload(keys.editor, huge, 'huge.png'), 413, 'MEDIA_TOO_LARGE');
    expect(p['hint']).toMatch(/MEDIA_MAX_MB/);
    // JSON elsewhere keeps its own limit.
    const json3mb = JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) });
    await expectProblem(await apiCall(s, keys.editor, 'POST', '/api/admin/v1/articles', json3mb), 413, 'PAYLOAD_TOO_LARGE');
  });

  describe('an upload larger than MEDIA_MAX_MB is never read past the limit', () => {
    const TOTAL = 60 * MB;
    // The limit (MEDIA_MAX_MB and room for the form around the file), and what a stream holds ahead of its reader.
    const CUT = MAX_BYTES + 64 * 1024 + 2 * CHUNK;

    it('regression: a logged-in session without X-CSRF-Token is refused before its 60 MB upload is read', async () => {
      const editor = s.agent();
      expect((await editor.login(s.users.editor.email)).status).toBe(303);
      const body = countedBody(TOTAL, multipartFileHead());
      const res = await editor.request('/admin/api/v1/media', { method: 'POST', ...body.init, headers: { 'content-type': MULTIPART_TYPE } });
      // The API takes the token from the header only: nothing of the body is read for it.
      expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
      await expectProblem(res, 403, 'CSRF_FAILED');
    });

    it('refuses a declared Content-Length over the limit at once (413), before authentication', async () => {
      for (const auth of [{}, { authorization: `Bearer ${keys.editor}` }, { authorization: 'Bearer not-a-key' }] as Record<string, string>[]) {
        const body = countedBody(TOTAL, multipartFileHead());
        const res = await s.app.request(BASE, {
          method: 'POST',
          ...body.init,
          headers: { 'content-type': MULTIPART_TYPE, 'content-length': String(TOTAL), ...auth },
        });
        await expectProblem(res, 413, 'MEDIA_TOO_LARGE');
        expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
      }
    });

    it('cuts a body of no declared length at the limit as it is read (413); one nobody reads is not read', async () => {
      const body = countedBody(TOTAL, multipartFileHead());
      await expectProblem(
        await s.app.request(BASE, { method: 'POST', ...body.init, headers: { 'content-type': MULTIPART_TYPE, authorization: `Bearer ${keys.editor}` } }),
        413,
        'MEDIA_TOO_LARGE',
      );
      expect(body.pulled()).toBeGreaterThan(MAX_BYTES);
      expect(body.pulled()).toBeLessThanOrEqual(CUT);
      const anonymous = countedBody(TOTAL, multipartFileHead());
      await expectProblem(
        await s.app.request(BASE, { method: 'POST', ...anonymous.init, headers: { 'content-type': MULTIPART_TYPE } }),
        401,
        'UNAUTHENTICATED',
      );
      expect(anonymous.pulled()).toBeLessThanOrEqual(2 * CHUNK);
    });
  });

  it('refuses the 9,990 × 9,990 PNG of the review (413 MEDIA_TOO_LARGE naming the limit) before decoding, storing nothing', async () => {
    const files = filesUnder(s.dataDir);
    const listed = await json(await apiCall(s, keys.editor, 'GET', `${BASE}?limit=100`));
    images.reset();
    const p = await expectProblem(await upload(keys.contributor, await reviewPng(), 'poster.png', { alt: 'A poster' }), 413, 'MEDIA_TOO_LARGE');
    expect(p['detail']).toMatch(/9,990 × 9,990 pixels/);
    expect(p['hint']).toMatch(/at most 50 megapixels .*MEDIA_MAX_MEGAPIXELS/);
    expect(p).toMatchObject({ maxPixels: 50_000_000, maxDecodedBytes: 200_000_000 });
    expect(images.stats.jobs).toBe(0);
    expect(filesUnder(s.dataDir)).toEqual(files);
    expect(await json(await apiCall(s, keys.editor, 'GET', `${BASE}?limit=100`))).toEqual(listed);
  });

  it('decodes uploads that arrive together one at a time and completes them all; a full line is 503 MEDIA_BUSY with Retry-After', async () => {
    images.reset();
    const burst = await Promise.all([0, 1, 2, 3, 4].map(async (i) => upload(keys.contributor, await testImage('png', 300 + i * 7, 200), `burst-${i}.png`)));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(images.stats).toEqual({ jobs: 5, peak: 1 });

    // One decoding and four waiting: the next is told to come back, and nothing of it is kept.
    images.hold(5);
    try {
      const files = filesUnder(s.dataDir);
      const errors = vi.spyOn(s.deps.log, 'error');
      const warnings = vi.spyOn(s.deps.log, 'warn');
      const busy = await upload(keys.contributor, await testImage('png', 350, 200), 'busy.png');
      // A full line is load, not a fault: a warning, never an error that buries real ones.
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).toHaveBeenCalledWith(expect.objectContaining({ code: 'MEDIA_BUSY' }), 'refused: busy');
      errors.mockRestore();
      warnings.mockRestore();
      const p = await expectProblem(busy, 503, 'MEDIA_BUSY');
      expect(busy.headers.get('retry-after')).toBe('10');
      expect(p['hint']).toMatch(/Nothing was stored/);
      expect(filesUnder(s.dataDir)).toEqual(files);
    } finally {
      await images.release();
    }
    expect((await upload(keys.contributor, await testImage('png', 350, 200), 'busy.png')).status).toBe(201);
  });

  it('refuses requests that are not an upload form, and unknown fields', async () => {
    await expectProblem(await apiCall(s, keys.editor, 'POST', BASE, { alt: 'x' }), 400, 'BAD_REQUEST');
    const form = new FormData();
    form.append('alt', 'no file');
    await expectProblem(
      await s.app.request(BASE, { method: 'POST', body: form, headers: { authorization: `Bearer ${keys.editor}` } }),
      422,
      'VALIDATION_FAILED',
    );
    const p = await expectProblem(await upload(keys.editor, await testImage('png', 30, 30), 'x.png', { altt: 'typo' }), 422, 'VALIDATION_FAILED');
    expect(p['errors']).toEqual([{ field: 'altt', pointer: '#/altt', detail: 'unknown field' }]);
    await expectProblem(await upload(null, await testImage('png', 30, 30), 'x.png'), 401, 'UNAUTHENTICATED');
  });

  it('lists newest first with a keyset `next`, finds words in alt text and captions, and reads one item', async () => {
    const all = await json(await apiCall(s, keys.translator, 'GET', BASE));
    const ids = all['items'].map((i: ApiJson) => i['id']);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const page1 = await json(await apiCall(s, keys.translator, 'GET', `${BASE}?limit=2`));
    expect(page1['items']).toHaveLength(2);
    const page2 = await json(await apiCall(s, keys.translator, 'GET', page1['next']));
    expect(page2['items'][0]['id']).toBeLessThan(page1['items'][1]['id']);
    const found = await json(await apiCall(s, keys.translator, 'GET', `${BASE}?q=${encodeURIComponent('EVENING')}`));
    expect(found['items'].map((i: ApiJson) => i['alt'])).toEqual(['A street']);
    expect(await json(await apiCall(s, keys.contributor, 'GET', `${BASE}/${ids[0]}`))).toMatchObject({ id: ids[0] });
    await expectProblem(await apiCall(s, keys.editor, 'GET', `${BASE}/999999`), 404, 'NOT_FOUND');
    await expectProblem(await apiCall(s, keys.editor, 'GET', `${BASE}/abc`), 404, 'NOT_FOUND');
    await expectProblem(await apiCall(s, keys.editor, 'GET', `${BASE}?limit=0`), 422, 'VALIDATION_FAILED');
  });

  it('edits alt, caption, credit and focal point; contributors may upload but not edit', async () => {
    const item = await json(await upload(keys.contributor, await testImage('webp', 500, 300), 'square.webp'));
    expect(item['missingAlt']).toBe(true);
    const refused = await expectProblem(await apiCall(s, keys.contributor, 'PATCH', `${BASE}/${item['id']}`, { alt: 'x' }), 403, 'FORBIDDEN');
    expect(refused['action']).toBe('media.edit');
    for (const role of ['admin', 'editor', 'author', 'translator'] as const) {
      const res = await apiCall(s, keys[role], 'PATCH', `${BASE}/${item['id']}`, { alt: `Seen by ${role}` });
      expect(res.status, role).toBe(200);
    }
    const res = await apiCall(s, keys.editor, 'PATCH', `${BASE}/${item['id']}`, { caption: 'Square', credit: null, focalX: 0.2, focalY: 1 });
    expect(await json(res)).toMatchObject({ alt: 'Seen by translator', missingAlt: false, caption: 'Square', credit: null, focalX: 0.2, focalY: 1 });
    const bad = await expectProblem(await apiCall(s, keys.editor, 'PATCH', `${BASE}/${item['id']}`, { focalX: 2, colour: 'red' }), 422, 'VALIDATION_FAILED');
    expect(bad['errors'].map((e: ApiJson) => e['field']).sort()).toEqual(['colour', 'focalX']);
    await expectProblem(await apiCall(s, keys.editor, 'PATCH', `${BASE}/${item['id']}`, {}), 422, 'VALIDATION_FAILED');
  });

  it('refuses to publish a story whose hero or body image has no alt text, naming each, until it has one', async () => {
    const photo = await json(await upload(keys.editor, await testImage('jpeg', 640, 400), 'no-alt.jpg'));
    const body = {
      type: 'doc',
      content: [
        ...doc('First paragraph.').content,
        { type: 'image', attrs: { src: photo['src'], alt: '', mediaId: photo['id'] } },
        { type: 'image', attrs: { src: '/media/elsewhere.jpg', alt: 'Described' } },
      ],
    };
    const created = await apiCall(s, keys.editor, 'POST', '/api/admin/v1/articles', {
      locale: 'en',
      headline: 'Pictures without words',
      sectionId: n.politics,
      body,
      hero: { mediaId: photo['id'] },
    });
    expect(created.status).toBe(201);
    const id = (await json(created))['id'];
    const publish = () => apiCall(s, keys.editor, 'POST', `/api/admin/v1/articles/${id}/status`, { status: 'published' });
    const p = await expectProblem(await publish(), 422, 'ALT_TEXT_REQUIRED');
    expect(p['errors'].map((e: ApiJson) => e['pointer'])).toEqual(['#/hero/alt', '#/body/content/1/attrs/alt']);
    expect(p['hint']).toMatch(/the hero image and body image 1 \(no-alt-640\.jpg\)/);
    const later = new Date(Date.parse(s.deps.clock().toISOString()) + 86_400_000).toISOString();
    await expectProblem(await apiCall(s, keys.editor, 'POST', `/api/admin/v1/articles/${id}/schedule`, { publishAt: later }), 422, 'ALT_TEXT_REQUIRED');
    // Described once in the library, it is described wherever it is used.
    expect((await apiCall(s, keys.editor, 'PATCH', `${BASE}/${photo['id']}`, { alt: 'A quiet square' })).status).toBe(200);
    const done = await publish();
    expect(done.status).toBe(200);
    expect((await json(done))['transition']).toEqual({ from: 'draft', to: 'published' });
  });

  it('deletes an item no story ever showed, with its files; refuses one any revision shows (MEDIA_IN_USE); writers may not delete', async () => {
    const used = await json(await upload(keys.editor, await testImage('jpeg', 700, 400), 'in-use.jpg', { alt: 'Used' }));
    const spare = await json(await upload(keys.editor, await testImage('png', 500, 500), 'spare.png', { alt: 'Spare' }));
    const created = await apiCall(s, keys.editor, 'POST', '/api/admin/v1/articles', {
      locale: 'en',
      headline: 'A story with a picture in its body',
      sectionId: n.politics,
      body: { type: 'doc', content: [...doc('Text.').content, { type: 'image', attrs: { src: used['src'], alt: 'Used', mediaId: used['id'] } }] },
    });
    const story = (await json(created))['id'];

    const inUse = await expectProblem(await apiCall(s, keys.editor, 'DELETE', `${BASE}/${used['id']}`), 409, 'MEDIA_IN_USE');
    expect(inUse['articles']).toEqual([story]);
    // Taken out of the story, it is still in the story's earlier revision: restoring that one must find it.
    const current = await json(await apiCall(s, keys.editor, 'GET', `/api/admin/v1/articles/${story}`));
    const edited = await apiCall(s, keys.editor, 'PUT', `/api/admin/v1/articles/${story}`, {
      locale: 'en',
      headline: 'A story, its picture taken out',
      sectionId: n.politics,
      body: doc('Text.'),
      baseRevision: current['revision'],
    });
    expect(edited.status).toBe(200);
    expect((await expectProblem(await apiCall(s, keys.editor, 'DELETE', `${BASE}/${used['id']}`), 409, 'MEDIA_IN_USE'))['articles']).toEqual([story]);
    expect((await s.app.request(used['src'])).status).toBe(200);
    for (const role of ['author', 'translator', 'contributor'] as const) {
      await expectProblem(await apiCall(s, keys[role], 'DELETE', `${BASE}/${spare['id']}`), 403, 'FORBIDDEN');
    }

    const files = spare['renditions'].map((r: ApiJson) => r['path'] as string);
    expect((await s.app.request(files[0])).status).toBe(200);
    const gone = await apiCall(s, keys.editor, 'DELETE', `${BASE}/${spare['id']}`);
    expect(gone.status).toBe(204);
    await expectProblem(await apiCall(s, keys.editor, 'GET', `${BASE}/${spare['id']}`), 404, 'NOT_FOUND');
    for (const f of files) expect((await s.app.request(f)).status, f).toBe(404);
    await expectProblem(await apiCall(s, keys.editor, 'DELETE', `${BASE}/${spare['id']}`), 404, 'NOT_FOUND');
    // The same bytes may come back as a new item.
    const again = await upload(keys.editor, await testImage('png', 500, 500), 'spare.png', { alt: 'Spare' });
    expect(again.status).toBe(201);
  });
});
