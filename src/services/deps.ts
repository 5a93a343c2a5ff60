import type { Doc } from '../content/document.js';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { ChangeBus } from '../db/change-bus.js';

/**
 * What every use case gets: the database, the time (injectable for tests and scheduling), a logger, and the bus on
 * which committed content changes are announced to whoever keeps copies of pages.
 */
export type Deps = {
  db: Db;
  clock: () => Date;
  log: Logger;
  changes: ChangeBus;
  /**
   * Set by a writer of many articles in one transaction (an import's batch, services/import-common.ts): the stores
   * hand it the ids of the articles they wrote, and it indexes them for search in a few statements before it commits,
   * rather than each article in statements of its own. `body` is the body as saved: the batch indexes it as it is in
   * memory instead of reading each body back and parsing its JSON again. `created`: the article is new in this
   * transaction, so it has no search entry to replace yet.
   */
  indexLater?: (articleId: number, body: Doc, created: boolean) => void;
};

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
