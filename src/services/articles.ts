import { canEditArticle, DRAFT_STATUSES, matches, readFilter, type ArticleResource } from '../content/policy.js';
import type { Article, ContributorRole, Status } from '../content/types.js';
import { matchCondition } from '../search/search-query.js';
import { contributorOfUser, existingIds, listAdminArticles, storyVersions, tagsByIds, tagsBySlugs } from '../db/admin-articles-repo.js';
import { getArticleRow, updateArticleRow } from '../db/articles-repo.js';
import { getRevision } from '../db/revisions-repo.js';
import { loadArticle } from '../db/load-article.js';
import { wasSeenByReaders } from '../content/visibility.js';
import { articleResource } from '../db/article-access.js';
import { insertAudit } from '../db/audit-repo.js';
import { setTranslatedFrom } from '../db/desk-repo.js';
import { equivalentTags } from '../db/tags-repo.js';
import { AppError, notFound } from '../errors.js';
import type { ArticleInput } from './article-input.js';
import { resolveNamedRefs, type NamedRefs } from './article-refs.js';
import { addCorrection, createArticle, updateArticle, type InTransaction } from './article-store.js';
import { deskInfo } from './desk-info.js';
import { pendingChangesOf, type PendingChanges } from './pending-info.js';
import { assertCan, refusal } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from '../content/principal.js';
import { stateOf, type WorkflowState } from '../content/workflow.js';

/**
 * The Admin API's article use cases: the policy check, reference checks that name bad fields, and an audit row,
 * around the article services every writer of articles shares (services/articles.ts).
 */

/** The fields a client may set on create and update; status and dates move only through the workflow. */
export type ArticleFields = Omit<ArticleInput, 'status' | 'publishedAt' | 'scheduledAt' | 'storyId' | 'locale'>;
/** The same, with the section, tags and bylines' contributors also nameable by slug and name (services/article-refs.ts). */
export type SentFields = Omit<ArticleFields, 'sectionId' | 'tagIds' | 'bylines'> & NamedRefs;

export type AdminArticle = {
  article: Article;
  state: WorkflowState;
  scheduledAt: string | null;
  versions: { id: number; locale: string; status: string }[];
  /** A live story's edits waiting to be published (services/pending-changes.ts), null when none wait. */
  pending: PendingChanges | null;
};

const resourceOf = (deps: Deps, row: { id: number; status: string; published_at: string | null }): Promise<ArticleResource> =>
  articleResource(deps.db.kysely, row);

export const invalid = (fields: Record<string, string>) =>
  new AppError('VALIDATION_FAILED', `${Object.keys(fields).length} field(s) refer to something that does not exist: ${Object.keys(fields).join(', ')}.`, {
    hint: 'Correct the named fields and send again; nothing was stored.',
    details: { fields },
  });

/** Sections, tags (of the article's language), contributors, partner and hero media must exist. */
export async function checkReferences(deps: Deps, locale: string, f: ArticleFields): Promise<void> {
  const k = deps.db.kysely;
  const bad: Record<string, string> = {};
  const bylineIds = (f.bylines ?? []).map((b) => b.contributorId);
  const [sections, contributors, partners, media, tags] = await Promise.all([
    existingIds(k, 'sections', [f.sectionId]),
    existingIds(k, 'contributors', bylineIds),
    existingIds(k, 'partners', f.source ? [f.source.partnerId] : []),
    existingIds(k, 'media', f.hero ? [f.hero.mediaId] : []),
    tagsByIds(k, f.tagIds ?? []),
  ]);
  if (!sections.has(f.sectionId)) bad['sectionId'] = `no section ${f.sectionId}`;
  (f.bylines ?? []).forEach((b, i) => {
    if (!contributors.has(b.contributorId)) bad[`bylines.${i}.contributorId`] = `no contributor ${b.contributorId}`;
  });
  if (f.source && !partners.has(f.source.partnerId)) bad['source.partnerId'] = `no partner ${f.source.partnerId}`;
  if (f.hero && !media.has(f.hero.mediaId)) bad['hero.mediaId'] = `no media ${f.hero.mediaId}`;
  const tagLocale = new Map(tags.map((t) => [t.id, t.locale]));
  (f.tagIds ?? []).forEach((id, i) => {
    const l = tagLocale.get(id);
    if (l === undefined) bad[`tagIds.${i}`] = `no tag ${id}`;
    else if (l !== locale) bad[`tagIds.${i}`] = `tag ${id} belongs to locale ${l}, not ${locale}`;
  });
  if (Object.keys(bad).length) throw invalid(bad);
}

/**
 * May this principal read the article? What readers see now, anyone; the rest (drafts, scheduled, taken down) needs
 * `article.read-draft` on it. The one rule behind the article GET's 403, and behind every list that shows another
 * version's headline (the edit page, the translation desk), so a list never tells what the article would refuse.
 */
export async function mayReadArticle(deps: Deps, who: Principal, a: { id: number; status: string; publishedAt: string | null }): Promise<boolean> {
  const filter = readFilter(who.actor);
  const now = nowIso(deps);
  // Owners only ever add to what a filter admits: when it holds without them, their look-up is saved.
  if (matches(filter, { ownerIds: [], status: a.status as Status, publishedAt: a.publishedAt }, now)) return true;
  return matches(filter, await resourceOf(deps, { id: a.id, status: a.status, published_at: a.publishedAt }), now);
}

/** One article with its workflow state and its story's other language versions; drafts need `article.read-draft`. */
export async function readArticle(deps: Deps, who: Principal, id: number): Promise<AdminArticle> {
  const article = await loadArticle(deps.db.kysely, id);
  if (!article) throw notFound(`Article ${id}`);
  if (!(await mayReadArticle(deps, who, article))) throw refusal(who.actor, 'article.read-draft');
  return withState(deps, article);
}

/**
 * The same without the read check: for answering the request that just created the article (an API key owns
 * nothing, so an `author` key could not read its own new draft back, but is shown what it stored).
 */
export async function readCreated(deps: Deps, id: number): Promise<AdminArticle> {
  const article = await loadArticle(deps.db.kysely, id);
  if (!article) throw notFound(`Article ${id}`);
  return withState(deps, article);
}

async function withState(deps: Deps, article: Article): Promise<AdminArticle> {
  const id = article.id;
  const now = nowIso(deps);
  const [row, versions] = await Promise.all([getArticleRow(deps.db.kysely, id), storyVersions(deps.db.kysely, article.storyId)]);
  const pending = row ? await pendingChangesOf(deps.db.kysely, row, article) : null;
  return {
    article,
    state: stateOf({ status: article.status, published_at: article.publishedAt }, now),
    scheduledAt: row?.scheduled_at ?? null,
    versions: versions.filter((v) => v.id !== id).map((v) => ({ id: v.id, locale: v.locale, status: v.status })),
    pending,
  };
}

export type ListQuery = {
  /** Stories unless 'page' (services/pages.ts lists pages). */
  kind?: 'story' | 'page';
  status?: string;
  locale?: string;
  section?: string;
  q?: string;
  /** A contributor on the byline. */
  author?: number;
  /** A user's own stories (created or bylined). */
  authorUser?: number;
  assignee?: number | 'none';
  /** Range on the last change (default) or the publication time: `from` inclusive, `to` exclusive, ISO. */
  dateField?: 'updated' | 'published';
  from?: string;
  to?: string;
  before?: number;
  /** Only stories with pending changes (true), or only those without (false). */
  pending?: boolean;
  limit: number;
};

/**
 * Articles newest first. Who may read every draft sees everything; others see what readers see plus their own.
 * Returns one page and the cursor of the next (null on the last page).
 */
export async function listArticles(deps: Deps, who: Principal, query: ListQuery) {
  const rows = await listAdminArticles(deps.db.kysely, {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.locale ? { locale: query.locale } : {}),
    ...(query.section ? { sectionSlug: query.section } : {}),
    ...(query.q ? { matching: matchCondition(deps.db.kysely, query.q, query.locale) } : {}),
    ...(query.author !== undefined ? { contributorId: query.author } : {}),
    ...(query.authorUser !== undefined ? { ownerUserId: query.authorUser } : {}),
    ...(query.assignee !== undefined ? { assignee: query.assignee } : {}),
    ...(query.dateField ? { dateField: query.dateField } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    now: nowIso(deps),
    ...(query.before !== undefined ? { beforeId: query.before } : {}),
    ...(query.pending !== undefined ? { pending: query.pending } : {}),
    limit: query.limit + 1,
    access: { filter: readFilter(who.actor), now: nowIso(deps) },
  });
  const page = rows.slice(0, query.limit);
  const now = nowIso(deps);
  const desk = await deskInfo(deps, page);
  return {
    items: page.map((r) => ({ ...r, state: stateOf(r, now), ...desk(r) })),
    nextBefore: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}

/** A new draft (a new story). Returns its id. */
export async function createDraft(deps: Deps, who: Principal, sent: SentFields & { locale: string; kind?: 'story' | 'page' }): Promise<number> {
  // A page speaks for the publication: the desk starts one (services/pages.ts).
  assertCan(who.actor, sent.kind === 'page' ? 'page.manage' : 'article.create');
  const fields = await resolveNamedRefs(deps, sent.locale, sent);
  await checkReferences(deps, fields.locale, fields);
  const { actorUserId, via } = auditActor(who);
  return createArticle(deps, { ...fields, status: 'draft' }, who.userId, (trx, id) =>
    insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: fields.kind === 'page' ? 'page.created' : 'article.created',
      subjectType: 'article',
      subjectId: id,
      details: { locale: fields.locale, ...via },
    }),
  );
}

/**
 * Replaces an article's content as a new revision, if `baseRevision` is still the latest (else CONFLICT, nothing
 * stored). Status and publication dates stay as stored: they change only through the workflow. A workflow move is a
 * revision too: a save based on the version before it is refused once the story is scheduled or public (whoever
 * saves should see that first), but taken while it is still a draft or in review and only its state moved since the
 * base (a writer still typing when the story was sent for review loses nothing and sees no conflict).
 */
export async function saveArticle(
  deps: Deps,
  who: Principal,
  id: number,
  baseRevision: number,
  sent: SentFields & { locale?: string | undefined },
  also?: InTransaction<number>,
): Promise<number> {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  const resource = await resourceOf(deps, row);
  if (!canEditArticle(who.actor, resource)) {
    throw new AppError('FORBIDDEN', `Your role (${who.actor.role}) may not edit this article.`, {
      hint: 'Writers edit their own stories until they are submitted; editors and admins edit any. README.md "Who may do what".',
      details: { action: 'article.edit-any' },
    });
  }
  if (sent.locale !== undefined && sent.locale !== row.locale) {
    throw invalid({ locale: `is ${row.locale} and cannot change; create a translation instead` });
  }
  const fields = await resolveNamedRefs(deps, row.locale, sent);
  await checkReferences(deps, row.locale, fields);
  const base =
    baseRevision < row.revision && DRAFT_STATUSES.includes(row.status as Status) && (await onlyStateMoved(deps, id, baseRevision, row.revision))
      ? row.revision
      : baseRevision;
  // Pending changes exist only beside a live version. Off the site (taken down, or a schedule cancelled) the editor
  // loads them as the article's text, so this save holds them and supersedes them; on a live story, a plain save
  // (a script's immediate update) leaves them waiting.
  const supersedes = row.pending_revision !== null && row.status !== 'published';
  return updateArticle(
    deps,
    id,
    { ...fields, locale: row.locale, status: row.status, publishedAt: row.published_at, scheduledAt: row.scheduled_at },
    base,
    who.userId,
    supersedes
      ? async (trx, revision) => {
          await updateArticleRow(trx, id, { pending_revision: null, pending_state: null });
          await also?.(trx, revision);
        }
      : also,
  );
}

/** Whether revisions `from` and `to` hold the same content, differing at most in workflow state and dates. */
async function onlyStateMoved(deps: Deps, id: number, from: number, to: number): Promise<boolean> {
  const [a, b] = await Promise.all([getRevision(deps.db.kysely, id, from), getRevision(deps.db.kysely, id, to)]);
  if (!a || !b) return false;
  const content = (snapshot: string) => {
    const { status: _s, publishedAt: _p, scheduledAt: _sc, ...rest } = JSON.parse(snapshot) as Record<string, unknown>;
    return canonicalJson(rest);
  };
  try {
    return content(a.snapshot) === content(b.snapshot);
  } catch {
    return false;
  }
}

/** JSON with object keys sorted, so two snapshots compare by content whatever order their keys were written in. */
const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1))) : x,
  );

/** A dated correction on a story readers have seen. */
export async function correctArticle(deps: Deps, who: Principal, id: number, text: string): Promise<number> {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`);
  assertCan(who.actor, 'article.add-correction', await resourceOf(deps, row));
  if (!wasSeenByReaders({ status: row.status, publishedAt: row.published_at }, nowIso(deps))) {
    throw new AppError('VALIDATION_FAILED', 'Only a story readers have seen gets corrections.', {
      hint: 'Edit the draft instead: nobody has read it yet.',
      details: { fields: { text: 'the article has not been published' } },
    });
  }
  const { actorUserId, via } = auditActor(who);
  return addCorrection(deps, id, text, (trx, correctionId) =>
    insertAudit(trx, { at: nowIso(deps), actorUserId, action: 'article.correction', subjectType: 'article', subjectId: id, details: { correctionId, ...via } }),
  );
}

/**
 * "Translate": a linked draft in another language of the same story, keeping the structure (body, section, hero,
 * dateline), the tags' equivalents in that language (linked as translations in the admin, or with the same slug), the partner attribution and the original
 * authors (the source's authors become the translation's original authors), and adding the translator's byline
 * (the given contributor, else the acting user's own contributor profile, if any). The text is the source's until the
 * translator replaces it.
 */
export async function translateArticle(
  deps: Deps,
  who: Principal,
  sourceId: number,
  req: { locale: string; translatorContributorId?: number | undefined },
): Promise<number> {
  const k = deps.db.kysely;
  const [source, row] = await Promise.all([loadArticle(k, sourceId), getArticleRow(k, sourceId)]);
  if (!source || !row) throw notFound(`Article ${sourceId}`);
  assertCan(who.actor, 'article.translate', await resourceOf(deps, row));
  if (req.locale === source.locale) throw invalid({ locale: `is the source's own language (${source.locale})` });
  const existing = (await storyVersions(k, source.storyId)).find((v) => v.locale === req.locale);
  if (existing) {
    throw new AppError('DUPLICATE', `This story already has a ${req.locale} version (article ${existing.id}).`, {
      hint: `Edit article ${existing.id} instead.`,
      details: { existingId: existing.id, locale: req.locale },
    });
  }
  let translator: number | null = null;
  if (req.translatorContributorId !== undefined) {
    if (!(await existingIds(k, 'contributors', [req.translatorContributorId])).has(req.translatorContributorId)) {
      throw invalid({ translatorContributorId: `no contributor ${req.translatorContributorId}` });
    }
    translator = req.translatorContributorId;
  } else if (who.userId !== null) {
    translator = await contributorOfUser(k, who.userId);
  }
  // A tag's equivalent linked in the admin (its translation group) first; else a tag with the same slug there.
  const [linked, sameSlug] = await Promise.all([
    equivalentTags(
      k,
      source.tags.map((t) => t.id),
      req.locale,
    ),
    tagsBySlugs(
      k,
      req.locale,
      source.tags.map((t) => t.slug),
    ),
  ]);
  const bySlug = new Map(sameSlug.map((t) => [t.slug, t.id]));
  const tagIds = [...new Set(source.tags.flatMap((t) => linked.get(t.id) ?? bySlug.get(t.slug) ?? []))];
  const bylines: { contributorId: number; role: ContributorRole }[] = [];
  const add = (contributorId: number, role: ContributorRole) => {
    if (!bylines.some((b) => b.contributorId === contributorId && b.role === role)) bylines.push({ contributorId, role });
  };
  for (const b of source.bylines) if (b.role === 'original_author' || b.role === 'author') add(b.contributorId, 'original_author');
  if (translator !== null) add(translator, 'translator');

  const { actorUserId, via } = auditActor(who);
  return createArticle(
    deps,
    {
      locale: req.locale,
      // A page's translation is a page (the About page in another language), without the story's bylines.
      kind: source.kind ?? 'story',
      storyId: source.storyId,
      headline: source.headline,
      deck: source.deck,
      body: source.body,
      dateline: source.dateline,
      sectionId: source.section.id,
      tagIds,
      bylines: source.kind === 'page' ? [] : bylines,
      hero: row.hero_media_id !== null ? { mediaId: row.hero_media_id, alt: row.hero_alt, caption: row.hero_caption, credit: row.hero_credit } : null,
      source:
        row.source_partner_id !== null
          ? { partnerId: row.source_partner_id, url: row.source_url, headline: row.source_headline, locale: row.source_locale }
          : null,
      status: 'draft',
    },
    who.userId,
    async (trx, id) => {
      // What the translation matches, for "needs update" when the source's text changes later.
      await setTranslatedFrom(trx, id, sourceId, row.revision);
      await insertAudit(trx, {
        at: nowIso(deps),
        actorUserId,
        action: 'article.translated',
        subjectType: 'article',
        subjectId: id,
        details: { sourceId, locale: req.locale, translator, ...via },
      });
    },
  );
}
