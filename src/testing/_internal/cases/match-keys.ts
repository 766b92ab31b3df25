import * as assert from '../assert.js';
import type { EntityType } from '../../../fields/index.js';
import type { MatchKeyHit, MatchKeyIndex, StoreCapabilities, StoreScope } from '../../../store/index.js';
import { contact } from '../fixtures.js';
import type { CaseContext, CaseDefinition, CaseReaders } from '../harness.js';
import { assertSameData } from '../harness.js';

// The match-key index of a store declaring `matchKeys` (the MUST sentences of `MatchKeyIndex`).
// Keys here look like the duplicates module's (`email:…`, `phone:…`) but a store gives them no
// meaning: they are exact texts.

const needsMatchKeys = (capabilities: StoreCapabilities): string | undefined =>
  capabilities.matchKeys === true ? undefined : 'capabilities.matchKeys is not true';

const needsUnits = (capabilities: StoreCapabilities): string | undefined =>
  needsMatchKeys(capabilities) ?? (capabilities.transactions ? undefined : 'capabilities.transactions is false');

const needsRawReader = (capabilities: StoreCapabilities, readers: CaseReaders): string | undefined =>
  needsMatchKeys(capabilities) ?? (readers.matchKeys ? undefined : 'no inspectMatchKeys raw reader was given');

function keysOf(scope: StoreScope): MatchKeyIndex {
  if (scope.matchKeys === undefined) assert.fail('a store declaring matchKeys has matchKeys on itself and on the scope of every unit of work');
  return scope.matchKeys;
}

/** Asserts what a lookup finds, as plain data. */
async function assertFinds(scope: StoreScope, entityType: EntityType, asked: readonly string[], expected: readonly MatchKeyHit[], what: string): Promise<void> {
  assertSameData(await keysOf(scope).lookup(entityType, asked), expected, what);
}

/** The keys the raw reader finds stored for a record, sorted; `[]` when it finds none. */
async function storedKeys(context: CaseContext, entityType: EntityType, id: string): Promise<string[]> {
  const read = context.inspectMatchKeys;
  if (read === undefined) return context.skip('no inspectMatchKeys raw reader was given');
  const raw = await read(entityType, id);
  if (raw === null || raw === undefined) return [];
  assert.ok(Array.isArray(raw) && (raw as readonly unknown[]).every((key) => typeof key === 'string'), 'inspectMatchKeys returns a list of texts');
  return [...(raw as readonly string[])].sort();
}

class Sentinel extends Error {}

/** Runs a unit of work that sets keys and then rejects, and checks that the rejection comes back. */
async function rejectedUnit(run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Sentinel) return;
    throw error;
  }
  assert.fail(`${what}: the unit of work must reject`);
}

const timers = globalThis as { readonly setTimeout?: ((callback: () => void, milliseconds: number) => unknown) | undefined };

/** Resolves on a later macrotask, after every pending microtask; at once where there are no timers. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (timers.setTimeout === undefined) resolve();
    else timers.setTimeout(resolve, 0);
  });
}

/** Code-unit order, as JavaScript's `<` compares strings. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Texts a key may hold that a careless adapter mangles: quotes, escapes, wildcards, Unicode, length. */
const AWKWARD_KEYS: readonly string[] = [
  'email:ana@example.com',
  'name:ana maría  garcía',
  ' leading and trailing ',
  'tab\there',
  'line\nbreak',
  '100%',
  'a_c',
  '%',
  '_',
  "o'brien",
  'say "hi"',
  'back\\slash',
  'x\\%y',
  '[abc]',
  '.*',
  '$1',
  'ünïcödé 😀 名前',
  'x'.repeat(1000),
];

/** Match keys: exact texts per entity type, kept beside the records and in step with units of work. */
export const MATCH_KEY_CASES: readonly CaseDefinition[] = [
  {
    name: 'match-keys: a store declaring matchKeys has them on itself and on every unit of work',
    unsupported: needsMatchKeys,
    run: async (context) => {
      keysOf(context.store);
      if (!context.store.capabilities.transactions) return;
      await context.store.transaction(async (scope) => {
        keysOf(scope);
        if (scope.transaction !== undefined) await scope.transaction((inner) => Promise.resolve(keysOf(inner)));
      });
    },
  },
  {
    name: 'match-keys: lookup finds a record by the keys it holds, in the order asked',
    unsupported: needsMatchKeys,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'c-1', ['email:ana@example.com', 'phone:+34600123456', 'name:garcia']);
      await assertFinds(context.store, 'contact', ['phone:+34600123456', 'email:nobody@example.com', 'email:ana@example.com'], [{ id: 'c-1', keys: ['phone:+34600123456', 'email:ana@example.com'] }], 'two keys held, asked in another order than set');
      await assertFinds(context.store, 'contact', ['name:garcia'], [{ id: 'c-1', keys: ['name:garcia'] }], 'one key held');
      await assertFinds(context.store, 'contact', ['email:ana@example.com', 'email:ana@example.com'], [{ id: 'c-1', keys: ['email:ana@example.com'] }], 'a key asked twice is named once');
    },
  },
  {
    name: "match-keys: lookup is per entity type: a contact's key never finds a company",
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      await keys.set('contact', 'x-1', ['email:ana@example.com']);
      await keys.set('company', 'x-2', ['email:ana@example.com']);
      // The same id under two types: two records, with keys of their own.
      await keys.set('company', 'x-1', ['title:acme']);
      await assertFinds(context.store, 'contact', ['email:ana@example.com', 'title:acme'], [{ id: 'x-1', keys: ['email:ana@example.com'] }], 'contacts');
      await assertFinds(context.store, 'company', ['email:ana@example.com', 'title:acme'], [{ id: 'x-1', keys: ['title:acme'] }, { id: 'x-2', keys: ['email:ana@example.com'] }], 'companies');
      await assertFinds(context.store, 'lead', ['email:ana@example.com', 'title:acme'], [], 'leads');
    },
  },
  {
    name: 'match-keys: lookup returns each record once, by ascending id in code-unit order, even when it holds several keys asked',
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      // Code-unit order: digits before upper case before '_' before lower case before 'é'; '10' before '9'.
      const ids = ['c-9', 'c-10', 'C-1', 'c_1', 'c-é', 'c-a', '10', '9'];
      const parity = (id: string): string => (ids.indexOf(id) % 2 === 0 ? 'k:even' : 'k:odd');
      for (const id of ids) await keys.set('contact', id, [`k:${id}`, 'k:shared', parity(id)]);
      const asked = ['k:odd', 'k:even', 'k:shared', 'k:c-10', 'k:10'];
      const expected = [...ids].sort(byCodeUnits).map((id) => ({ id, keys: [parity(id), 'k:shared', ...(asked.includes(`k:${id}`) ? [`k:${id}`] : [])] }));
      await assertFinds(context.store, 'contact', asked, expected, 'every record, once, by ascending id');
    },
  },
  {
    name: 'match-keys: keys nobody holds, and an empty list of keys, find nothing',
    unsupported: needsMatchKeys,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'c-1', ['email:ana@example.com']);
      await assertFinds(context.store, 'contact', ['email:leo@example.com', 'phone:+34911234567'], [], 'keys nobody holds');
      await assertFinds(context.store, 'contact', [], [], 'an empty list');
    },
  },
  {
    name: 'match-keys: set replaces every key a record had, and an empty list removes them all',
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      await keys.set('contact', 'c-1', ['a', 'b']);
      await keys.set('contact', 'c-2', ['a']);
      await keys.set('contact', 'c-1', ['b', 'c']);
      await assertFinds(context.store, 'contact', ['a', 'b', 'c'], [{ id: 'c-1', keys: ['b', 'c'] }, { id: 'c-2', keys: ['a'] }], 'after replacing the keys of c-1');
      await keys.set('contact', 'c-1', []);
      await assertFinds(context.store, 'contact', ['a', 'b', 'c'], [{ id: 'c-2', keys: ['a'] }], 'after removing the keys of c-1');
      await keys.set('contact', 'c-1', ['a']);
      await assertFinds(context.store, 'contact', ['a', 'b', 'c'], [{ id: 'c-1', keys: ['a'] }, { id: 'c-2', keys: ['a'] }], 'after setting keys again');
    },
  },
  {
    name: 'match-keys: a key given twice is kept once',
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      await keys.set('contact', 'c-1', ['a', 'b', 'a']);
      await assertFinds(context.store, 'contact', ['a', 'b'], [{ id: 'c-1', keys: ['a', 'b'] }], 'the key is held once');
      await keys.set('contact', 'c-1', ['b']);
      await assertFinds(context.store, 'contact', ['a'], [], 'one set removes the key however often it was given');
    },
  },
  {
    name: 'match-keys: keys are exact: case, surrounding spaces and Unicode forms are not folded',
    unsupported: needsMatchKeys,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'c-1', ['email:Ana@Example.com', ' ana ', 'name:jos\u00e9']);
      await assertFinds(context.store, 'contact', ['email:ana@example.com', 'EMAIL:ANA@EXAMPLE.COM', 'ana', ' ana', 'name:jose\u0301', 'name:jose', 'name:JOS\u00c9'], [], 'near misses');
      await assertFinds(context.store, 'contact', [' ana ', 'name:jos\u00e9', 'email:Ana@Example.com'], [{ id: 'c-1', keys: [' ana ', 'name:jos\u00e9', 'email:Ana@Example.com'] }], 'the exact texts');
    },
  },
  {
    name: 'match-keys: any text a key may hold round-trips and never matches as a pattern',
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      await keys.set('contact', 'awkward', AWKWARD_KEYS);
      // What LIKE, a regular expression or a trimmed comparison would take for a match.
      await keys.set('contact', 'plain', ['abc', '100', '1000', 'x\\ay', 'a', 'o', 'say', 'xx', ...AWKWARD_KEYS.map((key) => `${key}!`)]);
      for (const key of AWKWARD_KEYS) await assertFinds(context.store, 'contact', [key], [{ id: 'awkward', keys: [key] }], `the key ${JSON.stringify(key.slice(0, 40))}`);
      await assertFinds(context.store, 'contact', AWKWARD_KEYS, [{ id: 'awkward', keys: AWKWARD_KEYS }], 'all of them at once, in the order asked');
      await assertFinds(context.store, 'contact', ['a%', '1__', 'x%', '%%', '_bc', 'a.c', '*'], [], 'patterns nobody holds as texts');
      await assertFinds(context.store, 'contact', ['x'.repeat(999), 'x'.repeat(1001)], [], 'a long key is matched whole');
    },
  },
  {
    name: 'match-keys: set does not check that the record exists',
    unsupported: needsMatchKeys,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'ghost', ['email:ghost@example.com']);
      await assertFinds(context.store, 'contact', ['email:ghost@example.com'], [{ id: 'ghost', keys: ['email:ghost@example.com'] }], 'keys of a record that is not stored');
      assert.equal(await context.repository('contact').get('ghost'), null, 'no record is made');
    },
  },
  {
    name: "match-keys: deleting a record through its repository leaves its keys; clearing them is the caller's",
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      await context.repository('contact').insert(contact('c-1'));
      await keys.set('contact', 'c-1', ['email:ana@example.com']);
      await context.repository('contact').delete('c-1');
      await assertFinds(context.store, 'contact', ['email:ana@example.com'], [{ id: 'c-1', keys: ['email:ana@example.com'] }], 'after the delete');
      await keys.set('contact', 'c-1', []);
      await assertFinds(context.store, 'contact', ['email:ana@example.com'], [], 'after clearing the keys');
    },
  },
  {
    name: 'match-keys: keys set in a unit of work are seen through its scope, and outside only once it resolves',
    unsupported: needsUnits,
    run: async (context) => {
      const outside = keysOf(context.store);
      await outside.set('contact', 'c-1', ['a']);
      await outside.set('contact', 'c-2', ['a', 'b']);
      const before: readonly MatchKeyHit[] = [{ id: 'c-1', keys: ['a'] }, { id: 'c-2', keys: ['a', 'b'] }];
      const after: readonly MatchKeyHit[] = [{ id: 'c-2', keys: ['b', 'c'] }, { id: 'c-3', keys: ['a'] }];
      let finished = false;
      let written = (): void => undefined;
      const keysWritten = new Promise<void>((resolve) => {
        written = resolve;
      });
      // The reader outside runs beside the unit, which never waits for it: a store that makes
      // outside reads wait for a unit (a lock) passes too, its reader seeing the keys after.
      const reader = (async (): Promise<{ readonly hits: readonly MatchKeyHit[]; readonly finished: boolean }> => {
        await keysWritten;
        const hits = await outside.lookup('contact', ['a', 'b', 'c']);
        return { hits, finished };
      })();
      await context.store.transaction(async (scope) => {
        const inside = keysOf(scope);
        await assertFinds(scope, 'contact', ['a', 'b'], before, 'the unit sees the committed keys');
        await inside.set('contact', 'c-2', ['b', 'c']);
        await inside.set('contact', 'c-3', ['a']);
        await inside.set('contact', 'c-1', []);
        await assertFinds(scope, 'contact', ['a', 'b', 'c'], after, 'the unit sees its own keys over the committed ones');
        written();
        await nextTurn();
        await nextTurn();
        finished = true;
      });
      const read = await reader;
      assertSameData(read.hits, read.finished ? after : before, `outside, ${read.finished ? 'after' : 'before'} the unit's work finished`);
      await assertFinds(context.store, 'contact', ['a', 'b', 'c'], after, 'outside, after the unit resolves');
    },
  },
  {
    name: 'match-keys: the keys a rejected unit of work set are all gone',
    unsupported: needsUnits,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'c-1', ['a']);
      await rejectedUnit(
        () =>
          context.store.transaction(async (scope) => {
            await keysOf(scope).set('contact', 'c-1', ['z']);
            await keysOf(scope).set('contact', 'c-2', ['a', 'z']);
            await keysOf(scope).set('company', 'c-1', ['a']);
            throw new Sentinel('roll back');
          }),
        'the unit',
      );
      await assertFinds(context.store, 'contact', ['a', 'z'], [{ id: 'c-1', keys: ['a'] }], 'contacts after the rollback');
      await assertFinds(context.store, 'company', ['a', 'z'], [], 'companies after the rollback');
    },
  },
  {
    name: 'match-keys: a rejected nested unit of work undoes only its own key writes',
    unsupported: needsUnits,
    run: async (context) => {
      await keysOf(context.store).set('contact', 'c-1', ['a']);
      await context.store.transaction(async (scope) => {
        const nest = scope.transaction?.bind(scope);
        if (nest === undefined) return context.skip("the unit's scope has no nested units of work");
        await keysOf(scope).set('contact', 'c-2', ['a']);
        await rejectedUnit(
          () =>
            nest(async (inner) => {
              await keysOf(inner).set('contact', 'c-1', ['z']);
              await keysOf(inner).set('contact', 'c-2', []);
              await keysOf(inner).set('contact', 'c-3', ['a']);
              throw new Sentinel('roll back the savepoint');
            }),
          'the nested unit',
        );
        await assertFinds(scope, 'contact', ['a', 'z'], [{ id: 'c-1', keys: ['a'] }, { id: 'c-2', keys: ['a'] }], 'inside the outer unit, after the nested rollback');
        await nest(async (inner) => {
          await keysOf(inner).set('contact', 'c-4', ['a']);
        });
      });
      await assertFinds(context.store, 'contact', ['a', 'z'], [{ id: 'c-1', keys: ['a'] }, { id: 'c-2', keys: ['a'] }, { id: 'c-4', keys: ['a'] }], 'after the outer unit resolves');
    },
  },
  {
    name: 'match-keys: two units of work setting keys of different records at the same time both keep theirs',
    unsupported: needsUnits,
    run: async (context) => {
      // Neither unit waits for the other, so a store that runs units one at a time passes too.
      const waits: readonly (() => Promise<void>)[] = [() => Promise.resolve(), nextTurn];
      for (const [round, wait] of waits.entries()) {
        const unit = (id: string): Promise<void> =>
          context.store.transaction(async (scope) => {
            await wait();
            await keysOf(scope).set('contact', id, [`k:${round}`, `own:${id}`]);
            await wait();
            await assertFinds(scope, 'contact', [`own:${id}`], [{ id, keys: [`own:${id}`] }], `unit ${id} sees its own keys`);
            await wait();
          });
        const ids = [`r${round}-a`, `r${round}-b`];
        await Promise.all(ids.map(unit));
        await assertFinds(context.store, 'contact', [`k:${round}`], ids.map((id) => ({ id, keys: [`k:${round}`] })), `round ${round}: both units' keys are kept`);
      }
    },
  },
  {
    name: 'match-keys: a lookup of 1,000 keys among 5,000 records answers in full',
    unsupported: needsMatchKeys,
    run: async (context) => {
      const keys = keysOf(context.store);
      const RECORDS = 5000;
      const KEYS = 1250;
      // Record i holds two keys of KEYS; ids without padding, so code-unit order is not numeric order.
      const held = (i: number): readonly string[] => [...new Set([`k:${i % KEYS}`, `k:${(i * 7 + 3) % KEYS}`])];
      for (let i = 0; i < RECORDS; i += 1) await keys.set('contact', `r${i}`, held(i));
      // 1,000 of the keys, asked from the last down; the other 250 are held but not asked.
      const asked = Array.from({ length: 1000 }, (_unused, index) => `k:${999 - index}`);
      const position = new Map(asked.map((key, index) => [key, index] as const));
      const expected: MatchKeyHit[] = [];
      for (let i = 0; i < RECORDS; i += 1) {
        const mine = held(i).filter((key) => position.has(key)).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
        if (mine.length > 0) expected.push({ id: `r${i}`, keys: mine });
      }
      expected.sort((a, b) => byCodeUnits(a.id, b.id));
      const hits = await keys.lookup('contact', asked);
      assert.equal(hits.length, expected.length, 'every record holding a key asked is found');
      assertSameData(hits, expected, 'the hits of the whole lookup');
    },
  },
  {
    name: 'match-keys: what set stores is what the raw reader reads, and a unit of work stores its keys only when it resolves',
    unsupported: needsRawReader,
    run: async (context) => {
      const keys = keysOf(context.store);
      await keys.set('contact', 'c-1', [...AWKWARD_KEYS, AWKWARD_KEYS[0] ?? '']);
      assert.deepStrictEqual(await storedKeys(context, 'contact', 'c-1'), [...AWKWARD_KEYS].sort(), 'every key once, as given');
      assert.deepStrictEqual(await storedKeys(context, 'company', 'c-1'), [], 'nothing under another entity type');
      await keys.set('contact', 'c-1', ['b', 'a']);
      assert.deepStrictEqual(await storedKeys(context, 'contact', 'c-1'), ['a', 'b'], 'after replacing them');
      await keys.set('contact', 'c-1', []);
      assert.deepStrictEqual(await storedKeys(context, 'contact', 'c-1'), [], 'after removing them');
      if (!context.store.capabilities.transactions) return;
      await context.store.transaction(async (scope) => {
        await keysOf(scope).set('contact', 'c-2', ['in-unit']);
      });
      assert.deepStrictEqual(await storedKeys(context, 'contact', 'c-2'), ['in-unit'], 'stored once the unit resolves');
      await rejectedUnit(
        () =>
          context.store.transaction(async (scope) => {
            await keysOf(scope).set('contact', 'c-2', ['rolled-back']);
            throw new Sentinel('roll back');
          }),
        'the unit',
      );
      assert.deepStrictEqual(await storedKeys(context, 'contact', 'c-2'), ['in-unit'], 'unchanged by a unit that rejects');
    },
  },
];
