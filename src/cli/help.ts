// The --help of the command line and of each command, with examples, in English and Spanish.
import type { Language } from './messages.js';

/** The commands. */
export type CommandName = 'import' | 'export' | 'dedupe' | 'report' | 'undo-merge';

const COMMON: Record<Language, string> = {
  en: `Every command takes:
  --db <folder|url>     the database: a folder for the embedded PGlite database (made on first
                        use; default ./crm-data, or $CRM_KIT_DB), or postgres://user@host/db
  --schema <name>       the PostgreSQL schema (default crm)
  --config <file.json>  report currency, phone region, time zone, exchange rates and deal
                        pipelines (or $CRM_KIT_CONFIG); pass the same file to every command
  --user <id>           who the records are assigned to (default cli)
  --json                one JSON document on standard output, nothing else
  --lang en|es          the language of messages (default: from LC_ALL, LC_MESSAGES, LANG)
  -h, --help            this help

Exit codes: 0 done; 1 rows rejected or a check failed; 2 bad usage; 130 stopped by Ctrl-C
(at the end of a batch: what was written is said).`,
  es: `Todas las órdenes aceptan:
  --db <carpeta|url>    la base de datos: una carpeta para la base PGlite integrada (se crea al
                        usarla; por omisión ./crm-data, o $CRM_KIT_DB), o postgres://usuario@host/bd
  --schema <nombre>     el esquema de PostgreSQL (por omisión crm)
  --config <file.json>  moneda de los informes, región de los teléfonos, zona horaria, tipos de
                        cambio y embudos (o $CRM_KIT_CONFIG); use el mismo archivo en cada orden
  --user <id>           a quién se asignan los registros (por omisión cli)
  --json                un documento JSON en la salida estándar, y nada más
  --lang en|es          el idioma de los mensajes (por omisión: de LC_ALL, LC_MESSAGES, LANG)
  -h, --help            esta ayuda

Códigos de salida: 0 hecho; 1 filas rechazadas o una comprobación fallida; 2 uso incorrecto;
130 detenido con Ctrl-C (al final de un lote: se indica lo escrito).`,
};

const MAIN: Record<Language, string> = {
  en: `crm-kit: try crm-kit on your own files.

Usage: crm-kit <command> [options]

Commands:
  import <file.csv>       import a CSV file, with an account of every row
  export                  export records as CSV
  dedupe                  find duplicates, with scores and explanations; merge the sure ones
  undo-merge <merge id>   undo a merge
  report funnel|metrics   the funnels or the sales metrics of a period

Try it:
  npx crm-kit import contacts.csv --entity contacts
  npx crm-kit dedupe --entity contacts
  npx crm-kit report funnel --period 2026-Q1

Run "crm-kit <command> --help" for a command's options.`,
  es: `crm-kit: pruebe crm-kit con sus propios archivos.

Uso: crm-kit <orden> [opciones]

Órdenes:
  import <archivo.csv>    importa un archivo CSV, con el resultado de cada fila
  export                  exporta registros como CSV
  dedupe                  busca duplicados, con puntuación y explicación; combina los seguros
  undo-merge <id>         deshace una combinación
  report funnel|metrics   los embudos o las métricas de ventas de un período

Pruébelo:
  npx crm-kit import contactos.csv --entity contacts
  npx crm-kit dedupe --entity contacts
  npx crm-kit report funnel --period 2026-Q1

Ejecute "crm-kit <orden> --help" para ver las opciones de una orden.`,
};

const COMMANDS: Record<CommandName, Record<Language, string>> = {
  import: {
    en: `Usage: crm-kit import <file.csv> --entity <type> [options]

Imports a CSV file into leads, contacts, companies, deals or activities. The encoding and the
delimiter are detected, the product the file comes from is recognised, and the suggested mapping is
printed before any row is read. Nothing is asked. Rows are written in batches, each one
transaction. The rows not imported are written beside the file (<file>.rejected.csv) with their
reasons, ready to fix and import again.

Options:
  -e, --entity <type>        leads, contacts, companies, deals or activities (required)
  --preset <name>            the product the file comes from: bitrix24-es, bitrix24-en, hubspot,
                             google-contacts, outlook (default: recognised from the headers)
  --mapping <map.json>       the mapping to use: the "mapping" of a --dry-run --json, edited
  --duplicates <mode>        rows that are probably records already stored: none (default),
                             skip, replace or merge
  --dry-run                  decide and account for every row, write nothing
  --encoding <name>          utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, ... (default: detected)
  --delimiter <char>         , ; tab | space (default: detected)
  --date-format <format>     YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, ... (default: unambiguous dates only)
  --batch-size <rows>        rows per transaction, 1 to 5000 (default 500)

Examples:
  crm-kit import contacts.csv --entity contacts
  crm-kit import export_bitrix.csv --entity contacts --duplicates merge --date-format DD/MM/YYYY
  crm-kit import deals.csv --entity deals --dry-run --json > plan.json
  crm-kit import deals.csv --entity deals --db postgres://postgres@localhost/crm`,
    es: `Uso: crm-kit import <archivo.csv> --entity <tipo> [opciones]

Importa un archivo CSV como prospectos, contactos, empresas, negociaciones o actividades. Se
detectan la codificación y el separador, se reconoce el producto del que viene el archivo, y el
mapeo sugerido se muestra antes de leer ninguna fila. No se pregunta nada. Las filas se escriben en
lotes, cada uno una transacción. Las filas no importadas se escriben junto al archivo
(<archivo>.rejected.csv) con sus motivos, listas para corregir e importar de nuevo.

Opciones:
  -e, --entity <tipo>        leads, contacts, companies, deals o activities (obligatoria)
  --preset <nombre>          el producto del que viene el archivo: bitrix24-es, bitrix24-en,
                             hubspot, google-contacts, outlook (por omisión: reconocido)
  --mapping <mapeo.json>     el mapeo a usar: el "mapping" de un --dry-run --json, editado
  --duplicates <modo>        filas que probablemente ya están guardadas: none (por omisión),
                             skip, replace o merge
  --dry-run                  decide y cuenta cada fila sin escribir nada
  --encoding <nombre>        utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, ... (por omisión: detectada)
  --delimiter <carácter>     , ; tab | space (por omisión: detectado)
  --date-format <formato>    YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, ... (por omisión: solo fechas sin ambigüedad)
  --batch-size <filas>       filas por transacción, de 1 a 5000 (por omisión 500)

Ejemplos:
  crm-kit import contactos.csv --entity contacts
  crm-kit import export_bitrix.csv --entity contacts --duplicates merge --date-format DD/MM/YYYY
  crm-kit import negociaciones.csv --entity deals --dry-run --json > plan.json`,
  },
  export: {
    en: `Usage: crm-kit export --entity <type> [options] > file.csv

Writes every record of a type as CSV, safe to open in a spreadsheet (cells a spreadsheet would run
as formulas are neutralised). Links are written as the names of the records they point to.

Options:
  -e, --entity <type>     leads, contacts, companies, deals, activities, invoices or quotes (required)
  --columns <a,b,...>     the fields, by code (custom.<code> for custom fields; default: all)
  --excel                 for Excel: a byte-order mark, and ; with decimal commas in Spanish
  --delimiter <char>      , ; tab |
  -o, --out <file.csv>    write to a file instead of standard output (required with --json)

Examples:
  crm-kit export --entity deals > deals.csv
  crm-kit export --entity contacts --columns firstName,lastName,emails --excel --lang es > contactos.csv`,
    es: `Uso: crm-kit export --entity <tipo> [opciones] > archivo.csv

Escribe todos los registros de un tipo como CSV, seguro para abrir en una hoja de cálculo (las
celdas que una hoja ejecutaría como fórmulas se neutralizan). Los vínculos se escriben con el nombre
del registro al que apuntan.

Opciones:
  -e, --entity <tipo>     leads, contacts, companies, deals, activities, invoices o quotes (obligatoria)
  --columns <a,b,...>     los campos, por código (custom.<código> para los personalizados; por omisión: todos)
  --excel                 para Excel: marca de orden de bytes, y ; con coma decimal en español
  --delimiter <carácter>  , ; tab |
  -o, --out <archivo.csv> escribe en un archivo en lugar de la salida estándar (obligatoria con --json)

Ejemplos:
  crm-kit export --entity deals > negociaciones.csv
  crm-kit export --entity contacts --columns firstName,lastName,emails --excel --lang es > contactos.csv`,
  },
  dedupe: {
    en: `Usage: crm-kit dedupe --entity <type> [options]

Finds the duplicates among the leads, contacts, companies or deals, in groups, with each pair's
score (a match probability) and why: "phones: same number (+10.8)".

Options:
  -e, --entity <type>     leads, contacts, companies or deals (required)
  --threshold <0..1>      the score from which a pair counts (default 0.9)
  -o, --out <file.csv>    write every group, one row per record, with its best pair and why
  --show <n>              groups printed (default 20; all of them are in --out and --json)
  --merge-auto            merge the groups that may be merged without asking: every compared
                          field equal once normalised, and the same responsible person. Prints
                          each merge's id for undo-merge.

Examples:
  crm-kit dedupe --entity contacts
  crm-kit dedupe --entity companies --threshold 0.8 --out companies-duplicates.csv
  crm-kit dedupe --entity contacts --merge-auto`,
    es: `Uso: crm-kit dedupe --entity <tipo> [opciones]

Busca los duplicados entre los prospectos, contactos, empresas o negociaciones, en grupos, con la
puntuación de cada par (una probabilidad) y su porqué: "phones: same number (+10.8)".

Opciones:
  -e, --entity <tipo>     leads, contacts, companies o deals (obligatoria)
  --threshold <0..1>      la puntuación desde la que cuenta un par (por omisión 0,9)
  -o, --out <archivo.csv> escribe todos los grupos, una fila por registro, con su mejor par y porqué
  --show <n>              grupos mostrados (por omisión 20; todos están en --out y en --json)
  --merge-auto            combina los grupos que se pueden combinar sin preguntar: todos los
                          campos comparados iguales una vez normalizados, y el mismo responsable.
                          Muestra el id de cada combinación para undo-merge.

Ejemplos:
  crm-kit dedupe --entity contacts
  crm-kit dedupe --entity companies --threshold 0.8 --out duplicados-empresas.csv
  crm-kit dedupe --entity contacts --merge-auto`,
  },
  report: {
    en: `Usage: crm-kit report funnel|metrics --period <period> [options]

funnel: per pipeline, the classic funnel (deals that reached each stage) and the conversion
funnel, with the share that went on to the next stage.
metrics: won, lost and open deals and amounts, win rate, average won deal, sales cycle, and the
pipeline weighted by probability, in the report currency.

Options:
  -p, --period <period>   2026, 2026-H1, 2026-Q1, 2026-03, 2026-W09, 2026-03-02, or
                          2026-03-01..2026-03-15 (required)
  --currency <code>       the report currency (default: the configuration's, else EUR)
  --time-zone <zone>      where the period's days are cut (default: the configuration's, else this
                          computer's)
  --group-by <grouping>   metrics per stage, pipeline, responsible, source, or per day, week,
                          month, quarter or year of closing

Examples:
  crm-kit report funnel --period 2026-Q1
  crm-kit report metrics --period 2026 --group-by quarter --currency USD --config crm-kit.json
  crm-kit report metrics --period 2026-03 --json`,
    es: `Uso: crm-kit report funnel|metrics --period <período> [opciones]

funnel: por embudo, el embudo clásico (negociaciones que llegaron a cada etapa) y el de
conversión, con la parte que pasó a la etapa siguiente.
metrics: negociaciones ganadas, perdidas y abiertas con sus importes, tasa de éxito, negociación
ganada media, ciclo de venta, y el embudo ponderado por probabilidad, en la moneda del informe.

Opciones:
  -p, --period <período>  2026, 2026-H1, 2026-Q1, 2026-03, 2026-W09, 2026-03-02, o
                          2026-03-01..2026-03-15 (obligatoria)
  --currency <código>     la moneda del informe (por omisión: la de la configuración, o EUR)
  --time-zone <zona>      dónde se cortan los días del período (por omisión: la de la
                          configuración, o la de este equipo)
  --group-by <grupo>      métricas por stage, pipeline, responsible, source, o por day, week,
                          month, quarter o year de cierre

Ejemplos:
  crm-kit report funnel --period 2026-Q1
  crm-kit report metrics --period 2026 --group-by quarter --currency USD --config crm-kit.json
  crm-kit report metrics --period 2026-03 --json`,
  },
  'undo-merge': {
    en: `Usage: crm-kit undo-merge <merge id> [--partial]

Undoes a merge (one of those dedupe --merge-auto printed): the merged records come back as they
were, and the kept record's values and every relinked record's links are put back. A field changed
since the merge refuses the undo and names it.

Options:
  --partial   undo what has not changed since the merge, and keep what has

Example:
  crm-kit undo-merge 0194f2c1-7a3e-7c41-9d2a-5e8b1f0c3a77`,
    es: `Uso: crm-kit undo-merge <id de combinación> [--partial]

Deshace una combinación (una de las que mostró dedupe --merge-auto): los registros combinados
vuelven como eran, y se restauran los valores del registro conservado y los vínculos de cada
registro revinculado. Un campo cambiado desde la combinación impide deshacerla, y se nombra.

Opciones:
  --partial   deshace lo que no ha cambiado desde la combinación y conserva lo que sí

Ejemplo:
  crm-kit undo-merge 0194f2c1-7a3e-7c41-9d2a-5e8b1f0c3a77`,
  },
};

/** The help of the command line, or of one command. */
export function helpOf(command: CommandName | undefined, language: Language): string {
  return command === undefined ? `${MAIN[language]}\n` : `${COMMANDS[command][language]}\n\n${COMMON[language]}\n`;
}
