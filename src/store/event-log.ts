import type { LeadConvertedEvent } from '../conversion/index.js';
import type { MarkedNotDuplicateEvent, MergedEvent, MergeUndoneEvent, RestoredEvent, UnmarkedNotDuplicateEvent } from '../duplicates/index.js';
import type { EntityType } from '../fields/index.js';
import type { RecordEvent } from '../records/index.js';
import { RECORD_EVENT_TYPES } from '../records/index.js';

/**
 * Every type of event the library appends to the log, in one constant list.
 *
 * - `created`, `updated`, `deleted`: a record's life; `updated` names the fields it changed.
 * - `movedToIntermediate`, `movedToFinal`, `pipelineChanged`: the stage history of deals, leads,
 *   invoices and quotes (their `created` event names the stage they started in).
 * - `leadConverted`: a lead became a contact, company or deal (ids only).
 * - `merged`, `mergeUndone`, `restored`: duplicates merged into a survivor (with everything that
 *   undoes it), and that merge undone, both on the survivor; `restored` on each record the undo
 *   brought back.
 * - `markedNotDuplicate`, `unmarkedNotDuplicate`: a pair a person marked as not duplicates, and the
 *   mark withdrawn; on the record of the pair whose id comes first.
 *
 * @example
 * ```ts
 * EVENT_TYPES.includes('leadConverted'); //=> true
 * ```
 */
export const EVENT_TYPES: readonly [...typeof RECORD_EVENT_TYPES, 'leadConverted', 'merged', 'mergeUndone', 'restored', 'markedNotDuplicate', 'unmarkedNotDuplicate'] = /* @__PURE__ */ (() =>
  [...RECORD_EVENT_TYPES, 'leadConverted', 'merged', 'mergeUndone', 'restored', 'markedNotDuplicate', 'unmarkedNotDuplicate'] as const)();

/**
 * An event to append: what happened (`type`), to which record, when and by whom, with its details
 * in `data`, typed by `type` (a {@link RecordEvent}, a {@link LeadConvertedEvent}, or an event of
 * duplicate control: {@link MergedEvent}, {@link MergeUndoneEvent}, {@link RestoredEvent},
 * {@link MarkedNotDuplicateEvent}, {@link UnmarkedNotDuplicateEvent}).
 */
export type NewEvent = RecordEvent | LeadConvertedEvent | MergedEvent | MergeUndoneEvent | RestoredEvent | MarkedNotDuplicateEvent | UnmarkedNotDuplicateEvent;

/** One of {@link EVENT_TYPES}. */
export type EventType = NewEvent['type'];

/**
 * The `data` of one type of event.
 */
export type EventDataOf<T extends EventType> = Extract<NewEvent, { readonly type: T }>['data'];

/**
 * An event as the log keeps it: a {@link NewEvent} with its `sequence`, given by the log; it grows
 * with every append and orders the log.
 *
 * @example
 * ```ts
 * function describeEvent(event: LoggedEvent): string {
 *   // `type` narrows `data`.
 *   return event.type === 'movedToFinal' ? `${event.entityId} closed in ${event.data.stageId}` : event.type;
 * }
 * const won: LoggedEvent = {
 *   sequence: 42, type: 'movedToFinal', entityType: 'deal', entityId: '7', at: new Date('2026-03-02T10:00:00Z'), byId: 'u-ana',
 *   data: { pipelineId: 'default', stageId: 'WON', semantic: 'success', fromStageId: 'NEW' },
 * };
 * describeEvent(won); //=> '7 closed in WON'
 * ```
 */
export type LoggedEvent = NewEvent & { readonly sequence: number };

/**
 * Which events to read: by entity, by entity type, by event types and by time range (`from`
 * inclusive, `to` exclusive), after a sequence number, at most `limit`.
 */
export interface EventQuery {
  readonly entityType?: EntityType | undefined;
  readonly entityId?: string | undefined;
  readonly types?: readonly EventType[] | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly afterSequence?: number | undefined;
  readonly limit?: number | undefined;
}

/**
 * The append-only log of domain events (stage history, conversions, later merges and imports)
 * that reports and undo read back.
 *
 * @example
 * ```ts
 * async function historyOf(log: EventLog, dealId: string): Promise<LoggedEvent[]> {
 *   const events: LoggedEvent[] = [];
 *   for await (const event of log.read({ entityType: 'deal', entityId: dealId })) events.push(event);
 *   return events;
 * }
 * ```
 */
export interface EventLog {
  /**
   * Appends events in the given order, giving each the next sequence number; it MUST never
   * change or remove an appended event. Returns them as logged.
   */
  append(events: readonly NewEvent[]): Promise<readonly LoggedEvent[]>;
  /** The events of a query in ascending sequence order. */
  read(query: EventQuery): AsyncIterable<LoggedEvent>;
}
