// The database connection under Kysely, used directly where Kysely's per-query cost shows: cached
// prepared statements for point reads and hot writes, transactions that let those run inside them,
// and group commit (writes of one event-loop turn share a commit). Named for what it holds: it was quick.ts.
import type SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
  type Transaction,
} from 'kysely'
import { isPostgres, numberedPlaceholders } from './dialect.ts'
import type { DB, Executor } from './schema.ts'

type Connection = { sqlite: SQLite.Database; statements: { prepare(sql: string): SQLite.Statement } }
const connections = new WeakMap<object, Connection>()

/** openDatabase registers each Kysely instance with the connection and statement cache under it. */
export function registerConnection(db: object, sqlite: SQLite.Database, statements: { prepare(sql: string): SQLite.Statement }) {
  connections.set(db, { sqlite, statements })
}

/**
 * A single-row read as a cached prepared statement straight on the connection, skipping Kysely's
 * per-call query building (about 15 µs a query; four such reads were a tenth of a cached thread
 * page). Only for the handful of point reads every request makes (server/db/*: session, thread,
 * community, membership), and only while the connection is idle or held by our own transaction()
 * (see readyConnection): Kysely holds a transaction across awaits, and a read in between would see
 * its uncommitted rows. Returns undefined when the caller must use Kysely instead (someone else's
 * transaction, or a Kysely instance not from openDatabase). Nothing here streams rows with Kysely's stream(); a
 * read during an open iterator would fail with "connection busy", so one that does must check.
 */
export function quickGet<R>(db: object, sql: string, params: unknown[], opts: { byTable?: boolean } = {}): { row: R | undefined } | undefined {
  const c = readyConnection(db)
  if (!c) return undefined
  const statement = c.statements.prepare(sql)
  // byTable: a join's columns come back as { table: { column } } (better-sqlite3's expand mode).
  if (opts.byTable) statement.expand(true)
  return { row: statement.get(...params) as R | undefined }
}

/**
 * One row of `sql`: a quick read while the connection is idle, else the same SQL through Kysely,
 * which waits its turn behind (or runs inside) the open transaction. One text for both paths,
 * written with `?` placeholders; on PostgreSQL they are numbered ($1, $2...) and Kysely runs it.
 */
export async function queryRow<R>(db: Executor, sql: string, params: unknown[]): Promise<R | undefined> {
  const quick = quickGet<R>(db, sql, params)
  if (quick) return quick.row
  return (await db.executeQuery<R>(CompiledQuery.raw(isPostgres(db) ? numberedPlaceholders(sql) : sql, params))).rows[0]
}

/** The connection a Kysely transaction opened by transaction() holds until it ends. */
const held = new WeakMap<object, Connection>()

/**
 * db.transaction().execute(fn), with the transaction registered so that prepared queries run in
 * it synchronously on the connection it holds. Kysely queries in fn run in it as usual.
 */
export function transaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const once = () =>
    db.transaction().execute(async (trx) => {
      const c = connections.get(db)
      if (c) held.set(trx, c)
      try {
        return await fn(trx)
      } finally {
        held.delete(trx)
      }
    })
  // SQLite's one connection serialises writers: nothing to retry there.
  return isPostgres(db) ? withRetry(once) : once()
}

/** How many times a PostgreSQL transaction is tried in all before a deadlock's error is thrown. */
export const TRANSACTION_ATTEMPTS = 5
const RETRYABLE = new Set(['40P01', '40001']) // deadlock_detected, serialization_failure

/** The error (or the one it wraps) is PostgreSQL breaking a deadlock or a serialisation conflict. */
export function isRetryable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (RETRYABLE.has(String((e as { code?: unknown }).code))) return true
  }
  return false
}

type RetryLog = (fields: { attempt: number; code: string }, message: string) => void
let retryLog: RetryLog | undefined
/** Where a retried transaction is logged (the runtime's logger, at warn): codes and counts only. */
export function setTransactionRetryLog(log: RetryLog | undefined) {
  retryLog = log
}

/**
 * Runs a whole transaction again when PostgreSQL aborted it to break a deadlock (40P01) or a
 * serialisation conflict (40001): its writes were rolled back, so the function starts afresh.
 * The functions given to transaction() and groupCommit() write only to the database; what they
 * set off outside it (hooks, wake-ups, cache) happens after the commit, in their callers.
 * A small random pause lets the other transaction finish first; after TRANSACTION_ATTEMPTS the
 * error is thrown as before.
 */
async function withRetry<T>(once: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once()
    } catch (err) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(err)) throw err
      retryLog?.({ attempt, code: codeOf(err) }, 'transaction aborted by the database, trying again')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt))
    }
  }
}

function codeOf(err: unknown): string {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return 'unknown'
}

/** The connection to run on synchronously now, or undefined when Kysely must queue the query. */
function readyConnection(db: object) {
  const own = held.get(db)
  if (own) {
    // A transaction object kept past its end would otherwise write outside any transaction.
    if (!own.sqlite.inTransaction) throw new Error('prepared query on a transaction that has ended')
    return own
  }
  const c = connections.get(db)
  return c && !c.sqlite.inTransaction && c.sqlite.open ? c : undefined
}

class Slot {
  constructor(readonly name: string) {}
}

// Compile only: they never connect. prepared() compiles each query for both dialects once.
const compiler = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})
const pgCompiler = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

export interface PreparedQuery<P, R> {
  readonly sql: string
  /** Every row. */
  all(db: Executor, params: P): Promise<R[]>
  /** The first row, or undefined. */
  first(db: Executor, params: P): Promise<R | undefined>
  /** A write without RETURNING: how many rows it changed. */
  run(db: Executor, params: P): Promise<number>
}

/**
 * A query written with Kysely's builder once, at load time, and run many times as one cached
 * prepared statement. `build` receives stand-ins for the parameters (`p.name`), so the query is
 * type-checked as any other; each call binds the values it is given. Building and compiling a
 * query through Kysely costs 10-30 µs, a statement run 2-20 µs: the reply path makes twenty
 * queries. Runs synchronously on the connection when it is idle or held by a transaction()
 * transaction, else through Kysely, which waits its turn; either way one SQL text. The query's
 * shape must not depend on the values (no `in` lists of varying length: use json_each).
 */
export function prepared<P extends object, C extends Compilable<unknown>>(
  build: (db: Kysely<DB>, p: P) => C,
): PreparedQuery<P, InferResult<C> extends (infer R)[] ? R : never> {
  const stand = new Proxy({}, { get: (_, name) => new Slot(String(name)) }) as P
  const forDialect = (k: Kysely<DB>) => {
    const compiled = build(k, stand).compile()
    const sources = compiled.parameters.map((v) => (v instanceof Slot ? v.name : { value: v }))
    const values = (p: P) => sources.map((s) => (typeof s === 'string' ? ((p as Record<string, unknown>)[s] ?? null) : s.value))
    return { sql: compiled.sql, values }
  }
  const lite = forDialect(compiler)
  let pgQuery: ReturnType<typeof forDialect> | undefined
  const run = (db: Executor, p: P) => {
    if (!isPostgres(db)) return execute(db, lite.sql, lite.values(p))
    pgQuery ??= forDialect(pgCompiler)
    return execute(db, pgQuery.sql, pgQuery.values(p))
  }
  return {
    sql: lite.sql,
    all: async (db, p) => (await run(db, p)).rows as (InferResult<C> extends (infer R)[] ? R : never)[],
    first: async (db, p) => (await run(db, p)).rows[0] as (InferResult<C> extends (infer R)[] ? R : never) | undefined,
    run: async (db, p) => (await run(db, p)).changes,
  }
}

/** `sql` with its values: on the connection when it may run there now (readyConnection), else through Kysely. */
async function execute(db: Executor, sql: string, values: unknown[]): Promise<{ rows: unknown[]; changes: number }> {
  const c = readyConnection(db)
  if (!c) {
    const result = await db.executeQuery(CompiledQuery.raw(sql, values))
    return { rows: result.rows, changes: Number(result.numAffectedRows ?? 0n) }
  }
  const statement = c.statements.prepare(sql)
  if (statement.reader) return { rows: statement.all(...values), changes: 0 }
  return { rows: [], changes: statement.run(...values).changes }
}

const runRaw = (db: Executor, text: string) => execute(db, text, [])

/** A savepoint could not be rolled back: the transaction around it must not commit. */
class TransactionBroken extends Error {
  constructor(readonly cause: unknown) {
    super(`could not roll back a savepoint: ${(cause as Error)?.message}`)
  }
}

/**
 * fn inside a savepoint of the open transaction: if it throws, its writes alone are rolled back
 * and its error is thrown. Should the rollback itself fail, TransactionBroken is thrown.
 */
async function savepoint<T>(trx: Transaction<DB>, fn: () => Promise<T>): Promise<T> {
  await runRaw(trx, 'savepoint part')
  let result: T
  try {
    result = await fn()
  } catch (err) {
    try {
      await runRaw(trx, 'rollback to part')
      await runRaw(trx, 'release part')
    } catch (rollbackErr) {
      throw new TransactionBroken(rollbackErr)
    }
    throw err
  }
  await runRaw(trx, 'release part')
  return result
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

/**
 * One transaction, one commit, with each part in a savepoint of its own, run in order: a part
 * that throws is rolled back alone and its error kept in its place; the others stand. Rejects,
 * with nothing saved, if the transaction fails or a savepoint cannot be rolled back.
 */
function transactionInParts<T>(db: Kysely<DB>, parts: ((trx: Transaction<DB>) => Promise<T>)[]): Promise<Settled<T>[]> {
  return transaction(db, async (trx) => {
    const out: Settled<T>[] = []
    for (const part of parts) {
      try {
        out.push({ ok: true, value: await savepoint(trx, () => part(trx)) })
      } catch (error) {
        if (error instanceof TransactionBroken) throw error
        // A deadlock broken by PostgreSQL: the parts before this one hold locks the other
        // transaction waits on, so the whole group is rolled back and run again (transaction()).
        if (isRetryable(error)) throw error
        out.push({ ok: false, error })
      }
    }
    return out
  })
}

type Queued = { fn: (trx: Transaction<DB>) => Promise<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void }
const groups = new WeakMap<object, Queued[]>()

/**
 * transaction(), but writes asked for in the same turn of the event loop share one transaction
 * and so one commit (group commit): a commit is a write of every changed page to the log, the
 * largest single cost of a reply. Each caller's fn runs in a savepoint of its own, in the order
 * asked: one that throws is rolled back alone and gets its error; the others stand. Every caller
 * hears back only after the commit, so nothing is reported saved before it is.
 */
export function groupCommit<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let queue = groups.get(db)
  if (!queue) {
    queue = []
    groups.set(db, queue)
  }
  const first = queue.length === 0
  const promise = new Promise<T>((resolve, reject) => queue.push({ fn, resolve: resolve as (value: unknown) => void, reject }))
  if (first) setImmediate(() => flushGroup(db, queue.splice(0)))
  return promise
}

async function flushGroup(db: Kysely<DB>, batch: Queued[]) {
  // Alone, a writer needs no savepoint: if it throws, its transaction rolls back as ever.
  if (batch.length === 1) {
    const only = batch[0]!
    return transaction(db, only.fn).then(only.resolve, only.reject)
  }
  let outcomes: Settled<unknown>[]
  try {
    outcomes = await transactionInParts(
      db,
      batch.map(({ fn }) => fn),
    )
  } catch (error) {
    // The commit failed, or a deadlock outlasted every retry of the whole group (transaction()):
    // nothing in the group was saved, and every writer hears so.
    for (const { reject } of batch) reject(error)
    return
  }
  batch.forEach(({ resolve, reject }, i) => {
    const o = outcomes[i]!
    if (o.ok) resolve(o.value)
    else reject(o.error)
  })
}
