import Fuse from 'fuse.js/basic';
import { EMAIL_KINDS, MESSENGER_KINDS, PHONE_KINDS, WEBSITE_KINDS } from '../entities/index.js';
import type { EntityType, FieldDefinition, StandardField, StandardFieldType } from '../fields/index.js';
import { CUSTOM_FIELD_TYPES, ENTITY_TYPES, FIELD_CODE_PATTERN, isEntityType, listStandardFields, RESERVED_FIELD_CODES } from '../fields/index.js';
import { foldText, invalidArgument, isPlainRecord, LimitError, LIMITS } from '../kernel/index.js';
import type { HeaderForms } from './_internal/header-vocabulary.js';
import {
  ADDRESS_BASES,
  DEFAULT_VALUE_KINDS,
  HEADER_SYNONYMS,
  headerKey,
  ITEM_PARTS,
  keyFromSpaced,
  MAX_HEADER_LENGTH,
  MULTI_FIELD_BASES,
  readHeaders,
  spacedFromFolded,
  UNMAPPED_HEADERS,
} from './_internal/header-vocabulary.js';
import type { ColumnMapping, ColumnTarget, CsvMapping, MatchedBy, MultiFieldCode, UnmappedColumn } from './mapping.js';
import { ADDRESS_PARTS } from './_internal/columns.js';
import type { CsvPresetName } from './presets.js';
import { CSV_PRESETS } from './presets.js';

/**
 * Options of {@link suggestMapping}.
 */
export interface SuggestMappingOptions {
  /** The entity type the file's rows become. */
  readonly entityType: EntityType;
  /**
   * The fields the importing person may write: standard fields of the entity type (others in the
   * list are passed over) and custom fields. Default: every standard field of the entity type and
   * no custom field. System fields (ids, versions, timestamps) are never written, listed or not.
   */
  readonly fields?: { readonly standard: readonly StandardField[]; readonly custom: readonly FieldDefinition[] } | undefined;
  /** The language whose labels are tried first (`'en'`, `'es'`, any BCP 47 tag); every label is tried. Default `'en'`. */
  readonly locale?: string | undefined;
  /** The product the file was exported from: its header table is tried before anything else. */
  readonly preset?: CsvPresetName | undefined;
}

// A near-miss is accepted when Fuse scores it at most 0.35 (confidence 0.65 and up): two slips in a
// six-letter word ("E-mial" for "E-mail", "Cuidad" for "Ciudad") pass, while two changed letters in
// five ("Photo" for "Phone", score 0.4) do not. test/csv/suggest-mapping.test.ts pins both sides.
const FUZZY_THRESHOLD = 0.35;
// Fuse finds the header inside a longer name ("Date" inside "Date of birth") with a perfect score:
// a near-miss must be about as long as the name it misspells.
const FUZZY_LENGTH_RATIO = 0.75;
// Too few letters to tell a slip from another word: "CIF" is not "City".
const FUZZY_MIN_LENGTH = 4;
// Names longer than any real header stay out of the fuzzy pool, so a search's cost is bounded.
const FUZZY_NAME_LENGTH = 64;
// A near-miss is never as sure as an exact match.
const FUZZY_MAX_CONFIDENCE = 0.99;

const OPTION_KEYS: ReadonlySet<string> = new Set(['entityType', 'fields', 'locale', 'preset']);
const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const CUSTOM_PREFIX = 'custom.';

const MULTI_FIELD_KINDS: Readonly<Record<MultiFieldCode, readonly string[]>> = {
  phones: PHONE_KINDS,
  emails: EMAIL_KINDS,
  websites: WEBSITE_KINDS,
  messengers: MESSENGER_KINDS,
};
// Standard field types a column fills as a value of its own. Links are references; lists and ids
// are not written from one cell; the pipeline of imported deals is the import's option, not a
// column (createRowReader refuses a column that fills it).
// (`bindings` as a field: a column of `type: name` items, as exportCsv writes an activity's bindings.)
const VALUE_TYPES: ReadonlySet<StandardFieldType> = new Set([
  'string', 'text', 'integer', 'number', 'boolean', 'date', 'datetime', 'enumeration', 'money', 'url', 'email', 'user', 'stage', 'bindings',
]);
const STRENGTH: Readonly<Record<MatchedBy, number>> = { preset: 4, code: 3, label: 2, synonym: 1, fuzzy: 0 };

/** The fields a column may fill, by code (custom fields by their bare code). */
interface Writable {
  readonly entityType: EntityType;
  readonly standard: ReadonlyMap<string, StandardField>;
  readonly custom: ReadonlyMap<string, FieldDefinition>;
}

/** A target found for a name, and how. */
interface Candidate {
  readonly target: ColumnTarget;
  readonly matchedBy: MatchedBy;
}

/** Every name a header can match exactly, by key, the strongest first; and their spaced forms for near-misses. */
interface Vocabulary {
  readonly byKey: Map<string, Candidate>;
  readonly names: { readonly text: string; readonly candidate: Candidate }[];
}

interface Mapped extends Candidate {
  readonly column: number;
  readonly header: string;
  readonly confidence: number;
}

/**
 * Suggests how the columns of a CSV file map to the fields of one entity type, from their headers.
 * Each column is tried, strongest first, against the preset's table (when `preset` is given), the
 * fields' codes (`firstName`, `custom.budget`, or a custom field's bare code), their labels in
 * every language (`locale`'s first), a vocabulary of headers other products and people write in
 * English and Spanish ("E-mail Address", "Móvil", "Razón social", "CP"), numbered items as Google
 * and Outlook write them ("Phone 1 - Value", "E-mail 2 Address"), and last a near-miss of any of
 * those names ("E-mial"), whose `confidence` is below 1. Headers are compared folded: trimmed,
 * without case, accents or punctuation.
 *
 * A field, an address part, a currency and a numbered item are filled by one column at most: when
 * two columns claim one, the stronger match keeps it (the surer, then preset over code over
 * label over synonym, then the first column) and the other is left unmapped. Columns of a multi-field of
 * one kind ("Business Phone", "Business Phone 2") and references may repeat. Only fields the
 * person may write are targets: never a system field (an "ID" column fills `externalId`, the
 * record's id in the file's source), never a custom field missing from `options.fields.custom`.
 *
 * @param headers - The file's header row, at most 1000 headers.
 * @param options - `entityType`; optionally `fields`, `locale` and `preset`.
 * @returns Every column exactly once: in `columns` (with its target, `confidence` and
 * `matchedBy`) or in `unmapped`, each list in column order.
 * @throws LimitError `LIMIT_EXCEEDED` for more than 1000 headers (`LIMITS.listItems`), or more
 * than 1000 fields in `options.fields.standard` or `options.fields.custom`; ValidationError
 * `INVALID_ARGUMENT` for a header that is not a string or is longer than 1000 characters once
 * folded, for malformed options, and for a preset that has no files of `entityType`.
 *
 * @example
 * ```ts
 * const mapping = suggestMapping(['Nombre', 'Apellido(s)', 'Móvil', 'E-mail Address', 'Favourite colour'], { entityType: 'contact' });
 * mapping.columns.map((column) => [column.header, column.target]);
 * //=> [['Nombre', { kind: 'field', field: 'firstName' }], ['Apellido(s)', { kind: 'field', field: 'lastName' }], ['Móvil', { kind: 'multiField', field: 'phones', valueKind: 'mobile' }], ['E-mail Address', { kind: 'multiField', field: 'emails', valueKind: 'work' }]]
 * mapping.unmapped; //=> [{ column: 4, header: 'Favourite colour' }]
 * suggestMapping(['Phone 1 - Value'], { entityType: 'contact' }).columns[0]?.target;
 * //=> { kind: 'multiField', field: 'phones', item: 1, part: 'value' }
 * suggestMapping(['ID', 'Empresa'], { entityType: 'deal' }).columns.map((column) => column.target);
 * //=> [{ kind: 'field', field: 'externalId' }, { kind: 'reference', field: 'companyId', by: 'name' }]
 * const nearMiss = suggestMapping(['E-mial'], { entityType: 'contact' }).columns[0];
 * [nearMiss?.matchedBy, nearMiss?.target]; //=> ['fuzzy', { kind: 'multiField', field: 'emails', valueKind: 'work' }]
 * suggestMapping(['Title'], { entityType: 'contact', preset: 'outlook' }).columns[0]?.target;
 * //=> { kind: 'field', field: 'honorific' }
 * ```
 */
export function suggestMapping(headers: readonly string[], options: SuggestMappingOptions): CsvMapping {
  const forms = readHeaders(headers);
  const { entityType, writable, locale, preset } = readOptions(options);
  const vocabulary = buildVocabulary(writable, locale, preset);
  // Built only for a file with a header that matches nothing exactly.
  let knownWords: ReadonlySet<string> | undefined;
  let nearMiss: ((spaced: string) => NearMiss | undefined) | undefined;
  const found: Mapped[] = [];
  for (const [column, header] of forms.entries()) {
    const exact = matchExactly(header, column, vocabulary, writable);
    if (exact === 'unmapped') continue;
    if (exact !== undefined) {
      found.push(exact);
      continue;
    }
    knownWords ??= knownHeaderKeys();
    if (knownWords.has(header.key)) continue;
    nearMiss ??= createNearMiss(vocabulary.names);
    const fuzzy = nearMiss(header.spaced);
    if (fuzzy !== undefined) found.push({ target: fuzzy.candidate.target, matchedBy: 'fuzzy', confidence: fuzzy.confidence, column, header: header.header });
  }
  const kept = keepStrongestClaims(found);
  const columns: ColumnMapping[] = kept.map(({ column, header, target, confidence, matchedBy }) => ({ column, header, target, confidence, matchedBy }));
  const mappedColumns = new Set(kept.map((mapped) => mapped.column));
  const unmapped: UnmappedColumn[] = forms.flatMap((header, column) => (mappedColumns.has(column) ? [] : [{ column, header: header.header }]));
  return { entityType, columns, unmapped };
}

interface ReadOptions {
  readonly entityType: EntityType;
  readonly writable: Writable;
  readonly locale: string;
  readonly preset: CsvPresetName | undefined;
}

function readOptions(options: unknown): ReadOptions {
  const shape = 'The options are { entityType, fields?, locale?, preset? }.';
  if (!isPlainRecord(options) || Object.keys(options).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument(shape);
  const { entityType, fields, locale, preset } = options;
  if (!isEntityType(entityType)) throw invalidArgument('entityType is one of ENTITY_TYPES.');
  if (locale !== undefined && (typeof locale !== 'string' || locale.length > 35 || !LOCALE.test(locale))) {
    throw invalidArgument('locale is a BCP 47 language tag such as "en" or "es-MX".');
  }
  if (preset !== undefined && (typeof preset !== 'string' || !Object.hasOwn(CSV_PRESETS, preset))) throw invalidArgument('preset is one of the names of CSV_PRESETS.');
  const presetName = preset as CsvPresetName | undefined;
  if (presetName !== undefined && !CSV_PRESETS[presetName].entityTypes.includes(entityType)) {
    throw invalidArgument('The preset has no files of this entity type.');
  }
  return { entityType, writable: readFields(entityType, fields), locale: locale ?? 'en', preset: presetName };
}

function readFields(entityType: EntityType, fields: unknown): Writable {
  const own = listStandardFields(entityType).filter((field) => !field.system);
  if (fields === undefined) return { entityType, standard: new Map(own.map((field) => [field.code, field])), custom: new Map() };
  if (!isPlainRecord(fields) || !Array.isArray(fields.standard) || !Array.isArray(fields.custom)) throw invalidArgument('fields is { standard, custom }: two lists.');
  const standard: readonly unknown[] = fields.standard;
  const custom: readonly unknown[] = fields.custom;
  if (standard.length > LIMITS.listItems) throw new LimitError('listItems', 'fields.standard');
  if (custom.length > LIMITS.listItems) throw new LimitError('listItems', 'fields.custom');
  const allowed = new Set(
    standard.map((field, index) => {
      if (!isPlainRecord(field) || typeof field.code !== 'string') throw invalidArgument(`fields.standard[${index}] is not a standard field.`);
      return field.code;
    }),
  );
  const definitions = custom.map((definition, index) => {
    if (!isCustomField(definition)) throw invalidArgument(`fields.custom[${index}] is not a custom field definition.`);
    return [definition.code, definition] as const;
  });
  // The entity type's own declaration is read, never the caller's copy of it.
  return { entityType, standard: new Map(own.filter((field) => allowed.has(field.code)).map((field) => [field.code, field])), custom: new Map(definitions) };
}

function isCustomField(value: unknown): value is FieldDefinition {
  return (
    isPlainRecord(value) &&
    typeof value.code === 'string' &&
    FIELD_CODE_PATTERN.test(value.code) &&
    !RESERVED_FIELD_CODES.includes(value.code) &&
    (CUSTOM_FIELD_TYPES as readonly unknown[]).includes(value.type) &&
    isPlainRecord(value.labels)
  );
}

// ---------------------------------------------------------------------------------------------
// What a column can fill.

function fieldOf(code: string, writable: Writable): { readonly type: string; readonly custom: boolean } | undefined {
  if (code.startsWith(CUSTOM_PREFIX)) {
    const definition = writable.custom.get(code.slice(CUSTOM_PREFIX.length));
    return definition === undefined ? undefined : { type: definition.type, custom: true };
  }
  const field = writable.standard.get(code);
  return field === undefined ? undefined : { type: field.type, custom: false };
}

function isMultiFieldCode(code: string): code is MultiFieldCode {
  return Object.hasOwn(MULTI_FIELD_KINDS, code);
}

function isAvailable(target: ColumnTarget, writable: Writable): boolean {
  switch (target.kind) {
    case 'field': {
      const field = fieldOf(target.field, writable);
      return field !== undefined && (field.custom ? field.type !== 'link' : VALUE_TYPES.has(field.type as StandardFieldType));
    }
    case 'currency':
      return fieldOf(target.field, writable)?.type === 'money';
    case 'fullName':
      return writable.standard.has('firstName') || writable.standard.has('lastName');
    case 'multiField':
      return (
        writable.standard.get(target.field)?.type === 'multifield' &&
        (target.valueKind === undefined || MULTI_FIELD_KINDS[target.field].includes(target.valueKind))
      );
    case 'address':
      return writable.standard.get('address')?.type === 'address';
    case 'reference': {
      const type = fieldOf(target.field, writable)?.type;
      if (type !== 'bindings') return type === 'link' || type === 'links';
      // An activity's bindings name the type of the record each column finds.
      const targets = writable.standard.get(target.field)?.targets ?? [];
      return target.entityType !== undefined && targets.includes(target.entityType);
    }
    case 'ignore':
      return true;
  }
}

/**
 * What a standard field's code (`via: 'code'`) or label names. A link's code names the linked
 * record by the id it has in the file's source, like an "ID" column: "companyId" and "Company ID"
 * fold alike, and a file's ids are its source's ids (`externalId`), not this CRM's.
 */
function standardTarget(field: StandardField, via: 'code' | 'label'): ColumnTarget | undefined {
  switch (field.type) {
    case 'multifield':
      return isMultiFieldCode(field.code) ? { kind: 'multiField', field: field.code, valueKind: DEFAULT_VALUE_KINDS[field.code] } : undefined;
    case 'address':
      return { kind: 'address', part: 'street' };
    case 'link':
    case 'links':
      return { kind: 'reference', field: field.code, by: via === 'code' ? 'externalId' : 'name' };
    default:
      return VALUE_TYPES.has(field.type) ? { kind: 'field', field: field.code } : undefined;
  }
}

function customTarget(definition: FieldDefinition, via: 'code' | 'label'): ColumnTarget {
  const code = `${CUSTOM_PREFIX}${definition.code}`;
  return definition.type === 'link' ? { kind: 'reference', field: code, by: via === 'code' ? 'externalId' : 'name' } : { kind: 'field', field: code };
}

// ---------------------------------------------------------------------------------------------
// The names a header is compared with.

function addName(vocabulary: Vocabulary, name: string, candidate: Candidate): void {
  // A label longer than any accepted header can never be one.
  const folded = foldText(name);
  if (folded.length > MAX_HEADER_LENGTH) return;
  const text = spacedFromFolded(folded);
  const key = keyFromSpaced(text);
  if (key === '' || vocabulary.byKey.has(key)) return;
  vocabulary.byKey.set(key, candidate);
  if (candidate.target.kind !== 'ignore' && text.length <= FUZZY_NAME_LENGTH) vocabulary.names.push({ text, candidate });
}

/** The names for each field, preset's first, then codes, labels and synonyms: the first holder of a key keeps it. */
function buildVocabulary(writable: Writable, locale: string, preset: CsvPresetName | undefined): Vocabulary {
  const vocabulary: Vocabulary = { byKey: new Map(), names: [] };
  const add = (name: string, target: ColumnTarget | undefined, matchedBy: MatchedBy): void => {
    if (target !== undefined && isAvailable(target, writable)) addName(vocabulary, name, { target, matchedBy });
  };
  for (const column of preset === undefined ? [] : CSV_PRESETS[preset].columns) {
    if (column.entityTypes === undefined || column.entityTypes.includes(writable.entityType)) add(column.header, column.target, 'preset');
  }
  for (const [name, target] of codeNames(writable)) add(name, target, 'code');
  for (const [name, target] of labelNames(writable, locale)) add(name, target, 'label');
  for (const synonym of HEADER_SYNONYMS) {
    if (synonym.entityTypes !== undefined && !synonym.entityTypes.includes(writable.entityType)) continue;
    for (const name of synonym.names) add(name, synonym.target, 'synonym');
  }
  return vocabulary;
}

type Named = readonly [name: string, target: ColumnTarget | undefined];

function codeNames(writable: Writable): readonly Named[] {
  const standard = [...writable.standard.values()];
  const custom = [...writable.custom.values()];
  return [
    ...standard.map((field): Named => [field.code, standardTarget(field, 'code')]),
    ['fullName', { kind: 'fullName' }],
    ...ADDRESS_PARTS.map((part): Named => [`address.${part}`, { kind: 'address', part }]),
    ...standard.filter((field) => field.type === 'money').map((field): Named => [`${field.code}.currency`, { kind: 'currency', field: field.code }]),
    ...custom.map((definition): Named => [`${CUSTOM_PREFIX}${definition.code}`, customTarget(definition, 'code')]),
    ...custom.map((definition): Named => [definition.code, customTarget(definition, 'code')]),
    ...custom
      .filter((definition) => definition.type === 'money')
      .flatMap((definition): Named[] => {
        const target: ColumnTarget = { kind: 'currency', field: `${CUSTOM_PREFIX}${definition.code}` };
        return [[`${CUSTOM_PREFIX}${definition.code}.currency`, target], [`${definition.code}.currency`, target]];
      }),
  ];
}

/** Every label of every field, the locale's language first, then English, Spanish and the rest. */
function labelNames(writable: Writable, locale: string): readonly Named[] {
  const labelled: { readonly rank: number; readonly label: string; readonly field: StandardField | FieldDefinition; readonly custom: boolean }[] = [];
  for (const field of writable.standard.values()) {
    // A lead names its company as text (companyTitle); its link to a stored company is filled only by code or id.
    if (writable.entityType === 'lead' && field.code === 'companyId') continue;
    for (const [tag, label] of Object.entries(field.labels)) labelled.push({ rank: languageRank(tag, locale), label, field, custom: false });
  }
  for (const definition of writable.custom.values()) {
    for (const [tag, label] of Object.entries(definition.labels)) {
      if (typeof label === 'string') labelled.push({ rank: languageRank(tag, locale), label, field: definition, custom: true });
    }
  }
  // Array.prototype.sort is stable: within a language, fields keep their order, standard first.
  labelled.sort((a, b) => a.rank - b.rank);
  return labelled.flatMap(({ label, field, custom }): Named[] => {
    const target = custom ? customTarget(field as FieldDefinition, 'label') : standardTarget(field as StandardField, 'label');
    if (field.type !== 'money' || target?.kind !== 'field') return [[label, target]];
    const currency: ColumnTarget = { kind: 'currency', field: target.field };
    return [[label, target], ...[`${label} currency`, `moneda ${label}`, `moneda de ${label}`, `moneda del ${label}`, `moneda de la ${label}`].map((name): Named => [name, currency])];
  });
}

function languageRank(tag: string, locale: string): number {
  const wanted = locale.toLowerCase();
  const given = tag.toLowerCase();
  if (given === wanted) return 0;
  if (given.split('-')[0] === wanted.split('-')[0]) return 1;
  if (given === 'en') return 2;
  return given === 'es' ? 3 : 4;
}

// ---------------------------------------------------------------------------------------------
// Matching one header.

const NUMBERED = /^(.+?) (\d{1,4})(?: (.+))?$/;

/**
 * An exact match of the header, or of its numbered form; `'unmapped'` when the header is a
 * numbered item of a field the person may not write (no near-miss is tried for it).
 */
function matchExactly(forms: HeaderForms, column: number, vocabulary: Vocabulary, writable: Writable): Mapped | 'unmapped' | undefined {
  if (forms.key === '') return 'unmapped';
  const exact = vocabulary.byKey.get(forms.key) ?? matchNumbered(forms.spaced, vocabulary, writable);
  if (exact === 'unmapped' || exact === undefined) return exact;
  return { ...exact, column, header: forms.header, confidence: 1 };
}

function matchNumbered(spaced: string, vocabulary: Vocabulary, writable: Writable): Candidate | 'unmapped' | undefined {
  const [, base = '', digits = '', tail = ''] = NUMBERED.exec(spaced) ?? [];
  const item = Number(digits);
  if (base === '' || item < 1 || item > LIMITS.listItems) return undefined;
  const baseKey = keyFromSpaced(base);
  const tailKey = keyFromSpaced(tail);
  const multiField = MULTI_FIELD_BASES.get(baseKey);
  if (multiField !== undefined) {
    // "Phone 1 - Value", "E-mail 2 Address", "Phone 3"; the kind is read from the "Type" column.
    const part = tailKey === '' ? 'value' : ITEM_PARTS.get(tailKey);
    if (part === undefined) return undefined;
    const target: ColumnTarget = { kind: 'multiField', field: multiField, item, part };
    return isAvailable(target, writable) ? { target, matchedBy: 'synonym' } : 'unmapped';
  }
  if (ADDRESS_BASES.has(baseKey)) {
    // "Address 1 - City": a record has one address, so the first numbered one keeps each part.
    const part = vocabulary.byKey.get(tailKey === '' ? baseKey : tailKey);
    return part?.target.kind === 'address' ? part : undefined;
  }
  // "Business Phone 2", "Home Phone 2": one more item of the kind the header names.
  const named = vocabulary.byKey.get(baseKey);
  return tailKey === '' && named?.target.kind === 'multiField' && named.target.item === undefined ? named : undefined;
}

/**
 * Every header the vocabulary knows, for any entity type and any field, and headers known to have
 * no field: such a header that finds no target here is a word with another meaning ("Stage" in a
 * file of contacts), not a misspelling of one of this file's names ("State").
 */
function knownHeaderKeys(): ReadonlySet<string> {
  const names = [
    ...ENTITY_TYPES.flatMap((entityType) => listStandardFields(entityType).flatMap((field) => [field.code, ...Object.values(field.labels)])),
    ...HEADER_SYNONYMS.flatMap((synonym) => synonym.names),
    ...Object.values(CSV_PRESETS).flatMap((preset) => preset.columns.map((column) => column.header)),
    ...UNMAPPED_HEADERS,
  ];
  return new Set(names.map(headerKey));
}

interface NearMiss {
  readonly candidate: Candidate;
  readonly confidence: number;
}

function createNearMiss(names: Vocabulary['names']): (spaced: string) => NearMiss | undefined {
  const longest = Math.max(0, ...names.map((name) => name.text.length));
  // Bitap forgives a changed first letter as readily as any other, but people rarely mistype it
  // ("Date" is not "State", nor "Age" "Name", nor "Department" "Apartment"): a near-miss keeps its
  // name's first letter, so each search looks only at the names of that letter.
  const byFirstLetter = new Map<string, Fuse<Vocabulary['names'][number]>>();
  return (spaced) => {
    if (spaced.length < FUZZY_MIN_LENGTH || spaced.length * FUZZY_LENGTH_RATIO > longest) return undefined;
    const letter = spaced.charAt(0);
    let fuse = byFirstLetter.get(letter);
    if (fuse === undefined) {
      const sameLetter = names.filter((name) => name.text.startsWith(letter));
      fuse = new Fuse(sameLetter, { keys: ['text'], includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true, ignoreFieldNorm: true });
      byFirstLetter.set(letter, fuse);
    }
    for (const { item, score = 1 } of fuse.search(spaced)) {
      if (score > FUZZY_THRESHOLD) break;
      const ratio = Math.min(spaced.length, item.text.length) / Math.max(spaced.length, item.text.length);
      if (ratio < FUZZY_LENGTH_RATIO) continue;
      return { candidate: item.candidate, confidence: Math.min(FUZZY_MAX_CONFIDENCE, Math.round((1 - score) * 100) / 100) };
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// One column per target.

/** What a target fills that no other column may: `undefined` for targets that repeat. */
function claimOf(target: ColumnTarget): string | undefined {
  switch (target.kind) {
    case 'field':
      return `field ${target.field}`;
    case 'currency':
      return `currency ${target.field}`;
    case 'fullName':
      return 'fullName';
    case 'multiField':
      // A column of one kind adds one item of that kind, so it may repeat; a numbered item may not.
      return target.item === undefined ? undefined : `item ${target.field} ${target.item} ${target.part ?? 'value'}`;
    case 'address':
      return `address ${target.part}`;
    case 'reference':
    case 'ignore':
      return undefined;
  }
}

function isStronger(a: Mapped, b: Mapped): boolean {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  if (a.matchedBy !== b.matchedBy) return STRENGTH[a.matchedBy] > STRENGTH[b.matchedBy];
  return a.column < b.column;
}

function keepStrongestClaims(found: readonly Mapped[]): readonly Mapped[] {
  const winners = new Map<string, Mapped>();
  for (const mapped of found) {
    const claim = claimOf(mapped.target);
    if (claim === undefined) continue;
    const held = winners.get(claim);
    if (held === undefined || isStronger(mapped, held)) winners.set(claim, mapped);
  }
  return found.filter((mapped) => {
    const claim = claimOf(mapped.target);
    return claim === undefined || winners.get(claim) === mapped;
  });
}
