import type { Doc } from '../content/document.js';
import { slugFromHeadline } from '../content/slug.js';
import type { Status } from '../content/types.js';
import { sectionPath, tagPath, authorPath } from '../content/urls.js';
import { wordpressQueryPath } from '../content/wordpress-query.js';
import { existingIds, tagsByIds } from '../db/admin-articles-repo.js';
import { firstSectionId, getArticleRow } from '../db/articles-repo.js';
import { contributorSlugsLike, insertContributor } from '../db/contributors-repo.js';
import { CONTRIBUTOR_NAME_MAX } from './contributors.js';
import { putImportKey } from '../db/import-keys-repo.js';
import {
  insertSection,
  lockSectionTree,
  maxSectionPosition,
  sectionIdBySlug,
  sectionPlacement,
  setSectionTexts,
  updateSectionRow,
} from '../db/sections-repo.js';
import { MAX_SECTION_DEPTH } from '../content/section-tree.js';
import { insertTag, tagRecordBySlug } from '../db/tags-repo.js';
import { AppError } from '../errors.js';
import { yoastFields } from '../importers/yoast-seo.js';
import { polylangMembers, postLanguage, siteLocaleOf } from '../importers/post-language.js';
import { setTranslatedFrom } from '../db/desk-repo.js';
import { pinStickyPosts, type StickyPost } from './wordpress-sticky.js';
import { coAuthorNicenames, guestAuthor, nicenameOf } from '../importers/co-authors.js';
import { readWxr, WxrError, type WxrRecord, type WxrAuthor, type WxrCategory, type WxrItem, type WxrSite, type WxrTag } from '../importers/wxr-reader.js';
import { nowIso, type Deps } from './deps.js';
import { convertHtmlMany, convertHtmlWaiting } from './html-convert.js';
import { bareHost, bodyImageImporter, isAbsoluteUrl, wordpressOriginal } from './import-body-images.js';
import { gutenbergToHtml } from '../importers/gutenberg-blocks.js';
import {
  importChecksum,
  importMediaFile,
  importRun,
  htmlAsText,
  pathVariants,
  plainTextOf,
  stopAtFileFault,
  textOfDoc,
  termPath,
  type ImportEntry as SharedEntry,
  type ImportMedia,
  type ImportOutcome,
  type MergeType,
} from './import-common.js';
import { decodeSlug } from '../importers/decode-slug.js';

/*
 * `masthead import wordpress FILE.xml`: a WordPress export (WXR) into this site, read as a stream (importers/
 * wxr-reader.ts) and written record by record. Authors become contributors, categories sections, tags tags and posts
 * articles, each through the same stores as an editor's saves, with the old addresses kept as redirects. Every record
 * made is remembered with the source's id (db/import-keys-repo.ts) in the transaction that makes it, so a re-run
 * updates what changed, leaves the rest and duplicates nothing, and a run that was killed finishes the job. One
 * record's failure is reported and the import goes on.
 */

export type ImportKind = 'author' | 'category' | 'tag' | 'post' | 'page' | 'attachment';
export type { ImportOutcome };
export type ImportEntry = SharedEntry<ImportKind>;
export type ImportReport = {
  source: string;
  site: WxrSite | null;
  counts: Record<ImportKind, Record<ImportOutcome, number>>;
  /** Failed and skipped records, and imported ones with a warning: what a person should look at. */
  notes: ImportEntry[];
  /** Images (featured and in bodies) that stay at their original address: no `media` folder given, or the file was not in it. */
  mediaKept: string[];
  redirects: number;
  /** Sticky posts pinned on their language's front page (services/wordpress-sticky.ts). */
  stickyPinned: number;
  seconds: number;
};
export type ImportOptions = {
  /** The language the posts are written in: one of the site's. */
  locale: string;
  /** The site's languages (sections get a name in each). */
  locales: readonly string[];
  /** Called after each record; `done` counts the file's records read so far. */
  onProgress?: (done: number, entry: ImportEntry) => void;
  /** Records written per transaction (default IMPORT_BATCH); tests make it small. */
  batch?: number;
  /** Tests: the longest a batch stays open (default BATCH_MAX_MS); Infinity ends batches on their count alone. */
  batchMaxMs?: number;
  /** Tests: another converter. Default: the bounded worker pool every pasted HTML goes through. */
  convert?: (html: string) => Promise<Doc>;
  /**
   * A copy of the site's `wp-content/uploads` folder: attachments found in it go into the media library (renditions,
   * the library's limits), and a post's featured image becomes its hero. `who` is recorded as the uploader.
   */
  media?: ImportMedia;
};

const KINDS: ImportKind[] = ['author', 'category', 'tag', 'post', 'page', 'attachment'];
const checksum = importChecksum;
const MAX_HEADLINE = 300;
const MAX_DECK = 1000;

const hostOf = (url: string) => {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
};

/** The path of a URL of the old site, as readers' links will ask for it (`/2026/11/peregovory/`), or null. */
function oldPath(link: string, base: string, baseHost: string): string | null {
  try {
    // `baseHost`: hostOf(base), read once per file (a base that does not parse fails `new URL` here anyway).
    const u = new URL(link, base || 'http://wordpress.invalid');
    if (base && baseHost !== u.host) return null;
    return u.pathname === '/' ? null : u.pathname;
  } catch {
    return null;
  }
}

/**
 * `/?p=41` (and `/?page_id=41` for a page): the addresses WordPress answers for a post whatever its permalink
 * structure, the only ones a site with plain permalinks has (content/wordpress-query.ts).
 */
function queryAddresses(id: string, kind: 'post' | 'page'): string[] {
  if (!/^[1-9][0-9]{0,11}$/.test(id)) return [];
  return [wordpressQueryPath('p', id), ...(kind === 'page' ? [wordpressQueryPath('page_id', id)] : [])];
}

/**
 * `2026/11/hero.jpg` of `https://site/wp-content/uploads/2026/11/hero.jpg`, decoded; null for a URL elsewhere. Only a
 * relative URL or one on the export's own site (`hosts`): another blog's hotlinked image is not the local file of the
 * same path in --media-dir, and is kept as it is.
 */
export function uploadsPath(url: string, hosts: ReadonlySet<string>): string | null {
  try {
    const u = new URL(url, 'http://wordpress.invalid');
    if (isAbsoluteUrl(url) && !hosts.has(bareHost(u.hostname))) return null;
    const p = u.pathname;
    const m = /\/(?:wp-content\/)?uploads\/(.+)$/.exec(p);
    return m ? decodeURIComponent(m[1]!) : null;
  } catch {
    return null;
  }
}

/** WordPress's "2026-11-30 08:00:00" (GMT) as ISO; null for its "0000-00-00 00:00:00" (a draft never dated). */
export function gmtIso(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m || m[1] === '0000') return null;
  // A date as written is its ISO form already (no Date made per post). Anything else — a year before 1000 (Date.UTC
  // reads 0050 as 1950), the 31st of a short month, hour 24 — goes through Date, which rolls it over as it always did.
  if (m[1]! >= '1000' && m[2]! >= '01' && m[2]! <= '12' && m[3]! >= '01' && m[3]! <= '28' && m[4]! <= '23' && m[5]! <= '59' && m[6]! <= '59')
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

const STATUS_OF: Record<string, Status> = {
  publish: 'published',
  future: 'published',
  draft: 'draft',
  pending: 'in_review',
  private: 'draft',
  'auto-draft': 'draft',
};

/**
 * A post's body (absent: an empty body) and excerpt, converting while the posts before it are written, and the
 * warnings of its block markup (importers/gutenberg-blocks.ts), found when the body was sent: read once per post,
 * not again for the report.
 */
type Converted = { body?: Promise<Doc>; excerpt: Promise<string>; blockWarnings?: string[] };

/**
 * Bodies sent to the converter in one trip (a message to its worker and one back per body, rather than a round trip
 * each), and how many records are read ahead of the one being written: two batches, so that one converts while the
 * other's posts are written. Bounded, so memory stays flat whatever the file's size.
 */
const CONVERT_BATCH = 16;
const READ_AHEAD = 2 * CONVERT_BATCH;

const wantsBody = (r: WxrRecord): r is WxrRecord & { kind: 'item' } =>
  r.kind === 'item' && (r.item.postType === 'post' || r.item.postType === 'page') && !r.item.oversized.length;

/**
 * The file's records, with the posts' bodies handed to the converter in batches of CONVERT_BATCH up to READ_AHEAD
 * records before they are written (`converted`, which the writer takes them from): the conversions' trips to the
 * worker no longer idle the writes, and cost one message per batch.
 */
async function* readAhead(
  records: AsyncIterable<WxrRecord>,
  converted: Map<WxrItem, Converted>,
  convertMany: (htmls: string[]) => Promise<Doc>[],
): AsyncGenerator<WxrRecord> {
  const ahead: WxrRecord[] = [];
  /** Posts read whose bodies, and whose excerpts with markup, are not sent yet. */
  let unsent: WxrItem[] = [];
  let unsentExcerpts: WxrItem[] = [];
  // Excerpts with markup go in the bodies' batches: one conversion each on their own, 32 posts read ahead overran the
  // converter's bound (every post failed with HTML_BUSY).
  const send = () => {
    const items = unsent;
    const excerpts = unsentExcerpts;
    unsent = [];
    unsentExcerpts = [];
    // Block markup made readable for the converter first (importers/gutenberg-blocks.ts), excerpts too.
    const blocks = items.map((i) => gutenbergToHtml(i.content));
    const docs = convertMany([...blocks.map((b) => b.html), ...excerpts.map((i) => gutenbergToHtml(i.excerpt).html)]);
    // Awaited (and their errors reported) when the post is written; not unhandled rejections meanwhile.
    items.forEach((item, i) => {
      docs[i]!.catch(() => undefined);
      const entry = converted.get(item)!;
      entry.body = docs[i];
      entry.blockWarnings = blocks[i]!.warnings;
    });
    excerpts.forEach((item, i) => {
      const text = docs[items.length + i]!.then(textOfDoc);
      text.catch(() => undefined);
      converted.get(item)!.excerpt = text;
    });
  };
  /** The oldest record read, its texts sent first if they are still waiting for their batch. */
  const next = (): WxrRecord => {
    const r = ahead.shift()!;
    if (r.kind === 'item' && (unsent.includes(r.item) || unsentExcerpts.includes(r.item))) send();
    return r;
  };
  try {
    for await (const r of records) {
      if (wantsBody(r)) {
        const plain = plainTextOf(r.item.excerpt);
        converted.set(r.item, { excerpt: Promise.resolve(plain ?? '') });
        if (plain === null) unsentExcerpts.push(r.item);
        if (r.item.content.trim()) unsent.push(r.item);
        if (unsent.length + unsentExcerpts.length >= CONVERT_BATCH) send();
      }
      ahead.push(r);
      if (ahead.length > READ_AHEAD) yield next();
    }
  } catch (err) {
    // A fault in the file: what was read whole before it is still written, then the fault is reported.
    while (ahead.length) yield next();
    throw err;
  }
  while (ahead.length) yield next();
}

export async function importWordPress(deps: Deps, chunks: AsyncIterable<string>, opts: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  // Every conversion of the importer waits for room in the converter's bounds, as its batches do (convertHtmlWaiting).
  const convert = opts.convert ?? convertHtmlWaiting;
  // A post's text: its block markup made readable for the converter first (importers/gutenberg-blocks.ts).
  const convertBody = (html: string) => convert(gutenbergToHtml(html).html);
  // Texts already made readable (readAhead runs gutenbergToHtml, and keeps its warnings for the post's report).
  const convertMany = opts.convert ? (htmls: string[]) => htmls.map((h) => opts.convert!(h)) : convertHtmlMany;
  const textOf = htmlAsText(convert);
  let source = '';
  const run = importRun(deps, KINDS, () => source, opts.onProgress, opts.batch, opts.batchMaxMs);
  const { counts, note, redirect, freeSlug } = run;
  /** The run's queries go through the batch it writes in (services/import-common.ts). */
  const db = run.db;
  const report: ImportReport = { source: '', site: null, counts, notes: run.notes, mediaKept: [], redirects: 0, stickyPinned: 0, seconds: 0 };
  let base = '';
  /** hostOf(base), parsed once rather than twice per post. */
  let baseHost = '';
  /** Login → local id; null for one the database refused (its posts go without it, not tried again). */
  const authors = new Map<string, number | null>();
  /** Co-Authors Plus names authors by nicename: the author's local id by it (null: refused). */
  const authorByNicename = new Map<string, number | null>();
  /** Co-Authors Plus guest authors (terms of the `author` taxonomy, `guest-author` items): display name by nicename. */
  const guestAuthors = new Map<string, string>();
  /** Slug → local id; null for one the database refused: the posts that name it go without it, not tried again (a
   * second try outside any savepoint stopped the run with a raw database error, and rolled back the batch). */
  const categories = new Map<string, number | null>();
  const tags = new Map<string, number | null>();
  const attachments = new Map<string, string>();
  /** Attachment id → media library id, for the featured images. */
  const library = new Map<string, { id: number; alt: string }>();
  /** Articles whose featured image comes later in the file than they do: set once the file is read. */
  const heroLater: { articleId: number; postId: string; kind: 'post' | 'page'; thumb: string }[] = [];
  const thumbnails = new Set<string>();
  /** Published sticky posts imported or updated by this run: pinned on the front page once the file is read. */
  const sticky: StickyPost[] = [];

  // The export's own hosts (channel link, wp:base_site_url, wp:base_blog_url): only their uploads are looked up locally.
  const siteHosts = new Set<string>();
  const inUploads = (url: string) => uploadsPath(url, siteHosts);
  const bodyImages = bodyImageImporter(deps, opts.media, inUploads, wordpressOriginal, (fn) => run.outside(fn));
  // Each address once in the report, however many posts show it (a Set: a large archive lists thousands).
  const keptUrls = new Set<string>();
  const keepUrl = (url: string) => {
    if (keptUrls.has(url)) return;
    keptUrls.add(url);
    report.mediaKept.push(url);
  };
  const MERGED_AS: Partial<Record<ImportKind, MergeType>> = { author: 'contributor', category: 'section', tag: 'tag' };
  const known = (kind: ImportKind, id: string, exists: (localId: number) => Promise<boolean>) => run.known(kind, id, exists, MERGED_AS[kind]);

  const importAuthor = async (a: WxrAuthor) => {
    const id = a.login || a.id;
    if (!id) return note({ kind: 'author', id: '?', outcome: 'failed', reason: 'an author without a login' });
    const key = await known('author', id, async (local) => (await existingIds(db(), 'contributors', [local])).has(local));
    const sum = checksum(a);
    if (key) {
      authors.set(a.login, key.localId);
      authorByNicename.set(nicenameOf(a.login), key.localId);
      return note({ kind: 'author', id, outcome: 'unchanged', localId: key.localId });
    }
    // Cut as the admin's form would refuse it: a display name is the file's to make as long as it likes.
    const name = (a.displayName.trim() || [a.firstName, a.lastName].join(' ').trim() || a.login).slice(0, CONTRIBUTOR_NAME_MAX);
    const wanted = slugFromHeadline(decodeSlug(a.login) || name).slice(0, 80);
    const taken = await contributorSlugsLike(db(), wanted);
    const slug = await freeSlug(wanted, async (s) => taken.has(s));
    const made = await run.atomic(async (trx) => {
      const row = await insertContributor(trx, { slug, name }, nowIso(deps));
      await putImportKey(trx, { source, kind: 'author', sourceId: id, localId: row.id, localRevision: null, checksum: sum }, nowIso(deps));
      return row.id;
    });
    authors.set(a.login, made);
    authorByNicename.set(nicenameOf(a.login), made);
    await redirect(termPath('author', a.login), authorPath(opts.locale, slug));
    note({ kind: 'author', id, outcome: 'imported', localId: made });
  };

  const importCategory = async (c: WxrCategory) => {
    const id = c.slug || c.id;
    if (c.slug && c.parent) categoryParents.set(c.slug, c.parent);
    if (c.slug && c.id) categorySlugByTermId.set(c.id, c.slug);
    if (!id) return note({ kind: 'category', id: '?', outcome: 'failed', reason: 'a category without a slug' });
    const key = await known('category', id, async (local) => (await existingIds(db(), 'sections', [local])).has(local));
    // Sections keep the categories' tree. A parent later in the file (WordPress writes parents first) takes its waiting
    // children once it is there: those made by this run, and any made by an earlier one if the parent is new (a run
    // killed in between); a section an earlier run made under a parent that exists is the editors' to move since.
    const parentId = c.parent ? categories.get(c.parent) : undefined;
    const takeWaiting = async (own: number, ownIsNew: boolean) => {
      const waiting = waitingForParent.get(c.slug);
      waitingForParent.delete(c.slug);
      for (const w of waiting ?? []) {
        if (!w.fresh && !ownIsNew) continue;
        const at = await run.atomic(async (trx) => {
          await lockSectionTree(trx, deps.db.dialect);
          const [row] = await trx.selectFrom('sections').select('parent_id').where('id', '=', w.entry.localId!).execute();
          if (!row || row.parent_id !== null) return null;
          const at = await sectionPlacement(trx, own, w.entry.localId, MAX_SECTION_DEPTH);
          if (at !== null) await updateSectionRow(trx, w.entry.localId!, { parentId: at });
          return at;
        });
        if (at !== null) subCategoryNote(w.entry, c.slug, at === own ? "placed under its parent's section, read after it" : higherUp);
      }
    };
    const wait = (entry: ImportEntry, fresh: boolean) => {
      if (c.parent && parentId === undefined) waitingForParent.set(c.parent, [...(waitingForParent.get(c.parent) ?? []), { entry, fresh }]);
    };
    if (key) {
      categories.set(c.slug, key.localId);
      const entry: ImportEntry = { kind: 'category', id, outcome: 'unchanged', localId: key.localId };
      wait(entry, false);
      await takeWaiting(key.localId, false);
      return note(entry);
    }
    const name = c.name.trim() || decodeSlug(c.slug);
    const slug = await freeSlug(slugFromHeadline(decodeSlug(c.slug) || name).slice(0, 80), async (s) => (await sectionIdBySlug(db(), s)) !== undefined);
    let placed: number | null = null;
    const made = await run.atomic(async (trx) => {
      if (parentId != null) await lockSectionTree(trx, deps.db.dialect);
      placed = parentId == null ? null : await sectionPlacement(trx, parentId, undefined, MAX_SECTION_DEPTH);
      const sid = await insertSection(trx, { slug, position: (await maxSectionPosition(trx)) + 1, hidden: false, parentId: placed }, nowIso(deps));
      await setSectionTexts(
        trx,
        sid,
        Object.fromEntries(opts.locales.map((l) => [l, { name: name.slice(0, 200), description: c.description.trim() || null }])),
      );
      await putImportKey(trx, { source, kind: 'category', sourceId: id, localId: sid, localRevision: null, checksum: checksum(c) }, nowIso(deps));
      return sid;
    });
    categories.set(c.slug, made);
    const entry: ImportEntry = { kind: 'category', id, outcome: 'imported', localId: made };
    // The report says where a sub-category went: under its parent's section, or (past the depth sections allow, or
    // under a parent the database refused) elsewhere. A parent refused (null) and a section placed nowhere (null) are
    // told apart first.
    if (c.parent) {
      subCategoryNote(
        entry,
        c.parent,
        parentId === undefined
          ? 'placed under its section when the file gives it'
          : parentId === null
            ? 'its parent was refused by the database: imported as a top-level section'
            : placed === parentId
              ? "placed under its parent's section"
              : placed === null
                ? 'imported as a top-level section'
                : higherUp,
      );
    }
    wait(entry, true);
    await takeWaiting(made, true);
    await redirect(termPath('category', c.slug), sectionPath(opts.locale, slug));
    // WordPress serves a sub-category at its whole chain, `/category/world/asia/`: that address too.
    if (c.parent) {
      const nested = categoryChainPath(c.slug, c.parent);
      if (nested) await redirect(nested, sectionPath(opts.locale, slug));
    }
    note(entry);
  };

  /** Polylang's translation groups' members: post id → language code (their `post_translations` terms). */
  const polylangPostLanguage = new Map<string, string>();
  /** A translation group (Polylang's or WPML's key) → the story its posts are versions of, and its first version. */
  const translationGroups = new Map<string, { storyId: number; sourceId: number; locales: Set<string> }>();
  /** A category's term id (Yoast's primary category names it so) → its slug. */
  const categorySlugByTermId = new Map<string, string>();
  /** Category slug → its parent's, as the file's categories say (WordPress writes parents first). */
  const categoryParents = new Map<string, string>();
  /**
   * A parent category's slug → its children read before it: their report entries (the section is the entry's localId;
   * `fresh`: made by this run). Those still here at the end never got their parent: the report says so.
   */
  const waitingForParent = new Map<string, { entry: ImportEntry; fresh: boolean }[]>();
  const higherUp = `placed higher up, as sections go ${MAX_SECTION_DEPTH} levels deep at most`;
  /** Says where a sub-category's section went, in its report entry (listed, with a reason, though unchanged). */
  const subCategoryNote = (entry: ImportEntry, parent: string, where: string) => {
    entry.reason = `a sub-category of "${decodeSlug(parent)}": ${where}`;
    // An unchanged entry was noted before (without a reason, so left out of the list): listed now.
    if (entry.outcome === 'unchanged' && !report.notes.includes(entry)) report.notes.push(entry);
  };
  /**
   * At the end of the run: the children made by it whose parent never came stay top-level, and the report says why
   * (one an earlier run made is the editors' since: where it is now is theirs).
   */
  const reportOrphans = () => {
    for (const [parent, waiting] of waitingForParent) {
      const why = categories.get(parent) === null ? 'its parent was refused by the database' : 'its parent is not in the file';
      for (const w of waiting) if (w.fresh) subCategoryNote(w.entry, parent, `${why}: left a top-level section`);
    }
    waitingForParent.clear();
  };
  /** `/category/world/asia/` for `asia` under `world`; null for a chain with a slug that is not one segment, or a loop. */
  const categoryChainPath = (slug: string, parent: string): string | null => {
    const chain = [slug];
    for (let at: string | undefined = parent; at && chain.length < 16; at = categoryParents.get(at)) {
      if (chain.includes(at)) return null;
      chain.unshift(at);
    }
    const segments = chain.map((s) => termPath('category', s));
    if (segments.some((x) => x === null)) return null;
    return `/category/${segments.map((x) => x!.slice('/category/'.length, -1)).join('/')}/`;
  };

  const tagId = async (slug: string, name: string, locale = opts.locale): Promise<number | null> => {
    const cacheKey = locale === opts.locale ? slug : `${locale}\n${slug}`;
    const known = tags.get(cacheKey);
    if (known !== undefined) return known;
    const ours = slugFromHeadline(decodeSlug(slug) || name).slice(0, 80);
    const found = await tagRecordBySlug(db(), locale, ours);
    const id = found?.id ?? (await insertTag(db(), { locale, slug: ours, name: (name || decodeSlug(slug)).slice(0, 200) }));
    tags.set(cacheKey, id);
    return id;
  };
  const importTag = async (t: WxrTag) => {
    const id = t.slug || t.id;
    if (!id) return note({ kind: 'tag', id: '?', outcome: 'failed', reason: 'a tag without a slug' });
    const key = await known('tag', id, async (local) => (await tagsByIds(db(), [local])).length > 0);
    if (key) {
      tags.set(t.slug, key.localId);
      return note({ kind: 'tag', id, outcome: 'unchanged', localId: key.localId });
    }
    const local = await tagId(t.slug, t.name);
    if (local === null) return note({ kind: 'tag', id, outcome: 'failed', reason: 'refused by the database earlier in this run' });
    await putImportKey(db(), { source, kind: 'tag', sourceId: id, localId: local, localRevision: null, checksum: checksum(t) }, nowIso(deps));
    const slug = (await tagsByIds(db(), [local]))[0]?.slug;
    if (slug) await redirect(termPath('tag', t.slug), tagPath(opts.locale, slug));
    note({ kind: 'tag', id, outcome: 'imported', localId: local });
  };

  /** A post becomes a story; a page (About, policies) a page of the site, at /{lang}/{slug}, without section, tags or byline. */
  const importPost = async (item: WxrItem, kind: 'post' | 'page') => {
    const id = item.postId;
    const at = { kind, id, line: item.line };
    if (item.oversized.length)
      return note({
        ...at,
        outcome: 'failed',
        reason: `over the importer's limits (8 MB a field, 1,000 characters a slug, 500 terms or postmeta a post): ${item.oversized.join(', ')}`,
      });
    const status = STATUS_OF[item.status];
    if (!status) return note({ ...at, outcome: 'skipped', reason: `status "${item.status}" (trash and revisions are not imported)` });
    // Polylang or WPML: the post's language (one the site has, else skipped) and its translation group.
    const lang = postLanguage(item, polylangPostLanguage);
    const locale = lang.language ? siteLocaleOf(lang.language, opts.locales) : opts.locale;
    if (!locale)
      return note({ ...at, outcome: 'skipped', reason: `in language "${lang.language}", which is not one of the site's LOCALES (${opts.locales.join(', ')})` });
    const key = await known(kind, id, async (local) => (await getArticleRow(db(), local)) !== undefined);
    if (key && lang.group && !translationGroups.has(lang.group)) {
      // Made by an earlier run: the group's story is this one's, and later members translate it.
      const row = await getArticleRow(db(), key.localId);
      if (row) translationGroups.set(lang.group, { storyId: row.story_id, sourceId: row.id, locales: new Set([row.locale]) });
    } else if (key && lang.group) translationGroups.get(lang.group)!.locales.add(locale);
    // Not its line: a newer export moves every post down the file, and that is no change to the post.
    const sum = checksum({ ...item, line: 0 });
    if (key && key.checksum === sum) return note({ ...at, outcome: 'unchanged', localId: key.localId });
    let body: Doc;
    let excerpt: string;
    const early = converted.get(item);
    converted.delete(item);
    try {
      const pending = early?.body ?? (item.content.trim() ? convertBody(item.content) : null);
      body = pending ? await pending : { type: 'doc', content: [] };
      excerpt = await (early?.excerpt ?? textOf(item.excerpt));
    } catch (err) {
      const reason = err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
      return note({ ...at, outcome: 'failed', reason });
    }
    const warnings: string[] = [];
    // Images in the text: into the library with --media-dir, else kept at their address and listed in the report.
    const images = await bodyImages(body);
    body = images.doc;
    warnings.push(...images.warnings);
    images.kept.forEach(keepUrl);
    warnings.push(...(early?.body ? (early.blockWarnings ?? []) : gutenbergToHtml(item.content).warnings));
    // Most posts have no `[` at all: the scan of their text is skipped.
    const shortcodes = item.content.includes('[') ? [...new Set([...item.content.matchAll(/\[([a-z][a-z0-9_-]{1,40})[\s\]]/g)].map((m) => m[1]!))] : [];
    if (shortcodes.length) warnings.push(`shortcodes kept as text: ${shortcodes.map((s) => `[${s}]`).join(', ')}`);
    if (item.status === 'private') warnings.push('a private post: imported as a draft');
    let headline = item.title.trim() || `Untitled (WordPress post ${id})`;
    if (headline.length > MAX_HEADLINE) {
      headline = `${headline.slice(0, MAX_HEADLINE - 1)}…`;
      warnings.push(`headline cut to ${MAX_HEADLINE} characters`);
    }
    const deck = excerpt.slice(0, MAX_DECK) || null;
    const isPage = kind === 'page';
    const postCategories = item.terms.filter((t) => t.domain === 'category');
    const firstCategory = postCategories[0];
    const seo = yoastFields(item.meta, {
      title: headline,
      siteName: report.site?.title ?? '',
      siteDescription: '',
      excerpt,
      category: firstCategory?.name ?? '',
      siteHost: baseHost,
    });
    warnings.push(...seo.warnings);
    // Yoast's primary category, when the post is in it, is its section; else its first category.
    const primarySlug = seo.primaryCategoryId ? categorySlugByTermId.get(seo.primaryCategoryId) : undefined;
    const category = isPage ? undefined : (postCategories.find((t) => primarySlug !== undefined && t.slug === primarySlug) ?? firstCategory);
    // A page is filed under the first section, which readers never see on it (services/pages.ts).
    let sectionId = isPage ? await firstSectionId(db()) : category ? categories.get(category.slug) : undefined;
    if (sectionId === undefined && category) {
      // One the file's categories leave out, made here: a refusal fails it alone (reported), and the post goes on.
      await run.alone(
        { kind: 'category', id: category.slug || '?' },
        () => importCategory({ id: '', slug: category.slug, parent: '', name: category.name, description: '' }),
        () => categories.set(category.slug, null),
      );
      sectionId = categories.get(category.slug);
    }
    if (sectionId === null && category) warnings.push(`category "${category.slug}" was refused by the database: filed under the fallback section`);
    sectionId ??= await fallbackSection();
    if (sectionId === null)
      return note({
        ...at,
        outcome: 'failed',
        reason: 'no section to file it under: the "uncategorized" section was refused by the database and the site has none (see that failure)',
      });
    // One at a time: a tag made here is written under a savepoint of its own, which cannot overlap another's.
    const tagIdSet = new Set<number>();
    for (const t of isPage ? [] : item.terms.filter((x) => x.domain === 'post_tag')) {
      const cacheKey = locale === opts.locale ? t.slug : `${locale}\n${t.slug}`;
      if (!tags.has(cacheKey))
        await run.alone(
          { kind: 'tag', id: t.slug || '?' },
          () => tagId(t.slug, t.name, locale),
          () => tags.set(cacheKey, null),
        );
      const got = tags.get(cacheKey);
      if (got) tagIdSet.add(got);
      else warnings.push(`tag "${t.slug}" was refused by the database: not attached`);
    }
    const tagIds = [...tagIdSet].slice(0, 50);
    // Co-Authors Plus: the post's author terms, in byline order (the first is the main author); else its creator.
    const bylineIds: number[] = [];
    const coAuthors = isPage ? [] : coAuthorNicenames(item.terms);
    for (const nicename of coAuthors) {
      let local = authorByNicename.get(nicename);
      if (local === undefined) {
        // A guest author, or a user the file's authors leave out: made from what the file says of them.
        const guest = guestAuthors.get(nicename);
        await run.alone(
          { kind: 'author', id: nicename },
          () => importAuthor({ id: '', login: nicename, email: '', displayName: guest ?? nicename, firstName: '', lastName: '' }),
          () => {
            authors.set(nicename, null);
            authorByNicename.set(nicename, null);
          },
        );
        local = authorByNicename.get(nicename);
      }
      if (local === null) warnings.push(`author "${nicename}" was refused by the database: not in the byline`);
      else if (local && !bylineIds.includes(local)) bylineIds.push(local);
    }
    const byCreator = !isPage && !coAuthors.length && item.creator !== '';
    let author = byCreator ? authors.get(item.creator) : undefined;
    if (byCreator && author === undefined) {
      // A creator the file's authors leave out: a WXR 1.0 file lists none (WordPress's own importer then makes its
      // authors from the posts' creators, as here), a hand-made or cut file may miss one. The credit is kept.
      await run.alone(
        { kind: 'author', id: item.creator },
        () => importAuthor({ id: '', login: item.creator, email: '', displayName: item.creator, firstName: '', lastName: '' }),
        () => {
          authors.set(item.creator, null);
          authorByNicename.set(nicenameOf(item.creator), null);
        },
      );
      author = authors.get(item.creator);
      if (author) warnings.push(`author "${item.creator}" is not in the file's authors: made a contributor from the post's creator`);
    }
    if (author) bylineIds.push(author);
    else if (byCreator) warnings.push(`author "${item.creator}" was refused by the database: no byline`);
    const publishedAt = status === 'published' ? (gmtIso(item.postDateGmt) ?? gmtIso(item.postDate) ?? nowIso(deps)) : gmtIso(item.postDateGmt);
    const thumb = item.meta['_thumbnail_id'];
    if (thumb) thumbnails.add(thumb);
    const hero = thumb ? library.get(thumb) : undefined;
    const input = {
      locale,
      headline,
      deck,
      body,
      sectionId,
      tagIds,
      bylines: bylineIds.map((contributorId) => ({ contributorId, role: 'author' as const })),
      status,
      ...(publishedAt ? { publishedAt } : {}),
      ...(isPage ? { kind: 'page' as const } : {}),
      ...(hero ? { hero: { mediaId: hero.id, alt: hero.alt || null } } : {}),
      seoTitle: seo.seoTitle,
      seoDescription: seo.seoDescription,
      canonicalUrl: seo.canonicalUrl,
      slug: slugFromHeadline(decodeSlug(item.postName) || headline),
    };
    const from = oldPath(item.link, base, baseHost);
    const olds = [...(from ? pathVariants(from) : []), ...queryAddresses(id, kind)];
    // A translation of a post already here joins its story, translated from it (the translation desk's link).
    const group = !key && lang.group ? translationGroups.get(lang.group) : undefined;
    const joins = group && !group.locales.has(locale) ? group : undefined;
    if (group && !joins) warnings.push(`its translation group already has a ${locale} version: imported as a story of its own`);
    const sourceRow = joins ? await getArticleRow(db(), joins.sourceId) : undefined;
    const saved = await run.saveArticle({
      at,
      key,
      input,
      isPage,
      sum,
      olds,
      warnings,
      ...(joins && sourceRow
        ? {
            join: {
              storyId: joins.storyId,
              then: (trx: ReturnType<typeof run.db>, articleId: number) => setTranslatedFrom(trx, articleId, sourceRow.id, sourceRow.text_revision),
            },
          }
        : {}),
    });
    if (saved !== undefined) {
      if (item.isSticky && !isPage && status === 'published') sticky.push({ articleId: saved, locale, publishedAt: input.publishedAt ?? null });
      if (!key && joins) joins.locales.add(locale);
      else if (!key && lang.group && !group) {
        const row = (await getArticleRow(db(), saved))!;
        translationGroups.set(lang.group, { storyId: row.story_id, sourceId: saved, locales: new Set([locale]) });
      }
      if (thumb && !hero && opts.media) heroLater.push({ articleId: saved, postId: id, kind, thumb });
    }
  };

  /**
   * An attachment of the export, from the copy of the uploads folder: its path is read from its URL after
   * `/wp-content/uploads/` (or `/uploads/`), resolved inside the folder and refused if it would leave it. The library
   * keys images by their bytes, so a re-run finds the same item.
   */
  const importAttachment = async (item: WxrItem, media: NonNullable<ImportOptions['media']>) => {
    const id = item.postId;
    const at = { kind: 'attachment' as const, id, line: item.line };
    const rel = inUploads(item.attachmentUrl);
    if (!rel) return note({ ...at, outcome: 'skipped', reason: `not under /wp-content/uploads/: ${item.attachmentUrl}` });
    const alt = (item.meta['_wp_attachment_image_alt'] ?? '').trim().slice(0, 500);
    let caption: string | null;
    try {
      caption = (await textOf(item.excerpt)).slice(0, 1000) || null;
    } catch (err) {
      // The caption's HTML refused (too complex, too slow) or its conversion failed (a worker's error, not an
      // AppError): this attachment fails, reported, and the run goes on, as a post's body does.
      const reason = err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
      return note({ ...at, outcome: 'failed', reason: `its caption: ${reason}` });
    }
    // The media library writes in transactions of its own, and files with them: outside the batch. A value the database
    // refuses there fails this attachment alone (importMediaFile).
    const got = await run.outside(() => importMediaFile(deps, media, rel, { alt: alt || null, caption }));
    if (!got.ok) return note({ ...at, outcome: got.outcome, reason: got.reason });
    library.set(id, { id: got.id, alt: got.alt });
    note({ ...at, outcome: got.created ? 'imported' : 'unchanged', localId: got.id });
  };

  /** Bodies converting while earlier records are written (readAhead). */
  const converted = new Map<WxrItem, Converted>();
  /** The section of posts without a category (WordPress's own "uncategorized"); null: none could be had. */
  let fallback: number | null | undefined;
  const fallbackSection = async (): Promise<number | null> => {
    if (fallback !== undefined) return fallback;
    // Under a savepoint of its own, as any category: a refusal fails this section alone (reported once), and the posts
    // that need it go to the site's first section instead of stopping the run.
    if (categories.get('uncategorized') !== null)
      await run.alone(
        { kind: 'category', id: 'uncategorized' },
        () => importCategory({ id: '', slug: 'uncategorized', parent: '', name: 'Uncategorized', description: '' }),
        () => categories.set('uncategorized', null),
      );
    fallback = categories.get('uncategorized') ?? (await firstSectionId(db())) ?? null;
    return fallback;
  };

  await run.begin();
  try {
    for await (const r of readAhead(readWxr(chunks), converted, convertMany)) {
      await run.checkpoint();
      if (r.kind === 'site') {
        report.site = r.site;
        for (const u of [r.site.link, r.site.baseSiteUrl, r.site.baseBlogUrl]) if (u && URL.canParse(u)) siteHosts.add(bareHost(new URL(u).hostname));
        base = r.site.baseBlogUrl || r.site.baseSiteUrl || r.site.link;
        baseHost = hostOf(base);
        source = `wordpress:${(r.site.baseSiteUrl || r.site.link || 'unknown').replace(/\/+$/, '')}`;
        report.source = source;
      } else if (r.kind === 'author')
        await run.alone(
          { kind: 'author', id: r.author.login || r.author.id || '?' },
          () => importAuthor(r.author),
          () => {
            authors.set(r.author.login, null);
            authorByNicename.set(nicenameOf(r.author.login), null);
          },
        );
      else if (r.kind === 'category')
        await run.alone(
          { kind: 'category', id: r.category.slug || r.category.id || '?' },
          () => importCategory(r.category),
          () => categories.set(r.category.slug, null),
        );
      else if (r.kind === 'tag')
        await run.alone(
          { kind: 'tag', id: r.tag.slug || r.tag.id || '?' },
          () => importTag(r.tag),
          () => tags.set(r.tag.slug, null),
        );
      else if (r.kind === 'term') {
        for (const [postId, language] of polylangMembers(r.term)) if (polylangPostLanguage.size < 1_000_000) polylangPostLanguage.set(postId, language);
        if (r.term.taxonomy === 'author' && r.term.slug) {
          const nicename = decodeSlug(r.term.slug).replace(/^cap-/, '');
          if (!guestAuthors.has(nicename)) guestAuthors.set(nicename, r.term.name.trim() || nicename);
        }
      } else if (r.item.postType === 'post' || r.item.postType === 'page') {
        try {
          await importPost(r.item, r.item.postType);
        } finally {
          // A post that returned before taking its converted body (unchanged, skipped) must not keep it for the run.
          converted.delete(r.item);
        }
      } else if (r.item.postType === 'guest-author') {
        const guest = guestAuthor(r.item);
        if (guest) {
          guestAuthors.set(nicenameOf(guest.login), guest.displayName);
          if (!authorByNicename.has(nicenameOf(guest.login)))
            await importAuthor({ id: '', login: guest.login, email: guest.email, displayName: guest.displayName, firstName: '', lastName: '' });
        }
      } else if (r.item.postType === 'attachment') {
        if (r.item.attachmentUrl) attachments.set(r.item.postId, r.item.attachmentUrl);
        if (opts.media) await importAttachment(r.item, opts.media);
      } else {
        // An item with no type in WordPress's namespace: a stub a plugin left (comments alone), or one whose `wp:` prefix
        // another namespace took over.
        const why = r.item.postType ? `post type "${r.item.postType}" is not imported` : "an item without a post type (WordPress's wp:post_type): not imported";
        note({ kind: 'item', id: r.item.postId, line: r.item.line, outcome: 'skipped', reason: why });
      }
    }
    await run.commit();
  } catch (err) {
    if (err instanceof WxrError) {
      // What was read whole before the fault is imported and stays.
      await stopAtFileFault(
        run,
        new AppError('IMPORT_FILE_INVALID', `${err.message} (line ${err.line}, column ${err.column})`, {
          hint: 'What was read before this point is imported and stays. Fix the file there (a truncated export: export it again) and run the same command: nothing is imported twice.',
          details: { line: err.line, column: err.column, imported: counts },
        }),
      );
    }
    await run.rollback().catch(() => undefined);
    throw err;
  }
  reportOrphans();
  for (const later of heroLater) {
    const hero = library.get(later.thumb);
    if (hero) await run.setHeroLater(later.articleId, later.kind, later.postId, hero);
  }
  const pins = await pinStickyPosts(deps, sticky);
  report.stickyPinned = pins.pinned;
  if (pins.left)
    report.notes.push({
      kind: 'item',
      id: 'sticky',
      outcome: 'skipped',
      reason: `${pins.left} sticky posts beyond the front page's top-story slots: left in the automatic order`,
    });
  for (const t of thumbnails) {
    const url = attachments.get(t);
    if (url && !library.has(t)) keepUrl(url);
  }
  report.redirects = run.redirects;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
