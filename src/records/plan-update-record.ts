import type { PermissionNeed, Principal } from '../access/index.js';
import { assertCanWriteFields, assertPrincipal, toAccessRecord } from '../access/index.js';
import type { EntityRecord, StoredRecord } from '../entities/index.js';
import { validateEntity } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, isPlainRecord, issue, ok, toInstant, ValidationError } from '../kernel/index.js';
import { getStageField } from '../pipelines/index.js';
import { changedFields, mergePatch } from './_internal/bag.js';
import { deriveFields } from './_internal/derive.js';
import { plainArgument } from './_internal/plain-argument.js';
import { brokenStageRules } from './_internal/stage-fields.js';
import { storedKeepingHidden } from './_internal/stored.js';
import type { RecordEvent } from './record-events.js';
import type { RecordRules } from './record-rules.js';
import { isStagedType, readRules } from './record-rules.js';
import type { RecordPlan } from './record-writes.js';

type Bag = Record<string, unknown>;

/**
 * The instant of a write, from the caller's clock.
 */
export interface WriteAt {
  readonly at: Date;
}

/** A stored record as a planner reads it: a plain object with an id and a version. */
export function checkCurrent(current: unknown): asserts current is StoredRecord {
  if (!isPlainRecord(current) || typeof current.id !== 'string' || !Number.isSafeInteger(current.version) || !isPlainRecord(current.custom)) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'The current record is a stored record: a plain object with an id, a version and custom values.');
  }
}

function readAt(options: unknown): Date {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw new ValidationError('INVALID_ARGUMENT', 'The options are { at }.');
  return toInstant(options.at as Date, 'at');
}

/** The plan of a change that changes nothing: no write, no event; the permission is still needed. */
function unchanged<R extends StoredRecord>(entityType: EntityType, current: R): RecordPlan<R> {
  return { record: current, changed: [], inserts: [], updates: [], deletes: [], events: [], needs: [{ action: 'update', entityType, record: toAccessRecord(current) }] };
}

/**
 * Plans an update a person makes with a patch: the record it will become, decided here and
 * nowhere else.
 *
 * - Custom fields the person cannot see may not be set or cleared: {@link FieldNotVisibleError}.
 * - The patch is validated in its patch form (`null` clears, `undefined` leaves a field as it
 *   is). The stage, status and pipeline change only by a move ({@link planMoveRecord}):
 *   `INVALID_STAGE_TRANSITION` at the field.
 * - A patch that writes nothing plans nothing: no write, no event (`changed` is empty).
 * - A probability typed in a patch is marked `probabilityIsManual` (unless the patch says
 *   otherwise); amounts follow the product rows unless set by hand; an activity gets
 *   `completedAt` when it is completed and loses it when reopened.
 * - A change may not empty a value the record's current stage requires (only requirements on the
 *   fields it touches count, so a rule added later does not block unrelated changes), nor break
 *   a deal's loss-reason rules.
 * - Custom values hidden from the person are kept as they are; the result is checked in its stored
 *   form, with `version` one up and `updatedAt` / `updatedById` stamped.
 *
 * @param rules - The entity type's rules, from {@link defineRecordRules}.
 * @param principal - Who updates.
 * @param current - The record as stored now.
 * @param patch - The patch, as given.
 * @param options - The instant of the write.
 * @returns The plan: the record, the changed fields, one `updated` event naming them, the `update`
 * permission on the record (and on the record as it will be, when its responsible person
 * changes); or the issues.
 * @throws {@link FieldNotVisibleError} `FIELD_NOT_VISIBLE`; {@link ValidationError}
 * `INVALID_ARGUMENT` for malformed rules, principal, record or options.
 * Arguments are read once, as `snapshotInput` reads them: `NOT_PLAIN_DATA` for one that is not
 * plain data (a getter, a Proxy, a class instance), `INVALID_TEXT`, `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const rules = defineRecordRules('deal');
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const created = unwrap(planCreateRecord(rules, ana, { title: 'Renewal' }, { id: '7', at: new Date('2026-03-02T10:00:00Z') })).record;
 * const later = new Date('2026-03-03T10:00:00Z');
 * const planned = unwrap(planUpdateRecord(rules, ana, created, { probability: 40, comments: 'Call back' }, { at: later }));
 * [planned.record.version, planned.record.probabilityIsManual, planned.changed]; //=> [2, true, ['comments', 'probability']]
 * planned.events.map((e) => e.type); //=> ['updated']
 * unwrap(planUpdateRecord(rules, ana, created, {}, { at: later })).changed; //=> []
 * const moved = planUpdateRecord(rules, ana, created, { stageId: 'WON' }, { at: later });
 * moved.success ? [] : moved.issues.map((i) => [i.code, ...i.path]); //=> [['INVALID_STAGE_TRANSITION', 'stageId']]
 * ```
 */
export function planUpdateRecord<E extends EntityType>(
  rules: RecordRules<E>,
  principal: Principal,
  current: EntityRecord<E>,
  patch: unknown,
  options: WriteAt,
): Result<RecordPlan<EntityRecord<E>>> {
  const checkedRules = readRules(rules);
  principal = plainArgument(principal, 'The principal');
  assertPrincipal(principal);
  current = plainArgument(current, 'The current record');
  checkCurrent(current);
  const at = readAt(plainArgument(options, 'The options'));
  patch = plainArgument(patch, 'The patch');
  const { entityType, registry } = checkedRules;
  if (isPlainRecord(patch)) assertCanWriteFields(registry, principal, patch);
  const validated = validateEntity(registry, 'patch', patch, { principal });
  if (!validated.success) return fail(validated.issues);
  const changes = validated.data as unknown as Readonly<Bag>;
  if (isStagedType(entityType)) {
    const moving = [getStageField(entityType), 'pipelineId'].filter((key) => changes[key] !== undefined);
    // Stryker disable next-line StringLiteral: message text
    if (moving.length > 0) return fail(moving.map((key) => issue('INVALID_STAGE_TRANSITION', 'The stage and pipeline change by a move, not an update.', [key])));
  }
  const changed = changedFields(changes);
  if (changed.length === 0) return ok(unchanged(entityType, current));
  const merged = mergePatch(current, changes);
  if (entityType === 'deal' && changes.probability !== undefined && changes.probabilityIsManual === undefined) merged.probabilityIsManual = true;
  deriveFields(entityType, merged, current as unknown as Bag, at);
  const issues: Issue[] = isStagedType(entityType) ? brokenStageRules(checkedRules, principal, merged, new Set(changed)) : [];
  if (issues.length > 0) return fail(issues);
  return finishChange(checkedRules, principal, current, merged, at, changed, [{ type: 'updated', entityType, entityId: current.id, at, byId: principal.userId, data: { fields: changed } }]);
}

/**
 * A changed record stamped (`version` one up, `updatedAt`, `updatedById`), checked in its stored
 * form keeping hidden values, with its events and the permissions the change needs.
 */
export function finishChange<E extends EntityType>(
  rules: RecordRules<E>,
  principal: Principal,
  current: StoredRecord,
  next: Bag,
  at: Date,
  changed: readonly string[],
  events: readonly RecordEvent[],
): Result<RecordPlan<EntityRecord<E>>> {
  Object.assign(next, { version: current.version + 1, updatedAt: at, updatedById: principal.userId });
  const stored = storedKeepingHidden(rules.registry, principal, next);
  if (!stored.success) return fail(stored.issues);
  const record = stored.data;
  const before = toAccessRecord(current);
  const after = toAccessRecord(record);
  const needs: PermissionNeed[] = [{ action: 'update', entityType: rules.entityType, record: before }];
  // A change of who is responsible (or of a deal's pipeline) must leave the record where the
  // person may still update it.
  if (after.assignedById !== before.assignedById || after.pipelineId !== before.pipelineId || after.opened !== before.opened) {
    needs.push({ action: 'update', entityType: rules.entityType, record: after });
  }
  return ok({
    record: record as unknown as EntityRecord<E>,
    changed,
    inserts: [],
    updates: [{ entityType: rules.entityType, record, expectedVersion: current.version }],
    deletes: [],
    events,
    needs,
  });
}

/**
 * Plans a change that crm-kit itself decides rather than a person's patch (a lead's links and
 * `convertedAt` on conversion, an existing contact gaining a company, a merge relinking a record):
 * the given fields are set as they are (`null` clears), without the patch form's checks, and the
 * result must still be a valid stored record (issues otherwise). It is stamped like any update and
 * needs the same permissions; the events are the caller's (an `updated` event naming the changed
 * fields when none are given).
 *
 * @param rules - The entity type's rules, from {@link defineRecordRules}.
 * @param principal - Who makes the change.
 * @param current - The record as stored now.
 * @param changes - The fields to set, already decided by the caller.
 * @param options - The instant, and the events to append instead of `updated`.
 * @returns The plan, or the issues of the stored form.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed input.
 * Arguments are read once, as `snapshotInput` reads them: `NOT_PLAIN_DATA` for one that is not
 * plain data (a getter, a Proxy, a class instance), `INVALID_TEXT`, `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const rules = defineRecordRules('contact');
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const contact = unwrap(planCreateRecord(rules, ana, { firstName: 'Ana' }, { id: '3', at: new Date('2026-03-02T10:00:00Z') })).record;
 * const linked = unwrap(planSystemUpdate(rules, ana, contact, { companyIds: ['41'] }, { at: new Date('2026-03-03T10:00:00Z') }));
 * [linked.record.companyIds, linked.changed]; //=> [['41'], ['companyIds']]
 * ```
 */
export function planSystemUpdate<E extends EntityType>(
  rules: RecordRules<E>,
  principal: Principal,
  current: EntityRecord<E>,
  changes: Readonly<Record<string, unknown>>,
  options: WriteAt & { readonly events?: readonly RecordEvent[] | undefined },
): Result<RecordPlan<EntityRecord<E>>> {
  const checkedRules = readRules(rules);
  principal = plainArgument(principal, 'The principal');
  assertPrincipal(principal);
  current = plainArgument(current, 'The current record');
  checkCurrent(current);
  options = plainArgument(options, 'The options');
  const at = readAt(options);
  changes = plainArgument(changes, 'The changes');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(changes)) throw new ValidationError('INVALID_ARGUMENT', 'The changes are a plain object of field values.');
  const changed = changedFields(changes);
  if (changed.length === 0) return ok(unchanged(checkedRules.entityType, current));
  const next = mergePatch(current, changes);
  deriveFields(checkedRules.entityType, next, current as unknown as Bag, at);
  const events = options.events ?? [{ type: 'updated', entityType: checkedRules.entityType, entityId: current.id, at, byId: principal.userId, data: { fields: changed } }];
  return finishChange(checkedRules, principal, current, next, at, changed, events);
}
