import { expectTypeOf } from 'vitest';
import type { ConflictError, CrmError, Issue, LimitError, ValidationError } from 'crm-kit';
import { isCrmError } from 'crm-kit';

declare const caught: unknown;

if (isCrmError(caught, 'VALIDATION_FAILED')) {
  expectTypeOf(caught).toExtend<ValidationError>();
  expectTypeOf(caught.code).toEqualTypeOf<'VALIDATION_FAILED'>();
}
if (isCrmError(caught, 'VERSION_CONFLICT', 'DUPLICATE_ID')) expectTypeOf(caught).toExtend<ConflictError>();
if (isCrmError(caught, 'LIMIT_EXCEEDED')) expectTypeOf(caught.limit).toEqualTypeOf<LimitError['limit']>();
if (isCrmError(caught)) expectTypeOf(caught).toEqualTypeOf<CrmError>();
// @ts-expect-error: not a crm-kit code
isCrmError(caught, 'NOPE');
if (isCrmError(caught, 'FORBIDDEN')) expectTypeOf(caught.issues).toEqualTypeOf<readonly Issue[]>();
