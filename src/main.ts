import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { connect, type Db } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { countArticles } from './db/articles-repo.js';
import { countUsers } from './db/users-repo.js';
import type { SiteContext } from './render/site-context.js';
import type { Deps } from './services/deps.js';
import { seedDemo } from './services/seed-demo.js';
import { createUser } from './services/users.js';
import { createApp } from './web/app.js';
import { logoSvg } from './seed/demo-images.js';

/** The composition root: config -> db -> services -> web app -> server. Nothing else wires modules together. */

export function siteContext(config: Config): SiteContext {
  return {
    siteUrl: config.siteUrl,
    siteName: config.siteName,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
    logoPath: '/logo.svg',
  };
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}

export async function openDeps(config: Config, log: Logger = createLogger(config)): Promise<Deps & { db: Db }> {
  const db = connect(config.databaseUrl);
  return { db, clock: () => new Date(), log };
}

export type FirstStart = { seeded: number; admin: { email: string; password: string } | null };

/**
 * What an empty database needs to be useful at once: demo content and an admin account whose password is shown
 * exactly once. A database that already has articles or users is left alone.
 */
export async function bootstrap(deps: Deps, config: Config): Promise<FirstStart> {
  const k = deps.db.kysely;
  let seeded = 0;
  if ((await countArticles(k)) === 0) seeded = (await seedDemo(deps, config.dataDir)).created;
  let admin: FirstStart['admin'] = null;
  if ((await countUsers(k)) === 0) {
    const u = await createUser(deps, { email: 'admin@masthead.local', name: 'Administrator', role: 'admin' });
    admin = { email: u.email, password: u.password };
  }
  return { seeded, admin };
}

export async function startServer(config: Config) {
  const log = createLogger(config);
  const deps = await openDeps(config, log);
  const { applied } = await migrate(deps.db);
  if (applied.length) log.info({ applied }, 'database migrated');
  const first = await bootstrap(deps, config);
  if (first.seeded) log.info({ articles: first.seeded }, 'demo content loaded');
  const app = createApp({ deps, site: siteContext(config), dataDir: config.dataDir, logo: logoSvg(config.siteName) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await deps.db.close();
  };
  return { server, port, first, deps, close };
}
