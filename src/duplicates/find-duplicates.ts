/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
import type { FieldRegistry } from '../fields/index.js';
import type { Issue } from '../kernel/index.js';
import { issue, isPlainRecord, ValidationError } from '../kernel/index.js';
import type { DuplicateCriteriaOptions } from './criteria.js';
import { DEFAULT_STOP_LIMIT } from './criteria.js';
import type { DuplicateExplanation, DuplicateModel } from './duplicate-model.js';
import { explanationOf, modelOf, parametersOf } from './_internal/model.js';
import { clusterPairs } from './_internal/cluster.js';
import type { CompiledCriterion } from './_internal/compile-criteria.js';
import { compileCriteria } from './_internal/compile-criteria.js';
import type { Rule } from './_internal/comparators.js';
import { checkedRegion, formAt, writeForms } from './_internal/read-record.js';
import { KEY_LENGTH, LOOKING_KEY, LOOSE_KEY, prepareOptions } from './_internal/comparators.js';
import type { Words } from './_internal/vocabulary.js';
import { Vocabulary } from './_internal/vocabulary.js';
import type { Parameters, Pattern } from './_internal/fellegi-sunter.js';
import { estimateParameters, levelOf, matchProbability, patternOf, weightsOf } from './_internal/fellegi-sunter.js';
import { ByteColumn, hashKeyCode, IntColumn, sortByHash } from './_internal/key-table.js';
import { TextTable } from './_internal/text-table.js';

/**
 * Options of {@link findDuplicates}.
 */
export interface FindDuplicatesOptions extends DuplicateCriteriaOptions {
  /** The match probability from which a pair counts as a duplicate. Default 0.9. */
  readonly threshold?: number | undefined;
  /** Pairs of ids a person marked as not duplicates: never paired, never in one cluster. */
  readonly notDuplicates?: readonly (readonly [string, string])[] | undefined;
  /**
   * A key shared by more records than this stops proposing pairs, and a phone, e-mail or exact
   * value stops counting as evidence (a switchboard number, `info@`); a block of namesakes that
   * large is still compared, by neighbours in name order. (A mailbox name at any domain stops
   * proposing pairs from 17 records on, while it still counts as evidence.) Default 100.
   */
  readonly stopLimit?: number | undefined;
  /** A model to score with as it is (from an earlier scan); by default the scan estimates its own. */
  readonly model?: DuplicateModel | undefined;
  /** The seed of the random pairs that estimate how often levels occur by chance. Default 1. */
  readonly seed?: number | undefined;
  /** Aborts the scan: it rejects with the signal's reason. */
  readonly signal?: AbortSignalLike | undefined;
  /** Told how far the scan is, now and then. */
  readonly onProgress?: ((progress: DuplicateScanProgress) => void) | undefined;
}

/** What a scan reads of an `AbortSignal`: whether it was aborted, and why. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** How far a scan is: its phase and the records (reading) or pairs (scoring) done. */
export interface DuplicateScanProgress {
  readonly phase: 'reading' | 'blocking' | 'scoring' | 'clustering';
  readonly done: number;
}

/** Two records that are probably duplicates: ids in ascending order, and the probability. */
export interface DuplicatePair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly explanation: DuplicateExplanation;
}

/** A record a scan left out, and why. */
export interface SkippedRecord {
  /** Its position in the input, from 0. */
  readonly position: number;
  readonly id?: string | undefined;
  readonly issues: readonly Issue[];
}

/** What a scan did. */
export interface DuplicateStats {
  /** Records read and compared. */
  readonly records: number;
  /** Records left out (not valid for the entity type, or an id seen before). */
  readonly skipped: number;
  /** The first hundred of them. */
  readonly skippedRecords: readonly SkippedRecord[];
  /** Distinct pairs that share a blocking key. */
  readonly candidatePairs: number;
  /** Candidate pairs scored (those marked not duplicates are not). */
  readonly comparedPairs: number;
  /** The keys that were stopped for being shared by more records than `stopLimit`. */
  readonly stoppedValues: readonly { readonly field: string; readonly value: string; readonly records: number }[];
  /** Milliseconds spent per phase. */
  readonly timings: { readonly readMs: number; readonly blockMs: number; readonly scoreMs: number; readonly clusterMs: number };
}

/** What {@link findDuplicates} found. */
export interface DuplicateReport {
  /** Pairs at or above the threshold, highest score first. */
  readonly pairs: readonly DuplicatePair[];
  /** Groups of ids that are one and the same record: every record with a duplicate in exactly one. */
  readonly clusters: readonly (readonly string[])[];
  readonly stats: DuplicateStats;
  readonly model: DuplicateModel;
}

const DEFAULT_THRESHOLD = 0.9;
// Pairs scored this low were compared and found clearly different: they keep groups apart.
const CLEARLY_DIFFERENT = 0.001;
// Random pairs compared per criterion, to learn how often each level occurs by chance.
const RANDOM_PAIRS = 50_000;
const PROGRESS_EVERY = 10_000;
// The records left out that a report lists.
const MOST_LISTED = 100;
// A block of more records than this is compared by neighbours: each record with this many on
// either side in name order (a loose key of a phone, e-mail or code held that widely proposes
// nothing).
const NEIGHBOURHOOD_FROM = 16;
const NEIGHBOURHOOD = 3;
// A block's mark (in `windowed`) when it is such a loose key's: it proposes nothing.
const TOO_COMMON = 2;
// A key's entry holds its criterion, flagged loose (its text starts with '~') or only looking
// (it started with '>'): see Rule.keys.
const CRITERION = 31;
const LOOSE = 32;
const LOOKS = 64;
const LOOSE_MARK = 126;
// Where a scan leaves what it read ahead (see `fetched`): written, never read, and nothing any
// result depends on.
const fetchedSink = /* @__PURE__ */ new Int32Array(1);
// Past this many keys, a record's keys are told apart with a set.
const FEW_KEYS = 16;
// A proposed pair packs its other record and its criteria bits (13 criteria at most) in one number.
const CRITERIA_BITS = 1 << 13;
// Patterns are looked up in an array up to this many possible codes.
const DENSE_PATTERNS = 1 << 16;
const LOOKS_MARK = 62;
// How many numbered texts sort an entry of a block compared by neighbours (see Rule.sortParts).
const SORT_PARTS = 3;
// Before a value that starts with a mark (see literal in comparators.ts).
const ESCAPE_MARK = 92;

function bad(message: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message);
}

/**
 * Finds the duplicates among records of one entity type, explained field by field. It reads the
 * records once (an array, any iterable, or an async iterable such as a store's `stream`) and keeps
 * only their comparison forms. Blocking keys ({@link matchKeysOf}) propose candidate pairs: within
 * a block of more than 16 records sharing a key, each record's nearest neighbours by name, and none
 * by a mailbox name at any domain held that widely. Each pair is scored by a Fellegi-Sunter model
 * whose weights the scan estimates from the data itself (u from random pairs, m by expectation
 * maximisation), starting from priors that work on small inputs; pairs at or above the threshold
 * are grouped into clusters without chaining unrelated records through one link (two groups are
 * not joined when a pair across them is clearly different). A record that is not valid is left out
 * and listed in `stats`.
 *
 * @param records - Records in input or stored form (`{ id, ...fields, custom }`).
 * @param options - The entity type, and optionally criteria, threshold, region, marks and limits.
 * @returns The pairs, the clusters, what the scan did, and the model it scored with.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid; the signal's
 * reason when it aborts.
 *
 * @example
 * ```ts
 * const report = await findDuplicates(
 *   [
 *     { id: '1', firstName: 'Ana', lastName: 'García', phones: [{ value: '+34 612 345 678', kind: 'work' }] },
 *     { id: '2', firstName: 'ana', lastName: 'Garcia', phones: [{ value: '612345678', kind: 'mobile' }] },
 *     { id: '3', firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '+34 699 000 111', kind: 'work' }] },
 *   ],
 *   { entityType: 'contact', defaultRegion: 'ES' },
 * );
 * report.clusters; //=> [['1', '2']]
 * report.pairs[0]?.explanation.map((item) => item.text.split(' (')[0]); //=> ['name: same name', 'phones: same number']
 * ```
 */
export async function findDuplicates(records: Iterable<unknown> | AsyncIterable<unknown>, options: FindDuplicatesOptions): Promise<DuplicateReport> {
  if (!isPlainRecord(options)) throw bad('findDuplicates takes options { entityType, ... }.');
  const settings = readOptions(options);
  const { criteria, signal, onProgress } = settings;
  const started = now();

  // 1. Read: each record's comparison forms and blocking keys.
  const vocabulary = new Vocabulary();
  const preparing = prepareOptions(settings.defaultRegion, vocabulary);
  // The records' ids, numbered in order: a record's number is its place among them.
  let ids = new TextTable();
  // Every record's comparison forms, one after the other (see Forms), and where each record's start.
  const formColumn = new IntColumn(1 << 16);
  let { formStart, firstKey, keyHigh, keyLow, keyCriterion } = readColumns();
  const scratch: number[] = [];
  let skippedRecords: SkippedRecord[] = [];
  // Where in the input each record left out while reading was.
  const skippedAt = new IntColumn(0);
  let skipped = 0;
  let position = 0;
  const hash = new Uint32Array(2);
  const codes: number[] = [];
  // The keys of the current record so far, by one half of their hash: a key given twice counts once.
  // A list while they are few, as they nearly always are; a set as well past that.
  const emitted: number[] = [];
  const emittedSet = new Set<number>();
  const read = (record: unknown): void => {
    const at = position++;
    if (!isPlainRecord(record) || typeof record.id !== 'string' || record.id === '') {
      skipped++;
      skippedAt.push(at);
      if (skippedRecords.length < MOST_LISTED) skippedRecords.push(skippedRecord(at, undefined, [issue('REQUIRED', 'A record is an object with a text id.', ['id'])]));
      return;
    }
    const id = record.id;
    scratch.length = 0;
    const issues = writeForms(record, criteria, preparing, scratch);
    if (issues !== undefined) {
      skipped++;
      skippedAt.push(at);
      if (skippedRecords.length < MOST_LISTED) skippedRecords.push(skippedRecord(at, id, issues));
      return;
    }
    ids.add(id);
    firstKey.push(keyHigh.length);
    const start = formColumn.length;
    formStart.push(start);
    formColumn.append(scratch);
    const backing = formColumn.backing;
    emitted.length = 0;
    if (emittedSet.size > 0) emittedSet.clear();
    for (let k = 0; k < criteria.length; k++) {
      const form = formAt(backing, start, k);
      if (form < 0) continue;
      codes.length = 0;
      (criteria[k] as CompiledCriterion).rule.keyCodes(backing, form, codes, vocabulary);
      for (let x = 0; x < codes.length; x += ((codes[x] as number) & KEY_LENGTH) + 1) {
        const header = (codes[x] as number);
        hashKeyCode(k, header & ~LOOKING_KEY, codes, x, hash);
        const low = (hash[1] as number);
        if (emitted.length < FEW_KEYS ? emitted.includes(low) : emittedSet.has(low)) continue;
        emitted.push(low);
        if (emitted.length === FEW_KEYS) for (const held of emitted) emittedSet.add(held);
        else if (emitted.length > FEW_KEYS) emittedSet.add(low);
        keyHigh.push(hash[0] as number);
        keyLow.push(low);
        keyCriterion.push(k | ((header & LOOSE_KEY) !== 0 ? LOOSE : 0) | ((header & LOOKING_KEY) !== 0 ? LOOKS : 0));
      }
    }
  };
  if (isSyncIterable(records)) {
    for (const record of records) {
      read(record);
      if (position % PROGRESS_EVERY === 0) progress(signal, onProgress, 'reading', position);
    }
  } else if (isAsyncIterable(records)) {
    for await (const record of records) {
      read(record);
      if (position % PROGRESS_EVERY === 0) progress(signal, onProgress, 'reading', position);
    }
  } else {
    throw bad('findDuplicates takes records as an array, an iterable or an async iterable.');
  }
  firstKey.push(keyHigh.length);
  // A record whose id was read before is left out, now that all are read (see text-table.ts).
  const kept = withoutRepeatedIds(ids, { formStart, firstKey, keyHigh, keyLow, keyCriterion }, skippedRecords, skippedAt.view());
  ({ ids, skippedRecords } = kept);
  ({ formStart, firstKey, keyHigh, keyLow, keyCriterion } = kept.columns);
  skipped += kept.repeated;
  const count = ids.size;
  const apartMarks = markedPairs(settings.notDuplicates, ids, count);
  const forms = formColumn.view();
  const formsAt = formStart.view();
  const readDone = now();
  progress(signal, onProgress, 'blocking', 0);

  // 2. Block: group equal keys, stop those shared by too many records.
  const { order, runStarts, record: recordAt, criterion: criterionAt } = sortByHash(keyHigh.view(), keyLow.view(), firstKey.view(), keyCriterion.view());
  const keyCount = order.length;
  const runCount = runStarts.length - 1;
  // In each run, the entries that are found come before those that only look, which need to
  // visit only the former: `runHeld` is where the former end.
  const runHeld = new Int32Array(runCount);
  const looking: number[] = [];
  for (let r = 0; r < runCount; r++) {
    const start = (runStarts[r] as number);
    const end = (runStarts[r + 1] as number);
    // A stable partition: held entries move down in order, looking ones are set aside and follow.
    let held = start;
    while (held < end && ((criterionAt[held] as number) & LOOKS) === 0) held++;
    looking.length = 0;
    for (let q = held; q < end; q++) {
      if (((criterionAt[q] as number) & LOOKS) !== 0) {
        looking.push(order[q] as number, recordAt[q] as number, criterionAt[q] as number);
        continue;
      }
      order[held] = order[q] as number;
      recordAt[held] = recordAt[q] as number;
      criterionAt[held] = criterionAt[q] as number;
      held++;
    }
    runHeld[r] = held;
    for (let x = 0, q = held; x < looking.length; x += 3, q++) {
      order[q] = looking[x] as number;
      recordAt[q] = looking[x + 1] as number;
      criterionAt[q] = looking[x + 2] as number;
    }
  }
  // Within a large block of records that all hold one key (namesakes), each record is compared
  // with its nearest neighbours by name rather than with all: a sorted neighbourhood. The block's
  // entries are sorted by the identity criterion's sort parts (a person's first, second and last
  // names, each by its text), ties in the order read. A loose key of a phone, e-mail or code
  // held that widely (a mailbox name at any domain, shared by namesakes) proposes no pairs at all:
  // its holders' whole addresses, phones and names find them.
  const identity = criteria.findIndex((criterion) => criterion.rule.sortParts !== undefined);
  const identityRule = identity < 0 ? undefined : (criteria[identity] as CompiledCriterion).rule;
  const windowed = new Uint8Array(runCount);
  const windowedRuns: number[] = [];
  let windowedEntries = 0;
  for (let r = 0; r < runCount; r++) {
    const start = (runStarts[r] as number);
    const end = (runStarts[r + 1] as number);
    if (end - start <= NEIGHBOURHOOD_FROM || (runHeld[r] as number) !== end) continue;
    const keyOf = (criterionAt[start] as number);
    if ((keyOf & LOOSE) !== 0 && (criteria[keyOf & CRITERION] as CompiledCriterion).rule.stoppable) {
      windowed[r] = TOO_COMMON;
      continue;
    }
    if (identityRule === undefined) continue;
    windowed[r] = 1;
    windowedRuns.push(r);
    windowedEntries += end - start;
  }
  if (identityRule?.sortParts !== undefined && windowedRuns.length > 0) {
    // Each entry's sort parts (numbered texts, SORT_PARTS of them), then the rank of each such text
    // among them all: entries are put in order by ranks, without making or comparing a text per entry.
    const parts = new Int32Array(windowedEntries * SORT_PARTS);
    let at = 0;
    for (const r of windowedRuns) {
      for (let q = (runStarts[r] as number); q < (runStarts[r + 1] as number); q++, at += SORT_PARTS) {
        const form = formAt(forms, formsAt[recordAt[q] as number] as number, identity);
        if (form >= 0) identityRule.sortParts(forms, form, parts, at);
      }
    }
    rankTexts(parts, vocabulary);
    const positions: number[] = [];
    const moved: number[] = [];
    at = 0;
    for (const r of windowedRuns) {
      const start = (runStarts[r] as number);
      const end = (runStarts[r + 1] as number);
      const first = at;
      positions.length = 0;
      for (let q = start; q < end; q++) positions.push(q - start);
      positions.sort((x, y) => {
        const px = first + x * SORT_PARTS;
        const py = first + y * SORT_PARTS;
        // Ties keep the order read: the block's entries are in it.
        return (parts[px] as number) - (parts[py] as number) || (parts[px + 1] as number) - (parts[py + 1] as number) || (parts[px + 2] as number) - (parts[py + 2] as number) || x - y;
      });
      moved.length = 0;
      for (const x of positions) moved.push(order[start + x] as number, recordAt[start + x] as number, criterionAt[start + x] as number);
      for (let x = 0, q = start; q < end; x += 3, q++) {
        order[q] = moved[x] as number;
        recordAt[q] = moved[x + 1] as number;
        criterionAt[q] = moved[x + 2] as number;
      }
      at += (end - start) * SORT_PARTS;
    }
  }
  const stoppedRun = new Uint8Array(runCount);
  const stoppedValues: { field: string; value: string; records: number }[] = [];
  const stoppedBodies: { run: number; criterion: number; body: string }[] = [];
  for (let r = 0; r < runCount; r++) {
    const size = (runStarts[r + 1] as number) - (runStarts[r] as number);
    if (size <= settings.stopLimit) continue;
    const firstMember = (order[runStarts[r] as number] as number);
    const k = (criterionAt[runStarts[r] as number] as number) & CRITERION;
    const criterion = (criteria[k] as CompiledCriterion);
    // A name held that widely is compared by neighbours; a phone, e-mail or code is no evidence.
    if (windowed[r] === 1 && !criterion.rule.stoppable) continue;
    stoppedRun[r] = 1;
    // The key's text, found again from the first record that holds it (every form is still whole):
    // its code's place among the record's codes is its text's among its texts.
    const form = formAt(forms, formsAt[recordAt[runStarts[r] as number] as number] as number, k);
    codes.length = 0;
    criterion.rule.keyCodes(forms, form, codes, vocabulary);
    let place = 0;
    for (let x = 0; x < codes.length; place++, x += ((codes[x] as number) & KEY_LENGTH) + 1) {
      hashKeyCode(k, (codes[x] as number) & ~LOOKING_KEY, codes, x, hash);
      if (hash[0] === keyHigh.get(firstMember) >>> 0 && hash[1] === keyLow.get(firstMember) >>> 0) break;
    }
    const bodies: string[] = [];
    criterion.rule.keys(forms, form, bodies, vocabulary);
    const text = bodies[place];
    if (text === undefined) continue;
    const body = text.charCodeAt(0) === LOOKS_MARK ? text.slice(1) : text;
    const value = criterion.rule.describe?.(forms, form, body, vocabulary) ?? (body.charCodeAt(0) === LOOSE_MARK || body.charCodeAt(0) === ESCAPE_MARK ? body.slice(1) : body);
    stoppedValues.push({ field: criterion.field, value, records: size });
    stoppedBodies.push({ run: r, criterion: k, body });
  }
  // A stopped phone, e-mail or exact value no longer counts as evidence for anyone holding it.
  for (const { run, criterion: k, body } of stoppedBodies) {
    const { rule } = (criteria[k] as CompiledCriterion);
    if (!rule.stoppable || rule.without === undefined) continue;
    const stopped = new Set([body]);
    for (let q = (runStarts[run] as number); q < (runStarts[run + 1] as number); q++) {
      const start = (formsAt[recordAt[q] as number] as number);
      const at = formAt(forms, start, k);
      if (at < 0 || !(rule.values?.(forms, at, vocabulary) ?? []).includes(body)) continue;
      // The form without the value is never longer than it was: it is written over it.
      scratch.length = 0;
      if (rule.without(forms, at, stopped, vocabulary, scratch)) forms.set(scratch, at);
      else forms[start + k] = -1;
    }
  }
  // Where each key's partners lie among the sorted entries, from `partnersFrom` to `partnersTo`:
  // the run's entries; only those that are found, for a key that only looks; its neighbours, in a
  // block compared by neighbours; none, for a stopped key or a loose one held too widely. Scoring
  // reads these in the order of each record's keys, rather than its runs' details anywhere.
  const partnersFrom = new Int32Array(keyCount);
  const partnersTo = new Int32Array(keyCount);
  for (let r = 0; r < runCount; r++) {
    const start = (runStarts[r] as number);
    const end = (runStarts[r + 1] as number);
    if (end - start === 1 || stoppedRun[r] === 1 || windowed[r] === TOO_COMMON) continue;
    const held = (runHeld[r] as number);
    const byNeighbours = windowed[r] === 1;
    for (let q = start; q < end; q++) {
      const entry = (order[q] as number);
      partnersFrom[entry] = byNeighbours ? Math.max(start, q - NEIGHBOURHOOD) : start;
      partnersTo[entry] = byNeighbours ? Math.min(end, q + NEIGHBOURHOOD + 1) : q < held ? end : held;
    }
  }
  // What only reading and blocking needed goes before scoring adds its pairs.
  keyHigh.release();
  keyLow.release();
  const blockDone = now();

  // 3. Score: compare every candidate pair once, and count the patterns. Pairs are met record by
  // record: record i's pairs (with i first) are pairs firstPair[i] to firstPair[i + 1], and in
  // order of their other record, so a pair's number orders pairs as (a, b) does.
  const firstPair = new IntColumn();
  const pairB = new IntColumn();
  const pairPattern = new IntColumn();
  // Patterns are numbered as they are met. A pattern's code counts each criterion's levels in a
  // mixed radix (no evidence, then each level); codes are looked up in an array when there are few.
  const radix = criteria.map((criterion) => criterion.rule.levels.length + 1);
  const codeCount = radix.reduce((product, size) => product * size, 1);
  const indexByCode = codeCount <= DENSE_PATTERNS ? new Int32Array(codeCount).fill(-1) : undefined;
  const indexBySparseCode = new Map<number, number>();
  const patterns: Pattern[] = [];
  // The candidate pairs counted by pattern, and by pattern and the criteria whose strict keys
  // proposed them, for the model's estimation.
  const patternCounts: number[] = [];
  const sessionCounts: number[][] = criteria.map(() => []);
  const levels: number[] = criteria.map(() => -1);
  // Each criterion's comparison, read once from its rule: a call through this array costs less than
  // finding `compare` on rules of as many shapes for every pair.
  const comparisons = criteria.map(({ rule }) => rule.compare);
  const criterionCount = criteria.length;
  // The pattern number of the pair of records whose forms start at startI and startJ.
  const compare = (startI: number, startJ: number): number => {
    let code = 0;
    for (let k = 0; k < criterionCount; k++) {
      const offsetA = (forms[startI + k] as number);
      const offsetB = (forms[startJ + k] as number);
      const level = offsetA < 0 || offsetB < 0 ? -1 : (comparisons[k] as Rule['compare'])(forms, startI + offsetA, forms, startJ + offsetB, vocabulary);
      levels[k] = level;
      code = code * (radix[k] as number) + level + 1;
    }
    let index = indexByCode === undefined ? (indexBySparseCode.get(code) ?? -1) : (indexByCode[code] as number);
    if (index < 0) {
      index = patterns.length;
      if (indexByCode === undefined) indexBySparseCode.set(code, index);
      else indexByCode[code] = index;
      patterns.push(patternOf(levels));
      patternCounts.push(0);
      for (const counts of sessionCounts) counts.push(0);
    }
    return index;
  };
  // The records the current record's keys propose, and for each the criteria whose strict keys
  // did, a bit each: gathered from its blocks, then put in order so that each pair is met once.
  let proposed = new Float64Array(64);
  let candidatePairs = 0;
  // What reading the forms ahead read, kept so that no engine drops the reads as unused.
  let fetched = 0;
  for (let i = 0; i < count; i++) {
    if (i % PROGRESS_EVERY === 0) progress(signal, onProgress, 'scoring', pairB.length);
    firstPair.push(pairB.length);
    let gathered = 0;
    for (let p = firstKey.get(i); p < firstKey.get(i + 1); p++) {
      const from = (partnersFrom[p] as number);
      const end = (partnersTo[p] as number);
      if (from === end) continue;
      // Only a strict key makes a pair a training pair of its criterion's session (see fellegi-sunter.ts).
      const keyOf = keyCriterion.get(p);
      const bit = (keyOf & LOOSE) === 0 ? 1 << (keyOf & CRITERION) : 0;
      if (gathered + end - from > proposed.length) {
        const grown = new Float64Array(Math.max(proposed.length * 2, gathered + end - from));
        grown.set(proposed);
        proposed = grown;
      }
      for (let q = from; q < end; q++) {
        const j = (recordAt[q] as number);
        if (j > i) proposed[gathered++] = j * CRITERIA_BITS + bit;
      }
    }
    if (gathered === 0) continue;
    sortNumbers(proposed, gathered);
    const startI = (formsAt[i] as number);
    // The proposed records' forms lie anywhere in memory: they are all read once before any is
    // compared, so that the processor fetches them side by side rather than one after the other
    // (15 % off scoring a million contacts).
    for (let g = 0; g < gathered; g++) fetched ^= formsAt[Math.floor((proposed[g] as number) / CRITERIA_BITS)] as number;
    for (let g = 0; g < gathered; g++) fetched ^= forms[formsAt[Math.floor((proposed[g] as number) / CRITERIA_BITS)] as number] as number;
    for (let g = 0; g < gathered; ) {
      const j = Math.floor((proposed[g] as number) / CRITERIA_BITS);
      let mask = 0;
      for (; g < gathered && Math.floor((proposed[g] as number) / CRITERIA_BITS) === j; g++) mask |= (proposed[g] as number) % CRITERIA_BITS;
      candidatePairs++;
      if (apartMarks.size > 0 && apartMarks.has(i * count + j)) continue;
      const index = compare(startI, formsAt[j] as number);
      pairB.push(j);
      pairPattern.push(index);
      patternCounts[index] = (patternCounts[index] as number) + 1;
      for (let k = 0; mask !== 0; k++, mask >>>= 1) {
        if ((mask & 1) === 0) continue;
        const counts = (sessionCounts[k] as number[]);
        counts[index] = (counts[index] as number) + 1;
      }
    }
  }

  firstPair.push(pairB.length);
  fetchedSink[0] = fetched;

  // 4. Weigh: the model given, or one estimated from random pairs and the candidates.
  let parameters: Parameters;
  if (settings.model === undefined) {
    // Per criterion, random pairs of the records that hold its field.
    const random = criteria.map((criterion, k) => {
      // Where each holder's form starts.
      const holders: number[] = [];
      for (let i = 0; i < count; i++) {
        const at = formAt(forms, formsAt[i] as number, k);
        if (at >= 0) holders.push(at);
      }
      const counts = criterion.rule.levels.map(() => 0);
      for (const [x, y] of randomPairs(holders.length, settings.seed)) {
        const level = criterion.rule.compare(forms, holders[x] as number, forms, holders[y] as number, vocabulary);
        counts[level] = (counts[level] as number) + 1;
      }
      return counts;
    });
    const countsOf = (counts: readonly number[]): Map<Pattern, number> => {
      const out = new Map<Pattern, number>();
      counts.forEach((counted, index) => {
        if (counted > 0) out.set(patterns[index] as Pattern, counted);
      });
      return out;
    };
    parameters = estimateParameters(criteria, random, countsOf(patternCounts), sessionCounts.map(countsOf), (count * (count - 1)) / 2);
  } else {
    parameters = parametersOf(settings.model, criteria);
  }
  const probabilities = patterns.map((pattern) => matchProbability(criteria.map((_, k) => levelOf(pattern, k)), parameters));
  const scoreDone = now();
  progress(signal, onProgress, 'clustering', 0);

  // 5. Cluster the strong pairs, kept apart by clear differences and marks.
  // Each strong pair keeps its pattern, for its explanation.
  const pairStarts = firstPair.view();
  const strongPairs: number[] = [];
  const linked = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    for (let p = (pairStarts[i] as number); p < (pairStarts[i + 1] as number); p++) {
      if ((probabilities[pairPattern.get(p)] as number) < settings.threshold) continue;
      strongPairs.push(p);
      linked[i] = 1;
      linked[pairB.get(p)] = 1;
    }
  }
  // Strongest first, for the clusters and the report alike; equal scores in order of (a, b), the
  // pairs' own order.
  const scoreOf = (p: number): number => probabilities[pairPattern.get(p)] as number;
  sortByScore(strongPairs, pairPattern, probabilities);
  // Only records with a strong link can end in one cluster: only between them is "apart" news.
  const apartA = new IntColumn();
  const apartB = new IntColumn();
  for (let i = 0; i < count; i++) {
    if (linked[i] !== 1) continue;
    for (let p = (pairStarts[i] as number); p < (pairStarts[i + 1] as number); p++) {
      const b = pairB.get(p);
      if (linked[b] === 1 && (probabilities[pairPattern.get(p)] as number) < CLEARLY_DIFFERENT) {
        apartA.push(i);
        apartB.push(b);
      }
    }
  }
  for (const packed of apartMarks) {
    apartA.push(Math.floor(packed / count));
    apartB.push(packed % count);
  }
  const strong = { a: strongPairs.map((p) => firstRecordOf(pairStarts, p)), b: strongPairs.map((p) => pairB.get(p)) };
  // Each id a report names, made once from the characters the table keeps (`namedAt[index]` is
  // its place in `named`, or -1).
  const named: string[] = [];
  const namedAt = new Int32Array(count).fill(-1);
  const idOf = (index: number): string => {
    const at = (namedAt[index] as number);
    if (at >= 0) return named[at] as string;
    namedAt[index] = named.length;
    const id = ids.text(index);
    named.push(id);
    return id;
  };
  const clusters = clusterPairs(count, strong, { a: apartA.view(), b: apartB.view() }).map((group) => Object.freeze(group.map(idOf)));
  const explanations = new Map<number, DuplicateExplanation>();
  const weights = weightsOf(parameters);
  const explain = (index: number): DuplicateExplanation => {
    let found = explanations.get(index);
    if (found === undefined) {
      found = explanationOf(patterns[index] as Pattern, criteria, weights);
      explanations.set(index, found);
    }
    return found;
  };
  const pairs: DuplicatePair[] = strongPairs.map((p, x) => {
    const a = idOf(strong.a[x] as number);
    const b = idOf(strong.b[x] as number);
    return Object.freeze({ a: a < b ? a : b, b: a < b ? b : a, score: scoreOf(p), explanation: explain(pairPattern.get(p)) });
  });
  const done = now();
  return Object.freeze({
    pairs: Object.freeze(pairs),
    clusters: Object.freeze(clusters),
    stats: Object.freeze({
      records: count,
      skipped,
      skippedRecords: Object.freeze(skippedRecords),
      candidatePairs,
      comparedPairs: pairB.length,
      stoppedValues: Object.freeze(stoppedValues.map((value) => Object.freeze(value))),
      timings: Object.freeze({ readMs: readDone - started, blockMs: blockDone - readDone, scoreMs: scoreDone - blockDone, clusterMs: done - scoreDone }),
    }),
    model: modelOf(parameters, criteria),
  });
}

interface Settings {
  readonly criteria: readonly CompiledCriterion[];
  readonly threshold: number;
  readonly defaultRegion: string | undefined;
  readonly notDuplicates: readonly (readonly [string, string])[];
  readonly stopLimit: number;
  readonly model: DuplicateModel | undefined;
  readonly seed: number;
  readonly signal: AbortSignalLike | undefined;
  readonly onProgress: ((progress: DuplicateScanProgress) => void) | undefined;
}

function readOptions(options: Readonly<Record<string, unknown>>): Settings {
  const criteria = compileCriteria(options.entityType, options.criteria, options.fields as FieldRegistry | undefined);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) throw bad('threshold is a probability above 0 and at most 1.');
  const stopLimit = options.stopLimit ?? DEFAULT_STOP_LIMIT;
  if (typeof stopLimit !== 'number' || !Number.isSafeInteger(stopLimit) || stopLimit < 2) throw bad('stopLimit is a whole number of at least 2.');
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw bad('seed is a whole number.');
  const defaultRegion = checkedRegion(options.defaultRegion);
  const notDuplicates = options.notDuplicates ?? [];
  if (!Array.isArray(notDuplicates) || !notDuplicates.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((id) => typeof id === 'string'))) {
    throw bad('notDuplicates is a list of pairs of ids.');
  }
  const signal = options.signal;
  if (signal !== undefined && !(isPlainObjectLike(signal) && typeof (signal as { aborted?: unknown }).aborted === 'boolean')) throw bad('signal is an AbortSignal.');
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw bad('onProgress is a function.');
  const model = options.model;
  if (model !== undefined) parametersOf(model as DuplicateModel, criteria);
  return {
    criteria,
    threshold,
    defaultRegion,
    notDuplicates: notDuplicates as readonly (readonly [string, string])[],
    stopLimit,
    model: model as DuplicateModel | undefined,
    seed,
    signal: signal as AbortSignalLike | undefined,
    onProgress: onProgress as ((progress: DuplicateScanProgress) => void) | undefined,
  };
}

// Sorts pairs (their numbers) by their patterns' probabilities, highest first, and equal ones by
// number: as numbers keyed by the rank of their probability, so that the engine sorts them
// without calling back for each comparison.
function sortByScore(pairs: number[], pairPattern: IntColumn, probabilities: readonly number[]): void {
  const distinct = [...new Set(pairs.map((p) => probabilities[pairPattern.get(p)] as number))].sort((x, y) => y - x);
  // A key holds a rank and a pair number exactly while the ranks fit in 53 - 32 bits.
  if (distinct.length > MOST_RANKS) {
    pairs.sort((x, y) => (probabilities[pairPattern.get(y)] as number) - (probabilities[pairPattern.get(x)] as number) || x - y);
    return;
  }
  const rankOf = new Map(distinct.map((probability, rank) => [probability, rank]));
  const ranks = probabilities.map((probability) => rankOf.get(probability) ?? 0);
  const keys = new Float64Array(pairs.length);
  pairs.forEach((p, x) => {
    keys[x] = (ranks[pairPattern.get(p)] as number) * PAIR_NUMBERS + p;
  });
  keys.sort();
  keys.forEach((key, x) => {
    pairs[x] = key % PAIR_NUMBERS;
  });
}
// Pair numbers are below 2^32 (they are the index of a 32-bit column), and ranks below 2^21 (written
// out: a computed constant is top-level work a bundler keeps).
const PAIR_NUMBERS = 4_294_967_296;
const MOST_RANKS = 2_097_152;

// Sorts the first `length` numbers of an array: by insertion when they are few, as they nearly
// always are (the records one record's keys propose).
function sortNumbers(values: Float64Array, length: number): void {
  if (length > 32) {
    values.subarray(0, length).sort();
    return;
  }
  for (let x = 1; x < length; x++) {
    const value = (values[x] as number);
    let y = x - 1;
    for (; y >= 0 && (values[y] as number) > value; y--) values[y + 1] = values[y] as number;
    values[y + 1] = value;
  }
}

// What a scan reads records into: where each record's forms start (in the form column) and its
// first key, and per key the two halves of its hash and its criterion (with the LOOSE and LOOKS
// flags). firstKey ends with the number of keys, once all are read.
interface ReadColumns {
  readonly formStart: IntColumn;
  readonly firstKey: IntColumn;
  readonly keyHigh: IntColumn;
  readonly keyLow: IntColumn;
  readonly keyCriterion: ByteColumn;
}

function readColumns(): ReadColumns {
  return { formStart: new IntColumn(), firstKey: new IntColumn(), keyHigh: new IntColumn(), keyLow: new IntColumn(), keyCriterion: new ByteColumn() };
}

// The records read without those whose id a record read before holds: their ids and columns, the
// records left out listed anew (the first hundred, in input order), and how many were repeated.
function withoutRepeatedIds(
  ids: TextTable,
  columns: ReadColumns,
  listed: readonly SkippedRecord[],
  skippedAt: Int32Array,
): { readonly ids: TextTable; readonly columns: ReadColumns; readonly skippedRecords: SkippedRecord[]; readonly repeated: number } {
  const repeated = ids.repeats();
  // A record left out for its fields whose id an earlier record holds is listed for its id.
  const skippedRecords = heldBefore(listed, ids, skippedAt);
  if (repeated.length === 0) return { ids, columns, skippedRecords, repeated: 0 };
  const first = repeated.slice(0, MOST_LISTED);
  const positions = positionsOf(first, skippedAt);
  const repeats = first.map((number, x) => skippedRecord(positions[x] as number, ids.text(number), [seenBefore()]));
  return {
    ids: ids.without(repeated),
    columns: withoutRecords(columns, repeated),
    skippedRecords: [...skippedRecords, ...repeats].sort((x, y) => x.position - y.position).slice(0, MOST_LISTED),
    repeated: repeated.length,
  };
}

// The columns without the records numbered in `dropped` (in order), the others numbered anew.
function withoutRecords(columns: ReadColumns, dropped: readonly number[]): ReadColumns {
  const out = readColumns();
  const records = columns.formStart.length;
  let next = 0;
  for (let record = 0; record < records; record++) {
    if (record === dropped[next]) {
      next++;
      continue;
    }
    out.formStart.push(columns.formStart.get(record));
    out.firstKey.push(out.keyHigh.length);
    for (let p = columns.firstKey.get(record); p < columns.firstKey.get(record + 1); p++) {
      out.keyHigh.push(columns.keyHigh.get(p));
      out.keyLow.push(columns.keyLow.get(p));
      out.keyCriterion.push(columns.keyCriterion.get(p));
    }
  }
  out.firstKey.push(out.keyHigh.length);
  return out;
}

// Where in the input some records were (their numbers in order), given where each record left out
// while reading was (in order): record r is the r-th input that was not left out.
function positionsOf(records: readonly number[], skippedAt: Int32Array): number[] {
  const out: number[] = [];
  let before = 0;
  for (const record of records) {
    while (before < skippedAt.length && (skippedAt[before] as number) <= record + before) before++;
    out.push(record + before);
  }
  return out;
}

function seenBefore(): Issue {
  return issue('DUPLICATE_ID', 'This id was seen before.', ['id']);
}

// The records listed as left out, each that was left out for its fields listed instead for its id
// when a record read before it (and kept) holds that id: an id seen before is the first thing
// wrong with a record.
function heldBefore(listed: readonly SkippedRecord[], ids: TextTable, skippedAt: Int32Array): SkippedRecord[] {
  const withIds = listed.flatMap((skipped) => (skipped.id === undefined ? [] : [skipped.id]));
  if (withIds.length === 0) return [...listed];
  const holders = ids.numbersOf(withIds);
  const numbers = [...new Set(holders.values())].sort((x, y) => x - y);
  const positions = positionsOf(numbers, skippedAt);
  const heldAt = new Map(numbers.map((number, x) => [number, positions[x] as number]));
  return listed.map((skipped) => {
    const holder = skipped.id === undefined ? undefined : holders.get(skipped.id);
    const at = holder === undefined ? undefined : heldAt.get(holder);
    return at !== undefined && at < skipped.position ? skippedRecord(skipped.position, skipped.id, [seenBefore()]) : skipped;
  });
}

function skippedRecord(position: number, id: string | undefined, issues: readonly Issue[]): SkippedRecord {
  return Object.freeze({ position, ...(id === undefined ? {} : { id }), issues });
}

function isPlainObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isSyncIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function now(): number {
  // Timings only: nothing the scan decides depends on them.
  return (globalThis as { performance?: { now(): number } }).performance?.now() ?? 0;
}

function progress(signal: AbortSignalLike | undefined, onProgress: ((progress: DuplicateScanProgress) => void) | undefined, phase: DuplicateScanProgress['phase'], done: number): void {
  if (signal?.aborted === true) throw signal.reason;
  onProgress?.({ phase, done });
}

// The record a pair is first of, given where each record's pairs start (the last record i with
// starts[i] <= pair).
function firstRecordOf(starts: Int32Array, pair: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as number) <= pair) low = middle;
    else high = middle;
  }
  return low;
}

// The marked pairs, as `i * count + j` of their positions (i < j); ids not read are ignored.
function markedPairs(marks: readonly (readonly [string, string])[], ids: TextTable, count: number): Set<number> {
  const out = new Set<number>();
  if (marks.length === 0) return out;
  const numbers = ids.numbersOf(marks.flat());
  for (const [x, y] of marks) {
    const i = numbers.get(x) ?? -1;
    const j = numbers.get(y) ?? -1;
    if (i >= 0 && j >= 0 && i !== j) out.add(Math.min(i, j) * count + Math.max(i, j));
  }
  return out;
}

// Random pairs of distinct records by a seeded generator (mulberry32); every pair when there are few.
function* randomPairs(count: number, seed: number): Generator<[number, number]> {
  if (count < 2) return;
  if ((count * (count - 1)) / 2 <= RANDOM_PAIRS) {
    for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) yield [i, j];
    return;
  }
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let drawn = 0; drawn < RANDOM_PAIRS; ) {
    const i = Math.floor(next() * count);
    const j = Math.floor(next() * count);
    if (i === j) continue;
    drawn++;
    yield [i, j];
  }
}

// Replaces each number of a text in `parts` with the text's rank among the distinct texts there,
// in the order of their texts (0 stays 0: the empty text comes first).
function rankTexts(parts: Int32Array, vocabulary: Words): void {
  let most = 0;
  for (const id of parts) if (id > most) most = id;
  const rank = new Int32Array(most + 1);
  const distinct: number[] = [];
  for (const id of parts) {
    if (id !== 0 && rank[id] === 0) {
      rank[id] = 1;
      distinct.push(id);
    }
  }
  const texts = distinct.map((id) => vocabulary.text(id));
  const byText = distinct.map((_, x) => x).sort((x, y) => ((texts[x] as string) < (texts[y] as string) ? -1 : (texts[x] as string) > (texts[y] as string) ? 1 : 0));
  byText.forEach((x, place) => {
    rank[distinct[x] as number] = place + 1;
  });
  for (let p = 0; p < parts.length; p++) parts[p] = rank[parts[p] as number] as number;
}
