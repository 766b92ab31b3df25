import { describe, expect, it } from 'vitest';
import { checkField, defineField, isCrmError, RESERVED_FIELD_CODES } from 'crm-kit';
import type { FieldDefinition, ValidationError } from 'crm-kit';

const codesOf = (definition: unknown): string[][] => {
  const result = checkField(definition);
  return result.success ? [] : result.issues.map((i) => [i.code, i.path.join('.')]);
};
const base = { code: 'field', labels: { en: 'Field' } };

describe('defineField', () => {
  it('accepts a definition of every type and returns a frozen copy', () => {
    const definitions: FieldDefinition[] = [
      { ...base, type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Z]{2}[0-9]+$', multiline: false, default: 'ES123' },
      { ...base, type: 'integer', min: 0, max: 10, default: 3, multiple: true },
      { ...base, type: 'number', min: 0, max: 1, precision: 2, default: 0.25 },
      { ...base, type: 'boolean', default: true },
      { ...base, type: 'date', default: '2026-01-31' },
      { ...base, type: 'datetime', default: 'now' },
      { ...base, type: 'datetime', default: '2026-01-31T10:00:00Z' },
      { ...base, type: 'enumeration', options: [{ id: 'a', labels: { en: 'A' } }, { id: 'b', labels: { en: 'B', es: 'Be' }, sort: 2 }], default: ['a', 'b'], multiple: true },
      { ...base, type: 'money', default: { amount: '10', currency: 'EUR' } },
      { ...base, type: 'url', default: 'https://example.com' },
      { ...base, type: 'email', default: 'ana@example.com' },
      { ...base, type: 'phone', default: '+34 600 123 456' },
      { ...base, type: 'address' },
      { ...base, type: 'file', maxBytes: 1000, mediaTypes: ['application/pdf', 'image/*'] },
      { ...base, type: 'user', default: 'u-1' },
      { ...base, type: 'link', targets: ['company', 'contact'] },
    ];
    for (const definition of definitions) {
      const defined = defineField(definition);
      expect(defined).toEqual(definition);
      expect(defined).not.toBe(definition);
      expect(Object.isFrozen(defined)).toBe(true);
      expect(Object.isFrozen(defined.labels)).toBe(true);
    }
  });

  it('takes every language tag as a label key, and needs at least one label', () => {
    expect(codesOf({ ...base, type: 'url', labels: { en: 'Site', es: 'Sitio', 'pt-BR': 'Site' } })).toEqual([]);
    expect(codesOf({ ...base, type: 'url', labels: {} })).toEqual([['INVALID_FIELD_DEFINITION', 'labels']]);
    expect(codesOf({ ...base, type: 'url', labels: { English: 'Site' } })).toEqual([['INVALID_FIELD_DEFINITION', 'labels.English']]);
    expect(codesOf({ ...base, type: 'url', labels: { en: '  ' } })).toEqual([['INVALID_FIELD_DEFINITION', 'labels.en']]);
  });

  it.each(['Budget', '1st', 'vat-id', '', 'a'.repeat(64), '_private', 'ñandú'])('refuses the code %j, which is not a slug', (code) => {
    expect(codesOf({ ...base, type: 'boolean', code })).toEqual([['INVALID_FIELD_DEFINITION', 'code']]);
  });

  it.each(RESERVED_FIELD_CODES.filter((code) => /^[a-z]/.test(code)))('refuses the reserved code %s', (code) => {
    expect(codesOf({ ...base, type: 'boolean', code })).toEqual([['RESERVED_CODE', 'code']]);
  });

  it('refuses an unknown type and settings of another type', () => {
    expect(codesOf({ ...base, type: 'currency' })).toEqual([['INVALID_FIELD_DEFINITION', 'type']]);
    expect(codesOf({ ...base, type: 'boolean', maxLength: 3 })).toEqual([['INVALID_FIELD_DEFINITION', 'maxLength']]);
    expect(codesOf({ ...base, type: 'string', maxlength: 3 })).toEqual([['INVALID_FIELD_DEFINITION', 'maxlength']]);
  });

  it('never lets a boolean field be multiple', () => {
    expect(codesOf({ ...base, type: 'boolean', multiple: true })).toEqual([['INVALID_FIELD_DEFINITION', 'multiple']]);
  });

  it('refuses bounds that are not whole, not finite or out of order', () => {
    expect(codesOf({ ...base, type: 'string', minLength: 5, maxLength: 2 })).toEqual([['INVALID_FIELD_DEFINITION', 'minLength']]);
    expect(codesOf({ ...base, type: 'string', maxLength: 0 })).toEqual([['INVALID_FIELD_DEFINITION', 'maxLength']]);
    expect(codesOf({ ...base, type: 'integer', min: 0.5 })).toEqual([['INVALID_FIELD_DEFINITION', 'min']]);
    expect(codesOf({ ...base, type: 'number', max: Number.POSITIVE_INFINITY })).toEqual([['INVALID_FIELD_DEFINITION', 'max']]);
    expect(codesOf({ ...base, type: 'number', min: 2, max: 1 })).toEqual([['INVALID_FIELD_DEFINITION', 'min']]);
    expect(codesOf({ ...base, type: 'number', precision: 16 })).toEqual([['INVALID_FIELD_DEFINITION', 'precision']]);
  });

  it('refuses defaults that are not valid values of the field', () => {
    expect(codesOf({ ...base, type: 'string', maxLength: 2, default: 'abc' })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'integer', max: 5, default: 6 })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'date', default: '2026-02-30' })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'datetime', default: 'tomorrow' })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'money', default: { amount: '1,5', currency: 'EUR' } })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'email', default: 'not an address' })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    const options = [{ id: 'a', labels: { en: 'A' } }];
    expect(codesOf({ ...base, type: 'enumeration', options, default: 'z' })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'enumeration', options, default: ['a'] })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
    expect(codesOf({ ...base, type: 'enumeration', options, multiple: true, default: ['a', 'z'] })).toEqual([['INVALID_FIELD_DEFINITION', 'default.1']]);
  });

  it('needs enumeration options with unique ids', () => {
    expect(codesOf({ ...base, type: 'enumeration', options: [] })).toEqual([['INVALID_FIELD_DEFINITION', 'options']]);
    const twice = [{ id: 'a', labels: { en: 'A' } }, { id: 'a', labels: { en: 'Again' } }];
    expect(codesOf({ ...base, type: 'enumeration', options: twice })).toEqual([['DUPLICATE_FIELD', 'options.1.id']]);
  });

  it('needs link targets among the linkable entity types', () => {
    expect(codesOf({ ...base, type: 'link', targets: [] })).toEqual([['INVALID_FIELD_DEFINITION', 'targets']]);
    expect(codesOf({ ...base, type: 'link', targets: ['activity'] })).toEqual([['INVALID_FIELD_DEFINITION', 'targets']]);
    expect(codesOf({ ...base, type: 'link', targets: ['deal', 'deal'] })).toEqual([['INVALID_FIELD_DEFINITION', 'targets']]);
  });

  it('checks visibility lists and the required-from-stage rule', () => {
    expect(codesOf({ ...base, type: 'url', visibility: { restrictedTo: { roleIds: ['sales'], userIds: [] } } })).toEqual([]);
    expect(codesOf({ ...base, type: 'url', visibility: { restrictedTo: { teams: ['x'] } } })).toEqual([['INVALID_FIELD_DEFINITION', 'visibility.restrictedTo.teams']]);
    expect(codesOf({ ...base, type: 'url', visibility: { restrictedTo: { userIds: [''] } } })).toEqual([['INVALID_FIELD_DEFINITION', 'visibility.restrictedTo.userIds']]);
    expect(codesOf({ ...base, type: 'url', requiredFromStage: { stageId: '' } })).toEqual([['INVALID_FIELD_DEFINITION', 'requiredFromStage']]);
  });

  it('reports every problem at once', () => {
    expect(codesOf({ type: 'string', code: 'Bad', labels: {}, maxLength: -1 })).toEqual([
      ['INVALID_FIELD_DEFINITION', 'code'],
      ['INVALID_FIELD_DEFINITION', 'labels'],
      ['INVALID_FIELD_DEFINITION', 'maxLength'],
    ]);
  });

  it('throws INVALID_FIELD_DEFINITION with the issues, its message naming neither values nor keys', () => {
    try {
      defineField({ ...base, type: 'string', default: 'secret-value', maxLength: 3, ['secret-key' as 'multiline']: true });
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_FIELD_DEFINITION')).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['secret-key']);
      expect(String(error)).not.toContain('secret');
    }
  });

  it('refuses a misspelt or malformed visibility instead of leaving the field open', () => {
    expect(codesOf({ ...base, type: 'url', visibility: { restrictedto: { userIds: ['u-ceo'] } } })).toEqual([['INVALID_FIELD_DEFINITION', 'visibility']]);
    expect(codesOf({ ...base, type: 'url', visibility: 'finance' })).toEqual([['INVALID_FIELD_DEFINITION', 'visibility']]);
  });

  it('caps a field with a pattern at 1024 characters', () => {
    expect(codesOf({ ...base, type: 'string', pattern: '[a-z]+', maxLength: 2000 })).toEqual([['INVALID_FIELD_DEFINITION', 'maxLength']]);
    expect(codesOf({ ...base, type: 'string', pattern: '[a-z]+', maxLength: 1024 })).toEqual([]);
  });

  it('refuses a default list that names a value twice', () => {
    const options = [{ id: 'a', labels: { en: 'A' } }];
    expect(codesOf({ ...base, type: 'enumeration', options, multiple: true, default: ['a', 'a'] })).toEqual([['INVALID_FIELD_DEFINITION', 'default']]);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, 'string', 42, []]) expect(checkField(value).success).toBe(false);
  });
});

describe('patterns', () => {
  const patternCodes = (pattern: string): string[][] => codesOf({ ...base, type: 'string', pattern });

  it.each([
    ['^[A-Z]{2}[0-9A-Z]+$'],
    ['^[a-z]+@[a-z]+\\.[a-z]+$'],
    ['(\\d{3})-(\\d{4})'],
    ['(?:com|org)'],
    ['\\d+\\.\\d+'],
    ['(?:ab){2,5}'],
    ['[(+*]+x'],
    ['\\u{1F600}+!'],
    ['^\\d{5}(-\\d{4})?$'],
    ['^[0-9]{1,3}(\\.[0-9]{1,3}){3}$'],
  ])('accepts the pattern %s', (pattern) => {
    expect(patternCodes(pattern)).toEqual([]);
  });

  // The previous screen refused these for fear of backtracking; the linear matcher runs them safely.
  it.each([
    ['(a+)+$', 'nested quantifiers'],
    ['(a*)*', 'nested quantifiers'],
    ['((ab)*c)*', 'nested quantifiers'],
    ['(a?)+', 'nested quantifiers'],
    ['(a|aa)*', 'repeated alternatives'],
    ['(?:com|org)+', 'repeated alternatives'],
    ['(a|aa){0,40}', 'a bounded repetition of alternatives'],
    ['(?:\\w|\\d){1,60}x', 'a bounded repetition of overlapping alternatives'],
    ['(?:a|a)?(?:a|a)?', 'optional alternatives'],
    ['\\d+\\.?\\d+', 'unbounded runs with only an optional item between'],
    ['[a-z]+[a-z0-9]?[a-z]+@', 'unbounded runs with only an optional item between'],
    ['\\d+\\d{1,3}\\d+', 'unbounded runs with only a bounded repetition between'],
    ['\\d+\\d+', 'adjacent unbounded quantifiers'],
    ['.*.*x', 'adjacent unbounded quantifiers'],
  ])('accepts %s (%s), which runs in linear time', (pattern) => {
    expect(patternCodes(pattern)).toEqual([]);
  });

  it.each([
    ['(a)\\1', 'a back-reference'],
    ['(?<n>a)\\k<n>', 'a named back-reference'],
    ['(?=a)a', 'a lookahead'],
    ['(?<!a)b', 'a lookbehind'],
    ['(?:ab|cd){0,500}(?:ef|gh){0,500}', 'a program over the size cap'],
    ['x'.repeat(201), 'over 200 characters'],
  ])('refuses %s (%s) as UNSAFE_PATTERN', (pattern) => {
    expect(patternCodes(pattern)).toEqual([['UNSAFE_PATTERN', 'pattern']]);
  });

  it('refuses a pattern that does not compile', () => {
    expect(patternCodes('([')).toEqual([['INVALID_FIELD_DEFINITION', 'pattern']]);
  });
});
