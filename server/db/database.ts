import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrationProvider } from '../../migrations/index.ts'
import { postgresDdl } from '../../migrations/postgres.ts'
import type { CheckpointMessage, CheckpointThreadData } from './checkpoint-thread.ts'
import { registerConnection } from './connection.ts'
import { isPostgres } from './dialect.ts'
import type { DB } from './schema.ts'

export interface OpenOptions {
  /** Checkpoint the WAL from a worker thread instead of inside commits (the server does; one-shot tools need not). */
  backgroundCheckpoint?: boolean
  onCheckpointError?: (message: string) => void
  checkpointIntervalMs?: number
}

export function openDatabase(file: string, opts: OpenOptions = {}): Kysely<DB> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  // WAL lets readers run beside the one writer. FULL syncs the log at every commit, so a post the
  // member was told is saved survives a power cut or an OS crash too (NORMAL survives only the app
  // crashing: commits since the last checkpoint could vanish). Group commit shares one sync among
  // the writes of a turn; on the reply benchmark the cost was within the run-to-run noise.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Sorts and unions that need a temporary b-tree build it in memory: on disk each cost ~100 µs to set up.
  sqlite.pragma('temp_store = MEMORY')
  // 64 MiB of page cache (SQLite's default is 2 MiB): a search reads its window of posts from across
  // a large file, and on a 1M-post forum half its time went to pages the default cache had dropped.
  sqlite.pragma('cache_size = -65536')
  // After a checkpoint has caught up, the WAL file is cut back to this size rather than kept at its peak.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
  const checkpointer =
    opts.backgroundCheckpoint && file !== ':memory:'
      ? startCheckpointer(sqlite, path.resolve(file), opts.onCheckpointError, opts.checkpointIntervalMs)
      : undefined
  const statements = withStatementCache(sqlite, 500, () => checkpointer?.stop())
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) })
  registerConnection(db, sqlite, statements)
  return db
}

/**
 * PostgreSQL at `url` (postgres://...), through a pool of `max` connections. Each transaction
 * holds one connection; other queries take any free one. The quick paths in connection.ts are
 * SQLite's: on PostgreSQL every query goes through Kysely.
 */
export function openPostgres(url: string, opts: { max?: number } = {}): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: { getTypeParser } })
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}

// Every whole number here is a bigint on PostgreSQL (times are milliseconds since 1970, past 32
// bits), and count(*) is one too: node-postgres hands them over as strings, to keep precision past
// 2^53. The application's numbers never get there, and SQLite gives numbers: so do these.
const INT8 = 20
const NUMERIC = 1700
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value)
  return pg.types.getTypeParser(oid, format)
}

/** SQLite at config.databasePath, or PostgreSQL when config.databaseUrl is set. */
export function connectDatabase(config: { databasePath: string; databaseUrl?: string }, opts: OpenOptions = {}): Kysely<DB> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openDatabase(config.databasePath, opts)
}

/**
 * A WAL checkpoint copies the log into the database file and fsyncs both. SQLite runs it inside
 * whichever commit takes the log past 1,000 pages, on the event loop: on the reply benchmark that
 * was 45% of all commit time (commit 340 -> 190 µs without it). So the server's connection does not
 * checkpoint, and a worker thread with its own connection runs passive checkpoints: four times a
 * second when the log is short, every few milliseconds while it is long.
 *
 * The log starts again from its beginning only when a write finds every frame copied. Under
 * steady writes the thread never gets there (new frames arrive while it copies and fsyncs), and
 * the log grew by 60 MB a second on the reply benchmark, to 1.1 GB in 18 s. So when a pass has
 * copied all it saw of a long log, the thread tells the server's connection, which runs one
 * passive checkpoint of its own if the message is fresh: it copies and fsyncs the few frames
 * written since, and its next write starts the log again. (A stale message means thousands of
 * frames to copy and fsync on the event loop: 5-30 ms when passes were 250 ms apart.) A net:
 * should the thread never catch up, the connection checkpoints at commit past 16,384 frames, the
 * size journal_size_limit trims to. Should the thread fail, the connection checkpoints itself.
 */
const SAFETY_NET_FRAMES = 16_384
const FRESH_MS = 5

/**
 * Built, the thread is dist/checkpoint-thread.js beside the server. From the sources (tests,
 * tools) it is compiled once per process with esbuild into node_modules/.cache, where its
 * packages resolve as from the repository: a thread that first loads the TypeScript loader took
 * seconds to start on a busy machine, and checkpoints are due from the first writes.
 */
let sourcesEntry: URL | undefined
function checkpointThreadEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./checkpoint-thread.js', import.meta.url)
  if (!sourcesEntry) {
    const require = createRequire(import.meta.url)
    const esbuild = require('esbuild') as typeof import('esbuild')
    const source = fileURLToPath(new URL('./checkpoint-thread.ts', import.meta.url))
    const dir = path.resolve(path.dirname(source), '../../node_modules/.cache/alongside')
    fs.mkdirSync(dir, { recursive: true })
    // One file per process: test files run in parallel processes and must not write one file at once.
    const out = path.join(dir, `checkpoint-thread-${process.pid}.mjs`)
    esbuild.buildSync({ entryPoints: [source], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' })
    sourcesEntry = pathToFileURL(out)
  }
  return sourcesEntry
}

function startCheckpointer(sqlite: SQLite.Database, file: string, onError?: (message: string) => void, intervalMs = 250) {
  const data: CheckpointThreadData = { file, intervalMs, busyIntervalMs: 5, finishAt: 1000 }
  const worker = new Worker(checkpointThreadEntry(), {
    workerData: { checkpoint: data },
    // It allocates next to nothing: a small heap keeps its share of the server's memory small.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  })
  worker.unref()
  let stopping = false
  const fallBack = (message: string) => {
    if (stopping || !sqlite.open) return
    sqlite.pragma('wal_autocheckpoint = 1000')
    onError?.(message)
  }
  worker.on('message', (m: CheckpointMessage) => {
    if ('error' in m) return onError?.(`background checkpoint failed: ${m.error}`)
    // Inside a transaction (Kysely holds one across awaits), late, or after a slow pass (what was
    // written while it copied is left to copy), the next message will do.
    if (stopping || !sqlite.open || sqlite.inTransaction || Date.now() - m.at > FRESH_MS || m.took > FRESH_MS) return
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)')
    } catch (err) {
      onError?.(`checkpoint failed: ${(err as Error).message}`)
    }
  })
  worker.on('error', (err) => fallBack(`checkpoint thread failed: ${err.message}`))
  worker.on('exit', (code) => fallBack(`checkpoint thread exited (code ${code})`))
  // The net under the thread: should it never catch up (writes faster than it copies), the
  // connection checkpoints at commit once the log reaches the size journal_size_limit trims to.
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_FRAMES}`)
  return {
    stop() {
      stopping = true
      worker.postMessage('stop')
    },
  }
}

/**
 * Kysely's SQLite driver prepares every query afresh; on a thread page that was a sixth of the
 * CPU (bench/PERFORMANCE.md). Queries are built from a small set of shapes, so the compiled
 * statements are kept and reused, oldest dropped first beyond `max`. A statement still being
 * iterated (streamed) is never handed out twice.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500, beforeClose?: () => void) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    prepare(sql: string) {
      const hit = cache.get(sql)
      if (hit && !hit.busy) {
        // Re-insert so the Map's order stays least-recently-used first.
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      if (hit) return sqlite.prepare(sql)
      const stmt = sqlite.prepare(sql)
      cache.set(sql, stmt)
      if (cache.size > max) cache.delete(cache.keys().next().value!)
      return stmt
    },
    close() {
      cache.clear()
      sqlite.close()
      // Only then the checkpoint thread: the last connection to close copies the whole log into
      // the file and deletes it, and two closing at once could each leave that to the other.
      beforeClose?.()
    },
  }
}

/** The migrator: on PostgreSQL its statements pass through postgresDdl (migrations/postgres.ts). */
function newMigrator(db: Kysely<DB>) {
  return new Migrator({ db: isPostgres(db) ? db.withPlugin(postgresDdl) : db, provider: migrationProvider })
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = newMigrator(db)
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export async function migrateDown(db: Kysely<DB>): Promise<string[]> {
  const migrator = newMigrator(db)
  const names: string[] = []
  for (;;) {
    const { error, results } = await migrator.migrateDown()
    if (error) throw error
    if (!results || results.length === 0) break
    names.push(...results.map((r) => r.migrationName))
  }
  return names
}

/**
 * A consistent copy of the database file at `out`, taken while the server may be writing. One read
 * snapshot, however busy the server: SQLite's page-by-page online backup started again at every
 * write from another connection, and under steady posting never finished. Leaves no partial file.
 */
export function backupDatabase(file: string, out: string) {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    sqlite.prepare('vacuum into ?').run(out)
  } catch (err) {
    fs.rmSync(out, { force: true })
    throw err
  } finally {
    sqlite.close()
  }
}
