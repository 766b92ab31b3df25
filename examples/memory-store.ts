// The in-memory store (crm-kit/memory): repositories, queries pushed down with a record scope,
// stable pages, transactions and the event log. `createCrm` wires all of this for you (see quickstart.ts).
import { createAccessPolicy, createFieldRegistry, isCrmError, normalizeQuery, buildRecordScope, validateEntity } from 'crm-kit';
import type { Contact, Repository } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const store = createMemoryStore();
// Repositories hold stored records; this one holds contacts.
const contacts = store.repository('contact') as Repository<Contact>;
const registry = createFieldRegistry('contact', {
  customFields: [{ type: 'enumeration', code: 'tier', labels: { en: 'Tier' }, options: [{ id: 'gold', labels: { en: 'Gold' } }, { id: 'silver', labels: { en: 'Silver' } }] }],
});
const at = new Date('2026-09-15T10:00:00Z');

const people: [string, string, string, string][] = [
  ['1', 'Ana', 'García', 'u-ana'],
  ['2', 'Leo', 'Martín', 'u-leo'],
  ['3', 'Eva', 'López', 'u-eva'],
  ['4', 'Iker', 'Ruiz', 'u-ana'],
];
for (const [id, firstName, lastName, assignedById] of people) {
  const checked = validateEntity(registry, 'input', {
    firstName, lastName, emails: [{ value: `${firstName.toLowerCase()}@example.com`, kind: 'work' }], custom: { tier: id === '3' ? 'silver' : 'gold' },
  });
  if (!checked.success) throw new Error(checked.issues.map((i) => i.message).join('; '));
  const record = { ...checked.data, id, version: 1, createdAt: at, updatedAt: at, createdById: assignedById, updatedById: assignedById, assignedById } as Contact;
  await contacts.insert(record);
}

const policy = createAccessPolicy({
  roles: [{ id: 'sales', name: 'Sales', permissions: { contact: { read: 'department' } } }],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }] },
});
const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const query = normalizeQuery(
  { where: [{ field: 'custom.tier', op: 'eq', value: 'gold' }], scope: buildRecordScope(policy, ana, 'read', 'contact'), sort: [{ field: 'lastName', direction: 'asc' }], limit: 2 },
  { entityType: 'contact', registry, capabilities: store.capabilities },
);
const first = await contacts.find(query);
const second = await contacts.find({ ...query, cursor: first.nextCursor });
console.log('gold contacts Ana may read, page 1:', first.items.map((c) => c.lastName).join(', '));
console.log('page 2:', second.items.map((c) => c.lastName).join(', '), second.nextCursor === undefined ? '(last page)' : '');
console.log('by e-mail:', (await contacts.find({ where: [{ field: 'emails', op: 'eq', value: 'eva@example.com' }] })).items.map((c) => c.firstName).join(', '));

try {
  await store.transaction(async (scope) => {
    await scope.repository('contact').delete('1', 1);
    await scope.events.append([{ type: 'deleted', entityType: 'contact', entityId: '1', at, byId: 'u-ana', data: { version: 1 } }]);
    throw new Error('changed my mind');
  });
} catch (error) {
  console.log('rolled back:', (error as Error).message, '— contact 1 still there:', (await contacts.get('1')) !== null);
}
const read = await contacts.get('2');
if (read) {
  await contacts.update({ ...read, lastName: 'Martínez', version: read.version + 1 }, read.version); // someone else saves first
  try {
    await contacts.update({ ...read, lastName: 'Martín Gil', version: read.version + 1 }, read.version); // then Ana, from her stale copy
  } catch (error) {
    if (isCrmError(error, 'VERSION_CONFLICT')) console.log('stale update refused:', error.code);
  }
}
