import { treeOrder } from '../content/section-tree.js';
import { listSections } from '../db/taxonomy-repo.js';
import { listContributorNames } from '../db/editor-repo.js';
import { listAssignableUsers } from '../db/desk-repo.js';
import type { Deps } from './deps.js';

/**
 * The choices of the desk's filters and of the wire's "Adapt": sections (named in `locale`, in tree order and indented
 * as `sectionChoices` makes them), contributors and active accounts.
 */
export async function listChoices(deps: Deps, locale: string) {
  const k = deps.db.kysely;
  const [sections, contributors, users] = await Promise.all([listSections(k, locale), listContributorNames(k), listAssignableUsers(k)]);
  return { sections: sectionChoices(sections), contributors, users };
}

/**
 * Sections as a select's choices, in tree order (listSections' order) and each name indented by its depth, as the
 * sections screen's parent choice is: "Asia" under "World" reads as a sub-section, not as a second section of the
 * same name. The other fields are kept as they are.
 */
export function sectionChoices<T extends { id: number; name: string; parentId: number | null }>(sections: readonly T[]) {
  return treeOrder(sections).map(({ depth, ...s }) => ({ ...s, name: `${'\u00a0\u00a0'.repeat(depth)}${s.name}` }));
}
