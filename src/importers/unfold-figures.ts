import { CleanElement, type CleanDocument } from './clean-dom.js';
import { decodeSlug } from './decode-slug.js';

/*
 * Figures and players that the body schema's parse rules would lose, rewritten in the converter's DOM (clean-dom.ts)
 * before those rules read it. The rules take a figure for one image (its first, with its caption) and know no video
 * or audio, which is right for what the editor writes but not for what other systems export. Found on the test
 * exports of Ghost (its `html` column) and WordPress (blocks kept as HTML):
 *
 * - a gallery (Ghost's kg-gallery-card, WordPress's wp-block-gallery) kept its first image and lost the others;
 * - a video or audio player (Ghost's kg-video-card and kg-audio-card, WordPress's wp:video and wp:audio) vanished;
 * - a Ghost bookmark card kept the linked site's icon as a body image and lost its link and title.
 *
 * A figure of several images becomes its images (a nested figure keeps its own caption; the gallery's caption reads
 * as a paragraph after them); a player becomes a link to its file, named by the file; a bookmark becomes its link, as
 * its mobiledoc and lexical cards already did (ghost-body.ts). Pure, on a tree of plain objects.
 */

/** The tags this pass looks at: a text without any is left alone (the pass is not even started). */
export const UNFOLD_RE = /<(?:figure|video|audio)\b/;

export function unfoldFigures(doc: CleanDocument): void {
  for (const player of doc.body.querySelectorAll('video, audio')) {
    const src = player.getAttribute('src') || player.querySelector('source[src]')?.getAttribute('src');
    if (src) player.replaceWith(link(doc, src, fileName(src)));
    else player.remove();
  }
  for (const card of doc.body.querySelectorAll('figure.kg-bookmark-card')) {
    const href = card.querySelector('a[href]')?.getAttribute('href');
    const title = card.querySelector('.kg-bookmark-title')?.textContent.trim();
    if (!href) continue;
    const p = doc.createElement('p');
    p.appendChild(link(doc, href, title || href));
    card.replaceWith(p);
  }
  // In document order, so an outer figure is unwrapped before its nested figures are looked at.
  for (const figure of doc.body.querySelectorAll('figure')) {
    if (figure.matches('.embed, .pull-quote')) continue;
    if (figure.querySelectorAll('img[src]').length > 1) figure.replaceWith(...Array.from(figure.childNodes));
  }
}

function link(doc: CleanDocument, href: string, text: string): CleanElement {
  const a = new CleanElement(doc, 'a', { href });
  a.appendChild(doc.createTextNode(text));
  return a;
}

/** The last segment of a URL's path, decoded when it decodes ("Интервью.mp3", not "%D0%98…"), else the URL. */
function fileName(url: string): string {
  const last = url.split(/[?#]/)[0]!.split('/').filter(Boolean).pop();
  return last ? decodeSlug(last) : url;
}
