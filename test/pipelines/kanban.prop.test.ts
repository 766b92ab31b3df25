import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKanbanBoard, convertMoney, sumMoney } from 'crm-kit';
import type { KanbanBoard, KanbanColumn, Money, Pipeline } from 'crm-kit';
import type { Card } from './kanban-fixtures.js';
import { cardsFor, pipelineArb, RATES } from './kanban-fixtures.js';

const boardInput = pipelineArb.chain((pipeline) => fc.tuple(fc.constant(pipeline), cardsFor(pipeline), fc.boolean()));
const ON = '2026-02-15';

function allColumns<T>(board: KanbanBoard<T>): readonly KanbanColumn<T>[] {
  return board.final === undefined ? board.columns : [...board.columns, board.final.won, ...board.final.lost];
}

function amountsOf(items: readonly Card[]): Money[] {
  return items.flatMap((item) => (item.amount === undefined ? [] : [item.amount]));
}

function placeOf(pipeline: Pipeline, card: Card): 'column' | 'final' | 'unplaced' {
  if (card.pipelineId !== undefined && card.pipelineId !== pipeline.id) return 'unplaced';
  const stage = pipeline.stages.find((s) => s.id === card.stageId);
  if (stage === undefined) return 'unplaced';
  return stage.semantic === 'process' ? 'column' : 'final';
}

describe('kanban board invariants', () => {
  it('every item lands in exactly one place: a column, the final zone, hidden, or unplaced', () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        const placed = [
          ...board.columns.flatMap((c) => c.items),
          ...(board.final === undefined ? [] : [board.final.won, ...board.final.lost].flatMap((c) => c.items)),
          ...board.hidden,
          ...board.unplaced.map((u) => u.item),
        ];
        expect(placed).toHaveLength(cards.length);
        expect(new Set(placed)).toEqual(new Set(cards));
      }),
    );
  });

  it('an item is in the column of its own stage, and only final-stage items are hidden or in the final zone', () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        for (const column of allColumns(board)) {
          for (const item of column.items) expect(item.stageId).toBe(column.stage.id);
        }
        for (const item of board.columns.flatMap((c) => c.items)) expect(placeOf(pipeline, item)).toBe('column');
        for (const item of board.hidden) expect(placeOf(pipeline, item)).toBe('final');
        for (const { item } of board.unplaced) expect(placeOf(pipeline, item)).toBe('unplaced');
      }),
    );
  });

  it("a column's count is its number of items, and the board's count sums the in-progress columns", () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        for (const column of allColumns(board)) expect(column.count).toBe(column.items.length);
        expect(board.count).toBe(board.columns.reduce((sum, c) => sum + c.items.length, 0));
      }),
    );
  });

  it('columns are the in-progress stages in order; the final zone appears only when asked', () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        const ofSemantic = (semantic: string): string[] => pipeline.stages.filter((s) => s.semantic === semantic).map((s) => s.id);
        expect(board.columns.map((c) => c.stage.id)).toEqual(ofSemantic('process'));
        if (includeFinal) {
          expect(board.final?.won.stage.id).toBe(ofSemantic('success')[0]);
          expect(board.final?.lost.map((c) => c.stage.id)).toEqual(ofSemantic('failure'));
          expect(board.hidden).toEqual([]);
        } else {
          expect(board.final).toBeUndefined();
        }
      }),
    );
  });

  it('without a rate table, subtotals are sumMoney per currency, one per currency, sorted, and no column has a total', () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        for (const column of allColumns(board)) {
          const amounts = amountsOf(column.items);
          const currencies = [...new Set(amounts.map((m) => m.currency))].sort();
          expect(column.subtotals.map((m) => m.currency)).toEqual(currencies);
          for (const subtotal of column.subtotals) {
            expect(subtotal).toEqual(sumMoney(amounts.filter((m) => m.currency === subtotal.currency), subtotal.currency));
          }
          expect(column.total).toBeUndefined();
        }
        const open = amountsOf(board.columns.flatMap((c) => c.items));
        expect(board.subtotals.map((m) => m.currency)).toEqual([...new Set(open.map((m) => m.currency))].sort());
        expect(board.total).toBeUndefined();
      }),
    );
  });

  it('with a rate table, each column total, and the board total, is the sum of its own converted per-currency subtotals', () => {
    fc.assert(
      fc.property(boardInput, fc.constantFrom('EUR', 'USD', 'JPY'), ([pipeline, cards, includeFinal], currency) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal, currency, rates: RATES, on: ON });
        for (const column of allColumns(board)) {
          const currencies = [...new Set(amountsOf(column.items).map((m) => m.currency))];
          expect(column.subtotals.map((m) => m.currency)).toEqual(currencies.sort());
          const converted = column.subtotals.map((m) => convertMoney(m, currency, RATES, { on: ON }));
          expect(column.total).toEqual(sumMoney(converted, currency));
        }
        expect(board.total).toEqual(sumMoney(board.subtotals.map((m) => convertMoney(m, currency, RATES, { on: ON })), currency));
        expect(board.conversion).toEqual({ currency, base: 'EUR', on: ON, round: 'halfUp' });
      }),
    );
  });

  it("with order 'input', each column keeps the relative order of the input", () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal, order: 'input' });
        for (const column of allColumns(board)) {
          const positions = column.items.map((item) => cards.indexOf(item));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('by default, each column lists the most recently moved items first', () => {
    fc.assert(
      fc.property(boardInput, ([pipeline, cards, includeFinal]) => {
        const board = buildKanbanBoard(cards, pipeline, { includeFinal });
        for (const column of allColumns(board)) {
          const times = column.items.map((item) => item.movedAt?.getTime() ?? Number.NEGATIVE_INFINITY);
          expect(times).toEqual([...times].sort((a, b) => b - a));
        }
      }),
    );
  });

  it('the board is the same whatever order the items come in, up to card order', () => {
    fc.assert(
      fc.property(boardInput.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray(input[1], { minLength: input[1].length }))), ([[pipeline, cards, includeFinal], shuffled]) => {
        const a = buildKanbanBoard(cards, pipeline, { includeFinal });
        const b = buildKanbanBoard(shuffled, pipeline, { includeFinal });
        expect(b.columns).toEqual(a.columns);
        expect(b.final).toEqual(a.final);
        expect(b.subtotals).toEqual(a.subtotals);
      }),
    );
  });
});
