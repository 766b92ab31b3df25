import { describe, expect, it } from 'vitest';
import {
  assertCanFilterOn,
  assertCanWriteFields,
  canSeeField,
  checkField,
  createFieldRegistry,
  FieldNotVisibleError,
  isCrmError,
  projectRecord,
  listVisibleFields,
} from 'crm-kit';
import type { FieldDefinition, FieldRegistry, Principal } from 'crm-kit';

const region: FieldDefinition = { type: 'string', code: 'region', labels: { en: 'Region' } };
const margin: FieldDefinition = {
  type: 'number',
  code: 'margin',
  labels: { en: 'Margin' },
  visibility: { restrictedTo: { departmentIds: ['finance'], userIds: ['u-ceo'], roleIds: ['controller'] } },
};
const nobody: FieldDefinition = { type: 'string', code: 'audit_note', labels: { en: 'Audit note' }, visibility: { restrictedTo: {} } };
const registry: FieldRegistry = createFieldRegistry('deal', { customFields: [region, margin, nobody] });

const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: ['madrid'], isAdmin: false };
const admin: Principal = { ...ana, isAdmin: true };
const financeMember: Principal = { ...ana, departmentIds: ['madrid', 'finance'] };

function notVisible(action: () => void): FieldNotVisibleError {
  try {
    action();
  } catch (error) {
    expect(isCrmError(error, 'FIELD_NOT_VISIBLE')).toBe(true);
    return error as FieldNotVisibleError;
  }
  throw new Error('expected FIELD_NOT_VISIBLE');
}

describe('canSeeField', () => {
  it('shows a field without a restriction to everyone', () => {
    expect(canSeeField(region, ana)).toBe(true);
    expect(canSeeField({ ...region, visibility: undefined }, ana)).toBe(true);
  });

  it('fails closed: a rule that restricts to nothing in particular shows the field to nobody but administrators', () => {
    for (const visibility of [{}, { restrictedTo: undefined }, { restrictedTo: null }, { restricted: { userIds: ['u-ana'] } }]) {
      expect(canSeeField({ ...region, visibility } as never, ana)).toBe(false);
      expect(canSeeField({ ...region, visibility } as never, { ...ana, isAdmin: true })).toBe(true);
    }
    expect(checkField({ ...region, visibility: {} }).success).toBe(false);
    expect(checkField({ ...region, visibility: { restrictedTo: undefined } }).success).toBe(false);
  });

  it('fails closed on a rule that is not an object, or that has a key beside restrictedTo', () => {
    for (const visibility of [null, 'public', { restrictedTo: { userIds: ['u-ana'] }, note: 'x' }]) {
      expect(canSeeField({ ...region, visibility } as never, ana)).toBe(false);
    }
    expect(canSeeField({ ...region, visibility: { restrictedTo: { userIds: ['u-ana'] } } }, ana)).toBe(true);
  });

  it('shows a restricted field to listed users, members of listed departments and holders of listed roles', () => {
    expect(canSeeField(margin, ana)).toBe(false);
    expect(canSeeField(margin, { ...ana, userId: 'u-ceo' })).toBe(true);
    expect(canSeeField(margin, financeMember)).toBe(true);
    expect(canSeeField(margin, { ...ana, roleIds: ['sales', 'controller'] })).toBe(true);
  });

  it('does not extend a listed department to the departments below it', () => {
    // The principal lists only direct departments; "finance-audit" sitting under "finance" does not count.
    expect(canSeeField(margin, { ...ana, departmentIds: ['finance-audit'] })).toBe(false);
  });

  it('leaves a restriction that lists nobody to administrators', () => {
    expect(canSeeField(nobody, ana)).toBe(false);
    expect(canSeeField(nobody, admin)).toBe(true);
  });

  it('shows every field to administrators', () => {
    expect(canSeeField(margin, admin)).toBe(true);
  });

  it('fails closed on a malformed restriction', () => {
    const odd = { ...region, visibility: { restrictedTo: 'everyone' } } as unknown as FieldDefinition;
    expect(canSeeField(odd, ana)).toBe(false);
    const lists = { ...region, visibility: { restrictedTo: { userIds: 'u-ana' } } } as unknown as FieldDefinition;
    expect(canSeeField(lists, ana)).toBe(false);
  });

  it('refuses a malformed principal or definition', () => {
    expect(() => canSeeField(region, { ...ana, isAdmin: 1 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
    expect(() => canSeeField({} as never, ana)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('listVisibleFields', () => {
  it('keeps the registry’s order and drops what the principal may not see', () => {
    expect(listVisibleFields(registry, ana).map((f) => f.code)).toEqual(['region']);
    expect(listVisibleFields(registry, financeMember).map((f) => f.code)).toEqual(['region', 'margin']);
    expect(listVisibleFields(registry, admin).map((f) => f.code)).toEqual(['region', 'margin', 'audit_note']);
  });

  it('refuses something that is not a registry', () => {
    expect(() => listVisibleFields({ customFields: 'all' } as never, ana)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('projectRecord', () => {
  const deal = { id: 'd-1', title: 'Boilers', assignedById: 'u-ana', custom: { region: 'north', margin: 0.31, audit_note: 'late' } };

  it('removes the values of fields the principal may not see and keeps standard fields', () => {
    expect(projectRecord(registry, ana, deal)).toEqual({ id: 'd-1', title: 'Boilers', assignedById: 'u-ana', custom: { region: 'north' } });
    expect(projectRecord(registry, financeMember, deal).custom).toEqual({ region: 'north', margin: 0.31 });
  });

  it('drops values under codes the registry does not define, even for administrators', () => {
    const withExtra = { ...deal, custom: { ...deal.custom, legacy: 'x' } };
    expect(projectRecord(registry, admin, withExtra).custom).toEqual(deal.custom);
  });

  it('treats inherited and prototype-polluting keys as unknown', () => {
    const custom = JSON.parse('{"region":"north","__proto__":{"margin":1},"constructor":"c"}') as Record<string, unknown>;
    const projected = projectRecord(registry, ana, { custom });
    expect(Object.keys(projected.custom)).toEqual(['region']);
    expect(Object.getPrototypeOf(projected.custom)).toBe(Object.prototype);
    expect(projected.custom.margin).toBeUndefined();
  });

  it('does not read inherited values of fields missing from the record', () => {
    const inheriting = Object.create({ margin: 0.5 }) as Record<string, unknown>;
    expect(projectRecord(registry, admin, { custom: inheriting }).custom).toEqual({});
  });

  it('returns fresh objects and leaves the input as it was', () => {
    const before = structuredClone(deal);
    const projected = projectRecord(registry, admin, deal);
    expect(projected).not.toBe(deal);
    expect(projected.custom).not.toBe(deal.custom);
    expect(deal).toEqual(before);
  });

  it('keeps visible values as they are, nested values included', () => {
    const address = { city: 'Madrid' };
    const withAddress = createFieldRegistry('deal', { customFields: [{ type: 'address', code: 'site', labels: { en: 'Site' } }] });
    expect(projectRecord(withAddress, ana, { custom: { site: address } }).custom.site).toBe(address);
  });

  it('copies a record without custom values as it is', () => {
    const bare: { id: string; custom?: Record<string, unknown> } = { id: 'd-2' };
    expect(projectRecord(registry, ana, bare)).toEqual({ id: 'd-2' });
  });

  it('survives a JSON round trip', () => {
    const projected = projectRecord(registry, financeMember, deal);
    expect(JSON.parse(JSON.stringify(projected))).toEqual(projected);
  });

  it.each([
    ['a record that is not an object', null],
    ['custom values that are not an object', { custom: 'x' }],
    ['custom values as a list', { custom: ['north'] }],
  ])('refuses %s', (_, record) => {
    expect(() => projectRecord(registry, ana, record as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('visibility of a principal that changes between calls', () => {
  // Answers may be remembered only for a frozen principal; one that can still change is asked again.
  const frozenRegistry = createFieldRegistry('deal', { customFields: [region, margin] });
  const codes = (who: Principal): string[] => listVisibleFields(frozenRegistry, who).map((field) => field.code);

  it('answers again for a principal that is not frozen', () => {
    const who = { userId: 'u-ana', roleIds: Object.freeze(['sales']), departmentIds: Object.freeze(['madrid']), isAdmin: false };
    expect(codes(who)).toEqual(['region']);
    who.userId = 'u-ceo';
    expect(codes(who)).toEqual(['region', 'margin']);
  });

  it('answers again when the role ids are not frozen', () => {
    const roleIds = ['sales'];
    const who = Object.freeze({ userId: 'u-ana', roleIds, departmentIds: Object.freeze(['madrid']), isAdmin: false });
    expect(codes(who)).toEqual(['region']);
    roleIds.push('controller');
    expect(codes(who)).toEqual(['region', 'margin']);
  });

  it('answers again when the department ids are not frozen', () => {
    const departmentIds = ['madrid'];
    const who = Object.freeze({ userId: 'u-ana', roleIds: Object.freeze(['sales']), departmentIds, isAdmin: false });
    expect(codes(who)).toEqual(['region']);
    departmentIds.push('finance');
    expect(codes(who)).toEqual(['region', 'margin']);
  });

  it('gives a frozen principal the same answers every time, for each registry', () => {
    const who = Object.freeze({ userId: 'u-ceo', roleIds: Object.freeze([]), departmentIds: Object.freeze([]), isAdmin: false });
    const other = Object.freeze({ ...who, userId: 'u-ana' });
    expect(codes(who)).toEqual(['region', 'margin']);
    expect(codes(who)).toEqual(['region', 'margin']);
    expect(codes(other)).toEqual(['region']);
    expect(listVisibleFields(registry, who).map((field) => field.code)).toEqual(['region', 'margin']);
    expect(projectRecord(frozenRegistry, other, { custom: { region: 'north', margin: 0.3 } })).toEqual({ custom: { region: 'north' } });
  });
});

describe('projectRecord output', () => {
  it('is ordinary data the caller may change: visible values are writable, deletable properties', () => {
    const projected = projectRecord(registry, financeMember, { custom: { region: 'north', margin: 0.3 } });
    const custom = projected.custom as Record<string, unknown>;
    custom.region = 'south';
    delete custom.margin;
    expect(projected).toEqual({ custom: { region: 'south' } });
  });
});

describe('what a refusal to write says', () => {
  it('says set for a value, clear for null or undefined, and filter for a query', () => {
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: 0.4 } });
    }).message).toMatch(/so you cannot set it\.$/);
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: null } });
    }).message).toMatch(/so you cannot clear it\.$/);
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: undefined } });
    }).message).toMatch(/so you cannot clear it\.$/);
    expect(notVisible(() => {
      assertCanFilterOn(registry, ana, 'custom.margin');
    }).message).toMatch(/so you cannot filter, sort or group on it\.$/);
  });

  it('echoes only a whole key shaped like a field code, never part of one', () => {
    for (const key of ['DROP TABLE deals', 'deals; DROP TABLE', `m${'x'.repeat(63)}`]) {
      const error = notVisible(() => {
        assertCanWriteFields(registry, ana, { custom: { [key]: 1 } });
      });
      expect(error.message).toContain('named in this request');
      expect(error.message).not.toContain('deals');
      expect(error.field).toBe(key);
    }
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { [`m${'x'.repeat(62)}`]: 1 } });
    }).message).toContain(`"m${'x'.repeat(62)}"`);
  });

  it('refuses a symbol key without reading its value', () => {
    let read = false;
    const custom = {};
    Object.defineProperty(custom, Symbol('margin'), {
      enumerable: true,
      get: () => {
        read = true;
        return 1;
      },
    });
    expect(notVisible(() => {
      assertCanWriteFields(registry, admin, { custom });
    }).field).toBe('Symbol(margin)');
    expect(read).toBe(false);
  });
});

describe('assertCanWriteFields', () => {
  it('lets a principal set and clear fields they can see', () => {
    expect(() => {
      assertCanWriteFields(registry, ana, { title: 'x', custom: { region: 'south' } });
      assertCanWriteFields(registry, ana, { custom: { region: null } });
      assertCanWriteFields(registry, ana, { title: 'no custom values', custom: undefined });
      assertCanWriteFields(registry, financeMember, { custom: { margin: 0.2 } });
    }).not.toThrow();
  });

  it('refuses setting a field the principal cannot see, naming its code and never its value', () => {
    const error = notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { region: 'south', margin: 0.987654 } });
    });
    expect(error).toBeInstanceOf(FieldNotVisibleError);
    expect(error.field).toBe('margin');
    expect(error.message).toContain('"margin"');
    expect(error.message).not.toContain('0.987654');
  });

  it('refuses clearing a field the principal cannot see, with null or undefined', () => {
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: null } });
    }).field).toBe('margin');
    expect(notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: undefined } });
    }).field).toBe('margin');
  });

  it('refuses a custom bag that is not a plain object, so inherited keys cannot slip past the check', () => {
    const crafted = Object.assign({}, JSON.parse('{"__proto__": {"margin": 0.9}}') as object);
    for (const custom of [null, crafted, Object.create({ margin: 0.9 }) as object, ['margin']]) {
      expect(() => {
        assertCanWriteFields(registry, admin, { custom } as never);
      }).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('refuses filtering on a path that is neither a standard field nor custom.<code>', () => {
    for (const path of ['Custom.margin', 'custom[margin]', ' custom.margin', 'nonsense']) {
      expect(() => {
        assertCanFilterOn(registry, admin, path);
      }).toThrow(expect.objectContaining({ code: 'UNKNOWN_FIELD' }));
    }
  });

  it('a visibility rule with a misspelt key hides the field from everyone but administrators', () => {
    const misspelt = { type: 'string', code: 'margin', labels: { en: 'Margin' }, visibility: { restrictedto: { userIds: ['u-ana'] } } } as unknown as FieldDefinition;
    expect(canSeeField(misspelt, ana)).toBe(false);
    expect(canSeeField(misspelt, admin)).toBe(true);
  });

  it('answers an unknown code as it answers an invisible one, so no field’s existence leaks', () => {
    const unknown = notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { bonus: 1 } });
    });
    const hidden = notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { margin: 1 } });
    });
    expect(unknown.message.replace('bonus', 'X')).toBe(hidden.message.replace('margin', 'X'));
  });

  it('does not echo a key that is not shaped like a field code', () => {
    const error = notVisible(() => {
      assertCanWriteFields(registry, ana, { custom: { 'Robert"); DROP TABLE deals;--': 1 } });
    });
    expect(error.message).not.toContain('DROP');
    expect(error.field).toBe('Robert"); DROP TABLE deals;--');
  });

  it('refuses an own "__proto__" key', () => {
    const custom = JSON.parse('{"__proto__": {"margin": 1}}') as Record<string, unknown>;
    expect(notVisible(() => {
      assertCanWriteFields(registry, admin, { custom });
    }).field).toBe('__proto__');
  });

  it('refuses a malformed patch', () => {
    expect(() => {
      assertCanWriteFields(registry, ana, { custom: 'margin' } as never);
    }).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
    expect(() => {
      assertCanWriteFields(registry, ana, null as never);
    }).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('assertCanFilterOn', () => {
  it('lets a principal filter on standard fields and on custom fields they can see', () => {
    expect(() => {
      assertCanFilterOn(registry, ana, 'title');
      assertCanFilterOn(registry, ana, 'assignedById');
      assertCanFilterOn(registry, ana, 'custom.region');
      assertCanFilterOn(registry, financeMember, 'custom.margin');
    }).not.toThrow();
  });

  it('refuses filtering, sorting or grouping on a field the principal cannot see', () => {
    const error = notVisible(() => {
      assertCanFilterOn(registry, ana, 'custom.margin');
    });
    expect(error.field).toBe('margin');
    expect(error.message).toContain('filter, sort or group');
  });

  it('reads the code before any sub-path', () => {
    expect(notVisible(() => {
      assertCanFilterOn(registry, ana, 'custom.margin.amount');
    }).field).toBe('margin');
  });

  it('refuses an unknown custom code the same way, even for administrators', () => {
    expect(notVisible(() => {
      assertCanFilterOn(registry, admin, 'custom.bonus');
    }).field).toBe('bonus');
  });

  it.each([[''], ['custom'], ['custom.'], [42]])('refuses the path %j as INVALID_ARGUMENT', (path) => {
    expect(() => {
      assertCanFilterOn(registry, ana, path as never);
    }).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});
