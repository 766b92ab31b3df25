import * as assert from '../assert.js';
import type { NewEvent } from '../../../store/index.js';
import { at, contact, deal } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertRejectsWith, assertSameData, drain, insertAll } from '../harness.js';

const needsTransactions = (capabilities: { readonly transactions: boolean }): string | undefined =>
  capabilities.transactions ? undefined : 'capabilities.transactions is false';

const event = (entityId: string): NewEvent => ({
  type: 'updated',
  entityType: 'contact',
  entityId,
  at: at(30),
  byId: 'u-ana',
  data: { fields: [entityId] },
});

async function assertState(context: CaseContext, expected: Readonly<Record<string, ReturnType<typeof contact> | null>>, what: string): Promise<void> {
  for (const [id, record] of Object.entries(expected)) {
    const raw = await context.inspect('contact', id);
    if (record === null) assert.ok(raw === null || raw === undefined, `${what}: ${id} must not be stored`);
    else assertSameData(raw, record, `${what}: ${id} as stored`);
  }
}

class Sentinel extends Error {}

/** Units of work: all or nothing. */
export const TRANSACTION_CASES: readonly CaseDefinition[] = [
  {
    name: 'transactions: the writes and events of a resolved transaction are all stored',
    unsupported: needsTransactions,
    run: async (context) => {
      await insertAll(context.repository('contact'), [contact('keep', { version: 1 }), contact('gone')]);
      const updated = contact('keep', { version: 2, firstName: 'Changed' });
      const result = await context.store.transaction(async (scope) => {
        await scope.repository('contact').insert(contact('new'));
        await scope.repository('contact').update(updated, 1);
        await scope.repository('contact').delete('gone');
        await scope.events.append([event('new')]);
        return 'done';
      });
      assert.equal(result, 'done', 'transaction resolves with what the work returns');
      await assertState(context, { new: contact('new'), keep: updated, gone: null }, 'after commit');
      const events = await drain(context.store.events.read({}));
      assert.deepStrictEqual(
        events.map((logged) => logged.entityId),
        ['new'],
        'the event appended in the transaction is logged',
      );
    },
  },
  {
    name: 'transactions: a rejected transaction stores no write and no event, and rethrows',
    unsupported: needsTransactions,
    run: async (context) => {
      const keep = contact('keep', { version: 1, firstName: 'Original' });
      const stays = contact('stays');
      await insertAll(context.repository('contact'), [keep, stays]);
      await context.store.events.append([event('before')]);
      const failure = new Sentinel('work failed');
      let caught: unknown;
      try {
        await context.store.transaction(async (scope) => {
          await scope.repository('contact').insert(contact('new'));
          await scope.repository('contact').update(contact('keep', { version: 2, firstName: 'Changed' }), 1);
          await scope.repository('contact').delete('stays');
          await scope.repository('deal').insert(deal('new-deal'));
          await scope.events.append([event('new')]);
          throw failure;
        });
      } catch (error) {
        caught = error;
      }
      assert.equal(caught, failure, 'the work\'s rejection is rethrown as is');
      await assertState(context, { new: null, keep, stays }, 'after rollback');
      const rawDeal = await context.inspect('deal', 'new-deal');
      assert.ok(rawDeal === null || rawDeal === undefined, 'after rollback: the deal must not be stored');
      const events = await drain(context.store.events.read({}));
      assert.deepStrictEqual(events.map((logged) => logged.entityId), ['before'], 'no event of the transaction is logged');
      assert.equal(await context.repository('contact').count({}), 2, 'count after rollback');
    },
  },
  {
    name: 'transactions: a write refused inside a transaction undoes the writes before it',
    unsupported: needsTransactions,
    run: async (context) => {
      await context.repository('contact').insert(contact('taken'));
      await assertRejectsWith(
        () =>
          context.store.transaction(async (scope) => {
            await scope.repository('contact').insert(contact('first'));
            await scope.events.append([event('first')]);
            await scope.repository('contact').insert(contact('taken', { firstName: 'Twice' }));
          }),
        'DUPLICATE_ID',
        'the duplicate insert',
      );
      await assertState(context, { first: null, taken: contact('taken') }, 'after the refused write');
      assert.deepStrictEqual(await drain(context.store.events.read({})), [], 'no event is logged');
    },
  },
  {
    name: 'transactions: a later transaction runs normally after a rollback',
    unsupported: needsTransactions,
    run: async (context) => {
      await context.store
        .transaction(async (scope) => {
          await scope.repository('contact').insert(contact('a'));
          throw new Sentinel('no');
        })
        .catch((error: unknown) => {
          if (!(error instanceof Sentinel)) throw error;
        });
      await context.store.transaction(async (scope) => {
        await scope.repository('contact').insert(contact('b'));
      });
      await assertState(context, { a: null, b: contact('b') }, 'after rollback then commit');
    },
  },
];
