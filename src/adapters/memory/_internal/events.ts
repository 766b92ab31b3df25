import type { EventQuery, LoggedEvent } from '../../../store/index.js';

/** The test of a (checked) event query, and how many events it takes at most. */
export interface EventFilter {
  readonly test: (event: LoggedEvent) => boolean;
  readonly limit: number;
}

/** The test of an event query the store factory has checked. */
export function eventFilter(query: EventQuery): EventFilter {
  const { entityType, entityId, types, from, to, afterSequence, limit } = query;
  const typeSet: ReadonlySet<string> | undefined = types === undefined ? undefined : new Set(types);
  return {
    limit: limit ?? Number.POSITIVE_INFINITY,
    test: (event) =>
      (entityType === undefined || event.entityType === entityType) &&
      (entityId === undefined || event.entityId === entityId) &&
      (typeSet === undefined || typeSet.has(event.type)) &&
      (from === undefined || event.at.getTime() >= from.getTime()) &&
      (to === undefined || event.at.getTime() < to.getTime()) &&
      (afterSequence === undefined || event.sequence > afterSequence),
  };
}
