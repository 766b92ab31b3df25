import { foldAccents, ValidationError } from '../kernel/index.js';
import { isApostrophe, isWordChar } from './_internal/characters.js';
import { legalForms } from './_internal/legal-forms.js';

const SPACE = 32;

function isSingleLetter(word: string): boolean {
  const code = word.charCodeAt(0);
  if (word.length === 1) return code >= 97 && code <= 122 ? true : code > 0x7f && !/\p{N}/u.test(word);
  return word.length === 2 && code >= 0xd800 && code <= 0xdbff && !/\p{N}/u.test(word);
}

function pushWord(words: string[], word: string, joinLast: boolean): void {
  if (joinLast) words[words.length - 1] = `${words[words.length - 1] ?? ''}${word}`;
  else words.push(word);
}

/**
 * The words of a folded, lower-cased title: runs of letters and digits; '&', and '+' between two
 * words, are the word 'and' (never first, never twice in a row); everything else separates, except that single letters written with
 * dots or slashes are one word ('S.A.', 's. a.' and 'S/A' are 'sa', as 'SA' is). One pass.
 */
function titleWords(folded: string): string[] {
  const words: string[] = [];
  let word = '';
  let plus = false; // one '+' after a word, waiting to see a word after it
  let afterWord = false; // only spaces since the last word
  let initial = false; // the last word ends with a single letter
  let dotted = false; // ... followed by a dot or a slash, and only spaces since
  // By code point: a surrogate pair is one character, a lone surrogate one of its own.
  for (const char of folded) {
    const code = char.charCodeAt(0);
    if (isApostrophe(code)) continue;
    if (isWordChar(code, char)) {
      if (plus && word === '') {
        words.push('and');
        initial = dotted = false;
      }
      plus = false;
      word += char;
      continue;
    }
    if (word !== '') {
      const single = isSingleLetter(word);
      pushWord(words, word, single && dotted);
      initial = single;
      dotted = false;
      afterWord = true;
      word = '';
    }
    if (code === 46 || code === 47) {
      dotted = initial;
      plus = afterWord = false;
    } else if (code === 38) {
      // Not at the start nor twice: '&' alone is no title.
      if (words.length > 0 && words[words.length - 1] !== 'and') words.push('and');
      plus = afterWord = initial = dotted = false;
    } else if (code === 43) {
      plus = afterWord;
      afterWord = initial = dotted = false;
    } else if (code !== SPACE && code !== 9 && code !== 10 && code !== 13) {
      plus = afterWord = initial = dotted = false;
    }
  }
  if (word !== '') pushWord(words, word, isSingleLetter(word) && dotted);
  return words;
}

/** A legal form as the normaliser matches it: its words as titleWords reads them. */
function formKey(text: string): string {
  return titleWords(foldAccents(text).toLowerCase()).join(' ');
}

const FORMS = /* @__PURE__ */ legalForms(formKey);

/**
 * How many words at the end (or the start) of `words[from, to)` make a legal form, the longest
 * such run first; 0 when none does.
 */
function formRun(words: readonly string[], from: number, to: number, forms: ReadonlySet<string>, atEnd: boolean): number {
  let key = '';
  let best = 0;
  for (let n = 1; n <= to - from; n++) {
    const word = words[atEnd ? to - n : from + n - 1] ?? '';
    key = key === '' ? word : atEnd ? `${word} ${key}` : `${key} ${word}`;
    if (key.length > FORMS.longest) break;
    if (forms.has(key)) best = n;
  }
  return best;
}

/**
 * The comparison form of a company title: accents and case folded, `&` (and `+` between words)
 * read as "and", punctuation removed, and legal-form words dropped: at the end, repeatedly
 * (`'Acme Holding GmbH & Co. KG'` → `'acme holding'`), and at the start for the French forms
 * written there (`'SARL Dupont'`), never in the middle. Forms are recognised dotted or not
 * (`'S.A.'`, `'SA'`, `'s. a.'`) in English, Spanish, French, German, Italian, Portuguese, Dutch
 * and the Nordic languages, abbreviated and spelled out. A title made only of legal-form words
 * keeps them.
 *
 * @param text - A company title as typed.
 * @returns The remaining words joined by one space, or `undefined` when the title has no letter or
 *   digit.
 * @throws ValidationError `INVALID_ARGUMENT` when `text` is not a string.
 *
 * @example
 * ```ts
 * normaliseCompanyTitle('ACME & Sons, S.L.'); //=> 'acme and sons'
 * normaliseCompanyTitle('Grupo Bimbo, S.A.B. de C.V.'); //=> 'grupo bimbo'
 * normaliseCompanyTitle('Société Générale S.A.'); //=> 'societe generale'
 * normaliseCompanyTitle('AG'); //=> 'ag'
 * normaliseCompanyTitle('–'); //=> undefined
 * ```
 */
export function normaliseCompanyTitle(text: string): string | undefined {
  if (typeof text !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'Expected text.');
  const words = titleWords(foldAccents(text).toLowerCase());
  if (words.length === 0) return undefined;
  let to = words.length;
  for (let n = formRun(words, 0, to, FORMS.end, true); n > 0; n = formRun(words, 0, to, FORMS.end, true)) to -= n;
  if (to === 0) return words.join(' ');
  const from = formRun(words, 0, to, FORMS.start, false);
  return (from < to ? words.slice(from, to) : words.slice(0, to)).join(' ');
}
