// Which database a Kysely instance or transaction talks to. SQLite is the default and the fast
// paths in connection.ts are SQLite's; PostgreSQL (DATABASE_URL) goes through Kysely's
// PostgresDialect. Queries whose SQL differs between the two branch on this, here in server/db/.
import { PostgresAdapter, sql, type Expression, type RawBuilder } from 'kysely'

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

type Db = { getExecutor(): { adapter: unknown } }

/**
 * The values of a JSON array passed as one parameter, as a subquery for `x in (...)`: one query
 * shape whatever the list's length (so prepared statements stay few). SQLite's json_each;
 * PostgreSQL's jsonb_array_elements_text, cast back to bigint for ids.
 */
export function jsonValues(db: Db, json: unknown, kind: 'id' | 'text' = 'id'): RawBuilder<number> {
  if (!isPostgres(db)) return sql<number>`(select value from json_each(${json}))`
  return kind === 'id'
    ? sql<number>`(select value::bigint from jsonb_array_elements_text(${json}::jsonb))`
    : sql<number>`(select value from jsonb_array_elements_text(${json}::jsonb))`
}

/** The ids of a JSON array passed as one parameter, as a table `alias` with one column, `value`. */
export function jsonIdTable(db: Db, json: unknown, alias: string): RawBuilder<unknown> {
  if (!isPostgres(db)) return sql`json_each(${json}) ${sql.raw(alias)}`
  return sql`(select value::bigint as value from jsonb_array_elements_text(${json}::jsonb)) ${sql.raw(alias)}`
}

/** The larger of two values: SQLite's two-argument max(), PostgreSQL's greatest(). */
export function greater<T>(db: Db, a: Expression<T> | RawBuilder<T>, b: Expression<T> | RawBuilder<T> | T): RawBuilder<T> {
  return isPostgres(db) ? sql<T>`greatest(${a}, ${b})` : sql<T>`max(${a}, ${b})`
}

/** A JSON document's member at `path` ('$.digest') as text: json_extract, or #>> on PostgreSQL. */
export function jsonText(db: Db, column: RawBuilder<unknown>, path: string): RawBuilder<string> {
  if (!isPostgres(db)) return sql<string>`json_extract(${column}, ${path})`
  return sql<string>`(${column}::jsonb #>> ${`{${path.replace(/^\$\./, '').split('.').join(',')}}`})`
}

/** Whether `needle` occurs in `haystack` (both text): instr() on SQLite, strpos() on PostgreSQL. */
export function containsText(db: Db, haystack: RawBuilder<unknown>, needle: unknown): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`(strpos(${haystack}, ${needle}) > 0)` : sql<boolean>`instr(${haystack}, ${needle})`
}

/** 1 where `condition` holds, else 0, to sum: a comparison is already 0 or 1 on SQLite, a boolean on PostgreSQL. */
export function truth(db: Db, condition: RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`(case when ${condition} then 1 else 0 end)` : sql<number>`(${condition})`
}

/** A whole-number parameter where PostgreSQL cannot infer its type (a case branch beside null). */
export function intParam(db: Db, value: number): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`${value}::bigint` : sql<number>`${value}`
}

/** SQLite's `indexed by NAME` (the plan a query was measured with); PostgreSQL has no such hint. */
export function indexedBy(db: Db, index: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`` : sql`indexed by ${sql.raw(index)}`
}

/** `a is b` (equal, or both null) with a parameter: SQLite's `is`, PostgreSQL's `is not distinct from`. */
export function isSame(db: Db, column: RawBuilder<unknown>, value: unknown): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${column} is not distinct from ${value}` : sql<boolean>`${column} is ${value}`
}

/** A join in the order written: SQLite's `cross join ... on` keeps its planner from reordering; PostgreSQL takes only `join ... on`. */
export function orderedJoin(db: Db): RawBuilder<unknown> {
  return isPostgres(db) ? sql`join` : sql`cross join`
}
