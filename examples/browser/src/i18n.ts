// The page's words in English and Spanish, and numbers and money written the locale's way.
import { formatMoney } from 'crm-kit';
import type { Money } from 'crm-kit';

/** The languages of the page. */
export type Language = 'en' | 'es';

const EN = {
  title: 'Sales board',
  person: 'Working as',
  language: 'Language',
  store: (name: string) => `Store: ${name}`,
  memory: 'in memory (resets on reload)',
  pglite: 'PGlite in IndexedDB (kept across reloads)',
  boardTotal: 'Open deals',
  deals: (count: string, one: boolean) => `${count} ${one ? 'deal' : 'deals'}`,
  margin: 'Margin',
  won: 'Won',
  lost: 'Lost',
  dropHere: 'Drop a deal here',
  moveTo: 'Move to…',
  lossTitle: 'Why was this deal lost?',
  confirm: 'Confirm',
  cancel: 'Cancel',
  importTitle: 'Import contacts from a CSV file',
  importHint: 'Drop a CSV file here, or choose one. Nothing is written until you confirm.',
  chooseFile: 'Choose a file',
  mapping: 'Suggested mapping',
  column: 'Column',
  field: 'Field',
  notImported: 'not imported',
  account: (rows: string, imported: string, skipped: string, rejected: string, dryRun: boolean, oneRow: boolean) =>
    `${rows} ${oneRow ? 'row' : 'rows'}: ${imported} ${dryRun ? 'to import' : 'imported'}, ${skipped} skipped, ${rejected} rejected`,
  line: (line: string) => `line ${line}`,
  loading: 'Loading…',
  lossReason: 'Loss reason',
  moveButton: 'Move',
  moveDeal: (title: string) => `Move ${title} to`,
  refusedIssues: 'Nothing was written.',
  importNow: 'Import',
  imported: 'Imported.',
  contacts: 'Contacts',
  duplicates: 'Duplicates',
  noDuplicates: 'No duplicates found.',
  score: (score: string) => `score ${score}`,
  mergeInto: 'Merge into this contact',
  merged: (name: string) => `Merged into ${name}.`,
  undo: 'Undo the merge',
  undone: 'The merge was undone.',
  refused: (code: string) => `Refused (${code}).`,
  // Duplicate explanations: the criterion's field and the level it reached; in English, as the
  // library writes them.
  fields: {} as Readonly<Record<string, string>>,
  levels: {} as Readonly<Record<string, string>>,
};

type Words = { readonly [K in keyof typeof EN]: (typeof EN)[K] };

const ES: Words = {
  title: 'Tablero de ventas',
  person: 'Trabajando como',
  language: 'Idioma',
  store: (name) => `Almacén: ${name}`,
  memory: 'en memoria (se borra al recargar)',
  pglite: 'PGlite en IndexedDB (se conserva al recargar)',
  boardTotal: 'Negociaciones abiertas',
  deals: (count, one) => `${count} ${one ? 'negociación' : 'negociaciones'}`,
  margin: 'Margen',
  won: 'Ganadas',
  lost: 'Perdidas',
  dropHere: 'Suelte aquí una negociación',
  moveTo: 'Mover a…',
  lossTitle: '¿Por qué se perdió esta negociación?',
  confirm: 'Confirmar',
  cancel: 'Cancelar',
  importTitle: 'Importar contactos de un archivo CSV',
  importHint: 'Suelte aquí un archivo CSV, o elija uno. No se escribe nada hasta que confirme.',
  chooseFile: 'Elegir un archivo',
  mapping: 'Mapeo sugerido',
  column: 'Columna',
  field: 'Campo',
  notImported: 'no se importa',
  account: (rows, imported, skipped, rejected, dryRun, oneRow) => `${rows} ${oneRow ? 'fila' : 'filas'}: ${imported} ${dryRun ? 'por importar' : 'importadas'}, ${skipped} omitidas, ${rejected} rechazadas`,
  line: (line) => `línea ${line}`,
  loading: 'Cargando…',
  lossReason: 'Motivo de la pérdida',
  moveButton: 'Mover',
  moveDeal: (title) => `Mover ${title} a`,
  refusedIssues: 'No se escribió nada.',
  importNow: 'Importar',
  imported: 'Importado.',
  contacts: 'Contactos',
  duplicates: 'Duplicados',
  noDuplicates: 'No se encontraron duplicados.',
  score: (score) => `puntuación ${score}`,
  mergeInto: 'Combinar en este contacto',
  merged: (name) => `Combinado en ${name}.`,
  undo: 'Deshacer la combinación',
  undone: 'Se deshizo la combinación.',
  refused: (code) => `Rechazado (${code}).`,
  fields: { name: 'nombre', phones: 'teléfonos', emails: 'correos', companyTitle: 'empresa', title: 'título', birthdate: 'fecha de nacimiento', address: 'dirección' },
  levels: {
    'same name': 'mismo nombre',
    'same number': 'mismo número',
    'same address': 'misma dirección',
    'same text': 'mismo texto',
    'same title': 'mismo título',
    'same value': 'mismo valor',
    'same date': 'misma fecha',
    'same year': 'mismo año',
    similar: 'parecido',
    'somewhat similar': 'algo parecido',
    different: 'distinto',
    'one edit apart': 'a una letra',
    'one digit off': 'una cifra distinta',
    'day and month swapped': 'día y mes cambiados',
    'same words in another order': 'mismas palabras en otro orden',
    'all the words of one in the other': 'todas las palabras de uno en el otro',
    'half the words shared': 'la mitad de las palabras en común',
    'one name missing, the rest the same': 'falta un nombre, el resto igual',
    'only the first name similar': 'solo el nombre parecido',
    'only the last name similar': 'solo el apellido parecido',
    'same mailbox name, domain misspelt': 'mismo buzón, dominio mal escrito',
    'within 1 %': 'a menos del 1 %',
    'within 10 %': 'a menos del 10 %',
  },
};

/** The words of a language. */
export function wordsOf(language: Language): Words {
  return language === 'es' ? ES : EN;
}

/** The locale numbers and money are written in. */
export function localeOf(language: Language): string {
  return language === 'es' ? 'es-ES' : 'en-GB';
}

/** An amount, the locale's way (`12.400,00 €`, `€12,400.00`). */
export function moneyText(amount: Money | undefined, language: Language): string {
  return amount === undefined ? '—' : formatMoney(amount, localeOf(language));
}

/** A whole number, the locale's way (`12.400`, `12,400`). */
export function countText(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** One line of a duplicate explanation in the page's language: `teléfonos: mismo número (+10,8)`. */
export function explanationText(item: { readonly field: string; readonly level: string; readonly weight: number; readonly text: string }, language: Language): string {
  const words = wordsOf(language);
  const weight = new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'always' }).format(item.weight);
  return `${words.fields[item.field] ?? item.field}: ${words.levels[item.level] ?? item.level} (${weight})`;
}

/** A score in [0, 1] as a number with three decimals, the locale's way. */
export function scoreText(score: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(score);
}
