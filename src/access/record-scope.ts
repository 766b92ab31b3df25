import type { EntityType } from '../fields/index.js';
import { ValidationError } from '../kernel/index.js';
import { checkAction, checkEntityType, checkRecord, isObject, pipelineOption } from './_internal/checks.js';
import { checkPolicy, effectiveLevel, overriddenPipelines, teamFor } from './_internal/resolve.js';
import type { AccessPolicy } from './access-policy.js';
import type { AccessRecord } from './can.js';
import type { PipelineOptions } from './level-for.js';
import type { AccessAction, AccessLevel } from './levels.js';
import type { Principal } from './principal.js';
import { assertPrincipal } from './principal.js';

/**
 * Which records of one pipeline (or of an entity type without pipelines) an action reaches:
 * every record, none, or those whose responsible person is one of `assignedToAnyOf` — plus, when
 * `includeOpened`, every record marked `opened`.
 */
export type BasicRecordScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'restricted';
      /** User ids, sorted, each once; the principal is always among them. */
      readonly assignedToAnyOf: readonly string[];
      /** Whether records with `opened: true` are in scope whoever is responsible. */
      readonly includeOpened: boolean;
    };

/**
 * The scope of one deal pipeline inside a {@link PerPipelineRecordScope}.
 */
export interface PipelineScope {
  readonly pipelineId: string;
  readonly scope: BasicRecordScope;
}

/**
 * The scope of deals across pipelines when the principal's roles set different levels for some
 * pipelines: those pipelines' own scopes, and the scope of every other deal (other pipelines or
 * none).
 *
 * @example
 * ```ts
 * const scope: PerPipelineRecordScope = {
 *   kind: 'byPipeline',
 *   pipelines: [{ pipelineId: 'wholesale', scope: { kind: 'none' } }],
 *   otherPipelines: { kind: 'all' },
 * };
 * ```
 */
export interface PerPipelineRecordScope {
  readonly kind: 'byPipeline';
  /** Sorted by pipeline id; only pipelines whose scope differs from `otherPipelines`. */
  readonly pipelines: readonly PipelineScope[];
  readonly otherPipelines: BasicRecordScope;
}

/**
 * The records an action reaches, as plain data a store can turn into a query condition instead
 * of filtering rows after reading them. {@link isInScope} tests one record against it.
 */
export type RecordScope = BasicRecordScope | PerPipelineRecordScope;

/**
 * The records of an entity type a principal may perform an action on, as a {@link RecordScope}:
 * `all` (level `all`, or an administrator), `none` (level `none`), or `restricted` to the records
 * whose responsible person is in `assignedToAnyOf` (the principal, plus the members of their
 * departments for `department`, plus those of the departments below for `subdepartments` and
 * `open`), with `includeOpened` for `open`. For deals without a `pipelineId`, when the principal's
 * roles set other levels for some pipelines, the scope is `byPipeline`. A record is in the scope
 * exactly when {@link can} allows the action on it.
 *
 * @param policy - Roles and org chart, from {@link createAccessPolicy}.
 * @param principal - Who asks.
 * @param action - One of `ACCESS_ACTIONS`.
 * @param entityType - One of `ENTITY_TYPES`.
 * @param options - For deals, one pipeline: then the scope is never `byPipeline`.
 * @returns The scope.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed policy or principal, an
 * unknown action or entity type, or a `pipelineId` that is not a non-empty string.
 *
 * @example
 * ```ts
 * const policy = createAccessPolicy({
 *   roles: [{ id: 'sales', name: 'Sales', permissions: { company: { read: 'open' }, deal: { read: 'all' } }, dealPipelines: { vip: { read: 'own' } } }],
 *   orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-leo', 'u-ana'] }] },
 * });
 * const ana = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
 * buildRecordScope(policy, ana, 'read', 'company');
 * //=> { kind: 'restricted', assignedToAnyOf: ['u-ana', 'u-leo'], includeOpened: true }
 * buildRecordScope(policy, ana, 'read', 'deal', { pipelineId: 'sales' }); //=> { kind: 'all' }
 * buildRecordScope(policy, ana, 'read', 'deal').kind; //=> 'byPipeline'
 * buildRecordScope(policy, ana, 'delete', 'deal'); //=> { kind: 'none' }
 * ```
 */
export function buildRecordScope(
  policy: AccessPolicy,
  principal: Principal,
  action: AccessAction,
  entityType: EntityType,
  options?: PipelineOptions,
): RecordScope {
  checkPolicy(policy);
  assertPrincipal(principal);
  checkAction(action);
  checkEntityType(entityType);
  const pipelineId = pipelineOption(options);
  const scopeOf = (id: string | undefined): BasicRecordScope =>
    scopeForLevel(policy, principal, effectiveLevel(policy, principal, action, entityType, id));
  const otherPipelines = scopeOf(pipelineId);
  // Stryker disable next-line ConditionalExpression: for other entity types every pipeline scope equals otherPipelines and is filtered out below; this is a fast path
  if (entityType !== 'deal' || pipelineId !== undefined) return otherPipelines;
  const pipelines = overriddenPipelines(policy, principal, action)
    .map((id) => ({ pipelineId: id, scope: scopeOf(id) }))
    .filter(({ scope }) => !sameScope(scope, otherPipelines));
  return pipelines.length === 0 ? otherPipelines : { kind: 'byPipeline', pipelines, otherPipelines };
}

function scopeForLevel(policy: AccessPolicy, principal: Principal, level: AccessLevel): BasicRecordScope {
  if (level === 'none') return { kind: 'none' };
  if (level === 'all') return { kind: 'all' };
  return { kind: 'restricted', assignedToAnyOf: teamFor(policy, principal, level), includeOpened: level === 'open' };
}

function sameScope(a: BasicRecordScope, b: BasicRecordScope): boolean {
  // Stryker disable next-line LogicalOperator: a restricted scope's boolean includeOpened never equals the missing one of all/none, so the field comparison answers alike
  if (a.kind !== 'restricted' || b.kind !== 'restricted') return a.kind === b.kind;
  return (
    a.includeOpened === b.includeOpened &&
    a.assignedToAnyOf.length === b.assignedToAnyOf.length &&
    // Stryker disable next-line MethodExpression,ConditionalExpression: both teams come from one principal's nested levels, so equal lengths already mean equal teams
    a.assignedToAnyOf.every((id, index) => b.assignedToAnyOf[index] === id)
  );
}

/**
 * Whether a record is inside a {@link RecordScope}: the in-memory twin of the query condition a
 * store builds from it. For a scope from {@link buildRecordScope}, it agrees with {@link can}.
 *
 * @param scope - The scope.
 * @param record - The record's responsible person, `opened` flag and (for deals) pipeline.
 * @returns `true` when the record is in scope.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a malformed scope or record.
 *
 * @example
 * ```ts
 * const scope = { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: true } as const;
 * isInScope(scope, { assignedById: 'u-ana' }); //=> true
 * isInScope(scope, { assignedById: 'u-leo', opened: true }); //=> true
 * isInScope(scope, { assignedById: 'u-leo' }); //=> false
 * const deals = { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: { kind: 'none' } }], otherPipelines: { kind: 'all' } } as const;
 * isInScope(deals, { assignedById: 'u-leo', pipelineId: 'vip' }); //=> false
 * isInScope(deals, { assignedById: 'u-leo', pipelineId: 'retail' }); //=> true
 * ```
 */
export function isInScope(scope: RecordScope, record: AccessRecord): boolean {
  checkRecord(record);
  const given: unknown = scope;
  if (isObject(given) && given.kind === 'byPipeline') {
    if (!Array.isArray(given.pipelines)) throw malformedScope();
    const entry = (given.pipelines as readonly unknown[]).find((candidate) => isObject(candidate) && candidate.pipelineId === record.pipelineId);
    return inBasicScope(isObject(entry) ? entry.scope : given.otherPipelines, record);
  }
  return inBasicScope(given, record);
}

function inBasicScope(scope: unknown, record: AccessRecord): boolean {
  if (!isObject(scope)) throw malformedScope();
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'restricted':
      if (!Array.isArray(scope.assignedToAnyOf) || typeof scope.includeOpened !== 'boolean') throw malformedScope();
      return (scope.includeOpened && record.opened === true) || (scope.assignedToAnyOf as readonly unknown[]).includes(record.assignedById);
    default:
      throw malformedScope();
  }
}

function malformedScope(): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', 'A record scope is { kind: all | none | restricted | byPipeline, ... }: build it with buildRecordScope.');
}

/**
 * Checks that a value is a well-formed {@link RecordScope} (as {@link buildRecordScope} makes them),
 * all of it, so that stores can evaluate it without checks of their own.
 *
 * @param value - Anything.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for anything else.
 *
 * @example
 * ```ts
 * assertRecordScope({ kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: false });
 * assertRecordScope({ kind: 'restricted', assignedToAnyOf: 'u-ana', includeOpened: false }); // throws INVALID_ARGUMENT
 * ```
 */
export function assertRecordScope(value: unknown): asserts value is RecordScope {
  if (isObject(value) && value.kind === 'byPipeline') {
    const pipelines: unknown = value.pipelines;
    if (!Array.isArray(pipelines) || Object.keys(value).length !== 3) throw malformedScope();
    for (const entry of pipelines as readonly unknown[]) {
      if (!isObject(entry) || typeof entry.pipelineId !== 'string' || Object.keys(entry).length !== 2) throw malformedScope();
      checkBasicScope(entry.scope);
    }
    checkBasicScope(value.otherPipelines);
    return;
  }
  checkBasicScope(value);
}

function checkBasicScope(scope: unknown): void {
  if (!isObject(scope)) throw malformedScope();
  const keys = Object.keys(scope).length;
  if ((scope.kind === 'all' || scope.kind === 'none') && keys === 1) return;
  if (
    scope.kind === 'restricted' &&
    keys === 3 &&
    Array.isArray(scope.assignedToAnyOf) &&
    (scope.assignedToAnyOf as readonly unknown[]).every((id) => typeof id === 'string') &&
    typeof scope.includeOpened === 'boolean'
  ) {
    return;
  }
  throw malformedScope();
}
