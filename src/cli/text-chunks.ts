/**
 * How much of an export file is read at a time. Each chunk becomes a string of at most as many characters: two bytes
 * a character once the text holds any beyond Latin-1, as Cyrillic does. Up to 64 KB such a string is an ordinary
 * object of V8's young generation, whose pages stay mapped; from 128 KB it is a "large object", memory mapped afresh
 * for each chunk and faulted in page by page, then unmapped. With 256 KB chunks that was a fifth of an import's page
 * faults (27,000 of some 130,000 at 20,000 posts), each a trip through the kernel on this virtual machine.
 */
export const EXPORT_READ_CHUNK = 32 * 1024;

/**
 * A UTF-8 byte stream (an export file being read) as text, chunk by chunk; `onBytes` is told each chunk's size in
 * bytes (the progress bar's measure). TextDecoder rather than the stream's own `encoding: 'utf8'`: on Cyrillic text it
 * decodes some 20% faster, 4% of a WordPress import's thread, and it gives the byte count without encoding the text
 * again. Invalid bytes become U+FFFD, as the stream's decoder made them; a byte-order mark at the start is dropped.
 */
export async function* textChunks(bytes: AsyncIterable<Uint8Array>, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    onBytes?.(chunk.byteLength);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
