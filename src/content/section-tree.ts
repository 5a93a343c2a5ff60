/**
 * Sections form a tree (migration 0027): a section's `parentId` names the one it sits under. These pure functions give
 * the orders and relations every screen shows (the admin's indented list and parent choice, a reader's breadcrumb and
 * sub-section links), from the flat list in menu order (position, then id) that the database returns.
 */

/** How many levels deep sections may go (a top-level section is level 1): a menu or a breadcrumb past it helps no one. */
export const MAX_SECTION_DEPTH = 5;

type Node = { id: number; parentId?: number | null | undefined };

/**
 * Depth-first, each section's children right after it, siblings in the order given. A parent missing from the list
 * makes its children top-level, and rows a loop would hide (none the services write) come last, so no row is lost.
 */
export function treeOrder<T extends Node>(items: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(items.map((s) => s.id));
  const children = new Map<number | null, T[]>();
  for (const s of items) {
    const p = s.parentId != null && ids.has(s.parentId) && s.parentId !== s.id ? s.parentId : null;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  const out: (T & { depth: number })[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ ...s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const s of items) if (!seen.has(s.id)) out.push({ ...s, depth: 0 });
  return out;
}

/** The section's ancestors, the top-level one first (empty for a top-level section). */
export function ancestorsOf<T extends Node>(items: readonly T[], id: number): T[] {
  const byId = new Map(items.map((s) => [s.id, s]));
  const chain: T[] = [];
  for (let at = byId.get(id)?.parentId; at != null && chain.length < items.length; at = byId.get(at)?.parentId) {
    const s = byId.get(at);
    if (!s || s.id === id || chain.includes(s)) break;
    chain.unshift(s);
  }
  return chain;
}

/** The ids of the section's descendants (children, their children...), not its own. */
export function descendantIds(items: readonly Node[], id: number): Set<number> {
  const out = new Set<number>();
  const queue = [id];
  while (queue.length) {
    const at = queue.shift()!;
    for (const s of items) if (s.parentId === at && !out.has(s.id) && s.id !== id) (out.add(s.id), queue.push(s.id));
  }
  return out;
}

/** Levels below the section, itself included: 1 for a section without children. */
export function subtreeHeight(items: readonly Node[], id: number): number {
  let height = 1;
  const walk = (at: number, level: number, seen: Set<number>) => {
    height = Math.max(height, level);
    for (const s of items) if (s.parentId === at && !seen.has(s.id)) walk(s.id, level + 1, new Set(seen).add(s.id));
  };
  walk(id, 1, new Set([id]));
  return height;
}

/**
 * For each visible section, the nearest visible section above it (null: none). Readers reach a section from there:
 * a section with none is in the menu, any other is linked from that one's page. So a visible section under hidden
 * ones is still linked from somewhere. Hidden sections are left out of the map.
 */
export function visibleParents(items: readonly (Node & { hidden?: boolean | undefined })[]): Map<number, number | null> {
  const byId = new Map(items.map((s) => [s.id, s]));
  const out = new Map<number, number | null>();
  for (const s of items) {
    if (s.hidden) continue;
    let found: number | null = null;
    const seen = new Set([s.id]);
    for (let at = s.parentId; at != null && !seen.has(at); at = byId.get(at)?.parentId) {
      seen.add(at);
      const p = byId.get(at);
      if (!p) break;
      if (!p.hidden) {
        found = p.id;
        break;
      }
    }
    out.set(s.id, found);
  }
  return out;
}
