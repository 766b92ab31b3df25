import { beforeEach, describe, expect, it } from 'vitest';
import type { Deal } from 'crm-kit';
import { combineWrites, planCreateRecord, planDeleteRecord, planMoveRecord, planSystemUpdate, planUpdateRecord, getRepeatClient, toRecordEvent } from 'crm-kit';
import { JUNK } from '../support/junk.js';
import { ana, at, dealRules, later, planned, revokedProxy, thrown } from './fixtures.js';

// Planned before the tests rather than when the file loads (see fixtures.ts).
let current: Deal;
const when = { at: later };

/** Each planner with every argument but one fixed to something valid. */
const calls: Record<string, (position: number, bad: unknown) => unknown> = {
  planCreateRecord: (position, bad) => planCreateRecord(...(replaced([dealRules, ana, { title: 'T' }, { id: '8', at }], position, bad) as Parameters<typeof planCreateRecord<'deal'>>)),
  planUpdateRecord: (position, bad) => planUpdateRecord(...(replaced([dealRules, ana, current, { title: 'T' }, when], position, bad) as Parameters<typeof planUpdateRecord<'deal'>>)),
  planSystemUpdate: (position, bad) => planSystemUpdate(...(replaced([dealRules, ana, current, { title: 'T' }, when], position, bad) as Parameters<typeof planSystemUpdate<'deal'>>)),
  planMoveRecord: (position, bad) => planMoveRecord(...(replaced([dealRules, ana, current, { stageId: 'WON' }, when], position, bad) as Parameters<typeof planMoveRecord<'deal'>>)),
  planDeleteRecord: (position, bad) => planDeleteRecord(...(replaced([dealRules, ana, current, when], position, bad) as Parameters<typeof planDeleteRecord<'deal'>>)),
};
const arity: Record<string, number> = { planCreateRecord: 4, planUpdateRecord: 5, planSystemUpdate: 5, planMoveRecord: 5, planDeleteRecord: 4 };

function replaced(args: readonly unknown[], position: number, bad: unknown): unknown[] {
  return args.map((arg, index) => (index === position ? bad : arg));
}

class Draft {
  readonly title = 'T';
}
let junk: readonly unknown[] = [];
beforeEach(() => {
  current = planned(planCreateRecord(dealRules, ana, { title: 'Renewal' }, { id: '7', at })).record;
  junk = [
    ...JUNK,
    revokedProxy(),
    {
      get title(): string {
        throw new Error('boom');
      },
    },
    new Draft(),
    [current],
  ];
});

describe('the record planners on arguments no caller should give', () => {
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} answers any junk in any argument with issues or a typed crm-kit error, never another error`, () => {
      for (let position = 0; position < (arity[name] ?? 0); position++) {
        for (const bad of junk) {
          const outcome = thrown(() => call(position, bad));
          expect(outcome.code, `${name} argument ${String(position)}`).not.toBe('not a crm-kit error');
        }
      }
    });
  }

  it('combineWrites, toRecordEvent and getRepeatClient answer junk with INVALID_ARGUMENT', () => {
    for (const bad of JUNK) {
      // An empty list is no plans at all, which is fine.
      if (!Array.isArray(bad)) expect(thrown(() => combineWrites(bad as never)).code).toBe('INVALID_ARGUMENT');
      expect(thrown(() => toRecordEvent(bad as never)).code).toBe('INVALID_ARGUMENT');
      if (typeof bad !== 'object' || bad === null) expect(thrown(() => getRepeatClient(bad as never)).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('the record planners name the argument they refuse', () => {
  const names: Record<string, readonly string[]> = {
    planCreateRecord: ['The rules', 'The principal', 'The input', 'The options'],
    planUpdateRecord: ['The rules', 'The principal', 'The current record', 'The patch', 'The options'],
    planSystemUpdate: ['The rules', 'The principal', 'The current record', 'The changes', 'The options'],
    planMoveRecord: ['The rules', 'The principal', 'The current record', 'The target', 'The options'],
    planDeleteRecord: ['The rules', 'The principal', 'The current record', 'The options'],
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: an argument that is not plain data is NOT_PLAIN_DATA, and the message says which`, () => {
      (names[name] ?? []).forEach((what, position) => {
        const outcome = thrown(() => call(position, revokedProxy()));
        expect([outcome.code, outcome.message?.includes(`] ${what} must be plain data`)], `${name} argument ${String(position)}`).toEqual(['NOT_PLAIN_DATA', true]);
      });
    });
  }

  it('an instant that is no date is INVALID_DATE naming `at`, on every planner', () => {
    const noDate = { at: 'soon' };
    const outcomes = [
      thrown(() => calls.planCreateRecord?.(3, { id: '8', ...noDate })),
      thrown(() => calls.planUpdateRecord?.(4, noDate)),
      thrown(() => calls.planSystemUpdate?.(4, noDate)),
      thrown(() => calls.planMoveRecord?.(4, noDate)),
      thrown(() => calls.planDeleteRecord?.(3, noDate)),
    ];
    for (const outcome of outcomes) expect([outcome.code, outcome.message?.includes('] The at must be')]).toEqual(['INVALID_DATE', true]);
  });
});
