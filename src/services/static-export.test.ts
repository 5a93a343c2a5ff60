import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageExporter } from './static-export.js';

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
