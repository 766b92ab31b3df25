import type { EntityType } from '../fields/index.js';

/**
 * A domain event as the log keeps it: what happened (`type`, such as `movedToFinal`,
 * `leadConverted`, `merged`), to which record, when and by whom, with its details in `data`.
 * `sequence` is given by the log: it grows with every append and orders the log.
 *
 * @example
 * ```ts
 * const event: LoggedEvent = {
 *   sequence: 42, type: 'movedToFinal', entityType: 'deal', entityId: '7',
 *   at: new Date('2026-03-02T10:00:00Z'), byId: 'u-ana', data: { stageId: 'WON' },
 * };
 * ```
 */
export interface LoggedEvent {
  readonly sequence: number;
  readonly type: string;
  readonly entityType: EntityType;
  readonly entityId: string;
  readonly at: Date;
  readonly byId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * An event to append: a {@link LoggedEvent} without its sequence.
 *
 * @example
 * ```ts
 * const event: NewEvent = { type: 'created', entityType: 'deal', entityId: '7', at: new Date('2026-03-01T09:00:00Z'), byId: 'u-ana', data: {} };
 * ```
 */
export type NewEvent = Omit<LoggedEvent, 'sequence'>;

/**
 * Which events to read: by entity, by entity type, by event types and by time range (`from`
 * inclusive, `to` exclusive), after a sequence number, at most `limit`.
 *
 * @example
 * ```ts
 * const query: EventQuery = { entityType: 'deal', types: ['movedToFinal'], from: new Date('2026-01-01T00:00:00Z') };
 * ```
 */
export interface EventQuery {
  readonly entityType?: EntityType | undefined;
  readonly entityId?: string | undefined;
  readonly types?: readonly string[] | undefined;
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
