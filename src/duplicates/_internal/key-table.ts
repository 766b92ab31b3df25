/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The blocking keys of a scan, kept as numbers: each key's code is hashed twice (two seeds of
// MurmurHash3's mixing, 64 bits together) and stored beside its record and criterion in typed
// arrays, so a million records with several keys each cost a few bytes per key, not a string and a
// map entry.
// A radix sort groups equal keys; two keys whose 64-bit hashes collide only add a candidate pair,
// which scoring scores on its fields like any other.

/**
 * The two 32-bit hashes of criterion `criterion`'s key whose code (see Rule.keyCodes) starts at
 * `at` in `codes`, its header given without the looking flag: a key that only looks is the same
 * key as the one it looks for.
 */
export function hashKeyCode(criterion: number, header: number, codes: readonly number[], at: number, into: Uint32Array): void {
  // The header's low 16 bits count the integers (KEY_LENGTH in comparators.ts).
  const end = at + 1 + (header & 0xffff);
  hashRun(mixInto(mixInto(SEED_FIRST, criterion), header), mixInto(mixInto(SEED_SECOND, criterion), header), codes, at + 1, end, end - at, into);
}

/** The two 32-bit hashes of `values[from..end)`, into `into`. */
export function hashNumbers(values: readonly number[], from: number, end: number, into: Uint32Array): void {
  hashRun(SEED_FIRST, SEED_SECOND, values, from, end, end - from, into);
}

// Both running hashes on from `first` and `second` over `values[from..end)`, finished with `length`.
function hashRun(first: number, second: number, values: readonly number[], from: number, end: number, length: number, into: Uint32Array): void {
  for (let x = from; x < end; x++) {
    const value = (values[x] as number);
    first = mixInto(first, value);
    second = mixInto(second, value);
  }
  into[0] = finish(first, length);
  into[1] = finish(second, length);
}

const SEED_FIRST = 0x811c9dc5;
const SEED_SECOND = 0x2545f491;

// One 32-bit value into a running hash, as MurmurHash3 does.
function mixInto(hash: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

// MurmurHash3's finish: every input bit reaches every output bit.
function finish(hash: number, length: number): number {
  let h = hash ^ length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A growing column of 32-bit integers. */
export class IntColumn {
  #values: Int32Array;
  #length = 0;

  constructor(capacity = 1024) {
    this.#values = new Int32Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#values.length) this.#grow(this.#length + 1);
    this.#values[this.#length++] = value;
  }

  // Room for at least `capacity` values, doubling.
  #grow(capacity: number): void {
    const grown = new Int32Array(Math.max(1024, this.#values.length * 2, capacity));
    grown.set(this.#values);
    this.#values = grown;
  }

  /** Empties the column and lets its memory go. */
  release(): void {
    this.#values = new Int32Array(0);
    this.#length = 0;
  }

  /** Pushes every value of a list. */
  append(values: readonly number[]): void {
    if (this.#length + values.length > this.#values.length) this.#grow(this.#length + values.length);
    const into = this.#values;
    let at = this.#length;
    for (const value of values) into[at++] = value;
    this.#length = at;
  }

  get(index: number): number {
    return (this.#values[index] as number);
  }


  /** The array the values are kept in (longer than they are), until the next push grows it. */
  get backing(): Int32Array {
    return this.#values;
  }

  /** The values pushed, as one array of exactly their length (a view, not a copy). */
  view(): Int32Array {
    return this.#values.subarray(0, this.#length);
  }
}

/**
 * A growing column of small integers (0 to 255), a byte each: a key's criterion and flags, for
 * millions of keys. A class of its own rather than a kind of {@link IntColumn}, so that each
 * column's reads and writes see one kind of array.
 */
export class ByteColumn {
  #values = new Uint8Array(1024);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Uint8Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  get(index: number): number {
    return (this.#values[index] as number);
  }

  /** The values pushed (a view, not a copy). */
  view(): Uint8Array {
    return this.#values.subarray(0, this.#length);
  }
}

/** Keys in order of their 64-bit hash, where each run of equal hashes starts, and what each sorted key is of. */
export interface SortedHashes {
  /** The keys' indexes, sorted by hash (first the high half, then the low, both unsigned), stable. */
  readonly order: Uint32Array;
  /** Where each run of keys with one hash starts in `order`, and last `order.length`. */
  readonly runStarts: Int32Array;
  /** The record of each key, in sorted order: `record[q]` holds key `order[q]`. */
  readonly record: Int32Array;
  /** The criterion and flags of each key, in sorted order: `criterion[q]` is the input's `criterion[order[q]]`. */
  readonly criterion: Uint8Array;
}

/**
 * The keys sorted by their 64-bit hash, and its runs: a least-significant-digit radix sort of the
 * high halves in two 16-bit passes, which moves each high half with its index, low half, record
 * and criterion, so that the passes and what reads the sorted keys after them read memory in
 * order; then each group of equal high halves put in order of its low halves. Such a group is
 * nearly always the holders of one key, already in order; two keys whose high halves collide are
 * sorted by comparison, so crafted collisions cost n log n, not n².
 *
 * Keys are numbered record by record: record r holds keys `firstKey[r]` to `firstKey[r + 1]`
 * (exclusive), and the last entry of `firstKey` is the number of keys.
 */
export function sortByHash(high: Int32Array, low: Int32Array, firstKey: Int32Array, criterion: Uint8Array): SortedHashes {
  const count = high.length;
  // The first pass reads the input in place (its order is every key's own index); each pass then
  // writes the other set of columns.
  let order = new Uint32Array(count);
  let keys = new Uint32Array(count);
  let lows = new Int32Array(count);
  let records = new Int32Array(count);
  let criteria = new Uint8Array(count);
  let spare = new Uint32Array(count);
  let spareKeys = new Uint32Array(count);
  let spareLows = new Int32Array(count);
  let spareRecords = new Int32Array(count);
  let spareCriteria = new Uint8Array(count);
  const highs = new Uint32Array(high.buffer, high.byteOffset, count);
  const buckets = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    const first = shift === 0;
    const from = first ? highs : keys;
    buckets.fill(0);
    for (let i = 0; i < count; i++) {
      const digit = ((from[i] as number) >>> shift) & 0xffff;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    let total = 0;
    for (let digit = 0; digit < 65536; digit++) {
      const size = (buckets[digit] as number);
      buckets[digit] = total;
      total += size;
    }
    const fromLows = first ? low : lows;
    const fromCriteria = first ? criterion : criteria;
    // The record holding key i, on the first pass (keys come record by record).
    let holder = 0;
    for (let i = 0; i < count; i++) {
      const key = (from[i] as number);
      const digit = (key >>> shift) & 0xffff;
      const to = (buckets[digit] as number);
      spare[to] = first ? i : (order[i] as number);
      spareKeys[to] = key;
      spareLows[to] = fromLows[i] as number;
      if (first) {
        while ((firstKey[holder + 1] as number) <= i) holder++;
        spareRecords[to] = holder;
      } else {
        spareRecords[to] = records[i] as number;
      }
      spareCriteria[to] = fromCriteria[i] as number;
      buckets[digit] = to + 1;
    }
    [order, spare] = [spare, order];
    [keys, spareKeys] = [spareKeys, keys];
    [lows, spareLows] = [spareLows, lows];
    [records, spareRecords] = [spareRecords, records];
    [criteria, spareCriteria] = [spareCriteria, criteria];
  }
  // The runs: within each group of equal high halves, after sorting it, by the low halves.
  const runStarts = new Int32Array(count + 1);
  const sorted = { order, lows, records, criteria };
  let runs = 0;
  let start = 0;
  for (let q = 1; q <= count; q++) {
    if (q < count && keys[q] === keys[start]) continue;
    if (q - start > 1) sortGroupByLow(sorted, start, q);
    runStarts[runs++] = start;
    for (let x = start + 1; x < q; x++) if (lows[x] !== lows[x - 1]) runStarts[runs++] = x;
    start = q;
  }
  runStarts[runs] = count;
  return { order, runStarts: runStarts.subarray(0, runs + 1), record: records, criterion: criteria };
}

// Puts the sorted keys' positions start..end in order of their low halves (unsigned), keeping
// equal ones in place.
function sortGroupByLow(sorted: { order: Uint32Array; lows: Int32Array; records: Int32Array; criteria: Uint8Array }, start: number, end: number): void {
  const { order, lows, records, criteria } = sorted;
  let inOrder = true;
  for (let q = start + 1; q < end && inOrder; q++) inOrder = (lows[q - 1] as number) >>> 0 <= (lows[q] as number) >>> 0;
  if (inOrder) return;
  const positions = Array.from({ length: end - start }, (_, at) => start + at);
  positions.sort((x, y) => ((lows[x] as number) >>> 0) - ((lows[y] as number) >>> 0) || x - y);
  const moved = positions.map((q) => [order[q] as number, lows[q] as number, records[q] as number, criteria[q] as number] as const);
  moved.forEach(([entry, lowHalf, holder, of], at) => {
    order[start + at] = entry;
    lows[start + at] = lowHalf;
    records[start + at] = holder;
    criteria[start + at] = of;
  });
}

