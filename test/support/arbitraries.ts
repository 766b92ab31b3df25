import fc from 'fast-check';
import { money } from 'crm-kit';
import type { Money } from 'crm-kit';

/** A plain decimal string of `scale` decimals whose digits reach both the fast and the exact path. */
export function decimalText(options: { maxScale?: number; maxDigits?: number } = {}): fc.Arbitrary<string> {
  const maxScale = options.maxScale ?? 6;
  const maxDigits = options.maxDigits ?? 24;
  return fc
    .tuple(
      fc.boolean(),
      fc.oneof(
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** BigInt(maxDigits) - 1n }),
      ),
      fc.integer({ min: 0, max: maxScale }),
    )
    .map(([negative, digits, scale]) => {
      const text = digits.toString().padStart(scale + 1, '0');
      const body = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
      return negative && digits !== 0n ? `-${body}` : body;
    });
}

/** Money in one currency, with up to `maxScale` decimals. */
export function moneyIn<C extends string>(currency: C, options: { maxScale?: number; maxDigits?: number } = {}): fc.Arbitrary<Money<C>> {
  return decimalText(options).map((text) => money(text, currency));
}
