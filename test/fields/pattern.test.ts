import { describe, expect, it } from 'vitest';
import { checkField, compileFieldValue } from 'crm-kit';
import { MAX_PROGRAM_SIZE } from '../../src/fields/_internal/pattern/compile-pattern.js';
import { checkPattern, matchesPattern } from '../../src/fields/_internal/safe-pattern.js';

const field = (pattern: string) => ({ type: 'string' as const, code: 'f', labels: { en: 'F' }, pattern });
const refusal = (pattern: string): string[] => {
  const result = checkField(field(pattern));
  return result.success ? [] : result.issues.map((i) => `${i.code}: ${i.message}`);
};
/** What the field accepts, value by value, through the public schema. */
const accepts = (pattern: string, values: readonly string[]): boolean[] => {
  const schema = compileFieldValue(field(pattern));
  return values.map((value) => schema.safeParse(value).success);
};
const native = (pattern: string, values: readonly string[]): boolean[] => values.map((value) => new RegExp(`^(?:${pattern})$`, 'u').test(value));

describe('ordinary field patterns', () => {
  it.each([
    ['a US ZIP code', '^\\d{5}(-\\d{4})?$', ['12345', '12345-6789', '1234', '123456', '12345-', '12345-678', 'abcde', '12345\n']],
    ['a dotted IPv4 address', '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$', ['192.168.0.1', '8.8.8.8', '255.255.255.255', '1.2.3', '1.2.3.4.5', '1234.1.1.1', '1..2.3', '']],
    ['an e-mail address, roughly', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', ['ana@example.com', 'jane.doe+crm@mail.example.co.uk', 'ana@example', '@example.com', 'ana@@example.com', 'ana example@x.io', 'ñ@example.com']],
    ['an international phone number', '\\+?[0-9]{1,3}[ -]?(\\([0-9]{1,4}\\)[ -]?)?[0-9]{2,4}([ -]?[0-9]{2,4}){1,3}', ['+34 600 123 456', '+1 (555) 123-4567', '600123456', '+34-600', 'phone', '+34 600 123 456 789 012']],
    ['a SKU', '[A-Z]{3}-\\d{4}(-[A-Z0-9]{2})?', ['ABC-1234', 'ABC-1234-X9', 'AB-1234', 'ABC-12345', 'abc-1234', 'ABC-1234-']],
    ['a slug with words', '[a-z0-9]+(?:-[a-z0-9]+)*', ['crm-kit', 'a', 'crm--kit', '-crm', 'crm-', 'CRM']],
    ['a Unicode name', '\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+)*', ['Ana', 'José María', 'Łukasz', 'Zoë-Ann', 'ana', 'Ana  María', 'Ana1']],
    ['a word-bounded code', '\\bEU\\b-\\d+|[A-Z]{2}\\d+', ['EU-12', 'ES12', 'EUR-12', 'EU-']],
  ])('accepts %s and matches it as the native engine does', (_, pattern, values) => {
    expect(refusal(pattern)).toEqual([]);
    expect(accepts(pattern, values)).toEqual(native(pattern, values));
  });

  it('matches the ZIP and IPv4 patterns the previous screen refused', () => {
    expect(accepts('^\\d{5}(-\\d{4})?$', ['94105', '94105-1234', '9410'])).toEqual([true, true, false]);
    expect(accepts('^[0-9]{1,3}(\\.[0-9]{1,3}){3}$', ['10.0.0.1', '10.0.0'])).toEqual([true, false]);
  });

  it('keeps accepting, with the same answers, the patterns the previous screen accepted', () => {
    const values = ['', 'AB12', 'ES12345', 'ana@mail.com', '555-1234', 'com', 'org', 'net', '1.5', 'ababab', '(x', '😀😀!', 'a', 'x'];
    for (const pattern of ['^[A-Z]{2}[0-9A-Z]+$', '^[a-z]+@[a-z]+\\.[a-z]+$', '(\\d{3})-(\\d{4})', '(?:com|org)', '\\d+\\.\\d+', '(?:ab){2,5}', '[(+*]+x', '\\u{1F600}+!', '[A-Z]{2}[0-9]+', 'a(b|c)d', '[a-z]*x', '\\d{3}']) {
      expect(refusal(pattern)).toEqual([]);
      expect([pattern, accepts(pattern, values)]).toEqual([pattern, native(pattern, values)]);
    }
  });
});

describe('the pattern language', () => {
  it('reads a value as code points: an astral character is one, a lone surrogate is one', () => {
    const run = (pattern: string, values: readonly string[]): boolean[] => {
      const checked = checkPattern(pattern, 1024);
      if (!checked.ok) throw new Error(checked.reason);
      return values.map((value) => matchesPattern(checked.program, value));
    };
    const values = ['😀', '\uD83D', '\uDE00', '\uD83D\uD83D', 'a😀', '😀😀'];
    for (const pattern of ['.', '..', '\\uD83D', '\\uD83D\\uDE00', '[\\uD800-\\uDBFF]', '[^a]', '\\P{L}+', '[😀a]{2}', '.\\uDE00']) {
      expect([pattern, run(pattern, values)]).toEqual([pattern, native(pattern, values)]);
    }
  });

  it('gives each class the native answer for every code point of the Basic Multilingual Plane and a sample above it', () => {
    const codePoints: number[] = [];
    for (let c = 0; c <= 0xffff; c++) codePoints.push(c);
    for (let c = 0x10000; c <= 0x10ffff; c += 0x3f) codePoints.push(c);
    codePoints.push(0x1f600, 0x10ffff, 0xe0001);
    const texts = codePoints.map((c) => String.fromCodePoint(c));
    for (const pattern of ['.', '\\s', '\\S', '\\w', '\\W', '\\d', '\\D', '[^\\s\\d]', '[\\s\\S]', '[^]', '\\p{L}', '\\P{Lu}', '[\\p{Lu}\\d_]', '[^\\p{L}a-z]', '[\\W\\d]', '[\\0-\\x1F\\u2028-\\u2029]']) {
      const checked = checkPattern(pattern, 1024);
      if (!checked.ok) throw new Error(checked.reason);
      const whole = new RegExp(`^(?:${pattern})$`, 'u');
      const differing = texts.filter((text) => matchesPattern(checked.program, text) !== whole.test(text)).map((text) => text.codePointAt(0)?.toString(16));
      expect([pattern, differing]).toEqual([pattern, []]);
    }
  });

  it('treats ^ and $ as the ends of the whole value, and lazy quantifiers like greedy ones', () => {
    expect(accepts('a^b|^ab$', ['ab', 'a\nb'])).toEqual([true, false]);
    expect(accepts('(?:a|b)*?c+?', ['ababcc', 'abab'])).toEqual([true, false]);
    expect(accepts('a$\\n?', ['a', 'a\n'])).toEqual([true, false]);
  });

  it('gives the same answers when a repetition count is beyond what a value of 1024 units can hold', () => {
    const long = 'a'.repeat(1024);
    expect(accepts('a{1,100000}', [long, 'a', ''])).toEqual([true, true, false]);
    expect(accepts('a{1025}|b', [long, 'b'])).toEqual([false, true]);
    expect(accepts('(?:a?){5000}b?', [long, 'a'.repeat(1023) + 'b', 'b', 'ba'])).toEqual([true, true, true, false]);
    expect(accepts('(?:ab){600,}', ['ab'.repeat(512)])).toEqual([false]);
    expect(accepts('(?:ab){512,}', ['ab'.repeat(512)])).toEqual([true]);
  });

  it('reuses its scratch memory safely across many matches, and restarts its step stamps without a wrong answer', () => {
    const checked = checkPattern('(?:[a-c]{2,4}-)+\\d{0,40}', 1024);
    if (!checked.ok) throw new Error(checked.reason);
    const values = ['ab-', 'abcd-ab-123', 'a-', 'abcde-', 'abc-' + '1'.repeat(40), 'abc-' + '1'.repeat(41), ''];
    const expected = native('(?:[a-c]{2,4}-)+\\d{0,40}', values);
    for (let round = 0; round < 3; round++) expect(values.map((v) => matchesPattern(checked.program, v))).toEqual(expected);
    checked.program.workspace.step = 0x3fffffff - 5;
    for (let round = 0; round < 3; round++) expect(values.map((v) => matchesPattern(checked.program, v))).toEqual(expected);
  });

  it('never runs on more text than the program was compiled for', () => {
    const checked = checkPattern('a*', 4);
    if (!checked.ok) throw new Error(checked.reason);
    expect(matchesPattern(checked.program, '😀😀😀😀')).toBe(false);
    expect(() => matchesPattern(checked.program, 'aaaaa')).toThrow(RangeError);
  });
});

describe('refused patterns', () => {
  it.each([
    ['(a)\\1', 'uses a back-reference'],
    ['(?<word>a+)-\\k<word>', 'uses a back-reference'],
    ['(?=a)a', 'uses a lookaround'],
    ['a(?!b)', 'uses a lookaround'],
    ['(?<=a)b', 'uses a lookaround'],
    ['(?<!a)b', 'uses a lookaround'],
    ['x'.repeat(201), 'is longer than 200 characters'],
    ['(?:ab|cd){0,500}(?:ef|gh){0,500}', `needs more than ${MAX_PROGRAM_SIZE} matcher steps per character (lower its repetition counts)`],
    ['(?:\\b|x){2500}', `needs more than ${MAX_PROGRAM_SIZE} matcher steps per character (lower its repetition counts)`],
  ])('refuses %s as UNSAFE_PATTERN: it %s', (pattern, reason) => {
    expect(refusal(pattern)).toEqual([`UNSAFE_PATTERN: The pattern ${reason}.`]);
  });

  it.each(['([', 'a{2,1}', '\\-', '{', 'a**', '(?<n>a)(?<n>b)', '\\p{Nope}', '[z-a]'])('refuses %s as INVALID_FIELD_DEFINITION: not a regular expression with the u flag', (pattern) => {
    expect(refusal(pattern)).toEqual(['INVALID_FIELD_DEFINITION: The pattern is not a valid regular expression.']);
  });

  it('never quotes the pattern in the reason', () => {
    for (const pattern of ['(secret)\\1', '(?=secret)', `(?:secret|x){0,900}(?:secret|y){0,900}`]) {
      expect(refusal(pattern).join(' ')).not.toContain('secret');
    }
  });
});
