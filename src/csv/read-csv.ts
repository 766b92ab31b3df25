import type { Issue } from '../kernel/index.js';
import { CrmError, invalidArgument, isPlainRecord, issue } from '../kernel/index.js';
import { DELIMITERS } from './_internal/columns.js';
import { ROW_FLAGS, Tokenizer } from './_internal/tokenizer.js';
import type { CsvEncoding } from './encoding.js';
import { CSV_ENCODINGS, createDecoder, detectEncoding } from './encoding.js';

/** A stream as the web platform has it: only `getReader()` is used, so any such stream will do. */
export interface ReadableStreamLike<T> {
  getReader(): { read(): Promise<{ readonly done: boolean; readonly value?: T | undefined }>; releaseLock(): void };
}

/**
 * What a CSV file can be read from, the same in Node and in a browser: the whole file as bytes or
 * as text, a web `ReadableStream` (a `fetch` body, `file.stream()`), a Node readable (an
 * `fs.createReadStream`), or any iterable of byte (or text) chunks.
 */
export type CsvSource = string | Uint8Array | ReadableStreamLike<Uint8Array> | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** The delimiters a file can use; all but the space are sniffed. */
export type CsvDelimiter = ',' | ';' | '\t' | '|' | ' ';

/**
 * The caps on what a read accepts, so that a hostile file costs bounded memory and time. Lengths
 * are in characters (UTF-16 code units) after decoding.
 */
export interface CsvLimits {
  /** Bytes of the whole file. Default 1 GiB. */
  readonly maxFileBytes: number;
  /** Data rows. Default 5,000,000. */
  readonly maxRows: number;
  /** Cells of one row. Default 1,000. */
  readonly maxCellsPerRow: number;
  /** Characters of one cell. Default 100,000. */
  readonly maxCellLength: number;
  /** Characters of one row, line breaks inside quotes included. Default 1,000,000. */
  readonly maxRowLength: number;
}

/**
 * The default {@link CsvLimits}.
 *
 * @example
 * ```ts
 * CSV_LIMITS.maxCellsPerRow; //=> 1000
 * ```
 */
export const CSV_LIMITS: CsvLimits = /* @__PURE__ */ Object.freeze({
  // 1 GiB, written out: a constant expression would be work a bundler keeps.
  maxFileBytes: 1_073_741_824,
  maxRows: 5_000_000,
  maxCellsPerRow: 1_000,
  maxCellLength: 100_000,
  maxRowLength: 1_000_000,
});

/**
 * Options of {@link openCsv}.
 */
export interface ReadCsvOptions {
  /** The file's encoding; detected when not given (a BOM, then UTF-8 validity, then Windows-1252). */
  readonly encoding?: CsvEncoding | undefined;
  /** The delimiter; sniffed from the first rows when not given (`,` `;` tab `|`). */
  readonly delimiter?: CsvDelimiter | undefined;
  /** Whether the first non-blank row names the columns. Default `true`. */
  readonly header?: boolean | undefined;
  /** Caps tighter or looser than {@link CSV_LIMITS}. */
  readonly limits?: Partial<CsvLimits> | undefined;
}

/**
 * One data row: its cells as read (quotes removed, nothing trimmed or converted), the physical
 * lines it spans as a text editor numbers them, and what is wrong with it. A row with issues still
 * comes out, so that every line of the file is accounted for.
 */
export interface CsvRow {
  /** The line the row starts on, from 1. */
  readonly line: number;
  /** The line it ends on: later than `line` when a quoted cell holds line breaks. */
  readonly endLine: number;
  readonly cells: readonly string[];
  /**
   * `UNCLOSED_QUOTE`, `MALFORMED_QUOTES`, `WRONG_CELL_COUNT` (against the header),
   * `INVALID_TEXT` (a NUL, or characters the encoding could not decode), `LIMIT_EXCEEDED` (too many cells, a cell or the row too long); the path
   * is the cell's position when one cell is at fault.
   */
  readonly issues: readonly Issue[];
}

/**
 * A CSV file opened for reading: what was detected, the header, and its data rows, read as they
 * are iterated (once).
 */
export interface CsvFile {
  readonly encoding: CsvEncoding;
  /** The encoding was detected, not given. */
  readonly encodingDetected: boolean;
  readonly delimiter: CsvDelimiter;
  /** The header row's cells, trimmed, by position; `[]` when the file has no header row. */
  readonly header: readonly string[];
  /** The line of the header row, or 0. */
  readonly headerLine: number;
  /** Empty, repeated and reserved (`__proto__`, `constructor`, `prototype`) headers: the columns are kept by position all the same. */
  readonly headerIssues: readonly Issue[];
  /** The data rows; blank lines are not rows, they are counted in {@link CsvFile.blankLines}. */
  rows(): AsyncIterable<CsvRow>;
  /** The blank lines seen so far (all of them once the rows are read). */
  readonly blankLines: number;
  /** The text could not all be decoded: characters became U+FFFD (a wrong encoding, most likely). */
  readonly replacedCharacters: number;
}

/** A file broke one of the {@link CsvLimits}; reading stops there. */
export class CsvLimitError extends CrmError<'LIMIT_EXCEEDED'> {
  override readonly name: string = 'CsvLimitError';
  /** Which cap. */
  readonly limit: keyof CsvLimits;
  /** Its size. */
  readonly max: number;

  constructor(limit: keyof CsvLimits, max: number, what: string) {
    super('LIMIT_EXCEEDED', `${what} exceeds the ${String(max)} allowed (limits.${limit}); reading stopped.`);
    this.limit = limit;
    this.max = max;
  }
}

const SNIFFED: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const RESERVED_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
// Enough of the start of a file to detect its encoding and delimiter.
const SAMPLE_BYTES = 65_536;
const ASCII_SAMPLE_BYTES = 8_388_608;
const OPTION_KEYS: ReadonlySet<string> = new Set(['encoding', 'delimiter', 'header', 'limits']);

/**
 * Opens a CSV file: detects its encoding and delimiter unless given, reads the header row, and
 * returns the file whose data rows are read as they are iterated, chunk by chunk, in bounded
 * memory. Malformed rows come out with their issues and the physical lines they span; reading goes
 * on after them. Only a broken limit ({@link CsvLimitError}) or a failing source stops it.
 *
 * @param source - The file: bytes, text, a web `ReadableStream`, a Node readable, or any iterable of chunks.
 * @param options - `encoding`, `delimiter`, `header` and `limits`.
 * @returns The opened file.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a source or options of the wrong shape;
 * {@link CsvLimitError} `LIMIT_EXCEEDED` while rows are read, when the file breaks a limit.
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array([...'Nombre;Móvil\r\nAna;"600 11 22 33"\r\n\r\nLuis;"6001"x\r\n'].map((c) => c.charCodeAt(0)));
 * const file = await openCsv(bytes); // Windows-1252 and ';', both detected
 * [file.encoding, file.delimiter, file.header]; //=> ['windows-1252', ';', ['Nombre', 'Móvil']]
 * const rows = [];
 * for await (const row of file.rows()) rows.push([row.line, row.cells, row.issues.map((found) => found.code)]);
 * rows; //=> [[2, ['Ana', '600 11 22 33'], []], [4, ['Luis', '6001x'], ['MALFORMED_QUOTES']]]
 * file.blankLines; //=> 1
 * ```
 */
export async function openCsv(source: CsvSource, options: ReadCsvOptions = {}): Promise<CsvFile> {
  const settings = readOptions(options);
  const limits = settings.limits;
  const chunks = chunksOf(source)[Symbol.asyncIterator]();
  let bytesRead = 0;
  // Whether the source is read to its end (or reading stopped), and the limit that stopped it: the
  // rows before a broken limit still come out, then its error. (An object, as callbacks change it.)
  const state: { done: boolean; broken: CsvLimitError | undefined; full: boolean } = { done: false, broken: undefined, full: false };
  /**
   * Counts a chunk's bytes (characters, for text): the part of it within the file's size limit,
   * which is all of it until the limit is reached.
   */
  const accept = (chunk: Uint8Array | string): Uint8Array | string => {
    const size = typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    const room = Math.max(0, limits.maxFileBytes - bytesRead);
    bytesRead += size;
    if (size <= room) return chunk;
    state.broken ??= new CsvLimitError('maxFileBytes', limits.maxFileBytes, 'The file');
    state.done = true;
    return typeof chunk === 'string' ? chunk.slice(0, room) : chunk.subarray(0, room);
  };

  // The first chunks, up to a sample: enough to detect the encoding and the delimiter.
  const first: (Uint8Array | string)[] = [];
  let sampled = 0;
  // A sample of ASCII alone decodes alike in every encoding: read on to the first other byte (up
  // to a bound), so that the guess does not depend on how the source is cut into chunks.
  let ascii = true;
  while ((sampled < SAMPLE_BYTES || (ascii && sampled < ASCII_SAMPLE_BYTES)) && !state.done) {
    const next = await chunks.next();
    if (next.done === true) {
      state.done = true;
      break;
    }
    const chunk = accept(checkChunk(next.value));
    first.push(chunk);
    if (ascii) ascii = typeof chunk === 'string' || isAscii(chunk);
    sampled += typeof chunk === 'string' ? chunk.length * 2 : chunk.byteLength;
  }
  const text = first.every((chunk) => typeof chunk === 'string');
  let encoding: CsvEncoding = settings.encoding ?? 'utf-8';
  let encodingDetected = false;
  if (!text && settings.encoding === undefined) {
    encoding = detectEncoding(concatBytes(first), { complete: state.done }).encoding;
    encodingDetected = true;
  }
  const decoder = createDecoder(encoding);
  const decode = (chunk: Uint8Array | string): string => (typeof chunk === 'string' ? chunk : decoder.decode(chunk));
  const start = first.map(decode).join('');
  const delimiter = settings.delimiter ?? sniffDelimiter(start);

  const queue: CsvRow[] = [];
  let blankLines = 0;
  let header: readonly string[] | undefined = settings.header ? undefined : [];
  let headerLine = 0;
  let headerIssues: readonly Issue[] = [];
  let rowCount = 0;
  const tokenizer = new Tokenizer(delimiter.charCodeAt(0), limits, (cells, line, endLine, flags, blank) => {
    if (blank) {
      blankLines++;
      return;
    }
    if (header === undefined) {
      header = cells.map((cell) => cell.trim());
      headerLine = line;
      headerIssues = headerIssuesOf(header, flags);
      return;
    }
    // Past the row limit, no row comes out (rows before a broken byte limit still do).
    if (state.full) return;
    rowCount++;
    if (rowCount > limits.maxRows) {
      state.broken ??= new CsvLimitError('maxRows', limits.maxRows, 'The number of rows');
      state.full = true;
      state.done = true;
      return;
    }
    const issues = rowIssues(cells, flags, header.length, limits);
    // Characters the encoding could not decode: most likely the wrong encoding, never imported silently.
    if (decoder.replaced > 0) {
      const column = cells.findIndex((cell) => cell.includes('\uFFFD'));
      // Stryker disable next-line StringLiteral: message text
      if (column >= 0) issues.push(issue('INVALID_TEXT', `A cell holds characters the file's encoding (${encoding}) could not decode: is the encoding right?`, [column]));
    }
    queue.push({ line, endLine, cells, issues });
  });
  tokenizer.push(start);
  // Read on until the header row is complete (it may be longer than the sample).
  while (header === undefined && !state.done) {
    const next = await chunks.next();
    if (next.done === true) state.done = true;
    else {
      tokenizer.push(decode(accept(checkChunk(next.value))));
    }
  }
  if (state.done && state.broken === undefined) {
    tokenizer.push(decoder.end());
    tokenizer.end();
  }

  let opened = false;
  const file: CsvFile = {
    encoding,
    encodingDetected,
    delimiter,
    get header() {
      return header ?? [];
    },
    get headerLine() {
      return headerLine;
    },
    get headerIssues() {
      return headerIssues;
    },
    get blankLines() {
      return blankLines;
    },
    get replacedCharacters() {
      return decoder.replaced;
    },
    rows() {
      // Stryker disable next-line StringLiteral: message text
      if (opened) throw invalidArgument('The rows of a CSV file are read once.');
      opened = true;
      return (async function* rows(): AsyncGenerator<CsvRow> {
        try {
          for (;;) {
            while (queue.length > 0) {
              // A batch at a time: the queue holds the rows of one chunk.
              const batch = queue.splice(0, queue.length);
              for (const row of batch) yield row;
            }
            if (state.broken !== undefined) throw state.broken;
            if (state.done) return;
            const next = await chunks.next();
            if (next.done === true) {
              state.done = true;
              tokenizer.push(decoder.end());
              tokenizer.end();
            } else {
              tokenizer.push(decode(accept(checkChunk(next.value))));
            }
          }
        } finally {
          // A reader that stops early (an abort, a broken limit) lets the source go.
          if (!state.done || state.broken !== undefined) await chunks.return?.();
        }
      })();
    },
  };
  return file;
}

interface Settings {
  readonly encoding: CsvEncoding | undefined;
  readonly delimiter: CsvDelimiter | undefined;
  readonly header: boolean;
  readonly limits: CsvLimits;
}

function readOptions(options: unknown): Settings {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('CSV options are { encoding?, delimiter?, header?, limits? }.');
  for (const key of Object.keys(options)) {
    // Stryker disable next-line StringLiteral: message text
    if (!OPTION_KEYS.has(key)) throw invalidArgument('CSV options are { encoding?, delimiter?, header?, limits? }.');
  }
  const { encoding, delimiter, header, limits } = options;
  const lower = typeof encoding === 'string' ? encoding.toLowerCase() : encoding;
  // Stryker disable next-line StringLiteral: message text
  if (lower !== undefined && !(CSV_ENCODINGS as readonly unknown[]).includes(lower)) throw invalidArgument(`encoding is one of ${CSV_ENCODINGS.join(', ')}.`);
  // Stryker disable next-line StringLiteral: message text
  if (delimiter !== undefined && !(DELIMITERS as readonly unknown[]).includes(delimiter)) throw invalidArgument('delimiter is one of , ; tab | and space.');
  // Stryker disable next-line StringLiteral: message text
  if (header !== undefined && typeof header !== 'boolean') throw invalidArgument('header is true or false.');
  return { encoding: lower as CsvEncoding | undefined, delimiter: delimiter as CsvDelimiter | undefined, header: header ?? true, limits: readLimits(limits) };
}

function readLimits(given: unknown): CsvLimits {
  if (given === undefined) return CSV_LIMITS;
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given)) throw invalidArgument('limits is an object of caps.');
  const out: Record<string, number> = { ...CSV_LIMITS };
  for (const [key, value] of Object.entries(given)) {
    // Stryker disable next-line StringLiteral: message text
    if (!(key in CSV_LIMITS)) throw invalidArgument(`limits has only ${Object.keys(CSV_LIMITS).join(', ')}.`);
    if (value === undefined) continue;
    // Stryker disable next-line StringLiteral: message text
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidArgument(`limits.${key} is a positive whole number.`);
    out[key] = value;
  }
  return out as unknown as CsvLimits;
}

function isAsyncIterable(value: object): value is AsyncIterable<Uint8Array | string> {
  return Symbol.asyncIterator in value;
}

function isReadableStream(value: object): value is ReadableStreamLike<Uint8Array> {
  return 'getReader' in value && typeof value.getReader === 'function';
}

/** Any source as an async iterable of chunks. */
function chunksOf(source: CsvSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    // Large inputs go in slices, so decoding and tokenizing work a chunk at a time.
    const step = typeof source === 'string' ? 1 << 20 : 1 << 21;
    const slices: (Uint8Array | string)[] = [];
    for (let at = 0; at < source.length; at += step) slices.push(typeof source === 'string' ? source.slice(at, at + step) : source.subarray(at, at + step));
    return fromSync(slices);
  }
  // Stryker disable next-line StringLiteral: message text
  if (typeof source !== 'object' || (source as unknown) === null) throw invalidArgument('A CSV source is text, bytes, a ReadableStream or an iterable of chunks.');
  if (isReadableStream(source)) {
    return (async function* stream() {
      const reader = source.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (value !== undefined) yield value;
        }
      } finally {
        reader.releaseLock();
      }
    })();
  }
  if (isAsyncIterable(source)) return source;
  if (Symbol.iterator in source) {
    return fromSync(source);
  }
  // Stryker disable next-line StringLiteral: message text
  throw invalidArgument('A CSV source is text, bytes, a ReadableStream or an iterable of chunks.');
}

/** A sync iterable read as an async one. */
function fromSync<T>(iterable: Iterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = iterable[Symbol.iterator]();
      return { next: () => Promise.resolve(iterator.next()) };
    },
  };
}

function checkChunk(chunk: unknown): Uint8Array | string {
  if (typeof chunk === 'string' || chunk instanceof Uint8Array) return chunk;
  // Stryker disable next-line StringLiteral: message text
  throw invalidArgument('A CSV source gives chunks of bytes (Uint8Array) or text.');
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

function concatBytes(chunks: readonly (Uint8Array | string)[]): Uint8Array {
  const parts = chunks.filter((chunk): chunk is Uint8Array => typeof chunk !== 'string');
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * The delimiter of a file, from its first rows: of `,` `;` tab and `|`, the one that splits the
 * most rows into the same number of cells (more than one), quotes respected; `,` when none does.
 * A Spanish file with decimal commas is still read as `;`-separated.
 *
 * @param text - The start of the file, decoded (a few dozen rows are enough).
 * @returns The delimiter.
 *
 * @example
 * ```ts
 * sniffDelimiter('Nombre;Importe\nAna;1,50\nLuis;2,75\n'); //=> ';'
 * sniffDelimiter('name,notes\n"García, Ana";"x;y"\n'); //=> ','
 * sniffDelimiter('one column\n'); //=> ','
 * ```
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of SNIFFED) {
    const counts: number[] = [];
    const tokenizer = new Tokenizer(delimiter.charCodeAt(0), { ...CSV_LIMITS, maxRowLength: Number.MAX_SAFE_INTEGER }, (cells, _line, _end, _flags, blank) => {
      if (!blank && counts.length < 50) counts.push(cells.length);
    });
    tokenizer.push(text);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let mode = 1;
    let modeRows = 0;
    for (const [count, rows] of frequency) {
      if (rows > modeRows || (rows === modeRows && count > mode)) {
        mode = count;
        modeRows = rows;
      }
    }
    if (mode < 2) continue;
    // Consistency first (the share of rows with the usual count), then more columns.
    const score = (modeRows / counts.length) * 1000 + Math.min(mode, 999) / 1000;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function headerIssuesOf(header: readonly string[], flags: number): Issue[] {
  const issues: Issue[] = rowIssues(header, flags, header.length, CSV_LIMITS);
  const seen = new Map<string, number>();
  header.forEach((name, column) => {
    // Stryker disable next-line StringLiteral: message text
    if (name === '') issues.push(issue('REQUIRED', `Column ${String(column + 1)} has no header; it is kept by position.`, [column]));
    // Stryker disable next-line StringLiteral: message text
    else if (RESERVED_HEADERS.has(name)) issues.push(issue('RESERVED_CODE', `The header of column ${String(column + 1)} is a reserved word; it is kept by position.`, [column]));
    const folded = name.toLowerCase();
    const earlier = seen.get(folded);
    // Stryker disable next-line StringLiteral: message text
    if (name !== '' && earlier !== undefined) issues.push(issue('DUPLICATE_FIELD', `Column ${String(column + 1)} repeats the header of column ${String(earlier + 1)}; both are kept by position.`, [column]));
    else if (name !== '') seen.set(folded, column);
  });
  return issues;
}

function rowIssues(cells: readonly string[], flags: number, columns: number, limits: CsvLimits): Issue[] {
  const issues: Issue[] = [];
  if (flags !== 0) {
    // Stryker disable next-line StringLiteral: message text
    if ((flags & ROW_FLAGS.unclosedQuote) !== 0) issues.push(issue('UNCLOSED_QUOTE', 'A quoted cell is never closed; the lines after this one are read as rows of their own.'));
    // Stryker disable next-line StringLiteral: message text
    if ((flags & ROW_FLAGS.malformedQuotes) !== 0) issues.push(issue('MALFORMED_QUOTES', 'Text follows the closing quote of a cell.'));
    // Stryker disable next-line StringLiteral: message text
    if ((flags & ROW_FLAGS.tooManyCells) !== 0) issues.push(issue('LIMIT_EXCEEDED', `The row has more than ${String(limits.maxCellsPerRow)} cells (limits.maxCellsPerRow).`));
    // Stryker disable next-line StringLiteral: message text
    if ((flags & ROW_FLAGS.cellTooLong) !== 0) issues.push(issue('LIMIT_EXCEEDED', `A cell is longer than ${String(limits.maxCellLength)} characters (limits.maxCellLength).`));
    // Stryker disable next-line StringLiteral: message text
    if ((flags & ROW_FLAGS.rowTooLong) !== 0) issues.push(issue('LIMIT_EXCEEDED', `The row is longer than ${String(limits.maxRowLength)} characters (limits.maxRowLength): it is reported on its first line without its cells, and read on from the next line (where a quote never closed, those lines are rows of their own).`));
    if ((flags & ROW_FLAGS.nul) !== 0) {
      const column = cells.findIndex((cell) => cell.includes('\0'));
      // Stryker disable next-line StringLiteral: message text
      issues.push(issue('INVALID_TEXT', 'A cell holds a NUL character.', column < 0 ? [] : [column]));
    }
  }
  const structural = (flags & (ROW_FLAGS.unclosedQuote | ROW_FLAGS.rowTooLong | ROW_FLAGS.tooManyCells)) !== 0;
  if (!structural && columns > 0 && cells.length !== columns) {
    // Extra cells that are all empty (a trailing delimiter on every row) are harmless.
    const extraEmpty = cells.length > columns && cells.slice(columns).every((cell) => cell === '');
    if (!extraEmpty) {
      // Stryker disable next-line StringLiteral: message text
      issues.push(issue('WRONG_CELL_COUNT', `The row has ${String(cells.length)} cells where the header has ${String(columns)}.`));
    }
  }
  return issues;
}
