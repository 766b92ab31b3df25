/**
 * Every code a {@link CrmError} or a returned {@link Issue} can carry. Codes are stable: hosts may
 * switch on them, log them and translate them; a code is never renamed within a major version.
 *
 * @example
 * ```ts
 * CRM_ERROR_CODES.includes('CURRENCY_MISMATCH'); //=> true
 * ```
 */
export const CRM_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'VALIDATION_FAILED',
  'INVALID_AMOUNT',
  'AMBIGUOUS_AMOUNT',
  'AMOUNT_OUT_OF_RANGE',
  'UNKNOWN_CURRENCY',
  'CURRENCY_MISMATCH',
  'INVALID_RATE',
  'NO_RATE',
  'INVALID_DATE',
  'INVALID_NAME_FORMAT',
  'ID_SPACE_EXHAUSTED',
  'REQUIRED',
  'INVALID_VALUE',
  'UNKNOWN_FIELD',
  'INVALID_FIELD_DEFINITION',
  'RESERVED_CODE',
  'UNSAFE_PATTERN',
  'DUPLICATE_FIELD',
  'SYSTEM_FIELD',
  'FORBIDDEN',
  'FIELD_NOT_VISIBLE',
  'INVALID_STAGE_TRANSITION',
  'NOT_FOUND',
  'DUPLICATE_ID',
  'VERSION_CONFLICT',
  'CHANGED_SINCE',
  'ALREADY_UNDONE',
  'UNSUPPORTED',
  'ADAPTER_FAILURE',
  'LIMIT_EXCEEDED',
  'NOT_PLAIN_DATA',
  'INVALID_TEXT',
  'CLOCK_FAILURE',
  'ID_GENERATOR_FAILURE',
  // Reading and importing files: a row's problems, each on its own row of the account.
  'UNCLOSED_QUOTE',
  'MALFORMED_QUOTES',
  'WRONG_CELL_COUNT',
  'AMBIGUOUS_VALUE',
  'REFERENCE_NOT_FOUND',
  'AMBIGUOUS_REFERENCE',
  'ALREADY_IMPORTED',
  'DUPLICATE_RECORD',
  'ABORTED',
  'SOURCE_FAILURE',
] as const;

/**
 * A stable machine-readable code, one of {@link CRM_ERROR_CODES}.
 */
export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];
