import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { DuplicateCriteriaOptions } from './criteria.js';
import { prepareOptions } from './_internal/comparators.js';
import { compileCriteria } from './_internal/compile-criteria.js';
import { keptKey } from './_internal/matching.js';
import { checkedRegion, eachKey, formsOf } from './_internal/read-record.js';
import { Vocabulary } from './_internal/vocabulary.js';

/**
 * Options of {@link matchKeysOf}: the same criteria, registry and region a scan or a check uses, so
 * that the keys a store keeps find what they would.
 */
export type MatchKeyOptions = DuplicateCriteriaOptions;

/**
 * The blocking keys of a record, as a store keeps them beside it: short texts that a duplicate of
 * it probably shares, several per record so that one typo does not hide a duplicate. A person's
 * name gives its last name with the first initial, and its last name alone; a phone its last eight
 * digits (national and international forms of a number share them); an e-mail its address and its
 * mailbox name; a date itself and, when day and month could be swapped, both orders in one key.
 * Each key starts with the field it comes from. After the field, `~` marks a loose key (it finds
 * what a typo would hide, and proposes more pairs) and `>` a key that only looks: a full name's
 * `name:>~garcia` finds the records whose name is only `García` (`name:~garcia`), never the other
 * full names with that surname. A value that itself starts with `~`, `>` or `\` (a website
 * written `~ana`) comes after a `\`, so that it is read as written. Records that share no key
 * are never compared; {@link createDuplicateMatcher} says which keys to look up for a record.
 *
 * @param record - A record in input or stored form.
 * @param options - The entity type, and the criteria, registry and region of the scan.
 * @returns The keys, sorted, each once; none for a record of the wrong shape.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid.
 *
 * @example
 * ```ts
 * matchKeysOf({ firstName: 'Ana', lastName: 'García', emails: [{ value: ' Ana@Example.com ', kind: 'work' }] }, { entityType: 'contact' });
 * //=> ['emails:ana@example.com', 'emails:~ana@', 'name:>~garcia', 'name:garcia|a']
 * ```
 */
export function matchKeysOf(record: unknown, options: MatchKeyOptions): string[] {
  if (!isPlainRecord(options)) throw new ValidationError('INVALID_ARGUMENT', 'matchKeysOf takes options { entityType, criteria?, fields?, defaultRegion? }.');
  const criteria = compileCriteria(options.entityType, options.criteria, options.fields);
  const defaultRegion = checkedRegion(options.defaultRegion);
  if (!isPlainRecord(record)) return [];
  const keys = new Set<string>();
  const vocabulary = new Vocabulary();
  const { forms } = formsOf(record, criteria, prepareOptions(defaultRegion, vocabulary));
  if (forms === undefined) return [];
  eachKey(forms, 0, criteria, vocabulary, (key) => keys.add(keptKey(key)));
  return [...keys].sort();
}
