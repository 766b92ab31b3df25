import { describe, expect, it } from 'vitest';
import { createAccessPolicy, fixedClock, isCrmError, sequentialIds } from 'crm-kit';
import type { Store, StoreScope } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { createCrm } from 'crm-kit';

const policy = createAccessPolicy({ roles: [{ id: 'all', name: 'All', permissions: { deal: { read: 'all', add: 'all', update: 'all', delete: 'all' } } }] });
const ana = { userId: 'u-ana', roleIds: ['all'], departmentIds: [], isAdmin: false };
const base = { store: createMemoryStore(), clock: fixedClock('2026-03-01T10:00:00Z'), ids: sequentialIds(), access: policy };
const junk: unknown[] = [undefined, null, 0, '', 'x', [], {}, () => 1, Object.create(null) as unknown, new Date(Number.NaN)];

function crmErrorCode(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return isCrmError(error) ? error.code : `not a crm-kit error: ${String(error)}`;
  }
}

describe('createCrm options', () => {
  it('refuses junk options and junk in every slot with a crm-kit error', () => {
    for (const value of junk) {
      expect(crmErrorCode(() => createCrm(value as never))).toBe('INVALID_ARGUMENT');
      for (const key of ['store', 'clock', 'ids', 'access'] as const) {
        expect(crmErrorCode(() => createCrm({ ...base, [key]: value })), key).not.toMatch(/^no error$|^not a crm-kit/);
      }
      for (const key of ['fields', 'pipelines', 'settings'] as const) {
        if (value === undefined) continue;
        const code = crmErrorCode(() => createCrm({ ...base, [key]: value }));
        expect(code, `${key}: ${typeof value}`).not.toMatch(/^not a crm-kit/);
      }
    }
  });

  it('refuses a registry of another entity type and a junk principal', () => {
    expect(crmErrorCode(() => createCrm({ ...base, fields: { deal: createCrm as never } }))).not.toMatch(/^no error$|^not a crm-kit/);
    const crm = createCrm(base);
    expect(crmErrorCode(() => crm.as({ userId: '' } as never))).toBe('INVALID_ARGUMENT');
    expect(crm.as(ana).principal).toEqual(ana);
  });

  it('rolls back an update whose event cannot be appended', async () => {
    const memory = createMemoryStore();
    let failEvents = false;
    const wrap = (scope: StoreScope): StoreScope => ({
      repository: (type) => scope.repository(type),
      events: {
        append: (events) => (failEvents ? Promise.reject(new Error('log down')) : scope.events.append(events)),
        read: (query) => scope.events.read(query),
      },
      matchKeys: scope.matchKeys,
    });
    const store: Store = {
      capabilities: memory.capabilities,
      repository: (type) => memory.repository(type),
      events: memory.events,
      matchKeys: memory.matchKeys,
      transaction: (work) => memory.transaction((scope) => work(wrap(scope))),
    };
    const me = createCrm({ ...base, store }).as(ana);
    const deal = await me.deals.create({ title: 'Acme' });
    failEvents = true;
    await expect(me.deals.update(deal.id, { title: 'Changed' }, { expectedVersion: 1 })).rejects.toMatchObject({ code: 'ADAPTER_FAILURE' });
    await expect(me.deals.moveToStage(deal.id, 'WON', { expectedVersion: 1 })).rejects.toMatchObject({ code: 'ADAPTER_FAILURE' });
    await expect(me.deals.delete(deal.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: 'ADAPTER_FAILURE' });
    expect(memory.inspect('deal', deal.id)).toMatchObject({ title: 'Acme', stageId: 'NEW', version: 1 });
    expect(memory.inspectEvents().map((e) => e.type)).toEqual(['created']);
  });
});
