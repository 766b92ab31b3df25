import * as assert from '../assert.js';
import type { StoredRecord } from '../../../entities/index.js';
import { at, contact, deal, RICH_RECORDS } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertRejectsWith, assertSameData, idsOf, insertAll } from '../harness.js';

async function assertStored(context: CaseContext, entityType: Parameters<CaseContext['inspect']>[0], record: StoredRecord, what: string): Promise<void> {
  assertSameData(await context.inspect(entityType, record.id), record, `${what}: what the raw reader finds`);
  assertSameData(await context.repository(entityType).get(record.id), record, `${what}: what get returns`);
}

async function assertAbsent(context: CaseContext, entityType: Parameters<CaseContext['inspect']>[0], id: string, what: string): Promise<void> {
  const raw = await context.inspect(entityType, id);
  assert.ok(raw === null || raw === undefined, `${what}: the raw reader still finds ${id}`);
  assert.equal(await context.repository(entityType).get(id), null, `${what}: get must return null`);
}

const roundTrips: readonly CaseDefinition[] = (Object.entries(RICH_RECORDS) as [keyof typeof RICH_RECORDS, StoredRecord][]).map(
  ([entityType, record]) => ({
    name: `crud: ${entityType === 'activity' ? 'an' : 'a'} ${entityType} is stored and read back unchanged`,
    run: async (context) => {
      const returned = await context.repository(entityType).insert(record);
      assertSameData(returned, record, 'insert returns the record as stored');
      await assertStored(context, entityType, record, 'after insert');
      assertSameData(await context.repository(entityType).getMany([record.id]), [record], 'getMany');
    },
  }),
);

/** Reads and writes of single records. */
export const CRUD_CASES: readonly CaseDefinition[] = [
  ...roundTrips,
  {
    name: 'crud: get returns null for a missing id',
    run: async (context) => {
      await context.repository('contact').insert(contact('a'));
      assert.equal(await context.repository('contact').get('missing'), null);
      assert.equal(await context.repository('company').get('a'), null, 'ids of another entity type are not found');
    },
  },
  {
    name: 'crud: getMany keeps the order of the ids and leaves out missing ones',
    run: async (context) => {
      const repository = context.repository('contact');
      await insertAll(repository, [contact('a'), contact('b'), contact('c')]);
      assert.deepStrictEqual(idsOf(await repository.getMany(['c', 'missing', 'a', 'b'])), ['c', 'a', 'b']);
      assert.deepStrictEqual(idsOf(await repository.getMany(['missing'])), []);
      assert.deepStrictEqual(idsOf(await repository.getMany([])), []);
    },
  },
  {
    name: 'crud: entity types are kept apart',
    run: async (context) => {
      const person = contact('same-id', { firstName: 'Ana' });
      const sale = deal('same-id');
      await context.repository('contact').insert(person);
      await context.repository('deal').insert(sale);
      await assertStored(context, 'contact', person, 'the contact');
      await assertStored(context, 'deal', sale, 'the deal');
      await context.repository('deal').delete('same-id');
      await assertStored(context, 'contact', person, 'the contact after deleting the deal');
    },
  },
  {
    name: 'crud: inserting an existing id fails with DUPLICATE_ID and stores nothing',
    run: async (context) => {
      const repository = context.repository('contact');
      const first = contact('a', { firstName: 'First' });
      await repository.insert(first);
      await assertRejectsWith(() => repository.insert(contact('a', { firstName: 'Second', version: 5 })), 'DUPLICATE_ID', 'second insert');
      await assertStored(context, 'contact', first, 'after the refused insert');
      assert.equal(await repository.count({}), 1);
    },
  },
  {
    name: 'crud: update with the current version replaces the record',
    run: async (context) => {
      const repository = context.repository('contact');
      const first = contact('a', { firstName: 'Ana', position: 'CFO', custom: { tier: 'gold' } });
      await repository.insert(first);
      const { position: _dropped, ...rest } = first;
      const next = { ...rest, firstName: 'Ana María', version: 2, updatedAt: at(10), custom: { seats: 3 } };
      assertSameData(await repository.update(next, 1), next, 'update returns the record as stored');
      await assertStored(context, 'contact', next, 'after update (a field left out is gone)');
      const third = { ...next, lastName: 'García', version: 3 };
      await repository.update(third, 2);
      await assertStored(context, 'contact', third, 'after a second update');
    },
  },
  {
    name: 'crud: update with a stale version fails with VERSION_CONFLICT and stores nothing',
    run: async (context) => {
      const repository = context.repository('contact');
      const first = contact('a', { firstName: 'Ana' });
      await repository.insert(first);
      const second = { ...first, firstName: 'Bea', version: 2 };
      await repository.update(second, 1);
      await assertRejectsWith(() => repository.update(contact('a', { firstName: 'Stale', version: 2 }), 1), 'VERSION_CONFLICT', 'stale update');
      await assertRejectsWith(() => repository.update(contact('a', { firstName: 'Ahead', version: 4 }), 3), 'VERSION_CONFLICT', 'update from the future');
      await assertStored(context, 'contact', second, 'after the refused updates');
    },
  },
  {
    name: 'crud: update of a missing record fails with NOT_FOUND and stores nothing',
    run: async (context) => {
      const repository = context.repository('contact');
      await assertRejectsWith(() => repository.update(contact('ghost', { version: 2 }), 1), 'NOT_FOUND', 'update of a missing id');
      await assertAbsent(context, 'contact', 'ghost', 'after the refused update');
      assert.equal(await repository.count({}), 0);
    },
  },
  {
    name: 'crud: delete without a version removes the record',
    run: async (context) => {
      const repository = context.repository('contact');
      await insertAll(repository, [contact('a'), contact('b')]);
      await repository.delete('a');
      await assertAbsent(context, 'contact', 'a', 'after delete');
      await assertStored(context, 'contact', contact('b'), 'the other record');
      await repository.insert(contact('a', { firstName: 'Again' }));
      await assertStored(context, 'contact', contact('a', { firstName: 'Again' }), 'a deleted id can be inserted again');
    },
  },
  {
    name: 'crud: delete with the current version removes the record',
    run: async (context) => {
      const repository = context.repository('contact');
      await repository.insert(contact('a', { version: 4 }));
      await repository.delete('a', 4);
      await assertAbsent(context, 'contact', 'a', 'after delete');
    },
  },
  {
    name: 'crud: delete with a stale version fails with VERSION_CONFLICT and keeps the record',
    run: async (context) => {
      const repository = context.repository('contact');
      const kept = contact('a', { version: 2 });
      await repository.insert(kept);
      await assertRejectsWith(() => repository.delete('a', 1), 'VERSION_CONFLICT', 'stale delete');
      await assertStored(context, 'contact', kept, 'after the refused delete');
    },
  },
  {
    name: 'crud: delete of a missing id fails with NOT_FOUND',
    run: async (context) => {
      const repository = context.repository('contact');
      await repository.insert(contact('a'));
      await assertRejectsWith(() => repository.delete('missing'), 'NOT_FOUND', 'delete of a missing id');
      await assertRejectsWith(() => repository.delete('missing', 1), 'NOT_FOUND', 'delete of a missing id with a version');
      await assertStored(context, 'contact', contact('a'), 'the other record');
    },
  },
];
