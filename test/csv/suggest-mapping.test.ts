import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityType, FieldDefinition } from 'crm-kit';
import { ENTITY_TYPES, listStandardFields } from 'crm-kit';
import type { ColumnTarget, CsvMapping, SuggestMappingOptions } from 'crm-kit/csv';
import { createRowReader, CSV_PRESETS, suggestMapping } from 'crm-kit/csv';

/** The target each header maps to, `undefined` for an unmapped one, in header order. */
function targets(headers: readonly string[], options: SuggestMappingOptions): (ColumnTarget | undefined)[] {
  const mapping = suggestMapping(headers, options);
  return headers.map((_, column) => mapping.columns.find((mapped) => mapped.column === column)?.target);
}

/** The target of a header alone in a file. */
function targetOf(header: string, options: SuggestMappingOptions): ColumnTarget | undefined {
  return targets([header], options)[0];
}

const field = (code: string): ColumnTarget => ({ kind: 'field', field: code });
const multi = (code: 'phones' | 'emails' | 'websites' | 'messengers', valueKind: string): ColumnTarget => ({ kind: 'multiField', field: code, valueKind });
const address = (part: 'street' | 'street2' | 'city' | 'region' | 'postalCode' | 'countryCode'): ColumnTarget => ({ kind: 'address', part });
const contact: SuggestMappingOptions = { entityType: 'contact' };

const budget: FieldDefinition = { type: 'money', code: 'budget', labels: { en: 'Budget', es: 'Presupuesto' } };
const tier: FieldDefinition = {
  type: 'enumeration',
  code: 'tier',
  labels: { en: 'Customer tier', es: 'Nivel de cliente' },
  options: [{ id: 'gold', labels: { en: 'Gold' } }],
};
const withCustom = (entityType: EntityType, custom: readonly FieldDefinition[]): SuggestMappingOptions => ({
  entityType,
  fields: { standard: listStandardFields(entityType), custom },
});

/** What a target fills that no other column may, as suggestMapping documents it. */
function claimOf(target: ColumnTarget): string | undefined {
  switch (target.kind) {
    case 'field':
    case 'currency':
      return `${target.kind} ${target.field}`;
    case 'fullName':
      return 'fullName';
    case 'multiField':
      return target.item === undefined ? undefined : `${target.field} ${target.item} ${target.part ?? 'value'}`;
    case 'address':
      return `address ${target.part}`;
    default:
      return undefined;
  }
}

function expectEveryColumnOnce(headers: readonly string[], mapping: CsvMapping): void {
  const columns = [...mapping.columns.map((mapped) => mapped.column), ...mapping.unmapped.map((column) => column.column)].sort((a, b) => a - b);
  expect(columns).toEqual(headers.map((_, column) => column));
  for (const { column, header } of [...mapping.columns, ...mapping.unmapped]) expect(header).toBe(headers[column]?.trim());
}

describe('suggestMapping: codes and labels', () => {
  it('a column matches a standard field by its code, whatever its case', () => {
    expect(targets(['firstName', 'LASTNAME', 'birthdate', 'utm_source'], contact)).toEqual([field('firstName'), field('lastName'), field('birthdate'), field('utmSource')]);
    expect(suggestMapping(['firstName'], contact).columns[0]).toMatchObject({ matchedBy: 'code', confidence: 1 });
  });

  it("a link field named by its code is a reference by the source's id, as \"Company ID\" is", () => {
    expect(targets(['companyId', 'contactIds'], { entityType: 'deal' })).toEqual([
      { kind: 'reference', field: 'companyId', by: 'externalId' },
      { kind: 'reference', field: 'contactIds', by: 'externalId' },
    ]);
    expect(suggestMapping(['Company ID'], { entityType: 'deal' }).columns[0]).toMatchObject({ matchedBy: 'code' });
  });

  it('a column matches a label in English or in Spanish, whatever the locale', () => {
    const cases = [
      ['Second name', field('secondName')],
      ['Segundo nombre', field('secondName')],
      ['Salutation', field('honorific')],
      ['Tratamiento', field('honorific')],
      ['Responsible person', field('assignedById')],
      ['Persona responsable', field('assignedById')],
    ] as const;
    for (const locale of [undefined, 'en', 'es', 'es-MX', 'pt-BR']) {
      for (const [header, target] of cases) expect(targetOf(header, { entityType: 'contact', locale })).toEqual(target);
    }
    expect(targets(['Nombre de la negociación', 'Etapa', 'Fecha prevista de cierre'], { entityType: 'deal' })).toEqual([
      field('title'),
      field('stageId'),
      field('expectedCloseDate'),
    ]);
    expect(suggestMapping(['Cargo'], contact).columns[0]).toMatchObject({ matchedBy: 'label', confidence: 1 });
  });

  it('the locale decides which field keeps a label two fields share in different languages', () => {
    const zone: FieldDefinition = { type: 'string', code: 'zone', labels: { en: 'Sector', es: 'Zona' } };
    const area: FieldDefinition = { type: 'string', code: 'area', labels: { en: 'Area', es: 'Sector' } };
    const options = (locale: string): SuggestMappingOptions => ({ ...withCustom('contact', [zone, area]), locale });
    expect(targetOf('Sector', options('en'))).toEqual(field('custom.zone'));
    expect(targetOf('Sector', options('es'))).toEqual(field('custom.area'));
    expect(targetOf('Sector', options('es-AR'))).toEqual(field('custom.area'));
  });

  it('on activities, "Dirección" is the label of the direction, not an address', () => {
    expect(targetOf('Dirección', { entityType: 'activity' })).toEqual(field('direction'));
    expect(targetOf('Dirección', contact)).toEqual(address('street'));
  });
});

describe('suggestMapping: folding', () => {
  it('headers are compared without case, accents, punctuation or repeated spaces', () => {
    for (const header of ['E-mail', 'e mail', 'EMAIL', '  e-MAIL  ', 'E_mail', 'E.Mail', 'Correo electrónico', 'CORREO   ELECTRONICO']) {
      expect(targetOf(header, contact)).toEqual(multi('emails', 'work'));
    }
    for (const header of ['Teléfono móvil', 'TELEFONO MOVIL', 'telefono-movil', 'Teléfono (móvil)']) expect(targetOf(header, contact)).toEqual(multi('phones', 'mobile'));
    expect(targets(['Apellido(s)', 'Código Postal', 'Población'], contact)).toEqual([field('lastName'), address('postalCode'), address('city')]);
    expect(targetOf('C.P.', contact)).toEqual(address('postalCode'));
  });

  it('an accent left out still matches exactly, not as a near-miss', () => {
    expect(suggestMapping(['Telefono'], contact).columns[0]).toMatchObject({ target: multi('phones', 'work'), matchedBy: 'label', confidence: 1 });
  });

  it('the header is reported trimmed, as read', () => {
    expect(suggestMapping(['  E-mail  '], contact).columns[0]?.header).toBe('E-mail');
    expect(suggestMapping(['  Favourite colour '], contact).unmapped).toEqual([{ column: 0, header: 'Favourite colour' }]);
  });
});

describe('suggestMapping: synonyms', () => {
  it("headers of people's files map to contacts' fields, in English and Spanish", () => {
    const cases: readonly (readonly [string, ColumnTarget])[] = [
      ['E-mail Address', multi('emails', 'work')],
      ['Email', multi('emails', 'work')],
      ['Correo', multi('emails', 'work')],
      ['Mobile Phone', multi('phones', 'mobile')],
      ['Móvil', multi('phones', 'mobile')],
      ['Celular', multi('phones', 'mobile')],
      ['Work Phone', multi('phones', 'work')],
      ['Teléfono del trabajo', multi('phones', 'work')],
      ['Teléfono de trabajo', multi('phones', 'work')],
      ['Home Phone', multi('phones', 'home')],
      ['Fax', multi('phones', 'fax')],
      ['Work E-mail', multi('emails', 'work')],
      ['Personal Email', multi('emails', 'home')],
      ['Correo electrónico personal', multi('emails', 'home')],
      ['Website', multi('websites', 'work')],
      ['Web', multi('websites', 'work')],
      ['Sitio web', multi('websites', 'work')],
      ['LinkedIn', multi('websites', 'linkedin')],
      ['Telegram', multi('messengers', 'telegram')],
      ['WhatsApp', multi('messengers', 'whatsapp')],
      ['Full Name', { kind: 'fullName' }],
      ['Nombre completo', { kind: 'fullName' }],
      ['Name', { kind: 'fullName' }],
      ['Surname', field('lastName')],
      ['Family Name', field('lastName')],
      ['Apellidos', field('lastName')],
      ['Given Name', field('firstName')],
      ['Middle Name', field('secondName')],
      ['Job Title', field('position')],
      ['Puesto', field('position')],
      ['Cargo', field('position')],
      ['Street', address('street')],
      ['Calle', address('street')],
      ['Dirección', address('street')],
      ['Address line 2', address('street2')],
      ['City', address('city')],
      ['Ciudad', address('city')],
      ['Localidad', address('city')],
      ['Población', address('city')],
      ['Province', address('region')],
      ['Provincia', address('region')],
      ['State', address('region')],
      ['Postal code', address('postalCode')],
      ['CP', address('postalCode')],
      ['ZIP', address('postalCode')],
      ['Country', address('countryCode')],
      ['País', address('countryCode')],
      ['Notes', field('comments')],
      ['Comentarios', field('comments')],
      ['Observaciones', field('comments')],
      ['Birthday', field('birthdate')],
      ['Fecha de nacimiento', field('birthdate')],
      ['Responsible', field('assignedById')],
      ['Responsable', field('assignedById')],
      ['Owner', field('assignedById')],
      ['Company', { kind: 'reference', field: 'companyIds', by: 'name' }],
      ['Razón social', { kind: 'reference', field: 'companyIds', by: 'name' }],
      ['Nombre de la empresa', { kind: 'reference', field: 'companyIds', by: 'name' }],
      ['Company ID', { kind: 'reference', field: 'companyIds', by: 'externalId' }],
      ['ID', field('externalId')],
      ['External ID', field('externalId')],
      ['ID externo', field('externalId')],
    ];
    for (const [header, target] of cases) expect([header, targetOf(header, contact)]).toEqual([header, target]);
    expect(suggestMapping(['Surname'], contact).columns[0]).toMatchObject({ matchedBy: 'synonym', confidence: 1 });
  });

  it("deals: money, stages, and the company and contacts they link to", () => {
    expect(
      targets(['Name', 'Amount', 'Currency', 'Stage', 'Fase', 'Empresa', 'Company ID', 'Contacto', 'Contact e-mail', 'Contact phone', 'Owner'], { entityType: 'deal' }),
    ).toEqual([
      field('title'),
      field('amount'),
      { kind: 'currency', field: 'amount' },
      field('stageId'),
      undefined, // "Fase" is the stage too: "Stage" holds it first
      { kind: 'reference', field: 'companyId', by: 'name' },
      { kind: 'reference', field: 'companyId', by: 'externalId' },
      { kind: 'reference', field: 'contactIds', by: 'name' },
      { kind: 'reference', field: 'contactIds', by: 'email' },
      { kind: 'reference', field: 'contactIds', by: 'phone' },
      field('assignedById'),
    ]);
    expect(targets(['Importe', 'Moneda', 'Valor'], { entityType: 'deal' })).toEqual([field('amount'), { kind: 'currency', field: 'amount' }, undefined]);
  });

  it('companies: the name is the title, the currency is the revenue\'s', () => {
    expect(targets(['Empresa', 'Annual revenue', 'Moneda', 'Sector', 'Employees'], { entityType: 'company' })).toEqual([
      field('title'),
      field('revenue'),
      { kind: 'currency', field: 'revenue' },
      field('industry'),
      field('employees'),
    ]);
    expect(targetOf('Razón social', { entityType: 'company' })).toEqual(field('title'));
  });

  it('a lead keeps the name of its company as text', () => {
    expect(targets(['Company', 'Empresa'], { entityType: 'lead' })).toEqual([field('companyTitle'), undefined]);
    expect(targetOf('Company ID', { entityType: 'lead' })).toEqual({ kind: 'reference', field: 'companyId', by: 'externalId' });
    expect(targetOf('Estado', { entityType: 'lead' })).toEqual(field('status'));
  });

  it('activities: subject, dates and place', () => {
    expect(targets(['Title', 'Start date', 'Deadline', 'Notes', 'Lugar'], { entityType: 'activity' })).toEqual([
      field('subject'),
      field('startAt'),
      field('deadlineAt'),
      field('description'),
      field('location'),
    ]);
  });

  it("activities are bound to the contacts, companies, deals and leads their rows name", () => {
    const binding = (entityType: EntityType, by: string): ColumnTarget => ({ kind: 'reference', field: 'bindings', by, entityType }) as ColumnTarget;
    expect(targets(['Contact', 'Contact e-mail', 'Empresa', 'Deal ID', 'Prospecto'], { entityType: 'activity' })).toEqual([
      binding('contact', 'name'),
      binding('contact', 'email'),
      binding('company', 'name'),
      binding('deal', 'externalId'),
      binding('lead', 'name'),
    ]);
  });

  it("the pipeline of deals is the import's choice, never a column", () => {
    expect(targets(['Pipeline', 'Embudo', 'pipelineId', 'Pipline'], { entityType: 'deal' })).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a synonym of a field the entity type does not have is not a target', () => {
    expect(targets(['Birthday', 'Stage', 'Mobile'], { entityType: 'company' })).toEqual([undefined, undefined, multi('phones', 'mobile')]);
    expect(targets(['Phone', 'Birthday'], { entityType: 'activity' })).toEqual([undefined, undefined]);
  });
});

describe('suggestMapping: multi-fields, addresses and money', () => {
  it('a plain phone or e-mail column fills a work item', () => {
    expect(targets(['Phone', 'Teléfono', 'Email'], contact)).toEqual([multi('phones', 'work'), multi('phones', 'work'), multi('emails', 'work')]);
  });

  it('numbered items as Google writes them fill one part of one item', () => {
    expect(targets(['Phone 1 - Type', 'Phone 1 - Value', 'E-mail 2 - Value', 'E-mail 1 - Label', 'Website 1 - Value', 'IM 1 - Service', 'Teléfono 2 - Valor'], contact)).toEqual([
      { kind: 'multiField', field: 'phones', item: 1, part: 'kind' },
      { kind: 'multiField', field: 'phones', item: 1, part: 'value' },
      { kind: 'multiField', field: 'emails', item: 2, part: 'value' },
      { kind: 'multiField', field: 'emails', item: 1, part: 'kind' },
      { kind: 'multiField', field: 'websites', item: 1, part: 'value' },
      { kind: 'multiField', field: 'messengers', item: 1, part: 'kind' },
      { kind: 'multiField', field: 'phones', item: 2, part: 'value' },
    ]);
  });

  it("Outlook's \"E-mail 2 Address\" is the value of the second e-mail", () => {
    expect(targets(['E-mail 2 Address', 'Email3'], contact)).toEqual([
      { kind: 'multiField', field: 'emails', item: 2, part: 'value' },
      { kind: 'multiField', field: 'emails', item: 3, part: 'value' },
    ]);
  });

  it('a numbered column of one kind adds another item of that kind', () => {
    expect(targets(['Business Phone', 'Business Phone 2', 'Home Phone 2'], contact)).toEqual([multi('phones', 'work'), multi('phones', 'work'), multi('phones', 'home')]);
  });

  it('a numbered item of a field the entity type lacks is unmapped, not guessed', () => {
    expect(targets(['Phone 1 - Value', 'E-mail 1 - Type'], { entityType: 'deal' })).toEqual([undefined, undefined]);
  });

  it('address parts, also numbered, fill the address', () => {
    expect(targets(['Address 1 - Street', 'Address 1 - City', 'Address 1 - Region', 'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address'], contact)).toEqual([
      address('street'),
      address('city'),
      address('region'),
      address('postalCode'),
      address('countryCode'),
      address('street2'),
    ]);
    expect(targets(['address.city', 'address.postalCode'], contact)).toEqual([address('city'), address('postalCode')]);
  });

  it('a money field takes its amount from one column and its currency from another', () => {
    expect(targets(['amount', 'amount.currency', 'Tax amount'], { entityType: 'invoice' })).toEqual([field('amount'), { kind: 'currency', field: 'amount' }, field('taxAmount')]);
    const options = withCustom('deal', [budget]);
    expect(targets(['Budget', 'Budget currency', 'Moneda del presupuesto'], options)).toEqual([
      field('custom.budget'),
      { kind: 'currency', field: 'custom.budget' },
      undefined, // the currency of the budget, already taken
    ]);
  });
});

describe('suggestMapping: custom fields', () => {
  it('a custom field matches as custom.<code>, by its bare code, or by any of its labels', () => {
    const options = withCustom('contact', [tier]);
    for (const header of ['custom.tier', 'tier', 'Customer tier', 'Nivel de cliente', 'NIVEL DE CLIENTE']) expect(targetOf(header, options)).toEqual(field('custom.tier'));
    expect(suggestMapping(['custom.tier'], options).columns[0]?.matchedBy).toBe('code');
    expect(suggestMapping(['Nivel de cliente'], options).columns[0]?.matchedBy).toBe('label');
  });

  it('a custom field missing from options.fields.custom is never a target', () => {
    for (const header of ['custom.tier', 'tier', 'Customer tier', 'Custmer tier']) expect(targetOf(header, withCustom('contact', []))).toBeUndefined();
    expect(targetOf('custom.tier', contact)).toBeUndefined();
  });

  it('a standard field missing from options.fields.standard is never a target', () => {
    const standard = listStandardFields('contact').filter((field) => field.code !== 'birthdate');
    expect(targets(['Birthday', 'birthdate', 'First name'], { entityType: 'contact', fields: { standard, custom: [] } })).toEqual([undefined, undefined, field('firstName')]);
  });

  it("a standard field of another entity type in options.fields is not this entity type's field", () => {
    expect(targetOf('Deal name', { entityType: 'contact', fields: { standard: listStandardFields('deal'), custom: [] } })).toBeUndefined();
  });

  it("a custom link field is a reference: by the source's id under its code, by name under its label", () => {
    const partner: FieldDefinition = { type: 'link', code: 'partner', labels: { en: 'Partner company' }, targets: ['company'] };
    expect(targets(['custom.partner', 'Partner company'], withCustom('deal', [partner]))).toEqual([
      { kind: 'reference', field: 'custom.partner', by: 'externalId' },
      { kind: 'reference', field: 'custom.partner', by: 'name' },
    ]);
  });
});

describe('suggestMapping: system fields', () => {
  it('an "ID" column fills externalId: the id in the source becomes the external id', () => {
    for (const entityType of ['lead', 'contact', 'company', 'deal', 'activity'] as const) expect(targetOf('ID', { entityType })).toEqual(field('externalId'));
  });

  it('system fields are never targets, by code or by label', () => {
    expect(targets(['version', 'createdAt', 'Created on', 'Fecha de modificación', 'closedAt', 'Last activity', 'movedById'], { entityType: 'deal' })).toEqual(
      Array.from({ length: 7 }, () => undefined),
    );
    // "id" folds to "ID", the external id's synonym.
    expect(targetOf('id', { entityType: 'deal' })).toEqual(field('externalId'));
  });
});

describe('suggestMapping: one column per target', () => {
  it('when two columns claim one field, the first of two equal matches keeps it and the other is unmapped', () => {
    const mapping = suggestMapping(['Nombre', 'NOMBRE'], contact);
    expect(mapping.columns.map((mapped) => [mapped.column, mapped.target])).toEqual([[0, field('firstName')]]);
    expect(mapping.unmapped).toEqual([{ column: 1, header: 'NOMBRE' }]);
  });

  it('a code beats a label, a label a synonym, and an exact match a near-miss, wherever they stand', () => {
    expect(targets(['Given Name', 'First name'], contact)).toEqual([undefined, field('firstName')]);
    expect(suggestMapping(['First name'], contact).columns[0]?.matchedBy).toBe('code');
    expect(targets(['Nombre', 'firstName'], contact)).toEqual([undefined, field('firstName')]);
    expect(targets(['Surname', 'Apellidos'], contact)).toEqual([undefined, field('lastName')]);
    expect(targets(['Frist name', 'First name'], contact)).toEqual([undefined, field('firstName')]);
  });

  it('an address part, a currency, a full name and a numbered item are claimed once', () => {
    expect(targets(['City', 'Ciudad'], contact)).toEqual([address('city'), undefined]);
    expect(targets(['Currency', 'Moneda'], { entityType: 'deal' })).toEqual([{ kind: 'currency', field: 'amount' }, undefined]);
    expect(targets(['Name', 'Nombre completo'], contact)).toEqual([{ kind: 'fullName' }, undefined]);
    expect(targets(['Phone 1 - Value', 'Phone 1 - Value'], contact)).toEqual([{ kind: 'multiField', field: 'phones', item: 1, part: 'value' }, undefined]);
    expect(targets(['Address 1 - City', 'Address 2 - City'], contact)).toEqual([address('city'), undefined]);
  });

  it('columns of one kind of a multi-field, and references, may repeat', () => {
    expect(targets(['Mobile', 'Móvil', 'Cell'], contact)).toEqual([multi('phones', 'mobile'), multi('phones', 'mobile'), multi('phones', 'mobile')]);
    const company = { kind: 'reference', field: 'companyIds', by: 'name' };
    expect(targets(['Company', 'Empresa'], contact)).toEqual([company, company]);
  });
});

describe('suggestMapping: near-misses', () => {
  it('a misspelt header maps with its confidence below 1', () => {
    const cases: readonly (readonly [string, EntityType, ColumnTarget])[] = [
      ['E-mial', 'contact', multi('emails', 'work')],
      ['Frist name', 'contact', field('firstName')],
      ['Last nmae', 'contact', field('lastName')],
      ['Cuidad', 'contact', address('city')],
      ['Adress', 'contact', address('street')],
      ['Contry', 'contact', address('countryCode')],
      ['Webiste', 'contact', multi('websites', 'work')],
      ['Telefone', 'contact', multi('phones', 'work')],
      ['Apelido', 'contact', field('lastName')],
      ['Fecha de nacimeinto', 'contact', field('birthdate')],
      ['Nombre de la empressa', 'contact', { kind: 'reference', field: 'companyIds', by: 'name' }],
      ['Nombre de la empressa', 'lead', field('companyTitle')],
      ['Expected clsoe date', 'deal', field('expectedCloseDate')],
    ];
    for (const [header, entityType, target] of cases) {
      const mapped = suggestMapping([header], { entityType }).columns[0];
      expect([header, mapped?.target, mapped?.matchedBy]).toEqual([header, target, 'fuzzy']);
      expect(mapped?.confidence).toBeGreaterThanOrEqual(0.65);
      expect(mapped?.confidence).toBeLessThan(1);
    }
  });

  it('the threshold: two slips in six letters pass (E-mial), two changed letters in five do not (Photo for Phone)', () => {
    expect(suggestMapping(['E-mial'], contact).columns[0]?.confidence).toBe(0.67);
    expect(suggestMapping(['Photo'], { entityType: 'deal', fields: { standard: listStandardFields('deal'), custom: [{ type: 'string', code: 'phone', labels: { en: 'Phone' } }] } }).unmapped).toHaveLength(1);
    expect(suggestMapping(['Phono'], { entityType: 'deal', fields: { standard: listStandardFields('deal'), custom: [{ type: 'string', code: 'phone', labels: { en: 'Phone' } }] } }).columns).toHaveLength(1);
  });

  it('headers that name nothing stay unmapped', () => {
    const unrelated = ['Favourite colour', 'Shoe size', 'Colour', 'Salary', 'Hobbies', 'Pet name', 'Zodiac sign', 'Blood type', 'Color favorito', 'Talla de zapato', 'Comida preferida'];
    expect(targets(unrelated, contact)).toEqual(unrelated.map(() => undefined));
  });

  it('a near-miss keeps the first letter and about the length of the name it misspells', () => {
    // "Date" is not "State", "Age" not "Name", "Department" not "Apartment"; "Date" is not "Date of birth".
    expect(targets(['Date', 'Age', 'Department', 'Mob'], contact)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("a header that is another entity type's word is not a misspelling of one of this one's", () => {
    expect(targets(['Stage', 'Status', 'Amount', 'Lead score', 'CIF', 'Estado civil'], contact)).toEqual(Array.from({ length: 6 }, () => undefined));
  });
});

describe('suggestMapping: hostile input', () => {
  it('empty headers and object-property names are ordinary unmapped columns', () => {
    const headers = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '   ', '---', '\u200b', 'Email'];
    const mapping = suggestMapping(headers, contact);
    expect(mapping.columns.map((mapped) => mapped.column)).toEqual([9]);
    expect(mapping.unmapped.map((column) => column.column)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a header longer than 1000 characters once folded is INVALID_ARGUMENT; blank padding does not count', () => {
    expect(() => suggestMapping(['x'.repeat(10_000)], contact)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => suggestMapping(['Email', 'ﬁ'.repeat(600)], contact)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(targetOf(`${' '.repeat(10_000)}Email${'\t'.repeat(10_000)}`, contact)).toEqual(multi('emails', 'work'));
    expect(suggestMapping(['x'.repeat(1000)], contact).unmapped).toHaveLength(1);
  });

  it('more than 1000 headers is LIMIT_EXCEEDED; 1000 are mapped', () => {
    expect(() => suggestMapping(Array.from({ length: 1001 }, () => 'Email'), contact)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    const mapping = suggestMapping(Array.from({ length: 1000 }, (_, index) => `Column ${index}`), contact);
    expect(mapping.columns.length + mapping.unmapped.length).toBe(1000);
  });

  it('the error never repeats a header', () => {
    try {
      suggestMapping(['secret-value'.repeat(100)], contact);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });

  it('malformed arguments are INVALID_ARGUMENT', () => {
    const bad: readonly (readonly [unknown, unknown])[] = [
      ['Email', contact],
      [[1], contact],
      [['Email'], undefined],
      [['Email'], { entityType: 'Contact' }],
      [['Email'], { entityType: 'contact', extra: true }],
      [['Email'], { entityType: 'contact', locale: 'not a locale' }],
      [['Email'], { entityType: 'contact', locale: 7 }],
      [['Email'], { entityType: 'contact', preset: 'salesforce' }],
      [['Email'], { entityType: 'contact', preset: '__proto__' }],
      [['Email'], { entityType: 'contact', fields: { standard: [] } }],
      [['Email'], { entityType: 'contact', fields: { standard: [{}], custom: [] } }],
      [['Email'], { entityType: 'contact', fields: { standard: [], custom: [{ type: 'string', code: '__proto__', labels: {} }] } }],
      [['Email'], { entityType: 'contact', fields: { standard: [], custom: [{ type: 'rocket', code: 'x', labels: {} }] } }],
    ];
    for (const [headers, options] of bad) expect(() => suggestMapping(headers as never, options as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('a preset for another entity type is refused', () => {
    expect(() => suggestMapping(['First Name'], { entityType: 'deal', preset: 'google-contacts' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

// Each call builds its vocabulary (some 3000 names) afresh: 100 runs keep a property near a second.
describe('suggestMapping: properties', { timeout: 30_000 }, () => {
  const realHeaders = [
    ...new Set([
      ...Object.values(CSV_PRESETS).flatMap((preset) => preset.columns.map((column) => column.header)),
      'Name', 'Email', 'Móvil', 'Empresa', 'Importe', 'Moneda', 'Stage', 'Phone 1 - Value', 'E-mail 2 Address', 'Address 2 - City', 'custom.tier', 'E-mial', 'Frist name',
    ]),
  ];
  const junk = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'Favourite colour', 'toString'),
  );
  const header = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realHeaders) }, { weight: 2, arbitrary: junk });
  const entityType = fc.constantFrom(...ENTITY_TYPES);

  it('every column is accounted for exactly once, no two columns fill one target, and the import accepts the mapping', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 60 }), entityType, fc.constantFrom(undefined, 'en', 'es'), (headers, type, locale) => {
        const options: SuggestMappingOptions = { ...withCustom(type, [tier, budget]), locale };
        const mapping = suggestMapping(headers, options);
        // What is suggested, the import accepts as it is.
        expect(() => createRowReader(mapping, { fields: options.fields })).not.toThrow();
        expect(mapping.entityType).toBe(type);
        expectEveryColumnOnce(headers, mapping);
        const claims = mapping.columns.map((mapped) => claimOf(mapped.target)).filter((claim) => claim !== undefined);
        expect(new Set(claims).size).toBe(claims.length);
        for (const mapped of mapping.columns) {
          expect(mapped.confidence).toBeGreaterThan(0);
          expect(mapped.confidence <= 1).toBe(true);
          expect(mapped.confidence < 1).toBe(mapped.matchedBy === 'fuzzy');
          expect(mapped.target.kind).not.toBe('ignore');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('with a preset, every column is still accounted for exactly once', () => {
    const presets = Object.values(CSV_PRESETS).flatMap((preset) => preset.entityTypes.map((type) => [preset.name, type] as const));
    fc.assert(
      fc.property(fc.array(header, { maxLength: 60 }), fc.constantFrom(...presets), (headers, [preset, type]) => {
        expectEveryColumnOnce(headers, suggestMapping(headers, { entityType: type, preset }));
      }),
      { numRuns: 100 },
    );
  });

  it('the same headers always give the same mapping', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 30 }), entityType, (headers, type) => {
        expect(suggestMapping(headers, { entityType: type })).toEqual(suggestMapping([...headers], { entityType: type }));
      }),
      { numRuns: 50 },
    );
  });
});
