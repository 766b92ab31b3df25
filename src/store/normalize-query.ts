import { assertRecordScope } from '../access/index.js';
import type { EntityType, FieldRegistry, StandardField } from '../fields/index.js';
import { FIELD_CODE_PATTERN, getCustomField, listStandardFields, toFieldRegistry } from '../fields/index.js';
import type { PathSegment } from '../kernel/index.js';
import { AdapterError, assertWithinLimit, isInstant, isPlainRecord, issue, isStorableText, ValidationError } from '../kernel/index.js';
import type { Pipeline, StagedEntityType, StageGroup } from '../pipelines/index.js';
import { assertPipeline, STAGE_GROUPS, STAGED_ENTITY_TYPES, getStageField, getStageGroup } from '../pipelines/index.js';
import type { FilterClause, FilterOperator, NormalizedQuery, SortKey } from './query.js';
import { FILTER_OPERATORS } from './query.js';
import { malformed, unknownField as unknownFieldIn } from './_internal/refusals.js';
import type { StoreCapabilities } from './store.js';

/**
 * What {@link normalizeQuery} checks a query against.
 */
export interface NormalizeQueryOptions {
  readonly entityType: EntityType;
  /**
   * The entity's field registry: a `custom.<code>` field must be one of its custom fields. Without
   * it any well-formed code is taken (a store cannot know which custom fields exist; `createCrm`
   * always gives the registry).
   */
  readonly registry?: FieldRegistry | undefined;
  readonly capabilities: StoreCapabilities;
  /** The page size when the query gives none; default 50 (capped by `maxPageSize`). */
  readonly defaultLimit?: number | undefined;
  /**
   * The pipelines of a staged entity type (every deal pipeline; the lead status list; the
   * invoice or quote stages), so that a `stageGroup` clause can be rewritten into stage ids.
   * Without them, `stageGroup` is an unknown field.
   */
  readonly pipelines?: readonly Pipeline[] | undefined;
}

/**
 * The pseudo-field of a stage-group filter: `{ field: 'stageGroup', op: 'eq', value: 'won' }`.
 * It is not stored; {@link normalizeQuery} rewrites it into the stage field (`stageId`, or
 * `status` for leads) with the stage ids of the group in the given pipelines.
 *
 * @example
 * ```ts
 * STAGE_GROUP_FIELD; //=> 'stageGroup'
 * ```
 */
export const STAGE_GROUP_FIELD = 'stageGroup';

const STAGE_GROUP_OPERATORS: ReadonlySet<FilterOperator> = new Set(['eq', 'ne', 'in', 'notIn']);

const NO_VALUE: ReadonlySet<FilterOperator> = new Set(['isEmpty', 'isNotEmpty']);
const LIST_VALUE: ReadonlySet<FilterOperator> = new Set(['in', 'notIn', 'overlaps']);
const QUERY_KEYS: ReadonlySet<string> = new Set(['where', 'scope', 'sort', 'limit', 'cursor']);

type FieldKind = 'standard' | 'custom' | 'multi';

/**
 * Checks a query before it reaches an adapter and fills its defaults, so that adapters receive
 * only well-formed queries ({@link NormalizedQuery}): every clause names a field the entity has (a
 * filterable standard field, `custom.<code>`, or a multi-field), an operator the adapter declares,
 * and a value of the operator's shape and kind (none for `isEmpty`/`isNotEmpty`; a non-empty list
 * for `in`/`notIn`/`overlaps`; text for `contains`/`startsWith`; one text, finite number,
 * boolean, valid `Date` or money otherwise, and no boolean for an order operator); sort keys name
 * sortable fields; the page size is a whole number within the adapter's maximum. Sizes are capped
 * (`LIMITS.queryClauses` clauses and sort keys, `LIMITS.queryValues` values in a list,
 * `LIMITS.cursorText` for a cursor) and texts must be storable. A `stageGroup` clause (`eq`, `ne`,
 * `in`, `notIn` over `'in-progress'`, `'won'`, `'lost'`) on a staged entity type is rewritten into
 * an `in` clause on its stage field, listing the stage ids of the wanted groups across
 * `options.pipelines`, so adapters never see it (a record whose stage is in none of those
 * pipelines matches no stage-group clause, `ne` included). Field visibility is checked
 * separately, per reader (`assertCanFilterOn` in access).
 *
 * Errors name the place in `issues` (`['where', 0, 'field']`), never the field text or value.
 *
 * @param query - The query as given.
 * @param options - The entity type, its registry and the adapter's capabilities.
 * @returns A frozen, normalized query (values copied, so later changes to the given one do not
 * reach it).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed query, `UNKNOWN_FIELD` for a
 * field the entity does not have or cannot filter or sort on, `INVALID_TEXT` for text with a NUL
 * or a lone surrogate; {@link LimitError} `LIMIT_EXCEEDED` past a cap; {@link AdapterError}
 * `UNSUPPORTED` for an operator or field kind the adapter does not declare.
 *
 * @example
 * ```ts
 * const capabilities = { transactions: true, operators: ['eq', 'in'] as const, customFieldFilters: false, multiFieldFilters: true, maxPageSize: 100 };
 * normalizeQuery({ where: [{ field: 'emails', op: 'eq', value: 'ana@example.com' }] }, { entityType: 'contact', capabilities }).limit; //=> 50
 * normalizeQuery({ where: [{ field: 'nickname', op: 'eq', value: 'x' }] }, { entityType: 'contact', capabilities }); // throws UNKNOWN_FIELD
 * normalizeQuery({ where: [{ field: 'lastName', op: 'startsWith', value: 'Ga' }] }, { entityType: 'contact', capabilities }); // throws UNSUPPORTED
 * normalizeQuery({ limit: 1000 }, { entityType: 'contact', capabilities }); // throws INVALID_ARGUMENT
 * try {
 *   normalizeQuery({ where: [{ field: 'title', op: 'eq', value: ['x'] }] }, { entityType: 'deal', capabilities });
 * } catch (error) {
 *   isCrmError(error, 'INVALID_ARGUMENT') && error.issues.map((i) => i.path); //=> [['where', 0, 'value']]
 * }
 * const won = normalizeQuery({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }, { entityType: 'deal', capabilities, pipelines: [DEFAULT_DEAL_PIPELINE] });
 * won.where; //=> [{ field: 'stageId', op: 'in', value: ['WON'] }]
 * ```
 */
export function normalizeQuery(query: unknown, options: NormalizeQueryOptions): NormalizedQuery {
  if (!isPlainRecord(options) || !isPlainRecord(options.capabilities)) {
    throw new ValidationError('INVALID_ARGUMENT', 'normalizeQuery needs { entityType, capabilities }.');
  }
  const capabilities = options.capabilities;
  const standard = listStandardFields(options.entityType);
  if (standard.length === 0) throw new ValidationError('INVALID_ARGUMENT', 'Unknown entity type.');
  const registry = options.registry === undefined ? undefined : toFieldRegistry(options.registry);
  if (!isPlainRecord(query)) throw invalid('A query is a plain object: { where?, scope?, sort?, limit?, cursor? }.', []);
  for (const key of Object.keys(query)) {
    if (!QUERY_KEYS.has(key)) throw invalid('A query has only where, scope, sort, limit and cursor.', [key]);
  }
  const stageGroups = stageGroupIndex(options.entityType, options.pipelines);

  const resolve = (field: unknown, path: PathSegment[], use: 'filter' | 'sort'): FieldKind => {
    if (typeof field !== 'string' || field === '') throw invalid('A field is named by a non-empty string.', path);
    if (field.startsWith('custom.')) {
      const code = field.slice('custom.'.length);
      if (registry === undefined) {
        if (!FIELD_CODE_PATTERN.test(code)) throw unknownField(path);
        return 'custom';
      }
      const definition = getCustomField(registry, code);
      if (definition === undefined) throw unknownField(path);
      if (use === 'sort' && definition.multiple === true) throw unknownField(path, 'A list-valued field cannot be sorted on.');
      return 'custom';
    }
    const known: StandardField | undefined = standard.find((f) => f.code === field);
    if (known === undefined || (use === 'filter' ? !known.filterable : !known.sortable)) {
      throw unknownField(path, use === 'sort' ? 'No sortable standard field has this name.' : undefined);
    }
    return known.type === 'multifield' ? 'multi' : 'standard';
  };

  const where = listOf(query.where, ['where'], 'queryClauses').map((clause, index): FilterClause => {
    const path: PathSegment[] = ['where', index];
    if (!isPlainRecord(clause) || Object.keys(clause).some((key) => !['field', 'op', 'value'].includes(key))) {
      throw invalid('A clause is { field, op, value? }.', path);
    }
    const op = clause.op;
    if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
      throw invalid(`Unknown operator; use one of ${FILTER_OPERATORS.join(', ')}.`, [...path, 'op']);
    }
    const operator = op as FilterOperator;
    if (clause.field === STAGE_GROUP_FIELD && stageGroups !== undefined) {
      const rewritten = stageGroupClause(stageGroups, operator, clause.value, path);
      if (!capabilities.operators.includes(rewritten.op)) throw unsupported(`This store does not evaluate the ${rewritten.op} operator a stage-group filter needs.`);
      return rewritten;
    }
    const kind = resolve(clause.field, [...path, 'field'], 'filter');
    if (!capabilities.operators.includes(operator)) throw unsupported(`This store does not evaluate the ${operator} operator.`);
    if (kind === 'custom' && !capabilities.customFieldFilters) throw unsupported('This store does not filter on custom fields.');
    if (kind === 'multi' && !capabilities.multiFieldFilters) throw unsupported('This store does not filter on multi-fields.');
    const value: unknown = clause.value;
    const at = [...path, 'value'];
    if (NO_VALUE.has(operator)) {
      if ('value' in clause && value !== undefined) throw invalid(`${operator} takes no value.`, at);
      return Object.freeze({ field: clause.field as string, op: operator });
    }
    if (LIST_VALUE.has(operator)) {
      if (!Array.isArray(value) || value.length === 0) throw invalid(`${operator} takes a non-empty list.`, at);
      assertWithinLimit('queryValues', value.length, `The list of ${operator}`);
      const values = (value as readonly unknown[]).map((one, position) => filterValue(one, operator, [...at, position]));
      return Object.freeze({ field: clause.field as string, op: operator, value: Object.freeze(values) });
    }
    if (value === undefined || Array.isArray(value)) throw invalid(`${operator} takes one value.`, at);
    return Object.freeze({ field: clause.field as string, op: operator, value: filterValue(value, operator, at) });
  });

  const sort = listOf(query.sort, ['sort'], 'queryClauses').map((key, index): SortKey => {
    const path: PathSegment[] = ['sort', index];
    if (!isPlainRecord(key) || (key.direction !== 'asc' && key.direction !== 'desc') || Object.keys(key).length !== 2) {
      throw invalid("A sort key is { field, direction: 'asc' | 'desc' }.", path);
    }
    resolve(key.field, [...path, 'field'], 'sort');
    return Object.freeze({ field: key.field as string, direction: key.direction });
  });

  const maxPageSize = capabilities.maxPageSize;
  const limit: unknown = query.limit ?? Math.min(options.defaultLimit ?? DEFAULT_LIMIT, maxPageSize);
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw invalid(`A page holds from 1 to ${maxPageSize} records.`, ['limit']);
  }
  const cursor: unknown = query.cursor;
  if (cursor !== undefined) {
    if (typeof cursor !== 'string' || cursor === '') throw invalid('A cursor is the nextCursor of a page.', ['cursor']);
    assertWithinLimit('cursorText', cursor.length, 'The cursor');
    storable(cursor, ['cursor']);
  }
  if (query.scope !== undefined) assertRecordScope(query.scope);

  const normalized: Record<string, unknown> = { where: Object.freeze(where), sort: Object.freeze(sort), limit };
  if (query.scope !== undefined) normalized.scope = query.scope;
  if (cursor !== undefined) normalized.cursor = cursor;
  const result = Object.freeze(normalized) as unknown as NormalizedQuery;
  CHECKED.set(result, { entityType: options.entityType, capabilities });
  return result;
}

const DEFAULT_LIMIT = 50;

// Which queries normalizeQuery made, for which entity type and capabilities: the store factory
// passes them through without checking them again. Keys are frozen results: a pure memo.
const CHECKED = new WeakMap<object, { readonly entityType: EntityType; readonly capabilities: StoreCapabilities }>();

/**
 * Whether a query was made by {@link normalizeQuery} for this entity type and these capabilities
 * (the same object), so that it can go to the adapter as it is.
 */
export function isNormalizedFor(query: unknown, entityType: EntityType, capabilities: StoreCapabilities): query is NormalizedQuery {
  const checked = typeof query === 'object' && query !== null ? CHECKED.get(query) : undefined;
  return checked?.entityType === entityType && checked.capabilities === capabilities;
}

const MONEY_AMOUNT = /^-?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

// One value of a clause, of the kind its operator takes, copied (a Date or money object given by
// the caller could change after the check).
function filterValue(value: unknown, op: FilterOperator, path: readonly PathSegment[]): unknown {
  if (op === 'contains' || op === 'startsWith') {
    if (typeof value !== 'string') throw invalid(`${op} takes text.`, path);
    return storable(value, path);
  }
  if (ORDER.has(op) && typeof value === 'boolean') throw invalid(`${op} takes a number, text, Date or money.`, path);
  switch (typeof value) {
    case 'string':
      return storable(value, path);
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      break;
    case 'object':
      if (isInstant(value)) return new Date(value.getTime());
      if (isPlainRecord(value) && Object.keys(value).length === 2 && typeof value.amount === 'string' && MONEY_AMOUNT.test(value.amount) && typeof value.currency === 'string' && CURRENCY.test(value.currency)) {
        return Object.freeze({ amount: value.amount, currency: value.currency });
      }
      break;
  }
  throw invalid('A value is text, a finite number, a boolean, a valid Date or money { amount, currency }; use isEmpty for absent values.', path);
}

function storable(text: string, path: readonly PathSegment[]): string {
  if (!isStorableText(text)) throw new ValidationError('INVALID_TEXT', 'The query holds text with a NUL or a lone surrogate; see issues.', { issues: [issue('INVALID_TEXT', 'Text with a NUL or a lone surrogate.', path)] });
  return text;
}

const ORDER: ReadonlySet<FilterOperator> = new Set(['lt', 'lte', 'gt', 'gte']);

interface StageGroupIndex {
  /** The stage field of the entity type: `status` for leads, `stageId` otherwise. */
  readonly field: string;
  /** The stage ids of each group, across every pipeline. */
  readonly ids: Readonly<Record<StageGroup, readonly string[]>>;
}

// The stage ids of each group across the pipelines; a stage id in two groups (through two
// pipelines) cannot be told apart by a filter on the stage field alone, so it is refused.
function stageGroupIndex(entityType: EntityType, pipelines: unknown): StageGroupIndex | undefined {
  if (pipelines === undefined || !(STAGED_ENTITY_TYPES as readonly string[]).includes(entityType)) return undefined;
  if (!Array.isArray(pipelines)) throw new ValidationError('INVALID_ARGUMENT', 'pipelines is a list of pipelines.');
  const groupOf = new Map<string, StageGroup>();
  for (const pipeline of pipelines as readonly unknown[]) {
    assertPipeline(pipeline);
    if (pipeline.entityType !== entityType) throw new ValidationError('INVALID_ARGUMENT', 'pipelines holds pipelines of the queried entity type only.');
    for (const stage of pipeline.stages) {
      const group = getStageGroup(pipeline, stage.id);
      if (group === undefined) continue; // never: the stage is one of the pipeline's own
      const known = groupOf.get(stage.id);
      if (known !== undefined && known !== group) {
        throw new ValidationError('INVALID_ARGUMENT', 'One stage id belongs to different stage groups in two pipelines, so a stage-group filter cannot tell them apart.');
      }
      groupOf.set(stage.id, group);
    }
  }
  const ids: Record<StageGroup, string[]> = { 'in-progress': [], won: [], lost: [] };
  for (const [id, group] of groupOf) ids[group].push(id);
  return { field: getStageField(entityType as StagedEntityType), ids };
}

// `stageGroup op value` as an `in` clause over the stage ids of the wanted groups. When no stage
// is wanted, the clause is `isEmpty` on the stage field, which no stored record matches.
function stageGroupClause(index: StageGroupIndex, op: FilterOperator, value: unknown, path: readonly PathSegment[]): FilterClause {
  if (!STAGE_GROUP_OPERATORS.has(op)) throw invalid('A stage group is filtered with eq, ne, in or notIn.', [...path, 'op']);
  const given = LIST_VALUE.has(op) ? value : [value];
  if (!Array.isArray(given) || given.length === 0 || !given.every((group) => (STAGE_GROUPS as readonly unknown[]).includes(group))) {
    throw invalid(`A stage group is one of ${STAGE_GROUPS.join(', ')}${LIST_VALUE.has(op) ? ', in a non-empty list' : ''}.`, [...path, 'value']);
  }
  const named = new Set(given as readonly StageGroup[]);
  const wanted = STAGE_GROUPS.filter((group) => (op === 'eq' || op === 'in' ? named.has(group) : !named.has(group)));
  const ids = wanted.flatMap((group) => index.ids[group]);
  return ids.length === 0 ? Object.freeze({ field: index.field, op: 'isEmpty' }) : Object.freeze({ field: index.field, op: 'in', value: Object.freeze(ids) });
}

function listOf(value: unknown, path: PathSegment[], limit: 'queryClauses'): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid('Expected a list.', path);
  assertWithinLimit(limit, value.length, `The ${String(path[0])} of a query`);
  return value;
}

function invalid(message: string, path: readonly PathSegment[]): ValidationError {
  return malformed('query', message, path);
}

function unknownField(path: readonly PathSegment[], message?: string): ValidationError {
  return unknownFieldIn('query', path, message);
}

function unsupported(message: string): AdapterError {
  return new AdapterError('UNSUPPORTED', message);
}
