import { expect, it } from 'vitest';

// Alone in its file: the other converter tests patch linkedom in their process by converting.
it('importing the converter leaves linkedom alone, and so does a conversion; its first read with linkedom patches it (importing it patched every linkedom user)', async () => {
  const { htmlToDocument, loadLinkedom, parseWithLinkedom } = await import('./html-to-document.js');
  // The converter's own copy of linkedom (it loads it on first use).
  const { Element } = loadLinkedom();
  const { getAttribute, matches } = Element.prototype;
  // A conversion reads the cleaned markup with its own small DOM (clean-dom.ts): linkedom is not even touched.
  htmlToDocument('<p class="x">a</p>');
  expect(Element.prototype.getAttribute).toBe(getAttribute);
  expect(Element.prototype.matches).toBe(matches);
  parseWithLinkedom('<p class="x">a</p>');
  expect(Element.prototype.getAttribute).not.toBe(getAttribute);
  expect(Element.prototype.matches).not.toBe(matches);
});
