// The CRM a command works on: its configuration (a JSON file, checked by the library's own
// functions), and its database: PGlite in a local folder (made on first use) or a PostgreSQL server,
// through crm-kit/postgres exactly as a host would open it. Both drivers are optional peers of
// crm-kit, loaded only when used, with a message naming the package when missing.
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Crm, CrmSession, Pipeline, RateTable } from '../index.js';
import { checkPipeline, createAccessPolicy, createCrm, createRateTable, DEFAULT_DEAL_PIPELINE, duplicateControl, isCrmError, systemClock, uuidV7Ids } from '../index.js';
import type { Queryable } from '../adapters/postgres/index.js';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from '../adapters/postgres/index.js';
import { CommandFailure, UsageError } from './usage.js';
import type { Messages } from './messages.js';

/**
 * The configuration of the command line's CRM (`--config crm-kit.json`): the report currency, the
 * region national phone numbers are read in, the time zone of reports, dated exchange rates, and
 * the deal pipelines (default: crm-kit's default pipeline). Pass the same file to every command.
 */
export interface CliConfig {
  readonly reportCurrency: string;
  readonly defaultRegion?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly rates?: RateTable | undefined;
  readonly pipelines: readonly Pipeline[];
}

const CONFIG_KEYS = new Set(['reportCurrency', 'defaultRegion', 'timeZone', 'rates', 'pipelines']);

/** Reads and checks a configuration file; none given is the default configuration. */
export async function readConfig(file: string | undefined, cwd: string, messages: Messages): Promise<CliConfig> {
  if (file === undefined) return { reportCurrency: 'EUR', pipelines: [DEFAULT_DEAL_PIPELINE] };
  const fail = (reason: string): never => {
    throw new UsageError(messages.badConfig(file, reason));
  };
  const parsed = await readJson(file, cwd, messages, messages.badConfig);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(messages.config.notObject);
  const record = parsed as Readonly<Record<string, unknown>>;
  const unknown = Object.keys(record).filter((key) => !CONFIG_KEYS.has(key));
  if (unknown.length > 0) fail(messages.config.keys([...CONFIG_KEYS]));
  const { reportCurrency = 'EUR', defaultRegion, timeZone, rates, pipelines } = record;
  if (typeof reportCurrency !== 'string' || !/^[A-Z]{3}$/.test(reportCurrency)) fail(messages.config.currency);
  if (defaultRegion !== undefined && (typeof defaultRegion !== 'string' || !/^[A-Z]{2}$/.test(defaultRegion))) fail(messages.config.region);
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isZone(timeZone))) fail(messages.config.zone);
  let table: RateTable | undefined;
  try {
    table = rates === undefined ? undefined : createRateTable(rates as Parameters<typeof createRateTable>[0]);
  } catch (error) {
    if (!isCrmError(error)) throw error;
    fail(messages.config.rates(error.message.replace(/^\[crm-kit\] /, '')));
  }
  const checked: Pipeline[] = [];
  if (pipelines !== undefined) {
    if (!Array.isArray(pipelines) || pipelines.length === 0) fail(messages.config.pipelines);
    for (const [at, input] of (pipelines as readonly unknown[]).entries()) {
      const result = checkPipeline(input);
      if (result.success && result.data.entityType !== 'deal') fail(messages.config.notDeal(at));
      if (result.success) checked.push(result.data);
      else fail(messages.config.pipeline(at, result.issues.map((found) => `${found.path.join('.')} ${found.message}`).join(' ')));
    }
  }
  return {
    reportCurrency: reportCurrency as string,
    ...(defaultRegion === undefined ? {} : { defaultRegion: defaultRegion as string }),
    ...(timeZone === undefined ? {} : { timeZone: timeZone as string }),
    ...(table === undefined ? {} : { rates: table }),
    pipelines: checked.length > 0 ? checked : [DEFAULT_DEAL_PIPELINE],
  };
}

/** Reads a JSON file a person named; unreadable or malformed is a usage error, told by `bad`. */
export async function readJson(file: string, cwd: string, messages: Messages, bad: Messages['badConfig']): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new UsageError(messages.unreadable(file));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(bad(file, messages.notJson));
  }
}

function isZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A CRM opened on its database, as the one person the command line acts as. */
export interface OpenedCrm {
  readonly crm: Crm;
  readonly me: CrmSession;
  /** Closes the database (and lets go of the folder). */
  close(): Promise<void>;
}

/** Where the data is: a folder for PGlite, or a `postgres://` URL. */
export function isServerUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Opens the database, brings its tables up to date (`migrate` is safe to run at every start), and
 * makes the CRM over it, acting as an administrator (`userId` is who imported records are
 * assigned to).
 */
export async function openCrm(options: { readonly db: string; readonly schema: string; readonly config: CliConfig; readonly cwd: string; readonly userId: string; readonly messages: Messages }): Promise<OpenedCrm> {
  const { config, messages } = options;
  const opened = isServerUrl(options.db) ? await openServer(options.db, messages) : await openFolder(resolve(options.cwd, options.db), messages);
  try {
    await migrate(opened.db, { schema: options.schema });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const crm = createCrm({
    store: createPostgresStore({ db: opened.db, schema: options.schema }),
    clock: systemClock,
    ids: uuidV7Ids(),
    access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }),
    pipelines: { deal: config.pipelines },
    ...(config.rates === undefined ? {} : { rates: config.rates }),
    settings: { reportCurrency: config.reportCurrency },
    duplicates: duplicateControl(config.defaultRegion === undefined ? {} : { defaultRegion: config.defaultRegion }),
  });
  const me = crm.as({ userId: options.userId, roleIds: [], departmentIds: [], isAdmin: true });
  return { crm, me, close: () => opened.close() };
}

interface Database {
  readonly db: Queryable;
  close(): Promise<void>;
}

async function openServer(url: string, messages: Messages): Promise<Database> {
  const driver = await load<{ default: { Pool: new (config: { connectionString: string; max: number }) => Parameters<typeof fromNodePostgres>[0] & { end(): Promise<void> } } }>('pg', messages);
  const pool = new driver.default.Pool({ connectionString: url, max: 4 });
  return { db: fromNodePostgres(pool), close: () => pool.end() };
}

async function openFolder(folder: string, messages: Messages): Promise<Database> {
  // A folder that holds other things is not made into a database (PostgreSQL's files among a person's own).
  const entries = (await readdir(folder).catch(() => [] as string[])).filter((entry) => !entry.startsWith('crm-kit.lock'));
  if (entries.length > 0 && !entries.includes('PG_VERSION')) throw new UsageError(messages.notADatabase(folder));
  const driver = await load<{ PGlite: { create(dataDir: string): Promise<Parameters<typeof fromPGlite>[0] & { close(): Promise<void> }> } }>('@electric-sql/pglite', messages);
  const unlock = await lockFolder(folder, messages);
  try {
    const lite = await driver.PGlite.create(folder);
    return {
      db: fromPGlite(lite),
      close: async () => {
        try {
          await lite.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

// An optional peer, loaded by name; missing, it is a message naming the package to install.
async function load<T>(name: string, messages: Messages): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')) throw new UsageError(messages.needsDriver(name));
    throw error;
  }
}

// PGlite is one process's database: a second process opening the same folder would corrupt it.
// A lock file holding the owner's process id keeps a second one out. It is written whole under
// another name and linked into place, so that nobody reads it half-written; a lock left by a
// process that is gone is taken over, and a lock is removed only by its owner.
async function lockFolder(folder: string, messages: Messages): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'crm-kit.lock');
  const mine = `${file}.${String(process.pid)}`;
  await writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(mine, file);
        return async () => {
          if ((await readFile(file, 'utf8').catch(() => '')) === String(process.pid)) await rm(file, { force: true });
        };
      } catch (error) {
        if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST')) throw error;
        const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
        if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) throw new CommandFailure(messages.dbInUse(folder), 'DATABASE_IN_USE');
        await rm(file, { force: true });
      }
    }
  } finally {
    await rm(mine, { force: true });
  }
  throw new CommandFailure(messages.dbInUse(folder), 'DATABASE_IN_USE');
}

// Whether another process holds a lock (a lock with this process's own id is a dead one's, reused).
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}
