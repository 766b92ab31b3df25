// What typical imports of crm-kit may cost a user's bundle, minified, counting everything they pull
// in (zod, decimal.js, fast-check), checked by scripts/check-size.ts in `npm test`. Each budget sits
// a little above the size measured when it was set; raise one only with a reason in
// docs/design-notes.md ("What each entry costs").

/** One import a user's app makes, bundled alone, and the most it may cost in bytes. */
export interface SizeCase {
  readonly name: string;
  /** The consumer's module; it re-exports what it imports, so the bundler keeps it. */
  readonly code: string;
  readonly budget: { readonly minified: number; readonly gzip: number };
}

export const SIZE_CASES: readonly SizeCase[] = [
  {
    name: '{ money, formatMoney }',
    code: "export { money, formatMoney } from 'crm-kit';",
    budget: { minified: 52_000, gzip: 19_500 },
  },
  {
    name: '{ splitFullName, formatPersonName }',
    code: "export { splitFullName, formatPersonName } from 'crm-kit';",
    budget: { minified: 9_500, gzip: 4_200 },
  },
  {
    // Constants that sit next to zod schemas in their modules: they must not bring the schemas.
    name: '{ ACTIVITY_TYPES, EMAIL_KINDS, MAX_TEXT_LENGTH }',
    code: "export { ACTIVITY_TYPES, EMAIL_KINDS, MAX_TEXT_LENGTH } from 'crm-kit';",
    budget: { minified: 300, gzip: 300 },
  },
  {
    name: '{ contactSchema }',
    code: "export { contactSchema } from 'crm-kit';",
    budget: { minified: 181_000, gzip: 58_500 },
  },
  {
    // Its duplicate and merge services hold only what calls into duplicateControl (4 kB): duplicate
    // scoring, merge planning and libphonenumber come with duplicateControl (the case below).
    // me.import and me.export (batches, reference and external-id lookups, the export table) add 16 kB;
    // me.reports (the report folds, periods in a time zone with @date-fns/tz, funnels) 25 kB;
    // crm.intake's glue 6 kB (forms, chats, the mailbox, callbacks and their planners come with intakeControl, the next-but-one case).
    name: '{ createCrm }',
    code: "export { createCrm } from 'crm-kit';",
    budget: { minified: 373_000, gzip: 118_200 },
  },
  {
    // Integer comparison forms, the typed relation table and the two-pass key sort, which made a
    // scan of a million records several times faster, added about 4 kB to duplicate scoring; key
    // codes, ids found by hashing and clustering over typed arrays (stop 28) 3.3 kB more; large
    // blocks sorted by ranks of names, the key sort carrying each key's record, and the ids table
    // (ids kept as characters, a map for crafted ones) (stop 30) 2 kB; the memo of raw texts that
    // keeps short texts in its slots, the shapes of texts that tell words apart, and ids given
    // twice found after reading (stop 31) 4 kB.
    name: '{ createCrm, duplicateControl }',
    code: "export { createCrm, duplicateControl } from 'crm-kit';",
    budget: { minified: 566_000, gzip: 174_500 },
  },
  {
    // Web forms, chat channels, the mailbox and callback requests: their planners and messages, in English and Spanish.
    name: '{ createCrm, intakeControl }',
    code: "export { createCrm, intakeControl } from 'crm-kit';",
    budget: { minified: 410_500, gzip: 129_700 },
  },
  {
    // Every schema that checks custom values carries the linear-time pattern matcher (13 kB).
    // A store made by createStore normalizes queries against the standard fields and pipelines, so
    // it carries most of what createCrm needs; the next case shows what it adds to it.
    name: 'crm-kit/memory { createMemoryStore }',
    code: "export { createMemoryStore } from 'crm-kit/memory';",
    budget: { minified: 234_000, gzip: 74_200 },
  },
  {
    name: '{ createCrm } with crm-kit/memory { createMemoryStore }',
    code: "export { createCrm } from 'crm-kit';\nexport { createMemoryStore } from 'crm-kit/memory';",
    budget: { minified: 390_000, gzip: 124_000 },
  },
  {
    // The PostgreSQL store: the SQL it writes, no driver (pg and PGlite are the host's).
    name: '{ createCrm } with crm-kit/postgres { createPostgresStore, fromNodePostgres, fromPGlite, migrate }',
    code: "export { createCrm } from 'crm-kit';\nexport { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from 'crm-kit/postgres';",
    budget: { minified: 413_500, gzip: 129_700 },
  },
  {
    // libphonenumber with its "min" metadata, 82 kB of it (docs/design-notes.md, "Phones: which
    // libphonenumber metadata").
    name: '{ normalisePhone }',
    code: "export { normalisePhone } from 'crm-kit';",
    budget: { minified: 125_000, gzip: 31_000 },
  },
  {
    name: '{ normaliseCompanyTitle, normaliseEmail, normalisePersonName }',
    code: "export { normaliseCompanyTitle, normaliseEmail, normalisePersonName } from 'crm-kit';",
    budget: { minified: 6_300, gzip: 2_800 },
  },
  {
    // Since the duplicate normalisers, this includes libphonenumber (122 kB of it); duplicate
    // scoring adds about 23 kB, merge planning (planMerge, isAutoMergeable) about 14 kB, the check,
    // the index, the matcher and merge undo about 8 kB. Reports (periods, funnels, sales metrics,
    // forecast) add about 18 kB, with @date-fns/tz for midnight in a report's time zone;
    // parseReportPeriod (for the command line's --period) 1.5 kB; the faster scan's key codes and
    // typed clustering 3.3 kB; sorting large blocks by ranks of names and the ids table (ids kept as
    // characters, a map for crafted ones) 1.9 kB; the memo of raw texts that keeps short texts in
    // its slots, the shapes of texts that tell words apart, and ids given twice found after
    // reading, 4 kB.
    name: "* as crmKit from 'crm-kit'",
    code: "import * as crmKit from 'crm-kit';\nexport { crmKit };",
    budget: { minified: 645_800, gzip: 199_600 },
  },
  {
    // The funnels check the pipeline they are given (checkPipeline, 19 kB of it).
    name: '{ inReportingPeriod, isForgotten, classicFunnel, conversionFunnel }',
    code: "export { inReportingPeriod, isForgotten, classicFunnel, conversionFunnel } from 'crm-kit';",
    budget: { minified: 28_200, gzip: 9_000 },
  },
  {
    // Reading (our tokenizer, the decoders and their tables), mapping (fuse.js/basic, the header
    // vocabulary and the presets), importing and exporting add 87 kB to createCrm, which a CSV
    // import always runs with.
    name: "crm-kit/csv { importCsv, exportCsv } with { createCrm }",
    code: "export { importCsv, exportCsv } from 'crm-kit/csv';\nexport { createCrm } from 'crm-kit';",
    budget: { minified: 465_000, gzip: 149_400 },
  },
  {
    // Stop 29's concurrency case (a write expecting the version another is about to give) added
    // about 1 kB.
    name: "* as testing from 'crm-kit/testing'",
    code: "import * as testing from 'crm-kit/testing';\nexport { testing };",
    budget: { minified: 475_000, gzip: 151_600 },
  },
];

const TABLE = 'a table that every export of the module reads';
const TEST_TIME = 'crm-kit/testing runs in test suites, where bundle size does not matter';

/**
 * The dist/ modules (a key ending in / names a folder) allowed to keep top-level work when a
 * bundler includes them, and why that costs nothing in practice. Any other module must be
 * droppable down to what an import uses.
 */
export const KEPT_TOP_LEVEL: Readonly<Record<string, string>> = {
  'fields/standard-fields.js': TABLE,
  'money/_internal/decimal.js': 'the Decimal clone that every export of the module uses',
  'money/_internal/iso-4217.js': TABLE,
  'money/_internal/small.js': TABLE,
  'money/currency.js': TABLE,
  'money/rate-table.js': 'the identity rate and the symbol that every export of the module uses',
  'names/_internal/name-words.js': TABLE,
  'names/_internal/parse-name-format.js': TABLE,
  'names/formats.js': 'Object.freeze statements on NAME_TOKENS and NAME_FORMATS (0.8 kB with assertNameFormat)',
  'testing/': TEST_TIME,
  'cli/': 'the command line: the package bin, which no entry point of the package reaches',
};
