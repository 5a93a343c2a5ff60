import { describe, expect, it } from 'vitest';
import type { Doc } from '../content/document.js';
import type { LibraryImage, MediaRendition } from '../content/media.js';
import { renderDocument } from './document-html.js';
import { pictureHtml } from './picture.js';

const r = (format: MediaRendition['format'], width: number): MediaRendition => ({
  format,
  width,
  height: width / 2,
  path: `/media/lib/k/p-${width}.${format === 'jpeg' ? 'jpg' : format}`,
  bytes: 100,
});
const img = (over: Partial<LibraryImage> = {}): LibraryImage => ({
  id: 9,
  width: 640,
  height: 320,
  focalX: 0.5,
  focalY: 0.2,
  alt: 'From the library',
  caption: 'Library caption',
  credit: 'Library credit',
  renditions: [r('jpeg', 640), r('avif', 320), r('webp', 320), r('jpeg', 320), r('avif', 640), r('webp', 640)],
  ...over,
});

describe('pictureHtml', () => {
  it('writes AVIF and WebP sources and a JPEG img, smallest first, escaped', () => {
    expect(pictureHtml(img(), { alt: 'Say "hi" & <go>', sizes: '100vw' })).toBe(
      '<picture><source type="image/avif" srcset="/media/lib/k/p-320.avif 320w, /media/lib/k/p-640.avif 640w" sizes="100vw">' +
        '<source type="image/webp" srcset="/media/lib/k/p-320.webp 320w, /media/lib/k/p-640.webp 640w" sizes="100vw">' +
        '<img src="/media/lib/k/p-640.jpg" srcset="/media/lib/k/p-320.jpg 320w, /media/lib/k/p-640.jpg 640w" sizes="100vw" width="640" height="320" ' +
        'alt="Say &quot;hi&quot; &amp; &lt;go&gt;" loading="lazy" decoding="async" class="fx5 fy2"></picture>',
    );
    expect(pictureHtml(img(), { alt: '', sizes: '1px', eager: true })).toContain('alt="" fetchpriority="high" class=');
  });

  it('gives up without a JPEG (the caller shows the plain file)', () => {
    expect(pictureHtml(img({ renditions: [r('avif', 320)] }), { alt: 'x', sizes: '1px' })).toBeNull();
  });
});

describe('renderDocument with library images', () => {
  const doc = (attrs: Record<string, unknown>) => ({ type: 'doc', content: [{ type: 'image', attrs }] }) as unknown as Doc;

  it('shows a body image with a known mediaId as <picture>, filling in alt, caption and credit from the library', () => {
    const html = renderDocument(doc({ src: '/media/lib/k/p-640.jpg', alt: '', mediaId: 9, caption: 'Own caption' }), { 9: img() });
    expect(html).toMatch(/^<figure><picture><source type="image\/avif"/);
    expect(html).toContain('alt="From the library" loading="lazy"');
    expect(html).toContain('<figcaption>Own caption <small>Library credit</small></figcaption></figure>');
  });

  it('keeps the plain image when the item is unknown or not loaded, and needs no src when it is', () => {
    const plain = renderDocument(doc({ src: '/media/x.jpg', alt: 'A', mediaId: 9 }));
    expect(plain).toBe('<figure><img src="/media/x.jpg" alt="A" loading="lazy" decoding="async"></figure>');
    expect(renderDocument(doc({ src: '/media/x.jpg', alt: 'A', mediaId: 10 }), { 9: img() })).toBe(plain);
    expect(renderDocument(doc({ alt: 'A', mediaId: 9 }), { 9: img() })).toContain('<picture>');
    // The next render without library images is not affected by the previous one.
    expect(renderDocument(doc({ src: '/media/x.jpg', alt: 'A', mediaId: 9 }))).toBe(plain);
  });
});
