import { ValidationError } from '../../kernel/index.js';
import type { EntityType } from '../../fields/index.js';
import { isEntityType } from '../../fields/index.js';
import type { AccessAction } from '../levels.js';
import { isAccessAction } from '../levels.js';

/** Whether a value is a non-null object (arrays included). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/** Whether a value is an array, typed so that its items must still be checked. */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** Whether a value is a string with at least one character. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Whether a value is an array of non-empty strings. */
export function isIdList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every(isId);
}

/** Throws `INVALID_ARGUMENT` unless `value` is one of the access actions. */
export function checkAction(value: unknown): asserts value is AccessAction {
  if (!isAccessAction(value)) {
    throw new ValidationError('INVALID_ARGUMENT', 'Unknown action: use one of ACCESS_ACTIONS (read, add, update, delete, export, import).');
  }
}

/** Throws `INVALID_ARGUMENT` unless `value` is one of the entity types. */
export function checkEntityType(value: unknown): asserts value is EntityType {
  if (!isEntityType(value)) throw new ValidationError('INVALID_ARGUMENT', 'Unknown entity type: use one of ENTITY_TYPES.');
}

/** Reads an optional `pipelineId` option, throwing `INVALID_ARGUMENT` when it is not a non-empty string. */
export function pipelineOption(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (!isObject(options)) throw new ValidationError('INVALID_ARGUMENT', 'Options must be an object such as { pipelineId }.');
  const { pipelineId } = options;
  if (pipelineId === undefined) return undefined;
  if (!isId(pipelineId)) throw new ValidationError('INVALID_ARGUMENT', 'pipelineId must be a non-empty string.');
  return pipelineId;
}

/** Defines an ordinary enumerable data property, safe for any key (even `__proto__`). */
export function defineValue(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads an own property only: inherited names (`constructor`, `toString`) read as missing. */
export function ownValue(bag: unknown, key: string): unknown {
  return isObject(bag) && Object.hasOwn(bag, key) ? bag[key] : undefined;
}

/** The fields of a record that access checks read. */
interface RecordShape {
  readonly assignedById: string;
  readonly opened?: boolean | undefined;
  readonly pipelineId?: string | undefined;
}

/** Throws `INVALID_ARGUMENT` unless `value` has a non-empty `assignedById`, an optional boolean `opened` and an optional `pipelineId`. */
export function checkRecord(value: unknown): asserts value is RecordShape {
  if (!isObject(value) || Array.isArray(value)) {
    throw new ValidationError('INVALID_ARGUMENT', 'A record to check is an object { assignedById, opened?, pipelineId? }.');
  }
  if (!isId(value.assignedById)) throw new ValidationError('INVALID_ARGUMENT', 'The record has no assignedById (a non-empty user id).');
  if (value.opened !== undefined && typeof value.opened !== 'boolean') {
    throw new ValidationError('INVALID_ARGUMENT', 'The record\'s opened flag must be true or false.');
  }
  if (value.pipelineId !== undefined && !isId(value.pipelineId)) {
    throw new ValidationError('INVALID_ARGUMENT', 'The record\'s pipelineId must be a non-empty string.');
  }
}
