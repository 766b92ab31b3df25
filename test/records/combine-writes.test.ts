import { describe, expect, it } from 'vitest';
import { combineWrites, planCreateRecord, planDeleteRecord, planUpdateRecord } from 'crm-kit';
import type { RecordWrites } from 'crm-kit';
import { ana, at, contactRules, later, planned, thrown } from './fixtures.js';

describe('combineWrites', () => {
  it('joins the inserts, updates, deletes, events and needs of plans in their order', () => {
    const created = planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at }));
    const updated = planned(planUpdateRecord(contactRules, ana, created.record, { lastName: 'García' }, { at: later }));
    const deleted = planDeleteRecord(contactRules, ana, updated.record, { at: later });
    const joined = combineWrites([created, updated, deleted]);
    expect(joined).toEqual({
      inserts: created.inserts,
      updates: updated.updates,
      deletes: deleted.deletes,
      events: [...created.events, ...updated.events, ...deleted.events],
      needs: [...created.needs, ...updated.needs, ...deleted.needs],
    });
    expect(Object.keys(joined).sort()).toEqual(['deletes', 'events', 'inserts', 'needs', 'updates']);
  });

  it('of no plans is no writes', () => {
    expect(combineWrites([])).toEqual({ inserts: [], updates: [], deletes: [], events: [], needs: [] });
  });

  it('refuses anything but a list of plans with INVALID_ARGUMENT', () => {
    const empty: RecordWrites = { inserts: [], updates: [], deletes: [], events: [], needs: [] };
    for (const bad of [null, empty, [null], [{ ...empty, needs: undefined }], [{ ...empty, events: 'x' }], 'plans']) {
      expect(thrown(() => combineWrites(bad as never)).code).toBe('INVALID_ARGUMENT');
    }
  });
});
