// Text tables for a terminal: columns padded to their widest cell (colour codes do not count), a
// cell wider than its share of the terminal cut with an ellipsis, numbers aligned right.

/** How to lay a table out. */
export interface TableOptions {
  /** Per column; default left. */
  readonly align?: readonly ('left' | 'right')[] | undefined;
  /** Spaces before each line. */
  readonly indent?: number | undefined;
  /** The terminal's width. */
  readonly width?: number | undefined;
}

// eslint-disable-next-line no-control-regex -- the escape character is what an SGR colour code starts with
const COLOUR_CODE = /\u001b\[[0-9;]*m/g;
const GAP = 2;

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** What a person sees of a cell: its characters (graphemes), colour codes left out. */
function graphemesOf(text: string): string[] {
  return Array.from(GRAPHEMES.segment(text.replace(COLOUR_CODE, '')), (part) => part.segment);
}

/** The width a cell takes on screen: one column per character (wide scripts are not measured). */
export function visibleLength(text: string): number {
  return graphemesOf(text).length;
}

/** A table as lines of text, the header line first (none when `headers` is empty). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const all = headers.length > 0 ? [headers, ...rows] : rows;
  const columns = Math.max(0, ...all.map((row) => row.length));
  const indent = ' '.repeat(options.indent ?? 0);
  const widths = Array.from({ length: columns }, (_, at) => Math.max(0, ...all.map((row) => visibleLength(row[at] ?? ''))));
  // The last column gives way first when the lines would not fit the terminal.
  const room = (options.width ?? 200) - indent.length - GAP * (columns - 1);
  const total = widths.reduce((sum, width) => sum + width, 0);
  if (total > room && columns > 0) {
    const last = columns - 1;
    const width = widths[last] ?? 0;
    widths[last] = Math.min(width, Math.max(12, width - (total - room)));
  }
  const cell = (text: string, at: number): string => {
    const width = widths[at] ?? 0;
    const shown = visibleLength(text) > width ? `${graphemesOf(text).slice(0, Math.max(width - 1, 0)).join('')}…` : text;
    const pad = ' '.repeat(Math.max(width - visibleLength(shown), 0));
    if (at === columns - 1 && options.align?.[at] !== 'right') return shown;
    return options.align?.[at] === 'right' ? `${pad}${shown}` : `${shown}${pad}`;
  };
  return all.map((row) => `${indent}${Array.from({ length: columns }, (_, at) => cell(row[at] ?? '', at)).join(' '.repeat(GAP))}`.trimEnd()).join('\n');
}
