import { assertNameFormat, formatPersonName, isCrmError, NAME_FORMATS, NAME_TOKENS, ValidationError } from 'crm-kit';
import type { NameFormat } from 'crm-kit';
import { describe, expect, it } from 'vitest';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('NAME_TOKENS', () => {
  it('lists the honorific, the three names and their initials', () => {
    expect(NAME_TOKENS).toEqual([
      '#TITLE#',
      '#NAME#',
      '#SECOND_NAME#',
      '#LAST_NAME#',
      '#NAME_SHORT#',
      '#SECOND_NAME_SHORT#',
      '#LAST_NAME_SHORT#',
    ]);
  });

  it.each(NAME_TOKENS)('%s alone is a valid format', (token) => {
    expect(() => {
      assertNameFormat(token);
    }).not.toThrow();
  });

  it('every token prints its part of the name', () => {
    const person = { honorific: 'Dr', firstName: 'Ana', secondName: 'María', lastName: 'García' };
    expect(NAME_TOKENS.map((token) => formatPersonName(person, token))).toEqual([
      'Dr',
      'Ana',
      'María',
      'García',
      'A.',
      'M.',
      'G.',
    ]);
  });
});

describe('NAME_FORMATS', () => {
  it('has the presets the domain names', () => {
    const values: readonly string[] = Object.values(NAME_FORMATS);
    for (const format of [
      '#NAME# #LAST_NAME#',
      '#NAME# #SECOND_NAME# #LAST_NAME#',
      '#LAST_NAME# #NAME#',
      '#LAST_NAME# #NAME# #SECOND_NAME#',
      '#TITLE# #LAST_NAME#',
      '#LAST_NAME#, #NAME#',
      '#NAME_SHORT# #LAST_NAME#',
      '#LAST_NAME# #NAME_SHORT# #SECOND_NAME_SHORT#',
      '#TITLE# #NAME# #LAST_NAME#',
    ]) {
      expect(values).toContain(format);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(NAME_FORMATS)).toBe(true);
  });

  it.each(Object.entries(NAME_FORMATS))('the preset %s is a valid format', (_key, format) => {
    expect(() => {
      assertNameFormat(format);
    }).not.toThrow();
  });

  it('presets are NameFormat values', () => {
    const formats: readonly NameFormat[] = Object.values(NAME_FORMATS);
    expect(formats.length).toBeGreaterThanOrEqual(9);
  });
});

describe('assertNameFormat', () => {
  it('narrows a string read from settings to a NameFormat', () => {
    const settings: { readonly nameFormat: string } = { nameFormat: '#LAST_NAME# #NAME#' };
    const format = settings.nameFormat;
    assertNameFormat(format);
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, format)).toBe('García Ana');
  });

  it('rejects a format without any token with INVALID_NAME_FORMAT', () => {
    const error = thrown(() => {
      assertNameFormat('Name Surname');
    });
    expect(isCrmError(error, 'INVALID_NAME_FORMAT')).toBe(true);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('rejects an empty format with INVALID_NAME_FORMAT', () => {
    expect(isCrmError(thrown(() => {
      assertNameFormat('');
    }), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('rejects an unknown #…# token even beside known ones, naming the token and its index', () => {
    const error = thrown(() => {
      assertNameFormat('#NAME# #LASTNAME#');
    });
    expect(isCrmError(error, 'INVALID_NAME_FORMAT')).toBe(true);
    expect((error as ValidationError).message).toContain('#LASTNAME# at index 7');
  });

  it('tokens are case-sensitive: #name# is an unknown token, not text', () => {
    expect(isCrmError(thrown(() => {
      assertNameFormat('#name# #LAST_NAME#');
    }), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('reports every unknown token as one issue on the format', () => {
    const error = thrown(() => {
      assertNameFormat('#FIRST# #MIDDLE# #LAST_NAME#');
    }) as ValidationError;
    expect(error.issues.map((found) => [found.code, found.path])).toEqual([
      ['INVALID_NAME_FORMAT', ['format']],
      ['INVALID_NAME_FORMAT', ['format']],
    ]);
    expect(error.message).toContain('(and 1 more)');
  });

  it.each([undefined, null, 42, {}, ['#NAME#']])('rejects the non-string %j with INVALID_NAME_FORMAT', (value) => {
    expect(isCrmError(thrown(() => {
      assertNameFormat(value);
    }), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('a # that does not enclose a word is literal text', () => {
    assertNameFormat('#NAME# # #LAST_NAME#');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# # #LAST_NAME#')).toBe('Ana # García');
  });
});

describe('NameFormat type', () => {
  it('does not accept a literal without a known token', () => {
    // @ts-expect-error a template without any known token is not a NameFormat
    const format: NameFormat = 'Name Surname';
    expect(isCrmError(thrown(() => formatPersonName({ firstName: 'Ana' }, format)), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('does not accept a plain string until it is asserted', () => {
    const settings: { readonly nameFormat: string } = { nameFormat: '#NAME#' };
    // @ts-expect-error a string must be narrowed with assertNameFormat first
    expect(formatPersonName({ firstName: 'Ana' }, settings.nameFormat)).toBe('Ana');
  });
});
