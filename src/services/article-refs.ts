import { slugFromHeadline } from '../content/slug.js';
import type { ContributorRole } from '../content/types.js';
import { contributorIdsBySlug } from '../db/contributors-repo.js';
import { sectionIdBySlug } from '../db/sections-repo.js';
import { ensureTag } from '../db/taxonomy-repo.js';
import { validationFailed } from '../errors.js';
import type { Deps } from './deps.js';

/**
 * What a script may send instead of ids, so it needs no look-up first: `sectionSlug` for `sectionId`, `tagNames`
 * (tags of the article's language, each created on first use, its slug transliterated from the name) beside or
 * instead of `tagIds`, and a byline's `contributorSlug` for its `contributorId`.
 */
export type NamedRefs = {
  sectionId?: number | undefined;
  sectionSlug?: string | undefined;
  tagIds?: number[] | undefined;
  tagNames?: string[] | undefined;
  bylines?: SentByline[] | undefined;
};

/** A byline as a script may send it: the contributor by id or by slug (one of the two). */
export type SentByline = { contributorId?: number | undefined; contributorSlug?: string | undefined; role: ContributorRole };

const MAX_TAG_NAME = 100;

/**
 * The fields with `sectionSlug` and `tagNames` turned into ids. Call it after the policy check: naming a new tag
 * creates it. A section named both ways, or neither, is refused naming the field.
 */
export async function resolveNamedRefs<T extends NamedRefs>(
  deps: Deps,
  locale: string,
  f: T,
): Promise<
  Omit<T, 'sectionSlug' | 'tagNames' | 'sectionId' | 'tagIds' | 'bylines'> & {
    sectionId: number;
    tagIds: number[];
    bylines?: { contributorId: number; role: ContributorRole }[];
  }
> {
  const { sectionSlug, tagNames, sectionId, tagIds, bylines, ...rest } = f;
  const k = deps.db.kysely;
  if (sectionSlug !== undefined && sectionId !== undefined) {
    throw validationFailed('article', { sectionSlug: 'send either sectionId or sectionSlug, not both' });
  }
  let section = sectionId;
  if (sectionSlug !== undefined) {
    section = await sectionIdBySlug(k, sectionSlug);
    if (section === undefined) {
      throw validationFailed(
        'article',
        { sectionSlug: `no section "${sectionSlug}"` },
        { hint: 'GET /api/admin/v1/sections lists the sections and their slugs.' },
      );
    }
  }
  if (section === undefined) throw validationFailed('article', { sectionId: 'required (or sectionSlug)' });
  const ids = [...(tagIds ?? [])];
  const names = (tagNames ?? []).map((x) => x.trim().replace(/\s+/g, ' '));
  const bad = names.filter((n) => n.length > MAX_TAG_NAME || !/[\p{L}\p{N}]/u.test(n));
  if (bad.length) {
    throw validationFailed(
      'article',
      { tagNames: `not a tag name: ${bad.map((n) => n.slice(0, 20)).join(', ')}` },
      { hint: `A tag name needs a letter or digit and at most ${MAX_TAG_NAME} characters.` },
    );
  }
  for (const n of names) {
    const id = await ensureTag(k, locale, slugFromHeadline(n), n);
    if (!ids.includes(id)) ids.push(id);
  }
  return { ...rest, sectionId: section, tagIds: ids, ...(bylines === undefined ? {} : { bylines: await bylineIds(deps, bylines) }) };
}

/** Bylines with every `contributorSlug` turned into its contributor's id; an unknown slug is refused naming the line. */
async function bylineIds(deps: Deps, bylines: SentByline[]): Promise<{ contributorId: number; role: ContributorRole }[]> {
  const slugs = [...new Set(bylines.flatMap((b) => (b.contributorSlug === undefined ? [] : [b.contributorSlug])))];
  const ids = await contributorIdsBySlug(deps.db.kysely, slugs);
  const bad: Record<string, string> = {};
  const out = bylines.map((b, i) => {
    if (b.contributorId !== undefined && b.contributorSlug !== undefined)
      bad[`bylines.${i}.contributorSlug`] = 'send either contributorId or contributorSlug, not both';
    else if (b.contributorId === undefined && b.contributorSlug === undefined) bad[`bylines.${i}.contributorId`] = 'required (or contributorSlug)';
    const id = b.contributorId ?? (b.contributorSlug === undefined ? undefined : ids.get(b.contributorSlug));
    if (id === undefined && b.contributorSlug !== undefined) bad[`bylines.${i}.contributorSlug`] = `no contributor "${b.contributorSlug}"`;
    return { contributorId: id ?? 0, role: b.role };
  });
  if (Object.keys(bad).length) throw validationFailed('article', bad, { hint: 'GET /api/admin/v1/contributors lists the contributors and their slugs.' });
  return out;
}
