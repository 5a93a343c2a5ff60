import { CompiledQuery, sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Doc } from '../content/document.js';
import { documentText } from '../content/document-text.js';
import { hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Principal } from '../content/principal.js';
import { existingIds } from '../db/admin-articles-repo.js';
import type { Database } from '../db/schema.js';
import { mergedInto } from '../db/audit-repo.js';
import { runCompiled } from '../db/prepared.js';
import { dropImportKey, findImportKey, putImportKey, takeWriteLock, type ImportKey } from '../db/import-keys-repo.js';
import { putPathRedirect } from '../db/sections-repo.js';
import { addRedirects, findRedirect } from '../db/taxonomy-repo.js';
import { getArticleRow } from '../db/articles-repo.js';
import { getRevision } from '../db/revisions-repo.js';
import { indexArticles } from '../search/search-index.js';
import { createArticle, transact, updateArticle } from './article-store.js';
import { AppError } from '../errors.js';
import { isRecordRefused } from '../db/unique-violation.js';
import { MAX_BODY_HTML } from '../importers/html-limits.js';
import { nowIso, type Deps } from './deps.js';
import { uploadMedia, type MediaOptions } from './media.js';
import { decodeSlug } from '../importers/decode-slug.js';

/*
 * What every importer (`masthead import wordpress`, `masthead import ghost`) shares, one home per rule: the run's
 * counts and notes, the import-keys bookkeeping that makes a re-run idempotent and a killed run resumable, old
 * addresses kept as insert-only redirects, and a media file read from a copied folder, contained in it.
 */

export type ImportOutcome = 'imported' | 'updated' | 'unchanged' | 'skipped' | 'failed';
export const IMPORT_OUTCOMES: readonly ImportOutcome[] = ['imported', 'updated', 'unchanged', 'skipped', 'failed'];
export type ImportEntry<K extends string = string> = {
  kind: K | 'item';
  id: string;
  line?: number;
  outcome: ImportOutcome;
  reason?: string;
  localId?: number;
};
/** The media library options and the uploader an importer's `--media-dir` files are recorded under. */
export type ImportMedia = { dir: string; options: MediaOptions; who: Principal };

// One call (crypto.hash) rather than a Hash object per record: the same digest, without the object an import made per
// record. Changing the digest itself would make a re-run over an older import update every record once.
export const importChecksum = (x: unknown) => hash('sha256', JSON.stringify(x), 'base64url');

/** A percent-encoded path as browsers send it (upper-case hex) and as the old system wrote it (lower-case). */
export const pathVariants = (p: string) => [
  ...new Set([p, p.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()), p.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]),
];

/**
 * `/{base}/{slug}/` as the old site served it (`/category/x/`, `/tag/x/`, `/author/x/`), or null for a slug that is
 * not one path segment (a `/`, `?`, `#`, `\\`, `.` or `..` in it would let a file plant a redirect anywhere).
 */
export function termPath(base: string, slug: string): string | null {
  const seg = decodeSlug(slug.trim());
  if (!seg || seg === '.' || seg === '..' || /[/?#\\]/.test(seg)) return null;
  return `${base ? `/${base}` : ''}/${encodeURIComponent(seg).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}/`;
}

/**
 * Records written per transaction. A commit per record was about a tenth of the importing thread's time (profiled on
 * the bench's WXR); a batch commits as one (a run killed half-way loses at most the batch it was writing, which the next run writes again: each
 * record's import key is in the same transaction as the record), and a record that fails inside it is rolled back to
 * its own savepoint, alone.
 *
 * In practice the time limit below ends a batch, not this count (which bounds what a batch holds for its search
 * indexing on a machine fast enough to reach it). Every commit writes again each page its batch changed: a post's
 * article and revision pages once, but the last page of each tag's, section's and author's listing index in every
 * batch whose posts touch it. With 250 records a batch, those pages were a third of the WAL an import wrote (89,600
 * frames for 20,000 bench posts, 84 commits); batches of 200 ms wrote 70,500 (43 commits).
 */
export const IMPORT_BATCH = 1000;
/** The longest a batch stays open (after a record): other writers (the live site's saves) wait at most about this. */
export const BATCH_MAX_MS = 200;

type Db = Kysely<Database>;

/**
 * A record's savepoint, as compiled statements made once (a record is two of them, and Kysely would build and compile
 * each anew). One name for every record's savepoint (the innermost of a name is the one released or rolled back to):
 * a name per record made each statement new text, which the SQLite connection's statement cache cannot keep.
 */
const SAVEPOINT = {
  open: CompiledQuery.raw('savepoint import_record'),
  release: CompiledQuery.raw('release savepoint import_record'),
  rollback: CompiledQuery.raw('rollback to savepoint import_record'),
};

/** What a merged-away record's audit row calls its type, per importer kind (kinds not listed are never merged). */
export type MergeType = 'contributor' | 'section' | 'tag';

export type ImportRun<K extends string> = ReturnType<typeof importRun<K>>;

/**
 * The articles a batch wrote, to index before it commits: each one's body as saved, and those it created. What a
 * record handed in is taken back when the record is rolled back to its savepoint (`undo`, the open record's entries):
 * the body of an update rolled back is not the article's, and an article created and rolled back has no row (SQLite
 * may give its id to the batch's next new article, which hands in its own).
 */
type ToIndex = { bodies: Map<number, Doc>; created: Set<number>; undo: (() => void)[] | null };

/**
 * One run of an importer: counts per kind and outcome, the notes a person should read, and the bookkeeping helpers.
 * `source()` is read at each call: an importer learns its source from the file's first record.
 */
export function importRun<K extends string>(
  deps: Deps,
  kinds: readonly K[],
  source: () => string,
  onProgress?: (done: number, entry: ImportEntry<K>) => void,
  batchSize = IMPORT_BATCH,
  /** The longest a batch stays open; tests pass Infinity so that a batch ends on its count alone, where they say. */
  batchMaxMs = BATCH_MAX_MS,
) {
  /** The batch's transaction while one is open (begin … commit), and the deps whose database it is. */
  let batch: {
    trx: ControlledTransaction<Database>;
    deps: Deps;
    written: number;
    records: number;
    openedAt: number;
    held: string[];
    toIndex: ToIndex;
  } | null = null;
  /**
   * The deps of writes inside `trx`: the stores they call (createArticle…) write in it rather than in a transaction
   * of their own, and the pages they change are invalidated once it commits, into `held` meanwhile. In a batch, the
   * articles written are indexed for search together before it commits (`toIndex`): a few statements per batch
   * instead of five per article. A record rolled back to its savepoint takes back what it handed in there (`ToIndex`).
   */
  const inTransaction = (trx: Db, held: string[], toIndex?: ToIndex): Deps => ({
    ...deps,
    db: { ...deps.db, kysely: trx },
    changes: { ...deps.changes, publish: async (keys: string[]) => void held.push(...keys) },
    ...(toIndex
      ? {
          indexLater: (id: number, body: Doc, created: boolean) => {
            const { bodies, created: made } = toIndex;
            const had = bodies.get(id);
            const wasMade = made.has(id);
            toIndex.undo?.push(() => {
              if (had) bodies.set(id, had);
              else bodies.delete(id);
              if (!wasMade) made.delete(id);
            });
            bodies.set(id, body);
            if (created) made.add(id);
          },
        }
      : {}),
  });
  const endBatchTempStore = async () => {
    if (deps.db.dialect === 'sqlite') await setTempStore(deps.db, 'default');
  };
  /** Where the run's queries go: into the open batch, else straight to the database. */
  const db = (): Db => batch?.trx ?? deps.db.kysely;
  const counts = Object.fromEntries(kinds.map((kind) => [kind, Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, 0]))])) as Record<
    K,
    Record<ImportOutcome, number>
  >;
  const notes: ImportEntry<K>[] = [];
  let done = 0;
  const run = {
    counts,
    notes,
    redirects: 0,
    db,
    /**
     * Opens a batch: from here every query of the run goes into one transaction until `commit`. The caller keeps no
     * other query of its own in flight across `begin` and `commit` (on SQLite the batch holds the one connection).
     */
    async begin() {
      if (batch) return;
      if (deps.db.dialect === 'sqlite') await setTempStore(deps.db, 'memory');
      const trx = await deps.db.kysely.startTransaction().execute();
      if (deps.db.dialect === 'sqlite') await takeWriteLock(trx);
      const held: string[] = [];
      const toIndex: ToIndex = { bodies: new Map(), created: new Set(), undo: null };
      batch = { trx, deps: inTransaction(trx, held, toIndex), written: 0, records: 0, openedAt: performance.now(), held, toIndex };
    },
    /** Commits the open batch (if any) and announces what it changed. */
    async commit() {
      const b = batch;
      if (!b) return;
      batch = null;
      try {
        await indexArticles(b.trx, [...b.toIndex.bodies.keys()], b.toIndex.bodies, b.toIndex.created);
      } catch (err) {
        await b.trx.rollback().execute();
        await endBatchTempStore();
        throw err;
      }
      await b.trx.commit().execute();
      await endBatchTempStore();
      await deps.changes.publish([...new Set(b.held)]);
    },
    /** Drops the open batch (a run stopped by a fault): the records written in it are written again by the next run. */
    async rollback() {
      const b = batch;
      batch = null;
      if (!b) return;
      await b.trx.rollback().execute();
      await endBatchTempStore();
    },
    /**
     * After a record: commits a full batch and opens the next. `settle` first lets the caller's reads in flight (an
     * importer that reads records ahead) finish inside the batch they started in.
     */
    async checkpoint(settle?: () => Promise<void>) {
      if (!batch) return;
      // Every record counts, and so does time: a re-run of unchanged posts writes nothing, and a batch that only grew
      // by writes would hold SQLite's one write lock (the live site's saves wait for it) to the end of the run.
      batch.records++;
      if (batch.records >= batchSize || performance.now() - batch.openedAt >= batchMaxMs) {
        await settle?.();
        await run.commit();
        await run.begin();
      }
    },
    /**
     * Work with transactions of its own (a media upload): outside the batch, which is committed first and reopened
     * after; `settle` as for `checkpoint`, before the batch is reopened too.
     */
    async outside<T>(fn: () => Promise<T>, settle?: () => Promise<void>): Promise<T> {
      if (!batch) return fn();
      await settle?.();
      await run.commit();
      try {
        return await fn();
      } finally {
        await settle?.();
        await run.begin();
      }
    },
    /**
     * One record's writes, all or nothing: in the open batch under a savepoint (a failure rolls back this record
     * only; on PostgreSQL it also clears the aborted state), else in a transaction of its own.
     */
    async atomic<T>(fn: (trx: Db, deps: Deps) => Promise<T>): Promise<T> {
      const b = batch;
      if (!b) {
        const held: string[] = [];
        const made = await transact(deps.db.kysely, (trx) => fn(trx, inTransaction(trx, held)));
        await deps.changes.publish([...new Set(held)]);
        return made;
      }
      await runCompiled(b.trx, SAVEPOINT.open);
      // A record inside another's savepoint hands its undo to the outer one when it is kept: the outer's rollback
      // takes back both.
      const outer = b.toIndex.undo;
      const undo: (() => void)[] = [];
      b.toIndex.undo = undo;
      try {
        const made = await fn(b.trx, b.deps);
        await runCompiled(b.trx, SAVEPOINT.release);
        b.written++;
        outer?.push(...undo);
        return made;
      } catch (err) {
        await runCompiled(b.trx, SAVEPOINT.rollback);
        await runCompiled(b.trx, SAVEPOINT.release);
        for (const step of undo.reverse()) step();
        throw err;
      } finally {
        b.toIndex.undo = outer;
      }
    },
    /**
     * A record other than an article (an author, a category, a tag) written under its own savepoint, so that a value
     * the database refuses fails this record alone, reported as IMPORT_RECORD_REFUSED, and the run goes on (on
     * PostgreSQL the savepoint also keeps the batch's transaction usable). `forget` drops what the caller cached of it
     * (its local id), which the rollback undid. Not for work that calls `outside` (it would commit mid-savepoint).
     */
    async alone(at: { kind: K; id: string; line?: number }, fn: () => Promise<unknown>, forget?: () => void): Promise<void> {
      try {
        await (batch ? run.atomic(fn) : fn());
      } catch (err) {
        const failure = refusedRecord(err);
        if (!failure) throw err;
        forget?.();
        run.note({ ...at, outcome: 'failed', reason: refusalReason(failure) });
      }
    },
    /**
     * Commits the open batch if the database still can: on PostgreSQL a statement that failed aborts the transaction,
     * and COMMIT then rolls it back without a word. Such a batch is rolled back here, openly; false says so (its
     * records are written again by the next run: each one's import key went with it).
     */
    async commitIfSound(): Promise<boolean> {
      if (!batch) return true;
      const sound = await sql`select 1`.execute(batch.trx).then(
        () => true,
        () => false,
      );
      if (sound) await run.commit();
      else await run.rollback();
      return sound;
    },
    note(e: ImportEntry<K>) {
      if (e.kind !== 'item') counts[e.kind as K][e.outcome]++;
      if (e.outcome === 'failed' || e.outcome === 'skipped' || e.reason) notes.push(e);
      onProgress?.(++done, e);
    },
    /**
     * Keeps an old address as a redirect, never in place of one the site has: an export is the other system's word,
     * and a redirect an editor made (or an earlier import's) stays. Insert-only, so no chain is re-pointed.
     */
    async redirect(from: string | null, to: string) {
      if (!from || from === to) return;
      let added = false;
      for (const p of pathVariants(from)) {
        if (await findRedirect(db(), p)) continue;
        await putPathRedirect(db(), p, to, nowIso(deps));
        added = true;
      }
      if (added) run.redirects++;
    },
    /** A slug no other record of `taken` has: `slug`, else `slug-2`, `slug-3`… */
    async freeSlug(slug: string, taken: (s: string) => Promise<boolean>) {
      for (let n = 1; ; n++) {
        const s = n === 1 ? slug : `${slug.slice(0, 75)}-${n}`;
        if (!(await taken(s))) return s;
      }
    },
    /**
     * The local record a key points at, if it still exists. One merged away in the admin since (its audit row names
     * where it went) is followed to the record it was merged into, and the key with it: a re-run must not make it
     * again beside the one it became. A key whose record was deleted is forgotten, so the record is made again.
     */
    async known(kind: K, id: string, exists: (localId: number) => Promise<boolean>, mergeType?: MergeType): Promise<ImportKey | undefined> {
      const key = await findImportKey(db(), source(), kind, id);
      if (!key || (await exists(key.localId))) return key;
      for (let hop = 0, at = key.localId; mergeType && hop < 16; hop++) {
        const into = (await mergedInto(db(), mergeType, [at])).get(at);
        if (into === undefined) break;
        if (await exists(into)) {
          await putImportKey(
            db(),
            { source: source(), kind, sourceId: id, localId: into, localRevision: key.localRevision, checksum: key.checksum },
            nowIso(deps),
          );
          return { ...key, localId: into };
        }
        at = into;
      }
      await dropImportKey(db(), source(), kind, id);
      return undefined;
    },
    /**
     * An article of the export saved with its key in the same transaction: made (with its old address as a redirect
     * to it, insert-only), updated when the file changed it, or left alone, and said so, when an editor changed it in
     * Masthead since the import. A page's slug is exact, so a taken or reserved one gets the next free variant.
     * Returns the article's id, or undefined when it was skipped or failed (noted).
     */
    async saveArticle(p: {
      at: { kind: K; id: string; line?: number };
      key: ImportKey | undefined;
      input: { slug: string } & Record<string, unknown>;
      isPage: boolean;
      sum: string;
      /** The record's old addresses (every spelling), kept as redirects to it, insert-only. */
      olds: string[];
      warnings: string[];
      /** A new article joins this story (a translation of one already imported); `then` runs in its transaction. */
      join?: { storyId: number; then: (trx: Db, articleId: number) => Promise<void> };
    }): Promise<number | undefined> {
      const { at, key, input, isPage, sum, olds, warnings, join } = p;
      const keepOld = (trx: Db, articleId: number) => addRedirects(trx, olds, articleId, nowIso(deps));
      const { kind, id } = at;
      const reason = () => (warnings.length ? { reason: warnings.join('; ') } : {});
      try {
        if (key) {
          const row = await getArticleRow(db(), key.localId);
          if (row && key.localRevision !== null && row.revision !== key.localRevision) {
            run.note({
              ...at,
              outcome: 'skipped',
              localId: key.localId,
              reason: `changed in Masthead since the import (revision ${row.revision}): not overwritten`,
            });
            return undefined;
          }
          // A page keeps the slug it was given here (a reserved or taken one got a variant): a page's slug is exact.
          await run.atomic((_, d) =>
            updateArticle(d, key.localId, isPage ? { ...input, slug: row!.slug } : input, row!.revision, null, async (trx, rev) => {
              await putImportKey(trx, { source: source(), kind, sourceId: id, localId: key.localId, localRevision: rev, checksum: sum }, nowIso(deps));
              await keepOld(trx, key.localId);
            }),
          );
          run.note({ ...at, outcome: 'updated', localId: key.localId, ...reason() });
          return key.localId;
        }
        const make = (slug: string) =>
          run.atomic((_, d) =>
            createArticle(d, { ...input, slug, ...(join ? { storyId: join.storyId } : {}) }, null, async (trx, articleId) => {
              await putImportKey(trx, { source: source(), kind, sourceId: id, localId: articleId, localRevision: 1, checksum: sum }, nowIso(deps));
              await keepOld(trx, articleId);
              await join?.then(trx, articleId);
            }),
          );
        let made: number | undefined;
        for (const slug of isPage ? [input.slug, `${input.slug}-page`, `${input.slug}-2`, `${input.slug}-3`] : [input.slug]) {
          try {
            made = await make(slug.slice(0, 80));
            if (slug !== input.slug) warnings.push(`the slug "${input.slug}" is taken or one of the site's own addresses: imported as "${slug}"`);
            break;
          } catch (err) {
            if (!(isPage && err instanceof AppError && (err.code === 'SLUG_TAKEN' || err.code === 'SLUG_RESERVED'))) throw err;
          }
        }
        if (made === undefined)
          throw new AppError('SLUG_TAKEN', `No free slug for the page "${input.slug}".`, {
            hint: 'Rename the pages that have these slugs, then run the import again.',
          });
        if (olds.length) run.redirects++;
        run.note({ ...at, outcome: 'imported', localId: made, ...reason() });
        return made;
      } catch (err) {
        const failure = err instanceof AppError ? err : refusedRecord(err);
        if (!failure) throw err;
        run.note({ ...at, outcome: 'failed', reason: failure === err ? `${failure.code}: ${failure.message}` : refusalReason(failure) });
        return undefined;
      }
    },
    /** A hero found after its article was saved: set as a new revision, recorded as the import's own (its key moves on). */
    async setHeroLater(articleId: number, kind: K, sourceId: string, hero: { id: number; alt: string }) {
      const row = await getArticleRow(db(), articleId);
      if (!row) return;
      // The revision the import wrote holds the whole input it saved: the same, with the hero.
      const rev = await getRevision(db(), row.id, row.revision);
      if (!rev) return;
      const input = JSON.parse(rev.snapshot) as Record<string, unknown>;
      await run.atomic((_, d) =>
        updateArticle(d, row.id, { ...input, hero: { mediaId: hero.id, alt: hero.alt || null } }, row.revision, null, async (trx, r) => {
          const key = await findImportKey(trx, source(), kind, sourceId);
          if (key) await putImportKey(trx, { source: source(), kind, sourceId, localId: row.id, localRevision: r, checksum: key.checksum }, nowIso(deps));
        }),
      );
    },
    existsIn: (table: 'contributors' | 'sections') => async (local: number) => (await existingIds(db(), table, [local])).has(local),
  };
  return run;
}

/** How a report names a record the database refused (refusedRecord's failure): its code, its words and its hint. */
export const refusalReason = (failure: AppError): string => `${failure.code}: ${failure.message} Hint: ${failure.hint}`;

/**
 * A database's refusal of one record's values (db/unique-violation.ts) as the failure the report names: its write was
 * rolled back to the record's savepoint alone, so the batch's other records stay and the run goes on. Null for any
 * other error, which stops the run.
 */
export function refusedRecord(err: unknown): AppError | null {
  if (!isRecordRefused(err)) return null;
  const { code, message } = err as { code: string; message: string };
  return new AppError('IMPORT_RECORD_REFUSED', `the database refused this record (${code}: ${message}); nothing of it was stored.`, {
    hint: 'Correct the record in the old system or in the file and run the same command again: the others are imported, and are not imported twice.',
    cause: err,
  });
}

/**
 * Stops a run at a fault of its file (IMPORT_FILE_INVALID), keeping what was read before it: the open batch commits,
 * and its search indexing with it. If that commit fails, the batch is rolled back and the fault's hint ("what was
 * read is imported and stays") would be untrue: the run stops with IMPORT_BATCH_NOT_KEPT instead, naming both.
 */
export async function stopAtFileFault(run: { commitIfSound(): Promise<boolean>; rollback(): Promise<void> }, fault: AppError): Promise<never> {
  try {
    // A batch PostgreSQL aborted would be rolled back by COMMIT without a word: commitIfSound rolls it back and says so.
    if (!(await run.commitIfSound())) throw new Error('the database had aborted the batch');
  } catch (cause) {
    await run.rollback().catch(() => undefined);
    throw new AppError(
      'IMPORT_BATCH_NOT_KEPT',
      `${fault.message}; and the records read since the last commit could not be stored: ${(cause as Error).message}`,
      {
        hint: 'The last batch (up to 250 records read before the fault) was not kept; the batches before it were. Fix the file and the database error named here, and run the same command: nothing is imported twice.',
        details: { ...fault.details, fault: fault.code },
        cause,
      },
    );
  }
  throw fault;
}

export type MediaFileResult =
  | { ok: true; id: number; alt: string; created: boolean; /** Its address in the library (the fallback src). */ path: string }
  | { ok: false; outcome: 'skipped' | 'failed'; reason: string };

/**
 * A file of a copied media folder (`rel` is read from the old URL) into the media library: resolved inside the folder
 * and refused if it would leave it, the library's size limit checked before it is read. The library keys images by
 * their bytes, so a re-run finds the same item.
 */
export async function importMediaFile(
  deps: Deps,
  media: ImportMedia,
  rel: string,
  meta: { alt: string | null; caption: string | null },
): Promise<MediaFileResult> {
  const root = path.resolve(media.dir);
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) return { ok: false, outcome: 'failed', reason: `the path ${JSON.stringify(rel)} leaves the media folder` };
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) return { ok: false, outcome: 'skipped', reason: `not in the media folder: ${rel}` };
  if (stat.size > media.options.maxBytes) return { ok: false, outcome: 'failed', reason: `${rel}: ${stat.size} bytes, over MEDIA_MAX_MB` };
  try {
    const { item, created } = await uploadMedia(deps, media.options, media.who, {
      bytes: new Uint8Array(await fs.promises.readFile(file)),
      fileName: path.basename(file),
      alt: meta.alt,
      caption: meta.caption,
    });
    return { ok: true, id: item.id, alt: item.alt, created, path: item.path };
  } catch (err) {
    // A value the database refused (the library's own transaction was rolled back): this file fails alone, as a record
    // does, and the run goes on; callers run this outside the batch, so the refusal cannot abort it.
    if (err instanceof AppError) return { ok: false, outcome: 'failed', reason: `${rel}: ${err.code}: ${err.message}` };
    const failure = refusedRecord(err);
    if (!failure) throw err;
    return { ok: false, outcome: 'failed', reason: `${rel}: ${refusalReason(failure)}` };
  }
}

/**
 * Text that the converter would give back as it is, its spaces aside: no markup, no entity, no control character, and
 * within the converter's length. Most excerpts are such text; each trip to the converter's worker costs a post's
 * round trip, which the import's writes would wait for.
 */
const PLAIN_TEXT = /^[^<&\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]*$/;

/**
 * An excerpt or caption as one line of text: through the same bounded converter as the body, entities and all; plain
 * text (PLAIN_TEXT) without the trip, to the same result.
 */
export const htmlAsText =
  (convert: (html: string) => Promise<Doc>) =>
  async (html: string): Promise<string> =>
    plainTextOf(html) ?? textOfDoc(await convert(html));

/** The text of `html` when it needs no converter (empty, or no markup and no entity); null when it does. */
export function plainTextOf(html: string): string | null {
  if (!html.trim()) return '';
  if (html.length <= MAX_BODY_HTML && PLAIN_TEXT.test(html)) return html.replace(/\s+/g, ' ').trim();
  return null;
}

/** A converted excerpt or caption as one line of text. */
export const textOfDoc = (doc: Doc): string => documentText(doc).replace(/\s+/g, ' ').trim();

/**
 * SQLite keeps a savepoint's undo copies (the original of every page a record's writes touch, so that one record can be
 * rolled back alone) in a statement journal, a temporary file by default: each record of a batch wrote some 15 pages
 * to it through the file system, which made its inserts 2-3 times as slow as the same inserts without the savepoint.
 * In memory they cost a copy each, and are dropped at the savepoint's release. Only for a batch's life: the setting
 * also moves temporary tables and large sorts into memory, which the server's own queries keep on disk. SQLite refuses
 * the change inside a transaction, so it is set before the batch begins and put back after it ends.
 */
async function setTempStore(db: Deps['db'], where: 'memory' | 'default'): Promise<void> {
  await sql.raw(`pragma temp_store = ${where}`).execute(db.kysely);
}
