/**
 * A large request body made as it is read, which counts how much of it the server pulled: tests of body limits assert
 * that a refused request was not read (or was cut at its limit) without ever holding the whole body in memory.
 */
export const CHUNK = 64 * 1024;
export const MB = 1024 * 1024;

export const MULTIPART_TYPE = 'multipart/form-data; boundary=masthead-test-boundary';

/** The start of a multipart upload whose file part runs on for the rest of the body. */
export const multipartFileHead = (name = 'file') =>
  `--masthead-test-boundary\r\nContent-Disposition: form-data; name="${name}"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;

export function countedBody(totalBytes: number, head = '') {
  const first = new TextEncoder().encode(head);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const chunk = pulled === 0 && first.length ? first : new Uint8Array(Math.min(CHUNK, totalBytes - pulled));
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return {
    /** As a request's `init`: the body and what a stream body needs besides. */
    init: { body: stream, duplex: 'half' } as RequestInit,
    pulled: () => pulled,
  };
}
