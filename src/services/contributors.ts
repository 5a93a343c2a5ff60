import { z } from 'zod';
import type { Principal } from '../content/principal.js';
import { isSlug, MAX_SLUG_LENGTH, slugFromHeadline } from '../content/slug.js';
import { contributorSlugsLike, contributorSlugTaken, insertContributor, listContributorsAfter, type ContributorListRow } from '../db/contributors-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';

export type { ContributorListRow };
import { AppError, parseFields } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';

/** Rows read at once while searching: a newsroom has hundreds of contributors, not millions. */
const SCAN = 500;

/**
 * Contributors by id, a page at a time (`after`: the last id of the page before). `q` matches any part of the name,
 * case-insensitively in any script: the match is made here rather than in SQL, because SQLite's lower() folds ASCII
 * only and "Ерлан" must be found by "ерл".
 */
export async function listContributors(
  deps: Deps,
  who: Principal,
  f: { q?: string | undefined; after?: number | undefined; limit: number },
): Promise<{ items: ContributorListRow[]; nextAfter: number | null }> {
  assertCan(who.actor, 'contributor.view');
  const k = deps.db.kysely;
  const q = (f.q ?? '').trim().toLocaleLowerCase();
  const found: ContributorListRow[] = [];
  let after = f.after ?? 0;
  // One more than a page, to know whether there is a next one.
  for (;;) {
    const rows = await listContributorsAfter(k, after, q ? SCAN : f.limit + 1);
    for (const r of rows) if (!q || r.name.toLocaleLowerCase().includes(q) || r.slug.includes(q)) found.push(r);
    if (found.length > f.limit || rows.length < (q ? SCAN : f.limit + 1)) break;
    after = rows.at(-1)!.id;
  }
  const items = found.slice(0, f.limit);
  return { items, nextAfter: found.length > f.limit ? items.at(-1)!.id : null };
}

export const NewContributor = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z.string().trim().max(MAX_SLUG_LENGTH).refine(isSlug, 'lower-case letters, digits and dashes').optional(),
});

const slugTaken = (slug: string) =>
  new AppError('DUPLICATE', `A contributor with the slug "${slug}" already exists.`, {
    hint: 'Choose another slug (it is the address of their page, /contributors/{slug}), or leave it out to have one made from the name; to credit the one who exists, pick them from the list.',
    details: { fields: { slug: 'taken' } },
  });

/**
 * A new contributor, from the editor's byline picker. A slug that is sent must be free (DUPLICATE); one made from
 * the name gets -2, -3… when the plain one is taken, since two people may share a name.
 */
export async function createContributor(deps: Deps, who: Principal, input: unknown): Promise<ContributorListRow> {
  assertCan(who.actor, 'contributor.create');
  const f = parseFields(NewContributor, input, 'contributor');
  const k = deps.db.kysely;
  let slug = f.slug;
  if (slug === undefined) {
    const base =
      slugFromHeadline(f.name)
        .slice(0, MAX_SLUG_LENGTH - 4)
        .replace(/-+$/, '') || 'contributor';
    const taken = await contributorSlugsLike(k, base);
    slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  } else if (await contributorSlugTaken(k, slug)) {
    throw slugTaken(slug);
  }
  try {
    return await insertContributor(k, { slug, name: f.name }, nowIso(deps));
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken(slug);
    throw e;
  }
}
