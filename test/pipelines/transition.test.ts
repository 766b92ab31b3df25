import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  DEFAULT_LOSS_REASONS,
  checkPipeline,
  planPipelineChange,
  planTransition,
  unwrap,
} from 'crm-kit';
import type { Deal, FieldDefinition, Invoice, Lead, Pipeline, Principal, Result, TransitionContext, TransitionItem, TransitionPlan } from 'crm-kit';
import { codeOf, isExplained } from './errors.js';

const created = new Date('2026-03-02T11:00:00Z');
const at = new Date('2026-03-09T16:00:00Z');
const record = { version: 1, createdAt: created, updatedAt: created, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1' };

const deal = (changes: Partial<Deal> = {}): Deal => ({
  ...record,
  id: 'd-1',
  custom: {},
  title: 'Laptops',
  pipelineId: 'default',
  stageId: 'NEW',
  probability: 10,
  amountIsManual: false,
  probabilityIsManual: false,
  opened: false,
  closed: false,
  isReturnCustomer: false,
  isRepeatedApproach: false,
  movedAt: created,
  movedById: 'u-1',
  ...changes,
});
const lead = (changes: Partial<Lead> = {}): Lead => ({
  ...record,
  id: 'l-1',
  custom: {},
  status: 'NEW',
  opened: false,
  isReturnCustomer: false,
  movedAt: created,
  movedById: 'u-1',
  ...changes,
});
const invoice = (changes: Partial<Invoice> = {}): Invoice => ({
  ...record,
  id: 'i-1',
  custom: {},
  stageId: 'SENT',
  amountIsManual: false,
  opened: false,
  closed: false,
  movedAt: created,
  movedById: 'u-1',
  ...changes,
});

const context = (changes: Partial<TransitionContext> = {}): TransitionContext => ({ pipeline: DEFAULT_DEAL_PIPELINE, at, byId: 'u-2', ...changes });
const planned = (result: Result<TransitionPlan>): TransitionPlan => {
  if (!result.success) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.data;
};
const issuesOf = (result: Result<TransitionPlan>): (string | (string | number)[])[][] =>
  result.success ? [] : result.issues.map((i) => [isExplained(i) ? i.code : 'unexplained', [...i.path]]);

/** Runs a planner and checks it changed none of its inputs. */
function unchanged<T>(inputs: readonly unknown[], run: () => T): T {
  const before = inputs.map((input) => structuredClone(input));
  const result = run();
  inputs.forEach((input, index) => {
    expect(input).toEqual(before[index]);
  });
  return result;
}

describe('planTransition: the patch and the event', () => {
  it('moving to an in-progress stage sets the stage, its probability, when and by whom', () => {
    const item = deal({ amount: { amount: '100.00', currency: 'EUR' } });
    const plan = planned(unchanged([item], () => planTransition(item, 'PROPOSAL', context())));
    expect(plan.patch).toEqual({ stageId: 'PROPOSAL', closed: false, closedAt: null, probability: 50, lossReasonId: null, movedAt: at, movedById: 'u-2' });
    expect(plan.event).toEqual({
      type: 'movedToIntermediate',
      entityType: 'deal',
      entityId: 'd-1',
      pipelineId: 'default',
      stageId: 'PROPOSAL',
      semantic: 'process',
      fromStageId: 'NEW',
      reopened: false,
      at,
      byId: 'u-2',
    });
    expect(plan.reopened).toBe(false);
  });

  it('moving to the success stage closes the item at the instant of the move', () => {
    const plan = planned(planTransition(deal(), 'WON', context()));
    expect(plan.patch).toMatchObject({ stageId: 'WON', closed: true, closedAt: at, probability: 100, lossReasonId: null });
    expect(plan.event).toEqual({
      type: 'movedToFinal',
      entityType: 'deal',
      entityId: 'd-1',
      pipelineId: 'default',
      stageId: 'WON',
      semantic: 'success',
      fromStageId: 'NEW',
      at,
      byId: 'u-2',
    });
  });

  it('moving to a failure stage records the loss reason on the deal and in the event', () => {
    const plan = planned(planTransition(deal(), 'LOST', context({ lossReasonId: 'PRICE', lossReasons: DEFAULT_LOSS_REASONS })));
    expect(plan.patch).toMatchObject({ stageId: 'LOST', closed: true, closedAt: at, probability: 0, lossReasonId: 'PRICE' });
    expect(plan.event).toMatchObject({ type: 'movedToFinal', semantic: 'failure', lossReasonId: 'PRICE' });
  });

  it('moving from one final stage to another keeps the item closed and dates the new outcome', () => {
    const won = deal({ stageId: 'WON', closed: true, closedAt: created, probability: 100 });
    const plan = planned(planTransition(won, 'LOST', context()));
    expect(plan.patch).toMatchObject({ closed: true, closedAt: at, lossReasonId: null });
    expect(plan.reopened).toBe(false);
  });

  it('moving from a final stage back to an in-progress one reopens the item and clears closedAt and the loss reason', () => {
    const lost = deal({ stageId: 'LOST', closed: true, closedAt: created, probability: 0, lossReasonId: 'PRICE' });
    const plan = planned(planTransition(lost, 'PREPARATION', context()));
    expect(plan.reopened).toBe(true);
    expect(plan.event).toMatchObject({ type: 'movedToIntermediate', reopened: true, fromStageId: 'LOST' });
    const reopened = unchanged([lost, plan], () => applyTransition(lost, plan));
    expect(reopened.closed).toBe(false);
    expect('closedAt' in reopened).toBe(false);
    expect('lossReasonId' in reopened).toBe(false);
    expect(reopened).toMatchObject({ stageId: 'PREPARATION', probability: 20, movedAt: at, movedById: 'u-2', title: 'Laptops' });
  });

  it('a probability flagged as set by hand (probabilityIsManual) is kept on in-progress moves', () => {
    const byHand = deal({ probability: 35, probabilityIsManual: true });
    const plan = planned(planTransition(byHand, 'PREPARATION', context()));
    expect(plan.patch.probability).toBeUndefined();
    expect(plan.patch.probabilityIsManual).toBeUndefined();
    expect(applyTransition(byHand, plan)).toMatchObject({ probability: 35, probabilityIsManual: true });
  });

  it('without the flag the probability follows the target stage, whatever its value (it is never guessed)', () => {
    // 35 differs from NEW's default of 10, but nothing says it was typed by hand.
    expect(planned(planTransition(deal({ probability: 35 }), 'PREPARATION', context())).patch.probability).toBe(20);
    expect(planned(planTransition(deal({ probability: undefined }), 'PREPARATION', context())).patch.probability).toBe(20);
  });

  it('a stage without a default probability leaves the probability as it is, and the next stage with one sets it', () => {
    const pipeline = unwrap(
      checkPipeline({
        id: 'p', entityType: 'deal', name: 'P',
        stages: [
          { id: 'A', name: 'A', sort: 1, color: '#111111', semantic: 'process', probability: 10 },
          { id: 'B', name: 'B', sort: 2, color: '#111111', semantic: 'process' },
          { id: 'C', name: 'C', sort: 3, color: '#111111', semantic: 'process', probability: 60 },
          { id: 'WON', name: 'Won', sort: 4, color: '#111111', semantic: 'success', probability: 100 },
          { id: 'LOST', name: 'Lost', sort: 5, color: '#111111', semantic: 'failure' },
        ],
      }),
    );
    const inA = deal({ pipelineId: 'p', stageId: 'A', probability: 10 });
    const toB = planned(planTransition(inA, 'B', context({ pipeline })));
    expect(toB.patch.probability).toBeUndefined();
    const inB = applyTransition(inA, toB);
    expect(inB.probability).toBe(10);
    const inC = applyTransition(inB, planned(planTransition(inB, 'C', context({ pipeline }))));
    expect(inC.probability).toBe(60);
    // A final stage without a default sets nothing either.
    expect(planned(planTransition(inC, 'LOST', context({ pipeline }))).patch.probability).toBeUndefined();
  });

  it('final stages with a default always set it, over a probability set by hand, and clear the flag', () => {
    const byHand = deal({ stageId: 'NEGOTIATION', probability: 70, probabilityIsManual: true });
    const won = planned(planTransition(byHand, 'WON', context()));
    expect(won.patch).toMatchObject({ probability: 100, probabilityIsManual: false });
    const lost = applyTransition(byHand, planned(planTransition(byHand, 'LOST', context())));
    expect(lost).toMatchObject({ probability: 0, probabilityIsManual: false });
    // Reopened, the deal follows its stage again: 0 was the stage's, not typed by hand.
    expect(planned(planTransition(lost, 'PREPARATION', context())).patch.probability).toBe(20);
    // Without the flag set, the patch does not mention it.
    expect(planned(planTransition(deal(), 'WON', context())).patch).not.toHaveProperty('probabilityIsManual');
  });

  it('a lead moves its status, and has no closed, probability or loss-reason fields', () => {
    const plan = planned(planTransition(lead(), 'JUNK', context({ pipeline: DEFAULT_LEAD_STATUSES })));
    expect(plan.patch).toEqual({ status: 'JUNK', movedAt: at, movedById: 'u-2' });
    expect(plan.event).toMatchObject({ type: 'movedToFinal', entityType: 'lead', pipelineId: 'lead', stageId: 'JUNK', semantic: 'failure' });
    expect(applyTransition(lead(), plan)).toEqual({ ...lead(), status: 'JUNK', movedAt: at, movedById: 'u-2' });
  });

  it('an invoice closes and reopens but has no probability or loss reason', () => {
    const plan = planned(planTransition(invoice(), 'PAID', context({ pipeline: DEFAULT_INVOICE_STAGES })));
    expect(plan.patch).toEqual({ stageId: 'PAID', closed: true, closedAt: at, movedAt: at, movedById: 'u-2' });
    expect(applyTransition(invoice(), plan)).toEqual({ ...invoice(), stageId: 'PAID', closed: true, closedAt: at, movedAt: at, movedById: 'u-2' });
  });

  it('plans survive a JSON-free structured clone (plain data)', () => {
    const plan = planned(planTransition(deal(), 'WON', context()));
    expect(structuredClone(plan)).toEqual(plan);
  });
});

describe('planTransition: refused moves', () => {
  it('an unknown target stage is INVALID_STAGE_TRANSITION at the stage key', () => {
    expect(issuesOf(planTransition(deal(), 'PAID', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
    expect(issuesOf(planTransition(deal(), 'constructor', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
    expect(issuesOf(planTransition(lead(), 'WON', context({ pipeline: DEFAULT_LEAD_STATUSES })))).toEqual([['INVALID_STAGE_TRANSITION', ['status']]]);
    expect(issuesOf(planTransition(deal(), 42 as unknown as string, context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
  });

  it('an item of another pipeline, or in a stage its pipeline lacks, is INVALID_STAGE_TRANSITION', () => {
    expect(issuesOf(planTransition(deal({ pipelineId: 'renewals' }), 'WON', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['pipelineId']]]);
    expect(issuesOf(planTransition(deal({ stageId: 'ARCHIVED' }), 'WON', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
    expect(issuesOf(planTransition(invoice(), 'ACCEPTED', context({ pipeline: DEFAULT_INVOICE_STAGES })))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['stageId']],
    ]);
  });

  it('moving to the stage the item is already in is refused, not planned as a no-op', () => {
    expect(issuesOf(planTransition(deal(), 'NEW', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
  });

  it('loss reasons: required where the stage says so, from the catalog, and only for failure stages', () => {
    const strict = unwrap(
      checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map((s) => (s.id === 'LOST' ? { ...s, lossReasonRequired: true } : s)) }),
    );
    const strictContext = (changes: Partial<TransitionContext> = {}): TransitionContext => context({ pipeline: strict, ...changes });
    expect(issuesOf(planTransition(deal(), 'LOST', strictContext()))).toEqual([['REQUIRED', ['lossReasonId']]]);
    expect(issuesOf(planTransition(deal(), 'LOST', strictContext({ lossReasonId: '  ' })))).toEqual([['INVALID_VALUE', ['lossReasonId']]]);
    expect(issuesOf(planTransition(deal(), 'LOST', strictContext({ lossReasonId: 'MOON', lossReasons: DEFAULT_LOSS_REASONS })))).toEqual([
      ['INVALID_VALUE', ['lossReasonId']],
    ]);
    expect(issuesOf(planTransition(deal(), 'WON', strictContext({ lossReasonId: 'PRICE' })))).toEqual([['INVALID_VALUE', ['lossReasonId']]]);
    // A reason already on the deal (set with the form) counts.
    const withReason = planned(planTransition(deal({ lossReasonId: 'TIMING' }), 'LOST', strictContext()));
    expect(withReason.patch.lossReasonId).toBe('TIMING');
    // Without a catalog any id is taken.
    expect(planned(planTransition(deal(), 'LOST', strictContext({ lossReasonId: 'MOON' }))).patch.lossReasonId).toBe('MOON');
  });
});

describe('planTransition: required fields', () => {
  const field = (code: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ type: 'string', code, labels: { en: code }, ...extra }) as FieldDefinition;
  const finance: FieldDefinition = field('margin', { requiredFromStage: { stageId: 'PREPARATION' }, visibility: { restrictedTo: { roleIds: ['finance'] } } });
  const registry = createFieldRegistry('deal', {
    customFields: [
      field('brief', { requiredFromStage: { stageId: 'PREPARATION' } }),
      field('contract', { requiredFromStage: { pipelineId: 'default', stageId: 'WON' } }),
      field('renewal', { requiredFromStage: { pipelineId: 'renewals', stageId: 'NEW' } }),
      field('why_lost', { requiredFromStage: { stageId: 'LOST' } }),
      finance,
    ],
  });
  const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
  const amount = { amount: '10.00', currency: 'EUR' };

  it('standard fields the target stage lists must have a value', () => {
    expect(issuesOf(planTransition(deal(), 'PROPOSAL', context()))).toEqual([['REQUIRED', ['amount']]]);
    expect(planTransition(deal({ amount }), 'PROPOSAL', context()).success).toBe(true);
  });

  it('custom fields required from a stage at or before the target count; later ones and other pipelines do not', () => {
    expect(issuesOf(planTransition(deal(), 'PREPARATION', context({ registry })))).toEqual([
      ['REQUIRED', ['custom', 'brief']],
      ['REQUIRED', ['custom', 'margin']],
    ]);
    expect(issuesOf(planTransition(deal({ amount }), 'WON', context({ registry })))).toEqual([
      ['REQUIRED', ['custom', 'brief']],
      ['REQUIRED', ['custom', 'contract']],
      ['REQUIRED', ['custom', 'margin']],
    ]);
    const filled = deal({ amount, custom: { brief: 'x', margin: '12', contract: 'C-1' } });
    expect(planTransition(filled, 'WON', context({ registry })).success).toBe(true);
  });

  it('a failure target needs only what is required from that failure stage', () => {
    expect(issuesOf(planTransition(deal({ stageId: 'NEGOTIATION' }), 'LOST', context({ registry })))).toEqual([['REQUIRED', ['custom', 'why_lost']]]);
  });

  it('a principal without a registry is INVALID_ARGUMENT: what the person can see is unknown', () => {
    const pipeline = unwrap(
      checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map((s) => (s.id === 'PREPARATION' ? { ...s, requiredFields: ['custom.margin'] } : s)) }),
    );
    expect(codeOf(() => planTransition(deal(), 'PREPARATION', context({ pipeline, principal: ana })))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planPipelineChange(deal(), pipeline, 'PREPARATION', context({ principal: ana })))).toBe('INVALID_ARGUMENT');
    // With the registry, the field the principal cannot see does not block the move.
    expect(planTransition(deal(), 'PREPARATION', context({ pipeline, registry, principal: ana })).success).toBe(false);
    expect(issuesOf(planTransition(deal({ custom: { brief: 'x' } }), 'PREPARATION', context({ pipeline, registry, principal: ana })))).toEqual([]);
  });

  it('custom fields count only for a principal who can see them', () => {
    expect(issuesOf(planTransition(deal(), 'PREPARATION', context({ registry, principal: ana })))).toEqual([['REQUIRED', ['custom', 'brief']]]);
    expect(issuesOf(planTransition(deal(), 'PREPARATION', context({ registry, principal: { ...ana, isAdmin: true } })))).toEqual([
      ['REQUIRED', ['custom', 'brief']],
      ['REQUIRED', ['custom', 'margin']],
    ]);
  });

  it('custom.<code> entries of requiredFields are checked, unless the registry does not define the field', () => {
    const pipeline = unwrap(
      checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map((s) => (s.id === 'PREPARATION' ? { ...s, requiredFields: ['custom.brief', 'custom.ghost'] } : s)) }),
    );
    expect(issuesOf(planTransition(deal(), 'PREPARATION', context({ pipeline })))).toEqual([
      ['REQUIRED', ['custom', 'brief']],
      ['REQUIRED', ['custom', 'ghost']],
    ]);
    expect(issuesOf(planTransition(deal(), 'PREPARATION', context({ pipeline, registry, principal: ana })))).toEqual([['REQUIRED', ['custom', 'brief']]]);
  });

  it('blank text, null and empty lists are missing values', () => {
    expect(issuesOf(planTransition(deal({ custom: { brief: '  ', margin: [] } }), 'PREPARATION', context({ registry })))).toEqual([
      ['REQUIRED', ['custom', 'brief']],
      ['REQUIRED', ['custom', 'margin']],
    ]);
    expect(issuesOf(planTransition(deal({ custom: { brief: 'ok', margin: null } }), 'PREPARATION', context({ registry })))).toEqual([
      ['REQUIRED', ['custom', 'margin']],
    ]);
  });
});

describe('planTransition and applyTransition: broken contracts throw', () => {
  it.each([
    ['a missing item', () => planTransition(undefined as unknown as TransitionItem, 'WON', context()), 'INVALID_ARGUMENT'],
    ['an item without id', () => planTransition({ stageId: 'NEW' } as TransitionItem, 'WON', context()), 'INVALID_ARGUMENT'],
    ['no context', () => planTransition(deal(), 'WON', null as unknown as TransitionContext), 'INVALID_ARGUMENT'],
    ['an invalid pipeline', () => planTransition(deal(), 'WON', context({ pipeline: { ...DEFAULT_DEAL_PIPELINE, stages: [] } })), 'INVALID_ARGUMENT'],
    ['an invalid instant', () => planTransition(deal(), 'WON', context({ at: new Date(Number.NaN) })), 'INVALID_DATE'],
    ['no mover', () => planTransition(deal(), 'WON', context({ byId: '' })), 'INVALID_ARGUMENT'],
    ['a malformed principal', () => planTransition(deal(), 'WON', context({ principal: { userId: 'x' } as Principal })), 'INVALID_ARGUMENT'],
    ['a registry of another entity type', () => planTransition(deal(), 'WON', context({ registry: createFieldRegistry('contact') })), 'INVALID_ARGUMENT'],
    ['a malformed loss-reason catalog', () => planTransition(deal(), 'WON', context({ lossReasons: [{ id: 'A' }] as never })), 'INVALID_ARGUMENT'],
  ])('%s', (_name, run, code) => {
    expect(codeOf(run)).toBe(code);
  });

  it('applying a patch key whose value is undefined leaves that field as it is and adds no undefined key', () => {
    const item = deal({ probability: 35 });
    const plan = planned(planTransition(item, 'PREPARATION', context()));
    const patch = { ...plan.patch, probability: undefined, lossReasonId: undefined, probabilityIsManual: undefined };
    const applied = applyTransition(item, { ...plan, patch });
    expect(applied.probability).toBe(35);
    expect(Object.hasOwn(applied, 'lossReasonId')).toBe(false);
    expect(Object.hasOwn(applied, 'probabilityIsManual')).toBe(true);
    expect(Object.entries(applied).filter(([, value]) => value === undefined)).toEqual([]);
    expect(applied).toEqual({ ...item, stageId: 'PREPARATION', closed: false, movedAt: at, movedById: 'u-2' });
  });

  it('applies only the patch\'s own keys: one inherited from a prototype is not written', () => {
    const item = deal({ probability: 35 });
    const plan = planned(planTransition(item, 'PREPARATION', context()));
    const patch: TransitionPlan['patch'] = Object.assign<object, TransitionPlan['patch']>(Object.create({ lossReasonId: 'PRICE', probabilityIsManual: true }) as object, plan.patch);
    const applied = applyTransition(item, { ...plan, patch });
    expect(applied).toEqual(applyTransition(item, plan));
    expect(Object.hasOwn(applied, 'lossReasonId')).toBe(false);
  });

  it('refuses a plan whose event is for an entity type that has no stages', () => {
    const item = deal();
    const plan = planned(planTransition(item, 'WON', context()));
    expect(codeOf(() => applyTransition(item, { ...plan, event: { ...plan.event, entityType: 'contact' } } as unknown as TransitionPlan))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => applyTransition(item, { ...plan, event: 'moved' } as unknown as TransitionPlan))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => applyTransition(item, { ...plan, patch: null } as unknown as TransitionPlan))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => applyTransition(item, null as unknown as TransitionPlan))).toBe('INVALID_ARGUMENT');
  });

  it('applying a stale plan, or a plan for another item, throws and changes nothing', () => {
    const item = deal();
    const plan = planned(planTransition(item, 'WON', context()));
    const moved = applyTransition(item, plan);
    expect(codeOf(() => applyTransition(moved, plan))).toBe('INVALID_STAGE_TRANSITION');
    expect(codeOf(() => applyTransition({ ...item, id: 'd-2' }, plan))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => applyTransition(item, { patch: {} } as TransitionPlan))).toBe('INVALID_ARGUMENT');
    expect(item).toEqual(deal());
  });
});

describe('planPipelineChange', () => {
  const renewals: Pipeline = unwrap(
    checkPipeline({
      id: 'renewals',
      entityType: 'deal',
      name: 'Renewals',
      stages: [
        { id: 'DUE', name: 'Due', sort: 10, color: '#39a8ef', semantic: 'process', probability: 60, requiredFields: ['expectedCloseDate'] },
        { id: 'RENEWED', name: 'Renewed', sort: 20, color: '#7bd500', semantic: 'success', probability: 100 },
        { id: 'CHURNED', name: 'Churned', sort: 30, color: '#ff5752', semantic: 'failure', probability: 0, lossReasonRequired: true },
      ],
    }),
  );

  it('moves the deal to a stage of another pipeline with a pipelineChanged event', () => {
    const item = deal({ expectedCloseDate: '2026-12-31' });
    const plan = planned(unchanged([item, renewals], () => planPipelineChange(item, renewals, 'DUE', context())));
    expect(plan.patch).toEqual({
      pipelineId: 'renewals',
      stageId: 'DUE',
      closed: false,
      closedAt: null,
      probability: 60,
      lossReasonId: null,
      movedAt: at,
      movedById: 'u-2',
    });
    expect(plan.event).toEqual({
      type: 'pipelineChanged',
      entityType: 'deal',
      entityId: 'd-1',
      pipelineId: 'renewals',
      stageId: 'DUE',
      semantic: 'process',
      fromPipelineId: 'default',
      fromStageId: 'NEW',
      reopened: false,
      at,
      byId: 'u-2',
    });
    expect(applyTransition(item, plan)).toMatchObject({ pipelineId: 'renewals', stageId: 'DUE', probability: 60 });
  });

  it('applies the target pipeline rules: required fields, loss reasons, closing and reopening', () => {
    expect(issuesOf(planPipelineChange(deal(), renewals, 'DUE', context()))).toEqual([['REQUIRED', ['expectedCloseDate']]]);
    expect(issuesOf(planPipelineChange(deal(), renewals, 'CHURNED', context()))).toEqual([['REQUIRED', ['lossReasonId']]]);
    const churned = planned(planPipelineChange(deal(), renewals, 'CHURNED', context({ lossReasonId: 'PRICE' })));
    expect(churned.patch).toMatchObject({ closed: true, closedAt: at, lossReasonId: 'PRICE' });
    expect(churned.event).toMatchObject({ semantic: 'failure', lossReasonId: 'PRICE' });
    const won = deal({ stageId: 'WON', closed: true, closedAt: created, probability: 100, expectedCloseDate: '2026-12-31' });
    const reopened = planned(planPipelineChange(won, renewals, 'DUE', context()));
    expect(reopened.reopened).toBe(true);
    expect(reopened.patch).toMatchObject({ closed: false, closedAt: null, probability: 60 });
  });

  it('refuses the same pipeline, non-deal pipelines, unknown stages and deals of another pipeline', () => {
    expect(issuesOf(planPipelineChange(deal(), DEFAULT_DEAL_PIPELINE, 'WON', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['pipelineId']]]);
    expect(issuesOf(planPipelineChange(lead(), DEFAULT_DEAL_PIPELINE, 'NEW', context({ pipeline: DEFAULT_LEAD_STATUSES })))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['pipelineId']],
    ]);
    expect(issuesOf(planPipelineChange(deal(), renewals, 'NEW', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
    expect(issuesOf(planPipelineChange(deal({ pipelineId: 'renewals', stageId: 'DUE' }), renewals, 'DUE', context()))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['pipelineId']],
    ]);
    expect(codeOf(() => planPipelineChange(deal(), { id: 'x' } as Pipeline, 'DUE', context()))).toBe('INVALID_ARGUMENT');
  });

  it('moves the deal into a stage of another pipeline that has the id of its current stage', () => {
    const wholesale = { ...DEFAULT_DEAL_PIPELINE, id: 'wholesale', name: 'Wholesale' };
    const item = deal();
    const plan = planned(planPipelineChange(item, wholesale, 'NEW', context()));
    expect(plan.patch).toMatchObject({ pipelineId: 'wholesale', stageId: 'NEW' });
    expect(plan.event).toMatchObject({ type: 'pipelineChanged', pipelineId: 'wholesale', stageId: 'NEW', fromPipelineId: 'default', fromStageId: 'NEW' });
    expect(applyTransition(item, plan)).toMatchObject({ pipelineId: 'wholesale', stageId: 'NEW' });
    // Within one pipeline the same stage is still refused.
    expect(issuesOf(planTransition(item, 'NEW', context()))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
  });

  it('a stale pipeline-change plan is refused on apply', () => {
    const item = deal({ expectedCloseDate: '2026-12-31' });
    const plan = planned(planPipelineChange(item, renewals, 'DUE', context()));
    expect(codeOf(() => applyTransition({ ...item, pipelineId: 'elsewhere' }, plan))).toBe('INVALID_STAGE_TRANSITION');
  });
});
