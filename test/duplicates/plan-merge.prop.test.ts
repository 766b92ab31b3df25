import fc from 'fast-check';
import { createFieldRegistry, normaliseEmail, normalisePhone, planMerge } from 'crm-kit';
import type { EntityType, FieldDefinition, FieldRegistry, MergeChild, MergePlan, MergePolicy } from 'crm-kit';
import { arbCompany, arbContact, arbDeal, arbLead } from 'crm-kit/testing';
import { describe, expect, it } from 'vitest';
import { STORED } from '../entities/fixtures.js';
import { applyPlan, keyOf, planOf, undoPlan } from './merge-fixtures.js';
import type { World } from './merge-fixtures.js';

// Seeds: test/setup.ts replays FC_SEED (a fixed one in CI), and fast-check prints the seed and the
// shrunk counterexample of a failure.

type Merged = 'contact' | 'company' | 'deal' | 'lead';
type Bag = Readonly<Record<string, unknown>>;

const TIMEOUT = 60_000;
const MARK = 'ᚼsecret';

const field = (definition: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'code'>): FieldDefinition =>
  ({ labels: { en: definition.code }, ...definition }) as FieldDefinition;
const CUSTOM: readonly FieldDefinition[] = [
  field({ type: 'string', code: 'tier' }),
  field({ type: 'string', code: 'tags', multiple: true }),
  field({ type: 'integer', code: 'score' }),
  field({ type: 'string', code: 'secret', visibility: { restrictedTo: { roleIds: ['finance'] } } }),
];
const REGISTRIES: { readonly [E in Merged]: FieldRegistry<E> } = {
  contact: createFieldRegistry('contact', { customFields: CUSTOM }),
  company: createFieldRegistry('company', { customFields: CUSTOM }),
  deal: createFieldRegistry('deal', { customFields: CUSTOM }),
  lead: createFieldRegistry('lead', { customFields: CUSTOM }),
};
const HIDDEN: ReadonlySet<string> = new Set(['custom.secret']);

// The link fields that point at each merged type, written out here as the oracle (the planner
// derives them from the field tables).
const LINKS: Readonly<Record<Merged, readonly (readonly [EntityType, string, 'link' | 'links' | 'bindings'])[]>> = {
  contact: [['deal', 'contactIds', 'links'], ['lead', 'contactId', 'link'], ['invoice', 'contactIds', 'links'], ['quote', 'contactIds', 'links'], ['activity', 'bindings', 'bindings']],
  company: [['contact', 'companyIds', 'links'], ['deal', 'companyId', 'link'], ['lead', 'companyId', 'link'], ['invoice', 'companyId', 'link'], ['quote', 'companyId', 'link'], ['activity', 'bindings', 'bindings']],
  deal: [['lead', 'dealId', 'link'], ['invoice', 'dealId', 'link'], ['quote', 'dealId', 'link'], ['activity', 'bindings', 'bindings']],
  lead: [['contact', 'leadId', 'link'], ['company', 'leadId', 'link'], ['deal', 'leadId', 'link'], ['activity', 'bindings', 'bindings']],
};

const ARBITRARIES: Readonly<Record<Merged, fc.Arbitrary<Bag>>> = {
  contact: arbContact.map((record): Bag => ({ ...record })),
  company: arbCompany.map((record): Bag => ({ ...record })),
  deal: arbDeal.map((record): Bag => ({ ...record })),
  lead: arbLead.map((record): Bag => ({ ...record })),
};

const word = fc.constantFrom('gold', 'Gold', 'silver', 'madrid', 'Madrid.', 'vip');
const customValues = fc.record(
  {
    tier: word,
    tags: fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
    score: fc.integer({ min: 0, max: 3 }),
    secret: fc.constantFrom('a', 'b', 'c').map((x) => `${MARK}-${x}`),
  },
  { requiredKeys: [] },
);

// Fields a twin may copy from the survivor: what people type, never stage, amount or system fields,
// so that every record stays a valid stored record.
const COPYABLE = [
  'title', 'companyTitle', 'honorific', 'firstName', 'secondName', 'lastName', 'position', 'birthdate', 'type', 'source',
  'industry', 'employees', 'phones', 'emails', 'websites', 'messengers', 'address', 'comments', 'utmSource', 'opened',
  'exportable', 'assignedById', 'companyIds', 'contactIds', 'companyId', 'contactId', 'leadId', 'expectedCloseDate',
];
const TEXTS = new Set(['title', 'companyTitle', 'firstName', 'lastName', 'position', 'comments']);

interface Case {
  readonly entityType: Merged;
  readonly records: readonly Bag[];
  readonly children: readonly MergeChild[];
  readonly policy: MergePolicy | undefined;
}

function recordsOf(entityType: Merged): fc.Arbitrary<Bag[]> {
  const one = fc.record({ record: ARBITRARIES[entityType], custom: customValues, copies: fc.array(fc.constantFrom(...COPYABLE), { maxLength: 12 }), shout: fc.boolean() });
  return fc.array(one, { minLength: 2, maxLength: 4 }).map((list) => {
    const survivor = list[0]?.record ?? {};
    return list.map(({ record, custom, copies, shout }, n) => {
      const out: Record<string, unknown> = { ...record, id: `r${n}`, custom };
      // Twins: some fields copied from the survivor, text sometimes in capitals with a trailing dot.
      for (const key of n === 0 ? [] : copies) {
        const value = survivor[key];
        if (value === undefined) Reflect.deleteProperty(out, key);
        else out[key] = shout && TEXTS.has(key) && typeof value === 'string' ? `${value.toUpperCase()}.` : value;
      }
      return out;
    });
  });
}

function childrenOf(entityType: Merged, pool: readonly string[]): fc.Arbitrary<MergeChild[]> {
  const slot = fc.constantFrom(...LINKS[entityType]);
  const id = fc.constantFrom(...pool);
  const child = fc.tuple(slot, fc.uniqueArray(id, { minLength: 1, maxLength: 3 }), fc.uniqueArray(fc.constantFrom<EntityType>('contact', 'company', 'deal', 'lead'), { maxLength: 2 }));
  return fc.array(child, { maxLength: 6 }).map((list) =>
    list.map(([[childType, code, shape], ids, others], n): MergeChild => {
      const value =
        shape === 'link'
          ? ids[0]
          : shape === 'links'
            ? ids
            : [...ids.map((one) => ({ entityType, id: one })), ...others.filter((other) => other !== entityType).map((other) => ({ entityType: other, id: ids[0] }))];
      return { entityType: childType, record: { ...STORED[childType], id: `ch${n}`, [code]: value } } as unknown as MergeChild;
    }),
  );
}

const cases: fc.Arbitrary<Case> = fc.constantFrom<Merged>('contact', 'company', 'deal', 'lead').chain((entityType) =>
  recordsOf(entityType).chain((records) =>
    fc.record({
      entityType: fc.constant(entityType),
      records: fc.constant(records),
      children: childrenOf(entityType, [...records.map((record) => record.id as string), 'x1', 'x2']),
      policy: fc.constantFrom<MergePolicy | undefined>(undefined, 'survivorWins', 'mostRecent'),
    }),
  ),
);

function plan(c: Case): MergePlan {
  const [survivor, ...absorbed] = c.records as [Bag, ...Bag[]];
  return planOf(
    planMerge({
      entityType: c.entityType,
      survivor: survivor as never,
      absorbed: absorbed as never,
      fields: REGISTRIES[c.entityType],
      children: c.children,
      hidden: HIDDEN,
      ...(c.policy === undefined ? {} : { policy: c.policy }),
    }),
  );
}

function worldOf(c: Case): World {
  const world: World = new Map();
  for (const record of c.records) world.set(keyOf(c.entityType, record.id as string), record);
  for (const child of c.children) world.set(keyOf(child.entityType, child.record.id), child.record as unknown as Bag);
  return world;
}

const customOf = (record: Bag): Bag => (record.custom ?? {}) as Bag;
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? (value as readonly unknown[]) : []);
const entry = (item: unknown): string => String((item as Bag).value);

// The comparison form of a multi-field entry, as a person would tell numbers and addresses apart.
const FORMS: Readonly<Record<string, (value: string) => string>> = {
  phones: (value) => normalisePhone(value) ?? value,
  emails: (value) => normaliseEmail(value) ?? value,
  websites: (value) => value.trim().toLowerCase(),
  messengers: (value) => value.trim().toLowerCase(),
};

const UNITED: ReadonlySet<string> = new Set(['phones', 'emails', 'websites', 'messengers', 'contactIds', 'companyIds', 'custom.tags']);
// A group takes all its fields from the record that has its first one (a deal's amount with its tax).
const TOGETHER: ReadonlySet<string> = new Set(['amount', 'taxAmount', 'productRows', 'amountIsManual', 'probability', 'probabilityIsManual', 'stageId', 'pipelineId', 'lossReasonId', 'closed', 'closedAt', 'movedAt', 'movedById', 'status', 'convertedAt']);

describe('planMerge properties', () => {
  it(
    'merge conserves every value: each multi-field entry, multiple custom value and link is on the survivor afterwards, and every other value is on it or in the undo data',
    () => {
      fc.assert(
        fc.property(cases, (c) => {
          const merged = plan(c);
          const [survivor, ...absorbed] = c.records as [Bag, ...Bag[]];
          const after = applyPlan(worldOf(c), merged).get(keyOf(c.entityType, survivor.id as string)) ?? {};
          expect(merged.undo.absorbed).toEqual(absorbed);
          for (const record of c.records) {
            for (const [code, form] of Object.entries(FORMS)) {
              const held = new Set(list(after[code]).map((item) => form(entry(item))));
              for (const item of list(record[code])) expect(held.has(form(entry(item)))).toBe(true);
            }
            for (const code of ['contactIds', 'companyIds']) {
              for (const id of list(record[code])) expect(list(after[code])).toContain(id);
            }
            const tags = new Set(list(customOf(after).tags).map((tag) => String(tag).toLowerCase().replace(/\.$/, '')));
            for (const tag of list(customOf(record).tags)) expect(tags.has(String(tag).toLowerCase().replace(/\.$/, ''))).toBe(true);
          }
          // The survivor's own values: kept, or recorded in the undo data.
          for (const code of merged.changed) {
            const before = code.startsWith('custom.') ? customOf(survivor)[code.slice(7)] : survivor[code];
            const undone = code.startsWith('custom.') ? merged.undo.survivor.custom?.[code.slice(7)] : merged.undo.survivor[code];
            expect(undone).toEqual(before ?? null);
          }
          // Nothing is invented: each value decided for a field is one record's value.
          for (const decision of merged.decisions.filter((d) => d.reason !== 'union' && d.fields.length === 1)) {
            const [code] = decision.fields as [string];
            const read = (record: Bag): unknown => (code.startsWith('custom.') ? customOf(record)[code.slice(7)] : record[code]) ?? null;
            expect(c.records.some((record) => JSON.stringify(read(record)) === JSON.stringify(decision.value))).toBe(true);
          }
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'every child link pointing at a merged record points at the survivor afterwards, and nothing else changes',
    () => {
      fc.assert(
        fc.property(cases, (c) => {
          const merged = plan(c);
          const survivorId = merged.survivorId;
          const gone = new Set(merged.absorbedIds);
          const world = applyPlan(worldOf(c), merged);
          for (const child of c.children) {
            const before = child.record as unknown as Bag;
            const now = world.get(keyOf(child.entityType, child.record.id)) ?? {};
            const expected: Record<string, unknown> = { ...before };
            for (const [childType, code, shape] of LINKS[c.entityType]) {
              if (childType !== child.entityType || before[code] === undefined) continue;
              const value = before[code];
              if (shape === 'link') expected[code] = gone.has(value as string) ? survivorId : value;
              else if (shape === 'links') expected[code] = [...new Set(list(value).map((id) => (gone.has(id as string) ? survivorId : id)))];
              else {
                const moved = list(value).map((link) => {
                  const { entityType, id } = link as { entityType: string; id: string };
                  return entityType === c.entityType && gone.has(id) ? { entityType, id: survivorId } : { entityType, id };
                });
                expected[code] = moved.filter((link, n) => moved.findIndex((other) => other.entityType === link.entityType && other.id === link.id) === n);
              }
            }
            expect(now).toEqual(expected);
          }
          // Only children are relinked, each field once.
          const updated = merged.childUpdates.map((u) => `${u.entityType}:${u.id}:${u.field}`);
          expect(new Set(updated).size).toBe(updated.length);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'the undo data restores the exact prior records: apply then undo gives the store as it was',
    () => {
      fc.assert(
        fc.property(cases, (c) => {
          const merged = plan(c);
          const before = worldOf(c);
          expect(undoPlan(applyPlan(before, merged), merged)).toEqual(before);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'no decision or conflict holds a hidden field or its value, and a hidden value is never dropped',
    () => {
      fc.assert(
        fc.property(cases, (c) => {
          const merged = plan(c);
          const preview = JSON.stringify([merged.decisions, merged.conflicts]);
          expect(preview).not.toContain(MARK);
          expect(preview).not.toContain('custom.secret');
          const [survivor, ...absorbed] = c.records as [Bag, ...Bag[]];
          const after = applyPlan(worldOf(c), merged).get(keyOf(c.entityType, survivor.id as string)) ?? {};
          const first = [survivor, ...absorbed].map((record) => customOf(record).secret).find((secret) => secret !== undefined);
          expect(customOf(after).secret).toBe(first);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'survivorWins and mostRecent leave no conflict, and survivorWins never changes a value the survivor has (lists and fields decided together aside)',
    () => {
      fc.assert(
        fc.property(
          cases.filter((c) => c.policy !== undefined),
          (c) => {
            const merged = plan(c);
            expect(merged.conflicts).toEqual([]);
            if (c.policy !== 'survivorWins') return;
            const [survivor] = c.records as [Bag];
            for (const code of merged.changed) {
              if (UNITED.has(code) || TOGETHER.has(code)) continue;
              const had = code.startsWith('custom.') ? customOf(survivor)[code.slice(7)] : survivor[code];
              expect(had === undefined || (Array.isArray(had) && had.length === 0)).toBe(true);
            }
          },
        ),
      );
    },
    TIMEOUT,
  );
});
