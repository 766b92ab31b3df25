/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The blocking keys of a scan, kept as numbers: each key text is hashed twice (two 32-bit FNV-1a
// variants, 64 bits together) and stored beside its record and criterion in typed arrays, so a
// million records with several keys each cost a few bytes per key, not a string and a map entry.
// A radix sort groups equal keys; two keys whose 64-bit hashes collide only add a candidate pair,
// which scoring then rejects.

/**
 * The two 32-bit hashes of a key: its field, ':' and its body, hashed as one text without
 * building it.
 */
export function hashKey(field: string, body: string, into: Uint32Array): void {
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ (field.length + 1 + body.length);
  const length = field.length + 1 + body.length;
  for (let i = 0; i < length; i++) {
    const code = i < field.length ? field.charCodeAt(i) : i === field.length ? 58 : body.charCodeAt(i - field.length - 1);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
    second ^= second >>> 15;
  }
  into[0] = first >>> 0;
  into[1] = (second ^ (second >>> 13)) >>> 0;
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
    if (this.#length === this.#values.length) {
      const grown = new Int32Array(Math.max(1024, this.#values.length * 2));
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  /** Empties the column and lets its memory go. */
  release(): void {
    this.#values = new Int32Array(0);
    this.#length = 0;
  }

  /** Pushes every value of a list. */
  append(values: readonly number[]): void {
    for (const value of values) this.push(value);
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
 * The order of the keys sorted by their 64-bit hash (first by `high`, then by `low`, both as
 * unsigned numbers), stable: a least-significant-digit radix sort of the high halves in two 16-bit
 * passes, then each group of equal high halves put in order of its low halves. Such a group is
 * nearly always the holders of one key, already in order; two keys whose high halves collide are
 * sorted by comparison, so crafted collisions cost n log n, not n².
 */
export function sortByHash(high: Int32Array, low: Int32Array): Uint32Array {
  const count = high.length;
  let order = new Uint32Array(count);
  let spare = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const buckets = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    buckets.fill(0);
    for (let i = 0; i < count; i++) {
      const digit = ((high[i] as number) >>> shift) & 0xffff;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    let total = 0;
    for (let digit = 0; digit < 65536; digit++) {
      const size = (buckets[digit] as number);
      buckets[digit] = total;
      total += size;
    }
    for (let i = 0; i < count; i++) {
      const key = (order[i] as number);
      const digit = ((high[key] as number) >>> shift) & 0xffff;
      spare[(buckets[digit] as number)] = key;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    [order, spare] = [spare, order];
  }
  let start = 0;
  for (let q = 1; q <= count; q++) {
    if (q < count && high[order[q] as number] === high[order[start] as number]) continue;
    if (q - start > 1) sortGroupByLow(order, start, q, low);
    start = q;
  }
  return order;
}

// Puts order[start..end) in order of the keys' low halves (unsigned), keeping equal ones in place.
function sortGroupByLow(order: Uint32Array, start: number, end: number, low: Int32Array): void {
  let sorted = true;
  for (let q = start + 1; q < end && sorted; q++) sorted = (low[order[q - 1] as number] as number) >>> 0 <= (low[order[q] as number] as number) >>> 0;
  if (sorted) return;
  const group = Array.from(order.subarray(start, end));
  group.sort((x, y) => ((low[x] as number) >>> 0) - ((low[y] as number) >>> 0) || x - y);
  order.set(group, start);
}
