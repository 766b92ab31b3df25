import type { CrmErrorCode } from './codes.js';
import type { Issue } from './issue.js';
import type { LimitName } from './limits.js';
import { LIMITS } from './limits.js';

// Symbol.for is shared by every copy of the package loaded in one realm, so the brand survives
// duplicated installs where `instanceof` does not.
const BRAND: unique symbol = Symbol.for('crm-kit.error') as never;

/**
 * Options accepted by every {@link CrmError} constructor.
 */
export interface CrmErrorOptions {
  /** The underlying error or value that caused this one. */
  readonly cause?: unknown;
}

/**
 * The base class of every error crm-kit throws. It carries a stable {@link CrmErrorCode}, a message
 * prefixed `[crm-kit]` and, where there is one, the `cause`. Messages name fields, codes and
 * positions, never the values a reader might not be allowed to see.
 *
 * Prefer {@link isCrmError} to `instanceof`: it also recognises errors thrown by another installed
 * copy of crm-kit.
 *
 * @example
 * ```ts
 * try {
 *   addMoney(money('1.00', 'EUR'), money('1.00', 'USD'));
 * } catch (error) {
 *   isCrmError(error, 'CURRENCY_MISMATCH') && error.message;
 *   //=> '[crm-kit] Cannot add EUR and USD: convert one of them first.'
 * }
 * ```
 */
export class CrmError<C extends CrmErrorCode = CrmErrorCode> extends Error {
  /** The stable code of this error. */
  readonly code: C;
  override readonly name: string = 'CrmError';

  constructor(code: C, message: string, options: CrmErrorOptions = {}) {
    super(`[crm-kit] ${message}`, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Thrown when an argument breaks a function's contract: a malformed amount, date, rate, format or
 * option. `issues` lists every problem found when there were several.
 *
 * @example
 * ```ts
 * try {
 *   money('12,50', 'EUR');
 * } catch (error) {
 *   error instanceof ValidationError; //=> true
 *   (error as ValidationError).code; //=> 'INVALID_AMOUNT'
 * }
 * ```
 */
export class ValidationError extends CrmError<
  | 'INVALID_ARGUMENT'
  | 'VALIDATION_FAILED'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'INVALID_RATE'
  | 'INVALID_DATE'
  | 'INVALID_NAME_FORMAT'
  | 'REQUIRED'
  | 'INVALID_VALUE'
  | 'UNKNOWN_FIELD'
  | 'INVALID_FIELD_DEFINITION'
  | 'RESERVED_CODE'
  | 'UNSAFE_PATTERN'
  | 'DUPLICATE_FIELD'
  | 'INVALID_STAGE_TRANSITION'
  | 'NOT_PLAIN_DATA'
  | 'INVALID_TEXT'
> {
  override readonly name: string = 'ValidationError';
  /** Each problem found, with its path; empty when the message says it all. */
  readonly issues: readonly Issue[];

  constructor(
    code: ValidationError['code'],
    message: string,
    options: CrmErrorOptions & { readonly issues?: readonly Issue[] } = {},
  ) {
    super(code, message, options);
    this.issues = options.issues ?? [];
  }
}

/**
 * The error of an argument that breaks a function's contract: `ValidationError`
 * `INVALID_ARGUMENT` with the message given (which names the argument, never its value).
 *
 * @param message - What is wrong, for the person reading the error.
 * @returns The error, to throw.
 *
 * @example
 * ```ts
 * // throw invalidArgument('The options are { at }.'); // a ValidationError INVALID_ARGUMENT
 * ```
 */
export function invalidArgument(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

/**
 * Thrown when a currency code is not in the ISO 4217 table crm-kit ships.
 *
 * @example
 * ```ts
 * try {
 *   getCurrency('XYZ');
 * } catch (error) {
 *   isCrmError(error, 'UNKNOWN_CURRENCY'); //=> true
 * }
 * ```
 */
export class UnknownCurrencyError extends CrmError<'UNKNOWN_CURRENCY'> {
  override readonly name: string = 'UnknownCurrencyError';
}

/**
 * Thrown when two amounts in different currencies meet in one operation without a rate table.
 *
 * @example
 * ```ts
 * try {
 *   sumMoney([money('1', 'EUR'), money('1', 'USD')], 'EUR');
 * } catch (error) {
 *   isCrmError(error, 'CURRENCY_MISMATCH'); //=> true
 * }
 * ```
 */
export class CurrencyMismatchError extends CrmError<'CURRENCY_MISMATCH'> {
  override readonly name: string = 'CurrencyMismatchError';
}

/**
 * Thrown when a rate table has no rate for a currency on the requested date.
 *
 * @example
 * ```ts
 * const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.92', from: '2026-01-01' }] });
 * try {
 *   convertMoney(money('10.00', 'USD'), 'EUR', rates, { on: '2025-12-31' });
 * } catch (error) {
 *   isCrmError(error, 'NO_RATE'); //=> true
 * }
 * ```
 */
export class MissingRateError extends CrmError<'NO_RATE'> {
  override readonly name: string = 'MissingRateError';
}

/**
 * Thrown by an {@link IdGenerator} that has handed out every identifier it safely can.
 *
 * @example
 * ```ts
 * const ids = sequentialIds({ start: Number.MAX_SAFE_INTEGER });
 * ids.next('contact'); //=> '9007199254740991'
 * ids.next('contact'); // throws IdSpaceExhaustedError ID_SPACE_EXHAUSTED
 * ```
 */
export class IdSpaceExhaustedError extends CrmError<'ID_SPACE_EXHAUSTED'> {
  override readonly name: string = 'IdSpaceExhaustedError';
}

/**
 * An error about one field, which it names by code in `field` (never by value): the base of
 * {@link SystemFieldError} and {@link FieldNotVisibleError}, for hosts that point a form at the
 * field concerned.
 *
 * @example
 * ```ts
 * const error = new FieldNotVisibleError('FIELD_NOT_VISIBLE', 'Field "margin" is not visible to you.', { field: 'margin' });
 * error instanceof FieldError && error.field; //=> 'margin'
 * ```
 */
export class FieldError<C extends 'SYSTEM_FIELD' | 'FIELD_NOT_VISIBLE' = 'SYSTEM_FIELD' | 'FIELD_NOT_VISIBLE'> extends CrmError<C> {
  override readonly name: string = 'FieldError';
  /** The code of the field concerned. */
  readonly field: string;

  constructor(code: C, message: string, options: CrmErrorOptions & { readonly field: string }) {
    super(code, message, options);
    this.field = options.field;
  }
}

/**
 * Thrown when asked to remove a standard (system) field: standard fields can be hidden, never removed.
 *
 * @example
 * ```ts
 * const error = new SystemFieldError('SYSTEM_FIELD', 'Standard field "phones" can be hidden but not removed.', { field: 'phones' });
 * error.field; //=> 'phones'
 * ```
 */
export class SystemFieldError extends FieldError<'SYSTEM_FIELD'> {
  override readonly name: string = 'SystemFieldError';
}

/**
 * Thrown when a person may not perform an action on an entity type or record.
 *
 * @example
 * ```ts
 * const error = new ForbiddenError('FORBIDDEN', 'You may not delete this deal.');
 * isCrmError(error, 'FORBIDDEN'); //=> true
 * ```
 */
export class ForbiddenError extends CrmError<'FORBIDDEN'> {
  override readonly name: string = 'ForbiddenError';
  /** Each permission missing, at `[entityType, action]`, when the error lists several. */
  readonly issues: readonly Issue[];

  constructor(code: 'FORBIDDEN', message: string, options: CrmErrorOptions & { readonly issues?: readonly Issue[] } = {}) {
    super(code, message, options);
    this.issues = options.issues ?? [];
  }
}

/**
 * Thrown when a person sets, clears, filters, sorts or groups on a custom field they may not see.
 * The error names the field's code, never its value.
 *
 * @example
 * ```ts
 * const error = new FieldNotVisibleError('FIELD_NOT_VISIBLE', 'Field "margin" is not visible to you.', { field: 'margin' });
 * error.field; //=> 'margin'
 * ```
 */
export class FieldNotVisibleError extends FieldError<'FIELD_NOT_VISIBLE'> {
  override readonly name: string = 'FieldNotVisibleError';
}

/**
 * Thrown when a record asked for by id does not exist (or is outside what the reader may see).
 *
 * @example
 * ```ts
 * const error = new NotFoundError('NOT_FOUND', 'No contact has this id.');
 * isCrmError(error, 'NOT_FOUND'); //=> true
 * ```
 */
export class NotFoundError extends CrmError<'NOT_FOUND'> {
  override readonly name: string = 'NotFoundError';
}

/**
 * Thrown when a write conflicts with what is stored: an update or delete that expected another
 * version (`VERSION_CONFLICT`), an insert of an id that exists (`DUPLICATE_ID`), an undo of a merge
 * whose records were changed since (`CHANGED_SINCE`, with the changes in `issues`) or that was
 * undone already (`ALREADY_UNDONE`). Nothing was written.
 *
 * @example
 * ```ts
 * const error = new ConflictError('VERSION_CONFLICT', 'The deal changed since it was read.');
 * isCrmError(error, 'VERSION_CONFLICT', 'DUPLICATE_ID'); //=> true
 * ```
 */
export class ConflictError extends CrmError<'VERSION_CONFLICT' | 'DUPLICATE_ID' | 'CHANGED_SINCE' | 'ALREADY_UNDONE'> {
  override readonly name: string = 'ConflictError';
  /** What conflicted, where the code has a list to give (`CHANGED_SINCE`); empty otherwise. */
  readonly issues: readonly Issue[];

  constructor(code: ConflictError['code'], message: string, options: CrmErrorOptions & { readonly issues?: readonly Issue[] } = {}) {
    super(code, message, options);
    this.issues = options.issues ?? [];
  }
}

/**
 * Thrown when a storage adapter cannot do what was asked: a capability it declares it lacks
 * (`UNSUPPORTED`), or a failure of its own (`ADAPTER_FAILURE`, with the original error as `cause`).
 *
 * @example
 * ```ts
 * const error = new AdapterError('ADAPTER_FAILURE', 'The database refused the query.', { cause: new Error('timeout') });
 * error.cause instanceof Error; //=> true
 * ```
 */
export class AdapterError extends CrmError<'UNSUPPORTED' | 'ADAPTER_FAILURE'> {
  override readonly name: string = 'AdapterError';
}

/**
 * Thrown when input is larger than one of the {@link LIMITS}. It names the cap (`limit`) and its
 * size (`max`), never the input.
 *
 * @example
 * ```ts
 * try {
 *   splitFullName('a '.repeat(LIMITS.fullNameText), NAME_FORMATS.firstLast);
 * } catch (error) {
 *   isCrmError(error, 'LIMIT_EXCEEDED') && [error.limit, error.max]; //=> ['fullNameText', 1000]
 * }
 * ```
 */
export class LimitError extends CrmError<'LIMIT_EXCEEDED'> {
  override readonly name: string = 'LimitError';
  /** Which cap was exceeded. */
  readonly limit: LimitName;
  /** The cap's size. */
  readonly max: number;

  constructor(limit: LimitName, what: string, options: CrmErrorOptions = {}) {
    super('LIMIT_EXCEEDED', `${what} is longer than the ${String(LIMITS[limit])} crm-kit accepts (LIMITS.${limit}).`, options);
    this.limit = limit;
    this.max = LIMITS[limit];
  }
}

/**
 * Throws {@link LimitError} when `size` exceeds the cap; `what` names the input in the message
 * (never its value).
 *
 * @param limit - The cap.
 * @param size - The input's size (characters or elements).
 * @param what - What the input is, for the message: `'An amount'`, `'contactIds'`.
 * @throws {@link LimitError} `LIMIT_EXCEEDED` when `size > LIMITS[limit]`.
 *
 * @example
 * ```ts
 * assertWithinLimit('listItems', 3, 'contactIds'); // within the cap: nothing happens
 * assertWithinLimit('listItems', LIMITS.listItems + 1, 'contactIds'); // throws LIMIT_EXCEEDED
 * ```
 */
export function assertWithinLimit(limit: LimitName, size: number, what: string): void {
  if (typeof limit !== 'string' || !Object.hasOwn(LIMITS, limit) || typeof size !== 'number' || Number.isNaN(size)) {
    throw new ValidationError('INVALID_ARGUMENT', 'assertWithinLimit takes the name of a limit and a size.');
  }
  if (size > LIMITS[limit]) throw new LimitError(limit, typeof what === 'string' ? what : 'The input');
}

/**
 * Thrown when something the host gave `createCrm` fails: its clock (`CLOCK_FAILURE`) or its id
 * generator (`ID_GENERATOR_FAILURE`). The original error is the `cause`; nothing was stored.
 *
 * @example
 * ```ts
 * const error = new HostError('CLOCK_FAILURE', 'The clock failed; see cause.', { cause: new Error('NTP') });
 * isCrmError(error, 'CLOCK_FAILURE') && error.cause instanceof Error; //=> true
 * ```
 */
export class HostError extends CrmError<'CLOCK_FAILURE' | 'ID_GENERATOR_FAILURE'> {
  override readonly name: string = 'HostError';
}

/**
 * The error class a code is thrown with, narrowed to that code: what {@link isCrmError} narrows
 * to, so that a caught `VALIDATION_FAILED` exposes its `issues` and a `LIMIT_EXCEEDED` its
 * `limit` without `instanceof` (which fails across two installed copies of the package).
 *
 * @example
 * ```ts
 * function issuesOf(error: unknown): readonly Issue[] {
 *   return isCrmError(error, 'VALIDATION_FAILED') ? error.issues : [];
 * }
 * issuesOf(new ValidationError('VALIDATION_FAILED', 'x', { issues: [issue('REQUIRED', 'Required.', ['title'])] })).length; //=> 1
 * ```
 */
export type CrmErrorOf<C extends CrmErrorCode> = (C extends ValidationError['code']
  ? ValidationError
  : C extends 'LIMIT_EXCEEDED'
    ? LimitError
    : C extends 'SYSTEM_FIELD'
      ? SystemFieldError
      : C extends 'FIELD_NOT_VISIBLE'
        ? FieldNotVisibleError
        : C extends 'FORBIDDEN'
          ? ForbiddenError
          : C extends ConflictError['code']
            ? ConflictError
            : C extends AdapterError['code']
              ? AdapterError
              : C extends HostError['code']
                ? HostError
                : CrmError<C>) & { readonly code: C };

/**
 * Tells whether a value is an error thrown by crm-kit, optionally with one of the given codes, and
 * narrows it to the class that code is thrown with ({@link CrmErrorOf}). It works across several
 * installed copies of the package, where `instanceof` does not.
 *
 * @param error - Any caught value.
 * @param codes - When given, the error must carry one of these codes.
 * @returns `true` when `error` is a crm-kit error (with a matching code).
 *
 * @example
 * ```ts
 * try {
 *   getCurrency('XYZ');
 * } catch (error) {
 *   isCrmError(error); //=> true
 *   isCrmError(error, 'UNKNOWN_CURRENCY'); //=> true
 *   isCrmError(error, 'NO_RATE'); //=> false
 * }
 * try {
 *   money('9'.repeat(1000), 'EUR');
 * } catch (error) {
 *   isCrmError(error, 'LIMIT_EXCEEDED') && error.limit; //=> 'amountText'
 * }
 * ```
 */
export function isCrmError(error: unknown): error is CrmError;
export function isCrmError<C extends CrmErrorCode>(error: unknown, ...codes: readonly [C, ...C[]]): error is CrmErrorOf<C>;
export function isCrmError(error: unknown, ...codes: readonly CrmErrorCode[]): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { [BRAND]?: unknown })[BRAND] !== true) return false;
  const { code } = error as { code?: unknown };
  if (typeof code !== 'string') return false;
  return codes.length === 0 || (codes as readonly string[]).includes(code);
}
