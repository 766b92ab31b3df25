import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleKanbanBoard, buildKanbanBoard, createKanbanTotals, createRateTable, DEFAULT_DEAL_PIPELINE, listKanbanStages, money, resolveKanbanTarget } from 'crm-kit';
import type { KanbanColumnPage, KanbanItem, Pipeline } from 'crm-kit';
import { codeOf } from './errors.js';
import { cardsFor, deal, LEAD_STATUSES, pipelineArb, RATES, SALES, SIMPLE, stage } from './kanban-fixtures.js';

const ids = (items: readonly { readonly id: string }[]): string[] => items.map((item) => item.id);
const TOTALS = { currency: 'EUR', rates: RATES, on: '2026-02-15' } as const;

describe('listKanbanStages', () => {
  it('lists the in-progress stages in order, and the won then lost stages after them when the final zone is shown', () => {
    expect(listKanbanStages(SALES, false).map((s) => s.id)).toEqual(['NEW', 'PROPOSAL', 'NEGOTIATION']);
    expect(listKanbanStages(SALES, true).map((s) => s.id)).toEqual(['NEW', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST_PRICE', 'LOST_SILENT']);
  });

  it('reads stages in sort order, whatever order they are listed in', () => {
    const shuffled: Pipeline = { ...SIMPLE, stages: [stage('LOST', 'failure', 100), stage('B', 'process', 20), stage('WON', 'success', 90), stage('A', 'process', 10)] };
    expect(listKanbanStages(shuffled, true).map((s) => s.id)).toEqual(['A', 'B', 'WON', 'LOST']);
    expect(listKanbanStages(shuffled, false).map((s) => s.id)).toEqual(['A', 'B']);
  });

  it('refuses a pipeline that definePipeline refuses', () => {
    expect(codeOf(() => listKanbanStages({ ...SALES, stages: [] }, true))).toBe('INVALID_ARGUMENT');
  });
});

describe('createKanbanTotals', () => {
  it('counts every item, sums amounts per currency sorted by code, and has no total without a conversion', () => {
    const totals = createKanbanTotals();
    totals.add({ id: '1', amount: money('10.00', 'USD') });
    totals.add({ id: '2' });
    totals.add({ id: '3', amount: money('100', 'JPY') });
    totals.add({ id: '4', amount: money('2.50', 'EUR') });
    totals.add({ id: '5', amount: money('5.25', 'USD') });
    expect(totals.result()).toEqual({ count: 5, subtotals: [money('2.50', 'EUR'), money('100', 'JPY'), money('15.25', 'USD')] });
    expect(Object.keys(totals.result())).toEqual(['count', 'subtotals']);
  });

  it('converts each amount into the board currency as it comes, with a zero total for no amount', () => {
    const empty = createKanbanTotals(TOTALS);
    expect(empty.result()).toEqual({ count: 0, subtotals: [], total: money('0.00', 'EUR') });
    const totals = createKanbanTotals(TOTALS);
    totals.add({ id: '1', amount: money('100.00', 'USD') });
    totals.add({ id: '2', amount: money('10.00', 'EUR') });
    totals.add({ id: '3' });
    expect(totals.result()).toEqual({ count: 3, subtotals: [money('10.00', 'EUR'), money('100.00', 'USD')], total: money('100.00', 'EUR') });
  });

  it('gives the count and totals buildKanbanBoard gives for the same column', () => {
    fc.assert(
      fc.property(
        pipelineArb.chain((pipeline) => fc.tuple(fc.constant(pipeline), cardsFor(pipeline))),
        fc.boolean(),
        ([pipeline, cards], convert) => {
          const options = convert ? TOTALS : {};
          const board = buildKanbanBoard(cards, pipeline, options);
          for (const column of board.columns) {
            const totals = createKanbanTotals(options);
            for (const item of column.items) totals.add(item);
            const { count, subtotals, total } = column;
            expect(totals.result()).toEqual(total === undefined ? { count, subtotals } : { count, subtotals, total });
          }
        },
      ),
    );
  });

  it('refuses options that are not an object, an amount that is not money, and an amount without a rate', () => {
    expect(codeOf(() => createKanbanTotals(null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createKanbanTotals({ currency: 'EUR' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => {
      createKanbanTotals().add({ id: '1', amount: 5 } as never);
    })).toBe('INVALID_AMOUNT');
    expect(codeOf(() => {
      const totals = createKanbanTotals(TOTALS);
      totals.add({ id: '1', amount: money('1.00', 'GBP') });
      totals.result();
    })).toBe('NO_RATE');
    expect(codeOf(() => {
      createKanbanTotals().addGroup({ count: 1, subtotals: [null] as never });
    })).toBe('INVALID_AMOUNT');
    expect(codeOf(() => {
      createKanbanTotals().addGroup({ count: -1, subtotals: [] });
    })).toBe('INVALID_ARGUMENT');
  });

  it('gives the board the total its own subtotals convert to, not the sum of rounded column totals', () => {
    const half = createRateTable({ base: 'EUR', rates: [{ currency: 'USD', amount: '0.5', from: '2026-01-01' }] });
    const board = buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: money('0.01', 'USD') }, { id: '2', stageId: 'PREPARATION', amount: money('0.01', 'USD') }], DEFAULT_DEAL_PIPELINE, { currency: 'EUR', rates: half, on: '2026-02-15' });
    expect(board.columns.slice(0, 2).map((column) => column.total?.amount)).toEqual(['0.01', '0.01']);
    expect([board.subtotals, board.total]).toEqual([[money('0.02', 'USD')], money('0.01', 'EUR')]);
  });

  it('gives the same totals for items added one by one and for their per-currency sums added as a group', () => {
    const one = createKanbanTotals(TOTALS);
    for (const amount of ['1.00', '1.00', '1.00']) one.add({ id: amount, amount: money(amount, 'USD') });
    one.add({ id: 'none' });
    const grouped = createKanbanTotals(TOTALS);
    grouped.addGroup({ count: 4, subtotals: [money('3.00', 'USD')] });
    expect(grouped.result()).toEqual(one.result());
  });
});

describe('assembleKanbanBoard', () => {
  const page = (items: readonly KanbanItem[], extra: Partial<KanbanColumnPage<KanbanItem>> = {}): KanbanColumnPage<KanbanItem> => ({
    items,
    count: items.length,
    subtotals: [],
    ...extra,
  });

  it('lays out the pages as buildKanbanBoard lays out the items, with empty columns for stages without a page', () => {
    const pages = new Map([
      ['NEW', page([deal('1', 'NEW')], { count: 7, subtotals: [money('5.00', 'EUR')], nextCursor: 'c-2' })],
      ['NEGOTIATION', page([deal('2', 'NEGOTIATION')], { subtotals: [money('1.00', 'EUR'), money('3.00', 'USD')] })],
    ]);
    const board = assembleKanbanBoard(SALES, pages);
    expect(board.pipelineId).toBe('sales');
    expect(board.columns.map((c) => [c.stage.id, c.group, ids(c.items), c.count])).toEqual([
      ['NEW', 'in-progress', ['1'], 7],
      ['PROPOSAL', 'in-progress', [], 0],
      ['NEGOTIATION', 'in-progress', ['2'], 1],
    ]);
    expect(board.columns[0]?.nextCursor).toBe('c-2');
    expect(Object.hasOwn(board.columns[1] ?? {}, 'nextCursor')).toBe(false);
    expect(Object.hasOwn(board.columns[1] ?? {}, 'total')).toBe(false);
    expect(board.columns[1]?.subtotals).toEqual([]);
    expect(board.count).toBe(8);
    expect(board.subtotals).toEqual([money('6.00', 'EUR'), money('3.00', 'USD')]);
    expect(board.hidden).toEqual([]);
    expect(board.unplaced).toEqual([]);
    expect(Object.hasOwn(board, 'total')).toBe(false);
    expect(Object.hasOwn(board, 'final')).toBe(false);
  });

  it('builds the final zone from its pages only when asked, out of the open pipeline totals', () => {
    const pages = new Map([
      ['NEW', page([deal('1', 'NEW')])],
      ['WON', page([deal('2', 'WON')], { count: 4 })],
      ['LOST_SILENT', page([deal('3', 'LOST_SILENT')])],
    ]);
    const board = assembleKanbanBoard(SALES, pages, { includeFinal: true });
    expect(board.final?.won.count).toBe(4);
    expect(board.final?.won.group).toBe('won');
    expect(board.final?.lost.map((c) => [c.stage.id, c.group, c.count])).toEqual([
      ['LOST_PRICE', 'lost', 0],
      ['LOST_SILENT', 'lost', 1],
    ]);
    expect(board.count).toBe(1);
    expect(assembleKanbanBoard(SALES, pages).final).toBeUndefined();
  });

  it("converts the board's subtotals into its total, a missing column counting as zero in the board currency", () => {
    const pages = new Map([
      ['NEW', page([], { count: 2, subtotals: [money('12.50', 'EUR')], total: money('12.50', 'EUR') })],
      ['PROPOSAL', page([], { count: 1, subtotals: [money('7.50', 'EUR')], total: money('7.50', 'EUR') })],
    ]);
    const board = assembleKanbanBoard(SALES, pages, TOTALS);
    expect(board.columns.map((c) => c.total)).toEqual([money('12.50', 'EUR'), money('7.50', 'EUR'), money('0.00', 'EUR')]);
    expect([board.subtotals, board.total]).toEqual([[money('20.00', 'EUR')], money('20.00', 'EUR')]);
    expect(board.conversion).toEqual({ currency: 'EUR', base: 'EUR', on: '2026-02-15', round: 'halfUp' });
  });

  it('gives the board buildKanbanBoard gives when each page holds all of its stage', () => {
    fc.assert(
      fc.property(
        pipelineArb.chain((pipeline) => fc.tuple(fc.constant(pipeline), cardsFor(pipeline))),
        fc.boolean(),
        ([pipeline, cards], convert) => {
          const options = { includeFinal: true, ...(convert ? TOTALS : {}) };
          const built = buildKanbanBoard(cards, pipeline, options);
          const columns = [...built.columns, ...(built.final === undefined ? [] : [built.final.won, ...built.final.lost])];
          const pages = new Map(columns.map((c) => [c.stage.id, { items: c.items, count: c.count, subtotals: c.subtotals, ...(c.total === undefined ? {} : { total: c.total }) }]));
          expect(assembleKanbanBoard(pipeline, pages, options)).toEqual({ ...built, hidden: [], unplaced: [] });
        },
      ),
    );
  });

  it('refuses pages that are not a Map, a bad pipeline and malformed options', () => {
    expect(codeOf(() => assembleKanbanBoard(SALES, { NEW: page([]) } as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => assembleKanbanBoard({ ...SALES, stages: [] }, new Map()))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => assembleKanbanBoard(SALES, new Map(), { currency: 'EUR' }))).toBe('INVALID_ARGUMENT');
  });
});

describe('resolveKanbanTarget', () => {
  it('resolves a column to its in-progress stage, the won zone to the success stage and the lost zone to a failure stage', () => {
    expect(resolveKanbanTarget(SALES, { column: 'PROPOSAL' })).toEqual({ success: true, data: 'PROPOSAL' });
    expect(resolveKanbanTarget(SALES, { zone: 'won' })).toEqual({ success: true, data: 'WON' });
    expect(resolveKanbanTarget(SALES, { zone: 'lost', stageId: 'LOST_SILENT' })).toEqual({ success: true, data: 'LOST_SILENT' });
    expect(resolveKanbanTarget(SIMPLE, { zone: 'lost' })).toEqual({ success: true, data: 'LOST' });
    expect(resolveKanbanTarget(LEAD_STATUSES, { zone: 'lost' })).toEqual({ success: true, data: 'JUNK' });
  });

  it('returns the issue for a drop it cannot place, at the part of the target that is wrong', () => {
    const issue = (target: Parameters<typeof resolveKanbanTarget>[1]): unknown => {
      const result = resolveKanbanTarget(SALES, target);
      return result.success ? result.data : result.issues.map((found) => [found.code, found.path]);
    };
    expect(issue({ column: 'GONE' })).toEqual([['INVALID_STAGE_TRANSITION', ['target', 'column']]]);
    expect(issue({ column: 'LOST_PRICE' })).toEqual([['INVALID_STAGE_TRANSITION', ['target', 'column']]]);
    expect(issue({ zone: 'lost' })).toEqual([['REQUIRED', ['target', 'stageId']]]);
    expect(issue({ zone: 'lost', stageId: 'WON' })).toEqual([['INVALID_STAGE_TRANSITION', ['target', 'stageId']]]);
    const noLost: Pipeline = { ...SIMPLE, stages: SIMPLE.stages.filter((s) => s.semantic !== 'failure') };
    const result = resolveKanbanTarget(noLost, { zone: 'lost' });
    expect(result.success ? [] : result.issues.map((found) => [found.code, found.path])).toEqual([['INVALID_STAGE_TRANSITION', ['target', 'zone']]]);
  });

  it.each([[null], ['NEW'], [{ column: 7 }], [{ zone: 'maybe' }], [{ zone: 'lost', stageId: 7 }], [{}]])('refuses the target %j with INVALID_ARGUMENT', (target) => {
    expect(codeOf(() => resolveKanbanTarget(SALES, target as never))).toBe('INVALID_ARGUMENT');
  });
});
