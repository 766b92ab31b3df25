import type { Principal } from '../access/index.js';
import { assertPrincipal, canSeeField } from '../access/index.js';
import type { CustomValues, FieldDefinition, FieldRegistry } from '../fields/index.js';
import { compileFieldValue, toFieldRegistry } from '../fields/index.js';
import { isEmptyValue, isPlainRecord, ValidationError } from '../kernel/index.js';

/**
 * Why a custom value is not carried into a target: the source registry does not define the field,
 * the person cannot see it on one side, the target has no field with its code, the types differ,
 * a list would go into a single-value field, or the target's settings refuse the value (options,
 * lengths, ranges...). No reason tells anything about the value itself.
 */
export type NotCarriedReason = 'unknown-source-field' | 'not-visible' | 'no-target-field' | 'type-mismatch' | 'multiple-into-single' | 'value-not-accepted';

/**
 * A custom value that was not carried, and why (never the value).
 */
export interface NotCarriedValue {
  readonly code: string;
  readonly reason: NotCarriedReason;
}

/**
 * The custom values carried into a target, and those that were not.
 */
export interface CarriedCustomValues {
  readonly custom: CustomValues;
  readonly notCarried: readonly NotCarriedValue[];
}

function accepts(definition: FieldDefinition, value: unknown): boolean {
  return compileFieldValue(definition).safeParse(value).success;
}

function reasonNotCarried(from: FieldDefinition | undefined, to: FieldDefinition | undefined, principal: Principal, value: unknown): NotCarriedReason | undefined {
  if (from === undefined) return 'unknown-source-field';
  if (!canSeeField(from, principal)) return 'not-visible';
  if (to === undefined) return 'no-target-field';
  if (!canSeeField(to, principal)) return 'not-visible';
  if (from.type !== to.type) return 'type-mismatch';
  if (from.multiple === true && to.multiple !== true) return 'multiple-into-single';
  const values: readonly unknown[] = from.multiple === true && Array.isArray(value) ? value : [value];
  return values.every((one) => accepts(to, one)) ? undefined : 'value-not-accepted';
}

/**
 * Carries custom values from a record of one entity type into a record of another (a lead's into
 * the contact, company and deal it becomes; later, a merged record's into its survivor), field by
 * field with the same code: only when the person can see the field on both sides (decided before
 * anything reads the value), the types are the same, a list goes only into a multiple field (a
 * single value into a multiple one is wrapped), and the target's settings accept the value. Empty
 * values are skipped, except those of a field hidden from the person: it is listed `not-visible`
 * whatever it holds, so the answer tells nothing of a hidden value.
 *
 * @param from - The source entity type's field registry.
 * @param to - The target entity type's field registry.
 * @param principal - Who carries the values.
 * @param values - The source's custom values.
 * @returns The values carried, in a data-only bag, and the codes not carried with the reason.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `values` is not a plain object.
 *
 * @example
 * ```ts
 * const leads = createFieldRegistry('lead', { customFields: [
 *   { type: 'string', code: 'budget', labels: { en: 'Budget' } },
 *   { type: 'string', code: 'tier', labels: { en: 'Tier' } },
 * ] });
 * const deals = createFieldRegistry('deal', { customFields: [{ type: 'string', code: 'tier', labels: { en: 'Tier' }, multiple: true }] });
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * carryCustomValues(leads, deals, ana, { budget: '10k', tier: 'gold' });
 * //=> { custom: { tier: ['gold'] }, notCarried: [{ code: 'budget', reason: 'no-target-field' }] }
 * ```
 */
export function carryCustomValues(from: FieldRegistry, to: FieldRegistry, principal: Principal, values: CustomValues): CarriedCustomValues {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(values)) throw new ValidationError('INVALID_ARGUMENT', 'Custom values are a plain object keyed by field code.');
  from = toFieldRegistry(from);
  to = toFieldRegistry(to);
  assertPrincipal(principal);
  const custom: Record<string, unknown> = {};
  const notCarried: NotCarriedValue[] = [];
  for (const code of Object.keys(values)) {
    const source = from.customFields.find((field) => field.code === code);
    const target = to.customFields.find((field) => field.code === code);
    // A field hidden from the person is reported alike whatever it holds, empty or not: its value is never read.
    if (source !== undefined && !canSeeField(source, principal)) {
      notCarried.push({ code, reason: 'not-visible' });
      continue;
    }
    const value = values[code];
    if (isEmptyValue(value)) continue;
    const reason = reasonNotCarried(source, target, principal, value);
    if (reason !== undefined) {
      notCarried.push({ code, reason });
      continue;
    }
    const carried = target?.multiple === true && source?.multiple !== true ? [value] : value;
    Object.defineProperty(custom, code, { value: carried, enumerable: true, writable: true, configurable: true });
  }
  return { custom, notCarried };
}
