import type { Principal } from '../../access/index.js';
import { assertCan, assertCanWriteFields, can, toAccessRecord } from '../../access/index.js';
import type { DuplicateKeyHit, DuplicateMatcher, PreparedRecord } from '../../duplicates/index.js';
import { DEFAULT_STOP_LIMIT } from '../../duplicates/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import type { CrmErrorCode, Issue, Result } from '../../kernel/index.js';
import { CRM_ERROR_CODES, LIMITS, invalidArgument, isCrmError, isEmptyValue, isPlainRecord, issue, putData, sealableBag, sealPlain } from '../../kernel/index.js';
import { formatPersonName } from '../../names/index.js';
import type { ImportDecision, ImportDuplicateMode, ImportMatch, RecordPlan, RecordWrites } from '../../records/index.js';
import { combineWrites, IMPORT_DUPLICATE_MODES, planCreateRecord, planImportRow, planUpdateRecord, sameMultiFieldValue } from '../../records/index.js';
import type { NewEvent, Store } from '../../store/index.js';
import type { ImportAccount, ImportOptions, ImportReference, ImportRow, ImportRowResult, ReferenceBy } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { isDuplicateType } from './duplicate-settings.js';
import { optionsFor } from './duplicates.js';
import { externalIdKey } from './match-keys.js';
import { clientDealsOf } from './record-service.js';
import { applyWrites, checkNeeds, readableMany } from './records.js';
import { nextTurn } from './next-turn.js';

/** The types an import writes. */
const IMPORTABLE: ReadonlySet<string> = new Set(['lead', 'contact', 'company', 'deal', 'activity']);
const OPTION_KEYS: ReadonlySet<string> = new Set(['duplicates', 'defaults', 'pipelineId', 'dryRun', 'signal', 'onProgress', 'onRow', 'batchSize', 'keepRows']);
const ROW_KEYS: ReadonlySet<string> = new Set(['line', 'input', 'references', 'issues']);
const MAX_BATCH = 5_000;
// Link fields that hold a list of ids; any other link field holds one.
const LIST_LINKS: ReadonlySet<string> = new Set(['contactIds', 'companyIds']);

interface Settings {
  readonly mode: ImportDuplicateMode;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly dryRun: boolean;
  readonly batchSize: number;
  readonly keepRows: number;
  readonly signal: ImportOptions['signal'];
  readonly onProgress: ImportOptions['onProgress'];
  readonly onRow: ImportOptions['onRow'];
}

/** Match keys held by more records than the stop limit, with their first holders; see bestDuplicate. */
type StoppedKeys = Map<string, readonly string[]>;
const STOPPED_KEYS = 100_000;

/** What one import remembers from batch to batch. */
interface Caches {
  readonly references: ReferenceCache;
  readonly stopped: StoppedKeys;
}

/** A row on its way through a batch. */
interface Pending {
  readonly row: ImportRow;
  /** Sealed: what the planners take as it is, without a copy. */
  input: Readonly<Record<string, unknown>>;
  issues: Issue[];
  decision?: ImportDecision | undefined;
  /** The stored record the row names by its external id. */
  match?: ImportMatch | undefined;
  writes?: RecordWrites<NewEvent> | undefined;
  /** The id of the record the row creates (planned), updates or matched. */
  id?: string | undefined;
}

/**
 * `me.import`: rows of any source into records, in batches of one transaction each, with an
 * account of every row. The pure planners decide (planImportRow, then planCreateRecord or
 * planUpdateRecord); this checks, finds what the rows refer to, applies and counts.
 */
export function importService(context: Context, principal: Principal) {
  return async (entityType: EntityType, rows: AsyncIterable<ImportRow> | Iterable<ImportRow>, options: ImportOptions = {}): Promise<ImportAccount> => {
    // Stryker disable next-line StringLiteral: message text
    if (typeof entityType !== 'string' || !IMPORTABLE.has(entityType)) throw invalidArgument(`An import writes ${[...IMPORTABLE].join(', ')}.`);
    const settings = readImportOptions(context, entityType, options);
    // Stryker disable next-line StringLiteral: message text
    if (typeof rows !== 'object' || (rows as unknown) === null || !(Symbol.asyncIterator in rows || Symbol.iterator in rows)) throw invalidArgument('The rows of an import are an iterable.');
    assertCan(context.access, principal, 'import', entityType);
    const account = new Accountant(entityType, settings);
    const caches: Caches = { references: new Map(), stopped: new Map() };
    let batch: ImportRow[] = [];
    const run = async (): Promise<boolean> => {
      const done = await runBatch(context, principal, entityType, batch, settings, account, caches);
      batch = [];
      // Between batches the host's event loop turns: its timers, its requests and a Ctrl-C are
      // not held up until the end of a long import.
      await nextTurn();
      return done;
    };
    try {
      for await (const given of rows) {
        batch.push(readRow(given));
        if (batch.length >= settings.batchSize && !(await run())) return account.result();
        if (settings.signal?.aborted === true) {
          if (batch.length > 0 && !(await run())) return account.result();
          // Stryker disable next-line StringLiteral: message text
          account.stop('ABORTED', 'The import was aborted; the rows after the last one accounted for were not read.');
          return account.result();
        }
      }
    } catch (error) {
      // The source failed: the rows read before it are done as usual, and the account says where it stopped.
      if (isCrmError(error) && error.code === 'INVALID_ARGUMENT' && batch.length === 0 && account.isEmpty()) throw error;
      if (batch.length > 0 && !(await run())) return account.result();
      // Stryker disable next-line StringLiteral: message text
      account.stop(isCrmError(error) ? error.code : 'SOURCE_FAILURE', isCrmError(error) ? error.message : 'The rows could not be read further; the rows after the last one accounted for were not read.');
      return account.result();
    }
    if (batch.length > 0) await run();
    return account.result();
  };
}

function readImportOptions(context: Context, entityType: EntityType, options: unknown): Settings {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options) || Object.keys(options).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument(`Import options are { ${[...OPTION_KEYS].join(', ')} }.`);
  const { duplicates = 'none', dryRun = false, batchSize = 500, keepRows = 10_000, signal, onProgress, onRow, pipelineId } = options;
  // Stryker disable next-line StringLiteral: message text
  if (!(IMPORT_DUPLICATE_MODES as readonly unknown[]).includes(duplicates)) throw invalidArgument(`duplicates is one of ${IMPORT_DUPLICATE_MODES.join(', ')}.`);
  // Stryker disable next-line StringLiteral: message text
  if (duplicates !== 'none' && isDuplicateType(entityType) && context.duplicates === undefined) throw invalidArgument('Duplicate handling needs a CRM made with duplicate control.');
  // Stryker disable next-line StringLiteral: message text
  if (typeof dryRun !== 'boolean') throw invalidArgument('dryRun is true or false.');
  // Stryker disable next-line StringLiteral: message text
  if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) throw invalidArgument(`batchSize is a whole number from 1 to ${String(MAX_BATCH)}.`);
  // Stryker disable next-line StringLiteral: message text
  if (typeof keepRows !== 'number' || !Number.isSafeInteger(keepRows) || keepRows < 0) throw invalidArgument('keepRows is a whole number from 0.');
  for (const [name, hook] of [['onProgress', onProgress], ['onRow', onRow]] as const) {
    // Stryker disable next-line StringLiteral: message text
    if (hook !== undefined && typeof hook !== 'function') throw invalidArgument(`${name} is a function.`);
  }
  // Stryker disable next-line StringLiteral: message text
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || !('aborted' in signal))) throw invalidArgument('signal is an AbortSignal.');
  // Stryker disable next-line StringLiteral: message text
  const defaults = snapshotArgument(options.defaults ?? {}, 'The defaults');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(defaults)) throw invalidArgument('defaults is an object of field values.');
  if (pipelineId !== undefined) {
    // Stryker disable next-line StringLiteral: message text
    if (entityType !== 'deal' || typeof pipelineId !== 'string') throw invalidArgument('pipelineId is the id of a deal pipeline (deals only).');
    // Stryker disable next-line StringLiteral: message text
    if (!context.rules.deal.pipelines.some((pipeline) => pipeline.id === pipelineId)) throw invalidArgument('pipelineId is not one of the deal pipelines.');
  }
  return {
    mode: duplicates as ImportDuplicateMode,
    defaults: pipelineId === undefined ? defaults : { ...defaults, pipelineId },
    dryRun,
    batchSize,
    keepRows,
    signal: signal as ImportOptions['signal'],
    onProgress: onProgress as ImportOptions['onProgress'],
    onRow: onRow as ImportOptions['onRow'],
  };
}

/** One row as given, checked for shape (its input is snapshotted when it is planned). */
function readRow(given: unknown): ImportRow {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given) || Object.keys(given).some((key) => !ROW_KEYS.has(key))) throw invalidArgument('An import row is { line, input?, references?, issues? }.');
  const { line, input, references, issues } = given;
  // Stryker disable next-line StringLiteral: message text
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 0) throw invalidArgument('An import row has the line it comes from, a whole number.');
  // Stryker disable next-line StringLiteral: message text
  if (input !== undefined && !isPlainRecord(input)) throw invalidArgument('An import row\'s input is an object of field values.');
  // Stryker disable next-line StringLiteral: message text
  if (references !== undefined && !Array.isArray(references)) throw invalidArgument('An import row\'s references are a list.');
  // Stryker disable next-line StringLiteral: message text
  if (issues !== undefined && !Array.isArray(issues)) throw invalidArgument('An import row\'s issues are a list.');
  // What a source says is wrong with a row is kept when it is an issue, and replaced when it is not.
  const reported = (issues ?? []).map((found: unknown) => (isIssue(found) ? found : issue('INVALID_ARGUMENT', 'The source reported a problem with this row.')));
  const malformed = (references ?? []).some((reference: unknown) => !isReference(reference));
  // Stryker disable next-line StringLiteral: message text
  if (malformed) reported.push(issue('INVALID_ARGUMENT', 'A reference of this row is not { field, entityType, by, value } of a link field.'));
  return {
    line,
    ...(input === undefined ? {} : { input: input }),
    ...(references === undefined || malformed ? {} : { references: references as readonly ImportReference[] }),
    ...(reported.length === 0 ? {} : { issues: reported }),
  };
}

const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['companyId', 'companyIds', 'contactIds', 'contactId', 'leadId', 'dealId', 'bindings']);
const REFERENCE_TYPES: ReadonlySet<string> = new Set(['lead', 'contact', 'company', 'deal', 'quote', 'invoice']);
const REFERENCE_WAYS: ReadonlySet<string> = new Set(['id', 'externalId', 'email', 'phone', 'name']);

function isReference(value: unknown): value is ImportReference {
  return (
    isPlainRecord(value) &&
    typeof value.field === 'string' &&
    REFERENCE_FIELDS.has(value.field) &&
    typeof value.entityType === 'string' &&
    REFERENCE_TYPES.has(value.entityType) &&
    typeof value.by === 'string' &&
    REFERENCE_WAYS.has(value.by) &&
    typeof value.value === 'string' &&
    (value.path === undefined || (Array.isArray(value.path) && value.path.every((segment) => typeof segment === 'string' || typeof segment === 'number')))
  );
}

function isIssue(value: unknown): value is Issue {
  return isPlainRecord(value) && typeof value.code === 'string' && (CRM_ERROR_CODES as readonly string[]).includes(value.code) && typeof value.message === 'string' && Array.isArray(value.path);
}

/** Counts rows as they are done, keeps the ones not imported, and tells the hooks. */
class Accountant {
  readonly #entityType: EntityType;
  readonly #settings: Settings;
  #rows = 0;
  #imported = 0;
  #updated = 0;
  #skipped = 0;
  #rejected = 0;
  #leftOut = 0;
  #written = 0;
  #line = 0;
  readonly #notImported: ImportRowResult[] = [];
  readonly #reasons = new Map<CrmErrorCode, number>();
  #stopped: ImportAccount['stopped'];

  constructor(entityType: EntityType, settings: Settings) {
    this.#entityType = entityType;
    this.#settings = settings;
  }

  add(result: ImportRowResult): void {
    this.#rows++;
    this.#line = result.line;
    if (result.outcome === 'imported') this.#imported++;
    else if (result.outcome === 'updated') this.#updated++;
    else {
      if (result.outcome === 'skipped') this.#skipped++;
      else this.#rejected++;
      for (const code of new Set(result.issues.map((found) => found.code))) this.#reasons.set(code, (this.#reasons.get(code) ?? 0) + 1);
      if (this.#notImported.length < this.#settings.keepRows) this.#notImported.push(result);
      else this.#leftOut++;
    }
    this.#settings.onRow?.(result);
  }

  written(line: number): void {
    this.#written = line;
  }

  progress(): void {
    this.#settings.onProgress?.({ rows: this.#rows, imported: this.#imported, updated: this.#updated, skipped: this.#skipped, rejected: this.#rejected, line: this.#line });
  }

  /** Whether no row has been accounted for yet. */
  isEmpty(): boolean {
    return this.#rows === 0;
  }

  stop(code: CrmErrorCode, message: string): void {
    this.#stopped = { code, message, line: this.#line };
  }

  result(): ImportAccount {
    const reasons = [...this.#reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, count]) => ({ code, count }));
    return sealPlain({
      entityType: this.#entityType,
      dryRun: this.#settings.dryRun,
      rows: this.#rows,
      imported: this.#imported,
      updated: this.#updated,
      skipped: this.#skipped,
      rejected: this.#rejected,
      notImported: this.#notImported,
      notImportedLeftOut: this.#leftOut,
      reasons,
      writtenThroughLine: this.#written,
      ...(this.#stopped === undefined ? {} : { stopped: this.#stopped }),
    });
  }
}

/**
 * Decides, writes and accounts for one batch. Returns `false` when the import must stop (the
 * batch could not be written). A row whose best duplicate is an earlier row of the batch splits
 * it: the rows before are written first, so that the row is decided against them as stored records.
 */
async function runBatch(context: Context, principal: Principal, entityType: EntityType, rows: readonly ImportRow[], settings: Settings, account: Accountant, caches: Caches): Promise<boolean> {
  const pending = rows.map((row): Pending => {
    const issues = [...(row.issues ?? [])];
    let input: Readonly<Record<string, unknown>> = {};
    if (row.input === undefined) {
      // Stryker disable next-line StringLiteral: message text
      if (issues.length === 0) issues.push(issue('REQUIRED', 'The row has nothing to import.'));
    } else {
      try {
        // Stryker disable next-line StringLiteral: message text
        input = snapshotArgument(row.input, 'An import row');
        // A custom field the person cannot see is refused before anything is looked up with it.
        assertCanWriteFields(context.rules[entityType].registry, principal, input);
      } catch (error) {
        if (!isCrmError(error)) throw error;
        issues.push(issue(error.code, error.message));
      }
    }
    return { row, input, issues };
  });
  await resolveReferences(context, principal, entityType, pending.filter((entry) => entry.issues.length === 0), caches.references);
  await matchExternalIds(context, principal, entityType, pending.filter((entry) => entry.issues.length === 0));
  let from = 0;
  while (from < pending.length) {
    const until = await decide(context, principal, entityType, pending, from, settings, caches.stopped);
    if (!(await write(context, pending.slice(from, until), settings, account))) return false;
    from = until;
  }
  account.progress();
  return true;
}

/** The input with the defaults in the fields it leaves empty: the input itself when there are none. */
function withDefaults(input: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const missing = Object.keys(defaults).filter((field) => isEmptyValue(input[field]));
  return missing.length === 0 ? input : withValues(input, missing.map((field) => [field, defaults[field]]));
}

/** A sealed copy of sealed values with some fields set (defined as data: `__proto__` is a field). */
function withValues(input: Readonly<Record<string, unknown>>, values: readonly (readonly [string, unknown])[]): Readonly<Record<string, unknown>> {
  const out = sealableBag();
  let count = 0;
  for (const field of Object.keys(input)) putData(out, field, input[field], count++);
  for (const [field, value] of values) {
    if (Object.hasOwn(out, field)) out[field] = value;
    else putData(out, field, value, count++);
  }
  return sealPlain(out);
}

/**
 * Decides the rows from `from` on, up to the first whose best duplicate is a row decided before it
 * in this batch (outside a dry run): returns where the decided part ends.
 */
async function decide(context: Context, principal: Principal, entityType: EntityType, pending: readonly Pending[], from: number, settings: Settings, stopped: StoppedKeys): Promise<number> {
  const rules = context.rules[entityType];
  const at = context.now();
  const duplicates = settings.mode !== 'none' && isDuplicateType(entityType) ? context.duplicates : undefined;
  // The criteria the person may see: a custom field hidden from them never decides a match.
  const options = duplicates === undefined ? undefined : optionsFor(context, duplicates, principal, entityType as never);
  const matcher = duplicates === undefined || options === undefined ? undefined : options === duplicates.options(entityType as never) ? duplicates.matcher(entityType as never) : duplicates.control.createDuplicateMatcher(options);
  // The records this part plans, as planned, and the keys they would be kept by: a row is matched
  // against them as it would be against stored records (a dry run writes nothing to meet them by;
  // an import writes the part before a row whose best match is one of them).
  const part: Planned = { records: new Map(), keys: new Map() };
  const plan = (record: StoredRecord): void => {
    part.records.set(record.id, record);
    if (matcher !== undefined) for (const key of matcher.keysOf(record)) (part.keys.get(key) ?? part.keys.set(key, []).get(key))?.push(record.id);
  };
  // The stored records this part of the batch updates.
  const updating = new Set<string>();
  // A planned write as a single write would be checked, and the import permission at its level
  // (an `own` importer imports only records of their own); a plan that fails is the row's issues.
  const checked = (planned: Result<RecordPlan>, entry: Pending): RecordPlan | undefined => {
    if (!planned.success) {
      entry.issues.push(...planned.issues);
      return undefined;
    }
    checkNeeds(context, principal, planned.data);
    assertCan(context.access, principal, 'import', entityType, toAccessRecord(planned.data.record));
    return planned.data;
  };
  for (let index = from; index < pending.length; index++) {
    const entry = pending[index];
    if (entry === undefined || entry.issues.length > 0 || entry.decision !== undefined) continue;
    let match = entry.match;
    if (match === undefined && matcher !== undefined) {
      match = await bestDuplicate(context, principal, entityType, matcher, matcher.prepare(entry.input), stopped, part);
      // Written first, the earlier rows are stored records this row is decided against.
      if (match !== undefined && !settings.dryRun && part.records.get(match.record.id) === match.record) return index;
    }
    // In a dry run, a record an earlier row updated is met as that row left it.
    if (match !== undefined && settings.dryRun) match = { ...match, record: part.records.get(match.record.id) ?? match.record };
    // Two rows changing one stored record: the first is written before the second is decided.
    if (match !== undefined && updating.has(match.record.id) && !settings.dryRun && index > from) return index;
    const decision = planImportRow(entry.input, match, settings.mode);
    entry.decision = decision;
    try {
      if (decision.kind === 'skip') {
        entry.id = decision.id;
        continue;
      }
      if (decision.kind === 'create') {
        const id = settings.dryRun ? `dry-run:${String(entry.row.line)}` : context.nextId(entityType);
        // Defaults fill what a new record's row leaves empty; they never change a stored record.
        const input = withDefaults(decision.input, settings.defaults);
        const clientDeals = entityType === 'deal' ? await clientDealsOf(context, input) : undefined;
        const planned = checked(planCreateRecord(rules, principal, input, sealPlain({ id, at, clientDeals })), entry);
        if (planned === undefined) continue;
        entry.writes = planned;
        entry.id = id;
        plan(planned.record);
      } else {
        const current = match?.record;
        if (current === undefined) continue;
        assertCan(context.access, principal, 'update', entityType, toAccessRecord(current));
        const planned = checked(planUpdateRecord(rules, principal, current as never, decision.patch, { at }), entry);
        if (planned === undefined) continue;
        entry.id = current.id;
        updating.add(current.id);
        // A patch that changes nothing stores nothing: the row was already there.
        if (planned.changed.length === 0) {
          // Stryker disable next-line StringLiteral: message text
          entry.decision = { kind: 'skip', id: current.id, issue: issue(match?.by === 'externalId' ? 'ALREADY_IMPORTED' : 'DUPLICATE_RECORD', 'The stored record already has every value of the row.') };
          continue;
        }
        entry.writes = planned;
        if (settings.dryRun) plan(planned.record);
      }
    } catch (error) {
      // A permission the row needs is the row's problem, not the import's.
      if (!isCrmError(error)) throw error;
      entry.issues.push(issue(error.code, error.message));
    }
  }
  return pending.length;
}

/** The records a part of a batch plans, by id, and the ids holding each of their keys. */
interface Planned {
  readonly records: Map<string, StoredRecord>;
  readonly keys: Map<string, string[]>;
}

/**
 * The record a row most probably duplicates, among the stored records the person may read and the
 * records planned before it in its part of the batch (which win over their stored selves).
 */
async function bestDuplicate(context: Context, principal: Principal, entityType: EntityType, matcher: DuplicateMatcher, input: PreparedRecord, stopped: StoppedKeys, part: Planned): Promise<ImportMatch | undefined> {
  const { store } = context;
  const lookupKeys = matcher.lookupKeysOf(input);
  if (lookupKeys.length === 0) return undefined;
  // The keys each id holds, among those looked up: stored and planned alike.
  const held = new Map<string, string[]>();
  const hold = (id: string, key: string): void => {
    const keys = held.get(id);
    if (keys === undefined) held.set(id, [key]);
    else if (!keys.includes(key)) keys.push(key);
  };
  if (store.matchKeys !== undefined) {
    const stopLimit = context.duplicates?.options(entityType as never).stopLimit ?? DEFAULT_STOP_LIMIT;
    // A key held more widely than the stop limit stays so for the rest of the import (its holders
    // only grow): it is not looked up again, and its first holders are handed to the matcher as
    // they were, which is all the matcher needs to see that it is stopped.
    const fresh = lookupKeys.filter((key) => !stopped.has(key));
    const hits = fresh.length === 0 ? [] : await store.matchKeys.lookup(entityType, fresh);
    const holders = new Map<string, string[]>();
    for (const hit of hits) for (const key of hit.keys) (holders.get(key) ?? holders.set(key, []).get(key))?.push(hit.id);
    for (const [key, ids] of holders) if (ids.length > stopLimit && stopped.size < STOPPED_KEYS) stopped.set(key, ids.slice(0, stopLimit + 1));
    for (const [key, ids] of holders) for (const id of ids) hold(id, key);
    for (const key of lookupKeys) if (!fresh.includes(key)) for (const id of stopped.get(key) ?? []) hold(id, key);
  }
  for (const key of lookupKeys) for (const id of part.keys.get(key) ?? []) hold(id, key);
  if (held.size === 0) return undefined;
  const hits: DuplicateKeyHit[] = [...held].map(([id, keys]) => ({ id, keys }));
  const candidates = matcher.candidatesOf(input, hits);
  const records = candidates.flatMap((id) => part.records.get(id) ?? []);
  records.push(...(await readableMany(context, principal, store, entityType, candidates.filter((id) => !part.records.has(id)))));
  const best = matcher.check(input, hits, records)[0];
  const record = best === undefined ? undefined : records.find((candidate) => candidate.id === best.id);
  return record === undefined ? undefined : { record, by: 'duplicate' };
}

/**
 * Finds the stored records the rows name by external id. A row whose external id an earlier row
 * of the batch gives too is skipped; one whose record the person may not read is rejected.
 */
async function matchExternalIds(context: Context, principal: Principal, entityType: EntityType, pending: readonly Pending[]): Promise<void> {
  const named = pending.filter((entry) => typeof entry.input.externalId === 'string' && entry.input.externalId !== '');
  if (named.length === 0) return;
  const first = new Map<string, Pending>();
  for (const entry of named) {
    const externalId = entry.input.externalId as string;
    const earlier = first.get(externalId);
    if (earlier === undefined) first.set(externalId, entry);
    else {
      // Stryker disable next-line StringLiteral: message text
      entry.decision = { kind: 'skip', id: '', issue: issue('ALREADY_IMPORTED', `Line ${String(earlier.row.line)} has the same external id.`, ['externalId']) };
    }
  }
  const found = await findByExternalId(context.store, entityType, [...first.keys()]);
  for (const [externalId, entry] of first) {
    const stored = found.get(externalId) ?? [];
    if (stored.length === 0) continue;
    const readableOnes = stored.filter((record) => can(context.access, principal, 'read', entityType, toAccessRecord(record)));
    const record = readableOnes[0];
    // Stryker disable next-line StringLiteral: message text
    if (record === undefined || readableOnes.length > 1) entry.issues.push(issue('ALREADY_IMPORTED', 'A record with this external id is already stored.', ['externalId']));
    else entry.match = { record, by: 'externalId' };
  }
}

/** The stored records holding each external id: through the match keys, else a query. */
async function findByExternalId(store: Store, entityType: EntityType, externalIds: readonly string[]): Promise<Map<string, StoredRecord[]>> {
  const out = new Map<string, StoredRecord[]>();
  const repository = store.repository(entityType);
  let records: readonly StoredRecord[];
  if (store.matchKeys !== undefined) {
    const hits = await store.matchKeys.lookup(entityType, externalIds.map(externalIdKey));
    records = hits.length === 0 ? [] : await repository.getMany(hits.map((hit) => hit.id));
  } else {
    const found: StoredRecord[] = [];
    for (let at = 0; at < externalIds.length; at += LIMITS.queryValues) {
      const piece = externalIds.slice(at, at + LIMITS.queryValues);
      for await (const record of repository.stream({ where: [{ field: 'externalId', op: 'in', value: piece }], limit: store.capabilities.maxPageSize })) found.push(record);
    }
    records = found;
  }
  for (const record of records) {
    const externalId = (record as unknown as Record<string, unknown>).externalId;
    if (typeof externalId === 'string') out.set(externalId, [...(out.get(externalId) ?? []), record]);
  }
  return out;
}

/**
 * What references of earlier batches found, by type, way and value: rows name the same companies
 * again and again. Kept only for types the import does not write (its own writes would make an
 * answer stale), and at most this many answers.
 */
type ReferenceCache = Map<string, readonly string[]>;
const REFERENCE_CACHE = 50_000;

/** Fills the links rows name by reference, or puts the reason on the row. */
async function resolveReferences(context: Context, principal: Principal, importing: EntityType, pending: readonly Pending[], cache: ReferenceCache): Promise<void> {
  const keyOf = (reference: ImportReference): string => `${reference.entityType}\u0000${reference.by}\u0000${reference.value}`;
  const wanted = new Map<string, { readonly entityType: EntityType; readonly by: ReferenceBy; readonly values: Set<string> }>();
  for (const entry of pending) {
    for (const reference of entry.row.references ?? []) {
      if (cache.has(keyOf(reference))) continue;
      const group = `${reference.entityType}\u0000${reference.by}`;
      const known = wanted.get(group) ?? { entityType: reference.entityType, by: reference.by, values: new Set<string>() };
      known.values.add(reference.value);
      wanted.set(group, known);
    }
  }
  const found = new Map<string, readonly string[]>();
  for (const { entityType, by, values } of wanted.values()) {
    const answers = await findReferenced(context, principal, entityType, by, [...values]);
    for (const value of values) {
      const key = `${entityType}\u0000${by}\u0000${value}`;
      const ids = answers.get(value) ?? [];
      found.set(key, ids);
      if (entityType !== importing && cache.size < REFERENCE_CACHE) cache.set(key, ids);
    }
  }
  for (const entry of pending) {
    for (const reference of entry.row.references ?? []) {
      const ids = found.get(keyOf(reference)) ?? cache.get(keyOf(reference)) ?? [];
      const [only] = ids;
      const path = reference.path ?? [reference.field];
      // Stryker disable next-line StringLiteral: message text
      if (ids.length === 0) entry.issues.push(issue('REFERENCE_NOT_FOUND', `No ${reference.entityType} you may read has this ${describeBy(reference.by)}.`, path));
      // Stryker disable next-line StringLiteral: message text
      else if (ids.length > 1) entry.issues.push(issue('AMBIGUOUS_REFERENCE', `${String(ids.length)} ${reference.entityType} records you may read have this ${describeBy(reference.by)}.`, path));
      else if (only !== undefined) entry.input = link(entry.input, reference, only);
    }
  }
}

function describeBy(by: ReferenceBy): string {
  return by === 'externalId' ? 'external id' : by === 'email' ? 'e-mail' : by;
}

/** The input with the link a reference found. */
function link(input: Readonly<Record<string, unknown>>, reference: ImportReference, id: string): Readonly<Record<string, unknown>> {
  const { field } = reference;
  if (field === 'bindings') {
    const bindings = Array.isArray(input.bindings) ? (input.bindings as unknown[]) : [];
    return withValues(input, [['bindings', [...bindings, { entityType: reference.entityType, id }]]]);
  }
  if (LIST_LINKS.has(field)) {
    const ids = Array.isArray(input[field]) ? (input[field] as unknown[]) : [];
    return ids.includes(id) ? input : withValues(input, [[field, [...ids, id]]]);
  }
  return withValues(input, [[field, id]]);
}

/** Value → ids of the records of a type the person may read that the value names. */
async function findReferenced(context: Context, principal: Principal, entityType: EntityType, by: ReferenceBy, values: readonly string[]): Promise<Map<string, string[]>> {
  const { store } = context;
  const repository = store.repository(entityType);
  const out = new Map<string, string[]>();
  const add = (value: string, record: StoredRecord): void => {
    if (!can(context.access, principal, 'read', entityType, toAccessRecord(record))) return;
    const ids = out.get(value) ?? [];
    if (!ids.includes(record.id)) out.set(value, [...ids, record.id]);
  };
  if (by === 'id') {
    for (const record of await repository.getMany(values)) add(record.id, record);
    return out;
  }
  if (by === 'externalId') {
    for (const [externalId, records] of await findByExternalId(store, entityType, values)) for (const record of records) add(externalId, record);
    return out;
  }
  const field = by === 'email' ? 'emails' : by === 'phone' ? 'phones' : 'title';
  if ((by === 'email' || by === 'phone') && context.duplicates !== undefined && store.matchKeys !== undefined && isDuplicateType(entityType)) {
    // Through the duplicate keys: an e-mail in any case, a phone however it is written.
    const matcher = context.duplicates.matcher(entityType);
    let keyed = true;
    for (const value of values) {
      const keys = matcher.lookupKeysOf({ [field]: [{ value, kind: 'work' }] });
      if (keys.length === 0) {
        keyed = false;
        break;
      }
      const hits = await store.matchKeys.lookup(entityType, keys);
      if (hits.length > 0) for (const record of await repository.getMany(hits.map((hit) => hit.id))) if (holds(record, field, value)) add(value, record);
    }
    if (keyed) return out;
  }
  // By name: a contact is found by its full name in the CRM's name format; everything else by its
  // title.
  const byPerson = by === 'name' && entityType === 'contact';
  for (const value of values) {
    const where = [{ field, op: by === 'name' ? ('eq' as const) : ('contains' as const), value }];
    if (byPerson) {
      // Candidates whose first or last name starts with one of the name's first two words (a
      // compound first name included), read through the store's filters rather than every contact;
      // then the whole name in the CRM's name format, or first and last name as exports write them.
      const wanted = value.trim();
      const words = wanted.split(/\s+/).slice(0, 2).filter((word) => word !== '');
      const seen = new Set<string>();
      for (const word of words) {
        for (const part of ['firstName', 'lastName'] as const) {
          for await (const record of repository.stream({ where: [{ field: part, op: 'startsWith', value: word }], limit: store.capabilities.maxPageSize })) {
            if (seen.has(record.id)) continue;
            seen.add(record.id);
            const person = record as unknown as { readonly firstName?: string; readonly lastName?: string };
            const plain = [person.firstName, person.lastName].filter((name) => name !== undefined && name !== '').join(' ');
            if (formatPersonName(record as never, context.settings.nameFormat) === wanted || plain === wanted) add(value, record);
          }
        }
      }
    } else {
      for await (const record of repository.stream({ where, limit: store.capabilities.maxPageSize })) {
        if (by === 'name' || holds(record, field, value)) add(value, record);
      }
    }
  }
  return out;
}

/** Whether a record's multi-field holds the value (see sameMultiFieldValue). */
function holds(record: StoredRecord, field: string, value: string): boolean {
  const items = (record as unknown as Record<string, unknown>)[field];
  return Array.isArray(items) && items.some((item: unknown) => isPlainRecord(item) && typeof item.value === 'string' && sameMultiFieldValue(item.value, value));
}

/**
 * Writes the planned rows of a part of a batch in one transaction (nothing in a dry run) and
 * accounts for them. When the transaction fails, its rows are rejected with the failure and the
 * import stops.
 */
async function write(context: Context, part: readonly Pending[], settings: Settings, account: Accountant): Promise<boolean> {
  const plans = part.flatMap((entry) => (entry.issues.length === 0 && entry.writes !== undefined ? [entry.writes] : []));
  let failure: { readonly code: CrmErrorCode; readonly message: string } | undefined;
  if (!settings.dryRun && plans.length > 0) {
    try {
      await context.store.transaction((scope) => applyWrites(context, scope, combineWrites(plans)));
    } catch (error) {
      if (!isCrmError(error)) throw error;
      failure = { code: error.code, message: error.message };
    }
  }
  for (const entry of part) {
    const { line } = entry.row;
    if (entry.issues.length > 0) account.add({ line, outcome: 'rejected', issues: entry.issues });
    else if (entry.decision?.kind === 'skip') account.add({ line, outcome: 'skipped', ...(entry.decision.id === '' ? {} : { id: entry.decision.id }), issues: [entry.decision.issue] });
    else if (failure !== undefined) account.add({ line, outcome: 'rejected', issues: [issue(failure.code, failure.message)] });
    else {
      const outcome = entry.decision?.kind === 'update' ? 'updated' : 'imported';
      account.add({ line, outcome, ...(settings.dryRun && outcome === 'imported' ? {} : { id: entry.id }), issues: [] });
    }
  }
  if (failure !== undefined) {
    account.stop(failure.code, failure.message);
    return false;
  }
  const last = part.at(-1);
  if (!settings.dryRun && last !== undefined) account.written(last.row.line);
  return true;
}
