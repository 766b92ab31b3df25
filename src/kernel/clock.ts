import { ValidationError } from './errors.js';

/**
 * Where crm-kit reads the current time. Domain code never calls `Date.now()`: hosts inject a clock,
 * and tests inject a {@link fixedClock} or a {@link manualClock} to make every rule replayable.
 * `now()` MUST return a new `Date` on each call.
 */
export interface Clock {
  now(): Date;
}

/**
 * The clock of the machine the host runs on.
 */
export const systemClock: Clock = { now: () => new Date() };

// Only text that names one instant everywhere: no local times, no free-form dates.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a value is a `Date` that holds an instant (not an Invalid Date).
 *
 * @param value - Anything.
 * @returns Whether it is a valid `Date`.
 *
 * @example
 * ```ts
 * isInstant(new Date('2026-05-01T09:00:00Z')); //=> true
 * // What `new Date` makes of text it cannot read is a Date, but holds no instant:
 * isInstant(new Date('someday')); //=> false
 * isInstant('2026-05-01T09:00:00Z'); //=> false
 * ```
 */
export function isInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * Reads an instant: a valid `Date`, or ISO 8601 text with a time and a `Z` or an offset
 * (`'2026-05-01T09:00:00Z'`, `'2026-05-01T11:00:00+02:00'`). Text without a zone, or free-form
 * text such as `'May 1, 2026'`, would mean another instant on each machine and is refused.
 *
 * @param value - A `Date` or ISO 8601 text.
 * @param what - How a message names the value.
 * @returns A new `Date`.
 * @throws {@link ValidationError} `INVALID_DATE`.
 *
 * @example
 * ```ts
 * toInstant('2026-05-01T11:00:00+02:00').toISOString(); //=> '2026-05-01T09:00:00.000Z'
 * toInstant('2026-05-01T09:00:00'); // throws INVALID_DATE
 * ```
 */
export function toInstant(value: Date | string, what = 'instant'): Date {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    const name = typeof what === 'string' ? what : 'instant';
    throw new ValidationError('INVALID_DATE', `The ${name} must be a valid Date or ISO 8601 text with a time zone (Z or an offset).`);
  }
  return new Date(time);
}

/**
 * A clock that always tells the same instant.
 *
 * @param at - The instant, as a `Date` or ISO 8601 text.
 * @returns A clock whose `now()` returns a fresh copy of `at`.
 * @throws {@link ValidationError} `INVALID_DATE` for an invalid instant.
 *
 * @example
 * ```ts
 * const clock = fixedClock('2026-05-01T09:00:00Z');
 * clock.now().toISOString(); //=> '2026-05-01T09:00:00.000Z'
 * ```
 */
export function fixedClock(at: Date | string): Clock {
  const time = toInstant(at, 'fixed instant').getTime();
  return { now: () => new Date(time) };
}

/**
 * A span of time with fixed-length units: a day is always 24 hours, so advancing a
 * {@link ManualClock} never depends on a time zone.
 */
export interface FixedDuration {
  readonly days?: number | undefined;
  readonly hours?: number | undefined;
  readonly minutes?: number | undefined;
  readonly seconds?: number | undefined;
  readonly milliseconds?: number | undefined;
}

/**
 * A clock that tests move by hand.
 */
export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with negative values) and returns the new instant. */
  advance(by: number | FixedDuration): Date;
  /** Puts the clock at an instant. */
  set(to: Date | string): void;
}

const UNIT_MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000, milliseconds: 1 } as const;

/**
 * A clock for tests that stays where it is until advanced or set.
 *
 * @param start - The first instant, as a `Date` or ISO 8601 text.
 * @returns A {@link ManualClock}.
 * @throws {@link ValidationError} `INVALID_DATE` for an invalid instant, `INVALID_ARGUMENT` for a
 * duration that is not a finite number of milliseconds.
 *
 * @example
 * ```ts
 * const clock = manualClock('2026-01-01T00:00:00Z');
 * clock.advance({ days: 1, hours: 2 }).toISOString(); //=> '2026-01-02T02:00:00.000Z'
 * clock.advance(500).toISOString(); //=> '2026-01-02T02:00:00.500Z'
 * ```
 */
export function manualClock(start: Date | string): ManualClock {
  let time = toInstant(start, 'start instant').getTime();
  return {
    now: () => new Date(time),
    advance(by) {
      let delta = Number.NaN;
      const given: unknown = by;
      if (typeof given === 'number') delta = given;
      else if (typeof given === 'object' && given !== null && Object.keys(given).every((unit) => Object.hasOwn(UNIT_MS, unit))) {
        delta = 0;
        for (const unit of Object.keys(UNIT_MS) as (keyof typeof UNIT_MS)[]) {
          const count: unknown = (given as FixedDuration)[unit] ?? 0;
          delta += typeof count === 'number' ? count * UNIT_MS[unit] : Number.NaN;
        }
      }
      const next = time + delta;
      if (!Number.isFinite(delta) || Number.isNaN(new Date(next).getTime())) {
        throw new ValidationError('INVALID_ARGUMENT', 'A clock advances by milliseconds or { days, hours, minutes, seconds, milliseconds }, within the Date range.');
      }
      time = next;
      return new Date(time);
    },
    set(to) {
      time = toInstant(to).getTime();
    },
  };
}
