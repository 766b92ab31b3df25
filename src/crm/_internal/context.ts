import type { AccessPolicy } from '../../access/index.js';
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { createFieldRegistry, ENTITY_TYPES, toFieldRegistry } from '../../fields/index.js';
import type { Clock, IdGenerator } from '../../kernel/index.js';
import { AdapterError, isPlainRecord, ValidationError } from '../../kernel/index.js';
import type { RateTable } from '../../money/index.js';
import { isCurrencyCode, ROUNDING_MODES } from '../../money/index.js';
import { assertNameFormat, NAME_FORMATS } from '../../names/index.js';
import type { LossReason, Pipeline, StagedEntityType } from '../../pipelines/index.js';
import {
  assertPipeline,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  DEFAULT_QUOTE_STAGES,
  defineLossReasons,
  STAGED_ENTITY_TYPES,
  stageGroupOf,
} from '../../pipelines/index.js';
import type { Store } from '../../store/index.js';
import { guardStore } from '../../store/index.js';
import type { ResolvedCrmSettings } from '../types.js';

/** A non-empty list of pipelines, so that its first is always there. */
export type Pipelines = readonly [Pipeline, ...Pipeline[]];

/** Everything a service needs, read and checked once by `createCrm`. */
export interface Context {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly access: AccessPolicy;
  readonly registries: Readonly<Record<EntityType, FieldRegistry>>;
  /** The pipelines of each staged type, never empty; deals may have several, the first being the default. */
  readonly pipelines: Readonly<Record<StagedEntityType, Pipelines>>;
  /** The catalog of deal loss reasons, when the host gives one. */
  readonly lossReasons: readonly LossReason[] | undefined;
  readonly rates: RateTable | undefined;
  readonly settings: ResolvedCrmSettings;
}

export function invalid(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

const DEFAULT_PIPELINES: Readonly<Record<StagedEntityType, Pipeline>> = {
  deal: DEFAULT_DEAL_PIPELINE,
  lead: DEFAULT_LEAD_STATUSES,
  invoice: DEFAULT_INVOICE_STAGES,
  quote: DEFAULT_QUOTE_STAGES,
};

function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}

/** Reads the options of `createCrm`, or throws `INVALID_ARGUMENT` naming what is wrong (never a value). */
export function readOptions(options: unknown): Context {
  if (!isPlainRecord(options)) throw invalid('createCrm takes { store, clock, ids, access, fields?, pipelines?, rates?, settings? }.');
  if (!hasMethod(options.clock, 'now')) throw invalid('createCrm needs a clock with now().');
  if (!hasMethod(options.ids, 'next')) throw invalid('createCrm needs an id generator with next(entityType).');
  const access = options.access as Partial<AccessPolicy> | null | undefined;
  if (typeof access !== 'object' || access === null || !Array.isArray(access.roles) || typeof access.orgChart !== 'object') {
    throw invalid('createCrm needs an access policy from createAccessPolicy.');
  }
  const rates = options.rates;
  if (rates !== undefined && (!isPlainRecord(rates) || typeof rates.base !== 'string' || !isPlainRecord(rates.rates))) {
    throw invalid('rates is a rate table from createRateTable.');
  }
  const store = guardStore(options.store as Store);
  // Every write is a record and its event: without all-or-nothing units of work, a failure could
  // keep one without the other.
  if (!isPlainRecord(store.capabilities)) throw invalid('The store declares its capabilities.');
  if (!store.capabilities.transactions) throw new AdapterError('UNSUPPORTED', 'createCrm needs a store whose transactions are all or nothing.');
  return {
    store,
    clock: options.clock as Clock,
    ids: options.ids as IdGenerator,
    access: access as AccessPolicy,
    registries: readRegistries(options.fields),
    pipelines: readPipelines(options.pipelines),
    lossReasons: readLossReasons(options.pipelines),
    rates: rates as RateTable | undefined,
    settings: readSettings(options.settings),
  };
}

function readRegistries(given: unknown): Record<EntityType, FieldRegistry> {
  const fields: unknown = given ?? {};
  if (!isPlainRecord(fields)) throw invalid('fields maps entity types to field registries.');
  for (const key of Object.keys(fields)) {
    if (!(ENTITY_TYPES as readonly string[]).includes(key)) throw invalid('fields has a key that is not an entity type.');
  }
  const registries = {} as Record<EntityType, FieldRegistry>;
  for (const entityType of ENTITY_TYPES) {
    const registry = fields[entityType] === undefined ? createFieldRegistry(entityType) : toFieldRegistry(fields[entityType] as FieldRegistry);
    if (registry.entityType !== entityType) throw invalid(`fields.${entityType} is the registry of another entity type.`);
    registries[entityType] = registry;
  }
  return registries;
}

function readPipelines(given: unknown): Record<StagedEntityType, Pipelines> {
  const pipelines: unknown = given ?? {};
  if (!isPlainRecord(pipelines)) throw invalid('pipelines is { deal?: Pipeline[], lead?, invoice?, quote?: Pipeline }.');
  for (const key of Object.keys(pipelines)) {
    if (key !== 'lossReasons' && !(STAGED_ENTITY_TYPES as readonly string[]).includes(key)) {
      throw invalid('pipelines has only deal, lead, invoice, quote and lossReasons.');
    }
  }
  const out = {} as Record<StagedEntityType, Pipelines>;
  for (const entityType of STAGED_ENTITY_TYPES) {
    const value: unknown = pipelines[entityType] ?? (entityType === 'deal' ? [DEFAULT_PIPELINES.deal] : DEFAULT_PIPELINES[entityType]);
    const list: unknown = entityType === 'deal' ? value : [value];
    if (!Array.isArray(list) || list.length === 0) throw invalid('pipelines.deal is a non-empty list of deal pipelines.');
    const seen = new Set<string>();
    const groupOf = new Map<string, string | undefined>();
    for (const pipeline of list as unknown[]) {
      assertPipeline(pipeline);
      if (pipeline.entityType !== entityType) throw invalid(`pipelines.${entityType} holds ${entityType} pipelines only.`);
      if (seen.has(pipeline.id)) throw invalid('Two deal pipelines have the same id.');
      seen.add(pipeline.id);
      for (const stage of pipeline.stages) {
        const group = stageGroupOf(pipeline, stage.id);
        if (groupOf.has(stage.id) && groupOf.get(stage.id) !== group) {
          throw invalid('A stage id shared by two deal pipelines is in a different stage group in each; give the stages distinct ids.');
        }
        groupOf.set(stage.id, group);
      }
    }
    out[entityType] = Object.freeze([...(list as Pipeline[])]) as unknown as Pipelines;
  }
  return out;
}

function readLossReasons(given: unknown): readonly LossReason[] | undefined {
  const catalog: unknown = isPlainRecord(given) ? given.lossReasons : undefined;
  if (catalog === undefined) return undefined;
  const checked = defineLossReasons(catalog);
  if (!checked.success) throw new ValidationError('INVALID_ARGUMENT', 'pipelines.lossReasons is not a valid loss-reason catalog; see issues.', { issues: checked.issues });
  return checked.data;
}

function readSettings(given: unknown): ResolvedCrmSettings {
  const settings: unknown = given ?? {};
  if (!isPlainRecord(settings)) throw invalid('settings is { baseCurrency?, reportCurrency?, rounding?, nameFormat? }.');
  const known = new Set(['baseCurrency', 'reportCurrency', 'rounding', 'nameFormat']);
  if (Object.keys(settings).some((key) => !known.has(key))) throw invalid('settings has only baseCurrency, reportCurrency, rounding and nameFormat.');
  const { baseCurrency, reportCurrency, rounding = 'halfUp', nameFormat = NAME_FORMATS.firstLast } = settings;
  for (const [name, code] of [['baseCurrency', baseCurrency], ['reportCurrency', reportCurrency]] as const) {
    if (code !== undefined && (typeof code !== 'string' || !isCurrencyCode(code))) throw invalid(`settings.${name} is an ISO 4217 currency code.`);
  }
  if (!(ROUNDING_MODES as readonly unknown[]).includes(rounding)) throw invalid(`settings.rounding is one of ${ROUNDING_MODES.join(', ')}.`);
  assertNameFormat(nameFormat);
  const resolved: Record<string, unknown> = { rounding, nameFormat };
  if (baseCurrency !== undefined) resolved.baseCurrency = baseCurrency;
  const report = reportCurrency ?? baseCurrency;
  if (report !== undefined) resolved.reportCurrency = report;
  return Object.freeze(resolved) as unknown as ResolvedCrmSettings;
}
