import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, isCrmError, manualClock, sequentialIds, uuidV7Ids } from 'crm-kit';

describe('sequentialIds', () => {
  it('counts from 1 in steps of 1 by default, one sequence per entity type', () => {
    const ids = sequentialIds();
    expect([ids.next('contact'), ids.next('contact'), ids.next('deal'), ids.next('contact')]).toEqual(['1', '2', '1', '3']);
  });

  it('the parity allocator: step 2 with offset 0 gives only even ids, offset 1 only odd ones', () => {
    const even = sequentialIds({ step: 2, offset: 0 });
    const odd = sequentialIds({ step: 2, offset: 1 });
    expect([even.next('deal'), even.next('deal'), even.next('deal')]).toEqual(['2', '4', '6']);
    expect([odd.next('deal'), odd.next('deal'), odd.next('deal')]).toEqual(['1', '3', '5']);
  });

  it('resumes from a start, per entity type, at the first id of its residue class', () => {
    const ids = sequentialIds({ step: 2, offset: 1, start: { contact: 4712 } });
    expect(ids.next('contact')).toBe('4713');
    expect(ids.next('company')).toBe('1');
    expect(sequentialIds({ start: 1001 }).next('x')).toBe('1001');
    expect(sequentialIds({ start: { constructor: 5 } }).next('toString')).toBe('1');
  });

  it('two generators with different offsets never hand out the same id', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }).chain((step) =>
          fc.tuple(fc.constant(step), fc.uniqueArray(fc.integer({ min: 0, max: step - 1 }), { minLength: 2, maxLength: 2 })),
        ),
        fc.nat(1000),
        fc.nat(1000),
        fc.integer({ min: 1, max: 200 }),
        (stepAndOffsets, startA, startB, count) => {
          const [step, [offsetA = 0, offsetB = 1]] = stepAndOffsets;
          const a = sequentialIds({ step, offset: offsetA, start: startA });
          const b = sequentialIds({ step, offset: offsetB, start: startB });
          const seen = new Set<string>();
          for (let i = 0; i < count; i++) {
            for (const id of [a.next('deal'), b.next('deal')]) {
              expect(seen.has(id)).toBe(false);
              seen.add(id);
            }
          }
        },
      ),
    );
  });

  it('every id is at least the start and leaves the offset as remainder, increasing by the step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(10_000), fc.nat(49), (step, start, rawOffset) => {
        const offset = rawOffset % step;
        const ids = sequentialIds({ step, offset, start });
        const first = Number(ids.next('x'));
        expect(first).toBeGreaterThanOrEqual(start);
        expect(first - start).toBeLessThan(step);
        expect(first % step).toBe(offset);
        expect(Number(ids.next('x'))).toBe(first + step);
      }),
    );
  });

  it('refuses options that are not whole numbers, or an offset outside [0, step)', () => {
    for (const options of [{ step: 0 }, { step: 1.5 }, { offset: -1 }, { step: 2, offset: 2 }, { start: -1 }, { start: { deal: 0.5 } }]) {
      try {
        sequentialIds(options);
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
  });

  it('throws ID_SPACE_EXHAUSTED instead of handing out an unsafe integer', () => {
    const ids = sequentialIds({ start: Number.MAX_SAFE_INTEGER });
    expect(ids.next('contact')).toBe('9007199254740991');
    expect(() => ids.next('contact')).toThrow(expect.objectContaining({ code: 'ID_SPACE_EXHAUSTED' }));
  });
});

describe('uuidV7Ids', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('writes the clock’s millisecond timestamp, the version and the variant', () => {
    const ids = uuidV7Ids({ clock: fixedClock('2026-01-01T00:00:00Z'), random: (bytes) => bytes.fill(0) });
    const id = ids.next('contact');
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(id).toBe('019b76da-a800-7000-8000-000000000000');
    expect(ids.next('contact')).toBe('019b76da-a800-7001-8000-000000000000');
  });

  it('ids sort in creation order as strings, within a millisecond and when the clock steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }), fc.integer(), (steps, seed) => {
        const clock = manualClock('2026-01-01T00:00:00Z');
        let state = seed;
        const ids = uuidV7Ids({
          clock,
          random: (bytes) => {
            for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (state * 1103515245 + 12345) >>> 0) & 0xff;
          },
        });
        let previous = '';
        for (const step of steps) {
          clock.advance(step);
          const id = ids.next('deal');
          expect(id).toMatch(UUID_V7);
          expect(id > previous).toBe(true);
          previous = id;
        }
      }),
    );
  });

  it('uses Web Crypto by default and never repeats', () => {
    const ids = uuidV7Ids();
    const seen = new Set(Array.from({ length: 10_000 }, () => ids.next('x')));
    expect(seen.size).toBe(10_000);
  });

  it('refuses a clock outside the 48-bit millisecond range', () => {
    expect(() => uuidV7Ids({ clock: fixedClock('1969-12-31T23:59:59Z') }).next('x')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
  });
});
