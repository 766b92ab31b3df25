import { describe, expect, it } from 'vitest';
import {
  addCustomField,
  createFieldRegistry,
  getCustomField,
  hideField,
  isCrmError,
  removeField,
  showField,
  listStandardFields,
  SystemFieldError,
  toFieldRegistry,
  updateCustomField,
} from 'crm-kit';
import type { FieldRegistry, ValidationError } from 'crm-kit';
import { codeOf } from '../support/errors.js';


const budget = { type: 'money', code: 'budget', labels: { en: 'Budget', es: 'Presupuesto' } } as const;
const tier = {
  type: 'enumeration',
  code: 'tier',
  labels: { en: 'Tier' },
  options: [
    { id: 'gold', labels: { en: 'Gold' } },
    { id: 'silver', labels: { en: 'Silver' } },
  ],
} as const;

describe('field registries', () => {
  it('start at revision 0 and are frozen', () => {
    const registry = createFieldRegistry('deal', { customFields: [budget] });
    expect(registry.revision).toBe(0);
    expect(Object.isFrozen(registry)).toBe(true);
    expect(Object.isFrozen(registry.customFields)).toBe(true);
  });

  it('every change returns a new registry with the next revision and leaves the old one as it was', () => {
    const first = createFieldRegistry('deal');
    const second = addCustomField(first, budget);
    const third = hideField(second, 'budget');
    expect([first.revision, second.revision, third.revision]).toEqual([0, 1, 2]);
    expect(first.customFields).toEqual([]);
    expect(second.customFields[0]?.hidden).toBeUndefined();
    expect(third.customFields[0]?.hidden).toBe(true);
  });

  it('orders custom fields by sort, keeping the given order among equals and unsorted last', () => {
    const registry = createFieldRegistry('contact', {
      customFields: [
        { type: 'boolean', code: 'c', labels: { en: 'C' } },
        { type: 'boolean', code: 'b', labels: { en: 'B' }, sort: 20 },
        { type: 'boolean', code: 'a', labels: { en: 'A' }, sort: 10 },
        { type: 'boolean', code: 'd', labels: { en: 'D' } },
      ],
    });
    expect(registry.customFields.map((f) => f.code)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses two fields with one code, and a custom field named like a standard one', () => {
    const registry = createFieldRegistry('deal', { customFields: [budget] });
    expect(codeOf(() => addCustomField(registry, { ...tier, code: 'budget' }))).toBe('DUPLICATE_FIELD');
    expect(codeOf(() => addCustomField(registry, { type: 'string', code: 'title', labels: { en: 'Title' } }))).toBe('DUPLICATE_FIELD');
    try {
      createFieldRegistry('deal', { customFields: [budget, budget] });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => [i.code, ...i.path])).toEqual([['DUPLICATE_FIELD', 'customFields', 1, 'code']]);
    }
  });

  it('reports bad definitions at their place in the registry', () => {
    try {
      createFieldRegistry('lead', { customFields: [budget, { type: 'boolean', code: 'Vip', labels: { en: 'VIP' } }] });
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_FIELD_DEFINITION')).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([['customFields', 1, 'code']]);
    }
  });

  it('refuses an unknown entity type', () => {
    expect(codeOf(() => createFieldRegistry('opportunity' as 'deal'))).toBe('INVALID_ARGUMENT');
  });

  it('updates a custom field’s settings but never its code or type', () => {
    const registry = createFieldRegistry('deal', { customFields: [tier] });
    const next = updateCustomField(registry, 'tier', { required: true, labels: { en: 'Tier', es: 'Nivel' } });
    expect(getCustomField(next, 'tier')).toMatchObject({ required: true, labels: { es: 'Nivel' } });
    expect(codeOf(() => updateCustomField(registry, 'tier', { type: 'string' }))).toBe('INVALID_FIELD_DEFINITION');
    expect(codeOf(() => updateCustomField(registry, 'tier', { code: 'level' }))).toBe('INVALID_FIELD_DEFINITION');
    expect(codeOf(() => updateCustomField(registry, 'tier', { default: 'bronze' }))).toBe('INVALID_FIELD_DEFINITION');
    expect(codeOf(() => updateCustomField(registry, 'nothing', { required: true }))).toBe('UNKNOWN_FIELD');
    expect(codeOf(() => updateCustomField(registry, 'title', { required: true }))).toBe('SYSTEM_FIELD');
  });

  it('removes custom fields, never standard ones', () => {
    const registry = createFieldRegistry('deal', { customFields: [budget, tier] });
    expect(removeField(registry, 'budget').customFields.map((f) => f.code)).toEqual(['tier']);
    for (const standard of listStandardFields('deal')) {
      try {
        removeField(registry, standard.code);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(SystemFieldError);
        expect((error as SystemFieldError).field).toBe(standard.code);
      }
    }
    expect(codeOf(() => removeField(registry, 'ghost'))).toBe('UNKNOWN_FIELD');
  });

  it('hides and shows hideable standard fields and any custom field', () => {
    const hideable = listStandardFields('contact').find((f) => f.hideable);
    const fixed = listStandardFields('contact').find((f) => !f.hideable);
    if (hideable === undefined || fixed === undefined) throw new Error('contacts need hideable and fixed standard fields');
    const registry: FieldRegistry = createFieldRegistry('contact', { customFields: [budget] });
    const hidden = hideField(registry, hideable.code);
    expect(hidden.hiddenStandardFields).toEqual([hideable.code]);
    expect(hideField(hidden, hideable.code)).toBe(hidden);
    expect(showField(hidden, hideable.code).hiddenStandardFields).toEqual([]);
    expect(codeOf(() => hideField(registry, fixed.code))).toBe('SYSTEM_FIELD');
    expect(getCustomField(showField(hideField(registry, 'budget'), 'budget'), 'budget')?.hidden).toBeUndefined();
    expect(codeOf(() => hideField(registry, 'ghost'))).toBe('UNKNOWN_FIELD');
  });

  it('refuses to start with unknown or non-hideable standard fields hidden', () => {
    const fixed = listStandardFields('deal').find((f) => !f.hideable)?.code ?? 'id';
    try {
      createFieldRegistry('deal', { hiddenStandardFields: ['ghost', fixed] });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.code)).toEqual(['UNKNOWN_FIELD', 'SYSTEM_FIELD']);
    }
  });

  it('reads a registry from JSON through toFieldRegistry, checking it again whenever it can still change', () => {
    const stored = JSON.parse(JSON.stringify(createFieldRegistry('deal', { customFields: [budget] }))) as { customFields: unknown[] };
    expect(toFieldRegistry(stored).customFields.map((f) => f.code)).toEqual(['budget']);
    stored.customFields.push({ type: 'boolean', code: 'Bad', labels: { en: 'x' } });
    expect(codeOf(() => toFieldRegistry(stored))).toBe('INVALID_FIELD_DEFINITION');
    const made = createFieldRegistry('deal');
    expect(toFieldRegistry(made)).toBe(made);
  });
});
