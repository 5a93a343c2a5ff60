import { listSections } from '../db/taxonomy-repo.js';
import { listContributorNames } from '../db/editor-repo.js';
import { listAssignableUsers } from '../db/desk-repo.js';
import type { Deps } from './deps.js';

/** The list page's choices: sections (named in `locale`), contributors and active accounts. */
export async function listChoices(deps: Deps, locale: string) {
  const k = deps.db.kysely;
  const [sections, contributors, users] = await Promise.all([listSections(k, locale), listContributorNames(k), listAssignableUsers(k)]);
  return { sections, contributors, users };
}
