import type { Principal } from '../../access/index.js';
import { assertCan, getAccessLevel, listVisibleFields } from '../../access/index.js';
import type { EntityRecord } from '../../entities/index.js';
import type { EntityType, FieldDefinition } from '../../fields/index.js';
import { ENTITY_TYPES, isEntityType, listStandardFields } from '../../fields/index.js';
import { invalidArgument, isPlainRecord, sealPlain } from '../../kernel/index.js';
import type { KanbanBoard, KanbanBoardOptions, KanbanColumnPage, KanbanTarget, Pipeline, StagedEntityType } from '../../pipelines/index.js';
import { assembleKanbanBoard, createKanbanTotals, listKanbanStages, resolveKanbanTarget, STAGED_ENTITY_TYPES, getStageField } from '../../pipelines/index.js';
import { planMoveRecord } from '../../records/index.js';
import type { FilterClause } from '../../store/index.js';
import type { CrmKanbanOptions, FieldService, FieldsView, PipelineService } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { readQuery } from './record-service.js';
import { applyWrites, checkId, checkNeeds, checkVersion, checkWriteOptions, loadForChange, planFailure, projected } from './records.js';

const KANBAN_KEYS: ReadonlySet<string> = new Set(['pipelineId', 'where', 'includeFinal', 'perColumn', 'cursors']);
const DEFAULT_PER_COLUMN = 50;

function checkStagedType(entityType: unknown): asserts entityType is StagedEntityType {
  // Stryker disable next-line StringLiteral: message text
  if (!isEntityType(entityType) || !(STAGED_ENTITY_TYPES as readonly string[]).includes(entityType)) throw invalidArgument(`The entity type is one of ${STAGED_ENTITY_TYPES.join(', ')}.`);
}

function checkEntityType(entityType: unknown): asserts entityType is EntityType {
  // Stryker disable next-line StringLiteral: message text
  if (!isEntityType(entityType)) throw invalidArgument(`The entity type is one of ${ENTITY_TYPES.join(', ')}.`);
}

/** The pipelines of a staged type whose records a person may read (per pipeline for deals). */
function readablePipelines(context: Context, principal: Principal, entityType: StagedEntityType): readonly Pipeline[] {
  return context.rules[entityType].pipelines.filter((pipeline) => {
    const options = entityType === 'deal' ? { pipelineId: pipeline.id } : undefined;
    return getAccessLevel(context.access, principal, 'read', entityType, options) !== 'none';
  });
}

/** The board's pipeline: the one named (or the first), among those the person may read. */
function boardPipeline(context: Context, principal: Principal, entityType: StagedEntityType, pipelineId: unknown): Pipeline {
  // Stryker disable next-line StringLiteral: message text
  if (pipelineId !== undefined && typeof pipelineId !== 'string') throw invalidArgument('pipelineId is a pipeline id.');
  // No read permission on the type at all is FORBIDDEN, as for find; a pipeline the person may
  // not read is answered like one that does not exist.
  assertCan(context.access, principal, 'read', entityType);
  const pipelines = readablePipelines(context, principal, entityType);
  const pipeline = pipelineId === undefined ? pipelines[0] : pipelines.find((candidate) => candidate.id === pipelineId);
  // Stryker disable next-line StringLiteral: message text
  if (pipeline === undefined) throw invalidArgument('pipelineId names no pipeline of this entity type that you may read.');
  return pipeline;
}

/**
 * The pipelines service of one person: the pipelines they may read records of, kanban boards of
 * the records they may read (one page of cards per column; every column's count and sums from one
 * `aggregate` of the store, answered in its database when it has the capability and folded over a
 * stream otherwise, so memory stays bounded whatever the board's size), and a drop on a board as
 * one checked write.
 */
export function pipelineService(context: Context, principal: Principal): PipelineService {
  return Object.freeze({
    list(entityType: StagedEntityType): readonly Pipeline[] {
      checkStagedType(entityType);
      return readablePipelines(context, principal, entityType);
    },

    async kanban<E extends StagedEntityType>(entityType: E, options: CrmKanbanOptions = {}): Promise<KanbanBoard<EntityRecord<E>>> {
      checkStagedType(entityType);
      // Stryker disable next-line StringLiteral: message text
      const given = snapshotArgument(options, 'The kanban options');
      if (!isPlainRecord(given) || Object.keys(given).some((key) => !KANBAN_KEYS.has(key))) {
        // Stryker disable next-line StringLiteral: message text
        throw invalidArgument('Kanban options are { pipelineId?, where?, includeFinal?, perColumn?, cursors? }.');
      }
      const { where = [], includeFinal, perColumn = DEFAULT_PER_COLUMN, cursors = {} } = given;
      // Stryker disable next-line StringLiteral: message text
      if (!Array.isArray(where)) throw invalidArgument('where is a list of clauses.');
      // Stryker disable next-line StringLiteral: message text
      if (includeFinal !== undefined && typeof includeFinal !== 'boolean') throw invalidArgument('includeFinal is true or false.');
      const maxPageSize = context.store.capabilities.maxPageSize;
      // Stryker disable next-line StringLiteral: message text
      if (typeof perColumn !== 'number' || !Number.isSafeInteger(perColumn) || perColumn < 1 || perColumn > maxPageSize) throw invalidArgument(`perColumn is a whole number from 1 to ${maxPageSize}.`);
      // Stryker disable next-line StringLiteral: message text
      if (!isPlainRecord(cursors)) throw invalidArgument('cursors maps stage ids to the nextCursor of their column.');
      const pipeline = boardPipeline(context, principal, entityType, given.pipelineId);

      const stageField = getStageField(entityType);
      const clauses: readonly FilterClause[] = entityType === 'deal' ? [...(where as FilterClause[]), { field: 'pipelineId', op: 'eq', value: pipeline.id }] : (where as FilterClause[]);
      // A filter that admits a won or lost stage (a stage group, or a final stage by id) shows the
      // final zone: that is how closed records are seen on a board.
      const admitted = readQuery(context, principal, entityType, { where: clauses, limit: 1 }).where;
      const showFinal =
        includeFinal === true ||
        admitted.some(
          (clause) =>
            clause.field === stageField &&
            (clause.op === 'eq' || clause.op === 'in') &&
            pipeline.stages.some((stage) => stage.semantic !== 'process' && (clause.op === 'eq' ? clause.value === stage.id : (clause.value as readonly unknown[]).includes(stage.id))),
        );
      const { reportCurrency, rounding } = context.settings;
      const totalsOptions: KanbanBoardOptions =
        reportCurrency !== undefined && context.rates !== undefined ? { currency: reportCurrency, rates: context.rates, on: context.now(), round: rounding } : {};
      const repository = context.store.repository(entityType);
      const stages = listKanbanStages(pipeline, showFinal);
      // Every column's count and sums in one aggregate, in the database where the store can.
      const groups = await repository.aggregate(
        readQuery(context, principal, entityType, { where: [...clauses, { field: stageField, op: 'in', value: stages.map((stage) => stage.id) }], limit: 1 }),
        { groupBy: [stageField], sum: ['amount'] },
      );
      const pages = new Map<string, KanbanColumnPage<EntityRecord<E>>>();
      for (const stage of stages) {
        const column = [...clauses, { field: stageField, op: 'eq' as const, value: stage.id }];
        const cursor: unknown = cursors[stage.id];
        const page = await repository.find(
          // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
          readQuery(context, principal, entityType, { where: column, sort: [{ field: 'movedAt', direction: 'desc' }], limit: perColumn, ...(cursor === undefined ? {} : { cursor }) }),
        );
        const totals = createKanbanTotals(totalsOptions);
        const group = groups.find((one) => one.key[0] === stage.id);
        if (group !== undefined) totals.addGroup({ count: group.count, subtotals: group.sums.amount ?? [] });
        const items = page.items.map((record) => projected(context, principal, entityType, record) as unknown as EntityRecord<E>);
        pages.set(stage.id, { items, ...totals.result(), ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) });
      }
      return sealPlain(assembleKanbanBoard(pipeline, pages, { includeFinal: showFinal, ...totalsOptions }));
    },

    async moveOnBoard<E extends StagedEntityType>(entityType: E, id: string, target: KanbanTarget, options: { readonly expectedVersion: number; readonly lossReasonId?: string | undefined }): Promise<EntityRecord<E>> {
      checkStagedType(entityType);
      checkId(id);
      // Stryker disable next-line StringLiteral: message text
      const args = snapshotArgument({ target, options }, 'The drop');
      const expectedVersion = checkWriteOptions(args.options, ['expectedVersion', 'lossReasonId']);
      const lossReasonId: unknown = isPlainRecord(args.options) ? args.options.lossReasonId : undefined;
      // Stryker disable next-line StringLiteral: message text
      if (lossReasonId !== undefined && (typeof lossReasonId !== 'string' || lossReasonId === '')) throw invalidArgument('lossReasonId is a non-empty string.');
      const rules = context.rules[entityType];
      const saved = await context.store.transaction(async (scope) => {
        const current = await loadForChange(context, principal, scope, entityType, id, 'update');
        checkVersion(entityType, current, expectedVersion);
        const pipeline = rules.pipelines.find((candidate) => entityType !== 'deal' || candidate.id === (current as unknown as { pipelineId?: string }).pipelineId);
        // Stryker disable next-line StringLiteral: message text
        if (pipeline === undefined) throw planFailure(entityType, [{ code: 'INVALID_VALUE', path: ['pipelineId'], message: 'Not a pipeline of this CRM.' }]);
        const stage = resolveKanbanTarget(pipeline, args.target);
        if (!stage.success) throw planFailure(entityType, stage.issues);
        // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
        const planned = planMoveRecord(rules as never, principal, current as never, { stageId: stage.data }, { at: context.now(), ...(lossReasonId === undefined ? {} : { lossReasonId }) });
        if (!planned.success) throw planFailure(entityType, planned.issues);
        checkNeeds(context, principal, planned.data);
        await applyWrites(context, scope, planned.data);
        return planned.data.record;
      });
      return projected(context, principal, entityType, saved);
    },
  });
}

/** The fields service of one person: standard fields, and the custom fields they can see. */
export function fieldService(context: Context, principal: Principal): FieldService {
  return Object.freeze({
    list(entityType: EntityType): FieldsView {
      checkEntityType(entityType);
      const custom = [...listVisibleFields(context.rules[entityType].registry, principal)].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
      return sealPlain({ standard: listStandardFields(entityType), custom });
    },

    get(entityType: EntityType, code: string): FieldDefinition | undefined {
      checkEntityType(entityType);
      // Stryker disable next-line StringLiteral: message text
      if (typeof code !== 'string') throw invalidArgument('A field code is a string.');
      return listVisibleFields(context.rules[entityType].registry, principal).find((definition) => definition.code === code);
    },
  });
}
