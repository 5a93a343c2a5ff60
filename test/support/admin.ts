import { expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Mailer, MailMessage } from '../../src/mail/mailer.js';
import type { SiteContext } from '../../src/content/site-context.js';
import { logoSvg } from '../../src/seed/demo-images.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { createUser } from '../../src/services/create-user.js';
import type { WorkQueue } from '../../src/services/work-queue.js';
import { createApp } from '../../src/web/app.js';
import { openDb, type Engine } from './databases.js';
import { testDeps } from './fixtures.js';
import { TEST_SITE } from './site.js';
import type { Page } from 'playwright-core';

/** A mailer that keeps what it is given, for tests to read the links in it. */
export function memoryMailer(): Mailer & { sent: MailMessage[]; lastLink(): string } {
  const sent: MailMessage[] = [];
  return {
    kind: 'memory',
    sent,
    async send(m) {
      sent.push(m);
    },
    lastLink() {
      const text = sent.at(-1)?.text ?? '';
      const m = /https?:\/\/\S+\/admin\/password\/reset\/[A-Za-z0-9_-]+/.exec(text);
      if (!m) throw new Error(`no reset link in the last mail:\n${text}`);
      return m[0];
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

/**
 * The app on a fresh database with one account per role (password PASSWORD), a memory mailer and an injectable
 * clock; no demo content (admin tests don't need it).
 */
export async function adminSite(
  engine: Engine = 'sqlite',
  opts: { site?: Partial<SiteContext>; trustProxy?: boolean; mediaMaxBytes?: number; mediaMaxPixels?: number; mediaQueue?: WorkQueue } = {},
) {
  const opened = await openDb(engine);
  const deps = testDeps(opened.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-admin-'));
  const mailer = memoryMailer();
  const site = { ...TEST_SITE, ...opts.site };
  const app = createApp({
    deps,
    site,
    dataDir,
    logo: logoSvg(site.siteName),
    admin: { mailer, trustProxy: opts.trustProxy ?? false },
    ...(opts.mediaMaxBytes ? { mediaMaxBytes: opts.mediaMaxBytes } : {}),
    ...(opts.mediaMaxPixels ? { mediaMaxPixels: opts.mediaMaxPixels } : {}),
    ...(opts.mediaQueue ? { mediaQueue: opts.mediaQueue } : {}),
  });
  const users = {} as Record<'admin' | 'editor' | 'author' | 'translator' | 'contributor', { id: number; email: string }>;
  for (const role of ['admin', 'editor', 'author', 'translator', 'contributor'] as const) {
    const u = await createUser(deps, { email: `${role}@example.org`, name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`, role, password: PASSWORD });
    users[role] = { id: u.id, email: u.email };
  }
  return {
    app,
    deps,
    db: opened.db,
    dataDir,
    mailer,
    users,
    agent: (headers: Record<string, string> = {}) => new Agent(app, headers),
    cleanup: async () => {
      await opened.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type AdminSite = Awaited<ReturnType<typeof adminSite>>;

type FetchApp = { request: (url: string, init?: RequestInit) => Response | Promise<Response> };

/** A browser in miniature: keeps cookies (by name; all ours are Path=/admin) and reads CSRF tokens from forms. */
export class Agent {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];
  constructor(
    private readonly app: FetchApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(url, { ...init, headers });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const c of this.lastSetCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request(url, { headers });
  }

  /** Posts a form; `_csrf` is taken from `fields` when given there (tests pass wrong or no tokens on purpose). */
  post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** The CSRF token of the form on a page (the first hidden _csrf field). */
  async csrfFrom(url: string): Promise<string> {
    const html = await (await this.get(url)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF field on ${url}`);
    return m[1]!;
  }

  /** Logs in through the real form; returns the response to the POST. */
  async login(email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
    const csrf = await this.csrfFrom('/admin/login');
    return this.post('/admin/login', { _csrf: csrf, email, password }, headers);
  }
}

export type ApiJson = Record<string, any>;
export type ApiRole = 'admin' | 'editor' | 'author' | 'translator' | 'contributor';

/** One Admin API key per role, for tests that act as scripts. */
export async function apiKeysForEveryRole(site: AdminSite): Promise<Record<ApiRole, string>> {
  const keys = {} as Record<ApiRole, string>;
  for (const role of ['admin', 'editor', 'author', 'translator', 'contributor'] as const) {
    keys[role] = (await createApiKey(site.deps, { name: `${role} script`, role })).key;
  }
  return keys;
}

/** An Admin API request with a bearer key (or none), JSON body and extra headers. */
export const apiCall = (site: AdminSite, key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  site.app.request(path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

/** The JSON body of an answer that must have this status; otherwise fails with the status and the body sent. */
export async function expectJson(res: Response, status = 200): Promise<ApiJson> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as ApiJson;
}

/** Asserts an RFC 9457 problem+json answer with this status and code, without a stack trace; returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<ApiJson> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = (await res.json()) as ApiJson;
  expect(p).toMatchObject({ type: `https://masthead.dev/problems/${code.toLowerCase()}`, status, code });
  expect(typeof p['title']).toBe('string');
  expect(typeof p['detail']).toBe('string');
  expect(JSON.stringify(p)).not.toMatch(/\n\s+at /);
  return p;
}

/**
 * A page of a person logged in to the admin through the real form, in Chromium. Script errors and Content-Security-
 * Policy complaints on it are pushed to `problems` (tests expect it empty). `from` is a Browser or a BrowserContext:
 * a context of its own keeps one person's cookies from another's.
 */
export async function adminPage(from: { newPage(): Promise<Page> }, baseUrl: string, email: string, problems: string[], label = email): Promise<Page> {
  const page = await from.newPage();
  page.on('pageerror', (e) => problems.push(`${label}: ${String(e)}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) problems.push(`${label}: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/admin`);
  return page;
}
