import { ValidationError } from '../kernel/index.js';
import { createSingleByteDecoder } from './_internal/single-byte.js';
import type { SingleByteEncoding } from './_internal/single-byte.js';

// The build compiles without DOM or Node types; TextDecoder is a global of every runtime crm-kit supports.
declare const TextDecoder: new (label: string, options: { readonly fatal?: boolean; readonly ignoreBOM?: boolean }) => { decode(input: ArrayBufferView): string };

/**
 * The text encodings crm-kit reads CSV files in. windows-1252 stands for the whole Western
 * single-byte family when a file does not say which member it is (as browsers read an
 * `iso-8859-1` label); `iso-8859-1` and `iso-8859-15` are there for hosts that know better.
 *
 * @example
 * ```ts
 * CSV_ENCODINGS.includes('windows-1252'); //=> true
 * ```
 */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1', 'iso-8859-15'] as const;

/** One of {@link CSV_ENCODINGS}. */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/**
 * What {@link detectEncoding} concluded, and from what: a byte order mark (`'bom'`), the zero
 * bytes of UTF-16 text without one (`'utf-16-pattern'`), valid UTF-8 with at least one non-ASCII
 * character (`'utf-8'`), bytes that are not UTF-8 (`'single-byte'`), or only ASCII (`'ascii'`,
 * reported as UTF-8, which reads ASCII the same as every other encoding of the list but UTF-16).
 */
export interface EncodingGuess {
  /** The encoding to decode the file with, unless the person says otherwise. */
  readonly encoding: CsvEncoding;
  /** How many bytes of byte order mark the file starts with (0, 2 or 3); {@link createDecoder} drops them itself. */
  readonly bomLength: number;
  /** Why this encoding was chosen. */
  readonly reason: 'bom' | 'utf-8' | 'utf-16-pattern' | 'single-byte' | 'ascii';
}

/**
 * A streaming decoder made by {@link createDecoder}: feed it the bytes of one file in chunks of
 * any size, in order, then call `end()` once.
 */
export interface CsvDecoder {
  /** The encoding it decodes. */
  readonly encoding: CsvEncoding;
  /**
   * How many U+FFFD replacement characters it has written for bytes that were not valid in its
   * encoding (not counting U+FFFD characters the file itself holds). Always 0 for the
   * single-byte encodings, where every byte means a character.
   */
  readonly replaced: number;
  /**
   * Decodes the next chunk. Bytes of a character cut at the end of the chunk are kept and decoded
   * with the next one; the byte order mark of the encoding, when the file starts with it, is dropped.
   *
   * @throws ValidationError `INVALID_ARGUMENT` when `chunk` is not a Uint8Array or the decoder has ended.
   */
  decode(chunk: Uint8Array): string;
  /**
   * Ends the file: decodes what was kept, with a U+FFFD for a character cut off at the end of the
   * file. The decoder cannot be used after it.
   *
   * @throws ValidationError `INVALID_ARGUMENT` when the decoder has ended already.
   */
  end(): string;
}

// A sample is UTF-16 without a byte order mark when at least this share of its code units have a
// zero byte on one side (ASCII and Latin-1 letters, digits and delimiters in UTF-16)...
const UTF16_MIN_ZERO_SHARE = 0.25;
// ...and zero bytes on the other side are rarer than this share of those: text in 8-bit encodings
// has no zero bytes at all, binary data and UTF-32 have them on both sides.
const UTF16_MAX_OTHER_SIDE = 0.125;

/** Options of {@link detectEncoding}. */
export interface DetectEncodingOptions {
  /**
   * `true` when the sample is the whole file, so that a UTF-8 sequence cut off at its end is an
   * error (a file in windows-1252 that ends with `é` is not UTF-8); by default the sample is the
   * start of a longer file, where such a cut is only where the sample stops.
   */
  readonly complete?: boolean | undefined;
}

/**
 * Guesses the encoding of a CSV file from its first bytes. In order: a byte order mark (UTF-8,
 * UTF-16LE, UTF-16BE); else UTF-16 without one, when at least a quarter of the code units have a
 * zero byte on the same side and hardly any on the other (text written mostly with characters below
 * U+0100); else UTF-8, when the bytes are valid UTF-8 (a character cut off at the very end of the
 * sample counts as valid, because a sample is the start of a file, unless `complete` says it is the
 * whole file); else windows-1252.
 *
 * It is a guess: the single-byte encodings cannot be told apart from their bytes (the guess is
 * always windows-1252, which reads ISO-8859-1 text the same but for 0x80–0x9F), and a short sample
 * may look like UTF-8 by chance. Show the person a preview decoded with it and let them choose any
 * of {@link CSV_ENCODINGS} instead. The more of the file the sample holds, the surer the guess; the
 * first 64 KiB is usually enough.
 *
 * @param sample - The first bytes of the file (or all of them).
 * @param options - `complete: true` when `sample` is the whole file.
 * @returns The encoding, the length of its byte order mark, and why it was chosen.
 * @throws ValidationError `INVALID_ARGUMENT` when `sample` is not a Uint8Array or the options are not `{ complete? }`.
 *
 * @example
 * ```ts
 * detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); //=> { encoding: 'utf-8', bomLength: 3, reason: 'bom' }
 * detectEncoding(new Uint8Array([0x41, 0x00, 0x3b, 0x00])); //=> { encoding: 'utf-16le', bomLength: 0, reason: 'utf-16-pattern' }
 * detectEncoding(new TextEncoder().encode('Razón social')); //=> { encoding: 'utf-8', bomLength: 0, reason: 'utf-8' }
 * detectEncoding(new Uint8Array([0x52, 0x61, 0x7a, 0xf3, 0x6e])); //=> { encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' }
 * detectEncoding(new TextEncoder().encode('Name;Phone')); //=> { encoding: 'utf-8', bomLength: 0, reason: 'ascii' }
 * detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); //=> { encoding: 'utf-8', bomLength: 0, reason: 'utf-8' }
 * detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), { complete: true }); //=> { encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' }
 * ```
 */
export function detectEncoding(sample: Uint8Array, options: DetectEncodingOptions = {}): EncodingGuess {
  assertBytes(sample, 'detectEncoding takes the bytes of a sample as a Uint8Array.');
  if (typeof options !== 'object' || (options as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'detectEncoding takes options { complete? }.');
  const complete = options.complete === true;
  const [first, second, third] = sample;
  if (first === 0xef && second === 0xbb && third === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'bom' };
  if (first === 0xff && second === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'bom' };
  if (first === 0xfe && second === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'bom' };
  const utf16 = utf16Pattern(sample);
  if (utf16 !== undefined) return { encoding: utf16, bomLength: 0, reason: 'utf-16-pattern' };
  const utf8 = utf8Verdict(sample, complete);
  if (utf8 === 'invalid') return { encoding: 'windows-1252', bomLength: 0, reason: 'single-byte' };
  return { encoding: 'utf-8', bomLength: 0, reason: utf8 };
}

/**
 * Creates a streaming decoder for one file in the given encoding (see {@link CsvDecoder}). Bytes
 * that are not valid UTF-8 or UTF-16 become U+FFFD, as browsers decode them, and are counted in
 * `replaced`, so an import can warn that the file was probably in another encoding. windows-1252
 * follows the WHATWG Encoding Standard, where the five bytes the code page leaves undefined read as
 * the C1 controls U+0081, U+008D, U+008F, U+0090 and U+009D.
 *
 * Encoding names are those of {@link CSV_ENCODINGS}, in any case; aliases (`latin1`, `utf8`,
 * `cp1252`) are refused, so that a typo never silently picks another decoding.
 *
 * @param encoding - One of {@link CSV_ENCODINGS}.
 * @returns A decoder for one stream of bytes.
 * @throws ValidationError `INVALID_ARGUMENT` when the encoding is not one of {@link CSV_ENCODINGS}.
 *
 * @example
 * ```ts
 * const decoder = createDecoder('utf-8');
 * decoder.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x52, 0x61, 0x7a, 0xc3])); //=> 'Raz'
 * decoder.decode(new Uint8Array([0xb3, 0x6e])); //=> 'ón'
 * decoder.end(); //=> ''
 * decoder.replaced; //=> 0
 * createDecoder('windows-1252').decode(new Uint8Array([0x80, 0x20, 0x31, 0x30])); //=> '€ 10'
 * createDecoder('latin1'); // throws INVALID_ARGUMENT
 * ```
 */
export function createDecoder(encoding: CsvEncoding): CsvDecoder {
  const name = typeof encoding === 'string' ? CSV_ENCODINGS.find((known) => known === encoding.toLowerCase()) : undefined;
  if (name === undefined) throw new ValidationError('INVALID_ARGUMENT', `The encoding must be one of ${CSV_ENCODINGS.join(', ')}.`);
  switch (name) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
      return createUnicodeDecoder(name);
    case 'windows-1252':
    case 'iso-8859-1':
    case 'iso-8859-15':
      return createBytewiseDecoder(name);
    default: {
      const _exhaustive: never = name;
      return _exhaustive;
    }
  }
}

/**
 * Decodes a whole file held in memory: {@link createDecoder} fed once, with the encoding
 * {@link detectEncoding} guesses from all the bytes (`complete: true`) when none is given. A byte order mark is dropped.
 *
 * @param bytes - The file's bytes.
 * @param encoding - One of {@link CSV_ENCODINGS}; guessed when omitted.
 * @returns The text.
 * @throws ValidationError `INVALID_ARGUMENT` when `bytes` is not a Uint8Array or the encoding is not one of {@link CSV_ENCODINGS}.
 *
 * @example
 * ```ts
 * decodeBytes(new Uint8Array([0x52, 0x61, 0x7a, 0xf3, 0x6e])); //=> 'Razón'
 * decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); //=> 'café'
 * decodeBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3b, 0x00])); //=> 'A;'
 * decodeBytes(new Uint8Array([0xa4]), 'iso-8859-15'); //=> '€'
 * decodeBytes(new Uint8Array([0xa4]), 'iso-8859-1'); //=> '¤'
 * ```
 */
export function decodeBytes(bytes: Uint8Array, encoding?: CsvEncoding): string {
  assertBytes(bytes, 'decodeBytes takes the bytes of a file as a Uint8Array.');
  const decoder = createDecoder(encoding ?? detectEncoding(bytes, { complete: true }).encoding);
  return decoder.decode(bytes) + decoder.end();
}

/** Throws `INVALID_ARGUMENT` unless `value` is a Uint8Array (a Node Buffer is one), from this realm or another. */
function assertBytes(value: unknown, message: string): asserts value is Uint8Array {
  const isBytes = value instanceof Uint8Array || (ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]');
  if (!isBytes) throw new ValidationError('INVALID_ARGUMENT', message);
}

/** The UTF-16 byte order a sample without a byte order mark looks like, if any. */
function utf16Pattern(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = sample.length >>> 1;
  if (units === 0) return undefined;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let index = 0; index < units * 2; index += 2) {
    if (sample[index] === 0) zeroFirst += 1;
    if (sample[index + 1] === 0) zeroSecond += 1;
  }
  // Little-endian puts the zero high byte second, big-endian first.
  if (zeroSecond >= units * UTF16_MIN_ZERO_SHARE && zeroFirst <= zeroSecond * UTF16_MAX_OTHER_SIDE) return 'utf-16le';
  if (zeroFirst >= units * UTF16_MIN_ZERO_SHARE && zeroSecond <= zeroFirst * UTF16_MAX_OTHER_SIDE) return 'utf-16be';
  return undefined;
}

/**
 * Whether bytes are ASCII, other valid UTF-8, or not UTF-8, by the well-formed sequences of the
 * Unicode Standard (table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF. A
 * sequence cut off by the end of the bytes is valid so far, unless the bytes are `complete`.
 */
function utf8Verdict(bytes: Uint8Array, complete: boolean): 'ascii' | 'utf-8' | 'invalid' {
  let ascii = true;
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    ascii = false;
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return 'invalid';
    for (let offset = 1; offset <= trailing; offset += 1) {
      const next = bytes[index + offset];
      if (next === undefined) return complete ? 'invalid' : 'utf-8';
      if (next < low || next > high) return 'invalid';
      low = 0x80;
      high = 0xbf;
    }
    index += trailing + 1;
  }
  return ascii ? 'ascii' : 'utf-8';
}

/** A decoder that has ended refuses further use, so that a second file is never read as the rest of the first. */
function assertOpen(ended: boolean): void {
  if (ended) throw new ValidationError('INVALID_ARGUMENT', 'This decoder has ended; create a new one for another file.');
}

function createBytewiseDecoder(encoding: SingleByteEncoding): CsvDecoder {
  const decodeAll = createSingleByteDecoder(encoding);
  let ended = false;
  return {
    encoding,
    replaced: 0,
    decode(chunk) {
      assertOpen(ended);
      assertBytes(chunk, 'decode takes a chunk of bytes as a Uint8Array.');
      return decodeAll(chunk);
    },
    end() {
      assertOpen(ended);
      ended = true;
      return '';
    },
  };
}

/**
 * A UTF-8 or UTF-16 decoder. Each call decodes only whole characters with a non-streaming
 * TextDecoder and keeps the bytes of a cut one (at most 3) for the next call: then every decoded
 * piece stands alone, which makes the byte order mark (only the stream's first character) and the
 * replacement count (U+FFFD written minus U+FFFD read, both in one piece) simple to get right.
 */
function createUnicodeDecoder(encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): CsvDecoder {
  const textDecoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const cutAt = encoding === 'utf-8' ? utf8CompleteLength : (bytes: Uint8Array) => utf16CompleteLength(bytes, encoding === 'utf-16le');
  const literals = encoding === 'utf-8' ? utf8Replacements : (bytes: Uint8Array) => utf16Replacements(bytes, encoding === 'utf-16le');
  let kept = new Uint8Array(0);
  let atStart = true;
  let ended = false;
  let replaced = 0;

  const decodePiece = (piece: Uint8Array): string => {
    let text = textDecoder.decode(piece);
    const written = countReplacements(text);
    if (written > 0) replaced += written - literals(piece);
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };

  return {
    encoding,
    get replaced() {
      return replaced;
    },
    decode(chunk) {
      assertOpen(ended);
      assertBytes(chunk, 'decode takes a chunk of bytes as a Uint8Array.');
      let bytes = chunk;
      if (kept.length > 0) {
        bytes = new Uint8Array(kept.length + chunk.length);
        bytes.set(kept);
        bytes.set(chunk, kept.length);
      }
      const cut = cutAt(bytes);
      // A copy: the caller may reuse the chunk's buffer for the next read.
      kept = bytes.slice(cut);
      return cut === 0 ? '' : decodePiece(bytes.subarray(0, cut));
    },
    end() {
      assertOpen(ended);
      ended = true;
      const rest = kept;
      kept = new Uint8Array(0);
      return rest.length === 0 ? '' : decodePiece(rest);
    },
  };
}

/** How many U+FFFD a text holds. */
function countReplacements(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\ufffd'); at !== -1; at = text.indexOf('\ufffd', at + 1)) count += 1;
  return count;
}

/**
 * How many of the bytes to decode now: all of them, or up to the lead byte of a sequence that the
 * end of the bytes cuts short. Decoding stops in the same state there as when reading on, because
 * a UTF-8 decoder starts afresh at every byte that is not a continuation byte (0x80–0xBF).
 */
function utf8CompleteLength(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let index = length - 1; index >= 0 && index >= length - 3; index -= 1) {
    const byte = bytes[index] ?? 0;
    if (byte >= 0x80 && byte <= 0xbf) continue;
    const size = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xc2 && byte <= 0xdf ? 2 : 1;
    return length - index >= size ? length : index;
  }
  // Three continuation bytes in a row (or fewer, at the start of the stream) finish or break any sequence.
  return length;
}

/** How many of the bytes to decode now: whole code units, and not a high surrogate whose pair may come next. */
function utf16CompleteLength(bytes: Uint8Array, littleEndian: boolean): number {
  const even = bytes.length - (bytes.length % 2);
  if (even === 0) return 0;
  const first = bytes[even - 2] ?? 0;
  const second = bytes[even - 1] ?? 0;
  const unit = littleEndian ? first | (second << 8) : (first << 8) | second;
  return unit >= 0xd800 && unit <= 0xdbff ? even - 2 : even;
}

/** How many U+FFFD characters UTF-8 bytes hold themselves (EF BF BD). */
function utf8Replacements(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0xef); at !== -1 && at + 2 < bytes.length; at = bytes.indexOf(0xef, at + 1)) {
    if (bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd) count += 1;
  }
  return count;
}

/** How many U+FFFD code units UTF-16 bytes hold themselves. */
function utf16Replacements(bytes: Uint8Array, littleEndian: boolean): number {
  const [low, high] = littleEndian ? [0xfd, 0xff] : [0xff, 0xfd];
  let count = 0;
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    if (bytes[index] === low && bytes[index + 1] === high) count += 1;
  }
  return count;
}
