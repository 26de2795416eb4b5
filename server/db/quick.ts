import type SQLite from 'better-sqlite3'
import { CompiledQuery } from 'kysely'
import type { Executor } from './schema.ts'

const connections = new WeakMap<object, { sqlite: SQLite.Database; statements: { prepare(sql: string): SQLite.Statement } }>()

/** openDatabase registers each Kysely instance with the connection and statement cache under it. */
export function registerConnection(db: object, sqlite: SQLite.Database, statements: { prepare(sql: string): SQLite.Statement }) {
  connections.set(db, { sqlite, statements })
}

/**
 * A single-row read as a cached prepared statement straight on the connection, skipping Kysely's
 * per-call query building (about 15 µs a query; four such reads were a tenth of a cached thread
 * page). Only for the handful of point reads every request makes (server/db/*: session, thread,
 * community, membership), and only while no transaction is open on the connection: Kysely holds a
 * transaction across awaits, and a read in between would see its uncommitted rows. Returns
 * undefined when the caller must use Kysely instead (a transaction, or a Kysely instance not from
 * openDatabase, such as a transaction's). Nothing here streams rows with Kysely's stream(); a
 * read during an open iterator would fail with "connection busy", so one that does must check.
 */
export function quickGet<R>(db: object, sql: string, params: unknown[], opts: { byTable?: boolean } = {}): { row: R | undefined } | undefined {
  const c = connections.get(db)
  if (!c || c.sqlite.inTransaction || !c.sqlite.open) return undefined
  const statement = c.statements.prepare(sql)
  // byTable: a join's columns come back as { table: { column } } (better-sqlite3's expand mode).
  if (opts.byTable) statement.expand(true)
  return { row: statement.get(...params) as R | undefined }
}

/**
 * One row of `sql`: a quick read while the connection is idle, else the same SQL through Kysely,
 * which waits its turn behind (or runs inside) the open transaction. One text for both paths.
 */
export async function queryRow<R>(db: Executor, sql: string, params: unknown[]): Promise<R | undefined> {
  const quick = quickGet<R>(db, sql, params)
  if (quick) return quick.row
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, params))).rows[0]
}
