import type { Principal } from '../../access/index.js';
import { assertCan, assertPermissions, can, projectRecord, toAccessRecord } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { ConflictError, isPlainRecord, isStorableText, LIMITS, NotFoundError, sealPlain, ValidationError } from '../../kernel/index.js';
import type { RecordWrites } from '../../records/index.js';
import type { LoggedEvent, NewEvent, StoreScope } from '../../store/index.js';
import type { Context } from './context.js';
import { writeMatchKeys } from './match-keys.js';

export function checkId(id: unknown): asserts id is string {
  // Stryker disable next-line StringLiteral: message text
  if (typeof id !== 'string' || id === '') throw new ValidationError('INVALID_ARGUMENT', 'An id is a non-empty string.');
  // Ids are not in the argument snapshots, yet reach the store as text like everything else.
  // Stryker disable next-line StringLiteral: message text
  if (!isStorableText(id)) throw new ValidationError('INVALID_TEXT', 'An id holds text with a NUL or a lone surrogate.');
}

/** Reads the expected version of write options that have only the given keys. */
export function checkWriteOptions(options: unknown, keys: readonly string[] = ['expectedVersion']): number {
  if (!isPlainRecord(options) || Object.keys(options).some((key) => !keys.includes(key))) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', `Write options are { ${keys.join(', ')} }.`);
  }
  const version = options.expectedVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'expectedVersion is the positive integer version the record is expected to have.');
  }
  return version;
}

// The adapter checks the version again when it writes; checking here first refuses a stale write
// before any planning, with the same error the adapter would give.
export function checkVersion(entityType: EntityType, current: StoredRecord, expectedVersion: number): void {
  if (current.version !== expectedVersion) {
    // Stryker disable next-line StringLiteral: message text
    throw new ConflictError('VERSION_CONFLICT', `The ${entityType} was changed by someone else (its version is not the expected one); nothing was stored.`);
  }
}

/**
 * The error of a plan that failed, the same on every path: a stage change the pipeline does not
 * allow is `INVALID_STAGE_TRANSITION`; anything else (a value missing or wrong, a stage's
 * requirements included) is `VALIDATION_FAILED`. Both carry the issues.
 */
// Stryker disable next-line StringLiteral: message text
export function planFailure(entityType: EntityType, issues: readonly Issue[], what = `The ${entityType} cannot be written`): ValidationError {
  const code = issues.some((found) => found.code === 'INVALID_STAGE_TRANSITION') ? 'INVALID_STAGE_TRANSITION' : 'VALIDATION_FAILED';
  // Stryker disable next-line StringLiteral: message text
  return new ValidationError(code, `${what}; see issues.`, { issues });
}

/** What a service hands back: the record as the person may see it, frozen, its Dates its own. */
export function projected<T extends StoredRecord>(context: Context, principal: Principal, entityType: EntityType, record: T): T {
  const out = projectRecord(context.rules[entityType].registry, principal, record) as Record<string, unknown>;
  // Stored Dates are shared with the store: a caller must never be able to change one.
  for (const [key, value] of Object.entries(out)) if (value instanceof Date) out[key] = new Date(value.getTime());
  return sealPlain(out) as T;
}

/** A record the principal can read, or `null` for one that is missing or they cannot read alike. */
export async function readable(context: Context, principal: Principal, scope: StoreScope, entityType: EntityType, id: string): Promise<StoredRecord | null> {
  const record = await scope.repository(entityType).get(id);
  return record !== null && can(context.access, principal, 'read', entityType, toAccessRecord(record)) ? record : null;
}

/** The records of these ids that exist and the principal can read, read together. */
export async function readableMany(context: Context, principal: Principal, scope: StoreScope, entityType: EntityType, ids: readonly string[]): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (let at = 0; at < ids.length; at += LIMITS.queryValues) {
    for (const record of await scope.repository(entityType).getMany(ids.slice(at, at + LIMITS.queryValues))) {
      if (can(context.access, principal, 'read', entityType, toAccessRecord(record))) out.push(record);
    }
  }
  return out;
}

/** A record the principal can read, or `NOT_FOUND` (so existence never leaks). */
export async function load(context: Context, principal: Principal, scope: StoreScope, entityType: EntityType, id: string): Promise<StoredRecord> {
  const record = await readable(context, principal, scope, entityType, id);
  // Stryker disable next-line StringLiteral: message text
  if (record === null) throw new NotFoundError('NOT_FOUND', `No ${entityType} with this id.`);
  return record;
}

/**
 * A record the principal is about to change: readable (`NOT_FOUND` otherwise), and theirs to
 * `update` or `delete` as it is now (`FORBIDDEN` otherwise), checked before anything is planned,
 * so a person who may not touch a record learns nothing about what a change would do. The plan's
 * own needs (the record as it will be) are checked after planning.
 */
export async function loadForChange(context: Context, principal: Principal, scope: StoreScope, entityType: EntityType, id: string, action: 'update' | 'delete'): Promise<StoredRecord> {
  const current = await load(context, principal, scope, entityType, id);
  assertCan(context.access, principal, action, entityType, toAccessRecord(current));
  return current;
}

/**
 * Whether a stored deal is in a stage of one of the CRM's pipelines. One that is not (its pipeline
 * was removed since) cannot be classified won or not, so it is left out of a client's deals rather
 * than failing every new deal of that client.
 */
export function isKnownStage(context: Context, pipelineId: unknown, stageId: unknown): boolean {
  return context.rules.deal.pipelines.some((pipeline) => pipeline.id === pipelineId && pipeline.stages.some((stage) => stage.id === stageId));
}

/** Throws `FORBIDDEN`, listing them all, when the principal lacks a permission the plan needs. */
export function checkNeeds(context: Context, principal: Principal, writes: Pick<RecordWrites<NewEvent>, 'needs'>): void {
  assertPermissions(context.access, principal, writes.needs);
}

/**
 * Applies a plan's writes in the unit of work: inserts and updates in batches per entity type,
 * removals, the events, then the match keys of the records written; returns the events as logged.
 * Decides nothing: the plan did, and its needs were checked.
 */
export async function applyWrites(context: Context, scope: StoreScope, writes: RecordWrites<NewEvent>): Promise<readonly LoggedEvent[]> {
  for (const [entityType, records] of grouped(writes.inserts)) await scope.repository(entityType).insertMany(records.map(({ record }) => record));
  for (const [entityType, updates] of grouped(writes.updates)) {
    await scope.repository(entityType).updateMany(updates.map(({ record, expectedVersion }) => ({ record, expectedVersion })));
  }
  for (const { entityType, id, expectedVersion } of writes.deletes) await scope.repository(entityType).delete(id, expectedVersion);
  const logged = writes.events.length > 0 ? await scope.events.append(writes.events.map((event) => sealPlain(event))) : [];
  // The match keys of what was written, in the same unit: a check never misses a record just written.
  await writeMatchKeys(context, scope, [
    ...writes.inserts.map(({ entityType, record }) => ({ entityType, id: record.id, record, inserted: true })),
    ...writes.updates.map(({ entityType, record }) => ({ entityType, id: record.id, record })),
    ...writes.deletes.map(({ entityType, id }) => ({ entityType, id })),
  ]);
  return logged;
}

function grouped<T extends { readonly entityType: EntityType }>(items: readonly T[]): Map<EntityType, T[]> {
  const out = new Map<EntityType, T[]>();
  for (const item of items) {
    const list = out.get(item.entityType);
    if (list === undefined) out.set(item.entityType, [item]);
    else list.push(item);
  }
  return out;
}
