import { toFieldRegistry } from '../fields/index.js';
import type { FieldRegistry } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import { defineValue, isObject } from './_internal/checks.js';
import { visibleCodes } from './_internal/visibility.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * A record {@link projectRecord} can project: anything with a `custom` bag of values keyed by
 * field code.
 */
export interface ProjectableRecord {
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The record as a principal may see it: a shallow copy whose `custom` bag is a fresh object
 * holding only the values of custom fields the principal can see (see {@link canSeeField}).
 * Values under codes the registry does not define are dropped too, so nothing unknown leaks.
 * Visible values are passed through unchanged; the input is not modified. Standard fields are
 * kept: hiding one in the registry is a layout choice, not a permission. Everything that shows a
 * record to a person (reads, lists, search hits, merge previews, exports) goes through here.
 *
 * @typeParam R - The record type, kept as is.
 * @param registry - The field registry of the record's entity type.
 * @param principal - Who reads.
 * @param record - The record, with its `custom` bag.
 * @returns A new record with the same standard fields and only visible custom values.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed record, principal or registry.
 *
 * @example
 * ```ts
 * const registry = {
 *   entityType: 'deal', revision: 1, hiddenStandardFields: [],
 *   customFields: [
 *     { type: 'string', code: 'region', labels: { en: 'Region' } },
 *     { type: 'number', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { departmentIds: ['finance'] } } },
 *   ],
 * } as const;
 * const deal = { id: 'd-1', title: 'Boilers', custom: { region: 'north', margin: 0.31, legacy_code: 'X9' } };
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: ['sales'], isAdmin: false };
 * projectRecord(registry, ana, deal); //=> { id: 'd-1', title: 'Boilers', custom: { region: 'north' } }
 * projectRecord(registry, { ...ana, departmentIds: ['finance'] }, deal).custom; //=> { region: 'north', margin: 0.31 }
 * deal.custom.margin; //=> 0.31
 * ```
 */
export function projectRecord<R extends ProjectableRecord>(registry: FieldRegistry, principal: Principal, record: R): R {
  if (!isObject(record) || Array.isArray(record)) throw new ValidationError('INVALID_ARGUMENT', 'projectRecord takes a record object.');
  assertPrincipal(principal);
  registry = toFieldRegistry(registry);
  const given: unknown = record.custom;
  if (given === undefined) return { ...record };
  if (!isObject(given) || Array.isArray(given)) throw new ValidationError('INVALID_ARGUMENT', 'A record\'s custom values are an object keyed by field code.');
  const custom = {};
  for (const code of visibleCodes(registry, principal)) {
    if (Object.hasOwn(given, code)) defineValue(custom, code, given[code]);
  }
  return { ...record, custom };
}
