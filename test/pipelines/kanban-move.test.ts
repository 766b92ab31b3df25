import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKanbanBoard, planKanbanMove, planTransition } from 'crm-kit';
import type { KanbanTarget, Pipeline } from 'crm-kit';
import { codeOf, isExplained } from './errors.js';
import { deal, LEAD_STATUSES, pipelineArb, SALES, SIMPLE, stage } from './kanban-fixtures.js';

const context = { at: new Date('2026-03-05T09:00:00Z'), byId: 'u-2' };
const issuesOf = (result: ReturnType<typeof planKanbanMove>): (string | readonly (string | number)[])[][] =>
  result.success ? [] : result.issues.map((found) => [isExplained(found) ? found.code : 'unexplained', found.path]);

describe('planKanbanMove: dropping on a column', () => {
  it('moves the item to the stage of the column, exactly as planTransition would', () => {
    const item = deal('1', 'NEW');
    const moved = planKanbanMove(item, SALES, { column: 'PROPOSAL' }, context);
    expect(moved).toEqual(planTransition(item, 'PROPOSAL', { ...context, pipeline: SALES }));
    expect(moved.success && [moved.data.patch.stageId, moved.data.patch.closed]).toEqual(['PROPOSAL', false]);
  });

  it('reopens a closed item dropped back on an in-progress column', () => {
    const moved = planKanbanMove(deal('1', 'LOST_PRICE'), SALES, { column: 'NEGOTIATION' }, context);
    expect(moved.success && [moved.data.reopened, moved.data.patch.closed, moved.data.patch.closedAt]).toEqual([true, false, null]);
  });

  it('returns an issue for a column that is not a stage of the pipeline', () => {
    expect(issuesOf(planKanbanMove(deal('1', 'NEW'), SALES, { column: 'ARCHIVED' }, context))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['target', 'column']],
    ]);
  });

  it('returns an issue for a final stage given as a column: the final zone is dropped on with a zone', () => {
    expect(issuesOf(planKanbanMove(deal('1', 'NEW'), SALES, { column: 'WON' }, context))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['target', 'column']],
    ]);
  });

  it("passes on planTransition's issues, such as a drop on the item's own column", () => {
    expect(issuesOf(planKanbanMove(deal('1', 'NEW'), SALES, { column: 'NEW' }, context))).toEqual([['INVALID_STAGE_TRANSITION', ['stageId']]]);
    expect(issuesOf(planKanbanMove(deal('1', 'NEW', { pipelineId: 'support' }), SALES, { column: 'PROPOSAL' }, context))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['pipelineId']],
    ]);
  });

  it('moves a lead by its status', () => {
    const lead = { id: 'l-1', status: 'NEW', movedAt: context.at, movedById: 'u-1', custom: {} };
    const moved = planKanbanMove(lead, LEAD_STATUSES, { column: 'IN_PROCESS' }, context);
    expect(moved.success && moved.data.patch.status).toBe('IN_PROCESS');
  });
});

describe('planKanbanMove: dropping into the final zone', () => {
  it('closes the item as won in the success stage', () => {
    const moved = planKanbanMove(deal('1', 'PROPOSAL'), SALES, { zone: 'won' }, context);
    expect(moved.success && [moved.data.patch.stageId, moved.data.patch.closed, moved.data.patch.closedAt, moved.data.event.type]).toEqual([
      'WON',
      true,
      context.at,
      'movedToFinal',
    ]);
  });

  it('closes the item as lost in the chosen failure stage', () => {
    const moved = planKanbanMove(deal('1', 'NEW'), SALES, { zone: 'lost', stageId: 'LOST_SILENT' }, context);
    expect(moved.success && [moved.data.patch.stageId, moved.data.patch.closed]).toEqual(['LOST_SILENT', true]);
  });

  it('takes the only failure stage when the pipeline has just one and none is chosen', () => {
    const moved = planKanbanMove({ ...deal('1', 'NEW'), pipelineId: 'simple' }, SIMPLE, { zone: 'lost' }, context);
    expect(moved.success && moved.data.patch.stageId).toBe('LOST');
  });

  it('asks which failure stage when there are several and none is chosen, returning the question', () => {
    expect(issuesOf(planKanbanMove(deal('1', 'NEW'), SALES, { zone: 'lost' }, context))).toEqual([['REQUIRED', ['target', 'stageId']]]);
  });

  it('returns an issue for a chosen stage that is not a lost stage', () => {
    for (const stageId of ['WON', 'NEW', 'ARCHIVED']) {
      expect(issuesOf(planKanbanMove(deal('1', 'NEW'), SALES, { zone: 'lost', stageId }, context))).toEqual([
        ['INVALID_STAGE_TRANSITION', ['target', 'stageId']],
      ]);
    }
  });

  it('returns an issue when the pipeline has no failure stage to drop into', () => {
    const noLoss: Pipeline = { ...SIMPLE, stages: [stage('NEW', 'process', 10), stage('WON', 'success', 90)] };
    expect(issuesOf(planKanbanMove({ ...deal('1', 'NEW'), pipelineId: 'simple' }, noLoss, { zone: 'lost' }, context))).toEqual([
      ['INVALID_STAGE_TRANSITION', ['target', 'zone']],
    ]);
  });

  it('passes the loss reason on to planTransition, which checks it', () => {
    const strict: Pipeline = {
      ...SIMPLE,
      stages: [stage('NEW', 'process', 10), stage('WON', 'success', 90), { ...stage('LOST', 'failure', 100), lossReasonRequired: true }],
    };
    const item = { ...deal('1', 'NEW'), pipelineId: 'simple' };
    expect(issuesOf(planKanbanMove(item, strict, { zone: 'lost' }, context))).toEqual([['REQUIRED', ['lossReasonId']]]);
    const moved = planKanbanMove(item, strict, { zone: 'lost' }, { ...context, lossReasonId: 'PRICE' });
    expect(moved.success && moved.data.patch.lossReasonId).toBe('PRICE');
  });
});

describe('planKanbanMove: bad input', () => {
  it('throws INVALID_ARGUMENT for a target of no known shape', () => {
    const bad: unknown[] = [null, 'WON', {}, { zone: 'archive' }, { column: 7 }, { zone: 'lost', stageId: 7 }];
    for (const target of bad) expect(codeOf(() => planKanbanMove(deal('1', 'NEW'), SALES, target as KanbanTarget, context))).toBe('INVALID_ARGUMENT');
  });

  it('throws INVALID_ARGUMENT for a pipeline definePipeline refuses and for a missing context', () => {
    expect(codeOf(() => planKanbanMove(deal('1', 'NEW'), { ...SALES, stages: [] }, { zone: 'won' }, context))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => planKanbanMove(deal('1', 'NEW'), SALES, { zone: 'won' }, null as never))).toBe('INVALID_ARGUMENT');
  });

  it('changes nothing it is given', () => {
    const item = Object.freeze(deal('1', 'NEW'));
    const before = structuredClone(item);
    planKanbanMove(item, SALES, { zone: 'won' }, context);
    expect(item).toEqual(before);
  });
});

describe('planKanbanMove: properties', () => {
  const moveInput = pipelineArb.chain((pipeline) =>
    fc.tuple(
      fc.constant(pipeline),
      fc.constantFrom(...pipeline.stages.map((s) => s.id)),
      fc.oneof(
        fc.constantFrom(...pipeline.stages.map((s) => s.id)).map((column): KanbanTarget => ({ column })),
        fc.constant<KanbanTarget>({ zone: 'won' }),
        fc.option(fc.constantFrom(...pipeline.stages.map((s) => s.id)), { nil: undefined }).map((stageId): KanbanTarget => ({ zone: 'lost', stageId })),
      ),
    ),
  );

  it('a planned drop closes the item exactly when it goes to the final zone, and lands in a stage of the board', () => {
    fc.assert(
      fc.property(moveInput, ([pipeline, from, target]) => {
        const item = { ...deal('1', from), pipelineId: pipeline.id };
        const moved = planKanbanMove(item, pipeline, target, context);
        if (!moved.success) return;
        const board = buildKanbanBoard([], pipeline, { includeFinal: true });
        const to = moved.data.patch.stageId;
        expect(moved.data.patch.closed).toBe('zone' in target);
        if ('column' in target) expect(board.columns.map((c) => c.stage.id)).toContain(to);
        else if (target.zone === 'won') expect(to).toBe(board.final?.won.stage.id);
        else expect(board.final?.lost.map((c) => c.stage.id)).toContain(to);
      }),
    );
  });

  it('a drop is refused only with an issue, and a lost drop without a stage is refused exactly when the choice is ambiguous', () => {
    fc.assert(
      fc.property(moveInput, ([pipeline, from, target]) => {
        const item = { ...deal('1', from), pipelineId: pipeline.id };
        const moved = planKanbanMove(item, pipeline, target, context);
        const failures = pipeline.stages.filter((s) => s.semantic === 'failure').length;
        if ('zone' in target && target.zone === 'lost' && target.stageId === undefined) {
          const ambiguous = !moved.success && moved.issues.some((found) => found.code === 'REQUIRED' && found.path.join('.') === 'target.stageId');
          expect(ambiguous).toBe(failures > 1);
        }
        if (!moved.success) expect(moved.issues.length).toBeGreaterThan(0);
      }),
    );
  });
});
