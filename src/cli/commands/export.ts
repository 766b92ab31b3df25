// crm-kit export --entity deals > deals.csv: the records of a type as CSV that is safe to open in a
// spreadsheet, streamed page by page to standard output or to --out.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityType } from '../../index.js';
import { ENTITY_TYPES } from '../../index.js';
import { exportCsv } from '../../csv/index.js';
import type { CommandContext } from '../context.js';
import { entityOf } from '../context.js';
import { formatCount } from '../messages.js';
import { createProgress } from '../progress.js';
import { delimiterOf, EXIT, UsageError } from '../usage.js';
import type { OptionSpec } from '../usage.js';

/** The options of `export`. */
export const EXPORT_OPTIONS = {
  entity: { type: 'string', short: 'e' },
  columns: { type: 'string' },
  excel: { type: 'boolean' },
  delimiter: { type: 'string' },
  out: { type: 'string', short: 'o' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** Runs `export`; returns the exit code. */
export async function runExport(context: CommandContext): Promise<number> {
  const { args, messages, terminal } = context;
  const entityType: EntityType = entityOf(context, ENTITY_TYPES);
  const columns = args.text('columns')?.split(',').map((column) => column.trim()).filter((column) => column !== '');
  const delimiterWord = args.text('delimiter');
  const delimiter = delimiterWord === undefined ? undefined : delimiterOf(delimiterWord, messages);
  const out = args.text('out');
  // With --json, standard output holds the summary: the CSV needs a file of its own.
  if (context.json && out === undefined) throw new UsageError(messages.required(messages.outWithJson));
  const config = await context.readConfig();
  // The file is opened before the database: a file that cannot be written is said before any work.
  const file = out === undefined ? undefined : await openForWriting(resolve(terminal.cwd, out));
  const opened = await context.openCrm(config).catch((error: unknown): never => {
    file?.destroy();
    throw error;
  });
  const write = file === undefined ? (text: string) => terminal.stdout.write(text) : (text: string) => writeTo(file, text);
  const progress = createProgress(terminal.stderr, context.colours.err, messages.exporting, messages.rowsUnit, (value) => formatCount(value, context.language), () => terminal.now(), context.json || (out === undefined && !terminal.stderr.isTTY));
  // Ctrl-C stops between two pieces of the file, whole rows, and says how many were written.
  const interrupt = { stopped: false };
  const stopListening = terminal.onInterrupt(() => {
    interrupt.stopped = true;
  });
  // Rows are counted as the lines ending outside quotes (a cell may hold a line break); the first is the header.
  let lines = 0;
  let quoted = false;
  try {
    const csv = exportCsv(opened.me, entityType, {
      locale: context.language,
      excel: args.flag('excel'),
      ...(columns === undefined ? {} : { columns }),
      ...(delimiter === undefined ? {} : { delimiter }),
    });
    for await (const chunk of csv) {
      if (interrupt.stopped || (file === undefined && terminal.stdout.closed)) break;
      await write(chunk);
      for (let at = 0; at < chunk.length; at++) {
        const unit = chunk.charCodeAt(at);
        if (unit === 0x22) quoted = !quoted;
        else if (unit === 0x0a && !quoted) lines++;
      }
      progress.update(Math.max(lines - 1, 0), undefined, messages.exported(Math.max(lines - 1, 0), messages.entity[entityType]));
    }
  } finally {
    await progress.end();
    stopListening();
    if (file !== undefined) await new Promise<void>((done) => file.end(done));
    await opened.close();
  }
  const count = Math.max(lines - 1, 0);
  if (context.json) await context.printJson({ entityType, rows: count, out, complete: !interrupt.stopped });
  else await context.note(interrupt.stopped ? messages.exportStopped(count, out ?? '-') : messages.exported(count, messages.entity[entityType]));
  return interrupt.stopped ? EXIT.interrupted : EXIT.ok;
}

/** A file opened for writing, or the system's error (a missing folder, a folder, no permission). */
function openForWriting(path: string): Promise<WriteStream> {
  return new Promise((done, fail) => {
    const stream = createWriteStream(path);
    stream.once('error', fail);
    stream.once('open', () => {
      stream.off('error', fail);
      done(stream);
    });
  });
}

function writeTo(file: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((done, fail) => {
    file.write(text, (error) => {
      if (error === null || error === undefined) done();
      else fail(error);
    });
  });
}
