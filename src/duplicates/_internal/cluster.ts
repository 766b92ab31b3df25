/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// Clusters from scored pairs, without chaining unrelated records through one weak link. Only
// strong links (pairs at or above the threshold) join records, strongest first, as in single
// linkage; but two groups are never joined when a pair across them was compared and found clearly
// different, or was marked "not a duplicate". A chain of strong matches (one company under several
// spellings) still ends in one cluster; a strong link that contradicts what else is known does not.
//
// A scan of a million records has hundreds of thousands of strong and "apart" pairs: both come as
// columns of record positions, and the groups live in typed arrays (a union-find forest, and each
// group's members as a linked list), so that clustering allocates no object per pair or record.

/** Pairs of records by their positions: pair p is (a[p], b[p]). */
export interface PairColumns {
  readonly a: ArrayLike<number>;
  readonly b: ArrayLike<number>;
}

/**
 * The clusters (lists of record positions, each ascending, at least two records, in order of their
 * first record) that the strong pairs form, given strongest first, and the pairs that must not end
 * in one cluster.
 */
export function clusterPairs(count: number, strong: PairColumns, apart: PairColumns): number[][] {
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
  // Each record's "apart" records, in one array (offsets by record).
  const offsets = new Int32Array(count + 1);
  for (let p = 0; p < apart.a.length; p++) {
    const a = (apart.a[p] as number);
    const b = (apart.b[p] as number);
    if (a === b) continue;
    offsets[a + 1] = (offsets[a + 1] as number) + 1;
    offsets[b + 1] = (offsets[b + 1] as number) + 1;
  }
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const others = new Int32Array(offsets[count] as number);
  const filled = offsets.slice(0, count);
  for (let p = 0; p < apart.a.length; p++) {
    const a = (apart.a[p] as number);
    const b = (apart.b[p] as number);
    if (a === b) continue;
    others[filled[a] as number] = b;
    filled[a] = (filled[a] as number) + 1;
    others[filled[b] as number] = a;
    filled[b] = (filled[b] as number) + 1;
  }
  // Per group (kept on its root): its members as a list (first, last, and each member's next); the
  // same for only its members that have "apart" records, so that a join searches those alone; and
  // how many "apart" links they have, which decides which side is searched.
  const members = new Chains(count);
  const withOthers = new Chains(count);
  const conflicts = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    members.start(i);
    conflicts[i] = (offsets[i + 1] as number) - (offsets[i] as number);
    if (conflicts[i] !== 0) withOthers.start(i);
  }
  // Whether a member of the group at `root` must stay apart from a member of the group at `other`.
  const contradicts = (root: number, other: number): boolean => {
    for (let member = withOthers.first(root); member >= 0; member = withOthers.next(member)) {
      for (let x = (offsets[member] as number); x < (offsets[member + 1] as number); x++) if (find(others[x] as number) === other) return true;
    }
    return false;
  };
  for (let p = 0; p < strong.a.length; p++) {
    const rootA = find(strong.a[p] as number);
    const rootB = find(strong.b[p] as number);
    if (rootA === rootB) continue;
    // The group with fewer "apart" links is searched; the other becomes the root.
    const [small, root] = (conflicts[rootA] as number) <= (conflicts[rootB] as number) ? [rootA, rootB] : [rootB, rootA];
    if (conflicts[small] !== 0 && contradicts(small, root)) continue;
    parent[small] = root;
    members.join(root, small);
    withOthers.join(root, small);
    conflicts[root] = (conflicts[root] as number) + (conflicts[small] as number);
  }
  const clusters: number[][] = [];
  for (let i = 0; i < count; i++) {
    if (find(i) !== i || members.next(i) < 0) continue;
    const group: number[] = [];
    for (let member = members.first(i); member >= 0; member = members.next(member)) group.push(member);
    clusters.push(group.sort((x, y) => x - y));
  }
  return clusters.sort((x, y) => (x[0] as number) - (y[0] as number));
}

// Lists of records kept on their group's root, joined in constant time: each list's first and last
// record, and each record's next (-1 at the end; a root with no list has first -1).
class Chains {
  readonly #first: Int32Array;
  readonly #last: Int32Array;
  readonly #next: Int32Array;

  constructor(count: number) {
    this.#first = new Int32Array(count).fill(-1);
    this.#last = new Int32Array(count).fill(-1);
    this.#next = new Int32Array(count).fill(-1);
  }

  /** Makes record `i` the list of its own group. */
  start(i: number): void {
    this.#first[i] = i;
    this.#last[i] = i;
  }

  first(root: number): number {
    return this.#first[root] as number;
  }

  next(record: number): number {
    return this.#next[record] as number;
  }

  /** Appends the list of `child`'s group to that of `root`'s. */
  join(root: number, child: number): void {
    const head = (this.#first[child] as number);
    if (head < 0) return;
    if (this.#first[root] === -1) this.#first[root] = head;
    else this.#next[this.#last[root] as number] = head;
    this.#last[root] = this.#last[child] as number;
  }
}
