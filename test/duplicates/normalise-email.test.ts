import { describe, expect, it } from 'vitest';
import { normaliseEmail } from 'crm-kit';

const withRules = (text: string): string | undefined => normaliseEmail(text, { providerRules: true });

describe('normaliseEmail', () => {
  it('trims and lower-cases the whole address', () => {
    expect(normaliseEmail('  Ana.Garcia@Example.COM \n')).toBe('ana.garcia@example.com');
    expect(normaliseEmail('\u00a0INFO@ACME.ES\u3000')).toBe('info@acme.es');
  });

  it('the domain loses the trailing dot of a fully qualified name', () => {
    expect(normaliseEmail('ana@example.com.')).toBe('ana@example.com');
    // And the white space before it, so that a normalised address normalises to itself.
    expect(normaliseEmail('ana@example.com .')).toBe('ana@example.com');
    expect(normaliseEmail('ana@example.com\u00a0. .')).toBe('ana@example.com');
    expect(normaliseEmail('ana@ .')).toBeUndefined();
  });

  it('blank text and text that is not an address are undefined', () => {
    for (const text of ['', '   ', 'ana', 'ana@', '@example.com', '  @  ', 'ana@.', '\u0000', '😀']) expect(normaliseEmail(text)).toBeUndefined();
  });

  it('splits at the last @, so a quoted @ stays in the local part', () => {
    expect(normaliseEmail('"a@b"@Example.com')).toBe('"a@b"@example.com');
  });

  it('keeps an international domain in Unicode, lower-cased, never punycode', () => {
    expect(normaliseEmail('José@Müller.DE')).toBe('josé@müller.de');
    expect(normaliseEmail('info@xn--mller-kva.de')).toBe('info@xn--mller-kva.de');
    expect(normaliseEmail('jose\u0301@mu\u0308ller.de')).toBe('josé@müller.de');
  });

  it('without providerRules, dots and +tags are part of the address', () => {
    expect(normaliseEmail('Ana.Garcia+crm@gmail.com')).toBe('ana.garcia+crm@gmail.com');
  });

  it('with providerRules, Gmail ignores dots and +tags, and googlemail.com is gmail.com', () => {
    expect(withRules('Ana.Garcia+crm@Gmail.com')).toBe('anagarcia@gmail.com');
    expect(withRules('a.n.a.garcia@googlemail.com')).toBe('anagarcia@gmail.com');
    expect(withRules('ana+a+b@gmail.com')).toBe('ana@gmail.com');
  });

  it("with providerRules, other providers' +tags and dots are kept", () => {
    expect(withRules('ana.garcia+crm@outlook.com')).toBe('ana.garcia+crm@outlook.com');
    expect(withRules('ana+crm@example.com')).toBe('ana+crm@example.com');
    expect(withRules('ana@mail.gmail.com')).toBe('ana@mail.gmail.com');
  });

  it('a Gmail address whose local part is only dots or a tag is not an address', () => {
    expect(withRules('+crm@gmail.com')).toBeUndefined();
    expect(withRules('...@gmail.com')).toBeUndefined();
  });

  it('survives hostile text', () => {
    expect(normaliseEmail(`${'A'.repeat(10_000)}@X.com`)).toBe(`${'a'.repeat(10_000)}@x.com`);
    expect(normaliseEmail('\ud800@example.com')).toBe('\ud800@example.com');
    expect(normaliseEmail('مرحبا@مثال.إختبار')).toBe('مرحبا@مثال.إختبار');
    expect(normaliseEmail('@'.repeat(10_000))).toBeUndefined();
  });

  it('a non-string argument is INVALID_ARGUMENT', () => {
    for (const value of [undefined, null, 1, {}]) {
      expect(() => normaliseEmail(value as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
