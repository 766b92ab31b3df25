import type { AccessPolicy, Principal } from '../access/index.js';
import type { EntityRecord } from '../entities/index.js';
import type { EntityType, FieldRegistry } from '../fields/index.js';
import type { Clock, IdGenerator } from '../kernel/index.js';
import type { Pipeline } from '../pipelines/index.js';
import type { FilterClause, Page, SortKey, Store } from '../store/index.js';

/**
 * The field registries of a CRM, one per entity type; a type left out uses its standard fields
 * only (`createFieldRegistry(entityType)`).
 *
 * @example
 * ```ts
 * const fields: CrmFieldRegistries = { deal: createFieldRegistry('deal') };
 * ```
 */
export type CrmFieldRegistries = { readonly [E in EntityType]?: FieldRegistry<E> | undefined };

/**
 * The pipelines of a CRM: the deal pipelines (the first is the default for new deals) and the
 * lead status list. Defaults: `[DEFAULT_DEAL_PIPELINE]` and `DEFAULT_LEAD_STATUSES`.
 *
 * @example
 * ```ts
 * const pipelines: CrmPipelines = { deal: [DEFAULT_DEAL_PIPELINE], lead: DEFAULT_LEAD_STATUSES };
 * ```
 */
export interface CrmPipelines {
  readonly deal?: readonly Pipeline[] | undefined;
  readonly lead?: Pipeline | undefined;
}

/**
 * Host settings kept with the CRM. Only read back for now.
 *
 * @example
 * ```ts
 * const settings: CrmSettings = { baseCurrency: 'EUR', reportCurrency: 'EUR' };
 * ```
 */
export interface CrmSettings {
  readonly baseCurrency?: string | undefined;
  readonly reportCurrency?: string | undefined;
}

/**
 * What {@link createCrm} needs: a store, a clock, an id generator, an access policy, and
 * optionally field registries, pipelines and settings.
 *
 * @example
 * ```ts
 * // const options: CreateCrmOptions = { store: createMemoryStore(), clock: systemClock, ids: uuidV7Ids(), access: policy };
 * ```
 */
export interface CreateCrmOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly access: AccessPolicy;
  readonly fields?: CrmFieldRegistries | undefined;
  readonly pipelines?: CrmPipelines | undefined;
  readonly settings?: CrmSettings | undefined;
}

/**
 * A query as a person asks it: filters, sort, limit and cursor. The record scope is added by the
 * CRM from the person's permissions and cannot be given.
 *
 * @example
 * ```ts
 * const query: CrmQuery = { where: [{ field: 'title', op: 'startsWith', value: 'Acme' }], limit: 20 };
 * ```
 */
export interface CrmQuery {
  readonly where?: readonly FilterClause[] | undefined;
  readonly sort?: readonly SortKey[] | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/**
 * The version a write expects the stored record to have (optimistic concurrency).
 *
 * @example
 * ```ts
 * const options: WriteOptions = { expectedVersion: 1 };
 * ```
 */
export interface WriteOptions {
  readonly expectedVersion: number;
}

/**
 * Options of `moveToStage`: the expected version and, for a failure stage, the loss reason.
 *
 * @example
 * ```ts
 * const options: MoveToStageOptions = { expectedVersion: 2, lossReasonId: 'PRICE' };
 * ```
 */
export interface MoveToStageOptions extends WriteOptions {
  readonly lossReasonId?: string | undefined;
}

/**
 * The service of one entity type for one principal: every call is permission-checked, validated,
 * written with its event in one transaction, and projected for the principal.
 *
 * @example
 * ```ts
 * // const contact = await crm.as(ana).contacts.create({ firstName: 'Ana' });
 * ```
 */
export interface EntityService<E extends EntityType> {
  create(input: EntityRecord<E, 'input'>): Promise<EntityRecord<E>>;
  get(id: string): Promise<EntityRecord<E> | null>;
  find(query?: CrmQuery): Promise<Page<EntityRecord<E>>>;
  /** How many records of the query the person may read (its sort, limit and cursor are ignored). */
  count(query?: CrmQuery): Promise<number>;
  /** Every record of the query the person may read, projected, in order, page by page. */
  stream(query?: CrmQuery): AsyncIterable<EntityRecord<E>>;
  update(id: string, patch: EntityRecord<E, 'patch'>, options: WriteOptions): Promise<EntityRecord<E>>;
  delete(id: string, options: WriteOptions): Promise<void>;
}

/**
 * The service of an entity type with stages (deals, leads): an {@link EntityService} that can
 * also move a record to another stage of its pipeline.
 *
 * @example
 * ```ts
 * // const won = await crm.as(ana).deals.moveToStage(deal.id, 'WON', { expectedVersion: deal.version });
 * ```
 */
export interface StagedService<E extends 'deal' | 'lead'> extends EntityService<E> {
  moveToStage(id: string, stageId: string, options: MoveToStageOptions): Promise<EntityRecord<E>>;
}

/**
 * The services a principal uses; see {@link Crm.as}.
 *
 * @example
 * ```ts
 * // const me: CrmSession = crm.as(ana);
 * ```
 */
export interface CrmSession {
  readonly principal: Principal;
  readonly contacts: EntityService<'contact'>;
  readonly companies: EntityService<'company'>;
  readonly deals: StagedService<'deal'>;
  readonly leads: StagedService<'lead'>;
}

/**
 * A ready CRM service made by {@link createCrm}.
 *
 * @example
 * ```ts
 * // const me = crm.as({ userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false });
 * ```
 */
export interface Crm {
  readonly settings: CrmSettings;
  as(principal: Principal): CrmSession;
}
