import { describe, expect, it } from 'vitest';
import { demoContent } from './demo-content.js';
import { demoImageSvg, logoSvg } from './demo-images.js';
import type { DemoImage } from './demo-types.js';

const MOTIFS: DemoImage['motif'][] = ['city', 'hills', 'sea', 'grid', 'portrait'];
const image = (motif: DemoImage['motif'], extra: Partial<DemoImage> = {}): DemoImage => ({
  key: `test-${motif}`,
  width: 1200,
  height: 675,
  hue: 200,
  motif,
  ...extra,
});

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTR_RE = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'gy');
const TAG_RE = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const ENTITY_RE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);/gi;

/**
 * A small well-formedness check (no XML parser is installed): one root element, every tag closed in order,
 * attributes quoted and not repeated, and no raw "<" or stray "&" in text or attribute values.
 */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  const tokens = xml.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token) continue;
    if (!token.startsWith('<')) {
      expect(token, 'text outside the root').not.toMatch(stack.length ? /[<>]/ : /\S/);
      expect(token.replace(ENTITY_RE, ''), 'stray & in text').not.toContain('&');
      continue;
    }
    const m = TAG_RE.exec(token);
    expect(m, `malformed tag ${token}`).not.toBeNull();
    const [, closing, name, attrs = '', selfClosing] = m!;
    const seen = new Set<string>();
    ATTR_RE.lastIndex = 0;
    for (const a of attrs.matchAll(ATTR_RE)) {
      expect(seen.has(a[1]!), `attribute ${a[1]} repeated in ${token}`).toBe(false);
      seen.add(a[1]!);
      expect(a[2]!.replace(ENTITY_RE, ''), `stray & in ${token}`).not.toContain('&');
    }
    if (closing) {
      expect(attrs + selfClosing, `closing tag with attributes: ${token}`).toBe('');
      expect(stack.pop(), `unbalanced ${token}`).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
  }
  expect(stack, 'unclosed elements').toEqual([]);
  expect(roots).toBe(1);
}

/** Every url(#id) and href="#id" points at an id the document defines, and ids are unique. */
function assertReferencesResolve(svg: string): void {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
}

function assertStandaloneSvg(svg: string, w: number, h: number): void {
  assertWellFormedXml(svg);
  assertReferencesResolve(svg);
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain(`viewBox="0 0 ${w} ${h}"`);
  expect(svg).toContain(`width="${w}"`);
  expect(svg).toContain(`height="${h}"`);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe('demoImageSvg', () => {
  it.each(MOTIFS)('draws the %s motif as a standalone SVG under 4 KB with no text', (motif) => {
    const svg = demoImageSvg(image(motif));
    assertStandaloneSvg(svg, 1200, 675);
    expect(Buffer.byteLength(svg)).toBeLessThan(4096);
    expect(svg).not.toContain('<text');
  });

  it('draws each motif differently', () => {
    const bodies = MOTIFS.map((m) => demoImageSvg(image(m, { key: 'same' })));
    expect(new Set(bodies).size).toBe(MOTIFS.length);
  });

  it('is deterministic: the same image gives the same bytes', () => {
    for (const motif of MOTIFS) expect(demoImageSvg(image(motif))).toBe(demoImageSvg(image(motif)));
  });

  it('varies with the key and the hue', () => {
    const base = demoImageSvg(image('city'));
    expect(demoImageSvg(image('city', { key: 'other' }))).not.toBe(base);
    expect(demoImageSvg(image('city', { hue: 20 }))).not.toBe(base);
  });

  it('gives every image its own ids, so inlined images do not share gradients', () => {
    const id = (svg: string) => /id="([^"]+)"/.exec(svg)?.[1];
    expect(id(demoImageSvg(image('sea', { key: 'a' })))).not.toBe(id(demoImageSvg(image('sea', { key: 'b' }))));
  });

  it('draws every bundled demo image within budget', () => {
    expect(demoContent.images.length).toBeGreaterThan(0);
    for (const img of demoContent.images) {
      const svg = demoImageSvg(img);
      assertStandaloneSvg(svg, img.width, img.height);
      expect(Buffer.byteLength(svg), img.key).toBeLessThan(4096);
    }
  });

  it('honours other sizes and copes with odd hues and sizes', () => {
    assertStandaloneSvg(demoImageSvg(image('grid', { width: 800, height: 800 })), 800, 800);
    assertStandaloneSvg(demoImageSvg(image('portrait', { width: 320, height: 480, hue: -30 })), 320, 480);
    assertStandaloneSvg(demoImageSvg(image('hills', { hue: 1000 })), 1200, 675);
    assertStandaloneSvg(demoImageSvg(image('sea', { width: Number.NaN, height: 0, hue: Number.NaN })), 1200, 675);
  });

  it('adds an escaped caption only when a label is given', () => {
    const svg = demoImageSvg(image('city'), 'Tom & Jerry <b>"quoted"</b> \'single\'');
    assertStandaloneSvg(svg, 1200, 675);
    expect(svg).toContain('<text');
    expect(svg).toContain('Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &#39;single&#39;');
    expect(svg).not.toContain('<b>');
    expect(demoImageSvg(image('city'), '   ')).not.toContain('<text');
  });

  it('keeps Cyrillic captions and cuts long ones to fit, under 4 KB', () => {
    const svg = demoImageSvg(image('sea'), 'Ледник Коржын — «тает быстрее» '.repeat(20));
    assertStandaloneSvg(svg, 1200, 675);
    expect(svg).toContain('Ледник Коржын — «тает быстрее»');
    expect(svg).toContain('…</text>');
    expect(Buffer.byteLength(svg)).toBeLessThan(4096);
  });

  it('drops characters XML forbids from a caption', () => {
    const svg = demoImageSvg(image('grid'), 'bell\u0007 and \uD800lone');
    assertWellFormedXml(svg);
    expect(svg).toContain('bell and lone');
  });
});

describe('logoSvg', () => {
  it('is a square monogram of the first letter, upper-cased', () => {
    const svg = logoSvg('masthead Demo');
    assertStandaloneSvg(svg, 64, 64);
    expect(svg).toMatch(/<text[^>]*>M<\/text>/);
    expect(svg).toContain('aria-label="masthead Demo"');
    expect(Buffer.byteLength(svg)).toBeLessThan(1024);
  });

  it('is deterministic', () => {
    expect(logoSvg('Masthead Demo')).toBe(logoSvg('Masthead Demo'));
  });

  it('uses the first letter or digit, Cyrillic included', () => {
    expect(logoSvg('  «вечерний тракт»')).toMatch(/<text[^>]*>В<\/text>/);
    expect(logoSvg('24 Hours')).toMatch(/<text[^>]*>2<\/text>/);
  });

  it('escapes the site name and a monogram that is markup', () => {
    const svg = logoSvg('<&">');
    assertStandaloneSvg(svg, 64, 64);
    expect(svg).toContain('aria-label="&lt;&amp;&quot;&gt;"');
    expect(svg).toMatch(/<text[^>]*>&lt;<\/text>/);
    const amp = logoSvg('& Co');
    assertWellFormedXml(amp);
    expect(amp).toMatch(/<text[^>]*>C<\/text>/);
  });

  it('still draws a monogram for an empty name', () => {
    const svg = logoSvg('');
    assertStandaloneSvg(svg, 64, 64);
    expect(svg).toMatch(/<text[^>]*>M<\/text>/);
  });
});

describe('the well-formedness check itself', () => {
  it('rejects broken markup', () => {
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg>a & b</svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => assertWellFormedXml('<svg a=1/>')).toThrow();
    expect(() => assertWellFormedXml('<svg/><svg/>')).toThrow();
  });
});
