import { isCrmError, NAME_FORMATS, splitFullName } from 'crm-kit';
import { describe, expect, it } from 'vitest';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const { firstLast, firstSecondLast, lastFirst, lastFirstSecond, lastCommaFirst, titleLast, initialLast } = NAME_FORMATS;

describe('splitFullName: white space and empty text', () => {
  it('an empty or blank text gives an empty object', () => {
    expect(splitFullName('', firstLast)).toEqual({});
    expect(splitFullName(' \t\u00a0 ', firstLast)).toEqual({});
  });

  it('white space is squeezed before splitting', () => {
    expect(splitFullName('  Ana \u00a0  García\t', firstLast)).toEqual({ firstName: 'Ana', lastName: 'García' });
  });

  it('the result has only non-empty parts as keys', () => {
    const name = splitFullName('Ana', firstSecondLast);
    expect(Object.keys(name)).toEqual(['firstName']);
  });
});

describe('splitFullName: honorifics', () => {
  it.each([
    'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Sr', 'Sra', 'Srta', 'Dra', 'Herr', 'Frau', 'Mme', 'Mlle',
    'Mr.', 'DR.', 'prof.', 'Sra.', 'M.',
  ])('a leading %j goes to honorific as written', (title) => {
    expect(splitFullName(`${title} Ana García`, firstLast)).toEqual({ honorific: title, firstName: 'Ana', lastName: 'García' });
  });

  it('Don and Doña are honorifics too, with or without accent', () => {
    expect(splitFullName('Doña Ana García', firstLast)).toEqual({ honorific: 'Doña', firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('DONA Ana García', firstLast)).toEqual({ honorific: 'DONA', firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('Don Pedro García', firstLast)).toEqual({ honorific: 'Don', firstName: 'Pedro', lastName: 'García' });
  });

  it('a bare "M" without its dot is an initial, not an honorific', () => {
    expect(splitFullName('M Dupont', firstLast)).toEqual({ firstName: 'M', lastName: 'Dupont' });
  });

  it('an honorific is recognised only at the start', () => {
    expect(splitFullName('Ana Dr García', firstLast)).toEqual({ firstName: 'Ana', lastName: 'Dr García' });
  });

  it('a lone word is never taken as an honorific', () => {
    expect(splitFullName('Don', firstLast)).toEqual({ firstName: 'Don' });
  });

  it('one word after an honorific is a last name', () => {
    expect(splitFullName('Dr García', firstLast)).toEqual({ honorific: 'Dr', lastName: 'García' });
    expect(splitFullName('Mrs. Robinson', titleLast)).toEqual({ honorific: 'Mrs.', lastName: 'Robinson' });
  });

  it('one word after Don or Doña is a first name', () => {
    expect(splitFullName('Don Pedro', lastFirst)).toEqual({ honorific: 'Don', firstName: 'Pedro' });
    expect(splitFullName('Doña Bárbara', firstLast)).toEqual({ honorific: 'Doña', firstName: 'Bárbara' });
  });

  it('one word after an honorific goes to the first name the format has when it has no last name', () => {
    expect(splitFullName('Dr Ana', '#TITLE# #NAME#')).toEqual({ honorific: 'Dr', firstName: 'Ana' });
  });
});

describe('splitFullName: comma', () => {
  it('the text before a comma is the last name and the rest the first name', () => {
    expect(splitFullName('García López, Ana María', firstLast)).toEqual({
      firstName: 'Ana María',
      lastName: 'García López',
    });
  });

  it('with a second name in the format, the first word after the comma is the first name and the rest the second', () => {
    expect(splitFullName('García, Juan Carlos Alberto', firstSecondLast)).toEqual({
      firstName: 'Juan',
      secondName: 'Carlos Alberto',
      lastName: 'García',
    });
  });

  it('a comma wins over the format order', () => {
    expect(splitFullName('García, Ana', lastFirst)).toEqual({ firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('García, Ana', titleLast)).toEqual({ firstName: 'Ana', lastName: 'García' });
  });

  it('no space is needed after the comma', () => {
    expect(splitFullName('García,Ana', lastCommaFirst)).toEqual({ firstName: 'Ana', lastName: 'García' });
  });

  it('a leading honorific is taken before the comma is read', () => {
    expect(splitFullName('Dr. Smith, John', firstLast)).toEqual({ honorific: 'Dr.', firstName: 'John', lastName: 'Smith' });
  });

  it('an empty side of the comma leaves that part out', () => {
    expect(splitFullName('García,', lastCommaFirst)).toEqual({ lastName: 'García' });
    expect(splitFullName(', Ana', lastCommaFirst)).toEqual({ firstName: 'Ana' });
    expect(splitFullName(' , ', lastCommaFirst)).toEqual({});
  });

  it('further commas are read as spaces', () => {
    expect(splitFullName('Smith, John, Jr.', firstLast)).toEqual({ firstName: 'John Jr.', lastName: 'Smith' });
  });
});

describe('splitFullName: format order', () => {
  it('one word goes to the name the format puts first', () => {
    expect(splitFullName('Ana', firstLast)).toEqual({ firstName: 'Ana' });
    expect(splitFullName('García', lastFirst)).toEqual({ lastName: 'García' });
    expect(splitFullName('García', lastCommaFirst)).toEqual({ lastName: 'García' });
    expect(splitFullName('García', titleLast)).toEqual({ lastName: 'García' });
  });

  it('two words are first and last name in first-name-first formats', () => {
    expect(splitFullName('Ana García', firstLast)).toEqual({ firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('Ana García', firstSecondLast)).toEqual({ firstName: 'Ana', lastName: 'García' });
  });

  it('two words are last and first name in last-name-first formats', () => {
    expect(splitFullName('García Ana', lastFirst)).toEqual({ firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('García Ana', lastFirstSecond)).toEqual({ firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('García Ana', lastCommaFirst)).toEqual({ firstName: 'Ana', lastName: 'García' });
  });

  it('three words are first, second and last name when the format has a second name', () => {
    expect(splitFullName('Ana María García', firstSecondLast)).toEqual({
      firstName: 'Ana',
      secondName: 'María',
      lastName: 'García',
    });
  });

  it('three words are last, first and second name in "#LAST_NAME# #NAME# #SECOND_NAME#"', () => {
    expect(splitFullName('Ivanov Ivan Ivanovich', lastFirstSecond)).toEqual({
      firstName: 'Ivan',
      secondName: 'Ivanovich',
      lastName: 'Ivanov',
    });
  });

  it('a first-last format keeps a compound surname: "Juan García López" is Juan / García López', () => {
    expect(splitFullName('Juan García López', firstLast)).toEqual({ firstName: 'Juan', lastName: 'García López' });
  });

  it('a last-first format keeps a compound surname: "García López Juan" is García López / Juan', () => {
    expect(splitFullName('García López Juan', lastFirst)).toEqual({ firstName: 'Juan', lastName: 'García López' });
  });

  it('extra words go to the surname in first-name-first formats', () => {
    expect(splitFullName('Juan Carlos García López', firstSecondLast)).toEqual({
      firstName: 'Juan',
      secondName: 'Carlos',
      lastName: 'García López',
    });
    expect(splitFullName('Juan García López Pérez', firstLast)).toEqual({ firstName: 'Juan', lastName: 'García López Pérez' });
  });

  it('extra words go to the surname in last-name-first formats', () => {
    expect(splitFullName('García López Juan Carlos', lastFirstSecond)).toEqual({
      firstName: 'Juan',
      secondName: 'Carlos',
      lastName: 'García López',
    });
  });

  it('initials tokens order the names like their full tokens', () => {
    expect(splitFullName('J. García', initialLast)).toEqual({ firstName: 'J.', lastName: 'García' });
    expect(splitFullName('García J. C.', NAME_FORMATS.lastInitials)).toEqual({
      firstName: 'J.',
      secondName: 'C.',
      lastName: 'García',
    });
  });

  it('a format with only a last name puts every word in the last name', () => {
    expect(splitFullName('García López', titleLast)).toEqual({ lastName: 'García López' });
  });

  it('a format with only given names puts the first word in the first name and the rest in the second', () => {
    expect(splitFullName('Ana María José', '#NAME# #SECOND_NAME#')).toEqual({ firstName: 'Ana', secondName: 'María José' });
    expect(splitFullName('Ana María', '#NAME#')).toEqual({ firstName: 'Ana María' });
  });

  it('a format with no name token is read as "#NAME# #LAST_NAME#"', () => {
    expect(splitFullName('Dr Ana García López', '#TITLE#')).toEqual({
      honorific: 'Dr',
      firstName: 'Ana',
      lastName: 'García López',
    });
  });
});

describe('splitFullName: surname particles', () => {
  it('"María de la Cruz" is María / de la Cruz', () => {
    expect(splitFullName('María de la Cruz', firstLast)).toEqual({ firstName: 'María', lastName: 'de la Cruz' });
  });

  it('"Juan Carlos de la Cruz" is Juan / Carlos / de la Cruz with a second name', () => {
    expect(splitFullName('Juan Carlos de la Cruz', firstSecondLast)).toEqual({
      firstName: 'Juan',
      secondName: 'Carlos',
      lastName: 'de la Cruz',
    });
  });

  it('the words before a particle are a compound first name without a second name in the format', () => {
    expect(splitFullName('Juan Carlos de la Cruz', firstLast)).toEqual({ firstName: 'Juan Carlos', lastName: 'de la Cruz' });
  });

  it.each([
    ['Ludwig van Beethoven', 'van Beethoven'],
    ['Ursula von der Leyen', 'von der Leyen'],
    ['Leonardo da Vinci', 'da Vinci'],
    ['Marie de los Ángeles', 'de los Ángeles'],
    ['Ana dos Santos', 'dos Santos'],
    ['Daniel Di Angelo', 'Di Angelo'],
    ['Pierre Du Pont', 'Du Pont'],
    ['Mohammed bin Salman', 'bin Salman'],
    ['Ahmad ibn Hanbal', 'ibn Hanbal'],
    ['Omar al Bashir', 'al Bashir'],
    ['Jan ten Cate', 'ten Cate'],
    ['Geert ter Horst', 'ter Horst'],
    ['Mary St. John', 'St. John'],
    ['Anne Le Pen', 'Le Pen'],
    ['Paula del Río', 'del Río'],
    ['Joost den Uyl', 'den Uyl'],
    ['Sofia das Neves', 'das Neves'],
    ['Luís do Carmo', 'do Carmo'],
  ])('in %j a particle begins the surname %j', (text, lastName) => {
    expect(splitFullName(text, firstLast).lastName).toBe(lastName);
  });

  it('particles are recognised in any case', () => {
    expect(splitFullName('María De La Cruz', firstLast)).toEqual({ firstName: 'María', lastName: 'De La Cruz' });
  });

  it('"y" joins two surnames, so the surname begins with the word before it', () => {
    expect(splitFullName('José Ortega y Gasset', firstLast)).toEqual({ firstName: 'José', lastName: 'Ortega y Gasset' });
  });

  it('the first word is always a given name, even when it looks like a particle', () => {
    expect(splitFullName('Van Morrison', firstLast)).toEqual({ firstName: 'Van', lastName: 'Morrison' });
  });

  it('a particle not followed by a surname word does not begin a surname', () => {
    expect(splitFullName('Anna Le', firstLast)).toEqual({ firstName: 'Anna', lastName: 'Le' });
    expect(splitFullName('Ana María de', firstSecondLast)).toEqual({ firstName: 'Ana', secondName: 'María', lastName: 'de' });
  });

  it('particles do not move words in last-name-first formats', () => {
    expect(splitFullName('de la Cruz María', lastFirst)).toEqual({ firstName: 'María', lastName: 'de la Cruz' });
  });
});

describe('splitFullName: bad input', () => {
  it('an invalid format throws INVALID_NAME_FORMAT', () => {
    expect(isCrmError(thrown(() => splitFullName('Ana García', '#FIRST# #LAST_NAME#')), 'INVALID_NAME_FORMAT')).toBe(true);
    expect(isCrmError(thrown(() => splitFullName('Ana García', 'first last' as never)), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it('an invalid format throws even for an empty text', () => {
    expect(isCrmError(thrown(() => splitFullName('', '#FIRST#' as never)), 'INVALID_NAME_FORMAT')).toBe(true);
  });

  it.each([undefined, null, 42, ['Ana']])('the non-string text %j throws INVALID_ARGUMENT', (text) => {
    expect(isCrmError(thrown(() => splitFullName(text as never, firstLast)), 'INVALID_ARGUMENT')).toBe(true);
  });
});
