// Duplicate control end to end (`npx tsx examples/duplicates.ts`): a CRM that warns before a
// contact is created twice, a scan that finds the duplicates already there with an explanation of
// every score, a merge that loses nothing, and its undo. It imports from 'crm-kit' exactly as your
// code would. docs/duplicates.md explains each step.
import { createAccessPolicy, createCrm, duplicateControl, isCrmError, manualClock, sequentialIds } from 'crm-kit';
import type { ContactInput } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const access = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        contact: { read: 'all', add: 'all', update: 'all', delete: 'all' },
        deal: { read: 'all', add: 'all', update: 'all', delete: 'all' },
        activity: { read: 'all', add: 'all', update: 'all', delete: 'all' },
      },
    },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana'] }] },
});
const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access, duplicates: duplicateControl({ defaultRegion: 'ES' }) });
const ana = crm.as({ userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false });

// Contacts as they arrive from several sources: the same people, written differently.
const arriving: ContactInput[] = [
  { firstName: 'Lucía', lastName: 'Fernández Gil', phones: [{ value: '+34 612 345 678', kind: 'mobile' }], emails: [{ value: 'lucia.fernandez@acme.es', kind: 'work' }] },
  { firstName: 'Pablo', lastName: 'Molina', phones: [{ value: '91 555 01 23', kind: 'work' }] },
  { firstName: 'Marta', lastName: 'Ruiz', phones: [{ value: '+34 910 000 000 ext. 101', kind: 'work' }], emails: [{ value: 'ventas@acme.es', kind: 'work' }] },
  { firstName: 'Jorge', lastName: 'Sanz', phones: [{ value: '+34 910 000 000 ext. 102', kind: 'work' }], emails: [{ value: 'ventas@acme.es', kind: 'work' }] },
  { firstName: 'LUCIA', lastName: 'Fernandez', phones: [{ value: '612 34 56 78', kind: 'work' }], position: 'CTO' },
];

console.log('1. The warning before a create');
for (const input of arriving) {
  const warnings = await ana.duplicates.check('contact', input);
  for (const warning of warnings) {
    console.log(`   ${input.firstName ?? ''} ${input.lastName ?? ''} may duplicate ${warning.id} (${(warning.score * 100).toFixed(1)} %): ${warning.explanation.map((item) => item.text).join('; ')}`);
  }
  // The host decides: here, everything is created anyway, to be merged later.
  await ana.contacts.create(input);
}

console.log('\n2. A scan of every contact');
const report = await ana.duplicates.scan('contact');
console.log(`   ${String(report.stats.records)} contacts, ${String(report.stats.candidatePairs)} candidate pairs, clusters: ${JSON.stringify(report.clusters)}`);
for (const pair of report.pairs) console.log(`   ${pair.a} ~ ${pair.b}: ${pair.score.toFixed(4)} (${pair.explanation.map((item) => item.text).join('; ')})`);

const [cluster] = report.clusters;
if (cluster === undefined) throw new Error('The scan should find Lucía twice.');
const [keepId = '', ...otherIds] = cluster;
const deal = await ana.deals.create({ title: 'Renewal', contactIds: otherIds });
await ana.activities.create({ type: 'call', subject: 'Intro call', bindings: otherIds.map((id) => ({ entityType: 'contact' as const, id })) });

console.log('\n3. The merge');
const preview = await ana.contacts.previewMerge(keepId, otherIds);
console.log(`   conflicts to decide: ${preview.conflicts.map((conflict) => conflict.field).join(', ') || 'none'}; linked records to move: ${String(preview.relinked)}`);
try {
  await ana.contacts.merge(keepId, otherIds);
} catch (error) {
  if (!isCrmError(error, 'VALIDATION_FAILED')) throw error;
  console.log(`   refused until decided: ${error.issues.map((found) => found.path.join('.')).join(', ')}`);
}
const { survivor, mergeId, relinked } = await ana.contacts.merge(keepId, otherIds, { policy: 'survivorWins' });
console.log(`   ${survivor.firstName ?? ''} ${survivor.lastName ?? ''}: phones ${JSON.stringify(survivor.phones?.map((phone) => phone.value))}, position ${survivor.position ?? '-'}; ${String(relinked)} records relinked`);
console.log(`   the deal now links ${JSON.stringify((await ana.deals.get(deal.id))?.contactIds)}`);

console.log('\n4. The undo');
const undone = await ana.merges.undo(mergeId);
console.log(`   restored ${JSON.stringify(undone.restoredIds)}; the deal links ${JSON.stringify((await ana.deals.get(deal.id))?.contactIds)} again`);
