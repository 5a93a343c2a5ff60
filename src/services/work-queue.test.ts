import { describe, expect, it } from 'vitest';
import { createWorkQueue } from './work-queue.js';

class Busy extends Error {}

/** A job the test finishes by hand, so what runs when is decided by the test, never by a clock. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createWorkQueue', () => {
  it('never runs more than `concurrency` jobs when more arrive together, runs the rest in order, and completes them all', async () => {
    const q = createWorkQueue({ concurrency: 2, maxWaiting: 8, busy: () => new Busy() });
    const gates = Array.from({ length: 6 }, gate);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = gates.map((g, i) =>
      q.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        await g.opened;
        active--;
        return i * 10;
      }),
    );
    await settle();
    expect([q.running, q.waiting, started]).toEqual([2, 4, [0, 1]]);
    // Finished out of order: the next in line still starts first.
    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect([q.running, q.waiting]).toEqual([2, 3]);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect([q.running, q.waiting]).toEqual([0, 0]);
  });

  it('refuses with busy() at once when the line is full, and takes jobs again once it has room', async () => {
    const q = createWorkQueue({ concurrency: 1, maxWaiting: 2, busy: () => new Busy('full') });
    const g = gate();
    const held = [1, 2, 3].map(() => q.run(() => g.opened));
    await settle();
    expect([q.running, q.waiting]).toEqual([1, 2]);
    let ran = false;
    await expect(q.run(async () => void (ran = true))).rejects.toBeInstanceOf(Busy);
    expect(ran).toBe(false);
    g.open();
    await Promise.all(held);
    expect(await q.run(async () => 'again')).toBe('again');
  });

  it('frees the slot of a job that fails, or throws before its first await', async () => {
    const q = createWorkQueue({ concurrency: 1, maxWaiting: 4, busy: () => new Busy() });
    const failing = q.run(async () => {
      throw new Error('decode failed');
    });
    const throwing = q.run((() => {
      throw new Error('at once');
    }) as () => Promise<void>);
    const fine = q.run(async () => 'fine');
    await expect(failing).rejects.toThrow('decode failed');
    await expect(throwing).rejects.toThrow('at once');
    expect(await fine).toBe('fine');
    expect([q.running, q.waiting]).toEqual([0, 0]);
  });
});
