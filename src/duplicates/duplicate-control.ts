import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import type { DuplicateCriterion, DuplicateEntityType } from './criteria.js';
import { DUPLICATE_ENTITY_TYPES } from './criteria.js';
import { createDuplicateMatcher } from './duplicate-matcher.js';
import type { DuplicateModel } from './duplicate-model.js';
import { findDuplicates } from './find-duplicates.js';
import { isAutoMergeable } from './is-auto-mergeable.js';
import { listLinksTo } from './list-links-to.js';
import { planMergeUndo } from './plan-merge-undo.js';
import { planMerge } from './plan-merge.js';

/**
 * How a CRM finds duplicates. Every part is optional:
 *
 * - `defaultRegion`: the region national phone numbers are read in (`'ES'`).
 * - `criteria`: what to compare per entity type, replacing {@link DEFAULT_DUPLICATE_CRITERIA}.
 * - `models`: per entity type, the model of an earlier scan (`report.model`) that checks score
 *   with; without one a check uses the comparators' priors.
 * - `threshold` (default 0.9) and `stopLimit` (default 100): as in {@link findDuplicates}.
 */
export interface DuplicateControlSettings {
  readonly defaultRegion?: string | undefined;
  readonly criteria?: Readonly<Partial<Record<DuplicateEntityType, readonly DuplicateCriterion[]>>> | undefined;
  readonly models?: Readonly<Partial<Record<DuplicateEntityType, DuplicateModel>>> | undefined;
  readonly threshold?: number | undefined;
  readonly stopLimit?: number | undefined;
}

/**
 * Duplicate control for `createCrm`: its settings and the functions the CRM's duplicate and merge
 * services run. A CRM made without it neither keeps match keys nor checks, scans or merges, and
 * its bundle holds none of this module (nor libphonenumber's metadata).
 */
export interface DuplicateControl {
  readonly settings: DuplicateControlSettings;
  readonly createDuplicateMatcher: typeof createDuplicateMatcher;
  readonly findDuplicates: typeof findDuplicates;
  readonly isAutoMergeable: typeof isAutoMergeable;
  readonly listLinksTo: typeof listLinksTo;
  readonly planMerge: typeof planMerge;
  readonly planMergeUndo: typeof planMergeUndo;
}

const KNOWN: ReadonlySet<string> = new Set(['defaultRegion', 'criteria', 'models', 'threshold', 'stopLimit']);

/**
 * Turns duplicate control on for a CRM: `createCrm({ ..., duplicates: duplicateControl({ defaultRegion: 'ES' }) })`.
 * Then the CRM writes each lead's, contact's, company's and deal's match keys with the record, in
 * the same transaction, and offers `me.duplicates.check` and `scan`, `me.<type>.merge` and
 * `previewMerge`, and `me.merges.undo`. The settings are checked when the CRM is made.
 *
 * @param settings - Region, criteria and models per type, threshold and stop limit.
 * @returns The control to give `createCrm` as `duplicates`.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for settings that are not a plain object of the known keys.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'crm-kit/memory';
 * const access = createAccessPolicy({ roles: [{ id: 'all', name: 'All', permissions: { contact: { read: 'all', add: 'all', update: 'all', delete: 'all' } } }], orgChart: { departments: [] } });
 * const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access, duplicates: duplicateControl({ defaultRegion: 'ES' }) });
 * const me = crm.as({ userId: 'u-ana', roleIds: ['all'], departmentIds: [], isAdmin: false });
 * await me.contacts.create({ firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' }] });
 * (await me.duplicates.check('contact', { firstName: 'Ana', lastName: 'Garcia', phones: [{ value: '+34612345678', kind: 'work' }] })).length; //=> 1
 * ```
 */
export function duplicateControl(settings: DuplicateControlSettings = {}): DuplicateControl {
  if (!isPlainRecord(settings) || Object.keys(settings).some((key) => !KNOWN.has(key))) {
    throw invalidArgument('duplicateControl takes { defaultRegion?, criteria?, models?, threshold?, stopLimit? }.');
  }
  for (const name of ['criteria', 'models'] as const) {
    const map: unknown = settings[name] ?? {};
    if (!isPlainRecord(map) || Object.keys(map).some((key) => !(DUPLICATE_ENTITY_TYPES as readonly string[]).includes(key))) {
      throw invalidArgument(`${name} maps lead, contact, company and deal to their settings.`);
    }
  }
  return Object.freeze({ settings: Object.freeze({ ...settings }), createDuplicateMatcher, findDuplicates, isAutoMergeable, listLinksTo, planMerge, planMergeUndo });
}
