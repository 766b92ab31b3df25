import type { Comparator, DuplicateCriteriaOptions } from './criteria.js';

/**
 * One criterion's part in a pair's score: the level the two records agree at, its weight in bits
 * (positive for evidence of a duplicate), and a line a UI can show. It never holds a value.
 */
export interface DuplicateExplanationItem {
  readonly field: string;
  readonly level: string;
  readonly weight: number;
  /** For example `'phones: same number (+10.2)'`. */
  readonly text: string;
}

/** Why a pair scored what it did: one item per criterion both records have a value for. */
export type DuplicateExplanation = readonly DuplicateExplanationItem[];

/** The weights a scan used, for a later scan or a duplicate index to score alike. */
export interface DuplicateModel {
  /** The share of duplicates among all pairs of records (n(n-1)/2) in the scan that made it. */
  readonly prior: number;
  readonly criteria: readonly {
    readonly field: string;
    readonly comparator: Exclude<Comparator, 'address'>;
    readonly levels: readonly { readonly label: string; readonly m: number; readonly u: number }[];
  }[];
}


/** A record the checked one probably duplicates. */
export interface DuplicateCandidate {
  readonly id: string;
  /** The match probability, in [0, 1]. */
  readonly score: number;
  readonly explanation: DuplicateExplanation;
}

/** Options of a duplicate check ({@link createDuplicateIndex}, {@link createDuplicateMatcher}). */
export interface DuplicateCheckOptions extends DuplicateCriteriaOptions {
  /**
   * The weights to score with: a {@link DuplicateReport.model} from a scan of the same records
   * with the same criteria (recommended). Without one, the comparators' prior weights and a prior
   * of one duplicate in ten thousand pairs.
   */
  readonly model?: DuplicateModel | undefined;
  /** The match probability from which a record is a candidate. Default 0.9. */
  readonly threshold?: number | undefined;
  /** A key held by more records than this finds nothing, and a phone, e-mail or exact value held that widely is no evidence. Default 100. */
  readonly stopLimit?: number | undefined;
  /** Pairs of ids a person marked as not duplicates: never candidates of each other. */
  readonly notDuplicates?: readonly (readonly [string, string])[] | undefined;
}
