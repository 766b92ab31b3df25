import { describe, expect, it } from 'vitest';
import { createFieldRegistry, defineField, definePipeline, stageRequirementIssues, unwrap } from 'crm-kit';
import type { Principal } from 'crm-kit';
import { codeOf } from '../support/errors.js';

const pipeline = unwrap(
  definePipeline({
    id: 'sales',
    entityType: 'deal',
    name: 'Sales',
    stages: [
      { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
      { id: 'OFFER', name: 'Offer', sort: 20, color: '#2f80ed', semantic: 'process', requiredFields: ['amount', 'custom.po'] },
      { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
      { id: 'LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
    ],
  }),
);
const registry = createFieldRegistry('deal', {
  customFields: [
    defineField({ type: 'string', code: 'po', labels: { en: 'PO' } }),
    defineField({ type: 'string', code: 'contract', labels: { en: 'Contract' }, requiredFromStage: { stageId: 'OFFER' } }),
    defineField({ type: 'string', code: 'why', labels: { en: 'Why' }, requiredFromStage: { stageId: 'LOST' } }),
    defineField({
      type: 'string',
      code: 'margin',
      labels: { en: 'Margin' },
      requiredFromStage: { stageId: 'NEW' },
      visibility: { restrictedTo: { departmentIds: ['finance'] } },
    }),
  ],
});
const ana: Principal = { userId: 'u-ana', roleIds: [], departmentIds: ['sales'], isAdmin: false };
const paths = (item: object, stageId: string, options = {}): unknown => stageRequirementIssues(item, pipeline, stageId, options).map((found) => found.path.join('.'));

describe('stageRequirementIssues', () => {
  it("lists the stage's own required fields, standard and custom, that the item leaves empty", () => {
    expect(paths({ title: 'X' }, 'OFFER')).toEqual(['amount', 'custom.po']);
    expect(paths({ amount: { amount: '1.00', currency: 'EUR' }, custom: { po: 'PO-1' } }, 'OFFER')).toEqual([]);
    expect(paths({ title: 'X' }, 'NEW')).toEqual([]);
  });

  it('adds custom fields required from this stage or an earlier one, and for a failure stage only rules naming it', () => {
    expect(paths({ custom: { po: 'PO-1' }, amount: { amount: '1.00', currency: 'EUR' } }, 'WON', { registry })).toEqual(['custom.contract', 'custom.margin']);
    expect(paths({}, 'LOST', { registry })).toEqual(['custom.why']);
  });

  it('never requires of a person a custom field they cannot see', () => {
    expect(paths({ custom: { contract: 'C' } }, 'NEW', { registry, principal: ana })).toEqual([]);
    expect(paths({ custom: { contract: 'C' } }, 'NEW', { registry })).toEqual(['custom.margin']);
  });

  it('refuses a stage the pipeline does not have, a principal without a registry, and a registry of another type', () => {
    expect(codeOf(() => stageRequirementIssues({}, pipeline, 'ARCHIVED'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stageRequirementIssues({}, pipeline, 'NEW', { principal: ana }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stageRequirementIssues({}, pipeline, 'NEW', { registry: createFieldRegistry('lead') }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stageRequirementIssues(null as never, pipeline, 'NEW'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stageRequirementIssues({}, pipeline, 'NEW', 'all' as never))).toBe('INVALID_ARGUMENT');
  });
});
