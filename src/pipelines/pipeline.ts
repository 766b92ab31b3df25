import type { Labels } from '../fields/index.js';

/**
 * What reaching a stage means: still being worked on (`process`), won (`success`) or lost
 * (`failure`). In every pipeline the process stages come first, then exactly one success stage,
 * then any number of failure stages.
 *
 * @example
 * ```ts
 * STAGE_SEMANTICS; //=> ['process', 'success', 'failure']
 * ```
 */
export const STAGE_SEMANTICS = ['process', 'success', 'failure'] as const;

/**
 * One of {@link STAGE_SEMANTICS}.
 */
export type StageSemantic = (typeof STAGE_SEMANTICS)[number];

/**
 * The stage groups lists and boards filter by: in progress, won and lost.
 *
 * @example
 * ```ts
 * STAGE_GROUPS; //=> ['in-progress', 'won', 'lost']
 * ```
 */
export const STAGE_GROUPS = ['in-progress', 'won', 'lost'] as const;

/**
 * One of {@link STAGE_GROUPS}.
 */
export type StageGroup = (typeof STAGE_GROUPS)[number];

/**
 * The entity types that move through stages: deals (any number of pipelines), leads (one status
 * list), invoices and quotes (one stage list each).
 *
 * @example
 * ```ts
 * STAGED_ENTITY_TYPES.includes('contact'); //=> false
 * ```
 */
export const STAGED_ENTITY_TYPES = ['deal', 'lead', 'invoice', 'quote'] as const;

/**
 * One of {@link STAGED_ENTITY_TYPES}.
 */
export type StagedEntityType = (typeof STAGED_ENTITY_TYPES)[number];

/**
 * Forecast categories a stage can map to, from least to most certain.
 *
 * @example
 * ```ts
 * FORECAST_CATEGORIES.includes('commit'); //=> true
 * ```
 */
export const FORECAST_CATEGORIES = ['omitted', 'pipeline', 'best-case', 'commit', 'closed'] as const;

/**
 * One of {@link FORECAST_CATEGORIES}.
 */
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/**
 * A stage of a pipeline.
 *
 * - `requiredFields`: codes of standard fields, or `custom.<code>` for custom fields, that must
 *   have a value before an item may enter the stage (custom ones only for people who can see them).
 * - `idleDays`: after this many days without a stage change or a completed activity, an item in
 *   the stage is idle ("rotting").
 * - `lossReasonRequired`: for failure stages, whether moving there needs a loss reason.
 */
export interface Stage {
  readonly id: string;
  readonly name: string;
  /** Names per language, when the host shows more than one. */
  readonly labels?: Labels | undefined;
  readonly sort: number;
  /** `#rrggbb`. */
  readonly color: string;
  readonly semantic: StageSemantic;
  /** Default probability of winning, 0–100, for items that enter the stage. */
  readonly probability?: number | undefined;
  readonly forecastCategory?: ForecastCategory | undefined;
  readonly idleDays?: number | undefined;
  readonly requiredFields?: readonly string[] | undefined;
  readonly lossReasonRequired?: boolean | undefined;
}

/**
 * A pipeline: the ordered stages an item of one entity type moves through. Deals may have many;
 * leads, invoices and quotes have one each.
 *
 * @example
 * ```ts
 * const pipeline: Pipeline = {
 *   id: 'sales', entityType: 'deal', name: 'Sales', sort: 10,
 *   stages: [
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process', probability: 10 },
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success', probability: 100 },
 *     { id: 'LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure', probability: 0 },
 *   ],
 * };
 * ```
 */
export interface Pipeline {
  readonly id: string;
  readonly entityType: StagedEntityType;
  readonly name: string;
  readonly sort?: number | undefined;
  /** The stages in order: process stages, then the success stage, then failure stages. */
  readonly stages: readonly Stage[];
}

/**
 * A reason for losing, from a catalog shared by all pipelines.
 */
export interface LossReason {
  readonly id: string;
  readonly labels: Labels;
  readonly sort?: number | undefined;
}
