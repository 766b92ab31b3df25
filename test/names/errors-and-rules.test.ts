// What each refusal says (code, issues, the input it points at) and rules of splitFullName that only
// show on particular word orders. Mutation testing found these unpinned.
import { assertNameFormat, formatPersonName, isCrmError, LIMITS, NAME_FORMATS, splitFullName } from 'crm-kit';
import { describe, expect, it } from 'vitest';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The code, message and issues of a thrown ValidationError, as plain data. */
function refusal(run: () => unknown): { code: string; message: string; issues: unknown } {
  const error = thrown(run);
  if (!isCrmError(error)) throw new Error('expected a crm-kit error');
  return { code: error.code, message: error.message, issues: (error as { issues?: unknown }).issues };
}

const { firstLast, firstSecondLast, lastFirst, titleFirstLast } = NAME_FORMATS;

describe('refusals name the input and say what is wrong', () => {
  it('a full name that is not a string: INVALID_ARGUMENT with an issue at text', () => {
    const { code, message, issues } = refusal(() => splitFullName(42 as unknown as string, firstLast));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain('full name must be a string');
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'Expected a string.', path: ['text'] })]);
  });

  it('a full name over the cap: LimitError naming LIMITS.fullNameText and the full name', () => {
    const error = thrown(() => splitFullName('a'.repeat(LIMITS.fullNameText + 1), firstLast));
    expect(isCrmError(error, 'LIMIT_EXCEEDED') && [error.limit, error.max]).toEqual(['fullNameText', LIMITS.fullNameText]);
    expect((error as Error).message).toContain('A full name is longer than');
  });

  it('a format that is not a string: INVALID_NAME_FORMAT with an issue at format', () => {
    const { code, message, issues } = refusal(() => {
      assertNameFormat(7);
    });
    expect(code).toBe('INVALID_NAME_FORMAT');
    expect(message).toContain('must be a string');
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID_NAME_FORMAT', message: 'Expected a string.', path: ['format'] })]);
  });

  it('a format with several unknown tokens: the first in the message, how many more, each as an issue', () => {
    const { code, message, issues } = refusal(() => {
      assertNameFormat('#FIRST# #MIDDLE# #LAST#');
    });
    expect(code).toBe('INVALID_NAME_FORMAT');
    expect(message).toMatch(/^\[crm-kit\] Unknown token #FIRST# at index 0; known tokens: #TITLE#, #NAME#, .* \(and 2 more\)$/);
    expect(issues).toHaveLength(3);
  });

  it('a format with one unknown token says no "and more"', () => {
    const { message, issues } = refusal(() => {
      assertNameFormat('#NAME# #MIDDLE#');
    });
    expect(message).toBe('[crm-kit] Unknown token #MIDDLE# at index 7; known tokens: #TITLE#, #NAME#, #SECOND_NAME#, #LAST_NAME#, #NAME_SHORT#, #SECOND_NAME_SHORT#, #LAST_NAME_SHORT#.');
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID_NAME_FORMAT', path: ['format'] })]);
  });

  it('a format without any token: INVALID_NAME_FORMAT listing the known tokens, as message and issue', () => {
    const { code, message, issues } = refusal(() => {
      assertNameFormat('Mr and Mrs');
    });
    expect(code).toBe('INVALID_NAME_FORMAT');
    expect(message).toContain('needs at least one token of #TITLE#, #NAME#, #SECOND_NAME#, #LAST_NAME#');
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID_NAME_FORMAT', message: expect.stringContaining('#NAME#') as unknown, path: ['format'] })]);
  });

  it('a person that is not an object, or a part that is not a string: INVALID_ARGUMENT with an issue at the input', () => {
    const person = refusal(() => formatPersonName('Ana' as never, firstLast));
    expect(person.code).toBe('INVALID_ARGUMENT');
    expect(person.message).toContain('person name must be an object');
    expect(person.issues).toEqual([expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('object') as unknown, path: ['person'] })]);
    const part = refusal(() => formatPersonName({ firstName: 42 } as never, firstLast));
    expect(part.code).toBe('INVALID_ARGUMENT');
    expect(part.issues).toEqual([expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'firstName must be a string when present.', path: ['firstName'] })]);
  });
});

describe('splitFullName: every surname particle begins a surname', () => {
  it.each(['de', 'del', 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'le', 'la', 'bin', 'ibn', 'al', 'ten', 'ter', 'st.', 'st', 'De', 'VAN'])(
    '"%s" after a first name begins the surname',
    (particle) => {
      // Without the particle the surname would be every word after the first one, or the last word.
      expect(splitFullName(`Ana María ${particle} Cruz`, firstLast)).toEqual({ firstName: 'Ana María', lastName: `${particle} Cruz` });
      expect(splitFullName(`Ana ${particle} Cruz`, firstSecondLast)).toEqual({ firstName: 'Ana', lastName: `${particle} Cruz` });
    },
  );

  it('a particle followed only by particles begins no surname', () => {
    expect(splitFullName('Juan Carlos de', firstLast)).toEqual({ firstName: 'Juan', lastName: 'Carlos de' });
    expect(splitFullName('Juan Carlos de la', firstLast)).toEqual({ firstName: 'Juan', lastName: 'Carlos de la' });
  });

  it('"y" takes the word before it into the surname, wherever it stands', () => {
    expect(splitFullName('Juan Carlos Ortega y Gasset', firstLast)).toEqual({ firstName: 'Juan Carlos', lastName: 'Ortega y Gasset' });
    expect(splitFullName('José Ortega y Gasset', firstSecondLast)).toEqual({ firstName: 'José', lastName: 'Ortega y Gasset' });
  });
});

describe('splitFullName: given names, commas and honorifics', () => {
  it('further commas are read as spaces', () => {
    expect(splitFullName('García, Juan, Carlos', firstSecondLast)).toEqual({ firstName: 'Juan', secondName: 'Carlos', lastName: 'García' });
    expect(splitFullName('García, Juan,Carlos', firstLast)).toEqual({ firstName: 'Juan Carlos', lastName: 'García' });
  });

  it('one word after an honorific is a last name when the format has one', () => {
    expect(splitFullName('Mrs Robinson', titleFirstLast)).toEqual({ honorific: 'Mrs', lastName: 'Robinson' });
    expect(splitFullName('Dr García', firstLast)).toEqual({ honorific: 'Dr', lastName: 'García' });
    expect(splitFullName('Dr Ana', '#TITLE# #NAME#')).toEqual({ honorific: 'Dr', firstName: 'Ana' });
  });

  it('in last-name-first text, a compound given name and every word after it are given names', () => {
    expect(splitFullName('García María del Carmen Ana', lastFirst)).toEqual({ firstName: 'María del Carmen Ana', lastName: 'García' });
    expect(splitFullName('García López María del Carmen', lastFirst)).toEqual({ firstName: 'María del Carmen', lastName: 'García López' });
  });
});

describe('initials', () => {
  it('a word without a letter or digit gives no initial and leaves no gap', () => {
    expect(formatPersonName({ firstName: 'Ana & José', lastName: 'López' }, NAME_FORMATS.initialLast)).toBe('A. J. López');
    expect(formatPersonName({ firstName: 'Ana -', lastName: 'López' }, NAME_FORMATS.initialLast)).toBe('A. López');
  });
});
