import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { migrationProvider } from '../../migrations/index.ts'
import type { DB } from './schema.ts'

export function openDatabase(file: string): Kysely<DB> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  // WAL lets readers run beside the one writer; NORMAL sync is durable across app crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

/**
 * Kysely's SQLite driver prepares every query afresh; on a thread page that was a sixth of the
 * CPU (bench/PERFORMANCE.md). Queries are built from a small set of shapes, so the compiled
 * statements are kept and reused, oldest dropped first beyond `max`. A statement still being
 * iterated (streamed) is never handed out twice.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500) {
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
    },
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const names: string[] = []
  for (;;) {
    const { error, results } = await migrator.migrateDown()
    if (error) throw error
    if (!results || results.length === 0) break
    names.push(...results.map((r) => r.migrationName))
  }
  return names
}
