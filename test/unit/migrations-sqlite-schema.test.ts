// Existing deployments ran the migrations on SQLite as they landed: the PostgreSQL branches
// (migrations/postgres.ts) must leave every SQLite statement exactly as it was. sqlite-schema.sql
// is sqlite_master after migrating a fresh database with the migrations as they were before
// PostgreSQL came (commit b293b2a); a new migration adds its lines to it.
import fs from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateDown, migrateToLatest, openDatabase } from '../../server/db/database.ts'

async function schemaOf(db: ReturnType<typeof openDatabase>) {
  const { rows } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db)
  return rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql ?? '(automatic)'};\n`).join('\n')
}

describe('the migrations on SQLite', () => {
  it('create exactly the schema they created before PostgreSQL support, text for text', async () => {
    const db = openDatabase(':memory:')
    try {
      await migrateToLatest(db)
      expect(await schemaOf(db)).toBe(fs.readFileSync(new URL('./sqlite-schema.sql', import.meta.url), 'utf8'))
    } finally {
      await db.destroy()
    }
  })

  it('still roll all the way down and up again to the same schema', async () => {
    const db = openDatabase(':memory:')
    try {
      await migrateToLatest(db)
      await migrateDown(db)
      await migrateToLatest(db)
      expect(await schemaOf(db)).toBe(fs.readFileSync(new URL('./sqlite-schema.sql', import.meta.url), 'utf8'))
    } finally {
      await db.destroy()
    }
  })
})
