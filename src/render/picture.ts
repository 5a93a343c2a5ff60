import { html, optionalAttr, raw } from './html.js';
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
  const sources = (['avif', 'webp'] as const).map((format) => {
    const set = srcsetOf(img, format);
    return set && html`<source type="image/${format}" srcset="${set}" sizes="${o.sizes}">`;
  });
  return html`<picture>${sources}<img src="${fallback.path}" srcset="${srcsetOf(img, 'jpeg')}" sizes="${o.sizes}" width="${String(fallback.width)}" height="${String(fallback.height)}" alt="${o.alt}"${optionalAttr('title', o.title || null)}${o.eager ? raw(' fetchpriority="high"') : raw(' loading="lazy" decoding="async"')} class="${focalClasses(img.focalX, img.focalY)}"></picture>`
    .text;
}

/** A hero (article, card, lead) from the library as <picture>; null for a plain file, which the caller shows as <img>. */
export function libraryPicture(hero: { alt: string; image?: LibraryImage | null | undefined } | null | undefined, sizes: string, eager: boolean) {
  const markup = hero?.image ? pictureHtml(hero.image, { alt: hero.alt, sizes, eager }) : null;
  return markup ? raw(markup) : null;
}
