import { describe, expect, it } from 'vitest';
import type { Doc } from './document.js';
import { bodyMediaIds, focalClasses, imagesMissingAlt, parseRenditions, renditionWidths, srcsetOf } from './media.js';

describe('renditionWidths', () => {
  it('cuts at the standard widths below the original and ends at the original, never wider', () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 960, 1280, 1600]);
    expect(renditionWidths(1600)).toEqual([320, 640, 960, 1280, 1600]);
    expect(renditionWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(renditionWidths(640)).toEqual([320, 640]);
    expect(renditionWidths(200)).toEqual([200]);
  });
});

describe('parseRenditions', () => {
  it('keeps well-formed entries and drops anything else (a damaged row shows the plain file, never a 500)', () => {
    const good = { format: 'avif', width: 320, height: 200, path: '/media/lib/abc/x-320.avif', bytes: 10 };
    expect(
      parseRenditions(JSON.stringify([good, { format: 'tiff', width: 1, height: 1, path: '/media/x', bytes: 1 }, { ...good, path: 'javascript:alert(1)' }])),
    ).toEqual([good]);
    expect(parseRenditions('not json')).toEqual([]);
    expect(parseRenditions('{"a":1}')).toEqual([]);
    expect(parseRenditions(null)).toEqual([]);
  });

  it('builds a srcset per format, smallest first', () => {
    const r = (format: 'jpeg' | 'webp', width: number) => ({ format, width, height: width / 2, path: `/media/lib/k/a-${width}.${format}`, bytes: 1 });
    expect(srcsetOf({ renditions: [r('jpeg', 640), r('webp', 320), r('jpeg', 320)] }, 'jpeg')).toBe(
      '/media/lib/k/a-320.jpeg 320w, /media/lib/k/a-640.jpeg 640w',
    );
  });
});

describe('focalClasses', () => {
  it('rounds to tenths and clamps, with the centre for nonsense', () => {
    expect(focalClasses(0.5, 0.5)).toBe('fx5 fy5');
    expect(focalClasses(0.26, 0.94)).toBe('fx3 fy9');
    expect(focalClasses(-1, 7)).toBe('fx0 fy10');
    expect(focalClasses(Number.NaN, 0)).toBe('fx5 fy0');
  });
});

const image = (attrs: Record<string, unknown>) => ({ type: 'image', attrs: { src: '/media/x.jpg', alt: '', ...attrs } });
const body = (...blocks: unknown[]) => ({ type: 'doc', content: blocks }) as Doc;

describe('images without alt text', () => {
  it('finds library ids anywhere in the body, once each', () => {
    const doc = body(image({ mediaId: 3 }), { type: 'blockquote', content: [image({ mediaId: 5 }), image({ mediaId: 3 })] }, image({ mediaId: 'x' }));
    expect(bodyMediaIds(doc)).toEqual([3, 5]);
  });

  it('accepts the use’s own alt text or the library item’s, and names each image that has neither', () => {
    const doc = body(
      { type: 'paragraph', content: [{ type: 'text', text: 'x' }] },
      image({ alt: 'A harbour', src: '/media/a.jpg' }),
      image({ mediaId: 7, src: '/media/lib/k/boats-1600.jpg' }),
      image({ mediaId: 8, src: '/media/lib/k/crowd-1600.jpg', alt: '   ' }),
      { type: 'bulletList', content: [{ type: 'listItem', content: [image({ src: '/media/plain.png' })] }] },
    );
    const alts: Record<number, string> = { 7: 'Boats at dawn', 8: '' };
    const missing = imagesMissingAlt({ hero: { alt: null, libraryAlt: '' }, body: doc, libraryAlt: (id) => alts[id] });
    expect(missing).toEqual([
      { field: 'hero.alt', label: 'the hero image' },
      { field: 'body.content.3.attrs.alt', label: 'body image 3 (crowd-1600.jpg)' },
      { field: 'body.content.4.content.0.content.0.attrs.alt', label: 'body image 4 (plain.png)' },
    ]);
    expect(imagesMissingAlt({ hero: { alt: '', libraryAlt: 'From the library' }, body: body(), libraryAlt: () => undefined })).toEqual([]);
    expect(imagesMissingAlt({ hero: null, body: 'not a document', libraryAlt: () => undefined })).toEqual([]);
  });
});
