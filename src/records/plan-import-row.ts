import type { StoredRecord } from '../entities/index.js';
import type { Issue } from '../kernel/index.js';
import { invalidArgument, isEmptyValue, isPlainRecord, issue } from '../kernel/index.js';

/**
 * What an import does with a row that matches a record already stored (DOMAIN.md, "Import"):
 * `none` creates it anyway (no duplicate control; a record with the same external id is still
 * never created twice), `skip` leaves the stored record alone, `replace` writes every value the row
 * gives over the stored ones, `merge` fills only what the stored record lacks and adds the phones,
 * e-mails and links it does not have yet.
 *
 * @example
 * ```ts
 * IMPORT_DUPLICATE_MODES; //=> ['none', 'skip', 'replace', 'merge']
 * ```
 */
export const IMPORT_DUPLICATE_MODES = ['none', 'skip', 'replace', 'merge'] as const;

/** One of {@link IMPORT_DUPLICATE_MODES}. */
export type ImportDuplicateMode = (typeof IMPORT_DUPLICATE_MODES)[number];

/**
 * A stored record an import row matched: by the external id the row gives, or as its most likely
 * duplicate.
 */
export interface ImportMatch {
  readonly record: StoredRecord;
  readonly by: 'externalId' | 'duplicate';
}

/** What an import does with one row, decided by {@link planImportRow}. */
export type ImportDecision =
  | { readonly kind: 'create'; readonly input: Readonly<Record<string, unknown>> }
  | { readonly kind: 'update'; readonly id: string; readonly expectedVersion: number; readonly patch: Readonly<Record<string, unknown>> }
  | { readonly kind: 'skip'; readonly id: string; readonly issue: Issue };

// Fields an import never changes on a stored record: its stage moves through the pipeline rules,
// and its identity and bookkeeping belong to the store.
const NOT_PATCHED: ReadonlySet<string> = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdById', 'updatedById', 'stageId', 'status', 'pipelineId']);

/**
 * Decides what an import does with a row: create a record from its input, update the record it
 * matched, or skip the row. A row matching by external id is never created again: it is skipped,
 * or with `replace` and `merge` updates that record. A row matching a duplicate follows the mode.
 * The patch of `replace` holds every value the row gives; the patch of `merge` only the values the
 * stored record lacks, with phones, e-mails, websites, messengers and links added to the stored
 * lists. Stages are never patched by an import, nor a stored external id replaced.
 *
 * @param input - The row's record input (as the service's `create` takes it).
 * @param match - The stored record it matched, or `undefined`.
 * @param mode - What to do with a match.
 * @returns The decision, as plain data.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for an input that is not an object or an unknown mode.
 *
 * @example
 * ```ts
 * const stored = { id: 'c-1', version: 3, firstName: 'Ana', lastName: '', phones: [{ value: '+34600111222', kind: 'work' }], custom: {} } as unknown as StoredRecord;
 * const row = { firstName: 'Ana María', lastName: 'García', phones: [{ value: '+34600999888', kind: 'mobile' }] };
 * planImportRow(row, { record: stored, by: 'duplicate' }, 'merge');
 * //=> { kind: 'update', id: 'c-1', expectedVersion: 3, patch: { lastName: 'García', phones: [{ value: '+34600111222', kind: 'work' }, { value: '+34600999888', kind: 'mobile' }] } }
 * planImportRow(row, { record: stored, by: 'externalId' }, 'none').kind; //=> 'skip'
 * planImportRow(row, undefined, 'skip').kind; //=> 'create'
 * ```
 */
export function planImportRow(input: Readonly<Record<string, unknown>>, match: ImportMatch | undefined, mode: ImportDuplicateMode): ImportDecision {
  // Stryker disable next-line StringLiteral: message text
  if (!isPlainRecord(input)) throw invalidArgument('An import row is a record input.');
  // Stryker disable next-line StringLiteral: message text
  if (!(IMPORT_DUPLICATE_MODES as readonly unknown[]).includes(mode)) throw invalidArgument(`The duplicate mode is one of ${IMPORT_DUPLICATE_MODES.join(', ')}.`);
  if (match === undefined) return { kind: 'create', input };
  const { record } = match;
  if (mode === 'skip' || (mode === 'none' && match.by === 'externalId')) {
    return {
      kind: 'skip',
      id: record.id,
      issue:
        match.by === 'externalId'
          ? // Stryker disable next-line StringLiteral: message text
            issue('ALREADY_IMPORTED', 'A record with this external id is already stored.', ['externalId'])
          : // Stryker disable next-line StringLiteral: message text
            issue('DUPLICATE_RECORD', 'The row is probably a record already stored.'),
    };
  }
  // `none` with a duplicate: duplicates are not looked for, so the caller has no match to give.
  if (mode === 'none') return { kind: 'create', input };
  const stored = record as unknown as Readonly<Record<string, unknown>>;
  const patch = mode === 'replace' ? replacePatch(input, stored) : mergePatch(input, stored);
  return { kind: 'update', id: record.id, expectedVersion: record.version, patch };
}

function replacePatch(input: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (NOT_PATCHED.has(field) || isEmptyValue(value)) continue;
    // The external id a record was imported with is how a later import finds it: never replaced.
    if (field === 'externalId' && !isEmptyValue(stored.externalId)) continue;
    if (field === 'custom' && isPlainRecord(value)) {
      const custom = bagOf(value, () => true);
      if (Object.keys(custom).length > 0) patch.custom = custom;
    } else patch[field] = value;
  }
  return patch;
}

function mergePatch(input: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (NOT_PATCHED.has(field) || isEmptyValue(value)) continue;
    const current = stored[field];
    if (field === 'custom' && isPlainRecord(value)) {
      const have = isPlainRecord(current) ? current : {};
      const custom = bagOf(value, (code) => isEmptyValue(have[code]));
      if (Object.keys(custom).length > 0) patch.custom = custom;
    } else if (Array.isArray(value) && Array.isArray(current)) {
      const have: readonly unknown[] = current;
      const added = (value as readonly unknown[]).filter((item) => !have.some((kept) => sameItem(kept, item)));
      if (added.length > 0) patch[field] = [...have, ...added];
    } else if (isEmptyValue(current)) patch[field] = value;
  }
  return patch;
}

/** A bag of custom values with only the codes kept, built without assigning user keys. */
function bagOf(values: Readonly<Record<string, unknown>>, keep: (code: string) => boolean): Record<string, unknown> {
  const bag: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [code, value] of Object.entries(values)) {
    if (!isEmptyValue(value) && keep(code)) Object.defineProperty(bag, code, { value, enumerable: true, writable: true, configurable: true });
  }
  return bag;
}

/** Two items of a list are one: the same id, or the same multi-field value ({@link sameMultiFieldValue}). */
function sameItem(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return isPlainRecord(a) && isPlainRecord(b) && typeof a.value === 'string' && typeof b.value === 'string' && sameMultiFieldValue(a.value, b.value);
}

/**
 * Whether two values of a multi-field are one: case, spaces and punctuation aside, and a phone
 * written with its country code and without it (the longer ends with the shorter, of at least
 * eight digits). What an import merges by, and finds a reference by.
 */
export function sameMultiFieldValue(a: string, b: string): boolean {
  const [x, y] = [squeeze(a), squeeze(b)];
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return /^\+?\d{8,}$/.test(short) && /^\+?\d+$/.test(long) && long.endsWith(short.replace('+', ''));
}

function squeeze(text: string): string {
  return text.replace(/[\s()./-]/g, '').toLowerCase();
}
