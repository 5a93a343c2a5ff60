import { Element } from 'linkedom';
import { expect, it } from 'vitest';

// Alone in its file: the other converter tests patch linkedom in their process by converting.
it('importing the converter leaves linkedom alone; its first read with linkedom patches it (importing it patched every linkedom user)', async () => {
  const { getAttribute, matches } = Element.prototype;
  const { htmlToDocument, parseWithLinkedom } = await import('./html-to-document.js');
  expect(Element.prototype.getAttribute).toBe(getAttribute);
  expect(Element.prototype.matches).toBe(matches);
  // A conversion reads the cleaned markup with its own small DOM (clean-dom.ts): linkedom is not even touched.
  htmlToDocument('<p class="x">a</p>');
  expect(Element.prototype.getAttribute).toBe(getAttribute);
  parseWithLinkedom('<p class="x">a</p>');
  expect(Element.prototype.getAttribute).not.toBe(getAttribute);
  expect(Element.prototype.matches).not.toBe(matches);
});
