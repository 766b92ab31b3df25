import { describe, expect, it } from 'vitest';
import {
  assertPipeline,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  DEFAULT_LOSS_REASONS,
  DEFAULT_QUOTE_STAGES,
  checkLossReasons,
  defineLossReasons,
  checkPipeline,
  findStage,
  isFinalStage,
  getStageGroup,
  listStagesInGroup,
} from 'crm-kit';
import type { Pipeline, Stage, StageGroup, ValidationError } from 'crm-kit';
import { codeOf, isExplained } from './errors.js';

const stage = (id: string, sort: number, semantic: Stage['semantic'], extra: Partial<Stage> = {}): Stage => ({
  id,
  name: id,
  sort,
  color: '#336699',
  semantic,
  ...extra,
});
const pipelineOf = (stages: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> => ({
  id: 'sales',
  entityType: 'deal',
  name: 'Sales',
  stages,
  ...extra,
});
const valid = [stage('NEW', 10, 'process'), stage('WON', 20, 'success'), stage('LOST', 30, 'failure')];

const issuesOf = (input: unknown): string[][] => {
  const result = checkPipeline(input);
  return result.success ? [] : result.issues.map((i) => [isExplained(i) ? i.code : 'unexplained', i.path.join('.')]);
};

describe('checkPipeline', () => {
  it('returns a frozen copy with its stages in sort order, keeping the given order for equal sorts', () => {
    const input = pipelineOf([stage('LOST', 30, 'failure'), stage('B', 5, 'process'), stage('WON', 20, 'success'), stage('A', 5, 'process')]);
    const snapshot = structuredClone(input);
    const result = checkPipeline(input);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.stages.map((s) => s.id)).toEqual(['B', 'A', 'WON', 'LOST']);
    expect(Object.isFrozen(result.data)).toBe(true);
    expect(Object.isFrozen(result.data.stages)).toBe(true);
    expect(Object.isFrozen(result.data.stages[0])).toBe(true);
    expect(input).toEqual(snapshot);
  });

  it('accepts every setting of a stage', () => {
    const full = stage('PROPOSAL', 10, 'process', {
      labels: { en: 'Proposal', 'pt-BR': 'Proposta' },
      probability: 50,
      forecastCategory: 'best-case',
      idleDays: 14,
      requiredFields: ['amount', 'custom.budget'],
    });
    expect(issuesOf(pipelineOf([full, stage('WON', 20, 'success'), stage('LOST', 30, 'failure', { lossReasonRequired: true })]))).toEqual([]);
  });

  it('refuses a pipeline that is not an object or lacks its own settings', () => {
    expect(issuesOf(null)).toEqual([['INVALID_VALUE', '']]);
    expect(issuesOf([])).toEqual([['INVALID_VALUE', '']]);
    expect(issuesOf({ stages: valid })).toEqual([
      ['REQUIRED', 'id'],
      ['REQUIRED', 'entityType'],
      ['REQUIRED', 'name'],
    ]);
    expect(issuesOf(pipelineOf(valid, { id: ' ', entityType: 'contact', name: '', sort: Number.NaN, colour: 'red' }))).toEqual([
      ['UNKNOWN_FIELD', 'colour'],
      ['INVALID_VALUE', 'id'],
      ['INVALID_VALUE', 'entityType'],
      ['INVALID_VALUE', 'name'],
      ['INVALID_VALUE', 'sort'],
    ]);
    expect(issuesOf(pipelineOf([]))).toEqual([['INVALID_VALUE', 'stages']]);
    expect(issuesOf({ id: 'x', entityType: 'deal', name: 'X' })).toEqual([['REQUIRED', 'stages']]);
  });

  it('accepts every setting at its limit: 128-character ids, 255-character names and labels, probabilities 0 and 100, one idle day', () => {
    const edge = stage('x'.repeat(128), 10, 'process', { name: 'n'.repeat(255), labels: { en: 'l'.repeat(255) }, probability: 0, idleDays: 1 });
    const won = stage('WON', 20, 'success', { probability: 100 });
    expect(issuesOf(pipelineOf([edge, won, valid[2]], { id: 'p'.repeat(128), name: 'N'.repeat(255), sort: -5 }))).toEqual([]);
    expect(issuesOf(pipelineOf([stage('NEW', 10, 'process', { labels: { en: 'l'.repeat(256) } }), won, valid[2]]))).toEqual([['INVALID_VALUE', 'stages.0.labels.en']]);
    expect(issuesOf(pipelineOf(valid, { id: 'p'.repeat(129), name: 'N'.repeat(256) }))).toEqual([
      ['INVALID_VALUE', 'id'],
      ['INVALID_VALUE', 'name'],
    ]);
  });

  it('refuses labels keyed by something other than a language tag, and blank labels', () => {
    const labelled = (labels: unknown): Record<string, unknown> => pipelineOf([stage('NEW', 10, 'process', { labels: labels as Stage['labels'] }), ...valid.slice(1)]);
    expect(issuesOf(labelled({ english: 'New', en: ' ', 'pt-BR': 'Novo', es: 7 }))).toEqual([
      ['INVALID_VALUE', 'stages.0.labels.english'],
      ['INVALID_VALUE', 'stages.0.labels.en'],
      ['INVALID_VALUE', 'stages.0.labels.es'],
    ]);
    expect(issuesOf(labelled('New'))).toEqual([['INVALID_VALUE', 'stages.0.labels']]);
  });

  it('refuses duplicate stage ids', () => {
    expect(issuesOf(pipelineOf([...valid, stage('NEW', 5, 'process')]))).toEqual([['DUPLICATE_FIELD', 'stages.3.id']]);
  });

  it.each([
    ['id', { id: '' }],
    ['id', { id: 'x'.repeat(129) }],
    ['name', { name: '   ' }],
    ['sort', { sort: Number.POSITIVE_INFINITY }],
    ['color', { color: 'red' }],
    ['color', { color: '#12345' }],
    ['semantic', { semantic: 'won' }],
    ['probability', { probability: 101 }],
    ['probability', { probability: -1 }],
    ['probability', { probability: 12.5 }],
    ['forecastCategory', { forecastCategory: 'maybe' }],
    ['idleDays', { idleDays: 0 }],
    ['idleDays', { idleDays: 1.5 }],
    ['labels', { labels: {} }],
    ['requiredFields', { requiredFields: 'amount' }],
  ])('refuses a stage with a bad %s', (key, change) => {
    const bad = { ...stage('NEW', 10, 'process'), ...change };
    expect(issuesOf(pipelineOf([bad, ...valid.slice(1)]))).toEqual([['INVALID_VALUE', `stages.0.${key}`]]);
  });

  it('refuses a stage without its required settings, or with unknown ones', () => {
    expect(issuesOf(pipelineOf([{ id: 'NEW' }, ...valid.slice(1)]))).toEqual([
      ['REQUIRED', 'stages.0.name'],
      ['REQUIRED', 'stages.0.sort'],
      ['REQUIRED', 'stages.0.color'],
      ['REQUIRED', 'stages.0.semantic'],
    ]);
    expect(issuesOf(pipelineOf([{ ...valid[0], lossReasonRequried: true }, ...valid.slice(1)]))).toEqual([['UNKNOWN_FIELD', 'stages.0.lossReasonRequried']]);
    expect(issuesOf(pipelineOf(['NEW', ...valid.slice(1)]))).toEqual([['INVALID_VALUE', 'stages.0']]);
  });

  it('lets only a failure stage require a loss reason', () => {
    expect(issuesOf(pipelineOf([valid[0], stage('WON', 20, 'success', { lossReasonRequired: true }), valid[2]]))).toEqual([
      ['INVALID_VALUE', 'stages.1.lossReasonRequired'],
    ]);
    expect(issuesOf(pipelineOf([valid[0], stage('WON', 20, 'success', { lossReasonRequired: false }), valid[2]]))).toEqual([]);
  });

  it('only deal pipelines can require a loss reason: leads, invoices and quotes do not store one', () => {
    const strict = [valid[0], valid[1], stage('LOST', 30, 'failure', { lossReasonRequired: true })];
    expect(issuesOf(pipelineOf(strict))).toEqual([]);
    for (const entityType of ['lead', 'invoice', 'quote']) {
      expect(issuesOf(pipelineOf(strict, { entityType }))).toEqual([['INVALID_VALUE', 'stages.2.lossReasonRequired']]);
      expect(codeOf(() => {
        assertPipeline(pipelineOf(strict, { entityType }));
      })).toBe('INVALID_ARGUMENT');
      // Saying it is not required is fine anywhere.
      expect(issuesOf(pipelineOf([valid[0], valid[1], stage('LOST', 30, 'failure', { lossReasonRequired: false })], { entityType }))).toEqual([]);
    }
  });

  it('checks required fields against the standard fields of the entity type', () => {
    const withFields = (requiredFields: readonly unknown[], entityType = 'deal'): string[][] =>
      issuesOf(pipelineOf([stage('NEW', 10, 'process', { requiredFields: requiredFields as string[] }), ...valid.slice(1)], { entityType }));
    expect(withFields(['amount', 'companyId', 'custom.budget'])).toEqual([]);
    expect(withFields(['paidDate'])).toEqual([['UNKNOWN_FIELD', 'stages.0.requiredFields.0']]);
    expect(withFields(['paidDate'], 'invoice')).toEqual([]);
    expect(withFields(['custom.Budget', 1, 'amount', 'amount'])).toEqual([
      ['INVALID_VALUE', 'stages.0.requiredFields.0'],
      ['INVALID_VALUE', 'stages.0.requiredFields.1'],
      ['DUPLICATE_FIELD', 'stages.0.requiredFields.3'],
    ]);
  });

  it('needs in-progress stages first, then exactly one success stage, then failure stages', () => {
    expect(issuesOf(pipelineOf([stage('WON', 10, 'success'), stage('LOST', 20, 'failure')]))).toEqual([['REQUIRED', 'stages']]);
    expect(issuesOf(pipelineOf([stage('NEW', 10, 'process'), stage('LOST', 20, 'failure')]))).toEqual([['REQUIRED', 'stages']]);
    expect(issuesOf(pipelineOf([...valid, stage('WON2', 25, 'success')]))).toEqual([['INVALID_VALUE', 'stages.3.semantic']]);
    expect(issuesOf(pipelineOf([...valid, stage('LATE', 40, 'process')]))).toEqual([['INVALID_VALUE', 'stages.3.semantic']]);
    expect(issuesOf(pipelineOf([stage('NEW', 10, 'process'), stage('LOST', 15, 'failure'), stage('WON', 20, 'success')]))).toEqual([
      ['INVALID_VALUE', 'stages.2.semantic'],
    ]);
    // The order is the sort order, not the order of the list.
    expect(issuesOf(pipelineOf([stage('LOST', 30, 'failure'), stage('WON', 20, 'success'), stage('NEW', 10, 'process')]))).toEqual([]);
  });

  it('assertPipeline throws INVALID_ARGUMENT with the issues', () => {
    expect(codeOf(() => {
      assertPipeline(DEFAULT_DEAL_PIPELINE);
    })).toBe('no error');
    expect(codeOf(() => {
      assertPipeline(pipelineOf([valid[1]]));
    })).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => {
      assertPipeline(undefined);
    })).toBe('INVALID_ARGUMENT');
  });
});

describe('checkLossReasons', () => {
  it('returns the catalog frozen, in sort order, reasons without sort last', () => {
    const input = [{ id: 'OTHER', labels: { en: 'Other' } }, { id: 'PRICE', labels: { en: 'Price' }, sort: 2 }, { id: 'TIMING', labels: { en: 'Timing' }, sort: 1 }];
    const snapshot = structuredClone(input);
    const result = checkLossReasons(input);
    expect(result.success && result.data.map((r) => r.id)).toEqual(['TIMING', 'PRICE', 'OTHER']);
    expect(result.success && Object.isFrozen(result.data)).toBe(true);
    expect(input).toEqual(snapshot);
  });

  it('keeps reasons with one sort position, and reasons without one, in the order given', () => {
    const input = [
      { id: 'C', labels: { en: 'C' } },
      { id: 'B', labels: { en: 'B' }, sort: 5 },
      { id: 'A', labels: { en: 'A' } },
      { id: 'Z', labels: { en: 'Z' }, sort: 5 },
      { id: 'Y', labels: { en: 'Y' }, sort: -1 },
    ];
    const result = checkLossReasons(input);
    expect(result.success && result.data.map((r) => r.id)).toEqual(['Y', 'B', 'Z', 'C', 'A']);
  });

  it('defineLossReasons returns the checked catalog, or throws INVALID_ARGUMENT with every issue', () => {
    expect(defineLossReasons([{ id: 'B', labels: { en: 'B' }, sort: 2 }, { id: 'A', labels: { en: 'A' }, sort: 1 }]).map((r) => r.id)).toEqual(['A', 'B']);
    expect(codeOf(() => defineLossReasons([{ id: 'A', labels: { en: 'A' } }, { id: 'A', labels: {} }]))).toBe('INVALID_ARGUMENT');
    try {
      defineLossReasons([{ id: 'A', labels: { en: 'A' } }, { id: 'A', labels: {} }]);
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['DUPLICATE_FIELD', '1.id'],
        ['INVALID_VALUE', '1.labels'],
      ]);
    }
  });

  it('refuses duplicates, missing ids, bad labels and junk', () => {
    const codes = (input: unknown): string[][] => {
      const result = checkLossReasons(input);
      return result.success ? [] : result.issues.map((i) => [isExplained(i) ? i.code : 'unexplained', i.path.join('.')]);
    };
    expect(codes('PRICE')).toEqual([['INVALID_VALUE', '']]);
    expect(codes([{ id: 'A', labels: { en: 'A' } }, { id: 'A', labels: { en: 'B' } }])).toEqual([['DUPLICATE_FIELD', '1.id']]);
    expect(codes([{ labels: { en: 'A' } }, { id: 'B', labels: {} }, null, { id: 'C', labels: { en: 'C' }, sort: 'x', note: 1 }])).toEqual([
      ['REQUIRED', '0.id'],
      ['INVALID_VALUE', '1.labels'],
      ['INVALID_VALUE', '2'],
      ['UNKNOWN_FIELD', '3.note'],
      ['INVALID_VALUE', '3.sort'],
    ]);
    expect(codes([])).toEqual([]);
  });
});

describe('default pipelines', () => {
  it('are valid pipelines of their entity types', () => {
    const defaults: [Pipeline, string][] = [
      [DEFAULT_DEAL_PIPELINE, 'deal'],
      [DEFAULT_LEAD_STATUSES, 'lead'],
      [DEFAULT_INVOICE_STAGES, 'invoice'],
      [DEFAULT_QUOTE_STAGES, 'quote'],
    ];
    for (const [pipeline, entityType] of defaults) {
      expect(checkPipeline(pipeline).success).toBe(true);
      expect(pipeline.entityType).toBe(entityType);
      expect(Object.isFrozen(pipeline)).toBe(true);
    }
    expect(checkLossReasons(DEFAULT_LOSS_REASONS).success).toBe(true);
  });

  it('the lead status list matches DOMAIN.md', () => {
    expect(listStagesInGroup(DEFAULT_LEAD_STATUSES, 'in-progress')).toEqual(['NEW', 'IN_PROCESS', 'PROCESSED']);
    expect(listStagesInGroup(DEFAULT_LEAD_STATUSES, 'won')).toEqual(['CONVERTED']);
    expect(listStagesInGroup(DEFAULT_LEAD_STATUSES, 'lost')).toEqual(['JUNK']);
  });

  it('invoice and quote lists close on paid/cancelled and accepted/declined', () => {
    expect(listStagesInGroup(DEFAULT_INVOICE_STAGES, 'won')).toEqual(['PAID']);
    expect(listStagesInGroup(DEFAULT_INVOICE_STAGES, 'lost')).toEqual(['CANCELLED']);
    expect(listStagesInGroup(DEFAULT_QUOTE_STAGES, 'won')).toEqual(['ACCEPTED']);
    expect(listStagesInGroup(DEFAULT_QUOTE_STAGES, 'lost')).toEqual(['DECLINED']);
  });
});

describe('stage groups', () => {
  it('the group of a stage is its semantic; an unknown stage has none', () => {
    expect(DEFAULT_DEAL_PIPELINE.stages.map((s) => getStageGroup(DEFAULT_DEAL_PIPELINE, s.id))).toEqual([
      'in-progress',
      'in-progress',
      'in-progress',
      'in-progress',
      'won',
      'lost',
    ]);
    expect(getStageGroup(DEFAULT_DEAL_PIPELINE, 'PAID')).toBeUndefined();
    expect(getStageGroup(DEFAULT_DEAL_PIPELINE, 'constructor')).toBeUndefined();
    expect(findStage(DEFAULT_DEAL_PIPELINE, 'toString')).toBeUndefined();
  });

  it('the groups partition the stages, in order', () => {
    const groups: StageGroup[] = ['in-progress', 'won', 'lost'];
    expect(groups.flatMap((group) => listStagesInGroup(DEFAULT_DEAL_PIPELINE, group))).toEqual(DEFAULT_DEAL_PIPELINE.stages.map((s) => s.id));
  });

  it('final stages are the won and lost ones', () => {
    expect(DEFAULT_DEAL_PIPELINE.stages.filter((s) => isFinalStage(DEFAULT_DEAL_PIPELINE, s.id)).map((s) => s.id)).toEqual(['WON', 'LOST']);
    expect(isFinalStage(DEFAULT_DEAL_PIPELINE, 'NOPE')).toBe(false);
  });

  it('reads a hand-built pipeline in sort order, and refuses an invalid one or an unknown group', () => {
    const unsorted = pipelineOf([stage('LOST', 30, 'failure'), stage('WON', 20, 'success'), stage('NEW', 10, 'process')]) as unknown as Pipeline;
    expect(listStagesInGroup(unsorted, 'in-progress')).toEqual(['NEW']);
    expect(codeOf(() => getStageGroup(pipelineOf([]) as unknown as Pipeline, 'NEW'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'open' as StageGroup))).toBe('INVALID_ARGUMENT');
  });
});
