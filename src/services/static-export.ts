import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A rendered path, ready to write: its bytes, their hash and the internal links it holds (see `preparePage`). */
export type PreparedPage = { status: number; location: string | null; body: Buffer | null; hash: string | null; links: string[] };

/**
 * Renders one public path, as the server would answer it: the app's in-memory `request`, or a render worker that
 * already ran `preparePage` on the response (so link extraction and hashing happen in parallel too).
 */
export type FetchPath = (pathname: string) => Promise<Response | PreparedPage>;

/** The mirror's origin and path prefix, from its base URL. */
export function mirrorPrefixes(siteUrl: string): { prefix: string; absolutePrefix: string } {
  const base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  const prefix = base.pathname.replace(/\/$/, '');
  return { prefix, absolutePrefix: `${base.origin}${prefix}` };
}

/** What the export keeps of a response: redirects become redirect pages, text is scanned for links and prefixed. */
export async function preparePage(res: Response, siteUrl: string): Promise<PreparedPage> {
  const { prefix, absolutePrefix } = mirrorPrefixes(siteUrl);
  const type = res.headers.get('content-type') ?? '';
  const links: string[] = [];
  let body: Buffer;
  if (res.status === 301 || res.status === 302 || res.status === 308) {
    const to = res.headers.get('location') ?? '/';
    links.push(to);
    body = Buffer.from(redirectPage(prefix + to));
    await res.body?.cancel();
  } else if (res.status === 200) {
    body = Buffer.from(await res.arrayBuffer());
    if (/^(text\/|application\/(xml|rss|atom|feed|json))/.test(type) || type.includes('+xml') || type.includes('json')) {
      const text = body.toString('utf8');
      links.push(...linksIn(text, absolutePrefix));
      if (prefix && type.startsWith('text/html')) body = Buffer.from(withPrefix(text, prefix));
    }
  } else {
    await res.body?.cancel();
    return { status: res.status, location: null, body: null, hash: null, links };
  }
  return { status: res.status, location: res.headers.get('location'), body, hash: createHash('sha1').update(body).digest('base64url'), links };
}

export type ExportOptions = {
  fetch: FetchPath;
  outDir: string;
  /** The address the mirror will be served from; the pages were rendered with it as SITE_URL. */
  siteUrl: string;
  locales: string[];
  onProgress?: (done: number, found: number) => void;
  /** Pages fetched at once (default 1); worth raising when `fetch` renders in worker threads. */
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
  const madeDirs = new Set<string>();
  let done = 0;
  const visit = async ({ path: p, from }: { path: string; from: string }) => {
    const got = await opts.fetch(p);
    const page = got instanceof Response ? await preparePage(got, opts.siteUrl) : got;
    for (const link of page.links) enqueue(link, p);
    if (!page.body || !page.hash) {
      // robots.txt and the sitemap index are optional seeds; any other miss was linked from somewhere.
      if (from !== '(start)') report.broken.push({ path: p, status: page.status, from });
      return;
    }
    const body = page.body;
    const hash = page.hash;
    const file = fileFor(p);
    files[file] = hash;
    report.pages++;
    const target = path.join(opts.outDir, file);
    if (old?.files[file] === hash && fs.existsSync(target)) {
      report.unchanged++;
    } else {
      const dir = path.dirname(target);
      if (!madeDirs.has(dir)) {
        await fs.promises.mkdir(dir, { recursive: true });
        madeDirs.add(dir);
      }
      await fs.promises.writeFile(target, body);
      report.written++;
    }
  };

  // Several pages in flight: renders (in workers, when the caller provides them) overlap with each other and with
  // the file writes. The queue grows as pages reveal links; the crawl ends when nothing is queued or in flight.
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

/** The file that serves a path on a static host: directories get index.html, files keep their name. */
export function fileFor(p: string): string {
  const rel = decodeURIComponent(p).replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) return `${rel}index.html`;
  return /\.[a-z0-9]{2,5}$/i.test(rel) ? rel : `${rel}/index.html`;
}

/** Root-relative links in HTML attributes and absolute links to the site in any text (feeds, sitemaps, robots). */
export function linksIn(text: string, absolutePrefix: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) out.push(unescapeAttr(m[1]!));
  // Responsive images: every candidate of a srcset is a file the mirror must have.
  for (const m of text.matchAll(/srcset="([^"]*)"/g)) {
    for (const candidate of unescapeAttr(m[1]!).split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url?.startsWith('/')) out.push(url);
    }
  }
  const abs = new RegExp(`${escapeRe(absolutePrefix)}(/[^"'<>\\s]*)`, 'g');
  for (const m of text.matchAll(abs)) out.push(unescapeAttr(m[1]!));
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

const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
