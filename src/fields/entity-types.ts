/**
 * The kinds of CRM record crm-kit knows, in one constant list. Custom fields, permissions and
 * storage are all per entity type.
 *
 * @example
 * ```ts
 * ENTITY_TYPES.includes('deal'); //=> true
 * ```
 */
export const ENTITY_TYPES = ['lead', 'contact', 'company', 'deal', 'activity', 'invoice', 'quote'] as const;

/**
 * One of {@link ENTITY_TYPES}.
 */
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * Tells whether a value is one of {@link ENTITY_TYPES}.
 *
 * @param value - Anything.
 * @returns `true` for a known entity type.
 *
 * @example
 * ```ts
 * isEntityType('deal'); //=> true
 * isEntityType('Deal'); //=> false
 * ```
 */
export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}
