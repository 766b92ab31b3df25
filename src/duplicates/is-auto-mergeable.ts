import { invalidArgument, isEmptyValue, isPlainRecord } from '../kernel/index.js';
import type { DuplicateCriteriaOptions } from './criteria.js';
import { normalisePhone } from './normalise-phone.js';
import type { PrepareOptions, Rule } from './_internal/comparators.js';
import { prepareOptions } from './_internal/comparators.js';
import type { CompiledCriterion } from './_internal/compile-criteria.js';
import { compileCriteria } from './_internal/compile-criteria.js';
import { canonical } from './_internal/merge-fields.js';
import { Vocabulary } from './_internal/vocabulary.js';

type Bag = Readonly<Record<string, unknown>>;

/**
 * Options of {@link isAutoMergeable}: the criteria, registry and region duplicate checks use (the
 * entity type's `DEFAULT_DUPLICATE_CRITERIA` unless given).
 */
export type AutoMergeOptions = DuplicateCriteriaOptions;

/** One record's values of one criterion: each in comparison form, and those the comparator leaves out, folded. */
interface Forms {
  /** The comparison form of each value on its own. */
  readonly prepared: readonly Int32Array[];
  readonly others: ReadonlySet<string>;
}

function isBlank(value: unknown): boolean {
  if (isEmptyValue(value)) return true;
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.values(value as Bag).every(isEmptyValue);
}

function formsOf(criterion: CompiledCriterion, record: Bag, options: PrepareOptions): Forms | undefined {
  const values = criterion.read(record);
  // A value that cannot be compared is never proven equal.
  if (!Array.isArray(values)) return undefined;
  const prepared: Int32Array[] = [];
  const others = new Set<string>();
  for (const value of values as readonly unknown[]) {
    // Each value on its own: a shared one is not enough, the lists must be the same.
    const form: number[] = [];
    if (criterion.rule.prepare([value], options, form)) prepared.push(Int32Array.from(form));
    else if (!isBlank(value)) others.add(canonical(value, true));
  }
  return { prepared, others };
}

function covers(rule: Rule, a: readonly Int32Array[], b: readonly Int32Array[], vocabulary: Vocabulary): boolean {
  return a.every((x) => b.some((y) => rule.compare(x, 0, y, 0, vocabulary) === 0));
}

function sameForms(rule: Rule, a: Forms, b: Forms, vocabulary: Vocabulary): boolean {
  if (a.others.size !== b.others.size || [...a.others].some((other) => !b.others.has(other))) return false;
  return covers(rule, a.prepared, b.prepared, vocabulary) && covers(rule, b.prepared, a.prepared, vocabulary);
}

/**
 * Whether duplicates may be merged without asking anyone (DOMAIN.md, "Duplicates and merging"):
 * only when every compared field is equal after normalisation, in every pair of the records, and
 * they have the same responsible person (`assignedById`). Equal means the same values, each
 * matched at its comparator's best level (the same name, the same E.164 number, the same address,
 * the same title without legal forms), not merely one shared value; a field empty on every record
 * is equal, empty on some only is not. A value its comparator leaves out (a shared mailbox such as
 * `info@`) must still be the same text. A value of the wrong shape is never equal.
 *
 * @param records - Two or more records of `options.entityType`, in input or stored form.
 * @param options - The entity type, and the criteria, registry and region of duplicate checks.
 * @returns `true` when the records may be merged automatically.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid (as
 * `findDuplicates` reads them), or fewer than two records, or a record that is not a plain object.
 *
 * @example
 * ```ts
 * const ana = { firstName: 'Ana', lastName: 'García', assignedById: 'u-1', phones: [{ value: '+34 612 345 678', kind: 'work' }] };
 * const again = { firstName: ' ANA', lastName: 'Garcia', assignedById: 'u-1', phones: [{ value: '+34612345678', kind: 'mobile' }] };
 * isAutoMergeable([ana, again], { entityType: 'contact' }); //=> true
 * isAutoMergeable([ana, { ...again, assignedById: 'u-2' }], { entityType: 'contact' }); //=> false
 * isAutoMergeable([ana, { ...again, emails: [{ value: 'ana@example.com', kind: 'work' }] }], { entityType: 'contact' }); //=> false
 * ```
 */
export function isAutoMergeable(records: readonly unknown[], options: AutoMergeOptions): boolean {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('isAutoMergeable takes options { entityType, criteria?, fields?, defaultRegion? }.');
  const criteria = compileCriteria(options.entityType, options.criteria, options.fields);
  const region: unknown = options.defaultRegion;
  if (region !== undefined) {
    // Stryker disable next-line StringLiteral: message text
    if (typeof region !== 'string' || !/^[A-Z]{2}$/.test(region)) throw invalidArgument('defaultRegion is a two-letter region code such as ES.');
    normalisePhone('0', { defaultRegion: region });
  }
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(records) || records.length < 2) throw invalidArgument('isAutoMergeable takes a list of at least two records.');
  const list = records as readonly unknown[];
  // Stryker disable next-line StringLiteral: message text
  if (!list.every(isPlainRecord)) throw invalidArgument('Each record is a plain object.');
  const bags = list as readonly Bag[];
  const responsible = bags[0]?.assignedById;
  if (typeof responsible !== 'string' || responsible === '' || bags.some((record) => record.assignedById !== responsible)) return false;
  const vocabulary = new Vocabulary();
  const preparing = prepareOptions(region, vocabulary);
  for (const criterion of criteria) {
    const forms: Forms[] = [];
    for (const record of bags) {
      const found = formsOf(criterion, record, preparing);
      if (found === undefined) return false;
      forms.push(found);
    }
    for (const [a, first] of forms.entries()) {
      for (const second of forms.slice(a + 1)) if (!sameForms(criterion.rule, first, second, vocabulary)) return false;
    }
  }
  return true;
}
