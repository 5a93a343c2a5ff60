import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSite, PASSWORD, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';

/** The admin in Chromium: logging in through the real form, and the pages' accessibility and CSP. */
describe('admin in Chromium', () => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    // Plain http on 127.0.0.1, as served here: cookies without Secure.
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** A page that records every Content-Security-Policy complaint Chromium makes. */
  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(String(e)));
    return { page, violations };
  }

  async function logIn(page: Page, email = s.users.admin.email) {
    await page.goto(`${served.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${served.url}/admin`);
  }

  it('logs in through the real form, sees the dashboard, logs out', async () => {
    const { page, violations } = await watchedPage();
    await logIn(page);
    await expect(page.locator('h1').innerText()).resolves.toBe('Dashboard');
    await expect(page.locator('main table').innerText()).resolves.toContain('Admin Person (you, here)');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'mh_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(/\/admin\/login\?done=logged-out$/);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('You are logged out.');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a wrong password shows the error next to the form', async () => {
    const { page } = await watchedPage();
    await page.goto(`${served.url}/admin/login`);
    await page.getByLabel('Email').fill(s.users.editor.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('[role=alert]').innerText()).resolves.toContain('That email and password do not match an account.');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(s.users.editor.email);
    await page.close();
  });

  it('breaks no Content-Security-Policy rule on admin or public pages (inline styles pass by nonce or hash)', async () => {
    const { page, violations } = await watchedPage();
    for (const path of ['/admin/login', '/admin/password/forgot', '/en/', '/ru/', '/en/no-such-page']) {
      await page.goto(served.url + path);
      // The stylesheet applied: the body's font is not the browser default.
      await expect(page.evaluate('getComputedStyle(document.body).margin')).resolves.toBe('0px');
    }
    await logIn(page);
    await page.goto(`${served.url}/admin/users`);
    expect(violations).toEqual([]);
    // The watcher works: a <style> without the nonce (as an injection would add) is refused and reported.
    await page.evaluate(`{ const style = document.createElement('style'); style.textContent = 'body{margin:3px}'; document.head.append(style); }`);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await expect(page.evaluate('getComputedStyle(document.body).margin')).resolves.toBe('0px');
    await page.close();
  });

  it('the login, forgot-password, dashboard and users pages have 0 axe-core violations', async () => {
    const page = await browser.newPage();
    const report: string[] = [];
    const audit = async (name: string) => {
      const v = await runAxe(page);
      if (v.length) report.push(formatViolations(v, name));
    };
    await page.goto(`${served.url}/admin/login`);
    await audit('login');
    await page.getByLabel('Email').fill(s.users.admin.email);
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForLoadState();
    await audit('login with an error');
    await page.goto(`${served.url}/admin/password/forgot`);
    await audit('forgot password');
    await page.getByLabel('Email').fill('someone@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.waitForLoadState();
    await audit('forgot password, sent');
    await logIn(page);
    await audit('dashboard');
    await page.goto(`${served.url}/admin/users`);
    await audit('users');
    await page.close();
    expect(report.join('\n')).toBe('');
  }, 60_000);
});
