import { z } from 'zod';
import { LOCALE_RE } from '../content/locales.js';
import { auditActor, type Principal } from '../content/principal.js';
import { MAX_SLUG_LENGTH, SLUG_RE, slugFromHeadline } from '../content/slug.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { tagPath } from '../content/urls.js';
import { insertAudit } from '../db/audit-repo.js';
import { putPathRedirect } from '../db/sections-repo.js';
import {
  deleteTagRow,
  groupMembers,
  insertTag,
  listTagRecords,
  mergeTagRows,
  freshGroup,
  setGroupOf,
  tagArticleIds,
  tagRecord,
  tagRecordBySlug,
  updateTagRow,
  type TagRecord,
} from '../db/tags-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, notFound, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { INLINE_REINDEX_MAX, reindexStoriesOf } from './search-refresh.js';

/**
 * Tags as the newsroom runs them (issue 13): listed per language with their story counts, renamed (a new slug keeps
 * the old address as a redirect), merged, deleted while unused, and linked to their equivalents in other languages (a
 * translation group), which a translation of a story then carries (services/articles.ts translateArticle). Reading
 * needs a newsroom account; changes need `tag.manage`. A change announces the tag's language (`l-{lang}`): every page
 * of it may name the tag.
 */

export type { TagRecord };
/** A tag with its equivalents in other languages, keyed by locale. */
export type TagView = TagRecord & { translations: Record<string, { id: number; slug: string; name: string }> };

const slugField = z.string().trim().max(MAX_SLUG_LENGTH).regex(SLUG_RE, 'lower-case letters, digits and single dashes');
const nameField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((n) => /[\p{L}\p{N}]/u.test(n), 'needs a letter or digit');

export const TagCreate = z.strictObject({ locale: z.string().regex(LOCALE_RE), name: nameField, slug: slugField.optional() });
export const TagPatch = z.strictObject({
  name: nameField.optional(),
  slug: slugField.optional(),
  /** Per other language: the equivalent tag's id, or null to unlink that language. */
  translations: z.record(z.string().regex(LOCALE_RE), z.number().int().positive().nullable()).optional(),
});
export const TagListQuery = z.strictObject({
  locale: z.string().regex(LOCALE_RE).optional(),
  q: z.string().trim().max(100).optional(),
  after: z
    .string()
    .regex(/^[a-z]{2,3}\/[a-z0-9-]{1,80}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const slugTaken = (locale: string, slug: string) =>
  new AppError('SLUG_TAKEN', `Another ${locale} tag already has the address "${slug}".`, {
    hint: 'Choose another slug, or merge this tag into that one if they are the same.',
    details: { fields: { slug: 'taken' }, slug, locale },
  });

const announce = (deps: Deps, locales: string[]) => deps.changes.publish([...new Set(locales)].map(surrogateKey.locale));

async function view(deps: Deps, t: TagRecord): Promise<TagView> {
  const members = t.group === null ? [] : await groupMembers(deps.db.kysely, t.group);
  return { ...t, translations: Object.fromEntries(members.filter((m) => m.id !== t.id).map((m) => [m.locale, { id: m.id, slug: m.slug, name: m.name }])) };
}

async function record(deps: Deps, id: number): Promise<TagRecord> {
  const t = await tagRecord(deps.db.kysely, id);
  if (!t) throw notFound(`Tag ${id}`, 'Tags are named by id, as GET /api/admin/v1/tags lists them.');
  return t;
}

/** The id of a language's tag by slug, or VALIDATION_FAILED naming `field`. */
export async function tagIdBySlug(deps: Deps, locale: string, slug: string, field: string): Promise<number> {
  const t = await tagRecordBySlug(deps.db.kysely, locale, slug.trim());
  if (!t) throw validationFailed('tag', { [field]: `no ${locale} tag "${slug.trim()}"` }, { hint: 'Use the slug the tags list shows for that language.' });
  return t.id;
}

export const findTag = async (deps: Deps, id: number): Promise<TagView> => view(deps, await record(deps, id));

/** One page of tags in (language, slug) order; `next` is the cursor of the following page, null on the last. */
export async function listTags(deps: Deps, raw: unknown): Promise<{ items: TagView[]; next: string | null; query: z.output<typeof TagListQuery> }> {
  const query = parseFields(TagListQuery, raw, 'query', { plural: false });
  const [l, s] = query.after?.split('/') ?? [];
  const rows = await listTagRecords(deps.db.kysely, {
    ...(query.locale ? { locale: query.locale } : {}),
    ...(query.q ? { q: query.q, qSlug: slugFromHeadline(query.q) } : {}),
    ...(l && s ? { after: { locale: l, slug: s } } : {}),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await Promise.all(page.map((t) => view(deps, t))), next: rows.length > query.limit && last ? `${last.locale}/${last.slug}` : null, query };
}

export async function createTag(deps: Deps, who: Principal, locales: readonly string[], raw: unknown): Promise<TagView> {
  assertCan(who.actor, 'tag.manage');
  const input = parseFields(TagCreate, raw, 'tag');
  if (!locales.includes(input.locale)) throw validationFailed('tag', { locale: `not one of the site's languages (${locales.join(', ')})` });
  const slug = input.slug ?? slugFromHeadline(input.name);
  const k = deps.db.kysely;
  const id = await k
    .transaction()
    .execute(async (trx) => {
      if (await tagRecordBySlug(trx, input.locale, slug)) throw slugTaken(input.locale, slug);
      const id = await insertTag(trx, { locale: input.locale, slug, name: input.name });
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: nowIso(deps),
        actorUserId,
        action: 'tag.created',
        subjectType: 'tag',
        subjectId: id,
        details: { locale: input.locale, slug, ...via },
      });
      return id;
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? slugTaken(input.locale, slug) : e;
    });
  return findTag(deps, id);
}

/**
 * Renames (name and/or slug; a new slug keeps the old address as a redirect) and links or unlinks equivalents:
 * `translations: {ru: 12}` puts tag 12 (a Russian tag) in this tag's group, replacing the group's Russian tag if it
 * had another; `{ru: null}` takes the group's Russian tag out.
 */
export async function updateTag(deps: Deps, who: Principal, id: number, raw: unknown): Promise<TagView> {
  assertCan(who.actor, 'tag.manage');
  const input = parseFields(TagPatch, raw, 'tag');
  const t = await record(deps, id);
  const now = nowIso(deps);
  const slug = input.slug ?? t.slug;
  const touched = [t.locale];
  await deps.db.kysely
    .transaction()
    .execute(async (trx) => {
      if (slug !== t.slug) {
        if (await tagRecordBySlug(trx, t.locale, slug)) throw slugTaken(t.locale, slug);
        await putPathRedirect(trx, tagPath(t.locale, t.slug), tagPath(t.locale, slug), now);
      }
      await updateTagRow(trx, id, { slug, ...(input.name ? { name: input.name } : {}) });
      // The tag's name is in its stories' index entries: they change with it (services/search-refresh.ts).
      if (input.name && input.name !== t.name) await reindexStoriesOf(trx, { tagId: id }, now);
      let group = t.group;
      for (const [locale, otherId] of Object.entries(input.translations ?? {})) {
        if (locale === t.locale) throw validationFailed('tag', { [`translations.${locale}`]: 'is this tag’s own language' });
        const current = group === null ? undefined : (await groupMembers(trx, group)).find((m) => m.locale === locale);
        if (otherId === null) {
          if (current) await updateTagRow(trx, current.id, { translation_group: null });
          continue;
        }
        const other = await tagRecord(trx, otherId);
        if (!other) throw validationFailed('tag', { [`translations.${locale}`]: `no tag ${otherId}` });
        if (other.locale !== locale) throw validationFailed('tag', { [`translations.${locale}`]: `tag ${otherId} is a ${other.locale} tag` });
        if (current?.id === other.id) continue;
        if (current) await updateTagRow(trx, current.id, { translation_group: null });
        if (group === null) {
          group = other.group ?? (await freshGroup(trx));
          await updateTagRow(trx, id, { translation_group: group });
        }
        // The other tag's own group joins this one, unless it would bring a second tag of a language.
        if (other.group !== null && other.group !== group) {
          const mine = new Set((await groupMembers(trx, group)).map((m) => m.locale));
          const clash = (await groupMembers(trx, other.group)).find((m) => m.id !== other.id && mine.has(m.locale));
          if (clash) {
            throw validationFailed(
              'tag',
              { [`translations.${locale}`]: `tag ${otherId} is linked to ${clash.locale} tag ${clash.id}, and this tag to another ${clash.locale} tag` },
              { hint: 'Unlink one of the two first (send null for that language).' },
            );
          }
          await setGroupOf(trx, other.group, group);
        } else {
          await updateTagRow(trx, other.id, { translation_group: group });
        }
        touched.push(locale);
      }
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'tag.updated',
        subjectType: 'tag',
        subjectId: id,
        details: { ...(slug !== t.slug ? { from: t.slug, to: slug } : {}), fields: Object.keys(input), ...via },
      });
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? slugTaken(t.locale, slug) : e;
    });
  await announce(deps, touched);
  return findTag(deps, id);
}

/** Merges a tag into another of the same language: its stories get the target, its address redirects there, it goes. */
export async function mergeTag(deps: Deps, who: Principal, id: number, into: number): Promise<{ merged: TagRecord; into: TagView }> {
  assertCan(who.actor, 'tag.manage');
  const from = await record(deps, id);
  const target = await tagRecord(deps.db.kysely, into);
  if (!target) throw validationFailed('merge', { into: `no tag ${into}` });
  if (target.id === from.id) throw validationFailed('merge', { into: 'is the tag being merged' }, { hint: 'Merge a tag into another one.' });
  if (target.locale !== from.locale) {
    throw new AppError('WRONG_LOCALE', `Tag ${into} is a ${target.locale} tag; tag ${id} is ${from.locale}.`, {
      hint: 'Merge tags of one language; link tags of different languages as translations instead (PATCH with translations).',
      details: { pointer: '#/into' },
    });
  }
  const now = nowIso(deps);
  await deps.db.kysely.transaction().execute(async (trx) => {
    // Its stories now carry the target's name in the index; at most one more than the inline bound is read.
    const carried = await tagArticleIds(trx, from.id, 0, INLINE_REINDEX_MAX + 1);
    await mergeTagRows(trx, from.id, target.id);
    await reindexStoriesOf(trx, { tagId: target.id }, now, carried);
    await putPathRedirect(trx, tagPath(from.locale, from.slug), tagPath(target.locale, target.slug), now);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'tag.merged',
      subjectType: 'tag',
      subjectId: from.id,
      details: { slug: from.slug, into: target.id, articles: from.articles, ...via },
    });
  });
  await announce(deps, [from.locale]);
  return { merged: from, into: await findTag(deps, target.id) };
}

/** Deletes an unused tag; one that a story carries (any state) is refused: merge it instead. */
export async function deleteTag(deps: Deps, who: Principal, id: number): Promise<void> {
  assertCan(who.actor, 'tag.manage');
  const t = await record(deps, id);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const fresh = await tagRecord(trx, id);
    if (fresh && fresh.articles > 0) {
      throw new AppError('TAG_IN_USE', `The tag "${t.name}" is on ${fresh.articles} stor${fresh.articles === 1 ? 'y' : 'ies'}.`, {
        hint: 'Merge it into another tag instead: its stories get that tag and its address redirects there.',
        details: { articles: fresh.articles },
      });
    }
    await deleteTagRow(trx, id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, { at: nowIso(deps), actorUserId, action: 'tag.deleted', subjectType: 'tag', subjectId: id, details: { slug: t.slug, ...via } });
  });
  await announce(deps, [t.locale]);
}
