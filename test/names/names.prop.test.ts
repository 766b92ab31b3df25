import fc from 'fast-check';
import { formatPersonName, NAME_FORMATS, NAME_TOKENS, splitFullName, squeezeWhitespace } from 'crm-kit';
import type { NameFormat, NameToken, PersonName } from 'crm-kit';
import { describe, expect, it } from 'vitest';

const FIELDS = ['honorific', 'firstName', 'secondName', 'lastName'] as const;

// Five letters or more: never an honorific (at most four letters) nor a surname particle.
const simpleWord = fc.stringMatching(/^[A-ZÁÉÑÖ][a-záéíóúñü]{4,9}$/);

// Any non-blank word without white space or comma, in any script.
const anyWord = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
  .filter((word) => squeezeWhitespace(word) === word && word !== '' && !word.includes(' ') && !word.includes(','));

// Words that trigger the special rules: honorifics, particles, initials, hyphenated names.
const trickyWord = fc.constantFrom(
  'Dr', 'dr.', 'Mrs', 'Doña', 'Don', 'Dona', 'M.', 'M', 'de', 'la', 'del', 'De', 'los', 'van', 'von', 'y', 'bin', 'St.', 'J.',
  'Jean-Pierre', 'María', 'Carmen', 'José', 'Jesús', 'Ángeles',
);

const word = fc.oneof(simpleWord, anyWord, trickyWord);

const blank = fc.constantFrom(undefined, '', ' ', '\t \u00a0');

/** A part of a name: missing, blank, or one to three words with untidy white space. */
const partOf = (words: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    blank,
    fc
      .tuple(fc.array(words, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '  ', '\u00a0', '\t'), fc.constantFrom('', ' '))
      .map(([list, gap, edge]) => `${edge}${list.join(gap)}${edge}`),
  );

const personNameOf = (words: fc.Arbitrary<string>): fc.Arbitrary<PersonName> =>
  fc.record(
    { honorific: partOf(words), firstName: partOf(words), secondName: partOf(words), lastName: partOf(words) },
    { requiredKeys: [] },
  );

// Parts that hold no separator of their own, so that any separator in the result comes from the format.
const separatorFreeName = personNameOf(fc.oneof(simpleWord, trickyWord));

const preset = fc.constantFrom<NameFormat>(...Object.values(NAME_FORMATS));

/** Formats with separators only between tokens, as name formats are written. */
const betweenFormat = fc
  .tuple(
    fc.constantFrom(...NAME_TOKENS),
    fc.array(fc.tuple(fc.constantFrom(' ', ', ', ' - ', ' / ', ''), fc.constantFrom(...NAME_TOKENS)), { maxLength: 5 }),
  )
  .map(([head, rest]) => (head + rest.map(([literal, token]) => literal + token).join('')) as NameFormat);

const format = fc.oneof(preset, betweenFormat);

const usedFields = (f: NameFormat): readonly (typeof FIELDS)[number][] =>
  FIELDS.filter((field) =>
    ({
      honorific: f.includes('#TITLE#'),
      firstName: f.includes('#NAME#') || f.includes('#NAME_SHORT#'),
      secondName: f.includes('#SECOND_NAME'),
      lastName: f.includes('#LAST_NAME'),
    })[field],
  );

const wordsOf = (text: string): string[] => (squeezeWhitespace(text) === '' ? [] : squeezeWhitespace(text).split(' '));

/** Template text that a person would type between, before and after the tokens. */
const SEPARATORS = [' ', ' ', ', ', ',', ' - ', '-', ' / ', ' · ', ''] as const;
const BRACKETS = [['(', ')'], ['[', ']'], ['{', '}'], ['«', '»'], ['‹', '›'], ['“', '”'], ['‘', '’'], ['"', '"']] as const;
const LEADING = ['', 'Dear ', 'To: ', '(x) '] as const;
const TRAILING = ['', ' Esq.', ' (ret.)', '!'] as const;
const SEPARATOR_MARKS = ',/·-';

/**
 * Balanced templates: tokens and bracketed runs of tokens (nested, with text such as 'aka '
 * inside the brackets), joined by random separators, with random text before and after.
 */
const { run: tokenRun } = fc.letrec<{ element: string; run: string }>((tie) => ({
  element: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'template' },
    fc.constantFrom<string>(...NAME_TOKENS),
    fc
      .tuple(fc.constantFrom(...BRACKETS), fc.constantFrom('', 'aka '), tie('run'))
      .map(([[open, close], inside, run]) => `${open}${inside}${run}${close}`),
  ),
  run: fc
    .tuple(tie('element'), fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), tie('element')), { maxLength: 4 }))
    .map(([head, rest]) => head + rest.map(([separator, element]) => separator + element).join('')),
}));

const bracketedFormat: fc.Arbitrary<NameFormat> = fc
  .tuple(fc.constantFrom(...LEADING), tokenRun, fc.constantFrom(...TRAILING))
  .map(([leading, run, trailing]) => `${leading}${run}${trailing}` as NameFormat);

const anyFormat = fc.oneof(preset, betweenFormat, bracketedFormat);

/** Whether the brackets of a text pair up; a straight double quote closes an open one, or opens. */
function balanced(text: string): boolean {
  const closers = new Map<string, string>(BRACKETS.map(([open, close]) => [open, close]));
  const open: string[] = [];
  for (const char of text) {
    if (open.at(-1) === char) open.pop();
    else if (closers.has(char)) open.push(closers.get(char) ?? '');
    else if ([...closers.values()].includes(char)) return false;
  }
  return open.length === 0;
}

const TOKEN_FIELDS: Readonly<Record<NameToken, (typeof FIELDS)[number]>> = {
  '#TITLE#': 'honorific',
  '#NAME#': 'firstName',
  '#SECOND_NAME#': 'secondName',
  '#LAST_NAME#': 'lastName',
  '#NAME_SHORT#': 'firstName',
  '#SECOND_NAME_SHORT#': 'secondName',
  '#LAST_NAME_SHORT#': 'lastName',
};

/** Persons whose four parts begin with four different capitals, each part missing or not. */
const distinctPerson = fc
  .tuple(
    fc.uniqueArray(simpleWord, { minLength: 4, maxLength: 4, selector: (w) => w.charAt(0) }),
    fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  )
  .map(([words, missing]) => ({
    full: Object.fromEntries(FIELDS.map((field, index) => [field, words[index] ?? ''])) as Record<(typeof FIELDS)[number], string>,
    person: Object.fromEntries(FIELDS.flatMap((field, index) => (missing[index] === true ? [] : [[field, words[index] ?? '']]))),
  }));

describe('formatPersonName properties', () => {
  it('never prints an unbalanced bracket or quote, for any balanced template and any subset of missing parts', () => {
    fc.assert(
      fc.property(separatorFreeName, anyFormat, (person, f) => {
        expect(balanced(formatPersonName(person, f))).toBe(true);
      }),
    );
  });

  it('never starts or ends with separator punctuation, nor puts one just inside a bracket', () => {
    fc.assert(
      fc.property(separatorFreeName, anyFormat, (person, f) => {
        const text = formatPersonName(person, f);
        const mark = `[${SEPARATOR_MARKS}]`;
        expect(text).not.toMatch(new RegExp(`^${mark}|${mark}$`, 'u'));
        expect(text).not.toMatch(new RegExp(`[([{«‹“‘]\\s*${mark}|${mark}\\s*[)\\]}»›”’]`, 'u'));
      }),
    );
  });

  it('never prints two separators in a row', () => {
    fc.assert(
      fc.property(separatorFreeName, anyFormat, (person, f) => {
        const mark = `[${SEPARATOR_MARKS}]`;
        expect(formatPersonName(person, f)).not.toMatch(new RegExp(`${mark}\\s*${mark}`, 'u'));
      }),
    );
  });

  it('prints the text of every present part the format uses, and nothing of a missing part', () => {
    fc.assert(
      fc.property(distinctPerson, anyFormat, ({ full, person }, f) => {
        const text = formatPersonName(person, f);
        for (const token of NAME_TOKENS.filter((used) => f.includes(used))) {
          const field = TOKEN_FIELDS[token];
          const printed = token.endsWith('_SHORT#') ? `${full[field].charAt(0)}.` : full[field];
          if (person[field] === undefined) {
            expect(text).not.toContain(full[field]);
            expect(text).not.toContain(`${full[field].charAt(0)}.`);
          } else {
            expect(text).toContain(printed);
          }
        }
      }),
    );
  });

  it('is empty exactly when every part the format uses is missing or blank', () => {
    fc.assert(
      // Words with a letter: a part such as '-' has no initial, so it prints nothing through a _SHORT token.
      fc.property(separatorFreeName, anyFormat, (person, f) => {
        const allMissing = usedFields(f).every((field) => squeezeWhitespace(person[field] ?? '') === '');
        expect(formatPersonName(person, f) === '').toBe(allMissing);
      }),
    );
  });

  it('with no part missing, every word of every used part appears in order of the format', () => {
    fc.assert(
      fc.property(
        fc.record({ firstName: simpleWord, secondName: simpleWord, lastName: simpleWord }),
        fc.constantFrom<NameFormat>(NAME_FORMATS.firstSecondLast, NAME_FORMATS.lastFirstSecond),
        (person, f) => {
          const expected =
            f === NAME_FORMATS.firstSecondLast
              ? [person.firstName, person.secondName, person.lastName]
              : [person.lastName, person.firstName, person.secondName];
          expect(formatPersonName(person, f)).toBe(expected.join(' '));
        },
      ),
    );
  });

  it('initials give one capital letter and a dot per word', () => {
    fc.assert(
      fc.property(fc.array(simpleWord, { minLength: 1, maxLength: 4 }), (words) => {
        const initials = formatPersonName({ firstName: words.join(' ') }, '#NAME_SHORT#');
        expect(initials).toBe(words.map((w) => `${w.charAt(0).toUpperCase()}.`).join(' '));
      }),
    );
  });
});

describe('splitFullName properties', () => {
  const roundTripPresets = [
    NAME_FORMATS.firstLast,
    NAME_FORMATS.firstSecondLast,
    NAME_FORMATS.lastFirst,
    NAME_FORMATS.lastFirstSecond,
    NAME_FORMATS.lastCommaFirst,
    NAME_FORMATS.lastCommaFirstSecond,
  ] as const;

  it('gives back one-word parts formatted by a preset without initials or titles', () => {
    fc.assert(
      fc.property(
        fc.record({ firstName: simpleWord, secondName: simpleWord, lastName: simpleWord }),
        fc.constantFrom<NameFormat>(...roundTripPresets),
        (full, f) => {
          const person: PersonName = Object.fromEntries(usedFields(f).map((field) => [field, full[field as keyof typeof full]]));
          expect(splitFullName(formatPersonName(person, f), f)).toEqual(person);
        },
      ),
    );
  });

  it('gives back a lone word formatted by any preset without initials or titles', () => {
    fc.assert(
      fc.property(simpleWord, fc.constantFrom<NameFormat>(...roundTripPresets), (single, f) => {
        const field = f.startsWith('#NAME#') ? 'firstName' : 'lastName';
        expect(splitFullName(formatPersonName({ [field]: single }, f), f)).toEqual({ [field]: single });
      }),
    );
  });

  it('gives back a known compound given name with one-word other parts through a preset without initials or titles', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('María del Carmen', 'María de los Ángeles', 'José de Jesús', 'Juan de Dios', 'maria de la luz'),
        fc.record({ secondName: simpleWord, lastName: simpleWord }),
        fc.constantFrom<NameFormat>(...roundTripPresets),
        (firstName, rest, f) => {
          const full = { firstName, ...rest };
          const person: PersonName = Object.fromEntries(usedFields(f).map((field) => [field, full[field as keyof typeof full]]));
          expect(splitFullName(formatPersonName(person, f), f)).toEqual(person);
        },
      ),
    );
  });

  it('never takes Don, Doña or Dona followed by a single word as an honorific', () => {
    fc.assert(
      fc.property(fc.constantFrom('Don', 'Doña', 'Dona', 'DON', 'doña.'), fc.oneof(simpleWord, anyWord), format, (title, next, f) => {
        expect(splitFullName(`${title} ${next}`, f).honorific).toBeUndefined();
      }),
    );
  });

  it('never loses, adds or changes a word (honorific included)', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 7 }),
        fc.constantFrom(' ', '  ', '\u00a0', '\t'),
        format,
        (words, gap, f) => {
          const name = splitFullName(` ${words.join(gap)} `, f);
          const found = FIELDS.flatMap((field) => wordsOf(name[field] ?? ''));
          expect(found.sort()).toEqual(wordsOf(words.join(' ')).sort());
        },
      ),
    );
  });

  it('keeps the words of each part in their order in the text', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 7 }), format, (words, f) => {
        const text = words.join(' ');
        const name = splitFullName(text, f);
        for (const field of FIELDS) {
          const value = name[field];
          if (value !== undefined) expect(` ${text} `).toContain(` ${value} `);
        }
      }),
    );
  });

  it('only returns non-empty, squeezed parts', () => {
    fc.assert(
      fc.property(fc.string(), format, (text, f) => {
        const name = splitFullName(text, f);
        for (const [key, value] of Object.entries(name)) {
          expect(FIELDS).toContain(key);
          expect(typeof value).toBe('string');
          expect(value).not.toBe('');
          expect(value).toBe(squeezeWhitespace(value as string));
        }
      }),
    );
  });
});
