import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { PUBLIC_CSP_META } from '../render/public-csp.js';
import { html, raw } from '../render/html.js';

/**
 * What became of one path: where its file is, whether it was (re)written, and the internal links it holds; or why it
 * was refused (not fetched, nothing written), when its file would not be what the app answered, inside the folder.
 */
export type PageOutcome = { status: number; file: string | null; hash: string | null; written: boolean; links: string[]; refused?: string };

/** Renders one public path and writes its file: `pageExporter` in this thread, or a pool of workers each running one. */
export type ExportPage = (pathname: string) => Promise<PageOutcome>;

/** The mirror's origin and path prefix, from its base URL. */
export function mirrorPrefixes(siteUrl: string): { prefix: string; absolutePrefix: string } {
  const base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  const prefix = base.pathname.replace(/\/$/, '');
  return { prefix, absolutePrefix: `${base.origin}${prefix}` };
}

/**
 * Renders paths through `fetch` (the app's in-memory `request`) and writes each to its file in `outDir`, skipping a
 * file whose bytes match the last run's manifest. Rendering, link extraction, hashing and the (synchronous) write all
 * happen in the calling thread, so a pool of workers each running one shares nothing but the crawl queue.
 */
export function pageExporter(opts: { fetch: (pathname: string) => Promise<Response>; outDir: string; siteUrl: string }): ExportPage {
  const { prefix, absolutePrefix } = mirrorPrefixes(opts.siteUrl);
  const outDir = path.resolve(opts.outDir);
  const previous = readManifest(outDir)?.files ?? {};
  const madeDirs = new Set<string>();
  // The folder's real path, once it exists: a directory on the way to a file must not be a link to elsewhere.
  let realOutDir: string | null = null;
  // Each link is sent to the crawl once per exporter: a page links to the same menus and sections as every other.
  // `found` is read from latin1 text; most links were seen before, so that is checked first, as they were found.
  const sent = new Set<string>();
  const fresh = (found: string[]) => {
    const out: string[] = [];
    for (const raw of found) {
      if (sent.has(raw)) continue;
      sent.add(raw);
      const link = fromLatin1(raw);
      const hash = link.indexOf('#');
      const clean = hash === -1 ? link : link.slice(0, hash);
      if (!clean.startsWith('/') || clean.startsWith('//') || clean.includes('?') || (clean !== raw && sent.has(clean))) continue;
      sent.add(clean);
      out.push(clean);
    }
    return out;
  };
  const refused = (reason: string): PageOutcome => ({ status: 0, file: null, hash: null, written: false, links: [], refused: reason });
  return async (pathname) => {
    const why = refusedPath(pathname);
    if (why) return refused(why);
    const res = await opts.fetch(pathname);
    const type = res.headers.get('content-type') ?? '';
    let links: string[] = [];
    let body: Buffer;
    let file: string;
    if (res.status === 301 || res.status === 302 || res.status === 308) {
      const to = res.headers.get('location') ?? '/';
      links = fresh([to]);
      body = Buffer.from(redirectPage(prefix + to));
      file = fileFor(pathname, 'text/html');
      await res.body?.cancel();
    } else if (res.status === 200) {
      body = Buffer.from(await res.arrayBuffer());
      file = fileFor(pathname, type);
      if (/^(text\/|application\/(xml|rss|atom|feed|json))/.test(type) || type.includes('+xml') || type.includes('json')) {
        // Read as latin1, one character per byte: the markup and the links are ASCII, UTF-8 never puts an ASCII byte
        // inside a multi-byte character, and the bytes come back unchanged, without decoding and encoding UTF-8.
        const text = body.toString('latin1');
        links = fresh(linksIn(text, absolutePrefix));
        if (type.startsWith('text/html')) body = Buffer.from(withCspMeta(prefix ? withPrefix(text, prefix) : text), 'latin1');
      }
    } else {
      await res.body?.cancel();
      return { status: res.status, file: null, hash: null, written: false, links };
    }
    const target = inside(outDir, file);
    if (!target) return refused('its file would be outside the export folder');
    if (file === MANIFEST) return refused('its file would be the export manifest');
    const hash = createHash('sha1').update(body).digest('base64url');
    if (previous[file] === hash && fs.existsSync(target)) return { status: res.status, file, hash, written: false, links };
    // Synchronous on purpose: a worker has nothing else to do meanwhile, and a promise per mkdir/open/write/close
    // costs more than the system calls themselves.
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      realOutDir ??= fs.realpathSync.native(outDir);
      if (!isInside(realOutDir, fs.realpathSync.native(dir), true)) return refused('its folder is a link to outside the export folder');
      madeDirs.add(dir);
    }
    let fd: number;
    try {
      // Never through a symbolic link planted where a file goes.
      fd = fs.openSync(target, WRITE_NO_FOLLOW, 0o666);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') return refused('its file is a symbolic link');
      throw e;
    }
    try {
      fs.writeFileSync(fd, body);
    } finally {
      fs.closeSync(fd);
    }
    return { status: res.status, file, hash, written: true, links };
  };
}

export type ExportOptions = {
  /** Renders and writes one path; by default a `pageExporter` over `fetch` in this thread. */
  exportPage?: ExportPage;
  /** The app's in-memory `request`, when `exportPage` is not given. */
  fetch?: (pathname: string) => Promise<Response>;
  outDir: string;
  /** The address the mirror will be served from; the pages were rendered with it as SITE_URL. */
  siteUrl: string;
  locales: string[];
  onProgress?: (done: number, found: number) => void;
  /** Pages in flight at once (default 1); worth raising when `exportPage` runs in worker threads. */
  concurrency?: number;
};

export type ExportReport = {
  pages: number;
  written: number;
  unchanged: number;
  removed: number;
  /** Internal links that answered neither 200 nor a redirect: a mirror must have none. */
  broken: { path: string; status: number; from: string }[];
  /**
   * Links the crawl did not follow (a `..` segment, an encoded slash, …: their files would not be the page the app
   * answers, or not inside the folder) and manifest entries that were ignored, `from` naming the manifest.
   */
  refused: { path: string; reason: string; from: string }[];
  seconds: number;
};

const MANIFEST = '.masthead-export.json';
type Manifest = { siteUrl: string; files: Record<string, string> };

/**
 * Writes the public site to a folder for a CDN or a mirror by crawling it from the home pages, robots.txt and the
 * sitemaps: whatever a reader or a crawler can reach gets a file, and every internal link is checked on the way.
 * Incremental: a file whose bytes did not change is not rewritten, and files of pages that disappeared are removed.
 */
export async function exportStatic(opts: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  const outDir = path.resolve(opts.outDir);
  const report: ExportReport = { pages: 0, written: 0, unchanged: 0, removed: 0, broken: [], refused: [], seconds: 0 };
  const old = readManifest(outDir, (file, reason) => report.refused.push({ path: file, reason, from: MANIFEST }));
  // No prototype: a page's file may be called "__proto__" or "constructor".
  const files: Record<string, string> = Object.create(null);

  const queue: { path: string; from: string }[] = [];
  const seen = new Set<string>();
  const enqueue = (p: string, from: string) => {
    const clean = p.split('#')[0]!;
    if (!clean.startsWith('/') || clean.startsWith('//') || clean.includes('?') || seen.has(clean)) return;
    seen.add(clean);
    const why = refusedPath(clean);
    if (why) report.refused.push({ path: clean, reason: why, from });
    else queue.push({ path: clean, from });
  };
  for (const seed of ['/', ...opts.locales.map((l) => `/${l}/`), '/robots.txt', '/sitemap.xml']) enqueue(seed, '(start)');

  fs.mkdirSync(outDir, { recursive: true });
  const exportPage = opts.exportPage ?? pageExporter({ fetch: opts.fetch ?? missingFetch, outDir, siteUrl: opts.siteUrl });
  let done = 0;
  const visit = async ({ path: p, from }: { path: string; from: string }) => {
    const page = await exportPage(p);
    for (const link of page.links) enqueue(link, p);
    if (page.refused) {
      report.refused.push({ path: p, reason: page.refused, from });
      return;
    }
    if (!page.file || !page.hash) {
      // robots.txt and the sitemap index are optional seeds; any other miss was linked from somewhere.
      if (from !== '(start)') report.broken.push({ path: p, status: page.status, from });
      return;
    }
    files[page.file] = page.hash;
    report.pages++;
    if (page.written) report.written++;
    else report.unchanged++;
  };

  // Several pages in flight: renders (in workers, when the caller provides them) overlap with each other, and a
  // worker always has the next page waiting. The queue grows as pages reveal links; the crawl ends when nothing is
  // queued or in flight.
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    const pump = () => {
      while (running < concurrency && next < queue.length) {
        running++;
        visit(queue[next++]!).then(() => {
          running--;
          opts.onProgress?.(++done, queue.length);
          if (running === 0 && next >= queue.length) resolve();
          else pump();
        }, reject);
      }
      if (running === 0 && next >= queue.length) resolve();
    };
    pump();
  });

  // Only entries readManifest let through: each names a file inside the folder. A folder on the way that is a link to
  // elsewhere is left alone (rm removes a link itself, never its target, so the file's own name needs no check).
  const realOutDir = fs.realpathSync.native(outDir);
  for (const file of Object.keys(old?.files ?? {})) {
    if (Object.hasOwn(files, file)) continue;
    const target = inside(outDir, file)!;
    let dir: string;
    try {
      dir = fs.realpathSync.native(path.dirname(target));
    } catch {
      continue; // its folder is gone, and the file with it
    }
    if (!isInside(realOutDir, dir, true)) {
      report.refused.push({ path: file, reason: 'its folder is a link to outside the export folder', from: MANIFEST });
      continue;
    }
    fs.rmSync(target, { force: true });
    report.removed++;
  }
  fs.writeFileSync(path.join(outDir, MANIFEST), JSON.stringify({ siteUrl: opts.siteUrl, files } satisfies Manifest));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * The file that serves a path on a static host, which picks the content type from the file name: an HTML page gets
 * an index.html of its own (a path's last segment may hold a dot, like a pagination cursor "1764084242000.9998"),
 * and anything else (feeds, sitemaps, robots.txt, images) keeps its name.
 */
export function fileFor(p: string, contentType: string): string {
  const why = refusedPath(p);
  if (why) throw new AppError('BAD_REQUEST', `The static export refuses the path ${JSON.stringify(p)}: ${why}.`);
  const rel = decodeURIComponent(p).replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) return `${rel}index.html`;
  if (contentType.startsWith('text/html')) return /\.html?$/i.test(rel) ? rel : `${rel}/index.html`;
  return rel;
}

/** Root-relative links in HTML attributes and absolute links to the site in any text (feeds, sitemaps, robots). */
export function linksIn(text: string, absolutePrefix: string): string[] {
  const out: string[] = [];
  // One pass for all three kinds; a page is scanned once per export, and three passes cost half as much again.
  const any = new RegExp(`(?:href|src|action)="(/[^"]*)"|srcset="([^"]*)"|${escapeRe(absolutePrefix)}(/[^"'<>\\s]*)`, 'g');
  for (const m of text.matchAll(any)) {
    const [, attr, srcset, absolute] = m;
    if (srcset !== undefined) {
      // Responsive images: every candidate of a srcset is a file the mirror must have.
      for (const candidate of unescapeAttr(srcset).split(',')) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url?.startsWith('/')) out.push(url);
      }
    } else {
      out.push(unescapeAttr((attr ?? absolute)!));
    }
  }
  return out;
}

/** A mirror below a path (https://mirror.example/news): root-relative links must carry the prefix. */
export function withPrefix(html: string, prefix: string): string {
  return html
    .replace(/((?:href|src|action)=")\/(?!\/)/g, `$1${prefix}/`)
    .replace(/(srcset=")([^"]*)"/g, (_m, attr: string, set: string) => `${attr}${set.replace(/(^|,\s*)\/(?!\/)/g, `$1${prefix}/`)}"`);
}

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${PUBLIC_CSP_META}">`;

/**
 * A static host sends no Content-Security-Policy of its own unless told to, so each exported page carries the app's
 * policy in a <meta>: right after the charset, before anything it governs (a meta policy applies only to what
 * follows it). frame-ancestors has no effect there: README "Security headers" lists what the host should send.
 */
export function withCspMeta(html: string): string {
  const charset = /<meta charset="utf-8"\/?>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + CSP_META + html.slice(charset.index + charset[0].length);
  const head = html.indexOf('<head>');
  return head === -1 ? html : html.slice(0, head + 6) + CSP_META + html.slice(head + 6);
}

function redirectPage(to: string): string {
  return `<!DOCTYPE html>${html`<html lang="en"><head><meta charset="utf-8">${raw(CSP_META)}<title>Moved</title><link rel="canonical" href="${to}"><meta http-equiv="refresh" content="0; url=${to}"></head><body><p><a href="${to}">${to}</a></p></body></html>`.text}`;
}

/** A link read from latin1 text back to the characters its UTF-8 bytes spell. */
const fromLatin1 = (s: string) => (/[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);
const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const missingFetch = (): Promise<Response> => {
  throw new Error('exportStatic needs `fetch` or `exportPage`');
};

// A C0 control character or DEL: the URL parser drops tabs and newlines, so the app would answer another path.
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Why the crawl must not follow a root-relative link (no query, no fragment), or null when it may. The app answers a
 * path after the URL parser has normalised it (`..` and `%2e%2e` resolved), while its file is named from the link as
 * written: a dot segment would climb out of the folder, an encoded slash or backslash would add a level the app never
 * saw. Such a link is refused, never "fixed": the mirror holds only what the site's own links name.
 */
export function refusedPath(link: string): string | null {
  if (!link.startsWith('/')) return 'not a root-relative path';
  if (link.includes('\\')) return 'a backslash';
  for (const segment of link.slice(1).split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'not valid percent-encoding';
    }
    if (decoded === '.' || decoded === '..') return 'a dot segment (. or ..)';
    if (decoded.includes('/') || decoded.includes('\\')) return 'an encoded slash or backslash';
    if (CONTROL.test(decoded)) return 'a control character (NUL, tab, newline…)';
  }
  return null;
}

/**
 * Why a manifest entry is not a file this export could have written, or null. The manifest is a file in the folder,
 * which anyone who can write there can edit: its names decide what is deleted, so none is trusted.
 */
export function refusedManifestEntry(dir: string, file: string): string | null {
  if (file === '' || path.isAbsolute(file) || /^[a-zA-Z]:/.test(file)) return 'an absolute path';
  if (file.includes('\\') || CONTROL.test(file)) return 'a backslash or control character';
  if (file.split('/').some((s) => s === '.' || s === '..')) return 'a dot segment (. or ..)';
  if (file === MANIFEST) return 'the manifest itself';
  return inside(path.resolve(dir), file) ? null : 'outside the export folder';
}

/** The absolute path of `file` in `dir` (absolute), or null when it resolves outside it or to the folder itself. */
function inside(dir: string, file: string): string | null {
  const target = path.resolve(dir, file);
  return isInside(dir, target, false) ? target : null;
}

function isInside(dir: string, target: string, orSame: boolean): boolean {
  if (orSame && target === dir) return true;
  return target.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

const WRITE_NO_FOLLOW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW;

/** The last run's manifest with only the entries that name a file inside `dir`; `refuse` hears of the others. */
function readManifest(dir: string, refuse?: (file: string, reason: string) => void): Manifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
  const { siteUrl, files: listed } = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Manifest, unknown>>;
  const files: Record<string, string> = Object.create(null);
  if (typeof listed === 'object' && listed !== null && !Array.isArray(listed)) {
    for (const [file, hash] of Object.entries(listed)) {
      const why = typeof hash === 'string' ? refusedManifestEntry(dir, file) : 'no hash';
      if (why) refuse?.(file, why);
      else files[file] = hash as string;
    }
  } else if (listed !== undefined) {
    refuse?.('files', 'not a list of files');
  }
  return { siteUrl: typeof siteUrl === 'string' ? siteUrl : '', files };
}
