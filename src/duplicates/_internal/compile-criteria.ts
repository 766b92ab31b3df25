import type { FieldRegistry } from '../../fields/index.js';
import { listStandardFields } from '../../fields/index.js';
import type { Issue } from '../../kernel/index.js';
import { issue, ValidationError } from '../../kernel/index.js';
import type { Comparator, DuplicateCriterion, DuplicateEntityType } from '../criteria.js';
import { COMPARATORS, DEFAULT_DUPLICATE_CRITERIA, DUPLICATE_ENTITY_TYPES } from '../criteria.js';
import type { Rule } from './comparators.js';
import { RULES } from './comparators.js';

type Bag = Readonly<Record<string, unknown>>;

/** How a field's value is read into the list of values a comparator prepares. */
type Shape = 'scalar' | 'multi' | 'list' | 'name' | 'address-part';

/** One compiled criterion: where it reads, how it compares, and how its keys and explanations name it. */
export interface CompiledCriterion {
  /** The name explanations and keys use: `'phones'`, `'custom.ssn'`, `'address.city'`. */
  readonly field: string;
  readonly comparator: Exclude<Comparator, 'address'>;
  readonly rule: Rule;
  /** The values of a record, or an issue when the field holds something of the wrong shape. */
  read(record: Bag): readonly unknown[] | Issue;
}

const ADDRESS_PARTS = [
  ['street', 'text'],
  ['city', 'text'],
  ['postalCode', 'text'],
  ['region', 'text'],
  ['countryCode', 'exact'],
] as const;

const PERSON_NAME_FIELDS = new Set(['firstName', 'secondName', 'lastName']);
const TITLE_FIELDS: Readonly<Record<string, string>> = { lead: 'companyTitle', company: 'title' };
const MULTI_FIELD_COMPARATORS: Readonly<Record<string, Comparator>> = { phones: 'phone', emails: 'email', websites: 'exact', messengers: 'exact' };

function bad(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

/** The comparator a field type calls for. */
function comparatorOfType(type: string): Comparator {
  switch (type) {
    case 'string':
    case 'text':
      return 'text';
    case 'date':
    case 'datetime':
      return 'date';
    case 'integer':
    case 'number':
    case 'money':
      return 'number';
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'address':
      return 'address';
    default:
      return 'exact';
  }
}

/**
 * The criteria of a scan or a check, compiled: the given ones (or the entity type's defaults), each
 * with its comparator (given, or chosen by the field's type), an address expanded into one
 * criterion per part.
 */
export function compileCriteria(entityType: unknown, given: unknown, registry: FieldRegistry | undefined): CompiledCriterion[] {
  if (!(DUPLICATE_ENTITY_TYPES as readonly unknown[]).includes(entityType)) throw bad(`entityType is one of ${DUPLICATE_ENTITY_TYPES.join(', ')}.`);
  const type = entityType as DuplicateEntityType;
  if (registry !== undefined && registry.entityType !== type) throw bad('The field registry is of another entity type.');
  const criteria = given ?? DEFAULT_DUPLICATE_CRITERIA[type];
  if (!Array.isArray(criteria) || criteria.length === 0) throw bad('criteria is a non-empty list of { field, comparator? }.');
  const compiled: CompiledCriterion[] = [];
  for (const criterion of criteria as readonly unknown[]) {
    if (typeof criterion !== 'object' || criterion === null) throw bad('Each criterion is { field, comparator? }.');
    const { field, comparator } = criterion as Partial<DuplicateCriterion>;
    if (typeof field !== 'string' || field === '') throw bad('Each criterion names a field.');
    if (comparator !== undefined && !(COMPARATORS as readonly unknown[]).includes(comparator)) throw bad(`A comparator is one of ${COMPARATORS.join(', ')}.`);
    compiled.push(...compileOne(type, field, comparator, registry));
  }
  const fields = compiled.map((criterion) => criterion.field);
  if (new Set(fields).size !== fields.length) throw bad('A field is compared twice.');
  if (compiled.length > 13) throw bad('At most 13 criteria (an address counts as five) are compared.');
  return compiled;
}

function compileOne(entityType: DuplicateEntityType, field: string, given: Comparator | undefined, registry: FieldRegistry | undefined): CompiledCriterion[] {
  if (field === 'name') {
    if (entityType !== 'lead' && entityType !== 'contact') throw bad('Only leads and contacts have a person name.');
    return [criterion('name', given ?? 'personName', 'name', (record) => [{ first: record.firstName, second: record.secondName, last: record.lastName }])];
  }
  if (field.startsWith('custom.')) return compileCustom(field, given, registry);
  const standard = listStandardFields(entityType).find((definition) => definition.code === field);
  if (standard === undefined || field === 'custom') throw bad('A criterion names a field this entity type does not have.');
  const comparator =
    given ??
    (PERSON_NAME_FIELDS.has(field)
      ? 'personName'
      : TITLE_FIELDS[entityType] === field
        ? 'companyTitle'
        : (MULTI_FIELD_COMPARATORS[field] ?? comparatorOfType(standard.type)));
  if (comparator === 'address' || standard.type === 'address') return addressParts(field, comparator, (record) => record[field]);
  const shape: Shape = standard.type === 'multifield' ? 'multi' : standard.type === 'links' ? 'list' : 'scalar';
  return [criterion(field, comparator, shape, (record) => record[field])];
}

function compileCustom(field: string, given: Comparator | undefined, registry: FieldRegistry | undefined): CompiledCriterion[] {
  const code = field.slice('custom.'.length);
  const definition = registry?.customFields.find((candidate) => candidate.code === code);
  if (registry !== undefined && definition === undefined) throw bad('A criterion names a custom field the registry does not have.');
  if (definition === undefined && given === undefined) throw bad('A custom field is compared with the comparator given, or the one its type in the field registry calls for.');
  const comparator = given ?? comparatorOfType((definition as { type: string }).type);
  const read = (record: Bag): unknown => {
    const custom = record.custom;
    return typeof custom === 'object' && custom !== null && Object.hasOwn(custom, code) ? (custom as Bag)[code] : undefined;
  };
  if (comparator === 'address') return addressParts(field, comparator, read);
  return [criterion(field, comparator, 'list', read)];
}

function addressParts(field: string, comparator: Comparator, read: (record: Bag) => unknown): CompiledCriterion[] {
  if (comparator !== 'address') throw bad('An address is compared with the address comparator.');
  return ADDRESS_PARTS.map(([part, partComparator]) =>
    criterion(`${field}.${part}`, partComparator, 'address-part', (record) => {
      const address = read(record);
      if (address === undefined || address === null) return undefined;
      if (typeof address !== 'object' || Array.isArray(address)) return INVALID;
      return (address as Bag)[part];
    }),
  );
}

// What a reader answers for a value of the wrong shape.
const INVALID: unique symbol = Symbol('invalid');

function criterion(field: string, comparator: Comparator, shape: Shape, read: (record: Bag) => unknown): CompiledCriterion {
  if (comparator === 'address') throw bad('An address is compared with the address comparator.');
  const path = field.split('.');
  const wrong = (): Issue => issue('INVALID_VALUE', 'This value cannot be compared.', path);
  return {
    field,
    comparator,
    rule: RULES[comparator],
    read(record) {
      const value = read(record);
      if (value === INVALID) return wrong();
      if (value === undefined || value === null) return [];
      switch (shape) {
        case 'name':
          return (value as readonly unknown[]).every((part) => isNamePart(part)) ? (value as readonly unknown[]) : wrong();
        case 'multi':
          if (!Array.isArray(value)) return wrong();
          return multiValues(value) ?? wrong();
        case 'list':
          if (Array.isArray(value)) return value.every(isScalar) ? value : wrong();
          return isScalar(value) || isMoney(value) ? [value] : wrong();
        default:
          return isScalar(value) || isMoney(value) ? [value] : wrong();
      }
    },
  };
}

// The parts the name reader makes: each absent or text.
function isNamePart(part: unknown): boolean {
  if (typeof part !== 'object' || part === null) return false;
  const { first, second, last } = part as { first?: unknown; second?: unknown; last?: unknown };
  return isNameText(first) && isNameText(second) && isNameText(last);
}

function isNameText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || value instanceof Date;
}

function isMoney(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { amount?: unknown }).amount === 'string';
}

function multiValues(list: readonly unknown[]): unknown[] | undefined {
  const out: unknown[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return undefined;
    const value = (item as { value?: unknown }).value;
    if (typeof value !== 'string') return undefined;
    out.push(value);
  }
  return out;
}
