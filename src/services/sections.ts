import { z } from 'zod';
import { auditActor, type Principal } from '../content/principal.js';
import { MAX_SLUG_LENGTH, SLUG_RE, slugFromHeadline } from '../content/slug.js';
import { ancestorsOf, descendantIds, MAX_SECTION_DEPTH, subtreeHeight } from '../content/section-tree.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { sectionPath } from '../content/urls.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  deleteSectionRow,
  insertSection,
  listSectionRecords,
  lockSectionTree,
  maxSectionPosition,
  moveSectionArticles,
  moveSubsections,
  putPathRedirect,
  sectionParents,
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
 *
 * Sections form a tree (migration 0027): a section may sit under another (`parentId`), never under itself or one of
 * its own sub-sections, and at most MAX_SECTION_DEPTH levels deep. A section deleted or merged away leaves its
 * sub-sections to its own parent. Addresses stay flat, so moving a section in the tree changes no URL.
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
const parentId = z.number().int().positive().nullable();
const description = z.string().trim().max(1000);

export const SectionCreate = z.strictObject({
  slug: slugField.optional(),
  names: z.record(z.string(), name),
  descriptions: z.record(z.string(), description.nullable()).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  hidden: z.boolean().optional(),
  parentId: parentId.optional(),
});
export const SectionPatch = z.strictObject({
  slug: slugField.optional(),
  names: z.record(z.string(), name).optional(),
  descriptions: z.record(z.string(), description.nullable()).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  hidden: z.boolean().optional(),
  parentId: parentId.optional(),
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

/**
 * Refuses a parent that does not exist, that is the section itself or one of its sub-sections (a loop would hide both
 * from every tree), or that would put the section or its deepest sub-section past MAX_SECTION_DEPTH. `id`: the
 * section being placed (undefined: a new one).
 */
async function checkParent(db: Parameters<typeof sectionParents>[0], id: number | undefined, parent: number): Promise<void> {
  const all = await sectionParents(db);
  if (!all.some((s) => s.id === parent)) {
    throw validationFailed(
      'section',
      { parentId: `no section has the id ${parent}` },
      { hint: 'Name the parent by its id, as GET /api/admin/v1/sections lists them.' },
    );
  }
  if (id !== undefined && (parent === id || descendantIds(all, id).has(parent))) {
    throw new AppError('SECTION_CYCLE', parent === id ? 'A section cannot be its own parent.' : 'A section cannot sit under one of its own sub-sections.', {
      hint: 'Choose a section outside this one’s branch, or move that sub-section out first.',
      details: { fields: { parentId: 'inside this section' }, parentId: parent },
    });
  }
  const depth = ancestorsOf(all, parent).length + 1 + (id === undefined ? 1 : subtreeHeight(all, id));
  if (depth > MAX_SECTION_DEPTH) {
    throw new AppError('SECTION_TOO_DEEP', `Sections go at most ${MAX_SECTION_DEPTH} levels deep; there the branch would reach ${depth}.`, {
      hint: 'Choose a parent higher up the tree.',
      details: { fields: { parentId: 'too deep' }, parentId: parent, depth, max: MAX_SECTION_DEPTH },
    });
  }
}

/** Every section in tree order, each one's sub-sections after it (any signed-in role). */
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
      if (input.parentId != null) {
        await lockSectionTree(trx, deps.db.dialect);
        await checkParent(trx, undefined, input.parentId);
      }
      const position = input.position ?? (await maxSectionPosition(trx)) + 1;
      const id = await insertSection(trx, { slug, position, hidden: input.hidden ?? false, parentId: input.parentId ?? null }, now);
      await setSectionTexts(trx, id, texts(locales, input.names, input.descriptions ?? {}));
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'section.created',
        subjectType: 'section',
        subjectId: id,
        details: { slug, ...(input.parentId != null ? { parentId: input.parentId } : {}), ...via },
      });
      return id;
    })
    .catch(uniqueAsTaken(slug));
  // The parent's page links its sub-sections.
  await announce(deps, locales, input.parentId != null ? [id, input.parentId] : [id]);
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
  const reparented = input.parentId !== undefined && input.parentId !== current.parentId;
  await deps.db.kysely
    .transaction()
    .execute(async (trx) => {
      // First, before any write: a lock taken after one could wait on a transaction that waits on that write.
      if (reparented) await lockSectionTree(trx, deps.db.dialect);
      if (slug !== current.slug) {
        if ((await listSectionRecords(trx, { slug })).length) throw slugTaken(slug);
        for (const l of locales) await putPathRedirect(trx, sectionPath(l, current.slug), sectionPath(l, slug), now);
      }
      if (reparented && input.parentId != null) await checkParent(trx, current.id, input.parentId);
      await updateSectionRow(trx, current.id, {
        slug,
        ...(reparented ? { parentId: input.parentId ?? null } : {}),
        // Moved without a position: last among its new siblings, not wherever its old position falls among them.
        ...(input.position !== undefined ? { position: input.position } : reparented ? { position: (await maxSectionPosition(trx)) + 1 } : {}),
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
        details: {
          ...(slug !== current.slug ? { from: current.slug, to: slug } : {}),
          ...(reparented ? { parentFrom: current.parentId, parentTo: input.parentId ?? null } : {}),
          fields: Object.keys(input),
          ...via,
        },
      });
    })
    .catch(uniqueAsTaken(slug));
  // A move in the tree changes the breadcrumb of the section's page and the sub-section links of both parents' pages.
  const parents = reparented ? [current.parentId, input.parentId ?? null].filter((p): p is number => p !== null) : [];
  await announce(deps, locales, [current.id, ...parents]);
  return findSection(deps, String(current.id));
}

/**
 * One step up or down among the section's siblings (the sections under the same parent): their positions are
 * renumbered 1…n in the current order, then the two neighbours swap. Only the order within a parent counts.
 */
export async function moveSection(deps: Deps, who: Principal, locales: readonly string[], key: string, direction: 'up' | 'down'): Promise<SectionRecord> {
  assertCan(who.actor, 'section.manage');
  const current = await findSection(deps, key);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const order = (await listSectionRecords(trx)).filter((s) => s.parentId === current.parentId).map((s) => s.id);
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
): Promise<{ merged: SectionRecord; into: SectionRecord; moved: number[]; subsections: number[] }> {
  assertCan(who.actor, 'section.manage');
  const from = await findSection(deps, key);
  const target = await findSection(deps, String(into));
  if (from.id === target.id) {
    throw validationFailed('merge', { into: 'is the section being merged' }, { hint: 'Merge a section into another one.' });
  }
  const now = nowIso(deps);
  const { moved, subsections, upTo } = await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSectionTree(trx, deps.db.dialect);
    // Its parent as it is now, under the lock: one read before may have moved since.
    const [fresh] = await listSectionRecords(trx, { id: from.id });
    if (!fresh) throw notFound(`Section "${key}"`, 'Name a section by its id or slug, as GET /api/admin/v1/sections lists them.');
    const upTo = fresh.parentId;
    const moved = await moveSectionArticles(trx, from.id, target.id);
    // Its sub-sections go up a level, as on a delete: they are sections of their own, not stories to merge.
    const subsections = await moveSubsections(trx, from.id, upTo);
    for (const l of locales) await putPathRedirect(trx, sectionPath(l, from.slug), sectionPath(l, target.slug), now);
    await deleteSectionRow(trx, from.id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'section.merged',
      subjectType: 'section',
      subjectId: from.id,
      details: {
        slug: from.slug,
        into: target.id,
        intoSlug: target.slug,
        articles: moved.length,
        ...(subsections.length ? { subsections, subsectionsTo: upTo } : {}),
        ...via,
      },
    });
    return { moved, subsections, upTo };
  });
  await announce(deps, locales, [from.id, target.id, ...subsections, ...(upTo === null ? [] : [upTo])]);
  return { merged: from, into: await findSection(deps, String(target.id)), moved, subsections };
}

/**
 * Deletes an empty section; one with stories (any language, any state) is refused: merge it instead. Its sub-sections
 * move up to its parent (the top level for a top-level section); returns their ids.
 */
export async function deleteSection(deps: Deps, who: Principal, locales: readonly string[], key: string): Promise<{ subsections: number[] }> {
  assertCan(who.actor, 'section.manage');
  const s = await findSection(deps, key);
  const now = nowIso(deps);
  const { subsections, upTo } = await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSectionTree(trx, deps.db.dialect);
    const [fresh] = await listSectionRecords(trx, { id: s.id });
    if (fresh && fresh.articles > 0) {
      throw new AppError('SECTION_NOT_EMPTY', `The section "${s.slug}" has ${fresh.articles} stor${fresh.articles === 1 ? 'y' : 'ies'}.`, {
        hint: 'Merge it into another section instead: its stories move there and its addresses redirect.',
        details: { articles: fresh.articles },
      });
    }
    const subsections = await moveSubsections(trx, s.id, fresh?.parentId ?? null);
    await deleteSectionRow(trx, s.id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'section.deleted',
      subjectType: 'section',
      subjectId: s.id,
      details: { slug: s.slug, ...(subsections.length ? { subsections, subsectionsTo: fresh?.parentId ?? null } : {}), ...via },
    });
    return { subsections, upTo: fresh?.parentId ?? null };
  });
  await announce(deps, locales, [s.id, ...subsections, ...(upTo === null ? [] : [upTo])]);
  return { subsections };
}
