import { describe, expect, it } from 'vitest';
import { normaliseCompanyTitle } from 'crm-kit';

describe('normaliseCompanyTitle', () => {
  it.each([
    ['ACME & Sons, S.L.', 'acme and sons'],
    ['Acme and Sons SL', 'acme and sons'],
    ['Müller GmbH', 'muller'],
    ['Grupo Bimbo, S.A.B. de C.V.', 'grupo bimbo'],
    ['Société Générale S.A.', 'societe generale'],
    ['AG', 'ag'],
  ])('the examples of the brief: %s → %s', (text, expected) => {
    expect(normaliseCompanyTitle(text)).toBe(expected);
  });

  it.each([
    // English
    ['Acme LLC', 'acme'], ['Acme, L.L.C.', 'acme'], ['Acme Inc.', 'acme'], ['Acme Incorporated', 'acme'], ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'], ['Acme Ltd', 'acme'], ['Acme Limited', 'acme'], ['Samsung Electronics Co., Ltd.', 'samsung electronics'],
    ['Acme PLC', 'acme'], ['Acme LLP', 'acme'], ['Acme L.P.', 'acme'], ['Acme Pty Ltd', 'acme'], ['Acme & Co.', 'acme'], ['Ford Motor Company', 'ford motor'],
    // Spanish
    ['Acme S.A.', 'acme'], ['Acme SA', 'acme'], ['Acme s. a.', 'acme'], ['Acme S.L.U.', 'acme'], ['Acme, S.A.U.', 'acme'],
    ['Acme S.A. de C.V.', 'acme'], ['Acme S. de R.L.', 'acme'], ['Acme S. de R.L. de C.V.', 'acme'], ['Acme S.C.', 'acme'],
    ['Acme Sociedad Anónima', 'acme'], ['Acme Sociedad Limitada', 'acme'],
    // French
    ['Dupont SAS', 'dupont'], ['Dupont SASU', 'dupont'], ['Dupont SARL', 'dupont'], ['Dupont S.A.R.L.', 'dupont'], ['Dupont EURL', 'dupont'],
    ['Dupont SA', 'dupont'], ['Dupont SNC', 'dupont'], ['Dupont Société Anonyme', 'dupont'], ['SARL Dupont', 'dupont'],
    ['S.A.R.L. Dupont', 'dupont'], ['EURL Dupont & Fils', 'dupont and fils'],
    // German
    ['Müller AG', 'muller'], ['Müller KG', 'muller'], ['Müller GmbH & Co. KG', 'muller'], ['Müller GmbH + Co. KG', 'muller'],
    ['Müller OHG', 'muller'], ['Müller UG (haftungsbeschränkt)', 'muller'], ['Müller e.V.', 'muller'], ['Müller G.m.b.H.', 'muller'],
    ['Müller Gesellschaft mit beschränkter Haftung', 'muller'], ['Acme Holding GmbH & Co. KG', 'acme holding'],
    // Italian
    ['Rossi S.p.A.', 'rossi'], ['Rossi SpA', 'rossi'], ['Rossi S.r.l.', 'rossi'], ['Rossi Srl', 'rossi'], ['Rossi S.a.s.', 'rossi'],
    ['Rossi S.n.c.', 'rossi'], ['Rossi Società per azioni', 'rossi'],
    // Portuguese
    ['Silva Lda', 'silva'], ['Silva Ltda.', 'silva'], ['Petrobras S/A', 'petrobras'], ['Silva ME', 'silva'], ['Silva EIRELI', 'silva'],
    ['Silva Sociedade Limitada', 'silva'], ['Silva Comércio Ltda - ME', 'silva comercio'],
    // Dutch
    ['Jansen B.V.', 'jansen'], ['Jansen BV', 'jansen'], ['Jansen N.V.', 'jansen'], ['Jansen V.O.F.', 'jansen'], ['Jansen C.V.', 'jansen'],
    ['Jansen Besloten Vennootschap', 'jansen'],
  ])('drops the legal form: %s → %s', (text, expected) => {
    expect(normaliseCompanyTitle(text)).toBe(expected);
  });

  it('single letters written with dots or slashes are one word, so dotted acronyms fold', () => {
    expect(normaliseCompanyTitle('A.B.C. Motors')).toBe('abc motors');
    expect(normaliseCompanyTitle('Grupo A S.A.')).toBe('grupo a');
    expect(normaliseCompanyTitle('Version 2.0 Ltd')).toBe('version 2 0');
  });

  it('dotted, undotted, spaced and cased spellings of a form are one form', () => {
    const forms = ['S.A.', 'SA', 's. a.', 's.a', 'S/A', 's.A.', 'S .A .'];
    for (const form of forms) expect(normaliseCompanyTitle(`Acme ${form}`)).toBe('acme');
  });

  it('never strips a form in the middle of a title', () => {
    expect(normaliseCompanyTitle('Acme Ltd. Holding')).toBe('acme ltd holding');
    expect(normaliseCompanyTitle('The SA Group')).toBe('the sa group');
  });

  it('strips at the start only the forms written there (the French ones)', () => {
    expect(normaliseCompanyTitle('GmbH Acme')).toBe('gmbh acme');
    expect(normaliseCompanyTitle('Inc Magazine')).toBe('inc magazine');
  });

  it('a title made only of legal-form words keeps them', () => {
    expect(normaliseCompanyTitle('AG')).toBe('ag');
    expect(normaliseCompanyTitle('S.A.')).toBe('sa');
    expect(normaliseCompanyTitle('GmbH & Co. KG')).toBe('gmbh and co kg');
    expect(normaliseCompanyTitle('SARL')).toBe('sarl');
  });

  it("reads '&' as 'and', and '+' between words, but not in 'C++'", () => {
    expect(normaliseCompanyTitle('AT&T Inc.')).toBe('at and t');
    expect(normaliseCompanyTitle('Smith + Jones')).toBe('smith and jones');
    expect(normaliseCompanyTitle('C++ Tools Ltd')).toBe('c tools');
    expect(normaliseCompanyTitle('Google+')).toBe('google');
  });

  it('removes punctuation; apostrophes join the parts of a word', () => {
    expect(normaliseCompanyTitle("McDonald's Corporation")).toBe('mcdonalds');
    expect(normaliseCompanyTitle('«Amazon.com», Inc.')).toBe('amazon com');
    expect(normaliseCompanyTitle('L’Oréal S.A.')).toBe('loreal');
  });

  it('keeps letters of every script and digits', () => {
    expect(normaliseCompanyTitle('3M Company')).toBe('3m');
    expect(normaliseCompanyTitle('Яндекс ООО')).toBe('яндекс ооо');
    expect(normaliseCompanyTitle('株式会社 トヨタ')).toBe('株式会社 トヨタ');
  });

  it('is undefined when nothing with a letter or digit is left', () => {
    for (const text of ['', '   ', '–', '& & &', '...', '😀', '\u0000', '\ud800']) expect(normaliseCompanyTitle(text)).toBeUndefined();
  });

  it('survives hostile text', () => {
    expect(normaliseCompanyTitle(`${'Acme '.repeat(2_000)}S.A.`)).toBe(Array.from({ length: 2_000 }, () => 'acme').join(' '));
    expect(normaliseCompanyTitle('S.A. '.repeat(2_000))).toBe('sa'.repeat(2_000));
    expect(normaliseCompanyTitle('Acme\u0000Labs')).toBe('acme labs');
    expect(normaliseCompanyTitle('\u202eAcme Labs\u202c GmbH')).toBe('acme labs');
    expect(normaliseCompanyTitle('ＡＣＭＥ　ＧｍｂＨ')).toBe('acme');
  });

  it('a non-string argument is INVALID_ARGUMENT', () => {
    for (const value of [undefined, null, 1, ['Acme']]) {
      expect(() => normaliseCompanyTitle(value as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
