import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkField, createFieldRegistry, listCurrencies, validateCustomFields } from 'crm-kit';
import type { FieldDefinition, RecordForm } from 'crm-kit';

// An independent reference: what each field type accepts, written from the documented rules
// without looking at how the compiler builds its schemas.
const CURRENCIES = new Set(listCurrencies().map((c) => c.code));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const onlyKeys = (v: Record<string, unknown>, allowed: readonly string[]): boolean => Object.keys(v).every((k) => allowed.includes(k));
const optionalString = (v: unknown, max: number): boolean => v === undefined || (typeof v === 'string' && Array.from(v).length <= max);
const isId = (v: unknown): boolean => typeof v === 'string' && Array.from(v).length <= 128 && v.trim() !== '';

function calendarDay(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function acceptsOne(def: FieldDefinition, v: unknown): boolean {
  switch (def.type) {
    case 'string': {
      // Lengths count code points; a pattern field holds at most 1024 UTF-16 units.
      const codePoints = typeof v === 'string' ? Array.from(v).length : 0;
      const cap = def.pattern === undefined ? 65535 : 1024;
      return (
        typeof v === 'string' &&
        codePoints >= (def.minLength ?? 0) &&
        codePoints <= Math.min(def.maxLength ?? cap, cap) &&
        (def.pattern === undefined || (v.length <= 1024 && new RegExp(`^(?:${def.pattern})$`, 'u').test(v)))
      );
    }
    case 'integer':
      return Number.isSafeInteger(v) && (v as number) >= (def.min ?? -Infinity) && (v as number) <= (def.max ?? Infinity);
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        v >= (def.min ?? -Infinity) &&
        v <= (def.max ?? Infinity) &&
        (def.precision === undefined || Number(v.toFixed(def.precision)) === v)
      );
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return calendarDay(v);
    case 'datetime':
      return v instanceof Date && !Number.isNaN(v.getTime());
    case 'enumeration':
      return def.options.some((o) => o.id === v);
    case 'money':
      return (
        isPlainObject(v) &&
        onlyKeys(v, ['amount', 'currency']) &&
        typeof v.amount === 'string' &&
        /^[+-]?\d+(\.\d+)?$/.test(v.amount) &&
        v.amount.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= 100 &&
        typeof v.currency === 'string' &&
        CURRENCIES.has(v.currency)
      );
    case 'url':
      return typeof v === 'string' && /^https?:\/\/[a-z0-9.-]+(\/\S*)?$/i.test(v) && v.length <= 2048;
    case 'email':
      return typeof v === 'string' && /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(v) && !/\.\.|^\.|\.@/.test(v);
    case 'phone': {
      const digits = typeof v === 'string' ? v.replace(/\D/g, '').length : 0;
      return typeof v === 'string' && /^\+?[\d ().\-/]+((ext\.?|x|#) ?\d+)?$/i.test(v) && digits >= 3 && digits <= 20;
    }
    case 'address':
      return (
        isPlainObject(v) &&
        onlyKeys(v, ['street', 'street2', 'city', 'region', 'postalCode', 'countryCode']) &&
        ['street', 'street2', 'city', 'region'].every((k) => optionalString(v[k], 255)) &&
        optionalString(v.postalCode, 32) &&
        (v.countryCode === undefined || (typeof v.countryCode === 'string' && /^[A-Z]{2}$/.test(v.countryCode)))
      );
    case 'file':
      return (
        isPlainObject(v) &&
        onlyKeys(v, ['fileId', 'name', 'bytes', 'mediaType']) &&
        isId(v.fileId) &&
        optionalString(v.name, 255) &&
        (v.bytes === undefined
          ? def.maxBytes === undefined
          : Number.isSafeInteger(v.bytes) && (v.bytes as number) >= 0 && (v.bytes as number) <= (def.maxBytes ?? Infinity)) &&
        (v.mediaType === undefined
          ? def.mediaTypes === undefined
          : typeof v.mediaType === 'string' &&
            v.mediaType.length <= 255 &&
            (def.mediaTypes === undefined ||
              (/^[^/\s]+\/[^/\s]+$/.test(v.mediaType) &&
                def.mediaTypes.some((m) => {
                  const given = (v.mediaType as string).toLowerCase();
                  return m.endsWith('/*') ? given.startsWith(m.slice(0, -1)) : given === m;
                }))))
      );
    case 'user':
      return isId(v);
    case 'link':
      return (
        isPlainObject(v) &&
        onlyKeys(v, ['entityType', 'id']) &&
        (def.targets as readonly unknown[]).includes(v.entityType) &&
        isId(v.id)
      );
  }
}

function acceptsSlot(def: FieldDefinition, v: unknown, form: RecordForm): boolean {
  const required = def.required === true;
  if (v === undefined) return form !== 'input' || !required;
  if (v === null) return form === 'patch' && !required;
  if (def.multiple !== true) return acceptsOne(def, v);
  if (!Array.isArray(v)) return false;
  if (required && form !== 'stored' && v.length === 0) return false;
  return v.every((item) => acceptsOne(def, item));
}

// Random definitions of every type, with random settings.
const flags = fc.record({ required: fc.boolean(), multiple: fc.boolean() });
const patterns = fc.constantFrom(undefined, '[A-Z]{2}[0-9]+', 'a(b|c)d', '[a-z]*x', '\\d{3}');
const definition: fc.Arbitrary<FieldDefinition> = fc
  .tuple(
    flags,
    fc.oneof(
      fc.record({ type: fc.constant('string' as const), minLength: fc.option(fc.nat(3), { nil: undefined }), maxLength: fc.option(fc.integer({ min: 3, max: 12 }), { nil: undefined }), pattern: patterns }),
      fc.record({ type: fc.constant('integer' as const), min: fc.option(fc.integer({ min: -5, max: 0 }), { nil: undefined }), max: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }),
      fc.record({ type: fc.constant('number' as const), min: fc.option(fc.constant(-1.5), { nil: undefined }), max: fc.option(fc.constant(2.25), { nil: undefined }), precision: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }),
      fc.record({ type: fc.constant('boolean' as const) }),
      fc.record({ type: fc.constantFrom('date' as const, 'datetime' as const, 'money' as const, 'url' as const, 'email' as const, 'phone' as const, 'address' as const, 'user' as const) }),
      fc.record({ type: fc.constant('enumeration' as const), options: fc.constant([{ id: 'a', labels: { en: 'A' } }, { id: 'b', labels: { en: 'B' } }]) }),
      fc.record({ type: fc.constant('file' as const), maxBytes: fc.option(fc.constant(100), { nil: undefined }), mediaTypes: fc.option(fc.constant(['image/*', 'application/pdf']), { nil: undefined }) }),
      fc.record({ type: fc.constant('link' as const), targets: fc.constantFrom(['company'], ['deal', 'contact']) }),
    ),
  )
  .map(([{ required, multiple }, settings]) => {
    const raw: Record<string, unknown> = { code: 'f', labels: { en: 'F' }, required, ...settings };
    if (settings.type !== 'boolean') raw.multiple = multiple;
    for (const key of Object.keys(raw)) if (raw[key] === undefined) Reflect.deleteProperty(raw, key);
    return raw;
  })
  .map((raw) => checkField(raw))
  .chain((result) => (result.success ? fc.constant(result.data) : fc.constant(undefined)))
  .filter((checked): checked is FieldDefinition => checked !== undefined);

// Values: type-shaped candidates, near misses and junk.
const scalar = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('😀😀😀😀😀😀', 'AB😀', '  ', 'IMAGE/PNG', 'image/', 'AB12', 'abd', 'acd', 'x', 'zzx', '123', '2026-02-28', '2026-02-30', '2024-02-29', 'https://example.com/a', 'http://x', 'ftp://example.com', 'ana@example.com', 'ana@@example.com', 'a.b@c.io', '+34 600 123 456', '600-12', '12 ext 5', 'a', 'b', 'u-1', ''),
  fc.integer({ min: -8, max: 8 }),
  fc.constantFrom(0.5, 1.25, 1.255, -1.5, 2.25, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.boolean(),
  fc.constantFrom(new Date('2026-01-01T00:00:00Z'), new Date(Number.NaN)),
  fc.constantFrom(
    { amount: '12.5', currency: 'EUR' },
    { amount: '1,5', currency: 'EUR' },
    { amount: '1', currency: 'XYZ' },
    { amount: '1', currency: 'EUR', extra: 1 },
    { city: 'Madrid', countryCode: 'ES' },
    { countryCode: 'es' },
    { fileId: 'f1', bytes: 50, mediaType: 'image/png' },
    { fileId: 'f1', bytes: 500 },
    { fileId: '', name: 'x' },
    { fileId: 'f1', mediaType: 'text/plain' },
    { fileId: 'f1', mediaType: 'IMAGE/PNG', bytes: 5 },
    { fileId: 'f1', mediaType: 'image/', bytes: 5 },
    { fileId: ' ' },
    { entityType: 'company', id: ' ' },
    { entityType: 'company', id: '7' },
    { entityType: 'deal', id: '7' },
    { entityType: 'activity', id: '7' },
    {},
  ),
);
const value = fc.oneof(fc.constant(undefined), fc.constant(null), scalar, fc.array(scalar, { maxLength: 3 }));

describe('compiled custom field schemas', () => {
  it('accept exactly what an independent reference checker accepts, for every type, setting and form', () => {
    fc.assert(
      fc.property(definition, value, fc.constantFrom<RecordForm>('input', 'patch', 'stored'), (def, v, form) => {
        const registry = createFieldRegistry('deal', { customFields: [def] });
        const bag = v === undefined ? {} : { f: v };
        expect(validateCustomFields(registry, form, bag).success).toBe(acceptsSlot(def, v, form));
      }),
      { numRuns: 2000 },
    );
  });
});
