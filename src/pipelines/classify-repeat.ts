import { ValidationError } from '../kernel/index.js';
import { checkedPipeline } from './_internal/stage-pipeline.js';
import type { Pipeline } from './pipeline.js';

/**
 * Whether a lead is a *repeat lead*: it was created for a known contact or company. Hosts call it
 * when a lead is created and store the answer as `isReturnCustomer`.
 *
 * @param lead - The new lead (input or stored); only `contactId` and `companyId` are read.
 * @returns `{ isReturnCustomer }`.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `lead` is not an object.
 *
 * @example
 * ```ts
 * classifyRepeatLead({ firstName: 'Ana', contactId: 'c-9' }); //=> { isReturnCustomer: true }
 * classifyRepeatLead({ companyId: 'co-3' }); //=> { isReturnCustomer: true }
 * classifyRepeatLead({ firstName: 'Ana' }); //=> { isReturnCustomer: false }
 * ```
 */
export function classifyRepeatLead(lead: {
  readonly contactId?: string | undefined;
  readonly companyId?: string | undefined;
}): { readonly isReturnCustomer: boolean } {
  if (typeof lead !== 'object' || (lead as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'classifyRepeatLead takes a lead.');
  const known = (id: unknown): boolean => typeof id === 'string' && id.length > 0;
  return { isReturnCustomer: known(lead.contactId) || known(lead.companyId) };
}

/**
 * What a deal's client history makes it: a *repeat deal* (`isReturnCustomer`) when the client
 * already has a won deal, a *repeated approach* when the client has other deals but none is won.
 */
export interface RepeatDealClassification {
  readonly isReturnCustomer: boolean;
  readonly isRepeatedApproach: boolean;
}

/**
 * Classifies a deal by the client's other deals (DOMAIN.md, "Lead conversion and repeat
 * clients"): a repeat deal when one of them is won (in the success stage of its pipeline), a
 * repeated approach when there are some and none is won, neither for a first deal. The client is
 * the deal's contact or company: pass the deals of both, without the deal itself (a deal listed
 * twice counts once, by `id`).
 *
 * @param clientDeals - The client's other deals; only `pipelineId` and `stageId` are read.
 * @param pipelines - The deal pipelines those deals are in.
 * @returns The two repeat flags of a deal.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed input, a pipeline that
 * {@link definePipeline} refuses or that is not a deal pipeline, or a deal whose pipeline or stage
 * is not among `pipelines` (its outcome cannot be known).
 *
 * @example
 * ```ts
 * const won = { id: 'd-1', pipelineId: 'default', stageId: 'WON' };
 * const lost = { id: 'd-2', pipelineId: 'default', stageId: 'LOST' };
 * classifyRepeatDeal([lost, won], [DEFAULT_DEAL_PIPELINE]); //=> { isReturnCustomer: true, isRepeatedApproach: false }
 * classifyRepeatDeal([lost], [DEFAULT_DEAL_PIPELINE]); //=> { isReturnCustomer: false, isRepeatedApproach: true }
 * classifyRepeatDeal([], [DEFAULT_DEAL_PIPELINE]); //=> { isReturnCustomer: false, isRepeatedApproach: false }
 * classifyRepeatDeal([{ pipelineId: 'gone', stageId: 'WON' }], [DEFAULT_DEAL_PIPELINE]); // throws INVALID_ARGUMENT
 * ```
 */
export function classifyRepeatDeal(
  clientDeals: readonly { readonly id?: string | undefined; readonly pipelineId: string; readonly stageId: string }[],
  pipelines: readonly Pipeline[],
): RepeatDealClassification {
  if (!Array.isArray(clientDeals) || !Array.isArray(pipelines)) {
    throw new ValidationError('INVALID_ARGUMENT', 'classifyRepeatDeal takes a list of deals and a list of pipelines.');
  }
  // A first deal (the usual case) needs no stage lookups, only checked pipelines.
  if (clientDeals.length === 0) {
    (pipelines as readonly unknown[]).forEach((pipeline) => checkedPipeline(pipeline));
    return { isReturnCustomer: false, isRepeatedApproach: false };
  }
  const semantics = new Map<string, string>();
  for (const pipeline of pipelines as readonly unknown[]) {
    // Checked like every pipeline of the module: a stage with an unknown semantic (`'won'`) or a
    // pipeline that breaks the stage order is refused, never read as "not won".
    const checked = checkedPipeline(pipeline);
    if (checked.entityType !== 'deal') throw new ValidationError('INVALID_ARGUMENT', 'classifyRepeatDeal takes deal pipelines.');
    for (const stage of checked.stages) semantics.set(JSON.stringify([checked.id, stage.id]), stage.semantic);
  }
  const seen = new Set<string>();
  let deals = 0;
  let won = false;
  for (const deal of clientDeals as readonly unknown[]) {
    const { id, pipelineId, stageId } = (typeof deal === 'object' && deal !== null ? deal : {}) as Readonly<Record<string, unknown>>;
    const semantic = semantics.get(JSON.stringify([pipelineId, stageId]));
    if (semantic === undefined) {
      throw new ValidationError('INVALID_ARGUMENT', 'A client deal is in a pipeline or stage that was not given.');
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,BlockStatement: the flags depend only on whether a deal exists and whether one is won, so counting a deal twice changes neither
    if (typeof id === 'string') {
      // Stryker disable next-line ConditionalExpression: the flags depend only on whether a deal exists and whether one is won
      if (seen.has(id)) continue;
      seen.add(id);
    }
    deals += 1;
    won ||= semantic === 'success';
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a client without deals returned earlier, so deals is at least one here
  return { isReturnCustomer: won, isRepeatedApproach: !won && deals > 0 };
}
