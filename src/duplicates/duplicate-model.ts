import type { Comparator } from './criteria.js';

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

