import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';

/** What every use case gets: the database, the time (injectable for tests and scheduling), a logger. */
export type Deps = { db: Db; clock: () => Date; log: Logger };

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
