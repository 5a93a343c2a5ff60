import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, adminSite, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { newsroom } from './support/fixtures.js';
import { testImage } from './support/images.js';
import { TEST_SITE } from './support/site.js';
import { formatVnuErrors, hasJava, validateHtml } from './support/vnu.js';

/*
 * The pages and settings screens in Russian: a user who chose Russian reads them with no English left (notices
 * included), and both fit a 390 px wide screen. admin-i18n.e2e.test.ts does the same for the main screens.
 */

// Words of these screens' English interface that must not be left in Russian (whole words, as typed).
const ENGLISH = [
  'Pages',
  'Settings',
  'Title',
  'Address',
  'State',
  'Language',
  'New page',
  'Create',
  'Slug',
  'Editors',
  'pending',
  'published',
  'draft',
  'Name',
  'Tagline',
  'optional',
  'Logo',
  'None',
  'image',
  'Default language',
  'Time zone',
  'Social accounts',
  'channel',
  'page',
  'Policies',
  'Ethics',
  'Masthead',
  'Ownership',
  'Save',
  'saved',
  'Upload',
  'Alt text',
  'operator',
  'Languages',
  'pixels',
  'the',
  'and',
  'of',
  'to',
  'in',
  'or',
];

describe('the pages and settings screens in Russian (Chromium)', () => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    await newsroom(s.db);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.admin.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** The page's visible text without what is data, not interface (names, addresses, language endonyms, brands). */
  const interfaceText = async () => {
    let text = await page.locator('body').innerText();
    for (const data of [TEST_SITE.siteName, 'Admin Person', s.users.admin.email, 'English', 'README.md', 'Configuration', 'Trust Project'])
      text = text.split(data).join(' ');
    return text;
  };
  const englishIn = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'u').test(text));

  it('sees the English of both screens before the user chooses Russian: the check is not blind', async () => {
    for (const [path, words] of [
      ['/admin/pages', ['Pages', 'Title', 'New page', 'the']],
      ['/admin/settings', ['Settings', 'Logo', 'Time zone', 'Policies', 'Save']],
    ] as const) {
      await page.goto(`${served.url}${path}`);
      expect(englishIn(await interfaceText())).toEqual(expect.arrayContaining([...words]));
    }
    await page.goto(`${served.url}/admin/account`);
    await page.getByLabel('Interface language').selectOption('ru');
    await page.locator('#profile ~ form button[type=submit]').click();
    await page.waitForURL(/\/admin\/account\?done=profile/);
  }, 60_000);

  it('the pages screen, with a page started from it, has no English left', async () => {
    await page.goto(`${served.url}/admin/pages`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Страницы');
    expect(englishIn(await interfaceText())).toEqual([]);
    await page.getByLabel('Язык', { exact: true }).selectOption('ru');
    await page.getByLabel('Заголовок', { exact: true }).fill('О редакции');
    await page.getByLabel('Адрес (slug)').fill('o-redakcii');
    await page.getByRole('button', { name: 'Создать страницу' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\/edit\?done=created$/);
    await page.goto(`${served.url}/admin/pages`);
    await expect(page.getByRole('link', { name: 'О редакции' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('table .badge').first().innerText()).resolves.toBe('черновик');
    expect(englishIn(await interfaceText())).toEqual([]);

    // A refusal the page's form can fix is shown with the form, still in Russian around it.
    await page.getByLabel('Заголовок', { exact: true }).fill('Ещё раз о редакции');
    await page.getByLabel('Адрес (slug)').fill('o-redakcii');
    await page.getByLabel('Язык', { exact: true }).selectOption('ru');
    await page.getByRole('button', { name: 'Создать страницу' }).click();
    await expect(page.locator('#page-error').isVisible()).resolves.toBe(true);
    await expect(page.locator('h1').innerText()).resolves.toBe('Страницы');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the settings screen, its notices included, has no English left', async () => {
    await page.goto(`${served.url}/admin/settings`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Настройки');
    expect(englishIn(await interfaceText())).toEqual([]);
    await page.getByLabel('Название (Русский)').fill('Степной курьер');
    await page.getByRole('button', { name: 'Сохранить настройки' }).click();
    await page.waitForURL(`${served.url}/admin/settings?done=saved`);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Настройки сохранены.');
    expect(englishIn(await interfaceText())).toEqual([]);

    await page.getByLabel('Файл логотипа').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await testImage('png', 600, 600) });
    await page.getByLabel('Альтернативный текст').fill('Логотип «Степного курьера»');
    await page.getByRole('button', { name: 'Загрузить и сделать логотипом' }).click();
    await page.waitForURL(`${served.url}/admin/settings?done=logo`);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Логотип загружен и выбран.');
    await expect(page.getByRole('img', { name: 'Текущий логотип' }).isVisible()).resolves.toBe(true);
    expect(englishIn(await interfaceText())).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('both pass vnu and axe in Russian and fit a 390 px wide screen', async () => {
    const paths = ['/admin/pages', '/admin/settings'];
    const pages: { name: string; html: string }[] = [];
    for (const path of paths) {
      await page.goto(`${served.url}${path}`);
      expect(formatViolations(await runAxe(page), path)).toBe('');
      pages.push({ name: path, html: await page.evaluate(async (u) => (await fetch(u)).text(), `${served.url}${path}`) });
    }
    if (hasJava()) expect(formatVnuErrors(await validateHtml(pages))).toBe('');

    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    for (const path of paths) {
      const res = await page.goto(`${served.url}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 390) wide.push(`${path}: ${width}px`);
    }
    expect(wide).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
