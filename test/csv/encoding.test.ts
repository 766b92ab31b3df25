import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CSV_ENCODINGS, createDecoder, decodeBytes, detectEncoding } from 'crm-kit/csv';
import type { CsvEncoding } from 'crm-kit/csv';
import { codeOf, thrownBy } from '../support/errors.js';

// windows-1252 at 0x80–0x9F, from the WHATWG Encoding Standard's index-windows-1252, which agrees
// with unicode.org's CP1252.TXT on the 27 bytes the code page defines; the other five are C1 controls.
const WINDOWS_1252_80_9F: readonly (readonly [byte: number, codePoint: number])[] = [
  [0x80, 0x20ac], // EURO SIGN
  [0x81, 0x0081], // undefined in the code page
  [0x82, 0x201a], // SINGLE LOW-9 QUOTATION MARK
  [0x83, 0x0192], // LATIN SMALL LETTER F WITH HOOK
  [0x84, 0x201e], // DOUBLE LOW-9 QUOTATION MARK
  [0x85, 0x2026], // HORIZONTAL ELLIPSIS
  [0x86, 0x2020], // DAGGER
  [0x87, 0x2021], // DOUBLE DAGGER
  [0x88, 0x02c6], // MODIFIER LETTER CIRCUMFLEX ACCENT
  [0x89, 0x2030], // PER MILLE SIGN
  [0x8a, 0x0160], // LATIN CAPITAL LETTER S WITH CARON
  [0x8b, 0x2039], // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
  [0x8c, 0x0152], // LATIN CAPITAL LIGATURE OE
  [0x8d, 0x008d], // undefined in the code page
  [0x8e, 0x017d], // LATIN CAPITAL LETTER Z WITH CARON
  [0x8f, 0x008f], // undefined in the code page
  [0x90, 0x0090], // undefined in the code page
  [0x91, 0x2018], // LEFT SINGLE QUOTATION MARK
  [0x92, 0x2019], // RIGHT SINGLE QUOTATION MARK
  [0x93, 0x201c], // LEFT DOUBLE QUOTATION MARK
  [0x94, 0x201d], // RIGHT DOUBLE QUOTATION MARK
  [0x95, 0x2022], // BULLET
  [0x96, 0x2013], // EN DASH
  [0x97, 0x2014], // EM DASH
  [0x98, 0x02dc], // SMALL TILDE
  [0x99, 0x2122], // TRADE MARK SIGN
  [0x9a, 0x0161], // LATIN SMALL LETTER S WITH CARON
  [0x9b, 0x203a], // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
  [0x9c, 0x0153], // LATIN SMALL LIGATURE OE
  [0x9d, 0x009d], // undefined in the code page
  [0x9e, 0x017e], // LATIN SMALL LETTER Z WITH CARON
  [0x9f, 0x0178], // LATIN CAPITAL LETTER Y WITH DIAERESIS
];
const WINDOWS_1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

// ISO-8859-15 against ISO-8859-1, from unicode.org's 8859-15.TXT.
const ISO_8859_15_CHANGES: readonly (readonly [byte: number, codePoint: number])[] = [
  [0xa4, 0x20ac], // EURO SIGN (was CURRENCY SIGN)
  [0xa6, 0x0160], // LATIN CAPITAL LETTER S WITH CARON
  [0xa8, 0x0161], // LATIN SMALL LETTER S WITH CARON
  [0xb4, 0x017d], // LATIN CAPITAL LETTER Z WITH CARON
  [0xb8, 0x017e], // LATIN SMALL LETTER Z WITH CARON
  [0xbc, 0x0152], // LATIN CAPITAL LIGATURE OE
  [0xbd, 0x0153], // LATIN SMALL LIGATURE OE
  [0xbe, 0x0178], // LATIN CAPITAL LETTER Y WITH DIAERESIS
];

const SINGLE_BYTE = ['windows-1252', 'iso-8859-1', 'iso-8859-15'] as const;
const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, byte) => byte);
const SPANISH = 'Razón social;Teléfono';

/** The code point each byte should read as, from the tables above. */
function expectedCodePoint(encoding: (typeof SINGLE_BYTE)[number], byte: number): number {
  const changes = encoding === 'windows-1252' ? WINDOWS_1252_80_9F : encoding === 'iso-8859-15' ? ISO_8859_15_CHANGES : [];
  return changes.find(([changed]) => changed === byte)?.[1] ?? byte;
}

/** Decodes with a fresh decoder, chunk by chunk, and answers the text and the replacement count. */
function decodeChunks(encoding: CsvEncoding, chunks: readonly (readonly number[])[]): { text: string; replaced: number } {
  const decoder = createDecoder(encoding);
  let text = '';
  for (const chunk of chunks) text += decoder.decode(Uint8Array.from(chunk));
  text += decoder.end();
  return { text, replaced: decoder.replaced };
}

describe('single-byte encodings', () => {
  it('windows-1252 reads 0x80–0x9F as the WHATWG index says, the five undefined bytes as the C1 controls of the same number', () => {
    const text = decodeBytes(EVERY_BYTE.subarray(0x80, 0xa0), 'windows-1252');
    expect(Array.from(text, (char) => char.codePointAt(0))).toEqual(WINDOWS_1252_80_9F.map(([, codePoint]) => codePoint));
    expect(decodeBytes(Uint8Array.of(0x80), 'windows-1252')).toBe('€');
  });

  it.each(SINGLE_BYTE)('%s reads every byte 0x00–0xFF as the code point of its standard table', (encoding) => {
    const text = decodeBytes(EVERY_BYTE, encoding);
    expect(text).toHaveLength(256);
    expect(Array.from(text, (char) => char.codePointAt(0))).toEqual(Array.from(EVERY_BYTE, (byte) => expectedCodePoint(encoding, byte)));
  });

  it('iso-8859-1 reads every byte as the code point of the same number', () => {
    expect(Array.from(decodeBytes(EVERY_BYTE, 'iso-8859-1'), (char) => char.codePointAt(0))).toEqual(Array.from(EVERY_BYTE));
  });

  it('iso-8859-15 differs from iso-8859-1 at exactly eight bytes: € Š š Ž ž Œ œ Ÿ', () => {
    const latin1 = decodeBytes(EVERY_BYTE, 'iso-8859-1');
    const latin9 = decodeBytes(EVERY_BYTE, 'iso-8859-15');
    const differing = Array.from(EVERY_BYTE).filter((byte) => latin1[byte] !== latin9[byte]);
    expect(differing).toEqual(ISO_8859_15_CHANGES.map(([byte]) => byte));
    expect(differing.map((byte) => latin9[byte]).join('')).toBe('€ŠšŽžŒœŸ');
  });

  it.each(SINGLE_BYTE)("%s agrees with iconv-lite's unicode.org tables on every byte the encoding defines", (encoding) => {
    const ours = decodeBytes(EVERY_BYTE, encoding);
    const theirs = iconv.decode(Buffer.from(EVERY_BYTE), encoding);
    const defined = Array.from(EVERY_BYTE).filter((byte) => encoding !== 'windows-1252' || !WINDOWS_1252_UNDEFINED.includes(byte));
    expect(defined.map((byte) => ours[byte])).toEqual(defined.map((byte) => theirs[byte]));
  });

  it("windows-1252's five undefined bytes follow WHATWG (C1 controls), not iconv-lite (U+FFFD)", () => {
    const bytes = Uint8Array.from(WINDOWS_1252_UNDEFINED);
    expect(decodeBytes(bytes, 'windows-1252')).toBe('\u0081\u008d\u008f\u0090\u009d');
    expect(iconv.decode(Buffer.from(bytes), 'windows-1252')).toBe('\ufffd'.repeat(5));
  });

  it.each(SINGLE_BYTE)('a %s decoder replaces nothing, has no byte order mark and carries nothing between chunks', (encoding) => {
    const decoder = createDecoder(encoding);
    expect(decoder.decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('ï»¿A');
    expect(decoder.decode(Uint8Array.of(0xe9))).toBe('é');
    expect(decoder.end()).toBe('');
    expect(decoder.replaced).toBe(0);
    expect(decoder.encoding).toBe(encoding);
  });

  it('a chunk longer than one internal block decodes whole', () => {
    const bytes = new Uint8Array(200_003).fill(0x80);
    bytes[131_072] = 0x41;
    const text = decodeBytes(bytes, 'windows-1252');
    expect(text).toHaveLength(200_003);
    expect(text.replaceAll('€', '')).toBe('A');
  });
});

describe('UTF-8 and UTF-16 decoding', () => {
  it('UTF-8 decodes with or without its byte order mark, which is dropped', () => {
    const bytes = new TextEncoder().encode(SPANISH);
    expect(decodeBytes(bytes, 'utf-8')).toBe(SPANISH);
    expect(decodeBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes), 'utf-8')).toBe(SPANISH);
  });

  it('UTF-16LE and UTF-16BE decode with their byte order marks, which are dropped', () => {
    const le = Buffer.from(SPANISH, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeBytes(Uint8Array.of(0xff, 0xfe, ...le), 'utf-16le')).toBe(SPANISH);
    expect(decodeBytes(Uint8Array.of(0xfe, 0xff, ...be), 'utf-16be')).toBe(SPANISH);
    expect(decodeBytes(le, 'utf-16le')).toBe(SPANISH);
    expect(decodeBytes(be, 'utf-16be')).toBe(SPANISH);
  });

  it("a byte order mark cut across chunks is still the stream's first character, and dropped", () => {
    expect(decodeChunks('utf-8', [[0xef], [], [0xbb], [0xbf, 0x41]]).text).toBe('A');
    expect(decodeChunks('utf-16le', [[0xff], [0xfe, 0x41], [0x00]]).text).toBe('A');
    expect(decodeChunks('utf-16be', [[0xfe], [0xff]]).text).toBe('');
  });

  it('only the first byte order mark of the stream is dropped: a U+FEFF later on is text', () => {
    expect(decodeChunks('utf-8', [[0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]]).text).toBe('\ufeffA');
    expect(decodeChunks('utf-8', [[0x41], [0xef, 0xbb, 0xbf]]).text).toBe('A\ufeff');
    expect(decodeChunks('utf-16le', [[0x41, 0x00], [0xff, 0xfe]]).text).toBe('A\ufeff');
  });

  it("only the decoder's own byte order mark is dropped: another encoding's reads as what its bytes mean", () => {
    expect(decodeChunks('utf-8', [[0xff, 0xfe, 0x41]])).toEqual({ text: '\ufffd\ufffdA', replaced: 2 });
    // FE FF read as UTF-16LE is U+FFFE, a noncharacter but not a byte order mark.
    expect(decodeChunks('utf-16le', [[0xfe, 0xff, 0x41, 0x00]]).text).toBe('\ufffeA');
  });

  it('a character cut at a chunk boundary is decoded whole with the next chunk', () => {
    expect(decodeChunks('utf-8', [[0x52, 0x61, 0x7a, 0xc3], [0xb3, 0x6e]]).text).toBe('Razón');
    expect(decodeChunks('utf-8', [[0xf0], [0x9f], [0x98], [0x80]]).text).toBe('😀');
    expect(decodeChunks('utf-16le', [[0x3d], [0xd8, 0x00], [0xde]]).text).toBe('😀');
    expect(decodeChunks('utf-16be', [[0xd8, 0x3d], [0xde, 0x00]]).text).toBe('😀');
  });

  it('invalid UTF-8 becomes U+FFFD, one per maximal bad subpart as browsers do, and is counted in replaced', () => {
    expect(decodeChunks('utf-8', [[0x41, 0x80, 0x42]])).toEqual({ text: 'A\ufffdB', replaced: 1 });
    expect(decodeChunks('utf-8', [[0xc0, 0x80]])).toEqual({ text: '\ufffd\ufffd', replaced: 2 });
    expect(decodeChunks('utf-8', [[0xed, 0xa0, 0x80]])).toEqual({ text: '\ufffd\ufffd\ufffd', replaced: 3 });
    expect(decodeChunks('utf-8', [[0xe2, 0x82, 0x41]])).toEqual({ text: '\ufffdA', replaced: 1 });
    // The first two bytes of a U+FFFD, then something else: a replacement, not the character.
    expect(decodeChunks('utf-8', [[0xef, 0xbf, 0x41]])).toEqual({ text: '\ufffdA', replaced: 1 });
  });

  it('a U+FFFD the file holds is text, not a replacement, even when its bytes are split across three chunks', () => {
    expect(decodeChunks('utf-8', [[0xef, 0xbf, 0xbd]])).toEqual({ text: '\ufffd', replaced: 0 });
    expect(decodeChunks('utf-8', [[0x41, 0xef], [0xbf], [0xbd, 0x80]])).toEqual({ text: 'A\ufffd\ufffd', replaced: 1 });
    expect(decodeChunks('utf-16le', [[0xfd], [0xff]])).toEqual({ text: '\ufffd', replaced: 0 });
    expect(decodeChunks('utf-16be', [[0xff, 0xfd, 0xdc, 0x00]])).toEqual({ text: '\ufffd\ufffd', replaced: 1 });
  });

  it('a character cut off at the end of the file becomes one U+FFFD at end()', () => {
    const decoder = createDecoder('utf-8');
    expect(decoder.decode(Uint8Array.of(0x41, 0xf0, 0x9f, 0x98))).toBe('A');
    expect(decoder.end()).toBe('\ufffd');
    expect(decoder.replaced).toBe(1);
    expect(decodeChunks('utf-16le', [[0x41, 0x00, 0x42]])).toEqual({ text: 'A\ufffd', replaced: 1 });
    expect(decodeChunks('utf-16le', [[0x41, 0x00, 0x3d, 0xd8]])).toEqual({ text: 'A\ufffd', replaced: 1 });
  });

  it('a lone UTF-16 surrogate becomes U+FFFD and is counted', () => {
    expect(decodeChunks('utf-16le', [[0x00, 0xdc, 0x41, 0x00]])).toEqual({ text: '\ufffdA', replaced: 1 });
    expect(decodeChunks('utf-16be', [[0xd8, 0x3d], [0x00, 0x41]])).toEqual({ text: '\ufffdA', replaced: 1 });
  });

  it('a decoder does not read the caller’s chunk after returning, so the caller may reuse its buffer', () => {
    const decoder = createDecoder('utf-8');
    const buffer = Uint8Array.of(0x41, 0xc3);
    expect(decoder.decode(buffer)).toBe('A');
    buffer.fill(0);
    expect(decoder.decode(Uint8Array.of(0xa9))).toBe('é');
  });
});

describe('detectEncoding', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x41], 'utf-8', 3],
    [[0xff, 0xfe, 0x41, 0x00], 'utf-16le', 2],
    [[0xfe, 0xff, 0x00, 0x41], 'utf-16be', 2],
    [[0xff, 0xfe], 'utf-16le', 2],
  ] as const)('a byte order mark decides: %j is %s', (bytes, encoding, bomLength) => {
    expect(detectEncoding(Uint8Array.from(bytes))).toEqual({ encoding, bomLength, reason: 'bom' });
  });

  it('Spanish text in windows-1252 is guessed windows-1252 and decodes back', () => {
    const bytes = Uint8Array.from(iconv.encode(SPANISH, 'windows-1252'));
    expect(detectEncoding(bytes)).toEqual({ encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' });
    expect(decodeBytes(bytes)).toBe(SPANISH);
  });

  it('the same text in UTF-8 is guessed UTF-8', () => {
    const bytes = new TextEncoder().encode(SPANISH);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'utf-8' });
    expect(decodeBytes(bytes)).toBe(SPANISH);
  });

  it('byte 0x80 alone is not UTF-8, so it reads as the euro sign of windows-1252', () => {
    expect(detectEncoding(Uint8Array.of(0x80)).encoding).toBe('windows-1252');
    expect(decodeBytes(Uint8Array.of(0x80))).toBe('€');
    expect(decodeBytes(Uint8Array.of(0x31, 0x30, 0x20, 0x80))).toBe('10 €');
  });

  it('pure ASCII, and an empty sample, are reported as ASCII read as UTF-8', () => {
    expect(detectEncoding(new TextEncoder().encode('Name;Phone\r\nAna;612\r\n'))).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'ascii' });
    expect(detectEncoding(new Uint8Array(0))).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'ascii' });
  });

  it('a multi-byte sequence cut off at the very end of the sample still counts as UTF-8', () => {
    const bytes = new TextEncoder().encode('Año 😀');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'utf-8' });
    expect(detectEncoding(Uint8Array.of(0x41, 0xe2))).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'utf-8' });
  });

  it('a sequence cut off at the end of a complete file is not UTF-8, so a windows-1252 file may end with é', () => {
    const bytes = Uint8Array.of(0x63, 0x61, 0x66, 0xe9);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
    expect(detectEncoding(bytes, { complete: true })).toEqual({ encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' });
    expect(decodeBytes(bytes)).toBe('café');
  });

  it.each([
    ['an overlong form', [0x41, 0xc0, 0x80]],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte that never occurs in UTF-8', [0x41, 0xf5]],
    ['a lone continuation byte', [0x41, 0xa9]],
    ['a sequence broken before the end', [0xc3, 0x41]],
    ['a bad second byte just before the end', [0x41, 0xe0, 0x80]],
  ])('%s makes a sample single-byte', (_what, bytes) => {
    expect(detectEncoding(Uint8Array.from(bytes))).toEqual({ encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' });
  });

  it('Latin text in UTF-16 without a byte order mark is told by its zero bytes, in either byte order', () => {
    const le = Buffer.from(SPANISH, 'utf16le');
    expect(detectEncoding(le)).toEqual({ encoding: 'utf-16le', bomLength: 0, reason: 'utf-16-pattern' });
    expect(detectEncoding(Buffer.from(le).swap16())).toEqual({ encoding: 'utf-16be', bomLength: 0, reason: 'utf-16-pattern' });
    expect(decodeBytes(le)).toBe(SPANISH);
  });

  it('a Cyrillic CSV in UTF-16 without a byte order mark is told by the zero bytes of its delimiters and digits', () => {
    const text = 'Имя;Фамилия;Телефон\r\nИван;Петров;+7 912 345 67 89\r\nОльга;Смирнова;+7 495 123 45 67\r\n';
    expect(detectEncoding(Buffer.from(text, 'utf16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(text, 'utf16le').swap16()).encoding).toBe('utf-16be');
  });

  it('zero bytes on both sides (binary data, UTF-32) are not UTF-16', () => {
    expect(detectEncoding(Uint8Array.of(0x41, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x00)).reason).not.toBe('utf-16-pattern');
    expect(detectEncoding(new Uint8Array(16)).reason).toBe('ascii');
    expect(detectEncoding(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00)).reason).not.toBe('utf-16-pattern');
  });

  it('a sample of one byte has no UTF-16 code unit to judge', () => {
    expect(detectEncoding(Uint8Array.of(0x00)).reason).toBe('ascii');
  });

  it('the guess can be overridden: the same bytes decode as any encoding asked for', () => {
    const bytes = Uint8Array.of(0xa4);
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    expect(decodeBytes(bytes)).toBe('¤');
    expect(decodeBytes(bytes, 'iso-8859-15')).toBe('€');
  });
});

describe('arguments', () => {
  it('every name of CSV_ENCODINGS makes a decoder of that encoding', () => {
    expect(CSV_ENCODINGS.map((encoding) => createDecoder(encoding).encoding)).toEqual([...CSV_ENCODINGS]);
  });

  it('encoding names are matched in any case, and the decoder reports the listed name', () => {
    expect(createDecoder('UTF-8' as CsvEncoding).encoding).toBe('utf-8');
    expect(createDecoder('Windows-1252' as CsvEncoding).encoding).toBe('windows-1252');
  });

  it.each(['latin1', 'utf8', 'cp1252', 'utf-32', 'ascii', '', ' utf-8', undefined, null, 42, {}])('an encoding outside CSV_ENCODINGS (%j) is INVALID_ARGUMENT', (encoding) => {
    expect(codeOf(() => createDecoder(encoding as CsvEncoding))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => decodeBytes(Uint8Array.of(0x41), encoding as CsvEncoding))).toBe(encoding === undefined || encoding === null ? 'no error' : 'INVALID_ARGUMENT');
  });

  it('the error for an unknown encoding does not repeat the name given', () => {
    const error = thrownBy(() => createDecoder('x-secret-charset' as CsvEncoding));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('secret');
  });

  it.each([
    ['a string', 'abc'],
    ['an array of numbers', [0x41]],
    ['an ArrayBuffer', new ArrayBuffer(1)],
    ['a Uint16Array', new Uint16Array(1)],
    ['an Int8Array', new Int8Array(1)],
    ['a DataView', new DataView(new ArrayBuffer(1))],
    ['null', null],
  ])('bytes given as %s are INVALID_ARGUMENT', (_what, value) => {
    expect(codeOf(() => detectEncoding(value as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => decodeBytes(value as never))).toBe('INVALID_ARGUMENT');
    for (const encoding of CSV_ENCODINGS) expect(codeOf(() => createDecoder(encoding).decode(value as never))).toBe('INVALID_ARGUMENT');
  });

  it.each([null, 'complete', 1])('options of detectEncoding given as %j are INVALID_ARGUMENT', (options) => {
    expect(codeOf(() => detectEncoding(Uint8Array.of(0x41), options as never))).toBe('INVALID_ARGUMENT');
  });

  it('a Node Buffer and a Uint8Array from another realm are bytes', () => {
    const foreign = runInNewContext('new Uint8Array([0x52, 0xf3, 0x6e])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(decodeBytes(foreign)).toBe('Rón');
    expect(createDecoder('utf-8').decode(Buffer.from('Ró'))).toBe('Ró');
  });

  it.each(CSV_ENCODINGS)('a %s decoder refuses to be used after end()', (encoding) => {
    const decoder = createDecoder(encoding);
    decoder.end();
    expect(codeOf(() => decoder.decode(Uint8Array.of(0x41)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => decoder.end())).toBe('INVALID_ARGUMENT');
  });
});
