import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeBytes, detectEncoding } from 'crm-kit/csv';
import type { CsvEncoding } from 'crm-kit/csv';

const UNICODE = ['utf-8', 'utf-16le', 'utf-16be'] as const;
const SINGLE_BYTE = ['windows-1252', 'iso-8859-1', 'iso-8859-15'] as const;

/** Text of any code points, astral ones included. */
const text = fc.string({ unit: 'binary', maxLength: 60 });

/** Bytes built from fragments that matter at chunk boundaries (marks, literal U+FFFD, cut and broken sequences, surrogates) and random bytes. */
const trickyBytes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((byte) => [byte]),
      fc.constantFrom(
        [0xef, 0xbb, 0xbf],
        [0xef, 0xbf, 0xbd],
        [0xef, 0xbf],
        [0xf0, 0x9f, 0x98, 0x80],
        [0xe2, 0x82],
        [0xed, 0xa0, 0x80],
        [0xc3],
        [0x80],
        [0xff, 0xfe],
        [0xfe, 0xff],
        [0xfd, 0xff],
        [0xff, 0xfd],
        [0x3d, 0xd8],
        [0xd8, 0x3d],
        [0x00, 0xde],
        [0x41, 0x00],
      ),
    ),
    { maxLength: 40 },
  )
  .map((fragments) => Uint8Array.from(fragments.flat()));

/** Cut points, read modulo the length of the bytes they split. */
const cuts = fc.array(fc.nat(), { maxLength: 6 });

function encode(value: string, encoding: (typeof UNICODE)[number]): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(value);
  const bytes = Buffer.from(value, 'utf16le');
  return encoding === 'utf-16le' ? bytes : bytes.swap16();
}

function splitAt(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((point) => point % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

function decodeChunks(encoding: CsvEncoding, chunks: readonly Uint8Array[]): { text: string; replaced: number } {
  const decoder = createDecoder(encoding);
  let decoded = '';
  for (const chunk of chunks) decoded += decoder.decode(chunk);
  decoded += decoder.end();
  return { text: decoded, replaced: decoder.replaced };
}

function replacementsIn(value: string): number {
  return value.split('\ufffd').length - 1;
}

describe.each(UNICODE)('%s decoding', (encoding) => {
  it('decodes the bytes of any text back to the text after its first U+FEFF, which reads as the byte order mark, replacing nothing', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (value, withMark) => {
        const bytes = encode(withMark ? `\ufeff${value}` : value, encoding);
        const expected = withMark || !value.startsWith('\ufeff') ? value : value.slice(1);
        expect(decodeChunks(encoding, [bytes])).toEqual({ text: expected, replaced: 0 });
      }),
    );
  });

  it('decoding the bytes of any text chunk by chunk, split anywhere, equals decoding them at once', () => {
    fc.assert(
      fc.property(text, cuts, (value, at) => {
        const bytes = encode(value, encoding);
        expect(decodeChunks(encoding, splitAt(bytes, at))).toEqual(decodeChunks(encoding, [bytes]));
      }),
    );
  });

  it('any bytes, split anywhere, decode as TextDecoder decodes them at once, with the same replacement count', () => {
    fc.assert(
      fc.property(trickyBytes, cuts, (bytes, at) => {
        const whole = decodeChunks(encoding, [bytes]);
        expect(whole.text).toBe(new TextDecoder(encoding).decode(bytes));
        expect(decodeChunks(encoding, splitAt(bytes, at))).toEqual(whole);
      }),
    );
  });

  it('the replacement count is 0 exactly when the bytes are valid, and never counts a U+FFFD the bytes hold', () => {
    fc.assert(
      fc.property(trickyBytes, (bytes) => {
        const { text: decoded, replaced } = decodeChunks(encoding, [bytes]);
        const valid = (() => {
          try {
            new TextDecoder(encoding, { fatal: true }).decode(bytes);
            return true;
          } catch {
            return false;
          }
        })();
        expect(replaced === 0).toBe(valid);
        expect(replaced).toBeGreaterThanOrEqual(0);
        expect(replaced).toBeLessThanOrEqual(replacementsIn(decoded));
      }),
    );
  });
});

describe.each(SINGLE_BYTE)('%s decoding', (encoding) => {
  it('any bytes, split anywhere, decode chunk by chunk as at once, one character per byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), cuts, (bytes, at) => {
        const whole = decodeBytes(bytes, encoding);
        expect(whole).toHaveLength(bytes.length);
        expect(decodeChunks(encoding, splitAt(bytes, at))).toEqual({ text: whole, replaced: 0 });
      }),
    );
  });

  it('every byte reads as the same character wherever it stands', () => {
    const alone = Array.from({ length: 256 }, (_, byte) => decodeBytes(Uint8Array.of(byte), encoding));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodeBytes(bytes, encoding)).toBe(Array.from(bytes, (byte) => alone[byte]).join(''));
      }),
    );
  });
});

describe('detectEncoding', () => {
  const withoutNul = text.filter((value) => !value.includes('\0'));

  it('the UTF-8 bytes of any text without NUL are guessed UTF-8, and ASCII exactly when every character is', () => {
    fc.assert(
      fc.property(withoutNul, (value) => {
        const guess = detectEncoding(new TextEncoder().encode(value));
        expect(guess.encoding).toBe('utf-8');
        if (!value.startsWith('\ufeff')) expect(guess.reason).toBe(/^[\0-\x7f]*$/.test(value) ? 'ascii' : 'utf-8');
      }),
    );
  });

  it('any prefix of the UTF-8 bytes of a text without NUL is still guessed UTF-8, however it cuts the last character', () => {
    fc.assert(
      fc.property(withoutNul, fc.nat(), (value, cut) => {
        const bytes = new TextEncoder().encode(value);
        expect(detectEncoding(bytes.subarray(0, cut % (bytes.length + 1))).encoding).toBe('utf-8');
      }),
    );
  });

  it('text of characters U+0001–U+00FF in UTF-16 without a byte order mark is guessed by its byte order, and decodes back', () => {
    const latin = fc.string({ unit: fc.integer({ min: 1, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(latin, fc.constantFrom('utf-16le' as const, 'utf-16be' as const), (value, encoding) => {
        const bytes = encode(value, encoding);
        expect(detectEncoding(bytes)).toEqual({ encoding, bomLength: 0, reason: 'utf-16-pattern' });
        expect(decodeBytes(bytes)).toBe(value);
      }),
    );
  });

  it('bytes with no zero byte are never guessed UTF-16 without a byte order mark', () => {
    fc.assert(
      fc.property(fc.uint8Array({ min: 1, maxLength: 100 }), (bytes) => {
        expect(detectEncoding(bytes).reason).not.toBe('utf-16-pattern');
      }),
    );
  });
});
