// How much work splitFullName does, counted in words folded rather than timed: it must grow in step
// with the words, so that even the longest name LIMITS allows costs next to nothing.
import { LIMITS, NAME_FORMATS, splitFullName } from 'crm-kit';
import type { NameFormat } from 'crm-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldText } from '../../src/kernel/index.js';
import type * as Kernel from '../../src/kernel/index.js';

vi.mock('../../src/kernel/index.js', async (importOriginal) => {
  const kernel = await importOriginal<typeof Kernel>();
  return { ...kernel, foldText: vi.fn(kernel.foldText) };
});

const folds = vi.mocked(foldText);

function longest(unit: string): string {
  return unit.repeat(Math.ceil(LIMITS.fullNameText / unit.length)).slice(0, LIMITS.fullNameText).trim();
}

describe('splitFullName does work linear in the words', () => {
  afterEach(() => {
    folds.mockClear();
  });

  const formats = Object.entries(NAME_FORMATS) as [string, NameFormat][];
  const texts: [string, string][] = [
    ['short words', longest('ab ')],
    ['particles', longest('de ')],
    ['joiners', longest('y ')],
    ['compound given names', longest('María del Carmen ')],
    ['compound heads without their particle', longest('María ')],
    ['commas', longest('a, ')],
  ];

  it.each(texts.flatMap(([label, text]) => formats.map(([name, format]) => [label, name, text, format] as const)))(
    'a full name of %s in the %s format folds each word a bounded number of times',
    (_label, _name, text, format) => {
      const words = text.split(' ').length;
      splitFullName(text, format);
      // Last-name-first formats used to fold every remaining word at every position: words² / 2.
      expect(folds.mock.calls.length).toBeLessThanOrEqual(8 * words);
    },
  );
});
