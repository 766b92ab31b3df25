import { createFieldRegistry, isAutoMergeable, isMergePlanComplete, MERGE_POLICIES, money, planMerge } from 'crm-kit';
import type { FieldDefinition, MergeChild, MergeRequest } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../support/errors.js';
import { AT, issuesOf, planOf, stored } from './merge-fixtures.js';

const LATER = new Date('2026-03-05T10:00:00Z');
const LATEST = new Date('2026-03-09T10:00:00Z');

const field = (definition: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'code'>): FieldDefinition =>
  ({ labels: { en: definition.code }, ...definition }) as FieldDefinition;

const CONTACT_FIELDS = createFieldRegistry('contact', {
  customFields: [
    field({ type: 'string', code: 'tier' }),
    field({ type: 'string', code: 'tags', multiple: true }),
    field({ type: 'phone', code: 'fax' }),
    field({ type: 'number', code: 'margin', visibility: { restrictedTo: { roleIds: ['finance'] } } }),
    field({ type: 'link', code: 'referrer', targets: ['contact'] }),
  ],
});
const COMPANY_FIELDS = createFieldRegistry('company');
const DEAL_FIELDS = createFieldRegistry('deal');
const LEAD_FIELDS = createFieldRegistry('lead');

const contact = (id: string, fields: Readonly<Record<string, unknown>> = {}) => stored('contact', id, fields);
const company = (id: string, fields: Readonly<Record<string, unknown>> = {}) => stored('company', id, fields);
const deal = (id: string, fields: Readonly<Record<string, unknown>> = {}) => stored('deal', id, fields);

function mergeContacts(survivor: Readonly<Record<string, unknown>>, absorbed: readonly Readonly<Record<string, unknown>>[], more: Partial<MergeRequest<'contact'>> = {}) {
  return planMerge({
    entityType: 'contact',
    survivor: contact('1', survivor),
    absorbed: absorbed.map((fields, n) => contact(String(n + 2), fields)),
    fields: CONTACT_FIELDS,
    ...more,
  });
}

describe('planMerge: deciding fields', () => {
  it('a value only a merged record has fills the survivor’s gap', () => {
    const plan = planOf(mergeContacts({ firstName: 'Ana' }, [{ firstName: 'Ana', position: 'CEO' }]));
    expect(plan.changes).toEqual({ position: 'CEO' });
    expect(plan.decisions.find((d) => d.field === 'position')).toEqual({ field: 'position', fields: ['position'], reason: 'fill', recordIds: ['2'], value: 'CEO' });
    expect(plan.conflicts).toEqual([]);
  });

  it('values that differ only by case, surrounding spaces or a trailing dot are no conflict, and the survivor’s value stays', () => {
    const plan = planOf(mergeContacts({ position: 'Head of Sales' }, [{ position: '  head of sales. ' }, { position: 'HEAD OF SALES' }]));
    expect(plan.conflicts).toEqual([]);
    expect(plan.changed).toEqual([]);
    expect(plan.decisions.find((d) => d.field === 'position')?.reason).toBe('same');
  });

  it('equal values fill a gap with the first merged record’s value', () => {
    const plan = planOf(mergeContacts({}, [{ position: 'CEO.' }, { position: 'ceo' }]));
    expect(plan.changes).toEqual({ position: 'CEO.' });
    expect(plan.conflicts).toEqual([]);
  });

  it('without a policy or a choice, differing values are a conflict listing each value once with its records, and the survivor keeps its own', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }, { position: 'ceo' }]));
    expect(plan.conflicts).toEqual([
      { field: 'position', fields: ['position'], candidates: [{ recordIds: ['1', '3'], value: 'CEO' }, { recordIds: ['2'], value: 'CTO' }] },
    ]);
    expect(plan.changed).toEqual([]);
    expect(isMergePlanComplete(plan)).toBe(false);
  });

  it('two merged records with differing values conflict over an empty survivor field', () => {
    const plan = planOf(mergeContacts({}, [{ position: 'CEO' }, { position: 'CTO' }]));
    expect(plan.conflicts.map((c) => c.field)).toEqual(['position']);
  });

  it('the person’s choice decides a conflicting field', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }], { choices: { position: '2' } }));
    expect(plan.changes).toEqual({ position: 'CTO' });
    expect(plan.decisions.find((d) => d.field === 'position')?.reason).toBe('choice');
    expect(isMergePlanComplete(plan)).toBe(true);
  });

  it('choosing a record without a value empties the field', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{}], { choices: { position: '2' } }));
    expect(plan.changes).toEqual({ position: null });
    expect(plan.undo.survivor).toEqual({ position: 'CEO' });
  });

  it('a choice wins over the policy', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }], { policy: 'survivorWins', choices: { position: '2' } }));
    expect(plan.changes).toEqual({ position: 'CTO' });
  });

  it('survivorWins keeps the survivor’s value and fills each gap from the first merged record, in the order given, that has one', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }, { position: 'CFO', comments: 'Second' }, { comments: 'Third' }], { policy: 'survivorWins' }));
    expect(plan.changes).toEqual({ comments: 'Second' });
    expect(plan.conflicts).toEqual([]);
    expect(plan.decisions.filter((d) => d.field === 'position' || d.field === 'comments').map((d) => [d.field, d.reason, d.recordIds])).toEqual([
      ['position', 'policy', ['1']],
      ['comments', 'fill', ['3']],
    ]);
  });

  it('mostRecent takes the value of the latest updated record that has one', () => {
    const plan = planMerge({
      entityType: 'contact',
      survivor: contact('1', { position: 'CEO', updatedAt: LATER }),
      absorbed: [contact('2', { position: 'CTO', updatedAt: LATEST }), contact('3', { position: 'CFO', updatedAt: AT })],
      fields: CONTACT_FIELDS,
      policy: 'mostRecent',
    });
    expect(planOf(plan).changes).toEqual({ position: 'CTO' });
    expect(planOf(plan).conflicts).toEqual([]);
  });

  it('mostRecent passes over a later record that has no value', () => {
    const plan = planMerge({
      entityType: 'contact',
      survivor: contact('1', { position: 'CEO', updatedAt: AT }),
      absorbed: [contact('2', { updatedAt: LATEST }), contact('3', { position: 'CFO', updatedAt: LATER })],
      fields: CONTACT_FIELDS,
      policy: 'mostRecent',
    });
    expect(planOf(plan).changes).toEqual({ position: 'CFO' });
  });

  it('mostRecent keeps the survivor’s value when it is the latest', () => {
    const plan = planMerge({
      entityType: 'contact',
      survivor: contact('1', { position: 'CEO', updatedAt: LATEST }),
      absorbed: [contact('2', { position: 'CTO', updatedAt: LATER })],
      fields: CONTACT_FIELDS,
      policy: 'mostRecent',
    });
    expect(planOf(plan).changed).toEqual([]);
  });

  it('custom fields are decided like standard ones, by their codes', () => {
    const plan = planOf(mergeContacts({ custom: { tier: 'gold' } }, [{ custom: { tier: 'silver', fax: '+34 911 000 000' } }], { choices: { 'custom.tier': '2' } }));
    expect(plan.changes).toEqual({ custom: { tier: 'silver', fax: '+34 911 000 000' } });
    expect(plan.changed).toEqual(['custom.fax', 'custom.tier']);
  });

  it('a custom phone compares as a phone number', () => {
    const plan = planOf(mergeContacts({ custom: { fax: '+34 911 000 000' } }, [{ custom: { fax: '+34911000000' } }]));
    expect(plan.conflicts).toEqual([]);
  });
});

describe('planMerge: united lists', () => {
  it('phones are united without repeats, compared as E.164 numbers, the survivor’s first', () => {
    const plan = planOf(
      mergeContacts({ phones: [{ value: '+34 612 345 678', kind: 'work' }] }, [
        { phones: [{ value: '612345678', kind: 'mobile' }, { value: '+34 699 000 111', kind: 'home' }] },
        { phones: [{ value: '+34699000111', kind: 'other' }] },
      ], { defaultRegion: 'ES' }),
    );
    expect(plan.changes).toEqual({ phones: [{ value: '+34 612 345 678', kind: 'work' }, { value: '+34 699 000 111', kind: 'home' }] });
    expect(plan.decisions.find((d) => d.field === 'phones')).toMatchObject({ reason: 'union', recordIds: ['1', '2', '3'] });
  });

  it('two extensions of one switchboard number are two phones', () => {
    const plan = planOf(mergeContacts({ phones: [{ value: '+34 912 000 000 ext. 12', kind: 'work' }] }, [{ phones: [{ value: '+34 912 000 000 ext. 13', kind: 'work' }] }]));
    expect((plan.changes.phones as readonly unknown[]).length).toBe(2);
  });

  it('e-mails are united comparing normalised addresses', () => {
    const plan = planOf(mergeContacts({ emails: [{ value: 'ana@acme.es', kind: 'work' }] }, [{ emails: [{ value: 'ANA@Acme.es', kind: 'home' }, { value: 'ana@home.example', kind: 'home' }] }]));
    expect(plan.changes).toEqual({ emails: [{ value: 'ana@acme.es', kind: 'work' }, { value: 'ana@home.example', kind: 'home' }] });
  });

  it('websites and messengers are united', () => {
    const plan = planOf(
      mergeContacts({ websites: [{ value: 'https://acme.es', kind: 'work' }] }, [
        { websites: [{ value: 'https://ACME.es', kind: 'work' }], messengers: [{ value: '@ana', kind: 'telegram' }] },
      ]),
    );
    expect(plan.changes).toEqual({ messengers: [{ value: '@ana', kind: 'telegram' }] });
    expect(plan.decisions.filter((d) => d.reason === 'union').map((d) => d.field)).toEqual(['websites', 'messengers']);
  });

  it('multiple custom values are united without repeats', () => {
    const plan = planOf(mergeContacts({ custom: { tags: ['vip', 'madrid'] } }, [{ custom: { tags: ['Madrid', 'partner'] } }]));
    expect(plan.changes).toEqual({ custom: { tags: ['vip', 'madrid', 'partner'] } });
  });

  it('link lists are united without repeats', () => {
    const plan = planOf(planMerge({ entityType: 'deal', survivor: deal('1', { contactIds: ['c1', 'c2'] }), absorbed: [deal('2', { contactIds: ['c2', 'c3'] })], fields: DEAL_FIELDS }));
    expect(plan.changes).toEqual({ contactIds: ['c1', 'c2', 'c3'] });
  });

  it('a single link is an ordinary field: differing companies conflict', () => {
    const plan = planOf(planMerge({ entityType: 'deal', survivor: deal('1', { companyId: 'co1' }), absorbed: [deal('2', { companyId: 'co2' })], fields: DEAL_FIELDS }));
    expect(plan.conflicts.map((c) => c.field)).toEqual(['companyId']);
  });

  it('a united field cannot be chosen', () => {
    expect(issuesOf(mergeContacts({}, [{}], { choices: { phones: '2' } }))).toEqual([['INVALID_VALUE', 'choices', 'phones']]);
  });
});

describe('planMerge: fields never merged, fields merged together', () => {
  it('system fields are never merged and cannot be chosen', () => {
    const plan = planOf(
      mergeContacts({ createdAt: AT, updatedAt: AT, createdById: 'u-1', version: 3 }, [{ createdAt: LATER, updatedAt: LATEST, createdById: 'u-2', updatedById: 'u-2', version: 9 }], { policy: 'mostRecent' }),
    );
    expect(plan.changed).toEqual([]);
    expect(issuesOf(mergeContacts({}, [{}], { choices: { createdAt: '2', id: '2' } }))).toEqual([
      ['SYSTEM_FIELD', 'choices', 'createdAt'],
      ['SYSTEM_FIELD', 'choices', 'id'],
    ]);
  });

  it('the responsible person is an ordinary field', () => {
    const plan = planOf(mergeContacts({ assignedById: 'u-1' }, [{ assignedById: 'u-2' }]));
    expect(plan.conflicts.map((c) => c.field)).toEqual(['assignedById']);
  });

  it('a deal’s stage, pipeline and loss reason are decided together and bring their closing with them', () => {
    const lost = deal('2', { pipelineId: 'vip', stageId: 'LOST', lossReasonId: 'price', closed: true, closedAt: LATER, movedAt: LATER, movedById: 'u-2' });
    const open = planOf(planMerge({ entityType: 'deal', survivor: deal('1'), absorbed: [lost], fields: DEAL_FIELDS }));
    expect(open.conflicts).toEqual([
      {
        field: 'stageId',
        fields: ['stageId', 'pipelineId', 'lossReasonId'],
        candidates: [
          { recordIds: ['1'], value: { stageId: 'NEW', pipelineId: 'sales' } },
          { recordIds: ['2'], value: { stageId: 'LOST', pipelineId: 'vip', lossReasonId: 'price' } },
        ],
      },
    ]);
    const chosen = planOf(planMerge({ entityType: 'deal', survivor: deal('1'), absorbed: [lost], fields: DEAL_FIELDS, choices: { pipelineId: '2' } }));
    expect(chosen.changes).toEqual({ stageId: 'LOST', pipelineId: 'vip', lossReasonId: 'price', closed: true, closedAt: LATER, movedAt: LATER, movedById: 'u-2' });
    expect(chosen.undo.survivor).toEqual({ stageId: 'NEW', pipelineId: 'sales', lossReasonId: null, closed: false, closedAt: null, movedAt: AT, movedById: 'u-1' });
  });

  it('a system field that follows a stage cannot be chosen on its own', () => {
    const result = planMerge({ entityType: 'deal', survivor: deal('1'), absorbed: [deal('2', { stageId: 'WON', closed: true, closedAt: LATER })], fields: DEAL_FIELDS, choices: { closedAt: '2' } });
    expect(issuesOf(result)).toEqual([['SYSTEM_FIELD', 'choices', 'closedAt']]);
  });

  it('fields decided together take one record: two records chosen for them is an issue', () => {
    const result = planMerge({ entityType: 'deal', survivor: deal('1'), absorbed: [deal('2', { stageId: 'WON' })], fields: DEAL_FIELDS, choices: { stageId: '1', pipelineId: '2' } });
    expect(issuesOf(result)).toEqual([['INVALID_VALUE', 'choices', 'pipelineId']]);
  });

  it('a deal’s amount, tax and product rows are decided together, with whether the amount was typed', () => {
    const rows = [{ name: 'Laptop', price: money('1000.00', 'EUR'), quantity: '2' }];
    const survivor = deal('1', { amount: money('500.00', 'EUR'), amountIsManual: true });
    const absorbed = deal('2', { amount: money('2000.00', 'EUR'), productRows: rows, amountIsManual: false, updatedAt: LATER });
    const plan = planOf(planMerge({ entityType: 'deal', survivor, absorbed: [absorbed], fields: DEAL_FIELDS, policy: 'mostRecent' }));
    expect(plan.changes).toEqual({ amount: money('2000.00', 'EUR'), productRows: rows, amountIsManual: false });
  });

  it('a lead’s status carries when it moved and when it was converted', () => {
    const converted = stored('lead', '2', { status: 'CONVERTED', convertedAt: LATER, movedAt: LATER, movedById: 'u-2' });
    const plan = planOf(planMerge({ entityType: 'lead', survivor: stored('lead', '1'), absorbed: [converted], fields: LEAD_FIELDS, choices: { status: '2' } }));
    expect(plan.changes).toEqual({ status: 'CONVERTED', convertedAt: LATER, movedAt: LATER, movedById: 'u-2' });
  });
});

describe('planMerge: children', () => {
  it('every child linking to a merged contact is relinked to the survivor, lists without repeats', () => {
    const children: MergeChild[] = [
      { entityType: 'deal', record: deal('d1', { contactIds: ['2', '1', 'c9'] }) },
      { entityType: 'lead', record: stored('lead', 'l1', { contactId: '3' }) },
      { entityType: 'activity', record: stored('activity', 'a1', { bindings: [{ entityType: 'contact', id: '2' }, { entityType: 'deal', id: '2' }] }) },
      { entityType: 'activity', record: stored('activity', 'a2', { communications: [{ channel: 'phone', value: '1', entity: { entityType: 'contact', id: '3' } }, { channel: 'phone', value: '2', entity: { entityType: 'company', id: '3' } }, { channel: 'email', value: 'a@b.es' }] }) },
      { entityType: 'invoice', record: stored('invoice', 'i1', { contactIds: ['3'] }) },
      { entityType: 'quote', record: stored('quote', 'q1', { contactIds: ['c9'] }) },
    ];
    const plan = planOf(mergeContacts({}, [{}, {}], { children }));
    expect(plan.childUpdates.map((u) => [u.entityType, u.id, u.field, u.before, u.after])).toEqual([
      ['deal', 'd1', 'contactIds', ['2', '1', 'c9'], ['1', 'c9']],
      ['lead', 'l1', 'contactId', '3', '1'],
      ['activity', 'a1', 'bindings', [{ entityType: 'contact', id: '2' }, { entityType: 'deal', id: '2' }], [{ entityType: 'contact', id: '1' }, { entityType: 'deal', id: '2' }]],
      [
        'activity',
        'a2',
        'communications',
        [{ channel: 'phone', value: '1', entity: { entityType: 'contact', id: '3' } }, { channel: 'phone', value: '2', entity: { entityType: 'company', id: '3' } }, { channel: 'email', value: 'a@b.es' }],
        [{ channel: 'phone', value: '1', entity: { entityType: 'contact', id: '1' } }, { channel: 'phone', value: '2', entity: { entityType: 'company', id: '3' } }, { channel: 'email', value: 'a@b.es' }],
      ],
      ['invoice', 'i1', 'contactIds', ['3'], ['1']],
    ]);
    expect(plan.childUpdates.every((u) => u.expectedVersion === 1)).toBe(true);
  });

  it('the link fields that point at the merged type come from the field tables: merging companies relinks contacts, deals, leads, documents and activities', () => {
    const children: MergeChild[] = [
      { entityType: 'contact', record: contact('c1', { companyIds: ['2'] }) },
      { entityType: 'deal', record: deal('d1', { companyId: '2' }) },
      { entityType: 'lead', record: stored('lead', 'l1', { companyId: '2' }) },
      { entityType: 'invoice', record: stored('invoice', 'i1', { companyId: '2' }) },
      { entityType: 'quote', record: stored('quote', 'q1', { companyId: '2' }) },
      { entityType: 'activity', record: stored('activity', 'a1', { bindings: [{ entityType: 'company', id: '2' }] }) },
    ];
    const plan = planOf(planMerge({ entityType: 'company', survivor: company('1'), absorbed: [company('2')], fields: COMPANY_FIELDS, children }));
    expect(plan.childUpdates.map((u) => [u.entityType, u.field])).toEqual([
      ['contact', 'companyIds'],
      ['deal', 'companyId'],
      ['lead', 'companyId'],
      ['invoice', 'companyId'],
      ['quote', 'companyId'],
      ['activity', 'bindings'],
    ]);
    expect(plan.childUpdates.every((u) => JSON.stringify(u.after).includes('"1"') && !JSON.stringify(u.after).includes('"2"'))).toBe(true);
  });

  it('merging deals relinks the leads, documents and activities of the merged deals', () => {
    const children: MergeChild[] = [
      { entityType: 'lead', record: stored('lead', 'l1', { dealId: '2' }) },
      { entityType: 'invoice', record: stored('invoice', 'i1', { dealId: '2' }) },
      { entityType: 'activity', record: stored('activity', 'a1', { bindings: [{ entityType: 'deal', id: '2' }, { entityType: 'deal', id: '1' }] }) },
    ];
    const plan = planOf(planMerge({ entityType: 'deal', survivor: deal('1'), absorbed: [deal('2')], fields: DEAL_FIELDS, children }));
    expect(plan.childUpdates.map((u) => [u.entityType, u.field, u.after])).toEqual([
      ['lead', 'dealId', '1'],
      ['invoice', 'dealId', '1'],
      ['activity', 'bindings', [{ entityType: 'deal', id: '1' }]],
    ]);
  });

  it('merging leads relinks what the merged leads became', () => {
    const children: MergeChild[] = [
      { entityType: 'contact', record: contact('c1', { leadId: '2' }) },
      { entityType: 'company', record: company('co1', { leadId: '2' }) },
      { entityType: 'deal', record: deal('d1', { leadId: '2' }) },
    ];
    const plan = planOf(planMerge({ entityType: 'lead', survivor: stored('lead', '1'), absorbed: [stored('lead', '2')], fields: LEAD_FIELDS, children }));
    expect(plan.childUpdates.map((u) => [u.entityType, u.field, u.after])).toEqual([
      ['contact', 'leadId', '1'],
      ['company', 'leadId', '1'],
      ['deal', 'leadId', '1'],
    ]);
  });

  it('a child that links to no merged record is left alone', () => {
    const plan = planOf(mergeContacts({}, [{}], { children: [{ entityType: 'deal', record: deal('d1', { contactIds: ['1', 'c9'] }) }] }));
    expect(plan.childUpdates).toEqual([]);
  });

  it('custom link fields of children are relinked when their registry is given', () => {
    const deals = createFieldRegistry('deal', { customFields: [field({ type: 'link', code: 'champion', targets: ['contact'] }), field({ type: 'link', code: 'team', targets: ['contact', 'company'], multiple: true })] });
    const child = deal('d1', { custom: { champion: { entityType: 'contact', id: '2' }, team: [{ entityType: 'company', id: '2' }, { entityType: 'contact', id: '2' }, { entityType: 'contact', id: '1' }] } });
    const without = planOf(mergeContacts({}, [{}], { children: [{ entityType: 'deal', record: child }] }));
    expect(without.childUpdates).toEqual([]);
    const plan = planOf(mergeContacts({}, [{}], { children: [{ entityType: 'deal', record: child }], childFields: { deal: deals } }));
    expect(plan.childUpdates.map((u) => [u.field, u.after])).toEqual([
      ['custom.champion', { entityType: 'contact', id: '1' }],
      ['custom.team', [{ entityType: 'company', id: '2' }, { entityType: 'contact', id: '1' }]],
    ]);
  });

  it('a record of the merged type linking to a merged record is a child too, and the survivor’s own link to a merged record points at itself', () => {
    const plan = planOf(
      mergeContacts({ custom: { referrer: { entityType: 'contact', id: '2' } } }, [{}], { children: [{ entityType: 'contact', record: contact('c7', { custom: { referrer: { entityType: 'contact', id: '2' } } }) }] }),
    );
    expect(plan.childUpdates.map((u) => [u.entityType, u.id, u.field, u.after])).toEqual([['contact', 'c7', 'custom.referrer', { entityType: 'contact', id: '1' }]]);
    expect(plan.changes).toEqual({ custom: { referrer: { entityType: 'contact', id: '1' } } });
  });

  it('a merged record given as a child, or a child given twice, is an issue', () => {
    const twice = { entityType: 'deal', record: deal('d1', { contactIds: ['2'] }) } as const;
    expect(issuesOf(mergeContacts({}, [{}], { children: [{ entityType: 'contact', record: contact('2') }, twice, twice] }))).toEqual([
      ['INVALID_VALUE', 'children', 0],
      ['DUPLICATE_ID', 'children', 2],
    ]);
  });
});

describe('planMerge: hidden fields', () => {
  const hidden = new Set(['custom.margin']);

  it('a hidden field is never a conflict and keeps the survivor’s value whatever the policy', () => {
    for (const policy of [undefined, ...MERGE_POLICIES]) {
      const plan = planMerge({
        entityType: 'contact',
        survivor: contact('1', { custom: { margin: 0.1 }, updatedAt: AT }),
        absorbed: [contact('2', { custom: { margin: 0.4 }, updatedAt: LATEST })],
        fields: CONTACT_FIELDS,
        hidden,
        ...(policy === undefined ? {} : { policy }),
      });
      expect(planOf(plan).conflicts).toEqual([]);
      expect(planOf(plan).changed).toEqual([]);
      expect(planOf(plan).hiddenConflicts).toBe(1);
    }
  });

  it('a hidden field’s gap is filled, so no hidden value is dropped', () => {
    const plan = planOf(mergeContacts({}, [{ custom: { margin: 0.4 } }], { hidden, policy: 'mostRecent' }));
    expect(plan.changes).toEqual({ custom: { margin: 0.4 } });
    expect(plan.hiddenConflicts).toBe(0);
  });

  it('a hidden field is never in the preview: no decision, no conflict names it', () => {
    const plan = planOf(mergeContacts({ custom: { margin: 0.1 } }, [{ custom: { margin: 0.4 } }, { custom: { margin: 0.9 } }], { hidden }));
    expect(JSON.stringify([plan.decisions, plan.conflicts])).not.toContain('margin');
  });

  it('a hidden standard field is handled the same way', () => {
    const plan = planOf(mergeContacts({ comments: 'Kept' }, [{ comments: 'Dropped' }], { hidden: ['comments'] }));
    expect([plan.conflicts, plan.changed, plan.hiddenConflicts]).toEqual([[], [], 1]);
  });

  it('a choice on a hidden field, or on a custom field the registry does not have, is FIELD_NOT_VISIBLE', () => {
    expect(issuesOf(mergeContacts({}, [{}], { hidden, choices: { 'custom.margin': '2', 'custom.nope': '2' } }))).toEqual([
      ['FIELD_NOT_VISIBLE', 'choices', 'custom.margin'],
      ['FIELD_NOT_VISIBLE', 'choices', 'custom.nope'],
    ]);
  });
});

describe('planMerge: undo and the plan as data', () => {
  it('undo holds the survivor’s previous values, the merged records as they were and each child’s previous links', () => {
    const absorbed = contact('2', { position: 'CEO', phones: [{ value: '+34 699 000 111', kind: 'home' }] });
    const plan = planOf(
      planMerge({
        entityType: 'contact',
        survivor: contact('1', { phones: [{ value: '+34 612 345 678', kind: 'work' }], custom: { tier: 'gold' } }),
        absorbed: [absorbed],
        fields: CONTACT_FIELDS,
        children: [{ entityType: 'deal', record: deal('d1', { contactIds: ['2'] }) }],
      }),
    );
    expect(plan.undo).toEqual({
      survivor: { phones: [{ value: '+34 612 345 678', kind: 'work' }], position: null },
      absorbed: [absorbed],
      children: [{ entityType: 'deal', id: 'd1', field: 'contactIds', value: ['2'] }],
    });
  });

  it('the plan is frozen plain data that survives structuredClone', () => {
    const plan = planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO', custom: { tags: ['a'] } }]));
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.conflicts[0]?.candidates)).toBe(true);
    expect(Object.isFrozen(plan.changes.custom)).toBe(true);
    expect(structuredClone(plan)).toEqual(plan);
  });

  it('a plan is complete when it has no conflict', () => {
    expect(isMergePlanComplete(planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }])))).toBe(false);
    expect(isMergePlanComplete(planOf(mergeContacts({ position: 'CEO' }, [{ position: 'CTO' }], { policy: 'survivorWins' })))).toBe(true);
    expect(codeOf(() => isMergePlanComplete(null as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('planMerge: bad input', () => {
  it('an entity type that is not merged is an issue', () => {
    expect(issuesOf(planMerge({ entityType: 'activity' as never, survivor: contact('1'), absorbed: [contact('2')], fields: CONTACT_FIELDS }))).toEqual([['INVALID_ARGUMENT', 'entityType']]);
  });

  it('no record to merge, the survivor among the merged ones, or a record given twice, is an issue', () => {
    expect(issuesOf(mergeContacts({}, []))).toEqual([['INVALID_ARGUMENT', 'absorbed']]);
    const result = planMerge({ entityType: 'contact', survivor: contact('1'), absorbed: [contact('2'), contact('1'), contact('2')], fields: CONTACT_FIELDS });
    expect(issuesOf(result)).toEqual([
      ['DUPLICATE_ID', 'absorbed', 1],
      ['DUPLICATE_ID', 'absorbed', 2],
    ]);
  });

  it('a record that is not a valid stored record of the type is an issue at its place', () => {
    const result = planMerge({ entityType: 'contact', survivor: contact('1', { emails: [{ value: 'nope', kind: 'work' }] }), absorbed: [contact('2', { custom: { unknown: 1 } })], fields: CONTACT_FIELDS });
    expect(issuesOf(result)).toEqual([
      ['INVALID_VALUE', 'survivor', 'emails', 0, 'value'],
      ['UNKNOWN_FIELD', 'absorbed', 0, 'custom', 'unknown'],
    ]);
  });

  it('a choice naming a record not in the merge, or a field the type does not have, is an issue', () => {
    expect(issuesOf(mergeContacts({}, [{}], { choices: { position: '99', colour: '2' } }))).toEqual([
      ['INVALID_VALUE', 'choices', 'position'],
      ['UNKNOWN_FIELD', 'choices', 'colour'],
    ]);
  });

  it('a request of the wrong shape throws INVALID_ARGUMENT', () => {
    const ok: MergeRequest<'contact'> = { entityType: 'contact', survivor: contact('1'), absorbed: [contact('2')], fields: CONTACT_FIELDS };
    const cases: unknown[] = [
      null,
      { ...ok, extra: true },
      { ...ok, fields: DEAL_FIELDS },
      { ...ok, policy: 'newestWins' },
      { ...ok, defaultRegion: 'XX' },
      { ...ok, survivor: { id: '1' } },
      { ...ok, absorbed: contact('2') },
      { ...ok, absorbed: [{ ...contact('2'), id: 7 }] },
      { ...ok, choices: { position: 2 } },
      { ...ok, hidden: 'custom.margin' },
      { ...ok, children: [{ entityType: 'thing', record: deal('d1') }] },
      { ...ok, children: [{ entityType: 'deal', record: deal('d1', { contactIds: '2' }) }] },
      { ...ok, children: [{ entityType: 'activity', record: stored('activity', 'a1', { communications: [{ channel: 'phone', value: '1', entity: '2' }] }) }] },
      { ...ok, children: [{ entityType: 'activity', record: stored('activity', 'a1', { communications: ['2'] }) }] },
    ];
    for (const request of cases) expect(codeOf(() => planMerge(request as never))).toBe('INVALID_ARGUMENT');
  });

  it('a record that is not plain data is refused like any argument', () => {
    const sneaky = { ...contact('2') };
    Object.defineProperty(sneaky, 'position', { get: () => 'CEO', enumerable: true });
    expect(codeOf(() => planMerge({ entityType: 'contact', survivor: contact('1'), absorbed: [sneaky], fields: CONTACT_FIELDS }))).toBe('NOT_PLAIN_DATA');
  });

  it('issue messages never hold a value', () => {
    const result = mergeContacts({ position: 'Secret-1' }, [{ position: 'Secret-2', emails: [{ value: 'secret-3', kind: 'work' }] }], { choices: { position: 'Secret-4' } });
    expect(JSON.stringify(result)).not.toMatch(/Secret|secret/);
  });
});

describe('isAutoMergeable', () => {
  const ana = { firstName: 'Ana', lastName: 'García', assignedById: 'u-1', phones: [{ value: '+34 612 345 678', kind: 'work' }], emails: [{ value: 'ana@acme.es', kind: 'work' }] };

  it('records equal in every compared field after normalisation, with the same responsible person, merge automatically', () => {
    const again = { firstName: ' ANA ', lastName: 'Garcia', assignedById: 'u-1', phones: [{ value: '612345678', kind: 'mobile' }], emails: [{ value: 'Ana@ACME.es', kind: 'home' }], position: 'Other' };
    expect(isAutoMergeable([ana, again], { entityType: 'contact', defaultRegion: 'ES' })).toBe(true);
  });

  it('a different responsible person stops an automatic merge', () => {
    expect(isAutoMergeable([ana, { ...ana, assignedById: 'u-2' }], { entityType: 'contact' })).toBe(false);
    expect(isAutoMergeable([{ ...ana, assignedById: undefined }, { ...ana, assignedById: undefined }], { entityType: 'contact' })).toBe(false);
  });

  it('sharing one value is not equal: the lists must hold the same values', () => {
    const more = { ...ana, phones: [...ana.phones, { value: '+34 699 000 111', kind: 'home' }] };
    expect(isAutoMergeable([ana, more], { entityType: 'contact' })).toBe(false);
  });

  it('a compared field empty on one record only stops an automatic merge; empty on all is equal', () => {
    expect(isAutoMergeable([ana, { ...ana, emails: undefined }], { entityType: 'contact' })).toBe(false);
    expect(isAutoMergeable([{ ...ana, emails: [] }, { ...ana, emails: undefined }], { entityType: 'contact' })).toBe(true);
  });

  it('a value its comparator leaves out must still be the same text', () => {
    const info = (value: string) => ({ ...ana, emails: [{ value, kind: 'work' }] });
    expect(isAutoMergeable([info('info@acme.es'), info('INFO@acme.es')], { entityType: 'contact' })).toBe(true);
    expect(isAutoMergeable([info('info@acme.es'), info('sales@acme.es')], { entityType: 'contact' })).toBe(false);
  });

  it('every pair must be equal, not only each record to the first', () => {
    const third = { ...ana, lastName: 'Pérez' };
    expect(isAutoMergeable([ana, ana, third], { entityType: 'contact' })).toBe(false);
    expect(isAutoMergeable([ana, ana, ana], { entityType: 'contact' })).toBe(true);
  });

  it('deals compare their title, company and contacts by default; given criteria replace them', () => {
    const a = { title: 'Renewal', companyId: 'co1', contactIds: ['c1', 'c2'], assignedById: 'u-1' };
    expect(isAutoMergeable([a, { ...a, title: 'renewal', contactIds: ['c2', 'c1'] }], { entityType: 'deal' })).toBe(true);
    expect(isAutoMergeable([a, { ...a, companyId: 'co2' }], { entityType: 'deal' })).toBe(false);
    expect(isAutoMergeable([a, { ...a, companyId: 'co2' }], { entityType: 'deal', criteria: [{ field: 'title' }] })).toBe(true);
  });

  it('a value of the wrong shape is never equal', () => {
    expect(isAutoMergeable([{ ...ana, phones: 'x' }, { ...ana, phones: 'x' }], { entityType: 'contact' })).toBe(false);
  });

  it('fewer than two records, or bad options, throw INVALID_ARGUMENT', () => {
    expect(codeOf(() => isAutoMergeable([ana], { entityType: 'contact' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => isAutoMergeable([ana, ana], { entityType: 'activity' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => isAutoMergeable([ana, null], { entityType: 'contact' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => isAutoMergeable([ana, ana], { entityType: 'contact', defaultRegion: 'es' }))).toBe('INVALID_ARGUMENT');
  });
});
