import type { Principal } from '../../access/index.js';
import { assertCan, can, listVisibleFields, toAccessRecord } from '../../access/index.js';
import type { DuplicateEntityType, MergeChild, MergedEventData, MergePlan } from '../../duplicates/index.js';
import { DUPLICATE_ENTITY_TYPES, MERGE_POLICIES } from '../../duplicates/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { listStandardFields } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { ConflictError, ForbiddenError, invalidArgument, isPlainRecord, issue, LIMITS, NotFoundError, ValidationError } from '../../kernel/index.js';
import type { RecordPlan, RecordWrites } from '../../records/index.js';
import { combineWrites, planDeleteRecord, planSystemUpdate } from '../../records/index.js';
import type { FilterClause, LoggedEvent, NewEvent, StoreScope } from '../../store/index.js';
import type { MergeableService, MergePreview, MergeResult, MergeService, UndoMergeResult } from '../types.js';
import type { Context } from './context.js';
import { duplicatesOf } from './duplicate-settings.js';
import { snapshotArgument } from './context.js';
import { applyWrites, checkId, checkNeeds, checkVersion, loadForChange, planFailure, projected } from './records.js';

const MERGE_KEYS: ReadonlySet<string> = new Set(['choices', 'policy', 'expectedVersions']);

interface ReadMerge {
  readonly survivorId: string;
  readonly absorbedIds: readonly string[];
  readonly choices: Readonly<Record<string, string>> | undefined;
  readonly policy: (typeof MERGE_POLICIES)[number] | undefined;
  readonly expectedVersions: Readonly<Record<string, number>>;
}

function readMerge(survivorId: unknown, absorbedIds: unknown, options: unknown): ReadMerge {
  checkId(survivorId);
  // Stryker disable next-line StringLiteral: message text
  const ids = snapshotArgument(absorbedIds, 'The merged ids');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.listItems) throw invalidArgument('A merge takes the ids of one or more records to merge into the survivor.');
  for (const id of ids as readonly unknown[]) checkId(id);
  // Stryker disable next-line StringLiteral: message text
  const given = snapshotArgument(options ?? {}, 'The merge options');
  if (!isPlainRecord(given) || Object.keys(given).some((key) => !MERGE_KEYS.has(key))) throw invalidArgument('Merge options are { choices?, policy?, expectedVersions? }.');
  const { choices, policy, expectedVersions = {} } = given;
  if (choices !== undefined && !(isPlainRecord(choices) && Object.values(choices).every((id) => typeof id === 'string'))) throw invalidArgument('choices maps field codes to the id of the record whose value wins.');
  if (policy !== undefined && !(MERGE_POLICIES as readonly unknown[]).includes(policy)) throw invalidArgument(`policy is one of ${MERGE_POLICIES.join(', ')}.`);
  if (!isPlainRecord(expectedVersions) || !Object.values(expectedVersions).every((version) => typeof version === 'number' && Number.isSafeInteger(version) && version >= 1)) {
    throw invalidArgument('expectedVersions maps record ids to the versions they are expected to have.');
  }
  return {
    survivorId,
    absorbedIds: ids as readonly string[],
    choices: choices as Readonly<Record<string, string>> | undefined,
    policy: policy as ReadMerge['policy'],
    expectedVersions: expectedVersions as Readonly<Record<string, number>>,
  };
}

function registriesOf(context: Context): Partial<Record<EntityType, FieldRegistry>> {
  return Object.fromEntries(Object.entries(context.rules).map(([entityType, rules]) => [entityType, rules.registry]));
}

// The custom fields of a type hidden from a person, as `custom.<code>`.
function hiddenFields(context: Context, principal: Principal, entityType: EntityType): Set<string> {
  const registry = context.rules[entityType].registry;
  const visible = new Set(listVisibleFields(registry, principal).map((definition) => definition.code));
  return new Set(registry.customFields.filter((definition) => !visible.has(definition.code)).map((definition) => `custom.${definition.code}`));
}

/**
 * The records that link to any of `ids` (of `target`), read in the unit: through a filter where
 * the store can filter the link field, otherwise by reading the type and keeping the records whose
 * field names one of the ids (the planner decides exactly which links move).
 */
async function childrenOf(context: Context, scope: StoreScope, target: DuplicateEntityType, survivorId: string, ids: readonly string[]): Promise<MergeChild[]> {
  const found = new Map<string, MergeChild>();
  // The merged records themselves are not children: the planner relinks the survivor's own links,
  // and the merged records are removed (and restored as they were on undo).
  const merged = new Set([survivorId, ...ids]);
  const { capabilities } = context.store;
  for (const link of duplicatesOf(context.duplicates).control.listLinksTo(target, registriesOf(context))) {
    const standard = listStandardFields(link.entityType).find((field) => field.code === link.field);
    const op = link.shape === 'link' ? 'in' : link.shape === 'links' ? 'overlaps' : undefined;
    const filterable = standard?.filterable === true && op !== undefined && capabilities.operators.includes(op);
    const where: FilterClause[] = filterable ? [{ field: link.field, op, value: [...ids] }] : [];
    for await (const record of scope.repository(link.entityType).stream({ where, limit: capabilities.maxPageSize })) {
      if ((link.entityType === target && merged.has(record.id)) || (!filterable && !mentions(record, link.field, ids))) continue;
      found.set(`${link.entityType}\u0000${record.id}`, { entityType: link.entityType, record } as unknown as MergeChild);
    }
  }
  return [...found.values()];
}

// Whether a record's field holds one of the ids anywhere in its value (a coarse test: the planner
// decides which links move).
function mentions(record: StoredRecord, field: string, ids: readonly string[]): boolean {
  const bag = record as unknown as Readonly<Record<string, unknown>>;
  const value = field.startsWith('custom.') ? (bag.custom as Readonly<Record<string, unknown>> | undefined)?.[field.slice('custom.'.length)] : bag[field];
  if (value === undefined || value === null) return false;
  const text = JSON.stringify(value);
  return ids.some((id) => text.includes(JSON.stringify(id)));
}

// The fields of a stage, decided together (planMerge names the group by its first field).
const STAGE_GROUPS: Partial<Record<DuplicateEntityType, { readonly name: string; readonly fields: readonly string[] }>> = {
  deal: { name: 'stageId', fields: ['stageId', 'pipelineId', 'lossReasonId'] },
  lead: { name: 'status', fields: ['status'] },
};

/**
 * The choices of a merge with the survivor's stage kept: a stage changes only by a move, where the
 * pipeline's rules apply and the stage history records it, so a merge never moves the survivor.
 * A choice of another record's stage is refused with `VALIDATION_FAILED`.
 */
function keepingStage(entityType: DuplicateEntityType, merge: ReadMerge): Readonly<Record<string, string>> | undefined {
  const group = STAGE_GROUPS[entityType];
  if (group === undefined) return merge.choices;
  for (const field of group.fields) {
    const chosen = merge.choices?.[field];
    if (chosen !== undefined && chosen !== merge.survivorId) {
      // Stryker disable next-line StringLiteral: message text
      throw new ValidationError('VALIDATION_FAILED', 'A merge keeps the survivor\'s stage; see issues.', {
        issues: [issue('INVALID_VALUE', 'A merge keeps the survivor\'s stage: move it after merging, where the pipeline\'s rules apply.', ['choices', field])],
      });
    }
  }
  return { ...merge.choices, [group.name]: merge.survivorId };
}

interface Planned {
  readonly plan: MergePlan;
  readonly survivor: StoredRecord;
  readonly absorbed: readonly StoredRecord[];
  readonly children: readonly MergeChild[];
}

/** Loads the records of a merge for a person (checking `read` + `update` on the survivor, `read` + `delete` on the others) and plans it. */
async function planIn(context: Context, principal: Principal, scope: StoreScope, entityType: DuplicateEntityType, merge: ReadMerge): Promise<Planned> {
  const survivor = await loadForChange(context, principal, scope, entityType, merge.survivorId, 'update');
  const absorbed: StoredRecord[] = [];
  for (const id of merge.absorbedIds) absorbed.push(await loadForChange(context, principal, scope, entityType, id, 'delete'));
  for (const record of [survivor, ...absorbed]) {
    const expected = merge.expectedVersions[record.id];
    if (expected !== undefined) checkVersion(entityType, record, expected);
  }
  const children = await childrenOf(context, scope, entityType, merge.survivorId, merge.absorbedIds);
  const duplicates = duplicatesOf(context.duplicates);
  const planned = duplicates.control.planMerge({
    entityType,
    survivor: survivor as never,
    absorbed: absorbed as never,
    fields: context.rules[entityType].registry,
    choices: keepingStage(entityType, merge),
    policy: merge.policy,
    children,
    childFields: registriesOf(context) as never,
    hidden: hiddenFields(context, principal, entityType),
    defaultRegion: duplicates.options(entityType).defaultRegion,
  });
  // Stryker disable next-line StringLiteral: message text
  if (!planned.success) throw planFailure(entityType, planned.issues, 'The records cannot be merged');
  return { plan: planned.data, survivor, absorbed, children };
}

// How many of the relinked children the person may read (the others are relinked unseen).
function relinkedCount(context: Context, principal: Principal, plan: MergePlan, children: readonly MergeChild[]): number {
  const moved = new Set(plan.childUpdates.map((update) => `${update.entityType}\u0000${update.id}`));
  return children.filter((child) => moved.has(`${child.entityType}\u0000${child.record.id}`) && can(context.access, principal, 'read', child.entityType, toAccessRecord(child.record))).length;
}

// The writes of child updates grouped by record: relinking follows from the merge, so it needs
// no permission on the children themselves.
function childWrites(context: Context, principal: Principal, at: Date, children: readonly MergeChild[], updates: readonly { readonly entityType: EntityType; readonly id: string; readonly changes: Readonly<Record<string, unknown>> }[]): RecordWrites<NewEvent>[] {
  return updates.map(({ entityType, id, changes }) => {
    const child = children.find((candidate) => candidate.entityType === entityType && candidate.record.id === id);
    if (child === undefined) throw new NotFoundError('NOT_FOUND', `A relinked ${entityType} is gone.`);
    const planned = planSystemUpdate(context.rules[entityType], principal, child.record as never, changes, { at });
    if (!planned.success) throw planFailure(entityType, planned.issues);
    return { ...planned.data, needs: [] };
  });
}

function patchOf(updates: MergePlan['childUpdates']): { entityType: EntityType; id: string; changes: Record<string, unknown> }[] {
  const out = new Map<string, { entityType: EntityType; id: string; changes: Record<string, unknown> }>();
  for (const update of updates) {
    const key = `${update.entityType}\u0000${update.id}`;
    const entry = out.get(key) ?? { entityType: update.entityType, id: update.id, changes: {} };
    out.set(key, entry);
    if (update.field.startsWith('custom.')) ((entry.changes.custom ??= {}) as Record<string, unknown>)[update.field.slice('custom.'.length)] = update.after ?? null;
    else entry.changes[update.field] = update.after ?? null;
  }
  return [...out.values()];
}

/** `merge` and `previewMerge` of one entity type, for one person. */
export function mergeServiceOf<E extends DuplicateEntityType>(context: Context, principal: Principal, entityType: E): MergeableService<E> {
  const rules = context.rules[entityType];
  return {
    async previewMerge(survivorId, absorbedIds, options) {
      duplicatesOf(context.duplicates);
      const merge = readMerge(survivorId, absorbedIds, options);
      const { plan, children } = await context.store.transaction((scope) => planIn(context, principal, scope, entityType, merge));
      const preview: MergePreview = {
        decisions: plan.decisions,
        conflicts: plan.conflicts,
        hiddenConflicts: plan.hiddenConflicts,
        relinked: relinkedCount(context, principal, plan, children),
        complete: plan.conflicts.length === 0 && plan.hiddenConflicts === 0,
      };
      return Object.freeze(preview);
    },

    async merge(survivorId, absorbedIds, options) {
      duplicatesOf(context.duplicates);
      const merge = readMerge(survivorId, absorbedIds, options);
      const result = await context.store.transaction(async (scope) => {
        const { plan, survivor, absorbed, children } = await planIn(context, principal, scope, entityType, merge);
        if (plan.conflicts.length > 0) {
          const issues: Issue[] = plan.conflicts.map((conflict) => issue('REQUIRED', 'The records hold different values here: choose one, or give a policy.', ['choices', conflict.field]));
          // Stryker disable next-line StringLiteral: message text
          throw new ValidationError('VALIDATION_FAILED', 'The merge has conflicts to decide; see issues.', { issues });
        }
        if (plan.hiddenConflicts > 0) {
          // Stryker disable next-line StringLiteral: message text
          throw new ForbiddenError('FORBIDDEN', 'The records hold different values in a field you cannot see: someone who can see it must merge them.');
        }
        const at = context.now();
        const data: MergedEventData = { absorbedIds: plan.absorbedIds, changed: plan.changed, written: plan.changes, relinked: plan.childUpdates, undo: plan.undo };
        const merged: NewEvent = { type: 'merged', entityType, entityId: survivor.id, at, byId: principal.userId, data };
        const survivorPlan = planSystemUpdate(rules, principal, survivor as never, plan.changes, { at, events: [] });
        if (!survivorPlan.success) throw planFailure(entityType, survivorPlan.issues);
        const updateSurvivor: RecordPlan = survivorPlan.data;
        // A merge that changes no field of the survivor still needs `update` on it.
        const survivorNeeds: RecordWrites<NewEvent> = { inserts: [], updates: [], deletes: [], events: [merged], needs: [{ action: 'update', entityType, record: toAccessRecord(survivor) }] };
        const writes = combineWrites<NewEvent>([
          updateSurvivor,
          survivorNeeds,
          ...absorbed.map((record) => planDeleteRecord(rules, principal, record as never, { at })),
          ...childWrites(context, principal, at, children, patchOf(plan.childUpdates)),
        ]);
        checkNeeds(context, principal, writes);
        const logged = await applyWrites(context, scope, writes);
        const event = logged.find((entry) => entry.type === 'merged');
        if (event === undefined) throw new ConflictError('VERSION_CONFLICT', 'The merge event was not logged.');
        return { survivor: updateSurvivor.record, mergeId: String(event.sequence), relinked: relinkedCount(context, principal, plan, children) };
      });
      const out: MergeResult<E> = { survivor: projected(context, principal, entityType, result.survivor) as never, mergeId: result.mergeId, relinked: result.relinked };
      return Object.freeze(out);
    },
  };
}

/** `merges.undo`: puts back what a merge changed, when nothing has changed since (or only what has not, with `partial`). */
export function mergesService(context: Context, principal: Principal): MergeService {
  return Object.freeze({
    async undo(mergeId: unknown, options: unknown = {}): Promise<UndoMergeResult> {
      duplicatesOf(context.duplicates);
      if (typeof mergeId !== 'string' || !/^[1-9]\d{0,15}$/.test(mergeId)) throw invalidArgument('A merge id is the text a merge returned.');
      // Stryker disable next-line StringLiteral: message text
      const given = snapshotArgument(options, 'The undo options');
      if (!isPlainRecord(given) || Object.keys(given).some((key) => key !== 'partial') || (given.partial !== undefined && typeof given.partial !== 'boolean')) {
        throw invalidArgument('Undo options are { partial? }.');
      }
      const sequence = Number(mergeId);
      const result = await context.store.transaction(async (scope) => {
        const event = await eventAt(scope, sequence);
        if (event?.type !== 'merged' || !(DUPLICATE_ENTITY_TYPES as readonly string[]).includes(event.entityType)) throw new NotFoundError('NOT_FOUND', 'No merge with this id.');
        const entityType = event.entityType as DuplicateEntityType;
        const data = event.data;
        // A survivor deleted since leaves the merged records to restore, when the undo is partial.
        const survivor = (await scope.repository(entityType).get(event.entityId)) === null ? null : await loadForChange(context, principal, scope, entityType, event.entityId, 'update');
        // Whoever undoes a merge could have made it: `read` and `delete` on each merged record as it was.
        for (const record of data.undo.absorbed) {
          const access = toAccessRecord(record);
          if (!can(context.access, principal, 'read', entityType, access)) throw new NotFoundError('NOT_FOUND', 'No merge with this id.');
          assertCan(context.access, principal, 'delete', entityType, access);
        }
        for await (const later of scope.events.read({ entityType, entityId: event.entityId, types: ['mergeUndone'], afterSequence: sequence })) {
          if (later.type === 'mergeUndone' && later.data.mergeId === mergeId) throw new ConflictError('ALREADY_UNDONE', 'This merge was undone already.');
        }
        const children: MergeChild[] = [];
        for (const { entityType: childType, id } of data.relinked) {
          if (children.some((child) => child.entityType === childType && child.record.id === id)) continue;
          const record = await scope.repository(childType).get(id);
          if (record !== null) children.push({ entityType: childType, record } as unknown as MergeChild);
        }
        const present: string[] = [];
        for (const id of data.absorbedIds) if ((await scope.repository(entityType).get(id)) !== null) present.push(id);
        const planned = duplicatesOf(context.duplicates).control.planMergeUndo({ entityType, merge: data, survivor: survivor as never, survivorId: event.entityId, children, present, partial: given.partial as boolean | undefined });
        // What the person may be told about: the merged records, and the children they may read.
        const tells = (childType: unknown, id: unknown, field: unknown): boolean => {
          if (typeof field === 'string' && field.startsWith('custom.') && hiddenFields(context, principal, childType as EntityType).has(field)) return false;
          if (childType === entityType && (id === event.entityId || data.absorbedIds.includes(id as string))) return true;
          const child = children.find((candidate) => candidate.entityType === childType && candidate.record.id === id);
          return child !== undefined && can(context.access, principal, 'read', child.entityType, toAccessRecord(child.record));
        };
        if (!planned.success) {
          const issues = planned.issues.filter(({ path }) => tells(path[0], path[1], path[2]));
          // Stryker disable next-line StringLiteral: message text
          throw new ConflictError('CHANGED_SINCE', 'Records of this merge changed since it was made; nothing was undone. See issues, or undo it partially.', { issues });
        }
        const undo = planned.data;
        const at = context.now();
        const kept = undo.kept.filter((found) => tells(found.entityType, found.id, found.field));
        const undone: NewEvent = { type: 'mergeUndone', entityType, entityId: event.entityId, at, byId: principal.userId, data: { mergeId, restoredIds: undo.restore.map((record) => record.id), kept: undo.kept } };
        const survivorPlan = survivor === null ? undefined : planSystemUpdate(context.rules[entityType], principal, survivor as never, undo.survivorChanges, { at, events: [] });
        if (survivorPlan?.success === false) throw planFailure(entityType, survivorPlan.issues);
        const writes = combineWrites<NewEvent>([
          ...(survivorPlan?.success === true ? [survivorPlan.data as RecordPlan] : []),
          {
            inserts: undo.restore.map((record) => ({ entityType, record })),
            updates: [],
            deletes: [],
            events: [undone, ...undo.restore.map((record): NewEvent => ({ type: 'restored', entityType, entityId: record.id, at, byId: principal.userId, data: { mergeId } }))],
            needs: [],
          },
          ...childWrites(context, principal, at, children, undo.children),
        ]);
        checkNeeds(context, principal, writes);
        await applyWrites(context, scope, writes);
        return { entityType, survivor: survivorPlan?.success === true ? (survivorPlan.data as RecordPlan).record : null, restoredIds: undo.restore.map((record) => record.id), kept };
      });
      const out: UndoMergeResult = {
        survivor: result.survivor === null ? null : (projected(context, principal, result.entityType, result.survivor) as NonNullable<UndoMergeResult['survivor']>),
        restoredIds: result.restoredIds,
        kept: result.kept,
      };
      return Object.freeze(out);
    },
  });
}

async function eventAt(scope: StoreScope, sequence: number): Promise<LoggedEvent | undefined> {
  for await (const event of scope.events.read({ afterSequence: sequence - 1, limit: 1 })) return event.sequence === sequence ? event : undefined;
  return undefined;
}
