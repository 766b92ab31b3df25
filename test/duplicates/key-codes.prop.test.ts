import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: a scan hashes each rule's key codes where matchKeysOf and stores keep key texts; both
// must block the same pairs.
import { LOOKING_KEY, LOOSE_KEY, prepareOptions } from '../../src/duplicates/_internal/comparators.js';
import type { CompiledCriterion } from '../../src/duplicates/_internal/compile-criteria.js';
import { compileCriteria } from '../../src/duplicates/_internal/compile-criteria.js';
import { formAt, formsOf } from '../../src/duplicates/_internal/read-record.js';
import { Vocabulary } from '../../src/duplicates/_internal/vocabulary.js';

const CONTACT_CRITERIA = compileCriteria(
  'contact',
  [
    { field: 'name' },
    { field: 'phones' },
    { field: 'emails' },
    { field: 'birthdate' },
    { field: 'custom.code', comparator: 'text' },
    { field: 'custom.size', comparator: 'number' },
    { field: 'custom.tags', comparator: 'exact' },
  ],
  undefined,
);
const COMPANY_CRITERIA = compileCriteria('company', [{ field: 'title' }, { field: 'phones' }], undefined);
// A name part alone, compared as a person's name: its keys come from one text.
const ONE_TEXT_CRITERIA = compileCriteria('contact', [{ field: 'lastName', comparator: 'personName' }, { field: 'custom.size', comparator: 'exact' }], undefined);

// A name of more words than any person has (pasted text): its key codes hold a hash of its words.
const LONG_NAME = Array.from({ length: 12 }, (_, index) => `palabra${'abcdefghijkl'.charAt(index)}`).join(' ');

// Values drawn from small sets, so that two records often share a key, and the edge cases of each
// rule meet: names in parts or missing, initials, double surnames; national and international
// phones, extensions, junk; role mailboxes; dates whose day could be a month.
const nameText = fc.constantFrom(undefined, '', 'Ana', 'ana', 'J.', 'Ana María', 'Ana-María', 'María', 'García', 'García López', 'garcia lopez', 'López', 'O’Brien', LONG_NAME, `${LONG_NAME} x`);
const phone = fc.constantFrom('+34 612 345 678', '612345678', '612 345 678 ext. 12', '612345678#13', '+44 20 7946 0958', '020 7946 0958', '12345678901234567890', '91 000', 'none');
const email = fc.constantFrom('ana@acme.es', 'Ana@ACME.es', 'ana@acme.com', 'info@acme.es', 'al@acme.es', 'al@b.es', 'ana.garcia@example.com');
const contact = fc.record(
  {
    firstName: nameText,
    secondName: nameText,
    lastName: nameText,
    phones: fc.array(phone.map((value) => ({ value, kind: 'work' })), { maxLength: 3 }),
    emails: fc.array(email.map((value) => ({ value, kind: 'work' })), { maxLength: 3 }),
    birthdate: fc.constantFrom('1990-02-03', '1990-03-02', '1990-03-03', '1990-12-25', '1991-02-03'),
    custom: fc.record({ code: fc.constantFrom('A-1', 'a 1', 'b1'), size: fc.constantFrom(10, 10.0, 11, '10', -0, 1e21), tags: fc.array(fc.constantFrom('x', 'X ', '~x', '>x', '\\x', '\\~x'), { maxLength: 2 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const company = fc.record(
  { title: fc.constantFrom('Acme S.L.', 'ACME', 'Acme Iberia SL', 'Iberia Acme', 'Globex GmbH'), phones: fc.array(phone.map((value) => ({ value, kind: 'work' })), { maxLength: 2 }) },
  { requiredKeys: [] },
);

interface Keyed {
  readonly texts: string[];
  readonly codes: number[][];
}

// Each criterion's keys of a record as texts (without the looking mark) and as codes (without the
// looking flag), and whether each only looks by either account.
function keysOf(record: object, criteria: readonly CompiledCriterion[], vocabulary: Vocabulary): Keyed[] {
  const { forms } = formsOf(record as Record<string, unknown>, criteria, prepareOptions('ES', vocabulary));
  if (forms === undefined) return criteria.map(() => ({ texts: [], codes: [] }));
  return criteria.map(({ rule }, k) => {
    const at = formAt(forms, 0, k);
    if (at < 0) return { texts: [], codes: [] };
    const texts: string[] = [];
    rule.keys(forms, at, texts, vocabulary);
    const flat: number[] = [];
    rule.keyCodes(forms, at, flat, vocabulary);
    const codes: number[][] = [];
    for (let x = 0; x < flat.length; x += ((flat[x] ?? 0) & 0xffff) + 1) codes.push(flat.slice(x, x + ((flat[x] ?? 0) & 0xffff) + 1));
    expect(codes.map((code) => ((code[0] ?? 0) & LOOKING_KEY) !== 0)).toEqual(texts.map((text) => text.startsWith('>')));
    expect(codes.map((code) => ((code[0] ?? 0) & LOOSE_KEY) !== 0)).toEqual(texts.map((text) => text.replace(/^>/, '').startsWith('~')));
    return { texts: texts.map((text) => (text.startsWith('>') ? text.slice(1) : text)), codes: codes.map(([header = 0, ...rest]) => [header & ~LOOKING_KEY, ...rest]) };
  });
}

function sameBlocking(a: object, b: object, criteria: readonly CompiledCriterion[]): void {
  const vocabulary = new Vocabulary();
  const keysA = keysOf(a, criteria, vocabulary);
  const keysB = keysOf(b, criteria, vocabulary);
  criteria.forEach((_, k) => {
    const x = keysA[k] ?? { texts: [], codes: [] };
    const y = keysB[k] ?? { texts: [], codes: [] };
    expect(x.codes).toHaveLength(x.texts.length);
    for (const [i, text] of x.texts.entries()) {
      for (const [j, other] of y.texts.entries()) expect(JSON.stringify(x.codes[i]) === JSON.stringify(y.codes[j])).toBe(text === other);
    }
  });
}

describe('key codes', () => {
  it('come in the order of the key texts, flag the keys that only look, and are equal exactly when the texts are (contacts)', () => {
    fc.assert(
      fc.property(contact, contact, (a, b) => {
        sameBlocking(a, b, CONTACT_CRITERIA);
      }),
    );
  });

  it('come in the order of the key texts and are equal exactly when the texts are (a name given as one text, exact numbers)', () => {
    fc.assert(
      fc.property(contact, contact, (a, b) => {
        sameBlocking(a, b, ONE_TEXT_CRITERIA);
      }),
    );
  });

  it('come in the order of the key texts and are equal exactly when the texts are (company titles and phones)', () => {
    fc.assert(
      fc.property(company, company, (a, b) => {
        sameBlocking(a, b, COMPANY_CRITERIA);
      }),
    );
  });
});
