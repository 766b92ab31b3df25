import type { AccessRecord, Principal } from '../../access/index.js';
import { assertCan, assertCanFilterOn, assertCanWriteFields, can, projectRecord, recordScope, visibleFields } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import { dealAmountFrom } from '../../entities/index.js';
import type { CustomValues, EntityType, FieldRegistry } from '../../fields/index.js';
import { applyFieldDefaults } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { ConflictError, isPlainRecord, NotFoundError, ValidationError } from '../../kernel/index.js';
import type { Pipeline, StagedEntityType, StageEvent, TransitionItem } from '../../pipelines/index.js';
import {
  applyTransition,
  createdEvent,
  findStage,
  isFinalStage,
  lossReasonIssues,
  planTransition,
  STAGED_ENTITY_TYPES,
  stageFieldOf,
  stageRequirementIssues,
} from '../../pipelines/index.js';
import type { NewEvent, Page, Query, Repository, StoreScope } from '../../store/index.js';
import { normalizeQuery } from '../../store/index.js';
import type { EntityService, StagedService } from '../types.js';
import type { Context } from './context.js';
import { invalid } from './context.js';
import { bag, checkId, checkWriteOptions, deepFreeze, mergePatch, validated } from './records.js';

type Bag = Record<string, unknown>;

const QUERY_KEYS: ReadonlySet<string> = new Set(['where', 'sort', 'limit', 'cursor']);
const AMOUNT_TYPES: ReadonlySet<EntityType> = new Set(['deal', 'invoice', 'quote']);

/** The building blocks of one entity type's service for one principal, shared with lead conversion. */
export interface RecordOps {
  readonly entityType: EntityType;
  readonly registry: FieldRegistry;
  readonly principal: Principal;
  readonly repository: (scope: StoreScope) => Repository;
  /** The record as the principal may see it: invisible custom values removed; frozen. */
  readonly project: (record: StoredRecord) => StoredRecord;
  /** A record the principal can read, or `null` for one that is missing or they cannot read alike. */
  readonly readable: (scope: StoreScope, id: string) => Promise<StoredRecord | null>;
  /** A record the principal can read, or `NOT_FOUND` (so existence never leaks). */
  readonly load: (scope: StoreScope, id: string) => Promise<StoredRecord>;
  /** A new record from an input, validated, stamped and permission-checked; nothing is written. */
  readonly prepareNew: (input: unknown, at: Date, id?: string) => StoredRecord;
  /** Inserts a prepared record with its `created` event. */
  readonly insertNew: (scope: StoreScope, record: StoredRecord, at: Date) => Promise<StoredRecord>;
  /** Merges a validated patch into the current record, stamps it, validates the result and writes it. */
  readonly saveUpdate: (scope: StoreScope, current: StoredRecord, changes: Bag, at: Date) => Promise<StoredRecord>;
  /** A person's query made ready for the store (see `readQuery` below). */
  readonly readQuery: (query: unknown) => Query;
  readonly event: (type: string, id: string, at: Date, data?: Readonly<Bag>) => NewEvent;
}

export function accessRecord(record: object): AccessRecord {
  const source = record as Bag;
  const out: { assignedById: string; opened?: boolean; pipelineId?: string } = { assignedById: source.assignedById as string };
  if (typeof source.opened === 'boolean') out.opened = source.opened;
  if (typeof source.pipelineId === 'string') out.pipelineId = source.pipelineId;
  return out;
}

export function toNewEvent(event: StageEvent): NewEvent {
  const { type, entityType, entityId, at, byId, ...data } = event;
  return { type, entityType, entityId, at, byId, data };
}

export function isStaged(entityType: EntityType): entityType is StagedEntityType {
  return (STAGED_ENTITY_TYPES as readonly string[]).includes(entityType);
}

function firstStage(pipeline: Pipeline): string {
  const [first] = [...pipeline.stages].sort((a, b) => a.sort - b.sort);
  if (first === undefined) throw invalid('A pipeline has no stages.');
  return first.id;
}

/** The fields a validated patch writes (`undefined` leaves a field as it is), custom ones as `custom.<code>`, sorted. */
export function changedFields(changes: Readonly<Bag>): string[] {
  const fields = Object.keys(changes).filter((key) => key !== 'custom' && changes[key] !== undefined);
  const custom: unknown = changes.custom;
  if (isPlainRecord(custom)) for (const code of Object.keys(custom)) if (custom[code] !== undefined) fields.push(`custom.${code}`);
  return fields.sort();
}

function requirementsFailed(entityType: EntityType, issues: readonly Issue[]): ValidationError {
  return new ValidationError('VALIDATION_FAILED', `The ${entityType}'s stage needs values in some fields; see issues.`, { issues });
}

/** The pipeline a record of a staged type is in: its deal pipeline, or the type's single list. */
export function pipelineOfRecord(context: Context, entityType: EntityType, record: Bag): Pipeline | undefined {
  if (!isStaged(entityType)) return undefined;
  const pipelines = context.pipelines[entityType];
  return entityType === 'deal' ? pipelines.find((candidate) => candidate.id === record.pipelineId) : pipelines[0];
}

function convertFirst(): ValidationError {
  return new ValidationError('INVALID_STAGE_TRANSITION', 'A lead reaches its success status by conversion: use leads.convert.');
}

export function recordOps(context: Context, principal: Principal, entityType: EntityType): RecordOps {
  const { store, clock, ids, access } = context;
  const registry = context.registries[entityType];
  const repository = (scope: StoreScope): Repository => scope.repository(entityType);

  const pipelineOf = (record: Bag): Pipeline => {
    const pipeline = pipelineOfRecord(context, entityType, record);
    if (pipeline === undefined) throw new ValidationError('VALIDATION_FAILED', `The ${entityType} names no configured pipeline.`);
    return pipeline;
  };

  const event = (type: string, id: string, at: Date, data: Readonly<Bag> = {}): NewEvent => ({ type, entityType, entityId: id, at, byId: principal.userId, data });

  // A new staged record starts in the stage it names (the first of its pipeline by default) with
  // the stage's derived fields; it must meet that stage's requirements, as a move there would.
  const stageNew = (record: Bag, at: Date): void => {
    if (!isStaged(entityType)) return;
    if (entityType === 'deal') record.pipelineId ??= context.pipelines.deal[0].id;
    const pipeline = pipelineOf(record);
    const key = stageFieldOf(entityType);
    const stageId = (record[key] as string | undefined) ?? firstStage(pipeline);
    const stage = findStage(pipeline, stageId);
    if (stage === undefined) throw new ValidationError('VALIDATION_FAILED', `The ${entityType} names no stage of its pipeline.`);
    if (entityType === 'lead' && stage.semantic === 'success') throw convertFirst();
    record[key] = stage.id;
    if (entityType !== 'lead') {
      record.closed = isFinalStage(pipeline, stage.id);
      if (record.closed === true) record.closedAt = at;
    }
    if (entityType === 'deal') {
      if (record.probability === undefined) {
        if (stage.probability !== undefined) record.probability = stage.probability;
      } else {
        record.probabilityIsManual ??= true;
      }
      record.isReturnCustomer ??= false;
      record.isRepeatedApproach ??= false;
    }
    if (entityType === 'lead') record.isReturnCustomer ??= false;
    record.movedAt = at;
    record.movedById = principal.userId;
    const issues = stageRequirementIssues(record, pipeline, stage.id, { registry, principal });
    if (entityType === 'deal') issues.push(...lossReasonIssues(record.lossReasonId as string | undefined, stage, context.lossReasons));
    if (issues.length > 0) throw requirementsFailed(entityType, issues);
  };

  // Derived fields every write keeps right: an amount that follows the product rows, and the
  // instant an activity was completed.
  const derive = (record: Bag, previous: Bag | undefined, at: Date): void => {
    if (AMOUNT_TYPES.has(entityType)) {
      const { amount, taxAmount, source } = dealAmountFrom(record);
      if (source === 'rows') {
        record.amount = amount;
        if (taxAmount === undefined) Reflect.deleteProperty(record, 'taxAmount');
        else record.taxAmount = taxAmount;
      }
    }
    if (entityType === 'activity') {
      if (record.completed !== true) Reflect.deleteProperty(record, 'completedAt');
      else if (previous?.completed !== true) record.completedAt = at;
    }
  };

  const project = (record: StoredRecord): StoredRecord => deepFreeze(projectRecord(record, principal, registry));

  const readable = async (scope: StoreScope, id: string): Promise<StoredRecord | null> => {
    const record = await repository(scope).get(id);
    return record !== null && can(access, principal, 'read', entityType, accessRecord(record)) ? record : null;
  };

  const load = async (scope: StoreScope, id: string): Promise<StoredRecord> => {
    const record = await readable(scope, id);
    if (record === null) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id.`);
    return record;
  };

  return {
    entityType,
    registry,
    principal,
    repository,
    project,
    readable,
    load,
    event,

    prepareNew(input, at, id) {
      // Visibility first: a hidden or unknown field gets FIELD_NOT_VISIBLE alike, before any
      // validation could tell them apart or echo a hidden field's rules.
      if (isPlainRecord(input)) assertCanWriteFields(input, principal, registry);
      const data = validated(registry, 'input', input, principal);
      const record: Bag = {
        ...data,
        custom: bag(Object.entries(applyFieldDefaults(registry, data.custom as CustomValues, clock))),
        assignedById: data.assignedById ?? principal.userId,
      };
      stageNew(record, at);
      derive(record, undefined, at);
      assertCan(access, principal, 'add', entityType, accessRecord(record));
      Object.assign(record, {
        id: id ?? ids.next(entityType),
        version: 1,
        createdAt: at,
        updatedAt: at,
        createdById: principal.userId,
        updatedById: principal.userId,
      });
      return validated(registry, 'stored', record, principal) as unknown as StoredRecord;
    },

    async insertNew(scope, record, at) {
      const inserted = await repository(scope).insert(record);
      const created = isStaged(entityType)
        ? toNewEvent(createdEvent(inserted, { pipeline: pipelineOf(inserted as unknown as Bag), at, byId: principal.userId }))
        : event('created', inserted.id, at);
      await scope.events.append([created]);
      return inserted;
    },

    async saveUpdate(scope, current, changes, at) {
      const merged = mergePatch(current, changes);
      if (entityType === 'deal' && changes.probability !== undefined && changes.probabilityIsManual === undefined) merged.probabilityIsManual = true;
      derive(merged, current as unknown as Bag, at);
      Object.assign(merged, { version: current.version + 1, updatedAt: at, updatedById: principal.userId });
      if (merged.assignedById !== current.assignedById) assertCan(access, principal, 'update', entityType, accessRecord(merged));
      if (isStaged(entityType)) {
        // A change may not empty a value the record's current stage requires; values that were
        // already empty (a rule added later) do not block unrelated changes.
        const touched = new Set(changedFields(changes));
        const pipeline = pipelineOf(merged);
        const stageId = merged[stageFieldOf(entityType)] as string;
        const issues = stageRequirementIssues(merged, pipeline, stageId, { registry, principal });
        const stage = findStage(pipeline, stageId);
        if (entityType === 'deal' && stage !== undefined) issues.push(...lossReasonIssues(merged.lossReasonId as string | undefined, stage, context.lossReasons));
        const raised = issues.filter((found) => touched.has(found.path[0] === 'custom' ? `custom.${String(found.path[1])}` : String(found.path[0])));
        if (raised.length > 0) throw requirementsFailed(entityType, raised);
      }
      return repository(scope).update(storedKeepingHidden(registry, merged, principal), current.version);
    },

    // A person's query: only where, sort, limit and cursor, every field visible to them, and their
    // read scope pushed down to the store.
    readQuery(query) {
      if (!isPlainRecord(query)) throw invalid('A query is { where?, sort?, limit?, cursor? }.');
      for (const key of Object.keys(query)) {
        if (!QUERY_KEYS.has(key)) {
          throw invalid(key === 'scope' ? 'The record scope comes from the permissions; a query cannot give one.' : 'A query has only where, sort, limit and cursor.');
        }
      }
      assertCan(access, principal, 'read', entityType);
      // Visibility first, on the fields as given: a hidden custom field and an unknown one both get
      // FIELD_NOT_VISIBLE, whatever else is wrong with the clause or the store can do.
      for (const part of [query.where, query.sort]) {
        if (!Array.isArray(part)) continue;
        for (const entry of part as unknown[]) {
          const field = isPlainRecord(entry) ? entry.field : undefined;
          if (typeof field === 'string' && field.startsWith('custom.')) assertCanFilterOn(field, principal, registry);
        }
      }
      const scope = recordScope(access, principal, 'read', entityType);
      const pipelines = isStaged(entityType) ? context.pipelines[entityType] : undefined;
      return normalizeQuery({ ...query, scope }, { entityType, registry, capabilities: store.capabilities, pipelines });
    },
  };
}

// A changed record, validated as stored. Custom values hidden from the person are set aside while
// it is checked and put back unchanged: they could not touch them (assertCanWriteFields), they were
// valid when someone who sees them wrote them, and checking them again could fail on a rule
// tightened since, blocking the person and naming a field they cannot see.
function storedKeepingHidden(registry: FieldRegistry, record: Bag, principal: Principal): StoredRecord {
  const visible = new Set(visibleFields(principal, registry).map((definition) => definition.code));
  const custom = Object.entries(record.custom as Bag);
  const checked = validated(registry, 'stored', { ...record, custom: bag(custom.filter(([code]) => visible.has(code))) }, principal);
  checked.custom = bag([...Object.entries(checked.custom as Bag), ...custom.filter(([code]) => !visible.has(code))]);
  return checked as unknown as StoredRecord;
}

// The adapter checks the version again when it writes; checking here first refuses a stale write
// before any planning, with the same error the adapter would give.
export function checkVersion(entityType: EntityType, current: StoredRecord, expectedVersion: number): void {
  if (current.version !== expectedVersion) {
    throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was stored.`);
  }
}

/**
 * The service of one entity type for one principal. Every method validates its arguments,
 * checks permissions, and writes the record with its event in one transaction; `moveToStage`
 * exists on staged types only (the result of another type is an `EntityService`).
 */
export function recordService(context: Context, ops: RecordOps): StagedService<StagedEntityType> {
  const { store, clock, access } = context;
  const { entityType, registry, principal, repository, project, load } = ops;
  const staged = isStaged(entityType);

  const methods: EntityService<StagedEntityType> = {
    async create(input) {
      const at = clock.now();
      const record = ops.prepareNew(input, at);
      const saved = await store.transaction((scope) => ops.insertNew(scope, record, at));
      return project(saved) as never;
    },

    async get(id) {
      checkId(id);
      const record = await ops.readable(store, id);
      return record === null ? null : (project(record) as never);
    },

    async find(query = {}) {
      const page: Page<StoredRecord> = await repository(store).find(ops.readQuery(query));
      const out: { items: readonly StoredRecord[]; nextCursor?: string } = { items: page.items.map(project) };
      if (page.nextCursor !== undefined) out.nextCursor = page.nextCursor;
      return deepFreeze(out) as never;
    },

    async count(query = {}) {
      return repository(store).count(ops.readQuery(query));
    },

    stream(query = {}) {
      // Checked now, not on the first read, so a bad query fails where it is made.
      const normalized = ops.readQuery(query);
      return (async function* records() {
        for await (const record of repository(store).stream(normalized)) yield project(record) as never;
      })();
    },

    async update(id, patch, options) {
      checkId(id);
      const expectedVersion = checkWriteOptions(options);
      if (isPlainRecord(patch)) assertCanWriteFields(patch, principal, registry);
      const changes = validated(registry, 'patch', patch, principal);
      if (staged && (changes[stageFieldOf(entityType)] !== undefined || changes.pipelineId !== undefined)) {
        throw invalid(`Change the ${entityType === 'lead' ? 'status' : 'stage or pipeline'} with moveToStage, not update.`);
      }
      const saved = await store.transaction(async (scope) => {
        const current = await load(scope, id);
        assertCan(access, principal, 'update', entityType, accessRecord(current));
        checkVersion(entityType, current, expectedVersion);
        // A patch that writes nothing (empty, or only undefined values) stores nothing: no new
        // version, no event. The permission and the version were still checked.
        if (changedFields(changes).length === 0) return current;
        const at = clock.now();
        const updated = await ops.saveUpdate(scope, current, changes, at);
        await scope.events.append([ops.event('updated', id, at, { fields: changedFields(changes) })]);
        return updated;
      });
      return project(saved) as never;
    },

    async delete(id, options) {
      checkId(id);
      const expectedVersion = checkWriteOptions(options);
      await store.transaction(async (scope) => {
        const current = await load(scope, id);
        assertCan(access, principal, 'delete', entityType, accessRecord(current));
        checkVersion(entityType, current, expectedVersion);
        await repository(scope).delete(id, expectedVersion);
        await scope.events.append([ops.event('deleted', id, clock.now(), { version: current.version })]);
      });
    },

  };
  if (!staged) return methods as StagedService<StagedEntityType>;

  const moveToStage: StagedService<StagedEntityType>['moveToStage'] = async (id, stageId, options) => {
    checkId(id);
    const expectedVersion = checkWriteOptions(options, ['expectedVersion', 'lossReasonId']);
    if (typeof stageId !== 'string' || stageId === '') throw invalid('A stage id is a non-empty string.');
    if (entityType === 'lead' && context.pipelines.lead[0].stages.some((stage) => stage.id === stageId && stage.semantic === 'success')) throw convertFirst();
    const lossReasonId: unknown = options.lossReasonId;
    if (lossReasonId !== undefined && (typeof lossReasonId !== 'string' || lossReasonId === '')) throw invalid('lossReasonId is a non-empty string.');
    const saved = await store.transaction(async (scope) => {
      const current = await load(scope, id);
      assertCan(access, principal, 'update', entityType, accessRecord(current));
      checkVersion(entityType, current, expectedVersion);
      const at = clock.now();
      const item = current as unknown as TransitionItem;
      const pipeline = pipelineOfRecord(context, entityType, current as unknown as Bag);
      if (pipeline === undefined) throw new ValidationError('INVALID_STAGE_TRANSITION', `The ${entityType} is in no configured pipeline.`);
      const plan = planTransition(item, stageId, {
        pipeline,
        at,
        byId: principal.userId,
        principal,
        registry,
        ...(lossReasonId === undefined ? {} : { lossReasonId }),
        ...(context.lossReasons === undefined ? {} : { lossReasons: context.lossReasons }),
      });
      if (!plan.success) throw new ValidationError('INVALID_STAGE_TRANSITION', 'The move is not possible; see issues.', { issues: plan.issues });
      const moved = { ...(applyTransition(item, plan.data) as unknown as Bag), version: current.version + 1, updatedAt: at, updatedById: principal.userId };
      const updated = await repository(scope).update(storedKeepingHidden(registry, moved, principal), expectedVersion);
      await scope.events.append([toNewEvent(plan.data.event)]);
      return updated;
    });
    return project(saved) as never;
  };
  return { ...methods, moveToStage };
}
