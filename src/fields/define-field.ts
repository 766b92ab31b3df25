import type { Issue, PathSegment, Result } from '../kernel/index.js';
import { fail, isCalendarDate, isCrmError, issue, ok, toInstant, ValidationError } from '../kernel/index.js';
import { MAX_PATTERN_TEXT_LENGTH, MAX_TEXT_LENGTH, valueSchema } from './_internal/value-schema.js';
import type { FieldDefinition } from './definition.js';
import { CUSTOM_FIELD_TYPES, LINK_TARGETS } from './definition.js';
import { checkPattern } from './_internal/safe-pattern.js';

/**
 * The shape every custom field code has: a lower-case slug of at most 63 characters.
 *
 * @example
 * ```ts
 * FIELD_CODE_PATTERN.test('vat_id'); //=> true
 * FIELD_CODE_PATTERN.test('VAT-ID'); //=> false
 * ```
 */
export const FIELD_CODE_PATTERN: RegExp = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Codes no custom field may take, because they name properties every JavaScript object has.
 *
 * @example
 * ```ts
 * RESERVED_FIELD_CODES.includes('constructor'); //=> true
 * ```
 */
export const RESERVED_FIELD_CODES: readonly string[] = /* @__PURE__ */ Object.freeze([
  '__proto__',
  'constructor',
  'prototype',
  'hasownproperty',
  'isprototypeof',
  'propertyisenumerable',
  'tostring',
  'tolocalestring',
  'valueof',
]);

const COMMON_KEYS = ['type', 'code', 'labels', 'multiple', 'required', 'requiredFromStage', 'visibility', 'sort', 'hidden'];
const TYPE_KEYS: Readonly<Record<FieldDefinition['type'], readonly string[]>> = {
  string: ['minLength', 'maxLength', 'pattern', 'multiline', 'default'],
  integer: ['min', 'max', 'default'],
  number: ['min', 'max', 'precision', 'default'],
  boolean: ['default'],
  date: ['default'],
  datetime: ['default'],
  enumeration: ['options', 'default'],
  money: ['default'],
  url: ['default'],
  email: ['default'],
  phone: ['default'],
  address: [],
  file: ['maxBytes', 'mediaTypes'],
  user: ['default'],
  link: ['targets'],
};
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const MEDIA_TYPE = /^[a-z]+\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/;

type Record_ = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record_ => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');

/**
 * Checks a custom field definition and returns it, or every problem found. Use it where a person
 * edits field settings; {@link defineField} is the throwing form for definitions in code.
 *
 * Checked: the code is a slug (`^[a-z][a-z0-9_]{0,62}$`) and not reserved; the type is known and
 * only its own settings are present; labels exist per language; `multiple` is never set for
 * `boolean`; lengths, bounds and precision are whole and ordered; a `pattern` is a valid regular
 * expression (JavaScript syntax with the `u` flag, at most 200 characters) that crm-kit's
 * linear-time matcher can run: no back-references or lookarounds, which need backtracking, and
 * repetition counts small enough that the matcher's program stays within 2,000 steps per character
 * (`(a+)+$` is fine: values are never matched by a backtracking engine); enumeration option ids
 * are unique; link targets are known; defaults are valid values of the field.
 *
 * @param definition - A candidate definition, from code or from a settings form.
 * @returns The definition (a frozen copy) or the issues, with paths into the definition. Codes:
 * `INVALID_FIELD_DEFINITION`, `RESERVED_CODE`, `UNSAFE_PATTERN`, `DUPLICATE_FIELD` (two options
 * with one id).
 *
 * @example
 * ```ts
 * checkField({ type: 'string', code: 'vat_id', labels: { en: 'VAT id' } }).success; //=> true
 * checkField({ type: 'string', code: 'constructor', labels: { en: 'x' } }).success; //=> false
 * checkField({ type: 'string', code: 'zip', labels: { en: 'ZIP' }, pattern: '\\d{5}(-\\d{4})?' }).success; //=> true
 * const echo = checkField({ type: 'string', code: 'echo', labels: { en: 'Echo' }, pattern: '(\\w+) \\1' });
 * echo.success ? [] : echo.issues.map((i) => i.code); //=> ['UNSAFE_PATTERN']
 * ```
 */
export function checkField(definition: unknown): Result<FieldDefinition> {
  const issues: Issue[] = [];
  const report = (code: Issue['code'], message: string, ...path: PathSegment[]): void => {
    issues.push(issue(code, message, path));
  };
  if (!isRecord(definition)) return fail(issue('INVALID_FIELD_DEFINITION', 'A field definition is an object.'));
  const type = definition.type;
  if (typeof type !== 'string' || !(CUSTOM_FIELD_TYPES as readonly string[]).includes(type)) {
    return fail(issue('INVALID_FIELD_DEFINITION', `Unknown field type; use one of ${CUSTOM_FIELD_TYPES.join(', ')}.`, ['type']));
  }
  const fieldType = type as FieldDefinition['type'];
  const allowed = new Set([...COMMON_KEYS, ...TYPE_KEYS[fieldType]]);
  for (const key of Object.keys(definition)) {
    if (!allowed.has(key)) report('INVALID_FIELD_DEFINITION', `A ${fieldType} field has no setting of this name.`, key);
  }

  const code = definition.code;
  if (typeof code !== 'string' || !FIELD_CODE_PATTERN.test(code)) {
    report('INVALID_FIELD_DEFINITION', 'A field code is a lower-case slug: a letter, then letters, digits or _ (63 at most).', 'code');
  } else if (RESERVED_FIELD_CODES.includes(code)) {
    report('RESERVED_CODE', 'This code is reserved: it names a property of every JavaScript object.', 'code');
  }
  checkLabels(definition.labels, report, 'labels');
  for (const flag of ['multiple', 'required', 'hidden'] as const) {
    if (definition[flag] !== undefined && typeof definition[flag] !== 'boolean') report('INVALID_FIELD_DEFINITION', 'Expected true or false.', flag);
  }
  if (fieldType === 'boolean' && definition.multiple === true) {
    report('INVALID_FIELD_DEFINITION', 'A boolean field cannot hold several values.', 'multiple');
  }
  if (definition.sort !== undefined && !Number.isFinite(definition.sort)) report('INVALID_FIELD_DEFINITION', 'A sort position is a finite number.', 'sort');
  checkRequiredFromStage(definition.requiredFromStage, report);
  checkVisibility(definition.visibility, report);
  checkTypeSettings(fieldType, definition, report);
  if (issues.length > 0) return fail(issues);

  const checked = frozenCopy(definition) as FieldDefinition;
  if (checked.type !== 'address' && checked.type !== 'file' && checked.type !== 'link' && checked.default !== undefined) {
    checkDefault(checked, report);
    if (issues.length > 0) return fail(issues);
  }
  return ok(checked);
}

/**
 * Checks a custom field definition and returns it frozen, or throws. For definitions written in
 * code; {@link checkField} returns the issues instead.
 *
 * @param definition - The definition.
 * @returns The same definition, checked and frozen.
 * @throws {@link ValidationError} `INVALID_FIELD_DEFINITION` whose `issues` list every problem
 * (see {@link checkField}).
 *
 * @example
 * ```ts
 * const tier = defineField({
 *   type: 'enumeration', code: 'tier', labels: { en: 'Tier', es: 'Nivel' },
 *   options: [{ id: 'gold', labels: { en: 'Gold' } }, { id: 'silver', labels: { en: 'Silver' } }],
 *   default: 'silver',
 * });
 * tier.code; //=> 'tier'
 * defineField({ type: 'boolean', code: 'vip', labels: { en: 'VIP' }, multiple: true }); // throws INVALID_FIELD_DEFINITION
 * ```
 */
export function defineField<D extends FieldDefinition>(definition: D): D {
  const result = checkField(definition);
  if (result.success) return result.data as D;
  // The message counts the problems; the issues carry their paths (which may hold the caller's keys).
  throw new ValidationError('INVALID_FIELD_DEFINITION', `Invalid field definition: ${result.issues.length} problem(s); see issues.`, {
    issues: result.issues,
  });
}

type Report = (code: Issue['code'], message: string, ...path: PathSegment[]) => void;

function checkLabels(labels: unknown, report: Report, ...path: PathSegment[]): void {
  if (!isRecord(labels) || Object.keys(labels).length === 0) {
    report('INVALID_FIELD_DEFINITION', 'Labels are an object with at least one language, such as { en: "Budget" }.', ...path);
    return;
  }
  for (const [language, label] of Object.entries(labels)) {
    if (!LANGUAGE_TAG.test(language)) report('INVALID_FIELD_DEFINITION', 'Labels are keyed by language tags such as en or pt-BR.', ...path, language);
    else if (typeof label !== 'string' || label.trim() === '' || label.length > 255) {
      report('INVALID_FIELD_DEFINITION', 'A label is non-empty text of at most 255 characters.', ...path, language);
    }
  }
}

function checkRequiredFromStage(rule: unknown, report: Report): void {
  if (rule === undefined) return;
  if (!isRecord(rule) || typeof rule.stageId !== 'string' || rule.stageId === '' || (rule.pipelineId !== undefined && typeof rule.pipelineId !== 'string')) {
    report('INVALID_FIELD_DEFINITION', 'requiredFromStage is { stageId, pipelineId? } with non-empty ids.', 'requiredFromStage');
  }
}

function checkVisibility(visibility: unknown, report: Report): void {
  if (visibility === undefined) return;
  if (!isRecord(visibility) || Object.keys(visibility).some((key) => key !== 'restrictedTo')) {
    // A misspelt restriction must never leave a field open to everyone.
    report('INVALID_FIELD_DEFINITION', 'visibility is { restrictedTo: { userIds?, departmentIds?, roleIds? } }.', 'visibility');
    return;
  }
  const restricted = visibility.restrictedTo;
  // A rule that restricts to nothing in particular is a mistake, never "everyone".
  if (!isRecord(restricted)) {
    report('INVALID_FIELD_DEFINITION', 'restrictedTo lists userIds, departmentIds and roleIds.', 'visibility', 'restrictedTo');
    return;
  }
  for (const key of Object.keys(restricted)) {
    const list = restricted[key];
    if (!['userIds', 'departmentIds', 'roleIds'].includes(key) || !isStringList(list)) {
      report('INVALID_FIELD_DEFINITION', 'restrictedTo holds lists of non-empty ids: userIds, departmentIds, roleIds.', 'visibility', 'restrictedTo', key);
    }
  }
}

function wholeOrUndefined(value: unknown, min: number): boolean {
  return value === undefined || (Number.isSafeInteger(value) && (value as number) >= min);
}

function checkTypeSettings(type: FieldDefinition['type'], definition: Record_, report: Report): void {
  switch (type) {
    case 'string': {
      const { minLength, maxLength, pattern, multiline } = definition;
      if (!wholeOrUndefined(minLength, 0)) report('INVALID_FIELD_DEFINITION', 'minLength is a whole number of at least 0.', 'minLength');
      if (!wholeOrUndefined(maxLength, 1) || (typeof maxLength === 'number' && maxLength > MAX_TEXT_LENGTH)) {
        report('INVALID_FIELD_DEFINITION', `maxLength is a whole number from 1 to ${MAX_TEXT_LENGTH}.`, 'maxLength');
      }
      if (typeof minLength === 'number' && typeof maxLength === 'number' && minLength > maxLength) {
        report('INVALID_FIELD_DEFINITION', 'minLength is above maxLength.', 'minLength');
      }
      if (multiline !== undefined && typeof multiline !== 'boolean') report('INVALID_FIELD_DEFINITION', 'Expected true or false.', 'multiline');
      if (pattern !== undefined) {
        const checked = typeof pattern === 'string' ? checkPattern(pattern, MAX_PATTERN_TEXT_LENGTH) : { ok: false, code: 'INVALID_FIELD_DEFINITION', reason: 'is not text' } as const;
        if (!checked.ok) report(checked.code, `The pattern ${checked.reason}.`, 'pattern');
        if (typeof maxLength === 'number' && maxLength > MAX_PATTERN_TEXT_LENGTH) {
          report('INVALID_FIELD_DEFINITION', `A field with a pattern holds at most ${MAX_PATTERN_TEXT_LENGTH} characters.`, 'maxLength');
        }
      }
      return;
    }
    case 'integer':
    case 'number': {
      const { min, max } = definition;
      const valid = (value: unknown): boolean =>
        value === undefined || (type === 'integer' ? Number.isSafeInteger(value) : Number.isFinite(value));
      if (!valid(min)) report('INVALID_FIELD_DEFINITION', `min is a ${type === 'integer' ? 'safe whole' : 'finite'} number.`, 'min');
      if (!valid(max)) report('INVALID_FIELD_DEFINITION', `max is a ${type === 'integer' ? 'safe whole' : 'finite'} number.`, 'max');
      if (typeof min === 'number' && typeof max === 'number' && min > max) report('INVALID_FIELD_DEFINITION', 'min is above max.', 'min');
      if (type === 'number' && (!wholeOrUndefined(definition.precision, 0) || (definition.precision as number) > 15)) {
        report('INVALID_FIELD_DEFINITION', 'precision is a whole number of decimals from 0 to 15.', 'precision');
      }
      return;
    }
    case 'enumeration': {
      const options = definition.options;
      if (!Array.isArray(options) || options.length === 0) {
        report('INVALID_FIELD_DEFINITION', 'An enumeration needs at least one option.', 'options');
        return;
      }
      const seen = new Set<string>();
      options.forEach((option: unknown, index) => {
        if (!isRecord(option) || typeof option.id !== 'string' || option.id === '' || option.id.length > 64) {
          report('INVALID_FIELD_DEFINITION', 'An option has an id of 1 to 64 characters.', 'options', index, 'id');
          return;
        }
        if (seen.has(option.id)) report('DUPLICATE_FIELD', 'Two options share this id.', 'options', index, 'id');
        seen.add(option.id);
        checkLabels(option.labels, report, 'options', index, 'labels');
        if (option.sort !== undefined && !Number.isFinite(option.sort)) report('INVALID_FIELD_DEFINITION', 'A sort position is a finite number.', 'options', index, 'sort');
        for (const key of Object.keys(option)) {
          if (!['id', 'labels', 'sort'].includes(key)) report('INVALID_FIELD_DEFINITION', 'An option has only id, labels and sort.', 'options', index, key);
        }
      });
      return;
    }
    case 'file': {
      if (!wholeOrUndefined(definition.maxBytes, 1)) report('INVALID_FIELD_DEFINITION', 'maxBytes is a whole number of at least 1.', 'maxBytes');
      const mediaTypes = definition.mediaTypes;
      if (mediaTypes !== undefined && (!isStringList(mediaTypes) || !mediaTypes.every((m) => MEDIA_TYPE.test(m)))) {
        report('INVALID_FIELD_DEFINITION', 'mediaTypes lists types such as application/pdf or image/*.', 'mediaTypes');
      }
      return;
    }
    case 'link': {
      const targets = definition.targets;
      if (
        !Array.isArray(targets) ||
        targets.length === 0 ||
        !targets.every((t) => (LINK_TARGETS as readonly unknown[]).includes(t)) ||
        new Set(targets).size !== targets.length
      ) {
        report('INVALID_FIELD_DEFINITION', `targets lists distinct entity types among ${LINK_TARGETS.join(', ')}.`, 'targets');
      }
      return;
    }
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'money':
    case 'url':
    case 'email':
    case 'phone':
    case 'address':
    case 'user':
      return;
  }
}

function checkDefault(definition: Exclude<FieldDefinition, { type: 'address' | 'file' | 'link' }>, report: Report): void {
  const value: unknown = definition.default;
  if (definition.type === 'datetime') {
    if (value !== 'now' && !isInstantText(value)) {
      report('INVALID_FIELD_DEFINITION', 'A datetime default is "now" or an ISO 8601 instant with a time zone.', 'default');
    }
    return;
  }
  if (definition.type === 'date' && !isCalendarDate(value)) {
    report('INVALID_FIELD_DEFINITION', 'A date default is written YYYY-MM-DD.', 'default');
    return;
  }
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (Array.isArray(value) && definition.multiple !== true) {
    report('INVALID_FIELD_DEFINITION', 'Only a multiple field has a list as its default.', 'default');
    return;
  }
  if (new Set(values).size !== values.length) {
    report('INVALID_FIELD_DEFINITION', 'A default list names each value once.', 'default');
    return;
  }
  const schema = valueSchema(definition);
  values.forEach((item, index) => {
    if (!schema.safeParse(item).success) {
      report('INVALID_FIELD_DEFINITION', 'The default is not a valid value of this field.', ...(Array.isArray(value) ? ['default', index] : ['default']));
    }
  });
}

function isInstantText(value: unknown): boolean {
  try {
    return typeof value === 'string' && toInstant(value) instanceof Date;
  } catch (error) {
    if (isCrmError(error)) return false;
    throw error;
  }
}

// Definitions are plain JSON-like data: copy them so that later changes by the caller change nothing.
function frozenCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) Object.defineProperty(copy, key, { value: frozenCopy(inner), enumerable: true });
  return Object.freeze(copy);
}
