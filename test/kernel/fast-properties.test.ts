import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_PIPELINE, planCreateRecord, planMoveRecord, planUpdateRecord, snapshotInput } from 'crm-kit';
// Not public: how records are built and sealed.
import { putData, sealableBag, sealPlain } from '../../src/kernel/index.js';
import { ana, at, dealRules, later, planned } from '../records/fixtures.js';

// Records live for the life of the store, so their layout is a memory figure (docs/design-notes.md,
// "Records stay in V8's fast mode"): an object V8 moved to dictionary mode holds about 1,500 bytes of
// property table where a fast one holds its fields. V8 answers the question itself once natives
// syntax is allowed; the flag applies to functions compiled after it is set.
setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's intrinsic can only be reached from code compiled after the flag is set
const hasFastProperties = new Function('value', 'return %HasFastProperties(value)') as (value: object) => boolean;

// Field-like keys, as many as the largest standard entity holds and more; each run builds bags of a
// different key order and size, so V8's shared shape tree grows in ways a fixed list would not.
const keys = fc.uniqueArray(fc.stringMatching(/^[a-z][a-zA-Z]{0,11}$/), { minLength: 1, maxLength: 60, size: 'max' });

describe('bags keep V8 fast properties at every size', () => {
  it('a sealable bag filled by putData and sealed is in fast mode, whatever its keys', () => {
    fc.assert(
      fc.property(keys, (names) => {
        const bag = sealableBag();
        names.forEach((name, index) => {
          putData(bag, name, index, index);
        });
        expect(hasFastProperties(sealPlain(bag))).toBe(true);
      }),
    );
  });

  it('a snapshot of an object of any size is in fast mode, at the top and nested', () => {
    fc.assert(
      fc.property(keys, (names) => {
        const value = Object.fromEntries(names.map((name, index) => [name, index]));
        const copy = snapshotInput({ ...value, nested: value }, 'The input');
        expect([hasFastProperties(copy), hasFastProperties(copy.nested)]).toEqual([true, true]);
      }),
    );
  });

  it('the intrinsic tells the slow layout apart: twenty-two computed keys with the mark added last are not fast', () => {
    // What every open deal looked like before records were marked first (docs/design-notes.md).
    const bag: Record<string, unknown> = {};
    for (let index = 0; index < 22; index++) bag[`field${String(index)}`] = index;
    sealPlain(bag);
    expect(hasFastProperties(bag)).toBe(false);
  });

  it('a deal planned in every stage, then changed and moved, is stored in fast mode', () => {
    for (const stage of DEFAULT_DEAL_PIPELINE.stages) {
      const input = { title: 'Renewal', stageId: stage.id, amount: { amount: '120.00', currency: 'EUR' }, comments: 'First call', custom: { margin: 12, contract: 'C-1' } };
      const created = planned(planCreateRecord(dealRules, ana, input, { id: '7', at })).record;
      const updated = planned(planUpdateRecord(dealRules, ana, created, { title: 'Renewal 2027', sourceDescription: 'Fair' }, { at: later })).record;
      const moved = planned(planMoveRecord(dealRules, ana, updated, { stageId: stage.id === 'PREPARATION' ? 'NEGOTIATION' : 'PREPARATION' }, { at: later })).record;
      expect([stage.id, hasFastProperties(created), hasFastProperties(updated), hasFastProperties(moved)]).toEqual([stage.id, true, true, true]);
    }
  });
});
