import fs from 'node:fs';
import { waitFor } from '#test/wait-for.js';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { connect } from '../db/connect.js';
import { BACKSTOP_PAGES, checkpointInBackground } from './wal-checkpointer.js';

const walPages = async (o: OpenedDb) =>
  Number((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(o.db.kysely)).rows[0]!.wal_autocheckpoint);

const MB = 2 ** 20;
const fileSize = (file: string) => fs.statSync(file).size;

/** `n` transactions of about 1 MB each, as an import's batches. */
async function writeBatches(o: OpenedDb, n: number): Promise<void> {
  const text = 'степь '.repeat(20_000);
  for (let b = 0; b < n; b++) {
    await o.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) await sql`insert into filler (text) values (${text})`.execute(trx);
    });
  }
}

describe('checkpointInBackground', () => {
  let opened: OpenedDb | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });
  const open = async () => {
    opened = await openDb('sqlite');
    await sql`create table filler (id integer primary key, text text not null)`.execute(opened.db.kysely);
    return opened;
  };

  it('copies what the writer commits into the database on its own thread, and gives the writer its checkpoints back', async () => {
    const o = await open();
    const stop = await checkpointInBackground(o.db);
    expect(await walPages(o)).toBe(BACKSTOP_PAGES);
    const start = fileSize(o.url);
    // About 7 MB, under the writer's 40 MB backstop: the writer copies none of it itself (the next test), so the
    // database file grows only by the other thread's checkpoints.
    await writeBatches(o, 8);
    await waitFor(() => fileSize(o.url) >= start + 6 * MB, { timeout: 30_000, what: 'the checkpointer to copy the 7 MB' });
    await stop();
    expect(await walPages(o)).toBe(1000);
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(o.db.kysely);
    expect(rows[0]!.n).toBe(32);
  }, 60_000);

  // What the test above would see without it: under the backstop alone nothing is copied, and the WAL holds it all.
  // (Polled above, not timed: on a loaded machine the thread may run late, and what matters is that it runs.)
  it('without it, the same writes under the backstop stay in the WAL', async () => {
    const o = await open();
    await sql.raw(`pragma wal_autocheckpoint = ${BACKSTOP_PAGES}`).execute(o.db.kysely);
    const start = fileSize(o.url);
    await writeBatches(o, 8);
    expect(fileSize(o.url)).toBe(start);
    expect(fileSize(`${o.url}-wal`)).toBeGreaterThan(6 * MB);
  }, 60_000);

  it('leaves the writer its own checkpoints when its thread cannot open the file', async () => {
    opened = await openDb('sqlite');
    const stop = await checkpointInBackground({ ...opened.db, file: `${opened.url}.missing` });
    expect(await walPages(opened)).toBe(1000);
    await stop();
    expect(await walPages(opened)).toBe(1000);
  });

  it('does nothing on PostgreSQL or on a database in memory', async () => {
    const memory = connect(':memory:');
    try {
      expect(memory.file).toBeUndefined();
      await (
        await checkpointInBackground(memory)
      )();
    } finally {
      await memory.close();
    }
    await (
      await checkpointInBackground({ ...memory, dialect: 'postgres' })
    )();
  });
});
