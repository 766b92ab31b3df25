import { beforeEach } from 'vitest';
import { createFieldRegistry, DEFAULT_DEAL_PIPELINE, defineField, checkPipeline, defineRecordRules, isCrmError, unwrap } from 'crm-kit';
import type { Issue, Pipeline, Principal, RecordPlan, RecordRules, Result, StoredRecord } from 'crm-kit';

// Shared by the planner tests: people, fields, pipelines and rules small enough to read in a test.

export const at = new Date('2026-03-02T10:00:00Z');
export const later = new Date('2026-03-03T10:00:00Z');
export const muchLater = new Date('2026-03-09T16:00:00Z');

export const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
export const eva: Principal = { userId: 'u-eva', roleIds: ['sales'], departmentIds: ['lima'], isAdmin: false };
export const admin: Principal = { userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true };

/** Seen by Madrid only. */
export const margin = defineField({ type: 'number', code: 'margin', labels: { en: 'Margin' }, max: 100, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });
/** A default every new deal gets. */
export const region = defineField({ type: 'string', code: 'region', labels: { en: 'Region' }, default: 'EU' });
/** Defaults to the instant of the write. */
export const receivedAt = defineField({ type: 'datetime', code: 'received_at', labels: { en: 'Received' }, default: 'now' });
/** Required from PROPOSAL on, and seen by Madrid only. */
export const contract = defineField({
  type: 'string',
  code: 'contract',
  labels: { en: 'Contract' },
  requiredFromStage: { stageId: 'PROPOSAL' },
  visibility: { restrictedTo: { departmentIds: ['madrid'] } },
});

export const dealRegistry = createFieldRegistry('deal', { customFields: [margin, region, receivedAt, contract] });

/** A second deal pipeline, whose stages are listed out of their `sort` order and whose lost stage needs a reason. */
export const wholesale: Pipeline = (() => {
  const checked = unwrap(
    checkPipeline({
      id: 'wholesale',
      entityType: 'deal',
      name: 'Wholesale',
      stages: [
        { id: 'W_NEW', name: 'New', sort: 10, color: '#111111', semantic: 'process', probability: 5 },
        { id: 'W_OFFER', name: 'Offer', sort: 20, color: '#222222', semantic: 'process', probability: 40, requiredFields: ['amount'] },
        { id: 'W_WON', name: 'Won', sort: 30, color: '#333333', semantic: 'success', probability: 100 },
        { id: 'W_LOST', name: 'Lost', sort: 40, color: '#444444', semantic: 'failure', probability: 0, lossReasonRequired: true },
      ],
    }),
  );
  const [first, second, ...rest] = checked.stages;
  if (first === undefined || second === undefined) throw new Error('the wholesale pipeline has stages');
  // checkPipeline sorts; a pipeline read back from storage may list them in any order.
  return { ...checked, stages: [second, first, ...rest] };
})();

// The rules are built before each test, not when this module loads nor once per file: a mutant
// that makes defineRecordRules throw must fail the tests, and Stryker's vitest runner counts a test
// file that cannot load, or whose beforeAll hook fails, as one without tests, so such a mutant as a
// survivor (stryker-js issue #6150). A failing beforeEach hook fails its test.
export let dealRules: RecordRules<'deal'>;
export let leadRules: RecordRules<'lead'>;
export let contactRules: RecordRules<'contact'>;
export let activityRules: RecordRules<'activity'>;
export let invoiceRules: RecordRules<'invoice'>;
export let quoteRules: RecordRules<'quote'>;

beforeEach(() => {
  dealRules = defineRecordRules('deal', { registry: dealRegistry, pipelines: [DEFAULT_DEAL_PIPELINE, wholesale] });
  leadRules = defineRecordRules('lead');
  contactRules = defineRecordRules('contact');
  activityRules = defineRecordRules('activity');
  invoiceRules = defineRecordRules('invoice');
  quoteRules = defineRecordRules('quote');
});

/** The data of a plan that must succeed. */
export function planned<R extends StoredRecord>(result: Result<RecordPlan<R>>): RecordPlan<R> {
  if (!result.success) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

/** The issues of a plan that must fail, as `[code, ...path]`. */
export function issuesOf(result: Result<unknown>): (string | number)[][] {
  if (result.success) throw new Error('expected issues, got a plan');
  return result.issues.map((found: Issue) => [found.code, ...found.path]);
}

/** What a call threw: its crm-kit code, with its cause, message and issues; 'no error' or 'not a crm-kit error' otherwise. */
export function thrown(run: () => unknown): { code: string; cause?: unknown; message?: string; issues?: readonly Issue[] } {
  try {
    run();
    return { code: 'no error' };
  } catch (error) {
    if (!isCrmError(error)) return { code: 'not a crm-kit error', cause: error };
    const issues: unknown = (error as { issues?: unknown }).issues;
    return { code: error.code, cause: error.cause, message: error.message, ...(Array.isArray(issues) ? { issues: issues as Issue[] } : {}) };
  }
}

/** A Proxy that has been revoked: every look at it throws. */
export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A deep copy with Dates kept as Dates, and nothing frozen. */
export function thaw<T>(value: T): T {
  return structuredClone(value);
}

/** Whether anything inside a value (itself included) is frozen. */
export function anythingFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.isFrozen(value)) return true;
  return Object.values(value).some(anythingFrozen);
}
