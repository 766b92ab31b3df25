import type { StoredRecord } from '../../../entities/index.js';
import type { EntityType } from '../../../fields/index.js';
import { ConflictError } from '../../../kernel/index.js';
import type { LoggedEvent, NewEvent } from '../../../store/index.js';
import { invalid } from './errors.js';
import type { IndexHint } from './indexes.js';
import { narrowest, TableIndexes } from './indexes.js';

type Table = Map<string, StoredRecord>;

/** A write of a unit: the record it leaves (`null`: deleted) and the version it found first. */
interface Write {
  readonly record: StoredRecord | null;
  /** The committed version when the unit first touched the id; `null` when there was none. */
  readonly baseVersion: number | null;
}

/** What the committed data looks like, and the units in flight. */
export class MemoryState {
  readonly tables: Map<EntityType, Table> = new Map<EntityType, Table>();
  /** Committed events, by ascending sequence. */
  events: LoggedEvent[] = [];
  nextSequence = 1;
  readonly pending: Set<Unit> = new Set<Unit>();

  private readonly indexes = new Map<EntityType, TableIndexes>();

  table(entityType: EntityType): Table {
    let table = this.tables.get(entityType);
    if (table === undefined) {
      table = new Map();
      this.tables.set(entityType, table);
    }
    return table;
  }

  /** Every committed write goes through here, so the indexes stay in step with the tables. */
  setRecord(entityType: EntityType, id: string, record: StoredRecord | null): void {
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

/** A unit of work: its writes over the committed data, and its events. */
export class Unit {
  writes: Map<EntityType, Map<string, Write>> = new Map<EntityType, Map<string, Write>>();
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
  /** Stores a record (already copied) or removes one (`null`). */
  put(entityType: EntityType, id: string, record: StoredRecord | null): void;
  append(events: readonly NewEvent[]): readonly LoggedEvent[];
  visibleEvents(): readonly LoggedEvent[];
}

/** The session that writes straight into the committed data. */
export function directSession(state: MemoryState): Session {
  return {
    current: (entityType, id) => state.table(entityType).get(id),
    candidates: (entityType, hints) => state.candidates(entityType, hints),
    put: (entityType, id, record) => {
      state.setRecord(entityType, id, record);
    },
    append: (events) => {
      const logged = events.map((event) => ({ ...event, sequence: state.nextSequence++ }));
      for (const event of logged) state.events.push(event);
      return logged;
    },
    visibleEvents: () => {
      const watermark = state.watermark();
      return watermark === Number.POSITIVE_INFINITY ? state.events.slice() : state.events.filter((e) => e.sequence < watermark);
    },
  };
}

/** The session of a unit: reads see its own writes over the committed data; writes stay in it. */
export function unitSession(state: MemoryState, unit: Unit): Session {
  const ensureOpen = (): void => {
    if (!unit.open) throw invalid('This unit of work has ended: use the store, or a new transaction.');
  };
  const writesOf = (entityType: EntityType): Map<string, Write> => {
    let writes = unit.writes.get(entityType);
    if (writes === undefined) {
      writes = new Map();
      unit.writes.set(entityType, writes);
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
    put: (entityType, id, record) => {
      ensureOpen();
      const writes = writesOf(entityType);
      const baseVersion = writes.has(id) ? (writes.get(id)?.baseVersion ?? null) : (state.table(entityType).get(id)?.version ?? null);
      writes.set(id, { record, baseVersion });
    },
    append: (events) => {
      ensureOpen();
      const logged = events.map((event) => ({ ...event, sequence: reserve(state, unit) }));
      for (const event of logged) unit.events.push(event);
      return logged;
    },
    visibleEvents: () => {
      ensureOpen();
      return mergeBySequence(state.events, unit.events);
    },
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
      throw write.baseVersion === null
        ? new ConflictError('DUPLICATE_ID', 'A record this unit inserted was inserted meanwhile outside it; nothing was stored.')
        : new ConflictError('VERSION_CONFLICT', 'A record this unit wrote was changed meanwhile outside it; nothing was stored.');
    }
  }
  for (const [entityType, writes] of unit.writes) {
    for (const [id, write] of writes) state.setRecord(entityType, id, write.record);
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
  unit.events = [];
  closeUnit(state, unit);
}

function closeUnit(state: MemoryState, unit: Unit): void {
  unit.open = false;
  state.pending.delete(unit);
}

/** A savepoint of a unit, for a nested transaction. */
export function saveUnit(unit: Unit): () => void {
  const writes = new Map([...unit.writes].map(([entityType, entries]) => [entityType, new Map(entries)] as const));
  const events = unit.events.slice();
  return () => {
    unit.writes = writes;
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
