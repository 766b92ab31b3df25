import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, createFieldRegistry, createRateTable, defineField, manualClock, money, sequentialIds } from 'crm-kit';
import type { Crm, Principal, SalesReport } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { codeOfAsync } from '../support/errors.js';

const policy = createAccessPolicy({
  roles: [
    {
      id: 'sales',
      name: 'Sales',
      permissions: {
        deal: { read: 'own', add: 'own', update: 'own', delete: 'own' },
        activity: { read: 'own', add: 'own', update: 'own', delete: 'own' },
        invoice: { read: 'own', add: 'own', update: 'own', delete: 'own' },
      },
    },
    { id: 'head', name: 'Head of sales', permissions: { deal: { read: 'all' }, activity: { read: 'all' }, invoice: { read: 'all' } } },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-ana', 'u-leo', 'u-eva'] }] },
});
const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const eva: Principal = { userId: 'u-eva', roleIds: ['head'], departmentIds: ['madrid'], isAdmin: false };
// `margin` is a custom field only Ana can see.
const margin = defineField({ type: 'string', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedTo: { userIds: ['u-ana'] } } });
const region = defineField({ type: 'string', code: 'region', labels: { en: 'Region' } });
const march = { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' } as const;
const rates = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.90', from: '2026-01-01' }] });

function setup(): { crm: Crm; clock: ReturnType<typeof manualClock> } {
  const clock = manualClock('2026-03-02T10:00:00Z');
  const crm = createCrm({
    store: createMemoryStore(),
    clock,
    ids: sequentialIds(),
    access: policy,
    rates,
    settings: { reportCurrency: 'EUR' },
    fields: { deal: createFieldRegistry('deal', { customFields: [margin, region] }) },
  });
  return { crm, clock };
}

describe('me.reports.sales', () => {
  it('counts only the deals the person may read, with their stage history from the event log', async () => {
    const { crm, clock } = setup();
    const a = await crm.as(ana).deals.create({ title: 'A', amount: money('1000.00', 'EUR'), custom: { region: 'north' } });
    await crm.as(leo).deals.create({ title: 'L', amount: money('500.00', 'USD'), custom: { region: 'south' } });
    clock.advance({ days: 2 });
    await crm.as(ana).deals.moveToStage(a.id, 'PREPARATION', { expectedVersion: 1 });
    clock.advance({ days: 2 });
    await crm.as(ana).deals.moveToStage(a.id, 'WON', { expectedVersion: 2 });

    const mine = await crm.as(ana).reports.sales({ period: march, groupBy: [{ field: 'custom.region' }] });
    expect(mine.deals).toEqual({ read: 1, inPeriod: 1, forgotten: 0 });
    expect(mine.total.won).toEqual({ count: 1, amount: money('1000.00', 'EUR') });
    expect(mine.funnels[0]?.classic.stages.slice(0, 3).map((stage) => stage.deals)).toEqual([1, 1, 0]);
    expect(mine.groupings[0]?.groups.map((group) => group.key)).toEqual(['north']);

    const all = await crm.as(eva).reports.sales({ period: march, reportDate: '2026-03-31' });
    expect(all.deals.inPeriod).toBe(2);
    // Leo's open USD deal at the report date's rate, weighted by NEW's probability.
    expect(all.total.open.amount).toEqual(money('450.00', 'EUR'));
    expect(all.ratesUsed).toEqual([{ currency: 'USD', on: '2026-03-31', value: '0.90' }]);
  });

  it('refuses to group or filter on a custom field hidden from the person: FIELD_NOT_VISIBLE, before reading', async () => {
    const { crm } = setup();
    await crm.as(leo).deals.create({ title: 'L', amount: money('500.00', 'EUR') });
    const me = crm.as(leo);
    expect(await codeOfAsync(() => me.reports.sales({ period: march, groupBy: [{ field: 'custom.margin' }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOfAsync(() => me.reports.sales({ period: march, where: [{ field: 'custom.margin', op: 'eq', value: 'high' }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOfAsync(() => me.reports.forecast({ unit: 'month', where: [{ field: 'custom.margin', op: 'eq', value: 'high' }] }))).toBe('FIELD_NOT_VISIBLE');
    expect(await codeOfAsync(() => me.reports.sales({ period: march, groupBy: [{ field: 'nonsense' }] }))).toBe('UNKNOWN_FIELD');
    expect(await codeOfAsync(() => me.reports.sales({ period: march, extra: true } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => me.reports.forecast({ unit: 'month', where: 5 } as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOfAsync(() => me.reports.sales({ period: { from: '2026-03-01', to: '2026-02-01', timeZone: 'UTC' } }))).toBe('INVALID_ARGUMENT');
  });

  it('no hidden field shapes a result: changing the values of a field hidden from the person changes nothing they get', async () => {
    const deal = fc.record({ amount: fc.integer({ min: 0, max: 100_000 }), won: fc.boolean(), hidden: fc.constantFrom('low', 'high', undefined) });
    await fc.assert(
      fc.asyncProperty(fc.array(deal, { maxLength: 6 }), fc.array(fc.constantFrom('low', 'high', 'x'), { minLength: 6, maxLength: 6 }), async (deals, others) => {
        const reportOf = async (hidden: (index: number) => string | undefined): Promise<SalesReport> => {
          const { crm } = setup();
          // Ana owns every deal; Eva reads them all but cannot see `margin`.
          for (const [index, given] of deals.entries()) {
            const value = hidden(index);
            const created = await crm.as(ana).deals.create({ title: `D${index}`, amount: money(String(given.amount), 'EUR'), custom: value === undefined ? {} : { margin: value } });
            if (given.won) await crm.as(ana).deals.moveToStage(created.id, 'WON', { expectedVersion: 1 });
          }
          return crm.as(eva).reports.sales({ period: march, reportDate: '2026-03-31', groupBy: ['stage', 'responsible', { field: 'custom.region' }, { unit: 'week' }] });
        };
        const first = await reportOf((index) => deals[index]?.hidden);
        const second = await reportOf((index) => others[index]);
        expect(second).toEqual(first);
      }),
      { numRuns: 15 },
    );
  });
});

describe('me.reports.forecast', () => {
  it('forecasts the open deals the person may read by expected closing month', async () => {
    const { crm } = setup();
    await crm.as(ana).deals.create({ title: 'A', amount: money('1000.00', 'EUR'), probability: 50, expectedCloseDate: '2026-04-10' });
    await crm.as(leo).deals.create({ title: 'L', amount: money('800.00', 'EUR'), probability: 50, expectedCloseDate: '2026-04-20' });
    const mine = await crm.as(ana).reports.forecast({ unit: 'month', reportDate: '2026-03-31' });
    expect(mine.periods.map((period) => [period.key, period.figures.amount.amount, period.figures.weighted.amount])).toEqual([['2026-04', '1000.00', '500.00']]);
    const all = await crm.as(eva).reports.forecast({ unit: 'month', reportDate: '2026-03-31' });
    expect(all.total.amount).toEqual(money('1800.00', 'EUR'));
  });
});
