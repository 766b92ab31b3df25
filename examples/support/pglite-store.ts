// A crm-kit store on PostgreSQL running in process (PGlite): an empty database, its tables made by
// `migrate`. On a server, `fromNodePostgres(new pg.Pool(...))` takes the place of `fromPGlite`.
import { PGlite } from '@electric-sql/pglite';
import { createPostgresStore, fromPGlite, migrate } from 'crm-kit/postgres';
import type { PostgresStore } from 'crm-kit/postgres';

export async function pgliteStore(): Promise<PostgresStore> {
  const db = fromPGlite(await PGlite.create());
  await migrate(db, { schema: 'crm' });
  return createPostgresStore({ db, schema: 'crm' });
}
