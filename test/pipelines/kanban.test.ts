import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKanbanBoard, isCrmError, money, planKanbanMove } from 'crm-kit';
import type { KanbanBoardOptions, Lead, Pipeline } from 'crm-kit';
import { codeOf } from './errors.js';
import { AT, deal, LEAD_STATUSES, RATES, SALES, stage } from './kanban-fixtures.js';

const ids = (items: readonly { readonly id: string }[]): string[] => items.map((item) => item.id);

describe('buildKanbanBoard: columns', () => {
  it('has one column per in-progress stage, in stage order', () => {
    const board = buildKanbanBoard([], SALES);
    expect(board.columns.map((c) => c.stage.id)).toEqual(['NEW', 'PROPOSAL', 'NEGOTIATION']);
    expect(board.columns.map((c) => c.group)).toEqual(['in-progress', 'in-progress', 'in-progress']);
    expect(board.columns.map((c) => c.count)).toEqual([0, 0, 0]);
  });

  it('orders columns by the stages\' sort, whatever order they are listed in', () => {
    const pipeline: Pipeline = { ...SALES, stages: [stage('B', 'process', 20), stage('WON', 'success', 90), stage('A', 'process', 10)] };
    expect(buildKanbanBoard([], pipeline).columns.map((c) => c.stage.id)).toEqual(['A', 'B']);
  });

  it('puts each item in the column of its stage and counts them', () => {
    const board = buildKanbanBoard([deal('1', 'NEW'), deal('2', 'PROPOSAL'), deal('3', 'NEW')], SALES);
    expect(board.columns.map((c) => [c.stage.id, ids(c.items), c.count])).toEqual([
      ['NEW', ['1', '3'], 2],
      ['PROPOSAL', ['2'], 1],
      ['NEGOTIATION', [], 0],
    ]);
    expect(board.count).toBe(3);
  });

  it('places leads by their status', () => {
    const lead = (id: string, status: string): Lead => ({
      id, version: 1, createdAt: AT, updatedAt: AT, createdById: 'u-1', updatedById: 'u-1', assignedById: 'u-1', custom: {},
      title: 'Enquiry', status, opened: false, isReturnCustomer: false, movedAt: AT, movedById: 'u-1',
    });
    const board = buildKanbanBoard([lead('1', 'IN_PROCESS'), lead('2', 'NEW'), lead('3', 'JUNK')], LEAD_STATUSES);
    expect(board.columns.map((c) => ids(c.items))).toEqual([['2'], ['1']]);
    expect(ids(board.hidden)).toEqual(['3']);
  });

  it('places an item by its stage even when its closed flag disagrees', () => {
    const board = buildKanbanBoard([deal('1', 'NEW', { closed: true })], SALES);
    expect(ids(board.columns[0]?.items ?? [])).toEqual(['1']);
  });
});

describe('buildKanbanBoard: card order', () => {
  const day = (d: number): Date => new Date(Date.UTC(2026, 0, d));

  it('shows the most recently moved card first by default, ties by id in natural order', () => {
    const items = [
      deal('10', 'NEW', { movedAt: day(1) }),
      deal('9', 'NEW', { movedAt: day(1) }),
      deal('3', 'NEW', { movedAt: day(5) }),
      { id: '1', stageId: 'NEW' },
    ];
    expect(ids(buildKanbanBoard(items, SALES).columns[0]?.items ?? [])).toEqual(['3', '9', '10', '1']);
  });

  it("keeps the input order with order: 'input'", () => {
    const items = [deal('b', 'NEW', { movedAt: day(1) }), deal('a', 'NEW', { movedAt: day(9) }), deal('c', 'NEW')];
    expect(ids(buildKanbanBoard(items, SALES, { order: 'input' }).columns[0]?.items ?? [])).toEqual(['b', 'a', 'c']);
  });

  it('breaks a tie on movedAt between ids of one length by comparing the ids, whatever the input order', () => {
    const items = [deal('c', 'NEW', { movedAt: day(3) }), deal('a', 'NEW', { movedAt: day(3) }), deal('b', 'NEW', { movedAt: day(3) })];
    expect(ids(buildKanbanBoard(items, SALES).columns[0]?.items ?? [])).toEqual(['a', 'b', 'c']);
    expect(ids(buildKanbanBoard([...items].reverse(), SALES).columns[0]?.items ?? [])).toEqual(['a', 'b', 'c']);
  });

  it('orders undated cards among themselves by id, shorter ids first', () => {
    const items = [{ id: '10', stageId: 'NEW' }, { id: 'b', stageId: 'NEW' }, { id: '2', stageId: 'NEW' }, { id: 'a', stageId: 'NEW' }];
    expect(ids(buildKanbanBoard(items, SALES).columns[0]?.items ?? [])).toEqual(['2', 'a', 'b', '10']);
  });

  it('keeps the input order of cards that tie on movedAt and on id (the sort is stable)', () => {
    const first = { id: '7', stageId: 'NEW', movedAt: day(4), title: 'first' };
    const second = { id: '7', stageId: 'NEW', movedAt: day(4), title: 'second' };
    expect(buildKanbanBoard([first, second], SALES).columns[0]?.items).toEqual([first, second]);
    expect(buildKanbanBoard([second, first], SALES).columns[0]?.items).toEqual([second, first]);
    const undated = [{ id: '7', stageId: 'NEW', title: 'first' }, { id: '7', stageId: 'NEW', title: 'second' }];
    expect(buildKanbanBoard(undated, SALES).columns[0]?.items).toEqual(undated);
  });

  it('treats a movedAt that is not a Date as no date at all', () => {
    const items = [{ id: '1', stageId: 'NEW', movedAt: '2026-01-09' as unknown as Date }, { id: '2', stageId: 'NEW', movedAt: day(2) }, { id: '0', stageId: 'NEW' }];
    expect(ids(buildKanbanBoard(items, SALES).columns[0]?.items ?? [])).toEqual(['2', '0', '1']);
  });

  it('puts items with an invalid movedAt after dated ones', () => {
    const items = [{ id: '1', stageId: 'NEW', movedAt: new Date(Number.NaN) }, { id: '2', stageId: 'NEW', movedAt: day(2) }];
    expect(ids(buildKanbanBoard(items, SALES).columns[0]?.items ?? [])).toEqual(['2', '1']);
  });
});

describe('buildKanbanBoard: the final zone', () => {
  const items = [deal('1', 'NEW'), deal('2', 'WON'), deal('3', 'LOST_PRICE'), deal('4', 'LOST_SILENT'), deal('5', 'WON')];

  it('shows no final stage by default, and lists closed items in hidden instead of dropping them', () => {
    const board = buildKanbanBoard(items, SALES);
    expect(board.final).toBeUndefined();
    expect('final' in board).toBe(false);
    expect(board.columns.every((c) => c.stage.semantic === 'process')).toBe(true);
    expect(ids(board.hidden)).toEqual(['2', '3', '4', '5']);
    expect(board.count).toBe(1);
  });

  it('builds the won stage and each lost stage as separate columns when asked', () => {
    const board = buildKanbanBoard(items, SALES, { includeFinal: true });
    expect(board.final?.won.stage.id).toBe('WON');
    expect(board.final?.won.group).toBe('won');
    expect(ids(board.final?.won.items ?? [])).toEqual(['2', '5']);
    expect(board.final?.lost.map((c) => [c.stage.id, c.group, ids(c.items)])).toEqual([
      ['LOST_PRICE', 'lost', ['3']],
      ['LOST_SILENT', 'lost', ['4']],
    ]);
    expect(board.hidden).toEqual([]);
  });

  it('keeps the final zone out of the open pipeline count and totals', () => {
    const board = buildKanbanBoard(
      [deal('1', 'NEW', { amount: money('10.00', 'EUR') }), deal('2', 'WON', { amount: money('99.00', 'EUR') })],
      SALES,
      { includeFinal: true },
    );
    expect(board.count).toBe(1);
    expect(board.subtotals).toEqual([money('10.00', 'EUR')]);
    expect(board.final?.won.subtotals).toEqual([money('99.00', 'EUR')]);
  });
});

describe('buildKanbanBoard: items it cannot place', () => {
  it('reports items whose stage is not in the pipeline, never dropping them', () => {
    const board = buildKanbanBoard([deal('1', 'ARCHIVED'), { id: '2' }, deal('3', 'NEW')], SALES);
    expect(board.unplaced.map((u) => [u.item.id, u.reason])).toEqual([
      ['1', 'unknown-stage'],
      ['2', 'unknown-stage'],
    ]);
  });

  it('reports items of another pipeline even when their stage id exists here', () => {
    const board = buildKanbanBoard([deal('1', 'NEW', { pipelineId: 'support' })], SALES);
    expect(board.unplaced).toEqual([{ item: deal('1', 'NEW', { pipelineId: 'support' }), reason: 'other-pipeline' }]);
    expect(board.count).toBe(0);
  });
});

describe('buildKanbanBoard: totals without a rate table', () => {
  it('gives per-currency subtotals sorted by code, never a raw sum of different currencies', () => {
    const board = buildKanbanBoard(
      [
        deal('1', 'NEW', { amount: money('100.00', 'USD') }),
        deal('2', 'NEW', { amount: money('10.50', 'EUR') }),
        deal('3', 'NEW', { amount: money('0.25', 'EUR') }),
        deal('4', 'PROPOSAL', { amount: money('1500', 'JPY') }),
      ],
      SALES,
    );
    expect(board.columns[0]?.subtotals).toEqual([money('10.75', 'EUR'), money('100.00', 'USD')]);
    expect(board.subtotals).toEqual([money('10.75', 'EUR'), money('1500', 'JPY'), money('100.00', 'USD')]);
    expect(board.total).toBeUndefined();
    expect(board.columns.every((c) => c.total === undefined)).toBe(true);
    expect(board.conversion).toBeUndefined();
  });

  it('counts items without an amount but adds nothing for them', () => {
    const board = buildKanbanBoard([deal('1', 'NEW'), deal('2', 'NEW', { amount: money('5.00', 'EUR') }), { id: '3', stageId: 'NEW' }], SALES);
    expect(board.columns[0]?.count).toBe(3);
    expect(board.columns[0]?.subtotals).toEqual([money('5.00', 'EUR')]);
  });

  it('has no subtotals for an empty column', () => {
    expect(buildKanbanBoard([], SALES).columns[0]?.subtotals).toEqual([]);
  });
});

describe('buildKanbanBoard: totals in one currency', () => {
  const items = [
    deal('1', 'NEW', { amount: money('100.00', 'USD') }),
    deal('2', 'NEW', { amount: money('10.00', 'EUR') }),
    deal('3', 'PROPOSAL', { amount: money('10000', 'JPY') }),
    deal('4', 'PROPOSAL'),
  ];

  it('converts every amount with the rates of the given day and says which rates it used', () => {
    const board = buildKanbanBoard(items, SALES, { currency: 'EUR', rates: RATES, on: '2026-02-15' });
    expect(board.columns.map((c) => c.total)).toEqual([money('100.00', 'EUR'), money('60.00', 'EUR'), money('0.00', 'EUR')]);
    expect(board.total).toEqual(money('160.00', 'EUR'));
    expect(board.conversion).toEqual({ currency: 'EUR', base: 'EUR', on: '2026-02-15', round: 'halfUp' });
  });

  it('keeps the per-currency subtotals next to the converted total', () => {
    const board = buildKanbanBoard(items, SALES, { currency: 'EUR', rates: RATES, on: '2026-02-15' });
    expect(board.columns[0]?.subtotals).toEqual([money('10.00', 'EUR'), money('100.00', 'USD')]);
  });

  it('uses the rate in force on the day: a later day gives another total', () => {
    const board = buildKanbanBoard(items, SALES, { currency: 'EUR', rates: RATES, on: '2026-03-01' });
    expect(board.columns[0]?.total).toEqual(money('105.00', 'EUR'));
  });

  it('takes an instant as the day of the rates, reading its UTC day', () => {
    const board = buildKanbanBoard(items, SALES, { currency: 'EUR', rates: RATES, on: new Date('2026-02-28T23:30:00-02:00') });
    expect(board.conversion?.on).toBe('2026-03-01');
  });

  it('converts into a currency other than the base through cross rates', () => {
    const board = buildKanbanBoard([deal('1', 'NEW', { amount: money('9.00', 'EUR') })], SALES, { currency: 'USD', rates: RATES, on: '2026-02-01' });
    expect(board.total).toEqual(money('10.00', 'USD'));
    expect(board.conversion).toEqual({ currency: 'USD', base: 'EUR', on: '2026-02-01', round: 'halfUp' });
  });

  it('rounds each converted amount with the given mode', () => {
    const board = buildKanbanBoard([deal('1', 'NEW', { amount: money('0.05', 'USD') })], SALES, {
      currency: 'EUR',
      rates: RATES,
      on: '2026-02-01',
      round: 'down',
    });
    expect(board.total).toEqual(money('0.04', 'EUR'));
  });

  it('converts the final zone with the same rates when it is shown', () => {
    const board = buildKanbanBoard([deal('1', 'WON', { amount: money('100.00', 'USD') })], SALES, {
      includeFinal: true,
      currency: 'EUR',
      rates: RATES,
      on: '2026-02-01',
    });
    expect(board.final?.won.total).toEqual(money('90.00', 'EUR'));
    expect(board.final?.lost.map((c) => c.total)).toEqual([money('0.00', 'EUR'), money('0.00', 'EUR')]);
  });

  it('throws NO_RATE when an amount has no rate on that day', () => {
    expect(codeOf(() => buildKanbanBoard(items, SALES, { currency: 'EUR', rates: RATES, on: '2025-12-31' }))).toBe('NO_RATE');
  });
});

describe('buildKanbanBoard: bad input', () => {
  it('refuses a currency without rates and a day, rather than guessing', () => {
    const partial: KanbanBoardOptions[] = [{ currency: 'EUR' }, { currency: 'EUR', rates: RATES }, { rates: RATES, on: '2026-01-01' }, { round: 'down' }];
    for (const options of partial) expect(codeOf(() => buildKanbanBoard([], SALES, options))).toBe('INVALID_ARGUMENT');
  });

  it('refuses an unknown currency, a malformed day and an unknown rounding mode', () => {
    expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 'XYZ', rates: RATES, on: '2026-01-01' }))).toBe('UNKNOWN_CURRENCY');
    expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: RATES, on: '2026-13-01' }))).toBe('INVALID_DATE');
    expect(codeOf(() => buildKanbanBoard([], SALES, { currency: 'EUR', rates: RATES, on: '2026-01-01', round: 'nearest' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('refuses items that are not records with an id', () => {
    expect(codeOf(() => buildKanbanBoard(null as never, SALES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard('NEW' as never, SALES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([null] as never, SALES))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([{ stageId: 'NEW' }] as never, SALES))).toBe('INVALID_ARGUMENT');
  });

  it('refuses an amount that is not money, naming no value', () => {
    expect(codeOf(() => buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: '12.00' }] as never, SALES))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: { amount: 12, currency: 'EUR' } }] as never, SALES))).toBe(
      'INVALID_AMOUNT',
    );
    expect(codeOf(() => buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: { amount: '1', currency: 'XYZ' } }] as never, SALES))).toBe(
      'UNKNOWN_CURRENCY',
    );
  });

  it('refuses a pipeline that definePipeline refuses', () => {
    expect(codeOf(() => buildKanbanBoard([], null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], { ...SALES, stages: [{ id: 'X' }] } as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], { ...SALES, stages: [stage('A', 'process', 1), stage('A', 'success', 2)] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => buildKanbanBoard([], { ...SALES, stages: [stage('A', 'process', 1)] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], { ...SALES, stages: [stage('WON', 'success', 1), stage('A', 'process', 2)] }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('refuses options that are not an object, and an unknown order', () => {
    expect(codeOf(() => buildKanbanBoard([], SALES, 'all' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => buildKanbanBoard([], SALES, { order: 'oldest' as never }))).toBe('INVALID_ARGUMENT');
  });

  it('error messages never echo an amount or a currency given', () => {
    try {
      buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: 'secret 987' }] as never, SALES);
    } catch (error) {
      expect(isCrmError(error)).toBe(true);
      expect((error as Error).message).not.toContain('987');
    }
  });

  it('changes nothing it is given', () => {
    const items = Object.freeze([Object.freeze(deal('2', 'NEW', { movedAt: new Date('2026-01-01T00:00:00Z') })), Object.freeze(deal('1', 'NEW'))]);
    const pipeline = Object.freeze({ ...SALES, stages: Object.freeze(SALES.stages.map((s) => Object.freeze(s))) });
    const before = structuredClone(items);
    buildKanbanBoard(items, pipeline, { includeFinal: true });
    expect(items).toEqual(before);
  });

  it('builds a board that survives a JSON round trip of its shape', () => {
    const board = buildKanbanBoard([{ id: '1', stageId: 'NEW', amount: money('1.00', 'EUR') }], SALES, { currency: 'EUR', rates: RATES, on: '2026-02-01' });
    expect(JSON.parse(JSON.stringify(board))).toEqual(board);
  });

  it('accepts any iterable of items', () => {
    const items = new Set([deal('1', 'NEW')]);
    expect(buildKanbanBoard(items, SALES).count).toBe(1);
  });

  it('refuses items that are no iterable, and a string, which is one of characters', () => {
    for (const items of [null, undefined, 7, { 0: deal('1', 'NEW') }, 'NEW']) {
      expect(codeOf(() => buildKanbanBoard(items as never, SALES))).toBe('INVALID_ARGUMENT');
    }
  });

  it('reports an item whose stage is not text as unplaced, never placing it', () => {
    const board = buildKanbanBoard([{ id: '1', stageId: 7 as unknown as string }, { id: '2' }], SALES, { includeFinal: true });
    expect(board.unplaced.map(({ item, reason }) => [item.id, reason])).toEqual([
      ['1', 'unknown-stage'],
      ['2', 'unknown-stage'],
    ]);
    expect(board.count).toBe(0);
  });
});

describe('kanban functions given junk next to valid arguments', () => {
  const junk = fc.constantFrom<unknown>(
    undefined, null, 0, Number.NaN, '', 'EUR', '2026-01-01', true, {}, [], [null], [{}], [{ id: 1 }], [{ id: '1', stageId: 5 }],
    [{ id: '1', stageId: 'NEW', amount: null }], [{ id: '1', stageId: 'NEW', amount: { amount: 'x', currency: 'EUR' } }],
    [{ id: '1', stageId: 'NEW', movedAt: 'yesterday' }], { amount: '1', currency: 'EUR' }, { column: null }, { zone: 'lost', stageId: {} },
    { includeFinal: 'yes', order: null }, { currency: 'EUR', rates: {}, on: '2026-01-01' }, { currency: 'EUR', rates: { base: 'EUR', rates: null }, on: 'x' },
    { at: 'now', byId: 1 }, Object.create(null) as unknown, Symbol('junk'), () => 1, new Date(Number.NaN),
  );
  const settle = (run: () => unknown): string => {
    try {
      run();
      return 'returned';
    } catch (error) {
      return isCrmError(error) ? 'crm-kit error' : String(error);
    }
  };

  it('buildKanbanBoard returns a board or throws a crm-kit error', () => {
    fc.assert(
      fc.property(junk, junk, (items, options) => {
        expect(['returned', 'crm-kit error']).toContain(settle(() => buildKanbanBoard(items as never, SALES, options as never)));
        expect(['returned', 'crm-kit error']).toContain(settle(() => buildKanbanBoard([deal('1', 'NEW')], SALES, options as never)));
      }),
    );
  });

  it('planKanbanMove returns a result or throws a crm-kit error', () => {
    fc.assert(
      fc.property(junk, junk, junk, (item, target, context) => {
        const ok = { at: AT, byId: 'u-1' };
        expect(['returned', 'crm-kit error']).toContain(settle(() => planKanbanMove(deal('1', 'NEW'), SALES, target as never, context as never)));
        expect(['returned', 'crm-kit error']).toContain(settle(() => planKanbanMove(item as never, SALES, { zone: 'won' }, ok)));
        expect(['returned', 'crm-kit error']).toContain(settle(() => planKanbanMove(deal('1', 'NEW'), SALES, target as never, ok)));
      }),
    );
  });
});
