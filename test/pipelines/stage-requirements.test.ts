import { describe, expect, it } from 'vitest';
import { createFieldRegistry, DEFAULT_LOSS_REASONS, defineField, checkPipeline, findLossReasonIssues, getStageField, findStageRequirementIssues, unwrap } from 'crm-kit';
import type { Principal } from 'crm-kit';
import { codeOf, isExplained } from './errors.js';

const pipeline = unwrap(
  checkPipeline({
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
const paths = (item: object, stageId: string, options = {}): unknown => findStageRequirementIssues(item, pipeline, stageId, options).map((found) => found.path.join('.'));

describe('findStageRequirementIssues', () => {
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
    expect(codeOf(() => findStageRequirementIssues({}, pipeline, 'ARCHIVED'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findStageRequirementIssues({}, pipeline, 'NEW', { principal: ana }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findStageRequirementIssues({}, pipeline, 'NEW', { registry: createFieldRegistry('lead') }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findStageRequirementIssues(null as never, pipeline, 'NEW'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findStageRequirementIssues({}, pipeline, 'NEW', 'all' as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('findLossReasonIssues', () => {
  const lost = pipeline.stages.find((stage) => stage.id === 'LOST');
  const fresh = pipeline.stages.find((stage) => stage.id === 'NEW');
  if (lost === undefined || fresh === undefined) throw new Error('fixture');
  const strict = { ...lost, lossReasonRequired: true };
  const codes = (reason: string | undefined, stage: typeof lost, catalog?: typeof DEFAULT_LOSS_REASONS): unknown =>
    findLossReasonIssues(reason, stage, catalog).map((found) => `${isExplained(found) ? found.code : 'unexplained'}:${found.path.join('.')}`);

  it('a loss reason goes only with a failure stage', () => {
    expect(codes('PRICE', fresh)).toEqual(['INVALID_VALUE:lossReasonId']);
    expect(codes(undefined, fresh)).toEqual([]);
    expect(codes('PRICE', lost)).toEqual([]);
  });

  it('a failure stage that requires a loss reason needs one; others do not', () => {
    expect(codes(undefined, strict)).toEqual(['REQUIRED:lossReasonId']);
    expect(codes(undefined, lost)).toEqual([]);
  });

  it('with a catalog, the reason must be one of it', () => {
    expect(codes('PRICE', strict, DEFAULT_LOSS_REASONS)).toEqual([]);
    expect(codes('BAD_LUCK', strict, DEFAULT_LOSS_REASONS)).toEqual(['INVALID_VALUE:lossReasonId']);
  });

  it('refuses a stage that is not one, a reason that is not text and a catalog that is not a list', () => {
    expect(codeOf(() => findLossReasonIssues('PRICE', {} as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findLossReasonIssues(7 as never, lost))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => findLossReasonIssues('PRICE', lost, 'all' as never))).toBe('INVALID_ARGUMENT');
  });
});

describe('getStageField', () => {
  it('leads keep their stage in status, deals, invoices and quotes in stageId', () => {
    expect(['lead', 'deal', 'invoice', 'quote'].map((type) => getStageField(type as never))).toEqual(['status', 'stageId', 'stageId', 'stageId']);
    expect(codeOf(() => getStageField('contact' as never))).toBe('INVALID_ARGUMENT');
  });
});
