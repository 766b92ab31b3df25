import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEAL_PIPELINE,
  DEFAULT_INVOICE_STAGES,
  DEFAULT_LOSS_REASONS,
  DEFAULT_QUOTE_STAGES,
  checkPipeline,
  createFieldRegistry,
  defineField,
  defineRecordRules,
  money,
  planCreateRecord,
  getRepeatClient,
  unwrap,
  validateEntity,
} from 'crm-kit';
import type { Pipeline } from 'crm-kit';
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
  leadRules,
  planned,
  quoteRules,
  revokedProxy,
  thrown,
  wholesale,
} from './fixtures.js';

const options = { id: '7', at };

describe('planCreateRecord: what every new record gets', () => {
  it('stamps id, version 1, created and updated at `at` by the person, who is responsible by default', () => {
    const { record } = planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, options));
    expect(record).toMatchObject({ id: '7', version: 1, createdAt: at, updatedAt: at, createdById: 'u-ana', updatedById: 'u-ana', assignedById: 'u-ana', custom: {} });
    expect(planned(planCreateRecord(contactRules, ana, { firstName: 'Ana', assignedById: 'u-leo' }, options)).record.assignedById).toBe('u-leo');
  });

  it('plans one insert, one created event and the add permission on the record as it will be; the record is frozen and stored-valid', () => {
    const plan = planned(planCreateRecord(dealRules, ana, { title: 'Renewal', assignedById: 'u-leo', opened: true, pipelineId: 'wholesale' }, options));
    expect(plan.inserts).toEqual([{ entityType: 'deal', record: plan.record }]);
    expect([plan.updates, plan.deletes, plan.changed]).toEqual([[], [], []]);
    expect(plan.events).toEqual([
      { type: 'created', entityType: 'deal', entityId: '7', at, byId: 'u-ana', data: { pipelineId: 'wholesale', stageId: 'W_NEW', semantic: 'process' } },
    ]);
    expect(plan.needs).toEqual([{ action: 'add', entityType: 'deal', record: { assignedById: 'u-leo', opened: true, pipelineId: 'wholesale' } }]);
    expect(Object.isFrozen(plan.record) && Object.isFrozen(plan.record.custom)).toBe(true);
    expect(validateEntity(dealRegistry, 'stored', plan.record).success).toBe(true);
  });

  it('the created event of a record without stages has no details', () => {
    expect(planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, options)).events[0]?.data).toEqual({});
  });

  it('fills custom defaults, a datetime defaulting to now with `at`; a value given wins', () => {
    const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T' }, options));
    expect(record.custom).toEqual({ region: 'EU', received_at: at });
    const given = new Date('2026-01-01T00:00:00Z');
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', custom: { region: 'LATAM', received_at: given } }, options)).record.custom).toEqual({
      region: 'LATAM',
      received_at: given,
    });
  });

  it('is validated in its input form: REQUIRED, INVALID_VALUE and UNKNOWN_FIELD issues, nothing planned', () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, {}, options))).toEqual([['REQUIRED', 'title']]);
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', probability: 140 }, options))).toEqual([['INVALID_VALUE', 'probability']]);
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', version: 3 }, options))).toEqual([['UNKNOWN_FIELD', 'version']]);
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', custom: { margin: 'lots' } }, options))).toEqual([['INVALID_VALUE', 'custom', 'margin']]);
  });
});

describe('planCreateRecord: hidden custom fields', () => {
  it('setting a custom field the person cannot see is FIELD_NOT_VISIBLE, valid or not, as for a field that does not exist', () => {
    expect(thrown(() => planCreateRecord(dealRules, eva, { title: 'T', custom: { margin: 5 } }, options)).code).toBe('FIELD_NOT_VISIBLE');
    expect(thrown(() => planCreateRecord(dealRules, eva, { title: 'T', custom: { margin: 'lots' } }, options)).code).toBe('FIELD_NOT_VISIBLE');
    expect(thrown(() => planCreateRecord(dealRules, eva, { title: 'T', custom: { nothing: 1 } }, options)).code).toBe('FIELD_NOT_VISIBLE');
    // Before anything else is read: a missing title would otherwise be the first thing said.
    expect(thrown(() => planCreateRecord(dealRules, eva, { custom: { margin: 5 } }, options)).code).toBe('FIELD_NOT_VISIBLE');
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', custom: { margin: 5 } }, options)).record.custom.margin).toBe(5);
  });

  it('a getter on the input cannot answer the visibility check one thing and the validation another', () => {
    let reads = 0;
    const input = {
      title: 'T',
      get custom() {
        reads += 1;
        return reads === 1 ? {} : { margin: 5 };
      },
    };
    expect(thrown(() => planCreateRecord(dealRules, eva, input, options)).code).toBe('NOT_PLAIN_DATA');
    expect(reads).toBe(0);
  });
});

describe('planCreateRecord: the stage a staged record starts in', () => {
  it('a deal starts in the first pipeline, in its first stage, with its probability, moved at `at` by the person', () => {
    const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T' }, options));
    expect(record).toMatchObject({ pipelineId: 'default', stageId: 'NEW', probability: 10, probabilityIsManual: false, closed: false, movedAt: at, movedById: 'u-ana' });
    expect('closedAt' in record).toBe(false);
  });

  it('the first stage is the lowest by sort, not the first listed', () => {
    expect(wholesale.stages[0]?.id).toBe('W_OFFER');
    const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T', pipelineId: 'wholesale' }, options));
    expect([record.stageId, record.probability]).toEqual(['W_NEW', 5]);
  });

  it('a probability typed at creation is kept and marked set by hand, unless the input says it is not', () => {
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', probability: 35 }, options)).record).toMatchObject({ probability: 35, probabilityIsManual: true });
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', probability: 35, probabilityIsManual: false }, options)).record).toMatchObject({
      probability: 35,
      probabilityIsManual: false,
    });
  });

  it('a stage without a probability leaves a deal without one', () => {
    const bare: Pipeline = unwrap(checkPipeline({ ...DEFAULT_DEAL_PIPELINE, stages: DEFAULT_DEAL_PIPELINE.stages.map(({ probability: _p, ...stage }) => stage) }));
    const { record } = planned(planCreateRecord(defineRecordRules('deal', { pipelines: [bare] }), ana, { title: 'T' }, options));
    expect('probability' in record).toBe(false);
  });

  it('a record created in a final stage is closed at `at`, with the final stage probability', () => {
    expect(planned(planCreateRecord(dealRules, eva, { title: 'T', stageId: 'WON' }, options)).record).toMatchObject({ closed: true, closedAt: at, probability: 100 });
    expect(planned(planCreateRecord(dealRules, eva, { title: 'T', stageId: 'LOST' }, options)).record).toMatchObject({ closed: true, closedAt: at, probability: 0 });
    expect(planned(planCreateRecord(invoiceRules, ana, { number: 'INV-1', stageId: 'PAID' }, options)).record).toMatchObject({ closed: true, closedAt: at });
    expect(planned(planCreateRecord(quoteRules, ana, { number: 'Q-1' }, options)).record).toMatchObject({ stageId: 'DRAFT', closed: false });
  });

  it('a lead starts in its first status, has no closed flag, and may start in its failure status', () => {
    const { record } = planned(planCreateRecord(leadRules, ana, { title: 'L' }, options));
    expect(record).toMatchObject({ status: 'NEW', movedAt: at, movedById: 'u-ana' });
    expect('closed' in record).toBe(false);
    expect(planned(planCreateRecord(leadRules, ana, { title: 'L', status: 'JUNK' }, options)).record.status).toBe('JUNK');
  });

  it('a lead created in its success status is INVALID_STAGE_TRANSITION at status: leads convert for that', () => {
    expect(issuesOf(planCreateRecord(leadRules, ana, { title: 'L', status: 'CONVERTED' }, options))).toEqual([['INVALID_STAGE_TRANSITION', 'status']]);
  });

  it('an unknown pipeline or stage is INVALID_VALUE at the field', () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', pipelineId: 'retail' }, options))).toEqual([['INVALID_VALUE', 'pipelineId']]);
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', stageId: 'GONE' }, options))).toEqual([['INVALID_VALUE', 'stageId']]);
    // A stage of another pipeline is not one of this one.
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', pipelineId: 'wholesale', stageId: 'NEW' }, options))).toEqual([['INVALID_VALUE', 'stageId']]);
    expect(issuesOf(planCreateRecord(leadRules, ana, { title: 'L', status: 'GONE' }, options))).toEqual([['INVALID_VALUE', 'status']]);
    expect(issuesOf(planCreateRecord(invoiceRules, ana, { number: 'I', stageId: 'GONE' }, options))).toEqual([['INVALID_VALUE', 'stageId']]);
  });

  it("a record must meet its stage's requirements, as a move there would; a field the person cannot see is never required of them", () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', stageId: 'PROPOSAL' }, options))).toEqual([
      ['REQUIRED', 'amount'],
      ['REQUIRED', 'custom', 'contract'],
    ]);
    expect(issuesOf(planCreateRecord(dealRules, eva, { title: 'T', stageId: 'PROPOSAL' }, options))).toEqual([['REQUIRED', 'amount']]);
    expect(planned(planCreateRecord(dealRules, eva, { title: 'T', stageId: 'PROPOSAL', amount: money('10.00', 'EUR') }, options)).record.stageId).toBe('PROPOSAL');
    expect(issuesOf(planCreateRecord(dealRules, admin, { title: 'T', pipelineId: 'wholesale', stageId: 'W_OFFER' }, options))).toEqual([['REQUIRED', 'amount']]);
  });
});

describe('planCreateRecord: loss reasons', () => {
  it('a loss reason is taken only in a failure stage', () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', lossReasonId: 'PRICE' }, options))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', stageId: 'LOST', lossReasonId: 'PRICE' }, options)).record.lossReasonId).toBe('PRICE');
  });

  it('a failure stage that requires a reason refuses a deal without one', () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', pipelineId: 'wholesale', stageId: 'W_LOST' }, options))).toEqual([['REQUIRED', 'lossReasonId']]);
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', pipelineId: 'wholesale', stageId: 'W_LOST', lossReasonId: 'ANY' }, options)).record.closed).toBe(true);
  });

  it('with a catalog, the reason must come from it; without one any id is taken', () => {
    const strict = defineRecordRules('deal', { lossReasons: DEFAULT_LOSS_REASONS });
    expect(issuesOf(planCreateRecord(strict, ana, { title: 'T', stageId: 'LOST', lossReasonId: 'BAD_LUCK' }, options))).toEqual([['INVALID_VALUE', 'lossReasonId']]);
    expect(planned(planCreateRecord(strict, ana, { title: 'T', stageId: 'LOST', lossReasonId: 'PRICE' }, options)).record.lossReasonId).toBe('PRICE');
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', stageId: 'LOST', lossReasonId: 'BAD_LUCK' }, options)).record.lossReasonId).toBe('BAD_LUCK');
  });
});

describe('planCreateRecord: repeat flags', () => {
  it('a lead naming a contact or a company is a return customer', () => {
    expect(planned(planCreateRecord(leadRules, ana, { title: 'L', contactId: 'c-1' }, options)).record.isReturnCustomer).toBe(true);
    expect(planned(planCreateRecord(leadRules, ana, { title: 'L', companyId: 'co-1' }, options)).record.isReturnCustomer).toBe(true);
    expect(planned(planCreateRecord(leadRules, ana, { title: 'L' }, options)).record.isReturnCustomer).toBe(false);
  });

  it("a deal is a return customer when one of the client's deals is won, a repeated approach when there are some and none is won", () => {
    const flags = (clientDeals: readonly { id?: string; pipelineId: string; stageId: string }[] | undefined): [boolean, boolean] => {
      const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T' }, { id: '7', at, clientDeals }));
      return [record.isReturnCustomer, record.isRepeatedApproach];
    };
    expect(flags(undefined)).toEqual([false, false]);
    expect(flags([])).toEqual([false, false]);
    expect(flags([{ pipelineId: 'default', stageId: 'NEW' }])).toEqual([false, true]);
    expect(flags([{ pipelineId: 'default', stageId: 'LOST' }, { pipelineId: 'wholesale', stageId: 'W_OFFER' }])).toEqual([false, true]);
    expect(flags([{ pipelineId: 'default', stageId: 'NEW' }, { pipelineId: 'wholesale', stageId: 'W_WON' }])).toEqual([true, false]);
  });

  it('the repeat flags cannot be given in the input', () => {
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', isReturnCustomer: true }, options))).toEqual([['UNKNOWN_FIELD', 'isReturnCustomer']]);
    expect(issuesOf(planCreateRecord(dealRules, ana, { title: 'T', isRepeatedApproach: true }, options))).toEqual([['UNKNOWN_FIELD', 'isRepeatedApproach']]);
    expect(issuesOf(planCreateRecord(leadRules, ana, { title: 'L', isReturnCustomer: true }, options))).toEqual([['UNKNOWN_FIELD', 'isReturnCustomer']]);
  });

  it("a client deal in a pipeline or stage the rules do not know is INVALID_ARGUMENT, never read as 'not won'", () => {
    expect(thrown(() => planCreateRecord(dealRules, ana, { title: 'T' }, { id: '7', at, clientDeals: [{ pipelineId: 'retail', stageId: 'WON' }] })).code).toBe('INVALID_ARGUMENT');
  });

  it("getRepeatClient names a deal's company and its first contact", () => {
    expect(getRepeatClient({ companyId: 'co-1', contactIds: ['c-1', 'c-2'] })).toEqual({ companyId: 'co-1', contactId: 'c-1' });
    expect(getRepeatClient({ companyId: '', contactIds: [] })).toEqual({});
    expect(thrown(() => getRepeatClient(null as never)).code).toBe('INVALID_ARGUMENT');
  });
});

describe('planCreateRecord: derived fields', () => {
  const seat = { name: 'Seat', price: money('10.00', 'EUR'), quantity: '3', taxRate: '21' };

  it('amounts follow the product rows unless set by hand', () => {
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', productRows: [seat] }, options)).record).toMatchObject({
      amount: money('36.30', 'EUR'),
      taxAmount: money('6.30', 'EUR'),
      amountIsManual: false,
    });
    expect(planned(planCreateRecord(dealRules, ana, { title: 'T', productRows: [seat], amount: money('1.00', 'EUR') }, options)).record.amount).toEqual(money('36.30', 'EUR'));
    const manual = planned(planCreateRecord(dealRules, ana, { title: 'T', productRows: [seat], amount: money('1.00', 'EUR'), amountIsManual: true }, options)).record;
    expect([manual.amount, manual.taxAmount]).toEqual([money('1.00', 'EUR'), undefined]);
    expect(planned(planCreateRecord(quoteRules, ana, { number: 'Q', productRows: [seat] }, options)).record.amount).toEqual(money('36.30', 'EUR'));
  });

  it('an activity created completed is completed at `at`; one created open has no completedAt', () => {
    expect(planned(planCreateRecord(activityRules, ana, { type: 'call', subject: 'S', completed: true }, options)).record.completedAt).toEqual(at);
    expect('completedAt' in planned(planCreateRecord(activityRules, ana, { type: 'call', subject: 'S' }, options)).record).toBe(false);
  });
});

describe('planCreateRecord: bad arguments', () => {
  it('refuses malformed rules, principal and options with INVALID_ARGUMENT, an instant that is no date with INVALID_DATE, and an invalid Date with NOT_PLAIN_DATA', () => {
    for (const rules of [null, 'deal', {}, { entityType: 'nothing' }]) {
      expect(thrown(() => planCreateRecord(rules as never, ana, { title: 'T' }, options)).code).toBe('INVALID_ARGUMENT');
    }
    for (const principal of [null, {}, { userId: 'u-ana' }, { ...ana, isAdmin: 'yes' }]) {
      expect(thrown(() => planCreateRecord(dealRules, principal as never, { title: 'T' }, options)).code).toBe('INVALID_ARGUMENT');
    }
    for (const bad of [null, {}, { id: '', at }, { id: 7, at }, { id: '7', at, clientDeals: 'all' }]) {
      expect(thrown(() => planCreateRecord(dealRules, ana, { title: 'T' }, bad as never)).code).toBe('INVALID_ARGUMENT');
    }
    for (const when of [undefined, 'yesterday', 0]) {
      expect(thrown(() => planCreateRecord(dealRules, ana, { title: 'T' }, { id: '7', at: when as never })).code).toBe('INVALID_DATE');
    }
    // As in a service's arguments: an invalid Date is not data.
    expect(thrown(() => planCreateRecord(dealRules, ana, { title: 'T' }, { id: '7', at: new Date(Number.NaN) })).code).toBe('NOT_PLAIN_DATA');
  });

  it('any input is a returned issue list or a typed crm-kit error, never anything else', () => {
    for (const input of JUNK) {
      const outcome = thrown(() => planCreateRecord(dealRules, ana, input, options));
      expect(outcome.code === 'no error' || ['NOT_PLAIN_DATA', 'INVALID_TEXT'].includes(outcome.code), outcome.code).toBe(true);
    }
  });

  it('an input that cannot be read (a throwing getter, a revoked Proxy, a class instance) is NOT_PLAIN_DATA', () => {
    const failing = new Error('boom');
    const getter = thrown(() =>
      planCreateRecord(
        dealRules,
        ana,
        {
          get title(): string {
            throw failing;
          },
        },
        options,
      ),
    );
    expect(getter.code).toBe('NOT_PLAIN_DATA');
    const revoked = thrown(() => planCreateRecord(dealRules, ana, revokedProxy(), options));
    expect([revoked.code, revoked.cause instanceof TypeError]).toEqual(['NOT_PLAIN_DATA', true]);
    class Draft {
      title = 'T';
    }
    expect(thrown(() => planCreateRecord(dealRules, ana, new Draft(), options)).code).toBe('NOT_PLAIN_DATA');
    expect(thrown(() => planCreateRecord(dealRules, revokedProxy() as never, { title: 'T' }, options)).code).toBe('NOT_PLAIN_DATA');
    expect(thrown(() => planCreateRecord(dealRules, ana, { title: 'T' }, revokedProxy() as never)).code).toBe('NOT_PLAIN_DATA');
  });

  it('never freezes or changes its input', () => {
    const input = { title: 'T', contactIds: ['c-1'], productRows: [{ name: 'Seat', price: { amount: '10.00', currency: 'EUR' }, quantity: '3' }], custom: { region: 'LATAM' } };
    const before = structuredClone(input);
    planned(planCreateRecord(dealRules, ana, input, options));
    expect(input).toEqual(before);
    expect(anythingFrozen(input)).toBe(false);
  });
});

describe('planCreateRecord: rules pinned since the service layer split', () => {
  it('the created event of a record without stages is the plain created event, naming the record, the instant and the person', () => {
    expect(planned(planCreateRecord(contactRules, ana, { firstName: 'Ana' }, options)).events).toEqual([
      { type: 'created', entityType: 'contact', entityId: '7', at, byId: 'u-ana', data: {} },
    ]);
  });

  it('a custom field required of everyone is never required of a person who cannot see it', () => {
    const vat = defineField({ type: 'string', code: 'vat', labels: { en: 'VAT id' }, required: true, visibility: { restrictedTo: { departmentIds: ['madrid'] } } });
    const rules = defineRecordRules('contact', { registry: createFieldRegistry('contact', { customFields: [vat] }) });
    expect(issuesOf(planCreateRecord(rules, ana, { firstName: 'Ana' }, options))).toEqual([['REQUIRED', 'custom', 'vat']]);
    expect(planned(planCreateRecord(rules, eva, { firstName: 'Eva' }, options)).record.custom).toEqual({});
  });

  it('two stages tied for the lowest sort: the record starts in the one listed first', () => {
    const tied = unwrap(checkPipeline({ ...DEFAULT_INVOICE_STAGES, stages: DEFAULT_INVOICE_STAGES.stages.map((stage, index) => (index < 2 ? { ...stage, sort: 5 } : stage)) }));
    const [first, second] = tied.stages;
    const rules = defineRecordRules('invoice', { pipelines: [tied] });
    expect(planned(planCreateRecord(rules, ana, { number: 'I-1' }, options)).record.stageId).toBe(first?.id);
    const swapped = defineRecordRules('invoice', { pipelines: [{ ...tied, stages: [second, first, ...tied.stages.slice(2)] as typeof tied.stages }] });
    expect(planned(planCreateRecord(swapped, ana, { number: 'I-1' }, options)).record.stageId).toBe(second?.id);
  });

  it('only a deal takes a probability from its stage: an invoice or quote never has one', () => {
    const withProbability = (pipeline: Pipeline): Pipeline => unwrap(checkPipeline({ ...pipeline, stages: pipeline.stages.map((stage) => ({ ...stage, probability: 50 })) }));
    const invoice = planned(planCreateRecord(defineRecordRules('invoice', { pipelines: [withProbability(DEFAULT_INVOICE_STAGES)] }), ana, { number: 'I-1' }, options)).record;
    const quote = planned(planCreateRecord(defineRecordRules('quote', { pipelines: [withProbability(DEFAULT_QUOTE_STAGES)] }), ana, { number: 'Q-1' }, options)).record;
    expect(['probability' in invoice, 'probability' in quote]).toEqual([false, false]);
  });

  it('a deal without an amount and without rows has no amount field at all', () => {
    const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T' }, options));
    expect(['amount' in record, 'taxAmount' in record]).toEqual([false, false]);
  });

  it('an amount set by hand keeps the tax set by hand, whatever the rows say', () => {
    const seat = { name: 'Seat', price: money('10.00', 'EUR'), quantity: '1', taxRate: '21' };
    const { record } = planned(planCreateRecord(dealRules, ana, { title: 'T', productRows: [seat], amount: money('5.00', 'EUR'), taxAmount: money('1.00', 'EUR'), amountIsManual: true }, options));
    expect([record.amount, record.taxAmount]).toEqual([money('5.00', 'EUR'), money('1.00', 'EUR')]);
  });

  it('the new id must be non-empty text, for a record without stages too', () => {
    for (const id of [7, '']) expect(thrown(() => planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: id as never, at })).code).toBe('INVALID_ARGUMENT');
    // clientDeals is read for deals only, but must be a list on every type.
    expect(thrown(() => planCreateRecord(contactRules, ana, { firstName: 'Ana' }, { id: '7', at, clientDeals: 'all' as never })).code).toBe('INVALID_ARGUMENT');
  });

  it("an invoice's and a quote's amount follow their product rows, as a deal's does", () => {
    const seat = { name: 'Seat', price: money('10.00', 'EUR'), quantity: '2' };
    expect(planned(planCreateRecord(invoiceRules, ana, { number: 'I-1', productRows: [seat] }, options)).record.amount).toEqual(money('20.00', 'EUR'));
    expect(planned(planCreateRecord(quoteRules, ana, { number: 'Q-1', productRows: [seat] }, options)).record.amount).toEqual(money('20.00', 'EUR'));
  });

  it('getRepeatClient reads only non-empty text ids', () => {
    expect(getRepeatClient({ companyId: 41, contactIds: [7] })).toEqual({});
    expect(getRepeatClient({ companyId: '', contactIds: [''] })).toEqual({});
    expect(getRepeatClient({ contactIds: 'c-1' })).toEqual({});
  });
});
