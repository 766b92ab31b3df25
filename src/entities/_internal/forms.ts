import * as z from 'zod';
import type { CustomValues } from '../../fields/index.js';
import { anyCustomValues, requiredValue } from './values.js';

/** The slot a `custom` bag takes in an input or patch shape: optional. */
export type OptionalCustom = z.ZodOptional<z.ZodType<CustomValues, CustomValues>>;
/** The slot a `custom` bag takes in a stored shape: required. */
export type StoredCustom = z.ZodType<CustomValues, CustomValues>;

/**
 * How one entity builds its three forms around a `custom` slot: the static schemas pass a
 * permissive bag, `entitySchema` the bag compiled from a field registry.
 */
export interface EntityForms<I, P, S> {
  readonly input: (custom: OptionalCustom) => z.ZodType<I>;
  readonly patch: (custom: OptionalCustom) => z.ZodType<P>;
  readonly stored: (custom: StoredCustom) => z.ZodType<S>;
}

/** The `custom` slots of the static schemas. */
export const STATIC_CUSTOM: { readonly optional: OptionalCustom; readonly stored: StoredCustom } = {
  optional: /* @__PURE__ */ anyCustomValues.optional(),
  stored: /* @__PURE__ */ requiredValue(anyCustomValues),
};

/**
 * A patch entry for a field that can be changed but not cleared: optional, and `null` is a
 * `REQUIRED` issue ("cannot be cleared"), as for required custom fields. The pipe is typed as the
 * optional schema it ends in, which is what object shapes read.
 */
export function unclearable<S extends z.ZodType>(schema: S): z.ZodOptional<S> {
  // `.optional()` on the front lets the key be absent; a pipe alone would make it required.
  return z
    .unknown()
    .superRefine((given, context) => {
      if (given === null) context.addIssue({ code: 'custom', message: 'This field cannot be cleared.', params: { code: 'REQUIRED' } });
    })
    .optional()
    .pipe(schema.optional()) as unknown as z.ZodOptional<S>;
}

// Deep readonly, so that a hand-written readonly interface and zod's mutable inference compare.
type Frozen<T> = T extends Date
  ? Date
  : T extends readonly (infer E)[]
    ? readonly Frozen<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

/** `true` when two types are identical once both are deeply readonly. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the standard identity test
export type Same<A, B> = (<G>() => G extends Frozen<A> ? 1 : 2) extends <G>() => G extends Frozen<B> ? 1 : 2 ? true : false;

/** `T` with the keys `D` (fields with a default) required and never `undefined`. */
export type Defaulted<T, D extends keyof T> = Omit<T, D> & { readonly [K in D]-?: Exclude<T[K], undefined> };

/**
 * Checks at compile time that a schema parses to exactly `T` (for an input form, `T` with its
 * defaulted keys filled), so that the hand-written interfaces and the schemas never drift.
 * At run time it returns the schema unchanged.
 */
export function exactly<T, Parsed = T>(): <S extends z.ZodType>(
  schema: S & (Same<z.output<S>, Parsed> extends true ? unknown : { readonly schemaOutputDiffersFromInterface: never }),
) => z.ZodType<T> {
  return (schema) => schema as unknown as z.ZodType<T>;
}
