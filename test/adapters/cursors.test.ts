import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAscii, encodeAscii } from '../../src/adapters/_internal/cursors.js';

// Cursors are ASCII text written in base64url without padding.

describe('adapters: base64url of cursors', () => {
  it('writes ASCII text as standard base64url without padding, and reads it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code)) }), (text) => {
        const encoded = encodeAscii(text);
        expect(encoded).toBe(Buffer.from(text, 'latin1').toString('base64url'));
        expect(decodeAscii(encoded)).toBe(text);
      }),
    );
  });

  it.each<[string, string]>([
    ['one byte', 'a'],
    ['two bytes', 'ab'],
    ['three bytes', 'abc'],
    ['four bytes', 'abcd'],
    ['every symbol of the alphabet', '\u00fb\u00ff\u00be'],
  ])('reads back %s', (_what, text) => {
    expect(decodeAscii(Buffer.from(text, 'latin1').toString('base64url'))).toBe(text);
  });

  it.each<[string, string]>([
    ['a character outside base64url at the start', '+YWJj'],
    ['a character outside base64url at the end', 'YWJj/'],
    ['padding', 'YQ=='],
    ['a length no base64 text has', 'YWJjZ'],
    ['a single character', 'Y'],
  ])('refuses %s', (_what, encoded) => {
    expect(decodeAscii(encoded)).toBeUndefined();
  });

  it('reads the empty text', () => {
    expect(decodeAscii('')).toBe('');
    expect(encodeAscii('')).toBe('');
  });
});
