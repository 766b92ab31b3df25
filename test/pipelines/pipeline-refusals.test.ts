import { describe, expect, it } from 'vitest';
import {
  buildCreatedEvent,
  buildKanbanBoard,
  checkLossReasons,
  checkPipeline,
  classifyRepeatLead,
  createKanbanTotals,
  countDaysIdle,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_LEAD_STATUSES,
  definePipeline,
  findLossReasonIssues,
  getStageField,
  listStagesInGroup,
  planKanbanMove,
  planPipelineChange,
  planTransition,
  ROUNDING_MODES,
} from 'crm-kit';
import type { Stage, StageGroup, StagedEntityType, TransitionItem, ValidationError } from 'crm-kit';
import { thrownBy } from '../support/errors.js';
import { codeOf, isExplained } from './errors.js';
import { deal, RATES, SALES, stage } from './kanban-fixtures.js';

const at = new Date('2026-03-09T16:00:00Z');
const pipelineOf = (stages: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> => ({ id: 'sales', entityType: 'deal', name: 'Sales', stages, ...extra });
const valid = [stage('NEW', 'process', 10), stage('WON', 'success', 20), stage('LOST', 'failure', 30)];
const issuesOf = (input: unknown): string[][] => {
  const result = checkPipeline(input);
  return result.success ? [] : result.issues.map((i) => [isExplained(i) ? i.code : 'unexplained', i.path.join('.')]);
};
const messageOf = (run: () => unknown): string => (thrownBy(run) as Error).message;

describe('checkPipeline: settings it reads only as what they are', () => {
  it('refuses a lossReasonRequired that is not true or false', () => {
    expect(issuesOf(pipelineOf([valid[0], valid[1], { ...valid[2], lossReasonRequired: 'yes' }]))).toEqual([['INVALID_VALUE', 'stages.2.lossReasonRequired']]);
  });

  it('refuses a colour given as a list, even one whose text would match', () => {
    expect(issuesOf(pipelineOf([{ ...valid[0], color: ['#336699'] }, valid[1], valid[2]]))).toEqual([['INVALID_VALUE', 'stages.0.color']]);
  });

  it('with an unknown entity type, reports only the entity type: no field list or loss-reason rule can be judged', () => {
    const stages = [{ ...valid[0], requiredFields: ['anything'] }, valid[1], { ...valid[2], lossReasonRequired: true }];
    expect(issuesOf(pipelineOf(stages, { entityType: 'contact' }))).toEqual([['INVALID_VALUE', 'entityType']]);
  });

  it('counts a stage id once even when several malformed stages share it', () => {
    expect(issuesOf(pipelineOf(['NEW', 'NEW', ...valid]))).toEqual([
      ['INVALID_VALUE', 'stages.0'],
      ['INVALID_VALUE', 'stages.1'],
    ]);
    expect(issuesOf(pipelineOf([{ ...valid[0], id: '' }, { ...valid[0], id: '' }, valid[1], valid[2]]))).toEqual([
      ['INVALID_VALUE', 'stages.0.id'],
      ['INVALID_VALUE', 'stages.1.id'],
    ]);
  });

  it('names the allowed values when it refuses one', () => {
    const message = (input: unknown, path: string): string => {
      const result = checkPipeline(input);
      return result.success ? '' : (result.issues.find((i) => i.path.join('.') === path)?.message ?? '');
    };
    expect(message(pipelineOf(valid, { entityType: 'contact' }), 'entityType')).toContain('deal, lead, invoice, quote');
    expect(message({ id: 'x', name: 'X', stages: valid }, 'entityType')).toContain('deal, lead, invoice, quote');
    expect(message(pipelineOf([{ ...valid[0], semantic: 'won' }, valid[1], valid[2]]), 'stages.0.semantic')).toContain('process, success, failure');
    expect(message(pipelineOf([{ ...valid[0], forecastCategory: 'maybe' }, valid[1], valid[2]]), 'stages.0.forecastCategory')).toContain('omitted, pipeline, best-case, commit, closed');
    expect(messageOf(() => getStageField('contact' as StagedEntityType))).toContain('deal, lead, invoice, quote');
    expect(messageOf(() => listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'open' as StageGroup))).toContain('in-progress, won, lost');
    expect(messageOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: RATES, on: '2026-01-01', round: 'up-ish' as never }))).toContain(ROUNDING_MODES.join(', '));
    expect(messageOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: RATES, on: 'soon' as never }))).toContain('day of the rates (on)');
  });
});

describe('definePipeline: the error', () => {
  it('carries every issue and names where each is, once, in its message', () => {
    const error = thrownBy(() => definePipeline(pipelineOf([{ ...valid[0], color: 'red', name: ' ' }, valid[1], valid[2]], { colour: 'red' }))) as ValidationError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['colour', 'stages.0.name', 'stages.0.color']);
    expect(error.message).toBe('[crm-kit] Invalid pipeline: colour (UNKNOWN_FIELD), stages.0.name (INVALID_VALUE), stages.0.color (INVALID_VALUE).');
    expect(messageOf(() => definePipeline(null))).toBe('[crm-kit] Invalid pipeline: pipeline (INVALID_VALUE).');
  });
});

describe('checkLossReasons: ids', () => {
  it('refuses an id that is not non-blank text', () => {
    const result = checkLossReasons([{ id: 7, labels: { en: 'A' } }, { id: ' ', labels: { en: 'B' } }]);
    expect(result.success ? [] : result.issues.map((i) => [isExplained(i) ? i.code : 'unexplained', i.path.join('.')])).toEqual([
      ['INVALID_VALUE', '0.id'],
      ['INVALID_VALUE', '1.id'],
    ]);
  });
});

describe('buildKanbanBoard: the options of a conversion', () => {
  it('refuses rates or a day given alone, or a currency and rates without a day', () => {
    expect(codeOf(() => buildKanbanBoard([], SALES, { rates: RATES }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], SALES, { on: '2026-01-01' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: RATES }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a currency that is not text, and rates that are not a rate table, even for an empty board', () => {
    expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 7 as never, rates: RATES, on: '2026-01-01' }))).toBe('INVALID_ARGUMENT');
    for (const rates of [null, 'EUR', {}, { base: 7 }]) {
      expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: rates as never, on: '2026-01-01' }))).toBe('INVALID_ARGUMENT');
    }
  });

  it('counts an item whose amount is null, adding nothing for it', () => {
    const board = buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: null as never }, { id: '2', stageId: 'NEW' }], SALES, { currency: 'EUR', rates: RATES, on: '2026-01-01' });
    expect(board.columns[0]?.count).toBe(2);
    expect(board.columns[0]?.subtotals).toEqual([]);
  });

  it('createKanbanTotals refuses options that are text', () => {
    expect(codeOf(() => createKanbanTotals('EUR' as never))).toBe('INVALID_ARGUMENT');
  });

  it('refuses an amount without a currency as not money', () => {
    expect(codeOf(() => buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: { amount: '1.00' } as never }], SALES))).toBe('INVALID_AMOUNT');
  });

  it('names the index of an item that is not a record with an id', () => {
    expect(messageOf(() => buildKanbanBoard([deal('1', 'NEW'), deal('2', 'NEW'), { stageId: 'NEW' } as never], SALES))).toContain('at index 2');
  });
});

describe('refusals of contexts and leads that are not objects', () => {
  it('planKanbanMove refuses a context that is not an object', () => {
    expect(codeOf(() => planKanbanMove(deal('1', 'NEW'), SALES, { column: 'PROPOSAL' }, 'now' as never))).toBe('INVALID_ARGUMENT');
  });

  it('buildCreatedEvent refuses a context that is not an object', () => {
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', stageId: 'NEW' }, null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildCreatedEvent({ id: 'd-1', stageId: 'NEW' }, 'now' as never))).toBe('INVALID_ARGUMENT');
  });

  it('classifyRepeatLead refuses a lead that is not an object', () => {
    expect(codeOf(() => classifyRepeatLead('c-9' as never))).toBe('INVALID_ARGUMENT');
  });

  it('a bad instant is refused naming the field it came from', () => {
    const item: TransitionItem = { id: 'd-1', movedAt: at };
    const invalid = new Date(Number.NaN);
    expect(messageOf(() => countDaysIdle(item, { now: invalid }))).toContain('The now ');
    expect(messageOf(() => countDaysIdle({ id: 'd-1', movedAt: invalid }, { now: at }))).toContain('The movedAt ');
    expect(messageOf(() => countDaysIdle({ id: 'd-1', createdAt: invalid }, { now: at }))).toContain('The createdAt ');
    expect(messageOf(() => countDaysIdle({ ...item, lastActivityAt: invalid }, { now: at }))).toContain('The lastActivityAt ');
    expect(messageOf(() => countDaysIdle(item, { now: at, lastCompletedActivityAt: invalid }))).toContain('The lastCompletedActivityAt ');
    expect(messageOf(() => planTransition({ id: 'd-1', pipelineId: 'default', stageId: 'NEW' }, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at: invalid, byId: 'u-1' }))).toContain('The at ');
  });
});

describe('loss reasons and pipeline changes', () => {
  it('a stage that is not a failure stage never needs a loss reason, whatever it says', () => {
    const won: Stage = { ...stage('WON', 'success', 20), lossReasonRequired: true };
    expect(findLossReasonIssues(undefined, won)).toEqual([]);
    expect(findLossReasonIssues('PRICE', won).every(isExplained)).toBe(true);
  });

  it('a deal cannot move into a pipeline of another entity type', () => {
    const result = planPipelineChange({ id: 'd-1', pipelineId: 'default', stageId: 'NEW' }, DEFAULT_LEAD_STATUSES, 'NEW', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' });
    expect(result.success ? [] : result.issues.map((i) => [i.code, i.path])).toEqual([['INVALID_STAGE_TRANSITION', ['pipelineId']]]);
  });

  it('a malformed loss-reason catalog is refused with the catalog\'s issues', () => {
    const error = thrownBy(() =>
      planTransition({ id: 'd-1', pipelineId: 'default', stageId: 'NEW' }, 'LOST', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1', lossReasons: [{ id: 'A' }] as never }),
    ) as ValidationError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['0.labels']);
  });

  it('a move to the success stage records no loss reason key in its event', () => {
    const result = planTransition({ id: 'd-1', pipelineId: 'default', stageId: 'NEW' }, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' });
    expect(result.success && Object.hasOwn(result.data.event, 'lossReasonId')).toBe(false);
    const changed = planPipelineChange({ id: 'd-1', pipelineId: 'default', stageId: 'NEW' }, { ...DEFAULT_DEAL_PIPELINE, id: 'other' }, 'WON', { pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-1' });
    expect(changed.success && Object.hasOwn(changed.data.event, 'lossReasonId')).toBe(false);
  });
});
