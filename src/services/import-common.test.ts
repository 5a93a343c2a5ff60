import { describe, expect, it } from 'vitest';
import { htmlToDocument } from '../importers/html-to-document.js';
import { htmlAsText } from './import-common.js';

describe('htmlAsText', () => {
  const trips: string[] = [];
  const converter = async (html: string) => {
    trips.push(html);
    return htmlToDocument(html);
  };
  const viaConverter = htmlAsText(converter);
  const always = (html: string) => htmlAsText(async (h) => htmlToDocument(h))(`<span>${html}</span>`);

  // Plain text skips the converter's worker (a round trip per post that the import's writes waited for): it must come
  // out as the converter gives it.
  it('gives plain text without the converter, as the converter would', async () => {
    const plain = ['Коротко о степи', '  two\n\nlines\tand  spaces ', 'quotes "a" \'b\' > c', 'a\u00a0b\u2028c', 'Қазақ тілі', ''];
    for (const text of plain) {
      trips.length = 0;
      expect(await viaConverter(text), JSON.stringify(text)).toBe(await always(text));
      expect(trips, JSON.stringify(text)).toEqual([]);
    }
  });

  it('sends markup, entities and control characters through the converter', async () => {
    for (const html of ['<b>bold</b> text', 'fish &amp; chips', 'a\u0001b', '<script>x()</script>seen']) {
      trips.length = 0;
      await viaConverter(html);
      expect(trips, JSON.stringify(html)).toEqual([html]);
    }
    expect(await viaConverter('fish &amp; chips <i>now</i>')).toBe('fish & chips now');
  });
});
