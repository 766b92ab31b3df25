import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { checkField, compileFieldValue, createFieldRegistry, MAX_PATTERN_TEXT_LENGTH, validateCustomFields } from 'crm-kit';
import { checkPattern, matchesPattern } from '../../src/fields/_internal/safe-pattern.js';
import { createNativeReference } from './native-reference.js';

// Known catastrophic patterns: each makes a backtracking engine take exponential (or high
// polynomial) time on some short value. Every one is either refused, or matched on hostile values
// of up to the 1,024-unit cap within a per-match budget. (The one place a test times anything: the
// budget is the point of the matcher.)
const BUDGET_MS = 50;

const EVIL: readonly string[] = [
  '(a+)+$',
  '(a+)+b',
  '^(a+)+$',
  '(a*)*b',
  '(a|a)*',
  '(a|aa)+',
  '(a|a?)+',
  '(?:a+)+?b',
  '(a+)+(b+)+(c+)+$',
  '(?:a|a)+(?:a|a)+(?:a|a)+b',
  '(\\w+\\s?)+$',
  '\\b(\\w+\\b\\s*)+$',
  '(\\w|\\d)+$',
  '(\\w+)*@',
  '([a-z]+)*[0-9]',
  '(x+x+)+y',
  '(\\d+)*$',
  '(\\d|\\d\\d)+x',
  '(a|b|ab)*c',
  '(?:(?:a|b)*)*c',
  '((ab)*)*c',
  '(.+)+!',
  '(.*a){12}',
  '(.*){1,32000}[bc]',
  '(.*?,){11}P',
  '[\\s\\S]*[\\s\\S]*[\\s\\S]*x',
  '^\\s+|\\s+$',
  '\\s*#?\\s*x',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '^(\\w+\\.?)+\\w+@',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  '(\\p{L}+\\s?)+$',
  '(😀+)+$',
  '[a-z]{0,99}'.repeat(6),
  '\\d{0,30}'.repeat(20),
  `${'a?'.repeat(29)}${'a'.repeat(30)}`,
  `${'(a|b)?'.repeat(15)}${'(a|b)'.repeat(15)}`,
  '((a{0,10}){0,10}){0,10}',
  '(a{1,99}){1,99}',
  '(?:[a-z]{0,9}[a-z]{0,9}){0,9}x',
  '(?:\\w{1,5}\\s?){1,200}!',
  '(?:.?.?.?){280}',
  '(?:a|b|c|d|e|f|g|h|i|j)*k',
  '(a)\\1*b',
  '(a*)*\\1',
  '(?=(a+))\\1*b',
  '^(?!(a+)+$)',
  '(?<=(a+)+)b',
  '(?<word>\\w+)\\s+\\k<word>',
  '(?:ab|cd){0,500}(?:ef|gh){0,500}',
];

const HOSTILE: readonly string[] = [
  `${'a'.repeat(1023)}!`,
  'a'.repeat(1024),
  `${'ab'.repeat(511)}!!`,
  `${'a '.repeat(511)}!!`,
  `${'a,'.repeat(511)}!!`,
  `${'a.'.repeat(511)}!!`,
  `${'a'.repeat(1023)}@`,
  `${'1'.repeat(1023)}!`,
  `${'x'.repeat(1023)}!`,
  `${' '.repeat(1023)}!`,
  `${'é'.repeat(1023)}!`,
  `${'😀'.repeat(511)}!!`,
  `${'abcdefghij'.repeat(102)}!!!!`,
];

describe('catastrophic patterns', () => {
  it('the hostile values are within the cap on text a pattern runs on', () => {
    for (const value of HOSTILE) expect(value.length).toBeLessThanOrEqual(MAX_PATTERN_TEXT_LENGTH);
    for (const pattern of EVIL) expect(pattern.length).toBeLessThanOrEqual(200);
  });

  it(`are each refused as UNSAFE_PATTERN or matched on hostile values of up to 1024 units within ${BUDGET_MS} ms`, () => {
    // Warm the matcher up first: the first long runs of any code are interpreted, not compiled.
    const warm = compileFieldValue({ type: 'string', code: 'warm', labels: { en: 'W' }, pattern: '[a-c]?'.repeat(30) });
    for (let i = 0; i < 20; i++) warm.safeParse(HOSTILE[i % HOSTILE.length]);
    let slowest = { ms: 0, pattern: '', value: '' };
    const refused: string[] = [];
    for (const pattern of EVIL) {
      const definition = { type: 'string' as const, code: 'f', labels: { en: 'F' }, pattern };
      const checked = checkField(definition);
      if (!checked.success) {
        expect([pattern, checked.issues.map((i) => i.code)]).toEqual([pattern, ['UNSAFE_PATTERN']]);
        refused.push(pattern);
        continue;
      }
      const schema = compileFieldValue(definition);
      schema.safeParse('a'); // compiled and warmed, so the timings below are of matching alone
      for (const value of HOSTILE) {
        // The best of five tries, so that a pause of a busy machine is not taken for the matcher's work.
        let ms = Infinity;
        for (let attempt = 0; attempt < 5 && ms > BUDGET_MS / 5; attempt++) {
          const start = performance.now();
          schema.safeParse(value);
          ms = Math.min(ms, performance.now() - start);
        }
        if (ms > slowest.ms) slowest = { ms, pattern, value: value.length > 12 ? `${value.slice(0, 12)}… (${value.length} units)` : value };
        expect([pattern, value.slice(0, 12), ms < BUDGET_MS]).toEqual([pattern, value.slice(0, 12), true]);
      }
    }
    console.log(`${EVIL.length - refused.length} of ${EVIL.length} catastrophic patterns accepted, each matched on ${HOSTILE.length} hostile values; refused: ${refused.join('  ')}`);
    console.log(`slowest match: ${slowest.ms.toFixed(2)} ms, pattern ${slowest.pattern} on ${slowest.value}`);
    // The budget is per match; the whole corpus may take longer on a busy machine.
  }, 60_000);

  it('would hang the native engine: most keep it busy over 100 ms on some hostile value, and where it answers it agrees', async () => {
    const reference = createNativeReference();
    let accepted = 0;
    let busy = 0;
    for (const pattern of EVIL) {
      const checked = checkPattern(pattern, MAX_PATTERN_TEXT_LENGTH);
      if (!checked.ok) continue;
      accepted++;
      for (const value of HOSTILE) {
        const expected = reference.test(pattern, [value], 100);
        if (expected === undefined) {
          busy++;
          break;
        }
        expect([pattern, value.slice(0, 12), matchesPattern(checked.program, value)]).toEqual([pattern, value.slice(0, 12), expected[0]]);
      }
    }
    await reference.close();
    console.log(`the native engine was busy over 100 ms on ${busy} of the ${accepted} accepted patterns`);
    expect(busy).toBeGreaterThan(accepted * 0.75);
  }, 120_000);
});

describe('the matching work of one record is bounded', () => {
  it('a multiple field with a pattern refuses, with LIMIT_EXCEEDED and before matching, more text than the pattern may be matched against at once', () => {
    const registry = createFieldRegistry('deal', {
      customFields: [{ type: 'string', code: 'codes', labels: { en: 'Codes' }, multiple: true, pattern: '(?:.?.?.?){280}' }],
    });
    const many = Array.from({ length: 40 }, () => 'a'.repeat(1000));
    const started = performance.now();
    const result = validateCustomFields(registry, 'input', { codes: many });
    expect(performance.now() - started).toBeLessThan(50);
    expect(result.success ? [] : result.issues.map((found) => [found.code, ...found.path])).toEqual([['LIMIT_EXCEEDED', 'custom', 'codes']]);
    const few = validateCustomFields(registry, 'input', { codes: ['a'.repeat(100), 'b'.repeat(100)] });
    expect(few.success).toBe(true);
  });

  it('a short pattern still takes long lists of short values', () => {
    const registry = createFieldRegistry('deal', { customFields: [{ type: 'string', code: 'zips', labels: { en: 'ZIPs' }, multiple: true, pattern: '\\d{5}' }] });
    expect(validateCustomFields(registry, 'input', { zips: Array.from({ length: 1000 }, (_, i) => String(10000 + i)) }).success).toBe(true);
  });
});
