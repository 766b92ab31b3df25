import { describe, expect, it } from 'vitest';
import { assertPermissions, createAccessPolicy, findMissingPermissions, isCrmError, toAccessRecord } from 'crm-kit';
import type { ForbiddenError, PermissionNeed, Principal } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const policy = createAccessPolicy({
  roles: [{ id: 'sales', name: 'Sales', permissions: { lead: { update: 'own', read: 'all' }, contact: { add: 'own' }, deal: { read: 'own' } } }],
});
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };

describe('toAccessRecord', () => {
  it('keeps only the responsible person, a boolean opened flag and a string pipeline id', () => {
    expect(toAccessRecord({ id: '7', title: 'Renewal', assignedById: 'u-ana', opened: true, pipelineId: 'sales', custom: { x: 1 } })).toEqual({
      assignedById: 'u-ana',
      opened: true,
      pipelineId: 'sales',
    });
    expect(toAccessRecord({ assignedById: 'u-ana', opened: false })).toEqual({ assignedById: 'u-ana', opened: false });
  });

  it('leaves out an opened flag or pipeline id of the wrong type, so that no key holds undefined', () => {
    const record = toAccessRecord({ assignedById: 'u-ana', opened: 'yes', pipelineId: 7 });
    expect(record).toEqual({ assignedById: 'u-ana' });
    expect(Object.keys(record)).toEqual(['assignedById']);
    expect(Object.keys(toAccessRecord({ assignedById: 'u-ana' }))).toEqual(['assignedById']);
  });

  it('refuses what is not a record with INVALID_ARGUMENT', () => {
    expect(codeOf(() => toAccessRecord(null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => toAccessRecord('u-ana' as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('findMissingPermissions', () => {
  it('lists the needs the principal lacks, in the order given, and none of those it has', () => {
    const needs: PermissionNeed[] = [
      { action: 'update', entityType: 'lead', record: { assignedById: 'u-ana' } },
      { action: 'add', entityType: 'deal', record: { assignedById: 'u-ana' } },
      { action: 'update', entityType: 'lead', record: { assignedById: 'u-leo' } },
      { action: 'read', entityType: 'lead' },
      { action: 'delete', entityType: 'lead' },
    ];
    expect(findMissingPermissions(policy, ana, needs)).toEqual([needs[1], needs[2], needs[4]]);
    expect(findMissingPermissions(policy, ana, [])).toEqual([]);
  });

  it('lists a missing need once, however often the plan repeats it', () => {
    const need: PermissionNeed = { action: 'add', entityType: 'deal', record: { assignedById: 'u-ana' } };
    const typeWide: PermissionNeed = { action: 'delete', entityType: 'deal' };
    expect(findMissingPermissions(policy, ana, [need, { ...need, record: { assignedById: 'u-ana' } }, typeWide, { ...typeWide }])).toEqual([need, typeWide]);
  });

  it('keeps needs apart that differ in their record, including a need without one', () => {
    const onRecord: PermissionNeed = { action: 'delete', entityType: 'deal', record: { assignedById: 'u-ana' } };
    const onType: PermissionNeed = { action: 'delete', entityType: 'deal' };
    const onOther: PermissionNeed = { action: 'delete', entityType: 'deal', record: { assignedById: 'u-leo' } };
    expect(findMissingPermissions(policy, ana, [onRecord, onType, onOther])).toEqual([onRecord, onType, onOther]);
  });

  it('refuses needs that are not a list, and a need that is not an object, with INVALID_ARGUMENT', () => {
    expect(codeOf(() => findMissingPermissions(policy, ana, 'read lead' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findMissingPermissions(policy, ana, { 0: { action: 'read', entityType: 'lead' } } as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findMissingPermissions(policy, ana, [null] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findMissingPermissions(policy, ana, [{ action: 'read', entityType: 'lead' }, 'x'] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findMissingPermissions(policy, ana, [{ action: 'write', entityType: 'lead' }] as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('refusals of malformed needs explain themselves', () => {
  it.each([
    ['a record that is not an object', () => toAccessRecord(null as never)],
    ['needs that are not a list', () => findMissingPermissions(policy, ana, 'read lead' as never)],
    ['a need that is not an object', () => findMissingPermissions(policy, ana, [7] as never)],
  ])('%s', (_, run) => {
    expect(run).toThrow(/^\[crm-kit\] \S.{10,}/);
  });
});

describe('assertPermissions', () => {
  const thrown = (needs: readonly PermissionNeed[]): ForbiddenError => {
    try {
      assertPermissions(policy, ana, needs);
    } catch (error) {
      expect(isCrmError(error, 'FORBIDDEN')).toBe(true);
      return error as ForbiddenError;
    }
    throw new Error('expected assertPermissions to throw');
  };

  it('returns quietly when every need is met', () => {
    expect(() => {
      assertPermissions(policy, ana, [{ action: 'update', entityType: 'lead', record: { assignedById: 'u-ana' } }, { action: 'read', entityType: 'deal' }]);
    }).not.toThrow();
    expect(() => {
      assertPermissions(policy, ana, []);
    }).not.toThrow();
  });

  it('throws one FORBIDDEN naming each missing action and entity type once, with an issue per missing need, never the records', () => {
    const error = thrown([
      { action: 'add', entityType: 'deal', record: { assignedById: 'u-secret' } },
      { action: 'update', entityType: 'lead', record: { assignedById: 'u-ana' } },
      { action: 'update', entityType: 'lead', record: { assignedById: 'u-leo' } },
      { action: 'add', entityType: 'deal', record: { assignedById: 'u-other' } },
    ]);
    expect(error.message).toBe('[crm-kit] This needs permissions you lack: add deal, update lead.');
    expect(error.issues).toEqual([
      { code: 'FORBIDDEN', path: ['deal', 'add'], message: 'You may not add this deal.' },
      { code: 'FORBIDDEN', path: ['lead', 'update'], message: 'You may not update this lead.' },
      { code: 'FORBIDDEN', path: ['deal', 'add'], message: 'You may not add this deal.' },
    ]);
    expect(error.message).not.toContain('u-secret');
  });
});
