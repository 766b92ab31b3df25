import { describe, expect, it } from 'vitest';
import { fail, isCrmError, issue, ok, unwrap, ValidationError } from 'crm-kit';

describe('results', () => {
  it('ok and fail build the two branches as plain data', () => {
    expect(ok(3)).toEqual({ success: true, data: 3 });
    const found = issue('INVALID_DATE', 'Not a day.', ['from']);
    expect(found).toEqual({ code: 'INVALID_DATE', path: ['from'], message: 'Not a day.' });
    expect(fail(found)).toEqual({ success: false, issues: [found] });
    expect(fail([found, found]).issues).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(fail(found)))).toEqual(fail(found));
  });

  it('an issue without a path points at the root', () => {
    expect(issue('INVALID_AMOUNT', 'x').path).toEqual([]);
  });

  it('a failure needs at least one issue', () => {
    expect(() => fail([])).toThrow(ValidationError);
  });

  it('unwrap returns the data of a success', () => {
    expect(unwrap(ok('x'))).toBe('x');
  });

  it('unwrap throws VALIDATION_FAILED with every issue, locating the first', () => {
    const failure = fail([issue('INVALID_AMOUNT', 'Not a number.', ['rows', 2, 'price']), issue('INVALID_DATE', 'Not a day.')]);
    try {
      unwrap(failure);
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'VALIDATION_FAILED')).toBe(true);
      expect((error as ValidationError).issues).toEqual(failure.issues);
      expect((error as ValidationError).message).toBe('[crm-kit] Not a number. at rows.2.price (and 1 more)');
    }
  });
});
