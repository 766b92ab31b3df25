import type { Principal } from '../../access/index.js';
import { assertCan, assertCanFilterOn, buildRecordScope, listVisibleFields } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import type { Result } from '../../kernel/index.js';
import { invalidArgument, isPlainRecord, LIMITS, sealPlain } from '../../kernel/index.js';
import type { StagedEntityType } from '../../pipelines/index.js';
import type { ClientDeal, RecordPlan } from '../../records/index.js';
import { isStagedType, planCreateRecord, planDeleteRecord, planMoveRecord, planUpdateRecord, getRepeatClient } from '../../records/index.js';
import type { LoggedEvent, NormalizedQuery, Page, StoreScope } from '../../store/index.js';
import { normalizeQuery } from '../../store/index.js';
import type { EntityService, StagedService } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { applyWrites, checkId, checkNeeds, checkVersion, checkWriteOptions, isKnownStage, load, loadForChange, planFailure, projected, readable } from './records.js';

const QUERY_KEYS: ReadonlySet<string> = new Set(['where', 'sort', 'limit', 'cursor']);
const HISTORY_KEYS: ReadonlySet<string> = new Set(['afterSequence', 'limit']);

/**
 * A person's query made ready for the store: only where, sort, limit and cursor, every field
 * visible to them, and their read scope pushed down.
 */
export function readQuery(context: Context, principal: Principal, entityType: EntityType, given: unknown): NormalizedQuery {
  // Stryker disable next-line StringLiteral: message text
  const query = snapshotArgument(given, 'The query');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(query)) throw invalidArgument('A query is { where?, sort?, limit?, cursor? }.');
  for (const key of Object.keys(query)) {
    if (!QUERY_KEYS.has(key)) {
      // Stryker disable next-line StringLiteral,ConditionalExpression,EqualityOperator: message text (which of two messages)
      throw invalidArgument(key === 'scope' ? 'The record scope comes from the permissions; a query cannot give one.' : 'A query has only where, sort, limit and cursor.');
    }
  }
  assertCan(context.access, principal, 'read', entityType);
  const { registry, pipelines } = context.rules[entityType];
  // Visibility first, on the fields as given: a hidden custom field and an unknown one both get
  // FIELD_NOT_VISIBLE, whatever else is wrong with the clause or the store can do.
  for (const part of [query.where, query.sort]) {
    if (!Array.isArray(part)) continue;
    for (const entry of part as unknown[]) {
      const field = isPlainRecord(entry) ? entry.field : undefined;
      if (typeof field === 'string' && field.startsWith('custom.')) assertCanFilterOn(registry, principal, field);
    }
  }
  const scope = buildRecordScope(context.access, principal, 'read', entityType);
  return normalizeQuery({ ...query, scope }, { entityType, registry, capabilities: context.store.capabilities, pipelines: isStagedType(entityType) ? pipelines : undefined });
}

/** The deals of a new deal's client (its company and its primary contact), for its repeat flags. */
export async function clientDealsOf(context: Context, input: unknown): Promise<readonly ClientDeal[] | undefined> {
  if (!isPlainRecord(input)) return undefined;
  const { companyId, contactId } = getRepeatClient(input);
  const clauses = [
    ...(companyId === undefined ? [] : [{ field: 'companyId', op: 'eq' as const, value: companyId }]),
    ...(contactId === undefined ? [] : [{ field: 'contactIds', op: 'overlaps' as const, value: [contactId] }]),
  ];
  const deals = context.store.repository('deal');
  const found = new Map<string, ClientDeal>();
  for (const clause of clauses) {
    for await (const deal of deals.stream({ where: [clause], limit: context.store.capabilities.maxPageSize })) {
      const { pipelineId, stageId } = deal as unknown as ClientDeal;
      if (isKnownStage(context, pipelineId, stageId)) found.set(deal.id, { id: deal.id, pipelineId, stageId });
    }
  }
  return [...found.values()];
}

/** A planned change written in a unit: its needs checked, its writes applied. */
async function commitChange(context: Context, principal: Principal, scope: StoreScope, current: StoredRecord, plan: RecordPlan): Promise<StoredRecord> {
  checkNeeds(context, principal, plan);
  // A change that changes nothing stores nothing: no new version, no event.
  if (plan.changed.length === 0 && plan.deletes.length === 0) return current;
  await applyWrites(context, scope, plan);
  return plan.record;
}

/**
 * The service of one entity type for one principal. Every method takes one snapshot of its
 * arguments, plans with the record planners, checks the permissions the plan needs and the
 * expected version, applies the plan in one transaction, and projects what it returns.
 * `moveToStage` exists on staged types only (the result of another type is an `EntityService`).
 */
export function recordService(context: Context, principal: Principal, entityType: EntityType): StagedService<StagedEntityType> & EntityService<EntityType> {
  const { store } = context;
  const rules = context.rules[entityType];
  const project = (record: StoredRecord): never => projected(context, principal, entityType, record) as never;

  const change = async (id: unknown, options: unknown, keys: readonly string[], plan: (current: StoredRecord, at: Date) => RecordPlan): Promise<never> => {
    checkId(id);
    const expectedVersion = checkWriteOptions(options, keys);
    const saved = await store.transaction(async (scope) => {
      const current = await loadForChange(context, principal, scope, entityType, id, 'update');
      // A stale write is refused before any planning, with the error the adapter would give.
      checkVersion(entityType, current, expectedVersion);
      return commitChange(context, principal, scope, current, plan(current, context.now()));
    });
    return project(saved);
  };

  const unwrapPlan = <T>(result: Result<T>): T => {
    if (!result.success) throw planFailure(entityType, result.issues);
    return result.data;
  };

  const service: StagedService<StagedEntityType> & EntityService<EntityType> = {
    async create(input) {
      // Stryker disable next-line StringLiteral: message text
      const data = snapshotArgument(input, 'The input');
      const clientDeals = entityType === 'deal' ? await clientDealsOf(context, data) : undefined;
      const at = context.now();
      const plan = unwrapPlan(planCreateRecord(rules, principal, data, sealPlain({ id: context.nextId(entityType), at, clientDeals })));
      checkNeeds(context, principal, plan);
      await store.transaction((scope) => applyWrites(context, scope, plan));
      return project(plan.record);
    },

    async get(id) {
      checkId(id);
      const record = await readable(context, principal, store, entityType, id);
      return record === null ? null : project(record);
    },

    async find(query = {}) {
      const page: Page<StoredRecord> = await store.repository(entityType).find(readQuery(context, principal, entityType, query));
      const items = page.items.map(project);
      return (page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor });
    },

    async count(query = {}) {
      return store.repository(entityType).count(readQuery(context, principal, entityType, query));
    },

    stream(query = {}) {
      // Checked now, not on the first read, so a bad query fails where it is made.
      const normalized = readQuery(context, principal, entityType, query);
      return (async function* records() {
        for await (const record of store.repository(entityType).stream(normalized)) yield project(record);
      })();
    },

    async update(id, patch, options) {
      // Stryker disable next-line StringLiteral: message text
      const data = snapshotArgument(patch, 'The patch');
      // Stryker disable next-line StringLiteral: message text
      return change(id, snapshotArgument(options, 'The options'), ['expectedVersion'], (current, at) => unwrapPlan(planUpdateRecord(rules, principal, current as never, data, { at })));
    },

    async delete(id, options) {
      checkId(id);
      // Stryker disable next-line StringLiteral: message text
      const expectedVersion = checkWriteOptions(snapshotArgument(options, 'The options'));
      await store.transaction(async (scope) => {
        const current = await loadForChange(context, principal, scope, entityType, id, 'delete');
        checkVersion(entityType, current, expectedVersion);
        await commitChange(context, principal, scope, current, planDeleteRecord(rules, principal, current as never, { at: context.now() }));
      });
    },

    async history(id, options = {}) {
      checkId(id);
      // Stryker disable next-line StringLiteral: message text
      const given = snapshotArgument(options, 'The options');
      // Stryker disable next-line StringLiteral: message text
      if (!isPlainRecord(given) || Object.keys(given).some((key) => !HISTORY_KEYS.has(key))) throw invalidArgument('History options are { afterSequence?, limit? }.');
      const limit = given.limit ?? LIMITS.queryValues;
      // Stryker disable next-line StringLiteral: message text
      if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > LIMITS.queryValues) throw invalidArgument(`limit is a whole number from 1 to ${LIMITS.queryValues}.`);
      await load(context, principal, store, entityType, id);
      const visible = new Set(listVisibleFields(rules.registry, principal).map((definition) => `custom.${definition.code}`));
      const events: LoggedEvent[] = [];
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      for await (const event of store.events.read({ entityType, entityId: id, limit, ...(given.afterSequence === undefined ? {} : { afterSequence: given.afterSequence as number }) })) {
        events.push(projectEvent(event, (field) => !field.startsWith('custom.') || visible.has(field)));
      }
      return events.map((event) => Object.freeze({ ...event, at: new Date(event.at.getTime()) }));
    },

    async moveToStage(id, stageId, options) {
      // Stryker disable next-line StringLiteral: message text
      const args = snapshotArgument({ stageId, options }, 'The move');
      // Stryker disable next-line StringLiteral: message text
      if (typeof args.stageId !== 'string' || args.stageId === '') throw invalidArgument('A stage id is a non-empty string.');
      const lossReasonId: unknown = isPlainRecord(args.options) ? args.options.lossReasonId : undefined;
      // Stryker disable next-line StringLiteral: message text
      if (lossReasonId !== undefined && (typeof lossReasonId !== 'string' || lossReasonId === '')) throw invalidArgument('lossReasonId is a non-empty string.');
      return change(id, args.options, ['expectedVersion', 'lossReasonId'], (current, at) =>
        // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
        unwrapPlan(planMoveRecord(rules as never, principal, current as never, { stageId: args.stageId }, { at, ...(lossReasonId === undefined ? {} : { lossReasonId }) })),
      );
    },
  };
  return service;
}

/** Moves a deal to a stage of another pipeline (the stage history records the change). */
export function moveToPipeline(context: Context, principal: Principal): (id: string, pipelineId: string, stageId: string, options: unknown) => Promise<never> {
  const rules = context.rules.deal;
  return async (id, pipelineId, stageId, options) => {
    checkId(id);
    // Stryker disable next-line StringLiteral: message text
    const args = snapshotArgument({ pipelineId, stageId, options }, 'The move');
    // Stryker disable next-line StringLiteral: message text
    if (typeof args.pipelineId !== 'string' || args.pipelineId === '' || typeof args.stageId !== 'string' || args.stageId === '') {
      // Stryker disable next-line StringLiteral: message text
      throw invalidArgument('A pipeline id and a stage id are non-empty strings.');
    }
    // Stryker disable next-line StringLiteral: message text
    const expectedVersion = checkWriteOptions(args.options, ['expectedVersion', 'lossReasonId']);
    const lossReasonId: unknown = isPlainRecord(args.options) ? args.options.lossReasonId : undefined;
    // Stryker disable next-line StringLiteral: message text
    if (lossReasonId !== undefined && (typeof lossReasonId !== 'string' || lossReasonId === '')) throw invalidArgument('lossReasonId is a non-empty string.');
    const saved = await context.store.transaction(async (scope) => {
      const current = await loadForChange(context, principal, scope, 'deal', id, 'update');
      // Stryker disable next-line StringLiteral: message text
      checkVersion('deal', current, expectedVersion);
      const planned = planMoveRecord(rules, principal, current as never, { pipelineId: args.pipelineId, stageId: args.stageId }, { at: context.now(), ...(lossReasonId === undefined ? {} : { lossReasonId }) });
      // Stryker disable next-line StringLiteral: message text
      if (!planned.success) throw planFailure('deal', planned.issues);
      return commitChange(context, principal, scope, current, planned.data);
    });
    return projected(context, principal, 'deal', saved) as never;
  };
}

/**
 * An event as a person may see it in a history: an update names only the fields they may see; a
 * merge shows which records it merged and the visible fields it wrote, without what undoes it (the
 * merged records and every previous value, hidden ones too); an undone merge lists only the
 * visible fields of the merged records it kept.
 */
function projectEvent(event: LoggedEvent, sees: (field: string) => boolean): LoggedEvent {
  switch (event.type) {
    case 'updated':
      return { ...event, data: { fields: event.data.fields.filter(sees) } };
    case 'merged':
      return { ...event, data: { absorbedIds: event.data.absorbedIds, changed: event.data.changed.filter(sees), written: {}, relinked: [], undo: { survivor: {}, absorbed: [], children: [] } } };
    case 'mergeUndone':
      // Only the merged records' own fields: a relinked record may be one the reader cannot read.
      return { ...event, data: { ...event.data, kept: event.data.kept.filter((kept) => kept.entityType === event.entityType && sees(kept.field)) } };
    default:
      return event;
  }
}
