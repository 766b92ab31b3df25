import { computeDealAmount } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';

type Bag = Record<string, unknown>;

const AMOUNT_TYPES: ReadonlySet<EntityType> = new Set(['deal', 'invoice', 'quote']);

/**
 * The fields every write keeps right, derived from the others: an amount (and its tax) that
 * follows the product rows unless it is set by hand, and the instant an activity was completed.
 * Changes `record` in place; it is a fresh object of the planner's.
 */
export function deriveFields(entityType: EntityType, record: Bag, previous: Readonly<Bag> | undefined, at: Date): void {
  if (AMOUNT_TYPES.has(entityType)) {
    const { amount, taxAmount, source } = computeDealAmount(record);
    if (source === 'rows') {
      record.amount = amount;
      if (taxAmount === undefined) delete record.taxAmount;
      else record.taxAmount = taxAmount;
    }
  }
  if (entityType === 'activity') {
    if (record.completed !== true) delete record.completedAt;
    else if (previous?.completed !== true) record.completedAt = at;
  }
}
