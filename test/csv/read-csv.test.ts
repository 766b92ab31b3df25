import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvLimitError, openCsv } from 'crm-kit/csv';
import type { CsvRow, CsvSource, ReadCsvOptions } from 'crm-kit/csv';
import { codeOfAsync } from '../support/errors.js';

async function read(source: CsvSource, options: ReadCsvOptions = {}): Promise<{ header: readonly string[]; rows: CsvRow[]; blank: number }> {
  const file = await openCsv(source, options);
  const rows: CsvRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return { header: file.header, rows, blank: file.blankLines };
}

const codes = (row: CsvRow | undefined): string[] => (row?.issues ?? []).map((found) => found.code);
const lines = (rows: readonly CsvRow[]): number[][] => rows.map((row) => [row.line, row.endLine]);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('openCsv: physical lines', () => {
  it('numbers lines as a text editor does: CRLF, LF and a lone CR each end one line', async () => {
    const { rows } = await read('h1,h2\r\na,1\nb,2\rc,3\r\nd,4');
    expect(rows.map((row) => row.cells)).toEqual([['a', '1'], ['b', '2'], ['c', '3'], ['d', '4']]);
    expect(lines(rows)).toEqual([[2, 2], [3, 3], [4, 4], [5, 5]]);
  });

  it('a quoted cell with line breaks spans lines, and the rows after it keep the editor\'s numbers', async () => {
    const { rows } = await read('name,notes\n"Ana","first\r\nsecond\rthird\nfourth"\nLuis,x\n');
    expect(rows[0]?.cells).toEqual(['Ana', 'first\r\nsecond\rthird\nfourth']);
    expect(lines(rows)).toEqual([[2, 5], [6, 6]]);
  });

  it('blank lines are counted, not rows, and do not shift the numbers of the rows after them', async () => {
    const { rows, blank } = await read('\n\nname\n\nAna\r\n\r\nLuis\n\n');
    expect(rows.map((row) => [row.line, row.cells[0]])).toEqual([[5, 'Ana'], [7, 'Luis']]);
    expect(blank).toBe(5);
  });

  it('a row of empty cells is a row, not a blank line', async () => {
    const { rows } = await read('a,b\n,\n');
    expect(rows.map((row) => row.cells)).toEqual([['', '']]);
  });
});

describe('openCsv: quoting', () => {
  it('reads doubled quotes, delimiters and line breaks inside quotes', async () => {
    const { rows } = await read('a,b,c\n"say ""hi""","x,y",""\n');
    expect(rows[0]?.cells).toEqual(['say "hi"', 'x,y', '']);
    expect(codes(rows[0])).toEqual([]);
  });

  it('keeps a quote inside an unquoted cell as text', async () => {
    const { rows } = await read('size,name\n5" screen,TV\n');
    expect(rows[0]?.cells).toEqual(['5" screen', 'TV']);
    expect(codes(rows[0])).toEqual([]);
  });

  it('drops spaces between a closing quote and the delimiter, and flags any other text there', async () => {
    const { rows } = await read('a,b\n"x"  ,y\n"x"z,y\n');
    expect(rows.map((row) => row.cells)).toEqual([['x', 'y'], ['xz', 'y']]);
    expect(rows.map(codes)).toEqual([[], ['MALFORMED_QUOTES']]);
  });

  it('an unclosed quote is reported on its line, and the lines it swallowed are read as rows', async () => {
    const { rows } = await read('name,city\nAna,"Madrid\nLuis,Sevilla\nEva,Bilbao\n');
    expect(rows.map((row) => [row.line, row.cells, codes(row)])).toEqual([
      [2, ['Ana'], ['UNCLOSED_QUOTE']],
      [3, ['Luis', 'Sevilla'], []],
      [4, ['Eva', 'Bilbao'], []],
    ]);
  });

  it('a quote still open past the row limit is recovered from there, without waiting for the end of the file', async () => {
    const tail = Array.from({ length: 200 }, (_, n) => `p${String(n)},c${String(n)}\n`).join('');
    const { rows } = await read(`name,city\nAna,"Madrid\n${tail}`, { limits: { maxRowLength: 100 } });
    expect(rows[0]?.line).toBe(2);
    expect(codes(rows[0])).toEqual(['LIMIT_EXCEEDED']);
    expect(rows).toHaveLength(201);
    expect(rows.at(-1)?.line).toBe(202);
  });
});

describe('openCsv: malformed rows are reported on their row', () => {
  it('too many and too few cells are WRONG_CELL_COUNT; extra empty cells from a trailing delimiter are not', async () => {
    const { rows } = await read('a,b,c\n1,2\n1,2,3,4\n1,2,3,\n1,2,3\n');
    expect(rows.map(codes)).toEqual([['WRONG_CELL_COUNT'], ['WRONG_CELL_COUNT'], [], []]);
  });

  it('a NUL is INVALID_TEXT on the cell that holds it', async () => {
    const { rows } = await read('a,b\nx,y\0z\n');
    expect(rows[0]?.issues.map((found) => [found.code, found.path])).toEqual([['INVALID_TEXT', [1]]]);
  });

  it('a cell over the limit is LIMIT_EXCEEDED and kept empty; too many cells are not kept', async () => {
    const { rows } = await read(`a,b\n${'x'.repeat(50)},y\n1,2,3,4,5\n`, { limits: { maxCellLength: 20, maxCellsPerRow: 3 } });
    expect(rows[0]?.cells).toEqual(['', 'y']);
    expect(codes(rows[0])).toEqual(['LIMIT_EXCEEDED']);
    expect(rows[1]?.cells).toEqual(['1', '2', '3']);
    expect(codes(rows[1])).toEqual(['LIMIT_EXCEEDED']);
  });

  it('a line longer than the row limit is one rejected row, and the next line is read as usual', async () => {
    const { rows } = await read(`a,b\n${'x,'.repeat(5000)}y\nok,1\n`, { limits: { maxRowLength: 1000 } });
    expect(rows.map((row) => [row.line, codes(row)])).toEqual([
      [2, ['LIMIT_EXCEEDED']],
      [3, []],
    ]);
  });

  it('stops with CsvLimitError past the row count or the file size', async () => {
    await expect(read('a\n1\n2\n3\n', { limits: { maxRows: 2 } })).rejects.toBeInstanceOf(CsvLimitError);
    const error: unknown = await read(bytes('a\n'.repeat(100)), { limits: { maxFileBytes: 50 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvLimitError);
    expect((error as CsvLimitError).limit).toBe('maxFileBytes');
    expect((error as CsvLimitError).code).toBe('LIMIT_EXCEEDED');
  });
});

describe('openCsv: headers', () => {
  it('keeps empty, repeated and reserved headers by position and reports each', async () => {
    const file = await openCsv('__proto__,,Name,name,constructor\n1,2,3,4,5\n');
    expect(file.header).toEqual(['__proto__', '', 'Name', 'name', 'constructor']);
    expect(file.headerIssues.map((found) => [found.code, found.path])).toEqual([
      ['RESERVED_CODE', [0]],
      ['REQUIRED', [1]],
      ['DUPLICATE_FIELD', [3]],
      ['RESERVED_CODE', [4]],
    ]);
    const rows: CsvRow[] = [];
    for await (const row of file.rows()) rows.push(row);
    expect(rows[0]?.cells).toEqual(['1', '2', '3', '4', '5']);
  });

  it('without a header row, every non-blank row is data', async () => {
    const { header, rows } = await read('1,2\n3,4\n', { header: false });
    expect(header).toEqual([]);
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
  });
});

describe('openCsv: dialects', () => {
  it.each([
    ['a;b;c\n1,5;2,5;x\n3;4;y\n', ';'],
    ['a\tb\n1,5\t2\n', '\t'],
    ['a|b\n1|2\n', '|'],
    ['a,b\n1;2,3\n4;5,6\n', ','],
    ['single\nvalue\n', ','],
  ])('sniffs the delimiter that splits the rows consistently (%j)', async (text, delimiter) => {
    expect((await openCsv(text)).delimiter).toBe(delimiter);
  });

  it('a given delimiter wins over the sniffed one, the space included', async () => {
    const { rows } = await read('a b\n1 2\n', { delimiter: ' ' });
    expect(rows[0]?.cells).toEqual(['1', '2']);
  });
});

describe('openCsv: sources', () => {
  const text = 'Nombre;Ciudad\r\nÁngela;Córdoba\r\n';
  const expected = [['Ángela', 'Córdoba']];

  it.each([
    ['text', (): CsvSource => text],
    ['bytes', (): CsvSource => bytes(text)],
    ['a web ReadableStream', (): CsvSource => new Blob([bytes(text)]).stream()],
    ['a Node readable', (): CsvSource => Readable.from([Buffer.from(text.slice(0, 9)), Buffer.from(text.slice(9))])],
    ['an async iterable of byte chunks', (): CsvSource => (async function* chunks() {
      for (const byte of bytes(text)) yield await Promise.resolve(new Uint8Array([byte]));
    })()],
    ['an iterable of text chunks', (): CsvSource => [text.slice(0, 5), text.slice(5)]],
  ])('reads the same rows from %s', async (_name, source) => {
    const { rows } = await read(source());
    expect(rows.map((row) => row.cells)).toEqual(expected);
  });

  it('refuses a source or a chunk of the wrong shape, and unknown options, with INVALID_ARGUMENT', async () => {
    expect(await codeOfAsync(() => openCsv(42 as unknown as CsvSource))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => read([{}] as unknown as CsvSource))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => openCsv('a', { quote: "'" } as unknown as ReadCsvOptions))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => openCsv('a', { encoding: 'ebcdic' } as unknown as ReadCsvOptions))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => openCsv('a', { limits: { maxRows: -1 } }))).toBe('INVALID_ARGUMENT');
  });

  it('reads its rows once', async () => {
    const file = await openCsv('a\n1\n');
    file.rows();
    expect(() => file.rows()).toThrow(/once/);
  });
});

describe('openCsv agrees with papaparse', () => {
  it('on a well-formed file with one kind of line end', async () => {
    const text = ['id,name,notes', '1,"García, Ana","dice ""sí"""', '2,Luis,"dos', 'líneas"', '3,,', '4,Eva,x'].join('\r\n');
    const papa = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' });
    const { header, rows } = await read(text);
    expect([header, ...rows.map((row) => row.cells)]).toEqual(papa.data);
  });
});
