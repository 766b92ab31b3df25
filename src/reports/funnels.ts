import { invalidArgument, isInstant, isPlainRecord } from '../kernel/index.js';
import type { Pipeline, StageSemantic } from '../pipelines/index.js';
import { checkedPipeline, durationsOf, isIterable } from './_internal/inputs.js';

/** One entry of a deal's stage history: the stage it entered, in which pipeline, and when. */
export interface StageEntry {
  readonly pipelineId: string;
  readonly stageId: string;
  readonly at: Date;
}

/**
 * What the funnels read of a deal: its pipeline and stage now, and the stages it entered, oldest
 * first (its `created` event's stage, then every move). A deal without history counts in its
 * current stage only.
 */
export interface FunnelDeal {
  readonly pipelineId: string;
  readonly stageId: string;
  readonly history?: readonly StageEntry[] | undefined;
}

/** One row of a funnel. */
export interface FunnelStage {
  readonly stageId: string;
  readonly name: string;
  readonly semantic: StageSemantic;
  /** How many deals the funnel counts in the stage. */
  readonly deals: number;
  /**
   * Along the way to the success stage: the share of this row's deals counted in the next row
   * (`null` when this row has none, and on the success and failure rows).
   */
  readonly conversionToNext: number | null;
}

/** A funnel of one pipeline. */
export interface Funnel {
  readonly kind: 'classic' | 'conversion';
  readonly pipelineId: string;
  /** The process stages in order, then the success stage, then the failure stages. */
  readonly stages: readonly FunnelStage[];
  /** The deals of the pipeline the funnel looked at. */
  readonly deals: number;
}

/**
 * The classic funnel of a pipeline: per stage, the deals that are in it or were in it, as their
 * histories show. A deal counts once per stage however often it came back.
 *
 * @param deals - Deals with their histories (any iterable); deals of other pipelines are left out.
 * @param pipeline - The pipeline.
 * @returns The funnel, with conversion from each process stage to the next.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed pipeline or deal.
 *
 * @example
 * ```ts
 * const t = (day: number) => new Date(Date.UTC(2026, 2, day));
 * const entered = (...stages: string[]) => stages.map((stageId, day) => ({ pipelineId: 'default', stageId, at: t(day + 1) }));
 * const deals = [
 *   { pipelineId: 'default', stageId: 'WON', history: entered('NEW', 'PREPARATION', 'WON') },
 *   { pipelineId: 'default', stageId: 'LOST', history: entered('NEW', 'LOST') },
 *   { pipelineId: 'default', stageId: 'NEGOTIATION', history: entered('NEW', 'NEGOTIATION') },
 * ];
 * // Each deal counts where it has been: the one now in NEGOTIATION skipped two stages.
 * const funnel = classicFunnel(deals, DEFAULT_DEAL_PIPELINE);
 * funnel.stages.map((stage) => [stage.stageId, stage.deals]);
 * //=> [['NEW', 3], ['PREPARATION', 1], ['PROPOSAL', 0], ['NEGOTIATION', 1], ['WON', 1], ['LOST', 1]]
 * ```
 */
export function classicFunnel(deals: Iterable<FunnelDeal>, pipeline: Pipeline): Funnel {
  return foldAll(deals, pipeline).classic();
}

/**
 * The conversion funnel of a pipeline: a deal counts in every process stage up to the furthest one
 * it reached, so that each stage shows how many deals got at least that far. A won deal counts in
 * every process stage and in the success stage. A lost deal counts only as far as it actually got
 * before it was lost (the furthest process stage in its history, and the stages before it), and
 * in its failure stage; never in the stages after, nor in the success stage. The rows along the
 * process never grow, so conversion from one stage to the next is at most 1.
 *
 * @param deals - Deals with their histories (any iterable); deals of other pipelines are left out.
 * @param pipeline - The pipeline.
 * @returns The funnel, with conversion from each process stage to the next and to the success stage.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed pipeline or deal.
 *
 * @example
 * ```ts
 * const t = (day: number) => new Date(Date.UTC(2026, 2, day));
 * const entered = (...stages: string[]) => stages.map((stageId, day) => ({ pipelineId: 'default', stageId, at: t(day + 1) }));
 * const deals = [
 *   // Won straight from NEW: it counts in every stage on the way.
 *   { pipelineId: 'default', stageId: 'WON', history: entered('NEW', 'WON') },
 *   // Lost after PREPARATION: it counts in NEW and PREPARATION only.
 *   { pipelineId: 'default', stageId: 'LOST', history: entered('NEW', 'PREPARATION', 'LOST') },
 *   { pipelineId: 'default', stageId: 'NEGOTIATION', history: entered('NEW', 'NEGOTIATION') },
 * ];
 * const funnel = conversionFunnel(deals, DEFAULT_DEAL_PIPELINE);
 * funnel.stages.map((stage) => [stage.stageId, stage.deals]);
 * //=> [['NEW', 3], ['PREPARATION', 3], ['PROPOSAL', 2], ['NEGOTIATION', 2], ['WON', 1], ['LOST', 1]]
 * funnel.stages[1]?.conversionToNext; //=> 2 / 3
 * ```
 */
export function conversionFunnel(deals: Iterable<FunnelDeal>, pipeline: Pipeline): Funnel {
  return foldAll(deals, pipeline).conversion();
}

/** How long deals stayed in one stage. */
export interface StageTime {
  readonly stageId: string;
  /** How many stays were measured (a deal that came back twice stayed twice). */
  readonly stays: number;
  /** In milliseconds; `null` without stays. */
  readonly meanMs: number | null;
  readonly medianMs: number | null;
}

/**
 * How long deals stay in each process stage of a pipeline: from entering a stage to entering the
 * next, from their histories. The stay a deal is still in counts up to `asOf` when it is given, and
 * is left out otherwise.
 *
 * @param deals - Deals with their histories.
 * @param pipeline - The pipeline.
 * @param options - `asOf`: the instant open stays are measured to.
 * @returns One row per process stage, in order.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed pipeline, deal or instant.
 *
 * @example
 * ```ts
 * const day = 86_400_000;
 * const deal = { pipelineId: 'default', stageId: 'WON', history: [
 *   { pipelineId: 'default', stageId: 'NEW', at: new Date(0) },
 *   { pipelineId: 'default', stageId: 'PREPARATION', at: new Date(2 * day) },
 *   { pipelineId: 'default', stageId: 'WON', at: new Date(7 * day) },
 * ] };
 * timeInStages([deal], DEFAULT_DEAL_PIPELINE).slice(0, 2).map((row) => [row.stageId, row.medianMs === null ? null : row.medianMs / day]);
 * //=> [['NEW', 2], ['PREPARATION', 5]]
 * ```
 */
export function timeInStages(deals: Iterable<FunnelDeal>, pipeline: Pipeline, options: { readonly asOf?: Date | undefined } = {}): StageTime[] {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options) || (options.asOf !== undefined && !isInstant(options.asOf))) throw invalidArgument('timeInStages takes options { asOf? } with a valid date.');
  return foldAll(deals, pipeline, options.asOf).timeInStages();
}

function foldAll(deals: Iterable<FunnelDeal>, pipeline: Pipeline, asOf?: Date): FunnelFold {
  const fold = new FunnelFold(checkedPipeline(pipeline), asOf);
  // Stryker disable next-line StringLiteral: message text
  if (!isIterable(deals)) throw invalidArgument('A funnel takes a list of deals.');
  for (const deal of deals) fold.add(checkFunnelDeal(deal));
  return fold;
}

/** A deal of a funnel as given, checked (internal to the reports). */
export function checkFunnelDeal(deal: unknown): FunnelDeal {
  // Stryker disable next-line StringLiteral: message text
  if (!isFunnelDeal(deal)) throw invalidArgument('A deal of a funnel is { pipelineId, stageId, history? } with its history a list of { pipelineId, stageId, at } in time order.');
  return deal;
}

/**
 * Both funnels and the time in stages of one pipeline, folded one deal at a time (internal to the
 * reports): the deals themselves are not kept, only a count per stage and the measured stays.
 */
export class FunnelFold {
  readonly #pipeline: Pipeline;
  readonly #index: ReadonlyMap<string, number>;
  readonly #success: number;
  readonly #asOf: Date | undefined;
  readonly #classic: number[];
  readonly #conversion: number[];
  readonly #stays: ReadonlyMap<string, number[]>;
  #deals = 0;

  constructor(pipeline: Pipeline, asOf?: Date  ) {
    this.#pipeline = pipeline;
    this.#index = new Map(pipeline.stages.map((stage, at) => [stage.id, at]));
    this.#success = pipeline.stages.findIndex((stage) => stage.semantic === 'success');
    this.#asOf = asOf;
    this.#classic = new Array<number>(pipeline.stages.length).fill(0);
    this.#conversion = new Array<number>(pipeline.stages.length).fill(0);
    this.#stays = new Map(pipeline.stages.filter((stage) => stage.semantic === 'process').map((stage) => [stage.id, []]));
  }

  /** Adds a checked deal; a deal of another pipeline is left out. */
  add(deal: FunnelDeal): void {
    if (deal.pipelineId !== this.#pipeline.id) return;
    this.#deals++;
    const { stages } = this.#pipeline;
    const seen = this.#visited(deal);
    for (const at of seen) this.#classic[at] = (this.#classic[at] ?? 0) + 1;
    const now = this.#index.get(deal.stageId);
    const semantic = now === undefined ? undefined : stages[now]?.semantic;
    let furthest = -1;
    for (const at of seen) if (stages[at]?.semantic === 'process' && at > furthest) furthest = at;
    // A won deal went through every process stage; one in progress, as far as its furthest.
    const reach = semantic === 'success' ? this.#success - 1 : furthest;
    for (let at = 0; at <= reach; at++) if (stages[at]?.semantic === 'process') this.#conversion[at] = (this.#conversion[at] ?? 0) + 1;
    if (now !== undefined && semantic !== 'process') this.#conversion[now] = (this.#conversion[now] ?? 0) + 1;
    const history = deal.history ?? [];
    history.forEach((entry, at) => {
      const next = history[at + 1];
      const until = next?.at ?? (deal.stageId === entry.stageId && deal.pipelineId === entry.pipelineId ? this.#asOf : undefined);
      const list = entry.pipelineId === this.#pipeline.id ? this.#stays.get(entry.stageId) : undefined;
      if (list !== undefined && until !== undefined) list.push(Math.max(0, until.getTime() - entry.at.getTime()));
    });
  }

  get pipelineId(): string {
    return this.#pipeline.id;
  }

  classic(): Funnel {
    return funnelOf('classic', this.#pipeline, this.#classic, this.#deals);
  }

  conversion(): Funnel {
    return funnelOf('conversion', this.#pipeline, this.#conversion, this.#deals);
  }

  timeInStages(): StageTime[] {
    return [...this.#stays].map(([stageId, list]) => ({ stageId, stays: list.length, ...durationsOf(list) }));
  }

  // The positions of the stages of the pipeline a deal is or was in.
  #visited(deal: FunnelDeal): Set<number> {
    const seen = new Set<number>();
    const now = this.#index.get(deal.stageId);
    if (now !== undefined) seen.add(now);
    for (const entry of deal.history ?? []) {
      if (entry.pipelineId !== deal.pipelineId) continue;
      const at = this.#index.get(entry.stageId);
      if (at !== undefined) seen.add(at);
    }
    return seen;
  }
}

function isFunnelDeal(value: unknown): value is FunnelDeal {
  if (!isPlainRecord(value) || typeof value.pipelineId !== 'string' || typeof value.stageId !== 'string') return false;
  if (value.history === undefined) return true;
  if (!Array.isArray(value.history)) return false;
  let last = Number.NEGATIVE_INFINITY;
  for (const entry of value.history as readonly unknown[]) {
    if (!isPlainRecord(entry) || typeof entry.pipelineId !== 'string' || typeof entry.stageId !== 'string' || !(entry.at instanceof Date)) return false;
    const time = entry.at.getTime();
    if (Number.isNaN(time) || time < last) return false;
    last = time;
  }
  return true;
}

function funnelOf(kind: Funnel['kind'], pipeline: Pipeline, counts: readonly number[], deals: number): Funnel {
  const stages = pipeline.stages.map((stage, at): FunnelStage => {
    const next = pipeline.stages[at + 1];
    const count = counts[at] ?? 0;
    const onTheWay = stage.semantic === 'process' && next !== undefined && next.semantic !== 'failure';
    return { stageId: stage.id, name: stage.name, semantic: stage.semantic, deals: count, conversionToNext: onTheWay && count > 0 ? (counts[at + 1] ?? 0) / count : null };
  });
  return { kind, pipelineId: pipeline.id, stages, deals };
}
