import type { CrmSession, ImportAccount, ImportOptions, ImportRow, ImportRowResult } from '../crm/index.js';
import { entitySchema } from '../entities/index.js';
import type { EntityType } from '../fields/index.js';
import { createFieldRegistry } from '../fields/index.js';
import type { Issue } from '../kernel/index.js';
import { invalidArgument, isCrmError, isPlainRecord, issue, ValidationError } from '../kernel/index.js';
import { isStagedType } from '../records/index.js';
import type { ColumnMapping, CsvMapping } from './mapping.js';
import type { CsvPresetName } from './presets.js';
import type { CsvDelimiter, CsvLimits, CsvSource } from './read-csv.js';
import { openCsv } from './read-csv.js';
import type { CsvRowReaderOptions, DateFormat } from './read-rows.js';
import { createRowReader } from './read-rows.js';
import { suggestMapping } from './suggest-mapping.js';
import type { CsvEncoding } from './encoding.js';
import { formatCsvRow, neutraliseFormula } from './write-csv.js';

/**
 * Options of {@link importCsv}: how to read the file ({@link ReadCsvOptions}), how to read its
 * values ({@link CsvRowReaderOptions}), the mapping (suggested from the headers when not given),
 * and the import's own options ({@link ImportOptions}).
 */
export interface ImportCsvOptions extends Omit<ImportOptions, 'onRow'> {
  readonly encoding?: CsvEncoding | undefined;
  readonly delimiter?: CsvDelimiter | undefined;
  readonly header?: boolean | undefined;
  readonly limits?: Partial<CsvLimits> | undefined;
  /** The mapping; default: {@link suggestMapping} of the file's headers for the fields the person may write. */
  readonly mapping?: CsvMapping | undefined;
  /** The product the file comes from, for the suggested mapping. */
  readonly preset?: CsvPresetName | undefined;
  readonly dateFormat?: DateFormat | undefined;
  readonly decimalSeparator?: '.' | ',' | undefined;
  readonly currency?: string | undefined;
  readonly nameFormat?: CsvRowReaderOptions['nameFormat'];
  readonly rowKeys?: boolean | undefined;
  /** Told about each row (with its cells) as soon as its batch is done. */
  readonly onRow?: ((result: ImportRowResult, cells: readonly string[]) => void) | undefined;
}

/** A row that was not imported: its lines and cells as read, and why. */
export interface NotImportedRow {
  readonly line: number;
  readonly outcome: 'skipped' | 'rejected';
  readonly cells: readonly string[];
  readonly issues: readonly Issue[];
}

/**
 * The account of a CSV import: the service's account of every row, what was detected in the file,
 * the mapping used, and the rows not imported with their cells (for {@link rejectedRowsCsv}).
 */
export interface CsvImportAccount extends ImportAccount {
  readonly file: {
    readonly encoding: CsvEncoding;
    readonly delimiter: CsvDelimiter;
    readonly header: readonly string[];
    readonly headerIssues: readonly Issue[];
    readonly blankLines: number;
    /** Characters the encoding could not decode (a wrong encoding, most likely). */
    readonly replacedCharacters: number;
  };
  readonly mapping: CsvMapping;
  /** The skipped and rejected rows with their cells: the first `keepRows`. */
  readonly notImportedRows: readonly NotImportedRow[];
}

const READ_KEYS = ['encoding', 'delimiter', 'header', 'limits'] as const;
const VALUE_KEYS = ['dateFormat', 'decimalSeparator', 'currency', 'nameFormat', 'rowKeys'] as const;
const IMPORT_KEYS = ['duplicates', 'defaults', 'pipelineId', 'dryRun', 'signal', 'onProgress', 'batchSize', 'keepRows'] as const;
// Listed out (a set built from the lists above would be work a bundler keeps).
const KEYS: ReadonlySet<string> = new Set(['encoding', 'delimiter', 'header', 'limits', 'dateFormat', 'decimalSeparator', 'currency', 'nameFormat', 'rowKeys', 'duplicates', 'defaults', 'pipelineId', 'dryRun', 'signal', 'onProgress', 'batchSize', 'keepRows', 'mapping', 'preset', 'onRow']);

/**
 * Imports a CSV file into records of a type, as one person: opens the file (encoding and
 * delimiter detected unless given), maps its columns (the given mapping, or the one suggested for
 * the fields the person may write), checks the mapping before anything is written, reads each row's
 * values, and hands the rows to `me.import`, which checks permissions row by row and writes in
 * batches. Every data row ends imported, updated, skipped or rejected, on its physical line.
 *
 * @param me - The person's session (`crm.as(principal)`); needs the `import` permission.
 * @param entityType - `lead`, `contact`, `company`, `deal` or `activity`.
 * @param source - The file (bytes, text, a stream, chunks).
 * @param options - Reading, mapping, values and import options.
 * @returns The account.
 * @throws {@link ValidationError} `VALIDATION_FAILED` (nothing written) when the mapping maps a
 * column to a field the person cannot see or write, maps nothing, or leaves a required field
 * (a deal's title, say) unmapped and without a default; `INVALID_ARGUMENT` for bad options; `FORBIDDEN` without the `import` permission.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 * const crm = createCrm({ store: createMemoryStore(), clock: fixedClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }) });
 * const admin = crm.as({ userId: 'u-1', roleIds: [], departmentIds: [], isAdmin: true });
 * const file = 'Nombre;Apellidos;Móvil;Correo electrónico\r\nAna;García;600 11 22 33;ana@example.com\r\nLuis;;;luis@@example\r\n';
 * const account = await importCsv(admin, 'contact', file);
 * [account.file.delimiter, account.rows, account.imported, account.rejected]; //=> [';', 2, 1, 1]
 * account.notImportedRows[0]?.line; //=> 3
 * (await importCsv(admin, 'contact', file)).skipped; //=> 1
 * ```
 */
export async function importCsv(me: CrmSession, entityType: EntityType, source: CsvSource, options: ImportCsvOptions = {}): Promise<CsvImportAccount> {
  const given: unknown = options;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || Object.keys(given).some((key) => !KEYS.has(key))) throw invalidArgument(`importCsv options are { ${[...KEYS].join(', ')} }.`);
  // Stryker disable next-line StringLiteral: message text
  if (typeof me !== 'object' || (me as unknown) === null || typeof me.import !== 'function') throw invalidArgument('importCsv takes a session: crm.as(principal).');
  const pick = <K extends keyof ImportCsvOptions>(keys: readonly K[]): Partial<Pick<ImportCsvOptions, K>> => {
    const out: Partial<Pick<ImportCsvOptions, K>> = {};
    for (const key of keys) if (options[key] !== undefined) out[key] = options[key];
    return out;
  };
  const fields = me.fields.list(entityType);
  const pipelines = isStagedType(entityType) ? me.pipelines.list(entityType) : [];
  const file = await openCsv(source, pick(READ_KEYS));
  const mapping = options.mapping ?? suggestMapping(file.header, { entityType, fields, ...(options.preset === undefined ? {} : { preset: options.preset }) });
  const problems = mappingProblems(mapping, entityType, fields, options.defaults);
  // Stryker disable next-line StringLiteral: message text
  if (problems.length > 0) throw new ValidationError('VALIDATION_FAILED', 'The mapping cannot be imported; see issues. Nothing was written.', { issues: problems });
  let reader: ReturnType<typeof createRowReader>;
  try {
    reader = createRowReader(mapping, { ...pick(VALUE_KEYS), fields, pipelines, ...(options.pipelineId === undefined ? {} : { pipelineId: options.pipelineId }) });
  } catch (error) {
    if (!isCrmError(error)) throw error;
    throw new ValidationError('VALIDATION_FAILED', 'The mapping cannot be imported; see issues. Nothing was written.', { issues: [issue(error.code, error.message, ['mapping'])], cause: error });
  }
  const keepRows = options.keepRows ?? 10_000;
  const inFlight = new Map<number, readonly string[]>();
  const notImportedRows: NotImportedRow[] = [];
  let stopped: ImportAccount['stopped'];
  let lastLine = 0;
  async function* rows(): AsyncGenerator<ImportRow> {
    try {
      for await (const row of file.rows()) {
        inFlight.set(row.line, row.cells);
        lastLine = row.line;
        yield reader(row);
      }
    } catch (error) {
      // A limit of the file stops the import where it is: what was read is accounted for.
      if (!isCrmError(error) || error.code !== 'LIMIT_EXCEEDED') throw error;
      stopped = { code: error.code, message: error.message, line: lastLine };
    }
  }
  const account = await me.import(entityType, rows(), {
    ...pick(IMPORT_KEYS),
    onRow: (result) => {
      const cells = inFlight.get(result.line) ?? [];
      inFlight.delete(result.line);
      if ((result.outcome === 'skipped' || result.outcome === 'rejected') && notImportedRows.length < keepRows) notImportedRows.push({ line: result.line, outcome: result.outcome, cells, issues: result.issues });
      options.onRow?.(result, cells);
    },
  });
  return Object.freeze({
    ...account,
    ...(account.stopped === undefined && stopped !== undefined ? { stopped } : {}),
    file: { encoding: file.encoding, delimiter: file.delimiter, header: file.header, headerIssues: file.headerIssues, blankLines: file.blankLines, replacedCharacters: file.replacedCharacters },
    mapping,
    notImportedRows,
  });
}

/** What is wrong with a mapping before anything is read: fields the person may not write, nothing mapped, required fields missing. */
function mappingProblems(mapping: CsvMapping, entityType: EntityType, fields: ReturnType<CrmSession['fields']['list']>, defaults: Readonly<Record<string, unknown>> | undefined): Issue[] {
  const problems: Issue[] = [];
  // Stryker disable next-line StringLiteral: message text
  const given: unknown = mapping;
  if (!isPlainRecord(given) || given.entityType !== entityType || !Array.isArray(given.columns)) return [issue('INVALID_ARGUMENT', 'The mapping is for another entity type, or not a mapping.', ['mapping'])];
  const writable = new Set([...fields.standard.filter((field) => !field.system).map((field) => field.code), ...fields.custom.map((definition) => `custom.${definition.code}`)]);
  const mapped = new Set<string>();
  for (const [at, entry] of (mapping.columns as readonly unknown[]).entries()) {
    const shaped = isPlainRecord(entry) && typeof entry.column === 'number' && Number.isSafeInteger(entry.column) && entry.column >= 0 && isPlainRecord(entry.target) && typeof entry.target.kind === 'string';
    if (!shaped) {
      // Stryker disable next-line StringLiteral: message text
      problems.push(issue('INVALID_ARGUMENT', `Mapping column ${String(at + 1)} is not { column, header, target }.`, ['mapping', at]));
      continue;
    }
    const { column, target } = entry as unknown as ColumnMapping;
    if (target.kind === 'ignore') continue;
    const field = target.kind === 'fullName' ? 'firstName' : target.kind === 'address' ? 'address' : target.field;
    mapped.add(field);
    if (target.kind === 'fullName') mapped.add('lastName');
    // Stryker disable next-line StringLiteral: message text
    if (!writable.has(field)) problems.push(issue('FIELD_NOT_VISIBLE', `Column ${String(column + 1)} maps to a field you cannot see or write.`, ['mapping', column]));
  }
  // Stryker disable next-line StringLiteral: message text
  if (mapped.size === 0) problems.push(issue('REQUIRED', 'No column is mapped to a field.', ['mapping']));
  // The standard fields a record of the type cannot be created without, as its schema says.
  const empty = entitySchema(createFieldRegistry(entityType), 'input').safeParse({});
  const required = empty.success ? [] : empty.error.issues.flatMap((found) => (found.path.length === 1 && typeof found.path[0] === 'string' ? [found.path[0]] : []));
  for (const field of new Set(required)) {
    // Stryker disable next-line StringLiteral: message text
    if (!mapped.has(field) && defaults?.[field] === undefined) problems.push(issue('REQUIRED', `The required field ${field} is not mapped to a column, nor given in defaults.`, ['mapping', field]));
  }
  for (const definition of fields.custom) {
    // Stryker disable next-line StringLiteral: message text
    if (definition.required === true && !mapped.has(`custom.${definition.code}`)) problems.push(issue('REQUIRED', `The required field ${definition.code} is not mapped to a column.`, ['mapping', `custom.${definition.code}`]));
  }
  return problems;
}

/**
 * Options of {@link rejectedRowsCsv}.
 */
export interface RejectedRowsOptions {
  /** The reason column's header language: `en` (default) or `es`. */
  readonly locale?: string | undefined;
}

/**
 * The rows an import skipped or rejected, as a CSV file to fix and import again: the file's header
 * and delimiter, each row's original cells, and one more column with the reasons and the line the
 * row was on. Cells a spreadsheet would run are neutralised (importing the file takes that back).
 *
 * @param account - The account of {@link importCsv}.
 * @param options - `locale` of the reason column.
 * @returns The CSV text.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an account that is not one.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 * const crm = createCrm({ store: createMemoryStore(), clock: fixedClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }) });
 * const admin = crm.as({ userId: 'u-1', roleIds: [], departmentIds: [], isAdmin: true });
 * const account = await importCsv(admin, 'contact', 'First name,Birthday\nAna,03/04/1990\n');
 * rejectedRowsCsv(account);
 * //=> 'First name,Birthday,Reason\r\nAna,03/04/1990,Line 2: The date could be day-month or month-day: give the date format.\r\n'
 * ```
 */
export function rejectedRowsCsv(account: CsvImportAccount, options: RejectedRowsOptions = {}): string {
  const given: unknown = account;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || !Array.isArray(given.notImportedRows) || !isPlainRecord(given.file)) throw invalidArgument('rejectedRowsCsv takes the account of importCsv.');
  const spanish = (options.locale ?? 'en').toLowerCase().startsWith('es');
  const { delimiter, header } = account.file;
  const write = (cells: readonly string[]): string => formatCsvRow(cells.map(neutraliseFormula), { delimiter });
  const reason = spanish ? 'Motivo' : 'Reason';
  const lineWord = spanish ? 'Línea' : 'Line';
  let out = header.length > 0 ? write([...header, reason]) : '';
  for (const row of account.notImportedRows) {
    const width = Math.max(header.length, row.cells.length);
    const cells = Array.from({ length: width }, (_, column) => row.cells[column] ?? '');
    out += write([...cells, `${lineWord} ${String(row.line)}: ${row.issues.map((found) => found.message).join(' ')}`]);
  }
  return out;
}
