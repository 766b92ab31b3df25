// The progress of a long command, on standard error: on a terminal one line redrawn in place (a bar
// when the share done is known, the count and the rate always); anywhere else a plain line at most
// every few seconds, which a log or CI keeps readably. docs/design-notes.md ("The command line")
// says why this is not a library.
import type { CliOutput, Colours } from './terminal.js';

/** What a progress display is told. */
export interface Progress {
  /** `done` units (rows, records) so far; `share` in [0, 1] when known; `detail` for plain lines. */
  update(done: number, share: number | undefined, detail: string): void;
  /** Clears the line on a terminal; prints nothing elsewhere. */
  end(): Promise<void>;
}

/** How often a terminal line is redrawn, and a plain line printed. */
const REDRAW_MS = 100;
const PLAIN_MS = 2000;
const BAR = 24;

/**
 * A progress display.
 *
 * @param output - Standard error.
 * @param colours - Its colours.
 * @param label - What is going on (`Importing`).
 * @param unit - The unit counted (`rows`, `records`), already translated.
 * @param count - Writes a count the language's way.
 * @param now - The monotonic clock.
 * @param quiet - No display at all (`--json`).
 */
export function createProgress(output: CliOutput, colours: Colours, label: string, unit: string, count: (value: number) => string, now: () => number, quiet: boolean): Progress {
  const started = now();
  // A terminal shows progress at once; a log gets its first line only when the work takes a while.
  let shown = output.isTTY ? Number.NEGATIVE_INFINITY : started;
  let drawn = false;
  // Written at once, without waiting for the last line to be handed over: the stream keeps the
  // order, and a line is worth nothing late.
  let last: Promise<void> = Promise.resolve();
  const write = (text: string): void => {
    last = output.write(text).catch(() => undefined);
  };
  return {
    update(done, share, detail) {
      if (quiet) return;
      const at = now();
      if (at - shown < (output.isTTY ? REDRAW_MS : PLAIN_MS)) return;
      shown = at;
      const perSecond = Math.round(done / Math.max((at - started) / 1000, 0.001));
      if (!output.isTTY) {
        write(`${label}: ${detail}\n`);
        return;
      }
      const known = share === undefined ? undefined : Math.min(Math.max(share, 0), 1);
      const bar = known === undefined ? '' : `${colours.cyan('█'.repeat(Math.round(known * BAR)))}${colours.dim('░'.repeat(BAR - Math.round(known * BAR)))} ${String(Math.floor(known * 100)).padStart(3)}% `;
      const line = `${label} ${bar}${count(done)} ${unit}  ${count(perSecond)} ${unit}/s`;
      drawn = true;
      write(`\r\u001b[2K${line}`);
    },
    async end() {
      if (drawn) write('\r\u001b[2K');
      await last;
    },
  };
}
