// The one thing the PostgreSQL store needs from a driver, and the two drivers it supports. The
// drivers are described by their shape, not imported: `pg` and `@electric-sql/pglite` stay
// optional peers that only the host installs.

/**
 * A statement's result as the store reads it: rows as arrays of values in select-list order (the
 * store selects text only), and how many rows a write touched.
 */
export interface QueryResult {
  readonly rows: readonly (readonly unknown[])[];
  readonly rowCount: number;
}

/**
 * What the PostgreSQL store runs statements through: a connection pool, one in-process PGlite
 * database, or anything else that speaks PostgreSQL. Parameters are text or `null`, every
 * statement casts them itself, and results are read as text: a `Queryable` needs no type parsing
 * of its own (and the store never sets a global one).
 *
 * @example
 * ```ts
 * // A Queryable over a host's own client that logs every statement:
 * function logged(db: Queryable): Queryable {
 *   return {
 *     query: (text, params) => {
 *       console.log(text);
 *       return db.query(text, params);
 *     },
 *     transaction: (work) => db.transaction((tx) => work(logged(tx))),
 *   };
 * }
 * ```
 */
export interface Queryable {
  /** Runs one statement with its parameters (`$1`, `$2`, …). */
  query(text: string, params?: readonly (string | null)[]): Promise<QueryResult>;
  /**
   * Runs `work` on one connection between `BEGIN` and `COMMIT`, or `ROLLBACK` when it rejects
   * (the rejection is rethrown). Statements of `work` go through the `Queryable` it is given.
   */
  transaction<R>(work: (tx: Queryable) => Promise<R>): Promise<R>;
}

/** The part of a `pg` client the store uses: `query` with a config object. */
export interface NodePostgresClient {
  query(config: { readonly text: string; readonly values?: readonly unknown[]; readonly rowMode: 'array' }): Promise<{ readonly rows: readonly (readonly unknown[])[]; readonly rowCount: number | null; readonly command?: string }>;
}

/** The part of a `pg` pool the store uses (a `pg.Pool`; a `pg.Client` has no `connect` that hands out clients). */
export interface NodePostgresPool extends NodePostgresClient {
  connect(): Promise<NodePostgresClient & { release(error?: Error | boolean): void }>;
}

/**
 * A {@link Queryable} over a `pg` pool: statements outside a transaction go to any pooled
 * connection; a transaction holds one connection from `BEGIN` to `COMMIT` or `ROLLBACK`. A
 * connection whose `ROLLBACK` fails is destroyed rather than returned to the pool.
 *
 * @param pool - A `pg.Pool` (from `pg` 8).
 * @returns The queryable.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStore, fromNodePostgres, migrate } from 'crm-kit/postgres';
 *
 * const db = fromNodePostgres(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(db, { schema: 'crm' });
 * const store = createPostgresStore({ db, schema: 'crm' });
 * ```
 */
export function fromNodePostgres(pool: NodePostgresPool): Queryable {
  const over = (client: NodePostgresClient): Queryable['query'] => async (text, params = []) => {
    const result = await client.query({ text, values: params, rowMode: 'array' });
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };
  return {
    query: over(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      const query = over(client);
      let broken = false;
      try {
        await query('BEGIN');
        const unit = nested(query);
        const result = await work(unit.queryable);
        unit.assertCommittable();
        // A transaction a failed statement aborted answers COMMIT with ROLLBACK, without an error.
        const committed = await client.query({ text: 'COMMIT', rowMode: 'array' });
        if (committed.command === 'ROLLBACK') throw abortedUnit();
        return result;
      } catch (error) {
        try {
          await query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** The part of a PGlite database (or of one of its transactions) the store uses. */
export interface PGliteQueryable {
  query(text: string, params?: readonly unknown[], options?: { readonly rowMode: 'array' }): Promise<{ readonly rows: readonly unknown[]; readonly affectedRows?: number }>;
}

/** The part of a PGlite database the store uses: `query` and `transaction`. */
export interface PGliteDatabase extends PGliteQueryable {
  transaction<R>(work: (tx: PGliteQueryable) => Promise<R>): Promise<R>;
}

/**
 * A {@link Queryable} over an in-process PGlite database. PGlite runs one statement at a time and
 * a transaction holds the database until it ends, so units of work never overlap.
 *
 * @param db - A `PGlite` instance (from `@electric-sql/pglite`).
 * @returns The queryable.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStore, fromPGlite, migrate } from 'crm-kit/postgres';
 *
 * const db = fromPGlite(await PGlite.create());
 * await migrate(db);
 * const store = createPostgresStore({ db });
 * ```
 */
export function fromPGlite(db: PGliteDatabase): Queryable {
  const over = (target: PGliteQueryable): Queryable['query'] => async (text, params = []) => {
    const result = await target.query(text, params, { rowMode: 'array' });
    return { rows: result.rows as readonly (readonly unknown[])[], rowCount: result.affectedRows ?? 0 };
  };
  return {
    query: over(db),
    transaction: (work) =>
      db.transaction(async (tx) => {
        const unit = nested(over(tx));
        const result = await work(unit.queryable);
        unit.assertCommittable();
        return result;
      }),
  };
}

function abortedUnit(): Error {
  return new Error('A statement of the transaction failed and the work went on: PostgreSQL rolled it back, and nothing of it was committed.');
}

// Inside a transaction: statements on its connection, and nested units as savepoints. The nested
// units of one level run one at a time, each from SAVEPOINT to RELEASE or ROLLBACK TO, so that two
// started together never interleave (a RELEASE of the first would release the second, and its
// ROLLBACK TO would undo the second's writes); statements are not held back, so work that uses an
// outer scope by mistake still runs (its statements belong to the open savepoint). A failed
// statement aborts the whole transaction until a ROLLBACK TO undoes it; `assertCommittable` refuses
// to commit one left aborted (PostgreSQL would answer COMMIT with a silent ROLLBACK).
function nested(query: Queryable['query']): { readonly queryable: Queryable; readonly assertCommittable: () => void } {
  let savepoints = 0;
  let aborted = false;
  const tracked: Queryable['query'] = async (text, params) => {
    try {
      return await query(text, params);
    } catch (error) {
      aborted = true;
      throw error;
    }
  };
  const level = (): Queryable => {
    let tail: Promise<unknown> = Promise.resolve();
    const serially = <R>(job: () => Promise<R>): Promise<R> => {
      const next = tail.then(job, job);
      tail = next.catch(() => undefined);
      return next;
    };
    return {
      query: tracked,
      transaction: (work) =>
        serially(async () => {
          const name = `crm_kit_${String(++savepoints)}`;
          await tracked(`SAVEPOINT ${name}`);
          try {
            const result = await work(level());
            await tracked(`RELEASE SAVEPOINT ${name}`);
            return result;
          } catch (error) {
            await tracked(`ROLLBACK TO SAVEPOINT ${name}`);
            aborted = false;
            throw error;
          }
        }),
    };
  };
  return {
    queryable: level(),
    assertCommittable: () => {
      if (aborted) throw abortedUnit();
    },
  };
}