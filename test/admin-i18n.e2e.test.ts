import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, adminSite, apiCall, apiKeysForEveryRole, expectJson, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';
import { TEST_SITE } from './support/site.js';
import { formatVnuErrors, hasJava, validateHtml } from './support/vnu.js';

/*
 * The admin in Russian and on a phone: a user who chose Russian on the account page reads the main screens with no
 * English left, dates in one format, and every admin page fits a 390 px wide screen in both languages.
 */

// Words and phrases of the English interface that must not be left on a Russian main screen (whole words, as typed).
const ENGLISH = [
  'Dashboard',
  'Articles',
  'Media',
  'Front page',
  'Sections',
  'Tags',
  'Users',
  'Log out',
  'Scheduled',
  'In review',
  'Assigned',
  'Nothing',
  'Recent notes',
  'Logged in',
  'Last active',
  'Your account',
  'Find articles',
  'Headline',
  'Language',
  'State',
  'Section',
  'Authors',
  'Updated',
  'Newest',
  'Edit',
  'Save',
  'Saved',
  'Revision',
  'Status',
  'Deck',
  'Text',
  'Publishing',
  'Workflow',
  'Publish',
  'Submit',
  'History',
  'Show',
  'Contributors',
  'Contributor',
  'Hero image',
  'Choose',
  'Dateline',
  'Corrections',
  'Preview',
  'Bold',
  'Paragraph',
  'words',
  'characters',
  'draft',
  'the',
  'and',
  'of',
  'to',
];

describe('the admin in Russian and on a phone (Chromium)', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let id: number;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    const key = (await apiKeysForEveryRole(s)).editor;
    const a = await expectJson(
      await apiCall(s, key, 'POST', '/api/admin/v1/articles', {
        locale: 'ru',
        headline: 'Зерновой коридор открылся снова',
        body: doc('Первый абзац материала.'),
        sectionId: n.politics,
      }),
      201,
    );
    id = Number(a['id']);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.admin.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** The page's visible text without what is data, not interface (names, the site's name, language endonyms). */
  const interfaceText = async () => {
    let text = await page.locator('body').innerText();
    for (const data of [
      TEST_SITE.siteName,
      'Admin Person',
      'Alice Reporter',
      'Steppe Courier',
      'English',
      s.users.admin.email,
      'politics',
      'TOTP',
      'JavaScript',
    ])
      text = text.split(data).join(' ');
    return text;
  };
  const englishIn = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'u').test(text));

  it('the interface language is chosen on the account page; the browser’s Accept-Language is the default', async () => {
    const ru = await browser.newContext({ locale: 'ru-RU' });
    const guest = await ru.newPage();
    await guest.goto(`${served.url}/admin/login`);
    await expect(guest.locator('h1').innerText()).resolves.toBe('Вход');
    await expect(guest.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await ru.close();

    await page.goto(`${served.url}/admin/account`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Your account');
    // The check of the Russian screens below would see English here: it is not blind.
    expect(englishIn(await interfaceText())).toEqual(expect.arrayContaining(['Save', 'Dashboard', 'the']));
    await page.getByLabel('Interface language').selectOption('ru');
    await page.locator('#profile ~ form button[type=submit]').click();
    await page.waitForURL(/\/admin\/account\?done=profile/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ваша учётная запись');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  }, 60_000);

  it('shows the dashboard, the article list, the new article form, the account and the editor with no English left', async () => {
    for (const path of ['/admin', '/admin/articles', '/admin/articles/new', '/admin/account', `/admin/articles/${id}/edit`]) {
      await page.goto(`${served.url}${path}`);
      if (path.endsWith('/edit')) {
        // The editor's script has taken over (toolbar, history, bylines, word count) before the text is read.
        await page.locator('#word-count:not([hidden])').waitFor();
        await page.locator('#contributor-search').waitFor();
      }
      expect({ path, english: englishIn(await interfaceText()) }).toEqual({ path, english: [] });
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('writes dates in the one format of the admin, in Russian, also after an autosave', async () => {
    await page.goto(`${served.url}/admin/articles`);
    const shown = await page.locator('table.list time').first().innerText();
    expect(shown).toMatch(/^\d{1,2} [а-я]+\.? \d{4} г\., \d{2}:\d{2}$/);
    await page.goto(`${served.url}/admin/articles/${id}/edit`);
    await page.locator('#headline').fill('Зерновой коридор открылся снова, сообщают');
    await expect.poll(() => page.locator('#save-status').innerText(), { timeout: 15_000 }).toMatch(/^Сохранено в \d{2}:\d{2} \(версия \d+\)$/);
  }, 60_000);

  it('the Russian main screens pass vnu and axe', async () => {
    const paths = ['/admin', '/admin/articles', '/admin/articles/new', '/admin/account', `/admin/articles/${id}/edit`];
    const pages: { name: string; html: string }[] = [];
    for (const path of paths) {
      await page.goto(`${served.url}${path}`);
      const violations = await runAxe(page);
      expect(formatViolations(violations, path)).toBe('');
      pages.push({ name: path, html: await page.evaluate(async (u) => (await fetch(u)).text(), `${served.url}${path}`) });
    }
    if (hasJava()) expect(formatVnuErrors(await validateHtml(pages))).toBe('');
  }, 120_000);

  it('every admin page fits a 390 px wide screen in Russian and in English, and the article list shows a story on the first screen', async () => {
    const pages = [
      '/admin',
      '/admin/articles',
      '/admin/articles/new',
      `/admin/articles/${id}/edit`,
      `/admin/articles/${id}/translation`,
      `/admin/articles/${id}/compare`,
      '/admin/media',
      `/admin/media/${n.photo}`,
      '/admin/front-pages/en',
      '/admin/sections',
      `/admin/sections/${n.economy}`,
      '/admin/tags',
      `/admin/tags/${n.tagRu}`,
      '/admin/users',
      '/admin/account',
    ];
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    const check = async (p: Page, path: string, label: string) => {
      const res = await p.goto(`${served.url}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      const width = (await p.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 390) wide.push(`${label} ${path}: ${width}px`);
    };
    for (const path of pages) await check(page, path, 'ru');

    // The first story is on the first screen: the filters are folded away.
    await page.goto(`${served.url}/admin/articles`);
    const top = await page
      .locator('table.list tbody tr')
      .first()
      .evaluate((r) => r.getBoundingClientRect().top);
    expect(top).toBeLessThan(844);
    await expect(page.locator('#f-q').isVisible()).resolves.toBe(false);
    await page.locator('#filters-box summary').click();
    await expect(page.locator('#f-q').isVisible()).resolves.toBe(true);

    const en = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const english = await adminPage(en, served.url, s.users.editor.email, problems);
    for (const path of pages.filter((x) => x !== '/admin/users')) await check(english, path, 'en');
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const out = await guest.newPage();
    for (const path of ['/admin/login', '/admin/password/forgot']) await check(out, path, 'logged out');
    expect(wide).toEqual([]);
    await en.close();
    await guest.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
