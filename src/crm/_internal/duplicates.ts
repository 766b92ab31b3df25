import type { Principal } from '../../access/index.js';
import { assertCan, listVisibleFields } from '../../access/index.js';
import type { AbortSignalLike, DuplicateCandidate, DuplicateCheckOptions, DuplicateEntityType, DuplicateScanProgress } from '../../duplicates/index.js';
import { DUPLICATE_ENTITY_TYPES } from '../../duplicates/index.js';
import type { StoredRecord } from '../../entities/index.js';
import { AdapterError, ForbiddenError, invalidArgument, isCrmError, isPlainRecord } from '../../kernel/index.js';
import type { NewEvent, StoreScope } from '../../store/index.js';
import type { AutoMerge, AutoMergeReport, DuplicateScanOptions, DuplicateService } from '../types.js';
import type { Context } from './context.js';
import type { DuplicateContext } from './duplicate-settings.js';
import { duplicatesOf } from './duplicate-settings.js';
import { snapshotArgument } from './context.js';
import { matchKeysFor } from './match-keys.js';
import { mergeServiceOf } from './merge.js';
import { readQuery } from './record-service.js';
import { applyWrites, checkId, load, readable, readableMany } from './records.js';
import { nextTurn } from './next-turn.js';

// The check options of a type as one person may use them: criteria on custom fields hidden from
// them are dropped (with their part of the model), so that no score tells them about such a field.
export function optionsFor(context: Context, duplicates: DuplicateContext, principal: Principal, entityType: DuplicateEntityType): DuplicateCheckOptions {
  const full = duplicates.options(entityType);
  const visible = new Set(listVisibleFields(context.rules[entityType].registry, principal).map((definition) => `custom.${definition.code}`));
  const criteria = full.criteria ?? [];
  const keep = criteria.map((criterion) => !criterion.field.startsWith('custom.') || visible.has(criterion.field));
  if (keep.every(Boolean)) return full;
  const model = full.model === undefined ? undefined : { prior: full.model.prior, criteria: full.model.criteria.filter((entry) => !entry.field.startsWith('custom.') || visible.has(entry.field)) };
  return { ...full, criteria: criteria.filter((_, at) => keep[at]), model };
}

/**
 * The pairs of a type marked as not duplicates, from the log: each pair's mark events folded in
 * order, so the last one stands. Keys by {@link pairKey}.
 */
async function marksOf(scope: StoreScope, entityType: DuplicateEntityType): Promise<Map<string, readonly [string, string]>> {
  const marks = new Map<string, readonly [string, string]>();
  for await (const event of scope.events.read({ entityType, types: ['markedNotDuplicate', 'unmarkedNotDuplicate'] })) {
    if (event.type !== 'markedNotDuplicate' && event.type !== 'unmarkedNotDuplicate') continue;
    const key = pairKey(event.entityId, event.data.otherId);
    if (event.type === 'markedNotDuplicate') marks.set(key, [event.entityId, event.data.otherId]);
    else marks.delete(key);
  }
  return marks;
}

// Records whose keys one unit of work of a reindex writes.
const REINDEX_BATCH = 500;

// One text per unordered pair of ids (the length says where the first ends).
function pairKey(a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a];
  return `${String(first.length)}:${first}${second}`;
}

/** `me.duplicates`: check and scan over the records a person may read, and "not a duplicate" marks. */
export function duplicateService(context: Context, principal: Principal): DuplicateService {
  const checkType = (entityType: unknown): DuplicateEntityType => {
    if (typeof entityType !== 'string' || !(DUPLICATE_ENTITY_TYPES as readonly string[]).includes(entityType)) {
      throw invalidArgument(`Duplicate control works on ${DUPLICATE_ENTITY_TYPES.join(', ')}.`);
    }
    return entityType as DuplicateEntityType;
  };
  // Marks or unmarks a pair, once: both records must be readable; nothing is written when the
  // pair is already as asked.
  const setMark = async (type: DuplicateEntityType, a: unknown, b: unknown, marked: boolean): Promise<boolean> => {
    duplicatesOf(context.duplicates);
    checkId(a);
    checkId(b);
    // Stryker disable next-line StringLiteral: message text
    if (a === b) throw invalidArgument('A record is never a duplicate of itself: mark two different records.');
    return context.store.transaction(async (scope) => {
      await load(context, principal, scope, type, a);
      await load(context, principal, scope, type, b);
      const marks = await marksOf(scope, type);
      if (marks.has(pairKey(a, b)) === marked) return false;
      const [first, second] = a < b ? [a, b] : [b, a];
      const event: NewEvent = { type: marked ? 'markedNotDuplicate' : 'unmarkedNotDuplicate', entityType: type, entityId: first, at: context.now(), byId: principal.userId, data: { otherId: second } };
      await applyWrites(context, scope, { inserts: [], updates: [], deletes: [], events: [event], needs: [] });
      return true;
    });
  };
  const service: DuplicateService = Object.freeze({
    async check(entityType: unknown, input: unknown): Promise<readonly DuplicateCandidate[]> {
      const type = checkType(entityType);
      const duplicates = duplicatesOf(context.duplicates);
      assertCan(context.access, principal, 'read', type);
      const record = snapshotArgument(input, 'The input');
      const { store } = context;
      if (store.matchKeys === undefined) throw new AdapterError('UNSUPPORTED', 'A duplicate check needs a store that keeps match keys.');
      const options = optionsFor(context, duplicates, principal, type);
      const matcher = options === duplicates.options(type) ? duplicates.matcher(type) : duplicates.control.createDuplicateMatcher(options);
      const prepared = matcher.prepare(record);
      const everyKey = duplicates.matcher(type);
      const hits = await store.matchKeys.lookup(type, everyKey.lookupKeysOf(everyKey === matcher ? prepared : record));
      const records = await readableMany(context, principal, store, type, matcher.candidatesOf(prepared, hits));
      const found = matcher.check(prepared, hits, records);
      // A stored record checked again: the pairs marked as not duplicates are not offered.
      const id = isPlainRecord(record) && typeof record.id === 'string' ? record.id : undefined;
      if (id === undefined || found.length === 0) return Object.freeze(found);
      const marks = await marksOf(store, type);
      return Object.freeze(found.filter((candidate) => !marks.has(pairKey(id, candidate.id))));
    },

    async mergeAutomatically(entityType: unknown, options: unknown = {}): Promise<AutoMergeReport> {
      const type = checkType(entityType);
      const duplicates = duplicatesOf(context.duplicates);
      const report = await service.scan(type, options as DuplicateScanOptions);
      const merging = mergeServiceOf(context, principal, type);
      const { criteria, fields, defaultRegion } = duplicates.options(type);
      const merged: AutoMerge[] = [];
      let skipped = 0;
      const signal = isPlainRecord(options) ? (options.signal as AbortSignalLike | undefined) : undefined;
      for (const cluster of report.clusters) {
        // Each merge is one transaction: a stop asked for comes between two of them.
        await nextTurn();
        if (signal?.aborted === true) return Object.freeze({ merged: Object.freeze(merged), skipped, aborted: true });
        const records: StoredRecord[] = [];
        for (const id of cluster) {
          const found = await readable(context, principal, context.store, type, id);
          if (found !== null) records.push(found);
        }
        // Only records equal in every compared field, with the same responsible person (DOMAIN.md).
        if (records.length !== cluster.length || !duplicates.control.isAutoMergeable(records, { entityType: type, criteria, fields, defaultRegion })) {
          skipped++;
          continue;
        }
        // The oldest record survives.
        const [survivor, ...absorbed] = [...records].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
        if (survivor === undefined) continue;
        try {
          const done = await merging.merge(survivor.id, absorbed.map((record) => record.id), { policy: 'survivorWins', expectedVersions: Object.fromEntries(records.map((record) => [record.id, record.version])) });
          merged.push(Object.freeze({ survivorId: survivor.id, absorbedIds: Object.freeze(absorbed.map((record) => record.id)), mergeId: done.mergeId }));
        } catch (error) {
          // A cluster this person may not merge, or one changed meanwhile, is left as it is.
          if (!isCrmError(error, 'FORBIDDEN', 'VERSION_CONFLICT', 'NOT_FOUND', 'VALIDATION_FAILED')) throw error;
          skipped++;
        }
      }
      return Object.freeze({ merged: Object.freeze(merged), skipped, aborted: false });
    },

    async reindex(entityType: unknown): Promise<number> {
      const type = checkType(entityType);
      duplicatesOf(context.duplicates);
      // Keys are written for every record, whoever may read it: an administrator's job.
      // Stryker disable next-line StringLiteral: message text
      if (!principal.isAdmin) throw new ForbiddenError('FORBIDDEN', 'Only an administrator rewrites the match keys of every record.');
      const { store } = context;
      if (store.matchKeys === undefined) throw new AdapterError('UNSUPPORTED', 'The store keeps no match keys.');
      let written = 0;
      let batch: StoredRecord[] = [];
      const flush = async (): Promise<void> => {
        const records = batch;
        batch = [];
        await store.transaction(async (scope) => {
          for (const record of records) await scope.matchKeys?.set(type, record.id, matchKeysFor(context, type, record));
        });
        written += records.length;
      };
      for await (const record of store.repository(type).stream({ where: [], limit: store.capabilities.maxPageSize })) {
        batch.push(record);
        if (batch.length >= REINDEX_BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      return written;
    },

    async markNotDuplicate(entityType: unknown, a: unknown, b: unknown): Promise<boolean> {
      return setMark(checkType(entityType), a, b, true);
    },

    async unmarkNotDuplicate(entityType: unknown, a: unknown, b: unknown): Promise<boolean> {
      return setMark(checkType(entityType), a, b, false);
    },

    async scan(entityType: unknown, options: unknown = {}) {
      const type = checkType(entityType);
      // Not snapshotted: a signal and a callback are not plain data. Each option is read once.
      if (!isPlainRecord(options) || Object.keys(options).some((key) => !['threshold', 'signal', 'onProgress'].includes(key))) {
        throw invalidArgument('Scan options are { threshold?, signal?, onProgress? }.');
      }
      const { threshold: given, signal, onProgress } = options;
      const duplicates = duplicatesOf(context.duplicates);
      const { criteria, fields, defaultRegion, stopLimit, threshold } = optionsFor(context, duplicates, principal, type);
      // The person's read scope is pushed into the stream: only records they may read are scanned.
      const records = context.store.repository(type).stream(readQuery(context, principal, type, {}));
      const notDuplicates = [...(await marksOf(context.store, type)).values()];
      return duplicates.control.findDuplicates(records, {
        notDuplicates,
        entityType: type,
        criteria,
        fields,
        defaultRegion,
        stopLimit,
        threshold: (given as number | undefined) ?? threshold,
        signal: signal as AbortSignalLike | undefined,
        onProgress: onProgress as ((progress: DuplicateScanProgress) => void) | undefined,
      });
    },
  });
  return service;
}
