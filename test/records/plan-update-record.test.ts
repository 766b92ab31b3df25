import { describe, expect, it } from 'vitest';
import {
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_LOSS_REASONS,
  checkPipeline,
  defineField,
  defineRecordRules,
  money,
  planCreateRecord,
  planSystemUpdate,
  planUpdateRecord,
  unwrap,
  validateEntity,
} from 'crm-kit';
import type { Contact, Deal } from 'crm-kit';
import { JUNK } from '../support/junk.js';
import {
  activityRules,
  admin,
  ana,
  anythingFrozen,
  at,
  contactRules,
  dealRegistry,
  dealRules,
  eva,
  invoiceRules,
  issuesOf,
  later,
  leadRules,
  margin,
  muchLater,
  planned,
  revokedProxy,
  thaw,
  thrown,
} from './fixtures.js';

const when = { at: later };

function deal(input: Record<string, unknown> = {}, by = ana): Deal {
  return planned(planCreateRecord(dealRules, by, { title: 'Renewal', ...input }, { id: '7', at })).record;
}

describe('planUpdateRecord: what a change writes', () => {
  it('a patch that writes nothing plans nothing: no write, no event, still the update permission on the record as it is', () => {
    const current = deal();
    for (const patch of [{}, { title: undefined }, { custom: {} }, { custom: { region: undefined } }]) {
      const plan = planned(planUpdateRecord(dealRules, ana, current, patch, when));
      expect(plan.record).toBe(current);
      expect([plan.changed, plan.inserts, plan.updates, plan.deletes, plan.events]).toEqual([[], [], [], [], []]);
      expect(plan.needs).toEqual([{ action: 'update', entityType: 'deal', record: { assignedById: 'u-ana', opened: false, pipelineId: 'default' } }]);
    }
  });

  it('stamps version one up, updatedAt and updatedById, and keeps the creation stamps', () => {
    const { record } = planned(planUpdateRecord(dealRules, admin, deal(), { title: 'Renamed' }, when));
    expect(record).toMatchObject({ title: 'Renamed', version: 2, updatedAt: later, updatedById: 'u-boss', createdAt: at, createdById: 'u-ana' });
  });

  it('lists the fields it writes sorted, custom ones as custom.<code>, and names them in one updated event', () => {
    const plan = planned(planUpdateRecord(dealRules, ana, deal({ comments: 'c' }), { title: 'T2', comments: null, custom: { margin: 12, region: null } }, when));
    expect(plan.changed).toEqual(['comments', 'custom.margin', 'custom.region', 'title']);
    expect(plan.events).toEqual([{ type: 'updated', entityType: 'deal', entityId: '7', at: later, byId: 'u-ana', data: { fields: plan.changed } }]);
    expect(plan.updates).toEqual([{ entityType: 'deal', record: plan.record, expectedVersion: 1 }]);
    expect([plan.inserts, plan.deletes]).toEqual([[], []]);
  });

  it('null clears a field and a custom value; custom values merge per code', () => {
    const { record } = planned(planUpdateRecord(dealRules, ana, deal({ comments: 'c', custom: { margin: 3 } }), { comments: null, custom: { region: null } }, when));
    expect('comments' in record).toBe(false);
    expect(record.custom).toEqual({ margin: 3, received_at: at });
  });

  it('the result is frozen and valid in its stored form', () => {
    const { record } = planned(planUpdateRecord(dealRules, ana, deal(), { contactIds: ['c-1'] }, when));
    expect(Object.isFrozen(record) && Object.isFrozen(record.contactIds)).toBe(true);
    expect(validateEntity(dealRegistry, 'stored', record).success).toBe(true);
  });

  it('is validated in its patch form', () => {
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { title: null }, when))).toEqual([['REQUIRED', 'title']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { probability: -1 }, when))).toEqual([['INVALID_VALUE', 'probability']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { closed: true }, when))).toEqual([['UNKNOWN_FIELD', 'closed']]);
  });
});

describe('planUpdateRecord: stages and probabilities', () => {
  it('a probability typed in a patch is marked set by hand, unless the patch says otherwise', () => {
    expect(planned(planUpdateRecord(dealRules, ana, deal(), { probability: 40 }, when)).record).toMatchObject({ probability: 40, probabilityIsManual: true });
    expect(planned(planUpdateRecord(dealRules, ana, deal(), { probability: 40, probabilityIsManual: false }, when)).record).toMatchObject({
      probability: 40,
      probabilityIsManual: false,
    });
    expect(planned(planUpdateRecord(dealRules, ana, deal(), { title: 'T2' }, when)).record.probabilityIsManual).toBe(false);
  });

  it('the stage, status and pipeline change only by a move: INVALID_STAGE_TRANSITION at the field', () => {
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { stageId: 'WON' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { stageId: 'WON', pipelineId: 'wholesale' }, when))).toEqual([
      ['INVALID_STAGE_TRANSITION', 'stageId'],
      ['INVALID_STAGE_TRANSITION', 'pipelineId'],
    ]);
    const lead = planned(planCreateRecord(leadRules, ana, { title: 'L' }, { id: '8', at })).record;
    expect(issuesOf(planUpdateRecord(leadRules, ana, lead, { status: 'JUNK' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
    const invoice = planned(planCreateRecord(invoiceRules, ana, { number: 'I-1' }, { id: '9', at })).record;
    expect(issuesOf(planUpdateRecord(invoiceRules, ana, invoice, { stageId: 'PAID' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'stageId']]);
  });

  it('a stage requirement blocks only a change that touches the field it names', () => {
    const current = deal({ stageId: 'PROPOSAL', amount: money('10.00', 'EUR'), custom: { contract: 'C-1' } });
    expect(issuesOf(planUpdateRecord(dealRules, ana, current, { amount: null }, when))).toEqual([['REQUIRED', 'amount']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, current, { custom: { contract: null } }, when))).toEqual([['REQUIRED', 'custom', 'contract']]);
    expect(planned(planUpdateRecord(dealRules, ana, current, { title: 'T2' }, when)).record.title).toBe('T2');
  });

  it('a requirement added after a record reached its stage does not block unrelated changes', () => {
    const current = deal();
    const stricter = unwrap(
      checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map((stage) => (stage.id === 'NEW' ? { ...stage, requiredFields: ['source'] } : stage)) }),
    );
    const rules = defineRecordRules('deal', { registry: dealRegistry, pipelines: [stricter] });
    expect(planned(planUpdateRecord(rules, ana, current, { title: 'T2' }, when)).record.title).toBe('T2');
    expect(issuesOf(planUpdateRecord(rules, ana, current, { source: null }, when))).toEqual([['REQUIRED', 'source']]);
  });

  it("a change may not break a deal's loss-reason rules", () => {
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { lossReasonId: 'PRICE' }, when))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    const strict = defineRecordRules('deal', { registry: dealRegistry, lossReasons: DEFAULT_LOSS_REASONS });
    const lost = planned(planCreateRecord(strict, eva, { title: 'T', stageId: 'LOST', lossReasonId: 'PRICE' }, { id: '7', at })).record;
    expect(issuesOf(planUpdateRecord(strict, eva, lost, { lossReasonId: 'BAD_LUCK' }, when))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    expect(planned(planUpdateRecord(strict, eva, lost, { lossReasonId: 'TIMING' }, when)).record.lossReasonId).toBe('TIMING');
  });
});

describe('planUpdateRecord: hidden custom values', () => {
  it('setting or clearing a field the person cannot see is FIELD_NOT_VISIBLE', () => {
    const current = deal({ custom: { margin: 3 } });
    expect(thrown(() => planUpdateRecord(dealRules, eva, current, { custom: { margin: 4 } }, when)).code).toBe('FIELD_NOT_VISIBLE');
    expect(thrown(() => planUpdateRecord(dealRules, eva, current, { custom: { margin: null } }, when)).code).toBe('FIELD_NOT_VISIBLE');
  });

  it('keeps a value the person cannot see as it is, even one a rule tightened since no longer accepts', () => {
    const current = deal({ custom: { margin: 50 } });
    const tightened = defineRecordRules('deal', { registry: createFieldRegistry('deal', { customFields: [{ ...margin, max: 10 }] }) });
    const plan = planned(planUpdateRecord(tightened, eva, current, { title: 'T2' }, when));
    expect(plan.record.custom.margin).toBe(50);
    expect(plan.changed).toEqual(['title']);
    // Someone who sees it is held to the rule.
    expect(issuesOf(planUpdateRecord(tightened, ana, current, { title: 'T2' }, when))).toEqual([['INVALID_VALUE', 'custom', 'margin']]);
  });
});

describe('planUpdateRecord: permissions', () => {
  it('needs update on the record as it is, and also as it will be when the responsible person, opened flag changes', () => {
    const current = deal();
    expect(planned(planUpdateRecord(dealRules, ana, current, { title: 'T2' }, when)).needs).toEqual([
      { action: 'update', entityType: 'deal', record: { assignedById: 'u-ana', opened: false, pipelineId: 'default' } },
    ]);
    expect(planned(planUpdateRecord(dealRules, ana, current, { assignedById: 'u-leo' }, when)).needs).toEqual([
      { action: 'update', entityType: 'deal', record: { assignedById: 'u-ana', opened: false, pipelineId: 'default' } },
      { action: 'update', entityType: 'deal', record: { assignedById: 'u-leo', opened: false, pipelineId: 'default' } },
    ]);
    expect(planned(planUpdateRecord(dealRules, ana, current, { opened: true }, when)).needs.map((need) => need.record)).toEqual([
      { assignedById: 'u-ana', opened: false, pipelineId: 'default' },
      { assignedById: 'u-ana', opened: true, pipelineId: 'default' },
    ]);
  });
});

describe('planUpdateRecord: derived fields', () => {
  const seat = { name: 'Seat', price: money('10.00', 'EUR'), quantity: '2' };

  it('an amount that follows the rows is recomputed; one set by hand stays', () => {
    const current = deal({ productRows: [seat] });
    expect(planned(planUpdateRecord(dealRules, ana, current, { productRows: [{ ...seat, quantity: '5' }] }, when)).record.amount).toEqual(money('50.00', 'EUR'));
    const manual = planned(planUpdateRecord(dealRules, ana, current, { amount: money('45.00', 'EUR'), amountIsManual: true }, when)).record;
    expect(planned(planUpdateRecord(dealRules, ana, manual, { productRows: [seat] }, { at: muchLater })).record.amount).toEqual(money('45.00', 'EUR'));
  });

  it('an activity gets completedAt when completed, keeps it through other changes, and loses it when reopened', () => {
    const call = planned(planCreateRecord(activityRules, ana, { type: 'call', subject: 'S' }, { id: '3', at })).record;
    const done = planned(planUpdateRecord(activityRules, ana, call, { completed: true }, when)).record;
    expect(done.completedAt).toEqual(later);
    const renamed = planned(planUpdateRecord(activityRules, ana, done, { subject: 'S2' }, { at: muchLater })).record;
    expect(renamed.completedAt).toEqual(later);
    expect('completedAt' in planned(planUpdateRecord(activityRules, ana, renamed, { completed: false }, { at: muchLater })).record).toBe(false);
  });
});

describe('planUpdateRecord: bad arguments', () => {
  it('refuses a current record that is not a stored record, and malformed options, with INVALID_ARGUMENT', () => {
    for (const current of [null, {}, { id: '7' }, { id: '7', version: 1 }, { id: 7, version: 1, custom: {} }, [deal()]]) {
      expect(thrown(() => planUpdateRecord(dealRules, ana, current as never, { title: 'T' }, when)).code).toBe('INVALID_ARGUMENT');
    }
    expect(thrown(() => planUpdateRecord(dealRules, ana, deal(), { title: 'T' }, null as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planUpdateRecord(dealRules, ana, deal(), { title: 'T' }, { at: 'soon' as never })).code).toBe('INVALID_DATE');
  });

  it('any patch is a returned issue list or a typed crm-kit error', () => {
    for (const patch of JUNK) {
      const outcome = thrown(() => planUpdateRecord(dealRules, ana, deal(), patch, when));
      expect(outcome.code === 'no error' || ['NOT_PLAIN_DATA', 'INVALID_TEXT'].includes(outcome.code), outcome.code).toBe(true);
    }
  });

  it('an argument that cannot be read is NOT_PLAIN_DATA, and a getter never answers two checks', () => {
    expect(thrown(() => planUpdateRecord(dealRules, ana, deal(), revokedProxy(), when)).code).toBe('NOT_PLAIN_DATA');
    expect(thrown(() => planUpdateRecord(dealRules, ana, revokedProxy() as never, {}, when)).code).toBe('NOT_PLAIN_DATA');
    let reads = 0;
    const patch = {
      get custom() {
        reads += 1;
        return reads === 1 ? {} : { margin: 1 };
      },
    };
    expect(thrown(() => planUpdateRecord(dealRules, eva, deal(), patch, when)).code).toBe('NOT_PLAIN_DATA');
    expect(reads).toBe(0);
  });

  it('never freezes or changes the current record or the patch', () => {
    const current = thaw(deal({ contactIds: ['c-1'], productRows: [{ name: 'Seat', price: money('10.00', 'EUR'), quantity: '2' }] }));
    const patch = { title: 'T2', contactIds: ['c-2'] };
    const before = [structuredClone(current), structuredClone(patch)];
    planned(planUpdateRecord(dealRules, ana, current, patch, when));
    expect([current, patch]).toEqual(before);
    expect(anythingFrozen(current) || anythingFrozen(patch)).toBe(false);
  });
});

describe('planSystemUpdate', () => {
  const contact = (): Contact =>
    planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at })).record;

  it('sets the fields as given, without the patch checks, stamped like an update with an updated event naming them', () => {
    const lead = planned(planCreateRecord(leadRules, ana, { title: 'L' }, { id: '8', at })).record;
    const plan = planned(planSystemUpdate(leadRules, admin, lead, { status: 'CONVERTED', convertedAt: later, contactId: 'c-1' }, when));
    expect(plan.record).toMatchObject({ status: 'CONVERTED', convertedAt: later, contactId: 'c-1', version: 2, updatedAt: later, updatedById: 'u-boss' });
    expect(plan.changed).toEqual(['contactId', 'convertedAt', 'status']);
    expect(plan.events).toEqual([{ type: 'updated', entityType: 'lead', entityId: '8', at: later, byId: 'u-boss', data: { fields: plan.changed } }]);
    expect(plan.updates).toEqual([{ entityType: 'lead', record: plan.record, expectedVersion: 1 }]);
  });

  it('appends the events it is given instead of updated', () => {
    const event = { type: 'deleted', entityType: 'contact', entityId: '3', at: later, byId: 'u-ana', data: { version: 1 } } as const;
    expect(planned(planSystemUpdate(contactRules, ana, contact(), { companyIds: ['41'] }, { at: later, events: [event] })).events).toEqual([event]);
  });

  it('null clears; changes that write nothing plan nothing', () => {
    const current = planned(planSystemUpdate(contactRules, ana, contact(), { comments: 'c' }, when)).record;
    expect('comments' in planned(planSystemUpdate(contactRules, ana, current, { comments: null }, { at: muchLater })).record).toBe(false);
    const nothing = planned(planSystemUpdate(contactRules, ana, current, { comments: undefined }, { at: muchLater }));
    expect([nothing.record, nothing.updates, nothing.events]).toEqual([current, [], []]);
  });

  it('the result must still be a valid stored record: issues otherwise', () => {
    expect(issuesOf(planSystemUpdate(contactRules, ana, contact(), { companyIds: 'all' }, when))).toEqual([['INVALID_VALUE', 'companyIds']]);
  });

  it('needs update on the record as it is and as it will be when the responsible person changes', () => {
    expect(planned(planSystemUpdate(contactRules, ana, contact(), { assignedById: 'u-leo' }, when)).needs.map((need) => need.record)).toEqual([
      { assignedById: 'u-ana', opened: false },
      { assignedById: 'u-leo', opened: false },
    ]);
  });

  it('refuses malformed changes with a typed error and never freezes them', () => {
    for (const changes of [null, 'x', [], 3]) expect(thrown(() => planSystemUpdate(contactRules, ana, contact(), changes as never, when)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => planSystemUpdate(contactRules, ana, contact(), revokedProxy() as never, when)).code).toBe('NOT_PLAIN_DATA');
    const changes = { companyIds: ['41'] };
    planned(planSystemUpdate(contactRules, ana, thaw(contact()), changes, when));
    expect(anythingFrozen(changes)).toBe(false);
  });
});

describe('planUpdateRecord: rules pinned since the service layer split', () => {
  it('a field the patch leaves undefined keeps its value beside the fields it changes', () => {
    const current = planned(planCreateRecord(contactRules, ana, { firstName: 'Ana', comments: 'Met at the fair' }, { id: '3', at })).record;
    const plan = planned(planUpdateRecord(contactRules, ana, current, { firstName: 'Ana María', comments: undefined }, when));
    expect([plan.record.firstName, plan.record.comments, plan.changed]).toEqual(['Ana María', 'Met at the fair', ['firstName']]);
  });

  it('a custom value set in a patch is stored; one the patch leaves undefined keeps its value', () => {
    const current = deal({ custom: { margin: 3 } });
    expect(planned(planUpdateRecord(dealRules, ana, current, { custom: { margin: 12 } }, when)).record.custom).toEqual({ margin: 12, region: 'EU', received_at: at });
    expect(planned(planUpdateRecord(dealRules, ana, current, { custom: { margin: undefined, region: 'LATAM' } }, when)).record.custom).toEqual({
      margin: 3,
      region: 'LATAM',
      received_at: at,
    });
  });

  it('an update that does not touch the stage is refused neither by the stage nor the pipeline, but a deal in a pipeline or stage the rules do not have is INVALID_VALUE', () => {
    expect(issuesOf(planUpdateRecord(dealRules, ana, { ...deal(), pipelineId: 'retail' }, { title: 'T2' }, when))).toEqual([['INVALID_VALUE', 'pipelineId']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, { ...deal(), stageId: 'GONE' }, { title: 'T2' }, when))).toEqual([['INVALID_VALUE', 'stageId']]);
  });

  it('a pipelineId alone in a patch is a move, refused even when it names the pipeline the deal is in; a lead has no pipelineId field', () => {
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { pipelineId: 'wholesale' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'pipelineId']]);
    expect(issuesOf(planUpdateRecord(dealRules, ana, deal(), { pipelineId: 'default' }, when))).toEqual([['INVALID_STAGE_TRANSITION', 'pipelineId']]);
    const lead = planned(planCreateRecord(leadRules, ana, { title: 'L' }, { id: '8', at })).record;
    expect(issuesOf(planUpdateRecord(leadRules, ana, lead, { pipelineId: 'lead' }, when))).toEqual([['UNKNOWN_FIELD', 'pipelineId']]);
  });

  it('only a probability given by hand marks it manual: no other change of a deal does, nor a change of another type', () => {
    const current = deal();
    for (const patch of [{ title: 'T2' }, { amount: money('10.00', 'EUR') }, { custom: { margin: 4 } }, { opened: true }]) {
      expect(planned(planUpdateRecord(dealRules, ana, current, patch, when)).record.probabilityIsManual).toBe(false);
    }
    const invoice = planned(planCreateRecord(invoiceRules, ana, { number: 'I-1' }, { id: '9', at })).record;
    expect('probabilityIsManual' in planned(planUpdateRecord(invoiceRules, ana, invoice, { number: 'I-2' }, when)).record).toBe(false);
  });

  it('a custom field required of everyone but hidden from the person does not block their update of a record that has it', () => {
    const vat = defineField({ type: 'string', code: 'vat', labels: { en: 'VAT id' }, required: true, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });
    const rules = defineRecordRules('contact', { registry: createFieldRegistry('contact', { customFields: [vat] }) });
    const current = planned(planCreateRecord(rules, ana, { firstName: 'Ana', custom: { vat: 'ES-1' } }, { id: '3', at })).record;
    const plan = planned(planUpdateRecord(rules, eva, current, { firstName: 'Ana María' }, when));
    expect(plan.record.custom).toEqual({ vat: 'ES-1' });
  });

  it('a stored record with an own __proto__ key is read as data: the key is an unknown field, never a prototype', () => {
    const current = { ...planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '3', at })).record, ...(JSON.parse('{"__proto__": {"isAdmin": true}}') as object) };
    expect(issuesOf(planUpdateRecord(contactRules, ana, current, { firstName: 'Eva' }, when))).toEqual([['UNKNOWN_FIELD', '__proto__']]);
  });
});
