import { assertCan, visibleFields } from '../../access/index.js';
import type { Company, Contact, Lead, StoredRecord } from '../../entities/index.js';
import { ForbiddenError, isPlainRecord, ValidationError } from '../../kernel/index.js';
import type { LeadConversionRegistries, LeadConversionScheme, NotCarriedField } from '../../pipelines/index.js';
import { planLeadConversion, resolveLeadConversion } from '../../pipelines/index.js';
import type { ConvertLeadOptions, LeadConversionResult } from '../types.js';
import type { Context } from './context.js';
import { invalid } from './context.js';
import type { RecordOps } from './record-service.js';
import { accessRecord, changedFields, checkVersion, toNewEvent } from './record-service.js';
import { checkId, checkWriteOptions, deepFreeze } from './records.js';

/** The record operations a conversion uses, one per role. */
export interface ConversionOps {
  readonly lead: RecordOps;
  readonly contact: RecordOps;
  readonly company: RecordOps;
  readonly deal: RecordOps;
}

const OPTION_KEYS: readonly string[] = ['expectedVersion', 'pipelineId', 'contactId', 'companyId', 'overrides'];
const ROLES = ['contact', 'company', 'deal'] as const;

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(`${name} is a non-empty id.`);
  return value;
}

/**
 * Converts a lead in one transaction: plans with `planLeadConversion` (as the person: their
 * permissions, and only the fields they can see), allocates the new records' ids, creates them
 * with their `created` events, moves the lead to its success status with `convertedAt` and its
 * links, adds a new company to an existing contact, and appends a `converted` event on the lead
 * naming the records (ids only).
 */
export async function convertLead(context: Context, ops: ConversionOps, id: unknown, scheme: unknown, options: unknown): Promise<LeadConversionResult> {
  checkId(id);
  const expectedVersion = checkWriteOptions(options, OPTION_KEYS);
  const given = options as ConvertLeadOptions;
  const pipelineId = optionalId(given.pipelineId, 'pipelineId');
  const contactId = optionalId(given.contactId, 'contactId');
  const companyId = optionalId(given.companyId, 'companyId');
  if (given.overrides !== undefined && !isPlainRecord(given.overrides)) throw invalid('overrides is { contact?, company?, deal? }.');
  const pipeline = pipelineId === undefined ? context.pipelines.deal[0] : context.pipelines.deal.find((candidate) => candidate.id === pipelineId);
  if (pipeline === undefined) throw invalid('pipelineId names no deal pipeline of this CRM.');
  const { principal } = ops.lead;

  return context.store.transaction(async (scope) => {
    const lead = await ops.lead.load(scope, id);
    // Permission before version, as on every other write.
    assertCan(context.access, principal, 'update', 'lead', accessRecord(lead));
    checkVersion('lead', lead, expectedVersion);
    // A repeat lead's own contact and company are linked like given ones: they must exist and be
    // readable by the person, and they come back in the result.
    const linkedContact = contactId ?? (lead as unknown as Lead).contactId;
    const linkedCompany = companyId ?? (lead as unknown as Lead).companyId;
    const contact = linkedContact === undefined ? undefined : ((await ops.contact.load(scope, linkedContact)) as unknown as Contact);
    const company = linkedCompany === undefined ? undefined : ((await ops.company.load(scope, linkedCompany)) as unknown as Company);
    const at = context.clock.now();
    const planned = planLeadConversion(lead as unknown as Lead, scheme as LeadConversionScheme, {
      statuses: context.pipelines.lead[0],
      pipeline,
      registries: { lead: ops.lead.registry, contact: ops.contact.registry, company: ops.company.registry, deal: ops.deal.registry } as LeadConversionRegistries,
      at,
      principal,
      policy: context.access,
      existing: { contact, company },
      overrides: given.overrides,
    });
    if (!planned.success) {
      const forbidden = planned.issues.filter((found) => found.code === 'FORBIDDEN');
      if (forbidden.length > 0) {
        const needs = forbidden.map((found) => `${String(found.path[1])} ${String(found.path[0])}`).join(', ');
        throw new ForbiddenError('FORBIDDEN', `Converting this lead needs permissions you lack: ${needs}.`);
      }
      throw new ValidationError('VALIDATION_FAILED', 'The lead cannot be converted; see issues.', { issues: planned.issues });
    }
    const plan = planned.data;

    const newIds: Partial<Record<(typeof ROLES)[number], string>> = {};
    for (const role of ROLES) if (plan.targets[role]?.action === 'create') newIds[role] = context.ids.next(role);
    const resolved = resolveLeadConversion(plan, newIds);

    const out: Partial<Record<(typeof ROLES)[number], StoredRecord>> = {};
    for (const role of ROLES) {
      const draft = resolved.create[role];
      if (draft === undefined) continue;
      out[role] = await ops[role].insertNew(scope, ops[role].prepareNew(draft, at, newIds[role]), at);
    }
    if (contact !== undefined) out.contact = contact;
    if (company !== undefined) out.company = company;
    const contactPatch = resolved.update.contact;
    if (contact !== undefined && contactPatch !== undefined) {
      out.contact = await ops.contact.saveUpdate(scope, contact, { ...contactPatch }, at);
      await scope.events.append([ops.contact.event('updated', contact.id, at, { fields: changedFields({ ...contactPatch }) })]);
    }
    const converted = await ops.lead.saveUpdate(scope, lead, { ...resolved.update.lead }, at);
    const links: Record<string, string> = { scheme: plan.scheme };
    for (const role of ROLES) {
      const record = out[role];
      if (record !== undefined) links[`${role}Id`] = record.id;
    }
    await scope.events.append([toNewEvent(plan.leadMove.event), ops.lead.event('converted', lead.id, at, links)]);

    // Only values of lead fields the person can see: the rest would reveal a hidden field's code
    // and that it holds a value.
    const visible = new Set(visibleFields(principal, ops.lead.registry).map((definition) => definition.code));
    // A target field hidden from the person is answered like a missing one.
    const notCarried = plan.notCarried
      .filter((dropped) => visible.has(dropped.code))
      .map((dropped): NotCarriedField => (dropped.reason === 'not-visible' ? { ...dropped, reason: 'no-target-field' } : dropped));
    const result: Record<string, unknown> = { lead: ops.lead.project(converted), notCarried };
    for (const role of ROLES) {
      const record = out[role];
      if (record !== undefined) result[role] = ops[role].project(record);
    }
    return deepFreeze(result) as unknown as LeadConversionResult;
  });
}
