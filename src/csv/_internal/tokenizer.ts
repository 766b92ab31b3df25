// The CSV tokenizer: decoded text in, rows of cells out, each with the physical lines it spans as
// a text editor numbers them (CRLF, LF and a lone CR each end a line, inside quotes too). It takes
// the text in chunks of any size and keeps only the row it is in the middle of, so memory stays
// bounded by the row limit whatever the file's size. It never throws on content: every problem is a
// flag on the row it belongs to, and the rows after it are read as usual.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Problems the tokenizer finds in a row, as bits. */
export const ROW_FLAGS = {
  /** A quoted cell that never closes before the end of the file. */
  unclosedQuote: 1,
  /** Text between a closing quote and the next delimiter or line end. */
  malformedQuotes: 2,
  /** More cells than the limit; the rest were not kept. */
  tooManyCells: 4,
  /** A cell longer than the limit; it was kept empty. */
  cellTooLong: 8,
  /** A row longer than the limit; its cells were not kept, and it ends with its first line. */
  rowTooLong: 16,
  /** A NUL character (stored text cannot hold one). */
  nul: 32,
} as const;

/** The limits the tokenizer holds rows to, in UTF-16 code units and cells. */
export interface TokenizerLimits {
  readonly maxCellLength: number;
  readonly maxCellsPerRow: number;
  readonly maxRowLength: number;
}

/** What the tokenizer hands out for each row: its cells (empty for a blank line), lines and flags. */
export type RowSink = (cells: string[], line: number, endLine: number, flags: number, blank: boolean) => void;

/**
 * Splits decoded text into rows. `push` each chunk of text in order, then `end()`. Rows are handed
 * to the sink as soon as they are complete; a row is complete at its line end outside quotes.
 *
 * Every rule gives the same rows however the text is cut into chunks. That is why a row longer
 * than the limit is judged by its first line alone, which is all a reader may have seen when the
 * limit is reached: it is reported there, without cells, and reading goes on from the next line.
 */
export class Tokenizer {
  readonly #delimiter: number;
  readonly #limits: TokenizerLimits;
  readonly #sink: RowSink;
  /** The text not yet tokenized: always starts at the beginning of a row. */
  #pending = '';
  /** The physical line the pending text starts on, from 1. */
  #line = 1;
  /** The first line of an over-long row is being skipped up to its line end; its flags. */
  #skipping = 0;
  /** While skipping, the line just skipped ended in a CR: an LF starting the next chunk is its. */
  #skipLf = false;
  #hasNul = false;
  /**
   * The pending length from which an unfinished row is scanned again: twice what it was, so that a
   * row arriving in many small chunks is scanned a logarithmic number of times, not once a chunk.
   */
  #rescanAt = 0;

  constructor(delimiter: number, limits: TokenizerLimits, sink: RowSink) {
    this.#delimiter = delimiter;
    this.#limits = limits;
    this.#sink = sink;
  }

  /** Tokenizes a chunk of text, handing out every row it completes. */
  push(text: string): void {
    if (text === '') return;
    let chunk = text;
    if (this.#skipLf) {
      this.#skipLf = false;
      if (chunk.charCodeAt(0) === LF) chunk = chunk.slice(1);
    }
    if (chunk.includes('\0')) this.#hasNul = true;
    if (this.#skipping !== 0) {
      chunk = this.#skipLine(chunk, false);
      if (this.#skipping !== 0) return;
      this.#rescanAt = 0;
    }
    this.#pending = this.#pending === '' ? chunk : this.#pending + chunk;
    if (this.#pending.length < this.#rescanAt && this.#pending.length <= this.#limits.maxRowLength) return;
    this.#scan(false);
    this.#rescanAt = this.#pending.length * 2;
  }

  /** Tokenizes what is left: the last row may end without a line break. */
  end(): void {
    if (this.#skipping !== 0) this.#skipLine('', true);
    else this.#scan(true);
  }

  #scan(final: boolean): void {
    const text = this.#pending;
    const limit = this.#limits.maxRowLength;
    let at = 0;
    while (at < text.length && this.#skipping === 0) {
      const next = this.#row(text, at, final);
      if (next >= 0) at = next;
      else if (text.length - at > limit) at = this.#overlong(text, at, final);
      else break;
    }
    this.#pending = at >= text.length ? '' : text.slice(at);
  }

  /**
   * Reads the row that starts at `start` and hands it out. Returns where the next row starts, or
   * -1 when the row is not complete in the text seen so far (and more is to come).
   */
  #row(text: string, start: number, final: boolean): number {
    const delimiter = this.#delimiter;
    const { maxCellLength, maxCellsPerRow, maxRowLength } = this.#limits;
    const first = text.charCodeAt(start);
    if (first === LF || first === CR) {
      // A blank line.
      const next = lineEnd(text, start, final);
      if (next < 0) return -1;
      this.#sink([], this.#line, this.#line, 0, true);
      this.#line++;
      return next;
    }
    const cells: string[] = [];
    let flags = 0;
    let breaks = 0;
    let at = start;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(at) === QUOTE) {
        let close = text.indexOf('"', at + 1);
        let doubled = false;
        while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
          doubled = true;
          close = text.indexOf('"', close + 2);
        }
        // A quote as the chunk's last character may be the first of a doubled pair.
        if (close === -1 || (close === text.length - 1 && !final)) {
          if (!final) return -1;
          if (text.length - start > maxRowLength) return this.#overlong(text, start, final);
          return this.#unclosed(text, start, cells);
        }
        cell = text.slice(at + 1, close);
        breaks += lineBreaks(cell);
        if (doubled) cell = cell.replaceAll('""', '"');
        at = close + 1;
        // Spaces after a closing quote are dropped; anything else before the cell's end is kept, and
        // the row flagged.
        let code: number;
        let spaces = at;
        // (Not when the delimiter is the space itself.)
        while (delimiter !== 32 && text.charCodeAt(spaces) === 32) spaces++;
        if (spaces === text.length && !final) return -1;
        code = text.charCodeAt(spaces);
        if (spaces === text.length || code === delimiter || code === LF || code === CR) at = spaces;
        else {
          flags |= ROW_FLAGS.malformedQuotes;
          const from = at;
          while (at < text.length && (code = text.charCodeAt(at)) !== delimiter && code !== LF && code !== CR) at++;
          if (at === text.length && !final) return -1;
          cell += text.slice(from, at);
        }
      } else {
        const from = at;
        let code: number;
        while (at < text.length && (code = text.charCodeAt(at)) !== delimiter && code !== LF && code !== CR) at++;
        if (at === text.length && !final) return -1;
        cell = text.slice(from, at);
      }
      if (cell.length > maxCellLength) {
        flags |= ROW_FLAGS.cellTooLong;
        cell = '';
      }
      if (cells.length < maxCellsPerRow) cells.push(cell);
      else flags |= ROW_FLAGS.tooManyCells;
      let next: number;
      if (at >= text.length) {
        // The end of the file ends the last row.
        next = text.length;
      } else if (text.charCodeAt(at) === delimiter) {
        at++;
        if (at < text.length) continue;
        if (!final) return -1;
        // A delimiter at the very end: one more, empty cell.
        if (cells.length < maxCellsPerRow) cells.push('');
        else flags |= ROW_FLAGS.tooManyCells;
        next = at;
      } else {
        next = lineEnd(text, at, final);
        if (next < 0) return -1;
      }
      if (next - start > maxRowLength) return this.#overlong(text, start, final);
      return this.#emit(cells, flags, breaks, next);
    }
  }

  #emit(cells: string[], flags: number, breaks: number, next: number): number {
    let rowFlags = flags;
    if (this.#hasNul && cells.some((cell) => cell.includes('\0'))) rowFlags |= ROW_FLAGS.nul;
    const line = this.#line;
    this.#line += breaks + 1;
    this.#sink(cells, line, line + breaks, rowFlags, false);
    return next;
  }

  /**
   * A quoted cell that never closes: the row is reported on its first line with the cells before
   * it, and reading goes on from the next line, so the lines the quote swallowed are read as rows.
   */
  #unclosed(text: string, start: number, cells: string[]): number {
    const line = this.#line;
    this.#line++;
    this.#sink(cells, line, line, ROW_FLAGS.unclosedQuote, false);
    const breakAt = firstBreak(text, start);
    return breakAt < 0 ? text.length : afterBreak(text, breakAt);
  }

  /**
   * A row longer than the limit, judged by its first line: reported there without cells, and read
   * on from the next line. When that line has not ended yet, the rest of it is skipped as it comes.
   */
  #overlong(text: string, start: number, final: boolean): number {
    const breakAt = firstBreak(text, start);
    const flags = ROW_FLAGS.rowTooLong;
    if (breakAt < 0 && !final) {
      this.#skipping = flags;
      return text.length;
    }
    this.#sink([], this.#line, this.#line, flags, false);
    this.#line++;
    if (breakAt < 0) return text.length;
    if (text.charCodeAt(breakAt) === CR && breakAt + 1 === text.length && !final) {
      // The line ends the chunk with a CR: an LF starting the next one belongs to it.
      this.#skipLf = true;
      return text.length;
    }
    return afterBreak(text, breakAt);
  }

  /** Skips the rest of an over-long first line; returns what follows its line end. */
  #skipLine(chunk: string, final: boolean): string {
    const breakAt = firstBreak(chunk, 0);
    if (breakAt < 0 && !final) return '';
    const flags = this.#skipping;
    this.#skipping = 0;
    this.#sink([], this.#line, this.#line, flags, false);
    this.#line++;
    if (breakAt < 0) return '';
    if (chunk.charCodeAt(breakAt) === CR && breakAt + 1 === chunk.length && !final) {
      this.#skipLf = true;
      return '';
    }
    return chunk.slice(afterBreak(chunk, breakAt));
  }
}

/**
 * Where the line break at `at` ends (CRLF is one break), or -1 when a CR ends the text seen so far
 * (an LF may follow in the next chunk).
 */
function lineEnd(text: string, at: number, final: boolean): number {
  if (text.charCodeAt(at) === LF) return at + 1;
  if (at + 1 < text.length) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
  return final ? at + 1 : -1;
}

/** The position after the line break at `at`. */
function afterBreak(text: string, at: number): number {
  return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
}

/** The number of line breaks in a text (CRLF counts once). */
function lineBreaks(text: string): number {
  let count = 0;
  let at = text.indexOf('\n');
  while (at !== -1) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  at = text.indexOf('\r');
  while (at !== -1) {
    if (text.charCodeAt(at + 1) !== LF) count++;
    at = text.indexOf('\r', at + 1);
  }
  return count;
}

/** The position of the first CR or LF from `from`, or -1. */
function firstBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}
