import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRenditions } from '../content/media.js';
import { listAudit } from '../db/audit-repo.js';
import { animatedGif, filesUnder, pixel, reviewPng, testImage } from '#test/images.js';
import { countingQueue } from '#test/queues.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { refused, testDeps } from '#test/fixtures.js';
import { DEFAULT_MAX_PIXELS, detectImageType, editMedia, listMediaItems, processImage, uploadMedia, type MediaOptions } from './media.js';
import { userPrincipal, type Principal } from './principal.js';
import type { Role } from '../content/types.js';

const LIMITS = { maxBytes: 5 * 1024 * 1024 };
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

describe('the type of an upload is read from its bytes', () => {
  it('accepts JPEG, PNG, WebP, GIF and AVIF whatever the file is called', async () => {
    expect(await detectImageType(await testImage('png', 20, 20), 'holiday.jpg')).toBe('image/png');
    expect(await detectImageType(await testImage('jpeg', 20, 20), 'scan.png')).toBe('image/jpeg');
    expect(await detectImageType(await testImage('webp', 20, 20))).toBe('image/webp');
    expect(await detectImageType(await testImage('gif', 20, 20))).toBe('image/gif');
    expect(await detectImageType(await testImage('avif', 20, 20))).toBe('image/avif');
  });

  it.each([
    ['a text file named .png', Buffer.from('hello, this is not an image\n'), 'photo.png'],
    ['an SVG named .png', svg, 'logo.png'],
    ['a PDF named .jpg', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'scan.jpg'],
    ['a TIFF', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0, 0, 0, 0]), 'scan.tif'],
  ])('refuses %s with UNSUPPORTED_MEDIA (415) and says what is accepted', async (_label, bytes, name) => {
    const e = await refused(detectImageType(bytes, name));
    expect(e.code).toBe('UNSUPPORTED_MEDIA');
    expect(e.status).toBe(415);
    expect(e.hint).toMatch(/JPEG, PNG, WebP, GIF or AVIF/);
    expect(e.message).toContain(name);
  });
});

describe('processImage', () => {
  it('makes AVIF, WebP and JPEG at each width up to the original, which decode back to what they claim', async () => {
    const p = await processImage(await testImage('jpeg', 1000, 600), LIMITS);
    expect(p).toMatchObject({ mime: 'image/jpeg', width: 1000, height: 600 });
    const got = p.renditions.map((r) => `${r.format}@${r.width}`);
    for (const w of [320, 640, 960, 1000]) for (const f of ['avif', 'webp', 'jpeg']) expect(got).toContain(`${f}@${w}`);
    expect(p.renditions).toHaveLength(12);
    for (const r of p.renditions) {
      const meta = await sharp(r.data).metadata();
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(r.format);
      expect([meta.width, meta.height]).toEqual([r.width, r.height]);
      expect(r.height).toBe(Math.round((r.width * 600) / 1000));
    }
  });

  it('caps renditions at 1600 pixels wide for a larger original', async () => {
    const p = await processImage(await testImage('png', 2000, 500), LIMITS);
    expect(Math.max(...p.renditions.map((r) => r.width))).toBe(1600);
    expect([...new Set(p.renditions.map((r) => r.width))]).toEqual([320, 640, 960, 1280, 1600]);
  });

  it('turns a photo the way its EXIF orientation says, and strips its metadata', async () => {
    // Stored 600 wide and 400 high, red on the left; orientation 6 means "rotate 90° clockwise to view".
    const p = await processImage(await testImage('jpeg', 600, 400, { orientation: 6 }), LIMITS);
    expect([p.width, p.height]).toEqual([400, 600]);
    const jpeg = p.renditions.find((r) => r.format === 'jpeg' && r.width === 400)!;
    expect(jpeg.height).toBe(600);
    const meta = await sharp(jpeg.data).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    // Red was on the left; turned clockwise it is on top.
    expect((await pixel(jpeg.data, 200, 50)).r).toBeGreaterThan(150);
    expect((await pixel(jpeg.data, 200, 550)).b).toBeGreaterThan(150);
  });

  it('puts transparency on white in JPEG and keeps it in WebP and AVIF', async () => {
    const p = await processImage(await testImage('png', 400, 200, { alpha: true }), LIMITS);
    const jpeg = p.renditions.find((r) => r.format === 'jpeg')!;
    expect(await pixel(jpeg.data, 10, 10)).toMatchObject({ r: expect.toSatisfy((v: number) => v > 240), g: expect.toSatisfy((v: number) => v > 240) });
    expect((await sharp(p.renditions.find((r) => r.format === 'webp')!.data).metadata()).hasAlpha).toBe(true);
  });

  it('keeps the first frame of an animated GIF', async () => {
    const p = await processImage(await animatedGif(400, 300), LIMITS);
    expect(p).toMatchObject({ mime: 'image/gif', width: 400, height: 300 });
    const jpeg = p.renditions.find((r) => r.format === 'jpeg' && r.width === 400)!;
    expect(jpeg.height).toBe(300);
    expect(await pixel(jpeg.data, 200, 150)).toMatchObject({ r: expect.toSatisfy((v: number) => v > 200), b: expect.toSatisfy((v: number) => v < 60) });
  });

  it('refuses a file over the size limit, an image over the pixel limit, an empty and a damaged file', async () => {
    const big = await testImage('png', 600, 600, { noise: true });
    const tooBig = await refused(processImage(big, { maxBytes: big.length - 1 }));
    expect([tooBig.code, tooBig.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(tooBig.hint).toMatch(/MEDIA_MAX_MB/);
    const tooMany = await refused(processImage(await testImage('png', 500, 500), { maxBytes: LIMITS.maxBytes, maxPixels: 200_000 }));
    expect([tooMany.code, tooMany.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(tooMany.message).toMatch(/500 × 500 pixels/);
    expect((await refused(processImage(new Uint8Array(0), LIMITS))).code).toBe('VALIDATION_FAILED');
    const jpeg = await testImage('jpeg', 600, 400);
    const cut = await refused(processImage(jpeg.subarray(0, 400), LIMITS));
    expect(cut.code).toBe('VALIDATION_FAILED');
    expect(cut.details?.['fields']).toEqual({ file: 'damaged or incomplete image' });
  });
});

describe('decoding is budgeted before a pixel is decoded (issue 10, item 4)', () => {
  it('refuses the 9,990 × 9,990 PNG of the review by its header, with MEDIA_TOO_LARGE and a hint naming the limit', async () => {
    const png = await reviewPng();
    expect(png.length).toBeLessThan(LIMITS.maxBytes);
    const { queue, stats } = countingQueue(1, 8);
    const e = await refused(processImage(png, { ...LIMITS, queue }, 'poster.png'));
    expect([e.code, e.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(e.message).toMatch(/9,990 × 9,990 pixels \(99\.8 megapixels\), more than the 50 megapixels/);
    expect(e.hint).toMatch(/at most 50 megapixels .*200 MB decoded; MEDIA_MAX_MEGAPIXELS/);
    expect(e.details).toMatchObject({ maxPixels: DEFAULT_MAX_PIXELS, maxDecodedBytes: 200_000_000, width: 9990, height: 9990, channels: 3 });
    // Never queued for decoding; and its first 64 bytes (the header, no pixels) are refused the same way, where a
    // decode would have found the file cut short.
    expect(stats.jobs).toBe(0);
    const header = await refused(processImage(png.subarray(0, 64), { ...LIMITS, queue }));
    expect(header.code).toBe('MEDIA_TOO_LARGE');
    expect(stats.jobs).toBe(0);
  });

  it('counts channels and bits: a 16-bit RGBA image under the pixel limit is refused when its decoded bytes are not', async () => {
    const limits = { ...LIMITS, maxPixels: 200_000 };
    const rgba = (depth: 'rgb16' | 'srgb') =>
      sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } }).toColourspace(depth).png().toBuffer();
    // 120,000 pixels × 4 channels × 2 bytes = 960,000 bytes, over 200,000 × 4.
    const deep = await refused(processImage(await rgba('rgb16'), limits));
    expect([deep.code, deep.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(deep.message).toMatch(/400 × 300 pixels \(0\.1 megapixels\) with 4 channels at 16 bits: decoded it would take 1 MB, more than the 1 MB/);
    expect(deep.details).toMatchObject({ decodedBytes: 960_000, maxDecodedBytes: 800_000 });
    expect((await processImage(await rgba('srgb'), limits)).width).toBe(400);
    // The limit itself is allowed: 500 × 400 is 200,000 pixels.
    expect((await processImage(await testImage('png', 500, 400), limits)).width).toBe(500);
    expect((await refused(processImage(await testImage('png', 501, 400), limits))).code).toBe('MEDIA_TOO_LARGE');
  });
});

describe('the library', () => {
  let db: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let media: MediaOptions;
  const ids: Record<string, number> = {};
  const as = (role: Role): Principal => userPrincipal({ id: ids[role]!, role, active: true });

  beforeAll(async () => {
    db = await openDb('sqlite');
    deps = testDeps(db.db);
    media = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-media-')), maxBytes: LIMITS.maxBytes };
    for (const role of ['editor', 'contributor'] as const) {
      const row = await db.db.kysely
        .insertInto('users')
        .values({ email: `${role}@example.org`, name: role, role, password_hash: 'x', created_at: '2026-01-01', updated_at: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[role] = row.id;
    }
  });
  afterAll(async () => {
    await db?.cleanup();
    if (media) fs.rmSync(media.dataDir, { recursive: true, force: true });
  });

  it('stores the renditions under DATA_DIR/media/lib by content, keeps the original out of reach, and records it all', async () => {
    const bytes = await testImage('png', 700, 400);
    const { item, created } = await uploadMedia(deps, media, as('contributor'), { bytes, fileName: 'C:\\Photos\\Harbour at Dawn.PNG', alt: ' Boats \u0007in the harbour ', caption: 'Dawn', credit: '' });
    expect(created).toBe(true);
    expect(item).toMatchObject({ alt: 'Boats in the harbour', caption: 'Dawn', credit: null, mime: 'image/jpeg', original_mime: 'image/png', bytes: bytes.length, original_name: 'Harbour at Dawn.PNG', uploaded_by: ids['contributor'] });
    const renditions = parseRenditions(item.renditions);
    expect(renditions).toHaveLength(9);
    expect(item.path).toMatch(/^\/media\/lib\/[0-9a-f]{20}\/harbour-at-dawn-700\.jpg$/);
    expect([item.width, item.height]).toEqual([700, 400]);
    for (const r of renditions) {
      const file = path.join(media.dataDir, r.path);
      expect(fs.statSync(file).size).toBe(r.bytes);
    }
    expect(fs.readdirSync(path.join(media.dataDir, 'originals'))).toEqual([`${item.sha256}.png`]);
    expect(fs.readdirSync(path.join(media.dataDir, 'media', 'lib', item.sha256!.slice(0, 20))).some((f) => f.endsWith('.tmp'))).toBe(false);
    const audit = await listAudit(db.db.kysely, { subjectType: 'media', subjectId: item.id });
    expect(audit[0]).toMatchObject({ action: 'media.upload', actorUserId: ids['contributor'] });
  });

  it('returns the existing item when the same bytes come again, under any name', async () => {
    const bytes = await testImage('webp', 300, 200);
    const first = await uploadMedia(deps, media, as('editor'), { bytes, fileName: 'a.webp', alt: 'First' });
    const again = await uploadMedia(deps, media, as('contributor'), { bytes, fileName: 'renamed.jpg', alt: 'Second' });
    expect(again).toMatchObject({ created: false, item: { id: first.item.id, alt: 'First' } });
    const both = await Promise.all([1, 2].map(async () => uploadMedia(deps, media, as('editor'), { bytes: await testImage('jpeg', 310, 200), alt: 'x' })));
    expect(both[0]!.item.id).toBe(both[1]!.item.id);
  });

  it('refuses an unsupported file before storing anything', async () => {
    const before = fs.readdirSync(path.join(media.dataDir, 'originals')).length;
    const e = await refused(uploadMedia(deps, media, as('editor'), { bytes: svg, fileName: 'logo.png' }));
    expect(e.code).toBe('UNSUPPORTED_MEDIA');
    expect(fs.readdirSync(path.join(media.dataDir, 'originals'))).toHaveLength(before);
  });

  it('refuses the 9,990 × 9,990 PNG of the review without storing anything or writing a file', async () => {
    const files = filesUnder(media.dataDir);
    const rows = await db.db.kysely.selectFrom('media').select('id').execute();
    const e = await refused(uploadMedia(deps, media, as('contributor'), { bytes: await reviewPng(), fileName: 'poster.png', alt: 'A poster' }));
    expect([e.code, e.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(e.hint).toMatch(/50 megapixels/);
    expect(filesUnder(media.dataDir)).toEqual(files);
    expect(await db.db.kysely.selectFrom('media').select('id').execute()).toEqual(rows);
  });

  it('decodes uploads that arrive together one at a time through the queue, and completes them all', async () => {
    const { queue, stats } = countingQueue(1, 8);
    const images = await Promise.all([0, 1, 2, 3, 4].map((i) => testImage('jpeg', 400 + i * 10, 300)));
    const results = await Promise.all(images.map((bytes, i) => uploadMedia(deps, { ...media, queue }, as('contributor'), { bytes, fileName: `burst-${i}.jpg`, alt: `Burst ${i}` })));
    expect(results.map((r) => r.created)).toEqual([true, true, true, true, true]);
    expect(results.map((r) => parseRenditions(r.item.renditions).length)).toEqual([6, 6, 6, 6, 6]);
    expect(stats).toEqual({ jobs: 5, peak: 1 });
  });

  it('still cuts an ordinary photo (a 12-megapixel phone camera) into its fifteen renditions', async () => {
    const bytes = await testImage('jpeg', 4032, 3024);
    const { item } = await uploadMedia(deps, media, as('contributor'), { bytes, fileName: 'IMG_0042.JPG', alt: 'A wide street' });
    expect([item.width, item.height]).toEqual([1600, 1200]);
    const renditions = parseRenditions(item.renditions);
    expect(renditions.map((r) => `${r.format}@${r.width}x${r.height}`).sort()).toEqual(
      ['avif', 'jpeg', 'webp'].flatMap((f) => [320, 640, 960, 1280, 1600].map((w) => `${f}@${w}x${w * 0.75}`)).sort(),
    );
    for (const r of renditions) expect(fs.statSync(path.join(media.dataDir, r.path)).size).toBe(r.bytes);
  });

  it('edits alt, caption, credit and focal point (writers only), and lists newest first with search', async () => {
    const { item } = await uploadMedia(deps, media, as('editor'), { bytes: await testImage('jpeg', 330, 200), alt: 'Протест у акимата' });
    expect((await refused(editMedia(deps, as('contributor'), item.id, { alt: 'x' }))).code).toBe('FORBIDDEN');
    const e = await refused(editMedia(deps, as('editor'), item.id, { focalX: 1.5 }));
    expect(e.details?.['fields']).toHaveProperty('focalX');
    const edited = await editMedia(deps, as('editor'), item.id, { alt: 'Митинг у акимата', caption: 'Алматы', focalX: 0.25, focalY: 0.75 });
    expect(edited).toMatchObject({ alt: 'Митинг у акимата', caption: 'Алматы', focal_x: 0.25, focal_y: 0.75 });
    // Case-insensitive in any script: search_text is folded in JS.
    const found = await listMediaItems(deps, { q: 'МИТИНГ', limit: 10 });
    expect(found.items.map((i) => i.id)).toEqual([item.id]);
    const page1 = await listMediaItems(deps, { limit: 2 });
    expect(page1.items[0]!.id).toBe(item.id);
    const page2 = await listMediaItems(deps, { limit: 2, before: page1.nextBefore! });
    expect(page2.items.every((i) => i.id < page1.items[1]!.id)).toBe(true);
  });
});
