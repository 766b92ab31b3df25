import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAccents, foldText, squeezeWhitespace } from 'crm-kit';

describe('text folding', () => {
  it('removes accents and spells out letters Unicode does not decompose', () => {
    expect(foldAccents('José Peña Müller')).toBe('Jose Pena Muller');
    expect(foldAccents('Straße Łódź Øresund Æsir')).toBe('Strasse Lodz Oresund AEsir');
    expect(foldAccents('ﬁnance ２０２６')).toBe('finance 2026');
  });

  it('squeezes every kind of space, including no-break, narrow and zero-width ones', () => {
    expect(squeezeWhitespace('  Ana \u00a0 María\t\nGarcía\u202f\u200b ')).toBe('Ana María García');
  });

  it('folds names a person would call the same to the same string', () => {
    expect(foldText('  ÁLVARO   Núñez ')).toBe(foldText('alvaro nunez'));
    expect(foldText('Teléfono móvil')).toBe('telefono movil');
  });

  it('folding is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldText(foldText(text))).toBe(foldText(text));
      }),
    );
  });

  it('folded text has no marks, no upper case letters and no doubled or edge spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const folded = foldText(text);
        expect(folded).not.toMatch(/\p{M}|\s\s|^\s|\s$/u);
        expect(folded).toBe(folded.toLowerCase());
      }),
    );
  });
});
