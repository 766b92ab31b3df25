/**
 * An amount of money as plain data: a canonical decimal string and an ISO 4217 currency code.
 * The amount has no exponent, no grouping, no leading `+` and no leading zeros; it shows at least
 * the currency's minor units and trailing zeros beyond them are dropped (`'10.50'` EUR,
 * `'3.14159'` EUR after a multiplication, `'1200'` JPY). `-0` is written `0`. Build one with
 * {@link money}; no `number` ever holds an amount.
 *
 * When `C` is a literal type, functions that take two amounts refuse to compile with two
 * different currencies.
 *
 * @example
 * ```ts
 * const price: Money<'EUR'> = money('19.90', 'EUR');
 * JSON.parse(JSON.stringify(price)); //=> { amount: '19.90', currency: 'EUR' }
 * ```
 */
export interface Money<C extends string = string> {
  readonly amount: string;
  readonly currency: C;
}

/**
 * Every rounding mode crm-kit knows, in one constant list.
 *
 * @example
 * ```ts
 * ROUNDING_MODES.includes('halfEven'); //=> true
 * ```
 */
export const ROUNDING_MODES = ['halfUp', 'halfEven', 'halfDown', 'up', 'down', 'ceil', 'floor'] as const;

/**
 * How to round to a number of decimals:
 * - `halfUp`: to nearest, ties away from zero (2.5 → 3, -2.5 → -3); the default.
 * - `halfEven`: to nearest, ties to the even neighbour (2.5 → 2, 3.5 → 4); "banker's rounding".
 * - `halfDown`: to nearest, ties towards zero (2.5 → 2, -2.5 → -2).
 * - `up`: away from zero; `down`: towards zero (truncation).
 * - `ceil`: towards +∞; `floor`: towards −∞.
 *
 * @example
 * ```ts
 * const mode: RoundingMode = 'halfEven';
 * roundMoney(money('2.345', 'EUR'), { mode }); //=> { amount: '2.34', currency: 'EUR' }
 * ```
 */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/**
 * The compile-time guard of functions that take two amounts: `unknown` (no constraint) when the two
 * currency types may be the same, `never` (a type error) when they are different literal codes.
 * A plain `string` currency is always accepted and checked at run time instead.
 *
 * @example
 * ```ts
 * type Ok = CurrencyCheck<'EUR', 'EUR'>; // unknown
 * type Loose = CurrencyCheck<'EUR', string>; // unknown
 * type Mixed = CurrencyCheck<'EUR', 'USD'>; // never: addMoney(eur, usd) does not compile
 * ```
 */
export type CurrencyCheck<A extends string, B extends string> = string extends A
  ? unknown
  : string extends B
    ? unknown
    : [A & B] extends [never]
      ? never
      : unknown;

/**
 * The compile-time guard of {@link sumMoney}: `unknown` when every literal currency of the items
 * is the total's currency (or the items' currency is a plain `string`), `never` otherwise.
 *
 * @example
 * ```ts
 * type Ok = WithinCurrency<'EUR', 'EUR'>; // unknown
 * type Mixed = WithinCurrency<'EUR' | 'USD', 'EUR'>; // never
 * ```
 */
export type WithinCurrency<M extends string, C extends string> = string extends M ? unknown : [M] extends [C] ? unknown : never;

/**
 * The currency type of the result of a two-amount operation: the literal one when either is literal.
 *
 * @example
 * ```ts
 * type R = ResultCurrency<string, 'EUR'>; // 'EUR'
 * ```
 */
export type ResultCurrency<A extends string, B extends string> = string extends A ? B : A;
