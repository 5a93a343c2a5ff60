import { describe, expect, it } from 'vitest';
import { textChunks } from './text-chunks.js';

async function read(parts: number[][]): Promise<{ text: string; bytes: number }> {
  let bytes = 0;
  let text = '';
  async function* source() {
    for (const p of parts) yield Uint8Array.from(p);
  }
  for await (const t of textChunks(source(), (n) => (bytes += n))) text += t;
  return { text, bytes };
}

describe('textChunks', () => {
  it('joins a character whose bytes fall in two chunks, and counts the bytes', async () => {
    const all = [...Buffer.from('Степь и ветер — 🌾')];
    for (let cut = 1; cut < all.length; cut++) {
      expect(await read([all.slice(0, cut), all.slice(cut)])).toEqual({ text: 'Степь и ветер — 🌾', bytes: all.length });
    }
  });

  it('drops a byte-order mark at the start, and reads invalid bytes as U+FFFD, a truncated last character too', async () => {
    expect((await read([[0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x3e]])).text).toBe('<a>');
    expect((await read([[0x61, 0xff, 0x62], [0xd0]])).text).toBe('a\ufffdb\ufffd');
  });
});
