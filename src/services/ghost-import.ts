import type { Doc } from '../content/document.js';
import { slugFromHeadline } from '../content/slug.js';
import type { Status } from '../content/types.js';
import { authorPath, tagPath } from '../content/urls.js';
import { tagsByIds } from '../db/admin-articles-repo.js';
import { firstSectionId, getArticleRow } from '../db/articles-repo.js';
import { contributorSlugsLike, insertContributor } from '../db/contributors-repo.js';
import { CONTRIBUTOR_NAME_MAX } from './contributors.js';
import { putImportKey, type ImportKey } from '../db/import-keys-repo.js';
import { insertSection, maxSectionPosition, setSectionTexts } from '../db/sections-repo.js';
import { insertTag, tagRecordBySlug } from '../db/tags-repo.js';
import { AppError } from '../errors.js';
import { ghostBodyHtml, ghostUrl } from '../importers/ghost-body.js';
import { GhostFileError, readGhost, type GhostRow } from '../importers/ghost-reader.js';
import { importText, importValue } from '../importers/import-text.js';
import { nowIso, type Deps } from './deps.js';
import { convertHtmlWaiting } from './html-convert.js';
import { bareHost, bodyImageImporter, ghostOriginal, isAbsoluteUrl } from './import-body-images.js';
import {
  importChecksum,
  importMediaFile,
  importRun,
  htmlAsText,
  termPath,
  type ImportEntry,
  type ImportMedia,
  type ImportOutcome,
  pathVariants,
  stopAtFileFault,
} from './import-common.js';
import { decodeSlug } from '../importers/decode-slug.js';

/*
 * `masthead import ghost FILE.json`: a Ghost export (0.x to 6.x) into this site, read as a stream twice
 * (importers/ghost-reader.ts): a first pass keeps the small tables (tags, users, and which post has which tags, authors
 * and meta), since Ghost may write them after the posts; the second imports the posts one by one, through the same
 * stores as an editor's saves and the same bookkeeping as the WordPress importer (services/import-common.ts).
 *
 * Keys (import_keys, source `ghost`): posts by their `uuid` (Ghost keeps it across exports, upgrades and re-exports;
 * ids changed from numbers to ObjectIds at 1.0), tags and authors by their slug (unique in a Ghost site). The export's
 * `exported_on` changes at every export and is not part of any key.
 */

export type GhostKind = 'author' | 'tag' | 'post' | 'page' | 'image';
export type GhostImportReport = {
  source: string;
  version: string;
  counts: Record<GhostKind, Record<ImportOutcome, number>>;
  notes: ImportEntry<GhostKind>[];
  /** Images (feature images and those in bodies) that stay at their original address: no `--media-dir`, or the file was not in it. */
  mediaKept: string[];
  redirects: number;
  seconds: number;
};
export type GhostImportOptions = {
  locale: string;
  /** The site's languages: a section the import has to make gets a name in each. Default: `locale` only. */
  locales?: readonly string[];
  onProgress?: (done: number, entry: ImportEntry<GhostKind>) => void;
  convert?: (html: string) => Promise<Doc>;
  /** A copy of the site's `content/images` folder: feature images found in it go into the media library as heroes. */
  media?: ImportMedia;
  /** The Ghost site's own address (the export does not say it): its absolute image URLs are looked up in `media` too. */
  siteUrl?: string;
  /** Records written per transaction (default IMPORT_BATCH); tests make it small. */
  batch?: number;
  /** Tests: the longest a batch stays open (default BATCH_MAX_MS); Infinity ends batches on their count alone. */
  batchMaxMs?: number;
};

const KINDS: GhostKind[] = ['author', 'tag', 'post', 'page', 'image'];
export const GHOST_SOURCE = 'ghost';
const MAX_HEADLINE = 300;
/** Posts read and converted ahead of the one being saved: bounded, so memory stays flat. */
const READ_AHEAD = 8;

const s = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');

/** Ghost's dates: ISO strings (1.x+), "2014-01-01 10:00:00" in UTC or epoch milliseconds (0.x); null when absent. */
export function ghostDate(x: unknown): string | null {
  if (x === null || x === undefined || x === '') return null;
  let t: number;
  if (typeof x === 'number' || /^\d{9,}$/.test(String(x))) t = Number(x);
  else {
    const str = String(x).trim();
    t = Date.parse(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(str) ? `${str.replace(' ', 'T')}Z` : str);
  }
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/**
 * `2020/01/hero.jpg` of `__GHOST_URL__/content/images/2020/01/hero.jpg` (or a relative URL, or one on the site's own
 * `hosts`), decoded; null elsewhere: another site's hotlinked image is not the local file of the same path in
 * --media-dir, and is kept as it is.
 */
export function ghostImagePath(url: string, hosts: ReadonlySet<string> = new Set()): string | null {
  try {
    const local = ghostUrl(url);
    const u = new URL(local, 'http://ghost.invalid');
    if (isAbsoluteUrl(local) && !hosts.has(bareHost(u.hostname))) return null;
    const p = u.pathname;
    const m = /\/content\/images\/(.+)$/.exec(p);
    return m ? decodeURIComponent(m[1]!) : null;
  } catch {
    return null;
  }
}

/** Ghost statuses; `sent` (an email-only newsletter, never on the web) becomes a draft, not a public page. */
const STATUS_OF: Record<string, Status> = { published: 'published', scheduled: 'published', draft: 'draft', sent: 'draft' };

export async function importGhost(deps: Deps, open: () => AsyncIterable<string | Uint8Array>, opts: GhostImportOptions): Promise<GhostImportReport> {
  const started = performance.now();
  // An importer's conversion waits for room in the converter's bounds rather than failing its record as busy.
  const convert = opts.convert ?? convertHtmlWaiting;
  const siteHosts = new Set(opts.siteUrl && URL.canParse(opts.siteUrl) ? [bareHost(new URL(opts.siteUrl).hostname)] : []);
  const imagePath = (url: string) => ghostImagePath(url, siteHosts);
  const run = importRun(deps, KINDS, () => GHOST_SOURCE, opts.onProgress, opts.batch, opts.batchMaxMs);
  const { note } = run;
  /** The run's queries go through the batch it writes in (services/import-common.ts). */
  const db = run.db;
  const report: GhostImportReport = { source: GHOST_SOURCE, version: '', counts: run.counts, notes: run.notes, mediaKept: [], redirects: 0, seconds: 0 };

  // Pass 1: the small tables, whatever their place in the file.
  const users = new Map<string, GhostRow>();
  const tagsById = new Map<string, GhostRow>();
  const postTags = new Map<string, { tag: string; order: number }[]>();
  const postAuthors = new Map<string, { user: string; order: number }[]>();
  const postMeta = new Map<string, GhostRow>();
  const push = <T>(m: Map<string, T[]>, key: string, v: T) => (m.get(key) ?? m.set(key, []).get(key)!).push(v);
  const read = async function* (tables: string[]) {
    try {
      for await (const r of readGhost(open(), new Set(tables))) yield r.kind === 'row' ? { ...r, row: importValue(r.row) } : r;
    } catch (err) {
      if (err instanceof GhostFileError) {
        throw new AppError('IMPORT_FILE_INVALID', `${err.message} (near byte ${err.byte}, line ${err.line})`, {
          hint: 'What was read before this point is imported and stays. Fix the file there (a truncated export: export it again from Ghost → Settings → Labs) and run the same command: nothing is imported twice.',
          details: { byte: err.byte, line: err.line, imported: run.counts },
        });
      }
      throw err;
    }
  };
  for await (const r of read(['tags', 'users', 'posts_tags', 'posts_authors', 'posts_meta'])) {
    if (r.kind === 'meta') {
      report.version = r.meta.version;
      continue;
    }
    const { table, row } = r;
    if (table === 'users') users.set(s(row.id), row);
    else if (table === 'tags') tagsById.set(s(row.id), row);
    else if (table === 'posts_tags') push(postTags, s(row.post_id), { tag: s(row.tag_id), order: Number(row.sort_order) || 0 });
    else if (table === 'posts_authors') push(postAuthors, s(row.post_id), { user: s(row.author_id), order: Number(row.sort_order) || 0 });
    else if (table === 'posts_meta') postMeta.set(s(row.post_id), row);
  }

  /** Slug → local id; undefined for one the database refused (its posts go without it). */
  const authors = new Map<string, number | undefined>();
  const importAuthor = async (u: GhostRow): Promise<number | undefined> => {
    const slug = s(u.slug).trim();
    if (!slug) {
      note({ kind: 'author', id: s(u.id) || '?', outcome: 'failed', reason: 'a user without a slug' });
      return undefined;
    }
    if (authors.has(slug)) return authors.get(slug);
    const key = await run.known('author', slug, run.existsIn('contributors'), 'contributor');
    if (key) {
      authors.set(slug, key.localId);
      note({ kind: 'author', id: slug, outcome: 'unchanged', localId: key.localId });
      return key.localId;
    }
    const name = (s(u.name).trim() || slug).slice(0, CONTRIBUTOR_NAME_MAX);
    const wanted = slugFromHeadline(decodeSlug(slug) || name).slice(0, 80);
    const taken = await contributorSlugsLike(db(), wanted);
    const ours = await run.freeSlug(wanted, async (x) => taken.has(x));
    const made = await run.atomic(async (trx) => {
      const row = await insertContributor(trx, { slug: ours, name }, nowIso(deps));
      await putImportKey(
        trx,
        { source: GHOST_SOURCE, kind: 'author', sourceId: slug, localId: row.id, localRevision: null, checksum: importChecksum({ slug, name }) },
        nowIso(deps),
      );
      return row.id;
    });
    authors.set(slug, made);
    await run.redirect(termPath('author', slug), authorPath(opts.locale, ours));
    note({ kind: 'author', id: slug, outcome: 'imported', localId: made });
    return made;
  };

  const tags = new Map<string, number | null>();
  const importTag = async (t: GhostRow): Promise<number | undefined> => {
    const slug = s(t.slug).trim();
    if (tags.has(slug)) return tags.get(slug) ?? undefined;
    const name = s(t.name).trim();
    if (!slug) {
      note({ kind: 'tag', id: s(t.id) || '?', outcome: 'failed', reason: 'a tag without a slug' });
      return undefined;
    }
    // Ghost's internal tags (`#name`, visibility "internal") drive its themes, not readers: not imported.
    if (t.visibility === 'internal' || name.startsWith('#') || slug.startsWith('hash-')) {
      tags.set(slug, null);
      note({ kind: 'tag', id: slug, outcome: 'skipped', reason: `internal tag "${name || slug}": not imported` });
      return undefined;
    }
    const key = await run.known('tag', slug, async (local) => (await tagsByIds(db(), [local])).length > 0, 'tag');
    if (key) {
      tags.set(slug, key.localId);
      note({ kind: 'tag', id: slug, outcome: 'unchanged', localId: key.localId });
      return key.localId;
    }
    const ours = slugFromHeadline(decodeSlug(slug) || name).slice(0, 80);
    const found = await tagRecordBySlug(db(), opts.locale, ours);
    const local = found?.id ?? (await insertTag(db(), { locale: opts.locale, slug: ours, name: (name || decodeSlug(slug)).slice(0, 200) }));
    await putImportKey(
      db(),
      { source: GHOST_SOURCE, kind: 'tag', sourceId: slug, localId: local, localRevision: null, checksum: importChecksum({ slug, name }) },
      nowIso(deps),
    );
    tags.set(slug, local);
    await run.redirect(termPath('tag', slug), tagPath(opts.locale, ours));
    note({ kind: 'tag', id: slug, outcome: 'imported', localId: local });
    return local;
  };
  // A tag or author the database refuses fails alone, and the posts that name it go without it (not tried again).
  // In the batch: `alone` puts each under a savepoint only there; without one a refusal part-way (the tag in, its
  // key refused) left a half-written record behind a report that said nothing of it was stored.
  await run.begin();
  try {
    for (const t of tagsById.values()) {
      await run.alone(
        { kind: 'tag', id: s(t.slug).trim() || '?' },
        () => importTag(t),
        () => tags.set(s(t.slug).trim(), null),
      );
      await run.checkpoint();
    }
    for (const u of users.values()) {
      await run.alone(
        { kind: 'author', id: s(u.slug).trim() || '?' },
        () => importAuthor(u),
        () => authors.set(s(u.slug).trim(), undefined),
      );
      await run.checkpoint();
    }
  } catch (err) {
    await run.commitIfSound().catch(() => run.rollback().catch(() => undefined));
    throw err;
  }

  /**
   * Posts being read ahead of the one written. They convert only: their keys are looked up before (`postKey`), between
   * two records' writes. A look-up made while they were read ahead ran inside whichever record's savepoint was open
   * then: a record that failed rolled back what the look-up changed (a stale key dropped) with its own work, and on
   * PostgreSQL a look-up that came between the failed statement and the rollback failed too, and stopped the run.
   */
  const ahead: ReturnType<typeof preparePost>[] = [];

  const heroes = new Map<string, { id: number; alt: string } | null>();
  const heroOf = async (url: string, alt: string, caption: string, at: { id: string }): Promise<{ id: number; alt: string } | undefined> => {
    if (!opts.media) return undefined;
    const rel = imagePath(url);
    if (!rel) {
      note({ kind: 'image', id: at.id, outcome: 'skipped', reason: `not under /content/images/: ${url}` });
      return undefined;
    }
    if (heroes.has(rel)) return heroes.get(rel) ?? undefined;
    // The media library writes in transactions of its own, and files with them: outside the batch.
    const media = opts.media;
    const got = await run.outside(() => importMediaFile(deps, media, rel, { alt: alt || null, caption: caption || null }));
    if (!got.ok) {
      heroes.set(rel, null);
      note({ kind: 'image', id: rel, outcome: got.outcome, reason: got.reason });
      return undefined;
    }
    heroes.set(rel, { id: got.id, alt: got.alt });
    note({ kind: 'image', id: rel, outcome: got.created ? 'imported' : 'unchanged', localId: got.id });
    return { id: got.id, alt: got.alt };
  };
  const textOf = htmlAsText(convert);

  let section: number | undefined;
  /**
   * Ghost has no sections: posts are filed under the site's first section (an editor moves them afterwards), or, on a
   * site without any, a "News" section made for them.
   */
  const postsSection = async () => {
    const first = await firstSectionId(db());
    if (first) return first;
    return run.atomic(async (trx) => {
      const sid = await insertSection(trx, { slug: 'news', position: (await maxSectionPosition(trx)) + 1, hidden: false }, nowIso(deps));
      await setSectionTexts(trx, sid, Object.fromEntries((opts.locales ?? [opts.locale]).map((l) => [l, { name: 'News', description: null }])));
      return sid;
    });
  };
  const postKind = (p: GhostRow) => (p.type === 'page' || p.page === true || p.page === 1 ? 'page' : 'post');
  const postId = (p: GhostRow) => s(p.uuid) || `id:${s(p.id)}`;
  /** A post's import key, if it has one: looked up between two records' writes, never while a savepoint is open. */
  const postKey = async (p: GhostRow) =>
    STATUS_OF[s(p.status)] ? run.known(postKind(p), postId(p), async (local) => (await getArticleRow(db(), local)) !== undefined) : undefined;
  /**
   * What a post needs before it is saved, read ahead of the save (a few posts at a time, so the converter's workers
   * run while the database writes): its checksum and converted body, given its `key` (`postKey`). No database work:
   * what it reads would go into the savepoint of the record being written meanwhile. Notes nothing itself:
   * `importPost` does, in file order.
   */
  const preparePost = async (p: GhostRow, key: ImportKey | undefined) => {
    const ghostId = s(p.id);
    const kind = postKind(p);
    const isPage = kind === 'page';
    const id = postId(p);
    const at = { kind, id } as const;
    const ghostStatus = s(p.status);
    let status = STATUS_OF[ghostStatus];
    if (!status) return { done: { ...at, outcome: 'skipped' as const, reason: `status "${ghostStatus}" is not imported` } };
    const warnings: string[] = [];
    if (ghostStatus === 'sent') warnings.push('an email-only newsletter ("sent"): imported as a draft');
    const visibility = s(p.visibility) || 'public';
    if (visibility !== 'public' && status === 'published') {
      status = 'draft';
      warnings.push(`for ${visibility} only in Ghost: imported as a draft (Masthead has no member-only pages)`);
    }
    const meta = postMeta.get(ghostId) ?? {};
    const tagRows = (postTags.get(ghostId) ?? []).sort((a, b) => a.order - b.order).map((x) => tagsById.get(x.tag));
    const authorRows = (postAuthors.get(ghostId) ?? [])
      .sort((a, b) => a.order - b.order)
      .map((x) => users.get(x.user))
      .filter((u): u is GhostRow => !!u);
    if (!authorRows.length && s(p.author_id) && users.has(s(p.author_id))) authorRows.push(users.get(s(p.author_id))!);
    const sum = importChecksum({ p, meta, tags: tagRows.map((t) => t && s(t.slug)), authors: authorRows.map((u) => s(u.slug)) });
    if (key && key.checksum === sum) return { done: { ...at, outcome: 'unchanged' as const, localId: key.localId } };

    const rendered = ghostBodyHtml(p);
    warnings.push(...rendered.warnings);
    // Mobiledoc and lexical are JSON inside the row's strings: their escaped controls appear only once rendered.
    const html = importText(rendered.html);
    let body: Doc;
    let excerpt: string;
    try {
      body = html.trim() ? await convert(html) : { type: 'doc', content: [] };
      // Ghost's excerpts and meta descriptions are plain text (not HTML): no trip through the converter.
      excerpt = (s(p.custom_excerpt) || s(meta.meta_description) || s(p.meta_description)).replace(/\s+/g, ' ').trim();
    } catch (err) {
      return { done: { ...at, outcome: 'failed' as const, reason: err instanceof AppError ? `${err.code}: ${err.message}` : String(err) } };
    }
    return { done: undefined, p, ghostId, isPage, kind, id, at, status, warnings, key, meta, tagRows, authorRows, sum, body, excerpt };
  };

  const bodyImages = bodyImageImporter(deps, opts.media, imagePath, ghostOriginal, (fn) => run.outside(fn));
  const keptUrls = new Set<string>();
  const keepUrl = (url: string) => {
    if (keptUrls.has(url)) return;
    keptUrls.add(url);
    report.mediaKept.push(url);
  };
  const seen = new Set<string>();
  const importPost = async (prepared: Awaited<ReturnType<typeof preparePost>>) => {
    if (prepared.done) return note(prepared.done);
    const { p, isPage, kind, id, at, status, warnings, key, meta, tagRows, authorRows, sum, excerpt } = prepared;
    // Images in the text: into the library with --media-dir, else kept at their address and listed in the report.
    const images = await bodyImages(prepared.body);
    const body = images.doc;
    warnings.push(...images.warnings);
    for (const url of images.kept) keepUrl(url);
    // A uuid twice in one file is one post: the second would be made beside the first (it was read ahead).
    if (!key && seen.has(`${kind}:${id}`)) return note({ ...at, outcome: 'failed', reason: 'the same uuid twice in the file: the second is not imported' });
    seen.add(`${kind}:${id}`);
    let headline = s(p.title).trim() || `Untitled (Ghost post ${id})`;
    if (headline.length > MAX_HEADLINE) {
      headline = `${headline.slice(0, MAX_HEADLINE - 1)}…`;
      warnings.push(`headline cut to ${MAX_HEADLINE} characters`);
    }
    const tagIds: number[] = [];
    if (!isPage)
      for (const t of tagRows)
        if (t) {
          const local = await importTag(t);
          if (local) tagIds.push(local);
        }
    const bylines: { contributorId: number; role: 'author' }[] = [];
    if (!isPage)
      for (const u of authorRows) {
        const local = await importAuthor(u);
        if (local && !bylines.some((b) => b.contributorId === local)) bylines.push({ contributorId: local, role: 'author' });
      }
    const image = s(p.feature_image) || s(p.image);
    const alt = (s(meta.feature_image_alt) || s(p.feature_image_alt)).trim().slice(0, 500);
    let caption = '';
    try {
      caption = (await textOf(s(meta.feature_image_caption) || s(p.feature_image_caption))).slice(0, 1000);
    } catch (err) {
      // The caption's HTML refused (too complex, too slow) or its conversion failed (a worker's error, not an
      // AppError): the post is imported without it, and the report says so.
      warnings.push(`the featured image's caption was left out: ${err instanceof AppError ? `${err.code}: ${err.message}` : String(err)}`);
    }
    const hero = image ? await heroOf(image, alt, caption, at) : undefined;
    if (image && !hero) keepUrl(ghostUrl(image));
    section ??= await postsSection();
    const publishedAt = status === 'published' ? (ghostDate(p.published_at) ?? ghostDate(p.created_at) ?? nowIso(deps)) : ghostDate(p.published_at);
    const slug = slugFromHeadline(decodeSlug(s(p.slug)) || headline).slice(0, 80);
    const seoTitle = (s(meta.meta_title) || s(p.meta_title)).trim().slice(0, 200);
    const seoDescription = (s(meta.meta_description) || s(p.meta_description)).trim().slice(0, 500);
    const input = {
      locale: opts.locale,
      headline,
      deck: excerpt.slice(0, 1000) || null,
      body,
      sectionId: section!,
      tagIds: [...new Set(tagIds)].slice(0, 50),
      bylines,
      status,
      ...(publishedAt ? { publishedAt } : {}),
      ...(isPage ? { kind: 'page' as const } : {}),
      ...(hero ? { hero: { mediaId: hero.id, alt: alt || hero.alt || null, caption: caption || null } } : {}),
      ...(seoTitle ? { seoTitle } : {}),
      ...(seoDescription ? { seoDescription } : {}),
      slug,
    };
    const from = termPath('', s(p.slug));
    await run.saveArticle({ at, key, input, isPage, sum, olds: from ? pathVariants(from) : [], warnings });
  };

  // Pass 2: the posts, written in batches (one transaction per IMPORT_BATCH records), read ahead of the writes, in the
  // batch Pass 1's tags and authors opened.
  try {
    for await (const r of read(['posts'])) {
      if (r.kind !== 'row') continue;
      ahead.push(preparePost(r.row, await postKey(r.row)));
      if (ahead.length >= READ_AHEAD) {
        await importPost(await ahead.shift()!);
        await run.checkpoint();
      }
    }
    while (ahead.length) await importPost(await ahead.shift()!);
    await run.commit();
  } catch (err) {
    // What was written whole stays (each post's key commits with it); a re-run finishes the job. A batch the database
    // aborted (PostgreSQL, a statement that failed outside a record's savepoint) cannot be committed: COMMIT would roll
    // it back without a word. It is rolled back openly, and the error says so.
    if (err instanceof AppError && err.code === 'IMPORT_FILE_INVALID') await stopAtFileFault(run, err);
    const kept = await run.commitIfSound().catch(() =>
      run.rollback().then(
        () => false,
        () => false,
      ),
    );
    if (!kept && err instanceof Error) err.message += ' (the batch of posts being written was rolled back: running the same command again imports them)';
    throw err;
  } finally {
    // A run that stops (a broken file, a failure) lets the posts read ahead settle: none is saved.
    await Promise.allSettled(ahead);
  }
  report.redirects = run.redirects;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
