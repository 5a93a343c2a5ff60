import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './browser.js';
import { formatVnuErrors, hasJava, validateHtml } from './vnu.js';

const page = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

const accessible = page(
  'Clean page',
  '<header><a href="#main">Skip to content</a></header><main id="main"><h1>Headline</h1>' +
    '<p>Body text with good contrast.</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A pixel" width="1" height="1"></main>',
);

describe('validateHtml (vnu.jar)', () => {
  it('needs Java and finds it here', () => {
    expect(hasJava()).toBe(true);
  });

  it('reports errors per page, in one run', { timeout: 60_000 }, async () => {
    const results = await validateHtml([
      { name: 'valid', html: page('Valid', '<main><h1>Hi</h1><p>Fine &amp; dandy.</p></main>') },
      {
        name: 'articles/invalid page',
        html: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><p><div></div></p></body></html>',
      },
      { name: 'valid', html: page('Same name, another page', '<p>ok</p>') },
    ]);
    expect(results.map((r) => r.name)).toEqual(['valid', 'articles/invalid page', 'valid']);
    expect(results[0]!.errors).toEqual([]);
    expect(results[2]!.errors).toEqual([]);
    const invalid = results[1]!;
    expect(invalid.errors.length).toBeGreaterThanOrEqual(2);
    expect(invalid.errors.some((e) => /title/.test(e.message))).toBe(true);
    expect(invalid.errors.some((e) => /“p” end tag/.test(e.message))).toBe(true);
    expect(invalid.errors.every((e) => e.line === 1)).toBe(true);

    const report = formatVnuErrors(results);
    expect(report).toContain('articles/invalid page');
    expect(report).not.toMatch(/^valid/m);
    expect(formatVnuErrors([results[0]!])).toBe('');
  });

  it('returns nothing for no pages', async () => {
    expect(await validateHtml([])).toEqual([]);
  });
});

describe('browser helpers', () => {
  let browser: Browser;
  let app: ServedApp;
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await serveApp(async (req) => {
      const { pathname } = new URL(req.url);
      if (pathname === '/') return new Response(accessible, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      if (pathname === '/strict') return new Response(accessible, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp } });
      if (pathname === '/echo') return Response.json({ method: req.method, body: await req.text() });
      return new Response('not found', { status: 404 });
    });
  });

  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('finds violations on an inaccessible page', async () => {
    const p = await browser.newPage();
    try {
      await p.setContent(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head><body><main><h1>Bad</h1>' +
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">' +
          '<p style="color:#bbb;background:#fff">Low contrast text</p></main></body></html>',
      );
      const violations = await runAxe(p);
      const ids = violations.map((v) => v.id);
      expect(ids).toContain('image-alt');
      expect(ids).toContain('color-contrast');
      const imageAlt = violations.find((v) => v.id === 'image-alt')!;
      expect(imageAlt.targets).toEqual(['img']);
      expect(imageAlt.impact).toBe('critical');
      const report = formatViolations(violations, 'bad page');
      expect(report).toMatch(/^bad page:\n- \[/);
      expect(report).toContain('- [critical] image-alt: Images must have alternative text');

      // A second run reuses the injected axe; disabled rules are left out.
      const fewer = await runAxe(p, { disableRules: ['image-alt'] });
      expect(fewer.map((v) => v.id)).not.toContain('image-alt');
      expect(fewer.map((v) => v.id)).toContain('color-contrast');
    } finally {
      await p.close();
    }
  });

  it('finds nothing on an accessible page', async () => {
    const p = await browser.newPage();
    try {
      await p.setContent(accessible);
      const violations = await runAxe(p);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(formatViolations(violations)).toBe('');
    } finally {
      await p.close();
    }
  });

  it('serves a handler to fetch and to the browser, and audits under a strict CSP', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${app.url}/echo`, { method: 'POST', body: 'hello' });
    expect(await res.json()).toEqual({ method: 'POST', body: 'hello' });
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);

    const p = await browser.newPage();
    try {
      const response = await p.goto(app.url);
      expect(response?.status()).toBe(200);
      expect(await p.textContent('h1')).toBe('Headline');
      expect(await runAxe(p)).toEqual([]);

      await p.goto(`${app.url}/strict`);
      expect(await p.title()).toBe('Clean page');
      // The CSP blocks inline script tags, so runAxe must fall back to evaluating axe's source.
      await expect(p.addScriptTag({ content: 'window.inlineRan = true' })).rejects.toThrow();
      expect(await runAxe(p)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('closes its server', async () => {
    const other = await serveApp(() => new Response('ok'));
    expect(await (await fetch(other.url)).text()).toBe('ok');
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
