// Which database a Kysely instance or transaction talks to. SQLite is the default and the fast
// paths in connection.ts are SQLite's; PostgreSQL (DATABASE_URL) goes through Kysely's
// PostgresDialect. Queries whose SQL differs between the two branch on this, here in server/db/.
import { PostgresAdapter } from 'kysely'

/** True when `db` (a Kysely instance or a transaction) runs on PostgreSQL. */
export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * A query text written with `?` placeholders (SQLite's, and what Kysely's SQLite compiler emits)
 * as PostgreSQL reads it: `$1`, `$2`, ... Only for texts written in server/db/, which hold no `?`
 * inside string literals or identifiers.
 */
export function numberedPlaceholders(text: string): string {
  let n = 0
  return text.replace(/\?/g, () => `$${++n}`)
}
