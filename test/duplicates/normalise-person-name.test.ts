import { describe, expect, it } from 'vitest';
import { normalisePersonName } from 'crm-kit';

describe('normalisePersonName', () => {
  it('folds case and accents and squeezes spaces', () => {
    expect(normalisePersonName('  ÁLVARO   Núñez ')).toBe('alvaro nunez');
    expect(normalisePersonName('Jürgen Straße')).toBe('jurgen strasse');
    expect(normalisePersonName('Łukasz Żółć')).toBe('lukasz zolc');
  });

  it('apostrophes join the parts of a name, in every apostrophe character', () => {
    for (const text of ["O'Brien", 'O’Brien', 'Oʼbrien', 'OBrien', 'o`brien']) expect(normalisePersonName(text)).toBe('obrien');
    expect(normalisePersonName("D'Artagnan")).toBe('dartagnan');
  });

  it('hyphens, dots and other punctuation separate words, so each part of a double name is a word', () => {
    expect(normalisePersonName('García-López')).toBe('garcia lopez');
    expect(normalisePersonName('García López')).toBe('garcia lopez');
    expect(normalisePersonName('Jean–Pierre')).toBe('jean pierre');
    expect(normalisePersonName('J.R.R. Tolkien')).toBe('j r r tolkien');
    expect(normalisePersonName('Smith, John (Jr.)')).toBe('smith john jr');
  });

  it('keeps letters of every script', () => {
    expect(normalisePersonName('Алёна Иванова')).toBe('алена иванова');
    expect(normalisePersonName('محمد علي')).toBe('محمد علي');
    expect(normalisePersonName('山田 太郎')).toBe('山田 太郎');
  });

  it('is undefined when no letter is left', () => {
    for (const text of ['', '   ', '--', "'", '...', '123', '😀', '\u0000', '\u200b']) expect(normalisePersonName(text)).toBeUndefined();
  });

  it('survives hostile text', () => {
    expect(normalisePersonName('Ab-'.repeat(3_334))).toBe(Array.from({ length: 3_334 }, () => 'ab').join(' '));
    expect(normalisePersonName('Ana\u0000García')).toBe('ana garcia');
    expect(normalisePersonName('\ud800Ana')).toBe('ana');
    expect(normalisePersonName('Ａｎａ　Ｇａｒｃíａ')).toBe('ana garcia');
    expect(normalisePersonName('Ana 😀 García')).toBe('ana garcia');
  });

  it('a non-string argument is INVALID_ARGUMENT', () => {
    for (const value of [undefined, null, 1, ['Ana']]) {
      expect(() => normalisePersonName(value as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
