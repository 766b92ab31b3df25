import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, isCrmError, manualClock, money, sequentialIds } from 'crm-kit';
import type { CrmSession } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import { JUNK } from '../support/junk.js';

// Every method of every service of a session, called with junk in each argument position (the
// others well formed), must reject with a crm-kit error (or, for a lookup, answer it cannot find
// anything) and leave the store exactly as it was.

function setup(): { store: ReturnType<typeof createMemoryStore>; me: CrmSession } {
  const store = createMemoryStore();
  const crm = createCrm({ store, clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [] }) });
  return { store, me: crm.as({ userId: 'u-boss', roleIds: [], departmentIds: [], isAdmin: true }) };
}

type Call = readonly [name: string, run: (me: CrmSession, ids: Readonly<Record<string, string>>, junk: unknown, position: number) => unknown, arity: number];

const pick = (position: number, index: number, junk: unknown, fine: unknown): unknown => (position === index ? junk : fine);

const CALLS: readonly Call[] = [
  ['contacts.create', (me, _ids, junk) => me.contacts.create(junk as never), 1],
  ['contacts.get', (me, _ids, junk) => me.contacts.get(junk as never), 1],
  ['contacts.find', (me, _ids, junk) => me.contacts.find(junk as never), 1],
  ['contacts.count', (me, _ids, junk) => me.contacts.count(junk as never), 1],
  [
    'contacts.stream',
    async (me, _ids, junk) => {
      const seen: unknown[] = [];
      for await (const record of me.contacts.stream(junk as never)) seen.push(record);
      return seen;
    },
    1,
  ],
  ['contacts.update', (me, ids, junk, p) => me.contacts.update(pick(p, 0, junk, ids.contact) as never, pick(p, 1, junk, { firstName: 'Z' }) as never, pick(p, 2, junk, { expectedVersion: 1 }) as never), 3],
  ['contacts.delete', (me, ids, junk, p) => me.contacts.delete(pick(p, 0, junk, ids.contact) as never, pick(p, 1, junk, { expectedVersion: 1 }) as never), 2],
  ['deals.moveToStage', (me, ids, junk, p) => me.deals.moveToStage(pick(p, 0, junk, ids.deal) as never, pick(p, 1, junk, 'WON') as never, pick(p, 2, junk, { expectedVersion: 1 }) as never), 3],
  ['invoices.create', (me, _ids, junk) => me.invoices.create(junk as never), 1],
  ['activities.update', (me, ids, junk, p) => me.activities.update(pick(p, 0, junk, ids.activity) as never, pick(p, 1, junk, { completed: true }) as never, pick(p, 2, junk, { expectedVersion: 1 }) as never), 3],
  ['leads.convert', (me, ids, junk, p) => me.leads.convert(pick(p, 0, junk, ids.lead) as never, pick(p, 1, junk, 'contact') as never, pick(p, 2, junk, { expectedVersion: 1 }) as never), 3],
  ['pipelines.list', (me, _ids, junk) => me.pipelines.list(junk as never), 1],
  ['pipelines.kanban', (me, _ids, junk, p) => me.pipelines.kanban(pick(p, 0, junk, 'deal') as never, pick(p, 1, junk, {}) as never), 2],
  ['fields.list', (me, _ids, junk) => me.fields.list(junk as never), 1],
  ['fields.get', (me, _ids, junk, p) => me.fields.get(pick(p, 0, junk, 'deal') as never, pick(p, 1, junk, 'x') as never), 2],
];

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).length === 0;

// Junk a method may take as an ordinary argument: an empty input, patch, query or options object
// (a contact or an invoice with no fields is valid), no query at all, or a lookup that finds nothing.
function acceptable(name: string, junk: unknown, result: unknown): boolean {
  if (name.endsWith('.get')) return result === null || result === undefined;
  if (/\.(find|count|stream)$/.test(name) || name === 'pipelines.kanban') return junk === undefined || isEmptyObject(junk);
  return /\.(create|update)$/.test(name) && isEmptyObject(junk);
}

describe('createCrm services refuse junk with a crm-kit error and store nothing', () => {
  it.each(CALLS.map(([name, run, arity]) => [name, run, arity] as const))('%s', async (name, run, arity) => {
    for (let position = 0; position < arity; position++) {
      for (const junk of JUNK) {
        const { store, me } = setup();
        const contact = await me.contacts.create({ firstName: 'Ana' });
        const deal = await me.deals.create({ title: 'D', amount: money('1', 'EUR') });
        const activity = await me.activities.create({ type: 'call', subject: 'S' });
        const lead = await me.leads.create({ title: 'L', firstName: 'Ana' });
        const ids = { contact: contact.id, deal: deal.id, activity: activity.id, lead: lead.id };
        const before = JSON.stringify([store.inspectEvents(), ...Object.entries(ids).map(([type, id]) => store.inspect(type as never, id))]);
        let outcome: string;
        try {
          const result: unknown = await run(me, ids, junk, position);
          outcome = acceptable(name, junk, result) ? 'accepted' : `returned for junk at ${String(position)}: ${typeof junk}`;
        } catch (error) {
          outcome = isCrmError(error) ? 'refused' : `threw a non-crm-kit error: ${String(error)}`;
        }
        expect(['accepted', 'refused']).toContain(outcome);
        if (outcome === 'refused') {
          const after = JSON.stringify([store.inspectEvents(), ...Object.entries(ids).map(([type, id]) => store.inspect(type as never, id))]);
          expect(after).toBe(before);
        }
      }
    }
  });
});
