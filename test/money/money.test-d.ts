// Type tests, checked by `tsc` in `npm run typecheck`: misuse must not compile.
import { expectTypeOf } from 'vitest';
import { addMoney, compareMoney, convertMoney, createRateTable, money, subtractMoney, sumMoney } from 'crm-kit';
import type { Money } from 'crm-kit';

const eur = money('1.00', 'EUR');
const usd = money('1.00', 'USD');
expectTypeOf(eur).toEqualTypeOf<Money<'EUR'>>();
expectTypeOf(addMoney(eur, eur)).toEqualTypeOf<Money<'EUR'>>();

// @ts-expect-error two literal currencies never meet in one sum
addMoney(eur, usd);
// @ts-expect-error nor in a difference
subtractMoney(usd, eur);
// @ts-expect-error nor in a comparison
compareMoney(eur, usd);
// @ts-expect-error nor in a total of another currency
sumMoney([eur, usd], 'EUR');
// @ts-expect-error an amount is a string, never a number
money(12.5, 'EUR');

// Widened currencies are checked at run time instead (CURRENCY_MISMATCH).
const loose: Money = usd;
expectTypeOf(addMoney(loose, eur)).toEqualTypeOf<Money>();
expectTypeOf(addMoney(eur, loose)).toEqualTypeOf<Money<'EUR'>>();
expectTypeOf(addMoney(loose, loose)).toEqualTypeOf<Money>();
expectTypeOf(sumMoney([loose, eur], 'EUR')).toEqualTypeOf<Money<'EUR'>>();
// @ts-expect-error a total of one literal currency takes no items of another
sumMoney([usd], 'EUR');

// Conversion changes the currency type.
const rates = createRateTable({ base: 'EUR', rates: [] });
expectTypeOf(convertMoney(usd, 'EUR', rates, { on: '2026-01-01' })).toEqualTypeOf<Money<'EUR'>>();

// Generic code over one currency type compiles.
function double<C extends string>(a: Money<C>): Money<C> {
  return addMoney(a, a);
}
function spread<C extends string>(a: Money<C>, b: Money<C>): -1 | 0 | 1 {
  return compareMoney(subtractMoney(a, b), money('0', a.currency));
}
expectTypeOf(double(eur)).toEqualTypeOf<Money<'EUR'>>();
expectTypeOf(spread(eur, eur)).toEqualTypeOf<-1 | 0 | 1>();
