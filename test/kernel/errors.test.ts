import { describe, expect, it } from 'vitest';
import {
  CRM_ERROR_CODES,
  CrmError,
  CurrencyMismatchError,
  isCrmError,
  MissingRateError,
  UnknownCurrencyError,
  ValidationError,
} from 'crm-kit';

describe('CrmError', () => {
  it('prefixes every message with [crm-kit] and keeps the code', () => {
    const error = new ValidationError('INVALID_AMOUNT', 'Bad amount.');
    expect(error.message).toBe('[crm-kit] Bad amount.');
    expect(error.code).toBe('INVALID_AMOUNT');
    expect(error.name).toBe('ValidationError');
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps the cause it was given, and has none otherwise', () => {
    const cause = new Error('socket closed');
    expect(new MissingRateError('NO_RATE', 'x', { cause }).cause).toBe(cause);
    expect('cause' in new MissingRateError('NO_RATE', 'x')).toBe(false);
  });

  it('names each subclass after itself', () => {
    expect(new UnknownCurrencyError('UNKNOWN_CURRENCY', 'x').name).toBe('UnknownCurrencyError');
    expect(new CurrencyMismatchError('CURRENCY_MISMATCH', 'x').name).toBe('CurrencyMismatchError');
  });

  it('codes are unique upper snake case', () => {
    expect(new Set(CRM_ERROR_CODES).size).toBe(CRM_ERROR_CODES.length);
    for (const code of CRM_ERROR_CODES) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('a validation error carries its issues', () => {
    const issues = [{ code: 'INVALID_RATE' as const, path: ['rates', 0], message: 'x' }];
    expect(new ValidationError('INVALID_RATE', 'x', { issues }).issues).toEqual(issues);
    expect(new ValidationError('INVALID_RATE', 'x').issues).toEqual([]);
  });
});

describe('isCrmError', () => {
  it('recognises crm-kit errors and filters by code', () => {
    const error = new CurrencyMismatchError('CURRENCY_MISMATCH', 'x');
    expect(isCrmError(error)).toBe(true);
    expect(isCrmError(error, 'CURRENCY_MISMATCH')).toBe(true);
    expect(isCrmError(error, 'NO_RATE', 'CURRENCY_MISMATCH')).toBe(true);
    expect(isCrmError(error, 'NO_RATE')).toBe(false);
  });

  it('rejects other errors and non-errors', () => {
    for (const value of [new Error('x'), { code: 'NO_RATE' }, null, undefined, 'NO_RATE', 42]) {
      expect(isCrmError(value)).toBe(false);
    }
  });

  it('recognises an error from another installed copy of crm-kit, where instanceof fails', () => {
    // A second copy has its own classes but brands its errors with the same registered symbol.
    class ForeignCrmError extends Error {
      readonly code = 'NO_RATE';
      constructor() {
        super('[crm-kit] from another copy');
        Object.defineProperty(this, Symbol.for('crm-kit.error'), { value: true });
      }
    }
    const foreign = new ForeignCrmError();
    expect(foreign instanceof CrmError).toBe(false);
    expect(isCrmError(foreign, 'NO_RATE')).toBe(true);
  });

  it('does not treat a branded object without a string code as a crm-kit error', () => {
    const fake = Object.defineProperty({ code: 7 }, Symbol.for('crm-kit.error'), { value: true });
    expect(isCrmError(fake)).toBe(false);
  });
});
