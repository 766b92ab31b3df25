import { describe, expect, it } from 'vitest';
import {
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  DEFAULT_LOSS_REASONS,
  DEFAULT_QUOTE_STAGES,
  defineRecordRules,
  isStagedType,
  planCreateRecord,
} from 'crm-kit';
import type { Pipeline } from 'crm-kit';
import { ana, at, planned, thrown, wholesale } from './fixtures.js';

describe('defineRecordRules', () => {
  it('defaults to the standard fields and the default stages of the type; other types have none', () => {
    expect(defineRecordRules('deal').pipelines).toEqual([DEFAULT_DEAL_PIPELINE]);
    expect(defineRecordRules('lead').pipelines).toEqual([DEFAULT_LEAD_STATUSES]);
    expect(defineRecordRules('invoice').pipelines).toEqual([DEFAULT_INVOICE_STAGES]);
    expect(defineRecordRules('quote').pipelines).toEqual([DEFAULT_QUOTE_STAGES]);
    expect(defineRecordRules('contact').pipelines).toEqual([]);
    expect(defineRecordRules('contact', { pipelines: [] }).pipelines).toEqual([]);
    expect(defineRecordRules('deal').registry.customFields).toEqual([]);
    expect(defineRecordRules('deal').lossReasons).toBeUndefined();
    // Absent, not present and undefined: the rules are plain data a host may copy or compare.
    expect(Object.keys(defineRecordRules('deal'))).toEqual(['entityType', 'registry', 'pipelines']);
  });

  it('is frozen, and a planner takes a plain copy of rules as well as the rules themselves', () => {
    const rules = defineRecordRules('deal', { pipelines: [DEFAULT_DEAL_PIPELINE, wholesale], lossReasons: DEFAULT_LOSS_REASONS });
    expect(Object.isFrozen(rules) && Object.isFrozen(rules.pipelines)).toBe(true);
    const copy = { ...rules };
    expect(planned(planCreateRecord(copy, ana, { title: 'T', pipelineId: 'wholesale' }, { id: '7', at })).record.stageId).toBe('W_NEW');
  });

  it('refuses an unknown entity type, a registry of another type and malformed options', () => {
    expect(thrown(() => defineRecordRules('nothing' as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', { registry: createFieldRegistry('lead') as never })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', null as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', [] as never)).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses pipelines that are empty, of another type, several lists for a lead, or pipelines on a type without stages', () => {
    expect(thrown(() => defineRecordRules('deal', { pipelines: [] })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', { pipelines: [DEFAULT_LEAD_STATUSES] })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('lead', { pipelines: [DEFAULT_LEAD_STATUSES, DEFAULT_LEAD_STATUSES] })).code).toBe('INVALID_ARGUMENT');
    // Two lists with distinct ids are still two lists: a lead, an invoice and a quote have one.
    expect(thrown(() => defineRecordRules('lead', { pipelines: [DEFAULT_LEAD_STATUSES, { ...DEFAULT_LEAD_STATUSES, id: 'other' }] })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('quote', { pipelines: [DEFAULT_QUOTE_STAGES, { ...DEFAULT_QUOTE_STAGES, id: 'other' }] })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('contact', { pipelines: [DEFAULT_DEAL_PIPELINE] })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', { pipelines: DEFAULT_DEAL_PIPELINE as never })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => defineRecordRules('deal', { pipelines: [{ ...DEFAULT_DEAL_PIPELINE, stages: [] }] })).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses two deal pipelines with one id, and a stage id shared by two pipelines in different stage groups', () => {
    expect(thrown(() => defineRecordRules('deal', { pipelines: [DEFAULT_DEAL_PIPELINE, DEFAULT_DEAL_PIPELINE] })).code).toBe('INVALID_ARGUMENT');
    const clash: Pipeline = { ...wholesale, stages: wholesale.stages.map((stage) => (stage.id === 'W_NEW' ? { ...stage, id: 'WON' } : stage)) };
    expect(thrown(() => defineRecordRules('deal', { pipelines: [DEFAULT_DEAL_PIPELINE, clash] })).code).toBe('INVALID_ARGUMENT');
    const shared: Pipeline = { ...wholesale, stages: wholesale.stages.map((stage) => (stage.id === 'W_WON' ? { ...stage, id: 'WON' } : stage)) };
    expect(defineRecordRules('deal', { pipelines: [DEFAULT_DEAL_PIPELINE, shared] }).pipelines).toHaveLength(2);
  });

  it('refuses loss reasons on a type other than deals, and a malformed catalog', () => {
    expect(thrown(() => defineRecordRules('lead', { lossReasons: DEFAULT_LOSS_REASONS })).code).toBe('INVALID_ARGUMENT');
    const malformed = thrown(() => defineRecordRules('deal', { lossReasons: [{ id: 'X' }] as never }));
    expect(malformed.code).toBe('INVALID_ARGUMENT');
    // The error carries the catalog's issues, so a host can show what is wrong with it.
    expect(malformed.issues?.length).toBeGreaterThan(0);
  });

  it('isStagedType names deals, leads, invoices and quotes', () => {
    expect((['deal', 'lead', 'invoice', 'quote', 'contact', 'company', 'activity'] as const).map(isStagedType)).toEqual([true, true, true, true, false, false, false]);
  });
});
