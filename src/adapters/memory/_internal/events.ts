import { isEntityType } from '../../../fields/index.js';
import { isPlainRecord } from '../../../kernel/index.js';
import type { LoggedEvent, NewEvent } from '../../../store/index.js';
import { copyPlain } from './copy.js';
import { invalid } from './errors.js';

/** Checks events to append and returns copies of them. */
export function checkNewEvents(events: unknown): readonly NewEvent[] {
  if (!Array.isArray(events)) throw invalid('append takes a list of events.');
  return (events as readonly unknown[]).map((event) => {
    if (
      !isPlainRecord(event) ||
      !isText(event.type) ||
      !isEntityType(event.entityType) ||
      !isText(event.entityId) ||
      !isInstant(event.at) ||
      !isText(event.byId) ||
      !isPlainRecord(event.data)
    ) {
      throw invalid('An event is { type, entityType, entityId, at: Date, byId, data: {} } with non-empty texts and a known entity type.');
    }
    return copyPlain({
      type: event.type,
      entityType: event.entityType,
      entityId: event.entityId,
      at: event.at,
      byId: event.byId,
      data: event.data,
    });
  });
}

/** A checked event query. */
export interface EventFilter {
  readonly test: (event: LoggedEvent) => boolean;
  readonly limit: number;
}

/** Checks an event query and returns its test. */
export function compileEventQuery(query: unknown): EventFilter {
  if (!isPlainRecord(query)) throw invalid('An event query is an object { entityType?, entityId?, types?, from?, to?, afterSequence?, limit? }.');
  const { entityType, entityId, types, from, to, afterSequence, limit } = query;
  if (entityType !== undefined && !isEntityType(entityType)) throw invalid('An event query\'s entityType is a known entity type.');
  if (entityId !== undefined && typeof entityId !== 'string') throw invalid('An event query\'s entityId is text.');
  if (types !== undefined && !(Array.isArray(types) && (types as readonly unknown[]).every((type) => typeof type === 'string'))) {
    throw invalid('An event query\'s types is a list of texts.');
  }
  if ((from !== undefined && !isInstant(from)) || (to !== undefined && !isInstant(to))) {
    throw invalid('An event query\'s from and to are valid Dates.');
  }
  if (afterSequence !== undefined && !(typeof afterSequence === 'number' && Number.isSafeInteger(afterSequence))) {
    throw invalid('An event query\'s afterSequence is a whole number.');
  }
  if (limit !== undefined && !(typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0)) {
    throw invalid('An event query\'s limit is a whole number from 0.');
  }
  const typeSet = types === undefined ? undefined : new Set(types as readonly string[]);
  const kind = entityType;
  return {
    limit: limit ?? Number.POSITIVE_INFINITY,
    test: (event) =>
      (kind === undefined || event.entityType === kind) &&
      (entityId === undefined || event.entityId === entityId) &&
      (typeSet === undefined || typeSet.has(event.type)) &&
      (from === undefined || event.at.getTime() >= from.getTime()) &&
      (to === undefined || event.at.getTime() < to.getTime()) &&
      (afterSequence === undefined || event.sequence > afterSequence),
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
