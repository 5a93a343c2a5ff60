import type sharpFn from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { ACCEPTED_LABEL, isAcceptedMime, RENDITION_FORMATS, renditionWidths, type AcceptedMime, type RenditionFormat } from '../content/media.js';
import { AppError, validationFailed } from '../errors.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

/**
 * Checks an uploaded image (size, type from the bytes, pixel count and decoded size from the header) and cuts it into
 * AVIF, WebP and JPEG renditions at several widths with sharp, one upload at a time (see the queue below). No disk, no
 * database: media-files.ts stores what this returns.
 */
export type ImageOptions = {
  /** MEDIA_MAX_MB in bytes. */
  maxBytes: number;
  /**
   * MEDIA_MAX_MEGAPIXELS in pixels. The decoded image may take at most this many pixels at 4 bytes each: an 8-bit
   * image of this size, or a 16-bit one of half.
   */
  maxPixels?: number;
  /** Where decoding waits its turn: the process's own queue unless a test brings its own. */
  queue?: WorkQueue;
};

// 50 megapixels holds the 45-megapixel cameras of press photographers; decoded whole (as a photo turned by its EXIF
// orientation, or an AVIF, is) that is up to 200 MB, which the queue lets only one upload at a time take.
export const DEFAULT_MAX_PIXELS = 50_000_000;
export const DEFAULT_MEDIA_MAX_BYTES = 20 * 1024 * 1024;
/** Bytes a decoded pixel may take on average: RGBA at 8 bits per channel. */
const DECODED_BYTES_PER_PIXEL = 4;
/** One image decodes at a time per process; a burst waits in a short line, and beyond it is told to come back. */
const IMAGE_JOBS = 1;
const IMAGE_JOBS_WAITING = 8;
// About how long the line takes to move by a few ordinary photos.
const BUSY_RETRY_SECONDS = 10;

export const mediaBusy = () =>
  new AppError('MEDIA_BUSY', 'The server is turning other uploads into renditions and cannot take this one now.', {
    hint: `Nothing was stored. Send the image again in ${BUSY_RETRY_SECONDS} seconds or so.`,
    details: { retryAfterSeconds: BUSY_RETRY_SECONDS },
  });

let processQueue: WorkQueue | undefined;
const imageQueue = (opts: Pick<ImageOptions, 'queue'>) =>
  opts.queue ?? (processQueue ??= createWorkQueue({ concurrency: IMAGE_JOBS, maxWaiting: IMAGE_JOBS_WAITING, busy: mediaBusy }));

// Loaded at the first upload, not at start: sharp (libvips) and file-type add about 30 MB to a server that may serve
// readers for days without taking an upload, and the benchmark holds the server to 150 MB.
let imageLibs: Promise<{ sharp: typeof sharpFn; fileTypeFromBuffer: typeof import('file-type').fileTypeFromBuffer }> | undefined;
const loadImageLibs = () =>
  (imageLibs ??= Promise.all([import('sharp'), import('file-type')]).then(([s, f]) => {
    const sharp = s.default;
    // Every upload is new bytes, so libvips' operation cache only holds memory. Threads per image: sharp picks one
    // under glibc's allocator (more threads fragment memory that glibc then keeps), else one per core, which on a large
    // machine multiplies the buffers of one decode; two at most.
    sharp.cache(false);
    sharp.concurrency(Math.min(sharp.concurrency(), 2));
    return { sharp, fileTypeFromBuffer: f.fileTypeFromBuffer };
  }));

/** How each format is encoded. Changing these changes the bytes behind existing names: give renditions new names then. */
const ENCODE: Record<RenditionFormat, (s: Sharp) => Sharp> = {
  avif: (s) => s.avif({ quality: 50, effort: 3 }),
  webp: (s) => s.webp({ quality: 78, effort: 4 }),
  jpeg: (s) => s.jpeg({ quality: 80, mozjpeg: true }),
};

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (maxBytes: number, size?: number) =>
  new AppError(
    'MEDIA_TOO_LARGE',
    `${size === undefined ? 'The file' : `The file (${megabytes(size)})`} is larger than the ${megabytes(maxBytes)} an upload may be.`,
    {
      hint: 'Export the image smaller (a 3000-pixel-wide JPEG is plenty for the web), or ask the operator to raise MEDIA_MAX_MB.',
      details: { maxBytes },
    },
  );

/** What the bytes are, whatever the file is called: one of the accepted types, or UNSUPPORTED_MEDIA. */
export async function detectImageType(bytes: Uint8Array, fileName?: string | null): Promise<AcceptedMime> {
  const { fileTypeFromBuffer } = await loadImageLibs();
  const found = await fileTypeFromBuffer(bytes);
  if (isAcceptedMime(found?.mime)) return found.mime;
  const what = found ? `a ${found.ext.toUpperCase()} file (${found.mime})` : 'not an image we can read (text, SVG or an unknown format)';
  throw new AppError('UNSUPPORTED_MEDIA', `${fileName ? `"${fileName}"` : 'The file'} is ${what}.`, {
    hint: `Upload a ${ACCEPTED_LABEL} image. The type is read from the file's contents, not its name; SVG, HEIC and TIFF are not accepted (export them as JPEG or PNG).`,
    details: { detected: found?.mime ?? null, accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] },
  });
}

export type Rendered = { format: RenditionFormat; width: number; height: number; data: Buffer };
export type Processed = { mime: AcceptedMime; width: number; height: number; renditions: Rendered[] };

const BYTES_PER_SAMPLE: Record<string, number> = { uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16 };
const megapixels = (n: number) => {
  const m = Math.round(n / 1e5) / 10;
  return `${m} megapixel${m === 1 ? '' : 's'}`;
};
const decimal = (n: number) => n.toLocaleString('en');
// Decimal, like megapixels: 50 megapixels at 4 bytes is 200 MB.
const decodedMb = (n: number) => `${Math.round(n / 1e6)} MB`;

/** The limits an image is held to before a pixel of it is decoded. */
function imageLimits(opts: Pick<ImageOptions, 'maxPixels'>) {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  return { maxPixels, maxDecodedBytes: maxPixels * DECODED_BYTES_PER_PIXEL };
}

/**
 * MEDIA_TOO_LARGE for an image whose header promises more pixels, or more decoded bytes (pixels × channels × bytes
 * per channel), than an upload may have: a few hundred KB of PNG can hold a solid colour of 100 megapixels.
 */
function assertDecodable(dims: { width: number; height: number; channels: number; depth?: string | undefined }, opts: Pick<ImageOptions, 'maxPixels'>): void {
  const { maxPixels, maxDecodedBytes } = imageLimits(opts);
  const pixels = dims.width * dims.height;
  const bytesPerSample = BYTES_PER_SAMPLE[dims.depth ?? 'uchar'] ?? 4;
  const decodedBytes = pixels * dims.channels * bytesPerSample;
  if (pixels <= maxPixels && decodedBytes <= maxDecodedBytes) return;
  const size = `${decimal(dims.width)} × ${decimal(dims.height)} pixels (${megapixels(pixels)})`;
  throw pixelLimit(
    pixels > maxPixels
      ? `The image is ${size}, more than the ${megapixels(maxPixels)} an upload may have.`
      : `The image is ${size} with ${dims.channels} channels at ${bytesPerSample * 8} bits: decoded it would take ${decodedMb(decodedBytes)}, more than the ${decodedMb(maxDecodedBytes)} an upload may.`,
    opts,
    { width: dims.width, height: dims.height, channels: dims.channels, decodedBytes },
  );
}

const pixelLimit = (message: string, opts: Pick<ImageOptions, 'maxPixels'>, image: Record<string, number> = {}) => {
  const { maxPixels, maxDecodedBytes } = imageLimits(opts);
  return new AppError('MEDIA_TOO_LARGE', message, {
    hint: `An upload may have at most ${megapixels(maxPixels)} at 8 bits per channel (${decodedMb(maxDecodedBytes)} decoded; MEDIA_MAX_MEGAPIXELS). Export the image smaller (3000 pixels wide is plenty for the web) and upload again; nothing was stored.`,
    details: { maxPixels, maxDecodedBytes, ...image },
  });
};

/**
 * Checks and renders an image, without touching the disk or the database: auto-oriented (EXIF), metadata stripped,
 * sRGB, transparency flattened onto white for JPEG, the first frame of an animation. Refuses what is too large (in
 * bytes, or in pixels as its header says, before decoding), not an accepted type, or damaged. Decoding waits for its
 * turn in the image queue (MEDIA_BUSY when the line is full).
 */
export async function processImage(bytes: Uint8Array, opts: ImageOptions, fileName?: string | null): Promise<Processed> {
  if (bytes.byteLength === 0) throw validationFailed('upload', { file: 'the file is empty' }, { hint: 'Choose an image file and send again.' });
  if (bytes.byteLength > opts.maxBytes) throw tooLarge(opts.maxBytes, bytes.byteLength);
  const mime = await detectImageType(bytes, fileName);
  const { sharp } = await loadImageLibs();
  const { maxPixels } = imageLimits(opts);
  const damaged = (cause: unknown) =>
    new AppError('VALIDATION_FAILED', `The file looks like ${mime} but cannot be read: it is damaged or cut short.`, {
      hint: 'Export or download the image again and upload the new file.',
      details: { fields: { file: 'damaged or incomplete image' } },
      cause,
    });

  let meta: Metadata;
  try {
    // The header only, no pixels: unlimited here so that a refusal can name the image's size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw damaged(e);
  }
  if (!meta.width || !meta.height) throw damaged(new Error('no dimensions'));
  const dims = { width: meta.width, height: meta.height, channels: meta.channels ?? 4, depth: meta.depth };
  assertDecodable(dims, opts);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;

  return imageQueue(opts).run(async () => {
    try {
      return { mime, width, height, renditions: await render(sharp, bytes, width, maxPixels) };
    } catch (e) {
      // libvips' own check (limitInputPixels), should a decoder see more pixels than the header said.
      if (/exceeds pixel limit/i.test(String((e as Error)?.message)))
        throw pixelLimit(`The image has more than the ${megapixels(maxPixels)} an upload may have.`, opts);
      throw damaged(e);
    }
  });
}

async function render(sharp: typeof sharpFn, bytes: Uint8Array, width: number, maxPixels: number): Promise<Rendered[]> {
  const widths = renditionWidths(width);
  // Decoded once at the largest width needed; each smaller width is cut from that.
  const master = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true })
    .resize({ width: widths.at(-1)!, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: master.info.width, height: master.info.height, channels: master.info.channels };
  const renditions: Rendered[] = [];
  for (const w of widths) {
    const resized = w === raw.width ? master : await sharp(master.data, { raw }).resize({ width: w }).raw().toBuffer({ resolveWithObject: true });
    const info = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
    for (const format of RENDITION_FORMATS) {
      let s = sharp(resized.data, { raw: info });
      if (format === 'jpeg' && info.channels === 4) s = s.flatten({ background: '#ffffff' });
      const data = await ENCODE[format](s).toBuffer();
      renditions.push({ format, width: info.width, height: info.height, data });
    }
  }
  return renditions;
}
