import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, locales: ['en', 'ru', 'kk'], defaultLocale: 'en', siteUrl: 'http://localhost:3000', timeZone: 'UTC' });
    expect(c.databaseUrl).toMatch(/data\/masthead\.db$/);
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
});
