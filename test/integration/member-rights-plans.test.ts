// The indexes migration 0016 added for issue 19's queries are the ones those queries walk (the
// others use indexes that were there: post_author_idx, check_in_member_idx, session_user_idx).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from '../support/app.ts'

let rt: Runtime
beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => {
  await rt.close()
})

const plan = async (q: string) => ((await sql.raw(`explain query plan ${q}`).execute(rt.db)).rows as { detail: string }[]).map((r) => r.detail).join('\n')

describe('query plans of the member-rights queries', () => {
  it.each([
    ['threads a member started, by first post', "update thread set title = '' where author_id = 1 and first_post_id in (1, 2)", 'thread_author_idx'],
    ['reports a member made', 'select id from report where reporter_id = 1 and id > 0 order by id limit 200', 'report_reporter_idx'],
    ['mail to a deleted account', 'update mail_outbox set payload = null where user_id = 1', 'mail_outbox_user_idx'],
    ['the next pending erasure', 'select * from account_erasure where done_at is null order by id limit 1', 'account_erasure_pending_idx'],
  ])('%s uses its index', async (_label, query, index) => {
    const p = await plan(query)
    expect(p).toContain(index)
    expect(p).not.toMatch(/^SCAN (thread|report|mail_outbox|account_erasure)$/m)
  })
})
