import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/services/create-user.js';
import { Agent, adminSite, PASSWORD, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

const NEW_PASSWORD = 'a brand new passphrase';

/** Your own account in Chromium: a password change that logs another browser out, and two-factor sign-in. */
describe('your account in Chromium', () => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** What the person's app shows now: computed by the library from the secret the page showed, at the site's clock. */
  const appCode = (secret: string) =>
    new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: s.deps.clock().getTime() });

  let n = 0;
  async function newPerson(role: 'editor' | 'author' = 'author') {
    const email = `browser${++n}@example.org`;
    await createUser(s.deps, { email, name: `Browser Person ${n}`, role, password: PASSWORD });
    return email;
  }

  /** A browser context of its own (its own cookies), logged in through the real form. */
  async function loggedIn(email: string, password = PASSWORD): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${served.url}/admin/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${served.url}/admin`);
    return page;
  }

  it('a password change ends the session of another browser; this one stays logged in', async () => {
    const email = await newPerson();
    const here = await loggedIn(email);
    const elsewhere = await loggedIn(email);
    await here.getByRole('link', { name: /your account/ }).click();
    await here.waitForURL(`${served.url}/admin/account`);
    await expect(here.locator('main table tbody tr').count()).resolves.toBe(2);
    await here.locator('#current-password').fill(PASSWORD);
    await here.getByLabel('New password').fill(NEW_PASSWORD);
    await here.getByLabel('The same password again').fill(NEW_PASSWORD);
    await here.getByRole('button', { name: 'Change the password' }).click();
    await here.waitForURL(`${served.url}/admin/account?done=password`);
    await expect(here.locator('[role=status]').innerText()).resolves.toContain('Your password is changed.');
    await expect(here.locator('main table tbody tr').count()).resolves.toBe(1);

    await elsewhere.goto(`${served.url}/admin/articles`);
    expect(new URL(elsewhere.url()).pathname).toBe('/admin/login');
    await here.goto(`${served.url}/admin/articles`);
    expect(new URL(here.url()).pathname).toBe('/admin/articles');
    await here.context().close();
    await elsewhere.context().close();
  }, 60_000);

  it('sets up two-factor sign-in, then logs in with a code computed from the secret shown', async () => {
    const email = await newPerson('editor');
    const page = await loggedIn(email);
    await page.goto(`${served.url}/admin/account`);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.waitForURL(`${served.url}/admin/account#two-factor`);
    const secret = await page.locator('#totp-secret').innerText();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.locator('#totp-uri').innerText()).resolves.toContain(`secret=${secret}`);
    await page.getByLabel('Code from the app').fill(appCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Your recovery codes');
    await expect(page.locator('.codes li').count()).resolves.toBe(10);
    await page.context().close();

    // The clock moves on a step, as it would between setting up and the next login: the enrolment's code is spent.
    s.deps.clock = (
      (t) => () =>
        t
    )(new Date(s.deps.clock().getTime() + 30_000));
    const context = await browser.newContext();
    const next = await context.newPage();
    await next.goto(`${served.url}/admin/login`);
    await next.getByLabel('Email').fill(email);
    await next.getByLabel('Password').fill(PASSWORD);
    await next.getByRole('button', { name: 'Log in' }).click();
    await next.waitForURL(`${served.url}/admin/login/code`);
    await next.getByLabel('Code').fill('000000');
    await next.getByRole('button', { name: 'Log in' }).click();
    await expect(next.locator('[role=alert]').innerText()).resolves.toContain('That code is not right');
    await next.getByLabel('Code').fill(appCode(secret));
    await next.getByRole('button', { name: 'Log in' }).click();
    await next.waitForURL(`${served.url}/admin`);
    await next.goto(`${served.url}/admin/account`);
    await expect(next.locator('#two-factor + p').innerText()).resolves.toContain('On');
    await context.close();
  }, 60_000);

  it('fits a 390 px wide phone screen without sideways scrolling', async () => {
    const email = await newPerson('editor');
    const page = await loggedIn(email);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${served.url}/admin/account`);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.waitForURL(`${served.url}/admin/account#two-factor`);
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await page.context().close();
  }, 60_000);

  it('the account page (each state of two-factor sign-in), the code step and the email link pass vnu and axe', async () => {
    const email = await newPerson('editor');
    const a = new Agent(s.app);
    await a.login(email);
    const csrf = await a.csrfFrom('/admin/account');
    const pages: { name: string; html: string }[] = [{ name: 'account', html: await (await a.get('/admin/account')).text() }];
    await a.post('/admin/account/2fa/start', { _csrf: csrf });
    const enrolling = await (await a.get('/admin/account')).text();
    pages.push({ name: 'account-enrolling', html: enrolling });
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(enrolling)![1]!;
    pages.push({ name: 'recovery-codes', html: await (await a.post('/admin/account/2fa/confirm', { _csrf: csrf, code: appCode(secret) })).text() });
    pages.push({ name: 'account-2fa-on', html: await (await a.get('/admin/account')).text() });
    pages.push({
      name: 'account-error',
      html: await (await a.post('/admin/account/password', { _csrf: csrf, current: 'x', password: NEW_PASSWORD, confirm: NEW_PASSWORD })).text(),
    });
    await a.post('/admin/account/email', { _csrf: csrf, email: `elsewhere${n}@example.org`, password: PASSWORD });
    const link = new URL(/https?:\/\/\S+\/admin\/account\/email\/[A-Za-z0-9_-]+/.exec(s.mailer.sent.at(-1)!.text)![0]!).pathname;
    pages.push({ name: 'confirm-email', html: await (await new Agent(s.app).get(link)).text() });
    const b = new Agent(s.app);
    await b.login(email);
    pages.push({ name: 'login-code', html: await (await b.get('/admin/login/code')).text() });
    const results = await validateHtml(pages);
    expect(formatVnuErrors(results)).toBe('');

    const report: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const p of pages) {
      // Each page's HTML as served, without scripts (admin pages have none) or its CSP nonce mattering to axe.
      await page.setContent(p.html);
      const v = await runAxe(page);
      if (v.length) report.push(formatViolations(v, p.name));
    }
    await context.close();
    expect(report.join('\n')).toBe('');
  }, 120_000);
});
