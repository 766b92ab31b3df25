import type { CalendarDate, Issue, Result } from '../kernel/index.js';
import { fail, issue, ok, ValidationError } from '../kernel/index.js';
import type { Money, RateTable, RoundingMode } from '../money/index.js';
import { sumMoney } from '../money/index.js';
import { amountOf, conversionFrom, convertedTotalOf, subtotalsOf } from './_internal/kanban-totals.js';
import type { Conversion } from './_internal/kanban-totals.js';
import { checkedPipeline, GROUP_OF } from './_internal/stage-pipeline.js';
import { currentStageId } from './_internal/transition-item.js';
import type { Pipeline, Stage, StageGroup } from './pipeline.js';
import { planTransition } from './plan-transition.js';
import type { TransitionContext, TransitionPlan } from './plan-transition.js';
import type { TransitionItem } from './stage-history.js';

/**
 * What a kanban board needs of an item: its id, its stage (`stageId`; `status` for leads), and
 * optionally its pipeline, amount and when it last moved. Deals, leads, invoices and quotes all fit.
 */
export interface KanbanItem {
  readonly id: string;
  /** The stage of a deal, invoice or quote. */
  readonly stageId?: string | undefined;
  /** The status of a lead (read when the pipeline's entity type is `lead`). */
  readonly status?: string | undefined;
  /** When present, it must be the board's pipeline. */
  readonly pipelineId?: string | undefined;
  readonly amount?: Money | undefined;
  /** When the stage last changed; orders the cards of a column (most recent first). */
  readonly movedAt?: Date | undefined;
}

/**
 * How the cards of a column are ordered: `recent` (the default) puts the most recently moved
 * first, then items without `movedAt`, ties broken by id (shorter first, so sequential ids sort
 * numerically); `input` keeps the order the items were given in.
 */
export type KanbanOrder = 'recent' | 'input';

/**
 * Options of {@link buildKanbanBoard}.
 *
 * - `includeFinal`: also build the final zone (the won stage and each lost stage); by default
 *   closed items are only counted aside in `hidden`.
 * - `currency`, `rates` and `on` (all three, or none): convert each column's per-currency
 *   subtotals into `currency` with the rates in force on `on`, so every column has a `total`.
 *   Without them columns only have per-currency `subtotals`.
 * - `round`: how each converted subtotal is rounded (default `'halfUp'`).
 */
export interface KanbanBoardOptions {
  readonly includeFinal?: boolean | undefined;
  readonly order?: KanbanOrder | undefined;
  /** The currency of every total. */
  readonly currency?: string | undefined;
  readonly rates?: RateTable | undefined;
  /** The day whose rates apply: `'YYYY-MM-DD'`, or an instant (its UTC day). */
  readonly on?: CalendarDate | Date | undefined;
  readonly round?: RoundingMode | undefined;
}

/**
 * One column of a board: a stage with its items, how many there are, and what they are worth.
 * `subtotals` has one amount per currency met, sorted by code (items without an amount add
 * nothing); `total` is there only when the board converts into one currency.
 */
export interface KanbanColumn<T> {
  readonly stage: Stage;
  readonly group: StageGroup;
  /** The cards shown: all of the stage's, or its first page on a board built from pages. */
  readonly items: readonly T[];
  /** How many items the stage holds in all (more than `items` when the board shows a page). */
  readonly count: number;
  readonly subtotals: readonly Money[];
  readonly total?: Money | undefined;
  /** Where the next page of cards starts, on a board built from pages that holds more. */
  readonly nextCursor?: string | undefined;
}

/**
 * The final zone of a board: the won stage and each lost stage, as separate columns.
 */
export interface KanbanFinalZone<T> {
  readonly won: KanbanColumn<T>;
  readonly lost: readonly KanbanColumn<T>[];
}

/**
 * Which rates a board's totals used: the target currency, the table's base, the day and the
 * rounding of each converted amount.
 */
export interface KanbanConversion {
  readonly currency: string;
  readonly base: string;
  readonly on: CalendarDate;
  readonly round: RoundingMode;
}

/**
 * Why an item is not on the board: its stage is not a stage of the pipeline, or it belongs to
 * another pipeline.
 */
export type KanbanUnplacedReason = 'unknown-stage' | 'other-pipeline';

/**
 * An item {@link buildKanbanBoard} could not place, with the reason.
 */
export interface KanbanUnplacedItem<T> {
  readonly item: T;
  readonly reason: KanbanUnplacedReason;
}

/**
 * A kanban board of one pipeline. Every item given is in exactly one place: a column, the final
 * zone, `hidden` (in a final stage while the final zone was not asked for) or `unplaced`.
 * `count`, `subtotals` and `total` sum the in-progress columns (the open pipeline); the final
 * zone's columns carry their own. `conversion` says which rates the totals used.
 */
export interface KanbanBoard<T> {
  readonly pipelineId: string;
  /** One column per in-progress stage, in stage (`sort`) order. */
  readonly columns: readonly KanbanColumn<T>[];
  readonly count: number;
  readonly subtotals: readonly Money[];
  readonly total?: Money | undefined;
  readonly conversion?: KanbanConversion | undefined;
  /** Only when `includeFinal` was set. */
  readonly final?: KanbanFinalZone<T> | undefined;
  /** Items in a final stage, left out because `includeFinal` was not set. */
  readonly hidden: readonly T[];
  readonly unplaced: readonly KanbanUnplacedItem<T>[];
}

/**
 * Lays out items on a kanban board: one column per in-progress stage in stage order (`sort`
 * order, as every function of the pipelines module reads stages), each with its items, count and
 * per-currency subtotals, and with a `total` in one currency when `currency`, `rates` and `on` are
 * given (each amount converted with {@link convertMoney}, then summed). Different currencies are
 * never added up raw. The final zone (won, and each lost stage) is built only with
 * `includeFinal`; otherwise closed items go to `hidden`, in input order. Items whose stage is not
 * in the pipeline, or whose `pipelineId` is another pipeline's, go to `unplaced`. An item is
 * placed by its stage, whatever its `closed` flag says. Pure: the day of the rates is an
 * argument, never the clock.
 *
 * @param items - The items to show (deals, leads, invoices or quotes of this pipeline).
 * @param pipeline - The pipeline whose stages are the columns.
 * @param options - Final zone, card order, and the currency, rates and day of the totals.
 * @returns The board.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for items that are not records with an id, a
 * pipeline {@link definePipeline} refuses, or malformed options (only some of `currency`, `rates`
 * and `on`, an unknown `order` or `round`); `INVALID_AMOUNT` for an amount that is not money;
 * `INVALID_DATE` for a malformed `on`; {@link UnknownCurrencyError}; {@link MissingRateError}
 * `NO_RATE` when an amount's currency has no rate on that day.
 *
 * @example
 * ```ts
 * const pipeline: Pipeline = {
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
 *     { id: 'PROPOSAL', name: 'Proposal', sort: 20, color: '#2f80ed', semantic: 'process' },
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
 *     { id: 'LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
 *   ],
 * };
 * const deals = [
 *   { id: '1', stageId: 'NEW', amount: money('100.00', 'EUR') },
 *   { id: '2', stageId: 'NEW', amount: money('50.00', 'USD') },
 *   { id: '3', stageId: 'PROPOSAL' },
 *   { id: '4', stageId: 'WON', amount: money('900.00', 'EUR') },
 *   { id: '5', stageId: 'ARCHIVED' },
 * ];
 * const board = buildKanbanBoard(deals, pipeline);
 * board.columns.map((column) => [column.stage.id, column.count]); //=> [['NEW', 2], ['PROPOSAL', 1]]
 * board.columns[0]?.subtotals; //=> [{ amount: '100.00', currency: 'EUR' }, { amount: '50.00', currency: 'USD' }]
 * board.hidden.map((deal) => deal.id); //=> ['4']
 * board.unplaced; //=> [{ item: { id: '5', stageId: 'ARCHIVED' }, reason: 'unknown-stage' }]
 *
 * const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] });
 * const inEur = buildKanbanBoard(deals, pipeline, { includeFinal: true, currency: 'EUR', rates, on: '2026-03-31' });
 * inEur.columns[0]?.total; //=> { amount: '145.00', currency: 'EUR' }
 * inEur.final?.won.total; //=> { amount: '900.00', currency: 'EUR' }
 * inEur.conversion; //=> { currency: 'EUR', base: 'EUR', on: '2026-03-31', round: 'halfUp' }
 * ```
 */
export function buildKanbanBoard<T extends KanbanItem>(
  items: Iterable<T>,
  pipeline: Pipeline,
  options: KanbanBoardOptions = {},
): KanbanBoard<T> {
  const { stages } = checkedPipeline(pipeline);
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'buildKanbanBoard takes options as an object (or none).');
  }
  const conversion = conversionFrom(options);
  const includeFinal = options.includeFinal === true;
  const order: unknown = options.order ?? 'recent';
  if (order !== 'recent' && order !== 'input') {
    throw new ValidationError('INVALID_ARGUMENT', "buildKanbanBoard: order is 'recent' or 'input'.");
  }

  const byStage = new Map<string, T[]>(stages.map((stage) => [stage.id, []]));
  const isFinal = new Set(stages.filter((stage) => stage.semantic !== 'process').map((stage) => stage.id));
  const hidden: T[] = [];
  const unplaced: KanbanUnplacedItem<T>[] = [];
  let index = 0;
  for (const item of iterableOf(items)) {
    const stageId = stageIdOf(item, pipeline.entityType, index);
    index++;
    const pipelineId: unknown = item.pipelineId;
    if (pipelineId !== undefined && pipelineId !== pipeline.id) {
      unplaced.push({ item, reason: 'other-pipeline' });
      continue;
    }
    // Stryker disable next-line ConditionalExpression: the map has no undefined key, so get(undefined) is undefined too
    const list = stageId === undefined ? undefined : byStage.get(stageId);
    if (list === undefined) unplaced.push({ item, reason: 'unknown-stage' });
    else if (!includeFinal && stageId !== undefined && isFinal.has(stageId)) hidden.push(item);
    else list.push(item);
  }

  // Stryker disable next-line ArrayDeclaration: the map holds a list for every stage, so the fallback is never read
  const board = assembleBoard(pipeline, (stage) => columnOf(stage, byStage.get(stage.id) ?? [], order, conversion), includeFinal, conversion);
  return { ...board, hidden, unplaced };
}

/**
 * The data of one column of a board built from pages (see {@link assembleKanbanBoard}): the
 * first cards, how many the stage holds in all, their totals, and where the next page starts.
 */
export interface KanbanColumnPage<T> {
  readonly items: readonly T[];
  readonly count: number;
  readonly subtotals: readonly Money[];
  readonly total?: Money | undefined;
  readonly nextCursor?: string | undefined;
}

/**
 * The stages of a board, as columns and the final zone: the in-progress stages in order, and the
 * success and failure stages when the final zone is shown.
 *
 * @param pipeline - The pipeline.
 * @param includeFinal - Whether the final zone is shown.
 * @returns Every stage the board shows, in order: columns first.
 *
 * @example
 * ```ts
 * listKanbanStages(DEFAULT_DEAL_PIPELINE, false).map((stage) => stage.id); //=> ['NEW', 'PREPARATION', 'PROPOSAL', 'NEGOTIATION']
 * listKanbanStages(DEFAULT_DEAL_PIPELINE, true).length; //=> 6
 * ```
 */
export function listKanbanStages(pipeline: Pipeline, includeFinal: boolean): readonly Stage[] {
  const { stages } = checkedPipeline(pipeline);
  return includeFinal ? [...stages.filter((stage) => stage.semantic === 'process'), ...stages.filter((stage) => stage.semantic !== 'process')] : stages.filter((stage) => stage.semantic === 'process');
}

/**
 * Assembles a board from one page per stage, for boards over more records than fit in memory:
 * the application layer reads, per stage of {@link listKanbanStages}, the first cards and the totals
 * (folded with {@link createKanbanTotals} while streaming), and this lays them out exactly as
 * {@link buildKanbanBoard} does, with the open pipeline's count and totals summed from the
 * columns. Nothing is hidden or unplaced: each page was read for its stage.
 *
 * @param pipeline - The pipeline.
 * @param pages - The page of each stage shown, by stage id; a missing one is an empty column.
 * @param options - `includeFinal`, and the totals' currency, rates, day and rounding (as
 * {@link buildKanbanBoard}; column totals must have been folded with the same).
 * @returns The board.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a pipeline {@link definePipeline} refuses
 * or malformed options.
 *
 * @example
 * ```ts
 * const pages = new Map([['NEW', { items: [{ id: '1', stageId: 'NEW', amount: money('100', 'EUR') }], count: 2, subtotals: [money('150', 'EUR')], nextCursor: 'more' }]]);
 * const board = assembleKanbanBoard(DEFAULT_DEAL_PIPELINE, pages);
 * [board.count, board.columns[0]?.nextCursor, board.subtotals]; //=> [2, 'more', [{ amount: '150.00', currency: 'EUR' }]]
 * ```
 */
export function assembleKanbanBoard<T extends KanbanItem>(
  pipeline: Pipeline,
  pages: ReadonlyMap<string, KanbanColumnPage<T>>,
  options: KanbanBoardOptions = {},
): KanbanBoard<T> {
  checkedPipeline(pipeline);
  const given: unknown = pages;
  if (!(given instanceof Map)) throw new ValidationError('INVALID_ARGUMENT', 'assembleKanbanBoard takes a Map of pages by stage id.');
  const conversion = conversionFrom(options);
  const column = (stage: Stage): KanbanColumn<T> => {
    const page = pages.get(stage.id);
    const base = { stage, group: GROUP_OF[stage.semantic], items: page?.items ?? [], count: page?.count ?? 0, subtotals: page?.subtotals ?? [] };
    const total = page?.total ?? (conversion === undefined ? undefined : sumMoney([], conversion.currency));
    return { ...base, ...(total === undefined ? {} : { total }), ...(page?.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  };
  return { ...assembleBoard(pipeline, column, options.includeFinal === true, conversion), hidden: [], unplaced: [] };
}

/**
 * A running total of a column's amounts, for boards folded over a stream or over a store's
 * aggregate: add each item's amount as it comes (`add`), or groups of items already summed per
 * currency (`addGroup`, with what `Repository.aggregate` gives), and read the count, per-currency
 * subtotals and converted total at the end (the same as {@link buildKanbanBoard} computes from a
 * list). Memory stays one sum per currency.
 *
 * @param options - The totals' currency, rates, day and rounding, or none.
 * @returns The accumulator.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options; `add` and `addGroup`
 * throw `INVALID_AMOUNT` for an amount that is not money, and `result` throws as
 * {@link buildKanbanBoard} does for a currency that has no rate.
 *
 * @example
 * ```ts
 * const totals = createKanbanTotals();
 * totals.add({ id: '1', amount: money('100', 'EUR') });
 * totals.add({ id: '2' });
 * totals.addGroup({ count: 4, subtotals: [money('5', 'USD'), money('0.50', 'EUR')] });
 * totals.result(); //=> { count: 6, subtotals: [{ amount: '100.50', currency: 'EUR' }, { amount: '5.00', currency: 'USD' }] }
 * ```
 */
export function createKanbanTotals(options: Pick<KanbanBoardOptions, 'currency' | 'rates' | 'on' | 'round'> = {}): {
  add(item: KanbanItem): void;
  addGroup(group: { readonly count: number; readonly subtotals: readonly Money[] }): void;
  result(): { readonly count: number; readonly subtotals: readonly Money[]; readonly total?: Money | undefined };
} {
  if (typeof options !== 'object' || (options as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'createKanbanTotals takes options (or none).');
  const conversion = conversionFrom(options);
  const sums = new Map<string, Money>();
  let count = 0;
  const addAmount = (amount: Money): void => {
    const known = sums.get(amount.currency);
    sums.set(amount.currency, sumMoney(known === undefined ? [amount] : [known, amount], amount.currency));
  };
  return {
    add(item) {
      count += 1;
      const amount = amountOf(item);
      if (amount !== undefined) addAmount(amount);
    },
    addGroup(group) {
      if (typeof group !== 'object' || (group as unknown) === null || !Number.isSafeInteger(group.count) || group.count < 0 || !Array.isArray(group.subtotals)) {
        throw new ValidationError('INVALID_ARGUMENT', 'addGroup takes { count, subtotals }: a whole count and a list of money.');
      }
      for (const given of group.subtotals as readonly unknown[]) {
        const amount = amountOf({ amount: given });
        if (amount === undefined) throw new ValidationError('INVALID_AMOUNT', 'A subtotal is money: { amount, currency }.');
        addAmount(amount);
      }
      count += group.count;
    },
    result() {
      // Stryker disable next-line EqualityOperator,ConditionalExpression: the keys are distinct currency codes, and V8's sort reads only whether a result is negative
      const subtotals = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, sum]) => sum);
      return conversion === undefined ? { count, subtotals } : { count, subtotals, total: convertedTotalOf(subtotals, conversion) };
    },
  };
}

// The layout every board shares: in-progress columns, the final zone when asked for, and the open
// pipeline's count and totals summed from the columns.
function assembleBoard<T>(
  pipeline: Pipeline,
  column: (stage: Stage) => KanbanColumn<T>,
  includeFinal: boolean,
  conversion: Conversion | undefined,
): Omit<KanbanBoard<T>, 'hidden' | 'unplaced'> {
  const { stages } = checkedPipeline(pipeline);
  const success = stages.find((stage) => stage.semantic === 'success');
  const columns = stages.filter((stage) => stage.semantic === 'process').map(column);
  const final: KanbanFinalZone<T> | undefined =
    // Stryker disable next-line ConditionalExpression: checkPipeline requires a success stage, so success is always found
    includeFinal && success !== undefined
      ? { won: column(success), lost: stages.filter((stage) => stage.semantic === 'failure').map(column) }
      : undefined;
  const subtotals = subtotalsOf(columns.flatMap((c) => c.subtotals));
  return {
    pipelineId: pipeline.id,
    columns,
    count: columns.reduce((sum, c) => sum + c.count, 0),
    subtotals,
    ...(conversion === undefined
      ? {}
      : {
          // What the board's own subtotals convert to, as a column's total is what its subtotals convert to.
          total: convertedTotalOf(subtotals, conversion),
          conversion: { currency: conversion.currency, base: conversion.rates.base, on: conversion.on, round: conversion.round },
        }),
    ...(final === undefined ? {} : { final }),
  };
}

/**
 * Where a card is dropped on a board: on an in-progress column (`{ column: stageId }`), or into the
 * final zone as won (`{ zone: 'won' }`) or lost (`{ zone: 'lost', stageId? }`; the stage may be
 * left out when the pipeline has a single lost stage).
 */
export type KanbanTarget =
  | { readonly column: string }
  | { readonly zone: 'won' }
  | { readonly zone: 'lost'; readonly stageId?: string | undefined };

/**
 * What {@link planKanbanMove} needs besides the board's pipeline: the context of
 * {@link planTransition} without `pipeline`.
 */
export type KanbanMoveContext = Omit<TransitionContext, 'pipeline'>;

/**
 * Plans the move of a card dropped on a board: {@link planTransition} with the board's rules.
 * Dropping on a column moves the item to that in-progress stage; dropping into the final zone
 * closes it: `{ zone: 'won' }` moves it to the success stage, `{ zone: 'lost', stageId }` to that
 * failure stage (with no `stageId`, the pipeline's only failure stage). What the drop cannot decide
 * is returned as issues, never thrown: a column that is not an in-progress stage of the pipeline
 * (`INVALID_STAGE_TRANSITION`), a lost stage that is not one, or several lost stages and none
 * chosen (`REQUIRED` at `['target', 'stageId']`); then whatever `planTransition` returns.
 *
 * @param item - The item on the card.
 * @param pipeline - The board's pipeline.
 * @param target - Where the card was dropped.
 * @param context - When, by whom, and what `planTransition` needs (loss reason, principal, ...).
 * @returns The transition plan, or the issues.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a target that is none of the shapes
 * above, a pipeline {@link definePipeline} refuses, or a context that is not an object; whatever
 * {@link planTransition} throws.
 *
 * @example
 * ```ts
 * const pipeline: Pipeline = {
 *   id: 'sales', entityType: 'deal', name: 'Sales',
 *   stages: [
 *     { id: 'NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
 *     { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
 *     { id: 'LOST_PRICE', name: 'Too expensive', sort: 100, color: '#eb5757', semantic: 'failure' },
 *     { id: 'LOST_SILENT', name: 'No answer', sort: 110, color: '#eb5757', semantic: 'failure' },
 *   ],
 * };
 * const at = new Date('2026-03-02T10:00:00Z');
 * const deal = {
 *   id: 'd-1', version: 1, createdAt: at, updatedAt: at, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
 *   title: 'Laptops', pipelineId: 'sales', stageId: 'NEW', amountIsManual: false, probabilityIsManual: false, opened: false, closed: false,
 *   isReturnCustomer: false, isRepeatedApproach: false, movedAt: at, movedById: 'u-1',
 * };
 * const context = { at: new Date('2026-03-05T09:00:00Z'), byId: 'u-2' };
 * const won = planKanbanMove(deal, pipeline, { zone: 'won' }, context);
 * won.success && [won.data.patch.stageId, won.data.patch.closed]; //=> ['WON', true]
 * const lost = planKanbanMove(deal, pipeline, { zone: 'lost' }, context);
 * lost.success ? [] : lost.issues.map((found) => [found.code, found.path]); //=> [['REQUIRED', ['target', 'stageId']]]
 * ```
 */
export function planKanbanMove(
  item: TransitionItem,
  pipeline: Pipeline,
  target: KanbanTarget,
  context: KanbanMoveContext,
): Result<TransitionPlan> {
  const resolved = resolveKanbanTarget(pipeline, target);
  if (!resolved.success) return resolved;
  const given: unknown = context;
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'planKanbanMove takes a context: { at, byId, ... }.');
  }
  return planTransition(item, resolved.data, { ...context, pipeline });
}

/**
 * The stage a drop on a board means: a column's in-progress stage, the success stage for the won
 * zone, or a failure stage for the lost zone (the only one, or the one chosen).
 *
 * @param pipeline - The board's pipeline.
 * @param target - Where the card was dropped.
 * @returns The stage id, or the issue that stops the drop (`INVALID_STAGE_TRANSITION` for a
 * column that is no in-progress stage or a lost stage that is not one; `REQUIRED` at
 * `['target', 'stageId']` when the pipeline has several lost stages and none was chosen).
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed target or pipeline.
 *
 * @example
 * ```ts
 * resolveKanbanTarget(DEFAULT_DEAL_PIPELINE, { zone: 'won' }); //=> { success: true, data: 'WON' }
 * resolveKanbanTarget(DEFAULT_DEAL_PIPELINE, { column: 'WON' }).success; //=> false
 * ```
 */
export function resolveKanbanTarget(pipeline: Pipeline, target: KanbanTarget): Result<string> {
  const { stages } = checkedPipeline(pipeline);
  const resolved = stageForTarget(stages, target);
  return typeof resolved === 'string' ? ok(resolved) : fail(resolved);
}

// The stage a drop means, or the issue that stops it.
function stageForTarget(stages: readonly Stage[], target: KanbanTarget): string | Issue {
  const given: unknown = target;
  if (typeof given !== 'object' || given === null) throw badTarget();
  if ('column' in given) {
    const column: unknown = given.column;
    if (typeof column !== 'string') throw badTarget();
    const stage = stages.find((s) => s.id === column);
    if (stage === undefined) return issue('INVALID_STAGE_TRANSITION', 'The column is not a stage of this pipeline.', ['target', 'column']);
    if (stage.semantic !== 'process') {
      return issue(
        'INVALID_STAGE_TRANSITION',
        "The column is a final stage: drop into the final zone with { zone: 'won' } or { zone: 'lost', stageId }.",
        ['target', 'column'],
      );
    }
    return stage.id;
  }
  const zone: unknown = (given as { zone?: unknown }).zone;
  if (zone === 'won') {
    const success = stages.find((s) => s.semantic === 'success');
    // Stryker disable next-line OptionalChaining,StringLiteral,ArrayDeclaration: checkPipeline requires a success stage, so this issue cannot be reached
    return success?.id ?? issue('INVALID_STAGE_TRANSITION', 'The pipeline has no success stage.', ['target', 'zone']);
  }
  if (zone !== 'lost') throw badTarget();
  const failures = stages.filter((s) => s.semantic === 'failure');
  const chosen: unknown = (given as { stageId?: unknown }).stageId;
  if (chosen === undefined) {
    const [only, ...others] = failures;
    if (only === undefined) return issue('INVALID_STAGE_TRANSITION', 'The pipeline has no lost stage.', ['target', 'zone']);
    if (others.length > 0) return issue('REQUIRED', 'The pipeline has several lost stages: choose one with target.stageId.', ['target', 'stageId']);
    return only.id;
  }
  if (typeof chosen !== 'string') throw badTarget();
  const stage = failures.find((s) => s.id === chosen);
  return stage?.id ?? issue('INVALID_STAGE_TRANSITION', 'The stage is not a lost stage of this pipeline.', ['target', 'stageId']);
}

function badTarget(): ValidationError {
  return new ValidationError(
    'INVALID_ARGUMENT',
    "A kanban drop target is { column: stageId }, { zone: 'won' } or { zone: 'lost', stageId? }.",
  );
}

function columnOf<T extends KanbanItem>(stage: Stage, items: readonly T[], order: KanbanOrder, conversion: Conversion | undefined): KanbanColumn<T> {
  const sorted = order === 'recent' ? [...items].sort(byRecent) : items;
  const subtotals = subtotalsOf(sorted.flatMap((item) => amountList(item)));
  return {
    stage,
    group: GROUP_OF[stage.semantic],
    items: sorted,
    count: sorted.length,
    subtotals,
    ...(conversion === undefined ? {} : { total: convertedTotalOf(subtotals, conversion) }),
  };
}

function amountList(item: KanbanItem): Money[] {
  const amount = amountOf(item);
  return amount === undefined ? [] : [amount];
}

// Most recently moved first; items without a valid movedAt after them; then ids in natural order.
function byRecent(a: KanbanItem, b: KanbanItem): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== tb) return tb - ta;
  if (a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// Undated (or invalid) instants sort below every date.
function timeOf(item: KanbanItem): number {
  const moved: unknown = item.movedAt;
  const time = moved instanceof Date ? moved.getTime() : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function iterableOf<T>(items: Iterable<T>): Iterable<T> {
  const given: unknown = items;
  if (typeof given !== 'object' || given === null || !(Symbol.iterator in given) || typeof given === 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'buildKanbanBoard takes an iterable of items.');
  }
  return items;
}

// The stage of an item: `status` for leads, `stageId` for the rest; undefined when it has none.
function stageIdOf(item: KanbanItem, entityType: Pipeline['entityType'], index: number): string | undefined {
  const given: unknown = item;
  if (typeof given !== 'object' || given === null || typeof (given as { id?: unknown }).id !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', `buildKanbanBoard: the item at index ${index} is not a record with an id.`);
  }
  const stage = currentStageId(item, entityType);
  // Stryker disable next-line ConditionalExpression: no stage has a non-string id, so such an item is unplaced either way
  return typeof stage === 'string' ? stage : undefined;
}
