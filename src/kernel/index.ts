export { assertCalendarDate, dayNumberOf, isCalendarDate, toCalendarDate } from './calendar-date.js';
export type { CalendarDate } from './calendar-date.js';
export { fixedClock, isInstant, manualClock, systemClock, toInstant } from './clock.js';
export type { Clock, FixedDuration, ManualClock } from './clock.js';
export { CRM_ERROR_CODES } from './codes.js';
export type { CrmErrorCode } from './codes.js';
export {
  AdapterError,
  ConflictError,
  CrmError,
  CurrencyMismatchError,
  FieldError,
  FieldNotVisibleError,
  ForbiddenError,
  HostError,
  invalidArgument,
  IdSpaceExhaustedError,
  isCrmError,
  LimitError,
  assertWithinLimit,
  MissingRateError,
  NotFoundError,
  SystemFieldError,
  UnknownCurrencyError,
  ValidationError,
} from './errors.js';
export type { CrmErrorOf, CrmErrorOptions } from './errors.js';
export { LIMITS } from './limits.js';
export type { LimitName } from './limits.js';
export { sequentialIds, uuidV7Ids } from './ids.js';
export type { IdGenerator, SequentialIdsOptions, UuidV7Options } from './ids.js';
export { issue } from './issue.js';
export type { Issue, PathSegment } from './issue.js';
export { isPlainRecord } from './plain.js';
export { fail, ok, unwrap } from './result.js';
export type { Failure, Result, Success } from './result.js';
export { foldAccents, foldText, isEmptyValue, squeezeWhitespace } from './text.js';
export { isSealed, isStorableText, putData, sealableBag, sealPlain, snapshotInput } from './snapshot.js';
export { sameValue } from './same-value.js';
