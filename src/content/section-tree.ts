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
    const list = children.get(p);
    if (list) list.push(s);
    else children.set(p, [s]);
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

/** Each section's children, in the order given (built once: the walks below stay linear in the number of sections). */
function childrenOf(items: readonly Node[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const s of items) {
    if (s.parentId == null) continue;
    const list = out.get(s.parentId);
    if (list) list.push(s.id);
    else out.set(s.parentId, [s.id]);
  }
  return out;
}

/** The ids of the section's descendants (children, their children...), not its own. */
export function descendantIds(items: readonly Node[], id: number): Set<number> {
  const children = childrenOf(items);
  const out = new Set<number>();
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) if (c !== id && !out.has(c)) (out.add(c), stack.push(c));
  }
  return out;
}

/** Levels below the section, itself included: 1 for a section without children. */
export function subtreeHeight(items: readonly Node[], id: number): number {
  const children = childrenOf(items);
  const seen = new Set([id]);
  let height = 0;
  for (let level = [id]; level.length; height++) {
    const next: number[] = [];
    for (const at of level) for (const c of children.get(at) ?? []) if (!seen.has(c)) (seen.add(c), next.push(c));
    level = next;
  }
  return height;
}

/**
 * Where a section goes under `parentId` within the tree's rules, for an import (which places rather than refuses): the
 * parent itself, or the nearest of its ancestors that keeps the section's branch (`childId`'s sub-sections; none for a
 * new section) within `maxDepth` levels. Null: no such section, the parent is missing, or it is the section itself or
 * inside it.
 */
export function placementUnder(items: readonly Node[], parentId: number, childId: number | undefined, maxDepth: number): number | null {
  if (parentId === childId || !items.some((s) => s.id === parentId)) return null;
  // Nearest first: chain[i] is at depth chain.length - i.
  const chain = [
    parentId,
    ...ancestorsOf(items, parentId)
      .map((s) => s.id)
      .reverse(),
  ];
  if (childId !== undefined && chain.includes(childId)) return null;
  const height = childId === undefined ? 1 : subtreeHeight(items, childId);
  return chain[Math.max(0, chain.length + height - maxDepth)] ?? null;
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
