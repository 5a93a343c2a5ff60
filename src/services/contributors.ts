import { z } from 'zod';
import { can } from '../content/policy.js';
import { auditActor, type Principal } from '../content/principal.js';
import { isSlug, MAX_SLUG_LENGTH, slugFromHeadline } from '../content/slug.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { authorPath } from '../content/urls.js';
import { parseRenditions, renditionsOf } from '../content/media.js';
import { existingIds } from '../db/admin-articles-repo.js';
import { listAssignableUsers } from '../db/desk-repo.js';
import { getMedia, listMedia } from '../db/media-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  contributorArticleIds,
  contributorSlugsLike,
  contributorSlugTaken,
  deleteContributorRow,
  insertContributor,
  listContributorRecords,
  moveContributorBylines,
  setContributorTexts,
  updateContributorRow,
  type ContributorListRow,
  type ContributorRecord,
  type ContributorText,
} from '../db/contributors-repo.js';
import { putPathRedirect } from '../db/sections-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { findUserById } from '../db/users-repo.js';
import { AppError, notFound, parseFields, validationFailed } from '../errors.js';
import { assertCan, refusal } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { reindexStoriesOf } from './search-refresh.js';

/**
 * Contributors as the newsroom keeps them (issue 13): a name, bio and role title per language (the Russian page's
 * byline reads "Наталья Гришина", the English one "Natalya Grishina"), a photo from the media library, social links,
 * an email address and the user account they sign in with. Their own `name` stays what a language without a name of
 * its own shows. Every role may read them (bylines are picked from them); a change needs `contributor.manage`, except
 * that whoever's account a profile is linked to may keep its bio, titles, photo and links (`contributor.edit-own`).
 * Each change writes an audit row in its transaction and, once committed, announces the author pages and the stories
 * that credit them, so bylines, JSON-LD and feeds change within a second.
 */

export type { ContributorListRow, ContributorRecord };

/** Rows read at once while searching: a newsroom has hundreds of contributors, not millions. */
const SCAN = 500;

/**
 * Contributors by id, a page at a time (`after`: the last id of the page before). `q` matches any part of any of
 * their names (their own and each language's) or the slug, case-insensitively in any script: the match is made here
 * rather than in SQL, because SQLite's lower() folds ASCII only and "Ерлан" must be found by "ерл". `user`: only the
 * profile linked to that account; `linked`: only profiles linked (true) or not linked (false) to an account.
 */
export async function listContributors(
  deps: Deps,
  who: Principal,
  f: { q?: string | undefined; after?: number | undefined; limit: number; user?: number | undefined; linked?: boolean | undefined },
): Promise<{ items: ContributorRecord[]; nextAfter: number | null }> {
  assertCan(who.actor, 'contributor.view');
  const k = deps.db.kysely;
  const q = (f.q ?? '').trim().toLocaleLowerCase();
  const filtered = q !== '' || f.user !== undefined || f.linked !== undefined;
  const keep = (r: ContributorRecord) =>
    (!q || [r.name, ...Object.values(r.names)].some((n) => n.toLocaleLowerCase().includes(q)) || r.slug.includes(q)) &&
    (f.user === undefined || r.userId === f.user) &&
    (f.linked === undefined || (r.userId !== null) === f.linked);
  const found: ContributorRecord[] = [];
  let after = f.after ?? 0;
  // One more than a page, to know whether there is a next one.
  const batch = filtered ? SCAN : f.limit + 1;
  for (;;) {
    const rows = await listContributorRecords(k, { after, limit: batch });
    for (const r of rows) if (keep(r)) found.push(r);
    if (found.length > f.limit || rows.length < batch) break;
    after = rows.at(-1)!.id;
  }
  const items = found.slice(0, f.limit);
  return { items, nextAfter: found.length > f.limit ? items.at(-1)!.id : null };
}

/** A contributor by id (digits) or slug. */
export async function findContributorRecord(deps: Deps, key: string | number): Promise<ContributorRecord> {
  const where = typeof key === 'number' || /^\d{1,12}$/.test(key) ? { id: Number(key) } : { slug: key };
  const [c] = await listContributorRecords(deps.db.kysely, where);
  if (!c) throw notFound(`Contributor "${key}"`, 'Name a contributor by their id or slug, as GET /api/admin/v1/contributors lists them.');
  return c;
}

const slugField = z.string().trim().max(MAX_SLUG_LENGTH).refine(isSlug, 'lower-case letters, digits and dashes');
/** The longest name a contributor may have: the admin's form and API refuse more, the importers cut to it. */
export const CONTRIBUTOR_NAME_MAX = 200;
const nameField = z.string().trim().min(1).max(CONTRIBUTOR_NAME_MAX);
const perLocale = (max: number) => z.record(z.string(), z.string().trim().max(max).nullable());
const linkField = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/ }));

/** What a profile may carry; `null` in a per-language field (or an empty string) removes that language's text. */
const profileFields = {
  slug: slugField.optional(),
  names: perLocale(200).optional(),
  bio: z.string().trim().max(5000).nullable().optional(),
  bios: perLocale(5000).optional(),
  titles: perLocale(200).optional(),
  email: z.email().max(320).nullable().optional(),
  links: z.array(linkField).max(20).optional(),
  photoMediaId: z.number().int().positive().nullable().optional(),
  userId: z.number().int().positive().nullable().optional(),
};

export const NewContributor = z.strictObject({ name: nameField.optional(), ...profileFields });
export const ContributorPatch = z.strictObject({ name: nameField.optional(), ...profileFields });
type Patch = z.output<typeof ContributorPatch>;

/** Fields a contributor may change on their own linked profile (`contributor.edit-own`). */
const OWN_FIELDS = new Set(['bio', 'bios', 'titles', 'links', 'photoMediaId']);

const slugTaken = (slug: string) =>
  new AppError('DUPLICATE', `A contributor with the slug "${slug}" already exists.`, {
    hint: 'Choose another slug (it is the address of their page, /{language}/author/{slug}), or leave it out to have one made from the name; to credit the one who exists, pick them from the list.',
    details: { fields: { slug: 'taken' } },
  });

/** Keys of the per-language fields must be the site's languages; the photo and the account must exist. */
async function checkProfile(deps: Deps, locales: readonly string[], f: Patch, selfId: number | null): Promise<void> {
  const bad: Record<string, string> = {};
  for (const field of ['names', 'bios', 'titles'] as const) {
    for (const l of Object.keys(f[field] ?? {})) if (!locales.includes(l)) bad[`${field}.${l}`] = `not one of the site's languages (${locales.join(', ')})`;
  }
  const k = deps.db.kysely;
  if (f.photoMediaId != null && !(await existingIds(k, 'media', [f.photoMediaId])).has(f.photoMediaId)) {
    bad['photoMediaId'] = `no media ${f.photoMediaId}`;
  }
  if (f.userId != null) {
    if (!(await findUserById(k, f.userId))) bad['userId'] = `no user ${f.userId}`;
    else {
      const [other] = (await listContributorRecords(k, {})).filter((c) => c.userId === f.userId && c.id !== selfId);
      if (other) bad['userId'] = `already linked to the contributor "${other.slug}"`;
    }
  }
  if (Object.keys(bad).length) {
    throw validationFailed('contributor', bad, {
      hint: `Key names, bios and titles by the site's languages (${locales.join(', ')}); pick the photo from the media library and an account no other profile has.`,
    });
  }
}

/** The per-language rows to write: what is sent over what is stored, for every language either names. */
function mergedTexts(locales: readonly string[], current: ContributorRecord | null, f: Patch): Record<string, ContributorText> {
  const pick = (sent: Record<string, string | null> | undefined, stored: Record<string, string> | undefined, l: string) =>
    sent && l in sent ? sent[l] || null : (stored?.[l] ?? null);
  return Object.fromEntries(
    locales.map((l) => [l, { name: pick(f.names, current?.names, l), bio: pick(f.bios, current?.bios, l), title: pick(f.titles, current?.titles, l) }]),
  );
}

/**
 * Whether a patch changes a name the search index holds (their own, or one language's as mergedTexts stores it): the
 * admin form sends every name on every save, and re-indexing all their stories for a changed bio is wasted work.
 */
function renames(current: ContributorRecord, f: Patch): boolean {
  if (f.name !== undefined && f.name !== current.name) return true;
  return Object.entries(f.names ?? {}).some(([l, n]) => (n || null) !== (current.names[l] ?? null));
}

const touchesTexts = (f: Patch) => f.names !== undefined || f.bios !== undefined || f.titles !== undefined;

/** The pages that show a contributor: their author pages and feeds (by slug) and the stories that credit them. */
async function announce(deps: Deps, slugs: string[], articleIds: number[]) {
  await deps.changes.publish([...new Set(slugs)].map(surrogateKey.author).concat(articleIds.map(surrogateKey.article)));
}

/**
 * A new contributor: from the editor's byline picker (`{name}`), or a whole profile from the admin or the API. A
 * slug that is sent must be free (DUPLICATE); one made from the name gets -2, -3… when the plain one is taken, since
 * two people may share a name. Without `name`, their own name is the name in the site's first language.
 */
export async function createContributor(deps: Deps, who: Principal, locales: readonly string[], input: unknown): Promise<ContributorRecord> {
  assertCan(who.actor, 'contributor.create');
  const f = parseFields(NewContributor, input, 'contributor');
  const name = f.name ?? locales.map((l) => f.names?.[l]).find((n) => n) ?? Object.values(f.names ?? {}).find((n) => n);
  if (!name) throw validationFailed('contributor', { name: 'required (or a name in one of the site’s languages)' });
  const hasProfile = Object.keys(f).some((key) => key !== 'name' && key !== 'slug');
  if (hasProfile) assertCan(who.actor, 'contributor.manage');
  await checkProfile(deps, locales, f, null);
  const k = deps.db.kysely;
  let slug = f.slug;
  if (slug === undefined) {
    const base =
      slugFromHeadline(name)
        .slice(0, MAX_SLUG_LENGTH - 4)
        .replace(/-+$/, '') || 'contributor';
    const taken = await contributorSlugsLike(k, base);
    slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  } else if (await contributorSlugTaken(k, slug)) {
    throw slugTaken(slug);
  }
  const now = nowIso(deps);
  const made = await k
    .transaction()
    .execute(async (trx) => {
      const row = await insertContributor(trx, { slug: slug!, name }, now);
      if (hasProfile) {
        await updateContributorRow(trx, row.id, profileColumns(f), now);
        if (touchesTexts(f)) await setContributorTexts(trx, row.id, mergedTexts(locales, null, f));
      }
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, { at: now, actorUserId, action: 'contributor.created', subjectType: 'contributor', subjectId: row.id, details: { slug, ...via } });
      return row;
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? slugTaken(slug!) : e;
    });
  await announce(deps, [made.slug], []);
  return findContributorRecord(deps, made.id);
}

const profileColumns = (f: Patch) => ({
  ...(f.name === undefined ? {} : { name: f.name }),
  ...(f.bio === undefined ? {} : { bio: f.bio || null }),
  ...(f.email === undefined ? {} : { email: f.email }),
  ...(f.links === undefined ? {} : { links: [...new Set(f.links)] }),
  ...(f.photoMediaId === undefined ? {} : { photoMediaId: f.photoMediaId }),
  ...(f.userId === undefined ? {} : { userId: f.userId }),
});

/**
 * Changes what is sent. A new slug keeps the author page's old address in every language as a redirect. Someone
 * without `contributor.manage` may change only their own linked profile's bio, titles, photo and links.
 */
export async function updateContributor(deps: Deps, who: Principal, locales: readonly string[], key: string, raw: unknown): Promise<ContributorRecord> {
  const f = parseFields(ContributorPatch, raw, 'contributor');
  const current = await findContributorRecord(deps, key);
  if (!can(who.actor, 'contributor.manage')) {
    const own = who.userId !== null && current.userId === who.userId && can(who.actor, 'contributor.edit-own');
    if (!own) throw refusal(who.actor, 'contributor.manage');
    const others = Object.keys(f).filter((x) => !OWN_FIELDS.has(x));
    if (others.length) {
      throw new AppError('FORBIDDEN', `You may change your own profile's bio, titles, photo and links, not ${others.join(', ')}.`, {
        hint: 'Ask an editor to change the name on your bylines, your address or your email.',
        details: { action: 'contributor.manage', fields: Object.fromEntries(others.map((x) => [x, 'editors and admins only'])) },
      });
    }
    // Their own photo: one they uploaded, not any image of the library (an embargoed story's picture would go public).
    if (f.photoMediaId != null && f.photoMediaId !== current.photoMediaId) {
      const row = await deps.db.kysely.selectFrom('media').select('uploaded_by').where('id', '=', f.photoMediaId).executeTakeFirst();
      if (row && row.uploaded_by !== who.userId) {
        throw new AppError('FORBIDDEN', `You may use an image you uploaded as your photo, not media item ${f.photoMediaId}.`, {
          hint: 'Upload your photo to the media library first, then choose it; or ask an editor.',
          details: { action: 'contributor.manage', fields: { photoMediaId: 'not uploaded by you' } },
        });
      }
    }
  }
  await checkProfile(deps, locales, f, current.id);
  const slug = f.slug ?? current.slug;
  const now = nowIso(deps);
  const k = deps.db.kysely;
  await k
    .transaction()
    .execute(async (trx) => {
      if (slug !== current.slug) {
        if (await contributorSlugTaken(trx, slug)) throw slugTaken(slug);
        for (const l of locales) await putPathRedirect(trx, authorPath(l, current.slug), authorPath(l, slug), now);
      }
      await updateContributorRow(trx, current.id, { ...profileColumns(f), ...(slug === current.slug ? {} : { slug }) }, now);
      if (touchesTexts(f)) await setContributorTexts(trx, current.id, mergedTexts(locales, current, f));
      // Their names (own and per language) are in their stories' index entries: renamed with them (search-refresh.ts).
      if (renames(current, f)) await reindexStoriesOf(trx, { contributorId: current.id }, now);
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'contributor.updated',
        subjectType: 'contributor',
        subjectId: current.id,
        details: { ...(slug !== current.slug ? { from: current.slug, to: slug } : {}), fields: Object.keys(f), ...via },
      });
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? slugTaken(slug) : e;
    });
  await announce(deps, [current.slug, slug], await contributorArticleIds(k, current.id));
  return findContributorRecord(deps, current.id);
}

/**
 * Merges `key` into `into` (the same person entered twice): every byline of the first credits the second, the first's
 * author pages redirect to the second's, and the first is deleted. The survivor keeps its own profile; it takes the
 * other's account link only when it has none. Old revisions keep the removed id: restoring one asks for a byline again.
 */
export async function mergeContributor(
  deps: Deps,
  who: Principal,
  locales: readonly string[],
  key: string,
  into: string | number,
): Promise<{ merged: ContributorRecord; into: ContributorRecord; moved: number[] }> {
  assertCan(who.actor, 'contributor.manage');
  const from = await findContributorRecord(deps, key);
  const target = await findContributorRecord(deps, String(into));
  if (from.id === target.id) {
    throw validationFailed('merge', { into: 'is the contributor being merged' }, { hint: 'Merge a contributor into another one.' });
  }
  const now = nowIso(deps);
  const moved = await deps.db.kysely.transaction().execute(async (trx) => {
    const moved = await moveContributorBylines(trx, from.id, target.id);
    for (const l of locales) await putPathRedirect(trx, authorPath(l, from.slug), authorPath(l, target.slug), now);
    await deleteContributorRow(trx, from.id);
    if (target.userId === null && from.userId !== null) await updateContributorRow(trx, target.id, { userId: from.userId }, now);
    await reindexStoriesOf(trx, { contributorId: target.id }, now, moved);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'contributor.merged',
      subjectType: 'contributor',
      subjectId: from.id,
      details: { slug: from.slug, into: target.id, intoSlug: target.slug, articles: moved.length, ...via },
    });
    return moved;
  });
  await announce(deps, [from.slug, target.slug], moved);
  // The survivor's lists (its author page, its feeds, kept in memory) gain stories they never showed, which no article
  // key of theirs announces: a merge is rare, so every language's lists are renewed.
  await deps.changes.publish(locales.map(surrogateKey.locale));
  return { merged: from, into: await findContributorRecord(deps, target.id), moved };
}

/** Deletes a contributor no story credits; one on any byline (any language, any state) is refused: merge instead. */
export async function deleteContributor(deps: Deps, who: Principal, key: string): Promise<void> {
  assertCan(who.actor, 'contributor.manage');
  const c = await findContributorRecord(deps, key);
  const now = nowIso(deps);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const used = (await contributorArticleIds(trx, c.id)).length;
    if (used > 0) {
      throw new AppError('CONTRIBUTOR_IN_USE', `${c.name} is on the byline of ${used} stor${used === 1 ? 'y' : 'ies'}.`, {
        hint: 'Merge them into another contributor instead: the bylines move there and their author page redirects.',
        details: { articles: used },
      });
    }
    await deleteContributorRow(trx, c.id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'contributor.deleted',
      subjectType: 'contributor',
      subjectId: c.id,
      details: { slug: c.slug, ...via },
    });
  });
  await announce(deps, [c.slug], []);
}

/** How many library images the photo list offers (the newest; the current photo is always among them). */
const PHOTO_CHOICES = 200;

/** Library images newest first, the current photo among them, and the active accounts: the profile form's choices. */
export async function contributorFormChoices(deps: Deps, current: ContributorRecord, who: Principal) {
  const k = deps.db.kysely;
  // Someone keeping their own profile may choose only images they uploaded (updateContributor refuses the rest).
  const mine = can(who.actor, 'contributor.manage') ? undefined : (who.userId ?? -1);
  const [recent, accounts] = await Promise.all([listMedia(k, { limit: PHOTO_CHOICES, uploadedBy: mine }), listAssignableUsers(k)]);
  const missing = current.photoMediaId !== null && !recent.some((m) => m.id === current.photoMediaId) ? await getMedia(k, current.photoMediaId) : undefined;
  const photos = [...(missing ? [missing] : []), ...recent].map((m) => {
    const small = renditionsOf({ renditions: parseRenditions(m.renditions) }, 'jpeg')[0];
    return {
      id: m.id,
      label: (m.alt || m.original_name || m.path).slice(0, 80),
      thumb: small ? { path: small.path, width: small.width, height: small.height } : { path: m.path, width: m.width, height: m.height },
    };
  });
  return { photos, accounts };
}
