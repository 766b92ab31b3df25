import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { IdSpaceExhaustedError, ValidationError } from './errors.js';

/**
 * Where crm-kit gets identifiers for new records. Hosts inject one; ids are strings whose shape the
 * generator decides. `next` MUST never return the same id twice for one entity type.
 *
 * @example
 * ```ts
 * const ids: IdGenerator = sequentialIds();
 * ids.next('contact'); //=> '1'
 * ```
 */
export interface IdGenerator {
  /** The next unused id for records of `entityType`. */
  next(entityType: string): string;
}

/**
 * Options of {@link sequentialIds}.
 */
export interface SequentialIdsOptions {
  /**
   * The smallest id to hand out, for every entity type or per entity type (types not listed start
   * at 1). To resume, pass the last stored id plus one. Default 1.
   */
  readonly start?: number | Readonly<Record<string, number>> | undefined;
  /** The distance between two ids. Default 1. */
  readonly step?: number | undefined;
  /** Every id leaves this remainder when divided by `step`; `0 ≤ offset < step`. Default 0. */
  readonly offset?: number | undefined;
}

function assertOptions(options: unknown, name: string): void {
  if (typeof options !== 'object' || options === null) throw new ValidationError('INVALID_ARGUMENT', `${name} takes an options object.`);
}

function assertWhole(value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ValidationError('INVALID_ARGUMENT', `${what} must be a whole number of at least ${min}.`);
  }
}

/**
 * The parity allocator: sequential integer ids, one sequence per entity type, that step by `step`
 * and all leave the remainder `offset` when divided by `step`. With `step: 2`, `offset: 0` hands out
 * only even ids and `offset: 1` only odd ones, so two writers configured that way never collide.
 * Ids cannot be changed once handed out; a host resumes by passing `start`.
 *
 * @param options - Start, step and offset; see {@link SequentialIdsOptions}.
 * @returns An {@link IdGenerator} whose ids are decimal integer strings.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not whole numbers, or an
 * offset outside `[0, step)`; the generator throws {@link IdSpaceExhaustedError} past
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * const even = sequentialIds({ step: 2, offset: 0 });
 * const odd = sequentialIds({ step: 2, offset: 1 });
 * [even.next('deal'), even.next('deal'), odd.next('deal')]; //=> ['2', '4', '1']
 *
 * const resumed = sequentialIds({ start: { contact: 1001 } });
 * resumed.next('contact'); //=> '1001'
 * resumed.next('company'); //=> '1'
 * ```
 */
export function sequentialIds(options: SequentialIdsOptions = {}): IdGenerator {
  assertOptions(options, 'sequentialIds');
  const step = options.step ?? 1;
  const offset = options.offset ?? 0;
  assertWhole(step, 'The id step', 1);
  assertWhole(offset, 'The id offset', 0);
  if (offset >= step) throw new ValidationError('INVALID_ARGUMENT', 'The id offset must be smaller than the step.');
  const starts = options.start ?? 1;
  const start: unknown = starts;
  if (typeof start !== 'number' && (typeof start !== 'object' || start === null)) {
    throw new ValidationError('INVALID_ARGUMENT', 'The id start is a number or a record of numbers per entity type.');
  }
  const startOf = (entityType: string): number =>
    typeof starts === 'number' ? starts : Object.hasOwn(starts, entityType) ? (starts[entityType] ?? 1) : 1;
  if (typeof starts === 'number') assertWhole(starts, 'The id start', 0);
  else for (const value of Object.values(starts)) assertWhole(value, 'Each id start', 0);

  const following = new Map<string, number>();
  return {
    next(entityType) {
      let id = following.get(entityType);
      if (id === undefined) {
        const start = startOf(entityType);
        id = start + ((((offset - start) % step) + step) % step);
      }
      if (id > Number.MAX_SAFE_INTEGER) {
        throw new IdSpaceExhaustedError('ID_SPACE_EXHAUSTED', `No safe integer id is left for ${entityType} records.`);
      }
      following.set(entityType, id + step);
      return String(id);
    },
  };
}

/**
 * Options of {@link uuidV7Ids}.
 */
export interface UuidV7Options {
  /** Supplies the 48-bit millisecond timestamp. Default {@link systemClock}. */
  readonly clock?: Clock | undefined;
  /** Fills a byte array with random bytes. Default `crypto.getRandomValues`. */
  readonly random?: ((bytes: Uint8Array) => void) | undefined;
}

interface WebCrypto {
  getRandomValues(bytes: Uint8Array): Uint8Array;
}

function defaultRandom(): (bytes: Uint8Array) => void {
  const webCrypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (webCrypto === undefined) {
    throw new ValidationError('INVALID_ARGUMENT', 'No Web Crypto here: pass a random source to uuidV7Ids.');
  }
  return (bytes) => {
    webCrypto.getRandomValues(bytes);
  };
}

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Time-ordered UUIDs (RFC 9562 version 7): a millisecond timestamp followed by a 12-bit counter and
 * 62 random bits. Ids from one generator sort in the order they were made, as strings too, even
 * within one millisecond or when the clock steps back.
 *
 * @param options - The clock and random source; see {@link UuidV7Options}.
 * @returns An {@link IdGenerator} whose ids are lower-case UUID strings.
 *
 * @example
 * ```ts
 * const ids = uuidV7Ids({ clock: fixedClock('2026-01-01T00:00:00Z'), random: (bytes) => bytes.fill(0) });
 * ids.next('contact'); //=> '019b76da-a800-7000-8000-000000000000'
 * ids.next('contact'); //=> '019b76da-a800-7001-8000-000000000000'
 * ```
 */
export function uuidV7Ids(options: UuidV7Options = {}): IdGenerator {
  assertOptions(options, 'uuidV7Ids');
  const clock = options.clock ?? systemClock;
  const random = options.random ?? defaultRandom();
  if (typeof random !== 'function' || typeof (clock as Partial<Clock>).now !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'uuidV7Ids takes a clock with now() and a random(bytes) function.');
  }
  const bytes = new Uint8Array(16);
  let lastMs = -1;
  let counter = 0;
  return {
    next() {
      const now: unknown = clock.now();
      let ms = now instanceof Date ? now.getTime() : Number.NaN;
      if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0xffff_ffff_ffff) {
        throw new ValidationError('INVALID_DATE', 'UUIDv7 needs a clock between 1970 and the year 10889.');
      }
      random(bytes);
      if (ms > lastMs) {
        // A fresh millisecond starts the counter in its lower half, leaving room to count up.
        counter = ((bytes[6] ?? 0) & 0x07) * 256 + (bytes[7] ?? 0);
      } else {
        ms = lastMs;
        counter += 1;
        if (counter > 0xfff) {
          ms += 1;
          counter = 0;
        }
      }
      lastMs = ms;
      bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
      bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
      bytes[2] = (ms >>> 24) & 0xff;
      bytes[3] = (ms >>> 16) & 0xff;
      bytes[4] = (ms >>> 8) & 0xff;
      bytes[5] = ms & 0xff;
      bytes[6] = 0x70 | (counter >>> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      let text = '';
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
        text += HEX[bytes[i] ?? 0] ?? '';
      }
      return text;
    },
  };
}
