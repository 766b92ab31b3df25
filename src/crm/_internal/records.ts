import type { Principal } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import { validateEntity } from '../../entities/index.js';
import type { EntityType, FieldRegistry, RecordForm } from '../../fields/index.js';
import { isPlainRecord, ValidationError } from '../../kernel/index.js';

/** Validates a value in one form of an entity, or throws VALIDATION_FAILED with the issues. */
export function validated(registry: FieldRegistry, form: RecordForm, value: unknown, principal: Principal): Record<string, unknown> {
  const result = validateEntity(registry as FieldRegistry & { readonly entityType: EntityType }, form, value, { principal });
  if (!result.success) {
    throw new ValidationError('VALIDATION_FAILED', `The ${registry.entityType} ${form === 'stored' ? 'record' : form} is not valid; see issues.`, {
      issues: result.issues,
    });
  }
  return { ...(result.data as object) };
}

/** A prototype-free bag (ARCHITECTURE.md §3). */
export function bag(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Merges a validated patch into a stored record: null clears, undefined leaves as is; custom merges per code. */
export function mergePatch(current: StoredRecord, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'custom') {
      const merged = new Map<string, unknown>(Object.entries(current.custom));
      for (const [code, given] of Object.entries(value as object)) {
        if (given === null) merged.delete(code);
        else if (given !== undefined) merged.set(code, given);
      }
      next.custom = bag(merged);
    } else if (value === null) {
      Reflect.deleteProperty(next, key);
    } else {
      next[key] = value;
    }
  }
  return next;
}

export function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') throw new ValidationError('INVALID_ARGUMENT', 'An id is a non-empty string.');
}

/** Reads the expected version of write options that have only the given keys. */
export function checkWriteOptions(options: unknown, keys: readonly string[] = ['expectedVersion']): number {
  if (!isPlainRecord(options) || Object.keys(options).some((key) => !keys.includes(key))) {
    throw new ValidationError('INVALID_ARGUMENT', `Write options are { ${keys.join(', ')} }.`);
  }
  const version = options.expectedVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new ValidationError('INVALID_ARGUMENT', 'expectedVersion is the positive integer version the record is expected to have.');
  }
  return version;
}

/** Deep-freezes plain data (arrays and plain objects; Dates are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || value instanceof Date || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}
