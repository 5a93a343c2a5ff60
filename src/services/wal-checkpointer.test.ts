import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { connect } from '../db/connect.js';
import { BACKSTOP_PAGES, checkpointInBackground } from './wal-checkpointer.js';

const walPages = async (o: OpenedDb) =>
  Number((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(o.db.kysely)).rows[0]!.wal_autocheckpoint);

/** 40 transactions of about 1 MB each, with a pause between, as an import's batches; the WAL file's largest size. */
async function writeBatches(o: OpenedDb): Promise<number> {
  const k = o.db.kysely;
  await sql`create table filler (id integer primary key, text text not null)`.execute(k);
  const text = 'степь '.repeat(20_000);
  let largest = 0;
  for (let b = 0; b < 40; b++) {
    await k.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) await sql`insert into filler (text) values (${text})`.execute(trx);
    });
    largest = Math.max(largest, fs.statSync(`${o.url}-wal`).size);
    await sleep(25);
  }
  return largest;
}

describe('checkpointInBackground', () => {
  let opened: OpenedDb | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  it('keeps the WAL small while the writer writes, and gives the writer back its own checkpoints at the stop', async () => {
    opened = await openDb('sqlite');
    const stop = await checkpointInBackground(opened.db);
    expect(await walPages(opened)).toBe(BACKSTOP_PAGES);
    const largest = await writeBatches(opened);
    await stop();
    expect(await walPages(opened)).toBe(1000);
    expect(largest).toBeLessThan(16 * 2 ** 20);
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(opened.db.kysely);
    expect(rows[0]!.n).toBe(160);
  }, 60_000);

  // What the test above would see if nothing checkpointed in the background: the writer's backstop alone lets the WAL
  // grow to 40 MB.
  it('without it, the same writes under the backstop grow the WAL to their whole size', async () => {
    opened = await openDb('sqlite');
    await sql.raw(`pragma wal_autocheckpoint = ${BACKSTOP_PAGES}`).execute(opened.db.kysely);
    expect(await writeBatches(opened)).toBeGreaterThan(30 * 2 ** 20);
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
