// Stored records for merge tests, from the smallest valid stored record of each entity type.
import type { EntityRecord, EntityType, MergeChanges, MergePlan, Result } from 'crm-kit';
import { STORED } from '../entities/fixtures.js';

export const AT = new Date('2026-03-02T10:00:00Z');

/** A stored record of `entityType` with the given id and fields (`updatedAt` defaults to {@link AT}). */
export function stored<E extends EntityType>(entityType: E, id: string, fields: Readonly<Record<string, unknown>> = {}): EntityRecord<E> {
  return { ...STORED[entityType], id, ...fields } as unknown as EntityRecord<E>;
}

/** The data of a successful result; the issues in the error otherwise. */
export function planOf<T>(result: Result<T>): T {
  if (!result.success) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

/** The `[code, ...path]` of each issue of a failed result. */
export function issuesOf(result: Result<unknown>): (string | number)[][] {
  if (result.success) throw new Error('expected issues, got a plan');
  return result.issues.map((found) => [found.code, ...found.path]);
}

type Bag = Record<string, unknown>;

/** A record with a patch-form change merged in: `null` clears; `custom` merges per code. */
export function patched(record: Readonly<Bag>, changes: MergeChanges): Bag {
  const next: Bag = { ...record };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'custom') continue;
    if (value === null) Reflect.deleteProperty(next, key);
    else next[key] = value;
  }
  if (changes.custom !== undefined) {
    const custom: Bag = { ...(record.custom as Bag) };
    for (const [code, value] of Object.entries(changes.custom)) {
      if (value === null) Reflect.deleteProperty(custom, code);
      else custom[code] = value;
    }
    next.custom = custom;
  }
  return next;
}

/** A store as a map from `entityType:id` to the record. */
export type World = Map<string, Readonly<Bag>>;

export const keyOf = (entityType: string, id: string): string => `${entityType}:${id}`;

function setField(record: Readonly<Bag>, field: string, value: unknown): Bag {
  if (field.startsWith('custom.')) return patched(record, { custom: { [field.slice('custom.'.length)]: value ?? null } });
  return patched(record, { [field]: value ?? null });
}

/** What applying a plan does to a store (without version stamps): survivor changed, merged records removed, children relinked. */
export function applyPlan(world: World, plan: MergePlan): World {
  const next: World = new Map(world);
  const survivorKey = keyOf(plan.entityType, plan.survivorId);
  next.set(survivorKey, patched(world.get(survivorKey) ?? {}, plan.changes));
  for (const id of plan.absorbedIds) next.delete(keyOf(plan.entityType, id));
  for (const update of plan.childUpdates) {
    const key = keyOf(update.entityType, update.id);
    next.set(key, setField(next.get(key) ?? {}, update.field, update.after));
  }
  return next;
}

/** What undoing a plan does: the survivor's previous values back, merged records back, children's links back. */
export function undoPlan(world: World, plan: MergePlan): World {
  const next: World = new Map(world);
  const survivorKey = keyOf(plan.entityType, plan.survivorId);
  next.set(survivorKey, patched(world.get(survivorKey) ?? {}, plan.undo.survivor));
  for (const record of plan.undo.absorbed) next.set(keyOf(plan.entityType, record.id), record as unknown as Bag);
  for (const restore of plan.undo.children) {
    const key = keyOf(restore.entityType, restore.id);
    next.set(key, setField(next.get(key) ?? {}, restore.field, restore.value));
  }
  return next;
}
