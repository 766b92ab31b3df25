// Importing a Spanish Bitrix24 contacts export (`npx tsx examples/import-bitrix24-es.ts`): the file
// is Windows-1252 with ';' between cells and day-first dates, as Bitrix24 writes it for a Spanish
// portal. A dry run shows the suggested mapping and the account before anything is written; the
// import writes; importing the same file again creates nothing new; the rejected rows come back as
// a file to fix. It imports from 'crm-kit' exactly as your code would. docs/csv.md explains each step.
import { createAccessPolicy, createCrm, duplicateControl, manualClock, sequentialIds } from 'crm-kit';
import { importCsv, rejectedRowsCsv } from 'crm-kit/csv';
import type { CsvImportAccount } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';

const access = createAccessPolicy({
  roles: [
    {
      id: 'admin-ventas',
      name: 'Administración de ventas',
      permissions: { contact: { read: 'all', add: 'all', update: 'all', import: 'all' }, company: { read: 'all', add: 'all', update: 'all' } },
    },
  ],
  orgChart: { departments: [{ id: 'madrid', name: 'Madrid', memberIds: ['u-marta'] }] },
});
const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access, duplicates: duplicateControl({ defaultRegion: 'ES' }) });
const me = crm.as({ userId: 'u-marta', roleIds: ['admin-ventas'], departmentIds: ['madrid'], isAdmin: false });
await me.companies.create({ title: 'Construcciones Atlántica, S.L.' });
await me.companies.create({ title: 'Óptica Núñez' });

// The export as Bitrix24 writes it. Line 5 holds a comment on two lines; line 7 names a company
// this CRM does not have; line 8 has a date that is not one; line 9 is Ana again.
const text = [
  'ID;Nombre;Apellido;Cargo;Móvil;Teléfono de trabajo;Correo electrónico de trabajo;Empresa;Fecha de nacimiento;Origen;Comentario',
  '101;Begoña;Martínez Ibáñez;Directora comercial;+34 612 345 678;;bego@atlantica.es;Construcciones Atlántica, S.L.;16/06/1963;WEB;',
  '102;Íñigo;Núñez;Gerente;611 22 33 44;91 555 12 34;inigo@opticanunez.es;Óptica Núñez;02/11/1971;CALL;Cliente desde 2019',
  '',
  '103;Ana;García;Compras;600 11 22 33;;ana@atlantica.es;Construcciones Atlántica, S.L.;;RECOMMENDATION;"Prefiere llamadas',
  'por la tarde; nunca antes de las 16:00"',
  '104;Luis;Peña;;;;luis@penayasociados.es;Peña y Asociados;;WEB;',
  '105;Raquel;Sáez;;622 00 11 22;;raquel@opticanunez.es;Óptica Núñez;31/02/1980;;',
  '106;Ana;García;Compras;+34 600 112 233;;;;;;Repetida',
  '',
].join('\r\n');

/** Windows-1252 bytes of a text (what Bitrix24 writes for a Spanish portal). */
function windows1252(value: string): Uint8Array {
  return Uint8Array.from({ length: value.length }, (_, at) => {
    const unit = value.charCodeAt(at);
    return unit === 0x20ac ? 0x80 : unit <= 0xff ? unit : 0x3f;
  });
}
const file = windows1252(text);

function show(title: string, account: CsvImportAccount): void {
  console.log(`\n${title}: ${String(account.rows)} rows: ${String(account.imported)} imported, ${String(account.updated)} updated, ${String(account.skipped)} skipped, ${String(account.rejected)} rejected`);
  for (const row of account.notImportedRows) console.log(`  line ${String(row.line)}: ${row.outcome}, ${row.issues.map((found) => `${found.code} (${found.message})`).join('; ')}`);
}

// 1. A dry run: what was detected, how the columns map, and what would happen to every row.
const preview = await importCsv(me, 'contact', file, { preset: 'bitrix24-es', dateFormat: 'DD/MM/YYYY', duplicates: 'merge', dryRun: true });
console.log(`encoding ${preview.file.encoding}, delimiter '${preview.file.delimiter}', ${String(preview.file.blankLines)} blank lines`);
console.log('mapping:');
for (const column of preview.mapping.columns) console.log(`  ${column.header.padEnd(30)} → ${JSON.stringify(column.target)} (${column.matchedBy}, ${column.confidence.toFixed(2)})`);
show('dry run', preview);

// 2. The import: the same decisions, written in batches.
const account = await importCsv(me, 'contact', file, { preset: 'bitrix24-es', dateFormat: 'DD/MM/YYYY', duplicates: 'merge' });
show('import', account);
if (account.imported !== preview.imported || account.rejected !== preview.rejected) throw new Error('the dry run and the import disagree');
const ana = (await me.contacts.find({ where: [{ field: 'firstName', op: 'eq', value: 'Ana' }] })).items;
console.log(`\nAna García is one contact with ${String(ana[0]?.phones?.length ?? 0)} phone(s) and the comment "${ana[0]?.comments ?? ''}"`);

// 3. The same file again, with the same options: nothing new.
const again = await importCsv(me, 'contact', file, { preset: 'bitrix24-es', dateFormat: 'DD/MM/YYYY', duplicates: 'merge' });
show('the same file again', again);
if (again.imported !== 0) throw new Error('a second import created records');

// 4. The rows to fix, as a file with a reason column.
console.log(`\nrejected rows:\n${rejectedRowsCsv(account, { locale: 'es' })}`);
