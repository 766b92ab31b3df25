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

  it('Don, Doña and Dona are an honorific when at least two words follow them, with or without accent', () => {
    expect(splitFullName('Doña Ana García', firstLast)).toEqual({ honorific: 'Doña', firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('DONA Ana García', firstLast)).toEqual({ honorific: 'DONA', firstName: 'Ana', lastName: 'García' });
    expect(splitFullName('Don Pedro García', firstLast)).toEqual({ honorific: 'Don', firstName: 'Pedro', lastName: 'García' });
    expect(splitFullName('Don. Pedro García López', firstLast)).toEqual({
      honorific: 'Don.',
      firstName: 'Pedro',
      lastName: 'García López',
    });
  });

  it.each([
    ['Don Johnson', 'Don', 'Johnson'],
    ['Dona Smith', 'Dona', 'Smith'],
    ['Doña Smith', 'Doña', 'Smith'],
    ['DON Pedro', 'DON', 'Pedro'],
  ])('Don, Doña and Dona followed by one word are a first name: %j is %j / %j', (text, firstName, lastName) => {
    expect(splitFullName(text, firstLast)).toEqual({ firstName, lastName });
  });

  it('Don, Doña and Dona followed by one word are read in the order of the format like any name', () => {
    expect(splitFullName('Don Pedro', lastFirst)).toEqual({ firstName: 'Pedro', lastName: 'Don' });
    expect(splitFullName('Doña Bárbara', firstSecondLast)).toEqual({ firstName: 'Doña', lastName: 'Bárbara' });
  });

  it('other honorifics need only one word after them', () => {
    expect(splitFullName('Dr Johnson', firstLast)).toEqual({ honorific: 'Dr', lastName: 'Johnson' });
    expect(splitFullName('Sra. Smith', firstLast)).toEqual({ honorific: 'Sra.', lastName: 'Smith' });
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

describe('splitFullName: compound given names', () => {
  it.each([
    ['María del Carmen García', 'María del Carmen'],
    ['María de los Ángeles García', 'María de los Ángeles'],
    ['María de la Luz García', 'María de la Luz'],
    ['José de Jesús García', 'José de Jesús'],
    ['María del Pilar García', 'María del Pilar'],
    ['María del Mar García', 'María del Mar'],
    ['María de las Mercedes García', 'María de las Mercedes'],
    ['María del Rosario García', 'María del Rosario'],
    ['María de Lourdes García', 'María de Lourdes'],
    ['María de los Dolores García', 'María de los Dolores'],
    ['María de la Paz García', 'María de la Paz'],
    ['María del Socorro García', 'María del Socorro'],
    ['María del Rocío García', 'María del Rocío'],
    ['María de Jesús García', 'María de Jesús'],
    ['Juan de Dios García', 'Juan de Dios'],
    ['María de Fátima García', 'María de Fátima'],
  ])('the particle of a known compound given name stays in the first name: %j', (text, firstName) => {
    expect(splitFullName(text, firstLast)).toEqual({ firstName, lastName: 'García' });
  });

  it('a known compound given name is matched in any case and with or without accents, and kept as written', () => {
    expect(splitFullName('MARIA DE LOS ANGELES PÉREZ', firstLast)).toEqual({
      firstName: 'MARIA DE LOS ANGELES',
      lastName: 'PÉREZ',
    });
    expect(splitFullName('jose de jesus perez', firstLast)).toEqual({ firstName: 'jose de jesus', lastName: 'perez' });
  });

  it('a text that is only a known compound given name is a first name, in any format with a given name', () => {
    expect(splitFullName('María del Carmen', firstLast)).toEqual({ firstName: 'María del Carmen' });
    expect(splitFullName('María del Carmen', lastFirst)).toEqual({ firstName: 'María del Carmen' });
    expect(splitFullName('María del Carmen', firstSecondLast)).toEqual({ firstName: 'María del Carmen' });
    expect(splitFullName('Sra. María del Carmen', firstLast)).toEqual({ honorific: 'Sra.', firstName: 'María del Carmen' });
  });

  it('a format with only a last name still puts every word of a compound given name in the last name', () => {
    expect(splitFullName('María del Carmen', titleLast)).toEqual({ lastName: 'María del Carmen' });
  });

  it('the surname after a known compound given name may begin with a particle or be compound', () => {
    expect(splitFullName('María del Carmen de la Fuente', firstLast)).toEqual({
      firstName: 'María del Carmen',
      lastName: 'de la Fuente',
    });
    expect(splitFullName('José de Jesús García López', firstLast)).toEqual({ firstName: 'José de Jesús', lastName: 'García López' });
    expect(splitFullName('María de la Luz Ortega y Gasset', firstLast)).toEqual({
      firstName: 'María de la Luz',
      lastName: 'Ortega y Gasset',
    });
  });

  it('a known compound given name counts as one word for the second name', () => {
    expect(splitFullName('María del Carmen Ana García', firstSecondLast)).toEqual({
      firstName: 'María del Carmen',
      secondName: 'Ana',
      lastName: 'García',
    });
    expect(splitFullName('Ana María del Carmen García', firstSecondLast)).toEqual({
      firstName: 'Ana',
      secondName: 'María del Carmen',
      lastName: 'García',
    });
  });

  it('a known compound given name second in a first-last text joins the first name when a surname follows it', () => {
    expect(splitFullName('Ana María del Carmen García', firstLast)).toEqual({
      firstName: 'Ana María del Carmen',
      lastName: 'García',
    });
  });

  it('a known compound given name second in a text and last in it is read by the particle rule', () => {
    expect(splitFullName('Ana María del Carmen', firstLast)).toEqual({ firstName: 'Ana María', lastName: 'del Carmen' });
  });

  it('a known compound given name after the surname is the given name in last-name-first formats', () => {
    expect(splitFullName('García López María del Carmen', lastFirst)).toEqual({
      firstName: 'María del Carmen',
      lastName: 'García López',
    });
    expect(splitFullName('García María del Carmen Ana', lastFirstSecond)).toEqual({
      firstName: 'María del Carmen',
      secondName: 'Ana',
      lastName: 'García',
    });
    expect(splitFullName('García Ana María de los Ángeles', lastFirstSecond)).toEqual({
      firstName: 'Ana',
      secondName: 'María de los Ángeles',
      lastName: 'García',
    });
  });

  it('a known compound given name after a comma is the first name when the format has a second name', () => {
    expect(splitFullName('García, María del Carmen Ana', firstSecondLast)).toEqual({
      firstName: 'María del Carmen',
      secondName: 'Ana',
      lastName: 'García',
    });
    expect(splitFullName('García, María del Carmen', firstLast)).toEqual({ firstName: 'María del Carmen', lastName: 'García' });
  });

  it('a Don or Doña before a known compound given name is an honorific', () => {
    expect(splitFullName('Doña María del Carmen', firstLast)).toEqual({ honorific: 'Doña', firstName: 'María del Carmen' });
    expect(splitFullName('Doña María del Carmen García', firstLast)).toEqual({
      honorific: 'Doña',
      firstName: 'María del Carmen',
      lastName: 'García',
    });
  });

  it('a name that is not on the list is read by the particle rule', () => {
    expect(splitFullName('María de la Cruz', firstLast)).toEqual({ firstName: 'María', lastName: 'de la Cruz' });
    expect(splitFullName('Ana del Carmen García', firstLast)).toEqual({ firstName: 'Ana', lastName: 'del Carmen García' });
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
