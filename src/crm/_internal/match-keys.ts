import type { EntityType } from '../../fields/index.js';
import { isPlainRecord } from '../../kernel/index.js';
import type { StoreScope } from '../../store/index.js';
import type { Context } from './context.js';
import { isDuplicateType } from './duplicate-settings.js';

// The types whose records carry an external id, found by it when a file is imported again.
const EXTERNAL_ID_TYPES: ReadonlySet<EntityType> = new Set(['lead', 'contact', 'company', 'deal', 'activity']);

/**
 * The match key of an external id. Its `xid:` prefix is one the duplicates module never writes,
 * so the two kinds of keys share the index without meeting.
 */
export function externalIdKey(externalId: string): string {
  return `xid:${externalId}`;
}

/**
 * Every key a store keeps beside a record: its duplicate-control keys (for the types duplicate
 * control covers, when it is on) and its external id's.
 */
export function matchKeysFor(context: Context, entityType: EntityType, record: unknown): string[] {
  const keys = context.duplicates !== undefined && isDuplicateType(entityType) ? context.duplicates.matcher(entityType).keysOf(record) : [];
  if (EXTERNAL_ID_TYPES.has(entityType) && isPlainRecord(record) && typeof record.externalId === 'string' && record.externalId !== '') keys.push(externalIdKey(record.externalId));
  return keys;
}

/**
 * Writes the keys of records just written (or clears those of removed ones) in the unit of work.
 * A new record without keys writes nothing.
 */
export async function writeMatchKeys(context: Context, scope: StoreScope, writes: readonly { readonly entityType: EntityType; readonly id: string; readonly record?: unknown; readonly inserted?: boolean }[]): Promise<void> {
  const index = scope.matchKeys;
  if (index === undefined) return;
  for (const { entityType, id, record, inserted } of writes) {
    if (!EXTERNAL_ID_TYPES.has(entityType) && !(context.duplicates !== undefined && isDuplicateType(entityType))) continue;
    const keys = record === undefined ? [] : matchKeysFor(context, entityType, record);
    if (keys.length === 0 && inserted === true) continue;
    await index.set(entityType, id, keys);
  }
}
