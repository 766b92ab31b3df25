import { describe, expect, it } from 'vitest';
import pc from 'picocolors';
import { createProgress } from '../../src/cli/progress.js';
import { formatTable, visibleLength } from '../../src/cli/table.js';
import type { CliOutput } from '../../src/cli/terminal.js';

function output(isTTY: boolean): CliOutput & { readonly written: string[] } {
  const written: string[] = [];
  return {
    written,
    write: (text) => {
      written.push(text);
      return Promise.resolve();
    },
    isTTY,
    columns: 80,
    closed: false,
  };
}

describe('the progress display', () => {
  it('on a terminal, redraws one line in place at most every 100 ms, with a bar for the share done, and clears it at the end', async () => {
    let now = 0;
    const terminal = output(true);
    const progress = createProgress(terminal, pc.createColors(false), 'Importing', 'rows', (value) => value.toLocaleString('en-US'), () => now, false);
    now = 1000;
    progress.update(500, 0.5, 'unused on a terminal');
    now = 1050;
    progress.update(600, 0.6, '');
    now = 1200;
    progress.update(1200, 1, '');
    await progress.end();
    expect(terminal.written).toEqual([
      `\r\u001b[2KImporting ${'█'.repeat(12)}${'░'.repeat(12)}  50% 500 rows  500 rows/s`,
      `\r\u001b[2KImporting ${'█'.repeat(24)} 100% 1,200 rows  1,000 rows/s`,
      '\r\u001b[2K',
    ]);
  });

  it('elsewhere, writes a plain line only once the work has taken two seconds, then every two seconds', async () => {
    let now = 0;
    const log = output(false);
    const progress = createProgress(log, pc.createColors(false), 'Importing', 'rows', (value) => value.toLocaleString('en-US'), () => now, false);
    now = 1500;
    progress.update(100, undefined, '100 rows done');
    now = 2000;
    progress.update(200, undefined, '200 rows done');
    now = 3000;
    progress.update(300, undefined, '300 rows done');
    now = 4100;
    progress.update(400, undefined, '400 rows done');
    await progress.end();
    expect(log.written).toEqual(['Importing: 200 rows done\n', 'Importing: 400 rows done\n']);
  });

  it('shows nothing at all when quiet (--json)', async () => {
    let now = 0;
    const terminal = output(true);
    const progress = createProgress(terminal, pc.createColors(false), 'Importing', 'rows', (value) => value.toLocaleString('en-US'), () => now, true);
    now = 5000;
    progress.update(100, 0.5, '');
    await progress.end();
    expect(terminal.written).toEqual([]);
  });
});

describe('text tables', () => {
  it('pads columns to their widest cell, colour codes and combined characters counted as what a person sees', () => {
    const red = pc.createColors(true).red;
    expect(formatTable(['Stage', 'Deals'], [[red('Won'), '12'], ['Ne\u0301gociation', '3']], { align: ['left', 'right'] })).toBe(
      [`Stage${' '.repeat(8)}Deals`, `${red('Won')}${' '.repeat(13)}12`, `Ne\u0301gociation${' '.repeat(6)}3`].join('\n'),
    );
    expect(visibleLength(red('Ñandú'))).toBe(5);
  });

  it('cuts the last column with an ellipsis when the lines would not fit the terminal', () => {
    const table = formatTable([], [['a', 'x'.repeat(50)]], { width: 30 });
    expect(table).toBe(`a  ${'x'.repeat(26)}…`);
    expect(visibleLength(table)).toBe(30);
  });
});
