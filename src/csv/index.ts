// crm-kit/csv: reading CSV files from any byte source (encodings, dialects, physical line numbers),
// mapping their columns to fields, importing them through the service's bulk path with an account
// of every row, and exporting records as CSV that is safe to open in a spreadsheet. papaparse is not
// used here; docs/design-notes.md ("CSV: our own tokenizer") says why.

export type { AddressPart, ColumnMapping, ColumnTarget, CsvMapping, MatchedBy, MultiFieldCode, ReferenceBy, UnmappedColumn } from './mapping.js';
export { CSV_LIMITS, CsvLimitError, openCsv, sniffDelimiter } from './read-csv.js';
export type { CsvDelimiter, CsvFile, CsvLimits, CsvRow, CsvSource, ReadableStreamLike, ReadCsvOptions } from './read-csv.js';
export { formatCsvRow, neutraliseFormula } from './write-csv.js';
export type { FormatCsvOptions } from './write-csv.js';
export { CSV_ENCODINGS, createDecoder, decodeBytes, detectEncoding } from './encoding.js';
export type { CsvDecoder, CsvEncoding, DetectEncodingOptions, EncodingGuess } from './encoding.js';
export { suggestMapping } from './suggest-mapping.js';
export type { SuggestMappingOptions } from './suggest-mapping.js';
export { CSV_PRESETS, detectPreset } from './presets.js';
export type { CsvPreset, CsvPresetColumn, CsvPresetName } from './presets.js';
export { createRowReader, DATE_FORMATS } from './read-rows.js';
export type { CsvRowReader, CsvRowReaderOptions, DateFormat } from './read-rows.js';
export { importCsv, rejectedRowsCsv } from './import-csv.js';
export type { CsvImportAccount, ImportCsvOptions, NotImportedRow, RejectedRowsOptions } from './import-csv.js';
export { exportCsv } from './export-csv.js';
export type { ExportCsvOptions } from './export-csv.js';
