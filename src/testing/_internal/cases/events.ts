import * as assert from '../assert.js';
import type { EventQuery, LoggedEvent, NewEvent } from '../../../store/index.js';
import { at } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertSameData, drain } from '../harness.js';

const CREATED: NewEvent = { type: 'created', entityType: 'deal', entityId: 'd1', at: at(10), byId: 'u-ana', data: {} };

// Two batches over two entity types, several records and event types, out of time order.
const FIRST: readonly NewEvent[] = [
  CREATED,
  {
    type: 'movedToIntermediate',
    entityType: 'deal',
    entityId: 'd1',
    at: at(20),
    byId: 'u-ana',
    data: { pipelineId: 'default', stageId: 'PROPOSAL', semantic: 'process', fromStageId: 'NEW', reopened: false },
  },
  { type: 'updated', entityType: 'contact', entityId: 'c1', at: at(5), byId: 'u-leo', data: { fields: ['custom.tier', 'phones'] } },
];
const SECOND: readonly NewEvent[] = [
  {
    type: 'movedToFinal',
    entityType: 'deal',
    entityId: 'd1',
    at: at(30),
    byId: 'u-leo',
    data: { pipelineId: 'default', stageId: 'LOST', semantic: 'failure', fromStageId: 'PROPOSAL', lossReasonId: 'PRICE' },
  },
  { type: 'created', entityType: 'deal', entityId: 'd2', at: at(30), byId: 'u-max', data: {} },
  { type: 'leadConverted', entityType: 'lead', entityId: 'l1', at: at(40), byId: 'u-ana', data: { scheme: 'deal+contact', contactId: 'c1', dealId: 'd2' } },
];

async function logBoth(context: CaseContext): Promise<LoggedEvent[]> {
  return [...(await context.store.events.append(FIRST)), ...(await context.store.events.append(SECOND))];
}

function readCase(label: string, query: EventQuery, keep: (event: LoggedEvent, index: number, all: readonly LoggedEvent[]) => boolean): CaseDefinition {
  return {
    name: `events: read ${label}`,
    run: async (context) => {
      const logged = await logBoth(context);
      const resolved = typeof query.afterSequence === 'number' ? { ...query, afterSequence: logged[query.afterSequence]?.sequence } : query;
      const expected = logged.filter((event, index) => keep(event, index, logged));
      assertSameData(await drain(context.store.events.read(resolved)), expected, `read ${JSON.stringify(resolved)}`);
    },
  };
}

/** The append-only event log. */
export const EVENT_CASES: readonly CaseDefinition[] = [
  {
    name: 'events: append returns the events as logged, with growing sequence numbers',
    run: async (context) => {
      const first = await context.store.events.append(FIRST);
      const second = await context.store.events.append(SECOND);
      const all = [...first, ...second];
      assertSameData(
        all.map(({ sequence: _sequence, ...rest }) => rest),
        [...FIRST, ...SECOND],
        'each logged event is the appended one plus its sequence',
      );
      for (const [index, event] of all.entries()) {
        assert.ok(Number.isSafeInteger(event.sequence), `sequence ${String(event.sequence)} is a whole number`);
        const before = all[index - 1];
        if (before !== undefined) assert.ok(event.sequence > before.sequence, 'sequences grow with every append, in the given order');
      }
      assert.deepStrictEqual(await context.store.events.append([]), [], 'appending nothing logs nothing');
      const third = await context.store.events.append([CREATED]);
      assert.ok((third[0]?.sequence ?? 0) > (all.at(-1)?.sequence ?? 0), 'a later append gets a later sequence');
    },
  },
  {
    name: 'events: read returns every event in ascending sequence order, unchanged',
    run: async (context) => {
      const logged = await logBoth(context);
      assertSameData(await drain(context.store.events.read({})), logged, 'the whole log');
      await context.store.events.append([CREATED]);
      const again = await drain(context.store.events.read({}));
      assertSameData(again.slice(0, logged.length), logged, 'earlier events never change');
    },
  },
  readCase('by entity type', { entityType: 'contact' }, (event) => event.entityType === 'contact'),
  readCase('by entity', { entityType: 'deal', entityId: 'd1' }, (event) => event.entityType === 'deal' && event.entityId === 'd1'),
  readCase('by event types', { types: ['created', 'leadConverted'] }, (event) => ['created', 'leadConverted'].includes(event.type)),
  readCase(
    'by time range, from inclusive and to exclusive',
    { from: at(10), to: at(30) },
    (event) => event.at.getTime() >= at(10).getTime() && event.at.getTime() < at(30).getTime(),
  ),
  readCase('from a time on', { from: at(30) }, (event) => event.at.getTime() >= at(30).getTime()),
  // afterSequence is given as an index into the logged events and resolved to that event's sequence.
  readCase('after a sequence number', { afterSequence: 2 }, (_event, index) => index > 2),
  readCase('with a limit, the first events in order', { limit: 2 }, (_event, index) => index < 2),
  readCase(
    'with filters combined',
    { entityType: 'deal', types: ['created', 'movedToFinal'], afterSequence: 0, limit: 2 },
    (event, index, all) =>
      all
        .filter((e, i) => i > 0 && e.entityType === 'deal' && ['created', 'movedToFinal'].includes(e.type))
        .slice(0, 2)
        .includes(event) && index > 0,
  ),
];
