// Reading a command's arguments with Node's own parser (node:util parseArgs), and the two ways a
// command fails: bad usage (exit code 2) and a failure of the work asked (exit code 1).
import { parseArgs } from 'node:util';
import type { CsvDelimiter } from '../csv/index.js';
import type { Messages } from './messages.js';

/** The exit codes: done; done, but rows were rejected or a check failed; bad usage; Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** The command was called wrongly: an unknown option, a missing value, an unusable file. Exit code 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** The work asked could not be done (the database is in use, a merge was refused). Exit code 1. */
export class CommandFailure extends Error {
  override readonly name: string = 'CommandFailure';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** An option: a value, or a flag. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

/** The options every command takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  schema: { type: 'string' },
  config: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** A command's arguments once read. */
export interface Arguments {
  readonly positionals: readonly string[];
  text(name: string): string | undefined;
  flag(name: string): boolean;
}

/**
 * Reads arguments against a command's options (and the common ones): an unknown option, an option
 * without its value, or more positional words than `maxPositionals` is a {@link UsageError} in the
 * person's language.
 */
export function readArguments(args: readonly string[], options: Readonly<Record<string, OptionSpec>>, maxPositionals: number, messages: Messages): Arguments {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw translate(error, messages);
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageError(messages.unexpectedArgument(maxPositionals));
  const values = parsed.values as Readonly<Record<string, string | boolean | undefined>>;
  return {
    positionals: parsed.positionals,
    text: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    flag: (name) => values[name] === true,
  };
}

// parseArgs speaks English only; its error codes say what went wrong and its message names the option.
function translate(error: unknown, messages: Messages): Error {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return error instanceof Error ? error : new Error(String(error));
  const name = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(messages.unknownOption(name));
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(messages.missingValue(name));
    default:
      return new UsageError(error.message);
  }
}

/** The delimiters by the words a person types on a command line (`tab` for the tab character). */
const DELIMITER_WORDS: Readonly<Record<string, CsvDelimiter>> = { ',': ',', ';': ';', tab: '\t', '\\t': '\t', '|': '|', space: ' ' };

/** The delimiter `--delimiter` names, or a usage error listing the words. */
export function delimiterOf(word: string, messages: Messages): CsvDelimiter {
  const delimiter = Object.hasOwn(DELIMITER_WORDS, word) ? DELIMITER_WORDS[word] : undefined;
  if (delimiter === undefined) throw new UsageError(messages.notOneOf('--delimiter', Object.keys(DELIMITER_WORDS)));
  return delimiter;
}

/** One of a fixed list of words, or a usage error naming the list. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], name: string, messages: Messages): T {
  const found = allowed.find((item) => item === value);
  if (found === undefined) throw new UsageError(messages.notOneOf(name, allowed));
  return found;
}
