import { describe, expect, it } from 'vitest';
import { fixedClock, isCrmError, manualClock, systemClock } from 'crm-kit';

describe('clocks', () => {
  it('the system clock tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a fixed clock always tells the same instant, as a fresh Date each time', () => {
    const clock = fixedClock('2026-05-01T09:00:00Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-05-01T09:00:00.000Z');
    expect(fixedClock(new Date(0)).now().getTime()).toBe(0);
  });

  it('a manual clock moves only when advanced or set, by fixed-length units', () => {
    const clock = manualClock('2026-03-28T12:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-28T12:00:00.000Z');
    expect(clock.advance({ days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 5 }).toISOString()).toBe(
      '2026-03-29T14:03:04.005Z',
    );
    expect(clock.advance(-5).toISOString()).toBe('2026-03-29T14:03:04.000Z');
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('refuses invalid instants and durations with typed errors, leaving the clock where it was', () => {
    expect(() => fixedClock('not a date')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => manualClock(new Date(Number.NaN))).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    const clock = manualClock('2026-01-01T00:00:00Z');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, { days: Number.NaN }, 9e15]) {
      try {
        clock.advance(bad);
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
    expect(() => { clock.set('yesterday'); }).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
