// How a record of each entity type is laid out in its table: one typed column per standard field
// (two for money), the custom values in `jsonb`, and whatever does not fit its column in `extra`.
// Every value is written as text and cast in the statement, and every column is read back as
// text, so no driver's type parsing (global or not) ever touches a value.
import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType, StandardFieldType } from '../../../fields/index.js';
import { ENTITY_TYPES, listStandardFields } from '../../../fields/index.js';
import { isCalendarDate, isInstant, putData, sealableBag, sealPlain } from '../../../kernel/index.js';
import { fromJson, jsonText } from './json-value.js';
import type { Params } from './sql.js';
import { quoted } from './sql.js';

/** What a standard field's column holds, and so how it is written, read and compared. */
export type ColumnKind = 'text' | 'integer' | 'instant' | 'day' | 'boolean' | 'money' | 'texts' | 'json';

/** A standard field's place in its table. */
export interface Column {
  readonly code: string;
  readonly kind: ColumnKind;
  /** The quoted column (for money, the amount's). */
  readonly sql: string;
  /** For money, the quoted column of the currency. */
  readonly currencySql?: string;
}

/** The table of an entity type's records, unquoted. */
export function tableName(entityType: EntityType): string {
  return `crm_${entityType}`;
}

/** The column kind of a standard field type. */
export function kindOf(type: StandardFieldType): ColumnKind {
  switch (type) {
    case 'integer':
      return 'integer';
    case 'datetime':
      return 'instant';
    case 'date':
      return 'day';
    case 'boolean':
      return 'boolean';
    case 'money':
      return 'money';
    case 'links':
      return 'texts';
    case 'multifield':
    case 'address':
    case 'product-rows':
    case 'bindings':
    case 'custom':
      return 'json';
    default:
      return 'text';
  }
}

/** The SQL type of a column kind (money: the amount's). */
export function sqlTypeOf(kind: ColumnKind): string {
  return { text: 'text', integer: 'bigint', instant: 'timestamptz', day: 'date', boolean: 'boolean', money: 'numeric', texts: 'text[]', json: 'jsonb' }[kind];
}

/** The layout of one entity type's table. */
export interface Layout {
  readonly entityType: EntityType;
  /** `"schema"."crm_<type>"`. */
  readonly table: string;
  readonly columns: readonly Column[];
  readonly byCode: ReadonlyMap<string, Column>;
  /** The select list that reads a row back (every value as text), in {@link Layout.columns} order, then `extra`. */
  readonly selectList: string;
}

// A decimal `numeric` reads back as written: no needless leading zero, no negative zero.
const NUMERIC_TEXT = /^(-?(0|[1-9]\d*)(\.\d+)?)$/;
const NEGATIVE_ZERO_TEXT = /^-0(\.0+)?$/;

/** 0001-01-01T00:00:00Z: a `timestamptz` column keeps instants from it on (earlier ones go to `extra`). */
const FIRST_INSTANT = -62_135_596_800_000;

/** Whether an instant is one a `timestamptz` column keeps exactly (from the year 1 on). */
export function isColumnInstant(value: unknown): value is Date {
  return isInstant(value) && value.getTime() >= FIRST_INSTANT;
}

/** An instant as text `timestamptz` reads exactly: ISO 8601 in UTC, a year past 9999 without its sign. */
export function instantText(instant: Date): string {
  const iso = instant.toISOString();
  return iso.startsWith('+') ? iso.slice(1) : iso;
}

/**
 * An instant to compare a `timestamptz` column with, as SQL: exact, or `-infinity` for one before
 * any instant a column holds (so that it orders before all of them and equals none).
 */
export function instantSql(instant: Date, params: Params): string {
  return isColumnInstant(instant) ? `${params.add(instantText(instant))}::timestamptz` : "'-infinity'::timestamptz";
}

/** The layouts of every entity type in a schema. */
export function layoutsOf(schema: string): ReadonlyMap<EntityType, Layout> {
  const layouts = new Map<EntityType, Layout>();
  for (const entityType of ENTITY_TYPES) {
    const columns = listStandardFields(entityType).map((field): Column => {
      const kind = field.code === 'id' || field.code === 'version' ? (field.code === 'id' ? 'text' : 'integer') : kindOf(field.type);
      return kind === 'money' ? { code: field.code, kind, sql: quoted(field.code), currencySql: quoted(`${field.code}:currency`) } : { code: field.code, kind, sql: quoted(field.code) };
    });
    // Each value under an alias no field code can be (codes start with a letter), so that ORDER BY
    // a column's name always means the column, never the text read from it.
    const selectList = [...columns.flatMap(readExpressions), '"extra"::text'].map((sql, index) => `${sql} AS "_${String(index)}"`).join(', ');
    layouts.set(entityType, { entityType, table: `${quoted(schema)}.${quoted(tableName(entityType))}`, columns, byCode: new Map(columns.map((column) => [column.code, column])), selectList });
  }
  return layouts;
}

// Each value read back as text: instants as epoch milliseconds, days as YYYY-MM-DD whatever the
// session's DateStyle, lists and JSON as JSON text.
function readExpressions(column: Column): string[] {
  const { sql } = column;
  switch (column.kind) {
    case 'text':
      return [sql];
    case 'integer':
    case 'boolean':
    case 'json':
      return [`${sql}::text`];
    case 'instant':
      return [`(extract(epoch from ${sql}) * 1000)::text`];
    case 'day':
      return [`to_char(${sql}, 'YYYY-MM-DD')`];
    case 'money':
      return [`${sql}::text`, column.currencySql ?? ''];
    case 'texts':
      return [`to_jsonb(${sql})::text`];
  }
}

/** Whether a value fits a column of a kind (what does not goes to `extra`, kept as it is). */
export function fits(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'integer':
      // A bigint has no negative zero.
      return Number.isSafeInteger(value) && !Object.is(value, -0);
    case 'instant':
      return isColumnInstant(value);
    case 'day':
      return typeof value === 'string' && isDay(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'money':
      return isMoney(value);
    case 'texts':
      return Array.isArray(value) && value.every((element) => typeof element === 'string');
    case 'json':
      return true;
  }
}

// A calendar day a `date` column keeps as written: from the year 1 (there is no year 0).
function isDay(text: string): boolean {
  return isCalendarDate(text) && text >= '0001';
}

function isMoney(value: unknown): value is { readonly amount: string; readonly currency: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { amount, currency } = value as { readonly amount?: unknown; readonly currency?: unknown };
  return keys.length === 2 && typeof amount === 'string' && NUMERIC_TEXT.test(amount) && !NEGATIVE_ZERO_TEXT.test(amount) && typeof currency === 'string';
}

/** A value as the text parameters of its column (money: amount and currency), or `null` for none. */
export function writeValues(kind: ColumnKind, value: unknown): (string | null)[] {
  if (value === undefined) return kind === 'money' ? [null, null] : [null];
  switch (kind) {
    case 'text':
      return [value as string];
    case 'integer':
      return [(value as number).toString()];
    case 'instant':
      return [instantText(value as Date)];
    case 'day':
      return [value as string];
    case 'boolean':
      return [value === true ? 'true' : 'false'];
    case 'money': {
      const money = value as { readonly amount: string; readonly currency: string };
      return [money.amount, money.currency];
    }
    case 'texts':
    case 'json':
      return [jsonText(value)];
  }
}

/** The SQL expressions that turn a column's text parameters (from `$first`) into its values. */
export function writeCasts(kind: ColumnKind, first: number): string[] {
  const at = `$${String(first)}`;
  switch (kind) {
    case 'text':
      return [at];
    case 'integer':
      return [`${at}::bigint`];
    case 'instant':
      return [`${at}::timestamptz`];
    case 'day':
      return [`${at}::date`];
    case 'boolean':
      return [`${at}::boolean`];
    case 'money':
      return [`${at}::numeric`, `$${String(first + 1)}`];
    case 'texts':
      return [`(CASE WHEN ${at}::jsonb IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${at}::jsonb)) END)`];
    case 'json':
      return [`${at}::jsonb`];
  }
}

/** How many text parameters a column of a kind takes. */
export function widthOf(kind: ColumnKind): number {
  return kind === 'money' ? 2 : 1;
}

/**
 * The parameters of a record's row, in {@link Layout.columns} order (then `extra`): the value of
 * each standard field that fits its column, and everything else, JSON in `extra`.
 */
export function rowOf(layout: Layout, record: StoredRecord): (string | null)[] {
  const bag = record as unknown as Readonly<Record<string, unknown>>;
  const params: (string | null)[] = [];
  for (const column of layout.columns) {
    const value = Object.hasOwn(bag, column.code) ? bag[column.code] : undefined;
    params.push(...writeValues(column.kind, value !== undefined && fits(column.kind, value) ? value : undefined));
  }
  const extra: Record<string, unknown> = {};
  let any = false;
  for (const key of Object.keys(bag)) {
    const column = layout.byCode.get(key);
    const value = bag[key];
    if (column !== undefined && (value === undefined || fits(column.kind, value))) continue;
    Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
    any = true;
  }
  params.push(any ? jsonText(extra) : null);
  return params;
}

/** A row read with {@link Layout.selectList} back into the stored record, sealed. */
export function recordOf(layout: Layout, row: readonly unknown[]): StoredRecord {
  const record = sealableBag();
  let count = 0;
  let at = 0;
  for (const column of layout.columns) {
    const text = row[at] as string | null;
    if (column.kind === 'money') {
      const currency = row[at + 1] as string | null;
      if (text !== null && currency !== null) putData(record, column.code, { amount: text, currency }, count++);
      at += 2;
      continue;
    }
    at += 1;
    if (text === null) continue;
    putData(record, column.code, readValue(column.kind, text), count++);
  }
  const extra = row[at] as string | null;
  if (extra !== null) {
    const values = fromJson(JSON.parse(extra)) as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(values)) putData(record, key, values[key], count++);
  }
  return sealPlain(record) as unknown as StoredRecord;
}

/** The value a column's text reads back as. */
export function readValue(kind: ColumnKind, text: string): unknown {
  switch (kind) {
    case 'text':
    case 'day':
      return text;
    case 'integer':
      return Number(text);
    case 'instant':
      return new Date(Number(text));
    case 'boolean':
      return text === 'true';
    case 'money':
      return text;
    case 'texts':
      return JSON.parse(text) as unknown;
    case 'json':
      return fromJson(JSON.parse(text));
  }
}
