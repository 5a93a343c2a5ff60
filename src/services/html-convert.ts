import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Doc } from '../content/document.js';
import { AppError } from '../errors.js';
import { rememberAnalysis } from '../search/analysed-bodies.js';
import { sealDocument } from '../content/sealed-documents.js';
import { startWorker } from '../start-worker.js';
import {
  HTML_BUDGET_MS,
  HTML_LIMITS,
  HTML_MAX_WORKERS,
  HTML_QUEUE,
  HTML_QUEUE_BATCHES,
  HTML_QUEUE_BATCH_CHARS,
  HTML_QUEUE_CHARS,
  HTML_WORKER_IDLE_MS,
  htmlOverrun,
  type HtmlLimits,
  type HtmlOverrun,
} from '../importers/html-limits.js';

/*
 * The one way untrusted HTML becomes a body document (pasted into the API's bodyHtml, and every importer): a cheap
 * count of its tags and nesting in this thread first, then the conversion (importers/html-to-document.ts) in a small
 * pool of worker threads, each conversion under a time budget that terminates its worker. The server's own thread
 * never parses the HTML, so readers are answered whatever is being converted; the pool bounds how many conversions
 * run at once and how many wait. Limits: importers/html-limits.ts.
 */

export type HtmlConverterOptions = {
  /** Worker threads, at most (started on demand). */
  workers?: number;
  /** Texts of `convert` that may wait for a worker; beyond, HTML_BUSY. */
  queue?: number;
  /** Texts of `convertMany`'s batches taken at once, running and waiting; beyond, a batch waits for room. */
  batchQueue?: number;
  /** Characters of HTML held at once, running and waiting; beyond, HTML_BUSY. */
  queueChars?: number;
  /** Of `queueChars`, what `convertMany`'s batches may hold; beyond, a batch waits for room. */
  batchQueueChars?: number;
  /** Wall-clock time one conversion may take in its worker. */
  budgetMs?: number;
  /** An idle pool's workers are stopped after this long. */
  idleMs?: number;
  limits?: HtmlLimits;
  /** Starts a worker (tests: one that cannot start); the converter's own worker by default. */
  newWorker?: () => Worker;
};

export type HtmlConverter = {
  /** `budgetMs` overrides the pool's budget for this one conversion (tests). */
  convert(html: string, opts?: { budgetMs?: number }): Promise<Doc>;
  /**
   * Several texts in one trip to a worker (an importer's bodies): one promise per text, in order, each with the same
   * limits and its own time budget as `convert`, so one hostile text fails alone and the others are converted. Each
   * text counts in the queue's bounds; a batch they have no room for waits for room (it is never refused as busy: an
   * importer's post must not fail because the server is busy, and the importer reads ahead a bounded number of them).
   */
  convertMany(htmls: readonly string[], opts?: { budgetMs?: number }): Promise<Doc>[];
  /** Conversions in a worker now, and texts waiting for one (an importer's batches waiting for room included). */
  readonly running: number;
  readonly waiting: number;
  /** Stops the workers; what is waiting or running is refused. */
  close(): Promise<void>;
};

/** `waits`: a text of a batch (`convertMany`); `counted`: taken into the bounds (a held batch's texts are not yet). */
type Item = { html: string; waits: boolean; counted: boolean; resolve: (doc: Doc) => void; reject: (err: unknown) => void };
/** Texts sent to a worker in one message; `done` of them answered. Each has the budget from when its turn comes. */
type Job = { items: Item[]; done: number; budgetMs: number; waits: boolean };
type Slot = { worker: Worker; ready: boolean; job: Job | null; id: number; timer: NodeJS.Timeout | null; error: Error | null; retired: boolean };
/** A document comes as its JSON text (html-convert-worker.ts says why), with its body's search terms when they could be worked out. */
type Reply = { ready: true } | { id: number; json: string; clean?: boolean; terms?: string } | { id: number; error: string };

/** Texts one batch sends to a worker at most: `convertMany` splits longer lists. */
export const HTML_BATCH = 32;
/** Characters of HTML in one batch at most (a text longer than this goes alone): a batch always fits the queue's bound. */
export const HTML_BATCH_CHARS = 4_000_000;
/**
 * Characters of HTML a worker holds at most, the text it is on and those sent behind it (a text longer than this goes
 * alone). A pasted text arriving meanwhile is taken after them (it goes ahead of the rest of the queue), so this is
 * the most batch work a paste waits for: some 10 ms of ordinary posts. Counted in characters, not texts: four texts
 * of a megabyte each are seconds of work, sixty short posts are milliseconds.
 *
 * A busy worker is sent the next batch's texts within this bound without waiting for it to finish the ones it has
 * (`topUp`): its replies are read only when the owning thread's event loop turns, and an importer's thread turns it
 * only when it waits, so a worker given nothing until its replies were read sat idle while the importer wrote the
 * posts already converted, and the importer then waited on it at the start of every batch (4-16 ms every 32 posts).
 */
export const HTML_MESSAGE_CHARS = 64_000;

const RETRY_AFTER_SECONDS = 5;
// A runaway conversion is stopped for its memory as well as its time: without a limit, a worker running out of heap
// takes the whole process down. The heaviest markup within the limits needs about 300 MB.
const WORKER_HEAP_MB = 512;
// Its young generation, where a conversion's DOM is made and dropped: V8's default (a few times larger) held some 15 MB
// more of an import's RSS and ran no faster; at 12 MB the import was as fast or faster (bench k, in turns at 20,000
// posts: 1,920–2,075 posts/s against 1,775–1,979) with a peak RSS 10–20 MB lower. A large text's DOM outgrows it at
// once and lives in the old generation, bounded above.
const WORKER_YOUNG_MB = 12;

export function createHtmlConverter(opts: HtmlConverterOptions = {}): HtmlConverter {
  const size = Math.max(1, opts.workers ?? Math.min(HTML_MAX_WORKERS, os.availableParallelism() - 1));
  const maxWaiting = opts.queue ?? HTML_QUEUE;
  const maxBatched = opts.batchQueue ?? HTML_QUEUE_BATCHES;
  const maxChars = opts.queueChars ?? HTML_QUEUE_CHARS;
  const maxBatchChars = opts.batchQueueChars ?? HTML_QUEUE_BATCH_CHARS;
  const budgetMs = opts.budgetMs ?? HTML_BUDGET_MS;
  const idleMs = opts.idleMs ?? HTML_WORKER_IDLE_MS;
  const limits = opts.limits ?? HTML_LIMITS;
  const startOne = opts.newWorker ?? newConverterWorker;

  const slots: Slot[] = [];
  const queue: Job[] = [];
  const stopping = new Set<Promise<unknown>>();
  let idleTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let nextId = 0;
  const running = () => slots.filter((s) => s.job).length;
  /**
   * Texts taken and not yet answered, and their characters: what the queue's bounds count, text by text. Counting a
   * batch of `convertMany` as one conversion let 32 texts of up to MAX_BODY_HTML each in for every one counted: the
   * bound on conversions was no bound on memory.
   */
  let admitted = 0;
  let admittedChars = 0;
  /** Of `admitted`, the texts of `convert` (a reader's paste, the wire): they have a bound of their own. */
  let prompt = 0;
  /** Of `admittedChars`, the characters of the batches' texts: they have a bound of their own, below the total. */
  let batchChars = 0;
  /** Batches of `convertMany` waiting for room in the bounds, in order; not yet in `queue`. */
  const held: Job[] = [];
  const charsOf = (items: readonly Item[]) => items.reduce((n, i) => n + i.html.length, 0);
  /**
   * Whether `texts` texts of `chars` characters fit in the bounds now. Anything fits an idle pool, so nothing waits for
   * ever. A text of `convert` is counted against the others of `convert` only, and goes ahead of the batches queued
   * (admit): it waits for what the workers are on and at most `queue` others, not for an importer's read-ahead. The
   * batches have their larger bound, counting every text taken, and a bound of characters below the total, so that an
   * import's read-ahead leaves the pastes' share free (a batch alone always fits: the bound is no smaller than one).
   */
  const room = (texts: number, chars: number, waits: boolean) =>
    admitted === 0 ||
    ((waits ? admitted + texts <= size + maxBatched && (batchChars === 0 || batchChars + chars <= maxBatchChars) : prompt + texts <= size + maxWaiting) &&
      admittedChars + chars <= maxChars);
  const admit = (job: Job) => {
    for (const item of job.items) item.counted = true;
    admitted += job.items.length;
    admittedChars += charsOf(job.items);
    if (job.waits) {
      batchChars += charsOf(job.items);
      queue.push(job);
      return;
    }
    prompt += job.items.length;
    const firstBatch = queue.findIndex((j) => j.waits);
    queue.splice(firstBatch < 0 ? queue.length : firstBatch, 0, job);
  };

  // A worker keeps the process alive only while it has work: an idle pool must not hold up the exit of a command or
  // a test, and a command awaiting a conversion must not exit under it.
  const holdProcess = (slot: Slot) => (slot.job || !slot.ready ? slot.worker.ref() : slot.worker.unref());

  const retire = (slot: Slot) => {
    slot.retired = true;
    slots.splice(slots.indexOf(slot), 1);
    const stopped = slot.worker.terminate().catch(() => undefined);
    stopping.add(stopped);
    void stopped.then(() => stopping.delete(stopped));
  };

  /**
   * Takes the slot's job off it: the text being converted (the first not answered) and the job of the texts after
   * it, which go back to the front of the queue when the worker is lost (they were never its fault).
   */
  const finish = (slot: Slot): { current: Item | undefined; rest: Job | null } => {
    const job = slot.job!;
    clearTimeout(slot.timer!);
    slot.job = null;
    slot.timer = null;
    const current = job.items[job.done];
    const left = job.items.slice(job.done + 1);
    return { current, rest: left.length ? { items: left, done: 0, budgetMs: job.budgetMs, waits: job.waits } : null };
  };

  const requeue = (rest: Job | null) => {
    if (rest) queue.unshift(rest);
  };

  const overBudget = (slot: Slot) => {
    const budget = slot.job!.budgetMs;
    const { current, rest } = finish(slot);
    retire(slot);
    current?.reject(
      new AppError('HTML_TIMEOUT', `Converting the HTML took longer than ${seconds(budget)}, the most one conversion may take, and was stopped.`, {
        hint: 'Send less HTML at once, or simpler HTML: layout tables and wrapper elements cost the most to convert, and text pasted as plain text costs least.',
        details: { budgetMs: budget },
      }),
    );
    requeue(rest);
    pump();
  };

  const arm = (slot: Slot) => {
    clearTimeout(slot.timer!);
    slot.timer = setTimeout(() => overBudget(slot), slot.job!.budgetMs).unref();
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.id = nextId++;
    arm(slot);
    holdProcess(slot);
    send(slot, job.items);
  };

  // The worker answers its messages' texts in the order sent (html-convert-worker.ts), so a slot's answers are its
  // job's items in order, whichever message brought them.
  const send = (slot: Slot, items: readonly Item[]) => slot.worker.postMessage({ id: slot.id, htmls: items.map((i) => i.html) });

  // A worker that cannot start would be started again for every waiting conversion, forever: they are refused.
  const cannotStart = (why: Error) => {
    for (const job of [...queue.splice(0), ...held.splice(0)]) for (const item of job.items) item.reject(why);
  };

  const spawn = () => {
    let worker: Worker;
    try {
      worker = startOne();
    } catch (err) {
      cannotStart(err as Error);
      return;
    }
    const slot: Slot = { worker, ready: false, job: null, id: -1, timer: null, error: null, retired: false };
    slots.push(slot);
    slot.worker.on('message', (m: Reply) => {
      if ('ready' in m) {
        slot.ready = true;
        holdProcess(slot);
        pump();
        return;
      }
      const job = slot.job;
      if (!job || m.id !== slot.id) return;
      const item = job.items[job.done++]!;
      if ('json' in m) {
        // Parsed here, guarded: a reply that is not JSON would otherwise throw out of this listener, in the thread that
        // owns the pool (the server's or the import's), and leave the text unsettled. Sealed: it can no longer change,
        // so its text, its check and its search terms from the worker stay true of it (content/sealed-documents.ts).
        let doc: Doc | undefined;
        try {
          doc = sealDocument(m.json, m.clean === true);
        } catch {
          doc = undefined;
        }
        if (doc) {
          if (typeof m.terms === 'string') rememberAnalysis(doc, m.terms);
          item.resolve(doc);
        } else item.reject(new Error('converting HTML failed: an unreadable reply from its worker'));
      } else item.reject(new Error(`converting HTML failed in its worker: ${m.error}`));
      // The next text of the batch has its own budget, from now; the room this one leaves goes to the batches queued.
      if (job.done < job.items.length) {
        arm(slot);
        if (job.waits && queue.length) topUp();
        return;
      }
      finish(slot);
      holdProcess(slot);
      pump();
    });
    slot.worker.on('error', (err) => {
      slot.error = err;
    });
    slot.worker.on('exit', (code) => {
      if (slot.retired) return;
      slots.splice(slots.indexOf(slot), 1);
      const why = slot.error ?? new Error(`the HTML worker stopped (exit code ${code})`);
      if (slot.job) {
        const { current, rest } = finish(slot);
        current?.reject(outOfMemory(why) ? tooMuchMemory(why) : why);
        requeue(rest);
      } else if (!slot.ready && !slots.some((s) => s.ready)) {
        cannotStart(new Error(`the HTML worker could not start: ${why.message}`, { cause: why }));
      }
      pump();
    });
    holdProcess(slot);
  };

  /**
   * Moves from the front of the queue into `job` the texts that no other worker could take now (one idle, starting or
   * yet to be started) and that fit in the worker's HTML_MESSAGE_CHARS: one message to the worker instead of one each.
   * A reader's text gets the other workers first; what would wait for this one anyway (an importer converting ahead)
   * goes with it. Only jobs of the same kind and budget are joined (a batch's texts are never sent behind a paste's,
   * nor a paste's behind a batch's). The texts taken, in order; the rest of a job split stays at the front.
   */
  const gather = (slot: Slot, job: Job): Item[] => {
    const taken: Item[] = [];
    let held = charsOf(job.items.slice(job.done));
    const spare = size - slots.length + slots.filter((s) => s !== slot && !s.job).length;
    while (queue.length > spare && queue[0]!.budgetMs === job.budgetMs && queue[0]!.waits === job.waits) {
      const more = takeFront(HTML_MESSAGE_CHARS - held, 0);
      if (!more.length) break;
      held += charsOf(more);
      taken.push(...more);
    }
    job.items.push(...taken);
    return taken;
  };

  /**
   * The first texts of the front job that fit in `room` characters (at least `least` of them, whatever their size),
   * taken off it; the job leaves the queue once it has none left.
   */
  const takeFront = (room: number, least: number): Item[] => {
    const front = queue[0]!;
    let n = 0;
    for (let chars = 0; n < front.items.length && (n < least || chars + front.items[n]!.html.length <= room); n++) chars += front.items[n]!.html.length;
    const taken = front.items.splice(0, n);
    if (!front.items.length) queue.shift();
    return taken;
  };

  /** The next job for a free `slot`: the front of the queue, split to HTML_MESSAGE_CHARS (at least one text), and gathered. */
  const next = (slot: Slot): Job => {
    const { budgetMs, waits } = queue[0]!;
    const job: Job = { items: takeFront(HTML_MESSAGE_CHARS, 1), done: 0, budgetMs, waits };
    gather(slot, job);
    return job;
  };

  /** A busy worker on a batch is sent the batches' next texts that fit beside those it holds (HTML_MESSAGE_CHARS says why). */
  const topUp = () => {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.job?.waits || slot.retired) continue;
      const taken = gather(slot, slot.job);
      if (taken.length) send(slot, taken);
    }
  };

  const pump = () => {
    while (queue.length && !closed) {
      const free = slots.find((s) => s.ready && !s.job);
      if (free) {
        start(free, next(free));
        continue;
      }
      const starting = slots.filter((s) => !s.ready).length;
      if (slots.length < size && starting < queue.length) {
        spawn();
        continue;
      }
      break;
    }
    if (!closed) topUp();
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!queue.length && !running() && slots.length) {
      idleTimer = setTimeout(() => {
        for (const slot of [...slots]) if (!slot.job) retire(slot);
      }, idleMs).unref();
    }
  };

  const busy = () =>
    new AppError('HTML_BUSY', 'The server is converting as much HTML as it takes at once.', {
      hint: `Send it again in ${RETRY_AFTER_SECONDS} seconds or so.`,
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    });

  /**
   * A text answered: its room in the bounds goes to the batches held for it, in order. Only what was counted in is
   * counted out: a held batch refused (a worker that cannot start, the pool closed) was never in the bounds.
   */
  const answered = (item: Item) => {
    if (!item.counted) return;
    item.counted = false;
    admitted--;
    admittedChars -= item.html.length;
    if (!item.waits) prompt--;
    else batchChars -= item.html.length;
    let more = false;
    while (held.length && room(held[0]!.items.length, charsOf(held[0]!.items), true)) {
      admit(held.shift()!);
      more = true;
    }
    if (more) pump();
  };

  /**
   * Queues the texts within the limits as one job; each text's promise, or its refusal. The bounds are checked before
   * anything is queued: with no room, the texts are refused as busy, or (`wait`, a batch) held, in order, until there is.
   */
  const enqueue = (htmls: readonly string[], budget: number, wait = false): Promise<Doc>[] => {
    // What is over the limits is refused as such whatever the pool's state, before any worker.
    const overs = htmls.map((html) => htmlOverrun(html, limits));
    const refuse = (why: () => Error) => htmls.map((_, i) => Promise.reject(overs[i] ? tooComplex(overs[i]) : why()));
    if (closed) return refuse(() => new Error('the HTML converter is closed'));
    const taken = htmls.filter((_, i) => !overs[i]);
    const fits = room(
      taken.length,
      taken.reduce((n, h) => n + h.length, 0),
      wait,
    );
    if (taken.length && !wait && !fits) return refuse(busy);
    const items: Item[] = [];
    const docs = htmls.map((html, i) => {
      const over = overs[i];
      if (over) return Promise.reject(tooComplex(over));
      return new Promise<Doc>((resolve, reject) => {
        let done = false;
        const once =
          <T>(f: (x: T) => void) =>
          (x: T) => {
            if (done) return;
            done = true;
            answered(item);
            f(x);
          };
        const item: Item = { html, waits: wait, counted: false, resolve: once(resolve), reject: once(reject) };
        items.push(item);
      });
    });
    if (!items.length) return docs;
    const job = { items, done: 0, budgetMs: budget, waits: wait };
    // A batch queues behind those held before it; a reader's text that fits goes ahead of them.
    if (wait && (held.length || !fits)) held.push(job);
    else {
      admit(job);
      pump();
    }
    return docs;
  };

  return {
    async convert(html: string, one: { budgetMs?: number } = {}): Promise<Doc> {
      return enqueue([html], one.budgetMs ?? budgetMs)[0]!;
    },
    convertMany(htmls: readonly string[], one: { budgetMs?: number } = {}): Promise<Doc>[] {
      const docs: Promise<Doc>[] = [];
      let batch: string[] = [];
      let chars = 0;
      const send = () => {
        if (batch.length) docs.push(...enqueue(batch, one.budgetMs ?? budgetMs, true));
        batch = [];
        chars = 0;
      };
      for (const html of htmls) {
        if (batch.length >= HTML_BATCH || (batch.length && chars + html.length > HTML_BATCH_CHARS)) send();
        batch.push(html);
        chars += html.length;
      }
      send();
      return docs;
    },
    get running() {
      return running();
    },
    // Texts, as the bounds count them, not jobs: a batch of 16 waiting is 16.
    get waiting() {
      return [...queue, ...held].reduce((n, job) => n + job.items.length, 0);
    },
    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      const refused = new Error('the HTML converter is closed');
      for (const job of [...queue.splice(0), ...held.splice(0)]) for (const item of job.items) item.reject(refused);
      for (const slot of [...slots]) {
        if (slot.job) {
          const { current, rest } = finish(slot);
          for (const item of [...(current ? [current] : []), ...(rest?.items ?? [])]) item.reject(refused);
        }
        retire(slot);
      }
      await Promise.all(stopping);
    },
  };
}

/** The converter's own worker thread. */
export function newConverterWorker(): Worker {
  return startWorker(
    { bundled: 'html-convert-worker.mjs', source: new URL('./html-convert-worker.ts', import.meta.url), what: 'HTML converter' },
    { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } },
  );
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

const outOfMemory = (err: Error) => (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';

const tooMuchMemory = (cause: Error) =>
  new AppError('HTML_TOO_COMPLEX', 'Converting the HTML needed more memory than one conversion may have, and was stopped.', {
    hint: 'Send less HTML at once, or simpler HTML.',
    details: { measure: 'memory', limit: WORKER_HEAP_MB * 1024 * 1024 },
    cause,
  });

function tooComplex(over: HtmlOverrun): AppError {
  const n = (x: number) => x.toLocaleString('en-US');
  const { message, hint } =
    over.measure === 'characters'
      ? {
          message: `The HTML is ${n(over.found)} characters long; at most ${n(over.limit)} are converted.`,
          hint: 'Send one article at a time; a long article is well under a million characters of HTML.',
        }
      : over.measure === 'tags'
        ? {
            message: `The HTML has more than ${n(over.limit)} tags; at most ${n(over.limit)} are converted.`,
            hint: `A long article is 2,000 to 5,000 tags, pasted from Word or Google Docs as well. Send one article at a time, or remove the markup it does not need (the limit is ${n(over.limit)} tags).`,
          }
        : {
            message: `The HTML nests elements more than ${n(over.limit)} deep; at most ${n(over.limit)} levels are converted.`,
            hint: `Close the elements the HTML opens: an unclosed <b>, <span> or <div> puts everything after it inside (the limit is ${n(over.limit)} levels).`,
          };
  return new AppError('HTML_TOO_COMPLEX', message, { hint, details: { measure: over.measure, limit: over.limit } });
}

let shared: HtmlConverter | null = null;

/**
 * Untrusted HTML -> a body document in our schema: the one entry point for every caller (the API's bodyHtml and
 * every importer). Refuses with HTML_TOO_COMPLEX (422) what is over the limits, HTML_TIMEOUT (422) what takes longer
 * than the budget, HTML_BUSY (503, Retry-After) when the pool and its queue are full. Validate the result before
 * saving, as a JSON body.
 */
export function convertHtml(html: string): Promise<Doc> {
  shared ??= createHtmlConverter();
  return shared.convert(html);
}

/** Several texts through the shared converter in one trip to its worker (`HtmlConverter.convertMany`): an importer's bodies. */
export function convertHtmlMany(htmls: readonly string[]): Promise<Doc>[] {
  shared ??= createHtmlConverter();
  return shared.convertMany(htmls);
}

/**
 * One text of an importer (a post's body outside its batch, an excerpt, an attachment's caption): converted as a batch
 * of one, so that it waits for room as the batches do. Refused as busy, it stopped the whole import.
 */
export function convertHtmlWaiting(html: string): Promise<Doc> {
  return convertHtmlMany([html])[0]!;
}

/** The shared converter's load, for tests and diagnostics. */
export const htmlConversions = () => ({ running: shared?.running ?? 0, waiting: shared?.waiting ?? 0 });

/** Stops the shared converter's workers (a server's shutdown); the next conversion starts a new pool. */
export async function closeHtmlConverter(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
