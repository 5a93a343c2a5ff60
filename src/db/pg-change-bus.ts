import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgDriver } from './pg-driver.js';
import type { Logger } from 'pino';
import { localChangeBus, type ChangeBus } from './change-bus.js';

// NOTIFY payloads are capped at 8000 bytes; keys are sent in chunks well under that.
const MAX_PAYLOAD = 7000;
const RECONNECT_MS = 1000;

/**
 * Carries change notices between app instances sharing one PostgreSQL database (LISTEN/NOTIFY). Local listeners
 * hear a change at once; other instances hear it from the server. Each instance ignores the echo of its own notices.
 * A lost listening connection is re-opened; while it is down, other instances' changes are missed, so on reconnect
 * every listener is told to drop everything (key "*").
 */
export async function pgChangeBus(url: string, opts: { schema?: string; log: Logger }): Promise<ChangeBus> {
  const local = localChangeBus();
  const instance = randomUUID();
  const channel = `masthead_changes${opts.schema ? `_${opts.schema}` : ''}`;
  if (!/^[a-z0-9_]{1,63}$/.test(channel)) throw new Error(`Invalid change channel name "${channel}"`);
  const sender = new (pgDriver().Pool)({ connectionString: url, max: 2 });
  sender.on('error', () => {});
  let listener: pg.Client | null = null;
  let closed = false;

  const listen = async (isReconnect: boolean) => {
    const client = new (pgDriver().Client)({ connectionString: url });
    client.on('notification', (msg) => {
      if (msg.channel !== channel || !msg.payload) return;
      try {
        const { from, keys } = JSON.parse(msg.payload) as { from: string; keys: string[] };
        if (from !== instance && Array.isArray(keys)) void local.publish(keys.filter((k) => typeof k === 'string'));
      } catch {
        opts.log.warn({ payload: msg.payload.slice(0, 200) }, 'ignored a malformed change notice');
      }
    });
    client.on('error', (err) => {
      opts.log.warn({ err }, 'change listener lost its connection; reconnecting');
      listener = null;
      client.end().catch(() => {});
      if (!closed) setTimeout(() => void listen(true).catch(() => {}), RECONNECT_MS);
    });
    await client.connect();
    await client.query(`LISTEN "${channel}"`);
    listener = client;
    if (isReconnect) void local.publish(['*']);
  };
  await listen(false);

  return {
    async publish(keys) {
      if (keys.length === 0) return;
      await local.publish(keys);
      for (const chunk of chunks(keys)) {
        await sender.query('select pg_notify($1, $2)', [channel, JSON.stringify({ from: instance, keys: chunk })]);
      }
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await local.close();
      await listener?.end().catch(() => {});
      await sender.end().catch(() => {});
    },
  };
}

function* chunks(keys: string[]): Generator<string[]> {
  let current: string[] = [];
  let size = 0;
  for (const k of keys) {
    if (size + k.length + 3 > MAX_PAYLOAD && current.length) {
      yield current;
      current = [];
      size = 0;
    }
    current.push(k);
    size += k.length + 3;
  }
  if (current.length) yield current;
}
