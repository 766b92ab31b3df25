// The schema of the PostgreSQL store, as data: versioned statements that `migrate` runs in order,
// each version once, recorded in `crm_migrations`. A version is never changed once released; a
// new one is added. `{schema}` stands for the quoted schema.
import { invalidArgument, isPlainRecord } from '../../kernel/index.js';
import type { Queryable } from './queryable.js';
import { quoted } from './_internal/sql.js';

/**
 * One version of the schema: the statements that bring the version before it to this one.
 * `{schema}` in a statement stands for the quoted schema it runs in.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * Every version of the store's schema, oldest first. Version 1: a table per entity type
 * (`crm_<type>`: one typed column per standard field, two for money, `custom` values in `jsonb`,
 * `extra` for values that fit no column), the event log (`crm_events`) and the match keys
 * (`crm_match_keys`), with their indexes. Text columns use the `"C"` collation, so that order is
 * by code point whatever the database's locale.
 *
 * @example
 * ```ts
 * import { migrations } from 'crm-kit/postgres';
 * migrations.map((migration) => migration.version); //=> [1]
 * // A host that runs migrations with its own tool can write them out:
 * const sql = migrations.flatMap((migration) => migration.statements.map((statement) => statement.replaceAll('{schema}', '"crm"')));
 * ```
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'records, events and match keys',
    statements: [
      'CREATE TABLE IF NOT EXISTS {schema}."crm_events" ("sequence" bigserial PRIMARY KEY, "type" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text COLLATE "C" NOT NULL, "at" timestamptz NOT NULL, "event" jsonb NOT NULL)',
      'CREATE INDEX IF NOT EXISTS "crm_events_entity" ON {schema}."crm_events" ("entity_type", "entity_id", "sequence")',
      'CREATE INDEX IF NOT EXISTS "crm_events_type" ON {schema}."crm_events" ("type", "sequence")',
      'CREATE INDEX IF NOT EXISTS "crm_events_at" ON {schema}."crm_events" ("at")',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_match_keys" ("entity_type" text NOT NULL, "key" text COLLATE "C" NOT NULL, "id" text COLLATE "C" NOT NULL, PRIMARY KEY ("entity_type", "key", "id"))',
      'CREATE INDEX IF NOT EXISTS "crm_match_keys_record" ON {schema}."crm_match_keys" ("entity_type", "id")',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_lead" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "title" text COLLATE "C", "status" text COLLATE "C", "statusComment" text COLLATE "C", "source" text COLLATE "C", "sourceDescription" text COLLATE "C", "honorific" text COLLATE "C", "firstName" text COLLATE "C", "secondName" text COLLATE "C", "lastName" text COLLATE "C", "birthdate" date, "position" text COLLATE "C", "companyTitle" text COLLATE "C", "phones" jsonb, "emails" jsonb, "websites" jsonb, "messengers" jsonb, "address" jsonb, "amount" numeric, "amount:currency" text COLLATE "C", "comments" text COLLATE "C", "utmSource" text COLLATE "C", "utmMedium" text COLLATE "C", "utmCampaign" text COLLATE "C", "utmContent" text COLLATE "C", "utmTerm" text COLLATE "C", "contactId" text COLLATE "C", "companyId" text COLLATE "C", "dealId" text COLLATE "C", "opened" boolean, "isReturnCustomer" boolean, "movedAt" timestamptz, "movedById" text COLLATE "C", "convertedAt" timestamptz, "externalId" text COLLATE "C", "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_lead_assigned" ON {schema}."crm_lead" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_lead_updated" ON {schema}."crm_lead" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_lead_external" ON {schema}."crm_lead" ("externalId")',
      'CREATE INDEX IF NOT EXISTS "crm_lead_status" ON {schema}."crm_lead" ("status")',
      'CREATE INDEX IF NOT EXISTS "crm_lead_custom" ON {schema}."crm_lead" USING gin ("custom" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_lead_phones" ON {schema}."crm_lead" USING gin ("phones" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_lead_emails" ON {schema}."crm_lead" USING gin ("emails" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_contact" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "honorific" text COLLATE "C", "firstName" text COLLATE "C", "secondName" text COLLATE "C", "lastName" text COLLATE "C", "position" text COLLATE "C", "birthdate" date, "type" text COLLATE "C", "source" text COLLATE "C", "sourceDescription" text COLLATE "C", "companyIds" text[] COLLATE "C", "phones" jsonb, "emails" jsonb, "websites" jsonb, "messengers" jsonb, "address" jsonb, "comments" text COLLATE "C", "opened" boolean, "exportable" boolean, "leadId" text COLLATE "C", "utmSource" text COLLATE "C", "utmMedium" text COLLATE "C", "utmCampaign" text COLLATE "C", "utmContent" text COLLATE "C", "utmTerm" text COLLATE "C", "externalId" text COLLATE "C", "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_contact_assigned" ON {schema}."crm_contact" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_contact_updated" ON {schema}."crm_contact" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_contact_external" ON {schema}."crm_contact" ("externalId")',
      'CREATE INDEX IF NOT EXISTS "crm_contact_custom" ON {schema}."crm_contact" USING gin ("custom" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_contact_phones" ON {schema}."crm_contact" USING gin ("phones" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_contact_emails" ON {schema}."crm_contact" USING gin ("emails" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_company" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "title" text COLLATE "C", "type" text COLLATE "C", "industry" text COLLATE "C", "employees" bigint, "revenue" numeric, "revenue:currency" text COLLATE "C", "phones" jsonb, "emails" jsonb, "websites" jsonb, "messengers" jsonb, "address" jsonb, "comments" text COLLATE "C", "opened" boolean, "leadId" text COLLATE "C", "utmSource" text COLLATE "C", "utmMedium" text COLLATE "C", "utmCampaign" text COLLATE "C", "utmContent" text COLLATE "C", "utmTerm" text COLLATE "C", "externalId" text COLLATE "C", "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_company_assigned" ON {schema}."crm_company" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_company_updated" ON {schema}."crm_company" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_company_external" ON {schema}."crm_company" ("externalId")',
      'CREATE INDEX IF NOT EXISTS "crm_company_custom" ON {schema}."crm_company" USING gin ("custom" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_company_phones" ON {schema}."crm_company" USING gin ("phones" jsonb_path_ops)',
      'CREATE INDEX IF NOT EXISTS "crm_company_emails" ON {schema}."crm_company" USING gin ("emails" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_deal" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "title" text COLLATE "C", "pipelineId" text COLLATE "C", "stageId" text COLLATE "C", "probability" bigint, "probabilityIsManual" boolean, "amount" numeric, "amount:currency" text COLLATE "C", "taxAmount" numeric, "taxAmount:currency" text COLLATE "C", "amountIsManual" boolean, "contactIds" text[] COLLATE "C", "companyId" text COLLATE "C", "leadId" text COLLATE "C", "expectedCloseDate" date, "closed" boolean, "closedAt" timestamptz, "lossReasonId" text COLLATE "C", "type" text COLLATE "C", "source" text COLLATE "C", "sourceDescription" text COLLATE "C", "productRows" jsonb, "isReturnCustomer" boolean, "isRepeatedApproach" boolean, "movedAt" timestamptz, "movedById" text COLLATE "C", "lastActivityAt" timestamptz, "comments" text COLLATE "C", "opened" boolean, "utmSource" text COLLATE "C", "utmMedium" text COLLATE "C", "utmCampaign" text COLLATE "C", "utmContent" text COLLATE "C", "utmTerm" text COLLATE "C", "externalId" text COLLATE "C", "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_deal_assigned" ON {schema}."crm_deal" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_deal_updated" ON {schema}."crm_deal" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_deal_external" ON {schema}."crm_deal" ("externalId")',
      'CREATE INDEX IF NOT EXISTS "crm_deal_stage" ON {schema}."crm_deal" ("pipelineId", "stageId")',
      'CREATE INDEX IF NOT EXISTS "crm_deal_custom" ON {schema}."crm_deal" USING gin ("custom" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_activity" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "type" text COLLATE "C", "subject" text COLLATE "C", "description" text COLLATE "C", "direction" text COLLATE "C", "startAt" timestamptz, "endAt" timestamptz, "deadlineAt" timestamptz, "completed" boolean, "completedAt" timestamptz, "location" text COLLATE "C", "bindings" jsonb, "communications" jsonb, "externalId" text COLLATE "C", "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_activity_assigned" ON {schema}."crm_activity" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_activity_updated" ON {schema}."crm_activity" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_activity_external" ON {schema}."crm_activity" ("externalId")',
      'CREATE INDEX IF NOT EXISTS "crm_activity_custom" ON {schema}."crm_activity" USING gin ("custom" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_invoice" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "number" text COLLATE "C", "title" text COLLATE "C", "stageId" text COLLATE "C", "issueDate" date, "dueDate" date, "paidDate" date, "amount" numeric, "amount:currency" text COLLATE "C", "taxAmount" numeric, "taxAmount:currency" text COLLATE "C", "amountIsManual" boolean, "productRows" jsonb, "dealId" text COLLATE "C", "contactIds" text[] COLLATE "C", "companyId" text COLLATE "C", "closed" boolean, "closedAt" timestamptz, "movedAt" timestamptz, "movedById" text COLLATE "C", "comments" text COLLATE "C", "opened" boolean, "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_invoice_assigned" ON {schema}."crm_invoice" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_invoice_updated" ON {schema}."crm_invoice" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_invoice_stage" ON {schema}."crm_invoice" ("stageId")',
      'CREATE INDEX IF NOT EXISTS "crm_invoice_custom" ON {schema}."crm_invoice" USING gin ("custom" jsonb_path_ops)',
      'CREATE TABLE IF NOT EXISTS {schema}."crm_quote" ("id" text COLLATE "C" PRIMARY KEY, "version" bigint NOT NULL, "createdAt" timestamptz, "updatedAt" timestamptz, "createdById" text COLLATE "C", "updatedById" text COLLATE "C", "assignedById" text COLLATE "C", "number" text COLLATE "C", "title" text COLLATE "C", "stageId" text COLLATE "C", "issueDate" date, "dueDate" date, "acceptedDate" date, "amount" numeric, "amount:currency" text COLLATE "C", "taxAmount" numeric, "taxAmount:currency" text COLLATE "C", "amountIsManual" boolean, "productRows" jsonb, "dealId" text COLLATE "C", "contactIds" text[] COLLATE "C", "companyId" text COLLATE "C", "closed" boolean, "closedAt" timestamptz, "movedAt" timestamptz, "movedById" text COLLATE "C", "comments" text COLLATE "C", "opened" boolean, "custom" jsonb NOT NULL DEFAULT \'{}\', "extra" jsonb)',
      'CREATE INDEX IF NOT EXISTS "crm_quote_assigned" ON {schema}."crm_quote" ("assignedById", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_quote_updated" ON {schema}."crm_quote" ("updatedAt", "id")',
      'CREATE INDEX IF NOT EXISTS "crm_quote_stage" ON {schema}."crm_quote" ("stageId")',
      'CREATE INDEX IF NOT EXISTS "crm_quote_custom" ON {schema}."crm_quote" USING gin ("custom" jsonb_path_ops)',
    ],
  },
];

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema the tables live in; created when missing. Default `public`. */
  readonly schema?: string | undefined;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The versions it applied now, in order (none when the schema was up to date). */
  readonly applied: readonly number[];
  /** The version the schema is at. */
  readonly version: number;
}

/**
 * Brings a schema up to the latest of {@link migrations}: creates the schema when missing, then
 * runs each version it has not recorded, in order, in one transaction that holds an advisory lock
 * on the schema, so that two processes migrating at once apply each version once. Running it
 * again does nothing.
 *
 * @param db - Where to run (from {@link fromNodePostgres} or {@link fromPGlite}).
 * @param options - The schema.
 * @returns The versions applied and the version reached.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a schema name that is empty, longer than
 * 63 bytes of UTF-8 (PostgreSQL would cut it) or holds a NUL; the database's error, unchanged, when a statement fails (nothing
 * of that run is kept).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { fromPGlite, migrate } from 'crm-kit/postgres';
 *
 * const db = fromPGlite(await PGlite.create());
 * (await migrate(db, { schema: 'tenant_42' })).applied; //=> [1]
 * (await migrate(db, { schema: 'tenant_42' })).applied; //=> []
 * ```
 */
export async function migrate(db: Queryable, options: MigrateOptions = {}): Promise<MigrateResult> {
  if (!isPlainRecord(options)) throw invalidArgument('migrate takes options { schema? }.');
  const schema = checkSchema(options.schema);
  const target = quoted(schema);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`crm-kit migrate ${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${target}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${target}."crm_migrations" ("version" integer PRIMARY KEY, "name" text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query(`SELECT "version"::text FROM ${target}."crm_migrations"`)).rows.map((row) => Number(row[0])));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement.replaceAll('{schema}', target));
      await tx.query(`INSERT INTO ${target}."crm_migrations" ("version", "name") VALUES ($1::integer, $2)`, [String(migration.version), migration.name]);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(0, ...done, ...applied) };
  });
}

/** A schema name as the host gave it, checked (`public` when none). */
export function checkSchema(schema: unknown): string {
  if (schema === undefined) return 'public';
  if (typeof schema !== 'string' || schema === '' || utf8Length(schema) > 63 || schema.includes('\u0000')) throw invalidArgument('schema is the name of a PostgreSQL schema: 1 to 63 bytes of UTF-8, no NUL.');
  return schema;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
