import type { LinkTarget } from './definition.js';

/**
 * A postal address, as entities and `address` custom fields hold it. Every part is optional;
 * `countryCode` is an ISO 3166-1 alpha-2 code.
 */
export interface Address {
  readonly street?: string | undefined;
  readonly street2?: string | undefined;
  readonly city?: string | undefined;
  readonly region?: string | undefined;
  readonly postalCode?: string | undefined;
  readonly countryCode?: string | undefined;
}

/**
 * The value of a `file` custom field: a reference to a file the host stores.
 */
export interface FileReference {
  readonly fileId: string;
  readonly name?: string | undefined;
  readonly bytes?: number | undefined;
  readonly mediaType?: string | undefined;
}

/**
 * The value of a `link` custom field: one CRM record.
 */
export interface LinkValue {
  readonly entityType: LinkTarget;
  readonly id: string;
}
