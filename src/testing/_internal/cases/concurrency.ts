import * as assert from '../assert.js';
import { ConformanceAssertionError } from '../assert.js';
import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType } from '../../../fields/index.js';
import type { CrmErrorCode } from '../../../kernel/index.js';
import { isCrmError } from '../../../kernel/index.js';
import type { LoggedEvent, NewEvent, Repository, StoreScope } from '../../../store/index.js';
import { at, contact, deal, RICH_RECORDS } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { assertSameData, drain, cappedRepository, insertAll, isSameData, walkPages } from '../harness.js';

// Every case starts several units of work together and makes them interleave by waiting between
// their steps, replaying each of SCHEDULES on records of its own. A store may serialise units
// (a lock) or detect conflicts when they commit: the checks hold for any order the units end up
// running in, no unit ever waits for another to finish (that would deadlock a lock), and no wait
// is longer than one macrotask.

/** How many units contend for one record. */
const CONTENDERS = 4;

/** How a contender waits before its next step: some microtask turns, or some macrotask turns (`setTimeout(0)`). */
interface Pause {
  readonly microtasks: number;
  readonly macrotasks: number;
}

const micro = (count: number): Pause => ({ microtasks: count, macrotasks: 0 });
const turns = (count: number): Pause => ({ microtasks: 0, macrotasks: count });

/** One interleaving: how long contender `contender` waits before its step number `step` (0: its start). */
interface Schedule {
  readonly name: string;
  readonly pause: (contender: number, step: number) => Pause;
}

const SCHEDULES: readonly Schedule[] = [
  { name: 'in lockstep, a macrotask between steps', pause: () => turns(1) },
  { name: 'in lockstep, a microtask between steps', pause: () => micro(1) },
  { name: 'staggered by microtasks', pause: (contender, step) => micro(step === 0 ? contender * 3 : 1) },
  { name: 'one after another, a macrotask apart', pause: (contender, step) => (step === 0 ? turns(contender) : micro(0)) },
  { name: 'macrotasks and microtasks mixed', pause: (contender, step) => ((contender + step) % 2 === 0 ? turns(1) : micro(contender + 1)) },
  {
    name: 'the last one first, then some a macrotask apart',
    pause: (contender, step) => (step === 0 ? micro((CONTENDERS - 1 - (contender % CONTENDERS)) * 3) : contender % 2 === 0 ? turns(1) : micro(2)),
  },
];

const timers = globalThis as { readonly setTimeout?: ((callback: () => void, milliseconds: number) => unknown) | undefined };

/** Resolves on a later macrotask (`setTimeout(0)`), after every pending microtask; at once where there are no timers. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (timers.setTimeout === undefined) resolve();
    else timers.setTimeout(resolve, 0);
  });
}

async function pause(wait: Pause): Promise<void> {
  for (let turn = 0; turn < wait.macrotasks; turn += 1) await nextTurn();
  for (let turn = 0; turn < wait.microtasks; turn += 1) await Promise.resolve();
}

/** A contender's body; `step()` waits as the schedule says before the contender's next step. */
type Contender<T> = (contender: number, step: () => Promise<void>) => Promise<T>;

/** Starts `count` contenders together (each first waits its start pause) and waits until all have settled. */
async function contend<T>(schedule: Schedule, count: number, body: Contender<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(
    Array.from({ length: count }, async (_unused, contender) => {
      let steps = 0;
      const step = (): Promise<void> => pause(schedule.pause(contender, steps++));
      await step();
      return body(contender, step);
    }),
  );
}

const needsTransactions = (capabilities: { readonly transactions: boolean }): string | undefined =>
  capabilities.transactions ? undefined : 'capabilities.transactions is false';

class Sentinel extends Error {}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Fails with the case's own assertion when a unit's work failed one, so its message is not lost. */
function rethrowAssertion(results: readonly PromiseSettledResult<unknown>[]): void {
  for (const result of results) if (result.status === 'rejected' && result.reason instanceof ConformanceAssertionError) throw result.reason;
}

/**
 * Asserts that exactly one contender succeeded and the others failed with one of `codes`;
 * returns the winner's index.
 */
function assertOneWinner(results: readonly PromiseSettledResult<unknown>[], codes: readonly [CrmErrorCode, ...CrmErrorCode[]], what: string): number {
  rethrowAssertion(results);
  const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
  assert.equal(won.length, 1, `${what}: how many succeeded (exactly one may)`);
  for (const [index, result] of results.entries()) {
    if (result.status === 'fulfilled') continue;
    assert.ok(isCrmError(result.reason, ...codes), `${what}: contender ${index} must fail with ${codes.join(' or ')}, not ${describeError(result.reason)}`);
  }
  return won[0] ?? -1;
}

async function assertAbsent(context: CaseContext, entityType: EntityType, id: string, what: string): Promise<void> {
  const raw = await context.inspect(entityType, id);
  assert.ok(raw === null || raw === undefined, `${what}: the raw reader still finds ${entityType} ${id}`);
}

/** The repository of a unit, its queries filled as the normalising layer fills them. */
function inUnit(context: CaseContext, scope: StoreScope, entityType: EntityType): Repository {
  return cappedRepository(scope.repository(entityType), context.store.capabilities.maxPageSize);
}

// Events of a case are `updated` events marked, in their first field, with what the case looks
// for, and in the next two with who wrote them and their rank: a case reads back only its own.
const event = (entityId: string, marker: string, writer = -1, n = -1): NewEvent => ({
  type: 'updated',
  entityType: 'contact',
  entityId,
  at: at(60),
  byId: 'u-ana',
  data: { fields: [marker, String(writer), String(n)] },
});

/** The events marked with one of the markers, as the log gives them. */
async function marked(context: CaseContext, markers: readonly string[]): Promise<LoggedEvent[]> {
  const logged = await drain(context.store.events.read({ types: ['updated'] }));
  return logged.filter((item) => item.type === 'updated' && markers.includes(item.data.fields[0] ?? ''));
}

/** Who wrote a marked event. */
function writerOf(item: LoggedEvent): number {
  return item.type === 'updated' ? Number(item.data.fields[1]) : Number.NaN;
}

/** The contact `id` as contender `writer` writes it over version `from`. */
const proposal = (id: string, from: number, writer: number): StoredRecord =>
  contact(id, { version: from + 1, firstName: `Writer ${String(writer)}`, updatedAt: at(10 + writer), updatedById: 'u-leo' });

/** Runs `work` outside any unit (`direct`) or as a unit of its own. */
function runAs<T>(context: CaseContext, direct: boolean, work: (contacts: Repository) => Promise<T>): Promise<T> {
  if (direct) return work(context.repository('contact'));
  return context.store.transaction((scope) => work(inUnit(context, scope, 'contact')));
}

// Each schedule gives its contenders these roles in turn, so that every kind starts first once.
const rotate = <T>(roles: readonly T[], scheduleIndex: number, contender: number): T =>
  roles[(contender + scheduleIndex) % roles.length] as T;

type Kind = 'contact' | 'deal' | 'company' | 'lead';
const KINDS: readonly Kind[] = ['contact', 'deal', 'company', 'lead'];

/** A valid stored record of `kind` with this id; with `updatedAt`, as an update left it at version 2. */
function sample(kind: Kind, id: string, updatedAt?: Date): StoredRecord {
  const base: StoredRecord =
    kind === 'contact' ? contact(id) : kind === 'deal' ? deal(id) : kind === 'company' ? { ...RICH_RECORDS.company, id } : { ...RICH_RECORDS.lead, id };
  return updatedAt === undefined ? { ...base, version: 1 } : { ...base, version: 2, updatedById: 'u-leo', updatedAt };
}

/** Units of work and plain writes that run at the same time. */
export const CONCURRENCY_CASES: readonly CaseDefinition[] = [
  {
    name: 'concurrency: of concurrent updates of one record at one expected version, exactly one succeeds and the others fail with VERSION_CONFLICT',
    run: async (context) => {
      const repository = context.repository('contact');
      for (const [index, schedule] of SCHEDULES.entries()) {
        const id = `update-${String(index)}`;
        await repository.insert(contact(id, { version: 3, firstName: 'Original' }));
        const results = await contend(schedule, CONTENDERS, async (writer, step) => {
          await repository.get(id);
          await step();
          return repository.update(proposal(id, 3, writer), 3);
        });
        const winner = assertOneWinner(results, ['VERSION_CONFLICT'], schedule.name);
        assertSameData(await context.inspect('contact', id), proposal(id, 3, winner), `${schedule.name}: the stored record is the winner's, at version 4`);
      }
    },
  },
  {
    name: 'concurrency: a write expecting the version a concurrent update is about to give either runs after it or fails with VERSION_CONFLICT, never NOT_FOUND',
    run: async (context) => {
      const repository = context.repository('contact');
      // Besides the shared schedules, the second contender starting 0 to 24 microtasks ahead: a
      // store that reads why a write touched no row with a second statement, and takes a record
      // found at the expected version for one that was missing, answers wrongly only when the
      // other write lands between the two.
      const ahead = Array.from({ length: 25 }, (_unused, lead): Schedule => ({ name: `the second ${String(lead)} microtasks ahead`, pause: (contender, step) => micro(step === 0 && contender === 0 ? lead : 0) }));
      for (const [index, schedule] of [...SCHEDULES, ...ahead].entries()) {
        // The first contender updates version 3 to 4; the second updates or deletes version 4,
        // which exists only once the first has written it.
        for (const second of ['update', 'delete'] as const) {
          const id = `ahead-${second}-${String(index)}`;
          await repository.insert(contact(id, { version: 3, firstName: 'Original' }));
          const results = await contend(schedule, 2, async (writer, step) => {
            await repository.get(id);
            await step();
            if (writer === 0) return repository.update(proposal(id, 3, 0), 3);
            return second === 'update' ? repository.update(proposal(id, 4, 1), 4) : repository.delete(id, 4);
          });
          rethrowAssertion(results);
          const what = `${schedule.name}, the second contender's ${second}`;
          const [firstResult, secondResult] = results;
          assert.ok(firstResult?.status === 'fulfilled', `${what}: the update of version 3 succeeds (nothing else writes that version), not ${firstResult?.status === 'rejected' ? describeError(firstResult.reason) : 'nothing'}`);
          if (secondResult?.status === 'rejected') {
            assert.ok(isCrmError(secondResult.reason, 'VERSION_CONFLICT'), `${what}: refused while the record exists, it must fail with VERSION_CONFLICT, not ${describeError(secondResult.reason)}`);
            assertSameData(await context.inspect('contact', id), proposal(id, 3, 0), `${what}: refused, it leaves the first update's record`);
          } else if (second === 'update') {
            assertSameData(await context.inspect('contact', id), proposal(id, 4, 1), `${what}: the stored record is the second update's, at version 5`);
          } else {
            await assertAbsent(context, 'contact', id, `${what}: after the delete of version 4`);
          }
        }
      }
    },
  },
  {
    name: 'concurrency: of concurrent transactions updating one record at one expected version, exactly one commits and the others reject with VERSION_CONFLICT',
    unsupported: needsTransactions,
    run: async (context) => {
      for (const [index, schedule] of SCHEDULES.entries()) {
        const id = `unit-update-${String(index)}`;
        await context.repository('contact').insert(contact(id, { version: 3, firstName: 'Original' }));
        const results = await contend(schedule, CONTENDERS, (writer, step) =>
          context.store.transaction(async (scope) => {
            const repository = inUnit(context, scope, 'contact');
            await repository.get(id);
            await step();
            await repository.update(proposal(id, 3, writer), 3);
            await step();
            await scope.events.append([event(id, 'updated', writer)]);
            await step();
            return writer;
          }),
        );
        const winner = assertOneWinner(results, ['VERSION_CONFLICT'], schedule.name);
        assertSameData(await context.inspect('contact', id), proposal(id, 3, winner), `${schedule.name}: the stored record is the committed unit's, at version 4`);
        const logged = await drain(context.store.events.read({ entityType: 'contact', entityId: id }));
        assertSameData(logged.map(writerOf), [winner], `${schedule.name}: only the committed unit's event is logged`);
      }
    },
  },
  {
    name: 'concurrency: of concurrent deletes and updates of one record at one expected version, in transactions or not, exactly one succeeds',
    unsupported: needsTransactions,
    run: async (context) => {
      type Role = 'update' | 'delete' | 'update in a unit' | 'delete in a unit';
      const roles: readonly Role[] = ['update', 'delete', 'update in a unit', 'delete in a unit'];
      for (const [index, schedule] of SCHEDULES.entries()) {
        const id = `delete-or-update-${String(index)}`;
        await context.repository('contact').insert(contact(id, { version: 3 }));
        const played: Role[] = [];
        const results = await contend(schedule, CONTENDERS, (writer, step) => {
          const role = rotate(roles, index, writer);
          played[writer] = role;
          return runAs(context, !role.endsWith('in a unit'), async (repository) => {
            await repository.get(id);
            await step();
            if (role.startsWith('update')) await repository.update(proposal(id, 3, writer), 3);
            else await repository.delete(id, 3);
            await step();
          });
        });
        rethrowAssertion(results);
        const winner = results.findIndex((result) => result.status === 'fulfilled');
        const deleted = played[winner]?.startsWith('delete') === true;
        const what = `${schedule.name}, roles ${played.join(', ')}`;
        assertOneWinner(results, deleted ? ['NOT_FOUND', 'VERSION_CONFLICT'] : ['VERSION_CONFLICT'], what);
        if (deleted) await assertAbsent(context, 'contact', id, `${what}: after the delete won`);
        else assertSameData(await context.inspect('contact', id), proposal(id, 3, winner), `${what}: the stored record is the winning update's`);
      }
    },
  },
  {
    name: 'concurrency: of concurrent deletes of one record, in transactions or not, exactly one succeeds and the others fail with NOT_FOUND or VERSION_CONFLICT',
    unsupported: needsTransactions,
    run: async (context) => {
      for (const [index, schedule] of SCHEDULES.entries()) {
        const id = `delete-${String(index)}`;
        await context.repository('contact').insert(contact(id));
        const results = await contend(schedule, CONTENDERS, (writer, step) =>
          runAs(context, rotate([true, false], index, writer), async (repository) => {
            await repository.get(id);
            await step();
            await repository.delete(id);
            await step();
          }),
        );
        assertOneWinner(results, ['NOT_FOUND', 'VERSION_CONFLICT'], schedule.name);
        await assertAbsent(context, 'contact', id, `${schedule.name}: after the deletes`);
      }
    },
  },
  {
    name: 'concurrency: of concurrent inserts of one id, in transactions or not, exactly one succeeds and the others fail with DUPLICATE_ID',
    unsupported: needsTransactions,
    run: async (context) => {
      for (const [index, schedule] of SCHEDULES.entries()) {
        const id = `insert-${String(index)}`;
        const results = await contend(schedule, CONTENDERS, (writer, step) =>
          runAs(context, rotate([false, true], index, writer), async (repository) => {
            await repository.get(id);
            await step();
            await repository.insert(proposal(id, 0, writer));
            await step();
          }),
        );
        const winner = assertOneWinner(results, ['DUPLICATE_ID'], schedule.name);
        assertSameData(await context.inspect('contact', id), proposal(id, 0, winner), `${schedule.name}: the stored record is the winner's`);
      }
    },
  },
  {
    name: 'concurrency: concurrent writes to different records outside transactions are all stored, inserts included',
    run: async (context) => {
      const repository = context.repository('contact');
      for (const [index, schedule] of SCHEDULES.entries()) {
        const own = (writer: number, what: string): string => `${what}-${String(index)}-${String(writer)}`;
        for (let writer = 0; writer < CONTENDERS; writer += 1) await insertAll(repository, [contact(own(writer, 'own')), contact(own(writer, 'gone'))]);
        const results = await contend(schedule, CONTENDERS, async (writer, step) => {
          await repository.insert(proposal(own(writer, 'new'), 0, writer));
          await step();
          await repository.get(own(writer, 'own'));
          await step();
          await repository.update(proposal(own(writer, 'own'), 1, writer), 1);
          await step();
          await repository.delete(own(writer, 'gone'), 1);
        });
        rethrowAssertion(results);
        for (const [writer, result] of results.entries()) {
          const what = `${schedule.name}: writer ${String(writer)}`;
          assert.ok(result.status === 'fulfilled', `${what} must succeed, not fail with ${result.status === 'rejected' ? describeError(result.reason) : ''}`);
          assertSameData(await context.inspect('contact', own(writer, 'new')), proposal(own(writer, 'new'), 0, writer), `${what}: its insert is stored`);
          assertSameData(await context.inspect('contact', own(writer, 'own')), proposal(own(writer, 'own'), 1, writer), `${what}: its update is stored`);
          await assertAbsent(context, 'contact', own(writer, 'gone'), `${what}: its delete`);
        }
      }
    },
  },
  {
    name: 'concurrency: concurrent transactions writing different records keep every write they committed, and those made outside them meanwhile',
    unsupported: needsTransactions,
    run: async (context) => {
      // Contenders 0-3 are units; 4 and 5 write the same way outside any unit.
      const writers = CONTENDERS + 2;
      for (const [index, schedule] of SCHEDULES.entries()) {
        const own = (writer: number, what: string): string => `${what}-${String(index)}-${String(writer)}`;
        for (let writer = 0; writer < writers; writer += 1) {
          await context.repository('contact').insert(contact(own(writer, 'own')));
          await context.repository('deal').insert(deal(own(writer, 'gone')));
        }
        const write = async (writer: number, step: () => Promise<void>, scope: StoreScope): Promise<void> => {
          const contacts = inUnit(context, scope, 'contact');
          await contacts.insert(proposal(own(writer, 'new'), 0, writer));
          await step();
          await contacts.get(own(writer, 'own'));
          await step();
          await contacts.update(proposal(own(writer, 'own'), 1, writer), 1);
          await step();
          await inUnit(context, scope, 'deal').delete(own(writer, 'gone'), 1);
          await scope.events.append([event(own(writer, 'new'), 'written', writer)]);
          await step();
        };
        const results = await contend(schedule, writers, (writer, step) =>
          writer < CONTENDERS ? context.store.transaction((scope) => write(writer, step, scope)) : write(writer, step, context.store),
        );
        rethrowAssertion(results);
        const events = await marked(context, ['written']);
        let committed = 0;
        for (const [writer, result] of results.entries()) {
          const what = `${schedule.name}: ${writer < CONTENDERS ? 'unit' : 'writer outside units'} ${String(writer)}`;
          const mine = events.filter((item) => item.entityId === own(writer, 'new'));
          if (result.status === 'rejected') {
            // A store may refuse a unit for a concurrent one (a serialisation failure), as a whole.
            assert.ok(writer < CONTENDERS && isCrmError(result.reason, 'VERSION_CONFLICT'), `${what} failed: ${describeError(result.reason)}`);
            await assertAbsent(context, 'contact', own(writer, 'new'), `${what}, refused`);
            assertSameData(await context.inspect('contact', own(writer, 'own')), contact(own(writer, 'own')), `${what}, refused: its update is not stored`);
            assertSameData(await context.inspect('deal', own(writer, 'gone')), deal(own(writer, 'gone')), `${what}, refused: its delete is undone`);
            assert.equal(mine.length, 0, `${what}, refused: no event of it is logged`);
            continue;
          }
          if (writer < CONTENDERS) committed += 1;
          assertSameData(await context.inspect('contact', own(writer, 'new')), proposal(own(writer, 'new'), 0, writer), `${what}: its insert is kept`);
          assertSameData(await context.inspect('contact', own(writer, 'own')), proposal(own(writer, 'own'), 1, writer), `${what}: its update is kept`);
          await assertAbsent(context, 'deal', own(writer, 'gone'), `${what}: its delete is kept`);
          assert.equal(mine.length, 1, `${what}: its event is logged once`);
        }
        assert.ok(committed >= 1, `${schedule.name}: at least one of the units commits`);
      }
    },
  },
  {
    name: 'concurrency: a transaction that rolls back never undoes what others committed while it ran',
    unsupported: needsTransactions,
    run: async (context) => {
      const contacts = context.repository('contact');
      for (const [index, schedule] of SCHEDULES.entries()) {
        const name = (what: string): string => `${what}-${String(index)}`;
        await insertAll(contacts, [contact(name('shared')), contact(name('early-own')), contact(name('late-own')), contact(name('direct-own'))]);
        const failure = new Sentinel('rolled back on purpose');
        // Contender 0 starts first and fails only after many turns, by when the others, which
        // never wait for it, have committed, unless the store runs units one at a time.
        const early = (async (): Promise<void> => {
          await context.store.transaction(async (scope) => {
            const repository = inUnit(context, scope, 'contact');
            await repository.get(name('shared'));
            await repository.insert(proposal(name('early-new'), 0, 0));
            await repository.update(proposal(name('early-own'), 1, 0), 1);
            await scope.events.append([event(name('early'), name('rolledBack'))]);
            for (let turn = 0; turn < 8; turn += 1) await nextTurn();
            throw failure;
          });
        })();
        const others = contend(schedule, 2, async (writer, step) => {
          const work = async (scope: StoreScope): Promise<void> => {
            const repository = inUnit(context, scope, 'contact');
            await repository.insert(proposal(name(`new-${String(writer)}`), 0, writer));
            await step();
            if (writer === 1) await repository.update(proposal(name('shared'), 1, writer), 1);
            await repository.update(proposal(name(writer === 1 ? 'late-own' : 'direct-own'), 1, writer), 1);
            await step();
            await scope.events.append([event(name(`other-${String(writer)}`), name('committed'))]);
          };
          if (writer === 1) await context.store.transaction(work);
          else await work(context.store);
        });
        // `contend` never rejects: each writer's outcome is in its list.
        const [earlyResult, settled] = await Promise.all([early.then(() => undefined, (error: unknown) => error), others]);
        rethrowAssertion(settled);
        assert.ok(earlyResult === failure, `${schedule.name}: the failing unit rejects with its own error, not ${describeError(earlyResult)}`);
        for (const [writer, result] of settled.entries()) {
          assert.ok(result.status === 'fulfilled', `${schedule.name}: writer ${String(writer)} failed: ${result.status === 'rejected' ? describeError(result.reason) : ''}`);
        }
        const what = `${schedule.name}: after the early unit rolled back`;
        await assertAbsent(context, 'contact', name('early-new'), what);
        assertSameData(await context.inspect('contact', name('early-own')), contact(name('early-own')), `${what}: its update is undone`);
        assertSameData(await context.inspect('contact', name('shared')), proposal(name('shared'), 1, 1), `${what}: the later unit's update is kept`);
        assertSameData(await context.inspect('contact', name('late-own')), proposal(name('late-own'), 1, 1), `${what}: the later unit's update is kept`);
        assertSameData(await context.inspect('contact', name('new-1')), proposal(name('new-1'), 0, 1), `${what}: the later unit's insert is kept`);
        assertSameData(await context.inspect('contact', name('direct-own')), proposal(name('direct-own'), 1, 0), `${what}: the update made outside units is kept`);
        assertSameData(await context.inspect('contact', name('new-0')), proposal(name('new-0'), 0, 0), `${what}: the insert made outside units is kept`);
        const logged = await marked(context, [name('rolledBack'), name('committed')]);
        assert.deepStrictEqual(
          logged.map((item) => item.entityId).sort(),
          [name('other-0'), name('other-1')],
          `${what}: the others' events are logged and its own are not`,
        );
      }
    },
  },
  {
    name: 'concurrency: inside a transaction, get, getMany, find, count and stream see its own inserts, updates and deletes while other units run',
    unsupported: needsTransactions,
    run: async (context) => {
      for (const [index, schedule] of SCHEDULES.entries()) {
        const ids = (kind: Kind): { keep: string; change: string; drop: string; added: string } => ({
          keep: `${kind}-${String(index)}-keep`,
          change: `${kind}-${String(index)}-change`,
          drop: `${kind}-${String(index)}-drop`,
          added: `${kind}-${String(index)}-new`,
        });
        for (const kind of KINDS) {
          const { keep, change, drop } = ids(kind);
          await insertAll(context.repository(kind), [sample(kind, keep), sample(kind, change), sample(kind, drop)]);
        }
        // The updates are the latest changes so far, so they sort first by updatedAt, descending.
        const changed = at(1000 + index);
        // Each unit works on an entity type of its own, so none conflicts with another.
        const results = await contend(schedule, KINDS.length, (writer, step) =>
          context.store.transaction(async (scope) => {
            const kind = rotate(KINDS, index, writer);
            const { keep, change, drop, added } = ids(kind);
            const what = `${schedule.name}: in the unit writing ${kind}`;
            const repository = inUnit(context, scope, kind);
            const mine = async (): Promise<string[]> =>
              (await walkPages(repository, { limit: 2 })).map((record) => record.id).filter((id) => id.startsWith(`${kind}-${String(index)}-`));
            const before = await repository.count({});
            await repository.insert(sample(kind, added));
            await step();
            assertSameData(await repository.get(added), sample(kind, added), `${what}: get after insert`);
            assert.equal(await repository.count({}), before + 1, `${what}: count after insert`);
            await repository.update(sample(kind, change, changed), 1);
            await step();
            assertSameData(await repository.get(change), sample(kind, change, changed), `${what}: get after update`);
            await repository.delete(drop, 1);
            await step();
            assert.equal(await repository.get(drop), null, `${what}: get after delete`);
            assert.equal(await repository.count({}), before, `${what}: count after insert and delete`);
            assertSameData(
              await repository.getMany([added, drop, change, keep]),
              [sample(kind, added), sample(kind, change, changed), sample(kind, keep)],
              `${what}: getMany`,
            );
            assert.deepStrictEqual(await mine(), [change, keep, added].sort(), `${what}: find`);
            const page = await repository.find({ sort: [{ field: 'updatedAt', direction: 'desc' }], limit: 1 });
            assertSameData(page.items, [sample(kind, change, changed)], `${what}: find sorted by what the update changed`);
            const streamed = (await drain(repository.stream({}))).filter((record) => record.id.startsWith(`${kind}-${String(index)}-`));
            assertSameData(streamed, [sample(kind, change, changed), sample(kind, keep), sample(kind, added)], `${what}: stream`);
            await step();
          }),
        );
        rethrowAssertion(results);
        for (const [writer, result] of results.entries()) {
          assert.ok(result.status === 'fulfilled', `${schedule.name}: unit ${String(writer)} failed: ${result.status === 'rejected' ? describeError(result.reason) : ''}`);
        }
      }
    },
  },
  {
    name: 'concurrency: a reader outside a unit sees its writes all at once and only after it resolves, and never those of a unit that rolls back',
    unsupported: needsTransactions,
    run: async (context) => {
      const contacts = context.repository('contact');
      for (const [index, schedule] of SCHEDULES.entries()) {
        const name = (what: string): string => `${what}-${String(index)}`;
        await insertAll(contacts, [contact(name('kept')), contact(name('dropped')), contact(name('untouched')), contact(name('spared'))]);
        let finished = false;
        const failure = new Sentinel('rolled back on purpose');
        // Each record as it is before the units and as its unit leaves it (null: absent).
        const states = {
          added: [null, proposal(name('added'), 0, 0)],
          kept: [contact(name('kept')), proposal(name('kept'), 1, 0)],
          dropped: [contact(name('dropped')), null],
          ghost: [null, proposal(name('ghost'), 0, 1)],
          untouched: [contact(name('untouched')), proposal(name('untouched'), 1, 1)],
          spared: [contact(name('spared')), null],
        } as const;
        const rolledBack: readonly string[] = ['ghost', 'untouched', 'spared'];
        const seen: { readonly what: keyof typeof states; readonly state: 'before' | 'after'; readonly finished: boolean }[][] = [[], []];
        const results = await contend(schedule, 4, async (writer, step): Promise<void> => {
          if (writer >= 2) {
            // Readers: each reads every record in turn, a step apart.
            const order = Object.keys(states) as (keyof typeof states)[];
            for (let read = 0; read < 12; read += 1) {
              const what = order[(read + writer) % order.length] ?? 'added';
              const found = await contacts.get(name(what));
              const [before, after] = states[what];
              const state = isSameData(found, before) ? 'before' : isSameData(found, after) ? 'after' : undefined;
              assert.ok(state !== undefined, `${schedule.name}: a reader found ${what} in neither the state before a unit nor after it`);
              seen[writer - 2]?.push({ what, state, finished });
              await (writer === 2 ? step() : nextTurn());
            }
            return;
          }
          await context.store.transaction(async (scope) => {
            const repository = inUnit(context, scope, 'contact');
            const commits = writer === 0;
            await repository.insert(commits ? proposal(name('added'), 0, 0) : proposal(name('ghost'), 0, 1));
            await step();
            await repository.update(commits ? proposal(name('kept'), 1, 0) : proposal(name('untouched'), 1, 1), 1);
            await step();
            await repository.delete(commits ? name('dropped') : name('spared'), 1);
            await step();
            if (!commits) throw failure;
            finished = true;
          });
        });
        rethrowAssertion(results);
        assert.ok(results[0]?.status === 'fulfilled', `${schedule.name}: the committing unit resolves`);
        assert.ok(results[1]?.status === 'rejected' && results[1].reason === failure, `${schedule.name}: the failing unit rejects with its own error`);
        for (const reads of seen) {
          let committedSeen = false;
          for (const read of reads) {
            const what = `${schedule.name}: a reader, reading ${read.what}`;
            if (rolledBack.includes(read.what)) {
              assert.equal(read.state, 'before', `${what}, saw a write of the unit that rolled back`);
              continue;
            }
            if (read.state === 'after') {
              assert.ok(read.finished, `${what}, saw a write of a unit whose work had not finished`);
              committedSeen = true;
            } else {
              assert.ok(!committedSeen, `${what}, saw it as before the unit after seeing another of its writes`);
            }
          }
        }
        for (const [what, [before, after]] of Object.entries(states)) {
          const expected = rolledBack.includes(what) ? before : after;
          if (expected === null) await assertAbsent(context, 'contact', name(what), `${schedule.name}: in the end`);
          else assertSameData(await context.inspect('contact', name(what)), expected, `${schedule.name}: ${what} in the end`);
        }
      }
    },
  },
  {
    name: 'concurrency: the events of committed units are all logged and those of rolled-back ones never are, with unique growing sequences',
    unsupported: needsTransactions,
    run: async (context) => {
      const writers = CONTENDERS + 2;
      for (const [index, schedule] of SCHEDULES.entries()) {
        const type = `concurrent-${String(index)}`;
        const own = (writer: number, n: number): NewEvent => event(String(writer), type, writer, n);
        const finished = new Set<number>();
        const returned: LoggedEvent[][] = Array.from({ length: writers }, () => []);
        // A unit with an odd number rolls back; writers from CONTENDERS on append outside units.
        const rollsBack = (writer: number): boolean => writer < CONTENDERS && writer % 2 === 1;
        const failure = new Sentinel('rolled back on purpose');
        const append = async (writer: number, step: () => Promise<void>, scope: StoreScope): Promise<void> => {
          returned[writer]?.push(...(await scope.events.append([own(writer, 0)])));
          await step();
          returned[writer]?.push(...(await scope.events.append([own(writer, 1), own(writer, 2)])));
          await step();
          if (rollsBack(writer)) throw failure;
          finished.add(writer);
        };
        const reader = async (step: () => Promise<void>): Promise<void> => {
          for (let read = 0; read < 8; read += 1) {
            const logged = await marked(context, [type]);
            assertIncreasing(logged, `${schedule.name}: a read while units run`);
            for (const item of logged) {
              const writer = writerOf(item);
              assert.ok(!rollsBack(writer), `${schedule.name}: a read while units run returned an event of a unit that rolls back`);
              if (writer < CONTENDERS) assert.ok(finished.has(writer), `${schedule.name}: a read while units run returned an event of a unit whose work had not finished`);
            }
            await step();
          }
        };
        const results = await contend(schedule, writers + 1, async (writer, step) => {
          if (writer === writers) await reader(step);
          else if (writer < CONTENDERS) await context.store.transaction((scope) => append(writer, step, scope));
          else await append(writer, step, context.store);
        });
        rethrowAssertion(results);
        for (const [writer, result] of results.entries()) {
          if (writer < writers && rollsBack(writer)) assert.ok(result.status === 'rejected' && result.reason === failure, `${schedule.name}: unit ${String(writer)} rejects with its own error`);
          else assert.ok(result.status === 'fulfilled', `${schedule.name}: writer ${String(writer)} failed: ${result.status === 'rejected' ? describeError(result.reason) : ''}`);
        }
        const logged = await marked(context, [type]);
        assertIncreasing(logged, `${schedule.name}: the log`);
        const expected = returned.filter((_events, writer) => !rollsBack(writer)).flat();
        assertSameData(
          logged,
          [...expected].sort((a, b) => a.sequence - b.sequence),
          `${schedule.name}: the log holds every event of the committed units and of the writes outside units, as append returned them, and none other`,
        );
      }
      assertIncreasing(await drain(context.store.events.read({})), 'the whole log');
    },
  },
];

function assertIncreasing(events: readonly LoggedEvent[], what: string): void {
  for (let index = 1; index < events.length; index += 1) {
    const [before, after] = [events[index - 1]?.sequence ?? 0, events[index]?.sequence ?? 0];
    assert.ok(after > before, `${what}: sequences must be unique and growing, got ${String(before)} then ${String(after)}`);
  }
}
