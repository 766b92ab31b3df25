import type { EntityType } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import type { CreatedEvent, MovedToFinalEvent, MovedToIntermediateEvent, PipelineChangedEvent, StageEvent } from '../pipelines/index.js';
import { STAGE_EVENT_TYPES } from '../pipelines/index.js';

/** The envelope of every domain event: what happened, to which record, when and by whom, and its details. */
export interface DomainEvent<T extends string, D> {
  readonly type: T;
  readonly entityType: EntityType;
  readonly entityId: string;
  readonly at: Date;
  readonly byId: string;
  readonly data: D;
}

type StageData<E> = Omit<E, 'type' | 'entityType' | 'entityId' | 'at' | 'byId'>;

/** The `data` of an event without details (the `created` event of a record without stages). */
export type NoEventData = Readonly<Record<string, never>>;

/**
 * The events of a record's life, in one union: `created` (a staged record's names the pipeline
 * and stage it started in), `updated` (the fields it changed, sorted, custom ones as
 * `custom.<code>`), `deleted` (the version it had), and the stage history
 * (`movedToIntermediate`, `movedToFinal`, `pipelineChanged`). `type` narrows `data`.
 *
 * @example
 * ```ts
 * function describeEvent(event: RecordEvent): string {
 *   return event.type === 'updated' ? `changed ${event.data.fields.join(', ')}` : event.type;
 * }
 * describeEvent({ type: 'updated', entityType: 'deal', entityId: '7', at: new Date('2026-03-02T10:00:00Z'), byId: 'u-ana', data: { fields: ['title'] } }); //=> 'changed title'
 * ```
 */
export type RecordEvent =
  | DomainEvent<'created', StageData<CreatedEvent> | NoEventData>
  | DomainEvent<'updated', { readonly fields: readonly string[] }>
  | DomainEvent<'deleted', { readonly version: number }>
  | DomainEvent<'movedToIntermediate', StageData<MovedToIntermediateEvent>>
  | DomainEvent<'movedToFinal', StageData<MovedToFinalEvent>>
  | DomainEvent<'pipelineChanged', StageData<PipelineChangedEvent>>;

/**
 * The types of {@link RecordEvent}, in one constant list.
 *
 * @example
 * ```ts
 * RECORD_EVENT_TYPES; //=> ['created', 'updated', 'deleted', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged']
 * ```
 */
export const RECORD_EVENT_TYPES = ['created', 'updated', 'deleted', 'movedToIntermediate', 'movedToFinal', 'pipelineChanged'] as const;

/**
 * A stage-history event of `pipelines` as an event of the log: its details moved into `data`.
 *
 * @param event - A stage event from `planTransition`, `planPipelineChange` or `buildCreatedEvent`.
 * @returns The same event as a {@link RecordEvent}.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for anything else.
 *
 * @example
 * ```ts
 * const at = new Date('2026-03-02T10:00:00Z');
 * toRecordEvent({ type: 'created', entityType: 'deal', entityId: '7', pipelineId: 'default', stageId: 'NEW', semantic: 'process', at, byId: 'u-ana' });
 * //=> { type: 'created', entityType: 'deal', entityId: '7', at, byId: 'u-ana', data: { pipelineId: 'default', stageId: 'NEW', semantic: 'process' } }
 * ```
 */
export function toRecordEvent(event: StageEvent): RecordEvent {
  if (typeof event !== 'object' || (event as unknown) === null || !(STAGE_EVENT_TYPES as readonly unknown[]).includes(event.type)) {
    // Stryker disable next-line StringLiteral: message text
    throw new ValidationError('INVALID_ARGUMENT', 'toRecordEvent takes a stage-history event.');
  }
  const { type, entityType, entityId, at, byId, ...data } = event;
  return { type, entityType, entityId, at, byId, data } as RecordEvent;
}
