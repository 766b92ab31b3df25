import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/min/metadata';
import { matchKeysOf, normaliseCompanyTitle, normaliseEmail, normalisePersonName, normalisePhone } from 'crm-kit';

const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string());
const e164s = getCountries(metadata).flatMap((region) => getExampleNumber(region, examples, metadata)?.number ?? []);
const accents: Readonly<Record<string, string>> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };
const accented = (text: string): string => text.replace(/[aeiounc]/g, (c) => accents[c] ?? c);

describe('normaliser properties', () => {
  it('every normaliser is total over strings: it returns a string or undefined and never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const result of [normalisePhone(text), normalisePhone(text, { defaultRegion: 'ES' }), normaliseEmail(text), normaliseEmail(text, { providerRules: true }), normaliseCompanyTitle(text), normalisePersonName(text)]) {
          expect(result === undefined || typeof result === 'string').toBe(true);
          if (result !== undefined) expect(result).not.toBe('');
        }
      }),
    );
  });

  it('normalising a normalised value gives it back', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const normalise of [normaliseCompanyTitle, normalisePersonName, normaliseEmail, (t: string) => normaliseEmail(t, { providerRules: true }), normalisePhone, (t: string) => normalisePhone(t, { defaultRegion: 'GB' })]) {
          const once = normalise(text);
          if (once !== undefined) expect(normalise(once)).toBe(once);
        }
      }),
    );
  });

  it('names, titles and e-mails do not depend on case, accents or surrounding and repeated spaces', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const plain = words.join(' ');
        const noisy = `  ${accented(words.map((w, i) => (i % 2 === 0 ? w.toUpperCase() : w)).join('   '))} `;
        expect(normalisePersonName(noisy)).toBe(normalisePersonName(plain));
        expect(normaliseCompanyTitle(noisy)).toBe(normaliseCompanyTitle(plain));
        const email = `${words.join('.')}@example.com`;
        expect(normaliseEmail(`  ${email.toUpperCase()} `)).toBe(normaliseEmail(email));
      }),
    );
  });

  it('an address folds as a whole: trimmed, lower-cased and composed at once, whatever its characters next to the @', () => {
    // Characters whose lower case or composition depends on their neighbours, or changes length.
    const unit = fc.constantFrom('Σ', 'σ', 'ς', 'İ', 'ß', 'A', 'a', 'e', '\u0301', '\u0308', '@', '.', ' ', '\u00a0', 'Å', '\ud800', 'x');
    // What an address's comparison form is, by its definition.
    const folded = (text: string): string | undefined => {
      let address = text.trim().toLowerCase();
      const at = address.lastIndexOf('@');
      if (at <= 0) return undefined;
      let end = address.length;
      while (end > at + 1 && /[.\s]/.test(address.charAt(end - 1))) end--;
      if (end === at + 1) return undefined;
      address = address.slice(0, end);
      return /[\u0080-\uffff]/.test(address) ? address.normalize('NFC') : address;
    };
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), anyText), (text) => {
        const address = normaliseEmail(text);
        expect(address).toBe(folded(text));
        // A scan numbers an address's parts from the text typed: its keys are those of the address's form.
        if (address !== undefined) expect(matchKeysOf({ id: 'x', emails: [{ value: text }] }, { entityType: 'contact' })).toEqual(matchKeysOf({ id: 'x', emails: [{ value: address }] }, { entityType: 'contact' }));
      }),
    );
  });

  it('the E.164 form of a number is its own normal form, in any default region', () => {
    fc.assert(
      fc.property(fc.constantFrom(...e164s), fc.constantFrom(undefined, 'ES', 'US', 'GB', 'DE', 'JP'), (e164, defaultRegion) => {
        expect(normalisePhone(e164, { defaultRegion })).toBe(e164);
      }),
    );
  });

  it('a phone normalises to E.164 or to bare digits, and formatting and extensions do not change it', () => {
    const digits = fc.stringMatching(/^[0-9]{1,16}$/);
    fc.assert(
      fc.property(fc.boolean(), digits, fc.constantFrom(' ', '-', '.', ' (', ') '), fc.constantFrom('', ' ext. 99', ' x7', ' #12', ';ext=3'), (plus, number, separator, extension) => {
        const written = `${plus ? '+' : ''}${number.slice(0, 3)}${separator}${number.slice(3)}${extension}`;
        const result = normalisePhone(written, { defaultRegion: 'ES' });
        expect(result).toBe(normalisePhone(`${plus ? '+' : ''}${number}`, { defaultRegion: 'ES' }));
        expect(result).toMatch(/^(?:\+[1-9][0-9]{1,14}|[0-9]+)$/);
      }),
    );
  });
});
