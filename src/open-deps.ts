import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { connect, type Db } from './db/connect.js';
import { pgChangeBus } from './db/pg-change-bus.js';
import { localChangeBus } from './db/change-bus.js';
import type { Deps } from './services/deps.js';

/**
 * What every command needs before it does anything: a logger, the database and the change bus. Apart from the
 * composition root (main.ts) so that a one-off command (`masthead migrate`, `doctor`, `user create`) does not load
 * the web app, the page cache and the renderers just to open the database.
 */

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}

export type OpenedDeps = Deps & { db: Db };

/** `shared` asks for a change bus other instances hear (PostgreSQL LISTEN/NOTIFY); one-off commands don't need it. */
export async function openDeps(config: Config, log: Logger = createLogger(config), opts: { shared?: boolean; bulkRead?: boolean } = {}): Promise<OpenedDeps> {
  const db = connect(config.databaseUrl, { bulkRead: opts.bulkRead });
  const changes =
    opts.shared && db.dialect === 'postgres' ? await pgChangeBus(config.databaseUrl, { log, ...(db.schema ? { schema: db.schema } : {}) }) : localChangeBus();
  return { db, clock: () => new Date(), log, changes };
}
