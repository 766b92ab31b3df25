import { squeezeWhitespace } from '../kernel/index.js';
import { initialsOf } from './_internal/initials.js';
import { parseNameFormat } from './_internal/parse-name-format.js';
import { readNameParts } from './_internal/read-name-parts.js';
import { glueOf } from './_internal/template-glue.js';
import type { BracketGroup, Glue, GluePiece } from './_internal/template-glue.js';
import type { NameFormat, PersonName } from './formats.js';

/**
 * The separator that joins two printed tokens: of the texts between them, those at the outermost
 * bracket level, and of those the first non-empty one. In `'(#NAME#, #SECOND_NAME#) - #LAST_NAME#'`,
 * the name and the last name are joined by `' - '`, not by the `', '` inside the brackets.
 */
function joiningSeparator(glue: readonly Glue[], groups: readonly BracketGroup[], previous: number, next: number): string {
  let best = '';
  let bestDepth = Number.POSITIVE_INFINITY;
  for (let literal = previous + 1; literal <= next; literal += 1) {
    // The separator of glue[literal] is inside a group when the group opens before it and closes after it.
    const depth = groups.filter(({ first, last }) => first < literal && literal <= last).length;
    const separator = glue[literal]?.separator ?? '';
    if (depth < bestDepth || (depth === bestDepth && best === '')) {
      best = separator;
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * Prints a person's name in a {@link NameFormat}. Parts are trimmed and their inner white space
 * squeezed; `_SHORT` tokens print initials, one per word (`'María José'` → `'M. J.'`), hyphenated
 * names keeping the hyphen (`'Jean-Pierre'` → `'J.-P.'`).
 *
 * Missing parts leave no stray spaces, punctuation or brackets. The text between two tokens is
 * read as the brackets that close the token before it, a separator, and the brackets that open
 * the token after it:
 *
 * - brackets and quotes that pair up around tokens (`()`, `[]`, `{}`, `«»`, `‹›`, `“”`, `‘’`,
 *   `""`) are printed both or neither. They set a part apart from the rest of the name, so they
 *   are printed when a token inside them is printed and so is a token outside them (within the
 *   brackets around them, if any); brackets around every token of the format (or of the brackets
 *   around them) are printed whenever a token inside them is;
 * - one separator is printed between two printed tokens: the one between them or, when the
 *   tokens between them are missing, the first non-empty one of those in between, taken from
 *   the texts at the outermost bracket level;
 * - text before the first token, or after the last one, is printed only when that token is
 *   present, and other text beside a bracket only when the token it goes with is (and, when it
 *   lies inside brackets, only when those brackets are printed).
 *
 * Text in a part is never read as a token.
 *
 * @param person - The parts of the name; `undefined`, `null` and blank parts count as missing.
 * @param format - The template, such as a value of {@link NAME_FORMATS}.
 * @returns The printed name with squeezed white space, or `''` when every part it uses is missing.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `format` is not a string, holds an
 * unknown `#…#` token or no token; `INVALID_ARGUMENT` when `person` is not a non-array object or
 * a part is neither a string nor missing.
 *
 * @example
 * ```ts
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, NAME_FORMATS.lastCommaFirst); //=> 'García, Ana'
 * formatPersonName({ firstName: 'Ana' }, NAME_FORMATS.lastCommaFirst); //=> 'Ana'
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#LAST_NAME# (#NAME#)'); //=> 'García (Ana)'
 * formatPersonName({ firstName: 'Ana' }, '#LAST_NAME# (#NAME#)'); //=> 'Ana'
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, '#NAME# (#SECOND_NAME#) #LAST_NAME#'); //=> 'Ana García'
 * formatPersonName({ firstName: 'Jean-Pierre', lastName: 'Dupont' }, NAME_FORMATS.initialLast); //=> 'J.-P. Dupont'
 * formatPersonName({ firstName: 'María José', lastName: 'López' }, NAME_FORMATS.lastInitial); //=> 'López M. J.'
 * formatPersonName({}, NAME_FORMATS.firstLast); //=> ''
 * ```
 */
export function formatPersonName(person: PersonName, format: NameFormat): string {
  const { literals, tokens } = parseNameFormat(format);
  const parts = readNameParts(person);
  const values = tokens.map(({ field, short }) => (short ? initialsOf(parts[field]) : parts[field]));
  const present = values.map((value) => value !== '');
  if (!present.includes(true)) return '';
  const { glue, groups } = glueOf(literals);
  const last = tokens.length - 1;
  const printedIn = (from: number, to: number): boolean => present.slice(from, to + 1).includes(true);
  // Brackets set a part apart from the rest of what encloses them: the brackets around them, or
  // the whole format.
  const shown = groups.map(({ first, last: end, parent }) => {
    const around = groups[parent] ?? { first: 0, last };
    const beside = printedIn(around.first, first - 1) || printedIn(end + 1, around.last);
    return printedIn(first, end) && (beside || (first === around.first && end === around.last));
  });
  // Plain text between two brackets of a closing part lies inside the group the next one closes;
  // in an opening part, inside the group the bracket before it opens. It is printed with its token,
  // and only when that group's brackets are.
  const print = (pieces: readonly GluePiece[], ownerPrinted: boolean, side: 'closing' | 'opening'): string =>
    pieces
      .map(({ text, group }, at) => {
        if (group >= 0) return shown[group] === true ? text : '';
        const bracket = side === 'closing' ? pieces.slice(at + 1).find((piece) => piece.group >= 0) : pieces.slice(0, at).findLast((piece) => piece.group >= 0);
        return ownerPrinted && (bracket === undefined || shown[bracket.group] === true) ? text : '';
      })
      .join('');

  let text = '';
  let previous = -1;
  // Walks from one printed token to the next; -1 and tokens.length stand for the ends.
  for (let next = 0; next <= tokens.length; next += 1) {
    if (next <= last && present[next] !== true) continue;
    // glue[i] precedes token i, so glue[previous + 1 .. next] lies between the two.
    const between = glue.slice(previous + 1, next + 1);
    let separator: string;
    if (previous === -1) separator = next === 0 ? (glue[0]?.separator ?? '') : '';
    else if (next > last) separator = previous === last ? (glue[next]?.separator ?? '') : '';
    else separator = joiningSeparator(glue, groups, previous, next);
    text += between.map(({ closing }, index) => print(closing, index === 0 && previous >= 0, 'closing')).join('');
    text += separator;
    text += between.map(({ opening }, index) => print(opening, index === between.length - 1 && next <= last, 'opening')).join('');
    text += values[next] ?? '';
    previous = next;
  }
  return squeezeWhitespace(text);
}
