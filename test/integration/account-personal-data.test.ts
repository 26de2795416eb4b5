// What the later issues keep about a member (wellbeing check-ins, blocks, follows, mutes, "this
// helped me", time zone) is in their data export, and goes when they delete their account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { binary, unzip } from '../support/zip.ts'

let rt: Runtime
let member: Member
let other: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  member = await buildMember(rt, { join: ['grief'] })
  other = await buildMember(rt, { join: ['grief'] })
  const grief = await rt.db.selectFrom('community').select('id').where('slug', '=', 'grief').executeTakeFirstOrThrow()
  const now = Date.now()
  await rt.db
    .insertInto('outcome_enrolment')
    .values({
      user_id: member.id,
      community_id: grief.id,
      interval_days: 14,
      consented_at: now,
      next_due_at: now + 14 * 86_400_000,
      reminded_at: null,
      updated_at: now,
    })
    .execute()
  await rt.db
    .insertInto('outcome_check_in')
    .values({ user_id: member.id, community_id: grief.id, created_at: now, wellbeing: 11, loneliness: 7, hope: 4 })
    .execute()
  const { thread, post } = await startThread(other, 'grief', { title: 'Their thread', body: 'Words that helped.' })
  await reply(member, thread.id, 'Thank you for this.')
  await rt.db.insertInto('helpful_mark').values({ post_id: post.id, user_id: member.id, created_at: now }).execute()
  await rt.db.insertInto('thread_watch').values({ user_id: member.id, thread_id: thread.id, level: 'follow', updated_at: now }).execute()
  const blocked = await member.agent.put(`/api/v1/me/blocks/${other.handle}`).set(csrf(member))
  expect(blocked.status).toBeLessThan(300)
  const blockedBy = await other.agent.put(`/api/v1/me/blocks/${member.handle}`).set(csrf(other))
  expect(blockedBy.status).toBeLessThan(300)
})
afterAll(async () => {
  await rt.close()
})

const rowsOf = async (userId: number) => ({
  checkIns: await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', userId).execute(),
  enrolment: await rt.db.selectFrom('outcome_enrolment').select('user_id').where('user_id', '=', userId).execute(),
  helpful: await rt.db.selectFrom('helpful_mark').select('post_id').where('user_id', '=', userId).execute(),
  watches: await rt.db.selectFrom('thread_watch').select('thread_id').where('user_id', '=', userId).execute(),
  reads: await rt.db.selectFrom('thread_read').select('thread_id').where('user_id', '=', userId).execute(),
  blocks: await rt.db
    .selectFrom('member_block')
    .select('blocker_id')
    .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute(),
})

describe("a member's own later data", () => {
  it('is in their export: wellbeing check-ins and their choices about others and threads', async () => {
    const res = await member.agent.get('/api/v1/me/export').buffer(true).parse(binary)
    expect(res.status).toBe(200)
    const files = await unzip(res.body as Buffer)
    const wellbeing = JSON.parse(files.get('wellbeing-check-ins.json')!)
    expect(wellbeing.enrolment).toMatchObject({ community: 'grief', everyDays: 14 })
    expect(wellbeing.answers).toEqual([expect.objectContaining({ community: 'grief', who5Raw: 11, loneliness3Item: 7, hope: 4 })])
    const choices = JSON.parse(files.get('choices.json')!)
    expect(choices.blocked.map((b: { handle: string }) => b.handle)).toEqual([other.handle])
    expect(choices.threads).toHaveLength(1)
    expect(choices.helpedMe).toHaveLength(1)
    // Who blocked them is the other member's, not theirs.
    expect(JSON.stringify(choices)).not.toContain(member.handle)
  })

  it('goes with the account: check-ins, enrolment, marks, follows, reading places and both sides of blocks', async () => {
    const before = await rowsOf(member.id)
    expect(before.checkIns).toHaveLength(1)
    expect(before.blocks).toHaveLength(2)
    const res = await member.agent.delete('/api/v1/me').set(csrf(member)).send({ password: member.password, mode: 'keep' })
    expect(res.status).toBe(200)
    const after = await rowsOf(member.id)
    for (const [what, rows] of Object.entries(after)) expect(rows, what).toHaveLength(0)
    // The other member's own choices stay theirs.
    expect(await rowsOf(other.id)).toMatchObject({ blocks: [] })
  })
})
