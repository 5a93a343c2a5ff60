import path from 'node:path';
// zod's functional build: the same checks and messages as `zod` for a tenth of the code (53 KB against 395 KB), which
// every command parses at start for this one schema. Its messages are English once told so (`zod` does that itself).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { LOCALE_RE } from './content/locales.js';
import { AppError } from './errors.js';

const MAIL_FROM_RE = /^(?:[^<>@]+<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

z.config(en());

const number = (min: number, max: number, fallback: number, int = false) =>
  z._default(z.coerce.number().check(...(int ? [z.int()] : []), z.minimum(min), z.maximum(max)), fallback);
const flag = () => z._default(z.enum(['true', 'false', '1', '0']), 'false');

/**
 * Every environment variable Masthead reads: the keys of this object are the list (loadConfig reads exactly these),
 * so a variable exists once it is here. The README's configuration table mirrors it (config.test.ts checks).
 */
const variables = z.object({
  PORT: number(0, 65535, 3000, true),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  SITE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  SITE_NAME: z._default(z.string().check(z.minLength(1)), 'Masthead Demo'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  DATABASE_URL: z.optional(z.string().check(z.minLength(1))),
  LOCALES: z.pipe(
    z.pipe(
      z._default(z.string(), 'en,ru,kk'),
      z.transform((s: string) =>
        s
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
      ),
    ),
    z.array(z.string().check(z.regex(LOCALE_RE, 'each locale is a 2-3 letter ISO 639 code'))).check(z.minLength(1)),
  ),
  DEFAULT_LOCALE: z.optional(z.string().check(z.regex(LOCALE_RE))),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  TIMEZONE: z._default(z.string(), 'UTC').check(z.refine(isTimeZone, 'not an IANA time zone')),
  CACHE_MAX_MB: number(0, 100_000, 32, true),
  // The page render thread's nice value (page-render-worker.ts): 0 is the serving thread's priority, 19 the lowest.
  RENDER_THREAD_NICE: number(0, 19, 5, true),
  MEDIA_MAX_MB: z._default(z.coerce.number().check(z.positive(), z.maximum(1024)), 20),
  // libvips refuses more than 268 megapixels unless told otherwise; 250 at 4 bytes is already a gigabyte per decode.
  MEDIA_MAX_MEGAPIXELS: z._default(z.coerce.number().check(z.positive(), z.maximum(250)), 50),
  SMTP_URL: z.optional(z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' })),
  MAIL_FROM: z.optional(z.string().check(z.regex(MAIL_FROM_RE, 'expected an address, or a name and an address in <>'))),
  TRUST_PROXY: flag(),
  // What `masthead serve --demo` asks (npm start passes it); NODE_ENV=production overrides both.
  MASTHEAD_DEMO: flag(),
  // Outbound fetches (partner feeds, webhooks, WebSub) may reach these private hosts, addresses or CIDR ranges.
  ALLOW_PRIVATE_HOSTS: z._default(z.string().check(z.regex(/^[\w.:\-/\[\]\s,]*$/, 'a comma list of host names, addresses and CIDR ranges')), ''),
  INGEST_INTERVAL_MINUTES: number(1, 10_080, 15, true),
  TRANSLATE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  TRANSLATE_KEY: z.optional(z.string()),
  NODE_ENV: z.optional(z.string()),
});

const schema = z.pipe(
  variables,
  z.transform((c: z.output<typeof variables>, ctx) => {
    const defaultLocale = c.DEFAULT_LOCALE ?? c.LOCALES[0]!;
    if (!c.LOCALES.includes(defaultLocale)) {
      ctx.issues.push({ code: 'custom', path: ['DEFAULT_LOCALE'], message: `must be one of LOCALES (${c.LOCALES.join(',')})`, input: defaultLocale });
    }
    const dataDir = path.resolve(c.DATA_DIR);
    const siteUrl = (c.SITE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
    return {
      port: c.PORT,
      host: c.HOST,
      siteUrl,
      siteName: c.SITE_NAME,
      dataDir,
      databaseUrl: c.DATABASE_URL ?? path.join(dataDir, 'masthead.db'),
      locales: c.LOCALES,
      defaultLocale,
      logLevel: c.LOG_LEVEL,
      timeZone: c.TIMEZONE,
      cacheMaxBytes: c.CACHE_MAX_MB * 1024 * 1024,
      renderThreadNice: c.RENDER_THREAD_NICE,
      mediaMaxBytes: Math.round(c.MEDIA_MAX_MB * 1024 * 1024),
      mediaMaxPixels: Math.round(c.MEDIA_MAX_MEGAPIXELS * 1_000_000),
      smtpUrl: c.SMTP_URL ?? null,
      mailFrom: c.MAIL_FROM ?? `"${c.SITE_NAME.replace(/["\\]/g, '')}" <no-reply@${new URL(siteUrl).hostname}>`,
      trustProxy: c.TRUST_PROXY === 'true' || c.TRUST_PROXY === '1',
      demo: c.MASTHEAD_DEMO === 'true' || c.MASTHEAD_DEMO === '1',
      allowPrivateHosts: c.ALLOW_PRIVATE_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      ingestIntervalMinutes: c.INGEST_INTERVAL_MINUTES,
      translate: c.TRANSLATE_URL ? { url: c.TRANSLATE_URL, key: c.TRANSLATE_KEY ?? null } : null,
      production: c.NODE_ENV === 'production',
    };
  }),
);

function isTimeZone(tz: string): boolean {
  // The default needs no asking: the first DateTimeFormat loads ICU's time zone data, ~10 ms of every command's start.
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Config = z.output<typeof schema>;

export type ConfigVariable = keyof typeof variables.shape;

/** The variables, read from the schema itself. */
export const CONFIG_VARIABLES = Object.keys(variables.shape) as ConfigVariable[];

/** A good value of each variable, quoted in the message that refuses a bad one; every variable has one. */
export const CONFIG_EXAMPLES: Readonly<Record<ConfigVariable, string>> = {
  PORT: '3000',
  HOST: '0.0.0.0',
  SITE_URL: 'https://news.example.org',
  SITE_NAME: 'The Steppe Courier',
  DATA_DIR: './data',
  DATABASE_URL: './data/masthead.db or postgres://user:pass@127.0.0.1:5432/masthead',
  LOCALES: 'en,ru,kk',
  DEFAULT_LOCALE: 'en',
  LOG_LEVEL: 'info',
  TIMEZONE: 'Asia/Almaty',
  CACHE_MAX_MB: '32',
  RENDER_THREAD_NICE: '5',
  MEDIA_MAX_MB: '20',
  MEDIA_MAX_MEGAPIXELS: '50',
  SMTP_URL: 'smtps://newsroom%40example.org:app-password@smtp.example.org:465',
  MAIL_FROM: '"The Steppe Courier" <newsroom@example.org>',
  TRUST_PROXY: 'true',
  MASTHEAD_DEMO: '1',
  ALLOW_PRIVATE_HOSTS: 'feeds.internal.example,10.0.0.0/8',
  INGEST_INTERVAL_MINUTES: '15',
  TRANSLATE_URL: 'http://127.0.0.1:5000',
  TRANSLATE_KEY: 'libretranslate-api-key',
  NODE_ENV: 'production',
};

/** Reads and validates the environment once; a bad value stops the start with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string | undefined> = Object.fromEntries(CONFIG_VARIABLES.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    // A URL's password never goes into an error message (or the logs it ends up in).
    const value = picked[name]?.replace(/\/\/[^@/\s]*@/, '//***@');
    return `${name}=${JSON.stringify(value ?? '')}: ${issue.message}. Example: ${name}=${CONFIG_EXAMPLES[name as ConfigVariable] ?? ''}`;
  });
  const first = result.error.issues[0];
  const name = String(first?.path[0] ?? 'configuration');
  return fail(lines, name);
}

function fail(lines: string[], name: string): never {
  throw new AppError('CONFIG_INVALID', `Invalid configuration:\n  ${lines.join('\n  ')}`, {
    hint: `Fix the environment variable${lines.length > 1 ? 's' : ''} above (see "Configuration" in README.md).`,
    details: { variable: name },
  });
}
