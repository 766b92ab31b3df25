import { describe, expect, it } from 'vitest';
import type { EntityType } from 'crm-kit';
import { foldText } from 'crm-kit';
import type { CsvPreset, CsvPresetName } from 'crm-kit/csv';
import { CSV_PRESETS, detectPreset, suggestMapping } from 'crm-kit/csv';

const PRESETS: readonly CsvPreset[] = Object.values(CSV_PRESETS);

/** The preset's columns for files of one entity type. */
function columnsFor(preset: CsvPreset, entityType: EntityType): CsvPreset['columns'] {
  return preset.columns.filter((column) => column.entityTypes === undefined || column.entityTypes.includes(entityType));
}

const byPresetAndType = PRESETS.flatMap((preset) => preset.entityTypes.map((entityType) => [preset.name, entityType] as const));

// Header rows as the products write them (a whole export, or the columns a person usually keeps).
const FILES: readonly (readonly [CsvPresetName, EntityType, readonly string[]])[] = [
  [
    'google-contacts',
    'contact',
    [
      'First Name', 'Middle Name', 'Last Name', 'Phonetic First Name', 'Phonetic Middle Name', 'Phonetic Last Name', 'Name Prefix', 'Name Suffix',
      'Nickname', 'File As', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Notes', 'Photo', 'Labels',
      'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value',
      'Address 1 - Label', 'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box', 'Address 1 - Region',
      'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address', 'Website 1 - Label', 'Website 1 - Value',
    ],
  ],
  [
    'google-contacts',
    'contact',
    [
      'Name', 'Given Name', 'Additional Name', 'Family Name', 'Yomi Name', 'Given Name Yomi', 'Additional Name Yomi', 'Family Name Yomi', 'Name Prefix',
      'Name Suffix', 'Initials', 'Nickname', 'Short Name', 'Maiden Name', 'Birthday', 'Gender', 'Location', 'Billing Information', 'Directory Server',
      'Mileage', 'Occupation', 'Hobby', 'Sensitivity', 'Priority', 'Subject', 'Notes', 'Language', 'Photo', 'Group Membership', 'E-mail 1 - Type',
      'E-mail 1 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value', 'Address 1 - Type', 'Address 1 - Formatted',
      'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box', 'Address 1 - Region', 'Address 1 - Postal Code', 'Address 1 - Country',
      'Address 1 - Extended Address', 'Organization 1 - Type', 'Organization 1 - Name', 'Organization 1 - Yomi Name', 'Organization 1 - Title',
      'Organization 1 - Department', 'Organization 1 - Symbol', 'Organization 1 - Location', 'Organization 1 - Job Description', 'Website 1 - Type',
      'Website 1 - Value',
    ],
  ],
  [
    'outlook',
    'contact',
    [
      'Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Business Street', 'Business Street 2',
      'Business Street 3', 'Business City', 'Business State', 'Business Postal Code', 'Business Country/Region', 'Home Street', 'Home Street 2',
      'Home Street 3', 'Home City', 'Home State', 'Home Postal Code', 'Home Country/Region', 'Other Street', 'Other Street 2', 'Other Street 3',
      'Other City', 'Other State', 'Other Postal Code', 'Other Country/Region', "Assistant's Phone", 'Business Fax', 'Business Phone',
      'Business Phone 2', 'Callback', 'Car Phone', 'Company Main Phone', 'Home Fax', 'Home Phone', 'Home Phone 2', 'ISDN', 'Mobile Phone',
      'Other Fax', 'Other Phone', 'Pager', 'Primary Phone', 'Radio Phone', 'TTY/TDD Phone', 'Telex', 'Account', 'Anniversary', "Assistant's Name",
      'Billing Information', 'Birthday', 'Business Address PO Box', 'Categories', 'Children', 'Directory Server', 'E-mail Address', 'E-mail Type',
      'E-mail Display Name', 'E-mail 2 Address', 'E-mail 2 Type', 'E-mail 2 Display Name', 'E-mail 3 Address', 'E-mail 3 Type',
      'E-mail 3 Display Name', 'Gender', 'Government ID Number', 'Hobby', 'Home Address PO Box', 'Initials', 'Internet Free Busy', 'Keywords',
      'Language', 'Location', "Manager's Name", 'Mileage', 'Notes', 'Office Location', 'Organizational ID Number', 'Other Address PO Box',
      'Priority', 'Private', 'Profession', 'Referred By', 'Sensitivity', 'Spouse', 'User 1', 'User 2', 'User 3', 'User 4', 'Web Page',
    ],
  ],
  [
    'hubspot',
    'contact',
    [
      'Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Job Title', 'Company Name', 'Street Address', 'City',
      'State/Region', 'Postal Code', 'Country/Region', 'Website URL', 'Contact owner', 'Lifecycle Stage', 'Lead Status', 'Create Date',
      'Last Activity Date', 'Associated Company',
    ],
  ],
  [
    'bitrix24-en',
    'contact',
    [
      'ID', 'Salutation', 'First name', 'Last name', 'Second name', 'Date of birth', 'Position', 'Company', 'Work Phone', 'Mobile', 'Home Phone',
      'Work E-mail', 'Home E-mail', 'Responsible', 'Source', 'Comment', 'Contact type', 'Created', 'Modified', 'Address', 'City', 'Zip', 'Country',
    ],
  ],
  ['bitrix24-en', 'company', ['ID', 'Company name', 'Company type', 'Industry', 'Employees', 'Annual revenue', 'Currency', 'Work Phone', 'Work E-mail', 'Corporate website', 'Responsible person', 'Comment', 'Created', 'Modified']],
  ['bitrix24-en', 'deal', ['ID', 'Deal name', 'Pipeline', 'Stage', 'Amount', 'Currency', 'Probability', 'Start date', 'Expected close date', 'Company', 'Contact', 'Responsible person', 'Source', 'Comment', 'Deal type', 'Created', 'Modified', 'Closed']],
  ['bitrix24-en', 'lead', ['ID', 'Lead name', 'Status', 'Source', 'First name', 'Last name', 'Company name', 'Position', 'Work Phone', 'Mobile', 'Work E-mail', 'Amount', 'Currency', 'Responsible person', 'Comment', 'Created']],
  [
    'bitrix24-es',
    'contact',
    [
      'ID', 'Tratamiento', 'Nombre', 'Apellido', 'Segundo nombre', 'Fecha de nacimiento', 'Cargo', 'Empresa', 'Teléfono de trabajo', 'Móvil',
      'Correo electrónico de trabajo', 'Persona responsable', 'Origen', 'Comentario', 'Creado', 'Modificado', 'Dirección', 'Ciudad', 'Código postal', 'País',
    ],
  ],
  ['bitrix24-es', 'company', ['ID', 'Nombre de la empresa', 'Tipo de empresa', 'Sector', 'Empleados', 'Ingresos anuales', 'Moneda', 'Teléfono de trabajo', 'Persona responsable', 'Creado']],
  ['bitrix24-es', 'deal', ['ID', 'Nombre de la negociación', 'Embudo', 'Etapa', 'Importe', 'Moneda', 'Probabilidad', 'Fecha prevista de cierre', 'Empresa', 'Contacto', 'Persona responsable', 'Origen', 'Comentario', 'Creado', 'Modificado']],
  ['bitrix24-es', 'lead', ['ID', 'Nombre del prospecto', 'Estado', 'Origen', 'Nombre', 'Apellido', 'Nombre de la empresa', 'Cargo', 'Móvil', 'Importe', 'Moneda', 'Persona responsable', 'Creado']],
];

describe('CSV_PRESETS', () => {
  it.each(byPresetAndType)("every header of %s for a %s maps by the preset to the target it lists", (name, entityType) => {
    for (const column of columnsFor(CSV_PRESETS[name], entityType)) {
      const mapped = suggestMapping([column.header], { entityType, preset: name }).columns[0];
      expect([column.header, mapped?.target, mapped?.matchedBy, mapped?.confidence]).toEqual([column.header, column.target, 'preset', 1]);
    }
  });

  it.each(FILES.map(([name, entityType, headers], index) => [index, name, entityType, headers] as const))(
    'file %i, a %s export of a %s, maps every column, read-only ones to ignore',
    (_index, name, entityType, headers) => {
      const mapping = suggestMapping(headers, { entityType, preset: name });
      expect(mapping.unmapped).toEqual([]);
      expect(mapping.columns.map((mapped) => mapped.matchedBy)).toEqual(headers.map(() => 'preset'));
    },
  );

  it('read-only columns the products write are ignored, not imported', () => {
    const ignored = (name: CsvPresetName, entityType: EntityType, header: string): boolean =>
      suggestMapping([header], { entityType, preset: name }).columns[0]?.target.kind === 'ignore';
    expect(ignored('hubspot', 'contact', 'Create Date')).toBe(true);
    expect(ignored('hubspot', 'contact', 'Last Modified Date')).toBe(true);
    for (const header of ['Created', 'Modified', 'Created by', 'Modified by']) expect(ignored('bitrix24-en', 'deal', header)).toBe(true);
    for (const header of ['Creado', 'Modificado']) expect(ignored('bitrix24-es', 'company', header)).toBe(true);
  });

  it('a preset never lists one header twice for one entity type', () => {
    for (const [name, entityType] of byPresetAndType) {
      const keys = columnsFor(CSV_PRESETS[name], entityType).map((column) => foldText(column.header).replace(/[^\p{L}\p{N}]+/gu, ''));
      expect([name, entityType, keys.length]).toEqual([name, entityType, new Set(keys).size]);
    }
  });

  it('each preset is named by its key and lists the entity types its columns are for', () => {
    for (const [key, preset] of Object.entries(CSV_PRESETS)) {
      expect(preset.name).toBe(key);
      for (const column of preset.columns) for (const entityType of column.entityTypes ?? []) expect(preset.entityTypes).toContain(entityType);
    }
  });

  it('one header means what the file of each entity type needs: "Company" on a contact, a deal; "Company name" on a lead, a company', () => {
    const target = (entityType: EntityType, header: string): unknown => suggestMapping([header], { entityType, preset: 'bitrix24-en' }).columns[0]?.target;
    expect(target('contact', 'Company')).toEqual({ kind: 'reference', field: 'companyIds', by: 'name' });
    expect(target('deal', 'Company')).toEqual({ kind: 'reference', field: 'companyId', by: 'name' });
    expect(target('lead', 'Company name')).toEqual({ kind: 'field', field: 'companyTitle' });
    expect(target('company', 'Company name')).toEqual({ kind: 'field', field: 'title' });
  });

  it('the preset table comes first; the general rules map the rest of the file', () => {
    const mapping = suggestMapping(['Title', 'E-mail Address', 'Móvil', 'Favourite colour', 'Frist Name'], { entityType: 'contact', preset: 'outlook' });
    expect(mapping.columns.map((mapped) => [mapped.header, mapped.matchedBy, mapped.target])).toEqual([
      ['Title', 'preset', { kind: 'field', field: 'honorific' }],
      ['E-mail Address', 'preset', { kind: 'multiField', field: 'emails', valueKind: 'work' }],
      ['Móvil', 'synonym', { kind: 'multiField', field: 'phones', valueKind: 'mobile' }],
      ['Frist Name', 'fuzzy', { kind: 'field', field: 'firstName' }],
    ]);
    expect(mapping.unmapped).toEqual([{ column: 3, header: 'Favourite colour' }]);
    // Without the preset, Outlook's "Title" could be the salutation or the job: it is left to the person.
    expect(suggestMapping(['Title'], { entityType: 'contact' }).unmapped).toHaveLength(1);
  });

  it('a preset column whose field the person may not write falls back to the general rules', () => {
    const mapping = suggestMapping(['Birthday', 'First Name'], { entityType: 'contact', preset: 'outlook', fields: { standard: [], custom: [] } });
    expect(mapping.columns).toEqual([]);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(CSV_PRESETS)).toBe(true);
    for (const preset of PRESETS) {
      expect(Object.isFrozen(preset) && Object.isFrozen(preset.columns) && Object.isFrozen(preset.entityTypes)).toBe(true);
      for (const column of preset.columns) expect(Object.isFrozen(column) && Object.isFrozen(column.target)).toBe(true);
    }
  });
});

describe('detectPreset', () => {
  it.each(FILES.map(([name, entityType, headers], index) => [index, name, entityType, headers] as const))('file %i is recognised as %s', (_index, name, _entityType, headers) => {
    expect(detectPreset(headers)).toBe(name);
  });

  it('recognises a file by more than half of its headers, with a few unknown columns among them', () => {
    expect(detectPreset(['Record ID', 'First Name', 'Last Name', 'Email', 'Contact owner', 'Favourite colour'])).toBe('hubspot');
    expect(detectPreset(['Record ID', 'Favourite colour', 'Shoe size', 'Pet'])).toBeUndefined();
  });

  it('a file two presets hold equally well, or too few headers, is not recognised', () => {
    expect(detectPreset(['First Name', 'Last Name'])).toBeUndefined();
    expect(detectPreset(['Notes'])).toBeUndefined();
    expect(detectPreset([])).toBeUndefined();
    expect(detectPreset(['a', 'b', 'c'])).toBeUndefined();
  });

  it('headers are compared folded, as suggestMapping compares them', () => {
    expect(detectPreset(['id', 'NOMBRE', 'apellido', 'movil', 'persona-responsable'])).toBe('bitrix24-es');
  });

  it('hostile headers are ordinary, and the limits are those of suggestMapping', () => {
    expect(detectPreset(['__proto__', 'constructor', '', 'prototype'])).toBeUndefined();
    expect(() => detectPreset(Array.from({ length: 1001 }, () => 'Email'))).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    expect(() => detectPreset(['x'.repeat(10_000)])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => detectPreset('First Name' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
