import type { AccessPolicy, Principal } from '../access/index.js';
import type { Company, Contact, Deal, EntityRecord, Lead } from '../entities/index.js';
import type { EntityType, FieldDefinition, FieldRegistry, StandardField } from '../fields/index.js';
import type { CalendarDate, Clock, CrmErrorCode, IdGenerator, Issue, PathSegment } from '../kernel/index.js';
import type { RateTable, RoundingMode } from '../money/index.js';
import type { NameFormat, PersonName } from '../names/index.js';
import type { LeadConversionOverrides, LeadConversionScheme, NotCarriedField } from '../conversion/index.js';
import type { ImportDuplicateMode } from '../records/index.js';
import type { KanbanBoard, KanbanTarget, LossReason, Pipeline, StagedEntityType } from '../pipelines/index.js';
import type { Forecast, ForecastOptions, SalesReport, SalesReportOptions } from '../reports/index.js';
import type { CallbackEvent, CallbackRequest, ChatMeta, EmailMessage, IntakeControl, SubmissionMeta } from '../intake/index.js';
import type { FilterClause, LoggedEvent, Page, SortKey, StoreAdapter } from '../store/index.js';
import type {
  AbortSignalLike,
  DuplicateCandidate,
  DuplicateControl,
  DuplicateEntityType,
  DuplicateReport,
  DuplicateScanProgress,
  MergeConflict,
  MergeDecision,
  MergePolicy,
  MergeUndoKept,
} from '../duplicates/index.js';

/**
 * The field registries of a CRM, one per entity type; a type left out uses its standard fields
 * only (`createFieldRegistry(entityType)`).
 */
export type CrmFieldRegistries = { readonly [E in EntityType]?: FieldRegistry<E> | undefined };

/**
 * The pipelines of a CRM: the deal pipelines (the first is the default for new deals), the lead
 * status list, and the invoice and quote stages. Defaults: `[DEFAULT_DEAL_PIPELINE]`,
 * `DEFAULT_LEAD_STATUSES`, `DEFAULT_INVOICE_STAGES` and `DEFAULT_QUOTE_STAGES`. A stage id that
 * two deal pipelines share must have the same stage group in both, so that a `stageGroup` filter
 * means one thing.
 *
 * @example
 * ```ts
 * const pipelines: CrmPipelines = { deal: [DEFAULT_DEAL_PIPELINE], lead: DEFAULT_LEAD_STATUSES, lossReasons: DEFAULT_LOSS_REASONS };
 * ```
 */
export interface CrmPipelines {
  readonly deal?: readonly Pipeline[] | undefined;
  readonly lead?: Pipeline | undefined;
  readonly invoice?: Pipeline | undefined;
  readonly quote?: Pipeline | undefined;
  /**
   * The catalog a deal's loss reason must come from (for example `DEFAULT_LOSS_REASONS`), on
   * create, update and moves. Without one, any id is taken.
   */
  readonly lossReasons?: readonly LossReason[] | undefined;
}

/**
 * Host settings kept with the CRM.
 *
 * - `baseCurrency`: the company's own currency; the report currency when none is set.
 * - `reportCurrency`: the currency totals are converted into (kanban boards), with the CRM's
 *   `rates` on the day of the clock.
 * - `rounding`: how converted amounts are rounded (default `'halfUp'`).
 * - `nameFormat`: how {@link Crm.displayName} writes a person's name (default
 *   `NAME_FORMATS.firstLast`).
 *
 * The id generator, the parity allocator (`sequentialIds`) among them, is the `ids` option of
 * {@link CreateCrmOptions}.
 */
export interface CrmSettings {
  readonly baseCurrency?: string | undefined;
  readonly reportCurrency?: string | undefined;
  readonly rounding?: RoundingMode | undefined;
  readonly nameFormat?: NameFormat | undefined;
}

/**
 * The settings of a CRM once read: `rounding` and `nameFormat` filled with their defaults, and
 * `reportCurrency` with `baseCurrency` when only that was given.
 */
export interface ResolvedCrmSettings extends CrmSettings {
  readonly rounding: RoundingMode;
  readonly nameFormat: NameFormat;
}

/**
 * What {@link createCrm} needs: a store, a clock, an id generator, an access policy, and
 * optionally field registries, pipelines, exchange rates, settings and duplicate settings.
 *
 * @example
 * ```ts
 * // const options: CreateCrmOptions = { store: createMemoryStore(), clock: systemClock, ids: uuidV7Ids(), access: policy };
 * ```
 */
export interface CreateCrmOptions {
  /** A store (from `createStore`, or `createMemoryStore`), or an adapter, which `createCrm` makes into one. */
  readonly store: StoreAdapter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly access: AccessPolicy;
  readonly fields?: CrmFieldRegistries | undefined;
  readonly pipelines?: CrmPipelines | undefined;
  /** Dated exchange rates (from `createRateTable`), for totals in the report currency. */
  readonly rates?: RateTable | undefined;
  readonly settings?: CrmSettings | undefined;
  /** Duplicate control (`duplicateControl(...)`): without it there are no match keys, checks, scans or merges. */
  readonly duplicates?: DuplicateControl | undefined;
  /** Intake (`intakeControl(...)`): the web forms `crm.intake` takes submissions for, and who writes them. Without it `crm.intake.submit` finds no form. */
  readonly intake?: IntakeControl | undefined;
}

/**
 * What `crm.intake.submit` answers the public caller, and nothing more: accepted (with the
 * reference of the activity recording it, and whether it was a repeat of an earlier post),
 * invalid (the sender's issues, per field, in the form's language), or refused by the host's hook.
 */
export type SubmissionReceipt =
  | { readonly status: 'accepted'; readonly reference: string; readonly repeated: boolean }
  | { readonly status: 'invalid'; readonly issues: readonly Issue[] }
  | { readonly status: 'refused' };

/**
 * `crm.intake`: submissions of the CRM's web forms.
 *
 * @example
 * ```ts
 * // const receipt = await crm.intake.submit('contact-us', { email: 'ana@example.com' }, { idempotencyKey: 'post-7f3a' });
 * // receipt.status === 'accepted'
 * ```
 */
export interface IntakeService {
  /**
   * Takes one submission of a form: reads it against the form, asks the host's `accept` hook,
   * finds a known sender with duplicate control, and writes the records of the form's scheme and
   * the activity recording it in one transaction, as the intake principal (every write is checked
   * against its permissions). A post repeated with an idempotency key already written is accepted
   * again without writing anything.
   *
   * @throws {@link NotFoundError} `NOT_FOUND` for a form the CRM does not have;
   * {@link ValidationError} `INVALID_ARGUMENT` for malformed `meta`, {@link LimitError} for a payload
   * past the input limits, `FORBIDDEN` when the intake principal may not write the records.
   */
  submit(formId: string, payload: unknown, meta?: SubmissionMeta): Promise<SubmissionReceipt>;
  /**
   * Takes a visitor's answers to a live-chat channel's form, as `submit` takes a form's (the same
   * hook, known senders, idempotency and queue), recorded as a `chat` activity with the transcript
   * given in `meta.transcript`.
   *
   * @throws {@link NotFoundError} `NOT_FOUND` for a channel the CRM does not have; otherwise as `submit`.
   */
  chat(channelId: string, answers: unknown, meta?: ChatMeta): Promise<SubmissionReceipt>;
  /**
   * Records a message of the sales mailbox (`intakeControl({ mailbox })`), inbound by default:
   * the sender is looked up among contacts, then leads, with duplicate control; an unknown sender
   * becomes a lead (or a contact, by setting) unless they are one of the company's own addresses;
   * a reply joins the thread of the earlier message it names; an outbound message is recorded on
   * the known contacts it went to. A message delivered again is recorded once.
   *
   * @throws {@link NotFoundError} `NOT_FOUND` when the CRM takes in no mailbox;
   * {@link ValidationError} `INVALID_ARGUMENT` for a malformed message.
   */
  email(message: EmailMessage, options?: { readonly direction?: 'inbound' | 'outbound' | undefined }): Promise<EmailReceipt>;
  /**
   * Takes a callback form's submission (a form with a required phone of its lead or contact) as
   * `submit` takes a form's, stamped with the source `CALLBACK`, and answers the host with the
   * callback request (`createCallbackRequest`) bound to the lead or contact: the host keeps it and
   * reports each step of its telephony to `recordCallback`.
   *
   * @throws {@link NotFoundError} `NOT_FOUND` for a form the CRM does not have;
   * {@link ValidationError} `INVALID_ARGUMENT` for a form without a required phone.
   */
  requestCallback(formId: string, payload: unknown, meta?: SubmissionMeta): Promise<CallbackReceipt>;
  /**
   * One step of a callback request (`planCallbackEvent`): the request after it, and, when the
   * request is over, its call activity written as the intake principal.
   */
  recordCallback(request: CallbackRequest, event: CallbackEvent): Promise<CallbackEventReceipt>;
}

/** What `crm.intake.requestCallback` answers the host: a submission's receipt, with the request when accepted (not for a repeated post, whose request the host already has). */
export type CallbackReceipt = Exclude<SubmissionReceipt, { readonly status: 'accepted' }> | (Extract<SubmissionReceipt, { readonly status: 'accepted' }> & { readonly request?: CallbackRequest | undefined });

/** What `crm.intake.recordCallback` answers: the request after the event (and the call activity's id once it is over), or why the event was refused. */
export type CallbackEventReceipt =
  | { readonly status: 'accepted'; readonly request: CallbackRequest; readonly activityId?: string | undefined; readonly repeated?: true | undefined }
  | { readonly status: 'invalid'; readonly issues: readonly Issue[] };

/**
 * What `crm.intake.email` answers: recorded (the activity's id, and whether the message was
 * recorded before), ignored (a message of the company's own people outside a known thread, or an
 * outbound one to no known record), or invalid (an address no record can hold).
 */
export type EmailReceipt =
  | { readonly status: 'accepted'; readonly reference: string; readonly repeated: boolean }
  | { readonly status: 'ignored'; readonly reason: 'own-address' | 'no-record' }
  | { readonly status: 'invalid'; readonly issues: readonly Issue[] };

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
 */
export interface WriteOptions {
  readonly expectedVersion: number;
}

/**
 * Options of `moveToStage`: the expected version and, for a failure stage, the loss reason.
 */
export interface MoveToStageOptions extends WriteOptions {
  readonly lossReasonId?: string | undefined;
}

/**
 * What a person's `update` takes: the patch form of the entity type, without the stage, status and
 * pipeline of staged types, which change only by a move (`moveToStage`, `moveToPipeline`,
 * `pipelines.moveOnBoard`).
 *
 * @example
 * ```ts
 * const patch: UpdatePatch<'deal'> = { title: 'Renewal 2027', probability: 60 };
 * // @ts-expect-error the stage changes by a move
 * const moved: UpdatePatch<'deal'> = { stageId: 'WON' };
 * ```
 */
export type UpdatePatch<E extends EntityType> = Omit<EntityRecord<E, 'patch'>, 'stageId' | 'status' | 'pipelineId'>;

/**
 * Which events of a record's history to read: after a sequence number (to continue a previous
 * read), and at most `limit` (default and maximum `LIMITS.queryValues`).
 */
export interface HistoryOptions {
  readonly afterSequence?: number | undefined;
  readonly limit?: number | undefined;
}

/**
 * The service of one entity type for one principal: every call takes one data-only snapshot of its
 * arguments, plans with the record planners, checks the permissions the plan needs, writes it
 * with its events in one transaction, and projects what it returns for the principal.
 *
 * @example
 * ```ts
 * // const contact = await crm.as(ana).contacts.create({ firstName: 'Ana' });
 * // const history = await crm.as(ana).contacts.history(contact.id); // [{ type: 'created', ... }]
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
  update(id: string, patch: UpdatePatch<E>, options: WriteOptions): Promise<EntityRecord<E>>;
  delete(id: string, options: WriteOptions): Promise<void>;
  /**
   * The events of a record the person may read (`NOT_FOUND` otherwise), oldest first: its
   * creation, updates, stage history, conversion. An `updated` event names only the fields the
   * person can see.
   */
  history(id: string, options?: HistoryOptions): Promise<readonly LoggedEvent[]>;
}

/**
 * The service of an entity type with stages (deals, leads, invoices, quotes): an
 * {@link EntityService} that can also move a record to another stage of its pipeline. The stage
 * itself is never changed by `update`; a record created or updated in a stage must meet the
 * stage's requirements (`requiredFields`, `requiredFromStage`), as a move would.
 *
 * @example
 * ```ts
 * // const won = await crm.as(ana).deals.moveToStage(deal.id, 'WON', { expectedVersion: deal.version });
 * ```
 */
export interface StagedService<E extends StagedEntityType> extends EntityService<E> {
  moveToStage(id: string, stageId: string, options: MoveToStageOptions): Promise<EntityRecord<E>>;
}

/**
 * The deal service: a {@link StagedService} that can also move a deal to a stage of another of
 * the CRM's pipelines (the stage history records a `pipelineChanged` event).
 *
 * @example
 * ```ts
 * // const moved = await me.deals.moveToPipeline(deal.id, 'wholesale', 'W_NEW', { expectedVersion: deal.version });
 * ```
 */
export interface DealService extends StagedService<'deal'> {
  moveToPipeline(id: string, pipelineId: string, stageId: string, options: MoveToStageOptions): Promise<Deal>;
}

/**
 * Options of `leads.convert`: the lead's expected version, the deal pipeline (default: the
 * first), an existing contact or company to link instead of creating one, and values that
 * override what is carried from the lead.
 *
 * @example
 * ```ts
 * const options: ConvertLeadOptions = { expectedVersion: 3, companyId: '41', overrides: { deal: { title: 'Fleet renewal' } } };
 * ```
 */
export interface ConvertLeadOptions extends WriteOptions {
  readonly pipelineId?: string | undefined;
  readonly contactId?: string | undefined;
  readonly companyId?: string | undefined;
  readonly overrides?: LeadConversionOverrides | undefined;
}

/**
 * What a lead conversion stored, projected for the person: the converted lead, the contact,
 * company and deal it created or linked, and the lead's custom values that were not carried
 * (codes and reasons only).
 *
 * @example
 * ```ts
 * // const { lead, deal, notCarried } = await me.leads.convert(lead.id, 'contact+deal', { expectedVersion: 1 });
 * ```
 */
export interface LeadConversionResult {
  readonly lead: Lead;
  readonly contact?: Contact | undefined;
  readonly company?: Company | undefined;
  readonly deal?: Deal | undefined;
  readonly notCarried: readonly NotCarriedField[];
}

/**
 * The lead service: a {@link StagedService} over the lead statuses that can also convert a lead
 * into a contact, a company and a deal (one of `LEAD_CONVERSION_SCHEMES`), all in one
 * transaction.
 *
 * @example
 * ```ts
 * // const { deal } = await me.leads.convert(lead.id, 'contact+deal', { expectedVersion: lead.version });
 * ```
 */
export interface LeadService extends StagedService<'lead'> {
  convert(id: string, scheme: LeadConversionScheme, options: ConvertLeadOptions): Promise<LeadConversionResult>;
}

/**
 * Options of `pipelines.kanban`: which pipeline (default: the first deal pipeline, or the single
 * list of another type), extra filters, whether to build the final zone, and which page of cards
 * each column shows (counts and totals always cover the whole column). Totals are in the report
 * currency when the CRM has one and rates; otherwise per currency.
 *
 * @example
 * ```ts
 * const options: CrmKanbanOptions = { pipelineId: 'sales', where: [{ field: 'assignedById', op: 'eq', value: 'u-ana' }], includeFinal: true, perColumn: 20 };
 * ```
 */
export interface CrmKanbanOptions {
  readonly pipelineId?: string | undefined;
  /**
   * Extra filters. One that admits a won or lost stage (`stageGroup` `won` or `lost`, or a final
   * stage id) shows the final zone, as `includeFinal` does.
   */
  readonly where?: readonly FilterClause[] | undefined;
  readonly includeFinal?: boolean | undefined;
  /** How many cards each column shows (default 50, at most the store's page size). */
  readonly perColumn?: number | undefined;
  /** Where each column's cards start: a column's `nextCursor`, by stage id. */
  readonly cursors?: Readonly<Record<string, string>> | undefined;
}

/**
 * The pipelines a person can use: those they may read records of, and boards of the records they
 * may read.
 *
 * @example
 * ```ts
 * // const board = await me.pipelines.kanban('deal', { pipelineId: 'sales' });
 * ```
 */
export interface PipelineService {
  /** The pipelines of a staged type whose records the person may read (per pipeline for deals). */
  list(entityType: StagedEntityType): readonly Pipeline[];
  /** A kanban board of the records the person may read, projected for them. */
  kanban<E extends StagedEntityType>(entityType: E, options?: CrmKanbanOptions): Promise<KanbanBoard<EntityRecord<E>>>;
  /**
   * A card dropped on a board, as one checked write: the drop target is resolved on the record's
   * pipeline (a column, or the won or lost zone) and the record moved there.
   */
  moveOnBoard<E extends StagedEntityType>(entityType: E, id: string, target: KanbanTarget, options: MoveToStageOptions): Promise<EntityRecord<E>>;
}

/**
 * The fields of an entity type as one person sees them: every standard field, and the custom
 * fields visible to them, in `sort` order.
 *
 * @example
 * ```ts
 * // const { custom } = me.fields.list('deal');   // a field restricted to another department is absent
 * ```
 */
export interface FieldsView {
  readonly standard: readonly StandardField[];
  readonly custom: readonly FieldDefinition[];
}

/**
 * The field definitions a person can see; what a host builds forms, columns and filters from.
 *
 * @example
 * ```ts
 * // me.fields.get('deal', 'margin'); // undefined when hidden from this person
 * ```
 */
export interface FieldService {
  list(entityType: EntityType): FieldsView;
  /** A custom field visible to the person, or `undefined` (hidden and unknown alike). */
  get(entityType: EntityType, code: string): FieldDefinition | undefined;
}

/** Options of {@link DuplicateService.scan}. */
export interface DuplicateScanOptions {
  /** The match probability from which a pair counts (default: the CRM's threshold). */
  readonly threshold?: number | undefined;
  readonly signal?: AbortSignalLike | undefined;
  readonly onProgress?: ((progress: DuplicateScanProgress) => void) | undefined;
}

/** One automatic merge: the survivor, the records merged into it, and the id `merges.undo` takes. */
export interface AutoMerge {
  readonly survivorId: string;
  readonly absorbedIds: readonly string[];
  readonly mergeId: string;
}

/**
 * What `mergeAutomatically` did: the merges made, how many clusters it left for a person, and
 * whether its `signal` stopped it (between two merges: each merge is whole or not made).
 */
export interface AutoMergeReport {
  readonly merged: readonly AutoMerge[];
  readonly skipped: number;
  readonly aborted: boolean;
}

/**
 * Duplicate control as one person sees it: only the records they may read are checked, scanned
 * and offered, and a custom field hidden from them is not compared (so no score tells them
 * anything about it).
 *
 * @example
 * ```ts
 * // const warnings = await me.duplicates.check('contact', { firstName: 'Ana', lastName: 'García', phones: [...] });
 * // warnings[0]?.explanation.map((item) => item.text); // ['name: same name (+9.5)', 'phones: same number (+10.8)']
 * ```
 */
export interface DuplicateService {
  /**
   * The records this person may read that `input` (a record about to be created, or a stored one
   * with its id) would duplicate, scored and explained, best first: for a warning before create
   * (create itself does not block). Needs a store that keeps match keys.
   */
  check(entityType: DuplicateEntityType, input: unknown): Promise<readonly DuplicateCandidate[]>;
  /** {@link findDuplicates} over the records of a type this person may read, streamed from the store, honouring the marks. */
  scan(entityType: DuplicateEntityType, options?: DuplicateScanOptions): Promise<DuplicateReport>;
  /**
   * Marks two records (both readable by the person) as not duplicates: no check or scan offers the
   * pair again. Stored once per pair; `false` when the pair was marked already.
   */
  markNotDuplicate(entityType: DuplicateEntityType, a: string, b: string): Promise<boolean>;
  /** Withdraws a mark; `false` when the pair was not marked. */
  unmarkNotDuplicate(entityType: DuplicateEntityType, a: string, b: string): Promise<boolean>;
  /**
   * Scans the records this person may read and merges, into the oldest record of each, only the
   * clusters DOMAIN.md allows without asking: every compared field equal after normalisation and
   * the same responsible person. Clusters that are not so, or that the person may not merge, are
   * counted in `skipped` and left as they are. Each merge can be undone with its id.
   */
  mergeAutomatically(entityType: DuplicateEntityType, options?: DuplicateScanOptions): Promise<AutoMergeReport>;
  /**
   * Rewrites the match keys of every record of a type, in units of 500 records, and says how many:
   * for records written before duplicate control was turned on, or after its criteria changed.
   * Administrators only (`FORBIDDEN` otherwise).
   */
  reindex(entityType: DuplicateEntityType): Promise<number>;
}

/**
 * Options of a merge: whose value a field takes (`choices`, field code → record id; custom fields
 * as `custom.<code>`), the policy for the rest (`survivorWins`, `mostRecent`), and the versions the
 * records are expected to have.
 */
export interface MergeOptions {
  readonly choices?: Readonly<Record<string, string>> | undefined;
  readonly policy?: MergePolicy | undefined;
  readonly expectedVersions?: Readonly<Record<string, number>> | undefined;
}

/**
 * A merge as it would be, for a person to decide: how each field would be decided and the
 * conflicts left (never a field hidden from them; `hiddenConflicts` counts those, which refuse the
 * merge for this person), how many of the linked records they may read would be relinked, and
 * whether the merge can be made as it is.
 */
export interface MergePreview {
  readonly decisions: readonly MergeDecision[];
  readonly conflicts: readonly MergeConflict[];
  readonly hiddenConflicts: number;
  readonly relinked: number;
  readonly complete: boolean;
}

/** A merge made: the survivor as it is now, the id `merges.undo` takes, and how many linked records (that the person may read) were relinked. */
export interface MergeResult<E extends DuplicateEntityType> {
  readonly survivor: EntityRecord<E>;
  readonly mergeId: string;
  readonly relinked: number;
}

/**
 * Merging duplicates of leads, contacts, companies and deals (DOMAIN.md, "Duplicates and
 * merging"): `read` + `update` on the survivor, `read` + `delete` on the merged records. Every
 * record linking to a merged one (deals, activities, invoices, quotes, leads) is relinked to the
 * survivor, and the merged records are removed, in one transaction.
 *
 * @example
 * ```ts
 * // const preview = await me.contacts.previewMerge(keep.id, [twin.id], { policy: 'survivorWins' });
 * // const { mergeId } = await me.contacts.merge(keep.id, [twin.id], { policy: 'survivorWins' });
 * // await me.merges.undo(mergeId);
 * ```
 */
export interface MergeableService<E extends DuplicateEntityType> {
  previewMerge(survivorId: string, absorbedIds: readonly string[], options?: MergeOptions): Promise<MergePreview>;
  /** Refused with `VALIDATION_FAILED` (one issue per field at `['choices', field]`) while conflicts are undecided. */
  merge(survivorId: string, absorbedIds: readonly string[], options?: MergeOptions): Promise<MergeResult<E>>;
}

/** Options of `merges.undo`: `partial` undoes what has not changed since the merge and keeps the rest. */
export interface UndoMergeOptions {
  readonly partial?: boolean | undefined;
}

/**
 * An undo made: the survivor as it is now (`null` when it was deleted since, which only a partial
 * undo gets past), the records restored, and the fields kept because they changed since the merge.
 */
export interface UndoMergeResult {
  readonly survivor: EntityRecord<DuplicateEntityType> | null;
  readonly restoredIds: readonly string[];
  readonly kept: readonly MergeUndoKept[];
}

/**
 * Undoing merges: the merged records come back as they were, the survivor's fields and every
 * relinked record's links are put back. A field changed since the merge refuses the undo with
 * `CHANGED_SINCE` (its issues name each record and field), unless `partial`; a second undo is
 * `ALREADY_UNDONE`.
 *
 * @example
 * ```ts
 * // const { restoredIds } = await me.merges.undo(mergeId);
 * ```
 */
export interface MergeService {
  undo(mergeId: string, options?: UndoMergeOptions): Promise<UndoMergeResult>;
}

/**
 * How an import row names a record it links to: by its id in this CRM, by the external id it was
 * imported with, by an e-mail or a phone it holds, or by its exact name (a contact's full name in
 * the CRM's name format; a company's, deal's or lead's title).
 */
export type ReferenceBy = 'id' | 'externalId' | 'email' | 'phone' | 'name';

/**
 * A link of an import row to fill by finding a record: the link field, the type of the record to
 * find, and how the row names it. Finding nothing, or more than one record the person may read,
 * rejects the row with `REFERENCE_NOT_FOUND` or `AMBIGUOUS_REFERENCE` at `path`.
 */
export interface ImportReference {
  /** `companyId`, `companyIds`, `contactIds`, `leadId`, `dealId`, or `bindings` (an activity's owner). */
  readonly field: string;
  readonly entityType: EntityType;
  readonly by: ReferenceBy;
  readonly value: string;
  /** Where the value is in the row (a column), for the issue. */
  readonly path?: readonly PathSegment[] | undefined;
}

/**
 * One row of an import, in any format: what `crm-kit/csv` makes of a CSV row, or what a host makes
 * of its own source. `line` is where the row is in its source, and comes back in the account.
 */
export interface ImportRow {
  readonly line: number;
  /** The record's input as the service's `create` takes it; absent when reading the row failed. */
  readonly input?: Readonly<Record<string, unknown>> | undefined;
  readonly references?: readonly ImportReference[] | undefined;
  /** Problems reading the row: a row with any is rejected with them. */
  readonly issues?: readonly Issue[] | undefined;
}

/** What became of a row. */
export type ImportOutcome = 'imported' | 'updated' | 'skipped' | 'rejected';

/** What became of one row: its line, its outcome, the record written or matched, and why. */
export interface ImportRowResult {
  readonly line: number;
  readonly outcome: ImportOutcome;
  /** The record created or updated, or the one a skipped row matched. */
  readonly id?: string | undefined;
  /** Why a row was skipped or rejected. */
  readonly issues: readonly Issue[];
}

/** How far an import is. */
export interface ImportProgress {
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  /** The line of the last row done. */
  readonly line: number;
}

/**
 * Options of `me.import`.
 */
export interface ImportOptions {
  /** What to do with a row that is probably a record already stored (leads, contacts, companies). Default `'none'`. */
  readonly duplicates?: ImportDuplicateMode | undefined;
  /** Values for the fields a row leaves empty: `assignedById`, `source`, `opened`, ... */
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
  /** Deals: the pipeline new deals go to when a row names none. */
  readonly pipelineId?: string | undefined;
  /** Decide and account for every row, and write nothing. */
  readonly dryRun?: boolean | undefined;
  /** Stops the import at the next batch boundary; the account says what was written. */
  readonly signal?: AbortSignalLike | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Told what became of each row, in order, as soon as its batch is done. */
  readonly onRow?: ((result: ImportRowResult) => void) | undefined;
  /** Rows per batch; each batch is one transaction. Default 500, at most 5,000. */
  readonly batchSize?: number | undefined;
  /** How many skipped and rejected rows the account keeps in full. Default 10,000. */
  readonly keepRows?: number | undefined;
}

/**
 * What an import did with every row: `imported + updated + skipped + rejected` equals `rows`.
 * Rows are written in batches, each one transaction: every row up to `writtenThroughLine` was
 * written and none after it, so an import that stopped (`stopped`) resumes from the next line.
 */
export interface ImportAccount {
  readonly entityType: EntityType;
  readonly dryRun: boolean;
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  /** The skipped and rejected rows, in order: the first `keepRows` of them. */
  readonly notImported: readonly ImportRowResult[];
  /** Skipped and rejected rows left out of `notImported` (past `keepRows`). */
  readonly notImportedLeftOut: number;
  /** The reasons rows were skipped or rejected, by code, most frequent first. */
  readonly reasons: readonly { readonly code: CrmErrorCode; readonly count: number }[];
  /** The line of the last row of the last batch written; 0 when nothing was (and always in a dry run). */
  readonly writtenThroughLine: number;
  /** Why the import stopped before the end of its rows: aborted, or a batch could not be written. */
  readonly stopped?: { readonly code: CrmErrorCode; readonly message: string; readonly line: number } | undefined;
}

/**
 * Options of `me.export`.
 */
export interface ExportOptions {
  /** Which records: `where` and `sort` as `find` takes them (the person's read scope always applies). */
  readonly query?: Pick<CrmQuery, 'where' | 'sort'> | undefined;
  /**
   * The columns, by field code (`custom.<code>` for custom fields); for deals also
   * `contact.phones` and `contact.emails`, the primary contact's, where the person may read that
   * contact. Default: every exportable field the person can see.
   */
  readonly columns?: readonly string[] | undefined;
}

/** A column of an export: its field, that field's type, and its labels per language. */
export interface ExportColumn {
  readonly field: string;
  readonly type: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * What `me.export` gives: the columns, and the rows as values in column order (read page by page
 * as they are iterated, once).
 */
export interface ExportTable {
  readonly columns: readonly ExportColumn[];
  readonly rows: AsyncIterable<readonly unknown[]>;
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
  readonly contacts: EntityService<'contact'> & MergeableService<'contact'>;
  readonly companies: EntityService<'company'> & MergeableService<'company'>;
  readonly deals: DealService & MergeableService<'deal'>;
  readonly leads: LeadService & MergeableService<'lead'>;
  readonly activities: EntityService<'activity'>;
  readonly invoices: StagedService<'invoice'>;
  readonly quotes: StagedService<'quote'>;
  readonly pipelines: PipelineService;
  readonly fields: FieldService;
  readonly duplicates: DuplicateService;
  readonly merges: MergeService;
  readonly reports: ReportService;
  /**
   * Imports rows into records of a type (leads, contacts, companies, deals, activities), needing
   * the `import` permission and, row by row, every check of a single create or update. Returns
   * the account of every row; see {@link ImportOptions}. `crm-kit/csv`'s `importCsv` feeds it a CSV
   * file.
   */
  import(entityType: EntityType, rows: AsyncIterable<ImportRow> | Iterable<ImportRow>, options?: ImportOptions): Promise<ImportAccount>;
  /**
   * The records of a type the person may read and export, as a table of the columns they may
   * see, needing the `export` permission. Contacts not "Included in export" are left out.
   * `crm-kit/csv`'s `exportCsv` writes it as CSV.
   */
  export(entityType: EntityType, options?: ExportOptions): ExportTable;
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
  readonly settings: ResolvedCrmSettings;
  /** Submissions of the CRM's web forms, from the public internet (see `intakeControl`). */
  readonly intake: IntakeService;
  as(principal: Principal): CrmSession;
  /** A person's name (a contact's or a lead's) written in the CRM's name format. */
  displayName(person: PersonName): string;
}

/**
 * A sales report over the deals a person may read: {@link salesReport}'s options, with the
 * pipelines and rates of the CRM. `currency` defaults to `settings.reportCurrency`, `reportDate`
 * to the clock's day (UTC).
 */
export interface SalesReportRequest extends Omit<SalesReportOptions, 'pipelines' | 'currency' | 'rates' | 'reportDate'> {
  /** Which deals, as `find` takes `where` (the person's read scope always applies). */
  readonly where?: CrmQuery['where'] | undefined;
  readonly currency?: string | undefined;
  readonly reportDate?: CalendarDate | undefined;
}

/** A forecast over the open deals a person may read: {@link forecast}'s options, with the CRM's pipelines and rates. */
export interface ForecastRequest extends Omit<ForecastOptions, 'pipelines' | 'currency' | 'rates' | 'reportDate'> {
  /** Which deals, as `find` takes `where` (the person's read scope always applies; only open deals count). */
  readonly where?: CrmQuery['where'] | undefined;
  readonly currency?: string | undefined;
  readonly reportDate?: CalendarDate | undefined;
}

/**
 * `me.reports`: reports over the records a person may read. Records out of the person's scope are
 * not counted; grouping, filtering or measuring on a custom field hidden from them is
 * `FIELD_NOT_VISIBLE`, before anything is read. Activities and invoices count only where the
 * person may read them.
 *
 * @example
 * ```ts
 * // const march = await me.reports.sales({ period: { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' }, groupBy: ['responsible'] });
 * ```
 */
export interface ReportService {
  /** The sales report of a period: see {@link salesReport}. */
  sales(request: SalesReportRequest): Promise<SalesReport>;
  /** Expected revenue of the open deals by closing period: see {@link forecast}. */
  forecast(request: ForecastRequest): Promise<Forecast>;
}
