import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_EXAMPLES, CONFIG_VARIABLES, loadConfig } from './config.js';
import { AppError } from './errors.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, locales: ['en', 'ru', 'kk'], defaultLocale: 'en', siteUrl: 'http://localhost:3000', timeZone: 'UTC' });
    expect(c.databaseUrl).toMatch(/data\/masthead\.db$/);
    expect(c.mediaMaxBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ MEDIA_MAX_MB: '2.5' }).mediaMaxBytes).toBe(2.5 * 1024 * 1024);
    expect(c.mediaMaxPixels).toBe(50_000_000);
    expect(loadConfig({ MEDIA_MAX_MEGAPIXELS: '24.5' }).mediaMaxPixels).toBe(24_500_000);
  });

  it('reads locales, a postgres URL and a trailing-slash site URL', () => {
    const c = loadConfig({ LOCALES: 'ru, kk', DATABASE_URL: 'postgres://u@db/x', SITE_URL: 'https://news.example.org/' });
    expect(c).toMatchObject({ locales: ['ru', 'kk'], defaultLocale: 'ru', databaseUrl: 'postgres://u@db/x', siteUrl: 'https://news.example.org' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'PORT=3000'],
    [{ SITE_URL: 'news.example.org' }, 'SITE_URL', 'SITE_URL=https://news.example.org'],
    [{ LOCALES: 'en,english' }, 'LOCALES', 'LOCALES=en,ru,kk'],
    [{ DEFAULT_LOCALE: 'de' }, 'DEFAULT_LOCALE', 'DEFAULT_LOCALE=en'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL=info'],
    [{ TIMEZONE: 'Mars/Olympus' }, 'TIMEZONE', 'TIMEZONE=Asia/Almaty'],
    [{ SMTP_URL: 'mail.example.org:587' }, 'SMTP_URL', 'SMTP_URL=smtps://'],
    [{ MAIL_FROM: 'newsroom' }, 'MAIL_FROM', 'MAIL_FROM="The Steppe Courier" <newsroom@example.org>'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY', 'TRUST_PROXY=true'],
    [{ MEDIA_MAX_MB: 'lots' }, 'MEDIA_MAX_MB', 'MEDIA_MAX_MB=20'],
    [{ MEDIA_MAX_MEGAPIXELS: '1000' }, 'MEDIA_MAX_MEGAPIXELS', 'MEDIA_MAX_MEGAPIXELS=50'],
  ])('refuses %j naming the variable, the bad value and an example', (env, name, example) => {
    const err = (() => {
      try {
        loadConfig(env);
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain(`${name}=${JSON.stringify(Object.values(env)[0])}`);
    expect(err.message).toContain(`Example: ${example}`);
  });

  it('reads mail settings, with a From address made from the site when MAIL_FROM is not set', () => {
    expect(loadConfig({ SITE_URL: 'https://news.example.org', SITE_NAME: 'The "Courier"' })).toMatchObject({
      smtpUrl: null,
      mailFrom: '"The Courier" <no-reply@news.example.org>',
      trustProxy: false,
    });
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525', MAIL_FROM: 'Desk <desk@example.org>', TRUST_PROXY: '1' });
    expect(c).toMatchObject({ smtpUrl: 'smtp://u:p@127.0.0.1:2525', mailFrom: 'Desk <desk@example.org>', trustProxy: true });
  });

  it('never prints the password of a bad URL', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://desk:s3cret@mail.example.org' })).toThrow(/SMTP_URL="http:\/\/\*\*\*@mail\.example\.org"/);
    expect(() => loadConfig({ SMTP_URL: 'http://desk:s3cret@mail.example.org' })).not.toThrow(/s3cret/);
  });

  // Regression: the variables read were the examples' keys, so one added to the schema alone was never read.
  it('reads every variable of its schema from the environment, and nothing else', () => {
    const asked = new Set<string | symbol>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        asked.add(name);
        return undefined;
      },
    });
    loadConfig(env);
    expect([...asked].sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(CONFIG_VARIABLES).toContain('TRUST_PROXY');
  });

  it.each(CONFIG_VARIABLES)('has a good example of %s, and the README documents it', (name) => {
    const example = CONFIG_EXAMPLES[name];
    expect(example).toBeTruthy();
    // The example is quoted to fix a bad value, so it must itself be taken (DATABASE_URL's names two: either is).
    expect(() => loadConfig({ [name]: example.split(' or ')[0] })).not.toThrow();
    expect(README).toContain(`| \`${name}\` |`);
  });
});

const README = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
