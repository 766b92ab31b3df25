import type { ImportReference, ImportRow } from '../crm/index.js';
import { EMAIL_KINDS, MESSENGER_KINDS, PHONE_KINDS, WEBSITE_KINDS } from '../entities/index.js';
import type { EntityType, FieldDefinition, StandardField } from '../fields/index.js';
import { listStandardFields } from '../fields/index.js';
import type { Issue, PathSegment } from '../kernel/index.js';
import { foldText, invalidArgument, isCrmError, isPlainRecord, issue } from '../kernel/index.js';
import { money } from '../money/index.js';
import type { NameFormat } from '../names/index.js';
import { NAME_FORMATS, splitFullName } from '../names/index.js';
import type { Pipeline } from '../pipelines/index.js';
import { restoreFormula } from './_internal/formula.js';
import type { DateFormat, Read } from './_internal/read-values.js';
import { DATE_FORMATS, readBoolean, readDate, readDecimal, readInstant, readKind } from './_internal/read-values.js';
import { ADDRESS_PARTS, LINK_TARGETS } from './_internal/columns.js';
import { rowKey } from './_internal/row-key.js';
import type { ColumnMapping, ColumnTarget, CsvMapping } from './mapping.js';
import type { CsvRow } from './read-csv.js';

export { DATE_FORMATS };
export type { DateFormat };

/**
 * How cells are read as values: the date format and decimal separator of the file (without them,
 * a value that could be read two ways is a row error), the currency of amounts without a currency
 * column, the name format full names are split with, and the pipelines whose stage names a stage
 * column may give.
 */
export interface CsvRowReaderOptions {
  /** The fields the importing person may write; default: the entity type's standard fields. */
  readonly fields?: { readonly standard: readonly StandardField[]; readonly custom: readonly FieldDefinition[] } | undefined;
  readonly dateFormat?: DateFormat | undefined;
  readonly decimalSeparator?: '.' | ',' | undefined;
  /** The ISO 4217 currency of amounts when no currency column is mapped. */
  readonly currency?: string | undefined;
  /** Default `NAME_FORMATS.firstLast`. */
  readonly nameFormat?: NameFormat | undefined;
  /** The pipelines of the type, to read stages by name. */
  readonly pipelines?: readonly Pipeline[] | undefined;
  /** The pipeline whose stages a stage column names; default: every pipeline, the first one first. */
  readonly pipelineId?: string | undefined;
  /**
   * Without an external id column, give each row the external id `row:` and a hash of its mapped
   * cells, so that importing the same file again finds the records it made. Default `true`.
   */
  readonly rowKeys?: boolean | undefined;
}

/** Turns one CSV row into an import row; made by {@link createRowReader}. */
export type CsvRowReader = (row: CsvRow) => ImportRow;

interface FieldInfo {
  readonly type: string;
  readonly custom?: FieldDefinition | undefined;
}

const LIST_LINKS: ReadonlySet<string> = new Set(['companyIds', 'contactIds']);
const BINDING = /^(contact|company|lead|deal): (.+)$/s;
// Field types read one value per cell (text included); the others are read by the kind of target.
const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'text', 'url', 'email', 'phone', 'user', 'link', 'integer', 'number', 'boolean', 'date', 'datetime', 'enumeration', 'stage', 'file']);
// `mobile: +34 600 11 22 33`, as exportCsv writes a multi-field's items.
const KIND_PREFIX = /^([a-z]+): (.+)$/s;
const KINDS_OF: Readonly<Record<string, readonly string[]>> = { phones: PHONE_KINDS, emails: EMAIL_KINDS, websites: WEBSITE_KINDS, messengers: MESSENGER_KINDS };
// Standard fields an import never fills from a column.
const NOT_IMPORTED: ReadonlySet<string> = new Set(['id', 'custom', 'product-rows', 'pipeline']);
const OPTION_KEYS: ReadonlySet<string> = new Set(['fields', 'dateFormat', 'decimalSeparator', 'currency', 'nameFormat', 'pipelines', 'pipelineId', 'rowKeys']);

/**
 * Compiles a mapping into a function from CSV rows to import rows: each mapped cell read as a
 * value of its field's type (numbers, dates, yes/no, amounts, option labels, stage names), full
 * names split, numbered phone and e-mail columns folded into lists with their kinds, address
 * parts gathered, and reference columns turned into references the import resolves. A cell that
 * cannot be read is an issue at its column; a row with a reading issue from the file keeps it.
 * Apostrophes an export put before formula-like text are taken away.
 *
 * @param mapping - The mapping (from {@link suggestMapping}, edited or not).
 * @param options - How values are written in the file.
 * @returns The reader.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a mapping to a field that does not exist,
 * is not visible in `options.fields`, or cannot be imported (ids, system fields), or bad options.
 *
 * @example
 * ```ts
 * const mapping = suggestMapping(['Nombre completo', 'Móvil', 'Importe', 'Fecha de nacimiento'], { entityType: 'contact' });
 * const read = createRowReader(mapping, { dateFormat: 'DD/MM/YYYY', rowKeys: false });
 * read({ line: 2, endLine: 2, cells: ['Ana García', '600 11 22 33', '', '03/04/1990'], issues: [] });
 * //=> { line: 2, input: { birthdate: '1990-04-03', phones: [{ value: '600 11 22 33', kind: 'mobile' }], firstName: 'Ana', lastName: 'García' } }
 * createRowReader(suggestMapping(['Fecha de nacimiento'], { entityType: 'contact' }))({ line: 3, endLine: 3, cells: ['03/04/1990'], issues: [] }).issues?.[0]?.code;
 * //=> 'AMBIGUOUS_VALUE'
 * ```
 */
export function createRowReader(mapping: CsvMapping, options: CsvRowReaderOptions = {}): CsvRowReader {
  const given: unknown = options;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || Object.keys(given).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument(`Row reader options are { ${[...OPTION_KEYS].join(', ')} }.`);
  const shape: unknown = mapping;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(shape) || !Array.isArray(shape.columns)) throw invalidArgument('A mapping is { entityType, columns, unmapped }.');
  const { entityType } = mapping;
  const { dateFormat, decimalSeparator, currency, rowKeys = true } = options;
  const nameFormat = options.nameFormat ?? NAME_FORMATS.firstLast;
  // Stryker disable next-line StringLiteral: message text
  if (dateFormat !== undefined && !(DATE_FORMATS as readonly string[]).includes(dateFormat)) throw invalidArgument(`dateFormat is one of ${DATE_FORMATS.join(', ')}.`);
  // Stryker disable next-line StringLiteral: message text
  if (![undefined, '.', ','].includes(decimalSeparator)) throw invalidArgument("decimalSeparator is '.' or ','.");
  const fields = new Map<string, FieldInfo>();
  for (const field of options.fields?.standard ?? listStandardFields(entityType)) if (!field.system) fields.set(field.code, { type: field.type });
  for (const definition of options.fields?.custom ?? []) fields.set(`custom.${definition.code}`, { type: definition.type, custom: definition });
  const columns = (mapping.columns as readonly unknown[]).map((given, at) => {
    // Stryker disable next-line StringLiteral: message text
    if (!isPlainRecord(given) || typeof given.column !== 'number' || !Number.isSafeInteger(given.column) || given.column < 0) throw invalidArgument(`Mapping column ${String(at + 1)} has no column position.`);
    const column = given as unknown as ColumnMapping;
    checkShape(column.target, column.column);
    checkTarget(column.target, fields, column.column);
    return { column: column.column, target: column.target };
  });
  const hasExternalId = columns.some(({ target }) => target.kind === 'field' && target.field === 'externalId');
  /** A value of a field of one value per cell: numbers, yes/no, dates, options, stages; text as it is. */
  const readScalar = (text: string, info: FieldInfo, path: readonly PathSegment[]): Read<unknown> => {
    switch (info.type) {
      case 'integer':
      case 'number': {
        const read = readDecimal(text, decimalSeparator, path);
        if ('issue' in read) return read;
        // Stryker disable next-line StringLiteral: message text
        if (info.type === 'integer' && read.value.includes('.')) return { issue: issue('INVALID_VALUE', 'Not a whole number.', path) };
        return { value: Number(read.value) };
      }
      case 'boolean':
        return readBoolean(text, path);
      case 'date':
        return readDate(text, dateFormat, path);
      case 'datetime':
        return readInstant(text, dateFormat, path);
      case 'enumeration':
        return info.custom?.type === 'enumeration' ? readOption(text, info.custom.options, path) : { value: text.trim() };
      case 'stage':
        return readStage(text, stageNames, path);
      default:
        return { value: text };
    }
  };
  const pipelines = options.pipelines ?? [];
  const stageNames = stageIndex(options.pipelineId === undefined ? pipelines : pipelines.filter((pipeline) => pipeline.id === options.pipelineId));

  return (row: CsvRow): ImportRow => {
    if (row.issues.length > 0) return { line: row.line, issues: row.issues };
    const issues: Issue[] = [];
    const input: Record<string, unknown> = {};
    const custom: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const amounts = new Map<string, { readonly amount: string; readonly path: readonly PathSegment[] }>();
    const currencies = new Map<string, string>();
    const items = new Map<string, { field: string; value?: string | undefined; kind?: string | undefined }>();
    const address: Record<string, string> = {};
    const references: ImportReference[] = [];
    const keyCells: string[] = [];
    let fullName: string | undefined;
    const set = (field: string, value: unknown): void => {
      if (field.startsWith('custom.')) Object.defineProperty(custom, field.slice('custom.'.length), { value, enumerable: true, writable: true, configurable: true });
      else input[field] = value;
    };
    const take = <T>(read: Read<T>, field: string): void => {
      if ('issue' in read) issues.push(read.issue);
      else set(field, read.value);
    };
    for (const { column, target } of columns) {
      // Text is kept as written; a cell of spaces is empty, and typed values are read trimmed.
      const cell = restoreFormula(row.cells[column] ?? '');
      if (target.kind === 'ignore' || cell.trim() === '') continue;
      keyCells.push(`${String(column)}\u0000${cell}`);
      const path = [column];
      switch (target.kind) {
        case 'field': {
          const info = fields.get(target.field);
          if (info === undefined) break;
          const type = info.type;
          if (info.custom?.multiple === true && type !== 'money' && type !== 'address') {
            // A field of several values: one cell, the values joined with ' ::: ' (as exportCsv writes them).
            const values: unknown[] = [];
            for (const part of cell.split(' ::: ')) {
              if (part.trim() === '') continue;
              const read = readScalar(part, info, path);
              if ('issue' in read) issues.push(read.issue);
              else values.push(read.value);
            }
            set(target.field, values);
          } else if (type === 'money') amounts.set(target.field, { amount: cell, path });
          else if (SCALAR_TYPES.has(type)) take(readScalar(cell, info, path), target.field);
          else if (type === 'links') set(target.field, cell.split(/[,;]/).map((id) => id.trim()).filter((id) => id !== ''));
          else if (type === 'bindings') {
            // `contact: Ana García ::: deal: Renewal`, as exportCsv writes an activity's bindings.
            for (const item of cell.split(' ::: ')) {
              const named = BINDING.exec(item.trim());
              const bound = named?.[1];
              if (bound === undefined) issues.push(issue('INVALID_VALUE', 'A binding is written "type: name" (contact, company, lead or deal).', path));
              else references.push({ field: 'bindings', entityType: bound as EntityType, by: 'name', value: (named?.[2] ?? '').trim(), path });
            }
          }
          else if (type === 'multifield') items.set(`${target.field}\u0000${String(column)}`, { field: target.field, value: cell, kind: 'work' });
          else if (type === 'address') {
            // The standard address by its parts; a custom address field gets the cell as its street.
            if (target.field === 'address') address.street = cell;
            else {
              // A custom address: its parts in order, joined with ' ::: ' (as exportCsv writes it).
              const parts: Record<string, string> = {};
              cell.split(' ::: ').forEach((part, at) => {
                const name = ADDRESS_PARTS[at];
                if (name !== undefined && part.trim() !== '') parts[name] = name === 'countryCode' ? part.trim().toUpperCase() : part;
              });
              set(target.field, parts);
            }
          }
          else set(target.field, cell);
          break;
        }
        case 'currency':
          currencies.set(target.field, cell.toUpperCase());
          break;
        case 'fullName':
          fullName = cell;
          break;
        case 'multiField': {
          const key = target.item === undefined ? `${target.field}\u0000c${String(column)}` : `${target.field}\u0000${String(target.item)}`;
          const item = items.get(key) ?? { field: target.field, value: undefined, kind: undefined };
          if (target.part === 'kind') item.kind = readKind(cell);
          else {
            item.value = cell;
            if (target.valueKind !== undefined) item.kind = target.valueKind;
          }
          items.set(key, item);
          break;
        }
        case 'address':
          address[target.part] = target.part === 'countryCode' ? cell.toUpperCase() : cell;
          break;
        case 'reference':
          // A list of links names its records separated by ' ::: ', as exportCsv writes them.
          for (const part of LIST_LINKS.has(target.field) || target.by === 'phone' || target.by === 'email' ? cell.split(' ::: ') : [cell]) {
            // A phone or e-mail as exportCsv writes it (`mobile: +34 600 11 22 33`) names its value.
            const labelled = target.by === 'phone' || target.by === 'email' ? KIND_PREFIX.exec(part.trim()) : null;
            const value = (labelled !== null && (KINDS_OF[target.by === 'phone' ? 'phones' : 'emails'] ?? []).includes(labelled[1] ?? '') ? (labelled[2] ?? '') : part).trim();
            if (value !== '') references.push({ field: target.field, entityType: LINK_TARGETS[target.field] ?? target.entityType ?? 'contact', by: target.by, value, path });
          }
          break;
      }
    }
    for (const [field, { amount, path }] of amounts) {
      const code = currencies.get(field) ?? currency;
      if (code === undefined) {
        // Stryker disable next-line StringLiteral: message text
        issues.push(issue('REQUIRED', 'The amount has no currency: map a currency column or give the import a currency.', path));
        continue;
      }
      const read = readDecimal(amount, decimalSeparator, path);
      if ('issue' in read) issues.push(read.issue);
      else {
        try {
          set(field, money(read.value, code));
        } catch (error) {
          if (!isCrmError(error)) throw error;
          issues.push(issue(error.code, error.message, path));
        }
      }
    }
    for (const { field, value, kind } of items.values()) {
      if (value === undefined) continue;
      const list = Array.isArray(input[field]) ? (input[field] as unknown[]) : [];
      // Google Contacts (and exportCsv) write several values in one cell, separated by ' ::: ';
      // exportCsv writes each as `kind: value`.
      for (const part of value.split(' ::: ')) {
        if (part.trim() === '') continue;
        // A labelled item is kept exactly as exported; anything else is trimmed.
        const labelled = KIND_PREFIX.exec(part);
        const own = labelled?.[1];
        if (own !== undefined && (KINDS_OF[field] ?? []).includes(own)) list.push({ value: labelled?.[2] ?? '', kind: own });
        else list.push({ value: part.trim(), kind: kind ?? 'work' });
      }
      input[field] = list;
    }
    if (Object.keys(address).length > 0) input.address = address;
    if (fullName !== undefined) {
      try {
        for (const [part, value] of Object.entries(splitFullName(fullName, nameFormat))) if (input[part] === undefined) input[part] = value;
      } catch (error) {
        if (!isCrmError(error)) throw error;
        issues.push(issue(error.code, error.message));
      }
    }
    if (Object.keys(custom).length > 0) input.custom = custom;
    if (!hasExternalId && rowKeys && keyCells.length > 0) input.externalId = `row:${rowKey(entityType, keyCells)}`;
    // Stryker disable next-line StringLiteral: message text
    if (keyCells.length === 0) issues.push(issue('REQUIRED', 'The row has no value in any imported column.'));
    if (issues.length > 0) return { line: row.line, issues };
    return references.length > 0 ? { line: row.line, input, references } : { line: row.line, input };
  };
}

const KINDS: ReadonlySet<string> = new Set(['field', 'currency', 'fullName', 'multiField', 'address', 'reference', 'ignore']);
const WAYS: ReadonlySet<string> = new Set(['id', 'externalId', 'email', 'phone', 'name']);

/** A target of a known kind, with the parts its kind needs: a mapping is data a person edited. */
function checkShape(target: unknown, column: number): void {
  const where = `Column ${String(column + 1)}`;
  const fine =
    isPlainRecord(target) &&
    typeof target.kind === 'string' &&
    KINDS.has(target.kind) &&
    (!['field', 'currency', 'multiField', 'reference'].includes(target.kind) || typeof target.field === 'string') &&
    (target.kind !== 'address' || (ADDRESS_PARTS as readonly unknown[]).includes(target.part)) &&
    (target.kind !== 'reference' || (typeof target.by === 'string' && WAYS.has(target.by))) &&
    (target.kind !== 'multiField' || ((target.part === undefined || target.part === 'value' || target.part === 'kind') && (target.item === undefined || (typeof target.item === 'number' && Number.isSafeInteger(target.item)))));
  // Stryker disable next-line StringLiteral: message text
  if (!fine) throw invalidArgument(`${where} maps to a target that is not one of field, currency, fullName, multiField, address, reference or ignore.`);
}

function checkTarget(target: ColumnTarget, fields: ReadonlyMap<string, FieldInfo>, column: number): void {
  const where = `Column ${String(column + 1)}`;
  if (target.kind === 'field' || target.kind === 'currency') {
    const info = fields.get(target.field);
    // Stryker disable next-line StringLiteral: message text
    if (info === undefined) throw invalidArgument(`${where} maps to a field that is not one the import may write.`);
    // Stryker disable next-line StringLiteral: message text
    if (NOT_IMPORTED.has(info.type)) throw invalidArgument(`${where} maps to a field an import cannot fill.`);
    // Stryker disable next-line StringLiteral: message text
    if (target.kind === 'currency' && info.type !== 'money') throw invalidArgument(`${where} gives the currency of a field that is not an amount.`);
  } else if (target.kind === 'multiField' || target.kind === 'reference') {
    // Stryker disable next-line StringLiteral: message text
    if (!fields.has(target.field)) throw invalidArgument(`${where} maps to a field that is not one the import may write.`);
  }
}

function readOption(text: string, options: readonly { readonly id: string; readonly labels: Readonly<Record<string, string>> }[], path: readonly PathSegment[]): Read<string> {
  const folded = foldText(text);
  const found = options.find((option) => option.id === text || Object.values(option.labels).some((label) => foldText(label) === folded));
  return found === undefined ? { issue: issue('INVALID_VALUE', 'Not one of the options of the field.', path) } : { value: found.id };
}

function stageIndex(pipelines: readonly Pipeline[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      for (const name of [stage.id, stage.name, ...Object.values(stage.labels ?? {})]) if (!out.has(foldText(name))) out.set(foldText(name), stage.id);
    }
  }
  return out;
}

function readStage(text: string, stages: ReadonlyMap<string, string>, path: readonly PathSegment[]): Read<string> {
  if (stages.size === 0) return { value: text };
  const id = stages.get(foldText(text));
  return id === undefined ? { issue: issue('INVALID_VALUE', 'Not a stage of the pipeline.', path) } : { value: id };
}
