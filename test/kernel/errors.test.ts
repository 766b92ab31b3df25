import { describe, expect, it } from 'vitest';
import type * as ErrorsModule from '../../src/kernel/errors.js';
import {
  CRM_ERROR_CODES,
  CrmError,
  CurrencyMismatchError,
  assertWithinLimit,
  HostError,
  isCrmError,
  LimitError,
  LIMITS,
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

  it('recognises an error from another installed copy of crm-kit, where instanceof fails', async () => {
    // A query string makes the module loader evaluate the error module a second time: its own
    // classes, as a second copy of the package in node_modules would have.
    const specifier = '../../src/kernel/errors.ts?second-copy';
    const copy = (await import(specifier)) as typeof ErrorsModule;
    const foreign = new copy.MissingRateError('NO_RATE', 'from another copy');
    expect(copy.CrmError).not.toBe(CrmError);
    expect(foreign instanceof CrmError).toBe(false);
    expect(isCrmError(foreign, 'NO_RATE')).toBe(true);
    expect(copy.isCrmError(new MissingRateError('NO_RATE', 'x'))).toBe(true);
  });

  it('does not treat a branded object without a string code as a crm-kit error', () => {
    const fake = Object.defineProperty({ code: 7 }, Symbol.for('crm-kit.error'), { value: true });
    expect(isCrmError(fake)).toBe(false);
  });
});

describe('limits', () => {
  it('a LimitError names the cap and its size, never the input', () => {
    const error = new LimitError('listItems', 'contactIds');
    expect([error.code, error.limit, error.max, error.name]).toEqual(['LIMIT_EXCEEDED', 'listItems', LIMITS.listItems, 'LimitError']);
    expect(error.message).toBe(`[crm-kit] contactIds is longer than the ${LIMITS.listItems} crm-kit accepts (LIMITS.listItems).`);
  });

  it('assertWithinLimit passes a size equal to the cap and refuses one past it', () => {
    expect(() => { assertWithinLimit('queryClauses', LIMITS.queryClauses, 'where'); }).not.toThrow();
    expect(() => { assertWithinLimit('queryClauses', LIMITS.queryClauses + 1, 'where'); }).toThrow(LimitError);
  });

  it('every cap is a positive whole number, and the table is frozen', () => {
    expect(Object.isFrozen(LIMITS)).toBe(true);
    for (const size of Object.values(LIMITS)) expect(Number.isSafeInteger(size) && size > 0).toBe(true);
  });
});

describe('isCrmError narrows to the class of the code', () => {
  it('exposes the data of the code without instanceof', () => {
    const caught: unknown = new ValidationError('VALIDATION_FAILED', 'x', { issues: [{ code: 'REQUIRED', path: ['title'], message: 'Required.' }] });
    expect(isCrmError(caught, 'VALIDATION_FAILED') ? caught.issues.map((found) => found.path) : []).toEqual([['title']]);
    const host: unknown = new HostError('CLOCK_FAILURE', 'The clock failed.', { cause: new Error('drift') });
    expect(isCrmError(host, 'CLOCK_FAILURE', 'ID_GENERATOR_FAILURE') ? host.name : '').toBe('HostError');
  });
});
