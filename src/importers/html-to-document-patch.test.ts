import { Element } from 'linkedom';
import { expect, it } from 'vitest';

// Alone in its file: the other converter tests patch linkedom in their process by converting.
it('importing the converter leaves linkedom alone; its first conversion patches it (importing it patched every linkedom user)', async () => {
  const { getAttribute, matches } = Element.prototype;
  const { htmlToDocument } = await import('./html-to-document.js');
  expect(Element.prototype.getAttribute).toBe(getAttribute);
  expect(Element.prototype.matches).toBe(matches);
  htmlToDocument('<p class="x">a</p>');
  expect(Element.prototype.getAttribute).not.toBe(getAttribute);
  expect(Element.prototype.matches).not.toBe(matches);
});
