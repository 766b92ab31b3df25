import type { Principal } from '../access/index.js';
import { assertCanWriteFields, assertPrincipal, toAccessRecord } from '../access/index.js';
import type { EntityRecord, StoredRecord } from '../entities/index.js';
import { validateEntity } from '../entities/index.js';
import type { CustomValues, EntityType } from '../fields/index.js';
import { applyFieldDefaults } from '../fields/index.js';
import type { Result } from '../kernel/index.js';
import { fail, isPlainRecord, ok, sealPlain, toInstant, ValidationError } from '../kernel/index.js';
import type { Pipeline } from '../pipelines/index.js';
import { classifyRepeatDeal, classifyRepeatLead, buildCreatedEvent } from '../pipelines/index.js';
import { bagOf, copyBag } from './_internal/bag.js';
import { deriveFields } from './_internal/derive.js';
import { plainArgument } from './_internal/plain-argument.js';
import { pipelineOf, placeInStage } from './_internal/stage-fields.js';
import type { RecordEvent } from './record-events.js';
import { toRecordEvent } from './record-events.js';
import type { RecordRules } from './record-rules.js';
import { isStagedType, readRules } from './record-rules.js';
import type { RecordPlan } from './record-writes.js';

type Bag = Record<string, unknown>;

/**
 * One deal of a client, as the repeat classification reads it.
 */
export interface ClientDeal {
  readonly id?: string | undefined;
  readonly pipelineId: string;
  readonly stageId: string;
}

/**
 * What {@link planCreateRecord} needs besides the input: the id the new record gets, the instant
 * of the write (from the caller's clock), and for a deal the client's other deals (see
 * {@link getRepeatClient}), which decide its repeat flags.
 */
export interface CreateRecordOptions {
  readonly id: string;
  readonly at: Date;
  readonly clientDeals?: readonly ClientDeal[] | undefined;
}

/**
 * Plans the creation of a record as one person makes it: everything the stored record will be,
 * decided here and nowhere else, so that a preview equals what gets stored.
 *
 * - Custom fields the person cannot see may not be set: {@link FieldNotVisibleError} (a hidden
 *   field and an unknown one alike), before anything else is read.
 * - The input is validated in its input form (`REQUIRED`, `INVALID_VALUE`, `UNKNOWN_FIELD` issues;
 *   custom fields the person cannot see are never required of them); custom defaults are filled
 *   (`'now'` is `at`); the responsible person defaults to the creator.
 * - Deals, leads, invoices and quotes start in the stage they name (deals in the pipeline they
 *   name, the first by default; the first stage by `sort` by default) with what a move there sets:
 *   closed and `closedAt` in a final stage, the stage's probability unless one is given (then it
 *   is marked `probabilityIsManual`), `movedAt` / `movedById`; and they must meet that stage's
 *   requirements, as a move would (issues at the fields, `lossReasonId` for deals). An unknown
 *   pipeline or stage is `INVALID_VALUE` at `pipelineId` / the stage field; a lead created in its
 *   success status is `INVALID_STAGE_TRANSITION` (leads convert for that).
 * - Repeat flags: a lead naming a contact or company is a return customer; a deal is a return
 *   customer when one of `clientDeals` is won and a repeated approach when there are some and
 *   none is won (`classifyRepeatLead`, `classifyRepeatDeal`). They cannot be given.
 * - Amounts follow the product rows unless set by hand; an activity created completed gets
 *   `completedAt`.
 * - The record is stamped (`id`, `version` 1, created and updated at `at` by the person) and
 *   checked in its stored form.
 *
 * @param rules - The entity type's rules, from {@link defineRecordRules}.
 * @param principal - Who creates the record.
 * @param input - The input, as given.
 * @param options - The new id, the instant and (deals) the client's deals.
 * @returns The plan: the record (frozen), its `created` event, the `add` permission it needs on
 * the record as it will be, and one insert; or the issues.
 * @throws {@link FieldNotVisibleError} `FIELD_NOT_VISIBLE`; {@link ValidationError}
 * `INVALID_ARGUMENT` for malformed rules, principal or options.
 * Arguments are read once, as `snapshotInput` reads them: `NOT_PLAIN_DATA` for one that is not
 * plain data (a getter, a Proxy, a class instance), `INVALID_TEXT`, `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const rules = defineRecordRules('deal');
 * const ana = { userId: 'u-ana', roleIds: [], departmentIds: [], isAdmin: false };
 * const at = new Date('2026-03-02T10:00:00Z');
 * const planned = planCreateRecord(rules, ana, { title: 'Renewal', stageId: 'WON' }, { id: '7', at });
 * const deal = planned.success ? planned.data.record : undefined;
 * [deal?.stageId, deal?.closed, deal?.probability, deal?.closedAt]; //=> ['WON', true, 100, at]
 * planned.success && planned.data.needs; //=> [{ action: 'add', entityType: 'deal', record: { assignedById: 'u-ana', opened: false, pipelineId: 'default' } }]
 *
 * const again = planCreateRecord(rules, ana, { title: 'Second deal' }, { id: '8', at, clientDeals: [{ pipelineId: 'default', stageId: 'WON' }] });
 * again.success && again.data.record.isReturnCustomer; //=> true
 *
 * const missing = planCreateRecord(rules, ana, { stageId: 'GONE' }, { id: '9', at });
 * missing.success ? [] : missing.issues.map((i) => [i.code, ...i.path]); //=> [['REQUIRED', 'title']]
 * ```
 */
export function planCreateRecord<E extends EntityType>(
  rules: RecordRules<E>,
  principal: Principal,
  input: unknown,
  options: CreateRecordOptions,
): Result<RecordPlan<EntityRecord<E>>> {
  const checkedRules = readRules(rules);
  principal = plainArgument(principal, 'The principal');
  assertPrincipal(principal);
  const { id, at, clientDeals } = readOptions(plainArgument(options, 'The options'));
  input = plainArgument(input, 'The input');
  const { entityType, registry } = checkedRules;
  // Visibility first: a hidden or unknown field gets FIELD_NOT_VISIBLE alike, before any
  // validation could tell them apart or echo a hidden field's rules.
  if (isPlainRecord(input)) assertCanWriteFields(registry, principal, input);
  const validated = validateEntity(registry, 'input', input, { principal });
  if (!validated.success) return fail(validated.issues);
  const data = validated.data as unknown as Bag;
  // Fields are added one by one to a copy made key by key (see copyBag), in the order they are stored.
  const record = copyBag(data);
  record.custom = bagOf(Object.entries(applyFieldDefaults(registry, data.custom as CustomValues, { now: () => at })));
  record.assignedById = data.assignedById ?? principal.userId;
  if (isStagedType(entityType)) {
    // A probability typed at creation is one set by hand, unless the input says otherwise.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: placeInStage reads the flag only when a probability was given, so only probabilityIsManual decides
    const typedProbability = isPlainRecord(input) && input.probability !== undefined && input.probabilityIsManual === undefined;
    const issues = placeInStage(checkedRules, principal, record, at, typedProbability);
    if (issues.length > 0) return fail(issues);
  }
  if (entityType === 'lead') record.isReturnCustomer = classifyRepeatLead(record).isReturnCustomer;
  if (entityType === 'deal') {
    const repeat = classifyRepeatDeal(clientDeals ?? [], checkedRules.pipelines);
    record.isReturnCustomer = repeat.isReturnCustomer;
    record.isRepeatedApproach = repeat.isRepeatedApproach;
  }
  deriveFields(entityType, record, undefined, at);
  record.id = id;
  record.version = 1;
  record.createdAt = at;
  record.updatedAt = at;
  record.createdById = principal.userId;
  record.updatedById = principal.userId;
  // Built from a validated input by the rules above, the record is in its stored form (a property
  // test checks it against the stored schema), so it is sealed as it is: a second parse would
  // double the cost of every create.
  const created = sealPlain(record) as unknown as StoredRecord;
  const pipeline: Pipeline | undefined = isStagedType(entityType) ? pipelineOf(checkedRules, created as unknown as Bag) : undefined;
  const event: RecordEvent =
    pipeline === undefined
      ? { type: 'created', entityType, entityId: id, at, byId: principal.userId, data: {} }
      : // The same Date as the record's stamps: buildCreatedEvent keeps a copy of the one it is given.
        { ...toRecordEvent(buildCreatedEvent(created, { pipeline, at, byId: principal.userId })), at };
  return ok({
    record: created as unknown as EntityRecord<E>,
    changed: [],
    inserts: [{ entityType, record: created }],
    updates: [],
    deletes: [],
    events: [event],
    needs: [{ action: 'add', entityType, record: toAccessRecord(created) }],
  });
}

function readOptions(options: unknown): { id: string; at: Date; clientDeals: readonly ClientDeal[] | undefined } {
  if (!isPlainRecord(options) || typeof options.id !== 'string' || options.id === '') {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'planCreateRecord takes options { id, at, clientDeals? } with a non-empty id.');
  }
  const clientDeals = options.clientDeals;
  // Stryker disable next-line StringLiteral: message text
  if (clientDeals !== undefined && !Array.isArray(clientDeals)) throw new ValidationError('INVALID_ARGUMENT', 'clientDeals is a list of deals.');
  return { id: options.id, at: toInstant(options.at as Date, 'at'), clientDeals: clientDeals as readonly ClientDeal[] | undefined };
}

/**
 * Who a new deal's client is, for its repeat flags: its company, and its primary contact (the
 * first of `contactIds`). The application layer reads the deals of both (the new one aside) and
 * passes them to {@link planCreateRecord} as `clientDeals`.
 *
 * @param deal - The deal's input (or the deal).
 * @returns The company id and the primary contact id, each when there is one.
 *
 * @example
 * ```ts
 * getRepeatClient({ title: 'Renewal', companyId: 'co-1', contactIds: ['c-1', 'c-2'] }); //=> { companyId: 'co-1', contactId: 'c-1' }
 * getRepeatClient({ title: 'Walk-in' }); //=> {}
 * ```
 */
export function getRepeatClient(deal: object): { readonly companyId?: string; readonly contactId?: string } {
  // Stryker disable next-line StringLiteral: message text
  if (typeof deal !== 'object' || (deal as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'getRepeatClient takes a deal or its input.');
  const given = deal as Readonly<Bag>;
  const out: { companyId?: string; contactId?: string } = {};
  if (typeof given.companyId === 'string' && given.companyId !== '') out.companyId = given.companyId;
  const contacts: unknown = given.contactIds;
  const primary: unknown = Array.isArray(contacts) ? (contacts as readonly unknown[])[0] : undefined;
  if (typeof primary === 'string' && primary !== '') out.contactId = primary;
  return out;
}
