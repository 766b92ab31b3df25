import { toInstant, ValidationError } from '../../kernel/index.js';
import type { StagedEntityType } from '../pipeline.js';
import { getStageField } from '../stage-group.js';
import { isBag, isId, own } from './stage-checks.js';

/** Throws `INVALID_ARGUMENT` unless the item is an object with an id. */
export function checkItem(item: unknown): asserts item is { readonly id: string } {
  if (!isBag(item) || !isId(own(item, 'id'))) {
    throw new ValidationError('INVALID_ARGUMENT', 'A staged item is a stored record with an id (a deal, lead, invoice or quote).');
  }
}

/** The current stage id of an item, read from the key its entity type uses. */
export function currentStageId(item: object, entityType: StagedEntityType): unknown {
  return own(item, getStageField(entityType));
}

/** The instant and person of a stage change, checked. */
export function checkWhenWho(context: unknown): { readonly at: Date; readonly byId: string } {
  // Stryker disable next-line ConditionalExpression,StringLiteral: both callers have already refused a context that is not an object
  if (!isBag(context)) throw new ValidationError('INVALID_ARGUMENT', 'The context is an object { pipeline, at, byId, ... }.');
  const at = toInstant(context.at as Date, 'at');
  if (!isId(context.byId)) throw new ValidationError('INVALID_ARGUMENT', 'byId is the id of the user who makes the change.');
  return { at, byId: context.byId };
}
