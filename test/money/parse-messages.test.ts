import { describe, expect, it } from 'vitest';
import { createMoneyParser, parseMoney } from 'crm-kit';

/** The messages of the issues parseMoney returns for a text. */
function messages(text: string, currency: string, locale: string): string[] {
  const result = parseMoney(text, currency, { locale });
  return result.success ? [] : result.issues.map((i) => `${i.code}: ${i.message}`);
}

describe('parseMoney says what is wrong and where, never echoing the text', () => {
  it.each([
    ['', 'EUR', 'de-DE', 'INVALID_AMOUNT: The amount is empty.'],
    ['€', 'EUR', 'de-DE', 'INVALID_AMOUNT: The amount has no digits.'],
    ['12 abc', 'EUR', 'de-DE', 'INVALID_AMOUNT: Unexpected characters after the number, at character 4.'],
    ['abc 12', 'EUR', 'de-DE', 'INVALID_AMOUNT: Unexpected characters before the number, at character 1.'],
    ['USD 12', 'EUR', 'de-DE', 'CURRENCY_MISMATCH: The text names a currency other than EUR, at character 1.'],
    ['12-', 'USD', 'en-US', 'INVALID_AMOUNT: A sign must come before the number, not at character 3.'],
    ['--12', 'USD', 'en-US', 'INVALID_AMOUNT: The amount has more than one sign.'],
    ['((12))', 'USD', 'en-US', 'INVALID_AMOUNT: Accounting parentheses must enclose the number once: one before it, one after it.'],
    ['-(12)', 'USD', 'en-US', 'INVALID_AMOUNT: A negative amount takes either parentheses or a sign, not both.'],
    ['€12€', 'EUR', 'de-DE', 'INVALID_AMOUNT: The currency is named more than once.'],
    ['1 234', 'USD', 'en-US', 'INVALID_AMOUNT: A space splits the number at character 2; en-US does not group digits with spaces.'],
    ['12a34', 'USD', 'en-US', 'INVALID_AMOUNT: Unexpected character inside the number, at character 3.'],
    ['1.2.3', 'USD', 'en-US', 'INVALID_AMOUNT: The number has a second decimal separator, at character 4.'],
    ['1.234,5', 'USD', 'en-US', 'INVALID_AMOUNT: A digit group separator follows the decimal separator, at character 6.'],
    ['1,2345,678', 'USD', 'en-US', 'INVALID_AMOUNT: The digit groups do not follow en-US grouping, at character 2.'],
    ['1234,567.00', 'USD', 'en-US', 'INVALID_AMOUNT: The digit groups do not follow en-US grouping, at character 5.'],
    ['12,34,567', 'USD', 'en-US', 'INVALID_AMOUNT: The digit groups do not follow en-US grouping, at character 3.'],
    ['1٢', 'USD', 'en-US', 'INVALID_AMOUNT: The number mixes digits of two numbering systems.'],
    [`1${'0'.repeat(101)}`, 'USD', 'en-US', 'AMOUNT_OUT_OF_RANGE: The amount spans more digits than crm-kit keeps.'],
    ['9'.repeat(201), 'USD', 'en-US', 'LIMIT_EXCEEDED: The amount is longer than the 200 characters crm-kit reads (LIMITS.amountText).'],
    [
      '1,5',
      'USD',
      'en-US',
      'AMBIGUOUS_AMOUNT: The only separator, at character 2, cannot group digits in en-US, so it may be a decimal separator written for another locale; en-US writes decimals with ".".',
    ],
  ])('%j in %s (%s)', (text, currency, locale, expected) => {
    expect(messages(text, currency, locale)).toEqual([expected]);
  });

  it('refuses a missing locale and a text that is not a string with messages that say so', () => {
    expect(() => createMoneyParser('EUR', null as unknown as { locale: string })).toThrow(
      'Reading an amount needs options with a locale, such as { locale: "en-US" }.',
    );
    expect(() => createMoneyParser('EUR', { locale: 'de-DE' })(5 as unknown as string)).toThrow('The amount to read must be a string.');
  });
});
