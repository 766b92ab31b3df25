import type { StoredRecord } from '../entities/index.js';
import type { EntityType, StandardField } from '../fields/index.js';
import { FIELD_CODE_PATTERN, listStandardFields } from '../fields/index.js';
import type { PathSegment } from '../kernel/index.js';
import { AdapterError, assertWithinLimit, isCalendarDate, isCrmError, isInstant, isPlainRecord, issue, ValidationError } from '../kernel/index.js';
import { isCurrencyCode, getCurrency } from '../money/index.js';
import type { Money } from '../money/index.js';
import { malformed as malformedIn, unknownField as unknownFieldIn } from './_internal/refusals.js';

/**
 * What an aggregate asks of the records of a query: one group per distinct combination of the
 * `groupBy` fields' values, with its count, the sum of each `sum` field per currency, and the
 * earliest and latest instant of each `range` field.
 *
 * - `groupBy`: at most 4 fields, each a standard field holding one text, whole number, boolean or
 *   calendar day (`stageId`, `assignedById`, `source`, `opened`, `probability`, `birthdate`, ...),
 *   or `custom.<code>`. Without it, every record is in one group, which exists even when no
 *   record matches.
 * - `sum`: at most 8 money fields (`amount`, `custom.<code>`), summed exactly per currency.
 * - `range`: at most 8 instant fields (`createdAt`, `closedAt`, `custom.<code>`).
 *
 * A value of another kind than the field's counts as no value: it is the `null` key of a
 * grouping, and is neither summed nor ranged. A custom field groups by its text, number or
 * boolean; a list, a money value or a date there is no key (`null`), so that every record is in
 * exactly one group.
 *
 * @example
 * ```ts
 * const spec: AggregateSpec = { groupBy: ['stageId', 'assignedById'], sum: ['amount'], range: ['movedAt'] };
 * ```
 */
export interface AggregateSpec {
  readonly groupBy?: readonly string[] | undefined;
  readonly sum?: readonly string[] | undefined;
  readonly range?: readonly string[] | undefined;
}

/** One value of a group's key: a text, a number, a boolean, or `null` for no value. */
export type GroupKey = string | number | boolean | null;

/** The earliest and the latest instant of a field among a group's records. */
export interface InstantRange {
  readonly min: Date;
  readonly max: Date;
}

/**
 * One group of an aggregate: its key (one value per `groupBy` field, in order), how many records
 * it holds, the sums of the `sum` fields and the ranges of the `range` fields, each under its
 * field's name. A sum lists one amount per currency met, by currency code, each exact and in
 * canonical form ({@link money}'s); a range is `null` when no record of the group has an instant
 * there.
 *
 * @example
 * ```ts
 * const group: AggregateGroup = {
 *   key: ['PROPOSAL'],
 *   count: 3,
 *   sums: { amount: [{ amount: '1500.00', currency: 'EUR' }, { amount: '200.00', currency: 'USD' }] },
 *   ranges: { movedAt: { min: new Date('2026-01-05T09:00:00Z'), max: new Date('2026-03-01T12:30:00Z') } },
 * };
 * ```
 */
export interface AggregateGroup {
  readonly key: readonly GroupKey[];
  readonly count: number;
  readonly sums: Readonly<Record<string, readonly Money[]>>;
  readonly ranges: Readonly<Record<string, InstantRange | null>>;
}

/**
 * How a grouping field's value becomes a key: `text`, `integer`, `boolean` and `day` are the
 * standard fields holding one such value (anything else there is no key); `custom` is a custom
 * field, keyed by its text, finite number or boolean.
 */
export type GroupKind = 'text' | 'integer' | 'boolean' | 'day' | 'custom';

declare const normalized: unique symbol;

/**
 * An aggregate spec as an adapter receives it (made only by the store factory): every field
 * exists and suits its use, each list holds distinct fields within its cap, and each grouping
 * says how its values become keys.
 */
export interface NormalizedAggregateSpec {
  readonly groupBy: readonly string[];
  /** How each grouping field's values become keys, in `groupBy` order. */
  readonly groupKinds: readonly GroupKind[];
  readonly sum: readonly string[];
  readonly range: readonly string[];
  /** Only the store factory makes a normalized spec. */
  readonly [normalized]: true;
}

const MOST_GROUP_FIELDS = 4;
const MOST_MEASURED_FIELDS = 8;
const SPEC_KEYS: ReadonlySet<string> = new Set(['groupBy', 'sum', 'range']);

/** The group kind of a standard field of each type that can group records. */
const GROUP_KIND_OF: Readonly<Partial<Record<StandardField['type'], GroupKind>>> = {
  id: 'text',
  string: 'text',
  enumeration: 'text',
  url: 'text',
  email: 'text',
  user: 'text',
  link: 'text',
  stage: 'text',
  pipeline: 'text',
  integer: 'integer',
  boolean: 'boolean',
  date: 'day',
};

/**
 * Checks an aggregate spec for an entity type (the store factory calls it before the adapter
 * sees the spec). Errors name the place in `issues` (`['groupBy', 0]`), never the field text.
 *
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed spec or a field given twice,
 * `UNKNOWN_FIELD` for a field the entity does not have or that cannot be grouped, summed or
 * ranged; {@link LimitError} `LIMIT_EXCEEDED` past a cap.
 */
export function normalizeAggregateSpec(spec: unknown, entityType: EntityType): NormalizedAggregateSpec {
  if (typeof spec === 'object' && spec !== null && CHECKED.get(spec) === entityType) return spec as NormalizedAggregateSpec;
  const standard = listStandardFields(entityType);
  if (standard.length === 0) throw new ValidationError('INVALID_ARGUMENT', 'Unknown entity type.');
  if (!isPlainRecord(spec)) throw invalid('An aggregate spec is a plain object: { groupBy?, sum?, range? }.', []);
  for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) throw invalid('An aggregate spec has only groupBy, sum and range.', [key]);
  const byCode = new Map(standard.map((field) => [field.code, field]));
  const fields = (name: 'groupBy' | 'sum' | 'range', most: number): readonly { readonly field: string; readonly standard: StandardField | undefined; readonly path: PathSegment[] }[] => {
    const given = spec[name];
    if (given === undefined) return [];
    if (!Array.isArray(given)) throw invalid(`${name} is a list of fields.`, [name]);
    if (given.length > most) throw new ValidationError('INVALID_ARGUMENT', `An aggregate names at most ${String(most)} fields in ${name}.`, { issues: [issue('INVALID_ARGUMENT', `At most ${String(most)} fields.`, [name])] });
    assertWithinLimit('queryClauses', given.length, `The ${name} of an aggregate`);
    const seen = new Set<string>();
    // Array.from: a gap in the list is an undefined field, refused, not skipped.
    return Array.from(given as readonly unknown[]).map((field, index) => {
      const path: PathSegment[] = [name, index];
      if (typeof field !== 'string' || field === '') throw invalid('A field is named by a non-empty string.', path);
      if (seen.has(field)) throw invalid('A field is named once in each list.', path);
      seen.add(field);
      if (field.startsWith('custom.')) {
        if (!FIELD_CODE_PATTERN.test(field.slice('custom.'.length))) throw unknownField(path);
        return { field, standard: undefined, path };
      }
      const known = byCode.get(field);
      if (known?.filterable !== true) throw unknownField(path);
      return { field, standard: known, path };
    });
  };
  const groupBy = fields('groupBy', MOST_GROUP_FIELDS).map(({ field, standard: known, path }) => {
    const kind: GroupKind | undefined = known === undefined ? 'custom' : known.multiple ? undefined : GROUP_KIND_OF[known.type];
    if (kind === undefined) throw unknownField(path, 'This field cannot group records: it holds no single text, number, boolean or day.');
    return { field, kind };
  });
  const ofType = (name: 'sum' | 'range', type: StandardField['type'], what: string): readonly string[] =>
    fields(name, MOST_MEASURED_FIELDS).map(({ field, standard: known, path }) => {
      if (known !== undefined && known.type !== type) throw unknownField(path, `This field cannot be ${what}.`);
      return field;
    });
  const sum = ofType('sum', 'money', 'summed: it holds no money');
  const range = ofType('range', 'datetime', 'ranged: it holds no instant');
  const result = Object.freeze({
    groupBy: Object.freeze(groupBy.map((one) => one.field)),
    groupKinds: Object.freeze(groupBy.map((one) => one.kind)),
    sum: Object.freeze(sum),
    range: Object.freeze(range),
  }) as unknown as NormalizedAggregateSpec;
  CHECKED.set(result, entityType);
  return result;
}

// Which specs normalizeAggregateSpec made, for which entity type: a pure memo keyed by frozen results.
const CHECKED = new WeakMap<object, EntityType>();

// ---------------------------------------------------------------------------------------------
// The fold: what every store without the capability does over a stream, and what the memory
// store does over its records.

/** The key a grouping field's value gives, or `null`. */
export function groupKeyOf(value: unknown, kind: GroupKind): GroupKey {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : null;
    case 'integer':
      // A whole-number column has no negative zero: -0 there is no key.
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? (value as number) : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'day':
      // From year 1: a database has no year 0.
      return isCalendarDate(value) && value >= '0001' ? value : null;
    case 'custom':
      if (typeof value === 'string' || typeof value === 'boolean') return value;
      // -0 is the key 0: a group is a value, not a bit pattern.
      return typeof value === 'number' && Number.isFinite(value) ? value + 0 : null;
  }
}

// An amount as `money` writes it: a plain decimal without a needless leading zero, never -0.
const AMOUNT = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const NEGATIVE_ZERO = /^-0(\.0+)?$/;

/**
 * Whether a value is money as the fold sums it: exactly `{ amount, currency }`, a text currency
 * and an amount written as `money` writes it (no needless leading zero, no negative zero).
 */
function isSummable(value: unknown): value is Money {
  return isPlainRecord(value) && Object.keys(value).length === 2 && typeof value.amount === 'string' && AMOUNT.test(value.amount) && !NEGATIVE_ZERO.test(value.amount) && typeof value.currency === 'string';
}

/** 0001-01-01T00:00:00Z: instants from it on are ranged, as days from the year 1 are keys. */
const FIRST_INSTANT = -62_135_596_800_000;

/** An exact decimal: `units / 10^scale`. */
interface Exact {
  units: bigint;
  scale: number;
}

function exactOf(amount: string): Exact {
  const point = amount.indexOf('.');
  return point < 0 ? { units: BigInt(amount), scale: 0 } : { units: BigInt(amount.slice(0, point) + amount.slice(point + 1)), scale: amount.length - point - 1 };
}

function addExact(total: Exact, value: Exact): void {
  if (value.scale > total.scale) {
    total.units *= 10n ** BigInt(value.scale - total.scale);
    total.scale = value.scale;
  }
  total.units += value.units * 10n ** BigInt(total.scale - value.scale);
}

/**
 * The canonical text of a decimal for a currency: no needless zeros, at least the currency's
 * minor units of decimals (none for a code crm-kit does not know), no negative zero, as
 * {@link money} writes it.
 */
function canonicalText(value: Exact, currency: string): string {
  const minorUnits = isCurrencyCode(currency) ? getCurrency(currency).minorUnits : 0;
  let { units, scale } = value;
  while (scale > minorUnits && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  if (scale < minorUnits) {
    units *= 10n ** BigInt(minorUnits - scale);
    scale = minorUnits;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

interface GroupState {
  readonly key: readonly GroupKey[];
  count: number;
  readonly sums: Map<string, Exact>[];
  readonly ranges: ({ min: number; max: number } | null)[];
}

/** Reads a field of a record: a standard field, or `custom.<code>` in its custom values. */
function readerOf(field: string): (record: Readonly<Record<string, unknown>>) => unknown {
  if (!field.startsWith('custom.')) return (record) => (Object.hasOwn(record, field) ? record[field] : undefined);
  const code = field.slice('custom.'.length);
  return (record) => {
    const custom = Object.hasOwn(record, 'custom') ? record.custom : undefined;
    return isPlainRecord(custom) && Object.hasOwn(custom, code) ? custom[code] : undefined;
  };
}

/**
 * Folds records into the groups of a normalized spec, keeping only the groups: the answer of a
 * store without the aggregation capability (over its stream), and of the memory store.
 */
export async function foldAggregate(records: Iterable<StoredRecord> | AsyncIterable<StoredRecord>, spec: NormalizedAggregateSpec): Promise<readonly AggregateGroup[]> {
  const keyReaders = spec.groupBy.map((field, index) => {
    const read = readerOf(field);
    const kind = spec.groupKinds[index] ?? 'custom';
    return (record: Readonly<Record<string, unknown>>): GroupKey => groupKeyOf(read(record), kind);
  });
  const sumReaders = spec.sum.map(readerOf);
  const rangeReaders = spec.range.map(readerOf);
  const groups = new Map<string, GroupState>();
  const add = (stored: StoredRecord): void => {
    const record = stored as unknown as Readonly<Record<string, unknown>>;
    const key = keyReaders.map((read) => read(record));
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (group === undefined) {
      group = { key, count: 0, sums: sumReaders.map(() => new Map<string, Exact>()), ranges: rangeReaders.map(() => null) };
      groups.set(id, group);
    }
    group.count += 1;
    sumReaders.forEach((read, index) => {
      const value = read(record);
      if (!isSummable(value)) return;
      const totals = group.sums[index];
      const total = totals?.get(value.currency);
      if (total === undefined) totals?.set(value.currency, exactOf(value.amount));
      else addExact(total, exactOf(value.amount));
    });
    rangeReaders.forEach((read, index) => {
      const value = read(record);
      if (!isInstant(value) || value.getTime() < FIRST_INSTANT) return;
      const at = value.getTime();
      const range = group.ranges[index];
      if (range === null || range === undefined) group.ranges[index] = { min: at, max: at };
      else {
        if (at < range.min) range.min = at;
        if (at > range.max) range.max = at;
      }
    });
  };
  if (Symbol.asyncIterator in records) for await (const record of records) add(record);
  else for (const record of records) add(record);
  if (spec.groupBy.length === 0 && groups.size === 0) groups.set('[]', { key: [], count: 0, sums: spec.sum.map(() => new Map<string, Exact>()), ranges: spec.range.map(() => null) });
  return sortGroups(
    [...groups.values()].map((group) =>
      groupOf(
        spec,
        group.key,
        group.count,
        group.sums.map((totals) => [...totals].map(([currency, total]) => ({ amount: canonicalText(total, currency), currency }))),
        group.ranges.map((range) => (range === null ? null : { min: new Date(range.min), max: new Date(range.max) })),
      ),
    ),
  );
}

/** A frozen group, its sums by currency code and its measures under their field names. */
function groupOf(spec: NormalizedAggregateSpec, key: readonly GroupKey[], count: number, sums: readonly (readonly Money[])[], ranges: readonly (InstantRange | null)[]): AggregateGroup {
  const sumsByField: Record<string, readonly Money[]> = {};
  spec.sum.forEach((field, index) => {
    const list = [...(sums[index] ?? [])].sort((a, b) => compareCodeUnits(a.currency, b.currency));
    sumsByField[field] = Object.freeze(list.map((one) => Object.freeze({ amount: one.amount, currency: one.currency })));
  });
  const rangesByField: Record<string, InstantRange | null> = {};
  spec.range.forEach((field, index) => {
    const range = ranges[index] ?? null;
    rangesByField[field] = range === null ? null : Object.freeze({ min: range.min, max: range.max });
  });
  return Object.freeze({ key: Object.freeze([...key]), count, sums: Object.freeze(sumsByField), ranges: Object.freeze(rangesByField) });
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Within one position of a key: numbers ascending, then texts in code-unit order, then false,
// true, and no value last.
function rankOf(value: GroupKey): number {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : typeof value === 'boolean' ? 2 : 3;
}

function compareKeys(a: readonly GroupKey[], b: readonly GroupKey[]): number {
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? null;
    const y = b[index] ?? null;
    const order = rankOf(x) - rankOf(y);
    if (order !== 0) return order;
    if (typeof x === 'number' && typeof y === 'number' && x !== y) return x - y;
    if (typeof x === 'string' && typeof y === 'string' && x !== y) return compareCodeUnits(x, y);
    if (typeof x === 'boolean' && x !== y) return x ? 1 : -1;
  }
  return 0;
}

function sortGroups(groups: readonly AggregateGroup[]): readonly AggregateGroup[] {
  return Object.freeze([...groups].sort((a, b) => compareKeys(a.key, b.key)));
}

/**
 * Checks the groups an adapter answered against the spec, and writes them as the fold does:
 * sorted by key, sums canonical and by currency. Anything malformed is `ADAPTER_FAILURE`.
 */
export function returnedGroups(value: unknown, spec: NormalizedAggregateSpec): readonly AggregateGroup[] {
  try {
    return checkedGroups(value, spec);
  } catch (error) {
    // A getter of the adapter's that throws, a Date whose methods were replaced: still its failure.
    throw isCrmError(error) ? error : new AdapterError('ADAPTER_FAILURE', 'The storage adapter returned groups that cannot be read; see cause.', { cause: error });
  }
}

function checkedGroups(value: unknown, spec: NormalizedAggregateSpec): readonly AggregateGroup[] {
  if (!Array.isArray(value)) throw malformed('groups that are not a list');
  const seen = new Set<string>();
  // Array.from: a gap in a list is an undefined group or key value, refused, not skipped.
  const groups = Array.from(value as readonly unknown[]).map((group): AggregateGroup => {
    if (!isPlainRecord(group) || !Array.isArray(group.key) || group.key.length !== spec.groupBy.length || !isPlainRecord(group.sums) || !isPlainRecord(group.ranges)) {
      throw malformed('a group that is not { key, count, sums, ranges } with one key value per grouping field');
    }
    const key = Array.from(group.key as readonly unknown[]).map((one, index) => {
      const keyed = groupKeyOf(one, spec.groupKinds[index] ?? 'custom');
      if (one !== null && !Object.is(keyed, one)) throw malformed("a group key that is not a value of its field's kind");
      return keyed;
    });
    const id = JSON.stringify(key);
    if (seen.has(id)) throw malformed('two groups with one key');
    seen.add(id);
    const { count } = group;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < (spec.groupBy.length === 0 ? 0 : 1)) throw malformed('a group count that is not a whole number from 1');
    const sums = spec.sum.map((field) => {
      const list = Object.hasOwn(group.sums as object, field) ? (group.sums as Readonly<Record<string, unknown>>)[field] : [];
      if (!Array.isArray(list)) throw malformed('sums that are not lists of money');
      const currencies = new Set<string>();
      return Array.from(list as readonly unknown[]).map((one) => {
        if (!isPlainRecord(one) || typeof one.amount !== 'string' || !ANY_DECIMAL.test(one.amount) || typeof one.currency !== 'string' || currencies.has(one.currency)) {
          throw malformed('sums that are not money, one per currency');
        }
        currencies.add(one.currency);
        return { amount: canonicalText(exactOf(one.amount), one.currency), currency: one.currency };
      });
    });
    const ranges = spec.range.map((field) => {
      const range = Object.hasOwn(group.ranges as object, field) ? (group.ranges as Readonly<Record<string, unknown>>)[field] : null;
      if (range === null) return null;
      if (!isPlainRecord(range) || !isInstant(range.min) || !isInstant(range.max) || range.min.getTime() > range.max.getTime()) throw malformed('a range that is not { min, max } of instants in order');
      return { min: new Date(range.min.getTime()), max: new Date(range.max.getTime()) };
    });
    return groupOf(spec, key, count, sums, ranges);
  });
  if (spec.groupBy.length === 0 && groups.length !== 1) throw malformed('an aggregate without groupings that is not one group');
  return sortGroups(groups);
}

// What an adapter may answer as a sum: any plain decimal (the store writes it canonically).
const ANY_DECIMAL = /^-?\d+(\.\d+)?$/;

function malformed(what: string): AdapterError {
  return new AdapterError('ADAPTER_FAILURE', `The storage adapter returned ${what}.`);
}

function invalid(message: string, path: readonly PathSegment[]): ValidationError {
  return malformedIn('aggregate', message, path);
}

function unknownField(path: readonly PathSegment[], message?: string): ValidationError {
  return unknownFieldIn('aggregate', path, message);
}
