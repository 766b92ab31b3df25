import type { Principal } from '../../access/index.js';
import { assertCan, can, listVisibleFields, projectRecord, toAccessRecord } from '../../access/index.js';
import type { StoredRecord } from '../../entities/index.js';
import type { EntityType } from '../../fields/index.js';
import { isEntityType, listStandardFields } from '../../fields/index.js';
import { FieldNotVisibleError, invalidArgument, isPlainRecord, LIMITS } from '../../kernel/index.js';
import type { ExportColumn, ExportOptions, ExportTable } from '../types.js';
import type { Context } from './context.js';
import { snapshotArgument } from './context.js';
import { readQuery } from './record-service.js';
import { readable } from './records.js';

const OPTION_KEYS: ReadonlySet<string> = new Set(['query', 'columns']);
// A deal's export may carry its primary contact's phones and e-mails, as columns of the contact.
const CONTACT_COLUMNS: Readonly<Record<string, ExportColumn>> = {
  'contact.phones': { field: 'contact.phones', type: 'multifield', labels: { en: 'Contact phone', es: 'Teléfono del contacto' } },
  'contact.emails': { field: 'contact.emails', type: 'multifield', labels: { en: 'Contact e-mail', es: 'Correo electrónico del contacto' } },
};

/**
 * `me.export`: the records a person may read and export, as rows of the columns they may see,
 * streamed page by page. Every value passes through the person's projection.
 */
export function exportService(context: Context, principal: Principal) {
  return (entityType: EntityType, options: ExportOptions = {}): ExportTable => {
    // Stryker disable next-line StringLiteral: message text
    if (!isEntityType(entityType)) throw invalidArgument('An export is of one entity type.');
    // Stryker disable next-line StringLiteral: message text
    const given = snapshotArgument(options, 'The export options');
    // Stryker disable next-line StringLiteral: message text
    if (!isPlainRecord(given) || Object.keys(given).some((key) => !OPTION_KEYS.has(key))) throw invalidArgument('Export options are { query?, columns? }.');
    assertCan(context.access, principal, 'export', entityType);
    const { registry } = context.rules[entityType];
    const available = new Map<string, ExportColumn>();
    for (const field of listStandardFields(entityType)) if (field.exportable) available.set(field.code, { field: field.code, type: field.type, labels: field.labels });
    for (const definition of listVisibleFields(registry, principal)) available.set(`custom.${definition.code}`, { field: `custom.${definition.code}`, type: definition.type, labels: definition.labels });
    if (entityType === 'deal') for (const [code, column] of Object.entries(CONTACT_COLUMNS)) available.set(code, column);
    const asked = given.columns;
    // Stryker disable next-line StringLiteral: message text
    if (asked !== undefined && (!Array.isArray(asked) || asked.length > LIMITS.listItems || asked.some((code) => typeof code !== 'string'))) throw invalidArgument('columns is a list of field codes.');
    const codes = (asked as readonly string[] | undefined) ?? [...available.keys()].filter((code) => !code.startsWith('contact.'));
    const columns = codes.map((code): ExportColumn => {
      const column = available.get(code);
      if (column !== undefined) return column;
      // A hidden custom field and an unknown one are alike: neither exists for this person.
      // Stryker disable next-line StringLiteral: message text
      if (code.startsWith('custom.') || !listStandardFields(entityType).some((field) => field.code === code)) throw new FieldNotVisibleError('FIELD_NOT_VISIBLE', 'A column is not a field you can see.', { field: code });
      // Stryker disable next-line StringLiteral: message text
      throw invalidArgument('A column is a field that is not exported.');
    });
    const query = readQuery(context, principal, entityType, { ...(isPlainRecord(given.query) ? given.query : {}), limit: context.store.capabilities.maxPageSize });
    const contactOf = async (deal: StoredRecord): Promise<Readonly<Record<string, unknown>> | undefined> => {
      const ids = (deal as unknown as { readonly contactIds?: readonly string[] }).contactIds;
      const first = ids?.[0];
      if (first === undefined) return undefined;
      const contact = await readable(context, principal, context.store, 'contact', first);
      // A contact left out of exports gives nothing to a deal's export either.
      return contact === null || (contact as unknown as { readonly exportable?: boolean }).exportable === false ? undefined : (projectRecord(context.rules.contact.registry, principal, contact) as unknown as Readonly<Record<string, unknown>>);
    };
    const wantsContact = columns.some((column) => column.field.startsWith('contact.'));
    let opened = false;
    const rows = async function* rows(): AsyncGenerator<readonly unknown[]> {
      for await (const record of context.store.repository(entityType).stream(query)) {
        if (!can(context.access, principal, 'export', entityType, toAccessRecord(record))) continue;
        // "Included in export": a contact left out of exports is not exported.
        if (entityType === 'contact' && (record as unknown as { readonly exportable?: boolean }).exportable === false) continue;
        const seen = projectRecord(registry, principal, record) as unknown as Readonly<Record<string, unknown>>;
        const contact = wantsContact ? await contactOf(record) : undefined;
        yield columns.map(({ field }) => {
          if (field.startsWith('contact.')) return contact?.[field.slice('contact.'.length)];
          if (field.startsWith('custom.')) {
            const custom = seen.custom;
            return isPlainRecord(custom) ? custom[field.slice('custom.'.length)] : undefined;
          }
          return seen[field];
        });
      }
    };
    return Object.freeze({
      columns: Object.freeze(columns),
      rows: {
        [Symbol.asyncIterator]() {
          // Stryker disable next-line StringLiteral: message text
          if (opened) throw invalidArgument('The rows of an export are read once.');
          opened = true;
          return rows();
        },
      },
    });
  };
}
