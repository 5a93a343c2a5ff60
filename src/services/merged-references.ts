import { existingIds, tagsByIds } from '../db/admin-articles-repo.js';
import { mergedInto } from '../db/audit-repo.js';
import type { Deps } from './deps.js';

type References = { sectionId: number; tagIds?: number[] | undefined; bylines?: { contributorId: number; role: string }[] | undefined };

// A merge into a record later merged again is followed; a longer chain than this is a loop written by hand.
const MAX_HOPS = 16;

/**
 * A revision keeps the ids its editor chose: the section, the tags, the contributors. Merging one into another
 * deletes the old record, so restoring a revision saved before the merge named a record that no longer exists and was
 * refused ("no section 7"), although the merge said where it went. The merge's audit row names its target
 * (`details.into`), so the ids are followed to where they went, through later merges too. An id that was deleted
 * without a merge is left as it is, for the save's reference check to name.
 */
export async function followMerges<T extends References>(deps: Deps, input: T): Promise<T> {
  const k = deps.db.kysely;
  const follow = async (type: 'section' | 'tag' | 'contributor', ids: number[], exists: (ids: number[]) => Promise<Set<number>>) => {
    const to = new Map(ids.map((id) => [id, id]));
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const present = await exists([...new Set(to.values())]);
      const gone = [...new Set([...to.values()].filter((id) => !present.has(id)))];
      if (gone.length === 0) break;
      const next = await mergedInto(k, type, gone);
      if (next.size === 0) break;
      for (const [from, now] of to) {
        const target = next.get(now);
        if (target !== undefined) to.set(from, target);
      }
    }
    return to;
  };
  const tagIds = input.tagIds ?? [];
  const contributorIds = (input.bylines ?? []).map((b) => b.contributorId);
  const [sections, tags, contributors] = await Promise.all([
    follow('section', [input.sectionId], (ids) => existingIds(k, 'sections', ids)),
    follow('tag', tagIds, async (ids) => new Set((await tagsByIds(k, ids)).map((t) => t.id))),
    follow('contributor', contributorIds, (ids) => existingIds(k, 'contributors', ids)),
  ]);
  const out: T = { ...input, sectionId: sections.get(input.sectionId)! };
  // Two merged tags may now be one, and two bylines one person in one role.
  if (input.tagIds) out.tagIds = [...new Set(input.tagIds.map((id) => tags.get(id)!))];
  if (input.bylines) {
    const seen = new Set<string>();
    out.bylines = input.bylines
      .map((b) => ({ ...b, contributorId: contributors.get(b.contributorId)! }))
      .filter((b) => {
        const key = `${b.contributorId}|${b.role}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
  }
  return out;
}
