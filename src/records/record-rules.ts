import type { EntityType, FieldRegistry } from '../fields/index.js';
import { createFieldRegistry, isEntityType, toFieldRegistry } from '../fields/index.js';
import { invalidArgument, isPlainRecord, ValidationError } from '../kernel/index.js';
import type { LossReason, Pipeline, StagedEntityType } from '../pipelines/index.js';
import { plainArgument } from './_internal/plain-argument.js';
import {
  assertPipeline,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LEAD_STATUSES,
  DEFAULT_QUOTE_STAGES,
  checkLossReasons,
  STAGED_ENTITY_TYPES,
  getStageGroup,
} from '../pipelines/index.js';

/**
 * What the record planners know of one entity type: its field registry, its pipelines (deals may
 * have several, the first being the default for new deals; leads, invoices and quotes have one
 * list; other types none) and, for deals, the catalog loss reasons must come from. Made by
 * {@link defineRecordRules}, checked once.
 *
 * @example
 * ```ts
 * const rules: RecordRules<'deal'> = defineRecordRules('deal', { lossReasons: DEFAULT_LOSS_REASONS });
 * rules.pipelines[0]?.id; //=> 'default'
 * ```
 */
export interface RecordRules<E extends EntityType = EntityType> {
  readonly entityType: E;
  readonly registry: FieldRegistry<E>;
  /** The pipelines of a staged type, never empty for one; empty for other types. */
  readonly pipelines: readonly Pipeline[];
  /** The catalog of deal loss reasons, when there is one; without it any id is taken. */
  readonly lossReasons?: readonly LossReason[] | undefined;
}

/**
 * What {@link defineRecordRules} takes besides the entity type. Left out: the standard fields only,
 * and the default pipelines of the type (`DEFAULT_DEAL_PIPELINE`, `DEFAULT_LEAD_STATUSES`,
 * `DEFAULT_INVOICE_STAGES`, `DEFAULT_QUOTE_STAGES`).
 */
export interface RecordRulesOptions<E extends EntityType = EntityType> {
  readonly registry?: FieldRegistry<E> | undefined;
  readonly pipelines?: readonly Pipeline[] | undefined;
  readonly lossReasons?: readonly LossReason[] | undefined;
}

const DEFAULTS: Readonly<Record<StagedEntityType, Pipeline>> = {
  deal: DEFAULT_DEAL_PIPELINE,
  lead: DEFAULT_LEAD_STATUSES,
  invoice: DEFAULT_INVOICE_STAGES,
  quote: DEFAULT_QUOTE_STAGES,
};

// Rules made by defineRecordRules: frozen and checked, so planners trust them. A memo of frozen
// objects (docs/design-notes.md).
const DEFINED = new WeakSet<object>();


/**
 * Whether an entity type has stages: deals, leads, invoices and quotes.
 *
 * @param entityType - An entity type.
 * @returns `true` for a staged type.
 *
 * @example
 * ```ts
 * [isStagedType('deal'), isStagedType('contact')]; //=> [true, false]
 * ```
 */
export function isStagedType(entityType: EntityType): entityType is StagedEntityType {
  return (STAGED_ENTITY_TYPES as readonly string[]).includes(entityType);
}

/**
 * Checks and freezes what the record planners need for one entity type. Deal pipelines must have
 * distinct ids, and a stage id two of them share must be in the same stage group in both (so a
 * `stageGroup` filter means one thing); leads, invoices and quotes take exactly one list.
 *
 * @param entityType - The entity type.
 * @param options - Its registry, pipelines and (deals) loss-reason catalog; see {@link RecordRulesOptions}.
 * @returns The frozen rules.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an unknown entity type, a registry of
 * another type, pipelines of another type, or any of the problems above.
 *
 * @example
 * ```ts
 * defineRecordRules('lead').pipelines.map((p) => p.id); //=> ['lead']
 * defineRecordRules('contact').pipelines; //=> []
 * defineRecordRules('lead', { pipelines: [DEFAULT_LEAD_STATUSES, DEFAULT_LEAD_STATUSES] }); // throws INVALID_ARGUMENT
 * ```
 */
export function defineRecordRules<E extends EntityType>(entityType: E, options: RecordRulesOptions<E> = {}): RecordRules<E> {
  // Stryker disable next-line StringLiteral,ConditionalExpression: message text; without the check, createFieldRegistry refuses an unknown type with the same INVALID_ARGUMENT
  if (!isEntityType(entityType)) throw invalidArgument('defineRecordRules takes a known entity type.');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(options)) throw invalidArgument('defineRecordRules takes options { registry?, pipelines?, lossReasons? }.');
  const registry: FieldRegistry<E> = options.registry === undefined ? createFieldRegistry(entityType) : toFieldRegistry<E>(options.registry);
  // Stryker disable next-line StringLiteral: message text
  if (registry.entityType !== entityType) throw invalidArgument(`The registry is the registry of another entity type than ${entityType}.`);
  const pipelines = isStagedType(entityType) ? readPipelines(entityType, options.pipelines) : [];
  const given: unknown = options.pipelines;
  // Stryker disable next-line StringLiteral: message text
  if (!isStagedType(entityType) && given !== undefined && !(Array.isArray(given) && given.length === 0)) throw invalidArgument(`A ${entityType} has no pipelines.`);
  let lossReasons: readonly LossReason[] | undefined;
  if (options.lossReasons !== undefined) {
    // Stryker disable next-line StringLiteral: message text
    if (entityType !== 'deal') throw invalidArgument('Only deals have loss reasons.');
    const checked = checkLossReasons(options.lossReasons);
    // Stryker disable next-line StringLiteral: message text
    if (!checked.success) throw new ValidationError('INVALID_ARGUMENT', 'lossReasons is not a valid loss-reason catalog; see issues.', { issues: checked.issues });
    lossReasons = checked.data;
  }
  const rules: RecordRules<E> = Object.freeze(lossReasons === undefined ? { entityType, registry, pipelines } : { entityType, registry, pipelines, lossReasons });
  DEFINED.add(rules);
  return rules;
}

function readPipelines(entityType: StagedEntityType, given: unknown): readonly Pipeline[] {
  const list: unknown = given ?? [DEFAULTS[entityType]];
  // Stryker disable next-line StringLiteral: message text
  if (!Array.isArray(list) || list.length === 0) throw invalidArgument(`The pipelines of a ${entityType} are a non-empty list.`);
  // Stryker disable next-line StringLiteral: message text
  if (entityType !== 'deal' && list.length !== 1) throw invalidArgument(`A ${entityType} has exactly one stage list.`);
  const ids = new Set<string>();
  const groupOf = new Map<string, string | undefined>();
  for (const pipeline of list as readonly unknown[]) {
    assertPipeline(pipeline);
    // Stryker disable next-line StringLiteral: message text
    if (pipeline.entityType !== entityType) throw invalidArgument(`The pipelines of a ${entityType} are ${entityType} pipelines.`);
    // Stryker disable next-line StringLiteral: message text
    if (ids.has(pipeline.id)) throw invalidArgument('Two deal pipelines have the same id.');
    ids.add(pipeline.id);
    for (const stage of pipeline.stages) {
      const group = getStageGroup(pipeline, stage.id);
      if (groupOf.has(stage.id) && groupOf.get(stage.id) !== group) {
        // Stryker disable next-line StringLiteral: message text
        throw invalidArgument('A stage id shared by two deal pipelines is in a different stage group in each; give the stages distinct ids.');
      }
      groupOf.set(stage.id, group);
    }
  }
  return Object.freeze([...(list as readonly Pipeline[])]);
}

/** Rules as a planner uses them: those made by defineRecordRules as they are, anything else checked. */
export function readRules<E extends EntityType>(rules: RecordRules<E>): RecordRules<E> {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: a fast path; WeakSet.has is false for anything else, and rules checked again are the same rules
  if (typeof rules === 'object' && (rules as unknown) !== null && DEFINED.has(rules)) return rules;
  const given = plainArgument(rules, 'The rules');
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(given)) throw invalidArgument('The rules come from defineRecordRules.');
  return defineRecordRules(given.entityType, given);
}
