// What the reading, mapping and writing of columns agree on, said once.
import type { AddressPart } from '../mapping.js';

/** The parts of an address, in the order a custom address is written in one cell. */
export const ADDRESS_PARTS: readonly AddressPart[] = ['street', 'street2', 'city', 'region', 'postalCode', 'countryCode'];

/** The link fields, and the type of record each points to. */
export const LINK_TARGETS: Readonly<Record<string, 'company' | 'contact' | 'lead' | 'deal'>> = { companyId: 'company', companyIds: 'company', contactIds: 'contact', contactId: 'contact', leadId: 'lead', dealId: 'deal' };

/** The delimiters a file may use (the space only when given). */
export const DELIMITERS: readonly string[] = [',', ';', '\t', '|', ' '];
