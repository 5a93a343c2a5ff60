import { describe, expect, it } from 'vitest';
import { ancestorsOf, descendantIds, placementUnder, subtreeHeight, treeOrder, visibleParents } from './section-tree.js';

// world > asia > china, world > europe, sport; in menu order (position), children listed before their parents.
const flat = [
  { id: 5, parentId: 2 },
  { id: 1, parentId: null },
  { id: 3, parentId: 1 },
  { id: 2, parentId: 1 },
  { id: 4, parentId: null },
];

describe('section tree', () => {
  it('orders depth-first with siblings in the given order, and gives each its depth', () => {
    expect(treeOrder(flat).map((s) => `${s.id}@${s.depth}`)).toEqual(['1@0', '3@1', '2@1', '5@2', '4@0']);
  });

  it('loses no row: a missing parent makes a top-level section, a loop comes last', () => {
    const odd = [
      { id: 1, parentId: 99 },
      { id: 2, parentId: 3 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 4 },
    ];
    expect(treeOrder(odd).map((s) => s.id)).toEqual([1, 4, 2, 3]);
    expect(ancestorsOf(odd, 2).map((s) => s.id)).toEqual([3]);
  });

  it('knows ancestors (top first), descendants and the height of a branch', () => {
    expect(ancestorsOf(flat, 5).map((s) => s.id)).toEqual([1, 2]);
    expect(ancestorsOf(flat, 1)).toEqual([]);
    expect([...descendantIds(flat, 1)].sort()).toEqual([2, 3, 5]);
    expect(descendantIds(flat, 4).size).toBe(0);
    expect(subtreeHeight(flat, 1)).toBe(3);
    expect(subtreeHeight(flat, 2)).toBe(2);
    expect(subtreeHeight(flat, 4)).toBe(1);
  });

  it('gives each visible section its nearest visible one above, past hidden ones (null: the menu links it)', () => {
    const hidden = new Set([1, 2]);
    const above = visibleParents(flat.map((s) => ({ ...s, hidden: hidden.has(s.id) })));
    expect([...above.entries()].sort()).toEqual([
      [3, null],
      [4, null],
      [5, null],
    ]);
    const midHidden = visibleParents(flat.map((s) => ({ ...s, hidden: s.id === 2 })));
    expect(midHidden.get(5)).toBe(1);
    expect(midHidden.get(3)).toBe(1);
    expect(midHidden.has(2)).toBe(false);
    expect(
      visibleParents([
        { id: 1, parentId: 2 },
        { id: 2, parentId: 1, hidden: true },
      ]).get(1),
    ).toBeNull();
  });

  it('places an imported section under its parent, or the nearest ancestor that keeps its branch within the depth', () => {
    // 1 > 2 > 5 is three levels deep.
    expect(placementUnder(flat, 5, undefined, 5)).toBe(5);
    expect(placementUnder(flat, 5, undefined, 3)).toBe(2);
    expect(placementUnder(flat, 5, undefined, 2)).toBe(1);
    expect(placementUnder(flat, 5, undefined, 1)).toBeNull();
    // Section 4 with a child of its own (2 levels) under 5: levels 4 and 5 fit in five, not in four.
    const withChild = [...flat, { id: 6, parentId: 4 }];
    expect(placementUnder(withChild, 5, 4, 5)).toBe(5);
    expect(placementUnder(withChild, 5, 4, 4)).toBe(2);
    // Never under itself or its own branch, nor under a section that is not there.
    expect(placementUnder(flat, 2, 2, 5)).toBeNull();
    expect(placementUnder(flat, 5, 1, 5)).toBeNull();
    expect(placementUnder(flat, 99, undefined, 5)).toBeNull();
  });

  // treeOrder copied a parent's child list on every child, and descendantIds and subtreeHeight scanned every section
  // for every node (quadratic: about a minute for these trees, past the test's time limit) and recursed (a chain this
  // long overflowed the stack). No timing asserted here: speed is the bench's to measure.
  it('handles forty thousand sections under one parent, and a chain as long', () => {
    const n = 40_000;
    const wide = [{ id: 0, parentId: null }, ...Array.from({ length: n }, (_, i) => ({ id: i + 1, parentId: 0 }))];
    const chain = Array.from({ length: n }, (_, i) => ({ id: i, parentId: i ? i - 1 : null }));
    expect(treeOrder(wide)).toHaveLength(n + 1);
    expect(descendantIds(wide, 0).size).toBe(n);
    expect(subtreeHeight(wide, 0)).toBe(2);
    expect(descendantIds(chain, 0).size).toBe(n - 1);
    expect(subtreeHeight(chain, 0)).toBe(n);
  });
});
