import { formatPersonName, isCrmError, NAME_FORMATS } from 'crm-kit';
import type { NameFormat, PersonName } from 'crm-kit';
import { describe, expect, it } from 'vitest';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const ana: PersonName = { honorific: 'Dra.', firstName: 'Ana', secondName: 'María', lastName: 'García López' };

describe('formatPersonName: presets', () => {
  it.each([
    ['firstLast', 'Ana García López'],
    ['firstSecondLast', 'Ana María García López'],
    ['lastFirst', 'García López Ana'],
    ['lastFirstSecond', 'García López Ana María'],
    ['lastCommaFirst', 'García López, Ana'],
    ['lastCommaFirstSecond', 'García López, Ana María'],
    ['titleLast', 'Dra. García López'],
    ['titleFirstLast', 'Dra. Ana García López'],
    ['titleFirstSecondLast', 'Dra. Ana María García López'],
    ['initialLast', 'A. García López'],
    ['initialsLast', 'A. M. García López'],
    ['firstInitialLast', 'Ana M. García López'],
    ['lastInitial', 'García López A.'],
    ['lastInitials', 'García López A. M.'],
  ] as const)('%s prints %j', (preset, expected) => {
    expect(formatPersonName(ana, NAME_FORMATS[preset])).toBe(expected);
  });
});

describe('formatPersonName: initials', () => {
  it('an initial is the first letter upper-cased and followed by a dot', () => {
    expect(formatPersonName({ firstName: 'ana' }, '#NAME_SHORT#')).toBe('A.');
  });

  it('every word of a part gets an initial', () => {
    expect(formatPersonName({ firstName: 'María José' }, '#NAME_SHORT#')).toBe('M. J.');
  });

  it('a hyphenated name keeps its hyphen between initials', () => {
    expect(formatPersonName({ firstName: 'Jean-Pierre' }, '#NAME_SHORT#')).toBe('J.-P.');
  });

  it('the initial of a decomposed accented letter is one composed (NFC) letter', () => {
    expect(formatPersonName({ firstName: 'E\u0301mile' }, '#NAME_SHORT#')).toBe('\u00c9.');
  });

  it('the initial of a letter outside the BMP is the whole letter', () => {
    expect(formatPersonName({ lastName: '𐐨𐐯𐑊' }, '#LAST_NAME_SHORT#')).toBe('𐐀.');
  });

  it('leading punctuation is skipped to find the first letter', () => {
    expect(formatPersonName({ firstName: '(Pepe)' }, '#NAME_SHORT#')).toBe('P.');
  });

  it('an initial stays one letter when upper-casing would spell it with two', () => {
    expect(formatPersonName({ firstName: 'ßelma' }, '#NAME_SHORT#')).toBe('ß.');
  });

  it('a part with no letter has no initial and leaves no dot', () => {
    expect(formatPersonName({ firstName: '-', lastName: 'García' }, NAME_FORMATS.initialLast)).toBe('García');
  });

  it('an existing initial is not doubled', () => {
    expect(formatPersonName({ firstName: 'J.', secondName: 'R. R.' }, '#NAME_SHORT# #SECOND_NAME_SHORT#')).toBe(
      'J. R. R.',
    );
  });
});

describe('formatPersonName: white space', () => {
  it('parts are trimmed and their inner white space squeezed', () => {
    expect(formatPersonName({ firstName: '  Ana \u00a0María ', lastName: '\tGarcía\n' }, NAME_FORMATS.firstLast)).toBe(
      'Ana María García',
    );
  });

  it('white space in the format is squeezed in the result', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '  #NAME#   #LAST_NAME#  ')).toBe('Ana García');
  });

  it('a blank part counts as missing', () => {
    expect(formatPersonName({ firstName: '   ', lastName: 'García' }, NAME_FORMATS.lastCommaFirst)).toBe('García');
  });
});

describe('formatPersonName: missing parts', () => {
  it('an empty last name leaves no stray comma in "#LAST_NAME#, #NAME#"', () => {
    expect(formatPersonName({ firstName: 'Ana' }, NAME_FORMATS.lastCommaFirst)).toBe('Ana');
  });

  it('an empty first name leaves no dangling comma in "#LAST_NAME#, #NAME#"', () => {
    expect(formatPersonName({ lastName: 'García' }, NAME_FORMATS.lastCommaFirst)).toBe('García');
  });

  it('a missing middle part joins its neighbours with the first non-empty separator between them', () => {
    expect(formatPersonName({ firstName: 'Carlos', lastName: 'García' }, NAME_FORMATS.lastCommaFirstSecond)).toBe(
      'García, Carlos',
    );
    expect(formatPersonName({ secondName: 'María', lastName: 'García' }, NAME_FORMATS.lastCommaFirstSecond)).toBe(
      'García, María',
    );
    expect(formatPersonName({ firstName: 'Ana', secondName: 'María' }, NAME_FORMATS.lastCommaFirstSecond)).toBe(
      'Ana María',
    );
  });

  it('tokens that touch do not glue their neighbours together when the part between is missing', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME_SHORT##SECOND_NAME_SHORT# #LAST_NAME#')).toBe(
      'A. García',
    );
  });

  it('only one separator is printed between two printed tokens', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME#, #SECOND_NAME#, #LAST_NAME#')).toBe('Ana, García');
    expect(formatPersonName({ honorific: 'Dr', lastName: 'García' }, '#TITLE# - #NAME# / #SECOND_NAME# #LAST_NAME#')).toBe(
      'Dr - García',
    );
  });

  it('a missing second name leaves no double space', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, NAME_FORMATS.firstSecondLast)).toBe('Ana García');
  });

  it('a missing honorific leaves no leading space', () => {
    expect(formatPersonName({ lastName: 'García' }, NAME_FORMATS.titleLast)).toBe('García');
  });

  it('text before the first token is printed only when that token is present', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, 'Dear #TITLE# #LAST_NAME#')).toBe('García');
    expect(formatPersonName({ honorific: 'Dr', lastName: 'García' }, 'Dear #TITLE# #LAST_NAME#')).toBe('Dear Dr García');
  });

  it('text after the last token is printed only when that token is present', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# (#LAST_NAME#)')).toBe('Ana (García)');
    expect(formatPersonName({ firstName: 'Ana' }, '#NAME# (#LAST_NAME#)')).toBe('Ana');
  });

  it('an initials token of a missing part is missing too', () => {
    expect(formatPersonName({ lastName: 'García', firstName: 'Ana' }, NAME_FORMATS.lastInitials)).toBe('García A.');
  });

  it('all parts missing print an empty string', () => {
    expect(formatPersonName({}, NAME_FORMATS.lastCommaFirstSecond)).toBe('');
    expect(formatPersonName({ honorific: ' ', firstName: '' }, NAME_FORMATS.titleFirstLast)).toBe('');
  });

  it('parts the format does not use are ignored', () => {
    expect(formatPersonName({ honorific: 'Dr', secondName: 'María' }, NAME_FORMATS.firstLast)).toBe('');
  });

  it('undefined and null parts count as missing', () => {
    const fromDatabase = { firstName: 'Ana', secondName: null, lastName: undefined } as unknown as PersonName;
    expect(formatPersonName(fromDatabase, NAME_FORMATS.firstSecondLast)).toBe('Ana');
  });
});

describe('formatPersonName: brackets and quotes', () => {
  it('prints text between two brackets only when the brackets around it are printed', () => {
    // The ' / ' lies inside the quotes around the second name; the quotes are not printed, so neither is it.
    const format = '#TITLE# ("#TITLE# "#TITLE#" / (#SECOND_NAME#)")';
    expect(formatPersonName({ secondName: 'Dr' }, format)).toBe('(Dr)');
    expect(formatPersonName({ honorific: 'Sr.', secondName: 'Dr' }, format)).toBe('Sr. ("Sr. "Sr." / (Dr)")');
  });

  it('a bracketed part alone is printed without its brackets: "#LAST_NAME# (#NAME#)" with only Ana is "Ana"', () => {
    expect(formatPersonName({ firstName: 'Ana' }, '#LAST_NAME# (#NAME#)')).toBe('Ana');
    expect(formatPersonName({ lastName: 'García' }, '#LAST_NAME# (#NAME#)')).toBe('García');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#LAST_NAME# (#NAME#)')).toBe('García (Ana)');
  });

  it('a bracketed last part alone is printed without its brackets: "#NAME# (#LAST_NAME#)" with only García is "García"', () => {
    expect(formatPersonName({ lastName: 'García' }, '#NAME# (#LAST_NAME#)')).toBe('García');
  });

  it('brackets around a missing middle part are left out with it', () => {
    const f = '#NAME# (#SECOND_NAME#) #LAST_NAME#';
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, f)).toBe('Ana García');
    expect(formatPersonName({ firstName: 'Ana', secondName: 'María' }, f)).toBe('Ana (María)');
    expect(formatPersonName({ secondName: 'María', lastName: 'García' }, f)).toBe('(María) García');
    expect(formatPersonName({ secondName: 'María' }, f)).toBe('María');
    expect(formatPersonName({ firstName: 'Ana', secondName: 'María', lastName: 'García' }, f)).toBe('Ana (María) García');
  });

  it.each([
    ['[', ']'],
    ['{', '}'],
    ['«', '»'],
    ['‹', '›'],
    ['“', '”'],
    ['‘', '’'],
    ['"', '"'],
  ])('%s and %s pair up like parentheses', (open, close) => {
    const f = `#NAME# ${open}#SECOND_NAME#${close} #LAST_NAME#` as NameFormat;
    expect(formatPersonName({ firstName: 'Ana', secondName: 'Pepa', lastName: 'García' }, f)).toBe(`Ana ${open}Pepa${close} García`);
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, f)).toBe('Ana García');
    expect(formatPersonName({ secondName: 'Pepa', lastName: 'García' }, f)).toBe(`${open}Pepa${close} García`);
    expect(formatPersonName({ secondName: 'Pepa' }, f)).toBe('Pepa');
  });

  it('brackets around every token of the format are printed whenever a part is', () => {
    expect(formatPersonName({ firstName: 'Ana' }, '(#NAME#)')).toBe('(Ana)');
    expect(formatPersonName({ lastName: 'García' }, '(#NAME# #LAST_NAME#)')).toBe('(García)');
    expect(formatPersonName({ firstName: 'Ana' }, '(#NAME# #LAST_NAME#)')).toBe('(Ana)');
    expect(formatPersonName({}, '(#NAME# #LAST_NAME#)')).toBe('');
  });

  it('brackets around several tokens close after the last printed one inside them', () => {
    const f = '#TITLE# (#NAME# #LAST_NAME#)';
    expect(formatPersonName({ honorific: 'Dr', firstName: 'Ana' }, f)).toBe('Dr (Ana)');
    expect(formatPersonName({ honorific: 'Dr', lastName: 'García' }, f)).toBe('Dr (García)');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, f)).toBe('Ana García');
  });

  it('nested brackets are printed when a part beside them within the brackets around them is printed', () => {
    const f = '#NAME# (#SECOND_NAME# [#LAST_NAME#])';
    expect(formatPersonName({ firstName: 'Ana', secondName: 'María', lastName: 'García' }, f)).toBe('Ana (María [García])');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, f)).toBe('Ana (García)');
    expect(formatPersonName({ secondName: 'María', lastName: 'García' }, f)).toBe('María [García]');
    expect(formatPersonName({ lastName: 'García' }, f)).toBe('García');
  });

  it('a separator between bracketed parts is printed only between printed parts', () => {
    const f = '(#LAST_NAME#), (#NAME#) - (#SECOND_NAME#)';
    expect(formatPersonName({ lastName: 'García', secondName: 'María' }, f)).toBe('(García), (María)');
    expect(formatPersonName({ firstName: 'Ana', secondName: 'María' }, f)).toBe('(Ana) - (María)');
  });

  it('text inside brackets goes with the token beside it', () => {
    const f = '#NAME# (aka #SECOND_NAME#) #LAST_NAME#';
    expect(formatPersonName({ firstName: 'Ana', secondName: 'Pepa', lastName: 'García' }, f)).toBe('Ana (aka Pepa) García');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, f)).toBe('Ana García');
  });

  it('a pair of brackets inside one piece of text, or a bracket without a partner, is plain text', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# #LAST_NAME# (ret.)')).toBe('Ana García (ret.)');
    expect(formatPersonName({ firstName: 'Ana' }, '#NAME# #LAST_NAME# (ret.)')).toBe('Ana');
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# :-) #LAST_NAME#')).toBe('Ana :-) García');
  });

  it('an apostrophe is not a quote', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, "#NAME# '#LAST_NAME#'")).toBe("Ana 'García'");
    expect(formatPersonName({ lastName: 'García' }, "#LAST_NAME#'s")).toBe("García's");
  });

  it('brackets in a part are printed as they are', () => {
    expect(formatPersonName({ firstName: 'Ana (Pepa)' }, '#LAST_NAME# (#NAME#)')).toBe('Ana (Pepa)');
  });
});

describe('formatPersonName: formats', () => {
  it('a token may appear twice', () => {
    expect(formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# #LAST_NAME# (#NAME_SHORT#)')).toBe(
      'Ana García (A.)',
    );
  });

  it('tokens may touch without text between them', () => {
    expect(formatPersonName({ firstName: 'Ivan', secondName: 'Ilyich' }, '#NAME_SHORT##SECOND_NAME_SHORT#')).toBe('I.I.');
  });

  it('text inside a part is never read as a token', () => {
    expect(formatPersonName({ firstName: '#LAST_NAME#', lastName: 'García' }, NAME_FORMATS.firstLast)).toBe(
      '#LAST_NAME# García',
    );
  });
});

describe('formatPersonName: bad input', () => {
  it('an unknown token throws INVALID_NAME_FORMAT', () => {
    expect(isCrmError(thrown(() => formatPersonName(ana, '#NAME# #SURNAME# #LAST_NAME#')), 'INVALID_NAME_FORMAT')).toBe(
      true,
    );
  });

  it('a format without a token throws INVALID_NAME_FORMAT even when every part is missing', () => {
    expect(isCrmError(thrown(() => formatPersonName({}, 'name' as never)), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('a person that is not an object throws INVALID_ARGUMENT', () => {
    expect(isCrmError(thrown(() => formatPersonName(null as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(
      true,
    );
    expect(isCrmError(thrown(() => formatPersonName('Ana' as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(
      true,
    );
  });

  it('an array is not a person and throws INVALID_ARGUMENT', () => {
    expect(isCrmError(thrown(() => formatPersonName([] as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(true);
    expect(isCrmError(thrown(() => formatPersonName(['Ana'] as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(true);
  });

  it('a format that is not a string throws INVALID_NAME_FORMAT', () => {
    expect(isCrmError(thrown(() => formatPersonName({ firstName: 'Ana' }, null as never)), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('a part that is not a string throws INVALID_ARGUMENT naming the field, not its value', () => {
    const error = thrown(() => formatPersonName({ firstName: 4711 } as never, NAME_FORMATS.firstLast));
    expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toContain('firstName');
    expect((error as Error).message).not.toContain('4711');
  });

  it('an error on the format names the token and its index, never the person', () => {
    const error = thrown(() => formatPersonName({ firstName: 'Zebulon', lastName: 'Pike' }, '#NAME# #SURNAME#'));
    expect((error as Error).message).toContain('#SURNAME# at index 7');
    expect((error as Error).message).not.toMatch(/Zebulon|Pike/);
  });
});
