import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  can,
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  checkPipeline,
  isCrmError,
  manualClock,
  sequentialIds,
  STAGE_GROUPS,
  getStageGroup,
  unwrap,
  listVisibleFields,
} from 'crm-kit';
import type {
  AccessAction,
  AccessPolicy,
  Crm,
  CrmFieldRegistries,
  CrmQuery,
  CrmSession,
  DealInput,
  FieldDefinition,
  IdGenerator,
  LoggedEvent,
  ManualClock,
  Page,
  Pipeline,
  Principal,
  SortKey,
  StoredRecord,
  WriteOptions,
} from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import type { Kind } from './arbitraries.js';
import {
  ADMIN,
  claimedDepartmentsArb,
  customFieldArb,
  DEPARTMENTS,
  KINDS,
  orgChartArb,
  PIPELINES,
  principalsOf,
  roleAssignmentsArb,
  rolesArb,
  simplePipeline,
  STAGE_IDS,
  STRANGER,
  USERS,
  visibilityPrincipalArb,
} from './arbitraries.js';

type Bag = Record<string, unknown>;

/** One entity type's service with loose input types, so that contacts and deals run through one code path. */
interface Service {
  create(input: Bag): Promise<StoredRecord>;
  get(id: string): Promise<StoredRecord | null>;
  find(query?: CrmQuery): Promise<Page<StoredRecord>>;
  count(query?: CrmQuery): Promise<number>;
  stream(query?: CrmQuery): AsyncIterable<StoredRecord>;
  update(id: string, patch: Bag, options: WriteOptions): Promise<StoredRecord>;
  delete(id: string, options: WriteOptions): Promise<void>;
}

function serviceOf(session: CrmSession, kind: Kind): Service {
  if (kind === 'contact') {
    const contacts = session.contacts;
    return {
      create: (input) => contacts.create(input),
      get: (id) => contacts.get(id),
      find: (query) => contacts.find(query),
      count: (query) => contacts.count(query),
      stream: (query) => contacts.stream(query),
      update: (id, patch, options) => contacts.update(id, patch, options),
      delete: (id, options) => contacts.delete(id, options),
    };
  }
  const deals = session.deals;
  return {
    // A bag may lack the title: the schema decides, as it would for a caller's JSON.
    create: (input) => deals.create(input as unknown as DealInput),
    get: (id) => deals.get(id),
    find: (query) => deals.find(query),
    count: (query) => deals.count(query),
    stream: (query) => deals.stream(query),
    update: (id, patch, options) => deals.update(id, patch, options),
    delete: (id, options) => deals.delete(id, options),
  };
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

async function outcomeOf<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

function errorCode(outcome: Outcome<unknown>): string {
  if (outcome.ok) return 'no error';
  return isCrmError(outcome.error) ? outcome.error.code : 'not a crm-kit error';
}

/** An id generator that remembers every id it hands out, so that the raw reader can look at all of them. */
function recordingIds(): { ids: IdGenerator; issued: { kind: string; id: string }[] } {
  const inner = sequentialIds();
  const issued: { kind: string; id: string }[] = [];
  return {
    issued,
    ids: {
      next(entityType) {
        const id = inner.next(entityType);
        issued.push({ kind: entityType, id });
        return id;
      },
    },
  };
}

interface World {
  readonly store: MemoryStore;
  readonly crm: Crm;
  readonly clock: ManualClock;
  readonly issued: readonly { kind: string; id: string }[];
}

function makeWorld(options: { policy: AccessPolicy; pipelines?: readonly Pipeline[]; fields?: CrmFieldRegistries; maxPageSize?: number }): World {
  const store = createMemoryStore(options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize });
  const clock = manualClock('2026-03-01T10:00:00Z');
  const { ids, issued } = recordingIds();
  const crm = createCrm({
    store,
    clock,
    ids,
    access: options.policy,
    ...(options.pipelines === undefined ? {} : { pipelines: { deal: options.pipelines } }),
    ...(options.fields === undefined ? {} : { fields: options.fields }),
  });
  return { store, crm, clock, issued };
}

function idsOf(world: World, kind: Kind): string[] {
  return world.issued.filter((entry) => entry.kind === kind).map((entry) => entry.id);
}

/** Every record the store really holds under an issued id, and the whole event log, through the raw readers. */
interface Snapshot {
  readonly records: ReadonlyMap<string, StoredRecord | null>;
  readonly events: readonly LoggedEvent[];
}

const keyOf = (kind: Kind, id: string): string => `${kind}:${id}`;

function snapshot(world: World): Snapshot {
  const records = new Map<string, StoredRecord | null>();
  // An id handed out to a call that was then refused holds nothing: only stored records count.
  for (const kind of KINDS) {
    for (const id of idsOf(world, kind)) {
      const stored = world.store.inspect(kind, id);
      if (stored !== null) records.set(keyOf(kind, id), stored);
    }
  }
  return { records, events: world.store.inspectEvents() };
}

function withoutKey(records: ReadonlyMap<string, StoredRecord | null>, key: string): Map<string, StoredRecord | null> {
  const out = new Map(records);
  out.delete(key);
  return out;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

/** The order the store promises: each sort key in turn, then `id` ascending (code units). */
function compareRecords(sort: readonly SortKey[], a: StoredRecord, b: StoredRecord): number {
  const valueOf = (record: StoredRecord, field: string): string | number => {
    const value = (record as unknown as Bag)[field];
    return value instanceof Date ? value.getTime() : String(value);
  };
  for (const { field, direction } of sort) {
    const [x, y] = [valueOf(a, field), valueOf(b, field)];
    if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// 1. Reads agree with permissions.

const seededRecordArb = fc.record({
  kind: fc.constantFrom<Kind>(...KINDS),
  assignedById: fc.constantFrom(...USERS, STRANGER),
  opened: fc.boolean(),
  pipelineId: fc.constantFrom('p0', 'p1'),
});

/** Records an administrator creates, for anyone, opened or not, in either pipeline. */
async function seed(world: World, records: readonly { kind: Kind; assignedById: string; opened: boolean; pipelineId: string }[]): Promise<void> {
  const admin = world.crm.as(ADMIN);
  for (const { kind, assignedById, opened, pipelineId } of records) {
    await serviceOf(admin, kind).create(kind === 'contact' ? { firstName: 'Ana', assignedById, opened } : { title: 'Deal', assignedById, opened, pipelineId });
  }
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. Writes by random callers.

const FLAWS = ['none', 'unknownKey', 'badValue', 'badCustomType', 'missingRequired'] as const;
type Flaw = (typeof FLAWS)[number];
/** Mostly valid input, so that writes get through as often as they are refused. */
function flawArb<F extends string>(flaws: readonly F[]): fc.Arbitrary<Flaw | F> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant('none' as const) }, { weight: 2, arbitrary: fc.constantFrom<Flaw | F>(...FLAWS, ...flaws) });
}
/** `shown` is visible to everyone, `secret` only to department d0; `ghost` is defined by no registry. */
const WRITE_CODES = ['shown', 'secret', 'ghost'] as const;
const writeCodesArb = fc.oneof({ weight: 3, arbitrary: fc.subarray(['shown']) }, { weight: 1, arbitrary: fc.subarray([...WRITE_CODES]) });

interface CreateCommand {
  readonly kind: 'create';
  readonly type: Kind;
  readonly who: number;
  readonly assignee: string | undefined;
  readonly opened: boolean | undefined;
  readonly pipelineId: string | undefined;
  readonly stageId: string | undefined;
  readonly custom: readonly string[];
  readonly flaw: Flaw;
}
interface UpdateCommand {
  readonly kind: 'update';
  readonly type: Kind;
  readonly who: number;
  readonly target: number;
  readonly shift: number;
  readonly assignee: string | undefined;
  readonly opened: boolean | undefined;
  readonly custom: readonly string[];
  readonly clear: readonly string[];
  readonly flaw: Flaw | 'stageInPatch';
}
interface MoveCommand {
  readonly kind: 'move';
  readonly type: 'deal';
  readonly who: number;
  readonly target: number;
  readonly shift: number;
  readonly stageId: string;
  readonly lossReasonId: string | undefined;
}
interface DeleteCommand {
  readonly kind: 'delete';
  readonly type: Kind;
  readonly who: number;
  readonly target: number;
  readonly shift: number;
}
type Command = CreateCommand | UpdateCommand | MoveCommand | DeleteCommand;

const whoArb = fc.nat({ max: 5 }); // an index into principalsOf(...): four users, an outsider, the administrator
const kindArb = fc.constantFrom<Kind>(...KINDS);
const shiftArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -2, max: 2 }) });
const assigneeArb = fc.option(fc.constantFrom(...USERS, STRANGER), { nil: undefined, freq: 3 });
const openedArb = fc.option(fc.boolean(), { nil: undefined });

const createArb: fc.Arbitrary<CreateCommand> = fc.record({
  kind: fc.constant('create' as const),
  type: kindArb,
  who: whoArb,
  assignee: assigneeArb,
  opened: openedArb,
  pipelineId: fc.option(fc.constantFrom('p0', 'p1', 'p-nope'), { nil: undefined }),
  stageId: fc.option(fc.constantFrom(...STAGE_IDS, 'NOPE'), { nil: undefined }),
  custom: writeCodesArb,
  flaw: flawArb([]),
});

function updateArb(shift: fc.Arbitrary<number>, flaw: fc.Arbitrary<Flaw | 'stageInPatch'>): fc.Arbitrary<UpdateCommand> {
  return fc.record({
    kind: fc.constant('update' as const),
    type: kindArb,
    who: whoArb,
    target: fc.nat(),
    shift,
    assignee: assigneeArb,
    opened: openedArb,
    custom: writeCodesArb,
    clear: writeCodesArb,
    flaw,
  });
}

function moveArb(shift: fc.Arbitrary<number>): fc.Arbitrary<MoveCommand> {
  return fc.record({
    kind: fc.constant('move' as const),
    type: fc.constant('deal' as const),
    who: whoArb,
    target: fc.nat(),
    shift,
    stageId: fc.constantFrom(...STAGE_IDS, 'NOPE'),
    lossReasonId: fc.option(fc.constant('PRICE'), { nil: undefined, freq: 4 }),
  });
}

function deleteArb(shift: fc.Arbitrary<number>): fc.Arbitrary<DeleteCommand> {
  return fc.record({ kind: fc.constant('delete' as const), type: kindArb, who: whoArb, target: fc.nat(), shift });
}

function customValues(codes: readonly string[], tag: string): Bag {
  return Object.fromEntries(codes.map((code) => [code, `${code}:secret:${tag}`]));
}

function createInput(command: CreateCommand): Bag {
  const input: Bag = command.type === 'contact' ? { firstName: 'Ana', lastName: 'García' } : { title: 'Boilers' };
  if (command.assignee !== undefined) input.assignedById = command.assignee;
  if (command.opened !== undefined) input.opened = command.opened;
  if (command.type === 'deal') {
    if (command.pipelineId !== undefined) input.pipelineId = command.pipelineId;
    if (command.stageId !== undefined) input.stageId = command.stageId;
  }
  if (command.custom.length > 0) input.custom = customValues(command.custom, 'create');
  applyFlaw(input, command.type, command.flaw, 'input');
  return input;
}

function updatePatch(command: UpdateCommand): Bag {
  const patch: Bag = command.type === 'contact' ? { position: 'CFO' } : { comments: 'called back' };
  if (command.assignee !== undefined) patch.assignedById = command.assignee;
  if (command.opened !== undefined) patch.opened = command.opened;
  if (command.custom.length > 0 || command.clear.length > 0) {
    patch.custom = { ...Object.fromEntries(command.clear.map((code) => [code, null])), ...customValues(command.custom, 'update') };
  }
  if (command.flaw === 'stageInPatch') {
    if (command.type === 'deal') patch.stageId = 'p0-WON';
    else patch.nickname = 'Ani';
  } else {
    applyFlaw(patch, command.type, command.flaw, 'patch');
  }
  return patch;
}

/** Spoils a valid input or patch in one way the schemas must refuse. */
function applyFlaw(input: Bag, kind: Kind, flaw: Flaw, form: 'input' | 'patch'): void {
  switch (flaw) {
    case 'none':
      return;
    case 'unknownKey':
      input.nickname = 'Ani';
      return;
    case 'badValue':
      if (kind === 'contact') input.emails = [{ value: 'not an e-mail', kind: 'work' }];
      else input.probability = 500;
      return;
    case 'badCustomType':
      input.custom = { ...(input.custom as Bag | undefined), shown: 42 };
      return;
    case 'missingRequired':
      if (kind === 'contact') input.emails = [{ kind: 'work' }];
      else if (form === 'input') Reflect.deleteProperty(input, 'title');
      else input.title = null;
      return;
  }
}

/** The id a command aims at: one of the ids issued for its type (deleted ones included), or one that never existed. */
function targetOf(world: World, kind: Kind, index: number): string {
  const ids = idsOf(world, kind);
  return ids.length === 0 ? 'no-such-id' : (ids[index % ids.length] ?? 'no-such-id');
}

/** Every writer sees `shown`; only members of department d0 see `secret`. */
const SHOWN: FieldDefinition = { type: 'string', code: 'shown', labels: { en: 'Shown' } };
const SECRET: FieldDefinition = { type: 'string', code: 'secret', labels: { en: 'Secret' }, visibility: { restrictedTo: { departmentIds: ['d0'] } } };

function writeRegistries(): CrmFieldRegistries {
  return {
    contact: createFieldRegistry('contact', { customFields: [SHOWN, SECRET] }),
    deal: createFieldRegistry('deal', { customFields: [SHOWN, SECRET] }),
  };
}

/** What a command did: the id and version it aimed at (none for a create) and what it returned or threw. */
interface Ran {
  readonly id: string | undefined;
  readonly expectedVersion: number | undefined;
  readonly outcome: Outcome<StoredRecord | undefined>;
}

async function runCommand(world: World, principals: readonly Principal[], command: Command): Promise<Ran> {
  const who = principals[command.who % principals.length] ?? ADMIN;
  const session = world.crm.as(who);
  world.clock.advance({ minutes: 1 });
  if (command.kind === 'create') {
    const outcome = await outcomeOf(() => serviceOf(session, command.type).create(createInput(command)));
    return { id: undefined, expectedVersion: undefined, outcome };
  }
  const id = targetOf(world, command.type, command.target);
  const stored = world.store.inspect(command.type, id);
  const expectedVersion = (stored?.version ?? 1) + command.shift;
  const options = { expectedVersion };
  const service = serviceOf(session, command.type);
  let outcome: Outcome<StoredRecord | undefined>;
  switch (command.kind) {
    case 'update':
      outcome = await outcomeOf(() => service.update(id, updatePatch(command), options));
      break;
    case 'move':
      outcome = await outcomeOf(() =>
        session.deals.moveToStage(id, command.stageId, command.lossReasonId === undefined ? options : { ...options, lossReasonId: command.lossReasonId }),
      );
      break;
    case 'delete':
      outcome = await outcomeOf(async () => {
        await service.delete(id, options);
        return undefined;
      });
      break;
  }
  return { id, expectedVersion, outcome };
}

const EVENT_TYPES: Readonly<Record<Command['kind'], readonly string[]>> = {
  create: ['created'],
  update: ['updated'],
  move: ['movedToIntermediate', 'movedToFinal'],
  delete: ['deleted'],
};

// ---------------------------------------------------------------------------------------------

// Each run builds a whole CRM and runs a few dozen calls through it: the default 5 s per test is
// tight for a loaded 2-core CI runner, though a test takes 1–3 s there.
describe('createCrm properties', { timeout: 30_000 }, () => {
  it('find (every page, in order), count, stream and get return exactly the stored records can() lets the principal read', async () => {
    await fc.assert(
      fc.asyncProperty(
        orgChartArb,
        rolesArb(),
        roleAssignmentsArb,
        fc.array(seededRecordArb, { maxLength: 12 }),
        claimedDepartmentsArb,
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.constantFrom<SortKey[] | undefined>(
          undefined,
          [{ field: 'assignedById', direction: 'asc' }],
          [{ field: 'assignedById', direction: 'desc' }],
          [{ field: 'createdAt', direction: 'desc' }],
        ),
        async (chart, roles, roleIdsOf, seeded, claimed, maxPageSize, limitPick, sort) => {
          const policy = createAccessPolicy({ roles, orgChart: chart });
          const world = makeWorld({ policy, pipelines: PIPELINES, maxPageSize });
          await seed(world, seeded);
          const limit = 1 + (limitPick % maxPageSize);

          for (const who of principalsOf(chart, roleIdsOf, claimed)) {
            for (const kind of KINDS) {
              const service = serviceOf(world.crm.as(who), kind);
              const all = idsOf(world, kind);
              const readable = all.filter((id) => {
                const record = world.store.inspect(kind, id);
                return record !== null && can(policy, who, 'read', kind, record);
              });

              if (!can(policy, who, 'read', kind)) {
                // No level at all: the list calls are refused outright, and nothing is readable.
                expect(readable).toEqual([]);
                expect(errorCode(await outcomeOf(() => service.find({ limit })))).toBe('FORBIDDEN');
                expect(errorCode(await outcomeOf(() => service.count()))).toBe('FORBIDDEN');
                expect(errorCode(await outcomeOf(() => collect(service.stream())))).toBe('FORBIDDEN');
              } else {
                const paged: string[] = [];
                let cursor: string | undefined;
                for (let pages = 0; pages <= all.length + 1; pages += 1) {
                  const page = await service.find({ limit, ...(sort === undefined ? {} : { sort }), ...(cursor === undefined ? {} : { cursor }) });
                  expect(page.items.length).toBeLessThanOrEqual(limit);
                  paged.push(...page.items.map((record) => record.id));
                  cursor = page.nextCursor;
                  if (cursor === undefined) break;
                }
                expect(cursor).toBeUndefined();
                const inOrder = readable
                  .map((id) => world.store.inspect(kind, id))
                  .filter((record) => record !== null)
                  .sort((a, b) => compareRecords(sort ?? [], a, b))
                  .map((record) => record.id);
                expect(paged).toEqual(inOrder);
                expect(await service.count()).toBe(readable.length);
                expect((await collect(service.stream(sort === undefined ? {} : { sort }))).map((record) => record.id)).toEqual(inOrder);
              }

              for (const id of [...all, 'no-such-id']) {
                const got = await service.get(id);
                expect(got !== null, `${who.userId} get ${kind} ${id}`).toBe(readable.includes(id));
                if (got !== null) expect(got.id).toBe(id);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('no record returned by create, get, find, stream, update or moveToStage carries a custom value the principal cannot see, and their writes leave hidden values as they were', async () => {
    const CODES = ['f0', 'f1', 'f2', 'f3'] as const;
    const opArb = fc.record({
      who: fc.nat({ max: 3 }),
      op: fc.constantFrom('create', 'get', 'find', 'stream', 'update', 'move'),
      kind: kindArb,
      target: fc.nat(),
      custom: fc.subarray([...CODES]),
      clear: fc.subarray([...CODES]),
      stageId: fc.constantFrom(...DEFAULT_DEAL_PIPELINE.stages.map((stage) => stage.id)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...CODES.map(customFieldArb)),
        fc.tuple(...CODES.map(customFieldArb)),
        fc.array(visibilityPrincipalArb, { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        async (contactFields, dealFields, people, seedCount, ops) => {
          // Everybody may do everything with contacts and deals: only field visibility hides anything.
          const everything = { read: 'all', add: 'all', update: 'all', delete: 'all' } as const;
          const policy = createAccessPolicy({
            roles: [{ id: 'crm-user', name: 'CRM user', permissions: { contact: everything, deal: everything } }],
            orgChart: { departments: DEPARTMENTS.map((id) => ({ id, name: id })) },
          });
          const registries = {
            contact: createFieldRegistry('contact', { customFields: contactFields }),
            deal: createFieldRegistry('deal', { customFields: dealFields }),
          };
          const world = makeWorld({ policy, fields: registries });
          const principals = people.map((p) => ({ ...p, roleIds: [...p.roleIds, 'crm-user'] }));

          const admin = world.crm.as(ADMIN);
          for (let n = 0; n < seedCount; n += 1) {
            const custom = customValues(CODES, `seed${n}`);
            await admin.contacts.create({ firstName: 'Ana', custom });
            await admin.deals.create({ title: 'Deal', amount: { amount: '100', currency: 'EUR' }, custom });
          }

          const checkReturned = (who: Principal, kind: Kind, record: StoredRecord): void => {
            const registry = registries[kind];
            const visible = new Set(listVisibleFields(registry, who).map((definition) => definition.code));
            const stored = world.store.inspect(kind, record.id);
            expect(stored).not.toBeNull();
            const expected = Object.fromEntries(Object.entries(stored?.custom ?? {}).filter(([code]) => visible.has(code)));
            expect(Object.keys(record.custom).filter((code) => !visible.has(code))).toEqual([]);
            expect({ ...record.custom }).toEqual(expected);
            const text = JSON.stringify(record);
            for (const code of CODES) if (!visible.has(code)) expect(text).not.toContain(`${code}:secret`);
          };

          for (const [index, op] of ops.entries()) {
            const who = principals[op.who % principals.length] ?? ADMIN;
            const session = world.crm.as(who);
            const kind: Kind = op.op === 'move' ? 'deal' : op.kind;
            const service = serviceOf(session, kind);
            const visible = new Set(listVisibleFields(registries[kind], who).map((definition) => definition.code));
            // Writes name only fields the caller can see: a hidden one is refused (another property's business).
            const custom = customValues(
              op.custom.filter((code) => visible.has(code)),
              `op${index}`,
            );
            const cleared = Object.fromEntries(op.clear.filter((code) => visible.has(code)).map((code) => [code, null]));
            const id = targetOf(world, kind, op.target);
            const before = world.store.inspect(kind, id);
            const returned: StoredRecord[] = [];
            switch (op.op) {
              case 'create':
                returned.push(
                  await service.create(kind === 'contact' ? { firstName: 'Leo', custom } : { title: 'New deal', amount: { amount: '5', currency: 'EUR' }, custom }),
                );
                break;
              case 'get': {
                const got = await service.get(id);
                if (got !== null) returned.push(got);
                break;
              }
              case 'find':
                returned.push(...(await service.find()).items);
                break;
              case 'stream':
                returned.push(...(await collect(service.stream())));
                break;
              case 'update':
                if (before !== null) returned.push(await service.update(id, { custom: { ...cleared, ...custom } }, { expectedVersion: before.version }));
                break;
              case 'move':
                if (before !== null && (before as unknown as Bag).stageId !== op.stageId) {
                  returned.push(await session.deals.moveToStage(id, op.stageId, { expectedVersion: before.version }));
                }
                break;
            }
            for (const record of returned) checkReturned(who, kind, record);
            if ((op.op === 'update' || op.op === 'move') && before !== null) {
              // What the caller cannot see, their write leaves as it was.
              const hidden = (record: StoredRecord | null): [string, unknown][] =>
                Object.entries(record?.custom ?? {}).filter(([code]) => !visible.has(code));
              expect(hidden(world.store.inspect(kind, id))).toEqual(hidden(before));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a refused call throws a crm-kit error and leaves every record and the event log as they were; a call that succeeds was allowed and appends exactly its one event', async () => {
    const commandArb: fc.Arbitrary<Command> = fc.oneof(
      { weight: 3, arbitrary: createArb },
      { weight: 3, arbitrary: updateArb(shiftArb, flawArb(['stageInPatch'])) },
      { weight: 2, arbitrary: moveArb(shiftArb) },
      { weight: 1, arbitrary: deleteArb(shiftArb) },
    );
    await fc.assert(
      fc.asyncProperty(
        orgChartArb,
        fc.boolean().chain((permissive) => rolesArb(permissive)),
        roleAssignmentsArb,
        fc.array(seededRecordArb, { maxLength: 4 }),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        async (chart, roles, roleIdsOf, seeded, commands) => {
          const policy = createAccessPolicy({ roles, orgChart: chart });
          const world = makeWorld({ policy, pipelines: PIPELINES, fields: writeRegistries() });
          const principals = principalsOf(chart, roleIdsOf);
          await seed(world, seeded);

          for (const command of commands) {
            const before = snapshot(world);
            const ran = await runCommand(world, principals, command);
            const { outcome } = ran;
            const after = snapshot(world);
            const who = principals[command.who % principals.length] ?? ADMIN;

            if (!outcome.ok) {
              expect(isCrmError(outcome.error), String(outcome.error)).toBe(true);
              expect(after.events).toEqual(before.events);
              expect(after.records).toEqual(before.records);
              continue;
            }

            const id = command.kind === 'create' ? outcome.value?.id : ran.id;
            const changed = keyOf(command.type, id ?? '');
            expect(after.events.slice(0, before.events.length)).toEqual(before.events);
            expect(after.events).toHaveLength(before.events.length + 1);
            const event = after.events.at(-1);
            expect(event).toMatchObject({ entityType: command.type, entityId: id, byId: who.userId });
            expect(EVENT_TYPES[command.kind]).toContain(event?.type);
            expect(withoutKey(after.records, changed)).toEqual(withoutKey(before.records, changed));
            const was = before.records.get(changed) ?? null;
            const now = after.records.get(changed) ?? null;
            // What got through was allowed: the raw records before and after against can().
            const allowed = (action: AccessAction, record: StoredRecord | null): boolean => record !== null && can(policy, who, action, command.type, record);
            if (command.kind === 'create') {
              expect(was).toBeNull();
              expect(now).toMatchObject({ version: 1, createdById: who.userId, assignedById: command.assignee ?? who.userId });
              expect(allowed('add', now)).toBe(true);
            } else {
              expect(allowed('read', was)).toBe(true);
              expect(ran.expectedVersion).toBe(was?.version);
              if (command.kind === 'delete') {
                expect(allowed('delete', was)).toBe(true);
                expect(now).toBeNull();
              } else {
                expect(allowed('update', was)).toBe(true);
                if (now?.assignedById !== was?.assignedById) expect(allowed('update', now)).toBe(true);
                expect(now?.version).toBe((was?.version ?? Number.NaN) + 1);
                if (command.kind === 'move') expect((now as unknown as Bag | null)?.stageId).toBe(command.stageId);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every successful write bumps the version by exactly 1; a write expecting another version fails with VERSION_CONFLICT (NOT_FOUND when the record cannot be read, FORBIDDEN when it can be read but not changed) and stores nothing', async () => {
    const staleShift = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) });
    const commandArb: fc.Arbitrary<UpdateCommand | MoveCommand | DeleteCommand> = fc.oneof(
      { weight: 3, arbitrary: updateArb(staleShift, fc.constant('none')).map((command) => ({ ...command, assignee: undefined, custom: [], clear: [] })) },
      { weight: 2, arbitrary: moveArb(staleShift) },
      { weight: 1, arbitrary: deleteArb(staleShift) },
    );
    await fc.assert(
      fc.asyncProperty(
        orgChartArb,
        rolesArb(true),
        roleAssignmentsArb,
        fc.array(seededRecordArb, { minLength: 1, maxLength: 5 }),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        async (chart, roles, roleIdsOf, seeded, commands) => {
          const policy = createAccessPolicy({ roles, orgChart: chart });
          const world = makeWorld({ policy, pipelines: PIPELINES });
          const principals = principalsOf(chart, roleIdsOf);
          await seed(world, seeded);
          // How many writes each record has taken: its version must always be one more.
          const writes = new Map<string, number>();

          for (const command of commands) {
            const who = principals[command.who % principals.length] ?? ADMIN;
            const id = targetOf(world, command.type, command.target);
            const stored = world.store.inspect(command.type, id);
            const before = snapshot(world);
            const expectedVersion = Math.max(1, (stored?.version ?? 1) + command.shift);
            const { outcome } = await runCommand(world, principals, { ...command, shift: expectedVersion - (stored?.version ?? 1) });
            const after = snapshot(world);
            const key = keyOf(command.type, id);

            const action: AccessAction = command.kind === 'delete' ? 'delete' : 'update';
            if (stored?.version !== expectedVersion) {
              const expected =
                stored === null || !can(policy, who, 'read', command.type, stored)
                  ? 'NOT_FOUND'
                  : can(policy, who, action, command.type, stored)
                    ? 'VERSION_CONFLICT'
                    : 'FORBIDDEN';
              expect(errorCode(outcome), `${command.kind} by ${who.userId}`).toBe(expected);
              expect(after).toEqual(before);
              continue;
            }
            if (!outcome.ok) {
              expect(after).toEqual(before);
              continue;
            }
            writes.set(key, (writes.get(key) ?? 0) + 1);
            const now = world.store.inspect(command.type, id);
            if (command.kind === 'delete') {
              expect(now).toBeNull();
            } else {
              expect(now?.version).toBe(stored.version + 1);
              expect(outcome.value?.version).toBe(stored.version + 1);
              expect(now?.version).toBe(1 + (writes.get(key) ?? 0));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stageGroup filters partition the deals: each eq count is the number of deals whose stage maps to the group, they sum to the total, and ne is the total minus eq', async () => {
    // A second pipeline, p1 (the one roles may give other deal levels); it may reuse a stage id of
    // the default pipeline, in the same group.
    const customPipelineArb = fc
      .record({ processes: fc.integer({ min: 1, max: 3 }), failures: fc.integer({ min: 0, max: 2 }), share: fc.subarray(['NEW', 'WON', 'LOST'] as const) })
      .map(({ processes, failures, share }) => {
        const stages = [
          ...Array.from({ length: processes }, (_, i) => ({ id: i === 0 && share.includes('NEW') ? 'NEW' : `V-P${i}`, semantic: 'process' })),
          { id: share.includes('WON') ? 'WON' : 'V-WON', semantic: 'success' },
          ...Array.from({ length: failures }, (_, i) => ({ id: i === 0 && share.includes('LOST') ? 'LOST' : `V-F${i}`, semantic: 'failure' })),
        ];
        return unwrap(
          checkPipeline({
            id: 'p1',
            entityType: 'deal',
            name: 'Second',
            stages: stages.map((stage, i) => ({ ...stage, name: stage.id, sort: i, color: '#abcdef' })),
          }),
        );
      });
    const dealArb = fc.record({
      pipeline: fc.nat({ max: 1 }),
      stagePick: fc.nat(),
      movePick: fc.option(fc.nat(), { nil: undefined }),
      assignedById: fc.constantFrom(...USERS),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(simplePipeline('alt'), DEFAULT_DEAL_PIPELINE).chain((first) => customPipelineArb.map((second) => [first, second] as const)),
        fc.array(dealArb, { maxLength: 15 }),
        orgChartArb,
        rolesArb(),
        roleAssignmentsArb,
        async (pipelines, deals, chart, roles, roleIdsOf) => {
          const policy = createAccessPolicy({ roles, orgChart: chart });
          const world = makeWorld({ policy, pipelines });
          const admin = world.crm.as(ADMIN);
          for (const spec of deals) {
            const pipeline = pipelines[spec.pipeline] ?? pipelines[0];
            const stageAt = (pick: number): string => pipeline.stages[pick % pipeline.stages.length]?.id ?? '';
            const deal = await admin.deals.create({
              title: 'Deal',
              pipelineId: pipeline.id,
              stageId: stageAt(spec.stagePick),
              amount: { amount: '100', currency: 'EUR' },
              assignedById: spec.assignedById,
            });
            if (spec.movePick !== undefined && stageAt(spec.movePick) !== deal.stageId) {
              await admin.deals.moveToStage(deal.id, stageAt(spec.movePick), { expectedVersion: deal.version });
            }
          }
          const groupOf = (id: string): string | undefined => {
            const deal = world.store.inspect('deal', id) as unknown as { pipelineId: string; stageId: string } | null;
            const pipeline = pipelines.find((candidate) => candidate.id === deal?.pipelineId);
            return deal === null || pipeline === undefined ? undefined : getStageGroup(pipeline, deal.stageId);
          };

          for (const who of [ADMIN, ...principalsOf(chart, roleIdsOf).slice(0, 2)]) {
            if (!can(policy, who, 'read', 'deal')) continue;
            const me = world.crm.as(who);
            const readable = idsOf(world, 'deal').filter((id) => {
              const record = world.store.inspect('deal', id);
              return record !== null && can(policy, who, 'read', 'deal', record);
            });
            const total = await me.deals.count();
            expect(total).toBe(readable.length);
            let sum = 0;
            for (const group of STAGE_GROUPS) {
              const inGroup = readable.filter((id) => groupOf(id) === group);
              const eq = await me.deals.count({ where: [{ field: 'stageGroup', op: 'eq', value: group }] });
              const ne = await me.deals.count({ where: [{ field: 'stageGroup', op: 'ne', value: group }] });
              expect(eq, `eq ${group}`).toBe(inGroup.length);
              expect(ne, `ne ${group}`).toBe(total - eq);
              const streamed = await collect(me.deals.stream({ where: [{ field: 'stageGroup', op: 'eq', value: group }] }));
              expect(sorted(streamed.map((deal) => deal.id))).toEqual(sorted(inGroup));
              sum += eq;
            }
            expect(sum).toBe(total);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
