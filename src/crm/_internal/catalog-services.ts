import type { Principal } from '../../access/index.js';
import { assertCan, levelFor, visibleFields } from '../../access/index.js';
import type { EntityRecord } from '../../entities/index.js';
import type { EntityType, FieldDefinition } from '../../fields/index.js';
import { ENTITY_TYPES, isEntityType, standardFieldsOf } from '../../fields/index.js';
import { isPlainRecord } from '../../kernel/index.js';
import type { KanbanBoard, KanbanBoardOptions, Pipeline, StagedEntityType } from '../../pipelines/index.js';
import { buildKanbanBoard, STAGED_ENTITY_TYPES } from '../../pipelines/index.js';
import type { FilterClause, Query } from '../../store/index.js';
import type { CrmKanbanOptions, FieldService, FieldsView, PipelineService } from '../types.js';
import type { Context } from './context.js';
import { invalid } from './context.js';
import type { RecordOps } from './record-service.js';
import { isStaged } from './record-service.js';
import { deepFreeze } from './records.js';

const KANBAN_KEYS: ReadonlySet<string> = new Set(['pipelineId', 'where', 'includeFinal']);

function checkStagedType(entityType: unknown): asserts entityType is StagedEntityType {
  if (!isEntityType(entityType) || !isStaged(entityType)) throw invalid(`The entity type is one of ${STAGED_ENTITY_TYPES.join(', ')}.`);
}

function checkEntityType(entityType: unknown): asserts entityType is EntityType {
  if (!isEntityType(entityType)) throw invalid(`The entity type is one of ${ENTITY_TYPES.join(', ')}.`);
}

/** The pipelines of a staged type whose records a person may read (per pipeline for deals). */
function readablePipelines(context: Context, principal: Principal, entityType: StagedEntityType): readonly Pipeline[] {
  return context.pipelines[entityType].filter((pipeline) => {
    const options = entityType === 'deal' ? { pipelineId: pipeline.id } : undefined;
    return levelFor(context.access, principal, 'read', entityType, options) !== 'none';
  });
}

/**
 * The pipelines service of one person: the pipelines they may read records of, and kanban boards
 * built from the records they may read (streamed through the same checked, scoped query as
 * `find`), with totals in the report currency when the CRM has one and rates.
 */
export function pipelineService(context: Context, principal: Principal, opsOf: (entityType: StagedEntityType) => RecordOps): PipelineService {
  return Object.freeze({
    list(entityType: StagedEntityType): readonly Pipeline[] {
      checkStagedType(entityType);
      return readablePipelines(context, principal, entityType);
    },

    async kanban<E extends StagedEntityType>(entityType: E, options: CrmKanbanOptions = {}): Promise<KanbanBoard<EntityRecord<E>>> {
      checkStagedType(entityType);
      if (!isPlainRecord(options) || Object.keys(options).some((key) => !KANBAN_KEYS.has(key))) {
        throw invalid('Kanban options are { pipelineId?, where?, includeFinal? }.');
      }
      const { pipelineId, where = [], includeFinal } = options;
      if (pipelineId !== undefined && typeof pipelineId !== 'string') throw invalid('pipelineId is a pipeline id.');
      if (!Array.isArray(where)) throw invalid('where is a list of clauses.');
      if (includeFinal !== undefined && typeof includeFinal !== 'boolean') throw invalid('includeFinal is true or false.');
      // No read permission on the type at all is FORBIDDEN, as for find; a pipeline the person may
      // not read is answered like one that does not exist.
      assertCan(context.access, principal, 'read', entityType);
      const pipelines = readablePipelines(context, principal, entityType);
      const pipeline = pipelineId === undefined ? pipelines[0] : pipelines.find((candidate) => candidate.id === pipelineId);
      if (pipeline === undefined) throw invalid('pipelineId names no pipeline of this entity type that you may read.');

      const ops = opsOf(entityType);
      const clauses: readonly FilterClause[] = entityType === 'deal' ? [...(where as FilterClause[]), { field: 'pipelineId', op: 'eq', value: pipeline.id }] : (where as FilterClause[]);
      const query: Query = ops.readQuery({ where: clauses, limit: context.store.capabilities.maxPageSize });
      const items: EntityRecord<E>[] = [];
      for await (const record of context.store.repository(entityType).stream(query)) items.push(ops.project(record) as unknown as EntityRecord<E>);
      const { reportCurrency, rounding } = context.settings;
      const boardOptions: KanbanBoardOptions =
        reportCurrency !== undefined && context.rates !== undefined
          ? { includeFinal, currency: reportCurrency, rates: context.rates, on: context.clock.now(), round: rounding }
          : { includeFinal };
      return deepFreeze(buildKanbanBoard(items as never[], pipeline, boardOptions));
    },
  });
}

/** The fields service of one person: standard fields, and the custom fields they can see. */
export function fieldService(context: Context, principal: Principal): FieldService {
  return Object.freeze({
    list(entityType: EntityType): FieldsView {
      checkEntityType(entityType);
      const registry = context.registries[entityType];
      const custom = [...visibleFields(principal, registry)].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
      return deepFreeze({ standard: standardFieldsOf(entityType), custom });
    },

    get(entityType: EntityType, code: string): FieldDefinition | undefined {
      checkEntityType(entityType);
      if (typeof code !== 'string') throw invalid('A field code is a string.');
      return visibleFields(principal, context.registries[entityType]).find((definition) => definition.code === code);
    },
  });
}
