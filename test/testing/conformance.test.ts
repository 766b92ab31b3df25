import { describe, expect, it } from 'vitest';
import { activitySchema, companySchema, ConflictError, contactSchema, dealSchema, isCrmError, leadSchema } from 'crm-kit';
import type { EventQuery, MatchKeyIndex, Page, Query, Repository, StoredRecord, StoreScope } from 'crm-kit';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { AGGREGATE_DEALS, OPERATOR_CONTACTS, OPERATOR_DEALS, RICH_RECORDS } from '../../src/testing/_internal/fixtures.js';
import type { ConformanceCase, TestRegistrar } from '../../src/testing/index.js';
import { modelBasedConformance, repositoryConformance, runConformance } from '../../src/testing/index.js';

const inspect = (store: MemoryStore, entityType: Parameters<MemoryStore['inspect']>[0], id: string): StoredRecord | null =>
  store.inspect(entityType, id);

function suiteFor(createStore: () => MemoryStore, skip?: readonly string[]): ConformanceCase[] {
  return repositoryConformance({ createStore, inspect, ...(skip === undefined ? {} : { skip }) });
}

function caseNamed(cases: readonly ConformanceCase[], name: string): ConformanceCase {
  const found = cases.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
}

/** A memory store whose repositories are replaced, one method at a time. */
function withRepository(change: (inner: Repository, store: MemoryStore) => Partial<Repository>): () => MemoryStore {
  return () => {
    const store = createMemoryStore();
    return { ...store, repository: (entityType) => ({ ...store.repository(entityType), ...change(store.repository(entityType), store) }) };
  };
}

describe('repositoryConformance', () => {
  it('names every case once, each under a suite', () => {
    const names = suiteFor(createMemoryStore).map((item) => item.name);
    expect(new Set(names).size).toBe(names.length);
    const suites = new Set(names.map((name) => name.slice(0, name.indexOf(':'))));
    expect([...suites].sort()).toEqual(['aggregate', 'capabilities', 'concurrency', 'count', 'crud', 'events', 'match-keys', 'operators', 'pagination', 'scope', 'sorting', 'stream', 'transactions']);
  });

  it('refuses a skip list naming a case or suite that does not exist', () => {
    const attempt = (): unknown => suiteFor(createMemoryStore, ['crud: get returns null for a missing id', 'crud: no such case']);
    expect(attempt).toThrow(/no such case/);
    try {
      attempt();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
    expect(() => suiteFor(createMemoryStore, ['transaction'])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses options without createStore or inspect', () => {
    expect(() => repositoryConformance({ createStore: createMemoryStore } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('keeps skipped cases in the list, marked, and they resolve to skipped without a store', async () => {
    let stores = 0;
    const cases = suiteFor(() => {
      stores += 1;
      return createMemoryStore();
    }, ['transactions', 'crud: get returns null for a missing id']);
    const skipped = cases.filter((item) => item.skipped).map((item) => item.name);
    expect(skipped).toContain('crud: get returns null for a missing id');
    expect(skipped.filter((name) => name.startsWith('transactions:'))).toHaveLength(cases.filter((item) => item.name.startsWith('transactions:')).length);
    expect(await caseNamed(cases, 'crud: get returns null for a missing id').run()).toEqual({ status: 'skipped', reason: 'named in the skip list' });
    expect(stores).toBe(0);
  });

  it('skips the cases a store does not declare the capabilities for, and runs the rest', async () => {
    const limited = (): MemoryStore => {
      const store = createMemoryStore();
      return {
        ...store,
        capabilities: { transactions: false, operators: ['eq', 'in'], customFieldFilters: false, multiFieldFilters: true, maxPageSize: 1000 },
      };
    };
    const outcomes = await Promise.all(suiteFor(limited).map(async (item) => [item.name, await item.run()] as const));
    const skipped = new Map(outcomes.filter(([, outcome]) => outcome.status === 'skipped').map(([name, outcome]) => [name, outcome]));
    expect(skipped.get('operators: contains on standard fields')).toEqual({ status: 'skipped', reason: 'the operator contains is not in capabilities.operators' });
    expect(skipped.get('operators: eq on custom fields')).toEqual({ status: 'skipped', reason: 'capabilities.customFieldFilters is false' });
    expect(skipped.has('operators: eq on multi-fields')).toBe(false);
    expect(skipped.get('transactions: a rejected transaction stores no write and no event, and rethrows')?.status).toBe('skipped');
    expect(skipped.has('crud: get returns null for a missing id')).toBe(false);
  });
});

describe('the suite catches a broken adapter', () => {
  const fails = async (createStore: () => MemoryStore, name: string): Promise<void> => {
    await expect(caseNamed(suiteFor(createStore), name).run()).rejects.toThrow();
  };

  it('whose update ignores the expected version', async () => {
    const ignoring = withRepository((inner) => ({
      update: async (record, _expected) => {
        const stored = await inner.get(record.id);
        return inner.update(record, stored?.version ?? 0);
      },
    }));
    await fails(ignoring, 'crud: update with a stale version fails with VERSION_CONFLICT and stores nothing');
  });

  it('whose insert overwrites a record before refusing the duplicate', async () => {
    const overwriting = withRepository((inner) => ({
      insert: async (record) => {
        if ((await inner.get(record.id)) === null) return inner.insert(record);
        await inner.delete(record.id);
        await inner.insert(record);
        throw new ConflictError('DUPLICATE_ID', 'exists');
      },
    }));
    await fails(overwriting, 'crud: inserting an existing id fails with DUPLICATE_ID and stores nothing');
  });

  it('whose get answers from a cache instead of what it stored', async () => {
    const forgetful = (): MemoryStore => {
      const store = createMemoryStore();
      return { ...store, inspect: () => null };
    };
    await fails(forgetful, 'crud: a contact is stored and read back unchanged');
  });

  it('whose cursor is an offset', async () => {
    const offsets = withRepository((inner) => ({
      find: async (query: Query): Promise<Page<StoredRecord>> => {
        const all: StoredRecord[] = [];
        for await (const record of inner.stream({ ...query, cursor: undefined })) all.push(record);
        const start = Number(query.cursor ?? '0');
        const end = start + (query.limit ?? 50);
        return { items: all.slice(start, end), ...(end < all.length ? { nextCursor: String(end) } : {}) };
      },
    }));
    await expect(caseNamed(suiteFor(offsets), 'pagination: pages hold at most limit records and the walk finds every record once').run()).resolves.toEqual({ status: 'passed' });
    await fails(offsets, 'pagination: walking by creation time neither repeats nor skips while others are inserted and deleted');
    await fails(offsets, 'pagination: walking in id order neither repeats nor skips while others are inserted and deleted');
    await fails(offsets, 'pagination: walking a descending multi-key sort with ties neither repeats nor skips while others change');
  });

  it('whose contains is case-sensitive', async () => {
    const sensitive = withRepository((inner) => ({
      find: async (query) => {
        const page = await inner.find(query);
        const clause = query.where?.[0];
        if (clause?.op !== 'contains') return page;
        return { ...page, items: page.items.filter((record) => JSON.stringify(record).includes(String(clause.value))) };
      },
    }));
    await fails(sensitive, 'operators: contains on standard fields');
  });

  it('whose transactions are not all or nothing', async () => {
    const leaky = (): MemoryStore => {
      const store = createMemoryStore();
      return { ...store, transaction: (work) => work({ ...store, transaction: (inner) => store.transaction(inner) }) };
    };
    await fails(leaky, 'transactions: a rejected transaction stores no write and no event, and rethrows');
    await fails(leaky, 'transactions: a write refused inside a transaction undoes the writes before it');
  });

  it('whose event log ignores the end of a time range', async () => {
    const open = (): MemoryStore => {
      const store = createMemoryStore();
      return { ...store, events: { ...store.events, read: ({ to: _to, ...query }: EventQuery) => store.events.read(query) } };
    };
    await fails(open, 'events: read by time range, from inclusive and to exclusive');
  });

  it('whose delete ignores the version, against the model', async () => {
    const careless = withRepository((inner) => ({ delete: (id) => inner.delete(id) }));
    await expect(modelBasedConformance({ createStore: careless, numRuns: 200, seed: 7 })[0]?.run()).rejects.toThrow(/seed/);
  });
});

describe('the match-keys suite', () => {
  const withKeys = (createStore: () => MemoryStore): ConformanceCase[] =>
    repositoryConformance({ createStore, inspect, inspectMatchKeys: (store, entityType, id) => store.inspectMatchKeys(entityType, id) });
  /** A memory store whose match keys, on itself and in its units, are changed by `change`. */
  const withIndex = (change: (inner: MatchKeyIndex, store: MemoryStore) => MatchKeyIndex): (() => MemoryStore) => () => {
    const store = createMemoryStore();
    const keys = (scope: StoreScope): MatchKeyIndex => {
      if (scope.matchKeys === undefined) throw new Error('the memory store keeps match keys');
      return change(scope.matchKeys, store);
    };
    return { ...store, matchKeys: keys(store), transaction: (work) => store.transaction((tx) => work({ ...tx, matchKeys: keys(tx) })) };
  };
  const fails = async (createStore: () => MemoryStore, name: string): Promise<void> => {
    await expect(caseNamed(withKeys(createStore), name).run()).rejects.toThrow();
  };

  it('is skipped for a store that does not declare matchKeys, and its raw-reader case without the reader', async () => {
    const undeclared = (): MemoryStore => {
      const store = createMemoryStore();
      return { ...store, capabilities: { ...store.capabilities, matchKeys: false } };
    };
    const outcomes = await Promise.all(suiteFor(undeclared).filter((item) => item.name.startsWith('match-keys:')).map((item) => item.run()));
    expect(outcomes.length).toBeGreaterThan(10);
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome)))).toEqual(new Set([JSON.stringify({ status: 'skipped', reason: 'capabilities.matchKeys is not true' })]));
    const raw = suiteFor(createMemoryStore).find((item) => item.name.startsWith('match-keys: what set stores is what the raw reader reads'));
    expect(await raw?.run()).toEqual({ status: 'skipped', reason: 'no inspectMatchKeys raw reader was given' });
  });

  it('catches an index that folds case', async () => {
    const folding = withIndex((inner) => ({
      set: (entityType, id, keys) => inner.set(entityType, id, keys.map((key) => key.toLowerCase())),
      lookup: async (entityType, keys) => {
        const hits = await inner.lookup(entityType, keys.map((key) => key.toLowerCase()));
        return hits.map((hit) => ({ id: hit.id, keys: keys.filter((key) => hit.keys.includes(key.toLowerCase())) }));
      },
    }));
    await fails(folding, 'match-keys: keys are exact: case, surrounding spaces and Unicode forms are not folded');
  });

  it("catches an index that matches keys as LIKE patterns", async () => {
    const held = new Map<string, readonly string[]>();
    const like = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.')}$`, 's');
    const patterns = withIndex((inner) => ({
      set: async (entityType, id, keys) => {
        held.set(`${entityType}/${id}`, keys);
        await inner.set(entityType, id, keys);
      },
      lookup: (entityType, keys) =>
        Promise.resolve(
          [...held]
            .filter(([name]) => name.startsWith(`${entityType}/`))
            .map(([name, own]) => ({ id: name.slice(entityType.length + 1), keys: keys.filter((key) => own.some((mine) => like(key).test(mine))) }))
            .filter((hit) => hit.keys.length > 0)
            .sort((a, b) => (a.id < b.id ? -1 : 1)),
        ),
    }));
    await fails(patterns, 'match-keys: any text a key may hold round-trips and never matches as a pattern');
  });

  it('catches a store whose delete removes the keys of the record', async () => {
    const clearing = (): MemoryStore => {
      const store = createMemoryStore();
      return {
        ...store,
        repository: (entityType) => ({
          ...store.repository(entityType),
          delete: async (id, expectedVersion) => {
            await store.repository(entityType).delete(id, expectedVersion);
            await store.matchKeys?.set(entityType, id, []);
          },
        }),
      };
    };
    await fails(clearing, "match-keys: deleting a record through its repository leaves its keys; clearing them is the caller's");
  });

  it('catches units of work whose keys bypass the unit', async () => {
    const bypassing = withIndex((_inner, store) => {
      if (store.matchKeys === undefined) throw new Error('the memory store keeps match keys');
      return store.matchKeys;
    });
    await fails(bypassing, 'match-keys: the keys a rejected unit of work set are all gone');
  });

  it('catches nested units of work that undo nothing', async () => {
    const unsaved = (): MemoryStore => {
      const store = createMemoryStore();
      return { ...store, transaction: (work) => store.transaction((tx) => work({ ...tx, transaction: (inner) => inner(tx) })) };
    };
    await fails(unsaved, 'match-keys: a rejected nested unit of work undoes only its own key writes');
  });

  it('catches a raw reader that finds nothing stored', async () => {
    const empty = (): MemoryStore => ({ ...createMemoryStore(), inspectMatchKeys: () => [] });
    await fails(empty, 'match-keys: what set stores is what the raw reader reads, and a unit of work stores its keys only when it resolves');
  });
});

describe('runConformance', () => {
  const item = (name: string, skipped: boolean, outcome: Awaited<ReturnType<ConformanceCase['run']>>): ConformanceCase => ({
    name,
    skipped,
    run: () => Promise.resolve(outcome),
  });
  const cases = [
    item('a: runs', false, { status: 'passed' }),
    item('b: listed', true, { status: 'skipped', reason: 'named in the skip list' }),
    item('c: not declared', false, { status: 'skipped', reason: 'no transactions' }),
  ];

  it('registers one test per case, listed ones with test.skip, and marks capability skips through the context', async () => {
    const registered: [string, string][] = [];
    const bodies = new Map<string, (...context: readonly unknown[]) => Promise<void>>();
    const test = Object.assign(
      (name: string, body: (...context: readonly unknown[]) => Promise<void>) => {
        registered.push(['test', name]);
        bodies.set(name, body);
      },
      { skip: (name: string) => registered.push(['skip', name]) },
    ) satisfies TestRegistrar;
    runConformance(cases, test);
    expect(registered).toEqual([
      ['test', 'a: runs'],
      ['skip', 'b: listed'],
      ['test', 'c: not declared'],
    ]);
    const reasons: string[] = [];
    await bodies.get('c: not declared')?.({ skip: (reason: string) => reasons.push(reason) });
    expect(reasons).toEqual(['no transactions']);
    expect(bodies.get('a: runs')?.length).toBe(0);
  });

  it('reports skips through onSkip when the runner has no skip', async () => {
    const bodies: ((...context: readonly unknown[]) => Promise<void>)[] = [];
    const reported: string[] = [];
    runConformance(cases, (_name, body) => bodies.push(body), { onSkip: (name, reason) => reported.push(`${name} (${reason})`) });
    for (const body of bodies) await body();
    expect(reported).toEqual(['b: listed (named in the skip list)', 'c: not declared (no transactions)']);
  });
});

describe('the records the suite writes', () => {
  it('are valid stored records', () => {
    for (const record of OPERATOR_CONTACTS) expect(contactSchema.safeParse(record).error).toBeUndefined();
    for (const record of OPERATOR_DEALS) expect(dealSchema.safeParse(record).error).toBeUndefined();
    for (const record of AGGREGATE_DEALS) expect(dealSchema.safeParse(record).error).toBeUndefined();
    expect(contactSchema.safeParse(RICH_RECORDS.contact).error).toBeUndefined();
    expect(companySchema.safeParse(RICH_RECORDS.company).error).toBeUndefined();
    expect(dealSchema.safeParse(RICH_RECORDS.deal).error).toBeUndefined();
    expect(leadSchema.safeParse(RICH_RECORDS.lead).error).toBeUndefined();
    expect(activitySchema.safeParse(RICH_RECORDS.activity).error).toBeUndefined();
  });
});

