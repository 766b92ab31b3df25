// Standard codes of the extendable lists. A host may use its own codes too: any upper-snake code
// (`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`, at most 50 characters) is accepted where these are.

/**
 * The standard sources of leads, contacts and deals. Extendable: any upper-snake code is accepted.
 *
 * @example
 * ```ts
 * SOURCES.includes('TRADE_SHOW'); //=> true
 * leadInputSchema.safeParse({ source: 'PODCAST' }).success; //=> true
 * leadInputSchema.safeParse({ source: 'podcast' }).success; //=> false
 * ```
 */
export const SOURCES = [
  'CALL',
  'EMAIL',
  'WEB',
  'ADVERTISING',
  'PARTNER',
  'RECOMMENDATION',
  'TRADE_SHOW',
  'WEBFORM',
  'CALLBACK',
  'STORE',
  'OTHER',
] as const;

/**
 * The standard contact types. Extendable with any upper-snake code.
 *
 * @example
 * ```ts
 * CONTACT_TYPES; //=> ['CLIENT', 'SUPPLIER', 'PARTNER', 'JOURNALIST', 'OTHER']
 * ```
 */
export const CONTACT_TYPES = ['CLIENT', 'SUPPLIER', 'PARTNER', 'JOURNALIST', 'OTHER'] as const;

/**
 * The standard company types. Extendable with any upper-snake code.
 *
 * @example
 * ```ts
 * COMPANY_TYPES; //=> ['CUSTOMER', 'SUPPLIER', 'COMPETITOR', 'PARTNER', 'OTHER']
 * ```
 */
export const COMPANY_TYPES = ['CUSTOMER', 'SUPPLIER', 'COMPETITOR', 'PARTNER', 'OTHER'] as const;

/**
 * The standard industries of companies. Extendable with any upper-snake code.
 *
 * @example
 * ```ts
 * INDUSTRIES.includes('MANUFACTURING'); //=> true
 * ```
 */
export const INDUSTRIES = [
  'IT',
  'TELECOM',
  'MANUFACTURING',
  'BANKING',
  'CONSULTING',
  'FINANCE',
  'GOVERNMENT',
  'DELIVERY',
  'ENTERTAINMENT',
  'NOTPROFIT',
  'OTHER',
] as const;

/**
 * The standard deal types (`SERVICE` is after-sales service). Extendable with any upper-snake code.
 *
 * @example
 * ```ts
 * DEAL_TYPES; //=> ['SALE', 'COMPLEX', 'GOODS', 'SERVICES', 'SERVICE']
 * ```
 */
export const DEAL_TYPES = ['SALE', 'COMPLEX', 'GOODS', 'SERVICES', 'SERVICE'] as const;
