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
  deals: (count: number) => `${count} ${count === 1 ? 'deal' : 'deals'}`,
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
  account: (rows: number, imported: number, skipped: number, rejected: number, dryRun: boolean) =>
    `${rows} rows: ${imported} ${dryRun ? 'to import' : 'imported'}, ${skipped} skipped, ${rejected} rejected`,
  line: (line: number) => `line ${line}`,
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
  refused: (code: string) => `Refused: ${code}`,
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
  deals: (count) => `${count} ${count === 1 ? 'negociación' : 'negociaciones'}`,
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
  account: (rows, imported, skipped, rejected, dryRun) => `${rows} filas: ${imported} ${dryRun ? 'por importar' : 'importadas'}, ${skipped} omitidas, ${rejected} rechazadas`,
  line: (line) => `línea ${line}`,
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
  refused: (code) => `Rechazado: ${code}`,
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

/** A score in [0, 1] as a number with three decimals, the locale's way. */
export function scoreText(score: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(score);
}
