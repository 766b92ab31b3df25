export { normaliseCompanyTitle } from './normalise-company-title.js';
export { normaliseEmail } from './normalise-email.js';
export type { NormaliseEmailOptions } from './normalise-email.js';
export { normalisePersonName } from './normalise-person-name.js';
export { normalisePhone } from './normalise-phone.js';
export type { NormalisePhoneOptions } from './normalise-phone.js';
export { COMPARATORS, DEFAULT_DUPLICATE_CRITERIA, DEFAULT_STOP_LIMIT, DUPLICATE_ENTITY_TYPES } from './criteria.js';
export type { Comparator, DuplicateCriteriaOptions, DuplicateCriterion, DuplicateEntityType } from './criteria.js';
export { findDuplicates } from './find-duplicates.js';
export type { DuplicateCandidate, DuplicateCheckOptions, DuplicateExplanation, DuplicateExplanationItem, DuplicateModel } from './duplicate-model.js';
export type {
  AbortSignalLike,
  DuplicatePair,
  DuplicateReport,
  DuplicateScanProgress,
  DuplicateStats,
  FindDuplicatesOptions,
  SkippedRecord,
} from './find-duplicates.js';
export { createDuplicateIndex } from './duplicate-index.js';
export type { DuplicateIndex } from './duplicate-index.js';
export { createDuplicateMatcher } from './duplicate-matcher.js';
export type { DuplicateKeyHit, DuplicateMatcher, PreparedRecord } from './duplicate-matcher.js';
export { matchKeysOf } from './match-keys.js';
export type { MatchKeyOptions } from './match-keys.js';
export { isAutoMergeable } from './is-auto-mergeable.js';
export type { AutoMergeOptions } from './is-auto-mergeable.js';
export { isMergePlanComplete, MERGE_POLICIES, planMerge } from './plan-merge.js';
export type {
  MergeCandidate,
  MergeChanges,
  MergeChild,
  MergeChildRestore,
  MergeChildUpdate,
  MergeConflict,
  MergeDecision,
  MergePlan,
  MergePolicy,
  MergeReason,
  MergeRequest,
  MergeUndo,
} from './plan-merge.js';
export { planMergeUndo } from './plan-merge-undo.js';
export type { MergeUndoChild, MergeUndoPlan, MergeUndoRequest } from './plan-merge-undo.js';
export type { MarkedNotDuplicateEvent, MergedEvent, MergedEventData, MergeUndoKept, MergeUndoneEvent, NotDuplicatePair, RestoredEvent, UnmarkedNotDuplicateEvent } from './duplicate-events.js';
export { listLinksTo } from './list-links-to.js';
export type { LinkField } from './list-links-to.js';
export { duplicateControl } from './duplicate-control.js';
export type { DuplicateControl, DuplicateControlSettings } from './duplicate-control.js';
