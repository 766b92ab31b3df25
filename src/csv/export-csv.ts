import type { CrmSession, ExportColumn, ExportOptions } from '../crm/index.js';
import type { EntityType } from '../fields/index.js';
import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import type { CsvDelimiter } from './read-csv.js';
import { formatCsvRow, neutraliseFormula } from './write-csv.js';
import { ADDRESS_PARTS, LINK_TARGETS } from './_internal/columns.js';
import type { AddressPart } from './mapping.js';

/**
 * Options of {@link exportCsv}.
 */
export interface ExportCsvOptions extends ExportOptions {
  /** The language of the headers and of yes/no: `en` (default) or `es`. */
  readonly locale?: string | undefined;
  /**
   * For Excel: a UTF-8 BOM, and for Spanish (and other decimal-comma) locales the `;` delimiter
   * and decimal commas, as Excel opens files in those locales. Default `false`.
   */
  readonly excel?: boolean | undefined;
  /** Overrides the delimiter. */
  readonly delimiter?: CsvDelimiter | undefined;
}

// The headers of the standard address's parts, in English and Spanish (what an import maps back).
const ADDRESS_HEADERS: Readonly<Record<AddressPart, readonly [string, string]>> = {
  street: ['Street', 'Calle'],
  street2: ['Address (line 2)', 'Dirección (línea 2)'],
  city: ['City', 'Ciudad'],
  region: ['Region', 'Provincia'],
  postalCode: ['Postal code', 'Código postal'],
  countryCode: ['Country code', 'Código de país'],
};
const OPTION_KEYS: ReadonlySet<string> = new Set(['query', 'columns', 'locale', 'excel', 'delimiter']);
// Languages whose spreadsheets write decimals with a comma (and so separate cells with `;`).
const DECIMAL_COMMA = /^(es|fr|de|it|pt|nl|ca|gl|eu|pl|ru|tr|sv|da|nb|fi|cs|ro|hu)\b/i;

// A cache of a few thousand names per export: links repeat (many contacts of one company).
const NAME_CACHE = 4_096;

/**
 * The names of linked records as the person may see them: a contact's full name, anything else's
 * title; an id the person may not read is left out. Several links are joined with ` ::: `.
 */
function linkNames(me: CrmSession): (entityType: 'company' | 'contact' | 'lead' | 'deal', value: unknown) => Promise<string> {
  const cache = new Map<string, string>();
  const nameOf = async (entityType: 'company' | 'contact' | 'lead' | 'deal', id: string): Promise<string> => {
    const key = `${entityType}:${id}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const service = entityType === 'company' ? me.companies : entityType === 'contact' ? me.contacts : entityType === 'lead' ? me.leads : me.deals;
    const found = (await service.get(id)) as Readonly<Record<string, unknown>> | null;
    // A contact left out of exports is not named in one either.
    const record = found !== null && entityType === 'contact' && found.exportable === false ? null : found;
    const name = record === null ? '' : entityType === 'contact' ? [record.firstName, record.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ') : typeof record.title === 'string' ? record.title : '';
    if (cache.size >= NAME_CACHE) cache.clear();
    cache.set(key, name);
    return name;
  };
  return async (entityType, value) => {
    const ids: unknown[] = Array.isArray(value) ? value : [value];
    const found: string[] = [];
    for (const id of ids) if (typeof id === 'string') found.push(await nameOf(entityType, id));
    return found.filter((name) => name !== '').join(' ::: ');
  };
}

/** An activity's bindings as `type: name` items joined with ` ::: ` (those the person may read). */
async function bindingNames(names: ReturnType<typeof linkNames>, value: unknown): Promise<string> {
  const items: string[] = [];
  for (const binding of Array.isArray(value) ? (value as unknown[]) : []) {
    if (!isPlainRecord(binding) || typeof binding.id !== 'string') continue;
    const { entityType } = binding;
    if (entityType !== 'company' && entityType !== 'contact' && entityType !== 'lead' && entityType !== 'deal') continue;
    const name = await names(entityType, binding.id);
    if (name !== '') items.push(`${entityType}: ${name}`);
  }
  return items.join(' ::: ');
}

/** One CSV column made from an export column: its header and how a value becomes its cell. */
interface Writer {
  readonly header: string;
  readonly cell: (value: unknown) => string;
}

/**
 * Exports the records of a type as CSV, as one person: `me.export` decides which records and
 * columns they may have (the `export` permission, their read scope, the fields they can see,
 * contacts "Included in export" only), and this writes them with headers in English or Spanish
 * (the vocabulary {@link suggestMapping} reads back), dates as `YYYY-MM-DD`, amounts in a numeric
 * column beside a currency column, multi-fields as `kind: value` items separated by ` ::: `, and
 * every text cell a spreadsheet would run as a formula neutralised. Numbers and amounts are never
 * altered. The text comes as it is written, row by row.
 *
 * @param me - The person's session (`crm.as(principal)`); needs the `export` permission.
 * @param entityType - The type of the records.
 * @param options - `query`, `columns`, `locale`, `excel`, `delimiter`.
 * @returns The CSV text, in chunks (the header row first).
 * @throws {@link ForbiddenError} `FORBIDDEN` without the `export` permission;
 * {@link FieldNotVisibleError} `FIELD_NOT_VISIBLE` for a column the person cannot see;
 * {@link ValidationError} `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 * const crm = createCrm({ store: createMemoryStore(), clock: fixedClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }) });
 * const admin = crm.as({ userId: 'u-1', roleIds: [], departmentIds: [], isAdmin: true });
 * await admin.deals.create({ title: '=HYPERLINK("http://evil.example")', amount: money('-1500.5', 'EUR') });
 * let text = '';
 * for await (const chunk of exportCsv(admin, 'deal', { columns: ['title', 'amount'], locale: 'es', excel: true })) text += chunk;
 * text; //=> '\uFEFFNombre de la negociación;Importe;Moneda\r\n"\'=HYPERLINK(""http://evil.example"")";-1500,50;EUR\r\n'
 * ```
 */
export function exportCsv(me: CrmSession, entityType: EntityType, options: ExportCsvOptions = {}): AsyncIterable<string> {
  const given: unknown = options;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || Object.keys(given).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument(`exportCsv options are { ${[...OPTION_KEYS].join(', ')} }.`);
  const locale = options.locale ?? 'en';
  // Stryker disable next-line StringLiteral: message text
  if (typeof locale !== 'string') throw invalidArgument('locale is a language tag.');
  const language = locale.toLowerCase().startsWith('es') ? 'es' : 'en';
  const comma = options.excel === true && DECIMAL_COMMA.test(locale);
  const delimiter = options.delimiter ?? (comma ? ';' : ',');
  const table = me.export(entityType, { ...(options.query === undefined ? {} : { query: options.query }), ...(options.columns === undefined ? {} : { columns: options.columns }) });
  const writers = table.columns.map((column) => writersOf(column, language, comma));
  const names = linkNames(me);
  return (async function* csv(): AsyncGenerator<string> {
    const write = (cells: readonly string[]): string => formatCsvRow(cells, { delimiter });
    // Headers are labels a person may have written: neutralised like any text.
    yield (options.excel === true ? '\uFEFF' : '') + write(writers.flat().map((writer) => neutraliseFormula(writer.header)));
    let chunk = '';
    for await (const given of table.rows) {
      // Links are written as the names of the records they point to, as an import finds them.
      const values = await Promise.all(
        table.columns.map((column, at) => {
          if (column.type === 'bindings') return bindingNames(names, given[at]);
          const target = LINK_TARGETS[column.field];
          return target === undefined ? given[at] : names(target, given[at]);
        }),
      );
      const cells: string[] = [];
      writers.forEach((column, at) => {
        for (const writer of column) cells.push(writer.cell(values[at]));
      });
      chunk += write(cells);
      // Chunks of about 64 KiB: few enough to be cheap, small enough to stream.
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  })();
}

/** The CSV columns of an export column: one, or two for an amount, or one per part of an address. */
function writersOf(column: ExportColumn, language: 'en' | 'es', comma: boolean): Writer[] {
  const label = column.labels[language] ?? column.labels.en ?? Object.values(column.labels)[0] ?? column.field;
  const scalar = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
  // A field of several values: joined with ' ::: ', which an import splits again.
  const text = (value: unknown): string => neutraliseFormula(Array.isArray(value) ? value.map(scalar).join(' ::: ') : scalar(value));
  const decimal = (amount: string): string => (comma ? amount.replace('.', ',') : amount);
  switch (column.type) {
    case 'money':
      return [
        { header: label, cell: (value) => (isPlainRecord(value) && typeof value.amount === 'string' ? decimal(value.amount) : '') },
        { header: column.field === 'amount' ? (language === 'es' ? 'Moneda' : 'Currency') : `${label} (${language === 'es' ? 'moneda' : 'currency'})`, cell: (value) => (isPlainRecord(value) && typeof value.currency === 'string' ? value.currency : '') },
      ];
    case 'integer':
    case 'number':
      return [{ header: label, cell: (value) => (typeof value === 'number' ? decimal(String(value)) : '') }];
    case 'boolean':
      return [{ header: label, cell: (value) => (value === true ? (language === 'es' ? 'Sí' : 'Yes') : value === false ? 'No' : '') }];
    case 'datetime':
      return [{ header: label, cell: (value) => (value instanceof Date ? value.toISOString() : text(value)) }];
    case 'multifield':
      return [{ header: label, cell: (value) => text(Array.isArray(value) ? value.map((item: unknown) => (isPlainRecord(item) && typeof item.value === 'string' ? `${typeof item.kind === 'string' ? item.kind : 'other'}: ${item.value}` : '')).join(' ::: ') : value) }];
    case 'address':
      // A custom address is one column: its parts in order, joined with ' ::: ' (an import splits them again).
      if (column.field.startsWith('custom.')) {
        return [{ header: label, cell: (value) => (isPlainRecord(value) ? text(ADDRESS_PARTS.map((part) => scalar(value[part])).join(' ::: ').replace(/( ::: )+$/, '')) : '') }];
      }
      return ADDRESS_PARTS.map((part) => ({ header: ADDRESS_HEADERS[part][language === 'es' ? 1 : 0], cell: (value: unknown) => text(isPlainRecord(value) ? value[part] : undefined) }));
    default:
      return [{ header: label, cell: text }];
  }
}
