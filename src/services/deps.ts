import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { ChangeBus } from '../db/change-bus.js';

/**
 * What every use case gets: the database, the time (injectable for tests and scheduling), a logger, and the bus on
 * which committed content changes are announced to whoever keeps copies of pages.
 */
export type Deps = { db: Db; clock: () => Date; log: Logger; changes: ChangeBus };

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
