import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { animatedGif, pixel, reviewPng, testImage } from '#test/images.js';
import { countingQueue } from '#test/queues.js';
import { refused } from '#test/fixtures.js';
import { DEFAULT_MAX_PIXELS, detectImageType, processImage } from './image-processing.js';

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
      sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } })
        .toColourspace(depth)
        .png()
        .toBuffer();
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
