import { describe, expect, it } from 'vitest';
import { applyFieldDefaults, compileCustomFields, createFieldRegistry, fixedClock, validateCustomFields } from 'crm-kit';
import type { Result } from 'crm-kit';

const registry = createFieldRegistry('deal', {
  customFields: [
    { type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true, min: 1 },
    { type: 'string', code: 'notes', labels: { en: 'Notes' }, maxLength: 5 },
    { type: 'enumeration', code: 'tags', labels: { en: 'Tags' }, multiple: true, options: [{ id: 'a', labels: { en: 'A' } }, { id: 'b', labels: { en: 'B' } }] },
    { type: 'money', code: 'margin', labels: { en: 'Margin' } },
    { type: 'string', code: 'sku', labels: { en: 'SKU' }, pattern: '[A-Z]{3}-[0-9]{4}' },
  ],
});
const issuesOf = (result: Result<unknown>): unknown[][] => (result.success ? [] : result.issues.map((i) => [i.code, ...i.path]));

describe('validating custom values', () => {
  it('reports each problem under custom.<code>', () => {
    const result = validateCustomFields(registry, 'input', { notes: 'far too long', tags: ['a', 'z'], colour: 'red' });
    expect(issuesOf(result)).toEqual([
      ['REQUIRED', 'custom', 'seats'],
      ['INVALID_VALUE', 'custom', 'notes'],
      ['INVALID_VALUE', 'custom', 'tags', 1],
      ['UNKNOWN_FIELD', 'custom', 'colour'],
    ]);
  });

  it('requires a value at creation but lets an update leave it out', () => {
    expect(validateCustomFields(registry, 'input', {}).success).toBe(false);
    expect(validateCustomFields(registry, 'patch', {}).success).toBe(true);
    expect(validateCustomFields(registry, 'stored', {}).success).toBe(true);
  });

  it('lets an update clear an optional field with null, never a required one', () => {
    expect(validateCustomFields(registry, 'patch', { notes: null }).success).toBe(true);
    expect(issuesOf(validateCustomFields(registry, 'patch', { seats: null }))).toEqual([['REQUIRED', 'custom', 'seats']]);
    expect(issuesOf(validateCustomFields(registry, 'input', { seats: 2, notes: null }))).toEqual([['INVALID_VALUE', 'custom', 'notes']]);
  });

  it('writes money values canonically and returns a bag of own data keys', () => {
    const result = validateCustomFields(registry, 'input', { seats: 2, margin: { amount: '7.5', currency: 'EUR' } });
    if (!result.success) throw new Error('expected success');
    expect(result.data.margin).toEqual({ amount: '7.50', currency: 'EUR' });
    expect(Object.keys(result.data)).toEqual(['seats', 'margin']);
  });

  it('treats __proto__ and constructor keys as unknown fields, never as prototypes', () => {
    const hostile = JSON.parse('{"seats": 2, "__proto__": {"polluted": true}, "constructor": 1}') as unknown;
    expect(issuesOf(validateCustomFields(registry, 'input', hostile))).toEqual([
      ['UNKNOWN_FIELD', 'custom', '__proto__'],
      ['UNKNOWN_FIELD', 'custom', 'constructor'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never runs a pattern on a value longer than 1024 UTF-16 units, however its characters are counted', () => {
    expect(issuesOf(validateCustomFields(registry, 'patch', { sku: 'A'.repeat(70_000) }))).toEqual([['INVALID_VALUE', 'custom', 'sku']]);
    expect(issuesOf(validateCustomFields(registry, 'patch', { sku: '😀'.repeat(600) }))).toEqual([['INVALID_VALUE', 'custom', 'sku']]);
    expect(validateCustomFields(registry, 'patch', { sku: 'ABC-1234' }).success).toBe(true);
  });

  it('enforces a pattern on text of astral characters too', () => {
    const digits = createFieldRegistry('contact', { customFields: [{ type: 'string', code: 'zip', labels: { en: 'ZIP' }, maxLength: 10, pattern: '[0-9]{5}' }] });
    expect(validateCustomFields(digits, 'input', { zip: '😀😀😀😀😀😀' }).success).toBe(false);
    expect(validateCustomFields(digits, 'input', { zip: '28013' }).success).toBe(true);
  });

  it('refuses a bag whose prototype carries values, so no key escapes the checks', () => {
    const crafted = Object.assign({}, JSON.parse('{"__proto__": {"notes": "x"}}') as object);
    expect(issuesOf(validateCustomFields(registry, 'patch', crafted))).toEqual([['INVALID_VALUE', 'custom']]);
    expect(validateCustomFields(registry, 'patch', Object.create({ seats: 3 }) as object).success).toBe(false);
  });

  it('never requires a field the person cannot see', () => {
    expect(issuesOf(validateCustomFields(registry, 'input', {}, { hidden: ['seats'] }))).toEqual([]);
    expect(issuesOf(validateCustomFields(registry, 'input', {}))).toEqual([['REQUIRED', 'custom', 'seats']]);
  });

  it('requires the size and type of a file when its field limits them', () => {
    const files = createFieldRegistry('deal', { customFields: [{ type: 'file', code: 'contract', labels: { en: 'Contract' }, maxBytes: 10, mediaTypes: ['application/pdf', 'image/*'] }] });
    const check = (contract: unknown): boolean => validateCustomFields(files, 'input', { contract }).success;
    expect(check({ fileId: 'f' })).toBe(false);
    expect(check({ fileId: 'f', bytes: 5, mediaType: 'APPLICATION/PDF' })).toBe(true);
    expect(check({ fileId: 'f', bytes: 5, mediaType: 'image/' })).toBe(false);
    expect(check({ fileId: 'f', bytes: 50, mediaType: 'image/png' })).toBe(false);
  });

  it('messages never contain the rejected value', () => {
    const result = validateCustomFields(registry, 'patch', { notes: 'secret-42', sku: 'secret-43', margin: { amount: 'secret', currency: 'EUR' } });
    expect(result.success).toBe(false);
    if (!result.success) for (const found of result.issues) expect(found.message).not.toMatch(/secret/);
  });

  it('compiles each registry and form once', () => {
    expect(compileCustomFields(registry, 'input')).toBe(compileCustomFields(registry, 'input'));
    expect(compileCustomFields(registry, 'input')).not.toBe(compileCustomFields(registry, 'patch'));
  });

  it('refuses a bag that is not an object', () => {
    expect(validateCustomFields(registry, 'patch', 'seats=2').success).toBe(false);
    expect(validateCustomFields(registry, 'patch', [2]).success).toBe(false);
  });
});

describe('defaults', () => {
  const withDefaults = createFieldRegistry('lead', {
    customFields: [
      { type: 'boolean', code: 'newsletter', labels: { en: 'Newsletter' }, default: true },
      { type: 'datetime', code: 'received_at', labels: { en: 'Received' }, default: 'now' },
      { type: 'datetime', code: 'campaign_start', labels: { en: 'Campaign start' }, default: '2026-03-01T00:00:00Z' },
      { type: 'enumeration', code: 'channels', labels: { en: 'Channels' }, multiple: true, default: 'web', options: [{ id: 'web', labels: { en: 'Web' } }] },
      { type: 'string', code: 'note', labels: { en: 'Note' } },
    ],
  });

  it('fills only what was left empty, with now from the clock', () => {
    const filled = applyFieldDefaults(withDefaults, { newsletter: false }, fixedClock('2026-05-01T09:00:00Z'));
    expect(filled.newsletter).toBe(false);
    expect(filled.received_at).toEqual(new Date('2026-05-01T09:00:00Z'));
    expect(filled.campaign_start).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(filled.channels).toEqual(['web']);
    expect('note' in filled).toBe(false);
    expect(validateCustomFields(withDefaults, 'input', filled).success).toBe(true);
  });
});
