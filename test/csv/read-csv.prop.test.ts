import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvRow, openCsv } from 'crm-kit/csv';
import { Tokenizer } from '../../src/csv/_internal/tokenizer.js';
import type { CsvDelimiter, CsvSource } from 'crm-kit/csv';

interface Read {
  readonly rows: readonly (readonly [number, number, readonly string[], readonly string[]])[];
  readonly blank: number;
}

async function readAll(source: CsvSource, delimiter: CsvDelimiter, limits = {}): Promise<Read> {
  const file = await openCsv(source, { delimiter, header: false, limits });
  const rows: [number, number, readonly string[], readonly string[]][] = [];
  for await (const row of file.rows()) rows.push([row.line, row.endLine, row.cells, row.issues.map((found) => found.code)]);
  return { rows, blank: file.blankLines };
}

/** Cuts a text (or bytes) at the given fractions of its length. */
function cut<T extends string | Uint8Array>(whole: T, fractions: readonly number[]): T[] {
  const points = [...new Set(fractions.map((fraction) => Math.floor(fraction * whole.length)))].sort((a, b) => a - b);
  const parts: T[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(whole.slice(from, point) as T);
    from = point;
  }
  parts.push(whole.slice(from) as T);
  return parts;
}

const delimiters = fc.constantFrom<CsvDelimiter>(',', ';', '\t', '|');
// Text made mostly of what CSV treats specially.
const csvish = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '\t', '|', '"', '\r', '\n', '\r\n', '\0', 'x"y'), maxLength: 80 });
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

/** What the tokenizer hands out for a text given in these chunks. */
function tokenize(chunks: readonly string[], delimiter: string, limits: { maxRowLength: number; maxCellLength: number; maxCellsPerRow: number }): unknown[] {
  const out: unknown[] = [];
  const tokenizer = new Tokenizer(delimiter.charCodeAt(0), limits, (cells, line, endLine, flags, blank) => out.push([cells, line, endLine, flags, blank]));
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return out;
}

describe('openCsv (properties)', () => {
  it('the tokenizer hands out the same rows, lines and flags however the text is cut, at any limits', () => {
    const limits = fc.record({ maxRowLength: fc.integer({ min: 1, max: 40 }), maxCellLength: fc.integer({ min: 0, max: 10 }), maxCellsPerRow: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(csvish, delimiters, fractions, limits, (text, delimiter, at, caps) => {
        expect(tokenize(cut(text, at), delimiter, caps)).toEqual(tokenize([text], delimiter, caps));
      }),
    );
  });

  it('reads the same rows, lines and issues however the text is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, delimiters, fractions, async (text, delimiter, at) => {
        const whole = await readAll(text, delimiter);
        expect(await readAll(cut(text, at), delimiter)).toEqual(whole);
        // Tight limits go through the same paths chunk by chunk.
        const limits = { maxRowLength: 12, maxCellLength: 5, maxCellsPerRow: 3 };
        expect(await readAll(cut(text, at), delimiter, limits)).toEqual(await readAll(text, delimiter, limits));
      }),
    );
  });

  it('reads the same rows however the UTF-8 bytes are cut, even inside a character', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, delimiters, fractions, async (text, delimiter, at) => {
        const bytes = new TextEncoder().encode(text);
        const file = await openCsv(cut(bytes, at), { delimiter, header: false, encoding: 'utf-8' });
        const rows: string[][] = [];
        for await (const row of file.rows()) rows.push([...row.cells]);
        expect(rows).toEqual((await readAll(text, delimiter)).rows.map(([, , cells]) => cells));
      }),
    );
  });

  it('gives back the cells formatCsvRow wrote, on the lines where they start', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Ñ', ' ', ',', ';', '"', '\r', '\n', '\r\n', "'", '='), maxLength: 12 });
    // A row of one empty cell is a blank line: CSV cannot tell them apart, so it is left out.
    const row = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((cells) => !(cells.length === 1 && cells[0] === ''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(row, fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n')), { maxLength: 20 }), delimiters, async (rows, delimiter) => {
        const texts = rows.map(([cells, lineEnd]) => formatCsvRow(cells, { delimiter, lineEnd }));
        const read = await readAll(texts.join(''), delimiter);
        expect(read.rows.map(([, , cells]) => cells)).toEqual(rows.map(([cells]) => cells));
        expect(read.rows.every(([, , , codes]) => codes.length === 0)).toBe(true);
        // Row n starts one line after the line breaks of the rows before it.
        let line = 1;
        const starts = texts.map((text) => {
          const start = line;
          line += text.replaceAll('\r\n', '\n').replaceAll('\r', '\n').split('\n').length - 1;
          return start;
        });
        expect(read.rows.map(([start]) => start)).toEqual(starts);
        expect(read.blank).toBe(0);
      }),
    );
  });

  it('accounts for every physical line: the lines of its rows and its blank lines, without overlap', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, delimiters, async (text, delimiter) => {
        const { rows, blank } = await readAll(text, delimiter);
        const physical = text === '' ? 0 : text.replaceAll('\r\n', '\n').replaceAll('\r', '\n').replace(/\n$/, '').split('\n').length;
        const covered = new Set<number>();
        for (const [line, endLine] of rows) for (let n = line; n <= endLine; n++) covered.add(n);
        // Rows never overlap, and with the blank lines they cover every line but those an unclosed
        // quote's row stands for (it is reported on its first line, and the rest is read again).
        expect(covered.size).toBe(rows.reduce((sum, [line, endLine]) => sum + endLine - line + 1, 0));
        expect(covered.size + blank).toBe(physical);
      }),
    );
  });
});
