import type { EntityRecord } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import type { Issue, Result } from '../kernel/index.js';
import { fail, invalidArgument, isPlainRecord, issue, ok, sameValue, sealPlain, snapshotInput } from '../kernel/index.js';
import type { DuplicateEntityType } from './criteria.js';
import { DUPLICATE_ENTITY_TYPES } from './criteria.js';
import type { MergeChanges, MergeChild } from './plan-merge.js';
import type { MergedEventData, MergeUndoKept } from './duplicate-events.js';
import { readField } from './_internal/merge-fields.js';

/**
 * What {@link planMergeUndo} undoes: the merge's event data, the records as they are now (the
 * survivor, the relinked children that still exist, the ids of merged records that exist again),
 * and whether to undo only what was not changed since (`partial`).
 */
export interface MergeUndoRequest<E extends DuplicateEntityType = DuplicateEntityType> {
  readonly entityType: E;
  readonly merge: MergedEventData;
  /** The survivor as stored now, or `null` when it was deleted since (then `survivorId` names it). */
  readonly survivor: EntityRecord<E> | null;
  readonly survivorId?: string | undefined;
  readonly children?: readonly MergeChild[] | undefined;
  readonly present?: readonly string[] | undefined;
  readonly partial?: boolean | undefined;
}

/** What one child gets back. */
export interface MergeUndoChild {
  readonly entityType: EntityType;
  readonly id: string;
  readonly expectedVersion: number;
  readonly changes: MergeChanges;
}

/**
 * An undo, planned: the survivor's fields to put back (patch form), each child's links to put
 * back, the merged records to store again as they were, and what was kept because it changed
 * since the merge.
 */
export interface MergeUndoPlan<E extends DuplicateEntityType = DuplicateEntityType> {
  readonly survivorChanges: MergeChanges;
  readonly children: readonly MergeUndoChild[];
  readonly restore: readonly EntityRecord<E>[];
  readonly kept: readonly MergeUndoKept[];
}

type Bag = Readonly<Record<string, unknown>>;

// A field's value in patch form as a record holds it: `null` (cleared) reads as absent.
function written(changes: MergeChanges, field: string): unknown {
  const value = field.startsWith('custom.') ? changes.custom?.[field.slice('custom.'.length)] : changes[field];
  return value === null ? undefined : value;
}

function putChange(into: Record<string, unknown>, field: string, value: unknown): void {
  if (field.startsWith('custom.')) {
    const custom = (into.custom ??= {}) as Record<string, unknown>;
    custom[field.slice('custom.'.length)] = value;
  } else {
    into[field] = value;
  }
}

/**
 * Plans the undo of a merge from its event and the records as they are now. A field is put back
 * only when it still holds what the merge wrote; one changed since (and a relinked child deleted
 * since, or a survivor deleted since, as its `'id'`) is kept as it is and listed in `kept`. Without `partial`, anything kept refuses the whole
 * undo with `CHANGED_SINCE` issues naming each (entity type, id, field; never a value), so that a
 * later edit is never overwritten silently; with it, the rest is undone.
 *
 * @param request - The entity type, the merge event's data, the records now, and `partial`.
 * @returns The plan, or the issues of what changed since the merge.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed request.
 *
 * @example
 * ```ts
 * const fields = createFieldRegistry('contact');
 * const rules = defineRecordRules('contact', { registry: fields });
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const at = new Date('2026-03-02T10:00:00Z');
 * const survivor = unwrap(planCreateRecord(rules, ana, { firstName: 'Ana', phones: [{ value: '+34 612 345 678', kind: 'work' }] }, { id: 'c1', at })).record;
 * const twin = unwrap(planCreateRecord(rules, ana, { firstName: 'Ana', phones: [{ value: '+34 699 000 111', kind: 'work' }] }, { id: 'c2', at })).record;
 * const merged = unwrap(planMerge({ entityType: 'contact', survivor, absorbed: [twin], fields, policy: 'survivorWins' }));
 * const event = { absorbedIds: merged.absorbedIds, changed: merged.changed, written: merged.changes, relinked: merged.childUpdates, undo: merged.undo };
 * const after = unwrap(planSystemUpdate(rules, ana, survivor, merged.changes, { at })).record;
 *
 * const undo = unwrap(planMergeUndo({ entityType: 'contact', merge: event, survivor: after }));
 * [undo.survivorChanges, undo.restore.map((record) => record.id)]; //=> [{ phones: [{ value: '+34 612 345 678', kind: 'work' }] }, ['c2']]
 *
 * // Someone changed the phones since: the undo refuses, naming the field, unless partial.
 * const edited = unwrap(planSystemUpdate(rules, ana, after, { phones: [{ value: '+34 600 000 000', kind: 'work' }] }, { at })).record;
 * const refused = planMergeUndo({ entityType: 'contact', merge: event, survivor: edited });
 * refused.success ? [] : refused.issues.map((found) => [found.code, ...found.path]); //=> [['CHANGED_SINCE', 'contact', 'c1', 'phones']]
 * ```
 */
export function planMergeUndo<E extends DuplicateEntityType>(request: MergeUndoRequest<E>): Result<MergeUndoPlan<E>> {
  const given = snapshotInput(request, 'The undo request') as unknown;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given)) throw invalidArgument('planMergeUndo takes { entityType, merge, survivor, children?, present?, partial? }.');
  const { entityType, merge, survivor, partial } = given;
  if (typeof entityType !== 'string' || !(DUPLICATE_ENTITY_TYPES as readonly string[]).includes(entityType)) throw invalidArgument('entityType is lead, contact, company or deal.');
  if (!isMergedEventData(merge)) throw invalidArgument('merge is the data of a merge event.');
  const survivorId = isPlainRecord(survivor) ? survivor.id : given.survivorId;
  if ((survivor !== null && !isPlainRecord(survivor)) || typeof survivorId !== 'string' || survivorId === '') {
    throw invalidArgument('survivor is the stored survivor, or null with its survivorId when it was deleted since.');
  }
  if (partial !== undefined && typeof partial !== 'boolean') throw invalidArgument('partial is true or false.');
  const children = (given.children ?? []) as unknown;
  if (!Array.isArray(children) || !children.every((child) => isPlainRecord(child) && typeof child.entityType === 'string' && isPlainRecord(child.record) && typeof child.record.id === 'string')) {
    throw invalidArgument('children are { entityType, record } of the relinked records as they are now.');
  }
  const present = new Set((given.present ?? []) as readonly string[]);

  const kept: MergeUndoKept[] = [];
  const survivorChanges: Record<string, unknown> = {};
  if (survivor === null) {
    // Deleted since the merge: nothing of it to put back.
    kept.push({ entityType: entityType as EntityType, id: survivorId, field: 'id' });
  } else {
    for (const field of merge.changed) {
      if (sameValue(readField(survivor, field), written(merge.written, field))) putChange(survivorChanges, field, written(merge.undo.survivor, field) ?? null);
      else kept.push({ entityType: entityType as EntityType, id: survivorId, field });
    }
  }
  const now = new Map((children as readonly MergeChild[]).map((child) => [`${child.entityType}\u0000${child.record.id}`, child.record as unknown as Bag]));
  const byChild = new Map<string, { entityType: EntityType; id: string; expectedVersion: number; changes: Record<string, unknown> }>();
  for (const update of merge.relinked) {
    const key = `${update.entityType}\u0000${update.id}`;
    const record = now.get(key);
    if (record === undefined || !sameValue(readField(record, update.field), update.after)) {
      kept.push({ entityType: update.entityType, id: update.id, field: update.field });
      continue;
    }
    let entry = byChild.get(key);
    if (entry === undefined) {
      entry = { entityType: update.entityType, id: update.id, expectedVersion: record.version as number, changes: {} };
      byChild.set(key, entry);
    }
    putChange(entry.changes, update.field, update.before ?? null);
  }
  const restore = merge.undo.absorbed.filter((record) => {
    if (!present.has(record.id)) return true;
    kept.push({ entityType: entityType as EntityType, id: record.id, field: 'id' });
    return false;
  });
  if (kept.length > 0 && partial !== true) {
    // Stryker disable next-line StringLiteral: message text
    return fail(kept.map((found): Issue => issue('CHANGED_SINCE', 'Changed since the merge (or gone): undoing would overwrite it.', [found.entityType, found.id, found.field])));
  }
  return ok(
    sealPlain({
      survivorChanges,
      children: [...byChild.values()],
      restore,
      kept,
    }) as MergeUndoPlan<E>,
  );
}

function isMergedEventData(value: unknown): value is MergedEventData {
  return (
    isPlainRecord(value) &&
    Array.isArray(value.absorbedIds) &&
    Array.isArray(value.changed) &&
    (value.changed as readonly unknown[]).every((field) => typeof field === 'string') &&
    isPlainRecord(value.written) &&
    Array.isArray(value.relinked) &&
    isPlainRecord(value.undo) &&
    isPlainRecord(value.undo.survivor) &&
    Array.isArray(value.undo.absorbed) &&
    Array.isArray(value.undo.children)
  );
}
