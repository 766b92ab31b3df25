// What every command is given: its arguments, the person's language, the output streams with their
// colours, and the CRM opened from --db, --schema, --config and --user.
import type { EntityType } from '../index.js';
import type { Language, Messages } from './messages.js';
import type { CliConfig, OpenedCrm } from './open-crm.js';
import { openCrm, readConfig } from './open-crm.js';
import type { Arguments } from './usage.js';
import { UsageError } from './usage.js';
import type { Colours, Terminal } from './terminal.js';
import { coloursFor } from './terminal.js';

/** A running command's surroundings. */
export interface CommandContext {
  readonly terminal: Terminal;
  readonly args: Arguments;
  readonly language: Language;
  readonly messages: Messages;
  /** `--json`: one JSON document on standard output, and no other output. */
  readonly json: boolean;
  readonly colours: { readonly out: Colours; readonly err: Colours };
  /** The width tables may take: the terminal's, or no limit when output goes to a pipe or a file. */
  readonly width: number;
  /** A line for people on standard output (nothing with `--json`). */
  print(line: string): Promise<void>;
  /** A line for people on standard error (nothing with `--json`). */
  note(line: string): Promise<void>;
  /** The JSON document of `--json`. */
  printJson(value: unknown): Promise<void>;
  readConfig(): Promise<CliConfig>;
  openCrm(config: CliConfig): Promise<OpenedCrm>;
}

/** The database when --db is not given: `CRM_KIT_DB`, else the folder `crm-data`. */
export const DEFAULT_DB = 'crm-data';

/** Makes a command's context. */
export function createContext(terminal: Terminal, args: Arguments, language: Language, messages: Messages): CommandContext {
  const json = args.flag('json');
  const out = coloursFor(terminal.stdout, terminal.env);
  const err = coloursFor(terminal.stderr, terminal.env);
  return {
    terminal,
    args,
    language,
    messages,
    json,
    colours: { out, err },
    width: terminal.stdout.isTTY ? terminal.stdout.columns : Number.POSITIVE_INFINITY,
    print: async (line) => {
      if (!json) await terminal.stdout.write(`${line}\n`);
    },
    note: async (line) => {
      if (!json) await terminal.stderr.write(`${line}\n`);
    },
    printJson: (value) => terminal.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    readConfig: () => readConfig(args.text('config') ?? nonEmpty(terminal.env.CRM_KIT_CONFIG), terminal.cwd, messages),
    openCrm: (config) =>
      openCrm({
        db: args.text('db') ?? nonEmpty(terminal.env.CRM_KIT_DB) ?? DEFAULT_DB,
        schema: schemaOf(args.text('schema') ?? 'crm', messages),
        config,
        cwd: terminal.cwd,
        userId: userOf(args.text('user'), messages),
        messages,
      }),
  };
}

function userOf(user: string | undefined, messages: Messages): string {
  if (user === undefined) return 'cli';
  if (user.trim() === '' || user.length > 200) throw new UsageError(messages.required('--user <id>'));
  return user;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function schemaOf(schema: string, messages: Messages): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UsageError(messages.notOneOf('--schema', [messages.schemaName]));
  return schema;
}

/** The entity types by the words a person types: `contacts` or `contact`. */
const ENTITY_WORDS: Readonly<Record<string, EntityType>> = {
  lead: 'lead',
  leads: 'lead',
  contact: 'contact',
  contacts: 'contact',
  company: 'company',
  companies: 'company',
  deal: 'deal',
  deals: 'deal',
  activity: 'activity',
  activities: 'activity',
  invoice: 'invoice',
  invoices: 'invoice',
  quote: 'quote',
  quotes: 'quote',
};

/** How `--entity` names a type: `contacts`. */
function pluralOf(type: EntityType): string {
  return Object.keys(ENTITY_WORDS).find((key) => key !== type && ENTITY_WORDS[key] === type) ?? type;
}

/** The `--entity` of a command, among the types it takes. */
export function entityOf<T extends EntityType>(context: CommandContext, allowed: readonly T[]): T {
  const word = context.args.text('entity');
  if (word === undefined) throw new UsageError(context.messages.required(`--entity (${allowed.map(pluralOf).join(', ')})`));
  const type = Object.hasOwn(ENTITY_WORDS, word.toLowerCase()) ? ENTITY_WORDS[word.toLowerCase()] : undefined;
  const found = allowed.find((item) => item === type);
  if (found === undefined) throw new UsageError(context.messages.notOneOf('--entity', allowed.map(pluralOf)));
  return found;
}
