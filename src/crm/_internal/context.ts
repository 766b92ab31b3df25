import type { AccessPolicy } from '../../access/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { ENTITY_TYPES, isEntityType } from '../../fields/index.js';
import type { Clock, IdGenerator } from '../../kernel/index.js';
import { AdapterError, HostError, invalidArgument, isPlainRecord, isStorableText, snapshotInput } from '../../kernel/index.js';
import type { RateTable } from '../../money/index.js';
import { isCurrencyCode, ROUNDING_MODES } from '../../money/index.js';
import { assertNameFormat, NAME_FORMATS } from '../../names/index.js';
import type { Pipeline, StagedEntityType } from '../../pipelines/index.js';
import { STAGED_ENTITY_TYPES } from '../../pipelines/index.js';
import type { RecordRules } from '../../records/index.js';
import { defineRecordRules } from '../../records/index.js';
import type { Store, StoreAdapter } from '../../store/index.js';
import { createStore } from '../../store/index.js';
import type { ResolvedCrmSettings } from '../types.js';
import type { DuplicateContext } from './duplicate-settings.js';
import { readDuplicates } from './duplicate-settings.js';
import type { IntakeControl } from '../../intake/index.js';
import { isIntakeControl } from '../../intake/index.js';

/** Everything a service needs, read and checked once by `createCrm`. */
export interface Context {
  readonly store: Store;
  readonly access: AccessPolicy;
  /** The rules of each entity type: registry, pipelines, loss reasons. */
  readonly rules: { readonly [E in EntityType]: RecordRules<E> };
  readonly rates: RateTable | undefined;
  readonly settings: ResolvedCrmSettings;
  /** The instant of a write, from the host's clock; `CLOCK_FAILURE` when it fails. */
  readonly now: () => Date;
  /** A new id, from the host's generator; `ID_GENERATOR_FAILURE` when it fails. */
  readonly nextId: (entityType: EntityType) => string;
  /** Duplicate control: each type's criteria, model and matcher; `undefined` without it. */
  readonly duplicates: DuplicateContext | undefined;
  /** Intake (`intakeControl`): the forms, the principal they write as, the hook; `undefined` without it. */
  readonly intake: IntakeControl | undefined;
}

function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}

/** Reads the options of `createCrm`, or throws `INVALID_ARGUMENT` naming what is wrong (never a value). */
export function readOptions(options: unknown): Context {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('createCrm takes { store, clock, ids, access, fields?, pipelines?, rates?, settings?, duplicates?, intake? }.');
  const known = new Set(['store', 'clock', 'ids', 'access', 'fields', 'pipelines', 'rates', 'settings', 'duplicates', 'intake']);
  // Stryker disable next-line StringLiteral: message text
  if (Object.keys(options).some((key) => !known.has(key))) throw invalidArgument('createCrm takes only store, clock, ids, access, fields, pipelines, rates, settings, duplicates and intake.');
  // Stryker disable next-line StringLiteral: message text
  if (!hasMethod(options.clock, 'now')) throw invalidArgument('createCrm needs a clock with now().');
  // Stryker disable next-line StringLiteral: message text
  if (!hasMethod(options.ids, 'next')) throw invalidArgument('createCrm needs an id generator with next(entityType).');
  const access = options.access as Partial<AccessPolicy> | null | undefined;
  if (typeof access !== 'object' || access === null || !Array.isArray(access.roles) || typeof access.orgChart !== 'object') {
    // Stryker disable next-line StringLiteral: message text
    throw invalidArgument('createCrm needs an access policy from createAccessPolicy.');
  }
  const rates = options.rates;
  if (rates !== undefined && (!isPlainRecord(rates) || typeof rates.base !== 'string' || !isPlainRecord(rates.rates))) {
    throw invalidArgument('rates is a rate table from createRateTable.');
  }
  const store = createStore(options.store as StoreAdapter);
  // Every write is a record and its event: without all-or-nothing units of work, a failure could
  // keep one without the other.
  // Stryker disable next-line StringLiteral: message text
  if (!store.capabilities.transactions) throw new AdapterError('UNSUPPORTED', 'createCrm needs a store whose transactions are all or nothing.');
  const clock = options.clock as Clock;
  const ids = options.ids as IdGenerator;
  const rules = readRules(options.fields, options.pipelines);
  return {
    store,
    access: access as AccessPolicy,
    rules,
    duplicates: readDuplicates(options.duplicates, rules),
    intake: readIntake(options.intake),
    rates: rates as RateTable | undefined,
    settings: readSettings(options.settings),
    now: () => {
      let at: unknown;
      try {
        at = clock.now();
      } catch (cause) {
        // Stryker disable next-line StringLiteral: message text
        throw new HostError('CLOCK_FAILURE', "The host's clock failed; nothing was stored. See cause.", { cause });
      }
      // Stryker disable next-line StringLiteral: message text
      if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new HostError('CLOCK_FAILURE', "The host's clock did not give a valid Date; nothing was stored.");
      return at;
    },
    nextId: (entityType) => {
      let id: unknown;
      try {
        id = ids.next(entityType);
      } catch (cause) {
        // Stryker disable next-line StringLiteral: message text
        throw new HostError('ID_GENERATOR_FAILURE', "The host's id generator failed; nothing was stored. See cause.", { cause });
      }
      if (typeof id !== 'string' || id === '' || !isStorableText(id)) {
        // Stryker disable next-line StringLiteral: message text
        throw new HostError('ID_GENERATOR_FAILURE', "The host's id generator did not give a non-empty text id without NUL or lone surrogates; nothing was stored.");
      }
      return id;
    },
  };
}

function readRules(fields: unknown, pipelines: unknown): Context['rules'] {
  const registries: unknown = fields ?? {};
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(registries)) throw invalidArgument('fields maps entity types to field registries.');
  // Stryker disable next-line StringLiteral: message text
  if (Object.keys(registries).some((key) => !isEntityType(key))) throw invalidArgument('fields has a key that is not an entity type.');
  const given: unknown = pipelines ?? {};
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given)) throw invalidArgument('pipelines is { deal?: Pipeline[], lead?, invoice?, quote?: Pipeline, lossReasons? }.');
  for (const key of Object.keys(given)) {
    if (key !== 'lossReasons' && !(STAGED_ENTITY_TYPES as readonly string[]).includes(key)) {
      // Stryker disable next-line StringLiteral: message text
      throw invalidArgument('pipelines has only deal, lead, invoice, quote and lossReasons.');
    }
  }
  const out: Partial<Record<EntityType, RecordRules>> = {};
  for (const entityType of ENTITY_TYPES) {
    const registry = registries[entityType] as FieldRegistry | undefined;
    const staged = (STAGED_ENTITY_TYPES as readonly string[]).includes(entityType);
    const listed: unknown = staged ? given[entityType as StagedEntityType] : undefined;
    const list: readonly Pipeline[] | undefined = listed === undefined ? undefined : ((entityType === 'deal' ? listed : [listed]) as readonly Pipeline[]);
    out[entityType] = defineRecordRules(entityType, {
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      ...(registry === undefined ? {} : { registry }),
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      ...(list === undefined ? {} : { pipelines: list }),
      ...(entityType === 'deal' && given.lossReasons !== undefined ? { lossReasons: given.lossReasons as never } : {}),
    });
  }
  return out as Context['rules'];
}

function readSettings(given: unknown): ResolvedCrmSettings {
  const settings: unknown = given ?? {};
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(settings)) throw invalidArgument('settings is { baseCurrency?, reportCurrency?, rounding?, nameFormat? }.');
  const known = new Set(['baseCurrency', 'reportCurrency', 'rounding', 'nameFormat']);
  if (Object.keys(settings).some((key) => !known.has(key))) throw invalidArgument('settings has only baseCurrency, reportCurrency, rounding and nameFormat.');
  const { baseCurrency, reportCurrency, rounding = 'halfUp', nameFormat = NAME_FORMATS.firstLast } = settings;
  for (const [name, code] of [['baseCurrency', baseCurrency], ['reportCurrency', reportCurrency]] as const) {
    if (code !== undefined && (typeof code !== 'string' || !isCurrencyCode(code))) throw invalidArgument(`settings.${name} is an ISO 4217 currency code.`);
  }
  // Stryker disable next-line StringLiteral: message text
  if (!(ROUNDING_MODES as readonly unknown[]).includes(rounding)) throw invalidArgument(`settings.rounding is one of ${ROUNDING_MODES.join(', ')}.`);
  assertNameFormat(nameFormat);
  const resolved: Record<string, unknown> = { rounding, nameFormat };
  if (baseCurrency !== undefined) resolved.baseCurrency = baseCurrency;
  const report = reportCurrency ?? baseCurrency;
  if (report !== undefined) resolved.reportCurrency = report;
  return Object.freeze(resolved) as unknown as ResolvedCrmSettings;
}

/** The arguments of a service call, snapshotted once: everything after reads the copy alone. */
export function snapshotArgument<T>(value: T, what: string): T {
  return snapshotInput(value, what);
}

function readIntake(given: unknown): IntakeControl | undefined {
  if (given === undefined || isIntakeControl(given)) return given;
  throw invalidArgument('intake is a part made by intakeControl({ forms, principal, accept? }).');
}
