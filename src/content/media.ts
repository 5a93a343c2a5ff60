import type { Doc } from './document.js';
import { isNode, MAX_DEPTH, type Loose } from './loose-node.js';

/**
 * The media library's domain, without I/O: which files are accepted, which renditions an upload gets, what a page
 * needs of a library image, and which images of an article still lack alt text.
 */

/** Types accepted for upload, judged from the bytes (never from the file name or the declared type). */
export const ACCEPTED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;
export type AcceptedMime = (typeof ACCEPTED_MIME)[number];
export const ACCEPTED_LABEL = 'JPEG, PNG, WebP, GIF or AVIF';
export const isAcceptedMime = (m: string | undefined): m is AcceptedMime => !!m && (ACCEPTED_MIME as readonly string[]).includes(m);

/** Widths of the renditions: phone, phone at 2x / tablet, the article column at 1.5x and 2x, a wide screen. */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1600] as const;
/** Best first: browsers take the first <source> they can show, and JPEG is the <img> every browser shows. */
export const RENDITION_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];
export const RENDITION_MIME: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

export type MediaRendition = { format: RenditionFormat; width: number; height: number; path: string; bytes: number };

/** A library image as a page shows it. `alt`, `caption` and `credit` are the library's; a use may override them. */
export type LibraryImage = {
  id: number;
  /** The largest JPEG rendition's size: the fallback <img>'s width and height. */
  width: number;
  height: number;
  focalX: number;
  focalY: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  renditions: MediaRendition[];
};

/** The widths an image `originalWidth` pixels wide is cut to: never wider than itself, its own width last. */
export function renditionWidths(originalWidth: number): number[] {
  const max = Math.min(originalWidth, RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!);
  const widths: number[] = RENDITION_WIDTHS.filter((w) => w < max);
  widths.push(max);
  return widths;
}

const FORMATS = new Set<string>(RENDITION_FORMATS);

/** The stored JSON, read defensively: a damaged value means "no renditions" (the file is served as it is). */
export function parseRenditions(text: string | null | undefined): MediaRendition[] {
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return [];
    return list.filter(
      (r): r is MediaRendition =>
        !!r &&
        typeof r === 'object' &&
        FORMATS.has(r.format) &&
        Number.isInteger(r.width) &&
        Number.isInteger(r.height) &&
        typeof r.path === 'string' &&
        r.path.startsWith('/media/'),
    );
  } catch {
    return [];
  }
}

export const renditionsOf = (img: Pick<LibraryImage, 'renditions'>, format: RenditionFormat) =>
  img.renditions.filter((r) => r.format === format).sort((a, b) => a.width - b.width);

/** `srcset` for one format: every width, smallest first. */
export const srcsetOf = (img: Pick<LibraryImage, 'renditions'>, format: RenditionFormat) =>
  renditionsOf(img, format)
    .map((r) => `${r.path} ${r.width}w`)
    .join(', ');

/** The fallback every browser shows: the largest JPEG. */
export const fallbackOf = (img: Pick<LibraryImage, 'renditions'>) => renditionsOf(img, 'jpeg').at(-1) ?? null;

/**
 * The focal point as two classes (`fx3 fy7`: 30% across, 70% down), in tenths. The public pages' CSP allows no style
 * attributes, so object-position comes from the stylesheet; a tenth is finer than any crop a reader notices.
 */
export function focalClasses(x: number, y: number): string {
  const tenth = (v: number) => Math.min(10, Math.max(0, Math.round((Number.isFinite(v) ? v : 0.5) * 10)));
  return `fx${tenth(x)} fy${tenth(y)}`;
}

// ---- images in an article body ----

export type BodyImage = { index: number; path: string; src: string; alt: string; mediaId: number | null };

/** Every image node of a body, in reading order, with where it sits (`body.content.3.content.0`) for error messages. */
export function bodyImages(doc: Doc | unknown): BodyImage[] {
  const out: BodyImage[] = [];
  const walk = (n: Loose, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (n.type === 'image') {
      const attrs = (isNode(n.attrs) ? n.attrs : {}) as Record<string, unknown>;
      const id = attrs['mediaId'];
      out.push({
        index: out.length,
        path,
        src: typeof attrs['src'] === 'string' ? attrs['src'] : '',
        alt: typeof attrs['alt'] === 'string' ? attrs['alt'] : '',
        mediaId: Number.isInteger(id) && (id as number) > 0 ? (id as number) : null,
      });
      return;
    }
    if (Array.isArray(n.content)) n.content.forEach((c, i) => isNode(c) && walk(c, `${path}.content.${i}`, depth + 1));
  };
  if (isNode(doc)) walk(doc, 'body', 0);
  return out;
}

/** Library ids used by a body's images, each once. */
export const bodyMediaIds = (doc: Doc | unknown): number[] => [...new Set(bodyImages(doc).flatMap((i) => (i.mediaId === null ? [] : [i.mediaId])))];

/** What a reader hears for an image: the text set where it is used, else the library item's. */
export const effectiveAlt = (own: string | null | undefined, library: string | null | undefined) => own?.trim() || library?.trim() || '';

export type MissingAlt = { field: string; label: string };

/**
 * The images of an article that have no alt text, as it would be published: the hero (its own alt, else the library
 * item's) and each body image (the node's alt, else its library item's). Empty when every image can be described.
 */
export function imagesMissingAlt(a: {
  hero: { alt: string | null; libraryAlt: string | null } | null;
  body: Doc | unknown;
  libraryAlt: (mediaId: number) => string | null | undefined;
}): MissingAlt[] {
  const missing: MissingAlt[] = [];
  if (a.hero && !effectiveAlt(a.hero.alt, a.hero.libraryAlt)) missing.push({ field: 'hero.alt', label: 'the hero image' });
  for (const img of bodyImages(a.body)) {
    if (effectiveAlt(img.alt, img.mediaId === null ? null : a.libraryAlt(img.mediaId))) continue;
    const name = img.src.split('/').pop()?.slice(0, 60);
    missing.push({ field: `${img.path}.attrs.alt`, label: `body image ${img.index + 1}${name ? ` (${name})` : ''}` });
  }
  return missing;
}
