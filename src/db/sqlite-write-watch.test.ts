import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.js';
import { migrate } from './migrate.js';
import { watchOtherWriters } from './sqlite-write-watch.js';

describe('watchOtherWriters', () => {
  it('notices a commit by another connection, not our own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-watch-'));
    const file = path.join(dir, 'db.sqlite');
    const server = connect(file);
    const other = connect(file);
    await migrate(server);
    let changes = 0;
    const watch = watchOtherWriters(server, () => changes++, 20);
    try {
      await new Promise((r) => setTimeout(r, 60));
      await server.kysely.insertInto('stories').values({ created_at: 'x' }).execute();
      await new Promise((r) => setTimeout(r, 80));
      expect(changes).toBe(0);
      await other.kysely.insertInto('stories').values({ created_at: 'y' }).execute();
      await new Promise((r) => setTimeout(r, 80));
      expect(changes).toBe(1);
    } finally {
      watch.stop();
      await server.close();
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
