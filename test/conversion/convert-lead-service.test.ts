import { createAccessPolicy, createCrm, fixedClock, sequentialIds } from 'crm-kit';
import type { Principal } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { describe, expect, it } from 'vitest';

// The rules the planner leaves to its caller, pinned where the caller is: `leads.convert` loads a
// repeat lead's own contact and company, and reads the client's deals for the new deal's flags.
const boss: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

function setup() {
  const store = createMemoryStore();
  const crm = createCrm({ store, clock: fixedClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [] }) });
  return { store, me: crm.as(boss) };
}

describe('leads.convert', () => {
  it("a repeat lead is linked to its own contact and company, and its deal is a repeat deal when the client has won one", async () => {
    const { me } = setup();
    const company = await me.companies.create({ title: 'Acme' });
    const contact = await me.contacts.create({ firstName: 'Ana', companyIds: [company.id] });
    const first = await me.deals.create({ title: 'First order', contactIds: [contact.id], companyId: company.id });
    await me.deals.moveToStage(first.id, 'WON', { expectedVersion: 1 });
    const lead = await me.leads.create({ title: 'Second order', contactId: contact.id, companyId: company.id });
    expect(lead.isReturnCustomer).toBe(true);

    const converted = await me.leads.convert(lead.id, 'deal+contact+company', { expectedVersion: 1 });
    expect(converted.contact).toEqual(contact);
    expect(converted.company).toEqual(company);
    expect(converted.deal).toMatchObject({ contactIds: [contact.id], companyId: company.id, isReturnCustomer: true, isRepeatedApproach: false });
    expect(converted.lead).toMatchObject({ contactId: contact.id, companyId: company.id, dealId: converted.deal?.id, status: 'CONVERTED' });
    expect(await me.contacts.count()).toBe(1);
    expect(await me.companies.count()).toBe(1);
  });

  it('an existing contact without companies gains the company the conversion creates, in the store', async () => {
    const { store, me } = setup();
    const contact = await me.contacts.create({ firstName: 'Ana' });
    const lead = await me.leads.create({ title: 'Enquiry', companyTitle: 'Acme Ibérica' });
    const converted = await me.leads.convert(lead.id, 'contact+company', { expectedVersion: 1, contactId: contact.id });
    expect(converted.contact).toMatchObject({ id: contact.id, companyIds: [converted.company?.id], version: 2 });
    expect(store.inspect('contact', contact.id)).toMatchObject({ companyIds: [converted.company?.id], version: 2 });
    expect(store.inspectEvents().map((event) => `${event.type}:${event.entityType}`).slice(-4)).toEqual([
      'created:company',
      'updated:contact',
      'movedToFinal:lead',
      'leadConverted:lead',
    ]);
  });
});
