import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, LINK_TARGETS, STANDARD_FIELD_TYPES, STANDARD_FIELDS, listStandardFields } from 'crm-kit';
import type { EntityType } from 'crm-kit';

// The entity schemas are built from the same declarations as these rows (entities/_internal/
// standard-forms.ts), so that their keys are exactly these codes holds by construction.
const codesOf = (type: EntityType, keep: (f: (typeof STANDARD_FIELDS)[EntityType][number]) => boolean = () => true): string[] =>
  listStandardFields(type)
    .filter(keep)
    .map((f) => f.code)
    .sort();

describe('the standard field registry', () => {
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

  it.each(ENTITY_TYPES)('names the targets of every %s link, and only of links (an activity communication names its record)', (type) => {
    for (const f of listStandardFields(type)) {
      if (['link', 'links', 'bindings'].includes(f.type) || (type === 'activity' && f.code === 'communications')) {
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
    expect([...new Set(notExported)].sort()).toEqual(['communications', 'custom', 'productRows', 'version']);
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
