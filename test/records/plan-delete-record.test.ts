import { describe, expect, it } from 'vitest';
import { planCreateRecord, planDeleteRecord } from 'crm-kit';
import { ana, anythingFrozen, at, contactRules, dealRules, eva, later, planned, revokedProxy, thaw, thrown } from './fixtures.js';

describe('planDeleteRecord', () => {
  it('removes the record expecting the version it has, with a deleted event naming that version and the delete permission on it', () => {
    const current = planned(planCreateRecord(dealRules, eva, { title: 'Renewal', assignedById: 'u-leo' }, { id: '7', at })).record;
    const plan = planDeleteRecord(dealRules, ana, current, { at: later });
    expect(plan.record).toBe(current);
    expect(plan.deletes).toEqual([{ entityType: 'deal', id: '7', expectedVersion: 1 }]);
    expect(plan.events).toEqual([{ type: 'deleted', entityType: 'deal', entityId: '7', at: later, byId: 'u-ana', data: { version: 1 } }]);
    expect(plan.needs).toEqual([{ action: 'delete', entityType: 'deal', record: { assignedById: 'u-leo', opened: false, pipelineId: 'default' } }]);
    expect([plan.inserts, plan.updates, plan.changed]).toEqual([[], [], []]);
  });

  it('refuses malformed arguments with a typed error', () => {
    const current = planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at })).record;
    for (const bad of [null, {}, { id: '3' }, { id: '3', version: 'one', custom: {} }]) {
      expect(thrown(() => planDeleteRecord(contactRules, ana, bad as never, { at: later })).code).toBe('INVALID_ARGUMENT');
    }
    expect(thrown(() => planDeleteRecord(contactRules, ana, current, null as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planDeleteRecord(contactRules, ana, current, { at: 'soon' as never })).code).toBe('INVALID_DATE');
    expect(thrown(() => planDeleteRecord(contactRules, { userId: 'u-ana' } as never, current, { at: later })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planDeleteRecord(contactRules, ana, revokedProxy() as never, { at: later })).code).toBe('NOT_PLAIN_DATA');
  });

  it('never freezes the current record', () => {
    const current = thaw(planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at })).record);
    planDeleteRecord(contactRules, ana, current, { at: later });
    expect(anythingFrozen(current)).toBe(false);
  });
});
