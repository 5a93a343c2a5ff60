import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, localKey, readLocalCopy, retryDelay, type ApiArticle, type KeyValueStore, type Payload, type SaveOutcome, type Status } from './autosave.js';

class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** A page with a headline and a server that answers as each test says. */
function harness(answers: ((p: Payload, base: number) => SaveOutcome | Promise<SaveOutcome>)[]) {
  const page = { headline: 'First' } as Payload;
  const store = new MemoryStore();
  const statuses: Status[] = [];
  const sent: { payload: Payload; base: number }[] = [];
  const conflicts: { current: ApiArticle; sent: Payload }[] = [];
  const a = new Autosave({
    articleId: 7,
    baseRevision: 3,
    store,
    read: () => ({ ...page }),
    send: async (payload, base) => {
      sent.push({ payload, base });
      const answer = answers.shift();
      if (!answer) throw new Error('no answer left');
      return answer(payload, base);
    },
    onStatus: (s) => statuses.push(s),
    onConflict: (current, s) => conflicts.push({ current, sent: s }),
    delayMs: 1000,
  });
  const type = (text: string) => {
    page.headline = text;
    a.changed();
  };
  return { a, page, store, statuses, sent, conflicts, type, last: () => statuses.at(-1)! };
}

const saved =
  (revision: number) =>
  (p: Payload): SaveOutcome => ({ kind: 'saved', article: { ...p, id: 7, revision } as ApiArticle });
const offline = (): SaveOutcome => ({ kind: 'offline' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('keeps every change on the device at once, saves after a quiet moment with the base revision, then clears the copy', async () => {
    const h = harness([saved(4)]);
    h.type('Second');
    expect(readLocalCopy(h.store, 7)).toMatchObject({ articleId: 7, baseRevision: 3, payload: { headline: 'Second' } });
    expect(h.last().kind).toBe('unsaved');
    expect(h.a.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toEqual([{ payload: { headline: 'Second' }, base: 3 }]);
    expect(h.last()).toMatchObject({ kind: 'saved', revision: 4 });
    expect(h.store.map.has(localKey(7))).toBe(false);
    expect(h.a.dirty).toBe(false);
    expect(h.a.revision).toBe(4);
  });

  it('waits for the typing to stop: one save for a burst of changes', async () => {
    const h = harness([saved(4)]);
    for (const t of ['S', 'Se', 'Sec', 'Seco']) {
      h.type(t);
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent.map((s) => s.payload.headline)).toEqual(['Seco']);
  });

  it('offline: keeps the copy, says so, retries with growing waits until it gets through', async () => {
    const h = harness([offline, offline, saved(4)]);
    h.type('Second');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last()).toEqual({ kind: 'offline', retryInMs: 1000 });
    expect(readLocalCopy(h.store, 7)?.payload.headline).toBe('Second');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last()).toEqual({ kind: 'offline', retryInMs: 2000 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(h.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toHaveLength(3);
    expect(h.last()).toMatchObject({ kind: 'saved', revision: 4 });
    expect(readLocalCopy(h.store, 7)).toBeNull();
    expect(retryDelay(10)).toBe(30_000);
  });

  it('a network error thrown by fetch counts as offline', async () => {
    const h = harness([() => Promise.reject(new TypeError('Failed to fetch')), saved(4)]);
    h.type('Second');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last().kind).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last().kind).toBe('saved');
  });

  it('a conflict stops saving and keeps the copy until the person chooses; "keep mine" saves on the current revision', async () => {
    const h = harness([(p) => ({ kind: 'conflict', current: { id: 7, revision: 5, headline: 'Theirs' }, sent: p }), saved(6)]);
    h.type('Mine');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last().kind).toBe('conflict');
    expect(h.conflicts).toEqual([{ current: { id: 7, revision: 5, headline: 'Theirs' }, sent: { headline: 'Mine' } }]);
    h.type('Mine, more');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sent).toHaveLength(1);
    expect(readLocalCopy(h.store, 7)?.payload.headline).toBe('Mine, more');
    expect(h.a.dirty).toBe(true);
    await h.a.keepMine(5);
    expect(h.sent[1]).toEqual({ payload: { headline: 'Mine, more' }, base: 5 });
    expect(h.a.revision).toBe(6);
    expect(readLocalCopy(h.store, 7)).toBeNull();
  });

  it('"use theirs" takes the stored revision as the new base and leaves nothing unsaved', async () => {
    const h = harness([(p) => ({ kind: 'conflict', current: { id: 7, revision: 5, headline: 'Theirs' }, sent: p }), saved(6)]);
    h.type('Mine');
    await vi.advanceTimersByTimeAsync(1000);
    h.page.headline = 'Theirs';
    h.a.useTheirs({ id: 7, revision: 5, headline: 'Theirs' });
    expect(h.a.dirty).toBe(false);
    expect(readLocalCopy(h.store, 7)).toBeNull();
    h.type('Theirs, edited');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent[1]!.base).toBe(5);
  });

  it('changes typed while a save is on its way are the next save', async () => {
    let release!: () => void;
    const h = harness([(p) => new Promise((r) => (release = () => r(saved(4)(p)))), saved(5)]);
    h.type('One');
    await vi.advanceTimersByTimeAsync(1000);
    h.type('One two');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last().kind).toBe('unsaved');
    expect(readLocalCopy(h.store, 7)).toMatchObject({ baseRevision: 4, payload: { headline: 'One two' } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent.map((s) => [s.payload.headline, s.base])).toEqual([
      ['One', 3],
      ['One two', 4],
    ]);
    expect(h.a.dirty).toBe(false);
  });

  it('a refusal is shown and not retried until the next change', async () => {
    const h = harness([() => ({ kind: 'refused', status: 422, code: 'VALIDATION_FAILED', message: 'bad slug' }), saved(4)]);
    h.type('Second');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.last()).toMatchObject({ kind: 'refused', message: 'bad slug' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toHaveLength(1);
    expect(readLocalCopy(h.store, 7)).not.toBeNull();
    h.type('Third');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent).toHaveLength(2);
  });

  it('restored work keeps the revision it was based on (so a stale copy comes back as a conflict, not an overwrite)', async () => {
    const h = harness([(p) => ({ kind: 'conflict', current: { id: 7, revision: 9, headline: 'Newer' }, sent: p })]);
    h.page.headline = 'From the device';
    h.a.restored(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent[0]!.base).toBe(2);
    expect(h.last().kind).toBe('conflict');
  });

  it('ignores a copy on the device that is not this article or not readable', () => {
    const store = new MemoryStore();
    store.setItem(localKey(7), '{not json');
    expect(readLocalCopy(store, 7)).toBeNull();
    store.setItem(localKey(7), JSON.stringify({ articleId: 8, baseRevision: 1, savedAt: '', payload: {} }));
    expect(readLocalCopy(store, 7)).toBeNull();
  });
});
