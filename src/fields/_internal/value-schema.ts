import { z } from 'zod';
import { isCalendarDate, isCrmError } from '../../kernel/index.js';
import { money } from '../../money/index.js';
import type { FieldDefinition } from '../definition.js';
import { decimalsOf, isEmailAddress, isHttpUrl, isPhoneNumber } from './formats.js';

/**
 * The longest text any string-like custom value may have (a `TEXT` column's worth); a field's own
 * `maxLength` can only lower it. Values are measured before any pattern runs on them.
 *
 * @example
 * ```ts
 * MAX_TEXT_LENGTH; //=> 65535
 * ```
 */
export const MAX_TEXT_LENGTH = 65_535;

const SHORT_TEXT = 255;
const ID_TEXT = 128;

// zod's object schemas accept any object (a Date, a Map); values here are plain records only.
function record<S extends z.core.$ZodLooseShape>(shape: S): z.ZodPipe<z.ZodCustom, z.ZodObject<S, z.core.$strict>> {
  const isPlain = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const prototype: unknown = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
  };
  return z.custom(isPlain, { error: 'Expected a plain object.' }).pipe(z.strictObject(shape));
}

/**
 * The zod schema of an {@link Address}: every part optional, `countryCode` an upper-case ISO
 * 3166-1 alpha-2 code, unknown keys refused.
 *
 * @example
 * ```ts
 * addressSchema.safeParse({ city: 'Madrid', countryCode: 'ES' }).success; //=> true
 * addressSchema.safeParse({ city: 'Madrid', country: 'Spain' }).success; //=> false
 * ```
 */
export const addressSchema: z.ZodType<{
  street?: string | undefined;
  street2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  countryCode?: string | undefined;
}> = record({
  street: z.string().max(SHORT_TEXT).optional(),
  street2: z.string().max(SHORT_TEXT).optional(),
  city: z.string().max(SHORT_TEXT).optional(),
  region: z.string().max(SHORT_TEXT).optional(),
  postalCode: z.string().max(32).optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

function validMoney(value: { amount: string; currency: string }): boolean {
  try {
    money(value.amount, value.currency);
    return true;
  } catch (error) {
    if (isCrmError(error)) return false;
    throw error;
  }
}

function mediaTypeAccepted(mediaType: string, accepted: readonly string[]): boolean {
  return accepted.some((pattern) =>
    pattern.endsWith('/*') ? mediaType.startsWith(pattern.slice(0, -1)) : mediaType === pattern,
  );
}

/** The zod schema of one value of a checked definition (one element of a `multiple` field). */
export function valueSchema(definition: FieldDefinition): z.ZodType {
  switch (definition.type) {
    case 'string': {
      const max = Math.min(definition.maxLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
      const pattern = definition.pattern === undefined ? undefined : new RegExp(`^(?:${definition.pattern})$`, 'u');
      let schema = z.string().max(max);
      if (definition.minLength !== undefined) schema = schema.min(definition.minLength);
      if (pattern === undefined) return schema;
      // The length check has already failed a value longer than `max`: never run the pattern on it.
      return schema.refine((value) => value.length > max || pattern.test(value), { error: 'Does not match the pattern.' });
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
      return record({ amount: z.string().max(128), currency: z.string().max(3) })
        .refine(validMoney, { error: 'Not an amount in a known currency.' })
        .transform((value) => money(value.amount, value.currency));
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
      return record({
        fileId: z.string().min(1).max(ID_TEXT),
        name: z.string().max(SHORT_TEXT).optional(),
        bytes: bytes.optional(),
        mediaType: mediaType.optional(),
      });
    }
    case 'user':
      return z.string().min(1).max(ID_TEXT);
    case 'link':
      return record({
        entityType: z.enum(definition.targets as readonly string[] as [string, ...string[]]),
        id: z.string().min(1).max(ID_TEXT),
      });
    default: {
      const exhaustive: never = definition;
      return exhaustive;
    }
  }
}
