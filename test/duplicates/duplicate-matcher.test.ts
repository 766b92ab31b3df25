import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDuplicateIndex, createDuplicateMatcher, matchKeysOf } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { codeOf } from '../support/errors.js';
import { contacts } from './_arbitraries.js';

describe('createDuplicateMatcher', () => {
  it('keeps the keys matchKeysOf gives, and looks a full name up without its surname alone', () => {
    const matcher = createDuplicateMatcher({ entityType: 'contact' });
    const ana = { firstName: 'Ana', lastName: 'García' };
    expect(matcher.keysOf(ana)).toEqual(matchKeysOf(ana, { entityType: 'contact' }));
    expect(matcher.keysOf(ana)).toEqual(['name:>~garcia', 'name:garcia|a']);
    // It finds the records that hold only 'García', and the full names with its initial.
    expect(matcher.lookupKeysOf(ana)).toEqual(['name:>garcia|a', 'name:garcia|a', 'name:~garcia']);
    expect(matcher.lookupKeysOf({ lastName: 'García' })).toEqual(['name:>~garcia', 'name:~garcia']);
  });

  it('through a store that keeps the keys, finds what an index holding the same records finds', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const store = createMemoryStore();
        const keys = store.matchKeys;
        if (keys === undefined) throw new Error('The memory store keeps match keys.');
        const matcher = createDuplicateMatcher({ entityType: 'contact', threshold: 0.01, stopLimit: 5 });
        const index = createDuplicateIndex({ entityType: 'contact', threshold: 0.01, stopLimit: 5 });
        for (const record of list) {
          await keys.set('contact', record.id, matcher.keysOf(record));
          index.add(record);
        }
        const byId = new Map(list.map((record) => [record.id, record]));
        for (const record of list) {
          const hits = await keys.lookup('contact', matcher.lookupKeysOf(record));
          const read = matcher.candidatesOf(record, hits).map((id) => byId.get(id));
          const found = matcher.check(record, hits, read).map((candidate) => `${candidate.id} ${candidate.score.toFixed(12)}`);
          expect(found).toEqual(index.check(record).map((candidate) => `${candidate.id} ${candidate.score.toFixed(12)}`));
        }
      }),
    );
  });

  it('refuses hits and records of the wrong shape with typed errors', () => {
    const matcher = createDuplicateMatcher({ entityType: 'contact' });
    expect(codeOf(() => matcher.check({ lastName: 'García' }, 'hits' as never, []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => matcher.check({ lastName: 'García' }, [{ id: 7 }] as never, []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => matcher.check({ lastName: 'García' }, [], [{ id: 'x', phones: 'none' }]))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => matcher.keysOf(null))).toBe('INVALID_ARGUMENT');
  });
});
