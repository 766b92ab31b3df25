// crm-kit export --entity deals > deals.csv: the records of a type as CSV that is safe to open in a
// spreadsheet, streamed page by page to standard output or to --out.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityType } from '../../index.js';
import { ENTITY_TYPES } from '../../index.js';
import { exportCsv } from '../../csv/index.js';
import type { CommandContext } from '../context.js';
import { entityOf, pluralOf } from '../context.js';
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
  if (context.json && out === undefined) throw new UsageError(messages.required('--out (with --json)'));
  const config = await context.readConfig();
  const opened = await context.openCrm(config);
  const file = out === undefined ? undefined : createWriteStream(resolve(terminal.cwd, out));
  const write = file === undefined ? (text: string) => terminal.stdout.write(text) : (text: string) => writeTo(file, text);
  const progress = createProgress(terminal.stderr, context.colours.err, messages.exporting, context.language === 'es' ? 'filas' : 'rows', () => terminal.now(), context.json || (out === undefined && !terminal.stderr.isTTY));
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
      // Ctrl-C is not caught: an export writes nothing to the database, and stops at once.
      if (file === undefined && terminal.stdout.closed) break;
      await write(chunk);
      for (let at = 0; at < chunk.length; at++) {
        const unit = chunk.charCodeAt(at);
        if (unit === 0x22) quoted = !quoted;
        else if (unit === 0x0a && !quoted) lines++;
      }
      progress.update(Math.max(lines - 1, 0), undefined, messages.exported(Math.max(lines - 1, 0), pluralOf(entityType)));
    }
  } finally {
    await progress.end();
    if (file !== undefined) await new Promise<void>((done) => file.end(done));
    await opened.close();
  }
  const count = Math.max(lines - 1, 0);
  if (context.json) await context.printJson({ entityType, rows: count, out });
  else await context.note(messages.exported(count, pluralOf(entityType)));
  return EXIT.ok;
}

function writeTo(file: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((done, fail) => {
    file.write(text, (error) => {
      if (error === null || error === undefined) done();
      else fail(error);
    });
  });
}
