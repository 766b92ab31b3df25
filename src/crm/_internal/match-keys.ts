import type { EntityType } from '../../fields/index.js';
import type { StoreScope } from '../../store/index.js';
import type { Context } from './context.js';
import { isDuplicateType } from './duplicate-settings.js';

/** The keys a store keeps beside a record, or `undefined` for a type duplicate control does not cover. */
export function matchKeysFor(context: Context, entityType: EntityType, record: unknown): string[] | undefined {
  return context.duplicates !== undefined && isDuplicateType(entityType) ? context.duplicates.matcher(entityType).keysOf(record) : undefined;
}

/** Writes the keys of records just written (or clears those of removed ones) in the unit of work. */
export async function writeMatchKeys(context: Context, scope: StoreScope, writes: readonly { readonly entityType: EntityType; readonly id: string; readonly record?: unknown }[]): Promise<void> {
  const keys = scope.matchKeys;
  if (keys === undefined || context.duplicates === undefined) return;
  for (const { entityType, id, record } of writes) {
    if (!isDuplicateType(entityType)) continue;
    await keys.set(entityType, id, record === undefined ? [] : (matchKeysFor(context, entityType, record) ?? []));
  }
}

