import * as z from 'zod';
import { isCalendarDate, isCrmError, isPlainRecord, ValidationError } from '../../kernel/index.js';
import type { Money } from '../../money/index.js';
import { money } from '../../money/index.js';
import type { FieldDefinition } from '../definition.js';
import type { Address } from '../values.js';
import { decimalsOf, isEmailAddress, isHttpUrl, isPhoneNumber } from './formats.js';
import type { PatternProgram } from './safe-pattern.js';
import { checkPattern, matchesPattern } from './safe-pattern.js';

/**
 * The longest text any string-like custom value may have (a `TEXT` column's worth); a field's own
 * `maxLength` can only lower it.
 *
 * @example
 * ```ts
 * MAX_TEXT_LENGTH; //=> 65535
 * ```
 */
export const MAX_TEXT_LENGTH = 65_535;

/**
 * The longest text a field with a `pattern` may hold, in UTF-16 code units: the pattern matcher,
 * linear in the text, never runs on more than this.
 *
 * @example
 * ```ts
 * MAX_PATTERN_TEXT_LENGTH; //=> 1024
 * ```
 */
export const MAX_PATTERN_TEXT_LENGTH = 1024;

const SHORT_TEXT = 255;
const ID_TEXT = 128;

// zod's object schemas accept any object (a Date, a Map, one whose crafted prototype carries the
// keys zod reads); values here are plain records only.
export function record<S extends z.core.$ZodLooseShape>(shape: S): z.ZodPipe<z.ZodCustom, z.ZodObject<S, z.core.$strict>> {
  return z.custom(isPlainRecord, { error: 'Expected a plain object.' }).pipe(z.strictObject(shape));
}

/** An id: 1 to 128 characters, not blank. */
const idText = /* @__PURE__ */ z
  .string()
  .max(ID_TEXT)
  .regex(/\S/, { error: 'An id is not blank.' });

/**
 * The zod schema of an {@link Address}: every part optional, `countryCode` an upper-case ISO
 * 3166-1 alpha-2 code, unknown keys refused, plain objects only.
 *
 * @example
 * ```ts
 * addressSchema.safeParse({ city: 'Madrid', countryCode: 'ES' }).success; //=> true
 * addressSchema.safeParse({ city: 'Madrid', country: 'Spain' }).success; //=> false
 * ```
 */
export const addressSchema: z.ZodType<Address> = /* @__PURE__ */ (() => record({
  street: z.string().max(SHORT_TEXT).optional(),
  street2: z.string().max(SHORT_TEXT).optional(),
  city: z.string().max(SHORT_TEXT).optional(),
  region: z.string().max(SHORT_TEXT).optional(),
  postalCode: z.string().max(32).optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
}))();

function validMoney(value: { amount: string; currency: string }): boolean {
  try {
    money(value.amount, value.currency);
    return true;
  } catch (error) {
    if (isCrmError(error)) return false;
    throw error;
  }
}

/**
 * The zod schema of a {@link Money} value: a plain `{ amount, currency }` object with a decimal
 * amount and a known currency, given back in canonical form.
 *
 * @example
 * ```ts
 * moneySchema.parse({ amount: '12.5', currency: 'EUR' }); //=> { amount: '12.50', currency: 'EUR' }
 * moneySchema.safeParse({ amount: 12.5, currency: 'EUR' }).success; //=> false
 * ```
 */
export const moneySchema: z.ZodType<Money> = /* @__PURE__ */ record({
  amount: /* @__PURE__ */ z.string().max(128),
  currency: /* @__PURE__ */ z.string().max(3),
})
  .refine(validMoney, { error: 'Not an amount in a known currency.' })
  .transform((value) => money(value.amount, value.currency));

// Media types compare case-insensitively; `image/*` needs a subtype after the slash.
function mediaTypeAccepted(mediaType: string, accepted: readonly string[]): boolean {
  const given = mediaType.toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(given)) return false;
  return accepted.some((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.endsWith('/*') ? given.startsWith(wanted.slice(0, -1)) : given === wanted;
  });
}

/**
 * The most matcher steps the values of one field may cost together (program size × code points,
 * about 50 ms at worst): a `multiple` field with a pattern holding more text is refused before any
 * value is matched, so one record can never cost more than that, whatever its pattern.
 */
export const MAX_PATTERN_WORK = 8_000_000;

/** The size of a string field's pattern program (the matcher's work per character), or `undefined` without a pattern. */
export function patternSizeOf(definition: FieldDefinition): number | undefined {
  return definition.type === 'string' && definition.pattern !== undefined ? patternProgram(definition.pattern).size : undefined;
}

/** Whether matching these values with a program of this size would cost more than {@link MAX_PATTERN_WORK}. */
export function exceedsPatternWork(size: number, values: readonly unknown[]): boolean {
  let work = 0;
  for (const value of values) work += ((typeof value === 'string' ? value.length : 0) + 1) * size;
  return work > MAX_PATTERN_WORK;
}

// Field patterns run on the linear-time matcher, never on the backtracking native engine.
function patternProgram(pattern: string): PatternProgram {
  const checked = checkPattern(pattern, MAX_PATTERN_TEXT_LENGTH);
  if (!checked.ok) throw new ValidationError(checked.code, `The pattern ${checked.reason}.`);
  return checked.program;
}

/** The zod schema of one value of a checked definition (one element of a `multiple` field). */
export function valueSchema(definition: FieldDefinition): z.ZodType {
  switch (definition.type) {
    case 'string': {
      const pattern = definition.pattern === undefined ? undefined : patternProgram(definition.pattern);
      const cap = pattern === undefined ? MAX_TEXT_LENGTH : MAX_PATTERN_TEXT_LENGTH;
      const max = Math.min(definition.maxLength ?? cap, cap);
      let schema = z.string().max(max);
      if (definition.minLength !== undefined) schema = schema.min(definition.minLength);
      if (pattern === undefined) return schema;
      // Measured in UTF-16 units, the pattern's own unit of work: it never runs on longer text.
      // (zod counts code points, so astral text can pass its check and still be too long here.)
      return schema.superRefine((value, context) => {
        if (value.length > MAX_PATTERN_TEXT_LENGTH) {
          if (value.length / 2 > max || Array.from(value).length > max) return; // zod's check reported it
          context.addIssue({ code: 'custom', message: `Longer than ${MAX_PATTERN_TEXT_LENGTH} characters.` });
        } else if (!matchesPattern(pattern, value)) {
          context.addIssue({ code: 'custom', message: 'Does not match the pattern.' });
        }
      });
    }
    case 'integer': {
      let schema = z.number().int();
      if (definition.min !== undefined) schema = schema.min(definition.min);
      if (definition.max !== undefined) schema = schema.max(definition.max);
      return schema;
    }
    case 'number': {
      let schema = z.number();
      if (definition.min !== undefined) schema = schema.min(definition.min);
      if (definition.max !== undefined) schema = schema.max(definition.max);
      const precision = definition.precision;
      if (precision === undefined) return schema;
      return schema.refine((value) => !Number.isFinite(value) || decimalsOf(value) <= precision, {
        error: `Has more than ${precision} decimals.`,
      });
    }
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().refine(isCalendarDate, { error: 'Not a calendar date written YYYY-MM-DD.' });
    case 'datetime':
      return z.date();
    case 'enumeration': {
      const ids = definition.options.map((option) => option.id);
      return z.enum(ids as [string, ...string[]]);
    }
    case 'money':
      return moneySchema;
    case 'url':
      return z.string().refine(isHttpUrl, { error: 'Not an http or https address.' });
    case 'email':
      return z.string().refine(isEmailAddress, { error: 'Not an e-mail address.' });
    case 'phone':
      return z.string().refine(isPhoneNumber, { error: 'Not a phone number.' });
    case 'address':
      return addressSchema;
    case 'file': {
      const accepted = definition.mediaTypes;
      let bytes = z.number().int().min(0);
      if (definition.maxBytes !== undefined) bytes = bytes.max(definition.maxBytes);
      let mediaType = z.string().max(SHORT_TEXT);
      if (accepted !== undefined) {
        mediaType = mediaType.refine((value) => mediaTypeAccepted(value, accepted), { error: 'Media type not accepted.' });
      }
      // A limit the value could dodge by leaving a property out is no limit: limited ones are required.
      return record({
        fileId: idText,
        name: z.string().max(SHORT_TEXT).optional(),
        bytes: definition.maxBytes === undefined ? bytes.optional() : bytes,
        mediaType: accepted === undefined ? mediaType.optional() : mediaType,
      });
    }
    case 'user':
      return idText;
    case 'link':
      return record({
        entityType: z.enum(definition.targets as readonly string[] as [string, ...string[]]),
        id: idText,
      });
    default: {
      const exhaustive: never = definition;
      return exhaustive;
    }
  }
}
