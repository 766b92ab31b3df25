import type { Principal } from '../../access/index.js';
import { listVisibleFields } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import { validateEntity } from '../../entities/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import type { Result } from '../../kernel/index.js';
import { fail, ok, sealPlain } from '../../kernel/index.js';
import { bagOf, copyBag } from './bag.js';

type Bag = Record<string, unknown>;

// A changed record, validated as stored and sealed. Custom values hidden from the person are set
// aside while it is checked and put back unchanged: they could not touch them, they were valid
// when someone who sees them wrote them, and checking them again could fail on a rule tightened
// since, blocking the person and naming a field they cannot see.
export function storedKeepingHidden(registry: FieldRegistry, principal: Principal, record: Bag): Result<StoredRecord> {
  const visible = new Set(listVisibleFields(registry, principal).map((definition) => definition.code));
  const custom = Object.entries(record.custom as Bag);
  const hidden = custom.filter(([code]) => !visible.has(code));
  // Stryker disable next-line ConditionalExpression: with no hidden values, the copy without them is the record itself
  const checked = validateEntity(registry as FieldRegistry & { readonly entityType: EntityType }, 'stored', hidden.length === 0 ? record : { ...record, custom: bagOf(custom.filter(([code]) => visible.has(code))) }, {
    principal,
  });
  if (!checked.success) return fail(checked.issues);
  // Copied key by key into a bag marked before its keys, so that the record kept stays in V8's fast mode (see copyBag).
  const data = copyBag(checked.data as unknown as Bag);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: appending no hidden values rebuilds the same custom values
  if (hidden.length > 0) data.custom = bagOf([...Object.entries(data.custom as Bag), ...hidden]);
  return ok(sealPlain(data) as unknown as StoredRecord);
}
