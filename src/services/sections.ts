import { z } from 'zod';
import { auditActor, type Principal } from '../content/principal.js';
import { MAX_SLUG_LENGTH, SLUG_RE, slugFromHeadline } from '../content/slug.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { sectionPath } from '../content/urls.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  deleteSectionRow,
  insertSection,
  listSectionRecords,
  maxSectionPosition,
  moveSectionArticles,
  putPathRedirect,
  setSectionTexts,
  updateSectionRow,
  type SectionRecord,
} from '../db/sections-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, notFound, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';

/**
 * Sections as the newsroom runs them (issue 13): create, rename (per-language names and descriptions, one slug for
 * every language), reorder, hide from the menu, merge into another (its stories move, its addresses redirect) and
 * delete while empty. Reading needs only a newsroom account (every role picks a section for a story); every change
 * needs `section.manage`, writes an audit row in its transaction and, once committed, announces the site shell
 * (`site`: every page's menu) and each language's lists, so menus and pages change within a second.
 */

export type { SectionRecord };

// Segments the public site uses after the language; a section named so would shadow or be shadowed by them.
const RESERVED = new Set(['section', 'tag', 'author', 'search', 'before', 'a', 'feed', 'sitemaps', 'preview', 'admin', 'api', 'media']);

const slugField = z
  .string()
  .trim()
  .max(MAX_SLUG_LENGTH)
  .regex(SLUG_RE, 'lower-case letters, digits and single dashes')
  .refine((s) => /[a-z]/.test(s), 'needs at least one letter (a number alone reads as an id)')
  .refine((s) => !RESERVED.has(s), 'is a word the site’s addresses use');
const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(1000);

export const SectionCreate = z.strictObject({
  slug: slugField.optional(),
  names: z.record(z.string(), name),
  descriptions: z.record(z.string(), description.nullable()).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  hidden: z.boolean().optional(),
});
export const SectionPatch = z.strictObject({
  slug: slugField.optional(),
  names: z.record(z.string(), name).optional(),
  descriptions: z.record(z.string(), description.nullable()).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  hidden: z.boolean().optional(),
});

/** The keys of `names`/`descriptions` must be the site's languages. */
function checkLocales(locales: readonly string[], input: { names?: Record<string, string> | undefined; descriptions?: Record<string, unknown> | undefined }) {
  const bad: Record<string, string> = {};
  for (const field of ['names', 'descriptions'] as const) {
    for (const l of Object.keys(input[field] ?? {})) if (!locales.includes(l)) bad[`${field}.${l}`] = `not one of the site's languages (${locales.join(', ')})`;
  }
  if (Object.keys(bad).length) throw validationFailed('section', bad, { hint: `Key names and descriptions by the site's languages: ${locales.join(', ')}.` });
}

const announce = (deps: Deps, locales: readonly string[], sectionIds: number[]) =>
  deps.changes.publish([
    surrogateKey.site,
    ...locales.map(surrogateKey.locale),
    ...sectionIds.flatMap((id) => locales.map((l) => surrogateKey.section(id, l))),
  ]);

const slugTaken = (slug: string) =>
  new AppError('SLUG_TAKEN', `Another section already has the address "${slug}".`, {
    hint: 'Choose another slug, or merge the two sections if they are one.',
    details: { fields: { slug: 'taken' }, slug },
  });

/** Every section in menu order (any signed-in role). */
export async function listAllSections(deps: Deps): Promise<SectionRecord[]> {
  return listSectionRecords(deps.db.kysely);
}

/** A section by id (digits) or slug. */
export async function findSection(deps: Deps, key: string): Promise<SectionRecord> {
  const where = /^\d{1,12}$/.test(key) ? { id: Number(key) } : { slug: key };
  const [s] = await listSectionRecords(deps.db.kysely, where);
  if (!s) throw notFound(`Section "${key}"`, 'Name a section by its id or slug, as GET /api/admin/v1/sections lists them.');
  return s;
}

export async function createSection(deps: Deps, who: Principal, locales: readonly string[], raw: unknown): Promise<SectionRecord> {
  assertCan(who.actor, 'section.manage');
  const input = parseFields(SectionCreate, raw, 'section');
  checkLocales(locales, input);
  const missing = locales.filter((l) => !input.names[l]);
  if (missing.length) {
    throw validationFailed('section', Object.fromEntries(missing.map((l) => [`names.${l}`, 'a name in every language of the site'])), {
      hint: `Name the section in each of the site's languages (${locales.join(', ')}): the menu of every language shows it.`,
    });
  }
  const slug = input.slug ?? slugFromHeadline(input.names[locales[0]!] ?? '');
  if (!slugField.safeParse(slug).success) {
    throw validationFailed('section', { slug: `"${slug}" cannot be made from the name: send a slug` });
  }
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const id = await k
    .transaction()
    .execute(async (trx) => {
      if ((await listSectionRecords(trx, { slug })).length) throw slugTaken(slug);
      const position = input.position ?? (await maxSectionPosition(trx)) + 1;
      const id = await insertSection(trx, { slug, position, hidden: input.hidden ?? false }, now);
      await setSectionTexts(trx, id, texts(locales, input.names, input.descriptions ?? {}));
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, { at: now, actorUserId, action: 'section.created', subjectType: 'section', subjectId: id, details: { slug, ...via } });
      return id;
    })
    .catch(uniqueAsTaken(slug));
  await announce(deps, locales, [id]);
  return findSection(deps, String(id));
}

const uniqueAsTaken = (slug: string) => (err: unknown) => {
  throw isUniqueViolation(err) ? slugTaken(slug) : err;
};

function texts(locales: readonly string[], names: Record<string, string>, descriptions: Record<string, string | null>) {
  return Object.fromEntries(locales.filter((l) => names[l]).map((l) => [l, { name: names[l]!, description: descriptions[l] || null }]));
}

/**
 * Changes what is sent. A new slug keeps the old address of the section's pages in every language as a redirect;
 * its stories' addresses (which hold the slug) redirect by themselves, as an article is found by its own slug.
 */
export async function updateSection(deps: Deps, who: Principal, locales: readonly string[], key: string, raw: unknown): Promise<SectionRecord> {
  assertCan(who.actor, 'section.manage');
  const input = parseFields(SectionPatch, raw, 'section');
  checkLocales(locales, input);
  const current = await findSection(deps, key);
  const now = nowIso(deps);
  const slug = input.slug ?? current.slug;
  await deps.db.kysely
    .transaction()
    .execute(async (trx) => {
      if (slug !== current.slug) {
        if ((await listSectionRecords(trx, { slug })).length) throw slugTaken(slug);
        for (const l of locales) await putPathRedirect(trx, sectionPath(l, current.slug), sectionPath(l, slug), now);
      }
      await updateSectionRow(trx, current.id, {
        slug,
        ...(input.position === undefined ? {} : { position: input.position }),
        ...(input.hidden === undefined ? {} : { hidden: input.hidden }),
      });
      if (input.names || input.descriptions) {
        const names = { ...current.names, ...input.names };
        const descriptions: Record<string, string | null> = { ...current.descriptions, ...input.descriptions };
        await setSectionTexts(trx, current.id, texts(locales, names, descriptions));
      }
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'section.updated',
        subjectType: 'section',
        subjectId: current.id,
        details: { ...(slug !== current.slug ? { from: current.slug, to: slug } : {}), fields: Object.keys(input), ...via },
      });
    })
    .catch(uniqueAsTaken(slug));
  await announce(deps, locales, [current.id]);
  return findSection(deps, String(current.id));
}

/** One step up or down the menu: positions are renumbered 1…n in the current order, then the two neighbours swap. */
export async function moveSection(deps: Deps, who: Principal, locales: readonly string[], key: string, direction: 'up' | 'down'): Promise<SectionRecord> {
  assertCan(who.actor, 'section.manage');
  const current = await findSection(deps, key);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const order = (await listSectionRecords(trx)).map((s) => s.id);
    const i = order.indexOf(current.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [n, id] of order.entries()) await updateSectionRow(trx, id, { position: n + 1 });
  });
  await announce(deps, locales, []);
  return findSection(deps, String(current.id));
}

/**
 * Merges `key` into `into`: its stories (in every language and state) move to the target, its pages redirect to the
 * target's, and it is deleted. Revisions keep the old section id: restoring one asks for a section again.
 */
export async function mergeSection(
  deps: Deps,
  who: Principal,
  locales: readonly string[],
  key: string,
  into: string | number,
): Promise<{ merged: SectionRecord; into: SectionRecord; moved: number[] }> {
  assertCan(who.actor, 'section.manage');
  const from = await findSection(deps, key);
  const target = await findSection(deps, String(into));
  if (from.id === target.id) {
    throw validationFailed('merge', { into: 'is the section being merged' }, { hint: 'Merge a section into another one.' });
  }
  const now = nowIso(deps);
  const moved = await deps.db.kysely.transaction().execute(async (trx) => {
    const moved = await moveSectionArticles(trx, from.id, target.id);
    for (const l of locales) await putPathRedirect(trx, sectionPath(l, from.slug), sectionPath(l, target.slug), now);
    await deleteSectionRow(trx, from.id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'section.merged',
      subjectType: 'section',
      subjectId: from.id,
      details: { slug: from.slug, into: target.id, intoSlug: target.slug, articles: moved.length, ...via },
    });
    return moved;
  });
  await announce(deps, locales, [from.id, target.id]);
  return { merged: from, into: await findSection(deps, String(target.id)), moved };
}

/** Deletes an empty section; one with stories (any language, any state) is refused: merge it instead. */
export async function deleteSection(deps: Deps, who: Principal, locales: readonly string[], key: string): Promise<void> {
  assertCan(who.actor, 'section.manage');
  const s = await findSection(deps, key);
  const now = nowIso(deps);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const [fresh] = await listSectionRecords(trx, { id: s.id });
    if (fresh && fresh.articles > 0) {
      throw new AppError('SECTION_NOT_EMPTY', `The section "${s.slug}" has ${fresh.articles} stor${fresh.articles === 1 ? 'y' : 'ies'}.`, {
        hint: 'Merge it into another section instead: its stories move there and its addresses redirect.',
        details: { articles: fresh.articles },
      });
    }
    await deleteSectionRow(trx, s.id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, { at: now, actorUserId, action: 'section.deleted', subjectType: 'section', subjectId: s.id, details: { slug: s.slug, ...via } });
  });
  await announce(deps, locales, [s.id]);
}
