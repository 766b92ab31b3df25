import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDuplicateIndex, createDuplicateMatcher, matchKeysOf } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { sealPlain } from '../../src/kernel/index.js';
import { codeOf } from '../support/errors.js';
import { contacts } from './_arbitraries.js';

const OPTIONS = { entityType: 'contact', threshold: 0.01, stopLimit: 5 } as const;

/** A memory store keeping the keys of the records, and the matcher that gave them. */
async function keptInStore(list: readonly { readonly id: string }[]) {
  const keys = createMemoryStore().matchKeys;
  if (keys === undefined) throw new Error('The memory store keeps match keys.');
  const matcher = createDuplicateMatcher(OPTIONS);
  for (const record of list) await keys.set('contact', record.id, matcher.keysOf(record));
  return { keys, matcher };
}

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
        const { keys, matcher } = await keptInStore(list);
        const index = createDuplicateIndex(OPTIONS);
        for (const record of list) index.add(record);
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

  it('answers for a prepared record as for the record itself, in every step and in later checks', async () => {
    await fc.assert(
      fc.asyncProperty(contacts, async (list) => {
        const { keys, matcher } = await keptInStore(list);
        const byId = new Map(list.map((record) => [record.id, record]));
        const steps = async (record: unknown) => {
          const hits = await keys.lookup('contact', matcher.lookupKeysOf(record));
          const ids = matcher.candidatesOf(record, hits);
          const found = matcher.check(record, hits, ids.map((id) => byId.get(id)));
          return { keys: matcher.lookupKeysOf(record), kept: matcher.keysOf(record), ids, found: found.map((candidate) => `${candidate.id} ${candidate.score.toFixed(12)}`) };
        };
        for (const record of list) {
          const prepared = matcher.prepare(record);
          expect(prepared.id).toBe(record.id);
          const once = await steps(prepared);
          expect(once).toEqual(await steps(record));
          // Prepared once, checked twice: the second check is the first one again.
          expect(await steps(prepared)).toEqual(once);
        }
      }),
    );
  });

  it('reads a record prepared by another matcher as the plain record it looks like, never as prepared', () => {
    const ana = { firstName: 'Ana', lastName: 'García' };
    const other = createDuplicateMatcher({ entityType: 'contact' }).prepare(ana);
    const matcher = createDuplicateMatcher({ entityType: 'contact' });
    expect(matcher.lookupKeysOf(other)).toEqual([]);
    expect(matcher.lookupKeysOf(matcher.prepare(ana))).toEqual(matcher.lookupKeysOf(ana));
    expect(codeOf(() => matcher.prepare({ lastName: 'García', phones: 'none' }))).toBe('VALIDATION_FAILED');
  });

  it('reads a stored record again when its version changes, and a record of the host (unsealed) every time', () => {
    const matcher = createDuplicateMatcher({ entityType: 'contact', defaultRegion: 'ES' });
    const input = matcher.prepare({ firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' }] });
    const hits = [{ id: 'c1', keys: matcher.lookupKeysOf(input) }];
    const scoreOf = (record: unknown): number => matcher.check(input, hits, [record])[0]?.score ?? 0;
    const same = { id: 'c1', version: 1, firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }] };
    const other = { ...same, firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699 000 111', kind: 'work' }] };
    const first = scoreOf(sealPlain(structuredClone(same)));
    expect(first).toBeGreaterThan(0.9);
    expect(scoreOf(sealPlain({ ...structuredClone(other), version: 2 }))).toBe(0);
    expect(scoreOf(sealPlain(structuredClone(same)))).toBe(first);
    const host = structuredClone(same);
    expect(scoreOf(host)).toBe(first);
    host.firstName = 'Luis';
    host.lastName = 'Pérez';
    host.phones = [{ value: '699 000 111', kind: 'work' }];
    expect(scoreOf(host)).toBe(0);
  });

  it('refuses hits and records of the wrong shape with typed errors', () => {
    const matcher = createDuplicateMatcher({ entityType: 'contact' });
    expect(codeOf(() => matcher.check({ lastName: 'García' }, 'hits' as never, []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => matcher.check({ lastName: 'García' }, [{ id: 7 }] as never, []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => matcher.check({ lastName: 'García' }, [], [{ id: 'x', phones: 'none' }]))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => matcher.keysOf(null))).toBe('INVALID_ARGUMENT');
  });
});
