import { describe, expect, it } from 'vitest';
import { activityInputSchema, activityPatchSchema, activitySchema, companyInputSchema, companyPatchSchema, companySchema, contactInputSchema, contactPatchSchema, contactSchema, dealInputSchema, dealPatchSchema, dealSchema, ENTITY_TYPES, invoiceInputSchema, invoicePatchSchema, invoiceSchema, leadInputSchema, leadPatchSchema, leadSchema, LINK_TARGETS, quoteInputSchema, quotePatchSchema, quoteSchema, STANDARD_FIELD_TYPES, STANDARD_FIELDS, listStandardFields } from 'crm-kit';
import type { EntityType } from 'crm-kit';
import type { z } from 'zod';

const SCHEMAS: Readonly<Record<EntityType, readonly [z.ZodType, z.ZodType, z.ZodType]>> = {
  lead: [leadInputSchema, leadPatchSchema, leadSchema],
  contact: [contactInputSchema, contactPatchSchema, contactSchema],
  company: [companyInputSchema, companyPatchSchema, companySchema],
  deal: [dealInputSchema, dealPatchSchema, dealSchema],
  activity: [activityInputSchema, activityPatchSchema, activitySchema],
  invoice: [invoiceInputSchema, invoicePatchSchema, invoiceSchema],
  quote: [quoteInputSchema, quotePatchSchema, quoteSchema],
};

// The schemas are a plain-record check piped into a zod object; the object's shape lists the keys they accept.
const keysOf = (schema: z.ZodType): string[] => Object.keys((schema as unknown as { out: { shape: object } }).out.shape).sort();
const codesOf = (type: EntityType, keep: (f: (typeof STANDARD_FIELDS)[EntityType][number]) => boolean = () => true): string[] =>
  listStandardFields(type)
    .filter(keep)
    .map((f) => f.code)
    .sort();

describe('the standard field registry', () => {
  it.each(ENTITY_TYPES)('lists exactly the keys of a stored %s', (type) => {
    expect(codesOf(type)).toEqual(keysOf(SCHEMAS[type][2]));
  });

  it.each(ENTITY_TYPES)('lists as not system exactly the keys a %s input and patch accept', (type) => {
    const writable = codesOf(type, (f) => !f.system);
    expect(keysOf(SCHEMAS[type][0])).toEqual(writable);
    expect(keysOf(SCHEMAS[type][1])).toEqual(writable);
  });

  it.each(ENTITY_TYPES)('gives every %s field one code, an English and a Spanish label, and a known type', (type) => {
    const fields = listStandardFields(type);
    expect(new Set(fields.map((f) => f.code)).size).toBe(fields.length);
    for (const f of fields) {
      expect(f.labels.en.trim()).not.toBe('');
      expect(f.labels.es.trim()).not.toBe('');
      expect(STANDARD_FIELD_TYPES).toContain(f.type);
    }
  });

  it.each(ENTITY_TYPES)('marks the %s lists as multiple and never sortable', (type) => {
    for (const f of listStandardFields(type)) {
      expect(f.multiple).toBe(['multifield', 'links', 'bindings', 'product-rows'].includes(f.type));
      if (f.multiple) expect(f.sortable).toBe(false);
    }
  });

  it.each(ENTITY_TYPES)('names the targets of every %s link, and only of links', (type) => {
    for (const f of listStandardFields(type)) {
      if (['link', 'links', 'bindings'].includes(f.type)) {
        expect(f.targets?.length).toBeGreaterThan(0);
        for (const target of f.targets ?? []) expect(LINK_TARGETS).toContain(target);
      } else {
        expect(f.targets).toBeUndefined();
      }
    }
  });

  it.each(ENTITY_TYPES)('never lets a %s hide its id, version, custom values or responsible person', (type) => {
    const fixed = codesOf(type, (f) => !f.hideable);
    for (const code of ['id', 'version', 'custom', 'assignedById']) expect(fixed).toContain(code);
  });

  it('keeps what crm-kit maintains out of exports only where it is technical', () => {
    const notExported = ENTITY_TYPES.flatMap((type) => listStandardFields(type).filter((f) => !f.exportable).map((f) => f.code));
    expect([...new Set(notExported)].sort()).toEqual(['bindings', 'communications', 'custom', 'productRows', 'version']);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(STANDARD_FIELDS)).toBe(true);
    for (const type of ENTITY_TYPES) {
      expect(Object.isFrozen(STANDARD_FIELDS[type])).toBe(true);
      for (const f of STANDARD_FIELDS[type]) {
        expect(Object.isFrozen(f)).toBe(true);
        expect(Object.isFrozen(f.labels)).toBe(true);
      }
    }
  });

  it('has no fields for an unknown entity type', () => {
    expect(listStandardFields('ticket' as EntityType)).toEqual([]);
    expect(listStandardFields('toString' as EntityType)).toEqual([]);
  });
});
