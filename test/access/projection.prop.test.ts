import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCanFilterOn, assertCanWriteFields, canSeeField, createFieldRegistry, isCrmError, projectRecord, listVisibleFields } from 'crm-kit';
import type { FieldDefinition, FieldRegistry, Principal } from 'crm-kit';
import { DEPARTMENTS, principal, ROLE_IDS, USERS } from './arbitraries.js';

const CODES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'] as const;
// Keys a record may carry that no registry defines, including ones that reach Object.prototype.
const EXTRA_KEYS = ['legacy', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''] as const;

const restrictedTo = fc.record(
  {
    userIds: fc.subarray([...USERS, 'u-outsider']),
    departmentIds: fc.subarray([...DEPARTMENTS]),
    roleIds: fc.subarray([...ROLE_IDS]),
  },
  { requiredKeys: [] },
);

const definition = (code: string): fc.Arbitrary<FieldDefinition> =>
  fc
    .option(restrictedTo, { nil: undefined, freq: 3 })
    .map((rule) => ({ type: 'string', code, labels: { en: code }, ...(rule === undefined ? {} : { visibility: { restrictedTo: rule } }) }));

const registry: fc.Arbitrary<FieldRegistry> = fc
  .subarray([...CODES])
  .chain((codes) => fc.tuple(...codes.map(definition)))
  .map((customFields) => createFieldRegistry('deal', { customFields }));

/** A custom bag whose every value is a sentinel naming its key, built without assigning raw keys. */
const customBag: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.subarray([...CODES, ...EXTRA_KEYS, 'unknown_code']).chain((keys) =>
  fc.tuple(...keys.map((key) => fc.constantFrom(`secret<${key}>`, { nested: `secret<${key}>` }, [`secret<${key}>`]))).map((values) => {
    const bag: Record<string, unknown> = {};
    keys.forEach((key, index) => Object.defineProperty(bag, key, { value: values[index], enumerable: true, writable: true, configurable: true }));
    return bag;
  }),
);

/** The visibility rule, written independently of the library. */
function referenceSees(who: Principal, field: FieldDefinition): boolean {
  const rule = field.visibility?.restrictedTo;
  if (who.isAdmin || rule === undefined) return true;
  return (
    (rule.userIds ?? []).includes(who.userId) ||
    (rule.departmentIds ?? []).some((d) => who.departmentIds.includes(d)) ||
    (rule.roleIds ?? []).some((r) => who.roleIds.includes(r))
  );
}

function snapshot(bag: object): [string, unknown][] {
  return Reflect.ownKeys(bag).map((key) => [String(key), (bag as Record<string | symbol, unknown>)[key]]);
}

function fieldNotVisible(action: () => void): boolean {
  try {
    action();
    return false;
  } catch (error) {
    if (isCrmError(error, 'FIELD_NOT_VISIBLE')) return true;
    throw error;
  }
}

describe('projection properties', () => {
  it('projection never leaks: only visible, defined custom values come out, unchanged, and the input is untouched', () => {
    fc.assert(
      fc.property(registry, principal, customBag, (fields, who, custom) => {
        const record = { id: 'd-1', title: 'Deal', assignedById: 'u0', custom };
        const before = snapshot(custom);
        const projected = projectRecord(fields, who, record);
        const visible = new Set(fields.customFields.filter((f) => referenceSees(who, f)).map((f) => f.code));

        const out = projected.custom;
        for (const key of Reflect.ownKeys(out)) expect(visible.has(String(key))).toBe(true);
        for (const code of visible) {
          if (Object.hasOwn(custom, code)) expect(out[code]).toBe(custom[code]);
          else expect(Object.hasOwn(out, code)).toBe(false);
        }
        const text = JSON.stringify(projected);
        for (const [key] of before) if (!visible.has(key)) expect(text).not.toContain(`secret<${key}>`);
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        expect(projected).toMatchObject({ id: 'd-1', title: 'Deal', assignedById: 'u0' });

        expect(record.custom).toBe(custom);
        expect(snapshot(custom)).toEqual(before);
      }),
    );
  });

  it('visible fields are exactly those the visibility rule allows, and canSeeField agrees', () => {
    fc.assert(
      fc.property(registry, principal, (fields, who) => {
        expect(listVisibleFields(fields, who)).toEqual(fields.customFields.filter((f) => referenceSees(who, f)));
        for (const field of fields.customFields) expect(canSeeField(field, who)).toBe(referenceSees(who, field));
      }),
    );
  });

  it('a patch is refused exactly when it sets or clears a custom key the principal cannot see or that is not defined', () => {
    fc.assert(
      fc.property(registry, principal, customBag, fc.boolean(), (fields, who, custom, clear) => {
        const patch = clear ? Object.fromEntries(Object.keys(custom).map((k) => [k, null])) : custom;
        const visible = new Set(fields.customFields.filter((f) => referenceSees(who, f)).map((f) => f.code));
        const allowed = Reflect.ownKeys(patch).every((key) => visible.has(String(key)));
        expect(fieldNotVisible(() => { assertCanWriteFields(fields, who, { custom: patch }); })).toBe(!allowed);
      }),
    );
  });

  it('filtering on a custom field is allowed exactly when the field is visible', () => {
    fc.assert(
      fc.property(registry, principal, fc.constantFrom(...CODES, 'unknown_code'), (fields, who, code) => {
        const field = fields.customFields.find((f) => f.code === code);
        const allowed = field !== undefined && referenceSees(who, field);
        expect(fieldNotVisible(() => { assertCanFilterOn(fields, who, `custom.${code}`); })).toBe(!allowed);
      }),
    );
  });
});
