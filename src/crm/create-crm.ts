import type { AccessPolicy, AccessRecord, Principal } from '../access/index.js';
import { assertCan, assertCanFilterOn, assertCanWriteFields, assertPrincipal, can, projectRecord, recordScope } from '../access/index.js';
import type { StoredRecord } from '../entities/index.js';
import type { CustomValues, EntityType, FieldRegistry } from '../fields/index.js';
import { applyFieldDefaults, createFieldRegistry, toFieldRegistry } from '../fields/index.js';
import type { Clock, IdGenerator } from '../kernel/index.js';
import { ConflictError, isPlainRecord, NotFoundError, ValidationError } from '../kernel/index.js';
import type { Pipeline, StageEvent, TransitionItem } from '../pipelines/index.js';
import { applyTransition, assertPipeline, createdEvent, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, findStage, isFinalStage, planTransition } from '../pipelines/index.js';
import type { NewEvent, Page, Query, Store, StoreScope } from '../store/index.js';
import { guardStore, normalizeQuery } from '../store/index.js';
import { bag, checkId, checkWriteOptions, deepFreeze, mergePatch, validated } from './_internal/records.js';
import type { CreateCrmOptions, Crm, CrmSession, CrmSettings, EntityService, StagedService } from './types.js';

interface Context {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly access: AccessPolicy;
  readonly registries: Readonly<Record<EntityType, FieldRegistry>>;
  readonly dealPipelines: readonly Pipeline[];
  readonly leadStatuses: Pipeline;
}

type ServiceType = 'contact' | 'company' | 'deal' | 'lead';
const QUERY_KEYS: ReadonlySet<string> = new Set(['where', 'sort', 'limit', 'cursor']);

function invalid(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

function readOptions(options: unknown): Context & { readonly settings: CrmSettings } {
  if (!isPlainRecord(options)) throw invalid('createCrm takes { store, clock, ids, access, fields?, pipelines?, settings? }.');
  const clock = options.clock as Partial<Clock> | null | undefined;
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') throw invalid('createCrm needs a clock with now().');
  const ids = options.ids as Partial<IdGenerator> | null | undefined;
  if (typeof ids !== 'object' || ids === null || typeof ids.next !== 'function') throw invalid('createCrm needs an id generator with next(entityType).');
  const access = options.access as Partial<AccessPolicy> | null | undefined;
  if (typeof access !== 'object' || access === null || !Array.isArray(access.roles) || typeof access.orgChart !== 'object') {
    throw invalid('createCrm needs an access policy from createAccessPolicy.');
  }
  const store = guardStore(options.store as Store);

  const fields: unknown = options.fields ?? {};
  if (!isPlainRecord(fields)) throw invalid('fields maps entity types to field registries.');
  const registries = {} as Record<EntityType, FieldRegistry>;
  for (const entityType of ['lead', 'contact', 'company', 'deal', 'activity', 'invoice', 'quote'] as const) {
    const given = fields[entityType];
    const registry = given === undefined ? createFieldRegistry(entityType) : toFieldRegistry(given as FieldRegistry);
    if (registry.entityType !== entityType) throw invalid(`fields.${entityType} is the registry of another entity type.`);
    registries[entityType] = registry;
  }

  const pipelines: unknown = options.pipelines ?? {};
  if (!isPlainRecord(pipelines)) throw invalid('pipelines is { deal?: Pipeline[], lead?: Pipeline }.');
  const dealPipelines: unknown = pipelines.deal ?? [DEFAULT_DEAL_PIPELINE];
  if (!Array.isArray(dealPipelines) || dealPipelines.length === 0) throw invalid('pipelines.deal is a non-empty list of deal pipelines.');
  const seen = new Set<string>();
  for (const pipeline of dealPipelines as unknown[]) {
    assertPipeline(pipeline);
    if (pipeline.entityType !== 'deal') throw invalid('pipelines.deal holds deal pipelines only.');
    if (seen.has(pipeline.id)) throw invalid('Two deal pipelines have the same id.');
    seen.add(pipeline.id);
  }
  const leadStatuses: unknown = pipelines.lead ?? DEFAULT_LEAD_STATUSES;
  assertPipeline(leadStatuses);
  if (leadStatuses.entityType !== 'lead') throw invalid('pipelines.lead is the lead status list.');

  const settings: unknown = options.settings ?? {};
  if (!isPlainRecord(settings)) throw invalid('settings is a plain object.');
  return {
    store,
    clock: clock as Clock,
    ids: ids as IdGenerator,
    access: access as AccessPolicy,
    registries,
    dealPipelines: dealPipelines as readonly Pipeline[],
    leadStatuses,
    settings: Object.freeze({ ...(settings as CrmSettings) }),
  };
}

function accessRecord(record: Readonly<Record<string, unknown>>): AccessRecord {
  const out: { assignedById: string; opened?: boolean; pipelineId?: string } = { assignedById: record.assignedById as string };
  if (typeof record.opened === 'boolean') out.opened = record.opened;
  if (typeof record.pipelineId === 'string') out.pipelineId = record.pipelineId;
  return out;
}

function toNewEvent(event: StageEvent): NewEvent {
  const { type, entityType, entityId, at, byId, ...data } = event;
  return { type, entityType, entityId, at, byId, data };
}

function firstStage(pipeline: Pipeline): string {
  const [first] = [...pipeline.stages].sort((a, b) => a.sort - b.sort);
  if (first === undefined) throw invalid('A pipeline has no stages.');
  return first.id;
}

function service(context: Context, principal: Principal, entityType: ServiceType): StagedService<'deal' | 'lead'> {
  const { store, clock, ids, access } = context;
  const registry = context.registries[entityType];
  const repository = (scope: StoreScope) => scope.repository(entityType);
  const project = (record: StoredRecord): StoredRecord => deepFreeze(projectRecord(record, principal, registry));
  const staged = entityType === 'deal' || entityType === 'lead';
  const stageKey = entityType === 'lead' ? 'status' : 'stageId';

  const pipelineOf = (record: Readonly<Record<string, unknown>>): Pipeline => {
    if (entityType === 'lead') return context.leadStatuses;
    const pipeline = context.dealPipelines.find((candidate) => candidate.id === record.pipelineId);
    if (pipeline === undefined) throw new ValidationError('INVALID_STAGE_TRANSITION', 'The deal is in no configured pipeline.');
    return pipeline;
  };

  // A person's query: only where, sort, limit and cursor, every field visible to them, and their
  // read scope pushed down to the store.
  const readQuery = (query: unknown): Query => {
    if (!isPlainRecord(query)) throw invalid('A query is { where?, sort?, limit?, cursor? }.');
    for (const key of Object.keys(query)) {
      if (!QUERY_KEYS.has(key)) {
        throw invalid(key === 'scope' ? 'The record scope comes from the permissions; a query cannot give one.' : 'A query has only where, sort, limit and cursor.');
      }
    }
    assertCan(access, principal, 'read', entityType);
    const scope = recordScope(access, principal, 'read', entityType);
    const normalized: Query = normalizeQuery({ ...query, scope }, { entityType, registry, capabilities: store.capabilities });
    for (const clause of normalized.where ?? []) assertCanFilterOn(clause.field, principal, registry);
    for (const key of normalized.sort ?? []) assertCanFilterOn(key.field, principal, registry);
    return normalized;
  };

  // Loads a record the principal can read; anything else is NOT_FOUND, so existence never leaks.
  const load = async (scope: StoreScope, id: string): Promise<StoredRecord> => {
    const record = await repository(scope).get(id);
    if (record === null || !can(access, principal, 'read', entityType, accessRecord(record as unknown as Record<string, unknown>))) {
      throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id.`);
    }
    return record;
  };

  // The adapter checks the version again when it writes; checking here first refuses a stale
  // write before any planning, with the same error the adapter would give.
  const checkVersion = (current: StoredRecord, expectedVersion: number): void => {
    if (current.version !== expectedVersion) {
      throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was stored.`);
    }
  };

  const event = (type: string, id: string, at: Date, data: Readonly<Record<string, unknown>> = {}): NewEvent => ({
    type,
    entityType,
    entityId: id,
    at,
    byId: principal.userId,
    data,
  });

  const stageFields = (record: Record<string, unknown>, at: Date): void => {
    if (entityType === 'deal') {
      const pipelineId = record.pipelineId ?? context.dealPipelines[0]?.id;
      const pipeline = context.dealPipelines.find((candidate) => candidate.id === pipelineId);
      if (pipeline === undefined) throw new ValidationError('VALIDATION_FAILED', 'The deal names no configured pipeline.');
      const stageId = (record.stageId as string | undefined) ?? firstStage(pipeline);
      const stage = findStage(pipeline, stageId);
      if (stage === undefined) throw new ValidationError('VALIDATION_FAILED', 'The deal names no stage of its pipeline.');
      record.pipelineId = pipeline.id;
      record.stageId = stage.id;
      record.closed = isFinalStage(pipeline, stage.id);
      if (record.closed === true) record.closedAt = at;
      if (record.probability === undefined && stage.probability !== undefined) record.probability = stage.probability;
      record.isReturnCustomer ??= false;
      record.isRepeatedApproach ??= false;
    } else {
      const status = (record.status as string | undefined) ?? firstStage(context.leadStatuses);
      if (findStage(context.leadStatuses, status) === undefined) throw new ValidationError('VALIDATION_FAILED', 'The lead names no known status.');
      record.status = status;
      record.isReturnCustomer ??= false;
    }
    record.movedAt = at;
    record.movedById = principal.userId;
  };

  const methods: StagedService<'deal' | 'lead'> = {
    async create(input) {
      const data = validated(registry, 'input', input, principal);
      assertCanWriteFields(input as { custom?: Record<string, unknown> }, principal, registry);
      const at = clock.now();
      const record: Record<string, unknown> = {
        ...data,
        custom: bag(Object.entries(applyFieldDefaults(registry, data.custom as CustomValues, clock))),
        assignedById: (data.assignedById) ?? principal.userId,
      };
      if (staged) stageFields(record, at);
      assertCan(access, principal, 'add', entityType, accessRecord(record));
      record.id = ids.next(entityType);
      Object.assign(record, { version: 1, createdAt: at, updatedAt: at, createdById: principal.userId, updatedById: principal.userId });
      const stored = validated(registry, 'stored', record, principal) as unknown as StoredRecord;
      const saved = await store.transaction(async (scope) => {
        const inserted = await repository(scope).insert(stored);
        const created = staged
          ? toNewEvent(createdEvent(inserted, { pipeline: pipelineOf(record), at, byId: principal.userId }))
          : event('created', inserted.id, at);
        await scope.events.append([created]);
        return inserted;
      });
      return project(saved) as never;
    },

    async get(id) {
      checkId(id);
      const record = await repository(store).get(id);
      if (record === null || !can(access, principal, 'read', entityType, accessRecord(record as unknown as Record<string, unknown>))) return null;
      return project(record) as never;
    },

    async find(query = {}) {
      const page: Page<StoredRecord> = await repository(store).find(readQuery(query));
      const out: { items: readonly StoredRecord[]; nextCursor?: string } = { items: page.items.map(project) };
      if (page.nextCursor !== undefined) out.nextCursor = page.nextCursor;
      return deepFreeze(out) as never;
    },

    async count(query = {}) {
      return repository(store).count(readQuery(query));
    },

    stream(query = {}) {
      // Checked now, not on the first read, so a bad query fails where it is made.
      const normalized = readQuery(query);
      return (async function* records() {
        for await (const record of repository(store).stream(normalized)) yield project(record) as never;
      })();
    },

    async update(id, patch, options) {
      checkId(id);
      const expectedVersion = checkWriteOptions(options);
      const changes = validated(registry, 'patch', patch, principal);
      assertCanWriteFields(patch as { custom?: Record<string, unknown> }, principal, registry);
      if (staged && (changes[stageKey] !== undefined || changes.pipelineId !== undefined)) {
        throw invalid(`Change the ${stageKey === 'status' ? 'status' : 'stage or pipeline'} with moveToStage, not update.`);
      }
      const saved = await store.transaction(async (scope) => {
        const current = await load(scope, id);
        assertCan(access, principal, 'update', entityType, accessRecord(current as unknown as Record<string, unknown>));
        checkVersion(current, expectedVersion);
        const at = clock.now();
        const merged = mergePatch(current, changes);
        Object.assign(merged, { version: current.version + 1, updatedAt: at, updatedById: principal.userId });
        if (merged.assignedById !== current.assignedById) {
          assertCan(access, principal, 'update', entityType, accessRecord(merged));
        }
        const next = validated(registry, 'stored', merged, principal) as unknown as StoredRecord;
        const updated = await repository(scope).update(next, expectedVersion);
        const fields = Object.keys(changes).filter((key) => key !== 'custom');
        const custom = isPlainRecord(changes.custom) ? Object.keys(changes.custom).map((code) => `custom.${code}`) : [];
        await scope.events.append([event('updated', id, at, { fields: [...fields, ...custom].sort() })]);
        return updated;
      });
      return project(saved) as never;
    },

    async delete(id, options) {
      checkId(id);
      const expectedVersion = checkWriteOptions(options);
      await store.transaction(async (scope) => {
        const current = await load(scope, id);
        assertCan(access, principal, 'delete', entityType, accessRecord(current as unknown as Record<string, unknown>));
        await repository(scope).delete(id, expectedVersion);
        await scope.events.append([event('deleted', id, clock.now(), { version: current.version })]);
      });
    },

    async moveToStage(id, stageId, options) {
      checkId(id);
      const expectedVersion = checkWriteOptions(options);
      if (typeof stageId !== 'string' || stageId === '') throw invalid('A stage id is a non-empty string.');
      const lossReasonId: unknown = options.lossReasonId;
      if (lossReasonId !== undefined && (typeof lossReasonId !== 'string' || lossReasonId === '')) throw invalid('lossReasonId is a non-empty string.');
      const saved = await store.transaction(async (scope) => {
        const current = await load(scope, id);
        assertCan(access, principal, 'update', entityType, accessRecord(current as unknown as Record<string, unknown>));
        checkVersion(current, expectedVersion);
        const at = clock.now();
        const item = current as unknown as TransitionItem;
        const plan = planTransition(item, stageId, {
          pipeline: pipelineOf(current as unknown as Record<string, unknown>),
          at,
          byId: principal.userId,
          principal,
          registry,
          ...(lossReasonId === undefined ? {} : { lossReasonId }),
        });
        if (!plan.success) throw new ValidationError('INVALID_STAGE_TRANSITION', 'The move is not possible; see issues.', { issues: plan.issues });
        const moved = { ...(applyTransition(item, plan.data) as unknown as Record<string, unknown>), version: current.version + 1, updatedAt: at, updatedById: principal.userId };
        const next = validated(registry, 'stored', moved, principal) as unknown as StoredRecord;
        const updated = await repository(scope).update(next, expectedVersion);
        await scope.events.append([toNewEvent(plan.data.event)]);
        return updated;
      });
      return project(saved) as never;
    },
  };
  return methods;
}

/**
 * Makes a ready CRM service over a store: `crm.as(principal)` gives the services of one person,
 * where every call validates with the compiled schemas, checks permissions (and pushes the
 * person's record scope into every query), writes the record and its event in one transaction,
 * and returns plain, frozen records projected for that person. The store is wrapped with
 * `guardStore`, so adapter failures surface as `ADAPTER_FAILURE`.
 *
 * @param options - `{ store, clock, ids, access, fields?, pipelines?, settings? }`: field
 * registries default to the standard fields only; pipelines default to `DEFAULT_DEAL_PIPELINE`
 * and `DEFAULT_LEAD_STATUSES`.
 * @returns The CRM: `as(principal)` and the settings.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options.
 *
 * @example
 * ```ts
 * // import { createMemoryStore } from 'crm-kit/memory';
 * // const crm = createCrm({ store: createMemoryStore(), clock: systemClock, ids: uuidV7Ids(), access: policy });
 * // const me = crm.as({ userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false });
 * // const deal = await me.deals.create({ title: 'Acme renewal' });            // stage NEW, version 1
 * // await me.deals.moveToStage(deal.id, 'WON', { expectedVersion: 1 });      // closed, event logged
 * // await me.deals.find({ where: [{ field: 'custom.margin', op: 'gt', value: 10 }] }); // FIELD_NOT_VISIBLE if hidden from Ana
 * ```
 */
export function createCrm(options: CreateCrmOptions): Crm {
  const { settings, ...context } = readOptions(options);
  return Object.freeze({
    settings,
    as(principal: Principal): CrmSession {
      assertPrincipal(principal);
      const who: Principal = deepFreeze({
        userId: principal.userId,
        roleIds: [...principal.roleIds],
        departmentIds: [...principal.departmentIds],
        isAdmin: principal.isAdmin,
      });
      return Object.freeze({
        principal: who,
        contacts: service(context, who, 'contact') as unknown as EntityService<'contact'>,
        companies: service(context, who, 'company') as unknown as EntityService<'company'>,
        deals: service(context, who, 'deal') as StagedService<'deal'>,
        leads: service(context, who, 'lead') as StagedService<'lead'>,
      });
    },
  });
}
