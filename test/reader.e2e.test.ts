import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serveApp, type ServedApp } from './support/browser.js';
import { demoArticlePath, seededSite, seedShapedArticle, type SeededSite } from './support/site.js';

/** What a reader sees on the seed-shaped article, in a real browser with JavaScript off. */
describe('reader in Chromium (JavaScript off)', () => {
  let s: SeededSite;
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let article: Awaited<ReturnType<typeof seedShapedArticle>>;

  beforeAll(async () => {
    s = await seededSite('sqlite');
    article = await seedShapedArticle(s, 'en');
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  it('shows the headline, hero credit, credit box, correction and latest news', async () => {
    const page = await context.newPage();
    await page.goto(served.url + article.path);
    const v = article.version;
    await expect(page.locator('h1').innerText()).resolves.toBe(v.headline);
    await expect(page.locator('figure.hero figcaption small').innerText()).resolves.toBe(v.hero!.credit);
    expect(
      await page.locator('figure.hero img').evaluate((img) => {
        const i = img as unknown as { complete: boolean; naturalWidth: number };
        return i.complete && i.naturalWidth > 0;
      }),
    ).toBe(true);

    const credits = page.locator('section.credits');
    await expect(credits.locator('dt').allInnerTexts()).resolves.toEqual(['Translated by', 'Original author', 'First published by', 'Edited by']);
    const partnerLink = credits.locator('dd').nth(2).locator('a').first();
    await expect(partnerLink.getAttribute('href')).resolves.toMatch(/^https:\/\//);

    const correction = page.locator('section.corrections');
    await expect(correction.isVisible()).resolves.toBe(true);
    await expect(correction.innerText()).resolves.toContain(v.corrections![0]!.text);

    const latest = page.locator('section.latest li');
    await expect(latest.count()).resolves.toBe(20);
    await page.close();
  });

  it('switches to the Russian edition and back with the language switcher', async () => {
    const page = await context.newPage();
    await page.goto(served.url + article.path);
    await page.locator('nav.langs a[hreflang="ru"]').click();
    await page.waitForURL(/\/ru\//);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    const ru = await seedShapedArticle(s, 'ru');
    expect(new URL(page.url()).pathname).toBe(ru.path);
    await expect(page.locator('section.latest h2').innerText()).resolves.toBe('Последние новости');
    await page.locator('nav.langs a[hreflang="en"]').click();
    await page.waitForURL(/\/en\//);
    expect(new URL(page.url()).pathname).toBe(article.path);
    // No Kazakh edition: the switcher leads to the Kazakh home page.
    await page.locator('nav.langs a[hreflang="kk"]').click();
    await page.waitForURL(/\/kk\/$/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('kk');
    await page.close();
  });

  it('shows a fact box, a table that scrolls in its own box on a narrow phone, a pull quote and an embed as a link', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(served.url + (await demoArticlePath(s, 'grain-rail-discount', 'en')));
    await expect(page.locator('.body aside.fact-box h2').innerText()).resolves.toBe('What changes');
    await expect(page.locator('.body .pull-quote blockquote').isVisible()).resolves.toBe(true);
    await expect(page.locator('.body th[scope="col"]').count()).resolves.toBe(3);
    const widths = () =>
      page.evaluate(() => {
        const d = (globalThis as unknown as { document: any }).document;
        const box = d.querySelector('.table-scroll');
        return { page: d.documentElement.scrollWidth, viewport: d.documentElement.clientWidth, box: box.clientWidth, table: box.scrollWidth };
      });
    expect((await widths()).page).toBeLessThanOrEqual((await widths()).viewport);
    // A table wider than the phone (many columns, long numbers): the page still never scrolls sideways, its box does.
    await page.locator('.body table').evaluate((t) => ((t as unknown as { style: { minWidth: string } }).style.minWidth = '60rem'));
    const wide = await widths();
    expect(wide.page).toBeLessThanOrEqual(wide.viewport);
    expect(wide.table).toBeGreaterThan(wide.box);
    const embed = page.locator('.body figure.embed');
    await expect(embed.locator('figcaption').innerText()).resolves.toBe('Telegram');
    await expect(embed.locator('a').getAttribute('href')).resolves.toBe('https://t.me/steppe_rail_freight/1204');
    await expect(page.locator('main iframe, main script:not([type="application/ld+json"])').count()).resolves.toBe(0);
    await page.close();
  });

  it('searches from the 404 page without JavaScript', async () => {
    const page = await context.newPage();
    const res = await page.goto(served.url + '/en/world/2026/11/no-such-story');
    expect(res?.status()).toBe(404);
    await page.locator('main input[name="q"]').fill('joint statement');
    await page.locator('main button[type="submit"]').click();
    await page.waitForURL(/\/en\/search\?q=/);
    await expect(page.locator('main .search-results h2 a').allInnerTexts()).resolves.toContain(article.version.headline);
    await page.close();
  });
});
