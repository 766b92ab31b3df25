// A record as duplicate detection sees it: one comparison form per criterion, and its blocking
// keys. The scan, the duplicate index and matchKeysOf all read records here, so that the keys a
// store keeps are the ones a scan blocks on and a check looks up.
import type { Issue } from '../../kernel/index.js';
import { invalidArgument } from '../../kernel/index.js';
import { normalisePhone } from '../normalise-phone.js';
import type { PrepareOptions } from './comparators.js';
import type { CompiledCriterion } from './compile-criteria.js';
import type { Words } from './vocabulary.js';

/** A blocking key of a record: the criterion it comes from, its text as records hold it, and whether it only looks. */
export interface RecordKey {
  readonly criterion: number;
  /** The criterion's field, which prefixes the key where keys of all criteria meet. */
  readonly field: string;
  readonly body: string;
  readonly looks: boolean;
}

/**
 * The region national phone numbers are read in, checked: phones are read into E.164 only when
 * two records share a key, so an unknown region must fail before any record is read.
 */
export function checkedRegion(region: unknown): string | undefined {
  if (region === undefined) return undefined;
  if (typeof region !== 'string' || !/^[A-Z]{2}$/.test(region)) throw invalidArgument('defaultRegion is a two-letter region code such as ES.');
  normalisePhone('0', { defaultRegion: region });
  return region;
}

/** The comparison forms of a record (`undefined` where it has nothing to compare), or the issues of its fields. */
export function formsOf(
  record: Readonly<Record<string, unknown>>,
  criteria: readonly CompiledCriterion[],
  options: PrepareOptions,
): { readonly forms: unknown[]; readonly issues?: undefined } | { readonly forms?: undefined; readonly issues: Issue[] } {
  const forms: unknown[] = [];
  const issues: Issue[] = [];
  for (const criterion of criteria) {
    const values = criterion.read(record);
    if (!Array.isArray(values)) issues.push(values as Issue);
    else forms.push(values.length === 0 ? undefined : criterion.rule.prepare(values, options));
  }
  return issues.length > 0 ? { issues } : { forms };
}

/** Calls `each` with every blocking key of a record's forms, in criterion order (a key may repeat). */
export function eachKey(forms: readonly unknown[], criteria: readonly CompiledCriterion[], vocabulary: Words, each: (key: RecordKey) => void): void {
  const texts: string[] = [];
  criteria.forEach(({ field, rule }, criterion) => {
    const form = forms[criterion];
    if (form === undefined) return;
    texts.length = 0;
    rule.keys(form, texts, vocabulary);
    for (const text of texts) {
      const looks = text.charCodeAt(0) === LOOKS_MARK;
      each({ criterion, field, body: looks ? text.slice(1) : text, looks });
    }
  });
}

const LOOKS_MARK = 62;
