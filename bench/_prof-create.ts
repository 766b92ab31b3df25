import { createAccessPolicy, createCrm, fixedClock, sequentialIds } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
const policy = createAccessPolicy({ roles: [{ id: 'm', name: 'M', permissions: { deal: { read: 'all', add: 'all' }, contact: { read: 'all', add: 'all' } } }] });
const N = Number(process.env.N ?? 20000);
async function crmRun(): Promise<number> {
  const store = createMemoryStore();
  const crm = createCrm({ store, clock: fixedClock('2026-03-01T10:00:00Z'), ids: sequentialIds(), access: policy });
  const me = crm.as({ userId: 'u', roleIds: ['m'], departmentIds: [], isAdmin: false });
  const t = performance.now();
  for (let i = 0; i < N; i++) await me.deals.create({ title: `Deal ${i}`, amount: { amount: '100.00', currency: 'EUR' }, assignedById: 'u' });
  return performance.now() - t;
}
async function bareRun(): Promise<number> {
  const store = createMemoryStore();
  const at = new Date('2026-03-01T10:00:00Z');
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const id = String(i + 1);
    await store.transaction(async (scope) => {
      await scope.repository('deal').insert({ id, version: 1, createdAt: at, updatedAt: at, createdById: 'u', updatedById: 'u', assignedById: 'u', custom: {}, title: `Deal ${i}`, amount: { amount: '100.00', currency: 'EUR' }, amountIsManual: false, probabilityIsManual: false, opened: false, pipelineId: 'default', stageId: 'NEW', closed: false, probability: 10, isReturnCustomer: false, isRepeatedApproach: false, movedAt: at, movedById: 'u' } as never);
      await scope.events.append([{ type: 'created', entityType: 'deal', entityId: id, at, byId: 'u', data: { pipelineId: 'default', stageId: 'NEW', semantic: 'process' } }]);
    });
  }
  return performance.now() - t;
}
for (let r = 0; r < Number(process.env.R ?? 3); r++) {
  const c = await crmRun(); const b = await bareRun();
  console.log(`crm ${(c / N * 1000).toFixed(1)} µs/create, bare ${(b / N * 1000).toFixed(1)} µs, ratio ${(c / b).toFixed(2)}`);
}
