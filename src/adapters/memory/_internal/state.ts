import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType } from '../../../fields/index.js';
import { ConflictError, invalidArgument } from '../../../kernel/index.js';
import type { LoggedEvent, MatchKeyHit, NewEvent } from '../../../store/index.js';
import type { IndexHint } from './indexes.js';
import { narrowest, TableIndexes } from './indexes.js';

type Table = Map<string, StoredRecord>;

/** A write of a unit: the record it leaves (`null`: deleted) and the version it found first. */
interface Write {
  readonly record: StoredRecord | null;
  /** The committed version when the unit first touched the id; `null` when there was none. */
  readonly baseVersion: number | null;
}

/**
 * The match keys of one entity type, as an inverted index: who holds each key, and the keys each
 * record holds (to take a record out of its old keys' holders when it is set again). The committed
 * table forgets a record set to no keys; a unit's table keeps it with `[]`, so that it hides the
 * committed keys of that record.
 */
export class KeyTable {
  readonly byKey: Map<string, Set<string>> = new Map<string, Set<string>>();
  readonly byId: Map<string, readonly string[]> = new Map<string, readonly string[]>();

  constructor(private readonly keepEmpty: boolean) {}

  /** Replaces the keys of a record: distinct keys (the factory hands them so). */
  set(id: string, keys: readonly string[]): void {
    // Stryker disable next-line ArrayDeclaration: a made-up key nobody holds removes nothing
    for (const key of this.byId.get(id) ?? []) {
      const holders = this.byKey.get(key);
      // Stryker disable next-line OptionalChaining: every key a record holds has its holders
      holders?.delete(id);
      // Stryker disable next-line OptionalChaining: every key a record holds has its holders
      if (holders?.size === 0) this.byKey.delete(key);
    }
    if (keys.length === 0 && !this.keepEmpty) {
      this.byId.delete(id);
      return;
    }
    this.byId.set(id, keys);
    for (const key of keys) {
      let holders = this.byKey.get(key);
      if (holders === undefined) {
        holders = new Set();
        this.byKey.set(key, holders);
      }
      holders.add(id);
    }
  }

  /** A copy that later writes to either leave the other as it is (a savepoint). */
  copy(): KeyTable {
    const copy = new KeyTable(this.keepEmpty);
    for (const [id, keys] of this.byId) copy.byId.set(id, keys);
    for (const [key, holders] of this.byKey) copy.byKey.set(key, new Set(holders));
    return copy;
  }
}

/** What the committed data looks like, and the units in flight. */
export class MemoryState {
  readonly tables: Map<EntityType, Table> = new Map<EntityType, Table>();
  /** Committed events, by ascending sequence. */
  events: LoggedEvent[] = [];
  nextSequence = 1;
  readonly pending: Set<Unit> = new Set<Unit>();
  /** Grows with every committed write: what was computed at one revision holds until the next. */
  revision = 0;

  private readonly indexes = new Map<EntityType, TableIndexes>();
  private readonly keys = new Map<EntityType, KeyTable>();

  table(entityType: EntityType): Table {
    let table = this.tables.get(entityType);
    if (table === undefined) {
      table = new Map();
      this.tables.set(entityType, table);
    }
    return table;
  }

  keyTable(entityType: EntityType): KeyTable {
    let table = this.keys.get(entityType);
    if (table === undefined) {
      table = new KeyTable(false);
      this.keys.set(entityType, table);
    }
    return table;
  }

  /** Every committed write goes through here, so the indexes stay in step with the tables. */
  setRecord(entityType: EntityType, id: string, record: StoredRecord | null): void {
    // Stryker disable next-line AssignmentOperator: a count down changes the revision at every write too
    this.revision += 1;
    const table = this.table(entityType);
    this.indexes.get(entityType)?.update(id, table.get(id), record);
    if (record === null) table.delete(id);
    else table.set(id, record);
  }

  /** The committed records that may match a query with these hints: all of them without a usable hint. */
  candidates(entityType: EntityType, hints: readonly IndexHint[]): Iterable<StoredRecord> {
    const table = this.table(entityType);
    if (hints.length === 0) return table.values();
    let indexes = this.indexes.get(entityType);
    if (indexes === undefined) {
      indexes = new TableIndexes();
      this.indexes.set(entityType, indexes);
    }
    const ids = narrowest(table, indexes, hints);
    if (ids === undefined) return table.values();
    return (function* (): Generator<StoredRecord> {
      for (const id of ids) {
        const record = table.get(id);
        if (record !== undefined) yield record;
      }
    })();
  }

  /** Events from this sequence on stay hidden: a unit in flight holds a smaller number. */
  watermark(): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const unit of this.pending) if (unit.firstReserved !== undefined) lowest = Math.min(lowest, unit.firstReserved);
    return lowest;
  }
}

/** A unit of work: its writes over the committed data, its match keys, and its events. */
export class Unit {
  writes: Map<EntityType, Map<string, Write>> = new Map<EntityType, Map<string, Write>>();
  /** The keys the unit set, per entity type; they replace the committed keys of those records. */
  keyWrites: Map<EntityType, KeyTable> = new Map<EntityType, KeyTable>();
  events: LoggedEvent[] = [];
  firstReserved: number | undefined;
  lastReserved: number | undefined;
  reservedCount = 0;
  open = true;
}

/** Where a repository or event log reads and writes: straight into the committed data, or into a unit. */
export interface Session {
  current(entityType: EntityType, id: string): StoredRecord | undefined;
  /** The records that may match a query with these index hints: a superset of its matches. */
  candidates(entityType: EntityType, hints: readonly IndexHint[]): Iterable<StoredRecord>;
  /** Applies writes (a record, or `null` to remove one) all at once. */
  put(entityType: EntityType, writes: readonly (readonly [string, StoredRecord | null])[]): void;
  append(events: readonly NewEvent[]): readonly LoggedEvent[];
  visibleEvents(): readonly LoggedEvent[];
  setKeys(entityType: EntityType, id: string, keys: readonly string[]): void;
  lookupKeys(entityType: EntityType, keys: readonly string[]): readonly MatchKeyHit[];
  /** The revision of what this session reads, or `undefined` when it reads a unit's own writes too. */
  revision(): number | undefined;
}

/**
 * The hits of a lookup of distinct keys: each holder once, by ascending id, with the keys it holds
 * in the order asked. `holders` yields each holder of a key once. Work grows with the holders found,
 * not with the records or keys stored.
 */
function hitsOf(asked: readonly string[], holders: (key: string) => Iterable<string>): MatchKeyHit[] {
  const found = new Map<string, string[]>();
  for (const key of asked) {
    for (const id of holders(key)) {
      const held = found.get(id);
      if (held === undefined) found.set(id, [key]);
      else held.push(key);
    }
  }
  return [...found.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((id) => ({ id, keys: found.get(id) ?? [] }));
}

const NOBODY: ReadonlySet<string> = new Set<string>();

/** The session that writes straight into the committed data. */
export function directSession(state: MemoryState): Session {
  return {
    current: (entityType, id) => state.table(entityType).get(id),
    candidates: (entityType, hints) => state.candidates(entityType, hints),
    put: (entityType, writes) => {
      for (const [id, record] of writes) state.setRecord(entityType, id, record);
    },
    append: (events) => {
      const logged = events.map((event) => Object.freeze({ ...event, sequence: state.nextSequence++ }));
      for (const event of logged) state.events.push(event);
      return logged;
    },
    visibleEvents: () => {
      const watermark = state.watermark();
      return watermark === Number.POSITIVE_INFINITY ? state.events : state.events.filter((e) => e.sequence < watermark);
    },
    setKeys: (entityType, id, keys) => {
      state.keyTable(entityType).set(id, keys);
    },
    lookupKeys: (entityType, keys) => {
      const table = state.keyTable(entityType);
      return hitsOf(keys, (key) => table.byKey.get(key) ?? NOBODY);
    },
    // Stryker disable next-line ArrowFunction: without a revision find takes no memo and scans, for the same page
    revision: () => state.revision,
  };
}

/** The session of a unit: reads see its own writes over the committed data; writes stay in it. */
export function unitSession(state: MemoryState, unit: Unit): Session {
  const ensureOpen = (): void => {
    // Stryker disable next-line StringLiteral: message text
    if (!unit.open) throw invalidArgument('This unit of work has ended: use the store, or a new transaction.');
  };
  const writesOf = <V>(map: Map<EntityType, Map<string, V>>, entityType: EntityType): Map<string, V> => {
    let writes = map.get(entityType);
    if (writes === undefined) {
      writes = new Map();
      map.set(entityType, writes);
    }
    return writes;
  };
  return {
    current: (entityType, id) => {
      ensureOpen();
      const write = unit.writes.get(entityType)?.get(id);
      return write === undefined ? state.table(entityType).get(id) : (write.record ?? undefined);
    },
    candidates: (entityType, hints) => {
      ensureOpen();
      const writes = unit.writes.get(entityType);
      const committed = state.candidates(entityType, hints);
      if (writes === undefined || writes.size === 0) return committed;
      // The unit's own writes are all candidates; committed records it overwrote are not.
      return (function* (): Generator<StoredRecord> {
        for (const record of committed) if (!writes.has(record.id)) yield record;
        for (const write of writes.values()) if (write.record !== null) yield write.record;
      })();
    },
    put: (entityType, puts) => {
      ensureOpen();
      const writes = writesOf(unit.writes, entityType);
      for (const [id, record] of puts) {
        // Stryker disable next-line OptionalChaining: has(id) was just checked
        const baseVersion = writes.has(id) ? (writes.get(id)?.baseVersion ?? null) : (state.table(entityType).get(id)?.version ?? null);
        writes.set(id, { record, baseVersion });
      }
    },
    append: (events) => {
      ensureOpen();
      const logged = events.map((event) => Object.freeze({ ...event, sequence: reserve(state, unit) }));
      for (const event of logged) unit.events.push(event);
      return logged;
    },
    visibleEvents: () => {
      ensureOpen();
      return mergeBySequence(state.events, unit.events);
    },
    setKeys: (entityType, id, keys) => {
      ensureOpen();
      let own = unit.keyWrites.get(entityType);
      if (own === undefined) {
        own = new KeyTable(true);
        unit.keyWrites.set(entityType, own);
      }
      own.set(id, keys);
    },
    lookupKeys: (entityType, keys) => {
      ensureOpen();
      const table = state.keyTable(entityType);
      const own = unit.keyWrites.get(entityType);
      if (own === undefined) return hitsOf(keys, (key) => table.byKey.get(key) ?? NOBODY);
      // The unit's own keys replace the committed keys of the records it set them on.
      const holders = function* (key: string): Generator<string> {
        for (const id of table.byKey.get(key) ?? NOBODY) if (!own.byId.has(id)) yield id;
        yield* own.byKey.get(key) ?? NOBODY;
      };
      return hitsOf(keys, holders);
    },
    revision: () => undefined,
  };
}

function reserve(state: MemoryState, unit: Unit): number {
  const sequence = state.nextSequence++;
  unit.firstReserved ??= sequence;
  unit.lastReserved = sequence;
  unit.reservedCount += 1;
  state.pending.add(unit);
  return sequence;
}

/** Makes a unit's writes and events visible at once, or throws (and applies nothing) on a conflict. */
export function commitUnit(state: MemoryState, unit: Unit): void {
  for (const [entityType, writes] of unit.writes) {
    const table = state.table(entityType);
    for (const [id, write] of writes) {
      const now = table.get(id)?.version ?? null;
      if (now === write.baseVersion) continue;
      // Stryker disable StringLiteral: message texts
      throw write.baseVersion === null
        ? new ConflictError('DUPLICATE_ID', 'A record this unit inserted was inserted meanwhile outside it; nothing was stored.')
        : new ConflictError('VERSION_CONFLICT', 'A record this unit wrote was changed meanwhile outside it; nothing was stored.');
      // Stryker restore StringLiteral
    }
  }
  for (const [entityType, writes] of unit.writes) {
    for (const [id, write] of writes) state.setRecord(entityType, id, write.record);
  }
  for (const [entityType, keyWrites] of unit.keyWrites) {
    const table = state.keyTable(entityType);
    for (const [id, keys] of keyWrites.byId) table.set(id, keys);
  }
  const lastCommitted = state.events[state.events.length - 1]?.sequence ?? 0;
  const firstOwn = unit.events[0]?.sequence;
  // Usually the unit's events come after every committed one; a merge is needed only when events
  // were appended outside it meanwhile.
  if (firstOwn !== undefined && firstOwn > lastCommitted) for (const event of unit.events) state.events.push(event);
  else if (firstOwn !== undefined) state.events = mergeBySequence(state.events, unit.events);
  closeUnit(state, unit);
}

/** Drops a unit's writes and events; hands its sequence numbers back when no one took a later one. */
export function rollBackUnit(state: MemoryState, unit: Unit): void {
  const { firstReserved, lastReserved, reservedCount } = unit;
  if (
    firstReserved !== undefined &&
    lastReserved !== undefined &&
    state.nextSequence === lastReserved + 1 &&
    reservedCount === lastReserved - firstReserved + 1
  ) {
    state.nextSequence = firstReserved;
  }
  unit.writes = new Map();
  unit.keyWrites = new Map();
  // Stryker disable next-line ArrayDeclaration: a unit that ended is never read again
  unit.events = [];
  closeUnit(state, unit);
}

function closeUnit(state: MemoryState, unit: Unit): void {
  unit.open = false;
  state.pending.delete(unit);
}

/** A savepoint of a unit, for a nested transaction. */
export function saveUnit(unit: Unit): () => void {
  const copyOf = <V>(map: Map<EntityType, Map<string, V>>): Map<EntityType, Map<string, V>> =>
    new Map([...map].map(([entityType, entries]) => [entityType, new Map(entries)] as const));
  const writes = copyOf(unit.writes);
  const keyWrites = new Map([...unit.keyWrites].map(([entityType, table]) => [entityType, table.copy()] as const));
  const events = unit.events.slice();
  return () => {
    unit.writes = writes;
    unit.keyWrites = keyWrites;
    unit.events = events;
  };
}

function mergeBySequence(a: readonly LoggedEvent[], b: readonly LoggedEvent[]): LoggedEvent[] {
  const merged: LoggedEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.sequence < y.sequence)) {
      if (x !== undefined) merged.push(x);
      i += 1;
    } else {
      merged.push(y);
      j += 1;
    }
  }
  return merged;
}
