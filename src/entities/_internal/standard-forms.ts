import * as z from 'zod';
import type { DeclaredField, StandardFieldTable } from '../../fields/index.js';
import { addressSchema, declaredFields } from '../../fields/index.js';
import { MULTI_FIELDS_SHAPE } from '../multi-fields.js';
import type { OptionalCustom, StoredCustom } from './forms.js';
import { unclearable } from './forms.js';
import type { PlainObject } from './values.js';
import { calendarDate, idList, idSchema, instant, lineText, longText, moneySchema, plainObject, upperCode } from './values.js';

// The zod forms of an entity, built from its table of standard fields in `fields/` (where each
// field's code, type, labels and flags are declared once). The forms have exactly the table's
// codes; a field's value schema follows from its type (BY_TYPE), or where the type says too
// little from its code (BY_CODE, for shared fields) or from the entity (`schemas`); the entity
// says how its forms treat the fields that are not simply optional (`presence`). The types
// follow the same rules, so `exactly<...>()` checks the hand-written interfaces against the
// table at compile time.

/**
 * The value schema of a standard field of each type, unless its code or its entity says otherwise.
 * Bindings and product rows are given by the entities that have them, so that an entity without
 * them does not bring their schemas into a bundle.
 */
interface SchemaByType {
  readonly id: typeof idSchema;
  readonly string: typeof lineText;
  readonly text: typeof longText;
  readonly boolean: z.ZodBoolean;
  readonly date: typeof calendarDate;
  readonly datetime: typeof instant;
  readonly enumeration: typeof upperCode;
  readonly money: typeof moneySchema;
  readonly user: typeof idSchema;
  readonly address: typeof addressSchema;
  readonly link: typeof idSchema;
  readonly links: typeof idList;
  readonly stage: typeof idSchema;
  readonly pipeline: typeof idSchema;
}

const BY_TYPE: SchemaByType = /* @__PURE__ */ (() => ({
  id: idSchema,
  string: lineText,
  text: longText,
  boolean: z.boolean(),
  date: calendarDate,
  datetime: instant,
  enumeration: upperCode,
  money: moneySchema,
  user: idSchema,
  address: addressSchema,
  link: idSchema,
  links: idList,
  stage: idSchema,
  pipeline: idSchema,
}))();

/** The value schemas of the shared fields whose type says too little: the same on every entity. */
interface SchemaByCode {
  readonly version: z.ZodNumber;
  readonly phones: (typeof MULTI_FIELDS_SHAPE)['phones'];
  readonly emails: (typeof MULTI_FIELDS_SHAPE)['emails'];
  readonly websites: (typeof MULTI_FIELDS_SHAPE)['websites'];
  readonly messengers: (typeof MULTI_FIELDS_SHAPE)['messengers'];
}

const BY_CODE: SchemaByCode = /* @__PURE__ */ (() => ({ version: z.number().int().min(1), ...MULTI_FIELDS_SHAPE }))();

/**
 * How the forms treat a field:
 *
 * - `'optional'` (every field people fill, unless said otherwise): may be left out on create;
 *   `null` clears it in a patch; may be absent when stored. For a system field: may be absent
 *   when stored (`closedAt`).
 * - `'required'`: given on create, changed but never cleared, always stored.
 * - `{ default }`: takes `default` when left out on create, changed but never cleared, always stored.
 * - `'filled'`: may be left out on create (the planners fill it), changed but never cleared,
 *   always stored (a stage, the responsible person).
 *
 * System fields are never in an input or a patch, and are always stored unless `'optional'`.
 */
export type Presence = 'optional' | 'required' | 'filled' | { readonly default: boolean };

/** What every record shares: the host fills in the responsible person when an input leaves it out. */
interface RecordPresence {
  readonly assignedById: 'filled';
}
const RECORD_PRESENCE: RecordPresence = { assignedById: 'filled' };

type TypeOf<T, K extends keyof T> = DeclaredField<T, K> extends { readonly type: infer X } ? X : never;
type IsSystem<T, K extends keyof T> = DeclaredField<T, K> extends { readonly system: true } ? true : false;
/** The codes people may write: what an input and a patch hold. */
type Writable<T> = { [K in keyof T]: IsSystem<T, K> extends true ? never : K }[keyof T];
/** The codes whose value schema neither their type nor their code gives: the entity gives it. */
type Unschemed<T> = {
  [K in keyof T]: TypeOf<T, K> extends keyof SchemaByType | 'custom' ? never : K extends keyof SchemaByCode ? never : K;
}[keyof T];

/** The value schemas an entity gives: those of {@link Unschemed} fields, and any more specific one. */
export type Schemas<T> = Readonly<Record<Unschemed<T>, z.ZodType>> & Readonly<Partial<Record<keyof T, z.ZodType>>>;
/** How an entity's forms treat its fields, where it is not the default (see {@link Presence}). */
export type Presences<T> = { readonly [K in keyof T]?: IsSystem<T, K> extends true ? 'optional' : Presence };
/** No key of `O` outside `T`'s codes (a misspelt code does not compile). */
type OnlyCodes<O, T> = Readonly<Record<Exclude<keyof O, keyof T>, never>>;

type SchemaOf<T, O, K extends keyof T> = K extends keyof O
  ? O[K]
  : K extends keyof SchemaByCode
    ? SchemaByCode[K]
    : TypeOf<T, K> extends keyof SchemaByType
      ? SchemaByType[TypeOf<T, K>]
      : never;
type PresenceOf<T, P, K extends keyof T> = K extends keyof P
  ? P[K]
  : K extends keyof RecordPresence
    ? RecordPresence[K]
    : IsSystem<T, K> extends true
      ? 'required'
      : 'optional';

type InputEntry<S, P> = S extends z.ZodType
  ? P extends 'required'
    ? S
    : P extends { readonly default: boolean }
      ? z.ZodDefault<S>
      : z.ZodOptional<S>
  : never;
type PatchEntry<S, P> = S extends z.ZodType ? (P extends 'optional' ? z.ZodOptional<z.ZodNullable<S>> : z.ZodOptional<S>) : never;
type StoredEntry<S, P> = S extends z.ZodType ? (P extends 'optional' ? z.ZodOptional<S> : S) : never;

/** The shape of an entity's input form. */
export type InputShape<T, O, P> = {
  -readonly [K in Writable<T>]: K extends 'custom' ? OptionalCustom : InputEntry<SchemaOf<T, O, K>, PresenceOf<T, P, K>>;
};
/** The shape of an entity's patch form. */
export type PatchShape<T, O, P> = {
  -readonly [K in Writable<T>]: K extends 'custom' ? OptionalCustom : PatchEntry<SchemaOf<T, O, K>, PresenceOf<T, P, K>>;
};
/** The shape of an entity's stored form. */
export type StoredShape<T, O, P> = {
  -readonly [K in keyof T]: K extends 'custom' ? StoredCustom : StoredEntry<SchemaOf<T, O, K>, PresenceOf<T, P, K>>;
};

/** The three zod forms of an entity, before the entity checks them against its types. */
export interface StandardForms<T, O, P> {
  readonly input: (custom: OptionalCustom) => PlainObject<InputShape<T, O, P>>;
  readonly patch: (custom: OptionalCustom) => PlainObject<PatchShape<T, O, P>>;
  readonly stored: (custom: StoredCustom) => PlainObject<StoredShape<T, O, P>>;
}

/** What an entity adds to its table to make its forms. */
export interface FormsSpec<O, P> {
  /** Value schemas by code: required where the field's type and code say too little. */
  readonly schemas: O;
  /** How the forms treat the fields that are not simply optional. */
  readonly presence: P;
  /** A rule across fields, checked on every form. */
  readonly check?: (record: object, context: z.core.$RefinementCtx) => void;
}

type Field =
  | { readonly code: string; readonly custom: true }
  | { readonly code: string; readonly custom: false; readonly system: boolean; readonly schema: z.ZodType; readonly presence: Presence };

/**
 * The input, patch and stored forms of an entity, with exactly the fields of its table: input and
 * patch hold the fields that are not `system`, the stored form all of them, each as its
 * {@link Presence} says, and `custom` in the slot each form is given.
 */
export function standardForms<
  T extends StandardFieldTable<T>,
  const O extends Schemas<T> & OnlyCodes<O, T>,
  const P extends Presences<T> & OnlyCodes<P, T>,
>(
  table: T,
  spec: FormsSpec<O, P>,
): StandardForms<T, O, P> {
  const schemas: Readonly<Partial<Record<string, z.ZodType>>> = spec.schemas;
  const presences: Readonly<Partial<Record<string, Presence>>> = { ...RECORD_PRESENCE, ...spec.presence };
  const byCode: Readonly<Partial<Record<string, z.ZodType>>> = { ...BY_CODE };
  const byType: Readonly<Partial<Record<string, z.ZodType>>> = { ...BY_TYPE };
  const fields: readonly Field[] = declaredFields(table).map(([code, declared]): Field => {
    if (declared.type === 'custom') return { code, custom: true };
    const system = declared.system === true;
    const schema = schemas[code] ?? byCode[code] ?? byType[declared.type];
    // Unreachable for a spec that type-checks (Schemas asks for every schema the type does not give).
    if (schema === undefined) throw new TypeError(`No value schema for the standard field ${code}.`);
    return { code, custom: false, system, schema, presence: presences[code] ?? (system ? 'required' : 'optional') };
  });
  const form = (entry: (field: Field & { readonly custom: false }) => z.ZodType | undefined, custom: z.ZodType): z.ZodType => {
    const shape: Record<string, z.ZodType> = {};
    for (const field of fields) {
      const schema = field.custom ? custom : entry(field);
      if (schema !== undefined) shape[field.code] = schema;
    }
    const object = plainObject(shape);
    return spec.check === undefined ? object : object.superRefine(spec.check);
  };
  return {
    input: (custom) =>
      form((field) => {
        if (field.system) return undefined;
        const { schema, presence } = field;
        if (presence === 'required') return schema;
        return typeof presence === 'object' ? schema.default(presence.default) : schema.optional();
      }, custom) as PlainObject<InputShape<T, O, P>>,
    patch: (custom) =>
      form((field) => {
        if (field.system) return undefined;
        return field.presence === 'optional' ? field.schema.nullable().optional() : unclearable(field.schema);
      }, custom) as PlainObject<PatchShape<T, O, P>>,
    stored: (custom) =>
      form((field) => (field.presence === 'optional' ? field.schema.optional() : field.schema), custom) as PlainObject<StoredShape<T, O, P>>,
  };
}
