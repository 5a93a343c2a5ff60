import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Test images made by sharp itself, so no binary fixture is checked in. Two halves (left and right) make orientation
 * and cropping visible in the pixels.
 */
export async function testImage(
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif',
  width = 1200,
  height = 800,
  opts: { alpha?: boolean; orientation?: number; noise?: boolean } = {},
): Promise<Buffer> {
  const channels = opts.alpha ? 4 : 3;
  let img: sharp.Sharp;
  if (opts.noise) {
    img = sharp({ create: { width, height, channels, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } });
  } else {
    // Red (or, with alpha, transparent) on the left, blue on the right.
    const half = Math.floor(width / 2);
    const right = await sharp({ create: { width: width - half, height, channels: 3, background: '#1e5ac8' } })
      .png()
      .toBuffer();
    const background = opts.alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : '#c0392b';
    img = sharp({ create: { width, height, channels, background } }).composite([{ input: right, left: half, top: 0 }]);
  }
  // Composites are applied at output: go through PNG so the second pipeline sees the final pixels.
  let out = sharp(await img.png().toBuffer());
  if (opts.orientation) out = out.withMetadata({ orientation: opts.orientation });
  switch (format) {
    case 'jpeg':
      return out.jpeg({ quality: 90 }).toBuffer();
    case 'png':
      return out.png().toBuffer();
    case 'webp':
      return out.webp().toBuffer();
    case 'gif':
      return out.gif().toBuffer();
    case 'avif':
      return out.avif({ effort: 0 }).toBuffer();
  }
}

/** A two-frame animated GIF: a red frame, then a blue one (frames stacked, cut by pageHeight). */
export async function animatedGif(width = 400, height = 300): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width, height, channels: 3, background } })
      .raw()
      .toBuffer();
  const frames = Buffer.concat([await frame('#ff0000'), await frame('#0000ff')]);
  return sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

/** The colour of one pixel of an encoded image, decoded with sharp. */
export async function pixel(bytes: Uint8Array, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
}

/**
 * The image of the security review (issue 10, item 4): 9,990 × 9,990 pixels of one colour, about 1.3 MB of PNG that
 * is 300 MB decoded. Made once per test file: encoding it takes a second.
 */
let hugePng: Promise<Buffer> | undefined;
export const reviewPng = () =>
  (hugePng ??= sharp({ create: { width: 9990, height: 9990, channels: 3, background: '#336699' } })
    .png()
    .toBuffer());

/** Every file under `dir`, relative to it: what an upload wrote, compared before and after. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}
