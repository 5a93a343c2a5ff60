import { parentPort } from 'node:worker_threads';
import { writeJob, type WriteJob } from '../feeds/write-job.js';

/**
 * One writer of the feed pool (services/feed-write-pool.ts): answers `{ id, job }` with the feed or sitemap as UTF-8
 * bytes, handed over (transferred, not copied) to the serving thread.
 */
parentPort!.on('message', async ({ id, job }: { id: number; job: WriteJob }) => {
  try {
    // TextEncoder's array owns its buffer (Buffer.from may hand out a slice of a shared pool), so it can be transferred.
    const bytes = new TextEncoder().encode(await writeJob(job));
    parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
