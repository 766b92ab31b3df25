import { describe, expect, it } from 'vitest';
import { isCrmError, isStorableText, LIMITS, snapshotInput } from 'crm-kit';
// Not public: how the store knows a snapshot needs no second copy.
import { isSealed, sealPlain } from '../../src/kernel/index.js';

/** What snapshotInput threw: its code, cause and message; 'no error' when it returned. */
function refusal(value: unknown): { code: string; cause?: unknown; message?: string } {
  try {
    snapshotInput(value, 'The input');
    return { code: 'no error' };
  } catch (error) {
    if (!isCrmError(error)) throw error;
    return { code: error.code, cause: error.cause, message: error.message };
  }
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { next: value };
  return value;
}

describe('snapshotInput: plain data is copied exactly', () => {
  it('copies objects, lists, Dates, text, finite numbers, booleans, null and undefined into a frozen copy that shares nothing', () => {
    const when = new Date('2026-03-02T10:00:00Z');
    const input = { title: 'Renewal', n: -0.5, ok: true, none: null, gone: undefined, tags: ['a', 'b'], at: when, custom: { nested: [{ deep: 1 }] } };
    const copy = snapshotInput(input, 'The input');
    expect(copy).toStrictEqual(input);
    expect(copy).not.toBe(input);
    expect([copy.tags === input.tags, copy.at === when, copy.custom.nested[0] === input.custom.nested[0]]).toEqual([false, false, false]);
    expect([Object.isFrozen(copy), Object.isFrozen(copy.tags), Object.isFrozen(copy.at), Object.isFrozen(copy.custom.nested[0])]).toEqual([true, true, true, true]);
    expect(copy.at.getTime()).toBe(when.getTime());
  });

  it('returns text, numbers, booleans, null and undefined as they are', () => {
    for (const value of ['x', 0, 12.5, true, false, null, undefined]) expect(snapshotInput(value, 'The input')).toBe(value);
  });

  it('takes a prototype-free object, and copies it as an ordinary one', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const copy = snapshotInput(bare, 'The input');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect({ ...copy }).toEqual({ a: 1 });
  });

  it('keeps a __proto__ key as an ordinary data key, never a prototype', () => {
    const input = JSON.parse('{"__proto__": {"isAdmin": true}, "userId": "u-ana"}') as Record<string, unknown>;
    const copy = snapshotInput(input, 'The principal');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'userId']);
    expect((copy as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ isAdmin: true });
  });

  it('reads every property exactly once, and never again once copied', () => {
    const reads: string[] = [];
    const watched = new Proxy(
      { a: 1, b: { c: 2 } },
      {
        getOwnPropertyDescriptor(target, key) {
          reads.push(String(key));
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        get(target, key, receiver) {
          reads.push(`get ${String(key)}`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const copy = snapshotInput(watched, 'The input');
    expect(reads).toEqual(['a', 'b']);
    expect(copy).toEqual({ a: 1, b: { c: 2 } });
    expect(reads).toEqual(['a', 'b']);
  });

  it('marks its copies sealed; sealPlain seals what crm-kit builds; freezing alone does not seal', () => {
    expect(isSealed(snapshotInput({ a: [1] }, 'The input'))).toBe(true);
    const built = { id: '7', tags: ['a'] };
    expect(sealPlain(built)).toBe(built);
    expect([isSealed(built), Object.isFrozen(built.tags)]).toEqual([true, true]);
    expect(isSealed(Object.freeze({ id: '7' }))).toBe(false);
    expect([isSealed('x'), isSealed(null)]).toEqual([false, false]);
  });
  it('keeps a value crm-kit sealed as it is, nested too, and no Proxy or copy can pass for one', () => {
    const stored = snapshotInput({ id: '7', tags: ['a'] }, 'The record');
    const again = snapshotInput({ record: stored }, 'The input');
    expect(again.record).toBe(stored);
    // A trap that claims every property, the brand included, still gets its input copied.
    const claimsAll = new Proxy(
      { id: '7' },
      {
        getOwnPropertyDescriptor: (target, key) =>
          Reflect.getOwnPropertyDescriptor(target, key) ?? { value: true, configurable: true, enumerable: false },
      },
    );
    expect(isSealed(claimsAll)).toBe(false);
    const copied = snapshotInput(claimsAll, 'The input');
    expect(copied).not.toBe(claimsAll);
    expect(copied).toEqual({ id: '7' });
    expect(isSealed({ ...stored })).toBe(false);
    expect(isSealed(structuredClone(stored))).toBe(false);
  });
});

describe('snapshotInput: anything but plain data is NOT_PLAIN_DATA', () => {
  it('refuses a getter without calling it, and a setter', () => {
    let calls = 0;
    const getter = {
      get field() {
        calls += 1;
        return 'title';
      },
    };
    expect(refusal(getter).code).toBe('NOT_PLAIN_DATA');
    expect(refusal({ where: [getter] }).code).toBe('NOT_PLAIN_DATA');
    expect(calls).toBe(0);
    expect(refusal(Object.defineProperty({}, 'field', { set: () => undefined, enumerable: true })).code).toBe('NOT_PLAIN_DATA');
  });

  it('refuses symbol keys and non-enumerable keys', () => {
    expect(refusal({ [Symbol('hidden')]: 1 }).code).toBe('NOT_PLAIN_DATA');
    expect(refusal(Object.defineProperty({ a: 1 }, 'isAdmin', { value: true, enumerable: false })).code).toBe('NOT_PLAIN_DATA');
  });

  it('refuses class instances, Maps, Sets, typed arrays, boxed text, Date and Array subclasses, and an inherited prototype', () => {
    class Draft {
      title = 'T';
    }
    class Stamp extends Date {}
    class List extends Array<number> {}
    const values: unknown[] = [new Draft(), new Map(), new Set(), new Uint8Array(2), new String('x'), new Stamp(0), List.from([1]), Object.create({ isAdmin: true })];
    for (const value of values) {
      expect(refusal(value).code).toBe('NOT_PLAIN_DATA');
      expect(refusal({ inside: value }).code).toBe('NOT_PLAIN_DATA');
    }
  });

  it('refuses functions, bigints and symbols as values', () => {
    for (const value of [() => 1, 12n, Symbol('s')]) {
      expect(refusal(value).code).toBe('NOT_PLAIN_DATA');
      expect(refusal([value]).code).toBe('NOT_PLAIN_DATA');
    }
  });

  it('refuses NaN, infinities and invalid Dates', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, new Date(Number.NaN)]) expect(refusal({ value }).code).toBe('NOT_PLAIN_DATA');
  });

  it('refuses lists with holes or extra keys', () => {
    const sparse: number[] = [];
    sparse.length = 3;
    const extra = Object.assign([1, 2], { more: 3 });
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is refused
    for (const value of [[1, , 3], sparse, extra]) expect(refusal(value).code).toBe('NOT_PLAIN_DATA');
  });

  it('refuses what cannot be read (a revoked Proxy, a throwing trap) with the original error as cause', () => {
    const { proxy, revoke } = Proxy.revocable({ title: 'T' }, {});
    revoke();
    const revoked = refusal({ input: proxy });
    expect([revoked.code, revoked.cause instanceof TypeError]).toEqual(['NOT_PLAIN_DATA', true]);
    const failure = new Error('trap');
    const trapped = refusal(
      new Proxy(
        {},
        {
          ownKeys() {
            throw failure;
          },
        },
      ),
    );
    expect([trapped.code, trapped.cause]).toEqual(['NOT_PLAIN_DATA', failure]);
  });

  it('names where the problem is, never the value', () => {
    const secret = 'sk_live_do_not_log';
    const refused = refusal({ custom: { key: [secret, 12n] } });
    expect(refused.message).toContain('custom.key.1');
    expect(refused.message).not.toContain(secret);
    expect(refusal({ note: `${secret}\u0000` }).message).not.toContain(secret);
  });
});

describe('snapshotInput: text and size', () => {
  it('refuses a NUL or a lone surrogate in values and keys with INVALID_TEXT; a surrogate pair is fine', () => {
    for (const bad of ['a\u0000b', '\uD83D', 'x\uDE00', '\uDE00\uD83D']) {
      expect(refusal({ title: bad }).code).toBe('INVALID_TEXT');
      expect(refusal({ [bad]: 1 }).code).toBe('INVALID_TEXT');
      expect(refusal([[bad]]).code).toBe('INVALID_TEXT');
      expect(refusal(bad).code).toBe('INVALID_TEXT');
    }
    expect(snapshotInput({ '😀': 'García 😀' }, 'The input')).toEqual({ '😀': 'García 😀' });
  });

  it(`refuses nesting deeper than LIMITS.inputDepth (${LIMITS.inputDepth}) with LIMIT_EXCEEDED`, () => {
    expect(refusal(nested(LIMITS.inputDepth)).code).toBe('no error');
    expect(refusal(nested(LIMITS.inputDepth + 1)).code).toBe('LIMIT_EXCEEDED');
  });

  it(`refuses more than LIMITS.inputValues (${LIMITS.inputValues}) values in all with LIMIT_EXCEEDED`, () => {
    // Each list is a value too; no list may hold more than LIMITS.listItems.
    const lists = (count: number): number[][] => Array.from({ length: count }, () => new Array<number>(LIMITS.listItems).fill(1));
    const fitting = Math.floor((LIMITS.inputValues - 1) / (LIMITS.listItems + 1));
    expect(refusal(lists(fitting)).code).toBe('no error');
    expect(refusal(Array.from({ length: fitting + 1 }, () => ({ rows: lists(1)[0] })))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it(`refuses a list of more than LIMITS.listItems (${LIMITS.listItems}) elements with LIMIT_EXCEEDED, before reading them`, () => {
    expect(refusal(new Array<number>(LIMITS.listItems).fill(1)).code).toBe('no error');
    expect(refusal({ contactIds: new Array<string>(LIMITS.listItems + 1).fill('c') }).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses a description that is not text with INVALID_ARGUMENT', () => {
    expect(() => snapshotInput({}, 3 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('isStorableText', () => {
  it('accepts well-formed text without NUL, and refuses a NUL or a lone surrogate', () => {
    expect(['', 'García', '李小龍', '😀', 'a\uD83D\uDE00b'].map(isStorableText)).toEqual([true, true, true, true, true]);
    expect(['\u0000', 'a\u0000', '\uD83D', '\uDE00', '\uDE00\uD83D', 'a\uD83Db'].map(isStorableText)).toEqual([false, false, false, false, false, false]);
    expect(isStorableText(12 as never)).toBe(false);
  });
});
