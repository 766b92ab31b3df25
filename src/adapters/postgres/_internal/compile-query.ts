// A normalized query as SQL: its clauses and scope as a WHERE condition, its order as ORDER BY
// components, and keyset pagination over those components. Each clause means exactly what it
// means to the memory store (store/query.ts): a value of another kind than the field's never
// matches, `ne` and `notIn` are the exact negations of `eq` and `in`, and lists match through any
// element. Values and JSON keys are always parameters; identifiers come from the field registry.
import type { BasicRecordScope, RecordScope } from '../../../access/index.js';
import { invalidArgument } from '../../../kernel/index.js';
import { readKeysetCursor, writeKeysetCursor } from '../../_internal/cursors.js';
import type { FilterClause, NormalizedQuery } from '../../../store/index.js';
import type { Column, Layout } from './columns.js';
import { fits, instantSql, isColumnInstant } from './columns.js';
import { DATE_KEY, NEGATIVE_ZERO_SQL } from './json-value.js';
import type { Params } from './sql.js';
import { likeLiteral } from './sql.js';

/** The collation `contains` and `startsWith` fold case in (see createPostgresStore). */
export interface Dialect {
  readonly foldCollation: string;
}

// JavaScript's `trim` removes these; a text of them only is empty (isEmptyValue).
const BLANK = '^[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*$';
const DECIMAL = '^-?[0-9]+([.][0-9]+)?$';

type Scalar = string | number | boolean | Date | { readonly amount: string; readonly currency: string };

/** Where a clause or sort key reads. */
type Access =
  | { readonly kind: 'column'; readonly column: Column }
  // A jsonb value: a custom field, or a standard field kept as JSON (multi-fields read their
  // elements' `value`); `contains` gives the jsonb documents (for a GIN index's `@>`) that any
  // record holding a value must contain one of.
  | { readonly kind: 'json'; readonly sql: string; readonly multi: boolean; readonly contains: ContainmentOf }
  // A field this type has no column for: it holds nothing.
  | { readonly kind: 'none' };

type ContainmentOf = (value: string | number | boolean) => { readonly column: string; readonly documents: readonly unknown[] };

const MULTI_FIELDS: ReadonlySet<string> = new Set(['phones', 'emails', 'websites', 'messengers']);

function accessOf(layout: Layout, field: string, params: Params): Access {
  if (field.startsWith('custom.')) {
    const code = field.slice('custom.'.length);
    const contains: ContainmentOf = (value) => ({ column: '"custom"', documents: [{ [code]: value }, { [code]: [value] }] });
    return { kind: 'json', sql: `("custom" -> ${params.add(code)})`, multi: false, contains };
  }
  const column = layout.byCode.get(field);
  if (column === undefined) return { kind: 'none' };
  if (column.kind === 'json') {
    const multi = MULTI_FIELDS.has(field);
    const contains: ContainmentOf = (value) => ({ column: column.sql, documents: multi ? [[{ value }], [value]] : [value, [value]] });
    return { kind: 'json', sql: column.sql, multi, contains };
  }
  return { kind: 'column', column };
}

// For eq, in and overlaps over jsonb with text, numbers and booleans: containment a GIN index
// answers, true of every record that can match (the exact test still decides).
function containmentHint(access: Access, op: FilterClause['op'], value: unknown, params: Params): string | undefined {
  if (access.kind !== 'json' || !(op === 'eq' || op === 'in' || op === 'overlaps')) return undefined;
  const given: readonly unknown[] = op === 'eq' ? [value] : (value as readonly unknown[]);
  // Zero is left out: a negative zero is kept tagged, which containment of 0 would not find.
  const values = given.filter((item): item is string | number | boolean => typeof item === 'string' || (typeof item === 'number' && item !== 0) || typeof item === 'boolean');
  if (values.length !== given.length) return undefined;
  const parts = values.flatMap((item) => {
    const { column, documents } = access.contains(item);
    return documents.map((document) => `${column} @> ${params.add(JSON.stringify(document))}::jsonb`);
  });
  return `(${parts.join(' OR ')})`;
}

/** The WHERE condition of a query's clauses and scope (`TRUE` when it has none). */
export function whereOf(layout: Layout, query: Pick<NormalizedQuery, 'where' | 'scope'>, params: Params, dialect: Dialect): string {
  const parts = query.where.map((clause) => clauseOf(layout, clause, params, dialect));
  if (query.scope !== undefined) parts.push(scopeOf(layout, query.scope, params));
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

function clauseOf(layout: Layout, clause: FilterClause, params: Params, dialect: Dialect): string {
  const access = accessOf(layout, clause.field, params);
  const { op } = clause;
  const value = clause.value as Scalar | readonly Scalar[] | undefined;
  if (op === 'isEmpty' || op === 'isNotEmpty') {
    const empty = emptyOf(access, params);
    return op === 'isEmpty' ? empty : `NOT ${empty}`;
  }
  let test: (element: string, kind: ElementKind) => string;
  switch (op) {
    case 'eq':
    case 'ne':
      test = (element, kind) => equalTo(element, kind, value as Scalar, params);
      break;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const operator = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
      test = (element, kind) => orderedAs(element, kind, value as Scalar, operator, params);
      break;
    }
    case 'in':
    case 'notIn':
    case 'overlaps':
      test = (element, kind) => oneOf(element, kind, value as readonly Scalar[], params);
      break;
    case 'contains':
    case 'startsWith': {
      // A normalized query's contains and startsWith take text.
      const needle = likeLiteral(value as string);
      const pattern = op === 'contains' ? `%${needle}%` : `${needle}%`;
      const placeholder = params.add(pattern);
      const folded = (text: string): string => `lower(${text} COLLATE ${dialect.foldCollation}) LIKE lower(${placeholder} COLLATE ${dialect.foldCollation})`;
      test = (element, kind) => {
        if (kind === 'json') return `(CASE WHEN jsonb_typeof(${element}) = 'string' THEN ${folded(`(${element} #>> '{}')`)} ELSE FALSE END)`;
        if (kind.type === 'text' || kind.type === 'texts') return folded(element);
        return kind.type === 'day' ? folded(`to_char(${element}, 'YYYY-MM-DD')`) : 'FALSE';
      };
      break;
    }
  }
  const found = `COALESCE(${anyElement(access, test)}, FALSE)`;
  if (op === 'ne' || op === 'notIn') return `NOT ${found}`;
  const hint = containmentHint(access, op, value, params);
  return hint === undefined ? found : `(${hint} AND ${found})`;
}

/** What an element is: a typed column's value, or a jsonb value of any kind. */
type ElementKind = 'json' | { readonly type: Column['kind']; readonly column: Column };

// Whether any element of the field passes `test`: the value itself, or each element of a list.
function anyElement(access: Access, test: (element: string, kind: ElementKind) => string): string {
  if (access.kind === 'none') return 'FALSE';
  if (access.kind === 'column') {
    const { column } = access;
    if (column.kind === 'texts') return `EXISTS (SELECT 1 FROM unnest(${column.sql}) AS "element" WHERE ${test('"element"', { type: 'texts', column })})`;
    return test(column.sql, { type: column.kind, column });
  }
  const element = access.multi ? `(CASE WHEN jsonb_typeof("element") = 'object' THEN "element" -> 'value' ELSE "element" END)` : '"element"';
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${access.sql}) = 'array' THEN ${access.sql} ELSE jsonb_build_array(${access.sql}) END) AS "element" WHERE ${test(element, 'json')})`;
}

function emptyOf(access: Access, params: Params): string {
  if (access.kind === 'none') return 'TRUE';
  if (access.kind === 'json') {
    const { sql } = access;
    return `COALESCE(${sql} IS NULL OR ${sql} = 'null'::jsonb OR ${sql} = '[]'::jsonb OR (jsonb_typeof(${sql}) = 'string' AND (${sql} #>> '{}') ~ ${params.add(BLANK)}), TRUE)`;
  }
  const { column } = access;
  switch (column.kind) {
    case 'text':
      return `COALESCE(${column.sql} ~ ${params.add(BLANK)}, TRUE)`;
    case 'texts':
      return `COALESCE(cardinality(${column.sql}) = 0, TRUE)`;
    default:
      return `(${column.sql} IS NULL)`;
  }
}

// Equality of an element and a value: text, numbers and booleans to themselves, instants by time,
// money by currency and amount; anything of another kind is not equal.
function equalTo(element: string, kind: ElementKind, value: Scalar, params: Params): string {
  if (kind === 'json') return jsonEqual(element, value, params);
  const { type, column } = kind;
  // A calendar day equals the text it is written as; text that is no day equals none.
  if (!sameKind(type, value) || (type === 'day' && !fits('day', value))) return 'FALSE';
  if (type === 'money') {
    const money = value as { readonly amount: string; readonly currency: string };
    return `(${column.currencySql ?? ''} = ${params.add(money.currency)} AND ${element} = ${params.add(money.amount)}::numeric)`;
  }
  return `${element} = ${castParam(type, value, params)}`;
}

// The order of an element and a value of the same kind (text by code point, calendar days as
// text, money of one currency); `FALSE` for values of another kind.
function orderedAs(element: string, kind: ElementKind, value: Scalar, operator: string, params: Params): string {
  if (kind === 'json') return jsonOrdered(element, value, operator, params);
  const { type, column } = kind;
  if (!sameKind(type, value) || type === 'boolean') return 'FALSE';
  if (type === 'day') return fits('day', value) ? `${element} ${operator} ${params.add(value as string)}::date` : `to_char(${element}, 'YYYY-MM-DD') COLLATE "C" ${operator} ${params.add(value as string)}`;
  if (type === 'money') {
    const money = value as { readonly amount: string; readonly currency: string };
    return `(${column.currencySql ?? ''} = ${params.add(money.currency)} AND ${element} ${operator} ${params.add(money.amount)}::numeric)`;
  }
  return `${element} ${operator} ${castParam(type, value, params)}`;
}

// Whether a value is of the kind a typed column holds (calendar days are text).
function sameKind(type: Column['kind'], value: Scalar): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number';
    case 'instant':
      return value instanceof Date;
    case 'boolean':
      return typeof value === 'boolean';
    case 'money':
      return typeof value === 'object' && !(value instanceof Date) && typeof value.amount === 'string' && new RegExp(DECIMAL).test(value.amount) && typeof value.currency === 'string';
    default:
      return typeof value === 'string';
  }
}

function oneOf(element: string, kind: ElementKind, values: readonly Scalar[], params: Params): string {
  const texts = values.filter((value): value is string => typeof value === 'string');
  const others = values.filter((value) => typeof value !== 'string');
  const parts: string[] = [];
  if (texts.length > 0) {
    if (kind === 'json') parts.push(`(jsonb_typeof(${element}) = 'string' AND (${element} #>> '{}') = ANY(${params.texts(texts)}))`);
    else if (kind.type === 'text' || kind.type === 'texts') parts.push(`${element} = ANY(${params.texts(texts)})`);
    else if (kind.type === 'day') parts.push(`to_char(${element}, 'YYYY-MM-DD') = ANY(${params.texts(texts)})`);
  }
  for (const value of others) parts.push(equalTo(element, kind, value, params));
  return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
}

function castParam(type: Column['kind'], value: Scalar, params: Params): string {
  switch (type) {
    case 'integer':
      return `${params.add((value as number).toString())}::numeric`;
    case 'instant':
      return instantSql(value as Date, params);
    case 'day':
      return `${params.add(value as string)}::date`;
    case 'boolean':
      return `${params.add(value === true ? 'true' : 'false')}::boolean`;
    default:
      return params.add(value as string);
  }
}

// A jsonb element against a value, by the value's kind.
function jsonEqual(element: string, value: Scalar, params: Params): string {
  if (typeof value === 'string') return `${element} = to_jsonb(${params.add(value)}::text)`;
  if (typeof value === 'number') return `(${jsonNumber(element)} = ${params.add(String(value))}::numeric)`;
  if (typeof value === 'boolean') return `${element} = to_jsonb(${params.add(value ? 'true' : 'false')}::boolean)`;
  if (value instanceof Date) return `${jsonDate(element)} = ${params.add(String(value.getTime()))}::numeric`;
  return `(${jsonMoneyOf(element, value.currency, params)} = ${params.add(value.amount)}::numeric)`;
}

function jsonOrdered(element: string, value: Scalar, operator: string, params: Params): string {
  if (typeof value === 'string') return `(jsonb_typeof(${element}) = 'string' AND (${element} #>> '{}') COLLATE "C" ${operator} ${params.add(value)})`;
  if (typeof value === 'number') return `(${jsonNumber(element)} ${operator} ${params.add(String(value))}::numeric)`;
  if (value instanceof Date) return `(${jsonDate(element)} ${operator} ${params.add(String(value.getTime()))}::numeric)`;
  if (typeof value === 'boolean') return 'FALSE';
  return `(${jsonMoneyOf(element, value.currency, params)} ${operator} ${params.add(value.amount)}::numeric)`;
}

// The number of a jsonb value (negative zero as 0), NULL for any other value.
function jsonNumber(element: string): string {
  return `(CASE WHEN jsonb_typeof(${element}) = 'number' THEN (${element} #>> '{}')::numeric WHEN ${element} = ${NEGATIVE_ZERO_SQL} THEN 0 END)`;
}

// The instant of a tagged date (epoch ms), NULL for any other value.
function jsonDate(element: string): string {
  return `(CASE WHEN jsonb_typeof(${element} -> '${DATE_KEY}') = 'number' THEN (${element} ->> '${DATE_KEY}')::numeric END)`;
}

// The amount of a money value of this currency, NULL for any other value.
function jsonMoneyOf(element: string, currency: string, params: Params): string {
  return `(CASE WHEN jsonb_typeof(${element}) = 'object' AND jsonb_typeof(${element} -> 'amount') = 'string' AND (${element} ->> 'amount') ~ '${DECIMAL}' AND jsonb_typeof(${element} -> 'currency') = 'string' AND (${element} ->> 'currency') = ${params.add(currency)} THEN (${element} ->> 'amount')::numeric END)`;
}

function scopeOf(layout: Layout, scope: RecordScope, params: Params): string {
  if (scope.kind !== 'byPipeline') return basicScopeOf(layout, scope, params);
  const pipeline = layout.byCode.get('pipelineId');
  const other = basicScopeOf(layout, scope.otherPipelines, params);
  if (pipeline === undefined || scope.pipelines.length === 0) return other;
  const cases = scope.pipelines.map((entry) => `WHEN ${pipeline.sql} = ${params.add(entry.pipelineId)} THEN ${basicScopeOf(layout, entry.scope, params)}`);
  return `(CASE ${cases.join(' ')} ELSE ${other} END)`;
}

function basicScopeOf(layout: Layout, scope: BasicRecordScope, params: Params): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'restricted': {
      const assigned = `COALESCE("assignedById" = ANY(${params.texts(scope.assignedToAnyOf)}), FALSE)`;
      const opened = layout.byCode.get('opened');
      return scope.includeOpened && opened !== undefined ? `(${opened.sql} IS TRUE OR ${assigned})` : assigned;
    }
  }
}

/** One ORDER BY component: the expression, its direction, and how a cursor value compares with it. */
interface Component {
  readonly sql: string;
  readonly descending: boolean;
  /** The SQL type a cursor's text is cast to. */
  readonly type: 'boolean' | 'text' | 'numeric' | 'bigint' | 'instant';
}

// The ORDER BY components of a sort key, as the memory store orders: missing values last in both
// directions, a list by its first element, values of different kinds by kind.
function componentsOf(layout: Layout, field: string, descending: boolean, params: Params): Component[] {
  const access = accessOf(layout, field, params);
  if (access.kind === 'none') return [];
  if (access.kind === 'column') {
    const { column } = access;
    const value = column.kind === 'texts' ? `${column.sql}[1]` : column.sql;
    const missing: Component = { sql: `(${value} IS NULL)`, descending: false, type: 'boolean' };
    switch (column.kind) {
      case 'money':
        return [missing, { sql: column.currencySql ?? '', descending, type: 'text' }, { sql: value, descending, type: 'numeric' }];
      case 'integer':
        return [missing, { sql: value, descending, type: 'bigint' }];
      case 'instant':
        return [missing, { sql: value, descending, type: 'instant' }];
      case 'boolean':
        return [missing, { sql: value, descending, type: 'boolean' }];
      case 'day':
        return [missing, { sql: `to_char(${value}, 'YYYY-MM-DD') COLLATE "C"`, descending, type: 'text' }];
      default:
        return [missing, { sql: value, descending, type: 'text' }];
    }
  }
  const first = `(CASE WHEN jsonb_typeof(${access.sql}) = 'array' THEN ${access.sql} -> 0 ELSE ${access.sql} END)`;
  const element = access.multi ? `(CASE WHEN jsonb_typeof(${first}) = 'object' THEN ${first} -> 'value' ELSE ${first} END)` : first;
  const date = jsonDate(element);
  const moneyAmount = `(CASE WHEN jsonb_typeof(${element}) = 'object' AND jsonb_typeof(${element} -> 'amount') = 'string' AND (${element} ->> 'amount') ~ '${DECIMAL}' AND jsonb_typeof(${element} -> 'currency') = 'string' THEN (${element} ->> 'amount')::numeric END)`;
  // Kinds order as the memory store's sort values do: numbers, instants, text, booleans, money, other.
  const rank = `(CASE jsonb_typeof(${element}) WHEN 'number' THEN 0 WHEN 'string' THEN 2 WHEN 'boolean' THEN 3 WHEN 'object' THEN (CASE WHEN ${element} = ${NEGATIVE_ZERO_SQL} THEN 0 WHEN ${date} IS NOT NULL THEN 1 WHEN ${moneyAmount} IS NOT NULL THEN 4 ELSE 5 END) WHEN 'array' THEN 5 END)`;
  return [
    { sql: `(${rank} IS NULL)`, descending: false, type: 'boolean' },
    { sql: rank, descending, type: 'bigint' },
    { sql: `COALESCE(${jsonNumber(element)}, ${date})`, descending, type: 'numeric' },
    { sql: `(CASE jsonb_typeof(${element}) WHEN 'string' THEN (${element} #>> '{}') WHEN 'boolean' THEN (${element} #>> '{}') WHEN 'object' THEN (CASE WHEN ${moneyAmount} IS NOT NULL THEN ${element} ->> 'currency' WHEN ${date} IS NULL AND ${element} <> ${NEGATIVE_ZERO_SQL} THEN ${element}::text END) WHEN 'array' THEN ${element}::text END) COLLATE "C"`, descending, type: 'text' },
    { sql: moneyAmount, descending, type: 'numeric' },
  ];
}

/** A page query's ORDER BY, the cursor condition, and the select list of the cursor's values. */
export interface Ordering {
  readonly orderBy: string;
  /** The condition of rows strictly after the cursor (`TRUE` without one). */
  readonly after: string;
  /** The components' values as text, to select after the row (`, ...`), for the next cursor. */
  readonly cursorSelect: string;
  readonly width: number;
  /** The next cursor from a row's component texts and id. */
  readonly cursorOf: (values: readonly (string | null)[], id: string) => string;
}


/** The order of a query and its keyset pagination. */
export function orderingOf(layout: Layout, query: Pick<NormalizedQuery, 'sort' | 'cursor'>, params: Params): Ordering {
  const components = query.sort.flatMap((key) => componentsOf(layout, key.field, key.direction === 'desc', params));
  const signature = query.sort.map((key) => `${key.field}:${key.direction}`);
  const orderBy = [...components.map((component) => `${component.sql} ${component.descending ? 'DESC' : 'ASC'} NULLS LAST`), '"id" ASC'].join(', ');
  const cursorSelect = components.map((component, index) => `, (${component.type === 'instant' ? `extract(epoch from ${component.sql}) * 1000` : component.sql})::text AS "_cursor_${String(index)}"`).join('');
  let after = 'TRUE';
  if (query.cursor !== undefined) {
    const { values, id } = readCursor(query.cursor, signature, components.length);
    const equal: string[] = [];
    const alternatives: string[] = [];
    components.forEach((component, index) => {
      const value = values[index] ?? null;
      const placeholder = value === null ? 'NULL' : castCursor(component.type, value, params);
      alternatives.push(`(${[...equal, `COALESCE(${component.sql} ${component.descending ? '<' : '>'} ${placeholder}, FALSE)`].join(' AND ')})`);
      equal.push(`${component.sql} IS NOT DISTINCT FROM ${placeholder}`);
    });
    alternatives.push(`(${[...equal, `"id" > ${params.add(id)}`].join(' AND ')})`);
    after = `(${alternatives.join(' OR ')})`;
  }
  return {
    orderBy,
    after,
    cursorSelect,
    width: components.length,
    cursorOf: (values, id) => writeKeysetCursor(signature, values, id),
  };
}

// What each kind of component's text must look like in a cursor (as the store selected it), so
// that a cursor someone edited is refused as one, never cast into a database error.
const CURSOR_TEXT: Readonly<Record<Exclude<Component['type'], 'text'>, RegExp>> = {
  boolean: /^(true|false)$/,
  bigint: /^-?\d{1,19}$/,
  numeric: /^-?\d{1,1000}(\.\d{1,1000})?$/,
  instant: /^-?\d{1,16}(\.\d{1,6})?$/,
};

// A cursor's value of a component, checked, as SQL of the component's type.
function castCursor(type: Component['type'], value: string, params: Params): string {
  if (type === 'text') return `(${params.add(value)} COLLATE "C")`;
  const instant = type === 'instant' ? new Date(Number(value)) : undefined;
  if (!CURSOR_TEXT[type].test(value) || (instant !== undefined && !isColumnInstant(instant))) {
    throw invalidArgument("The cursor is not one this store gave for this query's order.");
  }
  return instant === undefined ? `${params.add(value)}::${type}` : instantSql(instant, params);
}

function readCursor(cursor: string, signature: readonly string[], width: number): { values: readonly (string | null)[]; id: string } {
  const { keys, id } = readKeysetCursor(cursor, signature, width, (value) => value === null || (typeof value === 'string' && !value.includes('\u0000')));
  return { values: keys as readonly (string | null)[], id };
}
