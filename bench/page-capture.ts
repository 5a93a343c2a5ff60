import http from 'node:http';

/**
 * One page as Masthead served it, for the reference server to replay byte for byte. Fetched with raw node:http
 * (fetch would decompress and drop the encoding), once with `Accept-Encoding: identity` and once with the load
 * test's own Accept-Encoding; the second is kept only when Masthead actually compressed it (else the reference
 * sends the uncompressed bytes to the load test too).
 */
export type CapturedVariant = {
  /** Content-Encoding, or null for the uncompressed response. */
  encoding: string | null;
  status: number;
  /** Flat [name, value, name, value...] as Node's rawHeaders, less the ones each server writes for itself. */
  headers: string[];
  body: string; // base64
};
export type CapturedPage = { path: string; variants: CapturedVariant[] };

// Per-connection or per-response headers: node:http writes its own, so copying them would send them twice.
const OWN = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

export async function capturePage(base: string, path: string, loadHeaders: Record<string, string>): Promise<CapturedPage> {
  // A page cache fills on the first miss and compresses in the background: ask until the compressed copy is served
  // (for at most three seconds), so the bytes replayed are those of a hit, not of the one-off miss.
  const deadline = performance.now() + 3_000;
  let asLoaded = await get(base + path, loadHeaders);
  while (!asLoaded.encoding && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    asLoaded = await get(base + path, loadHeaders);
  }
  const identity = await get(base + path, { 'accept-encoding': 'identity' });
  const variants = [identity];
  if (asLoaded.encoding) variants.push(asLoaded);
  for (const v of variants) {
    if (v.status !== 200) throw new Error(`GET ${path} answered ${v.status}; the bench needs an article page that exists`);
  }
  return { path, variants };
}

function get(url: string, headers: Record<string, string>): Promise<CapturedVariant> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.rawHeaders;
          const kept: string[] = [];
          for (let i = 0; i < raw.length; i += 2) if (!OWN.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
          const enc = res.headers['content-encoding'];
          resolve({
            encoding: enc && enc !== 'identity' ? enc : null,
            status: res.statusCode ?? 0,
            headers: kept,
            body: Buffer.concat(chunks).toString('base64'),
          });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Whether an Accept-Encoding header value accepts `encoding` (q=0 refuses it). */
export function acceptsEncoding(header: string, encoding: string): boolean {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== encoding && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

export const bodyBytes = (v: CapturedVariant) => Buffer.from(v.body, 'base64').length;
