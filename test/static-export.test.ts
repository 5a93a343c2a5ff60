import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createSite } from '../src/main.js';
import { createArticle, updateArticle } from '../src/services/article-store.js';
import { PUBLIC_CSP, PUBLIC_CSP_META } from '../src/render/public-csp.js';
import { PAGE_SIZE } from '../src/services/site-pages.js';
import { exportStatic, fileFor, type ExportReport } from '../src/services/static-export.js';
import { loadArticle } from '../src/db/load-article.js';
import type { Engine } from './support/databases.js';
import { seededSite, type SeededSite } from './support/site.js';

const walk = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));

/** What a static host (nginx `try_files $uri $uri/index.html`, S3, Netlify) answers a path with. */
function served(dir: string, link: string): string | null {
  const rel = decodeURIComponent(link).replace(/^\/+/, '');
  for (const candidate of rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`]) {
    const file = path.join(dir, candidate);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** A static host types a file by its extension; a file it cannot type is sent as a download. */
const STATIC_TYPES = /\.(html|xml|txt|json|svg|avif|webp|jpe?g|png|gif|ico|css|js)$/;

/** Every root-relative link in every exported HTML file, and whether a static host would find a file for it. */
function brokenLinks(dir: string, prefix = ''): string[] {
  const broken: string[] = [];
  for (const file of walk(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(/(?:href|src|action)="(\/[^"#?]*)/g)) {
      let link = m[1]!;
      if (link.startsWith('//')) continue;
      if (prefix) {
        if (!link.startsWith(`${prefix}/`)) {
          broken.push(`${path.relative(dir, file)} -> ${link} (missing prefix)`);
          continue;
        }
        link = link.slice(prefix.length);
      }
      if (!served(dir, link)) broken.push(`${path.relative(dir, file)} -> ${link}`);
    }
  }
  return broken;
}

describe('masthead export static', () => {
  let s: SeededSite;
  let out: string;
  let first: ExportReport;
  let exportOnce: (siteUrl?: string, dir?: string) => Promise<ExportReport>;

  beforeAll(async () => {
    s = await seededSite('sqlite', new Date().toISOString());
    // More stories than a section page holds, so the export must follow "older" links (keyset cursors).
    const section = await s.db.kysely.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow();
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      await createArticle(s.deps, {
        locale: 'en',
        headline: `Council minutes, part ${i + 1}`,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Minutes.' }] }] },
        sectionId: section.id,
        status: 'published',
        publishedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      });
    }
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-'));
    exportOnce = async (siteUrl = 'https://mirror.example.org', dir = out) => {
      const config = loadConfig({ DATA_DIR: s.dataDir, SITE_URL: siteUrl, CACHE_MAX_MB: '0' });
      const { app } = createSite(s.deps, config);
      return exportStatic({ fetch: async (p) => app.request(p), outDir: dir, siteUrl, locales: config.locales });
    };
    first = await exportOnce();
  }, 120_000);
  afterAll(async () => {
    await s?.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes every public page, image and the logo, with no broken internal link', async () => {
    expect(first.broken).toEqual([]);
    const articles = await s.db.kysely
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    expect(first.pages).toBeGreaterThan(Number(articles.n));
    for (const f of ['index.html', 'en/index.html', 'ru/index.html', 'kk/index.html', 'logo.svg', 'robots.txt', 'en/section/politics/index.html']) {
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(fs.readdirSync(path.join(out, 'media/demo')).length).toBeGreaterThan(3);
    expect(brokenLinks(out)).toEqual([]);
    const home = fs.readFileSync(path.join(out, 'en/index.html'), 'utf8');
    expect(home).toContain('<link rel="canonical" href="https://mirror.example.org/en/"/>');
  });

  // Regression: a section's older pages are keyset cursors like /en/section/culture/before/1764084242000.9998, and
  // the export wrote them as a file named "1764084242000.9998", which a static host sends as a download.
  it('regression: an HTML page whose path ends in a dotted cursor is written as an index.html a static host serves as HTML', async () => {
    const files = walk(out)
      .map((f) => path.relative(out, f))
      .filter((f) => !f.startsWith('.masthead'));
    expect(files.filter((f) => !STATIC_TYPES.test(f))).toEqual([]);
    const cursorPages = files.filter((f) => /\/before\/[^/]*\.[^/]*\/index\.html$/.test(f));
    expect(cursorPages.length).toBeGreaterThan(0);
    expect(fileFor('/en/section/culture/before/1764084242000.9998', 'text/html; charset=UTF-8')).toBe(
      'en/section/culture/before/1764084242000.9998/index.html',
    );
    expect(fileFor('/en/feed.xml', 'application/rss+xml')).toBe('en/feed.xml');
  });

  it('puts the public CSP in a <meta> of every exported HTML page, before anything it governs (a static host sends no header)', async () => {
    const pages = walk(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${PUBLIC_CSP_META}">`;
    for (const file of pages) {
      const html = fs.readFileSync(file, 'utf8');
      const at = html.indexOf(meta);
      expect(at, path.relative(out, file)).toBeGreaterThan(-1);
      expect(html.indexOf(meta, at + 1), path.relative(out, file)).toBe(-1);
      expect(at, path.relative(out, file)).toBeLessThan(html.search(/<style|<link|<title/));
    }
    // The header's policy, less what a <meta> cannot carry (browsers ignore frame-ancestors there).
    expect(PUBLIC_CSP_META).not.toContain('frame-ancestors');
    expect(PUBLIC_CSP.startsWith(`${PUBLIC_CSP_META}; `)).toBe(true);
  });

  it('rewrites nothing on a second run, and only what changed after an edit', async () => {
    const again = await exportOnce();
    expect(again).toMatchObject({ pages: first.pages, written: 0, unchanged: first.pages, removed: 0 });

    const id = (await s.db.kysely.selectFrom('articles').select('id').where('locale', '=', 'ru').orderBy('published_at', 'asc').executeTakeFirstOrThrow()).id;
    const a = (await loadArticle(s.db.kysely, id))!;
    await updateArticle(
      s.deps,
      id,
      {
        locale: a.locale,
        headline: `${a.headline} (обновлено)`,
        body: a.body,
        sectionId: a.section.id,
        status: 'published',
        publishedAt: a.publishedAt,
        tagIds: a.tags.map((t) => t.id),
        bylines: a.bylines.map((b) => ({ contributorId: b.contributorId, role: b.role })),
      },
      a.revision,
    );
    const afterEdit = await exportOnce();
    expect(afterEdit.written).toBeGreaterThan(0);
    expect(afterEdit.written).toBeLessThan(first.pages / 3);
    expect(afterEdit.broken).toEqual([]);
  });

  it('removes the files of a page that disappeared', async () => {
    const id = (await s.db.kysely.selectFrom('articles').select('id').where('locale', '=', 'ru').orderBy('published_at', 'asc').executeTakeFirstOrThrow()).id;
    const a = (await loadArticle(s.db.kysely, id))!;
    const file = path.join(out, fileFor((await s.app.request(`/a/${id}`)).headers.get('location')!, 'text/html'));
    expect(fs.existsSync(file)).toBe(true);
    await updateArticle(
      s.deps,
      id,
      { locale: a.locale, headline: a.headline, body: a.body, sectionId: a.section.id, status: 'unpublished', publishedAt: a.publishedAt },
      a.revision,
    );
    const after = await exportOnce();
    expect(after.removed).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(brokenLinks(out)).toEqual([]);
  });

  it('serves a mirror below a path: every link carries the prefix and resolves', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-prefix-'));
    try {
      const report = await exportOnce('https://mirror.example.org/news', dir);
      expect(report.broken).toEqual([]);
      expect(brokenLinks(dir, '/news')).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'en/index.html'), 'utf8')).toContain('href="/news/en/section/');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Issue 10 (1): the app normalises a request's path (so `/../../../en/` answers the English home page) while the
// exporter named files from the raw, decoded link: a published story could make the export write, and once
// unpublished delete, files beside the export folder.
describe.each<Engine>(['sqlite', 'postgres'])('static export containment: %s', (engine) => {
  const HOSTILE_LINKS = [
    '/../../../en/',
    '/%2e%2e/%2e%2e/%2e%2e/robots.txt',
    '/.%2E/.%2e/.%2e/index.html',
    '/en/..%2f..%2f..%2f..%2fvictim.txt',
    '/en/..%5c..%5cvictim.txt',
    '/en/%00x',
  ];
  const HOSTILE_IMAGE = '/../../../logo.svg';
  // Where each hostile link led from DIR = ROOT/x/a/b/out: ROOT/x/… (and the export folder's own parents).
  const SENTINELS = ['x/en/index.html', 'x/index.html', 'x/robots.txt', 'x/logo.svg', 'x/a/victim.txt', 'x/a/b/victim.txt', 'x/a/b/sentinel.txt'];
  let s: SeededSite;
  let root: string;
  let dir: string;
  let storyId: number;
  let storyPath: string;

  const outside = () =>
    walk(root)
      .filter((f) => !f.startsWith(dir + path.sep))
      .map((f) => path.relative(root, f))
      .sort();
  const plant = () => {
    for (const f of SENTINELS) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), `sentinel ${f}`);
    }
  };
  const untouched = () => {
    expect(outside()).toEqual([...SENTINELS].sort());
    // The first bytes only: an overwritten sentinel holds a whole page.
    const contents = Object.fromEntries(SENTINELS.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8').slice(0, 40)]));
    expect(contents).toEqual(Object.fromEntries(SENTINELS.map((f) => [f, `sentinel ${f}`])));
  };
  const exportNow = () => exportStatic({ fetch: async (p) => s.app.request(p), outDir: dir, siteUrl: s.site.siteUrl, locales: s.site.locales });

  beforeAll(async () => {
    s = await seededSite(engine, new Date().toISOString());
    const section = await s.db.kysely.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow();
    storyId = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Links that climb out of the export folder',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: HOSTILE_LINKS.map((href) => ({ type: 'text', text: `link ${href} `, marks: [{ type: 'link', attrs: { href } }] })) },
          { type: 'image', attrs: { src: HOSTILE_IMAGE, alt: 'A logo' } },
        ],
      },
      sectionId: section.id,
      status: 'published',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    storyPath = (await s.app.request(`/a/${storyId}`)).headers.get('location')!;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-contain-'));
    dir = path.join(root, 'x', 'a', 'b', 'out');
    plant();
  }, 120_000);
  afterAll(async () => {
    await s?.cleanup();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('regression: a published story linking /../../../en/, /%2e%2e/… and an image /../../../logo.svg writes nothing outside the export folder', async () => {
    // The app answers the hostile paths (it normalises them): the exporter is what must refuse them.
    expect((await s.app.request('/../../../en/')).status).toBe(200);
    const report = await exportNow();
    untouched();
    expect(fs.existsSync(path.join(dir, 'en/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(dir, storyPath.slice(1), 'index.html'))).toBe(true);
    // Reported once each, from the first page that links them (the story or the feed that carries its body).
    expect(report.refused.map((r) => r.path).sort()).toEqual([...HOSTILE_LINKS, HOSTILE_IMAGE].sort());
    expect(report.broken).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.masthead-export.json'), 'utf8')) as { files: Record<string, string> };
    for (const file of Object.keys(manifest.files)) expect(path.resolve(dir, file).startsWith(dir + path.sep), file).toBe(true);
  });

  it('regression: after the story is unpublished, the next export deletes nothing outside the export folder', async () => {
    plant();
    const a = (await loadArticle(s.db.kysely, storyId))!;
    await updateArticle(
      s.deps,
      storyId,
      { locale: a.locale, headline: a.headline, body: a.body, sectionId: a.section.id, status: 'unpublished', publishedAt: a.publishedAt },
      a.revision,
    );
    const report = await exportNow();
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(dir, storyPath.slice(1), 'index.html'))).toBe(false);
    untouched();
  });
});
