// Everything the command line says to a person, in English and Spanish. The Spanish catalogue has
// every key the English one has (its type says so), so a message cannot exist in one language only.
// Codes, field codes and JSON output stay as they are in both.

/** The languages of the command line. */
export type Language = 'en' | 'es';

const n = (value: number, language: Language): string => value.toLocaleString(language === 'es' ? 'es-ES' : 'en-US');

const EN = {
  usageHint: (command: string) => `Run "crm-kit ${command} --help" for its options.`,
  commandsHint: 'Run "crm-kit --help" for the commands.',
  unknownCommand: (name: string) => `"${name}" is not a command of crm-kit.`,
  unknownOption: (name: string) => `${name} is not an option of this command.`,
  missingValue: (name: string) => `${name} is used wrongly: an option needs a value, a flag takes none.`,
  unexpectedArgument: (count: number) => `This command takes ${count === 0 ? 'no file or word' : 'one file or word'} besides its options; more were given.`,
  notOneOf: (name: string, allowed: readonly string[]) => `${name} is one of: ${allowed.join(', ')}.`,
  notANumber: (name: string, range: string) => `${name} is a number ${range}.`,
  required: (what: string) => `${what} is required.`,
  badConfig: (file: string, reason: string) => `The configuration ${file} cannot be used: ${reason}`,
  badMapping: (file: string, reason: string) => `The mapping ${file} cannot be used: ${reason}`,
  unreadable: (file: string) => `${file} cannot be read (it does not exist, or is not a file you may read).`,
  needsDriver: (name: string) => `This database needs the ${name} package, which is not installed. Install it next to crm-kit: npm install ${name}`,
  dbInUse: (folder: string) => `The database ${folder} is in use by another crm-kit process. Wait for it to end, or use another --db.`,
  failed: (code: string, message: string) => `${code}: ${message}`,
  abortedNothingWritten: 'Interrupted before anything was written.',
  rowsUnit: 'rows',
  recordsUnit: 'records',
  exportStopped: (rows: number, out: string) => `Interrupted: ${n(rows, 'en')} rows were written to ${out}, the file ends there.`,
  rejectedNotWritten: (file: string, reason: string) => `The rows not imported could not be written to ${file} (${reason}); they are in --json.`,
  notADatabase: (folder: string) => `${folder} is a folder holding other files, not a crm-kit database: give an empty or new folder to --db.`,
  notAMapping: 'it is not a mapping ({ entityType, columns: [{ column, header, target }], unmapped }), as a --dry-run --json prints it.',
  mappingForOther: (entity: string) => `it maps columns for ${entity}, not for the --entity given.`,
  notJson: 'it is not valid JSON.',
  iso4217: 'an ISO 4217 code such as EUR',
  schemaName: 'a lower-case PostgreSQL name: letters, digits and _',
  range: { batch: 'from 1 to 5000', threshold: 'above 0 and at most 1', show: 'a whole number from 0' },
  outWithJson: '--out (with --json)',
  currencyOf: (field: string) => `${field} (currency)`,
  referenceBy: (field: string, by: string) => `${field} (by ${by})`,
  config: {
    notObject: 'it is not a JSON object.',
    keys: (keys: readonly string[]) => `its keys are ${keys.join(', ')}.`,
    currency: 'reportCurrency is an ISO 4217 code such as EUR.',
    region: 'defaultRegion is a two-letter region such as ES.',
    zone: 'timeZone is an IANA time zone such as Europe/Madrid.',
    rates: (reason: string) => `rates: ${reason}`,
    pipelines: 'pipelines is a non-empty list of deal pipelines.',
    pipeline: (at: number, reason: string) => `pipelines[${at}]: ${reason}`,
    notDeal: (at: number) => `pipelines[${at}] is not a deal pipeline.`,
  },
  entity: { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals', activity: 'activities', invoice: 'invoices', quote: 'quotes' },
  interruptedMerging: 'Interrupted: stopping after the merge being made (each merge is whole or not made). The merges made are listed below.',
  interrupted: 'Interrupted: stopping at the end of the batch being written (press Ctrl-C again to stop at once; that batch is then rolled back).',
  // import
  fileRead: (file: string, encoding: string, delimiter: string, columns: number) => `${file}: ${encoding}, delimiter ${delimiter}, ${n(columns, 'en')} columns`,
  presetRecognised: (preset: string) => `Recognised as a ${preset} export.`,
  mappingTitle: (given: boolean) => (given ? 'Mapping (from the file given):' : 'Mapping (suggested; pass --mapping to change it):'),
  notImportedColumn: 'not imported',
  progressLabel: (verb: string) => verb,
  importing: 'Importing',
  checking: 'Checking',
  progressLine: (rows: number, perSecond: number, line: number) => `${n(rows, 'en')} rows done (through line ${n(line, 'en')}), ${n(perSecond, 'en')} rows/s`,
  account: (dryRun: boolean, entity: string, rows: number, imported: number, updated: number, skipped: number, rejected: number) =>
    `${dryRun ? 'Dry run (nothing written): ' : ''}${n(rows, 'en')} rows of ${entity}: ${n(imported, 'en')} ${dryRun ? 'to import' : 'imported'}, ${n(updated, 'en')} ${dryRun ? 'to update' : 'updated'}, ${n(skipped, 'en')} skipped, ${n(rejected, 'en')} rejected`,
  topReasons: 'Top reasons:',
  rejectedFile: (file: string, rows: number) => `The ${n(rows, 'en')} rows not imported, with their reasons: ${file}`,
  stopped: (line: number) => (line === 0 ? 'Stopped before any batch was written: nothing was written.' : `Stopped: every row through line ${n(line, 'en')} was written, none after it. Import the rest from the next line.`),
  // export
  exporting: 'Exporting',
  exported: (rows: number, entity: string) => `${n(rows, 'en')} ${entity} exported.`,
  // dedupe
  scanning: 'Scanning',
  scanProgress: (read: number) => `${n(read, 'en')} records read`,
  clustersFound: (clusters: number, records: number, pairs: number, read: number) =>
    `${n(read, 'en')} records compared: ${n(clusters, 'en')} groups of duplicates (${n(records, 'en')} records, ${n(pairs, 'en')} scored pairs).`,
  cluster: (at: number, size: number) => `Group ${n(at, 'en')} (${n(size, 'en')} records)`,
  noDuplicates: 'No duplicates found.',
  moreClusters: (more: number) => `… and ${n(more, 'en')} more groups (all of them are in --out and --json).`,
  clustersFile: (file: string) => `Groups with scores and explanations written to ${file}`,
  stoppedValues: (count: number) => `${n(count, 'en')} values shared by too many records were not used as evidence (a switchboard number, info@): see --json.`,
  merged: (count: number, skipped: number) => `${n(count, 'en')} groups merged automatically; ${n(skipped, 'en')} left for a person (values differ, or another responsible person).`,
  mergeId: (survivor: string, absorbed: number, mergeId: string) => `  kept ${survivor}, merged ${n(absorbed, 'en')} into it; undo with: crm-kit undo-merge ${mergeId}`,
  // undo-merge
  undone: (restored: number) => `Merge undone: ${n(restored, 'en')} records restored.`,
  undoKept: (count: number) => `${n(count, 'en')} fields changed since the merge were kept as they are now.`,
  // report
  reportTitle: (kind: string, from: string, to: string, timeZone: string, currency: string) => `${kind} from ${from} to ${to} (${timeZone}), in ${currency}`,
  funnelKind: (kind: 'classic' | 'conversion') => (kind === 'classic' ? 'Classic funnel' : 'Conversion funnel'),
  pipeline: (id: string, deals: number) => `Pipeline ${id}: ${n(deals, 'en')} deals`,
  metricsTitle: 'Sales metrics',
  dealsCounted: (read: number, inPeriod: number, forgotten: number) => `${n(read, 'en')} deals read, ${n(inPeriod, 'en')} in the period, ${n(forgotten, 'en')} forgotten`,
  unconverted: (count: number) => `${n(count, 'en')} deals had an amount with no exchange rate on its day: they are counted, not summed (add rates to the configuration).`,
  headers: {
    stage: 'Stage',
    deals: 'Deals',
    toNext: 'To next',
    figure: 'Figure',
    count: 'Count',
    amount: 'Amount',
    column: 'Column',
    field: 'Field',
    how: 'Matched by',
    group: 'Group',
  },
  figures: {
    won: 'Won',
    lost: 'Lost',
    open: 'Open',
    weighted: 'Open, weighted by probability',
    winRate: 'Win rate',
    average: 'Average won deal',
    cycle: 'Sales cycle (median)',
  },
  days: (value: number) => `${value.toFixed(1)} days`,
} as const;

// The English catalogue's shape, with its texts widened to string: what the Spanish one must hold.
type Shape<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends string ? string : { readonly [K in keyof T]: Shape<T[K]> };
type Catalogue = Shape<typeof EN>;

const ES: Catalogue = {
  usageHint: (command) => `Ejecute "crm-kit ${command} --help" para ver sus opciones.`,
  commandsHint: 'Ejecute "crm-kit --help" para ver las órdenes.',
  unknownCommand: (name) => `"${name}" no es una orden de crm-kit.`,
  unknownOption: (name) => `${name} no es una opción de esta orden.`,
  missingValue: (name) => `${name} está mal usado: una opción necesita un valor, un indicador no lleva ninguno.`,
  unexpectedArgument: (count) => `Esta orden no toma ${count === 0 ? 'ningún archivo ni palabra' : 'más de un archivo o palabra'} además de sus opciones.`,
  notOneOf: (name, allowed) => `${name} es uno de: ${allowed.join(', ')}.`,
  notANumber: (name, range) => `${name} es un número ${range}.`,
  required: (what) => `Falta ${what}.`,
  badConfig: (file, reason) => `La configuración ${file} no se puede usar: ${reason}`,
  badMapping: (file, reason) => `El mapeo ${file} no se puede usar: ${reason}`,
  unreadable: (file) => `No se puede leer ${file} (no existe, o no es un archivo que pueda leer).`,
  needsDriver: (name) => `Esta base de datos necesita el paquete ${name}, que no está instalado. Instálelo junto a crm-kit: npm install ${name}`,
  dbInUse: (folder) => `Otro proceso de crm-kit está usando la base de datos ${folder}. Espere a que termine, o use otra --db.`,
  failed: (code, message) => `${code}: ${message}`,
  abortedNothingWritten: 'Interrumpido antes de escribir nada.',
  rowsUnit: 'filas',
  recordsUnit: 'registros',
  exportStopped: (rows, out) => `Interrumpido: se escribieron ${n(rows, 'es')} filas en ${out}, el archivo termina ahí.`,
  rejectedNotWritten: (file, reason) => `Las filas no importadas no se pudieron escribir en ${file} (${reason}); están en --json.`,
  notADatabase: (folder) => `${folder} es una carpeta con otros archivos, no una base de datos de crm-kit: indique en --db una carpeta vacía o nueva.`,
  notAMapping: 'no es un mapeo ({ entityType, columns: [{ column, header, target }], unmapped }), como lo muestra un --dry-run --json.',
  mappingForOther: (entity) => `mapea columnas para ${entity}, no para el --entity indicado.`,
  notJson: 'no es JSON válido.',
  iso4217: 'un código ISO 4217 como EUR',
  schemaName: 'un nombre de PostgreSQL en minúsculas: letras, cifras y _',
  range: { batch: 'de 1 a 5000', threshold: 'mayor que 0 y como mucho 1', show: 'un número entero desde 0' },
  outWithJson: '--out (con --json)',
  currencyOf: (field) => `${field} (moneda)`,
  referenceBy: (field, by) => `${field} (por ${by})`,
  config: {
    notObject: 'no es un objeto JSON.',
    keys: (keys) => `sus claves son ${keys.join(', ')}.`,
    currency: 'reportCurrency es un código ISO 4217 como EUR.',
    region: 'defaultRegion es una región de dos letras como ES.',
    zone: 'timeZone es una zona horaria IANA como Europe/Madrid.',
    rates: (reason) => `rates: ${reason}`,
    pipelines: 'pipelines es una lista no vacía de embudos de negociaciones.',
    pipeline: (at, reason) => `pipelines[${at}]: ${reason}`,
    notDeal: (at) => `pipelines[${at}] no es un embudo de negociaciones.`,
  },
  entity: { lead: 'prospectos', contact: 'contactos', company: 'empresas', deal: 'negociaciones', activity: 'actividades', invoice: 'facturas', quote: 'presupuestos' },
  interruptedMerging: 'Interrumpido: se detiene tras la combinación en curso (cada combinación se hace entera o no se hace). Las combinaciones hechas se listan abajo.',
  interrupted: 'Interrumpido: se detiene al final del lote que se está escribiendo (pulse Ctrl-C otra vez para parar en el acto; ese lote se deshace).',
  fileRead: (file, encoding, delimiter, columns) => `${file}: ${encoding}, separador ${delimiter}, ${n(columns, 'es')} columnas`,
  presetRecognised: (preset) => `Reconocido como exportación de ${preset}.`,
  mappingTitle: (given) => (given ? 'Mapeo (del archivo indicado):' : 'Mapeo (sugerido; use --mapping para cambiarlo):'),
  notImportedColumn: 'no se importa',
  progressLabel: (verb) => verb,
  importing: 'Importando',
  checking: 'Comprobando',
  progressLine: (rows, perSecond, line) => `${n(rows, 'es')} filas hechas (hasta la línea ${n(line, 'es')}), ${n(perSecond, 'es')} filas/s`,
  account: (dryRun, entity, rows, imported, updated, skipped, rejected) =>
    `${dryRun ? 'Simulación (no se escribe nada): ' : ''}${n(rows, 'es')} filas de ${entity}: ${n(imported, 'es')} ${dryRun ? 'por importar' : 'importadas'}, ${n(updated, 'es')} ${dryRun ? 'por actualizar' : 'actualizadas'}, ${n(skipped, 'es')} omitidas, ${n(rejected, 'es')} rechazadas`,
  topReasons: 'Motivos más frecuentes:',
  rejectedFile: (file, rows) => `Las ${n(rows, 'es')} filas no importadas, con sus motivos: ${file}`,
  stopped: (line) => (line === 0 ? 'Detenido antes de escribir ningún lote: no se escribió nada.' : `Detenido: se escribieron todas las filas hasta la línea ${n(line, 'es')}, ninguna después. Importe el resto desde la línea siguiente.`),
  exporting: 'Exportando',
  exported: (rows, entity) => `${n(rows, 'es')} ${entity} exportados.`,
  scanning: 'Buscando',
  scanProgress: (read) => `${n(read, 'es')} registros leídos`,
  clustersFound: (clusters, records, pairs, read) =>
    `${n(read, 'es')} registros comparados: ${n(clusters, 'es')} grupos de duplicados (${n(records, 'es')} registros, ${n(pairs, 'es')} pares puntuados).`,
  cluster: (at, size) => `Grupo ${n(at, 'es')} (${n(size, 'es')} registros)`,
  noDuplicates: 'No se encontraron duplicados.',
  moreClusters: (more) => `… y ${n(more, 'es')} grupos más (todos están en --out y en --json).`,
  clustersFile: (file) => `Grupos con puntuaciones y explicaciones escritos en ${file}`,
  stoppedValues: (count) => `${n(count, 'es')} valores compartidos por demasiados registros no se usaron como indicio (una centralita, info@): vea --json.`,
  merged: (count, skipped) => `${n(count, 'es')} grupos combinados automáticamente; ${n(skipped, 'es')} quedan para una persona (valores distintos, u otro responsable).`,
  mergeId: (survivor, absorbed, mergeId) => `  se conserva ${survivor}, con ${n(absorbed, 'es')} combinados en él; para deshacer: crm-kit undo-merge ${mergeId}`,
  undone: (restored) => `Combinación deshecha: ${n(restored, 'es')} registros restaurados.`,
  undoKept: (count) => `${n(count, 'es')} campos cambiados desde la combinación se conservan como están.`,
  reportTitle: (kind, from, to, timeZone, currency) => `${kind} del ${from} al ${to} (${timeZone}), en ${currency}`,
  funnelKind: (kind) => (kind === 'classic' ? 'Embudo clásico' : 'Embudo de conversión'),
  pipeline: (id, deals) => `Embudo ${id}: ${n(deals, 'es')} negociaciones`,
  metricsTitle: 'Métricas de ventas',
  dealsCounted: (read, inPeriod, forgotten) => `${n(read, 'es')} negociaciones leídas, ${n(inPeriod, 'es')} en el período, ${n(forgotten, 'es')} olvidadas`,
  unconverted: (count) => `${n(count, 'es')} negociaciones tenían un importe sin tipo de cambio en su día: se cuentan, no se suman (añada tipos a la configuración).`,
  headers: {
    stage: 'Etapa',
    deals: 'Negociaciones',
    toNext: 'A la siguiente',
    figure: 'Cifra',
    count: 'Número',
    amount: 'Importe',
    column: 'Columna',
    field: 'Campo',
    how: 'Encontrado por',
    group: 'Grupo',
  },
  figures: {
    won: 'Ganadas',
    lost: 'Perdidas',
    open: 'Abiertas',
    weighted: 'Abiertas, ponderadas por probabilidad',
    winRate: 'Tasa de éxito',
    average: 'Negociación ganada media',
    cycle: 'Ciclo de venta (mediana)',
  },
  days: (value) => `${value.toFixed(1).replace('.', ',')} días`,
};

/** The messages of a language. */
export type Messages = Catalogue;

/** The catalogue of a language. */
export function messagesOf(language: Language): Messages {
  return language === 'es' ? ES : EN;
}

/**
 * The language to speak: `--lang` when given, else the first of `LC_ALL`, `LC_MESSAGES` and
 * `LANG` that is set (`es_ES.UTF-8` is Spanish), else English.
 */
export function languageOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Language {
  const tag = flag ?? [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? 'en';
  return tag.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** A whole number for people, in the language's way. */
export function formatCount(value: number, language: Language): string {
  return n(value, language);
}
