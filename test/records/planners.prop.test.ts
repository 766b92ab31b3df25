import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  can,
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_LOSS_REASONS,
  defineRecordRules,
  isCrmError,
  manualClock,
  findMissingPermissions,
  money,
  planCreateRecord,
  planMoveRecord,
  planUpdateRecord,
  projectRecord,
  getRepeatClient,
  sequentialIds,
  toAccessRecord,
  validateEntity,
} from 'crm-kit';
import type { ClientDeal, Deal, FieldDefinition, FieldRegistry, Issue, Pipeline, Principal, RecordPlan, RecordRules, Result, StoredRecord } from 'crm-kit';
import { arbMoney } from 'crm-kit/testing';
import { createMemoryStore } from 'crm-kit/memory';
import { customFieldArb, USERS, visibilityPrincipalArb } from '../crm/arbitraries.js';
import { moneyIn } from '../support/arbitraries.js';
import { wholesale } from './fixtures.js';

type Bag = Record<string, unknown>;

const PIPELINES: readonly Pipeline[] = [DEFAULT_DEAL_PIPELINE, wholesale];
const STAGES = PIPELINES.flatMap((pipeline) => pipeline.stages.map((stage) => ({ pipeline, stage })));
const STAGE_IDS = STAGES.map(({ stage }) => stage.id);

// ---- arbitraries ---------------------------------------------------------------------------

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Acme', 'Renewal 2027', 'José María', 'Emoji 😀') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
);
const eur = fc.oneof(moneyIn('EUR', { maxScale: 2, maxDigits: 9 }), arbMoney('EUR'));
const row = fc.record(
  { name: fc.constantFrom('Seat', 'Licence'), price: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => money((cents / 100).toFixed(2), 'EUR')), quantity: fc.integer({ min: 1, max: 5 }).map(String), taxRate: fc.constantFrom('0', '10', '21') },
  { requiredKeys: ['name', 'price', 'quantity'] },
);
const customCodes = ['alpha', 'beta'] as const;
const custom = (withNull: boolean): fc.Arbitrary<Bag> =>
  fc.record(Object.fromEntries(customCodes.map((code) => [code, withNull ? fc.option(text, { nil: null }) : text])) as Record<(typeof customCodes)[number], fc.Arbitrary<string | null>>, {
    requiredKeys: [],
  });

/** Mostly a real stage (of the default pipeline, or another one named), now and then nothing or something that does not exist. */
const placementArb: fc.Arbitrary<Bag> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 6, arbitrary: fc.constantFrom(...STAGES).map(({ pipeline, stage }) => (pipeline.id === 'default' ? { stageId: stage.id } : { pipelineId: pipeline.id, stageId: stage.id })) },
  { weight: 2, arbitrary: fc.constantFrom(...PIPELINES).map((pipeline) => ({ pipelineId: pipeline.id })) },
  { weight: 1, arbitrary: fc.record({ pipelineId: fc.constantFrom('default', 'wholesale', 'retail'), stageId: fc.constantFrom(...STAGE_IDS, 'GONE') }, { requiredKeys: [] }) },
);

/** A loss reason: mostly where one is taken (a failure stage), now and then anywhere, now and then one the catalog lacks. */
function lossReasonFor(stageId: unknown): fc.Arbitrary<{ lossReasonId?: string }> {
  const failure = STAGES.some(({ stage }) => stage.id === stageId && stage.semantic === 'failure');
  const reason = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('PRICE', 'TIMING') }, { weight: 1, arbitrary: fc.constant('BAD_LUCK') });
  return fc.oneof(
    { weight: failure ? 1 : 12, arbitrary: fc.constant({}) },
    { weight: failure ? 6 : 1, arbitrary: reason.map((lossReasonId) => ({ lossReasonId })) },
  );
}

const inputArb: fc.Arbitrary<Bag> = fc
  .tuple(
    placementArb,
    fc.record(
      {
        title: fc.option(text, { nil: undefined, freq: 12 }),
        probability: fc.integer({ min: 0, max: 100 }),
        probabilityIsManual: fc.boolean(),
        amount: eur,
        amountIsManual: fc.boolean(),
        productRows: fc.array(row, { maxLength: 2 }),
        comments: text,
        contactIds: fc.subarray(['c-1', 'c-2', 'c-3']),
        companyId: fc.constantFrom('co-1', 'co-2'),
        assignedById: fc.constantFrom(...USERS),
        opened: fc.boolean(),
        custom: custom(false),
      },
      { requiredKeys: ['title'] },
    ),
  )
  .chain(([placement, fields]) => lossReasonFor(placement.stageId).map((reason) => ({ ...fields, ...placement, ...reason })))
  .map((input) => (input.title === undefined ? Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'title')) : input));

const patchArb: fc.Arbitrary<Bag> = fc
  .tuple(
    fc.record(
      {
        title: fc.option(text, { nil: null, freq: 8 }),
        comments: fc.option(text, { nil: null }),
        probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        probabilityIsManual: fc.boolean(),
        amount: fc.option(eur, { nil: null, freq: 6 }),
        amountIsManual: fc.boolean(),
        productRows: fc.option(fc.array(row, { maxLength: 2 }), { nil: null }),
        companyId: fc.option(fc.constantFrom('co-1', 'co-2'), { nil: null }),
        contactIds: fc.option(fc.subarray(['c-1', 'c-2', 'c-3']), { nil: null }),
        assignedById: fc.constantFrom(...USERS),
        opened: fc.boolean(),
        custom: custom(true),
      },
      { requiredKeys: [] },
    ),
    // Now and then what a patch may not hold: a stage, or a loss reason outside a failure stage.
    fc.oneof({ weight: 10, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constantFrom({ stageId: 'WON' }, { lossReasonId: 'PRICE' }, { lossReasonId: null }) }),
  )
  .map(([fields, extra]) => ({ ...fields, ...extra }));

interface Target {
  readonly stageId: string;
  readonly pipelineId?: string;
  readonly lossReasonId?: string;
}
/** Mostly a stage of a pipeline (named or not), now and then one of another pipeline or none at all. */
const targetArb: fc.Arbitrary<Target> = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(...STAGES).map(({ stage }): Target => ({ stageId: stage.id })) },
    { weight: 3, arbitrary: fc.constantFrom(...STAGES).map(({ pipeline, stage }): Target => ({ pipelineId: pipeline.id, stageId: stage.id })) },
    { weight: 1, arbitrary: fc.record({ stageId: fc.constantFrom(...STAGE_IDS, 'GONE'), pipelineId: fc.constantFrom('default', 'wholesale', 'retail') }, { requiredKeys: ['stageId'] }) },
  )
  .chain((target) => lossReasonFor(target.stageId).map((reason): Target => ({ ...target, ...reason })));

const clientDealsArb: fc.Arbitrary<ClientDeal[]> = fc.array(
  fc.constantFrom(...STAGES).map(({ pipeline, stage }) => ({ pipelineId: pipeline.id, stageId: stage.id })),
  { maxLength: 3 },
);

/** Mostly someone who holds a role, so that writes get through often; now and then nobody in particular. */
const whoArb: fc.Arbitrary<Principal> = fc
  .tuple(visibilityPrincipalArb, fc.nat(9))
  .map(([principal, dice]): Principal => (principal.roleIds.length === 0 && dice < 8 ? { ...principal, roleIds: ['r1'] } : principal));

const fieldsArb: fc.Arbitrary<FieldDefinition[]> = fc.tuple(...customCodes.map((code) => customFieldArb(code)));

// ---- helpers --------------------------------------------------------------------------------

function rulesOf(fields: readonly FieldDefinition[]): RecordRules<'deal'> {
  return defineRecordRules('deal', { registry: createFieldRegistry('deal', { customFields: fields }), pipelines: PIPELINES, lossReasons: DEFAULT_LOSS_REASONS });
}

type Outcome<T> = { readonly kind: 'plan'; readonly plan: T } | { readonly kind: 'issues'; readonly issues: readonly Issue[] } | { readonly kind: 'thrown'; readonly code: string };

function outcomeOf<T>(run: () => Result<T>): Outcome<T> {
  try {
    const result = run();
    return result.success ? { kind: 'plan', plan: result.data } : { kind: 'issues', issues: result.issues };
  } catch (error) {
    if (!isCrmError(error)) throw error;
    return { kind: 'thrown', code: error.code };
  }
}

function deepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && (value instanceof Date || Object.values(value).every(deepFrozen));
}

/** Every object inside a value with whether it is frozen, in traversal order: what a plan must leave as it was. */
function freezeMap(value: unknown, out: boolean[] = []): boolean[] {
  if (typeof value === 'object' && value !== null) {
    out.push(Object.isFrozen(value));
    if (!(value instanceof Date)) for (const inner of Object.values(value)) freezeMap(inner, out);
  }
  return out;
}

function storedValid(registry: FieldRegistry<'deal'>, record: StoredRecord): boolean {
  return validateEntity(registry, 'stored', record).success;
}

const at = new Date('2026-03-02T10:00:00Z');
const later = new Date('2026-03-03T10:00:00Z');

// ---- (a) plans are stored-valid, frozen and versioned; (b) they never touch their inputs -----------

describe('record planners (properties)', () => {
  it('every successful create, update and move plan yields a frozen, stored-valid record of version 1, then current + 1', () => {
    fc.assert(
      fc.property(fieldsArb, visibilityPrincipalArb, inputArb, clientDealsArb, patchArb, targetArb, (fields, principal, input, clientDeals, patch, target) => {
        const rules = rulesOf(fields);
        const created = outcomeOf(() => planCreateRecord(rules, principal, input, { id: '7', at, clientDeals }));
        if (created.kind === 'thrown') expect(created.code).toBe('FIELD_NOT_VISIBLE');
        if (created.kind !== 'plan') return;
        const current = created.plan.record;
        expect([storedValid(rules.registry, current), deepFrozen(current), current.version]).toEqual([true, true, 1]);
        expect(created.plan.inserts).toEqual([{ entityType: 'deal', record: current }]);

        const updated = outcomeOf(() => planUpdateRecord(rules, principal, current, patch, { at: later }));
        if (updated.kind === 'thrown') expect(updated.code).toBe('FIELD_NOT_VISIBLE');
        if (updated.kind === 'plan') {
          const { record, changed } = updated.plan;
          if (changed.length === 0) expect(record).toBe(current);
          else expect([storedValid(rules.registry, record), deepFrozen(record), record.version, updated.plan.updates[0]?.expectedVersion]).toEqual([true, true, 2, 1]);
        }

        const moved = outcomeOf(() => planMoveRecord(rules, principal, current, target, { at: later, ...(target.lossReasonId === undefined ? {} : { lossReasonId: target.lossReasonId }) }));
        expect(moved.kind).not.toBe('thrown');
        if (moved.kind === 'plan') expect([storedValid(rules.registry, moved.plan.record), deepFrozen(moved.plan.record), moved.plan.record.version]).toEqual([true, true, 2]);
      }),
    );
  });

  it('a plan never changes or freezes its inputs', () => {
    fc.assert(
      fc.property(fieldsArb, visibilityPrincipalArb, inputArb, patchArb, targetArb, (fields, principal, input, patch, target) => {
        const rules = rulesOf(fields);
        const given = { principal: structuredClone(principal), input: structuredClone(input), patch: structuredClone(patch), target: structuredClone(target) };
        const before = structuredClone(given);
        const frozenBefore = freezeMap(given);
        const created = outcomeOf(() => planCreateRecord(rules, given.principal, given.input, { id: '7', at }));
        if (created.kind === 'plan') {
          const current = structuredClone(created.plan.record);
          const currentBefore = structuredClone(current);
          outcomeOf(() => planUpdateRecord(rules, given.principal, current, given.patch, { at: later }));
          outcomeOf(() => planMoveRecord(rules, given.principal, current, given.target, { at: later }));
          expect(current).toEqual(currentBefore);
          expect(freezeMap(current).some(Boolean)).toBe(false);
        }
        expect(given).toEqual(before);
        expect(freezeMap(given)).toEqual(frozenBefore);
      }),
    );
  });

  // ---- (c) a preview equals what gets stored ---------------------------------------------------

  type Step =
    | { readonly kind: 'create'; readonly who: Principal; readonly input: Bag }
    | { readonly kind: 'update'; readonly who: Principal; readonly pick: number; readonly patch: Bag }
    | { readonly kind: 'move'; readonly who: Principal; readonly pick: number; readonly target: Target };

  const createArb: fc.Arbitrary<Step> = fc.record({ kind: fc.constant('create' as const), who: whoArb, input: inputArb });
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    createArb,
    fc.record({ kind: fc.constant('update' as const), who: whoArb, pick: fc.nat(), patch: patchArb }),
    fc.record({ kind: fc.constant('move' as const), who: whoArb, pick: fc.nat(), target: targetArb }),
  );

  const policy = createAccessPolicy({
    roles: [
      { id: 'r0', name: 'Own', permissions: { deal: { read: 'all', add: 'own', update: 'own', delete: 'none' } } },
      { id: 'r1', name: 'All', permissions: { deal: { read: 'all', add: 'all', update: 'all', delete: 'all' } }, dealPipelines: { wholesale: { update: 'none' } } },
    ],
  });

  it('a preview equals what gets stored: create, update, moveToStage and moveToPipeline store exactly their plan, and return it projected', async () => {
    await fc.assert(
      fc.asyncProperty(fieldsArb, createArb, fc.array(stepArb, { maxLength: 7 }), async (fields, first, rest) => {
        const steps = [first, ...rest];
        const rules = rulesOf(fields);
        const store = createMemoryStore();
        const clock = manualClock('2026-03-02T10:00:00Z');
        const inner = sequentialIds();
        const issued: string[] = [];
        const crm = createCrm({
          store,
          clock,
          ids: { next: (entityType) => issued[issued.push(inner.next(entityType)) - 1] ?? '' },
          access: policy,
          fields: { deal: rules.registry },
          pipelines: { deal: PIPELINES, lossReasons: DEFAULT_LOSS_REASONS },
        });
        const dealIds: string[] = [];

        for (const step of steps) {
          clock.advance({ hours: 1 });
          const now = clock.now();
          const eventsBefore = store.inspectEvents().length;
          const session = crm.as(step.who);
          let expected: Outcome<RecordPlan<Deal>>;
          let actual: { ok: true; value: Deal } | { ok: false; code: string; issues: readonly Issue[] };
          const run = async (call: () => Promise<Deal>): Promise<typeof actual> => {
            try {
              return { ok: true, value: await call() };
            } catch (error) {
              if (!isCrmError(error)) throw error;
              return { ok: false, code: error.code, issues: 'issues' in error ? (error.issues as readonly Issue[]) : [] };
            }
          };
          let current: Deal | undefined;
          if (step.kind === 'create') {
            const client = getRepeatClient(step.input);
            const clientDeals = dealIds
              .map((id) => store.inspect('deal', id) as Deal | null)
              .filter((deal): deal is Deal => deal !== null && ((client.companyId !== undefined && deal.companyId === client.companyId) || (client.contactId !== undefined && (deal.contactIds ?? []).includes(client.contactId))))
              .map((deal) => ({ id: deal.id, pipelineId: deal.pipelineId, stageId: deal.stageId }));
            const issuedBefore = issued.length;
            actual = await run(() => session.deals.create(step.input as never));
            const id = issued.length > issuedBefore ? (issued.at(-1) ?? '') : 'not-issued';
            expected = outcomeOf(() => planCreateRecord(rules, step.who, step.input, { id, at: now, clientDeals }));
            if (actual.ok) dealIds.push(actual.value.id);
          } else {
            if (dealIds.length === 0) continue;
            const id = dealIds[step.pick % dealIds.length] ?? '';
            const stored = store.inspect('deal', id) as Deal | null;
            if (stored === null) throw new Error('a created deal is stored');
            current = stored;
            const access = toAccessRecord(stored);
            const options = { expectedVersion: stored.version };
            if (step.kind === 'update') {
              actual = await run(() => session.deals.update(id, step.patch, options));
              expected = outcomeOf(() => planUpdateRecord(rules, step.who, stored, step.patch, { at: now }));
            } else {
              const { stageId, pipelineId, lossReasonId } = step.target;
              const moveOptions = lossReasonId === undefined ? options : { ...options, lossReasonId };
              actual = await run(() =>
                pipelineId === undefined ? session.deals.moveToStage(id, stageId, moveOptions) : session.deals.moveToPipeline(id, pipelineId, stageId, moveOptions),
              );
              expected = outcomeOf(() =>
                planMoveRecord(rules, step.who, stored, pipelineId === undefined ? { stageId } : { stageId, pipelineId }, { at: now, ...(lossReasonId === undefined ? {} : { lossReasonId }) }),
              );
            }
            // The service refuses a person who may not change the record before it plans anything.
            if (!can(policy, step.who, 'read', 'deal', access)) expected = { kind: 'thrown', code: 'NOT_FOUND' };
            else if (!can(policy, step.who, 'update', 'deal', access)) expected = { kind: 'thrown', code: 'FORBIDDEN' };
          }

          const newEvents = store.inspectEvents().slice(eventsBefore);
          if (expected.kind === 'thrown') {
            expect(actual).toMatchObject({ ok: false, code: expected.code });
          } else if (expected.kind === 'issues') {
            const code = expected.issues.some((found) => found.code === 'INVALID_STAGE_TRANSITION') ? 'INVALID_STAGE_TRANSITION' : 'VALIDATION_FAILED';
            expect(actual).toEqual({ ok: false, code, issues: expected.issues });
          } else if (findMissingPermissions(policy, step.who, expected.plan.needs).length > 0) {
            expect(actual).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          } else {
            const plan = expected.plan;
            const nothing = step.kind !== 'create' && plan.changed.length === 0;
            expect(actual).toEqual({ ok: true, value: projectRecord(rules.registry, step.who, nothing && current !== undefined ? current : plan.record) });
            expect(store.inspect('deal', plan.record.id)).toEqual(plan.record);
            expect(newEvents.map(({ sequence: _sequence, ...event }) => event)).toEqual(nothing ? [] : plan.events);
            continue;
          }
          expect(newEvents).toEqual([]);
          if (current !== undefined) expect(store.inspect('deal', current.id)).toEqual(current);
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 100) },
    );
  });

  // ---- (d) stage invariants over random sequences of moves ------------------------------------

  type Action = { readonly kind: 'move'; readonly target: Target } | { readonly kind: 'type'; readonly probability: number };
  const actionArb: fc.Arbitrary<Action> = fc.oneof(
    { weight: 4, arbitrary: targetArb.map((target) => ({ kind: 'move' as const, target })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }).map((probability) => ({ kind: 'type' as const, probability })) },
  );

  it('over any sequence of moves, the stage, pipeline, closed flag, closedAt, probability and loss reason follow the stage rules', () => {
    const rules = rulesOf([]);
    const mover: Principal = { userId: 'u0', roleIds: [], departmentIds: [], isAdmin: false };
    fc.assert(
      fc.property(fc.constantFrom('default', 'wholesale'), fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), fc.array(actionArb, { maxLength: 12 }), (pipelineId, probability, actions) => {
        const input = { title: 'Renewal', pipelineId, amount: { amount: '10', currency: 'EUR' }, ...(probability === undefined ? {} : { probability }) };
        const start = outcomeOf(() => planCreateRecord(rules, mover, input, { id: '7', at }));
        if (start.kind !== 'plan') throw new Error('the starting deal is valid');
        let deal = start.plan.record;
        let time = at.getTime();
        for (const action of actions) {
          time += 3_600_000;
          const when = new Date(time);
          const before: Deal = deal;
          if (action.kind === 'type') {
            const typed = outcomeOf(() => planUpdateRecord(rules, mover, before, { probability: action.probability }, { at: when }));
            if (typed.kind === 'plan') deal = typed.plan.record;
            continue;
          }
          const { target } = action;
          const result = outcomeOf(() =>
            planMoveRecord(rules, mover, before, target.pipelineId === undefined ? { stageId: target.stageId } : { stageId: target.stageId, pipelineId: target.pipelineId }, {
              at: when,
              ...(target.lossReasonId === undefined ? {} : { lossReasonId: target.lossReasonId }),
            }),
          );
          const toPipeline = PIPELINES.find((pipeline) => pipeline.id === (target.pipelineId ?? before.pipelineId));
          const stage = toPipeline?.stages.find((candidate) => candidate.id === target.stageId);
          if (result.kind !== 'plan') {
            expect(result.kind).toBe('issues');
            // Refused only for a reason: nowhere to go, already there, or a loss reason the rules refuse.
            const reason = toPipeline === undefined || stage === undefined || (toPipeline.id === before.pipelineId && stage.id === before.stageId) || target.lossReasonId !== undefined || stage.lossReasonRequired === true;
            expect(reason).toBe(true);
            continue;
          }
          if (toPipeline === undefined || stage === undefined) throw new Error('a move succeeded to a stage that does not exist');
          const { record, events } = result.plan;
          const final = stage.semantic !== 'process';
          expect([record.pipelineId, record.stageId, record.closed, record.version, record.movedAt, record.movedById]).toEqual([toPipeline.id, stage.id, final, before.version + 1, when, 'u0']);
          expect(record.closedAt).toEqual(final ? when : undefined);
          if (final) expect([record.probability, record.probabilityIsManual]).toEqual([stage.probability, false]);
          else expect(record.probability).toBe(before.probabilityIsManual ? before.probability : stage.probability);
          expect(record.lossReasonId === undefined || stage.semantic === 'failure').toBe(true);
          if (target.lossReasonId !== undefined) expect(record.lossReasonId).toBe(target.lossReasonId);
          const type = toPipeline.id !== before.pipelineId ? 'pipelineChanged' : final ? 'movedToFinal' : 'movedToIntermediate';
          expect(events.map((event) => event.type)).toEqual([type]);
          if (type !== 'movedToFinal') expect(events[0]?.data).toMatchObject({ reopened: before.closed && !final, fromStageId: before.stageId });
          deal = record;
        }
      }),
    );
  });
});
