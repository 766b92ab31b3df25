// The events duplicate control appends to the log: merges and their undos, and the marks a person
// sets on a pair that is not a duplicate.
import type { EntityType } from '../fields/index.js';
import type { DomainEvent } from '../records/index.js';
import type { MergeChanges, MergeChildUpdate, MergeUndo } from './plan-merge.js';

/**
 * What a merge event holds: the merged records' ids, what the merge wrote on the survivor (to
 * tell a later edit from it), each relinked child field, and what restores everything. It holds
 * values of every field, hidden ones too: it is for undo, never for showing.
 */
export interface MergedEventData {
  readonly absorbedIds: readonly string[];
  /** The survivor's fields the merge wrote (custom ones as `custom.<code>`). */
  readonly changed: readonly string[];
  /** What the merge wrote on the survivor, in patch form (`null` for a cleared value). */
  readonly written: MergeChanges;
  readonly relinked: readonly MergeChildUpdate[];
  readonly undo: MergeUndo;
}

/**
 * The event a merge appends on the survivor. Its `sequence` in the log, as text, is the merge's
 * id: what `merges.undo` takes.
 */
export type MergedEvent = DomainEvent<'merged', MergedEventData>;

/** One field an undo left as it is, because it was changed after the merge (or its record is gone). */
export interface MergeUndoKept {
  readonly entityType: EntityType;
  readonly id: string;
  /** A standard code or `custom.<code>`; `'id'` for a merged record whose id is taken again. */
  readonly field: string;
}

/** The event an undo appends on the survivor: the merge it undid, the records it restored, and what it kept. */
export type MergeUndoneEvent = DomainEvent<'mergeUndone', { readonly mergeId: string; readonly restoredIds: readonly string[]; readonly kept: readonly MergeUndoKept[] }>;


/** The event on a record a merge removed and its undo brought back: its history does not end on `deleted`. */
export type RestoredEvent = DomainEvent<'restored', { readonly mergeId: string }>;

/**
 * The event that marks two records of a type as not duplicates, stored once per pair: on the
 * record whose id comes first (in code-unit order), naming the other. Checks and scans never offer
 * the pair again while the mark stands.
 */
export type MarkedNotDuplicateEvent = DomainEvent<'markedNotDuplicate', { readonly otherId: string }>;

/** The event that withdraws a "not a duplicate" mark, on the same record as the mark. */
export type UnmarkedNotDuplicateEvent = DomainEvent<'unmarkedNotDuplicate', { readonly otherId: string }>;

/** A pair of records marked as not duplicates, the ids in code-unit order. */
export interface NotDuplicatePair {
  readonly entityType: EntityType;
  readonly a: string;
  readonly b: string;
}
