import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/services/create-user.js';
import { Agent, PASSWORD } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { seededSite, type SeededSite } from './support/site.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

/**
 * The sections and tags screens (issue 13): the lists, one section's and one tag's page, and their refusals, pass the
 * Nu HTML Checker with 0 errors and axe-core in Chromium with 0 violations.
 */
let s: SeededSite;
let urls: { name: string; url: string }[];
let cookie: string;
const pages: { name: string; html: string }[] = [];

beforeAll(async () => {
  s = await seededSite('sqlite');
  await createUser(s.deps, { email: 'tax-editor@example.org', name: 'Tax Editor', role: 'editor', password: PASSWORD });
  const agent = new Agent(s.app);
  await agent.login('tax-editor@example.org');
  cookie = `mh_session=${agent.cookies.get('mh_session')}`;
  const section = (await s.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const tag = (await s.db.kysely.selectFrom('tags').select(['id', 'locale']).where('locale', '=', 'ru').orderBy('id').executeTakeFirstOrThrow()).id;
  urls = [
    { name: 'admin-sections', url: '/admin/sections' },
    { name: 'admin-section', url: `/admin/sections/${section}` },
    { name: 'admin-tags', url: '/admin/tags?locale=ru' },
    { name: 'admin-tags-search', url: '/admin/tags?locale=en&q=zzz' },
    { name: 'admin-tag', url: `/admin/tags/${tag}` },
  ];
  for (const u of urls) {
    const res = await s.app.request(u.url, { headers: { cookie } });
    expect(res.status, u.url).toBe(200);
    pages.push({ name: u.name, html: await res.text() });
  }
  const csrf = await agent.csrfFrom('/admin/sections');
  const refused = await agent.post('/admin/sections', { _csrf: csrf, 'name-en': 'X', slug: 'Bad slug' });
  expect(refused.status).toBe(422);
  pages.push({ name: 'admin-sections-refusal', html: await refused.text() });
  const tagRefused = await agent.post(`/admin/tags/${tag}/merge`, { _csrf: csrf, into: 'no-such-tag' });
  expect(tagRefused.status).toBe(422);
  pages.push({ name: 'admin-tag-refusal', html: await tagRefused.text() });
}, 120_000);

afterAll(async () => s?.cleanup());

describe('the sections and tags screens', () => {
  it('pass the Nu HTML Checker with 0 errors', async () => {
    const results = await validateHtml(pages);
    expect(results).toHaveLength(pages.length);
    expect(formatVnuErrors(results)).toBe('');
  }, 120_000);

  describe('in Chromium', () => {
    let browser: Browser;
    let served: ServedApp;
    beforeAll(async () => {
      browser = await launchBrowser();
      served = await serveApp(s.app.fetch);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    it('have 0 axe-core violations', async () => {
      const page = await browser.newPage();
      await page.setExtraHTTPHeaders({ cookie });
      const report: string[] = [];
      for (const u of urls) {
        await page.goto(served.url + u.url);
        const violations = await runAxe(page);
        if (violations.length) report.push(formatViolations(violations, u.name));
      }
      for (const name of ['admin-sections-refusal', 'admin-tag-refusal']) {
        await page.setContent(pages.find((p) => p.name === name)!.html);
        const violations = await runAxe(page);
        if (violations.length) report.push(formatViolations(violations, name));
      }
      await page.close();
      expect(report.join('\n')).toBe('');
    }, 120_000);

    it('fit a 390 px wide phone without sideways scrolling', async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.setExtraHTTPHeaders({ cookie });
      const wide: string[] = [];
      for (const u of urls) {
        await page.goto(served.url + u.url);
        // What sticks out past the viewport, named, so a failure says where to look.
        const found = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: any }).document;
          const out: string[] = [...d.querySelectorAll('body *')]
            .filter((e: any) => e.getBoundingClientRect().right > 392)
            .slice(0, 5)
            .map((e: any) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
          return { width: d.documentElement.scrollWidth as number, out };
        });
        if (found.width > 390) wide.push(`${u.name}: ${found.width}px (${found.out.join(', ')})`);
      }
      await page.close();
      expect(wide).toEqual([]);
    }, 60_000);
  });
});
