/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// Clusters from scored pairs, without chaining unrelated records through one weak link. Only
// strong links (pairs at or above the threshold) join records, strongest first, as in single
// linkage; but two groups are never joined when a pair across them was compared and found clearly
// different, or was marked "not a duplicate". A chain of strong matches (one company under several
// spellings) still ends in one cluster; a strong link that contradicts what else is known does not.

/** A pair of records by their positions, with its probability. */
export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/**
 * The clusters (lists of record positions, each ascending, at least two records) that the strong
 * pairs form, given the pairs that must not end in one cluster.
 */
export function clusterPairs(count: number, strong: readonly ScoredPair[], apart: readonly (readonly [number, number])[]): number[][] {
  const parent = new Int32Array(count);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = (parent[root] as number);
    while (parent[i] !== root) {
      const next = (parent[i] as number);
      parent[i] = root;
      i = next;
    }
    return root;
  };
  // The records each group must stay apart from, kept on its root.
  const conflicts = new Map<number, number[]>();
  for (const [a, b] of apart) {
    if (a === b) continue;
    (conflicts.get(a) ?? conflicts.set(a, []).get(a))?.push(b);
    (conflicts.get(b) ?? conflicts.set(b, []).get(b))?.push(a);
  }
  const ordered = [...strong].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const { a, b } of ordered) {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) continue;
    const listA = conflicts.get(rootA);
    const listB = conflicts.get(rootB);
    const [small, otherRoot] = (listA?.length ?? 0) <= (listB?.length ?? 0) ? [listA, rootB] : [listB, rootA];
    if (small?.some((record) => find(record) === otherRoot)) continue;
    // The smaller conflict list joins the larger one under the new root.
    const [root, child] = (listA?.length ?? 0) >= (listB?.length ?? 0) ? [rootA, rootB] : [rootB, rootA];
    parent[child] = root;
    const childList = conflicts.get(child);
    if (childList !== undefined) {
      const rootList = conflicts.get(root);
      if (rootList === undefined) conflicts.set(root, childList);
      else rootList.push(...childList);
      conflicts.delete(child);
    }
  }
  const groups = new Map<number, number[]>();
  const placed = new Uint8Array(count);
  for (const { a, b } of strong) {
    for (const record of [a, b]) {
      if (placed[record] === 1) continue;
      placed[record] = 1;
      const root = find(record);
      const group = groups.get(root);
      if (group === undefined) groups.set(root, [record]);
      else group.push(record);
    }
  }
  return [...groups.values()].filter((group) => group.length > 1).map((group) => group.sort((x, y) => x - y));
}
