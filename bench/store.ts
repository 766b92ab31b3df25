// bench/store: what createCrm costs over the store it wraps. The issue asks for 100,000 contacts
// queried by a custom field and by stage group; contacts have no stage, so the workload is
// 100,000 contacts (queried by the custom field `tier`) and 100,000 deals spread over the stages
// of DEFAULT_DEAL_PIPELINE (queried by stage group). The subject creates and queries them through
// `crm.as(ana)`: a non-admin whose role reads all contacts and deals, in the department the
// restricted `tier` field is shown to, so validation, permission checks and projection all run.
// The reference writes the very records and events the crm stores, built by hand, straight
// through the bare memory store (a unit of work per record, like the crm), and asks the bare store
// the same queries over the same records, the stage group spelled as the stage ids it stands for.
// The ratios (crm time / bare time) are the cost of the application layer.
//
// Then two figures the rework of issue 9 targets: walking every page of a query through the crm
// at 10k / 100k / 200k deals against one `stream` of the same query (linear, not quadratic), and the
// heap a deal created through the crm holds with its event.
//
// npm run bench -- store [--rows 100000] [--queries 20] [--runs 3] [--walk 200000]   (or ROWS, QUERIES, RUNS, WALK)
import { isDeepStrictEqual } from 'node:util';
import {
  createAccessPolicy,
  createCrm,
  createFieldRegistry,
  DEFAULT_DEAL_PIPELINE,
  defineField,
  fixedClock,
  sequentialIds,
  listStagesInGroup,
} from 'crm-kit';
import type { ContactInput, CrmQuery, CrmSession, DealInput, FilterClause, NewEvent, Page, Principal, Query, StoredRecord } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';
import type { MemoryStore } from 'crm-kit/memory';
import { numberOption, report, seededRandom, timePairAsync } from './_harness.js';

const ROWS = numberOption('rows', 100_000);
const QUERIES = numberOption('queries', 20);
const RUNS = numberOption('runs', 3);
const WALK = numberOption('walk', 200_000);
const PAGE = 50;
const random = seededRandom(20260301);
const format = (n: number): string => n.toLocaleString('en-US');

// --- The CRM's configuration --------------------------------------------------------------------

const MADRID = ['u-leo', 'u-eva', 'u-max', 'u-sol'];
const LIMA = ['u-kai', 'u-ivy', 'u-noa', 'u-ted'];
const OWNERS = [...MADRID, ...LIMA];

const policy = createAccessPolicy({
  roles: [
    { id: 'manager', name: 'Sales manager', permissions: { contact: { read: 'all', add: 'all' }, deal: { read: 'all', add: 'all' } } },
    { id: 'rep', name: 'Sales rep', permissions: { contact: { read: 'department', add: 'own' }, deal: { read: 'department', add: 'own' } } },
  ],
  orgChart: {
    departments: [
      { id: 'sales', name: 'Sales', memberIds: ['u-ana'] },
      { id: 'madrid', name: 'Madrid', parentId: 'sales', memberIds: MADRID },
      { id: 'lima', name: 'Lima', parentId: 'sales', memberIds: LIMA },
    ],
  },
});
// Ana reads everything; Leo, an extra line, reads his department's records only.
const ana: Principal = { userId: 'u-ana', roleIds: ['manager'], departmentIds: ['sales'], isAdmin: false };
const leo: Principal = { userId: 'u-leo', roleIds: ['rep'], departmentIds: ['madrid'], isAdmin: false };

const TIERS = ['gold', 'silver', 'bronze'] as const;
const tier = defineField({
  type: 'enumeration',
  code: 'tier',
  labels: { en: 'Tier' },
  options: TIERS.map((id) => ({ id, labels: { en: id } })),
  visibility: { restrictedTo: { departmentIds: ['sales', 'madrid'] } },
});
const fields = { contact: createFieldRegistry('contact', { customFields: [tier] }) };
const AT = '2026-03-01T10:00:00Z';

// --- The workload: inputs made once, outside the timings ----------------------------------------

const FIRST = ['Ana', 'Luis', 'Marta', 'João', 'Chloé', 'Wei', 'Olu', 'Sven'];
const LAST = ['García', 'Pereira', 'Nakamura', 'Dubois', 'Okafor', 'Lindqvist', 'Haddad', 'Kowalski'];
// Four in-progress stages, won and lost: two deals in three are in progress.
const STAGES = DEFAULT_DEAL_PIPELINE.stages;

const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const contactInputs: ContactInput[] = Array.from({ length: ROWS }, (_, i) => ({
  firstName: pick(FIRST),
  lastName: pick(LAST),
  emails: [{ value: `contact${i}@example.com`, kind: 'work' }],
  assignedById: OWNERS[i % OWNERS.length] ?? 'u-ana',
  // One contact in ten is gold, so a first page of gold ones scans well into the table.
  custom: { tier: random() < 0.1 ? 'gold' : pick(TIERS.slice(1)) },
}));
const dealInputs: DealInput[] = Array.from({ length: ROWS }, (_, i) => ({
  title: `Deal ${i}`,
  stageId: STAGES[i % STAGES.length]?.id ?? 'NEW',
  // Proposal and negotiation need an amount; every deal gets one.
  amount: { amount: (100 + Math.floor(random() * 1_000_000) / 100).toFixed(2), currency: 'EUR' },
  assignedById: OWNERS[i % OWNERS.length] ?? 'u-ana',
}));

// --- Subject: through createCrm -----------------------------------------------------------------

function crmOver(store: MemoryStore): { ana: CrmSession; leo: CrmSession } {
  const crm = createCrm({ store, clock: fixedClock(AT), ids: sequentialIds(), access: policy, fields });
  return { ana: crm.as(ana), leo: crm.as(leo) };
}

async function createThroughCrm(store: MemoryStore, what: 'contacts' | 'deals' | 'both'): Promise<MemoryStore> {
  const { ana: me } = crmOver(store);
  if (what !== 'deals') for (const input of contactInputs) await me.contacts.create(input);
  if (what !== 'contacts') for (const input of dealInputs) await me.deals.create(input);
  return store;
}

// --- Reference: the bare memory store -----------------------------------------------------------

// What the crm stores, built by hand: its stamps, defaults and stage fields, with no checks.
function bag(values: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return { ...values };
}
const stageOf = new Map(STAGES.map((stage) => [stage.id, stage]));

async function createThroughStore(store: MemoryStore, what: 'contacts' | 'deals' | 'both'): Promise<MemoryStore> {
  const clock = fixedClock(AT);
  const ids = sequentialIds();
  const write = (entityType: 'contact' | 'deal', record: StoredRecord, data: Extract<NewEvent, { type: 'created' }>['data']) =>
    store.transaction(async (scope) => {
      await scope.repository(entityType).insert(record);
      const event: NewEvent = { type: 'created', entityType, entityId: record.id, at: record.createdAt, byId: record.createdById, data };
      await scope.events.append([event]);
    });
  const stamps = (entityType: string, at: Date) => ({
    id: ids.next(entityType),
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdById: ana.userId,
    updatedById: ana.userId,
  });
  if (what !== 'deals') {
    for (const input of contactInputs) {
      const at = clock.now();
      const record = { opened: false, exportable: true, ...input, assignedById: input.assignedById ?? ana.userId, custom: bag(input.custom), ...stamps('contact', at) };
      await write('contact', record, {});
    }
  }
  if (what !== 'contacts') {
    for (const input of dealInputs) {
      const at = clock.now();
      const stage = stageOf.get(input.stageId ?? 'NEW');
      if (stage === undefined) throw new Error(`no stage ${String(input.stageId)}`);
      const closed = stage.semantic !== 'process';
      const record = {
        amountIsManual: false,
        probabilityIsManual: false,
        opened: false,
        ...input,
        assignedById: input.assignedById ?? ana.userId,
        custom: bag(input.custom),
        pipelineId: DEFAULT_DEAL_PIPELINE.id,
        stageId: stage.id,
        closed,
        ...(closed ? { closedAt: at } : {}),
        ...(stage.probability === undefined ? {} : { probability: stage.probability }),
        isReturnCustomer: false,
        isRepeatedApproach: false,
        movedAt: at,
        movedById: ana.userId,
        ...stamps('deal', at),
      };
      await write('deal', record, { pipelineId: DEFAULT_DEAL_PIPELINE.id, stageId: stage.id, semantic: stage.semantic });
    }
  }
  return store;
}

// --- The queries, as a person asks them and as the bare store is asked them ---------------------

const GOLD: FilterClause = { field: 'custom.tier', op: 'eq', value: 'gold' };
const IN_PROGRESS: FilterClause = { field: 'stageGroup', op: 'eq', value: 'in-progress' };
// The stage group as the store sees it once the crm has rewritten it.
const IN_PROGRESS_STAGES: FilterClause = { field: 'stageId', op: 'in', value: listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'in-progress') };
// Won deals are a sixth of the table, so the store answers them through its stageId index, where
// in-progress ones (two thirds) are scanned.
const WON: FilterClause = { field: 'stageGroup', op: 'eq', value: 'won' };
const WON_STAGES: FilterClause = { field: 'stageId', op: 'in', value: listStagesInGroup(DEFAULT_DEAL_PIPELINE, 'won') };
// Leo's read scope, written out: his department's members (a 'department' level, nothing opened).
const LEO_SCOPE: Query['scope'] = { kind: 'restricted', assignedToAnyOf: [...MADRID].sort(), includeOpened: false };

interface QueryKind {
  readonly label: string;
  /** The calls each side makes, for the table. */
  readonly calls: readonly [crm: string, bare: string];
  readonly crm: (sessions: { ana: CrmSession; leo: CrmSession }) => Promise<readonly string[] | number>;
  readonly bare: (store: MemoryStore) => Promise<readonly string[] | number>;
}
const idsOf = (page: { readonly items: readonly { readonly id: string }[] }): readonly string[] => page.items.map((item) => item.id);
const firstPage = (where: FilterClause): CrmQuery => ({ where: [where], limit: PAGE });

const QUERY_KINDS: readonly QueryKind[] = [
  {
    label: `contacts, tier = gold, first ${PAGE}`,
    calls: ['crm.as(ana).contacts.find', "repository('contact').find"],
    crm: async (s) => idsOf(await s.ana.contacts.find(firstPage(GOLD))),
    bare: async (store) => idsOf(await store.repository('contact').find(firstPage(GOLD))),
  },
  {
    label: 'contacts, tier = gold, count',
    calls: ['crm.as(ana).contacts.count', "repository('contact').count"],
    crm: (s) => s.ana.contacts.count({ where: [GOLD] }),
    bare: (store) => store.repository('contact').count({ where: [GOLD] }),
  },
  {
    label: `deals, in progress, first ${PAGE}`,
    calls: ['crm.as(ana).deals.find', "repository('deal').find"],
    crm: async (s) => idsOf(await s.ana.deals.find(firstPage(IN_PROGRESS))),
    bare: async (store) => idsOf(await store.repository('deal').find(firstPage(IN_PROGRESS_STAGES))),
  },
  {
    label: 'deals, in progress, count',
    calls: ['crm.as(ana).deals.count', "repository('deal').count"],
    crm: (s) => s.ana.deals.count({ where: [IN_PROGRESS] }),
    bare: (store) => store.repository('deal').count({ where: [IN_PROGRESS_STAGES] }),
  },
  {
    label: `deals, won, first ${PAGE}`,
    calls: ['crm.as(ana).deals.find', "repository('deal').find"],
    crm: async (s) => idsOf(await s.ana.deals.find(firstPage(WON))),
    bare: async (store) => idsOf(await store.repository('deal').find(firstPage(WON_STAGES))),
  },
  {
    label: `Leo (department): gold contacts, first ${PAGE}`,
    calls: ['crm.as(leo).contacts.find', "repository('contact').find + scope"],
    crm: async (s) => idsOf(await s.leo.contacts.find(firstPage(GOLD))),
    bare: async (store) => idsOf(await store.repository('contact').find({ ...firstPage(GOLD), scope: LEO_SCOPE })),
  },
];

// --- What a deal costs in memory (first, in a heap nothing else has used yet) -------------------

{
  const size = Math.min(50_000, dealInputs.length);
  const before = heapMiB();
  const store = createMemoryStore();
  const me = crmOver(store).ana;
  for (const input of dealInputs.slice(0, size)) await me.deals.create(input);
  const held = (heapMiB() - before) * 2 ** 20;
  const json = dealInputs.slice(0, size).length === 0 ? 0 : JSON.stringify([store.inspect('deal', '1'), store.inspectEvents()[0]]).length;
  console.log(`\nheap held per deal created through the crm, with its event: ${format(Math.round(held / size))} bytes (its JSON: ${format(json)} bytes), over ${format(size)} deals`);
  if (store.inspect('deal', '1') === null) fail('the deals were not stored');
}

// --- Same results first ---------------------------------------------------------------------------

function fail(message: string): never {
  console.error(`results differ: ${message}`);
  process.exit(1);
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

// Every id a query finds, page by page. Not `stream`: through the crm it pages by the default
// limit of 50, and each memory-store page scans the whole table, so it is quadratic here.
async function allIds(page: (cursor: string | undefined) => Promise<Page<StoredRecord>>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const { items, nextCursor } = await page(cursor);
    for (const item of items) out.push(item.id);
    cursor = nextCursor;
  } while (cursor !== undefined);
  return out;
}
const pageOf = (where: FilterClause, cursor: string | undefined): CrmQuery => ({ where: [where], limit: 1000, ...(cursor === undefined ? {} : { cursor }) });

const started = performance.now();
const heapBefore = heapMiB();
const crmStore = await createThroughCrm(createMemoryStore(), 'both');
const heapOfCrmStore = heapMiB() - heapBefore;
const sessions = crmOver(crmStore);

// Both paths write the very same records and events, so the bare store would answer any query
// alike; the store written by hand is dropped once compared.
async function checkSameWrites(): Promise<number> {
  const heapBeforeBare = heapMiB();
  const bareStore = await createThroughStore(createMemoryStore(), 'both');
  const heapOfBareStore = heapMiB() - heapBeforeBare;
  for (const entityType of ['contact', 'deal'] as const) {
    for (let i = 1; i <= ROWS; i++) {
      const [ours, theirs] = [crmStore.inspect(entityType, String(i)), bareStore.inspect(entityType, String(i))];
      if (ours === null || !isDeepStrictEqual(ours, theirs)) fail(`${entityType} ${i}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
    }
  }
  if (!isDeepStrictEqual(crmStore.inspectEvents(), bareStore.inspectEvents())) fail('the event logs');
  for (const kind of QUERY_KINDS) {
    if (!isDeepStrictEqual(await kind.bare(bareStore), await kind.bare(crmStore))) fail(`${kind.label}, between the two stores`);
  }
  return heapOfBareStore;
}
const heapOfBareStore = await checkSameWrites();

// Every query answers alike (and finds something) through the crm and bare, and the counts agree
// with the inputs.
for (const kind of QUERY_KINDS) {
  const [ours, theirs] = [await kind.crm(sessions), await kind.bare(crmStore)];
  if (!isDeepStrictEqual(ours, theirs) || (Array.isArray(ours) && ours.length === 0)) fail(`${kind.label}: ${String(ours)} vs ${String(theirs)}`);
}
const gold = contactInputs.filter((input) => input.custom?.tier === 'gold').length;
const inProgress = dealInputs.filter((input) => stageOf.get(input.stageId ?? '')?.semantic === 'process').length;
if ((await sessions.ana.contacts.count({ where: [GOLD] })) !== gold) fail('the gold count is not the number of gold inputs');
if ((await sessions.ana.deals.count({ where: [IN_PROGRESS] })) !== inProgress) fail('the in-progress count is not the number of such inputs');

// The whole result sets, not only first pages; and the projection keeps the tier for Ana.
const [crmGold, bareGold] = [
  await allIds((cursor) => sessions.ana.contacts.find(pageOf(GOLD, cursor))),
  await allIds((cursor) => crmStore.repository('contact').find(pageOf(GOLD, cursor))),
];
const [crmOpen, bareOpen] = [
  await allIds((cursor) => sessions.ana.deals.find(pageOf(IN_PROGRESS, cursor))),
  await allIds((cursor) => crmStore.repository('deal').find(pageOf(IN_PROGRESS_STAGES, cursor))),
];
if (!isDeepStrictEqual(crmGold, bareGold) || crmGold.length !== gold) fail('all the gold contacts');
if (!isDeepStrictEqual(crmOpen, bareOpen) || crmOpen.length !== inProgress) fail('all the deals in progress');
const seen = await sessions.ana.contacts.find(firstPage(GOLD));
if (!seen.items.every((item) => item.custom.tier === 'gold')) fail('the projection hid the tier from a reader who may see it');

console.log(
  `identical results: ${format(ROWS)} contacts and ${format(ROWS)} deals stored alike (records and events); ` +
    `${format(gold)} gold contacts and ${format(inProgress)} deals in progress found alike by every query (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(`heap held by the filled store: ${heapOfCrmStore.toFixed(0)} MiB written through the crm, ${heapOfBareStore.toFixed(0)} MiB written bare`);

// --- Timings ------------------------------------------------------------------------------------

for (const [what, label] of [
  ['contacts', 'contacts.create'],
  ['deals', 'deals.create'],
] as const) {
  const [subject, reference] = await timePairAsync(
    { label: `crm.as(ana).${label}`, run: () => createThroughCrm(createMemoryStore(), what) },
    { label: 'bare store: transaction, insert, event', run: () => createThroughStore(createMemoryStore(), what) },
    RUNS,
    // A run is ROWS creates: the first one already lets the optimiser settle.
    1,
  );
  report(`store: create ${format(ROWS)} ${what}, each in its own unit of work`, ROWS, subject, reference, { unit: 'creates', ratio: 'cost' });
}

// Both kinds of query read the store the crm filled: records written by hand hold the same
// values but lay out their keys in another order, which alone moves a memory-store scan by tens
// of percent either way, and would be measured instead of the crm.
for (const kind of QUERY_KINDS) {
  const [subject, reference] = await timePairAsync(
    {
      label: kind.calls[0],
      run: async () => {
        for (let i = 0; i < QUERIES; i++) await kind.crm(sessions);
      },
    },
    {
      label: `bare ${kind.calls[1]}`,
      run: async () => {
        for (let i = 0; i < QUERIES; i++) await kind.bare(crmStore);
      },
    },
    RUNS,
  );
  report(`store: ${kind.label} — ${format(QUERIES)} queries over ${format(ROWS)} rows`, QUERIES, subject, reference, { unit: 'queries', ratio: 'cost' });
}
// --- Page walks: linear, whatever the size ----------------------------------------------------------

// Deals made as the crm makes them (createThroughCrm over the first `size` inputs would take
// minutes at 200k): the bare path's records and events, which the checks above found identical.
async function dealsStore(size: number): Promise<MemoryStore> {
  const store = createMemoryStore();
  const inputs = Array.from({ length: size }, (_, i) => dealInputs[i % dealInputs.length] ?? { title: `Deal ${i}` });
  // Swapped in place, element by element: spreading 200,000 arguments overflows the call stack.
  const saved = [...dealInputs];
  replaceAll(dealInputs, inputs);
  await createThroughStore(store, 'deals');
  replaceAll(dealInputs, saved);
  return store;
}

function replaceAll<T>(target: T[], items: readonly T[]): void {
  target.length = 0;
  for (const item of items) target.push(item);
}

console.log('\nstore: every deal in progress, page by page (crm.as(ana).deals.find, 1,000 a page) against one stream of the same query');
console.log(`${'deals'.padStart(10)}${'matches'.padStart(10)}${'pages ms'.padStart(12)}${'stream ms'.padStart(12)}${'ratio'.padStart(8)}${'rows/s paged'.padStart(16)}`);
for (const size of [10_000, 100_000, WALK].filter((n, i, all) => all.indexOf(n) === i && n <= WALK)) {
  const store = await dealsStore(size);
  const me = crmOver(store).ana;
  const pages = async (): Promise<number> => (await allIds((cursor) => me.deals.find(pageOf(IN_PROGRESS, cursor)))).length;
  const streamed = async (): Promise<number> => {
    let n = 0;
    for await (const deal of me.deals.stream({ where: [IN_PROGRESS], limit: 1000 })) if (deal.id !== '') n += 1;
    return n;
  };
  if ((await pages()) !== (await streamed())) fail(`the page walk and the stream of ${format(size)} deals`);
  const [paged, stream] = await timePairAsync({ label: 'pages', run: pages }, { label: 'stream', run: streamed }, RUNS, 1);
  const matches = await pages();
  console.log(
    `${format(size).padStart(10)}${format(matches).padStart(10)}${paged.medianMs.toFixed(0).padStart(12)}${stream.medianMs.toFixed(0).padStart(12)}${`${(paged.medianMs / stream.medianMs).toFixed(2)}×`.padStart(8)}${format(Math.round((matches / paged.medianMs) * 1000)).padStart(16)}`,
  );
}

console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
