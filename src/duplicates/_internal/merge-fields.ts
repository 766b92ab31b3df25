// What a merge decides, field by field, for one entity type: derived from the standard field
// tables and the custom fields of the registry. System fields are never decided on their own; a
// few fields only make sense together (a deal's stage and pipeline, its amount and product rows)
// and are decided as one.
import type { EntityType, FieldDefinition, FieldRegistry, StandardField } from '../../fields/index.js';
import { STANDARD_FIELDS } from '../../fields/index.js';
import { normaliseEmail } from '../normalise-email.js';
import { normalisePhone } from '../normalise-phone.js';
import { phoneExtension } from './phone.js';

type Bag = Readonly<Record<string, unknown>>;

/** How the items of a united list are told apart. */
export type UnionKind = 'phones' | 'emails' | 'texts' | 'ids' | 'records' | 'values';

/**
 * One thing a merge decides: a field, or fields decided together (the first compared one says
 * whether a record has a value). Codes are standard codes or `custom.<code>`.
 */
export interface MergeField {
  /** How choices, decisions and conflicts name it: its first compared code. */
  readonly name: string;
  readonly compared: readonly string[];
  /** Fields that follow the compared ones from the same record (a stage's `closedAt`, `movedAt`). */
  readonly carried: readonly string[];
  /** For lists whose items are united: how items are told apart. */
  readonly union: UnionKind | undefined;
  /** The comparison form of one value (of a compared field) or of one item (of a united list). */
  readonly key: (value: unknown) => string;
  /** Entity types a link in it may point to (for relinking values that point at a merged record). */
  readonly targets: readonly string[];
  /** `link` (an id), `links` (ids), `record` / `records` (`{ entityType, id }`): how a link is held. */
  readonly linkShape: LinkShape | undefined;
}

export type LinkShape = 'link' | 'links' | 'record' | 'records' | 'items';

/** Fields decided together, per entity type: the compared ones, then those that follow. */
const GROUPS: Partial<Record<EntityType, readonly { readonly compared: readonly string[]; readonly carried: readonly string[] }[]>> = {
  deal: [
    // A stage belongs to its pipeline, a loss reason to a failed stage; closing follows the stage.
    { compared: ['stageId', 'pipelineId', 'lossReasonId'], carried: ['closed', 'closedAt', 'movedAt', 'movedById'] },
    // The amount follows the product rows unless typed by hand.
    { compared: ['amount', 'taxAmount', 'productRows'], carried: ['amountIsManual'] },
    { compared: ['probability'], carried: ['probabilityIsManual'] },
  ],
  lead: [{ compared: ['status'], carried: ['movedAt', 'movedById', 'convertedAt'] }],
};

/** Text in comparison form: case, surrounding spaces and one trailing dot do not count. */
export function textKey(text: string): string {
  return text.trim().replace(/\.$/u, '').trimEnd().toLowerCase();
}

/**
 * A value in comparison form, as text: strings folded by {@link textKey} when `fold`, dates by
 * their instant, objects by their keys in order, `undefined` members left out.
 */
export function canonical(value: unknown, fold: boolean): string {
  if (typeof value === 'string') return JSON.stringify(fold ? textKey(value) : value);
  if (value instanceof Date) return `@${String(value.getTime())}`;
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, fold)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value)
      .filter((key) => (value as Bag)[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Bag)[key], fold)}`).join(',')}}`;
  }
  return String(value);
}

const exactKey = (value: unknown): string => canonical(value, false);
const foldedKey = (value: unknown): string => canonical(value, true);

function phoneKey(region: string | undefined): (value: unknown) => string {
  return (value) => {
    const text = typeof value === 'object' && value !== null ? (value as Bag).value : value;
    if (typeof text !== 'string') return foldedKey(value);
    const number = normalisePhone(text, { defaultRegion: region });
    // Two extensions of one switchboard are two lines: both are kept.
    return number === undefined ? foldedKey(text) : `tel:${number};${phoneExtension(text)}`;
  };
}

function emailKey(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? (value as Bag).value : value;
  if (typeof text !== 'string') return foldedKey(value);
  return `mailto:${normaliseEmail(text) ?? textKey(text)}`;
}

function multiKey(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? (value as Bag).value : value;
  return typeof text === 'string' ? foldedKey(text) : foldedKey(value);
}

function recordKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return exactKey(value);
  return `${String((value as Bag).entityType)}\u0000${String((value as Bag).id)}`;
}

/** Types whose values are identifiers: compared as they are, case included. */
const EXACT_TYPES: ReadonlySet<string> = new Set(['id', 'enumeration', 'user', 'link', 'links', 'stage', 'pipeline', 'file', 'product-rows', 'bindings']);

function keyOfType(type: string, region: string | undefined): (value: unknown) => string {
  if (type === 'phone') return phoneKey(region);
  if (type === 'email') return emailKey;
  if (type === 'link') return recordKey;
  return EXACT_TYPES.has(type) ? exactKey : foldedKey;
}

function standardField(field: StandardField, region: string | undefined): MergeField {
  const { code, type } = field;
  const targets = field.targets ?? [];
  const base = { name: code, compared: [code], carried: [], targets };
  switch (type) {
    case 'multifield': {
      const [union, key]: [UnionKind, (value: unknown) => string] =
        code === 'phones' ? ['phones', phoneKey(region)] : code === 'emails' ? ['emails', emailKey] : ['texts', multiKey];
      return { ...base, union, key, linkShape: undefined };
    }
    case 'links':
      return { ...base, union: 'ids', key: exactKey, linkShape: 'links' };
    case 'bindings':
      return { ...base, union: 'records', key: recordKey, linkShape: 'records' };
    case 'link':
      return { ...base, union: undefined, key: exactKey, linkShape: 'link' };
    default:
      return { ...base, union: undefined, key: keyOfType(type, region), linkShape: undefined };
  }
}

function customField(definition: FieldDefinition, region: string | undefined): MergeField {
  const key = keyOfType(definition.type, region);
  const name = `custom.${definition.code}`;
  const targets: readonly string[] = definition.type === 'link' ? definition.targets : [];
  const multiple = definition.multiple === true;
  return {
    name,
    compared: [name],
    carried: [],
    union: multiple ? (definition.type === 'link' ? 'records' : 'values') : undefined,
    key,
    targets,
    linkShape: definition.type === 'link' ? (multiple ? 'records' : 'record') : undefined,
  };
}

/**
 * The fields a merge of `entityType` decides, in display order: standard fields but system ones
 * (and `id` and `custom`), fields decided together as one, then the registry's custom fields.
 */
export function mergeFieldsOf(entityType: EntityType, registry: FieldRegistry, region: string | undefined): readonly MergeField[] {
  const groups = GROUPS[entityType] ?? [];
  const grouped = new Set(groups.flatMap((group) => [...group.compared, ...group.carried]));
  const standard = STANDARD_FIELDS[entityType];
  const out: MergeField[] = [];
  for (const field of standard) {
    const group = groups.find((candidate) => candidate.compared[0] === field.code);
    if (group !== undefined) {
      const keys = group.compared.map((code) => {
        const member = standard.find((candidate) => candidate.code === code);
        return member === undefined ? exactKey : standardField(member, region).key;
      });
      out.push({
        name: field.code,
        compared: group.compared,
        carried: group.carried,
        union: undefined,
        // A group's form is the form of each compared value, in order; the caller reads them one by one.
        key: (value) => (Array.isArray(value) ? value.map((one, n) => (keys[n] ?? exactKey)(one)).join('\u0001') : exactKey(value)),
        targets: [],
        linkShape: undefined,
      });
      continue;
    }
    if (grouped.has(field.code) || field.system || field.type === 'id' || field.type === 'custom') continue;
    out.push(standardField(field, region));
  }
  for (const definition of registry.customFields) out.push(customField(definition, region));
  return out;
}

/** The field of `fields` a code belongs to (a member of a group names the group), if any. */
export function fieldNamed(fields: readonly MergeField[], code: string): MergeField | undefined {
  return fields.find((field) => field.compared.includes(code) || field.carried.includes(code));
}

/** The value of a field code (`custom.<code>` reads the custom bag) of a record. */
export function readField(record: Bag, code: string): unknown {
  if (code.startsWith('custom.')) {
    const custom = record.custom;
    const name = code.slice('custom.'.length);
    return typeof custom === 'object' && custom !== null && Object.hasOwn(custom, name) ? (custom as Bag)[name] : undefined;
  }
  return Object.hasOwn(record, code) ? record[code] : undefined;
}
