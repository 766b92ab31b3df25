import * as z from 'zod';
import type { CalendarDate } from '../../kernel/index.js';
import { isCalendarDate, isPlainRecord } from '../../kernel/index.js';
import type { CustomValues, LinkValue } from '../../fields/index.js';
import {
  compileFieldValue,
  FIELD_CODE_PATTERN,
  LINK_TARGETS,
  MAX_TEXT_LENGTH,
  moneySchema as fieldMoneySchema,
  RESERVED_FIELD_CODES,
} from '../../fields/index.js';
import type { Money } from '../../money/index.js';

// The value schemas the standard fields share. Lengths match the custom field types of `fields/`
// (an id or user id is at most 128 characters, a line of text 255, a long text 65 535).

const ID_TEXT = 128;
const LINE_TEXT = 255;

const BLANK = 'Must not be blank.';
const notBlank = (text: string): boolean => text.trim() !== '';

/** A record or user id: 1 to 128 characters, not blank. */
export const idSchema: z.ZodString = /* @__PURE__ */ z.string().max(ID_TEXT, { abort: true }).refine(notBlank, { error: 'An id must not be blank.' });

/** A line of text (names, titles, subjects): 1 to 255 characters, not blank. */
export const lineText: z.ZodString = /* @__PURE__ */ z.string().max(LINE_TEXT, { abort: true }).refine(notBlank, { error: BLANK });

/** A long text (comments, descriptions): at most 65 535 characters, not blank. */
export const longText: z.ZodString = /* @__PURE__ */ z.string().max(MAX_TEXT_LENGTH, { abort: true }).refine(notBlank, { error: BLANK });

const UPPER_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const LOWER_CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** An extendable upper-snake code such as a source (`TRADE_SHOW`) or a type (`CUSTOMER`). */
export const upperCode: z.ZodString = /* @__PURE__ */ z
  .string()
  .max(50, { abort: true })
  .regex(UPPER_CODE, { error: 'Expected an upper-case code such as TRADE_SHOW.' });

/** An extendable lower-snake code such as an activity type (`call`, `site_visit`). */
export const lowerCode: z.ZodString = /* @__PURE__ */ z
  .string()
  .max(50, { abort: true })
  .regex(LOWER_CODE, { error: 'Expected a lower-case code such as site_visit.' });

/** A `'YYYY-MM-DD'` day that exists. */
export const calendarDate: z.ZodType<CalendarDate, CalendarDate> = /* @__PURE__ */ z.custom<CalendarDate>((value) => isCalendarDate(value), {
  error: 'Not a calendar date written YYYY-MM-DD.',
});

/** An instant: a valid `Date`. */
export const instant: z.ZodDate = /* @__PURE__ */ z.date();

// Anything but an object goes on to the object schema, which reports it (`REQUIRED` when it is
// missing, a wrong type otherwise); an object must be a plain record, so that no key zod reads
// can come from its prototype.
const notCrafted = (value: unknown): boolean => typeof value !== 'object' || value === null || isPlainRecord(value);

/** What {@link plainObject} makes: a plain-record check piped into a strict object. */
export type PlainObject<S extends z.core.$ZodLooseShape> = z.ZodPipe<PlainInput<S>, z.ZodObject<S, z.core.$strict>>;
type PlainInput<S extends z.core.$ZodLooseShape> = z.ZodType<z.input<z.ZodObject<S, z.core.$strict>>, z.input<z.ZodObject<S, z.core.$strict>>>;

/**
 * A strict object schema that reads plain records only (`isPlainRecord`): an object with a
 * crafted prototype, a class instance or an array is refused before zod reads any key, so an
 * inherited value never passes for a given one. Unknown keys are refused.
 */
export function plainObject<S extends z.core.$ZodLooseShape>(shape: S): PlainObject<S> {
  const guard = z.custom(notCrafted, { error: 'Expected a plain object.' }) as PlainInput<S>;
  return guard.pipe(z.strictObject(shape));
}

/**
 * `schema`, with a missing value reported as `REQUIRED` even when `schema` checks its input with
 * a custom rule first (as the plain-record schemas of `fields/` do).
 */
export function requiredValue<O, I>(schema: z.ZodType<O, I>): z.ZodType<O, I> {
  // `z.custom` (unlike `z.unknown`) does not make an object key optional.
  return z
    .custom((given) => given !== undefined, { error: 'A value is required.', params: { code: 'REQUIRED' } })
    .pipe(schema) as unknown as z.ZodType<O, I>;
}

/** A {@link Money}: the money schema of `fields/` (plain records only, canonical output). */
export const moneySchema: z.ZodType<Money, { amount: string; currency: string }> = /* @__PURE__ */ requiredValue(
  fieldMoneySchema as z.ZodType<Money, { amount: string; currency: string }>,
);

// The same rules as the custom field types of the same name, so a phone is a phone everywhere.
const valueOf = (type: 'email' | 'url' | 'phone'): z.ZodType<string, string> =>
  compileFieldValue({ type, code: type, labels: { en: type } }) as z.ZodType<string, string>;

/** An e-mail address, as the `email` custom field type accepts it. */
export const emailText: z.ZodType<string, string> = /* @__PURE__ */ valueOf('email');
/** An `http` or `https` address, as the `url` custom field type accepts it. */
export const urlText: z.ZodType<string, string> = /* @__PURE__ */ valueOf('url');
/** A phone number, as the `phone` custom field type accepts it. */
export const phoneText: z.ZodType<string, string> = /* @__PURE__ */ valueOf('phone');

/** One CRM record: `{ entityType, id }`. */
export const linkValue: z.ZodType<LinkValue, LinkValue> = /* @__PURE__ */ plainObject({ entityType: /* @__PURE__ */ z.enum(LINK_TARGETS), id: idSchema });

/** A list of ids with no id twice; order is kept (the first is the primary one). */
export const idList: z.ZodArray<z.ZodString> = /* @__PURE__ */ z.array(idSchema).refine((ids) => new Set(ids).size === ids.length, {
  error: 'Lists an id more than once.',
});

/** A list of record links with no record twice. */
export const linkList: z.ZodArray<z.ZodType<LinkValue, LinkValue>> = /* @__PURE__ */ z.array(linkValue).refine(
  (links) => new Set(links.map((link) => `${link.entityType}\u0000${link.id}`)).size === links.length,
  { error: 'Lists a record more than once.' },
);

const RESERVED: ReadonlySet<string> = /* @__PURE__ */ new Set(RESERVED_FIELD_CODES);

function isCustomBag(value: unknown): value is CustomValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return false;
  return Object.keys(value).every((key) => FIELD_CODE_PATTERN.test(key) && !RESERVED.has(key));
}

/**
 * The `custom` bag of the static schemas: a plain object keyed by field codes, values unchecked.
 * Validating the values needs the entity's field registry (see `entitySchema`).
 */
export const anyCustomValues: z.ZodType<CustomValues, CustomValues> = /* @__PURE__ */ z.custom<CustomValues>(isCustomBag, {
  error: 'Custom values are an object keyed by field codes.',
});
