import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresStore, fromNodePostgres, fromPGlite, migrate } from 'crm-kit/postgres';
import type { Queryable } from 'crm-kit/postgres';
import { modelBasedConformance, repositoryConformance, runConformance } from 'crm-kit/testing';

// The whole conformance suite and the model-based suite against PostgreSQL: in process (PGlite)
// always, and on a server when CRM_KIT_POSTGRES_URL names one (CI sets it). Every case gets a
// schema of its own; the server's are dropped afterwards.
const SERVER_URL = process.env.CRM_KIT_POSTGRES_URL;
// A database round trip costs what a Map lookup does not: the cases that write thousands of rows
// get more time than vitest's default 5 s when the machine is busy.
vi.setConfig({ testTimeout: 60_000 });
const RUN = `${String(process.pid)}_${String(Date.now() % 1_000_000)}`;

interface Target {
  readonly name: string;
  readonly open: () => Promise<{ readonly db: Queryable; readonly close: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'PGlite (in process)',
    open: async () => {
      const database = await PGlite.create();
      return { db: fromPGlite(database), close: () => database.close() };
    },
  },
];
if (SERVER_URL === undefined || SERVER_URL === '') {
  describe('the PostgreSQL store on a server', () => {
    it.skip('is skipped: set CRM_KIT_POSTGRES_URL (postgres://user@host:port/database) to run it', () => undefined);
  });
} else {
  targets.push({
    name: 'a PostgreSQL server',
    open: () => {
      const pool = new pg.Pool({ connectionString: SERVER_URL, max: 8 });
      return Promise.resolve({ db: fromNodePostgres(pool), close: () => pool.end() });
    },
  });
}

for (const target of targets) {
  describe(`the PostgreSQL store on ${target.name}`, () => {
    let opened: { readonly db: Queryable; readonly close: () => Promise<void> } | undefined;
    const schemas: string[] = [];
    // Opening PGlite and dropping the suites' schemas can take well over vitest's 10 s for a hook
    // while other files run on the other worker.
    beforeAll(async () => {
      opened = await target.open();
    }, 60_000);
    afterAll(async () => {
      if (opened === undefined) return;
      for (const schema of schemas) await opened.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await opened.close();
    }, 60_000);
    const fresh = async (maxPageSize?: number) => {
      if (opened === undefined) throw new Error('The database is not open.');
      const schema = `crm_kit_test_${RUN}_${String(schemas.length + 1)}`;
      schemas.push(schema);
      await migrate(opened.db, { schema });
      return createPostgresStore({ db: opened.db, schema, maxPageSize });
    };

    it('migrate: several migrations of one schema at once apply each version once', async () => {
      if (opened === undefined) throw new Error('The database is not open.');
      const schema = `crm_kit_test_${RUN}_migrate`;
      schemas.push(schema);
      const { db } = opened;
      const results = await Promise.all([1, 2, 3, 4].map(() => migrate(db, { schema })));
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, 0, 0, 1]);
      expect((await db.query(`SELECT count(*)::text FROM "${schema}"."crm_migrations"`)).rows[0]?.[0]).toBe('1');
    });

    describe('the conformance suite', () => {
      runConformance(
        repositoryConformance({
          createStore: () => fresh(),
          inspect: (store, entityType, id) => store.inspect(entityType, id),
          inspectMatchKeys: (store, entityType, id) => store.inspectMatchKeys(entityType, id),
        }),
        it,
      );
    });

    // Small pages on one target: the SQL is the same on both.
    if (target === targets[0]) {
      describe('the conformance suite with pages of at most 3 records', () => {
        runConformance(repositoryConformance({ createStore: () => fresh(3), inspect: (store, entityType, id) => store.inspect(entityType, id), skip: ['concurrency', 'match-keys'] }), it);
      });
    }

    describe('against a model', () => {
      runConformance(modelBasedConformance({ createStore: () => fresh(2), numRuns: 25 }), it);
    });
  });
}
