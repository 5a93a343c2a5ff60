import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSite, type CachedSite } from '#test/cached-site.js';
import { seededSite, seedShapedArticle, TEST_SITE, type SeededSite } from '#test/site.js';
import { logoSvg } from '../seed/demo-images.js';
import { createApp } from './app.js';
import { HSTS, PUBLIC_CSP, adminCsp } from './security-headers.js';

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe('Content-Security-Policy of the public site', () => {
  let s: SeededSite;
  let articlePath: string;
  beforeAll(async () => {
    s = await seededSite('sqlite');
    articlePath = (await seedShapedArticle(s, 'en')).path;
  });
  afterAll(async () => s?.cleanup());

  it('allows no script at all, and no nonce (the same header and bytes serve every reader)', () => {
    const d = directives(PUBLIC_CSP);
    expect(d['script-src']).toEqual(["'none'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(PUBLIC_CSP).not.toMatch(/nonce|unsafe-inline|unsafe-eval/);
  });

  it('is on every kind of public response, errors included', async () => {
    for (const url of [
      '/en/',
      articlePath,
      '/en/section/politics',
      '/en/search?q=trade',
      '/ru/nope/2026/11/missing',
      '/en/section/politics/before/x',
      '/feed.xml',
      '/robots.txt',
      '/logo.svg',
      '/healthz',
    ]) {
      const res = await s.app.request(url);
      expect(res.headers.get('content-security-policy'), url).toBe(PUBLIC_CSP);
    }
  });

  it("allows each page's inline stylesheet by its hash, and nothing else inline", async () => {
    const allowed = directives(PUBLIC_CSP)['style-src']!;
    for (const url of ['/en/', articlePath, '/ru/nope/2026/11/missing']) {
      const html = await (await s.app.request(url)).text();
      const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles.length, url).toBeGreaterThan(0);
      for (const css of styles) expect(allowed).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      expect(html, url).not.toMatch(/\sstyle="/);
      // The only <script> elements are JSON-LD data blocks, which browsers never run.
      for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toBe('<script type="application/ld+json">');
    }
  });

  it('differs from the admin policy, which is nonce-based and forbids framing', () => {
    expect(adminCsp('abc')).toContain("script-src 'nonce-abc' 'strict-dynamic'");
    expect(adminCsp('abc')).toContain("frame-ancestors 'none'");
  });

  it('regression: public pages may not be framed by another site (they sent no frame-ancestors nor X-Frame-Options)', async () => {
    expect(directives(PUBLIC_CSP)['frame-ancestors']).toEqual(["'none'"]);
    for (const url of ['/en/', articlePath, '/en/search?q=trade', '/ru/nope/2026/11/missing', '/feed.xml', '/robots.txt']) {
      const res = await s.app.request(url);
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
    }
  });
});

describe('Strict-Transport-Security', () => {
  let s: SeededSite;
  beforeAll(async () => {
    s = await seededSite('sqlite');
  });
  afterAll(async () => s?.cleanup());
  const URLS = ['/en/', '/ru/nope/2026/11/missing', '/feed.xml', '/healthz', '/admin/login', '/admin', '/admin/no-such-page', '/api/admin/v1/articles'];

  it('regression: every public and admin response of an https site carries HSTS (none did)', async () => {
    expect(s.site.siteUrl).toMatch(/^https:/);
    for (const url of URLS) expect((await s.app.request(url)).headers.get('strict-transport-security'), url).toBe(HSTS);
    expect(HSTS).toBe('max-age=31536000; includeSubDomains');
  });

  it('is not sent by a site whose SITE_URL is http (a browser would ignore it, and the site could not keep the promise)', async () => {
    const app = createApp({ deps: s.deps, site: { ...TEST_SITE, siteUrl: 'http://localhost:3000' }, dataDir: s.dataDir, logo: logoSvg(TEST_SITE.siteName) });
    for (const url of URLS) {
      const res = await app.request(url);
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
    }
  });
});

describe('Content-Security-Policy through the page cache', () => {
  let c: CachedSite;
  beforeAll(async () => {
    c = await cachedSite();
  });
  afterAll(async () => c?.close());

  it('a cached page is served with the same header as a fresh one', async () => {
    const first = await c.get('/en/');
    await c.cache.idle();
    const hit = await c.get('/en/');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(first.headers['content-security-policy']).toBe(PUBLIC_CSP);
    expect(hit.headers['content-security-policy']).toBe(PUBLIC_CSP);
  });

  it('regression: a cache hit (the raw node:http fast path) carries X-Frame-Options and HSTS like the miss that filled it', async () => {
    const SECURITY = ['content-security-policy', 'x-frame-options', 'strict-transport-security', 'x-content-type-options', 'referrer-policy'];
    const pick = (h: Record<string, unknown>) => Object.fromEntries(SECURITY.map((name) => [name, h[name]]));
    for (const url of ['/ru/', '/feed.xml']) {
      const miss = await c.get(url);
      await c.cache.idle();
      expect(miss.headers['x-cache'], url).toBeUndefined();
      expect(pick(miss.headers), url).toEqual({
        'content-security-policy': PUBLIC_CSP,
        'x-frame-options': 'DENY',
        'strict-transport-security': HSTS,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
      });
      for (const encoding of ['br', 'gzip', 'identity']) {
        const hit = await c.get(url, { 'accept-encoding': encoding });
        expect(hit.headers['x-cache'], `${url} ${encoding}`).toBe('HIT');
        expect(pick(hit.headers), `${url} ${encoding}`).toEqual(pick(miss.headers));
      }
    }
  });

  it('admin responses over the fast path carry HSTS and DENY too', async () => {
    const res = await c.get('/admin/login');
    expect(res.headers['strict-transport-security']).toBe(HSTS);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('admin pages are never cached and get a new nonce each time', async () => {
    const a = await c.get('/admin/login');
    const b = await c.get('/admin/login');
    expect(b.headers['x-cache']).toBeUndefined();
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
  });
});
