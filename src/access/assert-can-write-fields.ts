import { toFieldRegistry } from '../fields/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { isPlainRecord, ValidationError } from '../kernel/index.js';
import { isObject } from './_internal/checks.js';
import { visibleCodes } from './_internal/visibility.js';
import { notVisible } from './_internal/not-visible.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * A create input or an update patch, as far as field visibility is concerned: its custom values.
 * `custom: null` clears every custom field.
 */
export interface CustomFieldsPatch {
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Refuses a create input or update patch that sets or clears a custom field the principal may not
 * see: any code present in `patch.custom` counts, whatever its value (`null` and `undefined`
 * included). `custom` must be a plain object (one with a crafted prototype is refused: its
 * inherited keys would escape this check but not validation). A code the registry does not
 * define is refused the same way, so the answer never tells an unseen field from a missing one.
 * Whether the principal may update the record at all is {@link assertCan}'s question; values are
 * validated by the registry's schema.
 *
 * @typeParam P - The input or patch type; only its `custom` values are read.
 * @param registry - The field registry of the record's entity type.
 * @param principal - Who writes.
 * @param patch - The input or patch.
 * @throws {@link FieldNotVisibleError} `FIELD_NOT_VISIBLE` naming the first such field's code
 * (never its value) in `field`; {@link ValidationError} `INVALID_ARGUMENT` for malformed input.
 *
 * @example
 * ```ts
 * const registry = {
 *   entityType: 'deal', revision: 1, hiddenStandardFields: [],
 *   customFields: [
 *     { type: 'string', code: 'region', labels: { en: 'Region' } },
 *     { type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { roleIds: ['finance'] } } },
 *   ],
 * } as const;
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
 * assertCanWriteFields(registry, ana, { title: 'Boilers', custom: { region: 'south' } });
 * assertCanWriteFields(registry, ana, { custom: { margin: 0.4 } }); // throws FieldNotVisibleError FIELD_NOT_VISIBLE
 * assertCanWriteFields(registry, ana, { custom: { margin: null } }); // throws FieldNotVisibleError FIELD_NOT_VISIBLE
 * assertCanWriteFields(registry, { ...ana, roleIds: ['finance'] }, { custom: { margin: 0.4 } });
 * ```
 */
// Generic so that an input or patch literal with standard fields beside `custom` is not an excess-property error.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function assertCanWriteFields<P extends CustomFieldsPatch>(registry: FieldRegistry, principal: Principal, patch: P): void {
  if (!isObject(patch) || Array.isArray(patch)) throw new ValidationError('INVALID_ARGUMENT', 'assertCanWriteFields takes an input or patch object.');
  assertPrincipal(principal);
  registry = toFieldRegistry(registry);
  const custom: unknown = patch.custom;
  if (custom === undefined) return;
  const visible = visibleCodes(registry, principal);
  // Only a plain bag: a crafted prototype could carry keys this check of own keys never sees.
  if (!isPlainRecord(custom)) throw new ValidationError('INVALID_ARGUMENT', 'custom is a plain object keyed by field code.');
  for (const key of Reflect.ownKeys(custom)) {
    // Stryker disable next-line ConditionalExpression: the set of visible codes holds strings only, so it never has a symbol
    if (typeof key === 'string' && visible.has(key)) continue;
    const value: unknown = typeof key === 'string' ? custom[key] : undefined;
    throw notVisible(String(key), value === null || value === undefined ? 'clear' : 'set');
  }
}
