// An aggregate as one SQL statement: the query's matching rows are read once into a materialized
// CTE of the key, money and instant expressions, then grouped twice in one UNION ALL, once for the
// counts and ranges and once per money field for its sums by currency (one statement, so one
// snapshot). Each expression means what the fold means (store/aggregate.ts): a value of another
// kind than the field's is no key, no amount and no instant.
import type { Money } from '../../../money/index.js';
import type { AggregateGroup, GroupKey, GroupKind, NormalizedAggregateSpec, NormalizedQuery } from '../../../store/index.js';
import type { Layout } from './columns.js';
import { readValue } from './columns.js';
import type { Dialect } from './compile-query.js';
import { whereOf } from './compile-query.js';
import { DATE_KEY, NEGATIVE_ZERO_SQL } from './json-value.js';
import type { Params } from './sql.js';

// An amount as `money` writes it (store/aggregate.ts): no needless leading zero, never -0.
const AMOUNT = '^-?(0|[1-9][0-9]*)([.][0-9]+)?$';
const NEGATIVE_ZERO = '^-0([.]0+)?$';
// 0001-01-01T00:00:00Z in epoch milliseconds: instants from it on are ranged (store/aggregate.ts).
const FIRST_INSTANT_MS = '-62135596800000';

/** A statement and how to read its rows into groups. */
export interface AggregateStatement {
  readonly sql: string;
  readonly groupsOf: (rows: readonly (readonly unknown[])[]) => readonly AggregateGroup[];
}

/** The statement of an aggregate over a table, with its parameters added to `params`. */
export function aggregateStatement(layout: Layout, query: NormalizedQuery, spec: NormalizedAggregateSpec, params: Params, dialect: Dialect): AggregateStatement {
  const custom = (field: string): string => `("custom" -> ${params.add(field.slice('custom.'.length))})`;
  const keys = spec.groupBy.map((field, index) => keyExpression(layout, field, spec.groupKinds[index] ?? 'custom', custom));
  const sums = spec.sum.map((field) => moneyExpressions(layout, field, custom, params));
  const ranges = spec.range.map((field) => instantExpression(layout, field, custom));
  const where = whereOf(layout, query, params, dialect);

  const base = [
    ...keys.map((sql, index) => `${sql} AS "k${String(index)}"`),
    ...sums.flatMap(([amount, currency], index) => [`${amount} AS "a${String(index)}"`, `${currency} AS "c${String(index)}"`]),
    ...ranges.map((range, index) => `${range.sql} AS "r${String(index)}"`),
  ];
  const keyColumns = keys.map((_, index) => `"k${String(index)}"`);
  const groupBy = (more: readonly string[]): string => (keyColumns.length + more.length === 0 ? '' : ` GROUP BY ${[...keyColumns, ...more].join(', ')}`);
  const none = (count: number): string[] => Array.from({ length: count }, () => 'NULL::text');
  const rangeColumns = ranges.flatMap((range, index) => [range.read(`min("r${String(index)}")`), range.read(`max("r${String(index)}")`)]);
  const parts = [
    `SELECT '-1'::text AS "part", ${[...keyColumns, 'count(*)::text', ...rangeColumns, ...none(2)].join(', ')} FROM "base"${groupBy([])}`,
    ...sums.map(
      (_, index) =>
        `SELECT '${String(index)}'::text, ${[...keyColumns, 'NULL::text', ...none(rangeColumns.length), `"c${String(index)}"`, `sum("a${String(index)}")::text`].join(', ')} FROM "base" WHERE "c${String(index)}" IS NOT NULL AND "a${String(index)}" IS NOT NULL${groupBy([`"c${String(index)}"`])}`,
    ),
  ];
  const sql = `WITH "base" AS MATERIALIZED (SELECT ${base.length === 0 ? 'TRUE AS "row"' : base.join(', ')} FROM ${layout.table} WHERE ${where}) ${parts.join(' UNION ALL ')}`;

  const groupsOf = (rows: readonly (readonly unknown[])[]): readonly AggregateGroup[] => {
    const groups = new Map<string, { key: GroupKey[]; count: number; sums: Money[][]; ranges: ({ min: Date; max: Date } | null)[] }>();
    const groupAt = (row: readonly unknown[]): { key: GroupKey[]; count: number; sums: Money[][]; ranges: ({ min: Date; max: Date } | null)[] } => {
      const key = spec.groupBy.map((_, index) => keyOf(row[1 + index] as string | null, spec.groupKinds[index] ?? 'custom'));
      const id = JSON.stringify(row.slice(1, 1 + keys.length));
      let group = groups.get(id);
      if (group === undefined) {
        group = { key, count: 0, sums: sums.map(() => []), ranges: ranges.map(() => null) };
        groups.set(id, group);
      }
      return group;
    };
    const at = 1 + keys.length;
    for (const row of rows) {
      const part = Number(row[0]);
      const group = groupAt(row);
      if (part < 0) {
        group.count = Number(row[at]);
        ranges.forEach((_, index) => {
          const min = row[at + 1 + index * 2] as string | null;
          const max = row[at + 2 + index * 2] as string | null;
          group.ranges[index] = min === null || max === null ? null : { min: new Date(Number(min)), max: new Date(Number(max)) };
        });
      } else {
        group.sums[part]?.push({ amount: row[at + 1 + rangeColumns.length + 1] as string, currency: row[at + 1 + rangeColumns.length] as string });
      }
    }
    return [...groups.values()].map((group) => ({
      key: group.key,
      count: group.count,
      sums: Object.fromEntries(spec.sum.map((field, index) => [field, group.sums[index] ?? []])),
      ranges: Object.fromEntries(spec.range.map((field, index) => [field, group.ranges[index] ?? null])),
    }));
  };
  return { sql, groupsOf };
}

// A grouping field's key as text (custom values tagged by their JSON kind), NULL for no key.
function keyExpression(layout: Layout, field: string, kind: GroupKind, custom: (field: string) => string): string {
  if (kind === 'custom') {
    const value = custom(field);
    return `(CASE jsonb_typeof(${value}) WHEN 'string' THEN 's' || (${value} #>> '{}') WHEN 'number' THEN 'n' || (${value} #>> '{}') WHEN 'boolean' THEN 'b' || (${value} #>> '{}') WHEN 'object' THEN CASE WHEN ${value} = ${NEGATIVE_ZERO_SQL} THEN 'n0' END END)`;
  }
  const column = layout.byCode.get(field);
  // A field of the type without a column holds nothing; its columns hold only values of its kind.
  if (column === undefined) return 'NULL::text';
  switch (kind) {
    case 'text':
      return column.sql;
    case 'day':
      return `to_char(${column.sql}, 'YYYY-MM-DD')`;
    case 'integer':
    case 'boolean':
      return `${column.sql}::text`;
  }
}

function keyOf(text: string | null, kind: GroupKind): GroupKey {
  if (text === null) return null;
  if (kind !== 'custom') return readValue(kind, text) as GroupKey;
  const value = text.slice(1);
  return text.startsWith('s') ? value : text.startsWith('n') ? Number(value) : value === 'true';
}

// A money field's amount (numeric) and currency (text), both NULL when it holds no money.
function moneyExpressions(layout: Layout, field: string, custom: (field: string) => string, params: Params): readonly [string, string] {
  if (field.startsWith('custom.')) {
    const value = custom(field);
    const isMoney = `(jsonb_typeof(${value}) = 'object' AND (SELECT count(*) FROM jsonb_object_keys(${value})) = 2 AND jsonb_typeof(${value} -> 'amount') = 'string' AND (${value} ->> 'amount') ~ ${params.add(AMOUNT)} AND (${value} ->> 'amount') !~ ${params.add(NEGATIVE_ZERO)} AND jsonb_typeof(${value} -> 'currency') = 'string')`;
    return [`(CASE WHEN ${isMoney} THEN (${value} ->> 'amount')::numeric END)`, `(CASE WHEN ${isMoney} THEN ${value} ->> 'currency' END)`];
  }
  const column = layout.byCode.get(field);
  if (column?.currencySql === undefined) return ['NULL::numeric', 'NULL::text'];
  return [column.sql, column.currencySql];
}

// An instant field as something min and max order, and how to read their result as epoch milliseconds.
function instantExpression(layout: Layout, field: string, custom: (field: string) => string): { readonly sql: string; readonly read: (sql: string) => string } {
  if (field.startsWith('custom.')) {
    const value = custom(field);
    const tagged = `${value} -> '${DATE_KEY}'`;
    return {
      sql: `(CASE WHEN jsonb_typeof(${value}) = 'object' AND jsonb_typeof(${tagged}) = 'number' AND (SELECT count(*) FROM jsonb_object_keys(${value})) = 1 AND (${tagged})::numeric >= ${FIRST_INSTANT_MS} THEN (${tagged})::numeric END)`,
      read: (sql) => `${sql}::text`,
    };
  }
  const column = layout.byCode.get(field);
  if (column === undefined) return { sql: 'NULL::timestamptz', read: (sql) => `${sql}::text` };
  return { sql: column.sql, read: (sql) => `(extract(epoch from ${sql}) * 1000)::text` };
}
