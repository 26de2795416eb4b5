// Issue 21: staff search looks through a bounded window of rows per request; when a window holds
// too few matches to fill a page, the cursor goes on below it, so older matches are still reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPostgres } from '../../server/db/dialect.ts'
import { staffWindowBottomQuery } from '../../server/db/staff-search.ts'
import { createLogger } from '../../server/logger.ts'
import { createUntrustedWork } from '../../server/offload/index.ts'
import { createStaffSearchService } from '../../server/services/staff-search.ts'
import { testConfig } from '../support/app.ts'
import { postgresPlan, sqlitePlan } from '../support/plans.ts'
import { startServiceHarness, type ServiceHarness } from '../support/services.ts'

let h: ServiceHarness
const logger = createLogger('silent')
const offload = createUntrustedWork(logger)
beforeAll(async () => {
  h = await startServiceHarness()
})
afterAll(async () => {
  await offload.close()
  await h?.close()
})

describe('staff search windows', () => {
  it('pages on past a window with no match until the old matches are found, then stops', async () => {
    const admin = await h.member({ admin: true })
    const grief = await h.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()
    const entry = (reason: string) => ({
      community_id: grief.id,
      actor_id: admin.actor.id,
      action: 'approve',
      target_type: 'post',
      target_id: 1,
      reason,
      created_at: h.clock.now(),
    })
    // Two old matches, then five newer entries that do not match.
    await h.db
      .insertInto('audit_log')
      .values([entry('zqold one'), entry('zqold two'), ...[1, 2, 3, 4, 5].map((n) => entry(`other ${n}`))])
      .execute()
    const deps = { db: h.db, clock: h.clock, config: testConfig({ DATABASE_PATH: ':memory:' }), logger, hooks: { afterPostWrite: () => {} }, offload }
    const staff = createStaffSearchService(deps, { window: 3 })
    const found: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await staff.search(admin, { q: 'zqold', kind: 'audit', limit: 5, cursor })
      found.push(...(page.entries ?? []).map((e) => e.reason!))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor && pages < 10)
    expect(found).toEqual(['zqold two', 'zqold one'])
    expect(pages).toBe(3)
  })
})

describe('staff search window plans', () => {
  // As the windows themselves: the primary key for reports, audit_log_community_idx for entries.
  it('finding where the next window starts walks an index, never the whole table', async () => {
    for (const kind of ['reports', 'audit'] as const) {
      const q = staffWindowBottomQuery(h.db, kind, { communityIds: [1, 2], beforeId: 100 }).compile(h.db)
      if (isPostgres(h.db)) {
        const plan = await postgresPlan(h.db, q)
        // Which index depends on the planner's statistics (on a few rows it may prefer the key); never the table.
        expect(plan, kind).toMatch(kind === 'reports' ? /"Index Name":"report_pkey"/ : /"Index Name":"audit_log_(community_idx|pkey)"/)
        expect(plan, kind).not.toMatch(/"Node Type":"Seq Scan"/)
        continue
      }
      const plan = await sqlitePlan(h.db, q)
      expect(plan, kind).toMatch(kind === 'reports' ? /SEARCH r USING INTEGER PRIMARY KEY/ : /SEARCH a USING COVERING INDEX audit_log_community_idx/)
      expect(plan, kind).not.toMatch(/SCAN (r|a)\b(?! USING)/)
    }
  })
})
