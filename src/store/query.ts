import type { RecordScope } from '../access/index.js';

/**
 * Every filter operator, in one constant list. What each means:
 *
 * - `eq`, `ne`: equal / not equal. `lt`, `lte`, `gt`, `gte`: order (numbers, instants, calendar
 *   days, text by code units; money only against money of the same currency).
 * - `in`, `notIn`: the value is / is not one of a list.
 * - `contains`, `startsWith`: text containing / starting with the value, ignoring case.
 * - `isEmpty`, `isNotEmpty`: absent, `null`, blank text or an empty list / anything else; they take
 *   no value.
 * - `overlaps`: a list-valued field holds at least one of the values of a list.
 *
 * `ne` and `notIn` are the exact negations of `eq` and `in`: a record with no value in the field
 * MUST match them (over SQL: `IS DISTINCT FROM`, or `col IS NULL OR col NOT IN (…)`). The order
 * operators, `contains` and `startsWith` MUST NOT match a record with no value.
 *
 * On a list-valued field (a multi-field such as `phones`, or a `multiple` custom field), `eq`,
 * `contains` and `startsWith` match when any element matches; on a multi-field they compare each
 * element's `value`.
 *
 * @example
 * ```ts
 * FILTER_OPERATORS.includes('overlaps'); //=> true
 * ```
 */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'overlaps',
] as const;

/**
 * One of {@link FILTER_OPERATORS}.
 */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * One condition of a query. `field` is a standard field code, `custom.<code>` for a custom field,
 * or a multi-field code (`phones`, `emails`, `websites`, `messengers`) to match any of its values.
 * Clauses of a query all hold at once (AND).
 *
 * @example
 * ```ts
 * const clauses: readonly FilterClause[] = [
 *   { field: 'emails', op: 'eq', value: 'ana@example.com' },
 *   { field: 'custom.tier', op: 'in', value: ['gold', 'silver'] },
 *   { field: 'comments', op: 'isEmpty' },
 * ];
 * ```
 */
export interface FilterClause {
  readonly field: string;
  readonly op: FilterOperator;
  readonly value?: unknown;
}

/**
 * One key of a sort. Records always end with their `id` as a last, ascending key, so an order is
 * total and pages are stable.
 */
export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * What a repository is asked for: filters, the reader's record scope (from access), an order, and
 * a page of at most `limit` records after `cursor`.
 *
 * @example
 * ```ts
 * const query: Query = {
 *   where: [{ field: 'stageId', op: 'in', value: ['NEW', 'PROPOSAL'] }],
 *   scope: { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: false },
 *   sort: [{ field: 'movedAt', direction: 'desc' }],
 *   limit: 50,
 * };
 * ```
 */
export interface Query {
  readonly where?: readonly FilterClause[] | undefined;
  /** Only records in this scope (see `buildRecordScope` in access); all records when omitted. */
  readonly scope?: RecordScope | undefined;
  readonly sort?: readonly SortKey[] | undefined;
  /** At most this many records per page; the normalising layer fills a default and caps it. */
  readonly limit?: number | undefined;
  /** Where the previous page ended (`nextCursor`); the first page when omitted. */
  readonly cursor?: string | undefined;
}

declare const normalized: unique symbol;

/**
 * A query as an adapter receives it, made only by `normalizeQuery` (the store factory calls it):
 * every clause names a field the entity has, an operator the adapter declares and a value of the
 * operator's shape and kind (one text, number, boolean, valid `Date` or money; a non-empty list of
 * them for `in`, `notIn`, `overlaps`; text for `contains` and `startsWith`; none for `isEmpty` and
 * `isNotEmpty`); `sort` names sortable fields; `limit` is a whole number from 1 to the adapter's
 * `maxPageSize`; `scope` is a well-formed record scope; `cursor` is non-empty text within
 * `LIMITS.cursorText` (its content is the adapter's own, which it still decodes and checks).
 * Texts hold no NUL and no lone surrogate. An adapter never checks any of this again.
 *
 * @example
 * ```ts
 * const capabilities = { transactions: true, operators: FILTER_OPERATORS, customFieldFilters: true, multiFieldFilters: true, maxPageSize: 100 };
 * const query: NormalizedQuery = normalizeQuery({ where: [{ field: 'lastName', op: 'eq', value: 'García' }] }, { entityType: 'contact', capabilities });
 * [query.limit, query.sort]; //=> [50, []]
 * ```
 */
export interface NormalizedQuery {
  readonly where: readonly FilterClause[];
  readonly scope?: RecordScope | undefined;
  readonly sort: readonly SortKey[];
  readonly limit: number;
  readonly cursor?: string | undefined;
  /** Only `normalizeQuery` makes a normalized query. */
  readonly [normalized]: true;
}

/**
 * One page of a query's results. `nextCursor` is present exactly when more records may follow.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | undefined;
}
