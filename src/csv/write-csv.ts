import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import type { CsvDelimiter } from './read-csv.js';
import { DELIMITERS } from './_internal/columns.js';
import { isFormulaLike } from './_internal/formula.js';

/**
 * Options of {@link formatCsvRow}.
 */
export interface FormatCsvOptions {
  /** Default `,`. */
  readonly delimiter?: CsvDelimiter | undefined;
  /** What ends the row. Default `'\r\n'` (RFC 4180, and what spreadsheets write). */
  readonly lineEnd?: '\r\n' | '\n' | undefined;
}

const FORMAT_KEYS: ReadonlySet<string> = new Set(['delimiter', 'lineEnd']);

/**
 * One row of CSV: every cell written as it is, quoted when it holds the delimiter, a quote, a line
 * break, or starts or ends with a space (quotes inside doubled), and the line end. Reading the
 * row back with {@link openCsv} gives the same cells. Cells are not neutralised here: the
 * exporter does it for text columns ({@link neutraliseFormula}).
 *
 * @param cells - The cells, in column order.
 * @param options - `delimiter` and `lineEnd`.
 * @returns The row's text, line end included.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for cells that are not strings, or bad options.
 *
 * @example
 * ```ts
 * formatCsvRow(['Ana', 'García, Luis', 'dice "hola"', 'dos\nlíneas']);
 * //=> 'Ana,"García, Luis","dice ""hola""","dos\nlíneas"\r\n'
 * formatCsvRow(['1,5', 'x'], { delimiter: ';', lineEnd: '\n' }); //=> '1,5;x\n'
 * ```
 */
export function formatCsvRow(cells: readonly string[], options: FormatCsvOptions = {}): string {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options) || Object.keys(options).some((key) => !FORMAT_KEYS.has(key))) throw invalidArgument('Options are { delimiter?, lineEnd? }.');
  const given: FormatCsvOptions = options;
  const delimiter: string = given.delimiter ?? ',';
  const lineEnd: string = given.lineEnd ?? '\r\n';
  // Stryker disable next-line StringLiteral: message text
  if (!DELIMITERS.includes(delimiter)) throw invalidArgument('delimiter is one of , ; tab | and space.');
  // Stryker disable next-line StringLiteral: message text
  if (lineEnd !== '\r\n' && lineEnd !== '\n') throw invalidArgument("lineEnd is '\\r\\n' or '\\n'.");
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(cells)) throw invalidArgument('The cells are a list of strings.');
  let out = '';
  for (let column = 0; column < cells.length; column++) {
    const cell: unknown = cells[column];
    // Stryker disable next-line StringLiteral: message text
    if (typeof cell !== 'string') throw invalidArgument('Every cell is a string.');
    if (column > 0) out += delimiter;
    out += quoted(cell, delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return out + lineEnd;
}

function quoted(cell: string, delimiter: string): boolean {
  if (cell === '') return false;
  if (cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r')) return true;
  return cell.charCodeAt(0) === 32 || cell.charCodeAt(cell.length - 1) === 32;
}

/**
 * A text cell made safe to open in a spreadsheet: a cell that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-` or `@` after any leading spaces, or with a tab or a
 * carriage return) gets a leading apostrophe, which spreadsheets show as text and do not run.
 * Leading apostrophes a cell already has do not make it safe (one more is added), so that an import
 * can take exactly the added one away again. Everything else is returned as it is. The exporter
 * applies it to text columns only: numbers and amounts in numeric columns are never altered.
 *
 * @param cell - A cell's text.
 * @returns The text, neutralised where a spreadsheet would evaluate it.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when the cell is not a string.
 *
 * @example
 * ```ts
 * neutraliseFormula('=HYPERLINK("http://evil.example","click")'); //=> `'=HYPERLINK("http://evil.example","click")`
 * neutraliseFormula('  @SUM(A1)'); //=> "'  @SUM(A1)"
 * neutraliseFormula('+34 600 11 22 33'); //=> "'+34 600 11 22 33"
 * neutraliseFormula("'=1+1"); //=> "''=1+1"
 * neutraliseFormula('Ana García'); //=> 'Ana García'
 * ```
 */
export function neutraliseFormula(cell: string): string {
  // Stryker disable next-line StringLiteral: message text
  if (typeof cell !== 'string') throw invalidArgument('A cell is a string.');
  return isFormulaLike(cell) ? `'${cell}` : cell;
}
