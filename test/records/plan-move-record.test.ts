import { describe, expect, it } from 'vitest';
import { DEFAULT_LOSS_REASONS, defineRecordRules, money, planCreateRecord, planMoveRecord, planUpdateRecord, validateEntity } from 'crm-kit';
import type { Deal, Lead } from 'crm-kit';
import {
  ana,
  anythingFrozen,
  at,
  contactRules,
  dealRegistry,
  dealRules,
  eva,
  invoiceRules,
  issuesOf,
  later,
  leadRules,
  muchLater,
  planned,
  quoteRules,
  revokedProxy,
  thaw,
  thrown,
} from './fixtures.js';

const when = { at: later };

// Eva cannot see `contract`, so the stages it is required in do not ask her for it.
function deal(input: Record<string, unknown> = {}): Deal {
  return planned(planCreateRecord(dealRules, eva, { title: 'Renewal', ...input }, { id: '7', at })).record;
}

function lead(): Lead {
  return planned(planCreateRecord(leadRules, ana, { title: 'Web form' }, { id: '8', at })).record;
}

describe('planMoveRecord: a move within the pipeline', () => {
  it('moves to an in-progress stage with its probability, stamped, with a movedToIntermediate event', () => {
    const plan = planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'PREPARATION' }, when));
    expect(plan.record).toMatchObject({ stageId: 'PREPARATION', probability: 20, closed: false, movedAt: later, movedById: 'u-eva', version: 2, updatedAt: later });
    expect(plan.events).toEqual([
      {
        type: 'movedToIntermediate',
        entityType: 'deal',
        entityId: '7',
        at: later,
        byId: 'u-eva',
        data: { pipelineId: 'default', stageId: 'PREPARATION', semantic: 'process', fromStageId: 'NEW', reopened: false },
      },
    ]);
    expect(plan.updates).toEqual([{ entityType: 'deal', record: plan.record, expectedVersion: 1 }]);
    expect(plan.needs).toEqual([{ action: 'update', entityType: 'deal', record: { assignedById: 'u-eva', opened: false, pipelineId: 'default' } }]);
    expect(Object.isFrozen(plan.record)).toBe(true);
    expect(validateEntity(dealRegistry, 'stored', plan.record).success).toBe(true);
  });

  it('a move to a final stage closes the deal at `at` with the stage probability and a movedToFinal event', () => {
    const plan = planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, when));
    expect(plan.record).toMatchObject({ stageId: 'WON', closed: true, closedAt: later, probability: 100 });
    expect(plan.events.map((event) => [event.type, event.data])).toEqual([['movedToFinal', { pipelineId: 'default', stageId: 'WON', semantic: 'success', fromStageId: 'NEW' }]]);
  });

  it('the changed fields of a move are those whose value it changes', () => {
    expect(planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'PREPARATION' }, when)).changed).toEqual(['movedAt', 'probability', 'stageId']);
    expect(planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, when)).changed).toEqual(['closed', 'closedAt', 'movedAt', 'probability', 'stageId']);
  });

  it('reopening a closed deal clears closed, closedAt and the loss reason, and says it reopened', () => {
    const lost = planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'LOST' }, { at: later, lossReasonId: 'PRICE' })).record;
    expect(lost).toMatchObject({ closed: true, closedAt: later, lossReasonId: 'PRICE', probability: 0 });
    const plan = planned(planMoveRecord(dealRules, eva, lost, { stageId: 'NEW' }, { at: muchLater }));
    expect(plan.record).toMatchObject({ stageId: 'NEW', closed: false, probability: 10, version: 3 });
    expect('closedAt' in plan.record || 'lossReasonId' in plan.record).toBe(false);
    expect(plan.events[0]).toMatchObject({ type: 'movedToIntermediate', data: { fromStageId: 'LOST', reopened: true } });
  });

  it('a probability set by hand survives in-progress moves; a final stage replaces it and clears the mark', () => {
    const typed = planned(planUpdateRecord(dealRules, eva, deal(), { probability: 35 }, when)).record;
    const moved = planned(planMoveRecord(dealRules, eva, typed, { stageId: 'PREPARATION' }, { at: muchLater })).record;
    expect(moved).toMatchObject({ probability: 35, probabilityIsManual: true });
    expect(planned(planMoveRecord(dealRules, eva, moved, { stageId: 'WON' }, { at: muchLater })).record).toMatchObject({ probability: 100, probabilityIsManual: false });
  });

  it("a move must meet the target stage's requirements", () => {
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'PROPOSAL' }, when))).toEqual([['REQUIRED', 'amount']]);
    expect(issuesOf(planMoveRecord(dealRules, ana, deal({ amount: money('10.00', 'EUR') }), { stageId: 'PROPOSAL' }, when))).toEqual([['REQUIRED', 'custom', 'contract']]);
    expect(planned(planMoveRecord(dealRules, eva, deal({ amount: money('10.00', 'EUR') }), { stageId: 'PROPOSAL' }, when)).record.stageId).toBe('PROPOSAL');
  });

  it('a stage the pipeline does not have, or the stage the record is in, is INVALID_STAGE_TRANSITION', () => {
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'GONE' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'NEW' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'W_NEW' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
  });
});

describe('planMoveRecord: loss reasons', () => {
  it('a reason is given only for a move to a failure stage, must come from the catalog, and is required where the stage says', () => {
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, { at: later, lossReasonId: 'PRICE' }))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    const strict = defineRecordRules('deal', { registry: dealRegistry, pipelines: dealRules.pipelines, lossReasons: DEFAULT_LOSS_REASONS });
    expect(issuesOf(planMoveRecord(strict, eva, deal(), { stageId: 'LOST' }, { at: later, lossReasonId: 'BAD_LUCK' }))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    const plan = planned(planMoveRecord(strict, eva, deal(), { stageId: 'LOST' }, { at: later, lossReasonId: 'PRICE' }));
    expect(plan.events[0]?.data).toMatchObject({ stageId: 'LOST', semantic: 'failure', lossReasonId: 'PRICE' });
    const wholesale = deal({ pipelineId: 'wholesale' });
    expect(issuesOf(planMoveRecord(dealRules, eva, wholesale, { stageId: 'W_LOST' }, when))).toEqual([['REQUIRED', 'lossReasonId']]);
  });
});

describe('planMoveRecord: a deal moving to another pipeline', () => {
  it('moves to a stage of the other pipeline with a pipelineChanged event, needing update in both pipelines', () => {
    const plan = planned(planMoveRecord(dealRules, eva, deal(), { pipelineId: 'wholesale', stageId: 'W_NEW' }, when));
    expect(plan.record).toMatchObject({ pipelineId: 'wholesale', stageId: 'W_NEW', probability: 5, closed: false });
    expect(plan.changed).toEqual(['movedAt', 'pipelineId', 'probability', 'stageId']);
    expect(plan.events.map((event) => [event.type, event.data])).toEqual([
      ['pipelineChanged', { pipelineId: 'wholesale', stageId: 'W_NEW', semantic: 'process', fromPipelineId: 'default', fromStageId: 'NEW', reopened: false }],
    ]);
    expect(plan.needs.map((need) => need.record?.pipelineId)).toEqual(['default', 'wholesale']);
  });

  it('naming its own pipeline is a move within it', () => {
    expect(planned(planMoveRecord(dealRules, eva, deal(), { pipelineId: 'default', stageId: 'WON' }, when)).events[0]?.type).toBe('movedToFinal');
  });

  it('an unknown target pipeline, or a record in a pipeline the rules do not have, is INVALID_VALUE at pipelineId', () => {
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { pipelineId: 'retail', stageId: 'NEW' }, when))).toEqual([['INVALID_VALUE', 'pipelineId']]);
    const elsewhere = { ...deal(), pipelineId: 'retail' };
    expect(issuesOf(planMoveRecord(dealRules, eva, elsewhere, { stageId: 'WON' }, when))).toEqual([['INVALID_VALUE', 'pipelineId']]);
  });

  it('the target stage must be a stage of the target pipeline', () => {
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { pipelineId: 'wholesale', stageId: 'WON' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
  });
});

describe('planMoveRecord: leads, invoices and quotes', () => {
  it('a lead moves between statuses, never closes, and reaches its success status only by conversion', () => {
    const plan = planned(planMoveRecord(leadRules, ana, lead(), { stageId: 'JUNK' }, when));
    expect(plan.record).toMatchObject({ status: 'JUNK', movedAt: later });
    expect('closed' in plan.record).toBe(false);
    expect(plan.events[0]?.type).toBe('movedToFinal');
    expect(issuesOf(planMoveRecord(leadRules, ana, lead(), { stageId: 'CONVERTED' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('only a deal changes pipeline: any other pipeline id is INVALID_VALUE at pipelineId', () => {
    expect(issuesOf(planMoveRecord(leadRules, ana, lead(), { pipelineId: 'other', stageId: 'JUNK' }, when))).toEqual([['INVALID_VALUE', 'pipelineId']]);
  });

  it('an invoice paid and a quote accepted are closed', () => {
    const invoice = planned(planCreateRecord(invoiceRules, ana, { number: 'I-1' }, { id: '9', at })).record;
    expect(planned(planMoveRecord(invoiceRules, ana, invoice, { stageId: 'PAID' }, when)).record).toMatchObject({ closed: true, closedAt: later });
    const quote = planned(planCreateRecord(quoteRules, ana, { number: 'Q-1' }, { id: '10', at })).record;
    expect(planned(planMoveRecord(quoteRules, ana, quote, { stageId: 'ACCEPTED' }, when)).record).toMatchObject({ closed: true, closedAt: later });
  });
});

describe('planMoveRecord: bad arguments', () => {
  it('refuses a type without stages, a malformed target or options with INVALID_ARGUMENT', () => {
    const contact = planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at })).record;
    expect(thrown(() => planMoveRecord(contactRules as never, ana, contact as never, { stageId: 'NEW' }, when)).code).toBe('INVALID_ARGUMENT');
    for (const target of [null, 'WON', {}, { stageId: '' }, { stageId: 5 }, { stageId: 'WON', pipelineId: 5 }]) {
      expect(thrown(() => planMoveRecord(dealRules, eva, deal(), target as never, when)).code).toBe('INVALID_ARGUMENT');
    }
    expect(thrown(() => planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, null as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, { at: 'soon' as never })).code).toBe('INVALID_DATE');
    expect(issuesOf(planMoveRecord(dealRules, eva, deal(), { stageId: 'LOST' }, { at: later, lossReasonId: 5 as never }))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
  });

  it('an argument that cannot be read is NOT_PLAIN_DATA', () => {
    expect(thrown(() => planMoveRecord(dealRules, eva, revokedProxy() as never, { stageId: 'WON' }, when)).code).toBe('NOT_PLAIN_DATA');
    expect(thrown(() => planMoveRecord(dealRules, eva, deal(), revokedProxy() as never, when)).code).toBe('NOT_PLAIN_DATA');
    expect(thrown(() => planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, revokedProxy() as never)).code).toBe('NOT_PLAIN_DATA');
  });

  it('never freezes or changes the current record', () => {
    const current = thaw(deal({ contactIds: ['c-1'] }));
    const before = structuredClone(current);
    planned(planMoveRecord(dealRules, eva, current, { stageId: 'WON' }, when));
    expect(current).toEqual(before);
    expect(anythingFrozen(current)).toBe(false);
  });
});

describe('planMoveRecord: rules pinned since the service layer split', () => {
  it('a move at the instant of the last one does not list movedAt among the fields it changes', () => {
    const plan = planned(planMoveRecord(dealRules, eva, deal(), { stageId: 'WON' }, { at }));
    expect(plan.changed).toEqual(['closed', 'closedAt', 'probability', 'stageId']);
    expect(plan.record.movedAt).toEqual(at);
  });

  it('a deal in a pipeline the rules do not have cannot be moved to another pipeline either: INVALID_VALUE at pipelineId', () => {
    const elsewhere = { ...deal(), pipelineId: 'retail' };
    expect(issuesOf(planMoveRecord(dealRules, eva, elsewhere, { pipelineId: 'wholesale', stageId: 'W_NEW' }, when))).toEqual([['INVALID_VALUE', 'pipelineId']]);
  });

  it('a failed move lists each missing field the target stage requires', () => {
    expect(issuesOf(planMoveRecord(dealRules, ana, deal(), { stageId: 'PROPOSAL' }, when))).toEqual([
      ['REQUIRED', 'amount'],
      ['REQUIRED', 'custom', 'contract'],
    ]);
  });
});
