import type { Principal } from '../access/index.js';
import { assertPrincipal, toAccessRecord } from '../access/index.js';
import type { EntityRecord } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import { isPlainRecord, toInstant, ValidationError } from '../kernel/index.js';
import { plainArgument } from './_internal/plain-argument.js';
import type { RecordRules } from './record-rules.js';
import { readRules } from './record-rules.js';
import type { RecordPlan } from './record-writes.js';
import type { WriteAt } from './plan-update-record.js';
import { checkCurrent } from './plan-update-record.js';

/**
 * Plans removing a record: the removal (expecting the version it has now), a `deleted` event
 * with that version, and the `delete` permission on it.
 *
 * @param rules - The entity type's rules, from {@link defineRecordRules}.
 * @param principal - Who removes it.
 * @param current - The record as stored now.
 * @param options - The instant of the write.
 * @returns The plan (`record` is the record as it was).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed input.
 * Arguments are read once, as `snapshotInput` reads them: `NOT_PLAIN_DATA` for one that is not
 * plain data (a getter, a Proxy, a class instance), `INVALID_TEXT`, `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const rules = defineRecordRules('contact');
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const contact = unwrap(planCreateRecord(rules, ana, { firstName: 'Ana' }, { id: '3', at: new Date('2026-03-02T10:00:00Z') })).record;
 * const plan = planDeleteRecord(rules, ana, contact, { at: new Date('2026-03-03T10:00:00Z') });
 * [plan.deletes, plan.events[0]?.data]; //=> [[{ entityType: 'contact', id: '3', expectedVersion: 1 }], { version: 1 }]
 * ```
 */
export function planDeleteRecord<E extends EntityType>(rules: RecordRules<E>, principal: Principal, current: EntityRecord<E>, options: WriteAt): RecordPlan<EntityRecord<E>> {
  const { entityType } = readRules(rules);
  principal = plainArgument(principal, 'The principal');
  assertPrincipal(principal);
  current = plainArgument(current, 'The current record');
  checkCurrent(current);
  options = plainArgument(options, 'The options');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw new ValidationError('INVALID_ARGUMENT', 'The options are { at }.');
  const at = toInstant(options.at, 'at');
  return {
    record: current,
    changed: [],
    inserts: [],
    updates: [],
    deletes: [{ entityType, id: current.id, expectedVersion: current.version }],
    events: [{ type: 'deleted', entityType, entityId: current.id, at, byId: principal.userId, data: { version: current.version } }],
    needs: [{ action: 'delete', entityType, record: toAccessRecord(current) }],
  };
}
