import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportStatic, pageExporter, refusedPath } from './static-export.js';

describe('pageExporter', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const exporter = (pages: Record<string, Response>, siteUrl = 'https://mirror.example') => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-page-exporter-'));
    dirs.push(outDir);
    return { outDir, exportPage: pageExporter({ fetch: async (p) => pages[p] ?? new Response('gone', { status: 404 }), outDir, siteUrl }) };
  };
  const html = (body: string) => new Response(`<!DOCTYPE html><html><body>${body}</body></html>`, { headers: { 'content-type': 'text/html; charset=UTF-8' } });

  it('finds non-ASCII links and keeps the page bytes exact, with and without a path prefix', async () => {
    const page = 'Новости <a href="/ru/тег/граница#top">граница</a> <a href="https://mirror.example/news/ru/о-нас">о нас</a> «ёлка»';
    for (const [siteUrl, prefix] of [
      ['https://mirror.example/news', '/news'],
      ['https://mirror.example', ''],
    ] as const) {
      const { outDir, exportPage } = exporter({ '/ru/': html(page) }, siteUrl);
      const out = await exportPage('/ru/');
      expect(out).toMatchObject({ status: 200, file: 'ru/index.html', written: true });
      expect(out.links).toContain('/ru/тег/граница');
      if (prefix) expect(out.links).toContain('/ru/о-нас');
      const written = fs.readFileSync(path.join(outDir, 'ru/index.html'), 'utf8');
      expect(written).toContain(`href="${prefix}/ru/тег/граница#top"`);
      expect(written).toContain('«ёлка»');
    }
  });

  it('sends each link to the crawl once, and writes a redirect as a page that moves on', async () => {
    const { outDir, exportPage } = exporter({
      '/a/': html('<a href="/x">x</a><a href="/y">y</a>'),
      '/b/': html('<a href="/x">x</a><a href="/z">z</a>'),
      '/a/1': new Response(null, { status: 301, headers: { location: '/en/story' } }),
    });
    expect((await exportPage('/a/')).links).toEqual(['/x', '/y']);
    expect((await exportPage('/b/')).links).toEqual(['/z']);
    const moved = await exportPage('/a/1');
    expect(moved).toMatchObject({ file: 'a/1/index.html', links: ['/en/story'] });
    expect(fs.readFileSync(path.join(outDir, 'a/1/index.html'), 'utf8')).toContain('url=/en/story');
    expect(await exportPage('/missing')).toMatchObject({ status: 404, file: null, written: false });
  });
});

// Issue 10 (1): files were named from links as written and deleted by the manifest's names as read; both may point
// outside the export folder.
describe('static export containment', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-contain-'));
    dir = path.join(root, 'x', 'a', 'b', 'out');
    fs.mkdirSync(dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const html = (body: string) => new Response(`<!DOCTYPE html><html><body>${body}</body></html>`, { headers: { 'content-type': 'text/html; charset=UTF-8' } });
  /** A site of one home page linking `links`, which answers any path (as the app does once it has normalised it). */
  const site = (links: string[]) => {
    const fetched: string[] = [];
    const fetch = async (p: string) => {
      fetched.push(p);
      return p === '/' ? html(links.map((l) => `<a href="${l}">x</a>`).join('')) : new Response('any', { headers: { 'content-type': 'text/plain' } });
    };
    return { fetched, run: () => exportStatic({ fetch, outDir: dir, siteUrl: 'https://mirror.example', locales: [] }) };
  };
  const everyFile = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(path.join(d, e.name)) : [path.join(d, e.name)]));
  const outside = () =>
    everyFile(root)
      .filter((f) => !f.startsWith(dir + path.sep))
      .map((f) => path.relative(root, f))
      .sort();

  it.each([
    ['/../../../en/', 'a dot segment (. or ..)'],
    ['/%2e%2e/%2E%2e/robots.txt', 'a dot segment (. or ..)'],
    ['/en/./x', 'a dot segment (. or ..)'],
    ['/..%2f..%2fvictim.txt', 'an encoded slash or backslash'],
    ['/..%5C..%5Cvictim.txt', 'an encoded slash or backslash'],
    ['/..\\..\\victim.txt', 'a backslash'],
    ['/x%00.txt', 'a control character (NUL, tab, newline…)'],
    ['/.%09./x', 'a control character (NUL, tab, newline…)'],
    ['/x%E0%A4%A', 'not valid percent-encoding'],
    ['/ru/%D1%82%D0%B5%D0%B3', null],
    ['/en/section/culture/before/1764084242000.9998', null],
    ['/en/..x/...', null],
  ])('refusedPath(%j) is %j', (link, reason) => {
    expect(refusedPath(link)).toBe(reason);
  });

  it('regression: links that climb out of the folder are reported as refused, never fetched, never written', async () => {
    const hostile = ['/../../../en/', '/%2e%2e/%2e%2e/%2e%2e/robots.txt', '/..%2f..%2fvictim.txt', '/x%5c..%5c..%5cvictim.txt', '/%00.txt'];
    const { fetched, run } = site([...hostile, '/fine.txt']);
    const report = await run();
    expect(outside()).toEqual([]);
    expect(fetched.sort()).toEqual(['/', '/fine.txt', '/robots.txt', '/sitemap.xml']);
    expect(report.refused).toEqual(hostile.map((p) => ({ path: p, reason: expect.any(String), from: '/' })));
    expect(report.broken).toEqual([]);
    // Asked directly (as a render worker is), the exporter refuses too, before fetching.
    const exportPage = pageExporter({ fetch: async () => html('never'), outDir: dir, siteUrl: 'https://mirror.example' });
    expect(await exportPage('/../../../logo.svg')).toMatchObject({ file: null, written: false, refused: 'a dot segment (. or ..)' });
    expect(outside()).toEqual([]);
  });

  it('regression: a manifest entry "../victim.txt" or an absolute path deletes nothing: the sentinel survives and the entry is reported', async () => {
    const victims = ['x/a/b/victim.txt', 'x/victim.txt', 'abs-victim.txt', 'x/a/victim.txt'];
    for (const v of victims) fs.writeFileSync(path.join(root, v), 'sentinel');
    fs.writeFileSync(path.join(dir, 'stale.txt'), 'from the last run');
    const hostile = {
      '../victim.txt': 'h',
      '../../../victim.txt': 'h',
      [path.join(root, 'abs-victim.txt')]: 'h',
      'en/../../../victim.txt': 'h',
      '..\\victim.txt': 'h',
      '': 'h',
      '.masthead-export.json': 'h',
    };
    fs.writeFileSync(
      path.join(dir, '.masthead-export.json'),
      JSON.stringify({ siteUrl: 'https://mirror.example', files: { ...hostile, 'stale.txt': 'old', 'no-hash.txt': 42 } }),
    );
    const report = await site([]).run();
    for (const v of victims) expect(fs.readFileSync(path.join(root, v), 'utf8'), v).toBe('sentinel');
    expect(report.refused.map((r) => [r.path, r.from]).sort()).toEqual(
      [...Object.keys(hostile), 'no-hash.txt'].map((p) => [p, '.masthead-export.json']).sort(),
    );
    // The manifest's good entries still work: a file of a page that disappeared is removed.
    expect(fs.existsSync(path.join(dir, 'stale.txt'))).toBe(false);
    expect(report.removed).toBe(1);
    // The new manifest lists only what this run wrote, so the refusal is reported once.
    expect((await site([]).run()).refused).toEqual([]);
  });

  it('does not write or delete through a folder or file that is a symbolic link to outside', async () => {
    fs.mkdirSync(path.join(root, 'elsewhere'));
    fs.writeFileSync(path.join(root, 'elsewhere', 'victim.txt'), 'sentinel');
    fs.writeFileSync(path.join(root, 'target.txt'), 'sentinel');
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(dir, 'en'));
    fs.symlinkSync(path.join(root, 'target.txt'), path.join(dir, 'file.txt'));
    fs.writeFileSync(path.join(dir, '.masthead-export.json'), JSON.stringify({ siteUrl: 'https://mirror.example', files: { 'en/victim.txt': 'old' } }));
    const report = await site(['/en/page.txt', '/file.txt']).run();
    expect(report.refused.map((r) => r.path).sort()).toEqual(['/en/page.txt', '/file.txt', 'en/victim.txt']);
    expect(fs.readdirSync(path.join(root, 'elsewhere'))).toEqual(['victim.txt']);
    expect(fs.readFileSync(path.join(root, 'target.txt'), 'utf8')).toBe('sentinel');
  });
});
