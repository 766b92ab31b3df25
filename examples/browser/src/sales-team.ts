// The sales team of the page: two people with different roles, a deal field only Finance sees,
// the default pipeline with its loss reasons, dated rates into euros, duplicate control for Spanish
// numbers, and the first deals and contacts. The same CRM runs on the memory store or on PGlite in
// IndexedDB: only the store differs.
import {
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  createRateTable,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_LOSS_REASONS,
  defineField,
  duplicateControl,
  money,
  systemClock,
  uuidV7Ids,
} from 'crm-kit';
import type { Crm, Principal, StoreAdapter } from 'crm-kit';

/** The two people the page can be used as. */
export const PEOPLE = {
  ana: { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false },
  rosa: { userId: 'u-rosa', roleIds: ['finance'], departmentIds: ['finance'], isAdmin: false },
} as const satisfies Record<string, Principal>;

/** Who each person is, for the person switch. */
export const NAMES: Readonly<Record<keyof typeof PEOPLE, string>> = { ana: 'Ana García', rosa: 'Rosa Díaz' };

const access = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        deal: { read: 'department', add: 'own', update: 'department' },
        contact: { read: 'all', add: 'all', update: 'all', delete: 'all', import: 'all' },
        company: { read: 'all', add: 'all', update: 'all' },
      },
    },
    {
      id: 'finance',
      name: 'Finance',
      permissions: {
        deal: { read: 'all', add: 'all', update: 'all' },
        contact: { read: 'all', add: 'all', update: 'all', delete: 'all', import: 'all' },
        company: { read: 'all' },
      },
    },
  ],
  orgChart: {
    departments: [
      { id: 'madrid', name: 'Sales Madrid', memberIds: ['u-ana'] },
      { id: 'finance', name: 'Finance', memberIds: ['u-rosa'] },
    ],
  },
});

/** The margin of a deal: a field only the Finance department sees. */
const margin = defineField({ type: 'money', code: 'margin', labels: { en: 'Margin', es: 'Margen' }, visibility: { restrictedTo: { departmentIds: ['finance'] } } });

/** The CRM over a store. */
export function salesCrm(store: StoreAdapter): Crm {
  return createCrm({
    store,
    clock: systemClock,
    ids: uuidV7Ids(),
    access,
    fields: { deal: createFieldRegistry('deal', { customFields: [margin] }) },
    pipelines: { deal: [DEFAULT_DEAL_PIPELINE], lossReasons: DEFAULT_LOSS_REASONS },
    rates: createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.92', from: '2026-01-01' }] }),
    settings: { reportCurrency: 'EUR' },
    duplicates: duplicateControl({ defaultRegion: 'ES' }),
  });
}

/** Fills an empty CRM with the team's first deals and contacts; a CRM holding deals is left as it is. */
export async function seed(crm: Crm): Promise<void> {
  const rosa = crm.as(PEOPLE.rosa);
  if ((await rosa.deals.count()) > 0) return;
  const deals = [
    { title: 'Acme office fit-out', stageId: 'NEW', amount: money('12400.00', 'EUR'), margin: '3100.00' },
    { title: 'Globex support plan', stageId: 'NEW', amount: money('9600.00', 'USD'), margin: '2200.00' },
    { title: 'Initech licences', stageId: 'PREPARATION', amount: money('4800.00', 'EUR'), margin: '1900.00' },
    { title: 'Umbrella training', stageId: 'PROPOSAL', amount: money('3500.00', 'EUR'), margin: '900.00' },
    { title: 'Hooli warehouse', stageId: 'NEGOTIATION', amount: money('30000.00', 'USD'), margin: '7500.00' },
  ];
  for (const deal of deals) {
    await rosa.deals.create({ title: deal.title, stageId: deal.stageId, amount: deal.amount, assignedById: 'u-ana', custom: { margin: money(deal.margin, 'EUR') } });
  }
  const ana = crm.as(PEOPLE.ana);
  await ana.contacts.create({ firstName: 'Marta', lastName: 'Sanz Ortega', phones: [{ value: '612 34 56 78', kind: 'mobile' }], emails: [{ value: 'marta@acme.example', kind: 'work' }] });
  // The same person, typed again by someone else: what the duplicates panel finds.
  await ana.contacts.create({ firstName: 'marta', lastName: 'Sanz', phones: [{ value: '+34 612345678', kind: 'work' }], emails: [{ value: 'Marta@Acme.example', kind: 'work' }] });
  await ana.contacts.create({ firstName: 'Jorge', lastName: 'Quispe', emails: [{ value: 'jorge@globex.example', kind: 'work' }] });
}
