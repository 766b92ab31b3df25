import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransition, createdEvent, isFinalStage, planPipelineChange, planTransition, stageGroupOf, unwrap, definePipeline } from 'crm-kit';
import type { Pipeline, Result, StageEvent, TransitionItem, TransitionPlan } from 'crm-kit';

/** A valid deal pipeline: 1–4 in-progress stages, one success stage, 0–3 failure stages. */
const pipelineArb = (id: string): fc.Arbitrary<Pipeline> =>
  fc
    .tuple(
      fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.boolean(), { maxLength: 3 }),
    )
    .map(([processes, failures]) => {
      const stages = [
        ...processes.map((probability, i) => ({ id: `${id}-P${i}`, name: `P${i}`, sort: i, color: '#123456', semantic: 'process', ...(probability === undefined ? {} : { probability }) })),
        { id: `${id}-WON`, name: 'Won', sort: 10, color: '#00ff00', semantic: 'success', probability: 100 },
        ...failures.map((lossReasonRequired, i) => ({ id: `${id}-F${i}`, name: `F${i}`, sort: 20 + i, color: '#ff0000', semantic: 'failure', lossReasonRequired })),
      ];
      return unwrap(definePipeline({ id, entityType: 'deal', name: id, stages }));
    });

interface Move {
  readonly otherPipeline: boolean;
  readonly stagePick: number;
  readonly unknownStage: boolean;
  readonly reason: string | undefined;
}
const moveArb: fc.Arbitrary<Move> = fc.record({
  otherPipeline: fc.boolean(),
  stagePick: fc.nat(),
  unknownStage: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  reason: fc.option(fc.constantFrom('PRICE', 'TIMING'), { nil: undefined }),
});

describe('transition properties', () => {
  it('over random moves, an item is closed exactly when its stage is final, closedAt is set exactly when closed, and the history has one event per change plus creation', () => {
    fc.assert(
      fc.property(pipelineArb('a'), pipelineArb('b'), fc.array(moveArb, { maxLength: 25 }), fc.nat(), (a, b, moves, firstPick) => {
        const pipelines = new Map([
          [a.id, a],
          [b.id, b],
        ]);
        const start = new Date('2026-01-01T00:00:00Z').getTime();
        const firstStage = a.stages[firstPick % a.stages.length]?.id ?? '';
        const startsFinal = isFinalStage(a, firstStage);
        let item: TransitionItem = {
          id: 'd-1',
          pipelineId: a.id,
          stageId: firstStage,
          closed: startsFinal,
          ...(startsFinal ? { closedAt: new Date(start) } : {}),
          movedAt: new Date(start),
          movedById: 'u-1',
          custom: {},
        };
        const history: StageEvent[] = [createdEvent(item, { pipeline: a, at: new Date(start), byId: 'u-1' })];
        let changes = 0;

        moves.forEach((move, step) => {
          const current = pipelines.get(item.pipelineId ?? '') ?? a;
          const other = current.id === a.id ? b : a;
          const target = move.otherPipeline ? other : current;
          const toStageId = move.unknownStage ? 'NOWHERE' : (target.stages[move.stagePick % target.stages.length]?.id ?? '');
          const context = { pipeline: current, at: new Date(start + (step + 1) * 3_600_000), byId: `u-${step}`, lossReasonId: move.reason };
          const before = structuredClone(item);
          const result: Result<TransitionPlan> = move.otherPipeline
            ? planPipelineChange(item, target, toStageId, context)
            : planTransition(item, toStageId, context);
          expect(item).toEqual(before);
          // An independent statement of when a move is refused.
          const stage = target.stages.find((s) => s.id === toStageId);
          const refused =
            stage === undefined ||
            (!move.otherPipeline && toStageId === item.stageId) ||
            (move.reason !== undefined && stage.semantic !== 'failure') ||
            (stage.lossReasonRequired === true && move.reason === undefined && item.lossReasonId === undefined);
          expect(result.success).toBe(!refused);
          if (!result.success) return;
          const plan = result.data;
          const wasFinal = isFinalStage(current, item.stageId ?? '');
          item = applyTransition(item, plan);
          history.push(plan.event);
          changes += 1;
          expect(plan.reopened).toBe(wasFinal && !isFinalStage(target, toStageId));
          expect(plan.event.type).toBe(move.otherPipeline ? 'pipelineChanged' : isFinalStage(target, toStageId) ? 'movedToFinal' : 'movedToIntermediate');
        });

        const pipeline = pipelines.get(item.pipelineId ?? '') ?? a;
        const final = isFinalStage(pipeline, item.stageId ?? '');
        expect(item.closed).toBe(final);
        expect(item.closedAt !== undefined).toBe(final);
        expect(stageGroupOf(pipeline, item.stageId ?? '')).toBe(final ? (pipeline.stages.find((s) => s.id === item.stageId)?.semantic === 'success' ? 'won' : 'lost') : 'in-progress');
        expect(history).toHaveLength(changes + 1);
        // The history chains: each event starts where the previous one ended, and ends where the item is.
        for (let i = 1; i < history.length; i++) {
          const event = history[i];
          const previous = history[i - 1];
          if (event === undefined || event.type === 'created' || previous === undefined) throw new Error('unexpected history');
          expect(event.fromStageId).toBe(previous.stageId);
          if (event.type === 'pipelineChanged') expect(event.fromPipelineId).toBe(previous.pipelineId);
          else expect(event.pipelineId).toBe(previous.pipelineId);
        }
        expect(history.at(-1)?.stageId).toBe(item.stageId);
        expect(history.at(-1)?.pipelineId).toBe(item.pipelineId);
        if (item.probability !== undefined) expect(Number.isInteger(item.probability)).toBe(true);
        if (item.lossReasonId !== undefined) expect(pipeline.stages.find((s) => s.id === item.stageId)?.semantic).toBe('failure');
      }),
      { numRuns: 300 },
    );
  });

  it('a move to an unknown stage is refused with INVALID_STAGE_TRANSITION and changes nothing', () => {
    fc.assert(
      fc.property(pipelineArb('a'), fc.string(), (pipeline, stageId) => {
        fc.pre(!pipeline.stages.some((s) => s.id === stageId));
        const item: TransitionItem = { id: 'd-1', pipelineId: 'a', stageId: pipeline.stages[0]?.id, closed: false, movedAt: new Date(0), movedById: 'u', custom: {} };
        const before = structuredClone(item);
        const result = planTransition(item, stageId, { pipeline, at: new Date(1), byId: 'u' });
        expect(result.success ? [] : result.issues.map((i) => i.code)).toEqual(['INVALID_STAGE_TRANSITION']);
        expect(item).toEqual(before);
      }),
    );
  });
});
