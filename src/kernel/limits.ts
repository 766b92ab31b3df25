/**
 * The size caps on what crm-kit accepts from outside. Every one exists so that hostile input
 * costs a bounded amount of work: text and lists longer than a cap are refused with
 * {@link LimitError} `LIMIT_EXCEEDED` naming the cap (or a returned issue with that code), before
 * any work that grows with them. Lengths of text are in UTF-16 code units.
 *
 * @example
 * ```ts
 * LIMITS.amountText; //=> 200
 * money('9'.repeat(LIMITS.amountText + 1), 'EUR'); // throws LIMIT_EXCEEDED
 * ```
 */
export const LIMITS: {
  /** An amount written as text, for `money` and `parseMoney`. */
  readonly amountText: number;
  /** A full name given to `splitFullName`. */
  readonly fullNameText: number;
  /** A page cursor handed back to `find`. */
  readonly cursorText: number;
  /**
   * The elements of any one list in an argument of a service call: links, multi-fields, product
   * rows, multiple custom values.
   */
  readonly listItems: number;
  /** The clauses of a query's `where`, and the keys of its `sort`. */
  readonly queryClauses: number;
  /** The values of one `in`, `notIn` or `overlaps` clause. */
  readonly queryValues: number;
  /** How deep objects and lists nest in one argument of a service call. */
  readonly inputDepth: number;
  /** How many objects, lists and values one argument of a service call holds in all. */
  readonly inputValues: number;
} = /* @__PURE__ */ Object.freeze({
  amountText: 200,
  fullNameText: 1_000,
  cursorText: 4_096,
  listItems: 1_000,
  queryClauses: 50,
  queryValues: 1_000,
  inputDepth: 16,
  inputValues: 100_000,
});

/**
 * The name of one of the {@link LIMITS}.
 */
export type LimitName = keyof typeof LIMITS;
