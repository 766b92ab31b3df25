import type { Principal } from '../../access/index.js';
import type { Company, Contact, Lead } from '../../entities/index.js';
import { invalidArgument, isPlainRecord } from '../../kernel/index.js';
import type { LeadConversionScheme } from '../../conversion/index.js';
import { leadConversionTargets, planLeadConversion } from '../../conversion/index.js';
import type { ClientDeal } from '../../records/index.js';
import { getRepeatClient } from '../../records/index.js';
import type { LeadConversionResult } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { applyWrites, checkId, checkNeeds, checkVersion, checkWriteOptions, isKnownStage, load, loadForChange, planFailure, projected } from './records.js';

const OPTION_KEYS: readonly string[] = ['expectedVersion', 'pipelineId', 'contactId', 'companyId', 'overrides'];

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  // Stryker disable next-line StringLiteral: message text
  if (typeof value !== 'string' || value === '') throw invalidArgument(`${name} is a non-empty id.`);
  return value;
}

/**
 * Converts a lead in one transaction: loads the lead and the contact and company it links to
 * (given, or the repeat lead's own; each must be readable), allocates the ids of the records it
 * creates, plans with `planLeadConversion`, checks every permission the plan needs and the lead's
 * version, and applies the plan.
 */
export async function convertLead(context: Context, principal: Principal, id: unknown, scheme: unknown, options: unknown): Promise<LeadConversionResult> {
  checkId(id);
  // Stryker disable next-line StringLiteral: message text
  const args = snapshotArgument({ scheme, options }, 'The conversion');
  const expectedVersion = checkWriteOptions(args.options, OPTION_KEYS);
  const given = args.options as Readonly<Record<string, unknown>>;
  // Stryker disable next-line StringLiteral: message text
  const pipelineId = optionalId(given.pipelineId, 'pipelineId');
  // Stryker disable next-line StringLiteral: message text
  const contactId = optionalId(given.contactId, 'contactId');
  // Stryker disable next-line StringLiteral: message text
  const companyId = optionalId(given.companyId, 'companyId');
  // Stryker disable next-line StringLiteral: message text
  if (given.overrides !== undefined && !isPlainRecord(given.overrides)) throw invalidArgument('overrides is { contact?, company?, deal? }.');
  // Stryker disable next-line StringLiteral: message text
  if (typeof args.scheme !== 'string') throw invalidArgument('The scheme is one of the lead conversion schemes.');

  return context.store.transaction(async (scope) => {
    // Permission before version, as on every other write.
    const lead = (await loadForChange(context, principal, scope, 'lead', id, 'update')) as Lead;
    // Stryker disable next-line StringLiteral: message text
    checkVersion('lead', lead, expectedVersion);
    // A repeat lead's own contact and company are linked like given ones: they must exist and be
    // readable by the person, and they come back in the result.
    const linkedContact = contactId ?? lead.contactId;
    const linkedCompany = companyId ?? lead.companyId;
    const contact = linkedContact === undefined ? undefined : ((await load(context, principal, scope, 'contact', linkedContact)) as Contact);
    const company = linkedCompany === undefined ? undefined : ((await load(context, principal, scope, 'company', linkedCompany)) as Company);
    const targets = leadConversionTargets(args.scheme as LeadConversionScheme, { contactId: contact?.id, companyId: company?.id });
    const ids: Record<string, string> = {};
    for (const role of targets.create) ids[role] = context.nextId(role);
    const clientDeals: ClientDeal[] = [];
    if (targets.create.includes('deal')) {
      const client = getRepeatClient({ companyId: company?.id, contactIds: contact === undefined ? [] : [contact.id] });
      for (const [field, op, value] of [
        ['companyId', 'eq', client.companyId],
        ['contactIds', 'overlaps', client.contactId === undefined ? undefined : [client.contactId]],
      ] as const) {
        if (value === undefined) continue;
        for await (const deal of scope.repository('deal').stream({ where: [{ field, op, value }], limit: context.store.capabilities.maxPageSize })) {
          const { pipelineId: inPipeline, stageId } = deal as unknown as ClientDeal;
          if (isKnownStage(context, inPipeline, stageId) && !clientDeals.some((known) => known.id === deal.id)) clientDeals.push(deal as unknown as ClientDeal);
        }
      }
    }
    const rules = { lead: context.rules.lead, contact: context.rules.contact, company: context.rules.company, deal: context.rules.deal };
    const planned = planLeadConversion(rules, principal, lead, args.scheme as LeadConversionScheme, {
      at: context.now(),
      ids,
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      ...(pipelineId === undefined ? {} : { pipelineId }),
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      existing: { ...(contact === undefined ? {} : { contact }), ...(company === undefined ? {} : { company }) },
      // Stryker disable next-line ConditionalExpression: a key left undefined reads as absent downstream
      ...(given.overrides === undefined ? {} : { overrides: given.overrides as never }),
      clientDeals,
    });
    // Stryker disable next-line StringLiteral: message text
    if (!planned.success) throw planFailure('lead', planned.issues, 'The lead cannot be converted');
    const plan = planned.data;
    checkNeeds(context, principal, plan);
    await applyWrites(context, scope, plan);
    const result: Record<string, unknown> = { lead: projected(context, principal, 'lead', plan.lead), notCarried: plan.notCarried };
    if (plan.contact !== undefined) result.contact = projected(context, principal, 'contact', plan.contact);
    if (plan.company !== undefined) result.company = projected(context, principal, 'company', plan.company);
    if (plan.deal !== undefined) result.deal = projected(context, principal, 'deal', plan.deal);
    return Object.freeze(result) as unknown as LeadConversionResult;
  });
}
