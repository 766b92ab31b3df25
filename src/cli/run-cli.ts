// The command line's dispatcher: finds the command, reads its arguments, runs it, and turns every
// way it can end into an exit code and a message (or a JSON document with --json).
import { isCrmError } from '../index.js';
import { runDedupe, DEDUPE_OPTIONS } from './commands/dedupe.js';
import { EXPORT_OPTIONS, runExport } from './commands/export.js';
import { IMPORT_OPTIONS, runImport } from './commands/import.js';
import { REPORT_OPTIONS, runReport } from './commands/report.js';
import { runUndoMerge, UNDO_MERGE_OPTIONS } from './commands/undo-merge.js';
import type { CommandContext } from './context.js';
import { createContext } from './context.js';
import type { CommandName } from './help.js';
import { helpOf } from './help.js';
import { languageOf, messagesOf } from './messages.js';
import type { Terminal } from './terminal.js';
import { coloursFor } from './terminal.js';
import type { OptionSpec } from './usage.js';
import { CommandFailure, EXIT, readArguments, UsageError } from './usage.js';

interface Command {
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional words besides the options. */
  readonly positionals: number;
  run(context: CommandContext): Promise<number>;
}

const COMMANDS: Readonly<Record<CommandName, Command>> = {
  import: { options: IMPORT_OPTIONS, positionals: 1, run: runImport },
  export: { options: EXPORT_OPTIONS, positionals: 0, run: runExport },
  dedupe: { options: DEDUPE_OPTIONS, positionals: 0, run: runDedupe },
  report: { options: REPORT_OPTIONS, positionals: 1, run: runReport },
  'undo-merge': { options: UNDO_MERGE_OPTIONS, positionals: 1, run: runUndoMerge },
};

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/**
 * Runs the command line on its arguments (`process.argv.slice(2)`) and answers its exit code.
 */
export async function runCli(argv: readonly string[], terminal: Terminal): Promise<number> {
  const langAt = argv.findIndex((word) => word === '--lang' || word.startsWith('--lang='));
  const langFlag = langAt < 0 ? undefined : (argv[langAt]?.split('=')[1] ?? argv[langAt + 1]);
  const language = languageOf(langFlag, terminal.env);
  const messages = messagesOf(language);
  const json = argv.some((word) => word === '--json' || word.startsWith('--json='));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await terminal.stdout.write(helpOf(undefined, language));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!isCommand(name)) return fail(terminal, json, EXIT.usage, 'USAGE', `${messages.unknownCommand(name)}\n${messages.commandsHint}`);
  const command = COMMANDS[name];
  try {
    const args = readArguments(rest, command.options, command.positionals, messages);
    if (args.flag('help')) {
      await terminal.stdout.write(helpOf(name, language));
      return EXIT.ok;
    }
    return await command.run(createContext(terminal, args, language, messages));
  } catch (error) {
    if (error instanceof UsageError) return fail(terminal, json, EXIT.usage, 'USAGE', `${error.message}\n${messages.usageHint(name)}`);
    if (error instanceof CommandFailure) return fail(terminal, json, EXIT.failed, error.code, error.message);
    if (isCrmError(error)) {
      const issues = 'issues' in error && Array.isArray(error.issues) ? (error.issues as readonly { readonly path: readonly unknown[]; readonly message: string }[]) : [];
      const details = issues.slice(0, 20).map((found) => `  ${found.path.map(String).join('.')}: ${found.message}`);
      // An argument the library refuses came from the command line: that is bad usage.
      const exitCode = error.code === 'INVALID_ARGUMENT' ? EXIT.usage : EXIT.failed;
      return fail(terminal, json, exitCode, error.code, [messages.failed(error.code, error.message.replace(/^\[crm-kit\] /, '')), ...details].join('\n'), issues);
    }
    if (error instanceof Error && error.name === 'AbortError') return fail(terminal, json, EXIT.interrupted, 'ABORTED', messages.abortedNothingWritten);
    // The system's own errors (a folder that is a file, a refused connection) by their code and
    // message, which name what the person gave; anything else too, without a stack trace.
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'FAILED';
    const message = error instanceof Error ? error.message : String(error);
    return fail(terminal, json, EXIT.failed, code, message.startsWith(`${code}:`) ? message : messages.failed(code, message));
  }
}

async function fail(terminal: Terminal, json: boolean, exitCode: number, code: string, message: string, issues: readonly unknown[] = []): Promise<number> {
  if (json) await terminal.stdout.write(`${JSON.stringify({ error: { code, message, ...(issues.length > 0 ? { issues } : {}) } }, null, 2)}\n`);
  else await terminal.stderr.write(`${coloursFor(terminal.stderr, terminal.env).red(message)}\n`);
  return exitCode;
}
