import { describe, expect, it } from 'vitest';
import type { Block } from '../content/document.js';
import { htmlToDocument } from './html-to-document.js';

// Through the whole converter: what matters is the document the rules read from the unfolded tree.
const blocks = (html: string): Block[] => htmlToDocument(html).content;
const images = (bs: Block[]) => bs.filter((b) => b.type === 'image').map((b) => (b.attrs as { src: string; caption: string | null }).src);
const links = (bs: Block[]) =>
  bs.flatMap((b) =>
    ((b as { content?: { text?: string; marks?: { type: string; attrs?: { href?: string } }[] }[] }).content ?? []).flatMap((n) =>
      (n.marks ?? []).filter((m) => m.type === 'link').map((m) => [m.attrs?.href, n.text]),
    ),
  );

describe('unfoldFigures: galleries, players and link cards the parse rules would lose', () => {
  // Ghost's test exports (v3_export.json, "Writing posts with Ghost"): a nine-image gallery kept its first image.
  it('regression: keeps every image of a gallery (Ghost kg-gallery-card), its caption after them', () => {
    const bs = blocks(
      '<figure class="kg-card kg-gallery-card kg-width-wide"><div class="kg-gallery-container"><div class="kg-gallery-row">' +
        '<div class="kg-gallery-image"><img src="https://static.ghost.org/g1.jpg" width="6000" height="4000" alt="One"></div>' +
        '<div class="kg-gallery-image"><img src="https://static.ghost.org/g2.jpg" alt="Two"></div></div>' +
        '<div class="kg-gallery-row"><div class="kg-gallery-image"><img src="https://static.ghost.org/g3.jpg"></div></div></div>' +
        '<figcaption>Степь весной</figcaption></figure>',
    );
    expect(images(bs)).toEqual(['https://static.ghost.org/g1.jpg', 'https://static.ghost.org/g2.jpg', 'https://static.ghost.org/g3.jpg']);
    expect(bs.map((b) => b.type)).toEqual(['image', 'image', 'image', 'paragraph']);
    expect(htmlToDocument('<figure><figcaption>x</figcaption></figure>').content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }]);
  });

  it('keeps each image of a gallery of figures (WordPress wp-block-gallery) with its own caption', () => {
    const bs = blocks(
      '<figure class="wp-block-gallery has-nested-images columns-2">' +
        '<figure class="wp-block-image"><img src="https://courier.example/a.jpg" alt="A"><figcaption>Первая</figcaption></figure>' +
        '<figure class="wp-block-image"><img src="https://courier.example/b.jpg" alt="B"></figure></figure>',
    );
    expect(bs).toMatchObject([
      { type: 'image', attrs: { src: 'https://courier.example/a.jpg', alt: 'A', caption: 'Первая' } },
      { type: 'image', attrs: { src: 'https://courier.example/b.jpg', alt: 'B', caption: null } },
    ]);
  });

  it('leaves a one-image figure, a pull quote and an embed as they were', () => {
    expect(blocks('<figure><img src="https://x.example/a.jpg" alt="A"><figcaption>Cap <small>Photo: AP</small></figcaption></figure>')).toMatchObject([
      { type: 'image', attrs: { src: 'https://x.example/a.jpg', caption: 'Cap', credit: 'Photo: AP' } },
    ]);
    expect(blocks('<figure class="pull-quote"><blockquote>Мы не уйдём</blockquote><figcaption>Жители</figcaption></figure>')).toMatchObject([
      { type: 'pullQuote', attrs: { attribution: 'Жители' } },
    ]);
    expect(blocks('<iframe src="https://www.youtube.com/embed/abc123"></iframe>')).toMatchObject([{ type: 'embed', attrs: { provider: 'youtube' } }]);
  });

  // Ghost's kg-video-card and kg-audio-card, WordPress's wp:video and wp:audio blocks ("kept as cleaned HTML"): gone.
  it('regression: turns a video or audio player into a link to its file, named by the file; a player of no usable address goes', () => {
    const bs = blocks(
      '<figure class="kg-card kg-video-card"><div class="kg-video-container"><video src="/content/media/2022/v.mp4" poster="https://img.spacergif.org/s.png" playsinline></video></div><figcaption>Видео</figcaption></figure>' +
        '<div class="kg-card kg-audio-card"><audio src="/content/media/%D0%98%D0%BD%D1%82%D0%B5%D1%80%D0%B2%D1%8C%D1%8E.mp3?v=2"></audio><div class="kg-audio-title">Episode 1</div></div>' +
        '<figure class="wp-block-video"><video controls><source src="https://courier.example/wp-content/uploads/clip.webm" type="video/webm"></video></figure>' +
        '<video src="javascript:alert(1)"></video><audio src="data:audio/mp3;base64,AAAA"></audio><p>end</p>',
    );
    expect(links(bs)).toEqual([
      ['/content/media/2022/v.mp4', 'v.mp4'],
      ['/content/media/%D0%98%D0%BD%D1%82%D0%B5%D1%80%D0%B2%D1%8C%D1%8E.mp3?v=2', 'Интервью.mp3'],
      ['https://courier.example/wp-content/uploads/clip.webm', 'clip.webm'],
    ]);
    expect(JSON.stringify(bs)).not.toMatch(/javascript|data:audio|spacergif/);
    expect(bs.at(-1)).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'end' }] });
  });

  // Ghost's test exports: the bookmark card's link and title were lost, and the linked site's icon became a body image.
  it('regression: turns a Ghost bookmark card into its link, titled, without the linked site’s icon and thumbnail', () => {
    const bs = blocks(
      '<p>Try it:</p><figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://ghost.org"><div class="kg-bookmark-content">' +
        '<div class="kg-bookmark-title">Ghost: The CMS</div><div class="kg-bookmark-description">The world’s most popular.</div>' +
        '<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="https://ghost.org/favicon.png"><span class="kg-bookmark-author">Ghost</span></div></div>' +
        '<div class="kg-bookmark-thumbnail"><img src="https://ghost.org/og.png"></div></a></figure>',
    );
    expect(images(bs)).toEqual([]);
    expect(links(bs)).toEqual([['https://ghost.org', 'Ghost: The CMS']]);
    // Without a title, the address is the link's text; the class a sanitiser keeps for it reaches no other element.
    expect(links(blocks('<figure class="kg-bookmark-card"><a href="https://ghost.org/x"><img src="https://ghost.org/i.png"></a></figure>'))).toEqual([
      ['https://ghost.org/x', 'https://ghost.org/x'],
    ]);
  });
});
