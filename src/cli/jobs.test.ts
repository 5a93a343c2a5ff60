import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { runCli } from './program.js';

describe('masthead jobs', () => {
  let dir: string;
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-jobs-'));
    const db = connect(path.join(dir, 'masthead.db'));
    await migrate(db);
    await db.kysely
      .insertInto('jobs')
      .values([
        {
          kind: 'publish-scheduled',
          run_at: '2026-11-20T09:00:00.000Z',
          state: 'failed',
          attempts: 5,
          last_error: 'Error: disk full',
          created_at: '2026-11-19T00:00:00.000Z',
        },
        {
          kind: 'publish-scheduled',
          run_at: '2026-11-21T09:00:00.000Z',
          state: 'pending',
          attempts: 0,
          last_error: null,
          created_at: '2026-11-19T00:00:00.000Z',
        },
      ])
      .execute();
    await db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists jobs, failed ones with their last error, and queues a failed one again', async () => {
    expect(await run(['jobs', 'list', '--state', 'failed'])).toMatchObject({
      code: 0,
      out: '1\tpublish-scheduled\t-\tfailed\tattempts 5\tdue 2026-11-20T09:00:00.000Z\tError: disk full\n',
    });
    expect((await run(['jobs', 'list'])).out.split('\n').filter(Boolean)).toHaveLength(2);
    const retried = await run(['jobs', 'retry', '1']);
    expect(retried).toMatchObject({ code: 0 });
    expect(retried.out).toMatch(/^Job 1 \(publish-scheduled\) is queued again, due \d{4}-/);
    expect(await run(['jobs', 'list', '--state', 'failed'])).toMatchObject({ code: 0, out: 'No failed jobs.\n' });
    expect((await run(['jobs', 'list', '--state', 'pending'])).out).toMatch(/^1\tpublish-scheduled\t-\tpending\tattempts 0\t/m);
  });

  it('refuses to retry what did not fail, an unknown job, or a bad id', async () => {
    const pending = await run(['jobs', 'retry', '2']);
    expect(pending.code).toBe(1);
    expect(pending.err).toContain('only a failed or cancelled job can be retried');
    expect((await run(['jobs', 'retry', '99'])).code).toBe(1);
    expect((await run(['jobs', 'retry', 'x'])).code).toBe(2);
    expect((await run(['jobs', 'list', '--state', 'sleeping'])).code).toBe(2);
  });
});
