import { escapeHtml, raw } from './html.js';
import { fallbackOf, focalClasses, srcsetOf, type LibraryImage } from '../content/media.js';


/** How wide an image is shown, for the browser to pick a rendition before layout: the article column, or the screen. */
export const SIZES = {
  article: '(min-width: 44rem) 42rem, calc(100vw - 2rem)',
  card: '(min-width: 60rem) 16rem, (min-width: 34rem) 50vw, calc(100vw - 2rem)',
  lead: '(min-width: 48rem) 40rem, calc(100vw - 2rem)',
} as const;

export type PictureOptions = {
  alt: string;
  sizes: string;
  /** Above the fold (hero, lead): fetched first, never lazily. */
  eager?: boolean;
  title?: string;
};

/**
 * A library image as <picture>: AVIF and WebP sources, a JPEG <img> with its own srcset as the fallback, the size of
 * the largest JPEG (so the page does not jump while it loads) and the focal point as classes (see site-css.ts). Null
 * when the item has no JPEG rendition: the caller shows its plain file instead.
 */
export function pictureHtml(img: LibraryImage, o: PictureOptions): string | null {
  const fallback = fallbackOf(img);
  if (!fallback) return null;
  const sizes = escapeHtml(o.sizes);
  let html = '<picture>';
  for (const [format, type] of [['avif', 'image/avif'], ['webp', 'image/webp']] as const) {
    const set = srcsetOf(img, format);
    if (set) html += `<source type="${type}" srcset="${escapeHtml(set)}" sizes="${sizes}">`;
  }
  html += `<img src="${escapeHtml(fallback.path)}" srcset="${escapeHtml(srcsetOf(img, 'jpeg'))}" sizes="${sizes}" width="${fallback.width}" height="${fallback.height}" alt="${escapeHtml(o.alt)}"`;
  if (o.title) html += ` title="${escapeHtml(o.title)}"`;
  html += o.eager ? ' fetchpriority="high"' : ' loading="lazy" decoding="async"';
  html += ` class="${focalClasses(img.focalX, img.focalY)}"></picture>`;
  return html;
}

/** A hero (article, card, lead) from the library as <picture>; null for a plain file, which the caller shows as <img>. */
export function libraryPicture(hero: { alt: string; image?: LibraryImage | null | undefined } | null | undefined, sizes: string, eager: boolean) {
  const html = hero?.image ? pictureHtml(hero.image, { alt: hero.alt, sizes, eager }) : null;
  return html ? raw(html) : null;
}
