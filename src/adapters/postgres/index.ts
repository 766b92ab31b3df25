export { createPostgresStore } from './create-postgres-store.js';
export type { PostgresStore, PostgresStoreOptions, PostgresStoreScope } from './create-postgres-store.js';
export { migrate, migrations } from './migrations.js';
export type { MigrateOptions, MigrateResult, Migration } from './migrations.js';
export { fromNodePostgres, fromPGlite } from './queryable.js';
export type { NodePostgresClient, NodePostgresPool, PGliteDatabase, PGliteQueryable, Queryable, QueryResult } from './queryable.js';
