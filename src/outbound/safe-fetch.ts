import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../errors.js';
import { addressAllowed, parseAllowList, type PrivateAllowList } from './address-policy.js';

/**
 * The one fetcher for everything Masthead fetches from elsewhere (partner feeds and their pages now; webhooks and
 * WebSub later). It refuses what would let a URL given by a partner or a user reach inside the newsroom's network:
 * only http and https; the address of every connection (each redirect's too) is resolved here and checked before
 * connecting to exactly that address, so DNS cannot answer one address to a check and another to the connection;
 * private, loopback, link-local, unique-local, multicast and unspecified addresses are refused unless
 * ALLOW_PRIVATE_HOSTS lists them. It bounds redirects, the total time and the body (counted as it streams, after
 * decompression, so a gzip bomb stops at the limit), and does conditional GETs.
 */
export type SafeFetchOptions = {
  /** ALLOW_PRIVATE_HOSTS, parsed (parseAllowList) or as the setting's text. */
  allow?: PrivateAllowList | string | readonly string[];
  /**
   * Origins (`http://127.0.0.1:3000`: scheme, host and port) whose connections may reach an internal address although
   * ALLOW_PRIVATE_HOSTS does not list it: the demo's own partner feed. Narrower than a host in the list: another port
   * on the same address, or a redirect elsewhere, is judged as usual.
   */
  allowOrigins?: readonly string[];
  /** The whole fetch, redirects included (default 15 s). */
  timeoutMs?: number;
  /** The body after decompression (default 5 MB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Conditional GET: the validators of the copy we have. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** Name resolution (tests); default dns.lookup. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
};

export type SafeFetchResult = {
  /** The URL the body came from (after redirects). */
  url: string;
  status: number;
  /** True on 304: `body` is empty, the copy we have is current. */
  notModified: boolean;
  headers: Record<string, string>;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: Buffer;
};

export const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;
const USER_AGENT = 'Masthead/0.1 (+https://github.com/masthead; feed ingest)';

const defaultResolve = (host: string) => dns.promises.lookup(host, { all: true, verbatim: true });

export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const allow =
    typeof options.allow === 'object' && options.allow !== null && 'hosts' in options.allow
      ? options.allow
      : parseAllowList(options.allow as string | undefined);
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const resolve = options.resolve ?? defaultResolve;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () =>
    new AppError('FETCH_TIMEOUT', `${rawUrl} did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
      hint: 'The server is slow or not answering; the next poll tries again.',
      details: { url: rawUrl, timeoutMs },
    });
  try {
    let url = parseHttpUrl(rawUrl);
    // An allowed origin is allowed as the address asked for, and for redirects that stay on it: a redirect from
    // elsewhere onto it is judged as any other internal address (else any outside page could reach it).
    const allowedOrigin = options.allowOrigins?.includes(url.origin) ? url.origin : null;
    for (let redirects = 0; ; redirects++) {
      const originAllowed = allowedOrigin !== null && url.origin === allowedOrigin;
      const res = await request(url, { allow, resolve, signal: controller.signal, options, originAllowed }).catch((err: unknown) => {
        throw controller.signal.aborted ? timedOut() : err;
      });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        res.resume();
        if (redirects >= maxRedirects) {
          throw new AppError('FETCH_TOO_MANY_REDIRECTS', `${rawUrl} redirected more than ${maxRedirects} times.`, {
            hint: 'Give the final address of the feed.',
            details: { url: rawUrl, maxRedirects },
          });
        }
        url = parseHttpUrl(new URL(location, url).href);
        continue;
      }
      const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const base = {
        url: url.href,
        status,
        headers,
        contentType: headers['content-type'] || null,
        etag: headers.etag || null,
        lastModified: headers['last-modified'] || null,
      };
      if (status === 304) {
        res.resume();
        return { ...base, notModified: true, body: Buffer.alloc(0) };
      }
      if (status < 200 || status > 299) {
        res.resume();
        throw new AppError('FETCH_HTTP_ERROR', `${url.href} answered HTTP ${status}.`, {
          hint:
            status === 404 || status === 410 ? 'The address is wrong or gone: check the feed URL.' : 'The server refused or failed; the next poll tries again.',
          details: { url: url.href, status },
        });
      }
      const declared = Number(headers['content-length']);
      const encoding = (headers['content-encoding'] || 'identity').toLowerCase().trim();
      if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw tooLarge(url.href, maxBytes);
      }
      const body = await readBounded(res, encoding, maxBytes, url.href).catch((err: unknown) => {
        throw controller.signal.aborted ? timedOut() : err;
      });
      return { ...base, notModified: false, body };
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('FETCH_URL_INVALID', `"${raw}" is not a URL.`, { hint: 'Give an http:// or https:// address.', details: { url: raw } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('FETCH_URL_INVALID', `${url.protocol} addresses are not fetched: only http and https.`, {
      hint: 'Give an http:// or https:// address.',
      details: { url: raw },
    });
  }
  if (url.username || url.password) url.username = url.password = '';
  return url;
}

const refused = (host: string, address: string) =>
  new AppError('FETCH_ADDRESS_REFUSED', `${host} is at ${address}, a private, loopback, link-local or otherwise internal address: not fetched.`, {
    hint: 'Outbound fetches reach only public addresses. If this host is meant to be reached (a feed on your own network), list it in ALLOW_PRIVATE_HOSTS.',
    details: { host, address },
  });

const tooLarge = (url: string, maxBytes: number) =>
  new AppError('FETCH_TOO_LARGE', `${url} is larger than ${Math.round(maxBytes / 1024)} KB.`, {
    hint: 'The body (after decompression) is over the limit; nothing of it was kept.',
    details: { url, maxBytes },
  });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function request(
  url: URL,
  ctx: {
    allow: PrivateAllowList;
    resolve: NonNullable<SafeFetchOptions['resolve']>;
    signal: AbortSignal;
    options: SafeFetchOptions;
    originAllowed: boolean;
  },
): Promise<http.IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = (name: string, address: string) => ctx.originAllowed || addressAllowed(ctx.allow, name, address);
  // A literal address is connected to without a lookup: check it here.
  if (net.isIP(host) && !allowed(host, host)) return Promise.reject(refused(host, host));
  // Every name lookup of this connection goes through the check; only checked addresses are handed to the socket.
  const lookup = (hostname: string, opts: { all?: boolean } | number, cb: LookupCallback) => {
    ctx.resolve(hostname).then(
      (found) => {
        const ok = found.filter((a) => allowed(hostname, a.address));
        if (ok.length === 0) {
          const first = found[0]?.address ?? '(no address)';
          cb(Object.assign(refused(hostname, first), { code: 'FETCH_ADDRESS_REFUSED' }) as unknown as NodeJS.ErrnoException, '', 4);
          return;
        }
        if (typeof opts === 'object' && opts.all)
          cb(
            null,
            ok.map((a) => ({ address: a.address, family: a.family })),
          );
        else cb(null, ok[0]!.address, ok[0]!.family);
      },
      (err: NodeJS.ErrnoException) => cb(err, '', 4),
    );
  };
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: ctx.options.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (ctx.options.etag) headers['if-none-match'] = ctx.options.etag;
  if (ctx.options.lastModified) headers['if-modified-since'] = ctx.options.lastModified;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: 'GET', headers, lookup: lookup as never, agent: false, signal: ctx.signal }, resolve);
    req.on('error', (err: NodeJS.ErrnoException & { code?: string }) => {
      if (err instanceof AppError) return reject(err);
      if ((err as { code?: string }).code === 'FETCH_ADDRESS_REFUSED') return reject(err);
      reject(
        new AppError('FETCH_FAILED', `Could not fetch ${url.href}: ${err.code ?? err.message}.`, {
          hint: err.code === 'ENOTFOUND' ? 'The host name does not resolve: check the address.' : 'The server could not be reached; the next poll tries again.',
          details: { url: url.href, cause: err.code ?? err.message },
          cause: err,
        }),
      );
    });
    req.end();
  });
}

async function readBounded(res: http.IncomingMessage, encoding: string, maxBytes: number, url: string): Promise<Buffer> {
  let stream: Readable = res;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  // pipeline, not pipe: a response that errors, is cut off or is destroyed by the timeout ends the decoder with it
  // (with pipe the decoder waited for more bytes for ever, and the poll with it).
  if (decoder) stream = pipeline(res, decoder, () => {});
  else if (encoding !== 'identity') {
    res.destroy();
    throw new AppError('FETCH_FAILED', `${url} is sent with an encoding Masthead cannot read (${encoding}).`, {
      hint: 'The server should send gzip, deflate, br or plain bytes.',
      details: { url, encoding },
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(chunk);
    }
  } catch (err) {
    res.destroy();
    stream.destroy();
    if (err instanceof AppError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new AppError('FETCH_FAILED', `Reading ${url} failed: ${e.code ?? e.message}.`, {
      hint: 'The body was cut off or corrupt; the next poll tries again.',
      details: { url },
    });
  }
  return Buffer.concat(chunks);
}
