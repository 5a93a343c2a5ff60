import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { runCli } from './program.js';

function harness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, env, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { dir, run, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('masthead apikey', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.cleanup());

  it.each([
    [['apikey', 'create', '--name', 'x']],
    [['apikey', 'create', '--name', 'x', '--role', 'king']],
    [['apikey', 'create', '--role', 'editor']],
    [['apikey', 'revoke']],
    [['apikey', 'revoke', 'abc']],
    [['apikey', 'list', 'extra']],
  ])('exits 2 on a bad command line: %j', async (args) => {
    const r = await h.run(args);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
  });

  it('creates a key, prints it once, stores only its hash; lists and revokes it, with audit rows', async () => {
    const created = await h.run(['apikey', 'create', '--name', 'Wire importer', '--role', 'editor']);
    expect(created.code).toBe(0);
    const key = /key \(shown once[^)]*\): (mhk_[A-Za-z0-9_-]{43})\n/.exec(created.out)?.[1];
    expect(key).toBeDefined();

    const listed = await h.run(['apikey', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^1\\t${key!.slice(0, 12)}…\\tWire importer\\teditor\\tcreated .*\\tnever used\\tactive\\n$`));
    expect(listed.out).not.toContain(key);

    const db = connect(path.join(h.dir, 'masthead.db'));
    try {
      const rows = await db.kysely.selectFrom('api_keys').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.key_hash).toBe(createHash('sha256').update(key!).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(key!.slice(12));
    } finally {
      await db.close();
    }

    expect(await h.run(['apikey', 'revoke', '1'])).toMatchObject({ code: 0, out: 'Revoked API key 1.\n' });
    expect(await h.run(['apikey', 'revoke', '1'])).toMatchObject({ code: 0, out: 'API key 1 was already revoked.\n' });
    const missing = await h.run(['apikey', 'revoke', '42']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Error [NOT_FOUND]');
    expect((await h.run(['apikey', 'list'])).out).toMatch(/\tREVOKED \S+\n$/);

    const db2 = connect(path.join(h.dir, 'masthead.db'));
    try {
      const audit = await db2.kysely.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id']).orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'apikey.created', subject_type: 'api_key', subject_id: 1 },
        { action: 'apikey.revoked', subject_type: 'api_key', subject_id: 1 },
      ]);
    } finally {
      await db2.close();
    }
  });

  it('says how to start when there are no keys', async () => {
    expect((await h.run(['apikey', 'list'])).out).toMatch(/No API keys\. Create one with: masthead apikey create/);
  });
});
