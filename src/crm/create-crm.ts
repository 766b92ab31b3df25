import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import { formatPersonName } from '../names/index.js';
import type { PersonName } from '../names/index.js';
import { fieldService, pipelineService } from './_internal/catalog-services.js';
import { readOptions, snapshotArgument } from './_internal/context.js';
import { convertLead } from './_internal/convert-lead.js';
import { duplicateService } from './_internal/duplicates.js';
import { exportService } from './_internal/export.js';
import { importService } from './_internal/import.js';
import { intakeService } from './_internal/intake.js';
import { mergeServiceOf, mergesService } from './_internal/merge.js';
import { moveToPipeline, recordService } from './_internal/record-service.js';
import { reportService } from './_internal/reports.js';
import type { CreateCrmOptions, Crm, CrmSession, EntityService, LeadService, StagedService } from './types.js';

/**
 * Makes a ready CRM service over a store: `crm.as(principal)` gives the services of one person,
 * where every call validates with the compiled schemas, checks permissions (and pushes the
 * person's record scope into every query), runs the pure planners, writes the records and their
 * events in one transaction, and returns plain, frozen records projected for that person. The
 * store is made with `createStore` (a store from it is used as it is), so adapter failures surface
 * as `ADAPTER_FAILURE`.
 *
 * Services: `contacts`, `companies`, `activities` (create, get, find, count, stream, update,
 * delete); `deals`, `leads`, `invoices`, `quotes` (also `moveToStage`, and `stageGroup` filters);
 * `leads.convert`; `pipelines` (the pipelines the person may read, kanban boards), `fields`
 * (the field definitions the person can see), `duplicates` (the warning before a create, and
 * scans) and `reports` (sales reports and forecasts over what the person may read). See docs/getting-started.md, docs/security.md and docs/duplicates.md.
 *
 * @param options - `{ store, clock, ids, access, fields?, pipelines?, rates?, settings?, duplicates? }`:
 * field registries default to the standard fields only; pipelines to `DEFAULT_DEAL_PIPELINE`,
 * `DEFAULT_LEAD_STATUSES`, `DEFAULT_INVOICE_STAGES` and `DEFAULT_QUOTE_STAGES`; duplicate control
 * to `DEFAULT_DUPLICATE_CRITERIA`.
 * @returns The CRM: `as(principal)`, the resolved settings and `displayName`.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for malformed options.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 * const access = createAccessPolicy({
 *   roles: [{ id: 'sales', name: 'Sales', permissions: { deal: { read: 'department', add: 'own', update: 'own' } } }],
 *   orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo'] }] },
 * });
 * const crm = createCrm({ store: createMemoryStore(), clock: fixedClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access });
 * const ana = crm.as({ userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false });
 * const leo = crm.as({ userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false });
 * const deal = await ana.deals.create({ title: 'Acme renewal', amount: money('1200', 'EUR') });
 * [deal.stageId, deal.version]; //=> ['NEW', 1]
 * const won = await ana.deals.moveToStage(deal.id, 'WON', { expectedVersion: 1 });
 * [won.closed, won.version]; //=> [true, 2]
 * await leo.deals.count({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }); //=> 1
 * await leo.deals.update(deal.id, { title: 'Mine' }, { expectedVersion: 2 }); // throws FORBIDDEN (Leo reads, but changes only his own)
 * await ana.deals.update(deal.id, { title: 'Stale' }, { expectedVersion: 1 }); // throws VERSION_CONFLICT
 * ```
 */
export function createCrm(options: CreateCrmOptions): Crm {
  const context = readOptions(options);
  const { settings } = context;
  return Object.freeze({
    settings,
    intake: intakeService(context, context.intake),

    as(principal: Principal): CrmSession {
      // One snapshot of the principal's own data: no inherited `isAdmin`, no getter read twice.
      // Stryker disable next-line StringLiteral: message text
      const who = snapshotArgument(principal, 'The principal');
      assertPrincipal(who);
      const service = (entityType: Parameters<typeof recordService>[2]) => recordService(context, who, entityType);
      const convert: LeadService['convert'] = (id, scheme, convertOptions) => convertLead(context, who, id, scheme, convertOptions);
      const leads: CrmSession['leads'] = Object.freeze({ ...(service('lead') as StagedService<'lead'>), convert, ...mergeServiceOf(context, who, 'lead') });
      const deals: CrmSession['deals'] = Object.freeze({ ...(service('deal') as StagedService<'deal'>), moveToPipeline: moveToPipeline(context, who), ...mergeServiceOf(context, who, 'deal') });
      return Object.freeze({
        principal: who,
        contacts: Object.freeze({ ...(service('contact') as unknown as EntityService<'contact'>), ...mergeServiceOf(context, who, 'contact') }),
        companies: Object.freeze({ ...(service('company') as unknown as EntityService<'company'>), ...mergeServiceOf(context, who, 'company') }),
        deals,
        leads,
        activities: Object.freeze(service('activity')) as unknown as EntityService<'activity'>,
        invoices: Object.freeze(service('invoice')) as StagedService<'invoice'>,
        quotes: Object.freeze(service('quote')) as StagedService<'quote'>,
        pipelines: pipelineService(context, who),
        fields: fieldService(context, who),
        duplicates: duplicateService(context, who),
        merges: mergesService(context, who),
        reports: reportService(context, who),
        import: importService(context, who),
        export: exportService(context, who),
      });
    },

    displayName(person: PersonName): string {
      return formatPersonName(person, settings.nameFormat);
    },
  });
}
