import type { StoredRecord } from '../../entities/index.js';
import { isPlainRecord, putData, sealableBag } from '../../kernel/index.js';

type Bag = Record<string, unknown>;

/**
 * A bag whose keys are all data (ARCHITECTURE.md §3), so a `__proto__` key is an ordinary one,
 * built so that V8 keeps it in fast mode (`putData`). `{}`, not `Object.create(null)`: V8 keeps
 * the latter in slow dictionary mode.
 */
export function bagOf(entries: Iterable<readonly [string, unknown]>): Bag {
  const out: Bag = {};
  let count = 0;
  for (const [key, value] of entries) putData(out, key, value, count++);
  return out;
}

/**
 * A copy of a bag that a planner goes on to add fields to and then seals: key by key into a
 * `sealableBag`. Not `{ ...bag }`: V8 gives an object made by spreading a map of its own, so every
 * field added after costs a new map (a create took ten times longer, docs/design-notes.md).
 */
export function copyBag(bag: Readonly<Bag>): Bag {
  const out = sealableBag();
  let count = 0;
  for (const key of Object.keys(bag)) putData(out, key, bag[key], count++);
  return out;
}

/**
 * A stored record with a validated patch merged in: `null` clears, `undefined` leaves as is;
 * `custom` merges per code. Builds a new record (removing keys would push V8 into dictionary mode).
 */
export function mergePatch(current: StoredRecord, patch: Readonly<Bag>): Bag {
  const cleared = new Set(Object.keys(patch).filter((key) => patch[key] === null));
  const next = bagOf(Object.entries(current).filter(([key]) => !cleared.has(key)));
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null) continue;
    if (key === 'custom' && isPlainRecord(value)) {
      const merged = new Map<string, unknown>(Object.entries(current.custom));
      for (const [code, given] of Object.entries(value)) {
        if (given === null) merged.delete(code);
        else if (given !== undefined) merged.set(code, given);
      }
      next.custom = bagOf(merged);
    } else {
      next[key] = value;
    }
  }
  return next;
}

/** The fields a validated patch writes (`undefined` leaves a field as it is), custom ones as `custom.<code>`, sorted. */
export function changedFields(changes: Readonly<Bag>): string[] {
  const fields = Object.keys(changes).filter((key) => key !== 'custom' && changes[key] !== undefined);
  const custom: unknown = changes.custom;
  if (isPlainRecord(custom)) for (const code of Object.keys(custom)) if (custom[code] !== undefined) fields.push(`custom.${code}`);
  return fields.sort();
}

