import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What became of one path: where its file is, whether it was (re)written, and the internal links it holds. */
export type PageOutcome = { status: number; file: string | null; hash: string | null; written: boolean; links: string[] };

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
  const previous = readManifest(opts.outDir)?.files ?? {};
  const madeDirs = new Set<string>();
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
  return async (pathname) => {
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
        if (prefix && type.startsWith('text/html')) body = Buffer.from(withPrefix(text, prefix), 'latin1');
      }
    } else {
      await res.body?.cancel();
      return { status: res.status, file: null, hash: null, written: false, links };
    }
    const hash = createHash('sha1').update(body).digest('base64url');
    const target = path.join(opts.outDir, file);
    if (previous[file] === hash && fs.existsSync(target)) return { status: res.status, file, hash, written: false, links };
    // Synchronous on purpose: a worker has nothing else to do meanwhile, and a promise per mkdir/open/write/close
    // costs more than the system calls themselves.
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    fs.writeFileSync(target, body);
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
  const old = readManifest(opts.outDir);
  const files: Record<string, string> = {};
  const report: ExportReport = { pages: 0, written: 0, unchanged: 0, removed: 0, broken: [], seconds: 0 };

  const queue: { path: string; from: string }[] = [];
  const seen = new Set<string>();
  const enqueue = (p: string, from: string) => {
    const clean = p.split('#')[0]!;
    if (!clean.startsWith('/') || clean.startsWith('//') || clean.includes('?') || seen.has(clean)) return;
    seen.add(clean);
    queue.push({ path: clean, from });
  };
  for (const seed of ['/', ...opts.locales.map((l) => `/${l}/`), '/robots.txt', '/sitemap.xml']) enqueue(seed, '(start)');

  fs.mkdirSync(opts.outDir, { recursive: true });
  const exportPage = opts.exportPage ?? pageExporter({ fetch: opts.fetch ?? missingFetch, outDir: opts.outDir, siteUrl: opts.siteUrl });
  let done = 0;
  const visit = async ({ path: p, from }: { path: string; from: string }) => {
    const page = await exportPage(p);
    for (const link of page.links) enqueue(link, p);
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
        visit(queue[next++]!).then(
          () => {
            running--;
            opts.onProgress?.(++done, queue.length);
            if (running === 0 && next >= queue.length) resolve();
            else pump();
          },
          reject,
        );
      }
      if (running === 0 && next >= queue.length) resolve();
    };
    pump();
  });

  for (const file of Object.keys(old?.files ?? {})) {
    if (!(file in files)) {
      fs.rmSync(path.join(opts.outDir, file), { force: true });
      report.removed++;
    }
  }
  fs.writeFileSync(path.join(opts.outDir, MANIFEST), JSON.stringify({ siteUrl: opts.siteUrl, files } satisfies Manifest));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * The file that serves a path on a static host, which picks the content type from the file name: an HTML page gets
 * an index.html of its own (a path's last segment may hold a dot, like a pagination cursor "1764084242000.9998"),
 * and anything else (feeds, sitemaps, robots.txt, images) keeps its name.
 */
export function fileFor(p: string, contentType: string): string {
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

function redirectPage(to: string): string {
  const href = to.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Moved</title><link rel="canonical" href="${href}"><meta http-equiv="refresh" content="0; url=${href}"></head><body><p><a href="${href}">${href}</a></p></body></html>`;
}

/** A link read from latin1 text back to the characters its UTF-8 bytes spell. */
const fromLatin1 = (s: string) => (/[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);
const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const missingFetch = (): Promise<Response> => {
  throw new Error('exportStatic needs `fetch` or `exportPage`');
};

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
