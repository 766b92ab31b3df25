import type { PermissionNeed } from '../access/index.js';
import type { StoredRecord } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { RecordEvent } from './record-events.js';

/**
 * Everything a planned write does, as plain data: records to insert, to replace (with the version
 * each is expected to have) and to remove, the events to append, and the permissions it needs.
 * A planner decides all of it; the application layer checks `needs`, applies the rest in one unit
 * of work, and decides nothing itself, so a preview shows exactly what gets stored.
 */
export interface RecordWrites<E = RecordEvent> {
  readonly inserts: readonly { readonly entityType: EntityType; readonly record: StoredRecord }[];
  readonly updates: readonly { readonly entityType: EntityType; readonly record: StoredRecord; readonly expectedVersion: number }[];
  readonly deletes: readonly { readonly entityType: EntityType; readonly id: string; readonly expectedVersion: number }[];
  readonly events: readonly E[];
  readonly needs: readonly PermissionNeed[];
}

/**
 * A planned create or change of one record: its writes, the record as it will be stored (or as it
 * is, for a change that changes nothing), and the fields the write changes (sorted, custom ones
 * as `custom.<code>`; empty when nothing changes, and then there is nothing to write).
 */
export interface RecordPlan<R extends StoredRecord = StoredRecord> extends RecordWrites {
  readonly record: R;
  readonly changed: readonly string[];
}

/**
 * Joins the writes of several plans into one, in order (for one unit of work).
 *
 * @param plans - The plans.
 * @returns Their inserts, updates, deletes, events and needs, concatenated.
 *
 * @example
 * ```ts
 * const one: RecordWrites = { inserts: [], updates: [], deletes: [], events: [], needs: [{ action: 'add', entityType: 'contact' }] };
 * combineWrites([one, one]).needs.length; //=> 2
 * ```
 */
export function combineWrites<E>(plans: readonly RecordWrites<E>[]): RecordWrites<E> {
  const given: unknown = plans;
  if (!Array.isArray(given) || !(given as readonly unknown[]).every((plan) => isPlainRecord(plan) && ['inserts', 'updates', 'deletes', 'events', 'needs'].every((key) => Array.isArray(plan[key])))) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'combineWrites takes a list of plans, each with inserts, updates, deletes, events and needs.');
  }
  return {
    inserts: plans.flatMap((plan) => plan.inserts),
    updates: plans.flatMap((plan) => plan.updates),
    deletes: plans.flatMap((plan) => plan.deletes),
    events: plans.flatMap((plan) => plan.events),
    needs: plans.flatMap((plan) => plan.needs),
  };
}
