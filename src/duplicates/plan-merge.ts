import type { EntityRecord } from '../entities/index.js';
import { validateEntity } from '../entities/index.js';
import type { EntityType, FieldRegistry } from '../fields/index.js';
import { isEntityType, STANDARD_FIELDS, toFieldRegistry } from '../fields/index.js';
import type { Issue, PathSegment, Result } from '../kernel/index.js';
import { fail, invalidArgument, isEmptyValue, isPlainRecord, isSealed, issue, ok, putData, sealPlain, snapshotInput } from '../kernel/index.js';
import type { DuplicateEntityType } from './criteria.js';
import { DUPLICATE_ENTITY_TYPES } from './criteria.js';
import { normalisePhone } from './normalise-phone.js';
import type { MergeField } from './_internal/merge-fields.js';
import { fieldNamed, mergeFieldsOf, readField } from './_internal/merge-fields.js';
import { linkSlotsTo, relinked, WRONG_SHAPE } from './_internal/relink.js';

type Bag = Readonly<Record<string, unknown>>;

/**
 * The policies that decide the fields a person has not chosen (DOMAIN.md, "Duplicates and
 * merging"): `survivorWins` keeps the survivor's value and fills its gaps from the merged records,
 * in the order given; `mostRecent` takes the value of the most recently updated record that has one.
 *
 * @example
 * ```ts
 * MERGE_POLICIES; //=> ['survivorWins', 'mostRecent']
 * ```
 */
export const MERGE_POLICIES: readonly ['survivorWins', 'mostRecent'] = ['survivorWins', 'mostRecent'];

/** One of {@link MERGE_POLICIES}. */
export type MergePolicy = (typeof MERGE_POLICIES)[number];

/**
 * Why a field of the survivor has the value it will have: the person `choice`, the `policy`, the
 * lists `union`, a gap `fill`ed (the survivor had no value and one merged record did, or a
 * `survivorWins` policy filled it), or the values were the `same` (equal but for case, surrounding
 * spaces or a trailing dot).
 */
export type MergeReason = 'choice' | 'policy' | 'union' | 'fill' | 'same';

/**
 * A record that links to a merged record (a deal of a merged contact, an activity bound to it), as
 * stored, with its entity type.
 */
export type MergeChild = { readonly [T in EntityType]: { readonly entityType: T; readonly record: EntityRecord<T> } }[EntityType];

/**
 * What {@link planMerge} merges and how.
 *
 * - `survivor`, `absorbed`: stored records of `entityType`; the absorbed ones (at least one, each
 *   once, none the survivor) are merged into the survivor and then removed.
 * - `fields`: the entity type's field registry (custom field types, `multiple`, link targets).
 * - `choices`: whose value a field takes, by field code (`'custom.<code>'` for custom fields; any
 *   field of a group decided together names the group) → record id.
 * - `policy`: decides what the person has not chosen; without one, differing values are conflicts.
 * - `children`: records of any entity type that may link to a merged record; those that do are
 *   relinked to the survivor.
 * - `childFields`: the registries of the children's entity types, so that their custom `link`
 *   fields are relinked too (standard link fields need nothing).
 * - `hidden`: codes of fields the person merging may not see (`'custom.<code>'`), for instance the
 *   custom fields `listVisibleFields` leaves out.
 * - `defaultRegion`: the region national phone numbers belong to, to tell numbers apart.
 */
export interface MergeRequest<E extends DuplicateEntityType = DuplicateEntityType> {
  readonly entityType: E;
  readonly survivor: EntityRecord<E>;
  readonly absorbed: readonly EntityRecord<E>[];
  readonly fields: FieldRegistry<E>;
  readonly choices?: Readonly<Record<string, string>> | undefined;
  readonly policy?: MergePolicy | undefined;
  readonly children?: readonly MergeChild[] | undefined;
  readonly childFields?: { readonly [T in EntityType]?: FieldRegistry<T> | undefined } | undefined;
  readonly hidden?: ReadonlySet<string> | readonly string[] | undefined;
  readonly defaultRegion?: string | undefined;
}

/**
 * Field values to write on a record, in patch form (as `planSystemUpdate` takes them): standard
 * fields by code, custom ones in `custom` by code; `null` clears a value.
 */
export interface MergeChanges {
  readonly [field: string]: unknown;
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * How one field of the survivor was decided: the field (a group decided together lists its
 * compared fields in `fields`), why, the records the value comes from, and the value (`null` for
 * none; for a group, an object of its compared fields).
 */
export interface MergeDecision {
  readonly field: string;
  readonly fields: readonly string[];
  readonly reason: MergeReason;
  readonly recordIds: readonly string[];
  readonly value: unknown;
}

/** One value a conflict offers, and the records that hold it (equal but for case and the like). */
export interface MergeCandidate {
  readonly recordIds: readonly string[];
  readonly value: unknown;
}

/** A field with differing values that nothing decided: the person chooses one of the candidates. */
export interface MergeConflict {
  readonly field: string;
  readonly fields: readonly string[];
  readonly candidates: readonly MergeCandidate[];
}

/** One link field of a child record moved from merged records to the survivor. */
export interface MergeChildUpdate {
  readonly entityType: EntityType;
  readonly id: string;
  /** The child's version the update was planned against. */
  readonly expectedVersion: number;
  /** A standard code or `custom.<code>`. */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A link field of a child record as it was before the merge. */
export interface MergeChildRestore {
  readonly entityType: EntityType;
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
}

/**
 * What puts everything back: the survivor's previous values of the fields the merge changes
 * (patch form, `null` where it had none), the merged records as they were, and each relinked
 * child field's previous value.
 */
export interface MergeUndo<E extends DuplicateEntityType = DuplicateEntityType> {
  readonly survivor: MergeChanges;
  readonly absorbed: readonly EntityRecord<E>[];
  readonly children: readonly MergeChildRestore[];
}

/**
 * A merge, planned: plain frozen data.
 *
 * - The preview a person may be shown: `decisions` and `conflicts`. They never hold a field in
 *   `hidden` (nor its value); `hiddenConflicts` counts the hidden fields whose values differed,
 *   which kept the survivor's value (or the first merged record's, filling a gap).
 * - What the application layer writes: `changes` on the survivor (`changed` lists the fields,
 *   custom ones as `custom.<code>`), `childUpdates`, and the removal of `absorbedIds`. These hold
 *   hidden values and are not for showing.
 * - `undo`: what restores the records exactly.
 *
 * A plan with `conflicts` is not complete ({@link isMergePlanComplete}): its survivor keeps its own
 * value in each conflicting field until a choice or a policy decides it.
 */
export interface MergePlan<E extends DuplicateEntityType = DuplicateEntityType> {
  readonly entityType: E;
  readonly survivorId: string;
  readonly survivorVersion: number;
  readonly absorbedIds: readonly string[];
  readonly changes: MergeChanges;
  readonly changed: readonly string[];
  readonly decisions: readonly MergeDecision[];
  readonly conflicts: readonly MergeConflict[];
  readonly hiddenConflicts: number;
  readonly childUpdates: readonly MergeChildUpdate[];
  readonly undo: MergeUndo<E>;
}

const REQUEST_KEYS: ReadonlySet<string> = new Set(['entityType', 'survivor', 'absorbed', 'fields', 'choices', 'policy', 'children', 'childFields', 'hidden', 'defaultRegion']);

// One data-only copy of a record from outside; sealed data (a stored record) is kept as it is.
function plainRecord(value: unknown, what: string): Bag {
  const copy = isSealed(value) ? value : snapshotInput(value, what);
  if (
    !isPlainRecord(copy) ||
    typeof copy.id !== 'string' ||
    copy.id === '' ||
    !Number.isSafeInteger(copy.version) ||
    !isPlainRecord(copy.custom) ||
    !(copy.updatedAt instanceof Date)
  ) {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument(`${what} is a stored record: a plain object with an id, a version, updatedAt and custom values.`);
  }
  return copy;
}

function readHidden(hidden: unknown): ReadonlySet<string> {
  if (hidden === undefined) return new Set();
  const codes: unknown[] = hidden instanceof Set ? [...(hidden as ReadonlySet<unknown>)] : Array.isArray(hidden) ? [...(hidden as readonly unknown[])] : [undefined];
  // Stryker disable next-line StringLiteral: message text
  if (!codes.every((code) => typeof code === 'string')) throw invalidArgument('hidden is a set (or a list) of field codes.');
  return new Set(codes);
}

function readChoices(choices: unknown): Bag {
  if (choices === undefined) return {};
  const copy: unknown = isSealed(choices) ? choices : snapshotInput(choices, 'The choices');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(copy) || Object.values(copy).some((id) => typeof id !== 'string')) throw invalidArgument('choices maps field codes to record ids.');
  return copy;
}

interface Child {
  readonly entityType: EntityType;
  readonly record: Bag;
}

function readChildren(children: unknown): readonly Child[] {
  if (children === undefined) return [];
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(children)) throw invalidArgument('children is a list of { entityType, record }.');
  return (children as readonly unknown[]).map((child, n) => {
    // Stryker disable next-line StringLiteral: message text
    if (!isPlainRecord(child) || !isEntityType(child.entityType)) throw invalidArgument(`children[${n}] is { entityType, record } with one of the entity types.`);
    return { entityType: child.entityType, record: plainRecord(child.record, `children[${n}].record`) };
  });
}

function readChildFields(childFields: unknown): Partial<Record<EntityType, FieldRegistry>> {
  if (childFields === undefined) return {};
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(childFields)) throw invalidArgument('childFields maps entity types to their field registries.');
  const out: Partial<Record<EntityType, FieldRegistry>> = {};
  for (const [entityType, registry] of Object.entries(childFields)) {
    if (registry === undefined) continue;
    const checked = toFieldRegistry(registry);
    // Stryker disable next-line StringLiteral: message text
    if (!isEntityType(entityType) || checked.entityType !== entityType) throw invalidArgument('childFields maps each entity type to its own field registry.');
    out[entityType] = checked;
  }
  return out;
}

function readRegion(region: unknown): string | undefined {
  if (region === undefined) return undefined;
  // Stryker disable next-line StringLiteral: message text
  if (typeof region !== 'string' || !/^[A-Z]{2}$/.test(region)) throw invalidArgument('defaultRegion is a two-letter region code such as ES.');
  // An unknown region fails here, not in the middle of the plan.
  normalisePhone('0', { defaultRegion: region });
  return region;
}

/** Whether two values are the same data: dates by their instant, lists and objects by their contents. */
function sameData(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a ?? null, b ?? null);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a).filter((key) => (a as Bag)[key] !== undefined);
  return keys.length === Object.keys(b).filter((key) => (b as Bag)[key] !== undefined).length && keys.every((key) => sameData((a as Bag)[key], (b as Bag)[key]));
}

/** A patch-form bag of field codes (custom ones as `custom.<code>`) and values. */
function toChanges(entries: ReadonlyMap<string, unknown>): MergeChanges {
  const out: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  let count = 0;
  let customCount = 0;
  for (const [code, value] of entries) {
    if (code.startsWith('custom.')) putData(custom, code.slice('custom.'.length), value, customCount++);
    else putData(out, code, value, count++);
  }
  if (customCount > 0) putData(out, 'custom', custom, count);
  return out;
}

interface Decided {
  readonly decisions: MergeDecision[];
  readonly conflicts: MergeConflict[];
  hiddenConflicts: number;
  /** The survivor's new value (`null` for none) of each field the merge changes, and its old one. */
  readonly next: Map<string, unknown>;
  readonly previous: Map<string, unknown>;
}

function setField(decided: Decided, survivor: Bag, code: string, value: unknown): void {
  const before = readField(survivor, code);
  if (sameData(before, value)) {
    decided.next.delete(code);
    decided.previous.delete(code);
    return;
  }
  decided.next.set(code, value ?? null);
  decided.previous.set(code, before ?? null);
}

// The records' values of a list field, united without repeats: the survivor's list as it is, then
// each merged record's items that it does not hold yet, in order.
function decideUnion(field: MergeField, records: readonly Bag[], hidden: boolean, decided: Decided): void {
  const [survivor] = records as readonly [Bag, ...Bag[]];
  const code = field.name;
  const lists = records.map((record) => readField(record, code));
  const holders = records.filter((_, n) => !isEmptyValue(lists[n]));
  if (!lists.slice(1).some((list) => !isEmptyValue(list))) return;
  const own: readonly unknown[] = Array.isArray(lists[0]) ? (lists[0] as readonly unknown[]) : [];
  const seen = new Set<string>(own.map((item) => field.key(item)));
  const united: unknown[] = [...own];
  for (const list of lists.slice(1)) {
    if (!Array.isArray(list)) continue;
    for (const item of list as readonly unknown[]) {
      const key = field.key(item);
      if (seen.has(key)) continue;
      seen.add(key);
      united.push(item);
    }
  }
  setField(decided, survivor, code, united);
  if (!hidden) decided.decisions.push({ field: code, fields: field.compared, reason: 'union', recordIds: holders.map((record) => record.id as string), value: united });
}

function shown(field: MergeField, record: Bag): unknown {
  if (field.compared.length === 1) return readField(record, field.name) ?? null;
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const code of field.compared) {
    const value = readField(record, code);
    if (value !== undefined) putData(out, code, value, count++);
  }
  return out;
}

function decideOne(
  field: MergeField,
  records: readonly Bag[],
  options: { readonly hidden: boolean; readonly chosen: Bag | undefined; readonly policy: MergePolicy | undefined },
  decided: Decided,
): void {
  const [survivor] = records as readonly [Bag, ...Bag[]];
  const present = (record: Bag): boolean => !isEmptyValue(readField(record, field.name));
  const holders = records.filter(present);
  if (options.chosen === undefined && !holders.some((record) => record !== survivor)) return;
  // Holders grouped by comparison form, in order: more than one group is a conflict.
  const groups = new Map<string, [Bag, ...Bag[]]>();
  for (const record of holders) {
    const key = field.key(field.compared.length === 1 ? readField(record, field.name) : field.compared.map((code) => readField(record, code)));
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [record]);
    else group.push(record);
  }
  const firstHolder = holders[0];
  const survivorHas = present(survivor);
  let winner: Bag | undefined;
  let reason: MergeReason;
  if (options.hidden) {
    // A value the person cannot see is kept, never dropped: survivor wins, gaps filled.
    if (groups.size > 1) decided.hiddenConflicts++;
    winner = survivorHas ? survivor : firstHolder;
    reason = 'fill';
  } else if (options.chosen !== undefined) {
    winner = options.chosen;
    reason = 'choice';
  } else if (groups.size <= 1) {
    winner = survivorHas ? survivor : firstHolder;
    reason = survivorHas ? 'same' : 'fill';
  } else if (options.policy === 'survivorWins') {
    winner = survivorHas ? survivor : firstHolder;
    reason = survivorHas ? 'policy' : 'fill';
  } else if (options.policy === 'mostRecent') {
    winner = holders.reduce((best, record) => ((record.updatedAt as Date).getTime() > (best.updatedAt as Date).getTime() ? record : best));
    reason = 'policy';
  } else {
    decided.conflicts.push({
      field: field.name,
      fields: field.compared,
      candidates: [...groups.values()].map((group) => ({ recordIds: group.map((record) => record.id as string), value: shown(field, group[0]) })),
    });
    return;
  }
  if (winner === undefined) return;
  for (const code of [...field.compared, ...field.carried]) setField(decided, survivor, code, readField(winner, code));
  if (!options.hidden) decided.decisions.push({ field: field.name, fields: field.compared, reason, recordIds: [winner.id as string], value: shown(field, winner) });
}

/** The field each choice decides, and the record it names; or the issues of the choices. */
function readChoiceTargets(
  choices: Bag,
  fields: readonly MergeField[],
  entityType: EntityType,
  isHidden: (field: MergeField) => boolean,
  records: ReadonlyMap<string, Bag>,
  issues: Issue[],
): Map<MergeField, Bag> {
  const chosen = new Map<MergeField, Bag>();
  for (const [code, id] of Object.entries(choices)) {
    const path: PathSegment[] = ['choices', code];
    const standard = STANDARD_FIELDS[entityType].find((candidate) => candidate.code === code);
    // A system field that follows a group (a deal's closedAt) is not chosen on its own either.
    const field = standard?.system === true ? undefined : fieldNamed(fields, code);
    // Like the access checks: a custom code the person cannot see, or that does not exist, is refused alike.
    if (field === undefined ? code.startsWith('custom.') : isHidden(field)) {
      // Stryker disable next-line StringLiteral: message text
      issues.push(issue('FIELD_NOT_VISIBLE', 'You cannot see this field, so you cannot choose its value.', path));
    } else if (field === undefined) {
      // Stryker disable next-line StringLiteral: message text
      if (standard !== undefined && standard.type !== 'custom') issues.push(issue('SYSTEM_FIELD', 'A system field is never merged.', path));
      // Stryker disable next-line StringLiteral: message text
      else issues.push(issue('UNKNOWN_FIELD', 'This entity type has no such field.', path));
    } else if (field.union !== undefined) {
      // Stryker disable next-line StringLiteral: message text
      issues.push(issue('INVALID_VALUE', 'The values of this field are united, not chosen.', path));
    } else {
      const record = records.get(id as string);
      const earlier = chosen.get(field);
      // Stryker disable next-line StringLiteral: message text
      if (record === undefined) issues.push(issue('INVALID_VALUE', 'Names a record that is not in the merge.', path));
      // Stryker disable next-line StringLiteral: message text
      else if (earlier !== undefined && earlier !== record) issues.push(issue('INVALID_VALUE', 'These fields are decided together: choose one record for all of them.', path));
      else chosen.set(field, record);
    }
  }
  return chosen;
}

function prefixed(issues: readonly Issue[], prefix: readonly PathSegment[]): Issue[] {
  return issues.map((found) => issue(found.code, found.message, [...prefix, ...found.path]));
}

/**
 * Plans the merge of duplicate records into one survivor (DOMAIN.md, "Duplicates and merging"),
 * without touching any store: what the survivor becomes, what is still for the person to decide,
 * which children are relinked, and how to undo it all.
 *
 * - Each field with differing non-empty values takes the value of the record the person chose in
 *   `choices`, else the `policy`'s: `survivorWins` (the survivor's value; a gap is filled from the
 *   first merged record, in the order given, that has one) or `mostRecent` (the value of the
 *   latest updated record that has one). With neither, the field is a conflict in the plan.
 * - Values equal but for case, surrounding spaces or a trailing dot are no conflict: the
 *   survivor's stays (or the first value fills its gap). A value only a merged record has fills
 *   the gap.
 * - Multi-fields (phones, e-mails, websites, messengers), multiple custom values and link lists
 *   (`contactIds`, `companyIds`) are united without repeats: the survivor's list as it is, then
 *   the values of the merged records it does not hold yet; phones compare
 *   as E.164 numbers (two extensions are two lines), e-mails as `normaliseEmail` reads them. A
 *   single link (`companyId`) is an ordinary field.
 * - System fields (`id`, `version`, timestamps, authors) are never merged. A deal's stage,
 *   pipeline and loss reason are decided together (with `closed`, `closedAt`, `movedAt`, who moved
 *   it), as are its amount, tax and product rows (with `amountIsManual`) and its probability (with
 *   `probabilityIsManual`); a lead's status carries its `movedAt`, who moved it and `convertedAt`.
 * - Every child whose link fields (found from the field tables' link targets, and from
 *   `childFields` for custom `link` fields) point at a merged record is relinked to the survivor,
 *   lists without repeats. A survivor's own custom link to a merged record points at itself.
 * - A field in `hidden` is decided as `survivorWins` whatever the policy, so its value is kept,
 *   and it is never in the preview (`decisions`, `conflicts`).
 *
 * Returned issues: `INVALID_ARGUMENT` at `['entityType']` for a type that is not merged (see
 * `DUPLICATE_ENTITY_TYPES`) and at `['absorbed']` for no record to merge; `DUPLICATE_ID` at
 * `['absorbed', n]` for the survivor or a record given twice, at `['children', n]` for a child given
 * twice; `INVALID_VALUE` at `['children', n]` for a merged record given as a child; the stored-form
 * issues of the survivor and merged records (paths start with `'survivor'` or `['absorbed', n]`);
 * for a choice, at `['choices', code]`: `FIELD_NOT_VISIBLE` (a hidden field, or a custom code the
 * registry does not have), `SYSTEM_FIELD`, `UNKNOWN_FIELD`, `INVALID_VALUE` (a united field, a
 * record not in the merge, two records for fields decided together).
 *
 * @param request - The records, the registry, and how to decide: see {@link MergeRequest}.
 * @returns The plan (see {@link MergePlan}), or every issue found.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a request of the wrong shape: unknown
 * keys, records that are not stored records, a registry of another entity type, an unknown policy
 * or region, choices that are not record ids, children that are not `{ entityType, record }`, a
 * child link of the wrong shape. Records are read once, as `snapshotInput` reads them
 * (`NOT_PLAIN_DATA`, `INVALID_TEXT`, `LIMIT_EXCEEDED`).
 *
 * @example
 * ```ts
 * const fields = createFieldRegistry('contact');
 * const rules = defineRecordRules('contact', { registry: fields });
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const at = new Date('2026-03-02T10:00:00Z');
 * const kept = unwrap(planCreateRecord(rules, ana, { firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }] }, { id: '1', at })).record;
 * const twin = unwrap(planCreateRecord(rules, ana, {
 *   firstName: 'ana ', lastName: 'Garcia', position: 'CEO',
 *   phones: [{ value: '+34612345678', kind: 'mobile' }, { value: '+34 699 000 111', kind: 'home' }],
 * }, { id: '2', at })).record;
 * const deal = unwrap(planCreateRecord(defineRecordRules('deal'), ana, { title: 'Renewal', contactIds: ['2'] }, { id: '9', at })).record;
 *
 * // The first name differs only by case and spaces; the last names differ: a conflict.
 * const plan = unwrap(planMerge({ entityType: 'contact', survivor: kept, absorbed: [twin], fields, children: [{ entityType: 'deal', record: deal }] }));
 * plan.conflicts; //=> [{ field: 'lastName', fields: ['lastName'], candidates: [{ recordIds: ['1'], value: 'García' }, { recordIds: ['2'], value: 'Garcia' }] }]
 * isMergePlanComplete(plan); //=> false
 * // Phones are united (the same number once), the empty position filled, the deal relinked.
 * plan.changes; //=> { position: 'CEO', phones: [{ value: '+34 612 345 678', kind: 'work' }, { value: '+34 699 000 111', kind: 'home' }] }
 * plan.childUpdates.map((u) => [u.entityType, u.id, u.field, u.before, u.after]); //=> [['deal', '9', 'contactIds', ['2'], ['1']]]
 *
 * // The person picks the survivor's spelling: nothing is left to decide.
 * const decided = unwrap(planMerge({ entityType: 'contact', survivor: kept, absorbed: [twin], fields, choices: { lastName: '1' } }));
 * [isMergePlanComplete(decided), decided.undo.survivor]; //=> [true, { position: null, phones: [{ value: '+34 612 345 678', kind: 'work' }] }]
 *
 * const wrong = planMerge({ entityType: 'contact', survivor: kept, absorbed: [kept], fields });
 * wrong.success ? [] : wrong.issues.map((i) => [i.code, ...i.path]); //=> [['DUPLICATE_ID', 'absorbed', 0]]
 * ```
 */
export function planMerge<E extends DuplicateEntityType>(request: MergeRequest<E>): Result<MergePlan<E>> {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(request)) throw invalidArgument('planMerge takes { entityType, survivor, absorbed, fields, choices?, policy?, children?, childFields?, hidden?, defaultRegion? }.');
  // Stryker disable next-line StringLiteral: message text
  if (Object.keys(request).some((key) => !REQUEST_KEYS.has(key))) throw invalidArgument('The keys of a merge request are entityType, survivor, absorbed, fields, choices, policy, children, childFields, hidden and defaultRegion.');
  const entityType: unknown = request.entityType;
  // Stryker disable next-line StringLiteral: message text
  if (!(DUPLICATE_ENTITY_TYPES as readonly unknown[]).includes(entityType)) return fail(issue('INVALID_ARGUMENT', `Only ${DUPLICATE_ENTITY_TYPES.join(', ')} records are merged.`, ['entityType']));
  const type = entityType as E;
  const registry = toFieldRegistry(request.fields);
  // Stryker disable next-line StringLiteral: message text
  if (registry.entityType !== type) throw invalidArgument('fields is the field registry of the merged entity type.');
  const policy: unknown = request.policy;
  // Stryker disable next-line StringLiteral: message text
  if (policy !== undefined && !(MERGE_POLICIES as readonly unknown[]).includes(policy)) throw invalidArgument(`policy is one of ${MERGE_POLICIES.join(', ')}.`);
  const region = readRegion(request.defaultRegion);
  const survivor = plainRecord(request.survivor, 'The survivor');
  const givenAbsorbed: unknown = request.absorbed;
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(givenAbsorbed)) throw invalidArgument('absorbed is a list of stored records.');
  const absorbed = (givenAbsorbed as readonly unknown[]).map((record, n) => plainRecord(record, `absorbed[${n}]`));
  const choices = readChoices(request.choices);
  const hidden = readHidden(request.hidden);
  const children = readChildren(request.children);
  const childFields = readChildFields(request.childFields);

  const issues: Issue[] = [];
  // Stryker disable next-line StringLiteral: message text
  if (absorbed.length === 0) issues.push(issue('INVALID_ARGUMENT', 'At least one record is merged into the survivor.', ['absorbed']));
  const records = new Map<string, Bag>([[survivor.id as string, survivor]]);
  absorbed.forEach((record, n) => {
    // Stryker disable next-line StringLiteral: message text
    if (records.has(record.id as string)) issues.push(issue('DUPLICATE_ID', 'The survivor, or a record given twice: each record is merged once.', ['absorbed', n]));
    else records.set(record.id as string, record);
  });
  const stored = validateEntity(registry, 'stored', survivor);
  if (!stored.success) issues.push(...prefixed(stored.issues, ['survivor']));
  absorbed.forEach((record, n) => {
    const checked = validateEntity(registry, 'stored', record);
    if (!checked.success) issues.push(...prefixed(checked.issues, ['absorbed', n]));
  });
  const seenChildren = new Set<string>();
  children.forEach((child, n) => {
    const key = `${child.entityType}\u0000${child.record.id as string}`;
    // Stryker disable next-line StringLiteral: message text
    if (seenChildren.has(key)) issues.push(issue('DUPLICATE_ID', 'A child is given once.', ['children', n]));
    // Stryker disable next-line StringLiteral: message text
    else if (child.entityType === type && records.has(child.record.id as string)) issues.push(issue('INVALID_VALUE', 'A merged record is not a child of the merge.', ['children', n]));
    seenChildren.add(key);
  });
  const fields = mergeFieldsOf(type, registry, region);
  const isHidden = (field: MergeField): boolean => [...field.compared, ...field.carried].some((code) => hidden.has(code));
  const chosen = readChoiceTargets(choices, fields, type, isHidden, records, issues);
  if (issues.length > 0) return fail(issues);

  const ordered = [survivor, ...absorbed];
  const decided: Decided = { decisions: [], conflicts: [], hiddenConflicts: 0, next: new Map(), previous: new Map() };
  for (const field of fields) {
    if (field.union !== undefined) decideUnion(field, ordered, isHidden(field), decided);
    else decideOne(field, ordered, { hidden: isHidden(field), chosen: chosen.get(field), policy: policy as MergePolicy | undefined }, decided);
  }

  const survivorId = survivor.id as string;
  const absorbedIds = new Set(absorbed.map((record) => record.id as string));
  // The survivor's own links to a merged record (a custom link to its own type) now point at itself.
  for (const field of fields) {
    if (field.linkShape === undefined || !field.targets.includes(type)) continue;
    const current = decided.next.has(field.name) ? decided.next.get(field.name) : readField(survivor, field.name);
    const moved = relinked(current, field.linkShape, type, absorbedIds, survivorId);
    if (moved !== undefined && moved !== WRONG_SHAPE) setField(decided, survivor, field.name, moved);
  }

  const childUpdates: MergeChildUpdate[] = [];
  const slots = linkSlotsTo(type, { ...childFields, [type]: registry });
  children.forEach((child, n) => {
    for (const slot of slots) {
      if (slot.entityType !== child.entityType) continue;
      const before = readField(child.record, slot.field);
      const after = relinked(before, slot.shape, type, absorbedIds, survivorId);
      // Stryker disable next-line StringLiteral: message text
      if (after === WRONG_SHAPE) throw invalidArgument(`children[${n}].record.${slot.field} is not a link of the right shape.`);
      if (after !== undefined) childUpdates.push({ entityType: child.entityType, id: child.record.id as string, expectedVersion: child.record.version as number, field: slot.field, before, after });
    }
  });

  const changed = [...decided.next.keys()].sort();
  const plan: MergePlan<E> = {
    entityType: type,
    survivorId,
    survivorVersion: survivor.version as number,
    absorbedIds: [...absorbedIds],
    changes: toChanges(new Map(changed.map((code) => [code, decided.next.get(code)]))),
    changed,
    decisions: decided.decisions,
    conflicts: decided.conflicts,
    hiddenConflicts: decided.hiddenConflicts,
    childUpdates,
    undo: {
      survivor: toChanges(new Map(changed.map((code) => [code, decided.previous.get(code)]))),
      absorbed: absorbed as unknown as readonly EntityRecord<E>[],
      children: childUpdates.map(({ entityType: childType, id, field, before }) => ({ entityType: childType, id, field, value: before })),
    },
  };
  return ok(sealPlain(plan));
}

/**
 * Whether a merge plan decides every field: a plan with conflicts left is not applied.
 *
 * @param plan - A plan from {@link planMerge}.
 * @returns `true` when it has no conflict.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for something that is not a merge plan.
 *
 * @example
 * ```ts
 * const fields = createFieldRegistry('company');
 * const at = new Date('2026-03-02T10:00:00Z');
 * const stored = { version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {}, opened: false };
 * const acme = { ...stored, id: '1', title: 'Acme' };
 * const acmeInc = { ...stored, id: '2', title: 'ACME Inc.' };
 * isMergePlanComplete(unwrap(planMerge({ entityType: 'company', survivor: acme, absorbed: [acmeInc], fields }))); //=> false
 * isMergePlanComplete(unwrap(planMerge({ entityType: 'company', survivor: acme, absorbed: [acmeInc], fields, policy: 'survivorWins' }))); //=> true
 * ```
 */
export function isMergePlanComplete(plan: MergePlan): boolean {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(plan) || !Array.isArray(plan.conflicts)) throw invalidArgument('isMergePlanComplete takes a plan from planMerge.');
  return plan.conflicts.length === 0;
}
