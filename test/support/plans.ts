// Query plans for the tests that check an index is used, one reader per database.
import { CompiledQuery, sql, type Kysely } from 'kysely'
import type { DB } from '../../server/db/schema.ts'

type Compiled = { sql: string; parameters: readonly unknown[] }

/** SQLite's `explain query plan`, its details one per line. */
export async function sqlitePlan(db: Kysely<DB>, q: Compiled): Promise<string> {
  const rows = (await db.executeQuery(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))).rows as { detail: string }[]
  return rows.map((r) => r.detail).join('\n')
}

/**
 * PostgreSQL's plan as JSON text, with a sequential scan made as dear as the planner allows: on the
 * few rows of a test a scan would otherwise look cheaper than the index a large forum needs.
 */
export async function postgresPlan(db: Kysely<DB>, q: Compiled): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx)
    return JSON.stringify((await tx.executeQuery(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]))).rows)
  })
}
