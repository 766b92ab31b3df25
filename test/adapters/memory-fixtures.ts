import type { StoredRecord } from 'crm-kit';

export { codeOfAsync as codeOf } from '../support/errors.js';

/** A stored record with whatever fields a test needs. */
export type Row = StoredRecord & Readonly<Record<string, unknown>>;

/** A record with the common meta fields filled in. */
export function row(id: string, fields: Readonly<Record<string, unknown>> = {}, custom: Readonly<Record<string, unknown>> = {}): Row {
  return {
    id,
    version: 1,
    createdAt: new Date('2026-01-05T10:00:00Z'),
    updatedAt: new Date('2026-01-05T10:00:00Z'),
    createdById: 'u-ana',
    updatedById: 'u-ana',
    assignedById: 'u-ana',
    custom,
    ...fields,
  };
}

/** The ids of some records, in order. */
export function idsOf(records: readonly { readonly id: string }[]): string[] {
  return records.map((record) => record.id);
}
