import type { Principal } from '../../access/index.js';
import { canSeeField } from '../../access/index.js';
import type { FieldDefinition, FieldRegistry } from '../../fields/index.js';
import { compileFieldValue } from '../../fields/index.js';

/**
 * Why a custom value of the lead is not carried into a target: the lead's registry does not
 * define the field, the person converting cannot see the lead's field or the target's field, the
 * target has no field with its code, the types differ, a list would go into a single-value field,
 * or the target's settings refuse the value (options, lengths, ranges...). No reason tells
 * anything about the value itself.
 *
 * @example
 * ```ts
 * const reason: NotCarriedReason = 'not-visible';
 * ```
 */
export type NotCarriedReason = 'unknown-lead-field' | 'not-visible' | 'no-target-field' | 'type-mismatch' | 'multiple-into-single' | 'value-not-accepted';

/** The outcome of carrying one lead custom value into one target. */
export type CarryOutcome = { readonly carried: true; readonly value: unknown } | { readonly carried: false; readonly reason: NotCarriedReason };

/** Whether one value is accepted by a definition (one element, for a multiple field). */
function accepts(definition: FieldDefinition, value: unknown): boolean {
  return compileFieldValue(definition).safeParse(value).success;
}

/**
 * Carries a lead's custom value into a target field of the same code: only when the principal can
 * see the field on both sides, same type, a single value into a single or multiple field (wrapped),
 * a list only into a multiple field, and only values the target's settings accept (options,
 * lengths, ranges, link targets...). Visibility is decided before anything that reads the value.
 */
export function carryCustomValue(leadRegistry: FieldRegistry, target: FieldRegistry, principal: Principal, code: string, value: unknown): CarryOutcome {
  const from = leadRegistry.customFields.find((field) => field.code === code);
  if (from === undefined) return { carried: false, reason: 'unknown-lead-field' };
  if (!canSeeField(principal, from)) return { carried: false, reason: 'not-visible' };
  const to = target.customFields.find((field) => field.code === code);
  if (to === undefined) return { carried: false, reason: 'no-target-field' };
  if (!canSeeField(principal, to)) return { carried: false, reason: 'not-visible' };
  if (from.type !== to.type) return { carried: false, reason: 'type-mismatch' };
  const fromMultiple = from.multiple === true;
  const toMultiple = to.multiple === true;
  if (fromMultiple && !toMultiple) return { carried: false, reason: 'multiple-into-single' };
  const values: readonly unknown[] = fromMultiple && Array.isArray(value) ? value : [value];
  if (!values.every((one) => accepts(to, one))) return { carried: false, reason: 'value-not-accepted' };
  return { carried: true, value: toMultiple && !fromMultiple ? [value] : value };
}
