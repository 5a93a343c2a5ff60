import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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
    // The watcher's clock is faked, so each poll happens exactly when the test says (SQLite answers without I/O).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const watch = watchOtherWriters(server, () => changes++, 20);
    const poll = async () => {
      await vi.advanceTimersByTimeAsync(20);
      await new Promise((r) => setImmediate(r));
    };
    try {
      await poll();
      await server.kysely.insertInto('stories').values({ created_at: 'x' }).execute();
      await poll();
      expect(changes).toBe(0);
      await other.kysely.insertInto('stories').values({ created_at: 'y' }).execute();
      await poll();
      expect(changes).toBe(1);
      await poll();
      expect(changes).toBe(1);
    } finally {
      watch.stop();
      vi.useRealTimers();
      await server.close();
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Regression: the first version read came a period after the start, so a rival start's demo, committed meanwhile,
  // was taken as the starting point and the pages this server had cached before it were never dropped.
  it('notices a commit by another connection before its first period has passed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-watch-'));
    const file = path.join(dir, 'db.sqlite');
    const server = connect(file);
    const other = connect(file);
    await migrate(server);
    let changes = 0;
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const watch = watchOtherWriters(server, () => changes++, 20);
    try {
      await new Promise((r) => setImmediate(r));
      await other.kysely.insertInto('stories').values({ created_at: 'y' }).execute();
      await vi.advanceTimersByTimeAsync(20);
      await new Promise((r) => setImmediate(r));
      expect(changes).toBe(1);
    } finally {
      watch.stop();
      vi.useRealTimers();
      await server.close();
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
