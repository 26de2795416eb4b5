// Every query issue #20 added runs on an index: each is run once through a logging Kysely, and
// SQLite's plan for exactly that SQL must not scan a table that grows with the forum.
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as cm from '../../server/db/connection-measures.ts'
import { migrateToLatest } from '../../server/db/database.ts'
import * as o from '../../server/db/outcomes.ts'
import type { DB } from '../../server/db/schema.ts'
import { tempDbPath } from '../support/app.ts'

let sqlite: SQLite.Database
let db: Kysely<DB>
const seen: CompiledQuery[] = []

beforeAll(async () => {
  sqlite = new SQLite(tempDbPath('outcome-plans'))
  db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => {
      if (e.level === 'query') seen.push(e.query)
    },
  })
  await migrateToLatest(db)
})
afterAll(async () => {
  await db.destroy()
})

describe('outcome queries', () => {
  it('read through indexes, never a scan of a growing table', async () => {
    seen.length = 0
    await o.findEnrolment(db, 1)
    await o.listOwnCheckIns(db, 1, 52)
    await o.listMailReminderDue(db, 5, 500)
    await o.memberHistograms(db, 1, 0, 10)
    await o.crisisItemsByResolver(db, 1, 0, 5, 500)
    await o.ownCrisisCounts(db, 1, 0, 5, 5, 500)
    await o.listDebriefRequests(db, 1, 0, 50)
    await o.listLeadIds(db, 1)
    await o.findLatestVisiblePost(db, 1, 1)
    await o.listOwnCommunities(db, 1)
    await cm.newMembersFirstPost(db, 1, 0)
    await cm.newMembersLastPost(db, 1, 0)
    expect(seen.length).toBeGreaterThanOrEqual(12)
    for (const q of seen) {
      const plan = sqlite
        .prepare(`explain query plan ${q.sql}`)
        .all(...(q.parameters as unknown[]))
        .map((r) => (r as { detail: string }).detail)
      for (const line of plan)
        expect(line, q.sql).not.toMatch(
          /^SCAN (post|thread|review_item|outcome_check_in|outcome_member_quarter|outcome_histogram|membership|user|debrief_request|outcome_enrolment)\b/,
        )
    }
  })
})
