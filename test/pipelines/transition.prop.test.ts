import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransition, buildCreatedEvent, createFieldRegistry, isCrmError, isFinalStage, planPipelineChange, planTransition, getStageGroup, unwrap, checkPipeline } from 'crm-kit';
import type { FieldRegistry, Pipeline, Principal, Result, Stage, StageEvent, TransitionItem, TransitionPlan } from 'crm-kit';

const STANDARD_REQUIRED = ['amount', 'expectedCloseDate', 'comments'] as const;
// Custom codes: c0–c2 are defined by the registry (c2 only finance can see); ghost never is.
const CUSTOM_CODES = ['c0', 'c1', 'c2', 'ghost'] as const;
const RESTRICTED = new Set(['c2']);

/** Required fields of one stage: some standard fields and some custom.<code> entries. */
const requiredFieldsArb = fc.subarray([...STANDARD_REQUIRED, ...CUSTOM_CODES.map((code) => `custom.${code}`)], { maxLength: 3 });

/**
 * A valid deal pipeline: 1–4 in-progress stages, one success stage, 0–3 failure stages; any stage
 * may lack a default probability and may list required fields.
 */
const pipelineArb = (id: string): fc.Arbitrary<Pipeline> => {
  const probability = fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined });
  const extra = fc.record({ probability, requiredFields: fc.option(requiredFieldsArb, { nil: undefined }) });
  return fc
    .tuple(fc.array(extra, { minLength: 1, maxLength: 4 }), extra, fc.array(fc.tuple(extra, fc.boolean()), { maxLength: 3 }))
    .map(([processes, success, failures]) => {
      const settings = (e: { probability: number | undefined; requiredFields: string[] | undefined }): object => ({
        ...(e.probability === undefined ? {} : { probability: e.probability }),
        ...(e.requiredFields === undefined ? {} : { requiredFields: e.requiredFields }),
      });
      const stages = [
        ...processes.map((e, i) => ({ id: `${id}-P${i}`, name: `P${i}`, sort: i, color: '#123456', semantic: 'process', ...settings(e) })),
        { id: `${id}-WON`, name: 'Won', sort: 10, color: '#00ff00', semantic: 'success', ...settings(success) },
        ...failures.map(([e, lossReasonRequired], i) => ({ id: `${id}-F${i}`, name: `F${i}`, sort: 20 + i, color: '#ff0000', semantic: 'failure', lossReasonRequired, ...settings(e) })),
      ];
      return unwrap(checkPipeline({ id, entityType: 'deal', name: id, stages }));
    });
};

/** A `requiredFromStage` rule for c0–c2, resolved against the generated pipelines. */
interface RuleSpec {
  readonly pipelinePick: number;
  readonly stagePick: number;
  readonly namesPipeline: boolean;
}
const ruleArb = fc.option(fc.record({ pipelinePick: fc.nat(1), stagePick: fc.nat(), namesPipeline: fc.boolean() }), { nil: undefined });

const SALES: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
const FINANCE: Principal = { userId: 'u-fin', roleIds: ['finance'], departmentIds: [], isAdmin: false };
type Mode = 'none' | 'registry' | 'sales' | 'finance';

const emptyish = fc.constantFrom<unknown>(undefined, null, '', '  ', [], 'x', 'filled');
const valuesArb = fc.record({
  amount: fc.option(fc.constant({ amount: '10.00', currency: 'EUR' }), { nil: undefined }),
  expectedCloseDate: fc.constantFrom<unknown>(undefined, null, '2026-12-31'),
  comments: emptyish,
  custom: fc.record({ c0: emptyish, c1: emptyish, c2: emptyish, ghost: emptyish }),
});

interface Move {
  readonly otherPipeline: boolean;
  readonly stagePick: number;
  readonly unknownStage: boolean;
  readonly reason: string | undefined;
  /** Before the move, someone fills every field (an edit, not a stage change). */
  readonly fill: boolean;
  /** Before the move, someone types a probability by hand. */
  readonly typedProbability: number | undefined;
  /** The move is attempted with a principal but no registry. */
  readonly principalWithoutRegistry: boolean;
}
const moveArb: fc.Arbitrary<Move> = fc.record({
  otherPipeline: fc.boolean(),
  stagePick: fc.nat(),
  unknownStage: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  reason: fc.option(fc.constantFrom('PRICE', 'TIMING'), { nil: undefined }),
  fill: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  typedProbability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 4 }),
  principalWithoutRegistry: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
});

const isEmpty = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
const codeOfError = (run: () => unknown): string => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return isCrmError(error) ? error.code : 'not a crm-kit error';
  }
};

/**
 * The issues a move to `target` of `pipeline` should meet, stated independently of the planner:
 * sorted `code:path` strings.
 */
function expectedIssues(item: TransitionItem, pipeline: Pipeline, target: Stage, rules: ReadonlyMap<string, { pipelineId?: string; stageId: string }>, mode: Mode, reason: string | undefined): string[] {
  const out = new Set<string>();
  const withRegistry = mode !== 'none';
  const sees = (code: string): boolean => !RESTRICTED.has(code) || mode === 'none' || mode === 'registry' || mode === 'finance';
  const counts = (code: string): boolean => !withRegistry || (code !== 'ghost' && sees(code));
  const bag = item as unknown as Readonly<Record<string, unknown>>;
  const custom = item.custom ?? {};
  for (const code of target.requiredFields ?? []) {
    if (code.startsWith('custom.')) {
      const own = code.slice('custom.'.length);
      if (counts(own) && isEmpty(custom[own])) out.add(`REQUIRED:custom.${own}`);
    } else if (isEmpty(bag[code])) out.add(`REQUIRED:${code}`);
  }
  if (withRegistry) {
    const targetIndex = pipeline.stages.findIndex((s) => s.id === target.id);
    for (const [code, rule] of rules) {
      if (rule.pipelineId !== undefined && rule.pipelineId !== pipeline.id) continue;
      const index = pipeline.stages.findIndex((s) => s.id === rule.stageId);
      if (index < 0 || index > targetIndex) continue;
      if (target.semantic === 'failure' && rule.stageId !== target.id) continue;
      if (sees(code) && isEmpty(custom[code])) out.add(`REQUIRED:custom.${code}`);
    }
  }
  if (reason !== undefined && target.semantic !== 'failure') out.add('INVALID_VALUE:lossReasonId');
  if (target.semantic === 'failure' && target.lossReasonRequired === true && reason === undefined && item.lossReasonId === undefined) out.add('REQUIRED:lossReasonId');
  return [...out].sort();
}

describe('transition properties', () => {
  it('over random moves, an item is closed exactly when its stage is final, closedAt is the instant of the move that closed it, and the history has one event per change of stage or pipeline plus creation', () => {
    fc.assert(
      fc.property(
        pipelineArb('a'),
        pipelineArb('b'),
        fc.tuple(ruleArb, ruleArb, ruleArb),
        fc.constantFrom<Mode>('none', 'registry', 'sales', 'finance'),
        valuesArb,
        fc.array(moveArb, { maxLength: 25 }),
        fc.nat(),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.boolean(),
        (a, b, ruleSpecs, mode, values, moves, firstPick, probability, probabilityIsManual) => {
          const pipelines = new Map([
            [a.id, a],
            [b.id, b],
          ]);
          const rules = new Map<string, { pipelineId?: string; stageId: string }>();
          ruleSpecs.forEach((spec: RuleSpec | undefined, i) => {
            if (spec === undefined) return;
            const pipeline = spec.pipelinePick === 0 ? a : b;
            const stage = pipeline.stages[spec.stagePick % pipeline.stages.length];
            if (stage !== undefined) rules.set(`c${i}`, { ...(spec.namesPipeline ? { pipelineId: pipeline.id } : {}), stageId: stage.id });
          });
          const registry: FieldRegistry = createFieldRegistry('deal', {
            customFields: (['c0', 'c1', 'c2'] as const).map(
              (code) =>
                ({
                  type: 'string',
                  code,
                  labels: { en: code },
                  ...(rules.has(code) ? { requiredFromStage: rules.get(code) } : {}),
                  ...(RESTRICTED.has(code) ? { visibility: { restrictedTo: { roleIds: ['finance'] } } } : {}),
                }),
            ),
          });
          const options =
            mode === 'none' ? {} : mode === 'registry' ? { registry } : { registry, principal: mode === 'sales' ? SALES : FINANCE };

          const start = new Date('2026-01-01T00:00:00Z').getTime();
          const firstStage = a.stages[firstPick % a.stages.length]?.id ?? '';
          const startsFinal = isFinalStage(a, firstStage);
          let item: TransitionItem = {
            id: 'd-1',
            pipelineId: a.id,
            stageId: firstStage,
            closed: startsFinal,
            ...(startsFinal ? { closedAt: new Date(start) } : {}),
            ...(probability === undefined ? {} : { probability, probabilityIsManual }),
            movedAt: new Date(start),
            movedById: 'u-1',
            ...(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as object),
          };
          const history: StageEvent[] = [buildCreatedEvent(item, { pipeline: a, at: new Date(start), byId: 'u-1' })];
          let changes = 0;
          let closedBy: Date | undefined = startsFinal ? new Date(start) : undefined;

          moves.forEach((move, step) => {
            if (move.fill) item = { ...item, amount: { amount: '5.00', currency: 'EUR' }, expectedCloseDate: '2027-01-01', comments: 'ok', custom: { c0: 'v', c1: 'v', c2: 'v', ghost: 'v' } } as TransitionItem;
            if (move.typedProbability !== undefined) item = { ...item, probability: move.typedProbability, probabilityIsManual: true };
            const current = pipelines.get(item.pipelineId ?? '') ?? a;
            const other = current.id === a.id ? b : a;
            const target = move.otherPipeline ? other : current;
            const toStageId = move.unknownStage ? 'NOWHERE' : (target.stages[move.stagePick % target.stages.length]?.id ?? '');
            const at = new Date(start + (step + 1) * 3_600_000);
            const base = { pipeline: current, at, byId: `u-${step}`, lossReasonId: move.reason };
            const plan = (context: object): Result<TransitionPlan> =>
              move.otherPipeline ? planPipelineChange(item, target, toStageId, context as never) : planTransition(item, toStageId, context as never);
            const before = structuredClone(item);

            if (move.principalWithoutRegistry) {
              expect(codeOfError(() => plan({ ...base, principal: SALES }))).toBe('INVALID_ARGUMENT');
              expect(item).toEqual(before);
              return;
            }
            const result = plan({ ...base, ...options });
            expect(item).toEqual(before);
            // An independent statement of when a move is refused, and why.
            const stage = target.stages.find((s) => s.id === toStageId);
            const sameStage = !move.otherPipeline && toStageId === item.stageId;
            const expected = stage === undefined || sameStage ? ['INVALID_STAGE_TRANSITION:stageId'] : expectedIssues(item, target, stage, rules, mode, move.reason);
            expect(result.success ? [] : result.issues.map((i) => `${i.code}:${i.path.join('.')}`).sort()).toEqual(expected);
            if (!result.success || stage === undefined) return;

            const wasFinal = isFinalStage(current, item.stageId ?? '');
            const final = isFinalStage(target, toStageId);
            item = applyTransition(item, result.data);
            history.push(result.data.event);
            // Changes are counted from the item's state, not from the plans.
            if (item.stageId !== before.stageId || item.pipelineId !== before.pipelineId) changes += 1;
            if (final) closedBy = at;
            expect(item.closedAt).toEqual(final ? at : undefined);
            // Probability: the stage's default unless typed by hand on an in-progress move; a stage
            // without a default leaves it; a final stage's default clears the hand-typed flag.
            const sets = stage.probability !== undefined && (final || before.probabilityIsManual !== true);
            expect(item.probability).toBe(sets ? stage.probability : before.probability);
            expect(item.probabilityIsManual === true).toBe(before.probabilityIsManual === true && !(final && stage.probability !== undefined));
            expect(result.data.reopened).toBe(wasFinal && !final);
            expect(result.data.event.type).toBe(move.otherPipeline ? 'pipelineChanged' : final ? 'movedToFinal' : 'movedToIntermediate');
          });

          const pipeline = pipelines.get(item.pipelineId ?? '') ?? a;
          const final = isFinalStage(pipeline, item.stageId ?? '');
          expect(item.closed).toBe(final);
          expect(item.closedAt).toEqual(final ? closedBy : undefined);
          expect(getStageGroup(pipeline, item.stageId ?? '')).toBe(final ? (pipeline.stages.find((s) => s.id === item.stageId)?.semantic === 'success' ? 'won' : 'lost') : 'in-progress');
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
        },
      ),
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
