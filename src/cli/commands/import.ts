// crm-kit import <file> --entity contacts: the suggested mapping, the import with its progress, the
// account of every row, and the rows not imported written beside the file with their reasons.
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { EntityType, ImportDuplicateMode } from '../../index.js';
import { IMPORT_DUPLICATE_MODES } from '../../index.js';
import type { ColumnTarget, CsvEncoding, CsvImportAccount, CsvMapping, CsvPresetName, DateFormat } from '../../csv/index.js';
import { CSV_ENCODINGS, CSV_PRESETS, DATE_FORMATS, detectPreset, importCsv, openCsv, rejectedRowsCsv, suggestMapping } from '../../csv/index.js';
import type { CommandContext } from '../context.js';
import { entityOf } from '../context.js';
import type { Messages } from '../messages.js';
import { formatCount } from '../messages.js';
import { readJson } from '../open-crm.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';
import { delimiterOf, EXIT, oneOf, UsageError } from '../usage.js';
import type { OptionSpec } from '../usage.js';

/** The options of `import`. */
export const IMPORT_OPTIONS = {
  entity: { type: 'string', short: 'e' },
  preset: { type: 'string' },
  mapping: { type: 'string' },
  duplicates: { type: 'string' },
  'dry-run': { type: 'boolean' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'date-format': { type: 'string' },
  'batch-size': { type: 'string' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

const IMPORTABLE = ['lead', 'contact', 'company', 'deal', 'activity'] as const satisfies readonly EntityType[];

/** Runs `import`; returns the exit code. */
export async function runImport(context: CommandContext): Promise<number> {
  const { args, messages, terminal } = context;
  const fileArgument = args.positionals[0];
  if (fileArgument === undefined) throw new UsageError(messages.required('<file>'));
  const entityType = entityOf(context, IMPORTABLE);
  const preset = optional(args.text('preset'), (value) => oneOf(value, Object.keys(CSV_PRESETS) as CsvPresetName[], '--preset', messages));
  const duplicates = optional(args.text('duplicates'), (value) => oneOf<ImportDuplicateMode>(value, IMPORT_DUPLICATE_MODES, '--duplicates', messages));
  const encoding = optional(args.text('encoding'), (value) => oneOf<CsvEncoding>(value.toLowerCase() as CsvEncoding, CSV_ENCODINGS, '--encoding', messages));
  const delimiter = optional(args.text('delimiter'), (value) => delimiterOf(value, messages));
  const dateFormat = optional(args.text('date-format'), (value) => oneOf<DateFormat>(value.toUpperCase() as DateFormat, DATE_FORMATS, '--date-format', messages));
  const batchSize = optional(args.text('batch-size'), (value) => {
    const number = Number(value);
    if (!/^\d{1,4}$/.test(value) || number < 1 || number > 5000) throw new UsageError(messages.notANumber('--batch-size', messages.range.batch));
    return number;
  });
  const dryRun = args.flag('dry-run');
  const path = resolve(terminal.cwd, fileArgument);
  const isFile = await stat(path).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!isFile) throw new UsageError(messages.unreadable(fileArgument));
  const given = args.text('mapping');
  const mappingFile = given === undefined ? undefined : checkMapping(await readJson(given, terminal.cwd, messages, messages.badMapping), entityType, given, messages);
  const config = await context.readConfig();
  const opened = await context.openCrm(config);
  const controller = new AbortController();
  let firstInterrupt: number | undefined;
  const stopListening = terminal.onInterrupt(() => {
    // A second Ctrl-C stops at once: the batch being written is one transaction, and is rolled back.
    // (One that comes with the first, as when npx passes the terminal's on, is the same Ctrl-C.)
    if (firstInterrupt !== undefined) {
      if (terminal.now() - firstInterrupt > 500) terminal.exit(EXIT.interrupted);
      return;
    }
    firstInterrupt = terminal.now();
    controller.abort();
    void context.note(context.colours.err.yellow(messages.interrupted));
  });
  try {
    const { me } = opened;
    const readOptions = { ...(encoding === undefined ? {} : { encoding }), ...(delimiter === undefined ? {} : { delimiter }) };
    // The header is read first, to show the mapping before any row is: the import reads the file again.
    const head = createReadStream(path);
    const file = await openCsv(head, readOptions).finally(() => head.destroy());
    const recognised = preset ?? (file.header.length > 0 ? detectPreset(file.header) : undefined);
    const mapping = mappingFile ?? suggestMapping(file.header, { entityType, fields: me.fields.list(entityType), locale: context.language, ...(recognised === undefined ? {} : { preset: recognised }) });
    await context.print(messages.fileRead(basename(path), file.encoding, file.delimiter === '\t' ? 'tab' : `'${file.delimiter}'`, file.header.length));
    // The share done is the line reached over the file's lines (a cell's line breaks count too, so
    // it is an estimate, and the bar never claims the end before it).
    if (preset === undefined && recognised !== undefined) await context.print(messages.presetRecognised(recognised));
    await context.print(context.colours.out.bold(messages.mappingTitle(mappingFile !== undefined)));
    await context.print(describeMapping(mapping, context));
    const lines = context.json ? 0 : await countLines(path);
    const progress = createProgress(terminal.stderr, context.colours.err, dryRun ? messages.checking : messages.importing, messages.rowsUnit, (value) => formatCount(value, context.language), () => terminal.now(), context.json);
    const started = terminal.now();
    let account: CsvImportAccount;
    try {
      account = await importCsv(me, entityType, createReadStream(path), {
        ...readOptions,
        mapping,
        ...(recognised === undefined ? {} : { preset: recognised }),
        ...(duplicates === undefined ? {} : { duplicates }),
        ...(dateFormat === undefined ? {} : { dateFormat }),
        ...(batchSize === undefined ? {} : { batchSize }),
        dryRun,
        signal: controller.signal,
        onProgress: (done) => {
          progress.update(done.rows, lines === 0 ? undefined : Math.min(done.line / lines, 0.99), messages.progressLine(done.rows, Math.round(done.rows / Math.max((terminal.now() - started) / 1000, 0.001)), done.line));
        },
      });
    } finally {
      await progress.end();
    }
    // Beside the input, named as the person named the input.
    let rejectedPath = account.notImportedRows.length > 0 ? join(dirname(fileArgument), `${basename(fileArgument, extname(fileArgument))}.rejected.csv`) : undefined;
    if (rejectedPath !== undefined) {
      // The rows are written whatever becomes of this file: a failure to write it is told, not thrown.
      const target = rejectedPath;
      await writeFile(resolve(terminal.cwd, target), rejectedRowsCsv(account, { locale: context.language })).catch(async (error: unknown) => {
        rejectedPath = undefined;
        await context.note(context.colours.err.yellow(messages.rejectedNotWritten(target, error instanceof Error && 'code' in error ? String(error.code) : 'error')));
      });
    }
    if (context.json) await context.printJson({ source: basename(path), preset: recognised ?? null, rejectedFile: rejectedPath ?? null, ...account });
    else await printAccount(context, account, entityType, rejectedPath);
    if (account.stopped?.code === 'ABORTED' || controller.signal.aborted) return EXIT.interrupted;
    return account.rejected > 0 || account.stopped !== undefined ? EXIT.failed : EXIT.ok;
  } finally {
    stopListening();
    await opened.close();
  }
}

async function printAccount(context: CommandContext, account: CsvImportAccount, entityType: EntityType, rejectedPath: string | undefined): Promise<void> {
  const { messages, colours } = context;
  const line = messages.account(account.dryRun, messages.entity[entityType], account.rows, account.imported, account.updated, account.skipped, account.rejected);
  await context.print(account.rejected > 0 ? colours.out.yellow(line) : colours.out.green(line));
  if (account.reasons.length > 0) {
    await context.print(messages.topReasons);
    const example = (code: string): string => account.notImported.find((row) => row.issues.some((found) => found.code === code))?.issues.find((found) => found.code === code)?.message ?? '';
    await context.print(formatTable([], account.reasons.slice(0, 5).map((reason) => [`  ${reason.code}`, String(reason.count), example(reason.code)]), { align: ['left', 'right', 'left'], width: context.width }));
  }
  if (rejectedPath !== undefined) await context.print(messages.rejectedFile(rejectedPath, account.notImportedRows.length));
  if (account.stopped !== undefined) {
    await context.print(colours.out.yellow(`${account.stopped.code}: ${account.stopped.message}`));
    if (!account.dryRun) await context.print(messages.stopped(account.writtenThroughLine));
  }
}

/** The mapping as a table: each column, what it fills, and how it was matched. */
function describeMapping(mapping: CsvMapping, context: CommandContext): string {
  const { messages } = context;
  const rows = [
    ...mapping.columns.map((column) => ({ at: column.column, cells: [column.header, describeTarget(column.target, messages), column.target.kind === 'ignore' || typeof column.confidence !== 'number' ? '' : `${column.matchedBy} ${column.confidence.toFixed(2)}`] })),
    ...mapping.unmapped.map((column) => ({ at: column.column, cells: [column.header, context.colours.out.dim(messages.notImportedColumn), ''] })),
  ].sort((a, b) => a.at - b.at);
  return formatTable([messages.headers.column, messages.headers.field, messages.headers.how], rows.map((row) => row.cells), { indent: 2, width: context.width });
}

function describeTarget(target: ColumnTarget, messages: Messages): string {
  const ignored = messages.notImportedColumn;
  switch (target.kind) {
    case 'field':
      return target.field;
    case 'currency':
      return messages.currencyOf(target.field);
    case 'fullName':
      return 'firstName + lastName';
    case 'multiField':
      return `${target.field}${target.valueKind === undefined ? '' : ` (${target.valueKind})`}${target.item === undefined ? '' : ` #${String(target.item + 1)}`}${target.part === 'kind' ? ' kind' : ''}`;
    case 'address':
      return `address.${target.part}`;
    case 'reference':
      return messages.referenceBy(target.field, target.by);
    case 'ignore':
      return ignored;
  }
}

/** A mapping file as `--dry-run --json` prints one, for the entity type imported; anything else is bad usage. */
function checkMapping(value: unknown, entityType: EntityType, file: string, messages: Messages): CsvMapping {
  const record = (item: unknown): item is Readonly<Record<string, unknown>> => typeof item === 'object' && item !== null && !Array.isArray(item);
  const column = (item: unknown): boolean => record(item) && Number.isSafeInteger(item.column) && typeof item.header === 'string' && record(item.target) && typeof item.target.kind === 'string';
  if (!record(value) || typeof value.entityType !== 'string' || !Array.isArray(value.columns) || !value.columns.every(column) || (value.unmapped !== undefined && !Array.isArray(value.unmapped))) {
    throw new UsageError(messages.badMapping(file, messages.notAMapping));
  }
  if (value.entityType !== entityType) throw new UsageError(messages.badMapping(file, messages.mappingForOther(value.entityType)));
  return { entityType, columns: value.columns as CsvMapping['columns'], unmapped: (value.unmapped ?? []) as CsvMapping['unmapped'] };
}

/** The line breaks of a file, read as bytes: how many lines it has, near enough for a progress bar. */
async function countLines(path: string): Promise<number> {
  let lines = 1;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  }
  return lines;
}

function optional<T>(value: string | undefined, read: (value: string) => T): T | undefined {
  return value === undefined ? undefined : read(value);
}
